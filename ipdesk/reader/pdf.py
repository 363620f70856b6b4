"""A PDF's text layer as paragraphs (pdfminer.six). Lines are put back together by
the page's layout: a paragraph starts with an indented line, after a line that
stopped short of the right margin, after a wider gap, or with a centred line; a
paragraph running over a page break goes on with the first line of the next page.
Page numbers at the foot of a page are dropped."""

from __future__ import annotations

import io
import logging
from collections import Counter
from pathlib import Path

from ipdesk.messages import message
from ipdesk.reader.formats import PAGE_NUMBER_RE, DocumentRefused


def _refuse_encrypted(path: Path) -> DocumentRefused:
    return DocumentRefused(
        path,
        message("pdf.pdf_encrypted_needs_password"),
    )


def _lines(path: Path, data: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page: (x0, x1, top, height, text) of every text line, top to bottom."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    for name in ("pdfminer", "pdfminer.pdfpage", "pdfminer.pdfinterp", "pdfminer.converter"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if not data.startswith(b"%PDF"):
        raise DocumentRefused(path, message("pdf.file_damaged_not_pdf"))
    pages: list[list[tuple[float, float, float, float, str]]] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.3)):
            lines = []
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for line in box:
                    if isinstance(line, LTTextLine):
                        text = line.get_text().rstrip("\n")
                        if text.strip():
                            lines.append(
                                (line.x0, line.x1, page.height - line.y1, line.height, text)
                            )
            lines.sort(key=lambda ln: (round(ln[2], 0), ln[0]))
            pages.append(lines)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _refuse_encrypted(path) from None
    except PDFSyntaxError:
        raise DocumentRefused(path, message("pdf.pdf_damaged")) from None
    except Exception as exc:
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise _refuse_encrypted(path) from None
        raise DocumentRefused(
            path,
            message("pdf.pdf_cannot_read", name=type(exc).__name__),
        ) from None
    if not any(pages):
        raise DocumentRefused(
            path,
            message("pdf.pdf_has_no_text"),
        )
    return pages


def pdf_paragraphs(path: Path, data: bytes) -> list[tuple[str, list[str] | None, bool]]:
    pages = _lines(path, data)
    body = [ln for page in pages for ln in page if not PAGE_NUMBER_RE.match(ln[4])]
    if not body:
        return []
    left = Counter(round(ln[0]) for ln in body).most_common(1)[0][0]
    right = max(Counter(round(ln[1]) for ln in body).most_common(3))[0]
    size = Counter(round(ln[3]) for ln in body).most_common(1)[0][0] or 12
    centre = (left + right) / 2
    out: list[tuple[str, list[str] | None, bool]] = []
    current: list[str] = []
    last_x1: float = right
    for page in pages:
        lines = [ln for ln in page if not PAGE_NUMBER_RE.match(ln[4])]
        prev_top = None
        for x0, x1, top, height, text in lines:
            indented = x0 > left + size * 0.8
            centred = indented and abs((x0 + x1) / 2 - centre) < size and x1 < right - size
            gap = prev_top is not None and top - prev_top > height * 1.9
            short_before = last_x1 < right - size * 1.5
            if current and (indented or short_before or gap or centred):
                out.append(("".join(current), None, False))
                current = []
            current.append(text.strip() if not current else text.strip())
            if centred:
                out.append(("".join(current), None, True))
                current = []
            last_x1 = x1
            prev_top = top
    if current:
        out.append(("".join(current), None, False))
    return out
