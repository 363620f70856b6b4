"""The coordinator's plan editor and its Designer forms: a task's texts, dates,
departments and milestones; departments and liaison contacts; indicator settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt

from tests.gui.helpers import one, query, type_text


def open_plan(window: Any, path: Any) -> Any:
    assert window.open_file(path)
    window.show_page("plan")
    return window.pages["plan"]


def test_task_editor_changes_texts_dates_and_departments(window, demo_master, qtbot):
    from ipdesk.gui.dialogs.task_editor import TaskEditor

    plan = open_plan(window, demo_master)
    task_id = one(demo_master, "SELECT id FROM tasks WHERE code = '3.2.1'")
    old_title = one(demo_master, "SELECT title FROM tasks WHERE id = ?", [task_id])
    editor = TaskEditor(window.session, task_id, window)
    qtbot.addWidget(editor)
    editor.ui.titleEdit.clear()
    type_text(editor.ui.titleEdit, "大力培育高价值专利（调整）")
    editor.ui.dueEdit.setDate(QDate(2025, 10, 31))
    jrj = one(demo_master, "SELECT id FROM departments WHERE code = 'jrj'")
    for i in range(editor.ui.coList.count()):
        item = editor.ui.coList.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == jrj:
            item.setCheckState(
                Qt.CheckState.Unchecked
                if item.checkState() == Qt.CheckState.Checked
                else Qt.CheckState.Checked
            )
    was_co = one(
        demo_master,
        "SELECT count(*) FROM assignments WHERE task_id = ? AND department_id = ? AND deleted = 0",
        [task_id, jrj],
    )
    editor._add_milestone_row("示范中心挂牌", "2025-09-30", None)
    editor.save()
    assert query(demo_master, "SELECT title, due_date FROM tasks WHERE id = ?", [task_id]) == [
        ("大力培育高价值专利（调整）", "2025-10-31")
    ]
    assert (
        one(
            demo_master,
            "SELECT count(*) FROM assignments WHERE task_id = ? AND department_id = ?"
            " AND deleted = 0",
            [task_id, jrj],
        )
        == 1 - was_co
    )
    assert (
        one(
            demo_master,
            "SELECT planned_date FROM milestones WHERE task_id = ? AND name = '示范中心挂牌'"
            " AND deleted = 0",
            [task_id],
        )
        == "2025-09-30"
    )
    # The plan editor's table shows the change once refreshed by the edit.
    shown = next(r for r in plan.task_model.items if r.id == task_id)
    assert shown.task.due_date == "2025-10-31"
    # Three edits, undone one by one: milestone, departments, texts.
    window.act_undo.trigger()
    assert one(demo_master, "SELECT deleted FROM milestones WHERE name = '示范中心挂牌'") == 1
    window.act_undo.trigger()
    assert (
        one(
            demo_master,
            "SELECT count(*) FROM assignments WHERE task_id = ? AND department_id = ?"
            " AND deleted = 0",
            [task_id, jrj],
        )
        == was_co
    )
    window.act_undo.trigger()
    assert one(demo_master, "SELECT title FROM tasks WHERE id = ?", [task_id]) == old_title


def test_department_editor_adds_and_edits_contacts(window, demo_master, qtbot):
    from ipdesk.gui.dialogs.department_editor import DepartmentEditor

    plan = open_plan(window, demo_master)
    editor = DepartmentEditor(window.session, None, window)
    qtbot.addWidget(editor)
    type_text(editor.ui.nameEdit, "区数据局")
    type_text(editor.ui.shortEdit, "区数据局")
    qtbot.keyClicks(editor.ui.codeEdit, "sjju")
    type_text(editor.ui.contactEdit, "张敏")
    qtbot.keyClicks(editor.ui.phoneEdit, "025-52000000")
    editor.save()
    assert query(
        demo_master,
        "SELECT short_name, contact_name, contact_phone FROM departments WHERE code = 'sjju'",
    ) == [("区数据局", "张敏", "025-52000000")]
    assert any(r.department.code == "sjju" for r in plan.dept_model.items)
    # A department file can be issued to it at once (its key is made then).
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.store.files import open_plan as open_file

    db = open_file(demo_master)
    try:
        dept_id = db.execute("SELECT id FROM departments WHERE code = 'sjju'").fetchone()[0]
        issued = issue_department_file(db, dept_id, demo_master.with_name("sjju.ipdesk"))
    finally:
        db.close()
    assert one(issued, "SELECT department_id FROM file_meta") == dept_id

    kjj = one(demo_master, "SELECT id FROM departments WHERE code = 'kjj'")
    editor = DepartmentEditor(window.session, kjj, window)
    qtbot.addWidget(editor)
    editor.ui.contactEdit.clear()
    type_text(editor.ui.contactEdit, "李明")
    editor.save()
    assert one(demo_master, "SELECT contact_name FROM departments WHERE id = ?", [kjj]) == "李明"
    window.act_undo.trigger()
    assert one(demo_master, "SELECT contact_name FROM departments WHERE id = ?", [kjj]) != "李明"


def test_duplicate_department_is_refused_with_a_reason(window, demo_master, qtbot):
    from ipdesk.gui import errors
    from ipdesk.gui.dialogs.department_editor import DepartmentEditor

    open_plan(window, demo_master)
    before = one(demo_master, "SELECT count(*) FROM departments")
    editor = DepartmentEditor(window.session, None, window)
    qtbot.addWidget(editor)
    type_text(editor.ui.nameEdit, "区科学技术局")
    type_text(editor.ui.shortEdit, "区科技局")
    qtbot.keyClicks(editor.ui.codeEdit, "kjj2")
    editor.save()
    assert one(demo_master, "SELECT count(*) FROM departments") == before
    shown = errors.open_dialogs()
    assert shown and "已有单位使用" in shown[-1].text()
    for d in shown:
        d.close()


def test_indicator_editor_sets_target_and_baseline(window, demo_master, qtbot):
    from ipdesk.gui.dialogs.indicator_editor import IndicatorEditor

    open_plan(window, demo_master)
    ind = one(demo_master, "SELECT id FROM indicators WHERE code = '2.2.1'")
    editor = IndicatorEditor(window.session, ind, window)
    qtbot.addWidget(editor)
    editor.ui.targetSpin.setValue(9000)
    editor.ui.hasBaseline.setChecked(True)
    editor.ui.baselineSpin.setValue(1200)
    editor.save()
    assert query(demo_master, "SELECT target, baseline FROM indicators WHERE id = ?", [ind]) == [
        (9000.0, 1200.0)
    ]
    window.act_undo.trigger()
    assert one(demo_master, "SELECT target FROM indicators WHERE id = ?", [ind]) == 8500.0


def test_reporting_settings_save_at_once_undo_and_refuse_a_period_switch(
    window, demo_master, qtbot, monkeypatch
):
    """报送设置: the deadline and tolerance change at once (and Ctrl+Z takes a change
    back); switching to monthly is refused on a plan with quarterly reports, unchanged."""
    from ipdesk.gui import errors

    shown: list[str] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc: shown.append(str(exc)))
    plan = open_plan(window, demo_master)
    plan.tabs.setCurrentIndex(3)
    assert plan.deadline.value() == 5 and plan.tolerance.value() == 80
    plan.deadline.setValue(10)
    plan.deadline.editingFinished.emit()
    plan.tolerance.setValue(70)
    plan.tolerance.editingFinished.emit()
    assert query(demo_master, "SELECT deadline_days, tolerance FROM plan") == [(10, 0.7)]
    window.session.undo_stack.undo()
    assert query(demo_master, "SELECT deadline_days, tolerance FROM plan") == [(10, 0.8)]
    before = query(demo_master, "SELECT reporting, rev_id FROM plan")
    plan.reporting.setCurrentIndex(plan.reporting.findData("monthly"))
    plan.reporting.activated.emit(plan.reporting.currentIndex())
    qtbot.waitUntil(lambda: plan.reporting.currentData() == "quarterly", timeout=5000)
    assert query(demo_master, "SELECT reporting, rev_id FROM plan") == before
    assert shown and "不能再改变报送周期" in shown[0]
