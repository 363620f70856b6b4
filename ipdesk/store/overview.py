"""The plan as people look at it: every task with its status and warning light,
every indicator with current, expected and light, and reporting completeness.

Reads a file in a few set-based queries and applies the pure rules of
`ipdesk.plan.rules`; used by the command line, the window and the printed sheets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.codes import display_code, short_title
from ipdesk.plan.periods import Period, periods_between, reporting_period
from ipdesk.plan.rules import Light
from ipdesk.store import clock


@dataclass(frozen=True)
class PlanInfo:
    name: str
    short_name: str
    start: date
    target_date: date
    end: date
    period_kind: str
    deadline_days: int
    tolerance: float

    def periods(self) -> list[Period]:
        return periods_between(self.start, self.end, self.period_kind)

    def current_period(self, on: date | None = None) -> Period:
        """The period to fill on `on`, kept within the plan's periods."""
        on = on or clock.today()
        all_periods = self.periods()
        period = reporting_period(on, self.period_kind, self.deadline_days)
        if period < all_periods[0]:
            return all_periods[0]
        if period > all_periods[-1]:
            return all_periods[-1]
        return period

    def closed_periods(self, on: date) -> list[Period]:
        """Periods whose reporting deadline has passed on `on`."""
        return [p for p in self.periods() if p.deadline(self.deadline_days) < on]


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


@dataclass
class IndicatorStatus:
    id: str
    code: str
    name: str
    text: str
    unit: str
    target: float
    comparator: str
    kind: str
    aggregation: str
    baseline: float | None
    designated: str | None
    departments: list[str]
    spec: rules.IndicatorSpec
    entries: list[rules.ValueEntry]
    current: float | None = None
    expected: float | None = None
    percent: float | None = None
    light: Light = Light.grey
    report_missing: bool = False  # a closed period owed has no value: its own signal
    exceeding: bool = False  # at least twice the target: said in words, not a warning


def plan_info(db: sqlite_utils.Database) -> PlanInfo:
    row = db.execute(
        "SELECT name, short_name, start_date, target_date, end_date, reporting, deadline_days,"
        " tolerance FROM plan WHERE deleted = 0 LIMIT 1"
    ).fetchone()
    return PlanInfo(
        row[0],
        row[1],
        date.fromisoformat(row[2]),
        date.fromisoformat(row[3]),
        date.fromisoformat(row[4]),
        "month" if row[5] == "monthly" else "quarter",
        row[6],
        row[7],
    )


def _rows(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Period.parse, remembered: a big file repeats a few dozen period texts."""
    return Period.parse(text)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def departments(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return _rows(db, "SELECT * FROM departments WHERE deleted = 0 ORDER BY sort, code")


def _active(start: date | None, due: date | None, period: Period, info: PlanInfo) -> bool:
    first = start or info.start
    last = due or info.target_date
    return first <= period.end and last >= period.start


def reporting_starts(db: sqlite_utils.Database) -> dict[str, date]:
    """department id → the day its reporting obligations started (its first issued
    file, or a date the coordinator set); departments without one owe nothing yet."""
    return {
        d: date.fromisoformat(day)
        for d, day in db.execute(
            "SELECT id, reporting_start FROM departments WHERE deleted = 0"
            " AND reporting_start IS NOT NULL"
        )
    }


def owes(starts: dict[str, date], department: str, period: Period) -> bool:
    """Whether `department` owes a report for `period`: it had its file (or its start
    date) before the period ended."""
    start = starts.get(department)
    return start is not None and start <= period.end


def load_tasks(db: sqlite_utils.Database, on: date | None = None) -> list[TaskStatus]:
    """Every task with its latest lead report, warning light and missing reports."""
    on = on or clock.today()
    info = plan_info(db)
    tasks = _rows(
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
    for r in _rows(
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
                if _active(status.start, status.due, p, info)
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


def load_indicators(db: sqlite_utils.Database, on: date | None = None) -> list[IndicatorStatus]:
    """Every indicator with its current value, expected value, % of target and light."""
    on = on or clock.today()
    info = plan_info(db)
    indicators = _rows(db, "SELECT * FROM indicators WHERE deleted = 0 ORDER BY sort, code")
    responsible: dict[str, list[str]] = defaultdict(list)
    for ind, dept in db.execute(
        "SELECT indicator_id, department_id FROM indicator_departments WHERE deleted = 0"
    ):
        responsible[ind].append(dept)
    milestones: dict[str, list[tuple[date, float]]] = defaultdict(list)
    for ind, day, value in db.execute(
        "SELECT indicator_id, on_date, value FROM indicator_milestones WHERE deleted = 0"
    ):
        milestones[ind].append((date.fromisoformat(day), value))
    entries: dict[str, list[rules.ValueEntry]] = defaultdict(list)
    for ind, dept, period, value in db.execute(
        "SELECT indicator_id, department_id, period, value FROM indicator_values WHERE deleted = 0"
    ):
        entries[ind].append(rules.ValueEntry(dept, parse_period(period), value))
    closed = info.closed_periods(on)
    last_closed = closed[-1] if closed else None
    starts = reporting_starts(db)
    result = []
    for i in indicators:
        spec = rules.IndicatorSpec(
            code=i["code"],
            kind=i["kind"],
            comparator=i["comparator"],
            target=i["target"],
            baseline=i["baseline"],
            aggregation=i["aggregation"],
            designated=i["designated_department_id"],
            start=info.start,
            target_date=info.target_date,
            milestones=tuple(milestones[i["id"]]),
            tolerance=info.tolerance,
        )
        own = entries[i["id"]]
        current = rules.current_value(spec, own)
        current = round(current, 6) if current is not None else None
        missing = (
            last_closed is not None
            and last_closed.start <= info.target_date
            and any(owes(starts, d, last_closed) for d in responsible[i["id"]])
            and not any(e.period == last_closed for e in own)
        )
        result.append(
            IndicatorStatus(
                id=i["id"],
                code=i["code"],
                name=i["name"],
                text=i["text"],
                unit=i["unit"],
                target=i["target"],
                comparator=i["comparator"],
                kind=i["kind"],
                aggregation=i["aggregation"],
                baseline=i["baseline"],
                designated=i["designated_department_id"],
                departments=responsible[i["id"]],
                spec=spec,
                entries=own,
                current=current,
                expected=rules.expected_value(spec, on),
                percent=rules.percent_of_target(spec, current),
                light=rules.indicator_light(spec, current, on, missing_closed_period=missing),
                report_missing=missing,
                exceeding=rules.exceeds(spec, current),
            )
        )
    return result


def completeness(
    db: sqlite_utils.Database, period: Period, tasks: list[TaskStatus] | None = None
) -> list[rules.Completeness]:
    """For each department leading a task active in `period`: expected, reported, state."""
    info = plan_info(db)
    tasks = tasks if tasks is not None else load_tasks(db)
    starts = reporting_starts(db)
    expected: dict[str, list[str]] = defaultdict(list)
    for t in tasks:
        if t.reportable and _active(t.start, t.due, period, info):
            for dept in t.lead:
                if owes(starts, dept, period):
                    expected[dept].append(t.code)
    codes = {t.id: t.code for t in tasks}
    reported: dict[str, list[str]] = defaultdict(list)
    for task_id, dept in db.execute(
        "SELECT task_id, department_id FROM progress_reports WHERE period = ? AND deleted = 0",
        [str(period)],
    ):
        if task_id in codes:
            reported[dept].append(codes[task_id])
    states = {
        dept: rules.ReportState(state)
        for dept, state in db.execute(
            "SELECT department_id, state FROM submissions WHERE period = ? AND deleted = 0",
            [str(period)],
        )
    }
    states = {d: s for d, s in states.items() if d in expected}
    reported = {d: r for d, r in reported.items() if d in expected}
    return rules.completeness(expected, reported, states, period)
