"""The faster paths of ipdesk.plan.rules give what the plain definition gives, on random
indicators and values (property-based): the entry check's far-above-target question
(which skips working out the current value when it cannot be far above), the current
value as of a period without the overlap check (the status's own check covers it), and
a status's value lookup."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdesk.plan.periods import Period
from ipdesk.plan.rules import (
    FAR_ABOVE_TARGET,
    Aggregation,
    Comparator,
    IndicatorSpec,
    Kind,
    PeriodGroups,
    ValueEntry,
    _check_no_overlap,
    check_entry,
    current_value,
    exceeds,
)

DEPARTMENTS = ("A", "B", "C")
QUARTERS = [Period("quarter", year, q) for year in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
MONTHS = [Period("month", 2024, m) for m in range(1, 13)]


@st.composite
def indicators(draw: st.DrawFn) -> tuple[IndicatorSpec, list[ValueEntry]]:
    kind = draw(st.sampled_from(list(Kind)))
    comparator = draw(st.sampled_from(list(Comparator)))
    designated = draw(st.sampled_from((None, *DEPARTMENTS)))
    aggregation = draw(st.sampled_from(list(Aggregation)))
    target = draw(st.sampled_from((0.0, 1.0, 10.0, 100.0, 1000.0)))
    baseline = draw(st.sampled_from((None, 0.0, 5.0, 50.0)))
    spec = IndicatorSpec(
        code="T",
        kind=kind,
        comparator=comparator,
        target=target,
        baseline=baseline,
        aggregation=aggregation,
        designated=designated,
    )
    value = (
        st.sampled_from((0.0, 1.0))
        if kind is Kind.yesno
        else st.floats(min_value=0, max_value=100 if kind is Kind.rate else 5000)
    )
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(DEPARTMENTS), st.sampled_from(QUARTERS)),
            unique=True,
            max_size=20,
        )
    )
    return spec, [ValueEntry(d, p, draw(value)) for d, p in keys]


def _far_above(spec: IndicatorSpec, history: list[ValueEntry], new: ValueEntry) -> bool:
    """The question as first defined: the current value with the new entry, worked out."""
    others = [e for e in history if not (e.department == new.department and e.period == new.period)]
    return exceeds(spec, current_value(spec, [*others, new]), FAR_ABOVE_TARGET)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    indicators(),
    st.sampled_from(DEPARTMENTS),
    st.sampled_from(QUARTERS),
    st.floats(min_value=0, max_value=20000),
)
def test_far_above_target_question_is_the_current_value_worked_out(
    indicator: tuple[IndicatorSpec, list[ValueEntry]], dept: str, period: Period, value: float
) -> None:
    spec, history = indicator
    if spec.kind is Kind.yesno:
        value = float(value > 1)
    elif spec.kind is Kind.rate:
        value = min(value, 100.0)
    new = ValueEntry(dept, period, value)
    problems = check_entry(spec, history, new)
    asked = any(p.code == "far_above_target" for p in problems)
    if any(p.severity == "error" for p in problems) or any(p.code == "jump" for p in problems):
        return  # the far-above question comes only when nothing else is said
    assert asked == _far_above(spec, history, new)


def test_a_new_value_overlapping_its_departments_own_is_still_refused() -> None:
    spec = IndicatorSpec(code="T", kind=Kind.new, comparator=Comparator.at_least, target=1.0)
    history = [ValueEntry("A", QUARTERS[4], 5.0), ValueEntry("B", MONTHS[0], 5.0)]
    new = ValueEntry("A", MONTHS[1], 50.0)  # 2024-02 inside A's 2024Q1
    try:
        check_entry(spec, history, new)
    except ValueError as exc:
        assert "'A'" in str(exc)
    else:
        raise AssertionError("an overlapping entry was not refused")


@settings(max_examples=300, deadline=None)
@given(indicators(), st.sampled_from(QUARTERS))
def test_current_value_as_of_without_the_overlap_check_is_the_same(
    indicator: tuple[IndicatorSpec, list[ValueEntry]], as_of: Period
) -> None:
    spec, entries = indicator
    checked = current_value(spec, entries, as_of=as_of)
    skipped = current_value(spec, entries, as_of=as_of, overlaps_checked=True)
    assert checked == skipped or (
        checked is not None and skipped is not None and math.isclose(checked, skipped)
    )


def test_status_value_lookup_finds_each_departments_value() -> None:
    from ipdesk.read.indicators import IndicatorStatus

    spec = IndicatorSpec(code="T", kind=Kind.new, comparator=Comparator.at_least, target=1.0)
    entries = [
        ValueEntry(d, p, float(n))
        for n, (d, p) in enumerate(zip("ABAB", QUARTERS[:4], strict=True))
    ]
    status = IndicatorStatus(
        id="i",
        code="T",
        name="",
        text="",
        unit="",
        target=1.0,
        comparator="ge",
        kind="new",
        aggregation="sum",
        baseline=None,
        designated=None,
        departments=["A", "B"],
        spec=spec,
        entries=entries,
    )
    for e in entries:
        assert status.value_of(e.department, e.period) == e.value
    assert status.value_of("A", QUARTERS[1]) is None
    assert status.value_of("C", QUARTERS[0]) is None
    assert date(2023, 1, 1) == QUARTERS[0].start


YEAR = Period("year", 2024, 0)
MIXED = [*QUARTERS, *MONTHS, YEAR]


@st.composite
def mixed_entries(draw: st.DrawFn) -> list[ValueEntry]:
    """Entries of months, quarters and a year, a department sometimes twice in a period,
    and periods sometimes as fresh objects equal to another entry's (a file's entries
    share their period objects; entries made by hand need not)."""
    keys = draw(
        st.lists(st.tuples(st.sampled_from(DEPARTMENTS), st.sampled_from(MIXED)), max_size=12)
    )
    fresh = draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))
    return [
        ValueEntry(d, Period(p.kind, p.year, p.number) if copy else p, float(n))
        for n, ((d, p), copy) in enumerate(zip(keys, fresh, strict=True))
    ]


def _refused(check: Callable[[], object]) -> str | None:
    try:
        check()
    except ValueError as exc:
        return str(exc)
    return None


@settings(max_examples=500, deadline=None)
@given(mixed_entries())
def test_the_overlap_check_by_period_refuses_what_the_pairwise_check_refuses(
    entries: list[ValueEntry],
) -> None:
    by_period = _refused(lambda: PeriodGroups.of(entries).check_no_overlap())
    pairwise = _refused(lambda: _check_no_overlap(list(entries)))
    assert (by_period is None) == (pairwise is None)
    if by_period is not None:  # it names a department that has two overlapping entries
        named = [e for e in entries if f"department {e.department!r}" in by_period]
        assert _refused(lambda: _check_no_overlap(named)) is not None


def _plain_current(spec: IndicatorSpec, entries: list[ValueEntry], as_of: Period | None) -> object:
    """DESIGN.md's definition, entry by entry: the entries that count (ending on/after the
    plan start and by `as_of`, the designated department's alone when one is designated),
    refused when one department's overlap; then the baseline plus their sum, or the
    largest value of the latest period."""
    kept = [
        e
        for e in entries
        if e.period.end >= spec.start and (as_of is None or e.period.end <= as_of.end)
    ]
    if spec.aggregation is Aggregation.designated and spec.designated is not None:
        kept = [e for e in kept if e.department == spec.designated]
    _check_no_overlap(kept)
    if spec.kind in (Kind.cumulative, Kind.new):
        if not kept:
            return (
                float(spec.baseline)
                if spec.kind is Kind.cumulative and spec.baseline is not None
                else None
            )
        base = float(spec.baseline or 0) if spec.kind is Kind.cumulative else 0.0
        return base + math.fsum(e.value for e in kept)
    if not kept:
        return None
    latest = max((e.period.end, e.period.start) for e in kept)
    return max(e.value for e in kept if (e.period.end, e.period.start) == latest)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indicators(), mixed_entries(), st.sampled_from((None, *MIXED)))
def test_current_value_by_period_is_the_plain_definition(
    indicator: tuple[IndicatorSpec, list[ValueEntry]],
    extra: list[ValueEntry],
    as_of: Period | None,
) -> None:
    spec, entries = indicator
    entries = [*entries, *extra]
    plain: object
    try:
        plain = _plain_current(spec, entries, as_of)
    except ValueError as exc:
        plain = str(exc)
    refused = _refused(lambda: current_value(spec, entries, as_of))
    if isinstance(plain, str):
        assert refused is not None  # both refuse the overlap (naming one department each)
    else:
        assert refused is None
        assert current_value(spec, entries, as_of) == plain
