"""Printed tables keep their text inside the cells and never leave one row alone on a
page (issue 13): read back with pdftotext, page by page."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer

from ipdesk.reports.pdf import page
from tests.reports.conftest import pdf_pages, pdf_text

# A progress text whose full-width commas fall at line ends for many widths.
HANGING = (
    "2025年第三季度：完成相关制度文件的起草，已征求成员单位意见；走访重点企业22家，收集需求5条。"
)


def test_no_line_reaches_past_its_cell_not_even_a_closing_comma():
    styles = page.make_styles(8.5)
    style = styles.cell
    hung = 0
    for width in range(40, 260):
        cell = page.Paragraph(HANGING, style)
        cell.wrap(width, 1000)
        lines = ["".join(line[1]) for line in cell.blPara.lines]
        widths = [stringWidth(line, style.fontName, style.fontSize) for line in lines]
        assert max(widths) <= width + 0.01, (width, lines)
        assert "".join(lines) == HANGING  # nothing lost
        hung += any(line.endswith("，") for line in lines)
    assert hung  # the case that used to overflow did come up


def _table_pdf(tmp_path: Path, rows: int, before_mm: float) -> Path:
    styles = page.make_styles(8.5)
    body = [
        [page.text(f"第{n:02d}行", styles.cell), page.text("内容" * 40, styles.cell)]
        for n in range(1, rows + 1)
    ]
    table = page.grid_table(["行", "内容"], body, [30 * mm, 120 * mm], styles=styles)
    out = tmp_path / "t.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build([Spacer(1, before_mm * mm), table])
    return out


def _rows_per_page(pdf: Path) -> list[int]:
    return [len(re.findall(r"第\d\d行", p)) for p in pdf_text(pdf).split("\f") if p.strip()]


def test_a_page_never_ends_with_the_header_and_a_single_row(tmp_path):
    # Leave room on page 1 for the header and one row and a half, for every offset.
    seen_split = False
    for before in range(200, 238, 2):
        counts = _rows_per_page(_table_pdf(tmp_path, 6, before))
        assert all(c != 1 for c in counts), (before, counts)
        seen_split |= len(counts) > 1
    assert seen_split


def test_the_last_row_is_never_carried_alone_to_a_new_page(tmp_path):
    for rows in range(10, 30):
        pdf = _table_pdf(tmp_path, rows, 0)
        counts = _rows_per_page(pdf)
        assert sum(counts) == rows
        assert all(c >= 2 for c in counts), (rows, counts)
        if pdf_pages(pdf) > 1:
            assert "第01行" not in pdf_text(pdf).split("\f")[1]
