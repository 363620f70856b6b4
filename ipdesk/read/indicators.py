"""Every indicator as people look at it: current value, expected value, % of target and
warning light (the rules of ipdesk.plan.rules over the departments' values), and the
figures of one department or one period.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.plan import owes, plan_info, reporting_starts
from ipdesk.read.query import bulk_build, parse_period, rows
from ipdesk.store import clock

SUM_KINDS = ("cumulative", "new")
# The tables load_indicators reads: a change to any of them changes a current value or light.
SOURCES = (
    "indicators",
    "indicator_values",
    "indicator_departments",
    "indicator_milestones",
    "plan",
    "departments",  # when each department's reporting obligations start
)


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
    section_id: str | None = None  # its goal group (二、工作目标 (一)…(六))
    current: float | None = None
    expected: float | None = None
    percent: float | None = None
    light: Light = Light.grey
    report_missing: bool = False  # a closed period owed has no value: its own signal
    exceeding: bool = False  # at least twice the target: said in words, not a warning
    _as_of: dict[Period, float | None] = field(default_factory=dict, repr=False, compare=False)
    # The unrounded current value and the last day any entry's period ends: a period
    # ending on or after that day counts every entry, so its as-of value is the current.
    _raw: float | None = field(default=None, repr=False, compare=False)
    _last_end: date | None = field(default=None, repr=False, compare=False)
    _by_department: dict[str, list[rules.ValueEntry]] | None = field(
        default=None, repr=False, compare=False
    )
    # Its entries by period (the rules' questions are asked once per period).
    _by_period: rules.PeriodGroups | None = field(default=None, repr=False, compare=False)

    @property
    def is_sum(self) -> bool:
        """Cumulative and new indicators: values are period amounts, totals run on."""
        return self.kind in SUM_KINDS

    def value_of(self, department: str, period: Period) -> float | None:
        """The department's value for the period (None: not reported), looked up among
        its own values (grouped once per status)."""
        by_department = self._by_department
        if by_department is None:
            by_department = self._by_department = defaultdict(list)
            for e in self.entries:
                by_department[e.department].append(e)
        for e in by_department.get(department, ()):
            if e.period == period:
                return e.value
        return None

    def current_as_of(self, period: Period) -> float | None:
        """The indicator's value as it stood at the end of `period` (rules.current_value
        with as_of), remembered: a status is replaced, never changed, when its values
        change (ipdesk.read.lights)."""
        if period not in self._as_of:
            if self._last_end is not None and self._last_end <= period.end:
                self._as_of[period] = self._raw
            else:
                # Its entries were checked for overlaps when the status was made (the
                # current value counts a superset of them).
                self._as_of[period] = rules.current_value(
                    self.spec,
                    self._by_period or self.entries,
                    as_of=period,
                    overlaps_checked=True,
                )
        return self._as_of[period]


def load_indicators(db: sqlite_utils.Database, on: date | None = None) -> list[IndicatorStatus]:
    """Every indicator with its current value, expected value, % of target and light."""
    return IndicatorBook(db, on or clock.today()).statuses()


class IndicatorBook:
    """Every indicator's current value, expected value, % of target and light: THE
    definition of them (`load_indicators` is a book read whole), computed indicator by
    indicator so that ipdesk.read.lights can recompute only the indicators an edit
    touched (`value_changed`, `recompute`)."""

    def __init__(self, db: sqlite_utils.Database, on: date) -> None:
        with bulk_build():
            self._build(db, on)

    def _build(self, db: sqlite_utils.Database, on: date) -> None:
        self.on = on
        self.info = info = plan_info(db)
        closed = info.closed_periods(on)
        self.last_closed = closed[-1] if closed else None
        self.starts = reporting_starts(db)
        self.rows = rows(db, "SELECT * FROM indicators WHERE deleted = 0 ORDER BY sort, code")
        self.by_id = {i["id"]: i for i in self.rows}
        self.responsible: dict[str, list[str]] = defaultdict(list)
        for ind, dept in db.execute(
            "SELECT indicator_id, department_id FROM indicator_departments WHERE deleted = 0"
        ):
            self.responsible[ind].append(dept)
        milestones: dict[str, list[tuple[date, float]]] = defaultdict(list)
        for ind, day, value in db.execute(
            "SELECT indicator_id, on_date, value FROM indicator_milestones WHERE deleted = 0"
        ):
            milestones[ind].append((date.fromisoformat(day), value))
        self.specs = {
            i["id"]: rules.IndicatorSpec(
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
            for i in self.rows
        }
        # Each indicator's values in the file's row order (a value edited later keeps its
        # place, a new one goes last, as a fresh read has them), with their rowids: an
        # edited value is found by its rowid (reading them later, by the index, took
        # ~50 ms of the first value edit in a 313 MB file).
        self.entries: dict[str, list[rules.ValueEntry]] = {i["id"]: [] for i in self.rows}
        self.rowids: dict[str, list[int]] = {i["id"]: [] for i in self.rows}
        entry, entries, rowids = rules.ValueEntry.of, self.entries, self.rowids
        for rowid, ind, dept, period, value in db.execute(
            "SELECT rowid, indicator_id, department_id, period, value FROM indicator_values"
            " WHERE deleted = 0 ORDER BY rowid"
        ):
            own = entries.get(ind)
            if own is None:
                own = entries[ind] = []
                rowids[ind] = []
            own.append(entry(dept, parse_period(period), value))
            rowids[ind].append(rowid)
        self.status = {i["id"]: self._status(i) for i in self.rows}

    def _status(self, i: dict[str, Any]) -> IndicatorStatus:
        """The rules of ipdesk.plan.rules over the indicator's values as they are now."""
        on, last = self.on, self.last_closed
        spec = self.specs[i["id"]]
        own = list(self.entries.get(i["id"], ()))  # a status keeps the values it was made of
        by_period = rules.PeriodGroups.of(own)
        raw = rules.current_value(spec, by_period)
        current = round(raw, 6) if raw is not None else None
        missing = (
            last is not None
            and last.start <= self.info.target_date
            and any(owes(self.starts, d, last) for d in self.responsible[i["id"]])
            and last not in by_period
        )
        return IndicatorStatus(
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
            departments=self.responsible[i["id"]],
            spec=spec,
            entries=own,
            section_id=i["section_id"],
            current=current,
            expected=rules.expected_value(spec, on),
            percent=rules.percent_of_target(spec, current),
            light=rules.indicator_light(spec, current, on, missing_closed_period=missing),
            report_missing=missing,
            exceeding=rules.exceeds(spec, current),
            _raw=raw,
            _last_end=max((p.end for p in by_period), default=None),
            _by_period=by_period,
        )

    def value_changed(
        self,
        db: sqlite_utils.Database,
        rowid: int,
        indicator_id: str,
        dept: str,
        period: str,
        value: float,
        deleted: int,
    ) -> str | None:
        """One indicator value as it now is in the file (found among the held ones by its
        rowid; `db` is not read); returns its indicator."""
        entries = self.entries.get(indicator_id)
        if entries is None:
            return None
        rowids = self.rowids[indicator_id]
        at = bisect_left(rowids, rowid)
        if at < len(rowids) and rowids[at] == rowid:
            del entries[at], rowids[at]
        if not deleted:
            entries.insert(at, rules.ValueEntry(dept, parse_period(period), value))
            rowids.insert(at, rowid)
        return indicator_id

    def recompute(self, indicator_ids: Iterable[str]) -> set[str]:
        """Recompute the indicators; returns the ids recomputed."""
        done = set()
        for ind in indicator_ids:
            if ind in self.by_id:
                self.status[ind] = self._status(self.by_id[ind])
                done.add(ind)
        return done

    def statuses(self) -> list[IndicatorStatus]:
        return [self.status[i["id"]] for i in self.rows]


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
