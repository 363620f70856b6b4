"""How the printed timeline is cut into pages: by rows and, for a long plan, by time,
with the row labels on every page and never drawn smaller than a readable month; and
its bars' patterns for black-and-white printers."""

from __future__ import annotations

import re
from datetime import date

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from reportlab.lib.units import mm

from ipdesk.plan.rules import Light
from ipdesk.read.snapshot import snapshot
from ipdesk.reports.pdf import write_pdf
from ipdesk.reports.pdf.timeline import (
    LABEL_WIDTH,
    MIN_MONTH,
    Row,
    add_months,
    build_rows,
    months_between,
    paginate,
    timeline_tiles,
)
from ipdesk.store import edits
from ipdesk.store.files import open_plan
from ipdesk.store.names import find_task
from tests.reports.conftest import ON, read_sheet

A4_LANDSCAPE = (269 * mm, 178 * mm)


def snap_of(path):
    db = open_plan(path)
    try:
        return snapshot(db, ON)
    finally:
        db.close()


def test_month_arithmetic():
    assert months_between(date(2023, 11, 1), date(2026, 6, 30)) == 32
    assert add_months(date(2023, 11, 1), 2) == date(2024, 1, 1)
    assert add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)


def test_rows_follow_the_document(sheet_master):
    snap = snap_of(sheet_master)
    rows = build_rows(snap)
    groups = [r for r in rows if r.kind == "group"]
    areas = [s for s in snap.sections.values() if s.kind == "area"]
    assert [g.code for g in groups[: len(areas)]] == [a.code for a in areas]
    assert [g.code for g in groups if g.phase is not None] == [p.code for p in snap.phases]
    shown = {r.code for r in rows if r.kind != "group"}
    assert shown == {t.code for t in snap.tasks}  # every task, sub-task, activity, safeguard
    for row in rows:
        if row.kind == "activity":
            phase = next(p for p in snap.phases if row.code.startswith(p.code + "."))
            assert phase.start <= row.start <= row.due <= phase.end


def test_one_page_of_the_real_plan_shows_the_whole_period(sheet_master):
    snap = snap_of(sheet_master)
    tiles = timeline_tiles(snap, *A4_LANDSCAPE)
    assert {(t.first, t.months) for t in tiles} == {(date(2023, 11, 1), 32)}
    assert all(t.month_w >= MIN_MONTH for t in tiles)
    assert sum(len([r for r in t.rows if not r.title.endswith("（续）")]) for t in tiles) == len(
        build_rows(snap)
    )


def test_a_narrow_page_splits_by_time_and_repeats_the_labels(sheet_master):
    snap = snap_of(sheet_master)
    wanted = 12 * mm  # a month this wide leaves room for fewer months
    tiles = timeline_tiles(snap, *A4_LANDSCAPE, min_month=wanted)
    windows = sorted({(t.first, t.months) for t in tiles})
    assert len(windows) >= 2
    assert sum(m for _, m in windows) == 32
    assert windows[0][0] == date(2023, 11, 1)
    for (start, months), (following, _) in zip(windows, windows[1:], strict=False):
        assert add_months(start, months) == following  # consecutive, no month lost
    for tile in tiles:
        assert tile.month_w >= wanted
        assert tile.chart_x == LABEL_WIDTH  # every page keeps the label column
    by_rows: dict[int, list] = {}
    for tile in tiles:
        by_rows.setdefault(id(tile.rows), []).append(tile)
    for same_rows in by_rows.values():
        assert len(same_rows) == len(windows)  # each row chunk on every time window


def test_a_group_heading_never_ends_a_page_and_is_repeated_when_cut():
    rows = [Row("group", "3.1", "领域一")] + [Row("task", f"3.1.{n}", "任务") for n in range(1, 9)]
    rows += [Row("group", "3.2", "领域二")] + [Row("task", f"3.2.{n}", "任务") for n in range(1, 4)]
    for r in rows:
        r.lines = [r.title]
        r.height = 10
    chunks = paginate(rows, body_height=45)
    for chunk in chunks:
        assert chunk[-1].kind != "group"
        assert sum(r.height for r in chunk) <= 45
    assert chunks[1][0].title == "领域一（续）"
    flat = [r.code for chunk in chunks for r in chunk if not r.title.endswith("（续）")]
    assert flat == [r.code for r in rows]


def _form_uses(path) -> tuple[list[dict[str, int]], dict[str, bytes]]:
    """How often each page's content draws each form (`/Name Do`), page by page, and
    each form's own drawing, decoded (forms drawn inside forms included)."""
    pages: list[dict[str, int]] = []
    forms: dict[str, bytes] = {}

    def collect(resources) -> None:
        for name, ref in (resolve1((resources or {}).get("XObject")) or {}).items():
            if name not in forms:
                form = resolve1(ref)
                forms[name] = form.get_data()
                collect(resolve1(form.attrs.get("Resources")))

    with open(path, "rb") as f:
        doc = PDFDocument(PDFParser(f))
        for pdf_page in PDFPage.create_pages(doc):
            streams = pdf_page.contents if isinstance(pdf_page.contents, list) else []
            content = b"".join(resolve1(s).get_data() for s in streams)
            uses: dict[str, int] = {}
            for name in re.findall(rb"/(\S+) Do", content):
                uses[name.decode()] = uses.get(name.decode(), 0) + 1
            pages.append(uses)
            collect(pdf_page.resources)
    return pages, forms


def test_red_bars_print_hatched_and_yellow_bars_dotted(demo_master, tmp_path):
    """The patterns that survive a black-and-white printer: each red bar shows the
    hatching and each yellow bar the dots (one drawing of each per sheet, every bar
    showing its stretch of it), and so do the legend's swatches on every page."""
    db = open_plan(demo_master)
    try:
        for code in ("3.1.1", "3.2.1"):  # past due and not done: red
            edits.update_task(db, find_task(db, code).id, due_date="2025-06-30")
        path = write_pdf(db, "timeline", tmp_path / "timeline.pdf", period="2025Q2", on=ON)
        rows = build_rows(snapshot(db, ON))
    finally:
        db.close()
    pages, forms = _form_uses(path)
    assert len(pages) == read_sheet(path).pages
    (legend,) = [n for n in forms if "Legend" in n]
    assert all(uses.get(legend) == 1 for uses in pages)  # the legend on every page
    for light in (Light.red, Light.yellow):
        (name,) = [n for n in forms if f"Bar{light.name}" in n]
        assert forms[name].count(b" m ") > 100  # strokes or dots across the whole chart
        bars = sum(1 for r in rows if r.kind != "group" and r.light is light)
        assert bars and sum(uses.get(name, 0) for uses in pages) >= bars, (light, bars)
        assert f"/{name} Do".encode() in forms[legend]  # the legend's swatch


def test_every_page_shows_its_title_scale_and_legend_as_text(sheet_master, tmp_path):
    """The title, the phases, the scale and the legend are drawn once per sheet (forms
    every page shows); a reader still finds them on every page, as text."""
    db = open_plan(sheet_master)
    try:
        path = write_pdf(db, "timeline", tmp_path / "timeline.pdf", period="2025Q2", on=ON)
        snap = snapshot(db, ON)
    finally:
        db.close()
    sheet = read_sheet(path)
    assert sheet.pages >= 2
    for n in range(1, sheet.pages + 1):
        text = sheet.page(n)
        assert f"工作进度甘特图（{snap.info.short_name}）" in text
        assert "实施阶段" in text and "季度" in text and "2024年" in text
        assert all(p.name in text.replace("\n", "") for p in snap.phases)
        assert "红·滞后" in text and "已完成比例" in text and "里程碑（计划）" in text
        assert f"第 {n} 页" in text
    # Every task's bar carries its label (% done and light), besides each page's legend.
    words = [f"{light.label_zh}·{light.word_zh}" for light in Light]
    bars = [r for r in build_rows(snap) if r.kind != "group"]
    labelled = sum(sheet.text.count(w) for w in words) - len(words) * sheet.pages
    assert labelled == len(bars)
