#!/usr/bin/env python3
"""Make tests/data/plan_document.docx and .pdf from tests/data/plan_document.txt, the
plan document in the form a district publishes it: each paragraph of the text (blank
lines apart, as extracted from the original PDF, page-break cuts included) becomes a
Word paragraph, and a page of an A4 PDF set the way official documents are (title
centred, two-character first-line indent, page numbers "— n —" at the foot).

    .venv/bin/python scripts/make_plan_documents.py            # (re)write both
    .venv/bin/python scripts/make_plan_documents.py --check    # are they current?

The reader must make the same plan of all three (tests/reader/test_seed.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data"
SOURCE = DATA / "plan_document.txt"


def seed_paragraphs() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n") if p.strip()]


def write_docx(paragraphs: list[str], out: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    for n, text in enumerate(paragraphs):
        para = document.add_paragraph()
        run = para.add_run(text)
        if n == 0:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(22)
            run.bold = True
        else:
            para.paragraph_format.first_line_indent = Pt(32)
            if text[:2] in ("一、", "二、", "三、", "四、", "五、"):
                run.bold = True
    props = document.core_properties
    props.author = "IPDesk test data"
    props.created = props.modified = datetime(2023, 11, 1)
    props.last_modified_by = "IPDesk test data"
    document.save(str(out))
    return out


def write_pdf(paragraphs: list[str], out: Path) -> Path:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from ipdesk.reports.fonts import register_fonts

    regular, bold = register_fonts()
    body = ParagraphStyle(
        "body", fontName=regular, fontSize=15, leading=26, firstLineIndent=30, wordWrap="CJK"
    )
    heading = ParagraphStyle("heading", parent=body, fontName=bold)
    title = ParagraphStyle(
        "title", fontName=bold, fontSize=20, leading=32, alignment=TA_CENTER, wordWrap="CJK"
    )

    def page_number(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(regular, 12)
        canvas.drawCentredString(A4[0] / 2, 14 * mm, f"— {doc.page} —")
        canvas.restoreState()

    story = [Paragraph(paragraphs[0], title), Spacer(1, 12)]
    for text in paragraphs[1:]:
        style = heading if text[:2] in ("一、", "二、", "三、", "四、", "五、") else body
        story.append(Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), style))
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=paragraphs[0],
        author="IPDesk test data",
        invariant=1,
    )
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args()
    paragraphs = seed_paragraphs()
    if not args.check:
        print(write_docx(paragraphs, DATA / "plan_document.docx"))
        print(write_pdf(paragraphs, DATA / "plan_document.pdf"))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = write_pdf(paragraphs, Path(tmp) / "p.pdf")
        same = fresh.read_bytes() == (DATA / "plan_document.pdf").read_bytes()
    print("current" if same else "out of date: run scripts/make_plan_documents.py")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
