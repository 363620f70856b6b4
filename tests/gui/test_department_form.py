"""The department form driven as a liaison officer would: change a status, type the
texts, enter indicator values (with the checks as you type), add and open evidence,
submit and send — and what the file then holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ipdesk.gui import i18n
from tests.gui.helpers import one, query, type_text

PERIOD = "2025Q3"


def open_form(window: Any, path: Path) -> Any:
    assert window.open_file(path)
    window.show_page("form")
    return window.pages["form"]


def dept_id(path: Path, code: str) -> str:
    return one(path, "SELECT id FROM departments WHERE code = ?", [code])


def report(path: Path, task_id: str, dept: str, period: str = PERIOD) -> tuple | None:
    rows = query(
        path,
        "SELECT status, percent, progress, problems, next_steps, deleted FROM progress_reports"
        " WHERE task_id = ? AND department_id = ? AND period = ?",
        [task_id, dept, period],
    )
    return rows[0] if rows else None


def test_department_file_shows_its_own_tasks_lead_and_co_apart(window, dept_file):
    path = dept_file("jrj")
    form = open_form(window, path)
    assert window.session.period.__str__() == PERIOD
    leads = {t.status.code for t in form.lead_model.items}
    cos = {t.status.code for t in form.co_model.items}
    assigned = dict(
        query(
            path,
            "SELECT t.code, a.role FROM assignments a JOIN tasks t ON t.id = a.task_id"
            " WHERE a.department_id = ? AND a.deleted = 0",
            [dept_id(path, "jrj")],
        )
    )
    assert leads == {c for c, r in assigned.items() if r == "lead"}
    assert cos <= {c for c, r in assigned.items() if r == "co"}
    assert form.task_tabs.tabText(0) == f"牵头任务（{len(leads)}）"
    # Navigation: a department file has the form, the timeline and the indicators only.
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["部门填报", "进度甘特图", "指标看板"]
    assert "区金融局" in window.windowTitle() and "部门文件" in window.windowTitle()
    assert "区金融局（部门文件）" in window.role_label.text()
    # The plan text is shown, read-only.
    assert form.detail.plan_text.text()
    assert "只读" in form.detail.plan_text.toolTip()


def test_status_percent_and_texts_are_saved_at_once_and_undo_takes_back_one_edit(
    window, dept_file, qtbot
):
    path = dept_file("jrj")
    form = open_form(window, path)
    dept = dept_id(path, "jrj")
    task = form.lead_model.items[0]
    form.select_task(task.id)
    assert report(path, task.id, dept) is None

    form.detail.status.setCurrentIndex(form.detail.status.findData("behind"))
    assert report(path, task.id, dept)[0] == "behind"
    form.detail.percent.setValue(35)
    assert report(path, task.id, dept)[1] == 35.0

    edit = form.detail.texts["progress"]
    edit.setFocus()
    type_text(edit, "完成调研")
    form.detail.flush_all()  # what leaving the box or a pause in typing does
    assert report(path, task.id, dept)[2] == "完成调研"
    type_text(form.detail.texts["problems"], "人手不足")
    form.detail.flush("problems")
    assert report(path, task.id, dept)[3] == "人手不足"

    # Ctrl+Z undoes only the last edit: the problems text goes, the rest stays.
    window.act_undo.trigger()
    assert report(path, task.id, dept)[2:4] == ("完成调研", "")
    assert form.detail.texts["problems"].toPlainText() == ""
    window.act_redo.trigger()
    assert report(path, task.id, dept)[3] == "人手不足"
    # Undo all four edits: the report is withdrawn again (a tombstone), nothing invented.
    for _ in range(4):
        window.act_undo.trigger()
    assert report(path, task.id, dept)[5] == 1
    assert form.lead_model.data(form.lead_model.index(0, 3)) == "未填"
    # Every edit and undo was a revision in the history.
    assert (
        one(
            path,
            "SELECT count(*) FROM row_history WHERE tbl = 'progress_reports' AND row_id ="
            " (SELECT id FROM progress_reports WHERE task_id = ? AND department_id = ?"
            " AND period = ?)",
            [task.id, dept, PERIOD],
        )
        == 10
    )


def test_done_means_one_hundred_percent(window, dept_file):
    path = dept_file("jrj")
    form = open_form(window, path)
    task = form.lead_model.items[0]
    form.select_task(task.id)
    form.detail.status.setCurrentIndex(form.detail.status.findData("done"))
    assert report(path, task.id, dept_id(path, "jrj"))[:2] == ("done", 100.0)
    assert form.detail.percent.value() == 100


def test_milestone_actual_date(window, demo_master, answers):
    form = open_form(window, demo_master)
    zscqj = dept_id(demo_master, "zscqj")
    form.set_department(zscqj)
    with_ms = next(t for t in form.tasks if t.milestones)
    form.select_task(with_ms.id)
    milestone = with_ms.milestones[0]
    box = form.detail.findChild(
        type(form.detail.milestone_grid.itemAtPosition(0, 2).widget()),
        f"milestoneDone_{milestone.id}",
    )
    box.setChecked(not box.isChecked())
    stored = one(
        demo_master,
        "SELECT actual_date FROM milestone_actuals WHERE milestone_id = ? AND department_id = ?",
        [milestone.id, zscqj],
    )
    assert (stored is None) == (milestone.actual is not None)


def test_evidence_add_open_remove(window, dept_file, tmp_path, answers, opened_urls):
    path = dept_file("jrj")
    form = open_form(window, path)
    task = form.lead_model.items[0]
    form.select_task(task.id)
    doc = tmp_path / "会议纪要.txt"
    doc.write_text("第一次推进会", encoding="utf-8")
    answers.open.append([str(doc)])
    form.detail.add_button.click()
    rows = query(
        path,
        "SELECT id, file_name, period, deleted FROM evidence WHERE task_id = ?"
        " AND file_name = '会议纪要.txt'",
        [task.id],
    )
    assert [(r[1], r[2], r[3]) for r in rows] == [("会议纪要.txt", PERIOD, 0)]
    assert form.detail.evidence.count() >= 1
    item = next(
        form.detail.evidence.item(i)
        for i in range(form.detail.evidence.count())
        if form.detail.evidence.item(i).text().startswith("会议纪要.txt")
    )
    form.detail.evidence.setCurrentItem(item)
    form.detail.open_button.click()
    assert Path(opened_urls[-1]).read_text(encoding="utf-8") == "第一次推进会"
    form.detail.remove_button.click()
    assert query(path, "SELECT deleted FROM evidence WHERE id = ?", [rows[0][0]]) == [(1,)]
    window.act_undo.trigger()  # the removal is undone: the file is back
    assert (
        one(
            path,
            "SELECT count(*) FROM evidence WHERE task_id = ? AND file_name = '会议纪要.txt'"
            " AND deleted = 0",
            [task.id],
        )
        == 1
    )


def _type_value(form: Any, qtbot: Any, row: int, text: str) -> QLineEdit:
    form.show_task_list(form.grid_box)  # the 指标填报 tab (Alt+3)
    view = form.grid_view
    index = form.grid.index(row, form.grid.VALUE_COLUMN)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


def _commit(qtbot: Any, editor: QLineEdit) -> None:
    form = editor.parent()
    while form is not None and form.objectName() != "departmentForm":
        form = form.parent()
    # The value is checked and saved on a later turn of the event loop.
    with qtbot.waitSignal(form.valueHandled, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def value_of(path: Path, ind: str, dept: str, period: str = PERIOD) -> Any:
    return one(
        path,
        "SELECT value FROM indicator_values WHERE indicator_id = ? AND department_id = ?"
        " AND period = ? AND deleted = 0",
        [ind, dept, period],
    )


def test_indicator_grid_checks_as_you_type(window, dept_file, qtbot, answers):
    path = dept_file("rjg")
    form = open_form(window, path)
    dept = dept_id(path, "rjg")
    row = next(n for n, i in enumerate(form.grid.items) if i.status.kind == "cumulative")
    item = form.grid.items[row]
    assert item.value is None

    editor = _type_value(form, qtbot, row, "-5")
    assert "不能" in form.check_label.text()  # said while typing, before saving
    assert "2px solid" in editor.styleSheet()
    _commit(qtbot, editor)
    assert value_of(path, item.status.id, dept) is None  # an error blocks saving
    assert "不能" in form.check_label.text()

    editor = _type_value(form, qtbot, row, "3")
    # Fine: no warning, and the figure not typed (the running total) is shown.
    assert form.check_label.text().startswith("本单位累计将为")
    _commit(qtbot, editor)
    assert value_of(path, item.status.id, dept) == 3.0
    # The saved value refreshed the form; the grid's tab stayed in front.
    assert form.task_tabs.currentWidget() is form.grid_box
    # 累计 is computed from the stored values and shown beside it, read-only.
    row_item = form.grid.items[row]
    assert row_item.value == 3.0
    assert not (form.grid.flags(form.grid.index(row, 4)) & Qt.ItemFlag.ItemIsEditable)
    before = item.total or 0.0
    assert row_item.total == before + 3.0
    assert form.grid.data(form.grid.index(row, 4)) == i18n.number(before + 3.0)


def test_unusual_jump_is_questioned(window, dept_file, qtbot, answers):
    path = dept_file("rjg")
    form = open_form(window, path)
    dept = dept_id(path, "rjg")
    row, item = next(
        (n, i)
        for n, i in enumerate(form.grid.items)
        if i.is_sum and [e for e in i.status.entries if e.department == dept and e.value]
    )
    history = [e.value for e in item.status.entries if e.department == dept and e.value]
    big = str(int(max(history) * 10 + 100))
    answers.confirm.append(False)
    editor = _type_value(form, qtbot, row, big)
    assert "3 倍" in form.check_label.text()
    _commit(qtbot, editor)
    assert "3 倍" in answers.asked[-1]
    assert value_of(path, item.status.id, dept) is None
    answers.confirm.append(True)
    _commit(qtbot, _type_value(form, qtbot, row, big))
    assert value_of(path, item.status.id, dept) == float(big)


def test_submit_locks_the_period_and_send_makes_a_clean_copy(window, dept_file, tmp_path, answers):
    path = dept_file("jrj")
    form = open_form(window, path)
    dept = dept_id(path, "jrj")
    task = form.lead_model.items[0]
    form.select_task(task.id)
    form.detail.percent.setValue(40)
    answers.confirm.append(True)
    form.submit_button.click()
    assert "未填报" in answers.asked[-1] or form.lead_model.items
    assert (
        one(
            path,
            "SELECT state FROM submissions WHERE department_id = ? AND period = ?",
            [dept, PERIOD],
        )
        == "submitted"
    )
    assert form.banner.property("state") == "submitted"
    assert not form.submit_button.isEnabled()
    assert form.detail.texts["progress"].isReadOnly()
    assert not form.detail.status.isEnabled()
    assert (
        not (form.grid.flags(form.grid.index(0, 3)) & Qt.ItemFlag.ItemIsEditable)
        if form.grid.items
        else True
    )

    out = tmp_path / "usb" / "区金融局-2025Q3-报送.ipdesk"
    out.parent.mkdir()
    answers.save.append(str(out))
    form.send_button.click()
    window.session.jobs.wait()
    qt_wait_until(lambda: out.exists())
    assert not Path(str(out) + "-wal").exists()
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("SELECT role, department_id FROM file_meta").fetchone() == (
            "department",
            dept,
        )
        assert conn.execute(
            "SELECT state FROM submissions WHERE department_id = ? AND period = ?", [dept, PERIOD]
        ).fetchone() == ("submitted",)
    finally:
        conn.close()


def qt_wait_until(predicate: Any, timeout: float = 5.0) -> None:
    import time

    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + timeout
    while not predicate():
        QCoreApplication.processEvents()
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def test_coordinator_picks_a_department_and_returns_then_approves(window, demo_master, answers):
    form = open_form(window, demo_master)
    assert not form.picker.isHidden()
    jrj = dept_id(demo_master, "jrj")
    form.set_department(jrj)
    assert form.department_id == jrj
    assert "区金融局" in form.title.text()
    # The department submitted 2025Q3 in its file (simulated here in the master).
    conn = sqlite3.connect(demo_master)
    conn.close()
    from ipdesk.store import edits

    edits.submit_period(window.session.db, jrj, PERIOD)
    form.refresh()
    assert form.approve_button.isEnabled()
    answers.text.append("进展情况过于简单，请补充数据")
    form.return_button.click()
    assert query(
        demo_master,
        "SELECT state, reason FROM submissions WHERE department_id = ? AND period = ?",
        [jrj, PERIOD],
    ) == [("returned", "进展情况过于简单，请补充数据")]
    assert "退回" in form.banner.text() and "补充数据" in form.banner.text()
    edits.submit_period(window.session.db, jrj, PERIOD)
    form.refresh()
    form.approve_button.click()
    assert (
        one(
            demo_master,
            "SELECT state FROM submissions WHERE department_id = ? AND period = ?",
            [jrj, PERIOD],
        )
        == "approved"
    )
    assert form.detail.task is None or form.detail.texts["progress"].isReadOnly()


def test_refused_edit_shows_why_and_changes_nothing(window, dept_file):
    """A department cannot write an approved period: the dialog says so."""
    from ipdesk.gui import errors

    path = dept_file("jrj")
    form = open_form(window, path)
    dept = dept_id(path, "jrj")
    conn = sqlite3.connect(path)
    approved = conn.execute(
        "SELECT period FROM submissions WHERE department_id = ? AND state = 'approved'"
        " ORDER BY period DESC LIMIT 1",
        [dept],
    ).fetchone()
    conn.close()
    assert approved is not None
    task = form.lead_model.items[0]
    from ipdesk.gui import operations

    before = one(path, "SELECT count(*) FROM row_history")
    new = {"percent": 5.0}
    ok = window.session.run(
        operations.report_field(window.session, task, dept, approved[0], new, "完成%")
    )
    assert not ok
    dialogs = errors.open_dialogs()
    assert dialogs and "锁定" in dialogs[-1].text()
    assert one(path, "SELECT count(*) FROM row_history") == before
    for d in dialogs:
        d.close()


def test_a_program_given_as_evidence_is_shown_in_its_folder_never_run(
    window, dept_file, tmp_path, answers, opened_urls, monkeypatch
):
    settings = tmp_path / "settings"
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(settings))
    path = dept_file("jrj")
    form = open_form(window, path)
    form.select_task(form.lead_model.items[0].id)
    for name, content in (("认定文件.pdf.bat", b"@echo off\r\ncalc\r\n"), ("纪要.pdf", b"%PDF")):
        doc = tmp_path / name
        doc.write_bytes(content)
        answers.open.append([str(doc)])
        form.detail.add_button.click()
    items = {
        form.detail.evidence.item(i).text().split("  ·  ")[0]: form.detail.evidence.item(i)
        for i in range(form.detail.evidence.count())
    }
    form.detail.evidence.setCurrentItem(items["认定文件.pdf.bat"])
    form.detail.open_button.click()
    # The folder is shown, not the file, and the liaison officer is told why.
    shown = Path(opened_urls[-1])
    assert shown.is_dir() and shown.resolve().parent == (settings / "evidence").resolve()
    assert (shown / "认定文件.pdf.bat").read_bytes() == b"@echo off\r\ncalc\r\n"
    assert "认定文件.pdf.bat" in answers.informed[-1] and "不会替您打开" in answers.informed[-1]
    # An ordinary file opens, from IPDesk's own folder.
    form.detail.evidence.setCurrentItem(items["纪要.pdf"])
    form.detail.open_button.click()
    opened = Path(opened_urls[-1])
    assert opened.name == "纪要.pdf" and opened.read_bytes() == b"%PDF"
    assert (settings / "evidence").resolve() in opened.resolve().parents


def test_each_text_box_counts_its_characters_against_its_limit(window, dept_file, monkeypatch):
    from ipdesk.gui import errors
    from ipdesk.plan.entry import TEXT_LIMITS

    shown: list[str] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc, *a: shown.append(str(exc)))
    path = dept_file("jrj")
    form = open_form(window, path)
    dept = dept_id(path, "jrj")
    task = form.lead_model.items[0]
    form.select_task(task.id)
    for key in ("progress", "problems", "next_steps"):
        counter = form.detail.counters[key]
        assert counter.text() == f"0 / {TEXT_LIMITS[key]} 字"
    edit = form.detail.texts["progress"]
    edit.setPlainText("完成调研")
    assert form.detail.counters["progress"].text() == "4 / 5000 字"
    form.detail.flush("progress")
    assert report(path, task.id, dept)[2] == "完成调研"
    # Over the limit: the counter says so in red, nothing is saved while typing, and
    # leaving the box gets the store's refusal in words.
    edit.setPlainText("字" * 5001)
    counter = form.detail.counters["progress"]
    assert "5001 / 5000" in counter.text() and "超出上限" in counter.text()
    assert "c62828" in counter.styleSheet()
    assert not form.detail.pending()
    form.detail.flush("progress")
    assert shown and "5001" in shown[-1] and "5000" in shown[-1]
    assert report(path, task.id, dept)[2] == "完成调研"


def test_the_return_reason_has_its_counter_and_no_ok_over_the_limit(qtbot):
    from ipdesk.gui.widgets.ask import TextDialog

    dialog = TextDialog("退回报告", "请写明退回原因", "", 1000)
    qtbot.addWidget(dialog)
    assert dialog.counter.text() == "0 / 1000 字" and dialog.ok.isEnabled()
    dialog.edit.setPlainText("理" * 1001)
    assert not dialog.ok.isEnabled() and "超出上限" in dialog.counter.text()
    dialog.edit.setPlainText("数据不全")
    assert dialog.ok.isEnabled()


def test_an_edit_on_a_full_disk_says_so_and_names_the_file(window, dept_file, monkeypatch):
    from ipdesk.gui import errors

    shown: list[str] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc, *a: shown.append(str(exc)))
    path = dept_file("jrj")
    form = open_form(window, path)
    task = form.lead_model.items[0]
    form.select_task(task.id)
    db = window.session.db
    # The file may not grow by a page: SQLite fails the write as on a full disk.
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    form.detail.texts["progress"].setPlainText("本季度完成调研。" * 400)
    form.detail.flush("progress")
    assert shown and "磁盘空间不足" in shown[-1] and str(path) in shown[-1]
    assert "只读" not in shown[-1]
    assert report(path, task.id, dept_id(path, "jrj")) is None


def test_an_unreported_task_shows_empty_fields_and_last_periods_report_marked(
    window, dept_file, qtbot
):
    """A task not reported this period never shows the last period's 状态 and 完成 as
    if they were this period's: the fields are empty (as the list's 未填 says), the
    last report is named as such beside them, and 复制上期报告 takes it over."""
    path = dept_file("zscqj")
    form = open_form(window, path)
    dept = dept_id(path, "zscqj")
    reported = next((t for t in form.tasks if t.report is not None), None)
    unreported = next(t for t in form.tasks if t.report is None and t.previous is not None)
    if reported is not None:
        form.select_task(reported.id)  # what was shown before must not stay
        assert form.detail.status.currentData() == reported.report.status
    form.select_task(unreported.id)
    model = form.lead_model if unreported.role == "lead" else form.co_model
    row = model.row_of(unreported.id)
    assert model.data(model.index(row, 3)) == "未填"
    detail = form.detail
    assert detail.status.currentIndex() == -1 and detail.status.currentText() == ""
    assert detail.status.placeholderText() == "未填"
    assert detail.percent.text() == "—"
    assert all(edit.toPlainText() == "" for edit in detail.texts.values())
    note = detail.previous_note
    assert note.isVisible()
    before = unreported.previous
    assert i18n.period_label(before.period) in note.text()
    assert i18n.status_label(before.status) in note.text()
    assert "上期" in note.text() and "本期尚未填写" in note.text()
    assert detail.copy_button.isEnabled()

    # Typing a % makes the first report: the status it gets is 推进中, not the last one's.
    detail.percent.setValue(40)
    assert report(path, unreported.id, dept)[:2] == ("in_progress", 40.0)
    assert not note.isVisible()
    assert detail.status.currentData() == "in_progress"

    # 复制上期报告 brings the last report's status and % over (one undoable step).
    other = next(
        t for t in form.tasks if t.report is None and t.previous is not None and t.previous.percent
    )
    form.select_task(other.id)
    assert detail.percent.text() == "—"
    form.copy_previous()
    saved = report(path, other.id, dept)
    assert saved[:2] == (other.previous.status, other.previous.percent)
    assert detail.status.currentData() == other.previous.status
    assert detail.percent.value() == round(other.previous.percent)
    # Undone, the task is unreported again: the fields are empty again.
    window.act_undo.trigger()
    assert report(path, other.id, dept)[-1] == 1  # withdrawn
    assert detail.percent.text() == "—" and detail.status.currentIndex() == -1


def test_the_workbook_numbers_every_item_as_the_window_and_the_pdf_do(
    window, demo_master, tmp_path
):
    """One numbering everywhere (issue 13): the department workbook's 编号 column holds
    the document's own numbering (三（一）1·二是), the same as the form's lists and the
    department sheet (PDF), task for task and indicator for indicator, in order."""
    import re
    import subprocess
    from datetime import date

    from openpyxl import load_workbook

    from ipdesk.plan.periods import Period
    from ipdesk.reports.pdf.dept import build_dept
    from ipdesk.reports.xlsx_dept import (
        FIRST_ROW,
        TASK_SHEET,
        VALUE_SHEET,
        write_department_workbook,
    )
    from ipdesk.store.files import open_plan

    dept = dept_id(demo_master, "rjg")
    form = open_form(window, demo_master)
    form.set_department(dept)
    shown_tasks = [
        model.data(model.index(r, 0))
        for model in (form.lead_model, form.co_model)
        for r in range(model.rowCount())
    ]
    task_codes = [t.code for t in (*form.lead_model.items, *form.co_model.items)]
    assert all(
        text.startswith(code + " ") for text, code in zip(shown_tasks, task_codes, strict=True)
    )
    assert task_codes and all("." not in code for code in task_codes)  # 三（一）1, not 3.1.1
    grid = form.grid
    indicator_codes = [grid.data(grid.index(r, 0)).split("  ")[0] for r in range(grid.rowCount())]
    assert indicator_codes and all("（" in c and "." not in c for c in indicator_codes)
    window.close_file()

    db = open_plan(demo_master)
    try:
        book = write_department_workbook(db, dept, PERIOD, tmp_path / "rjg.xlsx")
        pdf = tmp_path / "rjg.pdf"
        build_dept(db, pdf, department_id=dept, period=Period.parse(PERIOD), on=date(2025, 8, 20))
    finally:
        db.close()
    wb = load_workbook(book)
    for sheet, wanted in ((TASK_SHEET, task_codes), (VALUE_SHEET, indicator_codes)):
        ws = wb[sheet]
        column = [ws.cell(r, 1).value for r in range(FIRST_ROW, ws.max_row + 1)]
        assert column == wanted, sheet

    # The PDF: the same numbers in the same order (a code cell breaks at its "·": the
    # part after it, 一是, on the cell's next line).
    lines = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    head = re.compile(r"^([一二三四五六七八九十]+（[一二三四五六七八九十]+）\d*)(\s|$)")
    part = re.compile(r"^([一二三四五六七八九十]是)(\s|$)")
    printed = []
    for n, line in enumerate(lines):
        found = head.match(line)
        if found:
            after = part.match(lines[n + 1]) if n + 1 < len(lines) else None
            printed.append(found.group(1) + (f"·{after.group(1)}" if after else ""))
    assert printed == [*task_codes, *indicator_codes]


def test_an_edit_updates_only_its_rows_and_keeps_the_chosen_task(window, dept_file):
    """A saved edit changes the rows it touched in place: the other rows, the chosen task
    and the lists' scroll position stay (no reset of the tables)."""
    path = dept_file("zscqj")
    form = open_form(window, path)
    task = next(t for t in form.tasks if t.role == "lead" and t.active)
    form.select_task(task.id)
    row = form.lead_model.row_of(task.id)
    changed_rows: list[tuple[int, int]] = []
    resets: list[str] = []
    form.lead_model.dataChanged.connect(lambda a, b: changed_rows.append((a.row(), b.row())))
    form.lead_model.modelReset.connect(lambda: resets.append("tasks"))
    form.grid.modelReset.connect(lambda: resets.append("grid"))
    indicators = form.indicators
    form.detail.percent.setValue((form.detail.percent.value() + 7) % 100)
    assert form.indicators is indicators  # a report leaves the indicators unread
    assert changed_rows == [(row, row)]
    assert resets == []
    assert form.lead_view.currentIndex().row() == row
    assert form.lead_model.items[row].report is not None
    shown = form.lead_model.data(form.lead_model.index(row, 2))
    assert shown == f"{form.detail.percent.value():.0f}%"
    # Undo takes it back the same way.
    window.act_undo.trigger()
    assert resets == []
    assert changed_rows[-1] == (row, row)
    assert form.lead_model.items[row] == next(t for t in form.tasks if t.id == task.id)
