"""复制上期报告 (issue 13): a task's last report copied into this period in one
undoable step, to be corrected."""

from __future__ import annotations

from tests.gui.test_department_form import PERIOD, dept_id, open_form, report


def test_copy_last_periods_report_then_undo(window, dept_file, answers):
    path = dept_file("jrj")
    dept = dept_id(path, "jrj")
    form = open_form(window, path)
    task = next(t for t in form.tasks if t.previous is not None and t.report is None)
    form.select_task(task.id)
    button = form.detail.copy_button
    assert button.isEnabled()
    button.click()
    previous = task.previous
    saved = report(path, task.id, dept, PERIOD)
    assert saved[:5] == (
        previous.status,
        previous.percent,
        previous.progress,
        previous.problems or "",
        previous.next_steps or "",
    )
    assert form.detail.texts["progress"].toPlainText() == previous.progress
    # Copying again over this period's report asks first; "no" keeps it.
    answers.confirm.append(False)
    button.click()
    assert answers.asked and "替换" in answers.asked[-1]
    window.act_undo.trigger()
    assert report(path, task.id, dept, PERIOD)[5] == 1  # withdrawn: nothing invented


def test_nothing_to_copy_before_the_first_report(window, master):
    # A new plan: no task has an earlier report.
    form = open_form(window, master)
    form.select_task(form.tasks[0].id)
    assert form.detail.task.previous is None
    assert not form.detail.copy_button.isEnabled()
