"""A department's business for one period, as its form on screen, its printed sheet
(部门工作进展情况表) and its fill-in workbook all show it: its tasks, its reports, its
indicator grid, its evidence files, the state of its period and what it still owes.

`department_tasks` is THE definition of a department's tasks for a period; nothing
else chooses them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.read.indicators import IndicatorStatus
from ipdesk.read.plan import PlanInfo, plan_info
from ipdesk.read.query import parse_period
from ipdesk.read.tasks import Milestone, TaskStatus, milestones, runs_in

REPORT_FIELDS = ("status", "percent", "progress", "problems", "next_steps")


@dataclass(frozen=True)
class Report:
    """One department's progress report on one task for one period."""

    task_id: str
    department_id: str
    period: str
    status: str
    percent: float | None
    progress: str
    problems: str
    next_steps: str

    def fields(self) -> dict[str, Any]:
        """The fields a department writes (what an edit saves or restores)."""
        return {k: getattr(self, k) for k in REPORT_FIELDS}


def _of(
    db: sqlite_utils.Database,
    sql: str,
    department_id: str | None,
    period: Period | None,
    order: str = "",
) -> list[tuple[Any, ...]]:
    """Live rows of a department table, of one department and/or one period."""
    params: list[Any] = []
    if department_id is not None:
        sql += " AND department_id = ?"
        params.append(department_id)
    if period is not None:
        sql += " AND period = ?"
        params.append(str(period))
    return db.execute(sql + order, params).fetchall()


def reports(
    db: sqlite_utils.Database, *, department_id: str | None = None, period: Period | None = None
) -> list[Report]:
    """Progress reports, of one department and/or one period."""
    sql = (
        "SELECT task_id, department_id, period, status, percent, progress, problems,"
        " next_steps FROM progress_reports WHERE deleted = 0"
    )
    return [Report(*r) for r in _of(db, sql, department_id, period)]


@dataclass(frozen=True)
class Evidence:
    """An evidence file attached to a task or an indicator."""

    id: str
    task_id: str | None
    indicator_id: str | None
    department_id: str
    period: str | None
    file_name: str
    sha256: str
    size: int
    note: str


def evidence(
    db: sqlite_utils.Database, department_id: str | None = None, period: Period | None = None
) -> list[Evidence]:
    """Evidence files (of a department, of a period), by period and name."""
    sql = (
        "SELECT id, task_id, indicator_id, department_id, period, file_name, sha256, size, note"
        " FROM evidence WHERE deleted = 0"
    )
    return [
        Evidence(*r) for r in _of(db, sql, department_id, period, " ORDER BY period, file_name")
    ]


def evidence_by_item(items: list[Evidence]) -> dict[str, list[Evidence]]:
    """Task (or indicator) id → its evidence files."""
    grouped: dict[str, list[Evidence]] = defaultdict(list)
    for e in items:
        grouped[e.task_id or e.indicator_id or ""].append(e)
    return grouped


@dataclass(frozen=True)
class Submission:
    """The state of a department's report for a period (no row: a draft)."""

    state: str = "draft"  # draft | submitted | approved | returned
    reason: str = ""
    submitted_at: str | None = None
    reviewed_at: str | None = None

    def fields(self) -> dict[str, Any]:
        return asdict(self)


def submission(db: sqlite_utils.Database, department_id: str, period: Period | str) -> Submission:
    row = db.execute(
        "SELECT state, reason, submitted_at, reviewed_at FROM submissions"
        " WHERE department_id = ? AND period = ? AND deleted = 0",
        [department_id, str(period)],
    ).fetchone()
    return Submission(*row) if row else Submission()


def submissions_for_period(db: sqlite_utils.Database, period: Period) -> dict[str, Submission]:
    """department id → the state of its report for the period."""
    return {
        r[0]: Submission(*r[1:])
        for r in db.execute(
            "SELECT department_id, state, reason, submitted_at, reviewed_at FROM submissions"
            " WHERE deleted = 0 AND period = ?",
            [str(period)],
        )
    }


@dataclass
class DeptTask:
    """One task as a department sees it for one period."""

    status: TaskStatus
    role: str  # lead | co
    active: bool  # the task runs during the period
    overdue: bool  # due before the period began and not done: still owed
    report: Report | None  # the department's report for the period
    previous: Report | None  # its latest report for an earlier period
    milestones: list[Milestone] = field(default_factory=list)  # with its own actual dates
    evidence: list[Evidence] = field(default_factory=list)  # its files, every period

    @property
    def id(self) -> str:
        return self.status.id

    @property
    def code(self) -> str:
        return display_code(self.status.code)


def _is_business(task: TaskStatus, period: Period, info: PlanInfo, reported: bool) -> bool:
    """A task is a department's business in a period when it runs during the period, when
    the department reported on it for the period, or when it was due before the period
    and is not done (its light stays red until it is: the department must be able to
    report it)."""
    if reported or runs_in(task.start, task.due, period, info):
        return True
    return task.due is not None and task.due < period.start and task.status != "done"


def department_tasks(
    db: sqlite_utils.Database, department_id: str, period: Period, tasks: list[TaskStatus]
) -> list[DeptTask]:
    """THE department's tasks for a period (the form, the sheet and the workbook list
    these): lead ones first, then co-operating ones, each in plan order; the tasks
    that are its business in the period (`_is_business`). A task with sub-tasks is
    listed only when none of its sub-tasks is assigned to the department (otherwise the
    sub-tasks carry the reports). Each comes with the department's report for the
    period, its previous report, the milestones with its actual dates and its files.

    Args:
        tasks: Every task's status (load_tasks), in plan order.
    """
    info = plan_info(db)
    roles = dict(
        db.execute(
            "SELECT task_id, role FROM assignments WHERE department_id = ? AND deleted = 0",
            [department_id],
        ).fetchall()
    )
    by_id = {t.id: t for t in tasks}
    parents = {by_id[t].parent_id for t in roles if t in by_id and by_id[t].parent_id}
    own = reports(db, department_id=department_id)
    by_task: dict[str, dict[str, Report]] = defaultdict(dict)
    for r in own:
        by_task[r.task_id][r.period] = r
    marks = milestones(db, department_id)
    files: dict[str, list[Evidence]] = defaultdict(list)
    for e in evidence(db, department_id):
        if e.task_id is not None:
            files[e.task_id].append(e)
    chosen = []
    for task in tasks:
        if task.id not in roles or task.id in parents:
            continue
        mine = by_task.get(task.id, {})
        report = mine.get(str(period))
        if not _is_business(task, period, info, report is not None):
            continue
        earlier = [p for p in mine if parse_period(p).end < period.start]
        previous = mine[max(earlier, key=lambda p: parse_period(p).end)] if earlier else None
        chosen.append(
            DeptTask(
                status=task,
                role=roles[task.id],
                active=runs_in(task.start, task.due, period, info),
                overdue=task.due is not None and task.due < period.start and task.status != "done",
                report=report,
                previous=previous,
                milestones=marks.get(task.id, []),
                evidence=files.get(task.id, []),
            )
        )
    chosen.sort(key=lambda d: 0 if d.role == "lead" else 1)
    return chosen


@dataclass
class DeptIndicator:
    """One indicator in a department's grid for one period."""

    status: IndicatorStatus
    value: float | None  # the department's own value for the period (本期新增 for sums)
    note: str
    total: float | None  # the indicator's 累计 as of the period (sum kinds), else its value then
    percent: float | None
    editable: bool  # the department reports it (designated indicators: only the designated)

    @property
    def is_sum(self) -> bool:
        return self.status.is_sum

    def history(self, period: Period) -> list[rules.ValueEntry]:
        """Stored entries except the one for `period` (what check_entry compares with)."""
        return [e for e in self.status.entries if e.period != period]


def department_indicators(
    db: sqlite_utils.Database, department_id: str, period: Period, indicators: list[IndicatorStatus]
) -> list[DeptIndicator]:
    """The indicators the department reports, with its value for the period."""
    notes = dict(
        ((i, p), n)
        for i, p, n in db.execute(
            "SELECT indicator_id, period, note FROM indicator_values WHERE department_id = ?"
            " AND deleted = 0",
            [department_id],
        )
    )
    result = []
    for ind in indicators:
        if department_id not in ind.departments:
            continue
        total = ind.current_as_of(period)  # remembered with the status (ipdesk.read.lights)
        result.append(
            DeptIndicator(
                status=ind,
                value=ind.value_of(department_id, period),
                note=notes.get((ind.id, str(period)), ""),
                total=total,
                percent=rules.percent_of_target(ind.spec, total),
                editable=True,
            )
        )
    return result


@dataclass
class Reminders:
    unreported: list[str]  # display codes of lead tasks running in the period without a report
    behind: list[str]  # names of the department's indicators with a red or yellow light
    returned: list[tuple[str, str]]  # (period, reason)
    deadline: date
    state: str


def reminders(
    db: sqlite_utils.Database,
    department_id: str,
    period: Period,
    tasks: list[DeptTask],
    indicators: list[DeptIndicator],
) -> Reminders:
    info = plan_info(db)
    unreported = [t.code for t in tasks if t.role == "lead" and t.active and t.report is None]
    behind = [
        i.status.name for i in indicators if i.status.light in (rules.Light.red, rules.Light.yellow)
    ]
    returned = [
        (p, r)
        for p, r in db.execute(
            "SELECT period, reason FROM submissions WHERE department_id = ? AND state = 'returned'"
            " AND deleted = 0 ORDER BY period",
            [department_id],
        )
    ]
    return Reminders(
        unreported,
        behind,
        returned,
        period.deadline(info.deadline_days),
        submission(db, department_id, period).state,
    )
