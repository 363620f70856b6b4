"""The coordinator's overview: filters and search narrow the table to what the file
says; double-click opens a task or a department."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.gui.helpers import one, query


def open_overview(window: Any, path: Any) -> Any:
    assert window.open_file(path)
    assert window.current_key() == "overview"  # the coordinator starts here
    return window.pages["overview"]


def shown_ids(overview: Any) -> set[str]:
    return {r.id for r in overview.model.visible}


def test_filters_match_the_file(window, demo_master, qtbot):
    ov = open_overview(window, demo_master)
    total = one(demo_master, "SELECT count(*) FROM tasks WHERE deleted = 0")
    assert ov.model.rowCount() == total
    assert ov.count_label.text() == f"显示 {total} / {total} 项任务"

    # Department: tasks it leads or co-operates on.
    dept = one(demo_master, "SELECT id FROM departments WHERE code = 'jrj'")
    ov.department.setCurrentIndex(ov.department.findData(dept))
    expected = {
        r[0]
        for r in query(
            demo_master,
            "SELECT task_id FROM assignments WHERE department_id = ? AND deleted = 0",
            [dept],
        )
    }
    assert shown_ids(ov) == expected

    # Work area 三（二）.
    ov.clear_filters()
    ov.area.setCurrentIndex(ov.area.findData("3.2"))
    area = {
        r[0]
        for r in query(
            demo_master,
            "SELECT t.id FROM tasks t JOIN sections s ON s.id = t.section_id WHERE s.code = '3.2'",
        )
    }
    assert shown_ids(ov) == area

    # Yellow light: every row shown is yellow, and every yellow task is shown.
    ov.clear_filters()
    ov.light.setCurrentIndex(ov.light.findData("yellow"))
    assert ov.model.rowCount() > 0
    assert all(r.light == "yellow" for r in ov.model.visible)
    assert shown_ids(ov) == {r.id for r in ov.model.all if r.light == "yellow"}
    # The light is shown with the legend's shape and a word, not colour alone.
    text = ov.model.data(ov.model.index(0, 7))
    assert text.startswith("▲") and "黄" in text
    # The light's word in its tooltip; the reason column says why.
    tip = ov.model.data(ov.model.index(0, 7), Qt.ItemDataRole.ToolTipRole)
    assert "预警" in tip


def test_search_and_unreported_this_period(window, demo_master, qtbot):
    ov = open_overview(window, demo_master)
    qtbot.keyClicks(ov.search, "3.2.1")
    ov.apply_filter()  # what the typing pause does
    assert [r.code for r in ov.model.visible] == ["三（二）1"]
    ov.search.clear()
    ov.apply_filter()

    # 2025Q3 was not reported by anyone yet: every active reportable task is unreported.
    ov.unreported.setChecked(True)
    assert ov.model.rowCount() > 0
    reported = {
        r[0]
        for r in query(demo_master, "SELECT task_id FROM progress_reports WHERE period = '2025Q3'")
    }
    assert not shown_ids(ov) & reported
    # A report arrives: the task leaves the "本期未报" list at once.
    from ipdesk.gui import operations

    first = ov.model.visible[0]
    lead = one(
        demo_master,
        "SELECT department_id FROM assignments WHERE task_id = ? AND role = 'lead'",
        [first.id],
    )
    task = next(t for t in form_tasks(window, lead) if t.id == first.id)
    window.show_page("overview")
    new = {
        "status": "in_progress",
        "percent": 10.0,
        "progress": "",
        "problems": "",
        "next_steps": "",
    }
    assert window.session.run(
        operations.report_field(window.session, task, lead, "2025Q3", new, "状态")
    )
    assert first.id not in shown_ids(ov)


def form_tasks(window, department_id):
    """The department's tasks for the period as its form lists them."""
    window.show_page("form")
    form = window.pages["form"]
    form.set_department(department_id)
    return form.tasks


def test_overdue_and_status_filters(window, demo_master, monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", "2026-02-10")  # after the 2025-12-31 due dates
    ov = open_overview(window, demo_master)
    ov.overdue.setChecked(True)
    assert ov.model.rowCount() > 0
    assert all(r.overdue and r.status != "done" for r in ov.model.visible)
    ov.clear_filters()
    ov.status.setCurrentIndex(ov.status.findData("behind"))
    assert {r.status for r in ov.model.visible} == {"behind"}
    ov.clear_filters()
    ov.phase.setCurrentIndex(ov.phase.findData("4.1"))
    assert all("4.1" in r.phases for r in ov.model.visible)
    assert any(r.code.startswith("四（一）") for r in ov.model.visible)


def test_completeness_and_double_clicks(window, demo_master, qtbot):
    ov = open_overview(window, demo_master)
    rows = ov.completeness.items
    assert rows and all(c.period.__str__() == "2025Q3" for c in rows)
    assert "2025年第三季度" in ov.completeness_box.title()
    # Double-click a department: its form opens.
    dept_index = ov.completeness.index(0, 0)
    dept = dept_index.data(Qt.ItemDataRole.UserRole + 1)
    with qtbot.waitSignal(ov.departmentActivated) as blocker:
        ov.completeness_view.doubleClicked.emit(dept_index)
    assert blocker.args == [dept]
    assert window.current_key() == "form"
    assert window.pages["form"].department_id == dept
    # Double-click a task: it opens read-only (the plan is edited in 计划设置).
    window.show_page("overview")
    with qtbot.waitSignal(ov.taskActivated) as blocker:
        ov.table.doubleClicked.emit(ov.model.index(0, 1))
    from ipdesk.gui.dialogs.review_views import TaskViewDialog
    from ipdesk.gui.dialogs.task_editor import TaskEditor

    views = window.findChildren(TaskViewDialog)
    assert views and views[-1].task_id == blocker.args[0]
    assert not window.findChildren(TaskEditor)
    views[-1].reject()


def test_sorting_by_light_puts_red_first(window, demo_master):
    ov = open_overview(window, demo_master)
    ov.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    lights = [r.light for r in ov.model.visible]
    order = {"red": 0, "yellow": 1, "green": 2, "grey": 3}
    assert lights == sorted(lights, key=order.get)


def test_a_big_plan_is_read_on_a_worker(window, demo_master, qtbot, monkeypatch):
    from ipdesk.gui.views import overview as overview_module

    monkeypatch.setattr(overview_module, "ASYNC_FROM_TASKS", 1)  # treat the demo as big
    assert window.open_file(demo_master)
    ov = window.pages["overview"]
    if ov.model.rowCount() == 0:
        assert "正在读取" in ov.count_label.text()
        with qtbot.waitSignal(ov.loaded, timeout=10000):
            pass
    assert ov.model.rowCount() == one(demo_master, "SELECT count(*) FROM tasks WHERE deleted = 0")
    ov.light.setCurrentIndex(ov.light.findData("red"))
    assert all(r.light == "red" for r in ov.model.visible)


def test_progress_and_reporting_are_two_signals_shown_apart(window, demo_master):
    from ipdesk.read import legend

    ov = open_overview(window, demo_master)
    headers = [ov.model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
    assert headers[7] == "预警" and headers[8] == "报送"
    rows = ov.model.all
    # Mid-plan, tasks reported this quarter are not red because of an old late report:
    # the progress light is about the task's dates and percentage only.
    assert sum(r.light == "red" for r in rows) < len(rows) / 4
    for n, row in enumerate(ov.model.visible):
        light_text = ov.model.data(ov.model.index(n, 7))
        assert light_text.startswith(legend.SHAPES[legend.Light(row.light)])
        report_text = ov.model.data(ov.model.index(n, 8))
        if row.report_light:
            assert report_text.startswith(legend.SHAPES[legend.Light(row.report_light)])
    # The summary counts what the printed summary counts, and says so.
    assert "子任务随上级任务计" in ov.summary.text()
    top = sum(1 for r in rows if r.kind != "subtask")
    assert f"任务 {top} 项" in ov.summary.text()


def test_the_reason_column_speaks_the_windows_language(window, demo_master):
    """A light's reason is a catalogue message (light.*): shown in the window's language,
    Chinese by default and English when English is chosen."""
    from ipdesk.gui import i18n

    ov = open_overview(window, demo_master)
    rows = list(ov.model.visible)
    shown = [ov.model.data(ov.model.index(n, 9)) for n in range(len(rows))]
    assert shown == [r.reason.text("zh") for r in rows] and "已完成" in shown
    try:
        assert i18n.install("en")
        english = [ov.model.data(ov.model.index(n, 9)) for n in range(len(rows))]
    finally:
        i18n.install("zh")
    assert english == [r.reason.text("en") for r in rows] and "Done" in english
    assert not any("\u4e00" <= ch <= "\u9fff" for text in english for ch in text)
