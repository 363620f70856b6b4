"""What the printed sheets and workbooks read from a plan file.

Every number and light comes from `ipdesk.store.overview` (the same rules as the
window and `ipdesk dump`); this module adds the few set-based read queries the
sheets need on top (one period's reports, evidence lists, milestones).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput
from ipdesk.plan.periods import Period, PeriodError
from ipdesk.store import clock
from ipdesk.store.overview import (
    IndicatorStatus,
    PlanInfo,
    TaskStatus,
    _rows,
    load_indicators,
    load_tasks,
    plan_info,
)

STATUS_ZH = {"not_started": "未启动", "in_progress": "推进中", "done": "已完成", "behind": "滞后"}
STATE_ZH = {"draft": "草稿", "submitted": "已提交", "approved": "审核通过", "returned": "退回"}
KIND_ZH = {"task": "任务", "subtask": "子任务", "activity": "阶段工作", "safeguard": "保障措施"}
INDICATOR_KIND_ZH = {
    "cumulative": "累计",
    "new": "新增",
    "level": "达到",
    "rate": "比率",
    "score": "评分",
    "yesno": "是否",
}
SUM_KINDS = ("cumulative", "new")


def parse_period(db: sqlite_utils.Database, period: Period | str | None, on: date) -> Period:
    """A period given as a Period or text; None means the current reporting period."""
    if period is None:
        return plan_info(db).current_period(on)
    if isinstance(period, Period):
        return period
    try:
        return Period.parse(period)
    except PeriodError as exc:
        raise BadInput(
            f"期间“{period}”格式不对。请写成 2025-03（月）、2025Q1（季度）或 2025（年）。",
            f"'{period}' is not a period. Write 2025-03 (month), 2025Q1 (quarter) or 2025 (year).",
        ) from exc


@dataclass
class Milestone:
    name: str
    planned: str
    actual: str | None


@dataclass
class Evidence:
    task_id: str | None
    indicator_id: str | None
    department_id: str
    period: str | None
    file_name: str
    sha256: str
    size: int


@dataclass
class PlanSnapshot:
    """Everything a sheet needs, read once."""

    db: sqlite_utils.Database
    info: PlanInfo
    on: date
    departments: dict[str, dict[str, Any]]
    tasks: list[TaskStatus]
    indicators: list[IndicatorStatus]
    sections: dict[str, dict[str, Any]]
    phases: list[dict[str, Any]]
    milestones: dict[str, list[Milestone]] = field(default_factory=dict)

    @property
    def task_by_id(self) -> dict[str, TaskStatus]:
        return {t.id: t for t in self.tasks}

    def dept_name(self, dept_id: str | None) -> str:
        if dept_id is None or dept_id not in self.departments:
            return ""
        return self.departments[dept_id]["short_name"]

    def dept_names(self, ids: list[str]) -> str:
        return "、".join(self.dept_name(d) for d in ids)


def snapshot(db: sqlite_utils.Database, on: date | None = None) -> PlanSnapshot:
    on = on or clock.today()
    departments = {
        d["id"]: d
        for d in _rows(db, "SELECT * FROM departments WHERE deleted = 0 ORDER BY sort, code")
    }
    sections = {
        s["code"]: s
        for s in _rows(
            db,
            "SELECT id, code, kind, title, text, sort FROM sections WHERE deleted = 0"
            " ORDER BY sort",
        )
    }
    phases = _rows(
        db,
        "SELECT id, code, name, start_date, end_date FROM phases"
        " WHERE deleted = 0 ORDER BY sort, code",
    )
    milestones: dict[str, list[Milestone]] = defaultdict(list)
    for task_id, name, planned, actual in db.execute("""
            SELECT m.task_id, m.name, m.planned_date, min(a.actual_date)
            FROM milestones m LEFT JOIN milestone_actuals a
              ON a.milestone_id = m.id AND a.deleted = 0 AND a.actual_date IS NOT NULL
            WHERE m.deleted = 0 GROUP BY m.id ORDER BY m.planned_date, m.sort"""):
        milestones[task_id].append(Milestone(name, planned, actual))
    return PlanSnapshot(
        db=db,
        info=plan_info(db),
        on=on,
        departments=departments,
        tasks=load_tasks(db, on),
        indicators=load_indicators(db, on),
        sections=sections,
        phases=phases,
        milestones=dict(milestones),
    )


def reports_for_period(
    db: sqlite_utils.Database, period: Period, department_id: str | None = None
) -> dict[tuple[str, str], dict[str, Any]]:
    """(task id, department id) → that department's report on the task for the period."""
    sql = (
        "SELECT task_id, department_id, status, percent, progress, problems, next_steps"
        " FROM progress_reports WHERE deleted = 0 AND period = ?"
    )
    params: list[Any] = [str(period)]
    if department_id is not None:
        sql += " AND department_id = ?"
        params.append(department_id)
    return {(r["task_id"], r["department_id"]): r for r in _rows(db, sql, params)}


def submission(db: sqlite_utils.Database, department_id: str, period: Period) -> dict[str, Any]:
    rows = _rows(
        db,
        "SELECT state, reason, submitted_at, reviewed_at FROM submissions"
        " WHERE deleted = 0 AND department_id = ? AND period = ?",
        [department_id, str(period)],
    )
    return (
        rows[0]
        if rows
        else {"state": "draft", "reason": "", "submitted_at": None, "reviewed_at": None}
    )


def submissions_for_period(db: sqlite_utils.Database, period: Period) -> dict[str, dict[str, Any]]:
    return {
        r["department_id"]: r
        for r in _rows(
            db,
            "SELECT department_id, state, reason, submitted_at FROM submissions"
            " WHERE deleted = 0 AND period = ?",
            [str(period)],
        )
    }


def evidence(
    db: sqlite_utils.Database, department_id: str | None = None, period: Period | None = None
) -> list[Evidence]:
    sql = (
        "SELECT task_id, indicator_id, department_id, period, file_name, sha256, size"
        " FROM evidence WHERE deleted = 0"
    )
    params: list[Any] = []
    if department_id is not None:
        sql += " AND department_id = ?"
        params.append(department_id)
    if period is not None:
        sql += " AND period = ?"
        params.append(str(period))
    sql += " ORDER BY period, file_name"
    return [Evidence(*r) for r in db.execute(sql, params)]


def evidence_by_task(items: list[Evidence]) -> dict[str, list[Evidence]]:
    grouped: dict[str, list[Evidence]] = defaultdict(list)
    for e in items:
        grouped[e.task_id or e.indicator_id or ""].append(e)
    return grouped


def active_in(task: TaskStatus, period: Period, info: PlanInfo) -> bool:
    """Whether the task runs during the period (a task without dates runs from the
    plan's start to its target date), as the completeness rules count it."""
    first = task.start or info.start
    last = task.due or info.target_date
    return first <= period.end and last >= period.start


def department_tasks(
    snap: PlanSnapshot,
    department_id: str,
    period: Period | None = None,
    reported: set[str] | None = None,
) -> list[tuple[TaskStatus, str]]:
    """The department's tasks with its role (lead first, then co), in document order;
    with a period, those running in it (and any it reported on).

    As in the window, a task with sub-tasks is listed only when none of its
    sub-tasks is assigned to the department (otherwise the sub-tasks carry the
    reports)."""
    mine = {t.id for t in snap.tasks if department_id in t.lead or department_id in t.co}
    parents = {t.parent_id for t in snap.tasks if t.id in mine and t.parent_id}

    def wanted(t: TaskStatus) -> bool:
        if t.id not in mine or t.id in parents:
            return False
        if period is None or active_in(t, period, snap.info):
            return True
        return reported is not None and t.id in reported

    lead = [(t, "lead") for t in snap.tasks if wanted(t) and department_id in t.lead]
    co = [(t, "co") for t in snap.tasks if wanted(t) and department_id in t.co]
    return lead + co


def department_indicators(snap: PlanSnapshot, department_id: str) -> list[IndicatorStatus]:
    return [i for i in snap.indicators if department_id in i.departments]


def value_for(indicator: IndicatorStatus, department_id: str, period: Period) -> float | None:
    for e in indicator.entries:
        if e.department == department_id and e.period == period:
            return e.value
    return None


def department_total(
    indicator: IndicatorStatus, department_id: str, period: Period
) -> float | None:
    """The department's own running total (累计) up to and including `period`, for
    cumulative and new indicators (the baseline counts for the designated one)."""
    if indicator.kind not in SUM_KINDS:
        return None
    own = [
        e
        for e in indicator.entries
        if e.department == department_id
        and e.period.end <= period.end
        and e.period.end >= indicator.spec.start
    ]
    if not own and department_id != indicator.designated:
        return None
    total = sum(e.value for e in own)
    if (
        indicator.kind == "cumulative"
        and department_id == indicator.designated
        and indicator.baseline
    ):
        total += indicator.baseline
    return total


def period_value(indicator: IndicatorStatus, period: Period) -> float | None:
    """The indicator's figure for one period: for sums the district's new amount
    that period, otherwise the value that counts (designated department, or the
    largest when none is designated), as `rules.current_value` reads it."""
    entries = [e for e in indicator.entries if e.period == period]
    if indicator.aggregation == "designated" and indicator.designated:
        entries = [e for e in entries if e.department == indicator.designated]
    if not entries:
        return None
    if indicator.kind in SUM_KINDS:
        return sum(e.value for e in entries)
    return max(e.value for e in entries)


def label(task: TaskStatus) -> str:
    """A task's name for a label: its title, or its text's first clause — whole,
    never cut with "…" (the label wraps instead)."""
    if task.title and not task.title.endswith("…"):
        return task.title
    return re.split(r"[，。；]", task.text, maxsplit=1)[0] or task.title
