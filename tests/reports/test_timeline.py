"""How the printed timeline is cut into pages: by rows and, for a long plan, by time,
with the row labels on every page and never drawn smaller than a readable month."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm

from ipdesk.read.snapshot import snapshot
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
from ipdesk.store.files import open_plan
from tests.reports.conftest import ON

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
