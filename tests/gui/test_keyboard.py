"""Keyboard only (issue 13): Tab leaves the task tables, Ctrl+Tab goes from pane to
pane, every field has a mnemonic, the milestone checkbox is in the Tab order, dates
are typed in the common forms and their calendar opens on the period reported."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit

from ipdesk.gui.widgets.date_field import DateField, parse_date
from tests.gui.helpers import one, query, type_text
from tests.gui.test_department_form import dept_id, open_form


def focus() -> Any:
    return QApplication.focusWidget()


def press(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focus(), key, modifier)


@pytest.mark.parametrize(
    "text", ["2025-06-10", "2025/6/10", "2025.6.10", "2025年6月10日", " 2025 / 06 / 10 "]
)
def test_the_common_ways_of_writing_a_date_are_understood(text):
    assert parse_date(text) == date(2025, 6, 10)


@pytest.mark.parametrize("text", ["2025-13-01", "2025/2/30", "明天", "2025-06"])
def test_what_is_not_a_date_is_not_taken_for_one(text):
    assert parse_date(text) is None


@pytest.fixture
def returned_file(demo_master, tmp_path):
    """区知识产权局's department file, its 2025Q3 report returned for correction (so it
    can be filled in again: its lead tasks have milestones)."""
    from ipdesk.store import edits
    from ipdesk.store.files import open_plan
    from tests.gui.helpers import make_department_file

    db = open_plan(demo_master)
    try:
        dept = db.execute("SELECT id FROM departments WHERE code = 'zscqj'").fetchone()[0]
        edits.review_period(db, dept, "2025Q3", approve=False, reason="请补充里程碑")
    finally:
        db.close()
    return make_department_file(demo_master, "zscqj", tmp_path / "zscqj.ipdesk")


def test_a_report_a_value_and_a_milestone_date_by_keyboard_alone(
    window, returned_file, qtbot, answers
):
    path = returned_file
    form = open_form(window, path)
    dept = dept_id(path, "zscqj")
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())

    # Alt+1 goes to the lead tasks; the arrow keys choose one with a milestone.
    target = next(n for n, t in enumerate(form.lead_model.items) if t.milestones)
    task = form.lead_model.items[target]
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert focus() is form.lead_view
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(target):
        press(qtbot, Qt.Key.Key_Down)
    assert form.detail.task is not None and form.detail.task.id == task.id

    # Tab leaves the table (it does not walk its cells); Alt+1 comes back to the task.
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is not form.lead_view
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert focus() is form.lead_view and form.detail.task.id == task.id
    # Ctrl+Tab goes from pane to pane: from the list to the detail's 状态 (the task
    # stays chosen).
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert focus() is form.detail.status
    assert form.detail.task.id == task.id

    # 状态 by arrow, 完成 % typed, then the milestone: checkbox, then its date.
    form.detail.status.setCurrentIndex(0)
    press(qtbot, Qt.Key.Key_Down)
    status = form.detail.status.currentData()
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is form.detail.percent
    form.detail.percent.lineEdit().selectAll()
    qtbot.keyClicks(focus(), "60")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is form.detail.copy_button  # 复制上期报告, on the same line
    press(qtbot, Qt.Key.Key_Tab)
    milestone = task.milestones[0]
    # The milestone's checkbox follows 完成 % in the Tab order.
    assert isinstance(focus(), QCheckBox)
    assert focus().objectName() == f"milestoneDone_{milestone.id}"
    if focus().isChecked():  # reached already: untick, then tick again with a new date
        press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Space)
    assert focus().isChecked()
    press(qtbot, Qt.Key.Key_Tab)
    field = focus()
    assert isinstance(field, DateField)
    # The calendar opens on the period being reported (2025 Q3), not on a far month.
    calendar = field.calendarWidget()
    assert (calendar.yearShown(), calendar.monthShown()) in {(2025, 7), (2025, 8), (2025, 9)}
    field.lineEdit().selectAll()
    type_text(field.lineEdit(), "2025年7月15日")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is form.detail.texts["progress"]
    type_text(focus(), "键盘填写的进展")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is form.detail.texts["problems"]

    row = query(
        path,
        "SELECT status, percent, progress FROM progress_reports WHERE task_id = ?"
        " AND department_id = ? AND period = '2025Q3' AND deleted = 0",
        [task.id, dept],
    )[0]
    assert row == (status, 60.0, "键盘填写的进展")
    assert (
        one(
            path,
            "SELECT actual_date FROM milestone_actuals WHERE milestone_id = ?"
            " AND department_id = ? AND deleted = 0",
            [milestone.id, dept],
        )
        == "2025-07-15"
    )

    # Alt+B: the indicator grid; arrows to a value, typed, Enter saves it.
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert focus() is form.grid_view
    row_n = next(n for n, i in enumerate(form.grid.items) if i.status.kind == "cumulative")
    item = form.grid.items[row_n]
    form.grid_view.setCurrentIndex(form.grid.index(0, 0))
    for _ in range(row_n):
        press(qtbot, Qt.Key.Key_Down)
    for _ in range(form.grid.VALUE_COLUMN):
        press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_F2)
    editor = focus()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "4")
    with qtbot.waitSignal(form.valueHandled, timeout=3000):
        press(qtbot, Qt.Key.Key_Return)
    assert (
        one(
            path,
            "SELECT value FROM indicator_values WHERE indicator_id = ? AND department_id = ?"
            " AND period = '2025Q3' AND deleted = 0",
            [item.status.id, dept],
        )
        == 4.0
    )


def test_every_field_label_has_a_mnemonic(window, returned_file):
    form = open_form(window, returned_file)
    form.select_task(next(t for t in form.tasks if t.milestones).id)
    labels = [
        label
        for label in form.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(form)
    ]
    assert len(labels) >= 6  # 状态, 完成, 进展情况, 存在问题, 下步计划, 佐证材料
    for label in labels:
        assert "&" in label.text(), label.text()
    # The two task lists: Alt+1 and Alt+2 (shown in their tabs' tooltips).
    assert [form.task_tabs.tabToolTip(n) for n in (0, 1)] == ["Alt+1", "Alt+2"]


@pytest.mark.parametrize(
    "form_name",
    ["ui_task_editor", "ui_department_editor", "ui_indicator_editor", "ui_settings_dialog"],
)
def test_every_editor_field_has_a_mnemonic_that_reaches_it(form_name):
    import importlib

    from PySide6.QtWidgets import QDialog

    module = importlib.import_module(f"ipdesk.gui.forms.{form_name}")
    ui_class = next(getattr(module, n) for n in dir(module) if n.startswith("Ui_"))
    dialog = QDialog()
    ui_class().setupUi(dialog)
    labels = [
        label for label in dialog.findChildren(QLabel) if label.text() and label.wordWrap() is False
    ]
    fields = [label for label in labels if label.buddy() is not None]
    assert fields
    for label in fields:
        assert "&" in label.text(), label.text()
    keys = [label.text().split("&")[1][0] for label in fields]
    assert len(keys) == len(set(keys)), keys  # no two fields share a letter
    dialog.deleteLater()
