"""What the window's pages read from a file, in a few set-based queries.

Plain Python (no Qt), built on `ipdesk.store.overview`, so it can be tested and
timed without a window.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.store import authority
from ipdesk.store.lights import period_of
from ipdesk.store.overview import IndicatorStatus, PlanInfo, TaskStatus, plan_info

REPORT_FIELDS = ("status", "percent", "progress", "problems", "next_steps")


def rows(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@dataclass
class Milestone:
    id: str
    name: str
    planned: str
    actual: str | None


@dataclass
class Evidence:
    id: str
    file_name: str
    size: int
    sha256: str
    period: str | None


@dataclass
class DeptTask:
    """One task as a department sees it for one period."""

    status: TaskStatus
    role: str  # lead | co
    active: bool
    report: dict[str, Any] | None
    previous: dict[str, Any] | None
    milestones: list[Milestone] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.status.id

    @property
    def code(self) -> str:
        return display_code(self.status.code)


def _active(task: TaskStatus, period: Period, info: PlanInfo) -> bool:
    first = task.start or info.start
    last = task.due or info.target_date
    return first <= period.end and last >= period.start


def department_tasks(
    db: sqlite_utils.Database, department_id: str, period: Period, tasks: list[TaskStatus]
) -> list[DeptTask]:
    """The department's tasks (lead first, then co-operating) with its own report for
    the period, its previous report, the milestones with its actual dates, and its
    evidence files. A task with sub-tasks is listed only when none of its sub-tasks
    is assigned to the department (otherwise the sub-tasks carry the reports)."""
    info = plan_info(db)
    by_id = {t.id: t for t in tasks}
    roles = {
        r["task_id"]: r["role"]
        for r in rows(
            db,
            "SELECT task_id, role FROM assignments WHERE department_id = ? AND deleted = 0",
            [department_id],
        )
    }
    parents_with_own_children = {
        by_id[t].parent_id for t in roles if t in by_id and by_id[t].parent_id
    }
    chosen = [t for t in tasks if t.id in roles and t.id not in parents_with_own_children]
    reports: dict[tuple[str, str], dict[str, Any]] = {
        (r["task_id"], r["period"]): r
        for r in rows(
            db,
            "SELECT task_id, period, status, percent, progress, problems, next_steps"
            " FROM progress_reports WHERE department_id = ? AND deleted = 0",
            [department_id],
        )
    }
    milestones: dict[str, list[Milestone]] = defaultdict(list)
    for r in rows(
        db,
        """
            SELECT m.id, m.task_id, m.name, m.planned_date, a.actual_date
            FROM milestones m LEFT JOIN milestone_actuals a
              ON a.milestone_id = m.id AND a.department_id = ? AND a.deleted = 0
            WHERE m.deleted = 0 ORDER BY m.planned_date, m.sort""",
        [department_id],
    ):
        milestones[r["task_id"]].append(
            Milestone(r["id"], r["name"], r["planned_date"], r["actual_date"])
        )
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for r in rows(
        db,
        """
            SELECT id, task_id, file_name, size, sha256, period FROM evidence
            WHERE department_id = ? AND deleted = 0 AND task_id IS NOT NULL
            ORDER BY period, file_name""",
        [department_id],
    ):
        evidence[r["task_id"]].append(
            Evidence(r["id"], r["file_name"], r["size"], r["sha256"], r["period"])
        )
    result = []
    for task in chosen:
        earlier = [p for (tid, p) in reports if tid == task.id and period_of(p).end < period.start]
        previous = (
            reports[(task.id, max(earlier, key=lambda p: period_of(p).end))] if earlier else None
        )
        result.append(
            DeptTask(
                status=task,
                role=roles[task.id],
                active=_active(task, period, info),
                report=reports.get((task.id, str(period))),
                previous=previous,
                milestones=milestones.get(task.id, []),
                evidence=evidence.get(task.id, []),
            )
        )
    result.sort(key=lambda d: 0 if d.role == "lead" else 1)
    return result


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
        return self.status.kind in ("cumulative", "new")

    def history(self, period: Period) -> list[rules.ValueEntry]:
        """Stored entries except the one for `period` (what check_entry compares with)."""
        return [e for e in self.status.entries if e.period != period]


def department_indicators(
    db: sqlite_utils.Database, department_id: str, period: Period, indicators: list[IndicatorStatus]
) -> list[DeptIndicator]:
    result = []
    notes = {
        (r["indicator_id"], r["period"]): r["note"]
        for r in rows(
            db,
            "SELECT indicator_id, period, note FROM indicator_values WHERE department_id = ?"
            " AND deleted = 0",
            [department_id],
        )
    }
    for ind in indicators:
        if department_id not in ind.departments:
            continue
        total = ind.current_as_of(period)
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
    unreported: list[str]  # display codes of lead tasks active in the period without a report
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
        (r["period"], r["reason"])
        for r in rows(
            db,
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
        authority.period_state(db, department_id, str(period)),
    )


def submission(db: sqlite_utils.Database, department_id: str, period: Period) -> dict[str, Any]:
    found = rows(
        db,
        "SELECT state, reason, submitted_at, reviewed_at FROM submissions"
        " WHERE department_id = ? AND period = ? AND deleted = 0",
        [department_id, str(period)],
    )
    return (
        found[0]
        if found
        else {"state": "draft", "reason": "", "submitted_at": None, "reviewed_at": None}
    )


def reported_pairs(db: sqlite_utils.Database, period: Period) -> set[tuple[str, str]]:
    """(task_id, department_id) with a report for the period."""
    return {
        (t, d)
        for t, d in db.execute(
            "SELECT task_id, department_id FROM progress_reports WHERE period = ? AND deleted = 0",
            [str(period)],
        )
    }


def selectable_periods(info: PlanInfo, today: date) -> list[Period]:
    """Periods that can be filled (started by today), the current one first, then the
    others newest first."""
    current = info.current_period(today)
    started = [p for p in info.periods() if p.start <= today] or [info.periods()[0]]
    others = sorted((p for p in started if p != current), key=lambda p: p.end, reverse=True)
    return ([current] if current in started else []) + others
