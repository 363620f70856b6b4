"""Every task as people look at it: its status (the lead departments' latest reports,
sub-tasks rolled up into their task), warning light, reports owed for closed periods;
whether a task runs in a period; and the milestones.

Reads a file in a few set-based queries and applies the pure rules of
`ipdesk.plan.rules`, task by task (`TaskBook`), so that the window's lights
(ipdesk.read.lights) recompute after an edit only the tasks it touched — with the
same code that reads the whole file.
"""

from __future__ import annotations

import re
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.codes import display_code, short_title
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.plan import PlanInfo, owes, plan_info, reporting_starts
from ipdesk.read.query import bulk_build, parse_period
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


@lru_cache(maxsize=4096)
def _rank(text: str) -> tuple[str, int, int]:
    """A period text's place in Period's own order (its fields compared in turn), worked
    out once per text: comparing Period objects calls their generated methods, ~30,000
    times on opening a city-scale plan."""
    period = parse_period(text)
    return (period.kind, period.year, period.number)


def _copied(status: TaskStatus) -> TaskStatus:
    """A copy of the status to finish (its list of missing periods its own): the fields
    copied as they are, without dataclasses.replace's call of __init__ (~20 µs, 5,000
    times on opening a city-scale plan)."""
    copy = object.__new__(TaskStatus)
    copy.__dict__.update(status.__dict__)
    copy.missing_periods = list(status.missing_periods)
    return copy


def load_tasks(db: sqlite_utils.Database, on: date | None = None) -> list[TaskStatus]:
    """Every task with its latest lead report, warning light and missing reports."""
    return TaskBook(db, on or clock.today()).statuses()


Report = tuple[int, str, str, str, float | None]  # rowid, department, period, status, percent


@dataclass(frozen=True)
class _Task:
    """What the plan says about a task (it changes only when the plan does)."""

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
    lead: tuple[str, ...]
    co: tuple[str, ...]
    reportable: bool
    pos: int  # document order


class TaskBook:
    """Every task's status and light: THE definition of them (`load_tasks` is a book
    read whole), computed task by task so that ipdesk.read.lights can recompute only
    the tasks an edit touched (`report_changed`, `submission_changed`, `recompute`).

    A task's own status comes from its lead departments' reports (`_own`); a task with
    sub-tasks is as far as its sub-tasks together, and every task then gets its lights
    from the rules of ipdesk.plan.rules (`_finish`).
    """

    def __init__(self, db: sqlite_utils.Database, on: date) -> None:
        with bulk_build():
            self._build(db, on)

    def _build(self, db: sqlite_utils.Database, on: date) -> None:
        self.on = on
        self.info = plan_info(db)
        self.closed = self.info.closed_periods(on)
        self.closed_texts = [(p, str(p)) for p in self.closed]
        self.starts = reporting_starts(db)
        found = db.execute(
            """SELECT t.id, t.code, t.kind, t.title, t.text, t.parent_id, t.start_date,
                   t.due_date, s.code, p.code
            FROM tasks t LEFT JOIN sections s ON s.id = t.section_id
            LEFT JOIN phases p ON p.id = t.phase_id
            WHERE t.deleted = 0 ORDER BY t.sort"""
        ).fetchall()
        roles: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for task_id, dept, role in db.execute(
            "SELECT a.task_id, a.department_id, a.role FROM assignments a"
            " JOIN departments d ON d.id = a.department_id"
            " WHERE a.deleted = 0 ORDER BY d.sort"
        ):
            roles[task_id][0 if role == "lead" else 1].append(dept)
        has_children = {r[5] for r in found if r[5]}
        self.plan: dict[str, _Task] = {}
        self.order: list[str] = []
        self.children: dict[str, list[str]] = defaultdict(list)
        self.led_by: dict[str, set[str]] = defaultdict(set)  # department → tasks it leads
        for pos, r in enumerate(found):
            lead, co = roles[r[0]] if r[0] in roles else ([], [])
            task = _Task(
                id=r[0],
                code=r[1],
                kind=r[2],
                title=short_title(r[3], r[4]),
                text=r[4],
                parent_id=r[5],
                section_code=r[8],
                phase_code=r[9],
                start=_date(r[6]),
                due=_date(r[7]),
                lead=tuple(lead),
                co=tuple(co),
                reportable=r[0] not in has_children,
                pos=pos,
            )
            self.plan[task.id] = task
            self.order.append(task.id)
            if task.parent_id:
                self.children[task.parent_id].append(task.id)
            for dept in lead:
                self.led_by[dept].add(task.id)
        # Each task's live reports by its lead departments, in the file's row order: a
        # task's status comes from those alone (`_own`), and the co-operating
        # departments' reports — two thirds of a city-scale file's — are not read. Found
        # from the lead assignments by the reports' (task, department) index (CROSS JOIN
        # keeps that order: scanning every report instead took a third longer).
        self.reports: dict[str, list[Report]] = defaultdict(list)
        for rowid, task_id, dept, period, status, percent in db.execute(
            "SELECT r.rowid, r.task_id, r.department_id, r.period, r.status, r.percent"
            " FROM assignments a CROSS JOIN progress_reports r"
            " ON r.task_id = a.task_id AND r.department_id = a.department_id"
            " WHERE r.deleted = 0 AND a.role = 'lead' AND a.deleted = 0 ORDER BY r.rowid"
        ):
            self.reports[task_id].append((rowid, dept, period, status, percent))
        self.returned: set[tuple[str, str]] = set(
            db.execute(
                "SELECT department_id, period FROM submissions"
                " WHERE state = 'returned' AND deleted = 0"
            ).fetchall()
        )
        self.own: dict[str, TaskStatus] = {}  # task → its status from its own lead reports
        self.final: dict[str, TaskStatus] = {}  # task → its status as shown
        for task_id in self.order:
            self.own[task_id] = self._own(self.plan[task_id])
        self._finish(self.order)

    # ------------------------------------------------------------------ the rules
    def _own(self, task: _Task) -> TaskStatus:
        """The task's status from its lead departments' reports (before sub-tasks):
        the latest period any lead reported, the least advanced lead report of it; the
        closed periods it ran in that a lead owed (ipdesk.read.plan.owes) and no lead
        reported."""
        status = TaskStatus(
            id=task.id,
            code=task.code,
            kind=task.kind,
            title=task.title,
            text=task.text,
            parent_id=task.parent_id,
            section_code=task.section_code,
            phase_code=task.phase_code,
            start=task.start,
            due=task.due,
            lead=list(task.lead),
            co=list(task.co),
            reportable=task.reportable,
        )
        lead = task.lead
        lead_reports = [r for r in self.reports.get(task.id, ()) if r[1] in lead]
        if lead_reports:
            latest_text = str(parse_period(max((r[2] for r in lead_reports), key=_rank)))
            latest = [r for r in lead_reports if r[2] == latest_text]
            worst = min(latest, key=lambda r: r[4] if r[4] is not None else -1)
            status.status, status.percent, status.last_period = worst[3], worst[4], latest_text
            status.returned = any((d, latest_text) in self.returned for d in lead)
        if task.reportable and lead:
            reported = {(r[1], r[2]) for r in lead_reports}
            status.missing_periods = [
                text
                for p, text in self.closed_texts
                if runs_in(task.start, task.due, p, self.info)
                and any(owes(self.starts, d, p) for d in lead)
                and not any((d, text) in reported for d in lead)
            ]
        return status

    def _finish(self, task_ids: Iterable[str]) -> None:
        """Sub-tasks into their parents, then the lights, for `task_ids` in document
        order. A parent takes each sub-task as it stands at that point of a pass in
        document order: finished when the sub-task comes before it, otherwise as its own
        reports left it (which is what a single pass over the plan gives)."""
        on = self.on
        for task_id in sorted(task_ids, key=lambda t: self.plan[t].pos):
            task = self.plan[task_id]
            status = _copied(self.own[task_id])
            if not task.reportable:
                kids = [
                    self.final[c] if self.plan[c].pos < task.pos else self.own[c]
                    for c in self.children[task_id]
                ]
                percents = [c.percent or 0.0 for c in kids]
                status.percent = sum(percents) / len(percents)
                status.missing_periods = sorted({p for c in kids for p in c.missing_periods})
                states = {c.status for c in kids}
                status.status = (
                    "done"
                    if states == {"done"}
                    else "behind"
                    if "behind" in states
                    else "not_started"
                    if states == {"not_started"}
                    else "in_progress"
                )
                status.returned = any(c.returned for c in kids)
                status.last_period = max(
                    (c.last_period for c in kids if c.last_period), default=None
                )
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
            self.final[task_id] = status

    # ------------------------------------------------------------------ changes
    def _with_parents(self, task_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for task_id in task_ids:
            while task_id and task_id in self.plan and task_id not in out:
                out.add(task_id)
                task_id = self.plan[task_id].parent_id or ""
        return out

    def recompute(self, task_ids: Iterable[str]) -> set[str]:
        """Recompute the tasks (and their parents); returns the ids recomputed."""
        touched = {t for t in task_ids if t in self.plan}
        for task_id in touched:
            self.own[task_id] = self._own(self.plan[task_id])
        everything = self._with_parents(touched)
        self._finish(everything)
        return everything

    def report_changed(
        self,
        rowid: int,
        task_id: str,
        dept: str,
        period: str,
        status: str,
        percent: float | None,
        deleted: int,
    ) -> str | None:
        """One progress report as it now is in the file (kept when a lead department
        made it); returns the task it belongs to."""
        if task_id not in self.plan:
            return None
        mine = [r for r in self.reports.get(task_id, []) if (r[1], r[2]) != (dept, period)]
        if not deleted and dept in self.plan[task_id].lead:
            insort(mine, (rowid, dept, period, status, percent), key=lambda r: r[0])
        self.reports[task_id] = mine
        return task_id

    def submission_changed(self, dept: str, period: str, returned: bool) -> set[str]:
        """A department's period was returned (or no longer is); returns the tasks it leads."""
        if returned:
            self.returned.add((dept, period))
        else:
            self.returned.discard((dept, period))
        return set(self.led_by.get(dept, ()))

    def statuses(self) -> list[TaskStatus]:
        return [self.final[t] for t in self.order]


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
