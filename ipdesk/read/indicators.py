"""Every indicator as people look at it: current value, expected value, % of target and
warning light (the rules of ipdesk.plan.rules over the departments' values), and the
figures of one department or one period.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.plan import owes, plan_info, reporting_starts
from ipdesk.read.query import parse_period, rows
from ipdesk.store import clock

SUM_KINDS = ("cumulative", "new")
# The tables load_indicators reads: a change to any of them changes a current value or light.
SOURCES = (
    "indicators",
    "indicator_values",
    "indicator_departments",
    "indicator_milestones",
    "plan",
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

    @property
    def is_sum(self) -> bool:
        """Cumulative and new indicators: values are period amounts, totals run on."""
        return self.kind in SUM_KINDS


def load_indicators(db: sqlite_utils.Database, on: date | None = None) -> list[IndicatorStatus]:
    """Every indicator with its current value, expected value, % of target and light."""
    on = on or clock.today()
    info = plan_info(db)
    indicators = rows(db, "SELECT * FROM indicators WHERE deleted = 0 ORDER BY sort, code")
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
                section_id=i["section_id"],
                current=current,
                expected=rules.expected_value(spec, on),
                percent=rules.percent_of_target(spec, current),
                light=rules.indicator_light(spec, current, on, missing_closed_period=missing),
                report_missing=missing,
                exceeding=rules.exceeds(spec, current),
            )
        )
    return result


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
