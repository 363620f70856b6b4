"""The plan itself: its dates and reporting settings, its departments, sections and
phases, and how many rows of each kind a file holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlite_utils

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.plan.periods import Period, PeriodError, periods_between, reporting_period
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

    def selectable_periods(self, today: date) -> list[Period]:
        """Periods that can be filled (started by today), the current one first, then
        the others newest first."""
        current = self.current_period(today)
        started = [p for p in self.periods() if p.start <= today] or [self.periods()[0]]
        others = sorted((p for p in started if p != current), key=lambda p: p.end, reverse=True)
        return ([current] if current in started else []) + others


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


def resolve_period(db: sqlite_utils.Database, period: Period | str | None, on: date) -> Period:
    """A period given as a Period or its text; None means the current reporting period.

    Raises:
        BadInput: text that is not a period.
    """
    if period is None:
        return plan_info(db).current_period(on)
    if isinstance(period, Period):
        return period
    try:
        return Period.parse(period)
    except PeriodError as exc:
        raise BadInput(
            message("plan.not_period_write_2025", period=period),
        ) from exc


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


@dataclass(frozen=True)
class Department:
    id: str
    code: str
    name: str
    short_name: str
    kind: str
    contact_name: str
    contact_phone: str
    contact_email: str
    sort: int
    is_coordinator: bool

    @property
    def full_name(self) -> str:
        """The full name, with the short one added when it is not part of it."""
        if self.short_name in self.name:
            return self.name
        return f"{self.name}（{self.short_name}）"


DEPARTMENT_COLUMNS = (
    "id, code, name, short_name, kind, contact_name, contact_phone, contact_email, sort,"
    " is_coordinator"
)


def departments(db: sqlite_utils.Database) -> list[Department]:
    """The plan's departments in their order (sort, then code)."""
    return [
        _department(r)
        for r in db.execute(
            f"SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE deleted = 0 ORDER BY sort, code"
        )
    ]


def department(db: sqlite_utils.Database, department_id: str) -> Department | None:
    row = db.execute(
        f"SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE id = ?", [department_id]
    ).fetchone()
    return _department(row) if row else None


def _department(row: tuple) -> Department:
    return Department(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], bool(row[9])
    )


def department_names(db: sqlite_utils.Database) -> dict[str, str]:
    """id → short name of every department ever in the file (removed ones too: old rows
    still name them)."""
    return dict(db.execute("SELECT id, short_name FROM departments"))


def reporting_departments(db: sqlite_utils.Database) -> set[str]:
    """The departments with a task or an indicator to report on."""
    return {
        d
        for (d,) in db.execute(
            "SELECT DISTINCT department_id FROM assignments WHERE deleted = 0"
            " UNION SELECT department_id FROM indicator_departments WHERE deleted = 0"
        )
    }


@dataclass(frozen=True)
class Section:
    id: str
    code: str
    kind: str  # "part" (一 … 五) or "area" (a work area, 三（一）…)
    title: str
    text: str


def sections(db: sqlite_utils.Database) -> list[Section]:
    return [
        Section(*r)
        for r in db.execute(
            "SELECT id, code, kind, title, text FROM sections WHERE deleted = 0 ORDER BY sort"
        )
    ]


@dataclass(frozen=True)
class Phase:
    id: str
    code: str
    name: str
    start: date
    end: date


def phases(db: sqlite_utils.Database) -> list[Phase]:
    return [
        Phase(i, c, n, date.fromisoformat(s), date.fromisoformat(e))
        for i, c, n, s, e in db.execute(
            "SELECT id, code, name, start_date, end_date FROM phases WHERE deleted = 0"
            " ORDER BY sort, code"
        )
    ]


def counts(db: sqlite_utils.Database, tables: tuple[str, ...]) -> dict[str, int]:
    """Live rows (not deleted) of each table."""
    return {
        t: db.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0] for t in tables
    }
