"""What users look for in the editors (issue 13): every unit in the lead and
co-operating lists with a filter, the task's title shown even when the lists derive it
from its text, and the edited row still chosen after a save."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import one, type_text
from tests.gui.test_plan_editor import open_plan


def shown(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count()) if not widget.item(i).isHidden()]


def test_the_department_lists_hold_every_unit_and_filter(window, demo_master, qtbot):
    from ipdesk.gui.dialogs.task_editor import TaskEditor

    open_plan(window, demo_master)
    task = one(demo_master, "SELECT id FROM tasks WHERE code = '3.2.1'")
    editor = TaskEditor(window.session, task, window)
    qtbot.addWidget(editor)
    units = one(demo_master, "SELECT count(*) FROM departments WHERE deleted = 0")
    assert editor.ui.leadList.count() == editor.ui.coList.count() == units == 33
    # The units assigned to the task come first, the lead ticked among them.
    assigned = len(editor.assignments)
    firsts = [editor.ui.leadList.item(i).data(Qt.ItemDataRole.UserRole) for i in range(assigned)]
    assert set(firsts) == set(editor.assignments)
    type_text(editor.unit_filters["co"], "软件谷")
    assert shown(editor.ui.coList) == ["软件谷"]
    assert len(shown(editor.ui.leadList)) == units  # each list has its own filter


def test_the_task_editor_shows_the_title_the_lists_show(window, demo_master, qtbot):
    from ipdesk.gui.dialogs.task_editor import TaskEditor

    plan = open_plan(window, demo_master)
    untitled = next(r for r in plan._tasks if not r.task.title)
    editor = TaskEditor(window.session, untitled.task.id, window)
    qtbot.addWidget(editor)
    assert editor.ui.titleEdit.text() == ""  # nothing invented on save
    listed = plan.task_model.data(plan.task_model.index(plan.task_model.row_of(untitled.id), 1))
    assert editor.ui.titleEdit.placeholderText()
    assert editor.ui.titleEdit.placeholderText()[:6] in listed


def test_the_department_editor_keeps_the_row_after_a_save(window, demo_master, qtbot):
    from ipdesk.gui.dialogs.department_editor import DepartmentEditor

    plan = open_plan(window, demo_master)
    view, model = plan.dept_view, plan.dept_model
    row = model.rowCount() - 3
    view.selectRow(row)
    dept = model.items[row].id
    editor = DepartmentEditor(window.session, dept, window)
    qtbot.addWidget(editor)
    editor.ui.contactEdit.clear()
    type_text(editor.ui.contactEdit, "王芳")
    editor.save()
    assert one(demo_master, "SELECT contact_name FROM departments WHERE id = ?", [dept]) == "王芳"
    assert model.items[view.currentIndex().row()].id == dept
