"""Printed tables keep their text inside the cells and never leave one row alone on a
page (issue 13): read back with pdftotext, page by page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer, Table

from ipdesk.plan.rules import Light
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


def _words(pdf: Path) -> list[tuple[int, str, tuple[float, ...]]]:
    """Every word pdftotext reads: its page, text and box (to 0.01 pt)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for n, part in enumerate(html.split("<page ")[1:], start=1):
        for *box, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', part
        ):
            found.append((n, word, tuple(round(float(v), 2) for v in box)))
    return sorted(found)


class _CellByCell(page.GridTable):
    """The table as reportlab draws it: each cell its own flowable (the reference)."""

    def draw(self) -> None:
        Table.draw(self)


def test_a_tables_cells_written_together_read_as_each_cell_drawn_alone(tmp_path):
    # A grid table writes its cells' text into one text object; a reader sees the same
    # words at the same places as when every cell draws itself: left, centred and
    # right-aligned cells, two texts in one cell, a light's coloured mark, the header's
    # middle alignment, a long cell split across pages and the header repeated on the
    # next page.
    styles = page.make_styles(8.5)
    body = [
        [
            page.code_cell(f"1.{n}", f"一（{n}）", styles.cell_center),
            page.text(
                f"第{n:02d}项任务" + ("，推进知识产权工作" * (30 if n == 7 else 2)), styles.cell
            ),
            page.text(f"{n * 12.5:.1f}", styles.cell_right),
            [
                page.text(f"完成 {n}%", styles.cell),
                page.light_cell(Light.red if n % 2 else Light.green, styles.cell_center),
            ],
        ]
        for n in range(1, 30)
    ]
    extra = [page.light_fill(n, 3, Light.red) for n in range(1, 30, 2)]
    pdfs = []
    for kind in ("together", "alone"):
        table = page.grid_table(
            ["编号", "任务", "数值", "预警"],
            body,
            [22 * mm, 100 * mm, 20 * mm, 24 * mm],
            styles=styles,
            extra=extra,
        )
        if kind == "alone":
            table.__class__ = _CellByCell  # its split parts are made of its class
        out = tmp_path / f"{kind}.pdf"
        SimpleDocTemplate(str(out), pagesize=A4).build([Spacer(1, 150 * mm), table])
        pdfs.append(out)
    together, alone = (_words(p) for p in pdfs)
    assert pdf_pages(pdfs[0]) == pdf_pages(pdfs[1]) >= 2
    assert [w[:2] for w in together] == [w[:2] for w in alone]
    assert all(
        max(abs(a - b) for a, b in zip(w[2], v[2], strict=True)) < 0.02
        for w, v in zip(together, alone, strict=True)
    )
    text_ = pdf_text(pdfs[0])
    assert "第29项任务" in text_ and "■ 红·滞后" in text_ and "● 绿·正常" in text_
    assert text_.count("编号") == pdf_pages(pdfs[0])  # the header on every page
