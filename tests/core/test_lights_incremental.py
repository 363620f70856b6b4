"""The incremental warning lights (ipdesk.read.lights, issue #15): after any sequence of
edits, what `PlanLights.sync()` keeps up to date equals a full recomputation — reading
the whole file again (`load_tasks`, `load_indicators`) — field by field."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdesk.errors import IPDeskError
from ipdesk.plan.periods import Period
from ipdesk.read.indicators import load_indicators
from ipdesk.read.lights import PlanLights
from ipdesk.read.tasks import load_tasks
from ipdesk.store import edits
from ipdesk.store.files import open_plan
from ipdesk.templates.build import create_master
from ipdesk.templates.demo import add_demo_progress

ON = date(2025, 8, 20)
PERIODS = ["2024Q4", "2025Q2", "2025Q3"]
_base: dict[str, Path] = {}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", ON.isoformat())


def base_master() -> Path:
    """A demo master (made once per test run) and what an edit can pick from it."""
    if "path" not in _base:
        folder = Path(tempfile.mkdtemp(prefix="ipdesk-lights-"))
        path = folder / "demo.ipdesk"
        db = create_master(path)
        add_demo_progress(db, today=ON)
        db.close()
        _base["path"] = path
    return _base["path"]


def fields(status: object) -> dict:
    """A status's fields as the window and the sheets read them (caches left out)."""
    return {k: v for k, v in vars(status).items() if not k.startswith("_")}


def assert_same_as_a_fresh_read(db, lights: PlanLights) -> None:
    assert [fields(t) for t in lights.tasks()] == [fields(t) for t in load_tasks(db, ON)]
    fresh = load_indicators(db, ON)
    assert [fields(i) for i in lights.indicators()] == [fields(i) for i in fresh]
    for kept, read in zip(lights.indicators(), fresh, strict=True):
        for period in (Period.parse("2025Q1"), Period.parse("2025Q3")):
            assert kept.current_as_of(period) == read.current_as_of(period)


# One edit: (kind, which assignment / indicator duty, which period, a number, a choice)
edit_steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "report",
                "report",
                "report",
                "unreport",
                "value",
                "value",
                "unvalue",
                "submit",
                "approve",
                "return",
                "sync",
                "plan",
                "start",
            ]
        ),
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(PERIODS),
        st.integers(min_value=0, max_value=100),
        st.sampled_from(["not_started", "in_progress", "done", "behind"]),
    ),
    min_size=1,
    max_size=20,
)


def apply_edit(db, step, duties, indicator_duties, departments, tasks) -> None:
    kind, pick, period, number, status = step
    task, dept = duties[pick % len(duties)]
    indicator, reporter = indicator_duties[pick % len(indicator_duties)]
    try:
        if kind == "report":
            edits.save_report(db, task, dept, period, status=status, percent=float(number))
        elif kind == "unreport":
            edits.delete_report(db, task, dept, period)
        elif kind == "value":
            edits.save_value(db, indicator, reporter, period, float(number % 7))
        elif kind == "unvalue":
            edits.delete_value(db, indicator, reporter, period)
        elif kind == "submit":
            edits.submit_period(db, departments[pick % len(departments)], period)
        elif kind in ("approve", "return"):
            edits.review_period(
                db,
                departments[pick % len(departments)],
                period,
                approve=kind == "approve",
                reason="请补充佐证材料",
            )
        elif kind == "plan":
            # A change of the plan itself: the lights read everything again.
            edits.update_task(
                db, tasks[pick % len(tasks)], due_date=f"2025-{1 + number % 12:02d}-28"
            )
        elif kind == "start":
            # When a department's reporting obligations start (a plan row too).
            edits.save_department(
                db,
                departments[pick % len(departments)],
                reporting_start=None if number < 20 else f"2025-{1 + number % 12:02d}-01",
            )
    except IPDeskError:
        pass  # refused (an approved period, a report not yet submitted…): nothing written


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=edit_steps)
def test_incremental_lights_equal_a_fresh_read_after_any_edits(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("lights") / "master.ipdesk"
    shutil.copyfile(base_master(), path)
    db = open_plan(path)
    try:
        # A few departments, so that edits meet each other (a report then its period
        # returned, a value then its removal, sub-tasks of one task…).
        departments = [
            r[0]
            for r in db.execute(
                "SELECT department_id FROM assignments WHERE role = 'lead' AND deleted = 0"
                " GROUP BY department_id ORDER BY count(*) DESC LIMIT 3"
            )
        ]
        marks = ", ".join("?" for _ in departments)
        duties = db.execute(
            "SELECT task_id, department_id FROM assignments WHERE deleted = 0"
            f" AND department_id IN ({marks}) ORDER BY task_id, department_id",
            departments,
        ).fetchall()
        indicator_duties = db.execute(
            "SELECT indicator_id, department_id FROM indicator_departments WHERE deleted = 0"
            " ORDER BY indicator_id, department_id LIMIT 6"
        ).fetchall()
        tasks = [r[0] for r in db.execute("SELECT id FROM tasks WHERE deleted = 0 ORDER BY sort")]
        # Obligations that start at different times (ipdesk.read.plan.owes): one
        # department owed from the plan's start, one from mid-2025, one owes nothing yet.
        edits.save_department(db, departments[1], reporting_start="2025-05-01")
        edits.save_department(db, departments[2], reporting_start=None)
        lights = PlanLights(db, on=ON)
        lights.tasks(), lights.indicators()  # read once, as the window does
        for step in steps:
            if step[0] == "sync":
                lights.sync()
                continue
            apply_edit(db, step, duties, indicator_duties, departments, tasks)
        change = lights.sync()
        assert_same_as_a_fresh_read(db, lights)
        assert not lights.sync()  # nothing new: nothing recomputed
        if not any(s[0] in ("plan", "start") for s in steps):
            assert not change.reloaded  # every edit was followed row by row
    finally:
        db.close()


def test_an_edit_recomputes_only_what_it_touches(demo_master):
    db = open_plan(demo_master)
    try:
        lights = PlanLights(db, on=ON)
        before = {t.id: t for t in lights.tasks()}
        indicators_before = {i.id: i for i in lights.indicators()}
        task, dept = db.execute(
            "SELECT a.task_id, a.department_id FROM assignments a JOIN tasks t ON t.id = a.task_id"
            " WHERE a.role = 'lead' AND a.deleted = 0 AND t.parent_id IS NOT NULL LIMIT 1"
        ).fetchone()
        parent = db.execute("SELECT parent_id FROM tasks WHERE id = ?", [task]).fetchone()[0]
        edits.save_report(db, task, dept, "2025Q3", status="behind", percent=12.0)
        change = lights.sync()
        assert change.tasks == {task, parent}
        assert not change.indicators and not change.reloaded
        after = {t.id: t for t in lights.tasks()}
        assert after[task].status == "behind"
        assert all(after[t] is before[t] for t in before if t not in change.tasks)
        assert all(i is indicators_before[i.id] for i in lights.indicators())
        assert_same_as_a_fresh_read(db, lights)
    finally:
        db.close()


def test_a_write_by_another_connection_reads_everything_again(demo_master):
    db = open_plan(demo_master)
    other = open_plan(demo_master)
    try:
        lights = PlanLights(db, on=ON)
        lights.tasks()
        task, dept = db.execute(
            "SELECT task_id, department_id FROM assignments WHERE role = 'lead' LIMIT 1"
        ).fetchone()
        edits.save_report(other, task, dept, "2025Q3", status="done")
        assert lights.sync().reloaded
        assert_same_as_a_fresh_read(db, lights)
    finally:
        other.close()
        db.close()


def test_a_period_returned_then_submitted_again(demo_master):
    db = open_plan(demo_master)
    try:
        lights = PlanLights(db, on=ON)
        lights.tasks()
        task, dept = db.execute(
            "SELECT a.task_id, a.department_id FROM assignments a JOIN tasks t ON t.id = a.task_id"
            " WHERE a.role = 'lead' AND a.deleted = 0 AND t.parent_id IS NOT NULL LIMIT 1"
        ).fetchone()
        edits.save_report(db, task, dept, "2025Q3", status="in_progress", percent=40.0)
        edits.review_period(db, dept, "2025Q3", approve=False, reason="请补充佐证材料")
        assert not lights.sync().reloaded
        assert next(t for t in lights.tasks() if t.id == task).returned
        assert_same_as_a_fresh_read(db, lights)
        edits.submit_period(db, dept, "2025Q3")
        assert not lights.sync().reloaded
        assert not next(t for t in lights.tasks() if t.id == task).returned
        assert_same_as_a_fresh_read(db, lights)
    finally:
        db.close()
