"""Plan rules: indicator values, expected progress, warning lights, entry checks.

These are the rules of DESIGN.md §2 as pure functions: no I/O, no Qt, no
database, no clock. Callers pass in specs, entries and "today".

Conventions used throughout:

* Numbers are floats. Comparisons against targets and expected values use a
  tiny tolerance (``math.isclose``) so that sums such as 0.7 + 0.1 still
  "reach" 0.8.
* For cumulative (累计) and new (新增) indicators a value entered for a period
  is the period's NEW amount (本期新增); running totals are derived here.
* Periods of different kinds (a department switching from quarterly to
  monthly) are ordered by their dates, never by ``Period`` ordering, which is
  only chronological within one kind.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import chain
from operator import attrgetter

from ipdesk.messages import Message, message
from ipdesk.plan.periods import Period, period_containing

__all__ = [
    "Aggregation",
    "Comparator",
    "Completeness",
    "EntryProblem",
    "IndicatorSpec",
    "Kind",
    "Light",
    "PeriodGroups",
    "ReportState",
    "Status",
    "TaskSpec",
    "ValueEntry",
    "check_entry",
    "completeness",
    "completeness_ratio",
    "current_value",
    "expected_percent",
    "expected_value",
    "indicator_light",
    "is_overdue",
    "meets",
    "new_amount_from_total",
    "percent_of_target",
    "running_totals",
    "task_light",
]


# --------------------------------------------------------------------------
# Enums. Values are the English keys stored in the database; labels are for
# display. Labels live in module tables because Enum members cannot carry
# extra constructor fields without obscuring the stored value.
# --------------------------------------------------------------------------

# The words of each enum are in the message catalogues (ipdesk/messages), under
# TOPIC.VALUE: kind.cumulative → 累计 / Cumulative, light_word.red → 滞后 / Behind.
_TOPICS = {
    "Kind": "kind",
    "Comparator": "comparator",
    "Aggregation": "aggregation",
    "Status": "status",
    "Light": "light",
    "ReportState": "state",
}


class _Labelled(StrEnum):
    """A string enum with Chinese and English labels.

    StrEnum (a ``str`` and ``Enum`` subclass) so that ``str(Kind.new)`` is the
    stored key "new" rather than "Kind.new".
    """

    @property
    def label(self) -> Message:
        """The display word (a message: both languages)."""
        return message(f"{_TOPICS[type(self).__name__]}.{self.value}")

    @property
    def label_zh(self) -> str:
        """Chinese display label."""
        return self.label.text("zh")

    @property
    def label_en(self) -> str:
        """English display label."""
        return self.label.text("en")


class Kind(_Labelled):
    """How an indicator's current value is formed."""

    cumulative = "cumulative"
    new = "new"
    level = "level"
    rate = "rate"
    score = "score"
    yesno = "yesno"


class Comparator(_Labelled):
    """How a value is compared with the target: 达/以上 → ">=", 超过 → ">", 不超过/以下
    → "<=", 低于 → "<", 保持 → "=", 约/左右 → "~" (within 5% either way)."""

    at_least = ">="
    more_than = ">"
    at_most = "<="
    less_than = "<"
    equal = "="
    about = "~"

    @property
    def sign(self) -> str:
        """The sign shown before a target: ≥ > ≤ < = ≈."""
        return _SIGNS[self.value]

    @property
    def is_ceiling(self) -> bool:
        """A target not to be exceeded (不超过, 低于)."""
        return self in (Comparator.at_most, Comparator.less_than)


_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "~": "≈"}
APPROX_TOLERANCE = 0.05


def comparator_sign(comparator: str) -> str:
    """The sign of a stored comparator (an unknown one shows as ≥)."""
    return _SIGNS.get(comparator, "≥")


class Aggregation(_Labelled):
    """How reports from several departments combine."""

    sum = "sum"
    designated = "designated"


class Status(_Labelled):
    """A task's reported status."""

    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    behind = "behind"


# A status by its Chinese word, as people type it (命令行, 填报表): 已完成 → done.
STATUS_BY_WORD = {s.label_zh: s.value for s in Status}


class Light(_Labelled):
    """Warning light (红黄绿灯)."""

    green = "green"
    yellow = "yellow"
    red = "red"
    grey = "grey"

    @property
    def word_zh(self) -> str:
        """Chinese word shown next to the colour: 正常/预警/滞后/未开始."""
        return message(f"light_word.{self.value}").text("zh")

    @property
    def word_en(self) -> str:
        """English word shown next to the colour."""
        return message(f"light_word.{self.value}").text("en")


class ReportState(_Labelled):
    """State of a department's report for a period."""

    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    returned = "returned"


_SUM_KINDS = (Kind.cumulative, Kind.new)
_LATEST_KINDS = (Kind.level, Kind.rate, Kind.score, Kind.yesno)
_LEVEL_KINDS = (Kind.level, Kind.rate, Kind.score)


# --------------------------------------------------------------------------
# Specs and entries
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    """What the rules need to know about one indicator.

    Strings are accepted for the enum fields (as read from the database) and
    converted. Milestones are sorted by date.

    Attributes:
        code: Indicator code.
        kind: Kind of indicator.
        comparator: ">=" or ">".
        target: Target value (for yesno, 1).
        baseline: Value at plan start; None counts as 0. Ignored for kind new.
        aggregation: How departments' reports combine.
        designated: Department code whose figures count when aggregation is
            designated; also the department that "owns" the baseline in
            per-department running totals.
        start: Plan start.
        target_date: When the target should be reached (end of 组织实施).
        milestones: Coordinator-set (date, value) points strictly after
            ``start`` and on/before ``target_date``; a milestone on the target
            date must equal the target.
        tolerance: Yellow band as a fraction of the expected value (0–1].

    Raises:
        ValueError: On target_date not after start, a milestone outside the
            plan, two milestones on one day, or tolerance outside (0, 1].
    """

    code: str
    kind: Kind
    comparator: Comparator
    target: float
    baseline: float | None = None
    aggregation: Aggregation = Aggregation.sum
    designated: str | None = None
    start: date = date(2023, 11, 1)
    target_date: date = date(2025, 12, 31)
    milestones: tuple[tuple[date, float], ...] = ()
    tolerance: float = 0.8

    def __post_init__(self) -> None:
        # Frozen, so conversions go through object.__setattr__.
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "comparator", Comparator(self.comparator))
        object.__setattr__(self, "aggregation", Aggregation(self.aggregation))
        if self.target_date <= self.start:
            raise ValueError(
                f"{self.code}: target_date {self.target_date} must be after start {self.start}"
            )
        if not 0 < self.tolerance <= 1:
            raise ValueError(f"{self.code}: tolerance must be in (0, 1], not {self.tolerance}")
        milestones = tuple(sorted((day, float(value)) for day, value in self.milestones))
        days = [day for day, _ in milestones]
        if len(set(days)) != len(days):
            raise ValueError(f"{self.code}: two milestones on the same day")
        for day, value in milestones:
            if not self.start < day <= self.target_date:
                raise ValueError(
                    f"{self.code}: milestone {day} is outside {self.start}…{self.target_date}"
                )
            if day == self.target_date and not math.isclose(value, self.target):
                raise ValueError(
                    f"{self.code}: milestone on the target date must equal the target {self.target}"
                )
        object.__setattr__(self, "milestones", milestones)


@dataclass(frozen=True, slots=True)
class ValueEntry:
    """One department's value for one period (for sum kinds: the NEW amount).

    A period given as text (``"2025Q1"``) is parsed. Slotted: a city-scale file holds
    200,000 of them while it is open (~20 MB less than with a __dict__ each).
    """

    department: str
    period: Period
    value: float

    def __post_init__(self) -> None:
        if isinstance(self.period, str):
            object.__setattr__(self, "period", Period.parse(self.period))

    @classmethod
    def of(cls, department: str, period: Period, value: float) -> ValueEntry:
        """The entry, for a period already parsed: the same object the constructor
        makes, its slots filled directly instead of through the frozen dataclass's
        __init__ (a city-scale file reads 200,000 of them on open)."""
        entry = _new(cls)
        _set_department(entry, department)
        _set_period(entry, period)
        _set_value(entry, value)
        return entry


_new = object.__new__
# The slots' own setters (a frozen dataclass refuses plain assignment).
_set_department = ValueEntry.__dict__["department"].__set__
_set_period = ValueEntry.__dict__["period"].__set__
_set_value = ValueEntry.__dict__["value"].__set__


@dataclass(frozen=True)
class EntryProblem:
    """A problem found while a value is typed.

    Attributes:
        code: "not_number", "negative", "rate_range", "yesno_value",
            "cumulative_falls" or "jump".
        severity: "error" (cannot be saved) or "question" (please confirm).
        words: What is wrong and what to do (a message: both languages).
    """

    code: str
    severity: str
    words: Message

    @property
    def message_zh(self) -> str:
        return self.words.text("zh")

    @property
    def message_en(self) -> str:
        return self.words.text("en")


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _reaches(value: float, bar: float) -> bool:
    """value >= bar, forgiving float noise from summing decimals."""
    return value >= bar or math.isclose(value, bar, rel_tol=1e-9, abs_tol=1e-9)


def _exceeds(value: float, bar: float) -> bool:
    """value > bar, where float noise does not count as exceeding."""
    return value > bar and not math.isclose(value, bar, rel_tol=1e-9, abs_tol=1e-9)


def _fmt(number: float) -> str:
    """Format a number for a message: 3200.0 → "3200", 2.5 → "2.5"."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.4f}".rstrip("0").rstrip(".")


def _when(period: Period) -> tuple[date, date]:
    """Chronological sort key that also works across period kinds."""
    return (period.end, period.start)


def _base(spec: IndicatorSpec) -> float:
    """Starting value: the baseline (None → 0); always 0 for kind new."""
    if spec.kind is Kind.new or spec.baseline is None:
        return 0.0
    return float(spec.baseline)


def _check_no_overlap(entries: list[ValueEntry]) -> None:
    """Refuse two entries of one department for overlapping periods.

    Summing them would count the same work twice (e.g. 2025-03 and 2025Q1),
    so this is a caller error rather than something to guess about.
    """
    by_department: dict[str, list[Period]] = {}
    for entry in entries:
        periods = by_department.get(entry.department)
        if periods is None:
            by_department[entry.department] = [entry.period]
        else:
            periods.append(entry.period)
    for department, periods in by_department.items():
        if len(periods) < 2:
            continue
        periods.sort(key=_span)
        for earlier, later in zip(periods, periods[1:], strict=False):
            if later.start <= earlier.end:
                raise ValueError(
                    f"department {department!r} has overlapping entries for {earlier} and {later}"
                )


_span = attrgetter("span")  # (start, end), cached on each period
_value = attrgetter("value")


class PeriodGroups(dict[Period, list[ValueEntry]]):
    """Entries by their period, each period once (in the order first met).

    An indicator's rules look at each entry's period (does it count, is it the
    latest, does it overlap another of its department's); a city-scale indicator has
    5,000 entries but a dozen periods, so the rules ask those questions once per period.
    Entries are grouped by the period object first (a file's entries share the few
    period objects they were read as) and equal periods then joined, so each period is
    hashed once.
    """

    @classmethod
    def of(cls, entries: Entries) -> PeriodGroups:
        if isinstance(entries, PeriodGroups):
            return entries
        by_object: dict[int, tuple[Period, list[ValueEntry]]] = {}
        for entry in entries:
            period = entry.period
            found = by_object.get(id(period))
            if found is None:
                by_object[id(period)] = (period, [entry])
            else:
                found[1].append(entry)
        groups = cls()
        for period, group in by_object.values():
            if period in groups:
                groups[period].extend(group)
            else:
                groups[period] = group
        return groups

    def entries(self) -> list[ValueEntry]:
        return [entry for group in self.values() for entry in group]

    def kept(
        self, start: date, until: date | None = None, department: str | None = None
    ) -> PeriodGroups:
        """The periods that end on/after `start` (and on/before `until`), with only
        `department`'s entries when one is given."""
        kept = PeriodGroups()
        for period, group in self.items():
            if period.end < start or (until is not None and period.end > until):
                continue
            if department is not None:
                group = [e for e in group if e.department == department]
                if not group:
                    continue
            kept[period] = group
        return kept

    def check_no_overlap(self) -> None:
        """Refuse two entries of one department for overlapping periods (as
        `_check_no_overlap`, which words the refusal): no department twice in one
        period, and no department in two periods that overlap."""
        departments: dict[Period, set[str]] = {}
        for period, group in self.items():
            names = {e.department for e in group}
            if len(names) < len(group):
                _check_no_overlap(self.entries())
            departments[period] = names
        ordered = sorted(self, key=_span)
        for at, period in enumerate(ordered):
            for later in ordered[at + 1 :]:
                if later.start > period.end:
                    break  # sorted by start: no later period reaches back either
                if not departments[period].isdisjoint(departments[later]):
                    _check_no_overlap(self.entries())


# What the indicator rules take: entries, or entries already grouped by period.
Entries = Iterable[ValueEntry] | PeriodGroups


def _counted_groups(
    spec: IndicatorSpec,
    entries: Entries,
    as_of: Period | None = None,
    *,
    by_aggregation: bool = True,
    overlaps_checked: bool = False,
) -> PeriodGroups:
    """The entries that count for the indicator, checked, by period.

    Keeps entries of periods that end on/after the plan start (a period that
    overlaps the start counts) and, with ``as_of``, end on/before its end.
    With ``by_aggregation``, designated aggregation and a designated
    department, only that department's entries count.
    """
    designated_only = spec.aggregation is Aggregation.designated and spec.designated is not None
    kept = PeriodGroups.of(entries).kept(
        spec.start,
        as_of.end if as_of is not None else None,
        spec.designated if by_aggregation and designated_only else None,
    )
    if not overlaps_checked:
        kept.check_no_overlap()
    return kept


def _counted(
    spec: IndicatorSpec,
    entries: Iterable[ValueEntry],
    as_of: Period | None = None,
    *,
    by_aggregation: bool = True,
) -> list[ValueEntry]:
    """The entries that count for the indicator (`_counted_groups`), checked, in date
    order."""
    kept = _counted_groups(spec, entries, as_of, by_aggregation=by_aggregation).entries()
    kept.sort(key=lambda e: (_when(e.period), e.department))
    return kept


# --------------------------------------------------------------------------
# Current value and running totals
# --------------------------------------------------------------------------


def current_value(
    spec: IndicatorSpec,
    entries: Entries,
    as_of: Period | None = None,
    *,
    overlaps_checked: bool = False,
) -> float | None:
    """The indicator's current value from the departments' entries.

    * cumulative: baseline (None → 0) + sum of all counted period values;
    * new: sum of all counted period values;
    * level, rate, score, yesno: the value of the latest period.

    Which entries count: periods ending on/after ``spec.start`` and, with
    ``as_of``, ending on/before ``as_of.end``. With aggregation designated and
    a designated department, only that department's entries count (for every
    kind); otherwise all departments count (sums add up; "latest" is the
    latest across departments). If several departments report the same latest
    period and no department is designated, the largest value is used: the
    spec is ambiguous and the coordinator should designate a department.

    Args:
        spec: The indicator.
        entries: Period values from any departments (or PeriodGroups of them).
        as_of: Ignore periods ending after this one.
        overlaps_checked: The caller already checked these entries (or a superset
            of them) for overlaps: not checked again.

    Returns:
        The value, or None with nothing to go on (no counted entries). A
        cumulative indicator with no entries returns its baseline, or None
        if the baseline is None.

    Raises:
        ValueError: If one department has entries for overlapping periods.
    """
    # A sum (math.fsum is exact) and a maximum do not depend on the order: not sorted.
    counted = _counted_groups(spec, entries, as_of, overlaps_checked=overlaps_checked)
    if spec.kind in _SUM_KINDS:
        if not counted:
            if spec.kind is Kind.cumulative and spec.baseline is not None:
                return float(spec.baseline)
            return None
        return _base(spec) + math.fsum(map(_value, chain.from_iterable(counted.values())))
    if not counted:
        return None
    latest = max(_when(period) for period in counted)
    return max(
        float(e.value)
        for period, group in counted.items()
        if _when(period) == latest
        for e in group
    )


def running_totals(
    spec: IndicatorSpec, entries: Iterable[ValueEntry], department: str | None = None
) -> list[tuple[Period, float]]:
    """The running total (累计) after each period, for the "本期新增 | 累计" columns.

    With ``department=None`` the totals are the indicator's own (the same
    entries as ``current_value``, starting from the baseline for kind
    cumulative), one row per period with departments' amounts added. With a
    department, only its entries are used; the baseline is included only when
    that department is ``spec.designated`` (the baseline is a district figure
    and belongs to whoever is designated to report it).

    Args:
        spec: A cumulative or new indicator.
        entries: Period amounts (本期新增).
        department: A department code, or None for the indicator as a whole.

    Returns:
        ``(period, total)`` pairs in date order.

    Raises:
        ValueError: For other kinds, or overlapping entries of one department.
    """
    if spec.kind not in _SUM_KINDS:
        raise ValueError(f"{spec.code}: running totals only apply to cumulative and new indicators")
    if department is None:
        counted = _counted(spec, entries)
        total = _base(spec)
    else:
        own = [e for e in entries if e.department == department]
        counted = _counted(spec, own, by_aggregation=False)
        total = _base(spec) if department == spec.designated else 0.0
    # Group by period: several departments may report the same period.
    amounts: dict[Period, list[float]] = {}
    for entry in counted:
        amounts.setdefault(entry.period, []).append(entry.value)
    rows = []
    for period in sorted(amounts, key=_when):
        total += math.fsum(amounts[period])
        rows.append((period, total))
    return rows


# --------------------------------------------------------------------------
# Expected value, target and indicator light
# --------------------------------------------------------------------------


def expected_value(spec: IndicatorSpec, on: date) -> float:
    """What the indicator should have reached on a day.

    Linear by day count from (start, baseline or 0) to (target_date, target);
    with milestones, piecewise linear through (start, baseline), each
    milestone, and (target_date, target). Before start it is the baseline,
    after the target date the target. Kind new starts from 0.

    For kind yesno it is 0 before the target date and 1 (the target) from it.
    """
    if spec.kind is Kind.yesno:
        return float(spec.target) if on >= spec.target_date else 0.0
    points = [(spec.start, _base(spec)), *spec.milestones]
    # A milestone on the target date already stands for the target (validated equal).
    if points[-1][0] != spec.target_date:
        points.append((spec.target_date, float(spec.target)))
    if on <= points[0][0]:
        return points[0][1]
    for (day0, value0), (day1, value1) in zip(points, points[1:], strict=False):
        if on <= day1:
            fraction = (on - day0).days / (day1 - day0).days
            return value0 + (value1 - value0) * fraction
    return float(spec.target)


def percent_of_target(spec: IndicatorSpec, current: float | None) -> float | None:
    """Current value as a percentage of the target: current / target × 100.

    This is plain current/target even for indicators with a baseline (a
    cumulative 3200 → 8500 indicator at 4250 shows 50%, not progress since
    the baseline), because that is how the plan's figures are read.

    Returns:
        The percentage, or None when there is no value or the target is 0.
    """
    if current is None or spec.target == 0:
        return None
    return current / spec.target * 100


def meets(comparator: Comparator | str, value: float, target: float) -> bool:
    """Whether a value meets a target: ">=" reaches it, ">" strictly exceeds it, "<="
    stays at or below it, "<" below it, "=" equals it, "~" is within 5% of it.

    For "超过130人", 130 does not meet the target and 131 does.
    """
    c = Comparator(comparator)
    if c is Comparator.more_than:
        return _exceeds(value, target)
    if c is Comparator.at_most:
        return _reaches(target, value)
    if c is Comparator.less_than:
        return _exceeds(target, value)
    if c is Comparator.equal:
        return math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-9)
    if c is Comparator.about:
        return abs(value - target) <= abs(target) * APPROX_TOLERANCE + 1e-9
    return _reaches(value, target)


def _first_deadline(spec: IndicatorSpec) -> date:
    """Deadline of the first reporting period.

    The spec does not know whether the plan reports monthly or quarterly, so
    this assumes quarterly (the later deadline) to avoid calling an indicator
    red before anything could be due; callers with monthly reporting pass
    ``missing_closed_period`` instead.
    """
    return period_containing(spec.start, "quarter").deadline()


def indicator_light(
    spec: IndicatorSpec,
    current: float | None,
    on: date,
    missing_closed_period: bool = False,
) -> Light:
    """Warning light for an indicator on a day.

    Rules, first match wins:

    1. grey before ``spec.start``;
    1a. green when the target is already met (an indicator at 40× its target is
       exceeding, not behind — even if its latest report is missing);
    2. red when ``missing_closed_period`` (a closed period has no value, even
       if earlier periods had values);
    3. no value: red once the first reporting period's deadline has passed
       (see ``_first_deadline``), grey before that;
    4. yesno: yes (1) → green; no before the target date → yellow; no on/after
       the target date → red;
    4a. a ceiling (不超过 "<=", 低于 "<") holds all along: green when met, yellow
       up to target / tolerance, red above;
    5. on/after the target date: green only if the target is met by the
       comparator (so "超过130" is not green at 130); before it, green when
       current ≥ expected;
    6. yellow when current ≥ tolerance × expected (default 80%);
    7. red otherwise.

    The yellow band is a fraction of the expected value itself, not of the
    progress since the baseline.
    """
    if on < spec.start:
        return Light.grey
    if current is not None and not spec.comparator.is_ceiling and spec.kind is not Kind.yesno:
        # A target already met is met, however late the next report is: lateness is
        # its own signal (reporting_light), not the value's.
        if meets(spec.comparator, current, spec.target):
            return Light.green
    if missing_closed_period:
        return Light.red
    if current is None:
        return Light.red if on > _first_deadline(spec) else Light.grey
    if spec.kind is Kind.yesno:
        if _reaches(current, 1):
            return Light.green
        return Light.yellow if on < spec.target_date else Light.red
    if spec.comparator.is_ceiling:
        # A ceiling holds all along: green within it, yellow up to target / tolerance.
        if meets(spec.comparator, current, spec.target):
            return Light.green
        return Light.yellow if _reaches(spec.target / spec.tolerance, current) else Light.red
    expected = expected_value(spec, on)
    if on >= spec.target_date:
        on_track = meets(spec.comparator, current, spec.target)
    else:
        on_track = _reaches(current, expected)
    if on_track:
        return Light.green
    if _reaches(current, spec.tolerance * expected):
        return Light.yellow
    return Light.red


# --------------------------------------------------------------------------
# Checks while typing
# --------------------------------------------------------------------------


MAX_MAGNITUDE = 1e12  # no plan counts, sums or scores beyond this; 1e308 is finite but absurd


def _range_problem(spec: IndicatorSpec, value: float) -> EntryProblem | None:
    return value_problem(spec.kind, value)


def value_problem(kind: Kind | str, value: float) -> EntryProblem | None:
    """The one range error for a value of an indicator of `kind`, most specific code
    first (the entry rules of ipdesk.plan.entry use it for every row that arrives)."""
    kind = Kind(kind)
    if not math.isfinite(value):
        # float("nan") and float("inf") parse happily from typed text.
        return EntryProblem(
            "not_number",
            "error",
            message("rules.enter_valid_number"),
        )
    if abs(value) > MAX_MAGNITUDE:
        return EntryProblem(
            "too_large",
            "error",
            message("rules.too_large", value=f"{value:g}"),
        )
    if kind is Kind.rate and not 0 <= value <= 100:
        return EntryProblem(
            "rate_range",
            "error",
            message("rules.rate_must_between_0", fmt=_fmt(value)),
        )
    if kind is Kind.yesno and value not in (0, 1):
        return EntryProblem(
            "yesno_value",
            "error",
            message("rules.yes_no_indicator_takes", fmt=_fmt(value)),
        )
    if value >= 0:
        return None
    if kind is Kind.cumulative:
        return EntryProblem(
            "cumulative_falls",
            "error",
            message("rules.running_total_can_never"),
        )
    if kind is Kind.new:
        return EntryProblem(
            "negative",
            "error",
            message("rules.new_amount_for_period"),
        )
    return EntryProblem(
        "negative",
        "error",
        message("rules.value_cannot_negative_enter"),
    )


def _earlier(history: Iterable[ValueEntry], department: str, period: Period) -> list[ValueEntry]:
    """The department's entries for periods wholly before ``period``, in date order."""
    kept = [e for e in history if e.department == department and e.period.end < period.start]
    kept.sort(key=lambda e: _when(e.period))
    return kept


def _jump_problem(
    spec: IndicatorSpec, history: list[ValueEntry], new: ValueEntry
) -> EntryProblem | None:
    """A "please confirm" question when the value is far from the usual."""
    earlier = _earlier(history, new.department, new.period)
    if spec.kind in _SUM_KINDS:
        previous = [e.value for e in earlier if e.value != 0]
        if not previous:
            return None
        median = statistics.median(previous)
        if not _exceeds(new.value, 3 * median):
            return None
        return EntryProblem(
            "jump",
            "question",
            message("rules.period_amount_more_than", fmt=_fmt(new.value), fmt2=_fmt(median)),
        )
    if spec.kind in _LEVEL_KINDS and earlier:
        before = earlier[-1].value
        # From 0 any change is "infinitely" large, so there is nothing to compare.
        if before == 0 or not _exceeds(abs(new.value - before), 0.5 * abs(before)):
            return None
        return EntryProblem(
            "jump",
            "question",
            message("rules.value_differs_from_previous", fmt=_fmt(new.value), fmt2=_fmt(before)),
        )
    return None


def check_entry(
    spec: IndicatorSpec, history: list[ValueEntry], new: ValueEntry
) -> list[EntryProblem]:
    """Checks run while a value is typed.

    Errors (the value cannot be saved), at most one, most specific first:

    * "not_number": NaN or infinity (``float()`` accepts "nan" and "inf");
    * "rate_range": a rate outside 0–100 (covers negative rates);
    * "yesno_value": a yes/no value other than 0 or 1 (covers negatives);
    * "cumulative_falls": a negative period amount for kind cumulative — the
      running total (累计) can never fall. If the user has typed a total
      instead of a period amount, convert it with ``new_amount_from_total``;
    * "negative": any other negative value (new, level, score).

    A drop in a level, rate or score is allowed. Only when there is no error,
    a question (the value may be right, please confirm):

    * "jump": for cumulative/new, more than 3 × the median of the
      department's earlier non-zero period amounts; for level, rate and
      score, more than 50% away from the department's previous value;
    * "far_above_target": with the value the indicator would reach more than
      3 × its whole target (checked for first values too).

    Args:
        spec: The indicator.
        history: Entries already stored for the indicator (any departments;
            an entry for the same period being edited is ignored).
        new: The value being typed.

    Returns:
        Problems found; empty when the value looks fine.
    """
    error = _range_problem(spec, new.value)
    if error is not None:
        return [error]
    question = _jump_problem(spec, history, new) or _target_problem(spec, history, new)
    return [question] if question is not None else []


FAR_ABOVE_TARGET = 3.0


def _target_problem(
    spec: IndicatorSpec, history: list[ValueEntry], new: ValueEntry
) -> EntryProblem | None:
    """A "please confirm" question when the value would put the indicator far beyond
    its whole target (first values included: there is nothing earlier to compare)."""
    if spec.kind is Kind.yesno or spec.comparator.is_ceiling or spec.target <= 0:
        return None  # never "exceeding" (exceeds)
    others = [e for e in history if not (e.department == new.department and e.period == new.period)]
    # The current value is at most the baseline plus every positive amount (sums), or
    # the largest value (the latest value otherwise): below the bar, it need not be worked out.
    values = [new.value, *(e.value for e in others)]
    if spec.kind in _SUM_KINDS:
        bound = _base(spec) + math.fsum(v for v in values if v > 0)
    else:
        bound = max(values)
    if spec.kind is Kind.cumulative and spec.baseline is not None:
        bound = max(bound, float(spec.baseline))
    if bound < FAR_ABOVE_TARGET * spec.target:
        return None
    # Only the new value can bring an overlap the history did not have: its department's
    # entries are checked with it, the rest of the history as given.
    _counted_groups(spec, [*(e for e in others if e.department == new.department), new])
    current = current_value(spec, [*others, new], overlaps_checked=True)
    if not exceeds(spec, current, FAR_ABOVE_TARGET):
        return None
    return EntryProblem(
        "far_above_target",
        "question",
        message(
            "rules.far_above_target",
            current=_fmt(current or 0),
            target=_fmt(spec.target),
            times=f"{(current or 0) / spec.target:.0f}",
        ),
    )


def new_amount_from_total(
    spec: IndicatorSpec,
    history: Iterable[ValueEntry],
    department: str,
    period: Period,
    total: float,
) -> float:
    """Turn a running total (累计) typed by the user into the period's new amount.

    The previous total is the department's running total after its last
    period before ``period`` (including the baseline when the department is
    ``spec.designated`` and the kind is cumulative, as in ``running_totals``).

    Raises:
        ValueError: For kinds other than cumulative/new, or when the total is
            below the previous running total ("累计值不能低于上期累计 N").
    """
    if spec.kind not in _SUM_KINDS:
        raise ValueError(f"{spec.code}: only cumulative and new indicators have running totals")
    earlier = [e for e in history if e.department == department and e.period.end < period.start]
    rows = running_totals(spec, earlier, department)
    if rows:
        previous = rows[-1][1]
    else:
        previous = _base(spec) if department == spec.designated else 0.0
    if not _reaches(total, previous):
        raise ValueError(
            f"累计值不能低于上期累计 {_fmt(previous)}（填写的是 {_fmt(total)}）。"
            f"请检查填写的累计值。 The total {_fmt(total)} cannot be below the previous "
            f"running total {_fmt(previous)}."
        )
    return max(0.0, total - previous)


# --------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskSpec:
    """What the rules need to know about one task.

    Attributes:
        code: Task code.
        start: Start date, or None if not set.
        due: Due date, or None if not set.
        status: Reported status (a string key is converted).
        percent: Reported progress 0–100, or None if not reported.

    Raises:
        ValueError: If due is before start or percent is outside 0–100.
    """

    code: str
    start: date | None
    due: date | None
    status: Status
    percent: float | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))
        if self.start is not None and self.due is not None and self.due < self.start:
            raise ValueError(f"{self.code}: due {self.due} is before start {self.start}")
        if self.percent is not None and not 0 <= self.percent <= 100:
            raise ValueError(f"{self.code}: percent must be 0–100, not {self.percent}")


_NEAR_DUE_DAYS = 30


def expected_percent(task: TaskSpec, on: date) -> float | None:
    """Where the task should be by ``on``: 0% at start rising to 100% at due.

    Clamped to 0–100. A task that starts and is due the same day is expected
    at 100% from that day.

    Returns:
        The percentage, or None when start or due is missing.
    """
    if task.start is None or task.due is None:
        return None
    if on < task.start:
        return 0.0
    if on >= task.due:
        return 100.0
    return (on - task.start).days / (task.due - task.start).days * 100


def is_overdue(task: TaskSpec, on: date) -> bool:
    """Past its due date and not done (the due day itself is not overdue)."""
    return task.due is not None and on > task.due and task.status is not Status.done


def _progress(task: TaskSpec) -> float | None:
    """Reported percent; a task not started without a percent is at 0."""
    if task.percent is not None:
        return task.percent
    return 0.0 if task.status is Status.not_started else None


def task_light(
    task: TaskSpec,
    on: date,
    *,
    lead_report_missing_for_closed_period: bool = False,
    report_returned: bool = False,
) -> tuple[Light, Message]:
    """Warning light for a task, with a short reason (a catalogue Message: the window
    shows it in its language, the printed sheets in Chinese).

    Rules, first match wins:

    1. done → green "已完成";
    2. before its start date → grey "未开始";
    3. overdue (past due, not done) → red "已逾期未完成";
    4. the lead department's report for a closed period is past its deadline
       and missing → red "上期未按时报送". Once it arrives the caller passes
       False and the rules below decide;
    5. its report was returned → yellow "报告被退回";
    6. status behind (滞后) → yellow "进度滞后";
    7. due within 30 days and progress below the expected % → yellow
       "临近期限进度落后" (a not-started task without a percent counts as 0%;
       otherwise a missing percent is not compared);
    8. otherwise green "正常".

    Progress below the linear expectation earlier than 30 days before due is
    not a warning by itself, as DESIGN.md §2 limits that rule to the last 30
    days; a department flags a real delay with status behind.

    Args:
        task: The task.
        on: The day to judge.
        lead_report_missing_for_closed_period: The lead department has not
            reported for a closed period whose deadline has passed.
        report_returned: The task's report for the period was returned (退回).

    Returns:
        ``(light, reason)``.
    """
    if task.status is Status.done:
        return Light.green, message("light.done")
    if task.start is not None and on < task.start:
        return Light.grey, message("light.not_started")
    if is_overdue(task, on):
        return Light.red, message("light.overdue")
    if lead_report_missing_for_closed_period:
        return Light.red, message("light.lead_report_missing")
    if report_returned:
        return Light.yellow, message("light.report_returned")
    if task.status is Status.behind:
        return Light.yellow, message("light.behind")
    expected = expected_percent(task, on)
    progress = _progress(task)
    near_due = task.due is not None and (task.due - on).days <= _NEAR_DUE_DAYS
    if near_due and expected is not None and progress is not None and progress < expected:
        return Light.yellow, message("light.near_due_behind")
    return Light.green, message("light.normal")


def schedule_light(task: TaskSpec, on: date) -> tuple[Light, Message]:
    """The task's progress against its dates alone — one of the two signals shown apart
    (the other is reporting_light). Rules as task_light without the reporting ones:
    done → green; before start → grey; overdue → red; behind → yellow; due within 30
    days and below the expected % → yellow; else green."""
    return task_light(task, on)


def reporting_light(missing: bool, returned: bool) -> tuple[Light | None, Message | str]:
    """Whether the department's report is late or was returned — shown apart from the
    task's progress: red "未按时报送" when a closed period it owed has passed its
    deadline without a report, yellow "报告被退回", else no signal (None)."""
    if missing:
        return Light.red, message("light.report_missing")
    if returned:
        return Light.yellow, message("light.report_returned")
    return None, ""


def exceeds(spec: IndicatorSpec, current: float | None, times: float = 2.0) -> bool:
    """An indicator well past its target (at least `times` the target): shown as
    exceeding in words, and questioned at entry when far beyond (check_entry)."""
    if current is None or spec.kind is Kind.yesno or spec.comparator.is_ceiling:
        return False
    return spec.target > 0 and current >= times * spec.target


# --------------------------------------------------------------------------
# Reporting completeness
# --------------------------------------------------------------------------


@dataclass
class Completeness:
    """How far one department has reported for one period.

    Attributes:
        department: Department code.
        period: The period.
        expected: Number of tasks it leads that are active in the period.
        reported: Number of those with a report.
        submitted: Its period report is submitted or approved.
        approved: Its period report is approved (locked).
        returned: Its period report was returned for changes.
        missing_tasks: Expected tasks without a report, in the given order.
    """

    department: str
    period: Period
    expected: int
    reported: int
    submitted: bool
    approved: bool
    returned: bool
    missing_tasks: list[str] = field(default_factory=list)


def _unique(codes: Iterable[str]) -> list[str]:
    """Codes without repeats, first occurrence order kept (so "1.10" stays after "1.9")."""
    return list(dict.fromkeys(codes))


def completeness(
    expected: Mapping[str, Iterable[str]],
    reported: Mapping[str, Iterable[str]],
    states: Mapping[str, ReportState],
    period: Period,
) -> list[Completeness]:
    """Reporting completeness per department for a period.

    Every department named in any of the three mappings gets a row. Reports
    for tasks that were not expected are ignored in the counts.

    Args:
        expected: Department → codes of tasks it leads that are active in the period.
        reported: Department → task codes with a report for the period.
        states: Department → state of its period report (missing: not started).
        period: The period.

    Returns:
        One row per department, sorted by department code.
    """
    departments = sorted(set(expected) | set(reported) | set(states))
    rows = []
    for department in departments:
        wanted = _unique(expected.get(department, ()))
        done = set(reported.get(department, ()))
        raw_state = states.get(department)
        state = ReportState(raw_state) if raw_state is not None else None
        rows.append(
            Completeness(
                department=department,
                period=period,
                expected=len(wanted),
                reported=sum(1 for code in wanted if code in done),
                submitted=state in (ReportState.submitted, ReportState.approved),
                approved=state is ReportState.approved,
                returned=state is ReportState.returned,
                missing_tasks=[code for code in wanted if code not in done],
            )
        )
    return rows


def completeness_ratio(items: Iterable[Completeness]) -> float:
    """Share of expected task reports that were made, over all rows (0–1).

    Returns 1.0 when nothing was expected: nobody owes a report.
    """
    rows = list(items)
    wanted = sum(row.expected for row in rows)
    if wanted == 0:
        return 1.0
    return sum(row.reported for row in rows) / wanted
