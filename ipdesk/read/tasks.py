"""Every task as people look at it: its status (the lead departments' latest reports,
sub-tasks rolled up into their task), warning light, reports owed for closed periods;
whether a task runs in a period; and the milestones.

Reads a file in a few set-based queries and applies the pure rules of
`ipdesk.plan.rules`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.codes import display_code, short_title
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.plan import PlanInfo, owes, plan_info, reporting_starts
from ipdesk.read.query import parse_period, rows
from ipdesk.store import clock

# The tables load_tasks reads: a change to any of them changes a task's status or light.
SOURCES = (
    "tasks",
    "assignments",
    "progress_reports",
    "submissions",
    "plan",
    "sections",
    "phases",
    "departments",
)


@dataclass
class TaskStatus:
    id: str
    code: str
    kind: str
    title: str
    text: str
    parent_id: str | None
    section_code: str | None
    phase_code: str | None
    start: date | None
    due: date | None
    lead: list[str]
    co: list[str]
    status: str = "not_started"
    percent: float | None = None
    last_period: str | None = None
    light: Light = Light.grey
    reason: str = ""
    overdue: bool = False
    missing_periods: list[str] = field(default_factory=list)
    returned: bool = False
    reportable: bool = True
    # The two signals shown apart (light/reason above combine them, for sorting and
    # filtering): the task's progress against its dates, and its reporting.
    schedule_light: Light = Light.grey
    schedule_reason: str = ""
    report_light: Light | None = None
    report_reason: str = ""

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    @property
    def label(self) -> str:
        """The task's name for a printed label: its title, or its text's first clause —
        whole, never cut with "…" (the label wraps instead)."""
        if self.title and not self.title.endswith("…"):
            return self.title
        return re.split(r"[，。；]", self.text, maxsplit=1)[0] or self.title


def runs_in(start: date | None, due: date | None, period: Period, info: PlanInfo) -> bool:
    """Whether work dated `start`–`due` runs during `period`. A task without dates runs
    from the plan's start to its target date; the completeness rules, the reports
    owed and a department's list of tasks all count it so."""
    first = start or info.start
    last = due or info.target_date
    return first <= period.end and last >= period.start


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def load_tasks(db: sqlite_utils.Database, on: date | None = None) -> list[TaskStatus]:
    """Every task with its latest lead report, warning light and missing reports."""
    on = on or clock.today()
    info = plan_info(db)
    tasks = rows(
        db,
        """
        SELECT t.id, t.code, t.kind, t.title, t.text, t.parent_id, t.start_date, t.due_date,
               s.code AS section_code, p.code AS phase_code
        FROM tasks t LEFT JOIN sections s ON s.id = t.section_id
        LEFT JOIN phases p ON p.id = t.phase_id
        WHERE t.deleted = 0 ORDER BY t.sort""",
    )
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "co": []})
    for task_id, dept, role in db.execute(
        "SELECT a.task_id, a.department_id, a.role FROM assignments a"
        " JOIN departments d ON d.id = a.department_id"
        " WHERE a.deleted = 0 ORDER BY d.sort"
    ):
        roles[task_id][role].append(dept)
    reports: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for r in rows(
        db,
        "SELECT task_id, department_id, period, status, percent FROM progress_reports"
        " WHERE deleted = 0",
    ):
        reports[r["task_id"]][(r["department_id"], r["period"])] = r
    returned = {
        (d, p)
        for d, p in db.execute(
            "SELECT department_id, period FROM submissions WHERE state = 'returned' AND deleted = 0"
        )
    }
    has_children = {t["parent_id"] for t in tasks if t["parent_id"]}
    closed = info.closed_periods(on)
    starts = reporting_starts(db)
    result: list[TaskStatus] = []
    by_id: dict[str, TaskStatus] = {}
    for t in tasks:
        status = TaskStatus(
            id=t["id"],
            code=t["code"],
            kind=t["kind"],
            title=short_title(t["title"], t["text"]),
            text=t["text"],
            parent_id=t["parent_id"],
            section_code=t["section_code"],
            phase_code=t["phase_code"],
            start=_date(t["start_date"]),
            due=_date(t["due_date"]),
            lead=roles[t["id"]]["lead"],
            co=roles[t["id"]]["co"],
            reportable=t["id"] not in has_children,
        )
        lead_reports = [r for (d, _), r in reports[t["id"]].items() if d in status.lead]
        if lead_reports:
            latest_period = max(parse_period(r["period"]) for r in lead_reports)
            latest = [r for r in lead_reports if r["period"] == str(latest_period)]
            worst = min(latest, key=lambda r: r["percent"] if r["percent"] is not None else -1)
            status.status, status.percent, status.last_period = (
                worst["status"],
                worst["percent"],
                str(latest_period),
            )
            status.returned = any((d, str(latest_period)) in returned for d in status.lead)
        if status.reportable and status.lead:
            status.missing_periods = [
                str(p)
                for p in closed
                if runs_in(status.start, status.due, p, info)
                and any(owes(starts, d, p) for d in status.lead)
                and not any((d, str(p)) in reports[t["id"]] for d in status.lead)
            ]
        result.append(status)
        by_id[status.id] = status
    # A task with sub-tasks is as far as its sub-tasks together.
    children_of: dict[str, list[TaskStatus]] = defaultdict(list)
    for status in result:
        if status.parent_id:
            children_of[status.parent_id].append(status)
    for status in result:
        if status.reportable:
            continue
        children = children_of[status.id]
        percents = [c.percent or 0.0 for c in children]
        status.percent = sum(percents) / len(percents)
        status.missing_periods = sorted({p for c in children for p in c.missing_periods})
        states = {c.status for c in children}
        status.status = (
            "done"
            if states == {"done"}
            else "behind"
            if "behind" in states
            else "not_started"
            if states == {"not_started"}
            else "in_progress"
        )
        status.returned = any(c.returned for c in children)
        status.last_period = max((c.last_period for c in children if c.last_period), default=None)
    for status in result:
        spec = rules.TaskSpec(
            status.code, status.start, status.due, rules.Status(status.status), status.percent
        )
        status.overdue = rules.is_overdue(spec, on)
        status.light, status.reason = rules.task_light(
            spec,
            on,
            lead_report_missing_for_closed_period=bool(status.missing_periods),
            report_returned=status.returned,
        )
        status.schedule_light, status.schedule_reason = rules.schedule_light(spec, on)
        status.report_light, status.report_reason = rules.reporting_light(
            bool(status.missing_periods), status.returned
        )
    return result


@dataclass(frozen=True)
class Milestone:
    """A planned milestone of a task and the day it was achieved (None: not yet)."""

    id: str
    task_id: str
    name: str
    planned: date | None
    actual: date | None

    @property
    def achieved(self) -> bool:
        return self.actual is not None


def milestones(
    db: sqlite_utils.Database, department_id: str | None = None
) -> dict[str, list[Milestone]]:
    """Task id → its milestones by planned date. With a department, the day that
    department reported each one achieved; without, the first day any department did."""
    if department_id is None:
        actual = (
            "(SELECT min(a.actual_date) FROM milestone_actuals a WHERE a.milestone_id = m.id"
            " AND a.deleted = 0)"
        )
        params: list[Any] = []
    else:
        actual = (
            "(SELECT a.actual_date FROM milestone_actuals a WHERE a.milestone_id = m.id"
            " AND a.department_id = ? AND a.deleted = 0)"
        )
        params = [department_id]
    found: dict[str, list[Milestone]] = defaultdict(list)
    for m_id, task_id, name, planned, done in db.execute(
        f"SELECT m.id, m.task_id, m.name, m.planned_date, {actual} FROM milestones m"
        " WHERE m.deleted = 0 ORDER BY m.planned_date, m.sort",
        params,
    ):
        found[task_id].append(Milestone(m_id, task_id, name, _date(planned), _date(done)))
    return dict(found)
