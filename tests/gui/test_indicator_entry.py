"""Indicator entry (issue 13): every value checked against the target and the kind,
first values included; cumulative indicators typed as the period's amount or as the
running total (a switch, the other figure shown); messages go when what they speak
of changes."""

from __future__ import annotations

from typing import Any

from ipdesk.gui import i18n
from tests.gui.test_department_form import (
    PERIOD,
    _commit,
    _type_value,
    dept_id,
    open_form,
    value_of,
)


def cumulative_row(form: Any, *, with_history: bool) -> int:
    dept = form.department_id
    for n, item in enumerate(form.grid.items):
        if item.status.kind != "cumulative" or not item.editable or item.value is not None:
            continue
        earlier = [e for e in item.history(form.period) if e.department == dept]
        if bool(earlier) == with_history:
            return n
    raise AssertionError("no such indicator in the demo")


def test_a_first_value_far_above_the_target_is_questioned(window, dept_file, qtbot, answers):
    path = dept_file("rjg")
    form = open_form(window, path)
    row = cumulative_row(form, with_history=True)
    item = form.grid.items[row]
    # As in a new plan: nobody has reported this indicator yet.
    item.status.entries.clear()
    assert item.history(form.period) == []
    huge = str(int(item.status.target * 500) + 5000)
    editor = _type_value(form, qtbot, row, huge)
    assert "倍" in form.check_label.text()  # said while typing
    answers.confirm.append(False)
    _commit(qtbot, editor)
    assert answers.asked and "目标" in answers.asked[-1]
    assert value_of(path, item.status.id, dept_id(path, "rjg")) is None


def test_running_total_or_new_amount_with_the_other_shown(window, dept_file, qtbot, answers):
    path = dept_file("rjg")
    dept = dept_id(path, "rjg")
    form = open_form(window, path)
    row = cumulative_row(form, with_history=True)
    item = form.grid.items[row]
    before = form.own_total(item, None)
    assert before > 0

    # Typed as the period's amount: the department's running total is shown.
    editor = _type_value(form, qtbot, row, "2")
    assert f"本单位累计将为 {i18n.number(before + 2)}" in form.check_label.text()

    # Switched (what was being typed is dropped, not read as a total) to running totals: the total is typed, the amount is stored and shown.
    form.total_mode.setChecked(True)
    assert form.grid_view.indexWidget(form.grid.index(row, form.grid.VALUE_COLUMN)) is None
    assert value_of(path, item.status.id, dept, PERIOD) is None
    total = before + 3
    editor = _type_value(form, qtbot, row, i18n.number(total))
    assert f"折合本期新增 3（累计 {i18n.number(total)}）" in form.check_label.text()
    _commit(qtbot, editor)
    assert value_of(path, item.status.id, dept, PERIOD) == 3.0
    assert "已保存" in form.check_label.text() and "累计" in form.check_label.text()

    # A total below the previous one is refused, nothing changes.
    editor = _type_value(form, qtbot, row, i18n.number(before - 1))
    assert "不能低于上期累计" in form.check_label.text()
    _commit(qtbot, editor)
    assert value_of(path, item.status.id, dept, PERIOD) == 3.0


def test_the_saved_message_goes_when_undo_takes_the_value_back(window, dept_file, qtbot, answers):
    path = dept_file("rjg")
    form = open_form(window, path)
    row = cumulative_row(form, with_history=True)
    editor = _type_value(form, qtbot, row, "4")
    _commit(qtbot, editor)
    assert "已保存" in form.check_label.text()
    window.act_undo.trigger()
    assert form.check_label.text() == ""
