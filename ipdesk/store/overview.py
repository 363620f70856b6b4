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
from ipdesk.plan.codes import display_code
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
    _as_of: dict[Period, float | None] = field(default_factory=dict, repr=False, compare=False)
    _by_key: dict[tuple[str, Period], float] | None = field(default=None, repr=False, compare=False)

    def value_of(self, department: str, period: Period) -> float | None:
        """The department's value for the period (None: not reported), looked up in a
        table made once per status."""
        if self._by_key is None:
            self._by_key = {(e.department, e.period): e.value for e in self.entries}
        return self._by_key.get((department, period))

    def current_as_of(self, period: Period) -> float | None:
        """The indicator's value as it stood at the end of `period` (rules.current_value
        with as_of), remembered: a status is replaced, never changed, when its values
        change (ipdesk.store.lights)."""
        if period not in self._as_of:
            self._as_of[period] = rules.current_value(self.spec, self.entries, as_of=period)
        return self._as_of[period]


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


def load_tasks(db: sqlite_utils.Database, on: date | None = None) -> list[TaskStatus]:
    """Every task with its latest lead report, warning light and missing reports."""
    from ipdesk.store.lights import TaskBook

    return TaskBook(db, on or clock.today()).statuses()


def load_indicators(db: sqlite_utils.Database, on: date | None = None) -> list[IndicatorStatus]:
    """Every indicator with its current value, expected value, % of target and light."""
    from ipdesk.store.lights import IndicatorBook

    return IndicatorBook(db, on or clock.today()).statuses()


def completeness(
    db: sqlite_utils.Database, period: Period, tasks: list[TaskStatus] | None = None
) -> list[rules.Completeness]:
    """For each department leading a task active in `period`: expected, reported, state."""
    info = plan_info(db)
    tasks = tasks if tasks is not None else load_tasks(db)
    expected: dict[str, list[str]] = defaultdict(list)
    for t in tasks:
        if t.reportable and _active(t.start, t.due, period, info):
            for dept in t.lead:
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
