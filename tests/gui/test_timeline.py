"""进度甘特图: driven with the mouse and the toolbar as a user would, on the demo
master (today 2025-08-20)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from ipdesk.gui.views.timeline import TimelineView
from ipdesk.gui.views.timeline_items import ROW_H
from ipdesk.read.tasks import load_tasks
from ipdesk.read.timeline import GROUP, PHASE, TASK
from tests.masters import DEMO_DAY as VIEWS_TODAY


@pytest.fixture
def timeline(qtbot, demo_session):
    widget = TimelineView(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def task_id(db, code: str) -> str:
    return db.execute("SELECT id FROM tasks WHERE code = ?", [code]).fetchone()[0]


def label_point(widget: TimelineView, key: str) -> QPoint:
    """Where a row's label is in the frozen left column."""
    n = widget.scene.index_of[key]
    y = widget.view.row_y(n) + ROW_H / 2
    return QPoint(60, round(y))


# The offscreen platform cannot raise() the tooltip window and says so; that is
# the test platform talking, not the timeline.
OFFSCREEN_TOOLTIP = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")


def tooltip_at(qtbot, widget: TimelineView, pos: QPoint) -> str:
    """Hover: the tooltip the user sees at `pos` in the chart."""
    viewport = widget.view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_rows_follow_the_plan(timeline, demo_db):
    rows = timeline.shown_rows()
    groups = [r.key for r in rows if r.kind == GROUP]
    assert groups == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4", "5"]
    tasks = load_tasks(demo_db, VIEWS_TODAY)
    assert sorted(r.key for r in rows if r.kind == TASK) == sorted(t.id for t in tasks)
    # Sub-tasks come right under their task, indented one level deeper.
    by_key = {r.key: n for n, r in enumerate(rows)}
    for t in tasks:
        if t.kind == "subtask":
            parent_row = rows[by_key[t.parent_id]]
            assert by_key[t.id] > by_key[t.parent_id]
            assert rows[by_key[t.id]].depth == parent_row.depth + 1
    # The 13 activities sit under their phase, with bars inside the phase's dates.
    phases = {r.key: r for r in rows if r.kind == PHASE}
    assert [(p.title, p.start, p.end) for p in phases.values()] == [
        ("宣传发动阶段", date(2023, 11, 1), date(2023, 12, 31)),
        ("组织实施阶段", date(2024, 1, 1), date(2025, 12, 31)),
        ("检查验收阶段", date(2026, 1, 1), date(2026, 6, 30)),
    ]
    activities = [r for r in rows if r.task is not None and r.task.kind == "activity"]
    assert len(activities) == 13
    for row in activities:
        phase = phases[row.task.phase_code]
        above = [r for r in rows[: by_key[row.key]] if r.kind == PHASE][-1]
        assert above.key == phase.key
        assert phase.start <= row.start and row.end <= phase.end
    # Safeguards have no dates: their bar runs through the plan.
    safeguards = [r for r in rows if r.group == "5" and r.kind == TASK]
    assert len(safeguards) == 4 and all(r.through_plan for r in safeguards)
    span = timeline.scene.items_by_key[safeguards[0].key].span()
    assert span == (0.0, float(timeline.data.days))


def test_clicking_a_bar_opens_its_task(qtbot, timeline, demo_db):
    wanted = task_id(demo_db, "3.2.1")
    point = timeline.bar_center(wanted)
    with qtbot.waitSignal(timeline.taskActivated, timeout=1000) as signal:
        qtbot.mouseClick(timeline.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [wanted]
    assert timeline.view.selected_key == wanted


def test_clicking_beside_a_bar_opens_nothing(qtbot, timeline, demo_db):
    # 4.1.1 ends in 2023; far right of its row there is no bar.
    key = task_id(demo_db, "4.1.1")
    timeline.ensure_row_visible(key)
    y = round(timeline.view.row_y(timeline.scene.index_of[key]) + ROW_H / 2)
    x = round(timeline.view.day_x(timeline.data.day(date(2026, 3, 1))))
    with qtbot.assertNotEmitted(timeline.taskActivated):
        qtbot.mouseClick(timeline.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert timeline.view.selected_key == key


def test_double_clicking_a_row_label_opens_the_task(qtbot, timeline, demo_db):
    wanted = task_id(demo_db, "3.3.2")
    with qtbot.waitSignal(timeline.taskActivated, timeout=1000) as signal:
        qtbot.mouseDClick(
            timeline.labels, Qt.MouseButton.LeftButton, pos=label_point(timeline, wanted)
        )
    assert signal.args == [wanted]


def test_collapsing_an_area_hides_its_rows(qtbot, timeline, demo_db):
    inside = [task_id(demo_db, c) for c in ("3.1.1", "3.1.1.2", "3.1.3")]
    after = task_id(demo_db, "3.2.1")
    y_before = timeline.scene.index_of[after]
    qtbot.mouseClick(timeline.labels, Qt.MouseButton.LeftButton, pos=label_point(timeline, "3.1"))
    shown = {r.key for r in timeline.shown_rows()}
    assert "3.1" in shown and not shown & set(inside)
    assert all(not timeline.scene.items_by_key[k].isVisible() for k in inside)
    assert timeline.scene.index_of[after] == y_before - 12  # 3.1 has 12 task rows
    # A second click opens the area again.
    qtbot.mouseClick(timeline.labels, Qt.MouseButton.LeftButton, pos=label_point(timeline, "3.1"))
    assert set(inside) <= {r.key for r in timeline.shown_rows()}


def test_collapse_all_and_expand_all(qtbot, timeline):
    total = len(timeline.shown_rows())
    qtbot.mouseClick(timeline.collapse_button, Qt.MouseButton.LeftButton)
    assert [r.kind for r in timeline.shown_rows()] == [GROUP] * 8
    qtbot.mouseClick(timeline.expand_button, Qt.MouseButton.LeftButton)
    assert len(timeline.shown_rows()) == total


def test_zoom_and_scale_change_the_time_axis(qtbot, timeline):
    # Opens on the quarter scale with the whole plan in view.
    assert timeline.quarter_button.isChecked()
    assert timeline.header.labels()[:3] == ["四季度", "一季度", "二季度"]
    plan_end = timeline.view.day_x(timeline.data.days)
    assert timeline.view.day_x(0) >= 0 and plan_end <= timeline.view.viewport().width()
    # Every phase band carries its name and dates, shortened where the band is narrow.
    phases = timeline.header.phase_texts()
    assert phases[1:] == [
        ("组织实施阶段", "2024.01.01 — 2025.12.31"),
        ("检查验收阶段", "2026.01.01 — 2026.06.30"),
    ]
    assert phases[0][0].startswith("宣传") and phases[0][1].startswith("23.11")
    before = timeline.view.px_per_day
    qtbot.mouseClick(timeline.zoom_in_button, Qt.MouseButton.LeftButton)
    assert timeline.view.px_per_day == pytest.approx(before * 1.25)
    qtbot.mouseClick(timeline.month_button, Qt.MouseButton.LeftButton)
    assert timeline.view.unit == "month"
    labels = timeline.header.labels()
    assert labels[:3] == ["11月", "12月", "1月"] and len(labels) == 32
    # The month scale shows today in the middle.
    today_x = timeline.view.day_x(timeline.data.day(VIEWS_TODAY))
    assert abs(today_x - timeline.view.viewport().width() / 2) < 40
    for _ in range(8):
        qtbot.mouseClick(timeline.zoom_out_button, Qt.MouseButton.LeftButton)
    # Months too narrow for "11月" get their number only, or nothing.
    assert "11月" not in timeline.header.labels()
    assert timeline.view.px_per_day < before


def test_ctrl_wheel_zooms_around_the_mouse(qtbot, timeline):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    viewport = timeline.view.viewport()
    pos = QPointF(500, 200)
    day = timeline.view.mapToScene(pos.toPoint()).x()
    event = QWheelEvent(
        pos,
        viewport.mapToGlobal(pos),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    before = timeline.view.px_per_day
    QApplication.sendEvent(viewport, event)
    assert timeline.view.px_per_day == pytest.approx(before * 1.25)
    assert abs(timeline.view.day_x(day) - 500) < 2


@OFFSCREEN_TOOLTIP
def test_hover_shows_lead_department_dates_and_warning(qtbot, timeline, demo_db):
    key = task_id(demo_db, "3.2.2")
    tasks = {t.id: t for t in load_tasks(demo_db, VIEWS_TODAY)}
    task = tasks[key]
    lead = demo_db.execute(
        "SELECT short_name FROM departments WHERE id = ?", [task.lead[0]]
    ).fetchone()[0]
    text = tooltip_at(qtbot, timeline, timeline.bar_center(key))
    assert "三（二）2" in text and task.title in text
    assert f"牵头单位：{lead}" in text
    assert f"{task.start} — {task.due}" in text
    assert f"{task.percent:.0f}%" in text
    assert task.reason.text("zh") in text
    # Over empty space there is nothing to say.
    y = round(timeline.view.row_y(timeline.scene.index_of[key]) + ROW_H / 2)
    x = round(timeline.view.day_x(timeline.data.days + 10))
    assert timeline.view.tooltip_at(QPoint(x, y)) == ""


@OFFSCREEN_TOOLTIP
def test_milestones_are_diamonds_with_their_dates(qtbot, timeline, demo_db):
    m_id, owner, name, planned, actual = demo_db.execute(
        "SELECT m.id, m.task_id, m.name, m.planned_date, a.actual_date FROM milestones m"
        " JOIN milestone_actuals a ON a.milestone_id = m.id AND a.deleted = 0"
        " WHERE m.deleted = 0 AND a.actual_date IS NOT NULL ORDER BY m.planned_date"
    ).fetchone()
    row = next(r for r in timeline.shown_rows() if r.key == owner)
    mark = next(m for m in row.milestones if m.id == m_id)
    assert mark.achieved and str(mark.actual) == actual
    timeline.ensure_row_visible(owner)
    item = timeline.scene.items_by_key[owner]
    x = round(timeline.view.day_x(item.milestone_day(mark)))
    y = round(timeline.view.row_y(timeline.scene.index_of[owner]) + ROW_H / 2)
    text = tooltip_at(qtbot, timeline, QPoint(x, y))
    assert f"里程碑：{name}" in text and planned in text and actual in text


def test_today_button_and_refresh_keep_the_view(qtbot, timeline, demo_db):
    assert timeline.data.today == VIEWS_TODAY
    qtbot.mouseClick(timeline.month_button, Qt.MouseButton.LeftButton)
    timeline.view.horizontalScrollBar().setValue(0)
    qtbot.mouseClick(timeline.today_button, Qt.MouseButton.LeftButton)
    today_x = timeline.view.day_x(timeline.data.day(VIEWS_TODAY))
    assert abs(today_x - timeline.view.viewport().width() / 2) < 40
    timeline.set_group_collapsed("3.3", True)
    zoom = timeline.view.px_per_day
    scroll = timeline.view.horizontalScrollBar().value()
    timeline.refresh()
    assert "3.3" not in {r.group for r in timeline.shown_rows() if r.kind == TASK}
    assert timeline.view.px_per_day == zoom
    assert timeline.view.horizontalScrollBar().value() == scroll


def test_a_department_sees_its_own_tasks_on_request(
    qtbot,
    session_of,
    demo_master,
    tmp_path,
):
    from tests.gui.helpers import make_department_file

    out = make_department_file(demo_master, "kjj", tmp_path / "kjj.ipdesk")
    session = session_of(out)
    dept = session.department_id
    widget = TimelineView(session)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    assert widget.own_only.isVisibleTo(widget)
    everything = len(widget.shown_rows())
    qtbot.mouseClick(widget.own_only, Qt.MouseButton.LeftButton)
    tasks = [r for r in widget.shown_rows() if r.kind == TASK]
    assert 0 < len(tasks) < everything
    assert all(dept in r.task.lead or dept in r.task.co for r in tasks)


def test_the_timeline_legend_is_whole_and_uses_the_one_legend(window, demo_master):
    from ipdesk.gui import i18n
    from ipdesk.read import legend

    window.resize(1366, 728)
    window.open_file(demo_master)
    window.show_page("timeline")
    timeline = window.pages["timeline"]
    entries = dict(timeline.legend._entries())
    for light, mark in legend.SHAPES.items():
        assert entries[f"light:{light.value}"] == i18n.light_text(light.value)
        assert entries[f"light:{light.value}"].startswith(mark)
    # On a line of its own: as wide as it needs, within the page.
    assert timeline.legend.width() >= timeline.legend.sizeHint().width()
    assert timeline.legend.geometry().right() <= timeline.width()
