"""The 台账 workbook read back with openpyxl and compared with the file it came from."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from ipdesk.plan.codes import display_code
from ipdesk.read.snapshot import snapshot
from ipdesk.reports import data
from ipdesk.reports.xlsx_ledger import SHEETS, write_ledger
from ipdesk.reports.xlsx_stream import RowStream, Style
from ipdesk.store import edits
from ipdesk.store.files import open_plan
from ipdesk.store.names import find_department, find_task
from tests.reports.conftest import ON


@pytest.fixture(scope="module")
def ledger(sheet_master, tmp_path_factory):
    db = open_plan(sheet_master)
    try:
        out = write_ledger(db, tmp_path_factory.mktemp("ledger") / "台账.xlsx", on=ON)
        snap = snapshot(db, ON)
        reports = db.execute(
            "SELECT t.code, d.short_name, r.period, r.status, r.percent, r.progress, r.problems,"
            " r.next_steps FROM progress_reports r JOIN tasks t ON t.id = r.task_id"
            " JOIN departments d ON d.id = r.department_id WHERE r.deleted = 0"
        ).fetchall()
        values = db.execute(
            "SELECT i.code, d.short_name, v.period, v.value FROM indicator_values v"
            " JOIN indicators i ON i.id = v.indicator_id"
            " JOIN departments d ON d.id = v.department_id WHERE v.deleted = 0"
        ).fetchall()
    finally:
        db.close()
    return load_workbook(out), snap, reports, values


def rows(ws):
    header, *body = list(ws.iter_rows(values_only=True))
    return [dict(zip(header, r, strict=True)) for r in body]


def test_sheets_are_formatted_for_reading(ledger):
    wb, *_ = ledger
    assert wb.sheetnames == list(SHEETS)
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("DCE3EC")
        last = ws.max_column
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, last).column_letter}{ws.max_row}"
        assert all(
            ws.column_dimensions[ws.cell(1, n).column_letter].width > 5 for n in range(1, last + 1)
        )


def test_tasks_sheet_matches_the_rules(ledger):
    wb, snap, *_ = ledger
    got = rows(wb["任务"])
    assert [r["编号"] for r in got] == [t.code for t in snap.tasks]
    by_code = {t.code: t for t in snap.tasks}
    for r in got:
        t = by_code[r["编号"]]
        assert r["文中编号"] == display_code(t.code)
        assert r["预警"] == t.light.label_zh
        assert r["状态"] == data.STATUS_ZH[t.status]
        if t.percent is None:
            assert r["完成%"] is None
        else:
            assert r["完成%"] == pytest.approx(t.percent, abs=0.05)
        if t.start:
            assert isinstance(r["开始日期"], datetime) and r["开始日期"].date() == t.start
            assert r["完成时限"].date() == t.due
        assert (r["任务原文"] or "") == t.text
    assert wb["任务"]["J2"].number_format == "yyyy-mm-dd"


def test_progress_reports_sheet_has_every_report(ledger):
    wb, _, reports, _ = ledger
    got = rows(wb["进展报告"])
    assert len(got) == len(reports) > 500
    want = {
        (c, d, p): (data.STATUS_ZH[s], pc, pr or None, pb or None, nx or None)
        for c, d, p, s, pc, pr, pb, nx in reports
    }
    for r in got:
        key = (r["任务编号"], r["单位"], r["期间"])
        assert (r["状态"], r["完成%"], r["进展情况"], r["存在问题"], r["下步计划"]) == want[key]
        assert r["完成%"] is None or isinstance(r["完成%"], int | float)


def test_indicators_and_values_are_numbers_that_add_up(ledger):
    wb, snap, _, values = ledger
    got = rows(wb["指标"])
    assert [r["编号"] for r in got] == [i.code for i in snap.indicators]
    # Numbered as the document numbers them too, like the tasks (one style everywhere).
    assert [r["文中编号"] for r in got] == [display_code(i.code) for i in snap.indicators]
    for r, i in zip(got, snap.indicators, strict=True):
        assert r["目标"] == i.target and r["当前值"] == i.current
        assert r["应达进度"] == pytest.approx(i.expected, abs=1e-3)
        assert r["预警"] == i.light.label_zh
    vals = rows(wb["指标数值"])
    assert len(vals) == len(values)
    assert all(isinstance(r["数值"], int | float) for r in vals)
    assert sum(r["数值"] for r in vals) == pytest.approx(sum(v[3] for v in values))
    assert {(r["指标编号"], r["填报单位"], r["期间"]) for r in vals} == {
        (c, d, p) for c, d, p, _ in values
    }
    first = vals[0]
    assert first["期间开始"].date() == date(
        int(first["期间"][:4]), 3 * int(first["期间"][-1]) - 2, 1
    )


def test_departments_sheet(ledger):
    wb, snap, *_ = ledger
    got = rows(wb["单位"])
    assert [r["简称"] for r in got] == [d.short_name for d in snap.departments.values()]
    by_name = {r["简称"]: r for r in got}
    for dept_id, dept in snap.departments.items():
        leads = sum(dept_id in t.lead for t in snap.tasks)
        co = sum(dept_id in t.co for t in snap.tasks)
        row = by_name[dept.short_name]
        assert (row["牵头任务数"], row["配合任务数"]) == (leads, co), dept.short_name
    assert by_name["区知识产权局"]["协调单位"] == "是" and not by_name["区科技局"]["协调单位"]


def test_text_excel_cannot_hold_is_cleaned_not_fatal(demo_master, tmp_path):
    db = open_plan(demo_master)
    try:
        task = find_task(db, "3.2.3")
        dept = find_department(db, "区委宣传部").id
        # The entry rules refuse control characters now; a file written before them
        # (or by hand) may still hold some, and the ledger must not choke on them.
        row_id = edits.save_report(db, task.id, dept, "2025Q3", progress="x")
        with db.atomic():
            db.execute(
                "UPDATE progress_reports SET progress = ? WHERE id = ?",
                ["第一行\x07响铃\x1b<b>&粗体</b>\n第二行", row_id],
            )
        out = write_ledger(db, tmp_path / "l.xlsx")
    finally:
        db.close()
    got = [r for r in rows(load_workbook(out)["进展报告"]) if r["期间"] == "2025Q3"]
    assert got[0]["进展情况"] == "第一行响铃<b>&粗体</b>\n第二行"


def test_fast_rows_are_byte_for_byte_what_openpyxl_writes(tmp_path):
    """RowStream must produce exactly openpyxl's own cell XML."""
    values = [
        ["编号", "文字", "数", "日期", None, "空格 ", " 前导", "a&b<c>", 3, 0.1, 1e20, True],
        ["3.1.1", "多行\n文本", 60.0, date(2025, 6, 30), None, "x", "", "y", -2, 1 / 3, 0, False],
    ]

    def build(fast: bool):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("s")
        ws.column_dimensions["A"].width = 12
        ws.freeze_panes = "A2"
        if fast:
            date_style = Style(ws, number_format="yyyy-mm-dd")
            stream = RowStream(ws)
            stream.append(values[0])
            stream.append(values[1], {3: date_style})
        else:
            for row in values:
                ws.append([None if v == "" else v for v in row])
        path = tmp_path / f"{fast}.xlsx"
        wb.save(path)
        with zipfile.ZipFile(path) as zf:
            return zf.read("xl/worksheets/sheet1.xml"), zf.read("xl/styles.xml")

    assert build(True) == build(False)


def test_milestones_and_evidence_have_their_own_sheets(ledger, sheet_master):
    wb, *_ = ledger
    conn = open_plan(sheet_master)
    try:
        milestones = conn.execute(
            "SELECT m.name, m.planned_date, a.actual_date FROM milestones m"
            " LEFT JOIN milestone_actuals a ON a.milestone_id = m.id AND a.deleted = 0"
            " WHERE m.deleted = 0"
        ).fetchall()
        evidence = conn.execute(
            "SELECT e.file_name, d.short_name, e.period FROM evidence e"
            " JOIN departments d ON d.id = e.department_id WHERE e.deleted = 0"
        ).fetchall()
    finally:
        conn.close()
    got = rows(wb["里程碑"])
    assert milestones and len(got) == len(milestones)
    assert sorted((r["里程碑"], r["计划日期"].date().isoformat()) for r in got) == sorted(
        (name, planned) for name, planned, _ in milestones
    )
    done = [r for r in got if r["实际完成日期"] is not None]
    assert len(done) == sum(1 for *_, actual in milestones if actual)
    files = rows(wb["佐证材料"])
    assert evidence and sorted((r["文件名"], r["单位"], r["期间"]) for r in files) == sorted(
        evidence
    )
    assert all(r["SHA-256"] and len(r["SHA-256"]) == 64 for r in files)
