"""Tests for ipdesk.plan.periods: parsing, labels, dates, deadlines."""

from datetime import date

import pytest

from ipdesk.plan.periods import (
    Period,
    PeriodError,
    current_period,
    period_containing,
    periods_between,
    reporting_period,
)

# --- parsing -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03", Period("month", 2025, 3)),
        ("2025-3", Period("month", 2025, 3)),
        ("2025-12", Period("month", 2025, 12)),
        ("2025Q1", Period("quarter", 2025, 1)),
        ("2025q4", Period("quarter", 2025, 4)),
        ("2025", Period("year", 2025, 0)),
        (" 2025Q2 ", Period("quarter", 2025, 2)),
        ("２０２５Ｑ１", Period("quarter", 2025, 1)),  # full-width, as typed with a Chinese IME
    ],
)
def test_parse_accepts_the_documented_forms(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-13",
        "2025-0",
        "2025Q5",
        "2025Q0",
        "25-03",
        "2025/03",
        "2025-03-01",
        "2025年3月",
        "Q1 2025",
        "2025 Q1",
        "",
        "abc",
        "20255",
    ],
)
def test_parse_rejects_other_forms(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_period_error_is_a_value_error_carrying_the_text():
    with pytest.raises(ValueError) as caught:
        Period.parse("2025Q5")
    assert caught.value.text == "2025Q5"


def test_period_error_message_names_the_accepted_forms():
    with pytest.raises(PeriodError) as caught:
        Period.parse("March")
    message = str(caught.value)
    assert "'March'" in message
    assert "2025-03" in message and "2025Q1" in message and "2025" in message


def test_period_error_for_month_13_says_why():
    with pytest.raises(PeriodError) as caught:
        Period.parse("2025-13")
    assert "1–12" in str(caught.value)


def test_parse_rejects_non_text():
    with pytest.raises(PeriodError):
        Period.parse(2025)


def test_constructor_rejects_impossible_period():
    with pytest.raises(ValueError):
        Period("quarter", 2025, 5)


@pytest.mark.parametrize(
    ("text", "canonical"), [("2025-3", "2025-03"), ("2025q1", "2025Q1"), ("2025", "2025")]
)
def test_str_is_canonical(text, canonical):
    assert str(Period.parse(text)) == canonical


def test_str_round_trips_through_parse():
    period = Period("month", 2024, 11)
    assert Period.parse(str(period)) == period


def test_ordering_is_chronological_within_a_kind():
    texts = ["2025-01", "2024-12", "2024-02", "2025-10"]
    assert [str(p) for p in sorted(map(Period.parse, texts))] == [
        "2024-02",
        "2024-12",
        "2025-01",
        "2025-10",
    ]


# --- labels --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("2025-03", "2025年3月", "Mar 2025"),
        ("2025Q1", "2025年第一季度", "2025 Q1"),
        ("2025Q4", "2025年第四季度", "2025 Q4"),
        ("2025", "2025年度", "2025"),
    ],
)
def test_labels(text, zh, en):
    period = Period.parse(text)
    assert (period.label_zh, period.label_en) == (zh, en)


# --- start, end, next, previous -------------------------------------------


def test_month_start_and_end_in_a_leap_february():
    period = Period.parse("2024-02")
    assert (period.start, period.end) == (date(2024, 2, 1), date(2024, 2, 29))


def test_quarter_start_and_end():
    period = Period.parse("2025Q3")
    assert (period.start, period.end) == (date(2025, 7, 1), date(2025, 9, 30))


def test_year_start_and_end():
    period = Period.parse("2026")
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 12, 31))


def test_next_wraps_the_year():
    assert Period.parse("2025-12").next() == Period.parse("2026-01")
    assert Period.parse("2025Q4").next() == Period.parse("2026Q1")
    assert Period.parse("2025").next() == Period.parse("2026")


def test_previous_wraps_the_year():
    assert Period.parse("2026-01").previous() == Period.parse("2025-12")
    assert Period.parse("2026Q1").previous() == Period.parse("2025Q4")
    assert Period.parse("2026").previous() == Period.parse("2025")


# --- contains --------------------------------------------------------------


def test_year_contains_its_quarters_and_months():
    year = Period.parse("2025")
    assert year.contains(Period.parse("2025Q2"))
    assert year.contains(Period.parse("2025-12"))


def test_year_does_not_contain_another_years_month():
    assert not Period.parse("2025").contains(Period.parse("2024-12"))


def test_quarter_contains_its_months_only():
    quarter = Period.parse("2025Q2")
    assert quarter.contains(Period.parse("2025-04"))
    assert quarter.contains(Period.parse("2025-06"))
    assert not quarter.contains(Period.parse("2025-07"))


def test_a_period_contains_itself():
    assert Period.parse("2025-03").contains(Period.parse("2025-03"))


def test_smaller_period_does_not_contain_larger():
    assert not Period.parse("2025-04").contains(Period.parse("2025Q2"))
    assert not Period.parse("2025Q1").contains(Period.parse("2025"))


# --- deadlines and closing ---------------------------------------------------


def test_quarter_deadline_is_fifth_day_after_it_ends():
    # 2025Q2 ends 2025-06-30; + 5 days = 2025-07-05.
    assert Period.parse("2025Q2").deadline() == date(2025, 7, 5)


def test_december_deadline_falls_in_the_next_year():
    # 2025-12 ends 2025-12-31; + 5 days = 2026-01-05.
    assert Period.parse("2025-12").deadline() == date(2026, 1, 5)


def test_deadline_with_other_days_after():
    # 2025-02 ends 2025-02-28; + 10 days = 2025-03-10.
    assert Period.parse("2025-02").deadline(10) == date(2025, 3, 10)


def test_negative_days_after_is_refused():
    with pytest.raises(ValueError):
        Period.parse("2025-02").deadline(-1)


def test_period_is_not_closed_on_its_last_day():
    assert not Period.parse("2025Q1").is_closed(date(2025, 3, 31))


def test_period_is_closed_the_day_after():
    assert Period.parse("2025Q1").is_closed(date(2025, 4, 1))


# --- finding periods -----------------------------------------------------------


def test_period_containing_each_kind():
    day = date(2025, 8, 15)
    assert period_containing(day, "month") == Period.parse("2025-08")
    assert period_containing(day, "quarter") == Period.parse("2025Q3")
    assert period_containing(day, "year") == Period.parse("2025")


def test_period_containing_rejects_unknown_kind():
    with pytest.raises(ValueError):
        period_containing(date(2025, 8, 15), "week")


def test_periods_between_whole_plan_quarterly():
    periods = periods_between(date(2023, 11, 1), date(2026, 6, 30), "quarter")
    # 2023Q4; 2024Q1–Q4; 2025Q1–Q4; 2026Q1–Q2 → 1 + 4 + 4 + 2 = 11.
    assert len(periods) == 11
    assert str(periods[0]) == "2023Q4"
    assert str(periods[-1]) == "2026Q2"


def test_periods_between_has_no_gaps():
    periods = periods_between(date(2023, 11, 1), date(2026, 6, 30), "quarter")
    assert all(a.next() == b for a, b in zip(periods, periods[1:], strict=False))


def test_periods_between_whole_plan_monthly():
    # Nov–Dec 2023 (2) + 12 + 12 + Jan–Jun 2026 (6) = 32 months.
    periods = periods_between(date(2023, 11, 1), date(2026, 6, 30), "month")
    assert len(periods) == 32


def test_periods_between_includes_partly_covered_periods():
    periods = periods_between(date(2025, 3, 31), date(2025, 4, 1), "month")
    assert [str(p) for p in periods] == ["2025-03", "2025-04"]


def test_periods_between_refuses_reversed_range():
    with pytest.raises(ValueError):
        periods_between(date(2025, 4, 1), date(2025, 3, 31), "month")


def test_current_period():
    assert current_period(date(2025, 4, 3), "quarter") == Period.parse("2025Q2")


def test_reporting_period_is_previous_until_its_deadline():
    # 2025Q1 is due 2025-04-05; on that day it is still the one to fill.
    assert reporting_period(date(2025, 4, 5), "quarter") == Period.parse("2025Q1")


def test_reporting_period_moves_on_after_the_deadline():
    assert reporting_period(date(2025, 4, 6), "quarter") == Period.parse("2025Q2")


def test_reporting_period_monthly_across_the_new_year():
    # 2025-12 is due 2026-01-05.
    assert reporting_period(date(2026, 1, 2), "month") == Period.parse("2025-12")


def test_reporting_period_with_longer_deadline():
    # With 10 days allowed, 2025-03 is due 2025-04-10.
    assert reporting_period(date(2025, 4, 8), "month", days_after=10) == Period.parse("2025-03")
