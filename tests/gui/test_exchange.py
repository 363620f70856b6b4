"""File → 导入 / 导出: the 台账 workbook, the 检查验收 archive and a department's
filled-in Excel workbook, from the window, read back as a user would."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from tests.gui.helpers import one


def test_ledger_is_written_and_opened(window, demo_master, answers, opened_urls, qtbot, tmp_path):
    window.open_file(demo_master)
    out = tmp_path / "台账.xlsx"
    answers.save.append(str(out))
    window.act_ledger.trigger()
    qtbot.waitUntil(lambda: bool(opened_urls), timeout=20000)
    workbook = load_workbook(out, read_only=True)
    assert {"任务", "进展报告", "指标", "指标数值", "单位"} <= set(workbook.sheetnames)
    tasks = sum(1 for _ in workbook["任务"].iter_rows(min_row=2))
    assert tasks == one(demo_master, "SELECT count(*) FROM tasks WHERE deleted = 0")
    assert opened_urls[-1].endswith("台账.xlsx")


@pytest.mark.slow
def test_archive_holds_sheets_ledger_and_a_clean_master(
    window, demo_master, answers, opened_urls, qtbot, tmp_path
):
    window.open_file(demo_master)
    out = tmp_path / "归档.zip"
    answers.save.append(str(out))
    window.act_archive.trigger()
    qtbot.waitUntil(lambda: bool(opened_urls), timeout=60000)
    names = zipfile.ZipFile(out).namelist()
    assert any(n.endswith(".pdf") for n in names)
    assert any(n.endswith(".xlsx") for n in names)
    assert any(n.endswith(".ipdesk") for n in names)


def test_filled_workbook_is_imported_and_a_bad_one_changes_nothing(
    window, demo_master, answers, qtbot, tmp_path, monkeypatch
):
    from ipdesk.gui import errors
    from ipdesk.reports.xlsx_dept import write_department_workbook
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_department

    db = open_plan(demo_master)
    dept = find_department(db, "软件谷").id
    blank = write_department_workbook(db, dept, "2025Q3", tmp_path / "rjg.xlsx")
    db.close()
    workbook = load_workbook(blank)
    values = workbook["指标填报"]
    row = next(r for r in range(1, values.max_row + 1) if values.cell(r, 1).value == "二（二）1")
    values.cell(row, 7, 312)
    filled = tmp_path / "rjg-filled.xlsx"
    workbook.save(filled)
    values.cell(row, 7, -5)
    bad = tmp_path / "rjg-bad.xlsx"
    workbook.save(bad)

    window.open_file(demo_master)
    shown: list[str] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc: shown.append(str(exc)))
    window.session.jobs.wait()
    value_sql = (
        "SELECT value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id"
        " WHERE i.code = '2.2.1' AND v.department_id = ? AND v.period = '2025Q3' AND v.deleted = 0"
    )
    assert one(demo_master, value_sql, [dept]) is None
    window.import_workbook(str(bad))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "指标填报" in shown[0] and "G" in shown[0]
    window.session.jobs.wait()
    assert one(demo_master, "SELECT count(*) FROM imports") == 0
    assert one(demo_master, value_sql, [dept]) is None
    answers.confirm.append(False)  # the preview names whose workbook it is; say no
    window.import_workbook(str(filled))
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=20000)
    assert "软件谷 · 2025年第三季度" in answers.asked[-1] and "新增 1 项" in answers.asked[-1]
    window.session.jobs.wait()
    assert one(demo_master, value_sql, [dept]) is None
    window.import_workbook(str(filled))  # and now yes
    qtbot.waitUntil(lambda: bool(answers.informed), timeout=20000)
    assert "软件谷 · 2025年第三季度" in answers.informed[-1]
    assert one(demo_master, value_sql, [dept]) == 312.0
    assert one(demo_master, "SELECT count(*) FROM imports") == 1


def test_new_master_from_the_breakdown_template(window, answers, qtbot, tmp_path):
    from ipdesk.reports.breakdown import template_path

    target = tmp_path / "新计划.ipdesk"
    answers.open.append([str(template_path())])
    answers.save.append(str(target))
    window.act_breakdown.trigger()
    assert window.session is not None and window.session.is_master
    assert one(target, "SELECT count(*) FROM tasks WHERE deleted = 0") > 0
    assert window.session.path == target
