"""Lights that mean something (issue #13, Build 3): reporting obligations start when a
department's file is issued, a late report and a task behind schedule are two signals
shown apart, and an indicator far above its target is exceeding, not red."""

from __future__ import annotations

from datetime import date

from ipdesk.merge.issue import issue_department_file
from ipdesk.messages import message
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.completeness import completeness
from ipdesk.read.indicators import load_indicators
from ipdesk.read.tasks import load_tasks
from ipdesk.store.files import open_plan
from ipdesk.store.names import find_department, find_indicator, find_task


def _tasks(db, on):
    return {t.code: t for t in load_tasks(db, on)}


def test_a_master_started_mid_plan_is_not_red_from_day_one(master, monkeypatch):
    """Made on 2025-08-20, halfway through the plan, nobody issued a file yet: no
    report is late, so no task is red for a missing report."""
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    db = open_plan(master)
    try:
        tasks = load_tasks(db, date(2025, 8, 20))
        late = [t.code for t in tasks if t.report_light is Light.red]
        assert late == [] and all(not t.missing_periods for t in tasks)
        # Only what is past its due date without being reported done is red.
        red = [t for t in tasks if t.light is Light.red]
        assert all(t.reason == message("light.overdue") and t.due < date(2025, 8, 20) for t in red)
        assert [c.department for c in completeness(db, Period.parse("2025Q2"), tasks)] == []
    finally:
        db.close()


def test_reports_are_owed_from_the_day_the_file_is_issued(master, monkeypatch, tmp_path):
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    db = open_plan(master)
    try:
        kjj = find_department(db, "区科技局")
        issue_department_file(db, kjj.id, tmp_path / "kjj.ipdesk")
        start = db.execute(
            "SELECT reporting_start FROM departments WHERE id = ?", [kjj.id]
        ).fetchone()[0]
        assert start == "2025-08-20"
        led = [t for t in load_tasks(db, date(2025, 8, 20)) if kjj.id in t.lead and t.reportable]
        # 2025Q2 ended before the file was issued: not owed, not late.
        assert all("2025Q2" not in t.missing_periods for t in led)
        # Once 2025Q3's deadline (2025-10-05) has passed, the unreported ones are late.
        later = [t for t in load_tasks(db, date(2025, 10, 10)) if kjj.id in t.lead and t.reportable]
        active = [t for t in later if t.missing_periods]
        assert active and all(t.missing_periods == ["2025Q3"] for t in active)
        assert all(t.report_light is Light.red for t in active)
        owing = completeness(db, Period.parse("2025Q3"), later)
        assert [c.department for c in owing if c.department == kjj.id] == [kjj.id]
        # Issuing again does not move the day obligations started.
        issue_department_file(db, kjj.id, tmp_path / "kjj-2.ipdesk")
        assert (
            db.execute("SELECT reporting_start FROM departments WHERE id = ?", [kjj.id]).fetchone()[
                0
            ]
            == "2025-08-20"
        )
    finally:
        db.close()


def test_a_late_report_and_a_task_on_schedule_are_shown_apart(demo_master, monkeypatch):
    """In the demo every department has owed reports since the plan's start. A task
    reported at 60% this quarter, on schedule, whose lead skipped an earlier quarter:
    its progress is green, its reporting red — two signals, not one red light."""
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    db = open_plan(demo_master)
    try:
        task = find_task(db, "3.3.1")
        lead = db.execute(
            "SELECT department_id FROM assignments WHERE task_id = ? AND role = 'lead'", [task.id]
        ).fetchone()[0]
        with db.atomic():  # (approved periods are locked: set the scene directly)
            db.execute(
                "DELETE FROM progress_reports WHERE task_id = ? AND period = '2025Q1'", [task.id]
            )
            db.execute(
                "UPDATE progress_reports SET status = 'in_progress', percent = 60"
                " WHERE task_id = ? AND department_id = ? AND period = '2025Q2'",
                [task.id, lead],
            )
        status = _tasks(db, date(2025, 8, 20))["3.3.1"]
        assert "2025Q1" in status.missing_periods
        assert status.report_light is Light.red and status.report_reason == message(
            "light.report_missing"
        )
        assert status.schedule_light is Light.green and status.schedule_reason == message(
            "light.normal"
        )
    finally:
        db.close()


def test_an_indicator_far_above_its_target_is_exceeding_not_red(demo_master, monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    db = open_plan(demo_master)
    try:
        indicator = find_indicator(db, "2.3.3")  # 战略新兴产业知识产权联盟 ≥ 1 个
        dept = db.execute(
            "SELECT department_id FROM indicator_departments WHERE indicator_id = ? LIMIT 1",
            [indicator.id],
        ).fetchone()[0]
        with db.atomic():  # the latest closed quarter left unreported, an earlier one huge
            db.execute(
                "DELETE FROM indicator_values WHERE indicator_id = ? AND period = '2025Q2'",
                [indicator.id],
            )
            db.execute(
                "UPDATE indicator_values SET value = 5000 WHERE indicator_id = ?"
                " AND department_id = ? AND period = '2024Q4'",
                [indicator.id, dept],
            )
        [status] = [i for i in load_indicators(db, date(2025, 8, 20)) if i.code == "2.3.3"]
        assert status.current >= 5000 and status.percent > 1000
        assert status.light is Light.green and status.exceeding
        assert status.report_missing  # the missing report is its own signal
    finally:
        db.close()


def seen(lights, task_id: str) -> list[tuple[str, float | None]]:
    """The task's status and % done as the lights kept them (after a sync) and as a
    fresh read of the file gives them."""
    lights.sync()
    kept = {t.id: t for t in lights.tasks()}[task_id]
    fresh = {t.id: t for t in load_tasks(lights.db, lights.on)}[task_id]
    return [(kept.status, kept.percent), (fresh.status, fresh.percent)]


def test_a_co_operating_departments_report_does_not_set_the_tasks_status(demo_master, monkeypatch):
    """A task's status is its lead departments' latest report (DESIGN.md): a
    co-operating department reporting the task done later changes nothing — on a full
    read and in the lights kept up to date edit by edit — until it is made the lead."""
    from ipdesk.read.lights import PlanLights
    from ipdesk.store import edits

    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    on = date(2025, 8, 20)
    db = open_plan(demo_master)
    try:
        task_id, lead, co = db.execute(
            "SELECT l.task_id, l.department_id, c.department_id FROM assignments l"
            " JOIN assignments c ON c.task_id = l.task_id AND c.role = 'co' AND c.deleted = 0"
            " JOIN tasks t ON t.id = l.task_id"
            " WHERE l.role = 'lead' AND l.deleted = 0 AND t.deleted = 0"
            " AND NOT EXISTS (SELECT 1 FROM tasks k WHERE k.parent_id = t.id)"
            " AND (SELECT count(*) FROM assignments x WHERE x.task_id = t.id"
            "      AND x.role = 'lead' AND x.deleted = 0) = 1 LIMIT 1"
        ).fetchone()
        edits.save_report(db, task_id, lead, "2025Q3", status="in_progress", percent=40.0)
        lights = PlanLights(db, on=on)
        before = {t.id: t for t in lights.tasks()}[task_id]
        assert (before.status, before.percent, before.last_period) == (
            "in_progress",
            40.0,
            "2025Q3",
        )

        edits.save_report(db, task_id, co, "2025Q3", status="done", percent=100.0)
        assert seen(lights, task_id) == [("in_progress", 40.0)] * 2

        # Made the lead (a plan change), its report counts: the least advanced of the
        # leads' reports of the latest period.
        edits.assign(db, task_id, lead=[lead, co], co=[])
        lights.sync()
        edits.save_report(db, task_id, lead, "2025Q3", status="done", percent=100.0)
        assert seen(lights, task_id) == [("done", 100.0)] * 2
        edits.save_report(db, task_id, co, "2025Q3", status="in_progress", percent=70.0)
        assert seen(lights, task_id) == [("in_progress", 70.0)] * 2
    finally:
        db.close()
