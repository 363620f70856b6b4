"""Tests for ipdesk.plan.rules, with hand-worked numbers.

Day counts used below (plan start 2023-11-01, target date 2025-12-31):
2023-11-01 → 2024-01-01 = 30 + 31 = 61 days; 2024 has 366 days; 2025 has 365.
So 2023-11-01 → 2025-12-31 = 61 + 366 + 364 = 791 days.
"""

import math
from datetime import date

import pytest

from ipdesk.messages import text
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import (
    Aggregation,
    Comparator,
    Completeness,
    IndicatorSpec,
    Kind,
    Light,
    ReportState,
    Status,
    TaskSpec,
    ValueEntry,
    check_entry,
    completeness,
    completeness_ratio,
    current_value,
    expected_percent,
    expected_value,
    indicator_light,
    is_overdue,
    meets,
    new_amount_from_total,
    percent_of_target,
    reporting_light,
    running_totals,
    task_light,
)

P = Period.parse


def spec(kind, target=100.0, **kw):
    """An indicator with the plan's default dates."""
    comparator = kw.pop("comparator", Comparator.at_least)
    return IndicatorSpec(code="T", kind=Kind(kind), comparator=comparator, target=target, **kw)


def entry(department, period, value):
    return ValueEntry(department, P(period), value)


# --- enums and labels ---------------------------------------------------------------


def test_kind_labels():
    assert Kind.cumulative.label_zh == "累计"
    assert Kind.new.label_zh == "新增"
    assert Kind.level.label_zh == "达到"
    assert Kind.yesno.label_en == "Yes/No"


def test_comparator_values_and_labels():
    assert Comparator(">=").label_zh == "达到"
    assert Comparator(">").label_zh == "超过"


def test_light_colour_words():
    assert Light.red.label_zh == "红"
    assert Light.red.word_zh == "滞后"
    assert Light.yellow.word_zh == "预警"
    assert Light.green.word_zh == "正常"
    assert Light.grey.word_zh == "未开始"


def test_status_labels():
    assert Status.not_started.label_zh == "未启动"
    assert Status.in_progress.label_zh == "推进中"
    assert Status.done.label_zh == "已完成"
    assert Status.behind.label_zh == "滞后"


def test_report_state_labels():
    assert ReportState.draft.label_zh == "草稿"
    assert ReportState.submitted.label_zh == "已提交"
    assert ReportState.approved.label_zh == "审核通过"
    assert ReportState.returned.label_zh == "退回"


def test_every_member_has_both_labels():
    for enum in (Kind, Comparator, Aggregation, Status, Light, ReportState):
        for member in enum:
            assert member.label_zh and member.label_en


def test_enums_are_their_stored_string_keys():
    assert Status.in_progress == "in_progress"
    assert str(Kind.new) == "new"


# --- specs -------------------------------------------------------------------------


def test_spec_converts_stored_strings_to_enums():
    s = IndicatorSpec("T", "cumulative", ">", 10, aggregation="designated")
    assert (s.kind, s.comparator, s.aggregation) == (
        Kind.cumulative,
        Comparator.more_than,
        Aggregation.designated,
    )


def test_spec_refuses_milestone_outside_the_plan():
    with pytest.raises(ValueError):
        spec("new", milestones=((date(2026, 3, 31), 50.0),))


def test_spec_refuses_milestone_on_target_date_that_differs_from_target():
    with pytest.raises(ValueError):
        spec("new", milestones=((date(2025, 12, 31), 90.0),))


def test_value_entry_parses_period_text():
    assert ValueEntry("A", "2024Q1", 1).period == P("2024Q1")


def test_value_entry_of_is_the_same_entry_as_the_constructor_makes():
    made, bulk = ValueEntry("A", P("2024Q1"), 1.5), ValueEntry.of("A", P("2024Q1"), 1.5)
    assert bulk == made and hash(bulk) == hash(made) and repr(bulk) == repr(made)
    with pytest.raises(AttributeError):
        bulk.value = 2  # type: ignore[misc]


# --- current value -------------------------------------------------------------------


def test_cumulative_adds_baseline_and_three_periods():
    s = spec("cumulative", target=8500, baseline=3200)
    entries = [entry("A", "2024Q1", 120), entry("A", "2024Q2", 150), entry("A", "2024Q3", 130)]
    # 3200 + 120 + 150 + 130 = 3600
    assert current_value(s, entries) == 3600


def test_cumulative_as_of_ignores_later_periods():
    s = spec("cumulative", target=8500, baseline=3200)
    entries = [entry("A", "2024Q1", 120), entry("A", "2024Q2", 150), entry("A", "2024Q3", 130)]
    # 3200 + 120 + 150 = 3470
    assert current_value(s, entries, as_of=P("2024Q2")) == 3470


def test_cumulative_without_entries_is_its_baseline():
    assert current_value(spec("cumulative", baseline=3200), []) == 3200


def test_cumulative_without_entries_or_baseline_is_none():
    assert current_value(spec("cumulative"), []) is None


def test_new_sums_across_departments():
    entries = [entry("A", "2024Q1", 10), entry("A", "2024Q2", 5), entry("B", "2024Q1", 3)]
    assert current_value(spec("new"), entries) == 18


def test_new_ignores_baseline():
    entries = [entry("A", "2024Q1", 10)]
    assert current_value(spec("new", baseline=500), entries) == 10


def test_new_with_designated_aggregation_counts_one_department():
    s = spec("new", aggregation=Aggregation.designated, designated="A")
    entries = [entry("A", "2024Q1", 10), entry("A", "2024Q2", 5), entry("B", "2024Q1", 3)]
    assert current_value(s, entries) == 15


def test_new_without_entries_is_none():
    assert current_value(spec("new"), []) is None


def test_entries_before_plan_start_do_not_count():
    # 2023Q3 ends 2023-09-30, before the 2023-11-01 start; 2023Q4 overlaps it and counts.
    entries = [entry("A", "2023Q3", 7), entry("A", "2023Q4", 2)]
    assert current_value(spec("new"), entries) == 2


def test_level_from_designated_department_latest_period():
    s = spec("level", aggregation=Aggregation.designated, designated="A")
    entries = [entry("A", "2024Q1", 50), entry("A", "2024Q2", 60), entry("B", "2024Q3", 99)]
    assert current_value(s, entries) == 60


def test_level_without_designated_department_is_latest_across_departments():
    entries = [entry("A", "2024Q1", 50), entry("A", "2024Q2", 60), entry("B", "2024Q3", 99)]
    assert current_value(spec("level"), entries) == 99


def test_level_tie_in_latest_period_without_designated_department_takes_largest():
    entries = [entry("A", "2024Q2", 60), entry("B", "2024Q2", 75), entry("C", "2024Q1", 90)]
    assert current_value(spec("level"), entries) == 75


def test_latest_is_by_date_not_input_order():
    entries = [entry("A", "2024Q3", 70), entry("A", "2024Q1", 50)]
    assert current_value(spec("level"), entries) == 70


def test_rate_is_latest_value():
    s = spec("rate", aggregation=Aggregation.designated, designated="B")
    entries = [entry("B", "2024Q1", 35.5), entry("B", "2024Q2", 31.0), entry("A", "2024Q2", 90)]
    assert current_value(s, entries) == 31.0


def test_score_is_latest_value():
    entries = [entry("A", "2024", 82), entry("A", "2025", 88)]
    assert current_value(spec("score"), entries) == 88


def test_yesno_is_latest_answer():
    entries = [entry("A", "2024Q4", 1), entry("A", "2025Q1", 0)]
    assert current_value(spec("yesno", target=1), entries) == 0


def test_level_without_entries_is_none():
    assert current_value(spec("level"), []) is None


def test_overlapping_entries_of_one_department_are_refused():
    # A month and its quarter would count the same work twice.
    entries = [entry("A", "2024-03", 5), entry("A", "2024Q1", 10)]
    with pytest.raises(ValueError):
        current_value(spec("new"), entries)
    # In any order, among other departments' entries and non-overlapping ones of its own.
    entries = [
        entry("A", "2024Q2", 1),
        entry("B", "2024Q1", 2),
        entry("A", "2024", 4),
        entry("A", "2024Q1", 3),
    ]
    with pytest.raises(ValueError, match="'A'"):
        current_value(spec("level"), entries)
    assert current_value(spec("level"), [entry("A", "2024Q2", 1), entry("A", "2024Q1", 3)]) == 1


# --- running totals --------------------------------------------------------------------


def test_running_totals_for_the_indicator_add_departments_per_period():
    s = spec("cumulative", target=8500, baseline=3200)
    entries = [entry("A", "2024Q1", 120), entry("B", "2024Q1", 30), entry("A", "2024Q2", 150)]
    # Q1: 3200 + 120 + 30 = 3350; Q2: 3350 + 150 = 3500.
    assert running_totals(s, entries) == [(P("2024Q1"), 3350), (P("2024Q2"), 3500)]


def test_running_totals_for_a_department_exclude_baseline_it_does_not_own():
    s = spec("cumulative", target=8500, baseline=3200)
    entries = [entry("A", "2024Q1", 120), entry("B", "2024Q1", 30), entry("A", "2024Q2", 150)]
    assert running_totals(s, entries, "A") == [(P("2024Q1"), 120), (P("2024Q2"), 270)]


def test_running_totals_for_the_designated_department_include_baseline():
    s = spec("cumulative", target=8500, baseline=3200, designated="A")
    entries = [entry("A", "2024Q1", 120), entry("A", "2024Q2", 150)]
    assert running_totals(s, entries, "A") == [(P("2024Q1"), 3320), (P("2024Q2"), 3470)]


def test_running_totals_refuse_level_kinds():
    with pytest.raises(ValueError):
        running_totals(spec("level"), [])


# --- expected value ------------------------------------------------------------------


def test_expected_value_linear_by_days():
    # 2023-11-01 → 2024-11-01 = 366 days (includes 2024-02-29), + 29 days to 2024-11-30 = 395.
    # Whole span 791 days, so expected = 0 + (100 − 0) × 395 / 791 = 49.9368…
    value = expected_value(spec("new"), date(2024, 11, 30))
    assert value == pytest.approx(49.93679, abs=1e-5)


def test_expected_value_starts_at_baseline():
    s = spec("cumulative", target=8500, baseline=3200)
    # 2024-11-30: 3200 + (8500 − 3200) × 395 / 791 = 3200 + 2646.65… = 5846.65…
    assert expected_value(s, date(2024, 11, 30)) == pytest.approx(5846.6498, abs=1e-4)


def test_expected_value_clamped_before_start():
    s = spec("cumulative", target=8500, baseline=3200)
    assert expected_value(s, date(2023, 1, 1)) == 3200


def test_expected_value_clamped_after_target_date():
    assert expected_value(spec("new"), date(2026, 5, 1)) == 100


def test_expected_value_baseline_none_counts_as_zero():
    assert expected_value(spec("cumulative", baseline=None), date(2023, 11, 1)) == 0


MILESTONES = ((date(2024, 12, 31), 40.0),)


def test_expected_value_first_milestone_segment():
    # Segment 2023-11-01 (0) → 2024-12-31 (40): 61 + 365 = 426 days.
    # 2023-11-01 → 2024-06-30 = 61 + (31+29+31+30+31) + 29 = 61 + 181 = 242 days.
    # 40 × 242 / 426 = 22.7230…
    value = expected_value(spec("new", milestones=MILESTONES), date(2024, 6, 30))
    assert value == pytest.approx(22.72300, abs=1e-5)


def test_expected_value_on_a_milestone():
    assert expected_value(spec("new", milestones=MILESTONES), date(2024, 12, 31)) == 40


def test_expected_value_second_milestone_segment():
    # Segment 2024-12-31 (40) → 2025-12-31 (100): 365 days.
    # 2024-12-31 → 2025-07-01 = 1 + (31+28+31+30+31+30) = 182 days.
    # 40 + 60 × 182 / 365 = 69.9178…
    value = expected_value(spec("new", milestones=MILESTONES), date(2025, 7, 1))
    assert value == pytest.approx(69.91781, abs=1e-5)


def test_expected_value_yesno_steps_at_target_date():
    s = spec("yesno", target=1)
    assert expected_value(s, date(2025, 12, 30)) == 0
    assert expected_value(s, date(2025, 12, 31)) == 1


# --- targets -----------------------------------------------------------------------------


def test_more_than_130_is_not_met_by_130():
    assert not meets(Comparator.more_than, 130, 130)


def test_more_than_130_is_met_by_131():
    assert meets(">", 131, 130)


def test_at_least_is_met_by_equal_value():
    assert meets(Comparator.at_least, 130, 130)


def test_meets_forgives_float_noise():
    assert 0.7 + 0.1 < 0.8  # the noise this guards against
    assert meets(">=", 0.7 + 0.1, 0.8)
    assert not meets(">", 0.1 + 0.2, 0.3)


def test_percent_of_target_is_plain_current_over_target():
    # Even with a 3200 baseline: 4250 / 8500 × 100 = 50.
    s = spec("cumulative", target=8500, baseline=3200)
    assert percent_of_target(s, 4250) == 50


def test_percent_of_target_without_value_is_none():
    assert percent_of_target(spec("new"), None) is None


# --- indicator light -------------------------------------------------------------------

ON = date(2024, 11, 30)  # expected 49.9368…; 80% of it is 39.9494…


def test_light_green_on_expected():
    assert indicator_light(spec("new"), 50, ON) is Light.green


def test_light_yellow_within_tolerance():
    assert indicator_light(spec("new"), 40, ON) is Light.yellow


def test_light_red_below_tolerance():
    assert indicator_light(spec("new"), 39.9, ON) is Light.red


def test_light_respects_custom_tolerance():
    # 90% of 49.9368 = 44.94, so 40 is red.
    assert indicator_light(spec("new", tolerance=0.9), 40, ON) is Light.red


def test_light_grey_before_start():
    assert indicator_light(spec("new"), None, date(2023, 10, 31)) is Light.grey


def test_light_grey_without_value_before_first_deadline():
    # First (quarterly) period 2023Q4 is due 2024-01-05.
    assert indicator_light(spec("new"), None, date(2024, 1, 5)) is Light.grey


def test_light_red_without_value_after_first_deadline():
    assert indicator_light(spec("new"), None, date(2024, 1, 6)) is Light.red


def test_light_red_when_a_closed_period_is_missing():
    assert indicator_light(spec("new"), 80, ON, missing_closed_period=True) is Light.red


SPEC_130 = IndicatorSpec("人才", Kind.new, Comparator.more_than, 130)
TARGET_DAY = date(2025, 12, 31)


def test_more_than_130_light_at_target_date_with_130_is_not_green():
    # 130 is not "超过130"; 130 ≥ 0.8 × 130 = 104, so yellow.
    assert indicator_light(SPEC_130, 130, TARGET_DAY) is Light.yellow


def test_more_than_130_light_at_target_date_with_131_is_green():
    assert indicator_light(SPEC_130, 131, TARGET_DAY) is Light.green


def test_more_than_130_light_before_target_date_compares_with_expected():
    # Before the target date 130 ≥ expected (< 130), so green.
    assert indicator_light(SPEC_130, 130, date(2025, 12, 30)) is Light.green


def test_light_yesno_yes_is_green():
    assert indicator_light(spec("yesno", target=1), 1, ON) is Light.green


def test_light_yesno_no_before_target_date_is_yellow():
    assert indicator_light(spec("yesno", target=1), 0, ON) is Light.yellow


def test_light_yesno_no_at_target_date_is_red():
    assert indicator_light(spec("yesno", target=1), 0, TARGET_DAY) is Light.red


# --- checks while typing --------------------------------------------------------------------


def codes(problems):
    return [p.code for p in problems]


def test_negative_new_amount_is_an_error_that_says_what_to_do():
    problems = check_entry(spec("new"), [], entry("A", "2024Q2", -5))
    assert codes(problems) == ["negative"]
    assert problems[0].severity == "error"
    assert problems[0].message_zh == "本期新增不能为负数。请填写本期新增的数量，累计值会自动计算。"


def test_negative_level_is_an_error():
    assert codes(check_entry(spec("level"), [], entry("A", "2024Q2", -1))) == ["negative"]


def test_cumulative_total_cannot_fall():
    problems = check_entry(spec("cumulative", baseline=3200), [], entry("A", "2024Q2", -20))
    assert codes(problems) == ["cumulative_falls"]
    assert problems[0].severity == "error"


def test_level_may_drop():
    history = [entry("A", "2024Q1", 100)]
    assert check_entry(spec("level"), history, entry("A", "2024Q2", 80)) == []


def test_rate_above_100_is_an_error():
    assert codes(check_entry(spec("rate"), [], entry("A", "2024Q2", 100.5))) == ["rate_range"]


def test_rate_below_0_is_a_single_range_error():
    assert codes(check_entry(spec("rate"), [], entry("A", "2024Q2", -1))) == ["rate_range"]


def test_rate_of_100_is_fine():
    assert check_entry(spec("rate"), [], entry("A", "2024Q2", 100)) == []


def test_yesno_must_be_0_or_1():
    assert codes(check_entry(spec("yesno", target=1), [], entry("A", "2024Q2", 2))) == [
        "yesno_value"
    ]


def test_yesno_1_is_fine():
    assert check_entry(spec("yesno", target=1), [], entry("A", "2024Q2", 1)) == []


def test_not_a_number_is_an_error():
    assert codes(check_entry(spec("new"), [], entry("A", "2024Q2", math.nan))) == ["not_number"]


JUMP_HISTORY = [
    entry("A", "2024Q1", 10),
    entry("A", "2024Q2", 0),  # zeros are left out of the median
    entry("A", "2024Q3", 20),
    entry("A", "2024Q4", 30),
    entry("B", "2024Q4", 1),  # another department's figures do not count
]


def test_jump_question_above_three_times_median():
    # Median of A's non-zero amounts 10, 20, 30 is 20; 3 × 20 = 60; 61 is above.
    problems = check_entry(spec("new"), JUMP_HISTORY, entry("A", "2025Q1", 61))
    assert codes(problems) == ["jump"]
    assert problems[0].severity == "question"


def test_no_jump_question_at_three_times_median():
    assert check_entry(spec("new"), JUMP_HISTORY, entry("A", "2025Q1", 60)) == []


def test_jump_ignores_later_and_same_period_entries():
    # Only periods before 2024Q3 count: A's 10 (and the 0), median 10, 3 × 10 = 30 < 31.
    problems = check_entry(spec("new"), JUMP_HISTORY, entry("A", "2024Q3", 31))
    assert codes(problems) == ["jump"]


def test_no_jump_question_without_history():
    assert check_entry(spec("new"), [], entry("A", "2024Q1", 50)) == []


def test_a_first_value_far_above_the_whole_target_is_questioned():
    """5000 against a target of 100 is 50 times the target: the first value too is
    questioned (there is nothing earlier to compare with, but there is the target)."""
    [problem] = check_entry(spec("new"), [], entry("A", "2024Q1", 5000))
    assert (problem.code, problem.severity) == ("far_above_target", "question")
    assert "50 倍" in problem.message_zh and "5000" in problem.message_zh
    assert check_entry(spec("new"), [], entry("A", "2024Q1", 250)) == []  # 2.5 times: fine


def test_level_jump_question_above_50_percent():
    history = [entry("A", "2024Q1", 100)]
    assert codes(check_entry(spec("level"), history, entry("A", "2024Q2", 151))) == ["jump"]


def test_level_no_jump_question_at_50_percent():
    history = [entry("A", "2024Q1", 100)]
    assert check_entry(spec("level"), history, entry("A", "2024Q2", 150)) == []


def test_level_jump_question_for_a_large_drop():
    history = [entry("A", "2024Q1", 100)]
    assert codes(check_entry(spec("level"), history, entry("A", "2024Q2", 49))) == ["jump"]


def test_messages_come_in_both_languages():
    problems = check_entry(spec("new"), JUMP_HISTORY, entry("A", "2025Q1", 61))
    assert "中位数" in problems[0].message_zh
    assert "median" in problems[0].message_en


# --- total entered instead of the period amount ------------------------------------------

S_TOTAL = IndicatorSpec(
    "专利", Kind.cumulative, Comparator.at_least, 8500, baseline=3200, designated="A"
)
TOTAL_HISTORY = [entry("A", "2024Q1", 120), entry("A", "2024Q2", 150)]


def test_new_amount_from_total():
    # Previous total 3200 + 120 + 150 = 3470; 3600 − 3470 = 130.
    assert new_amount_from_total(S_TOTAL, TOTAL_HISTORY, "A", P("2024Q3"), 3600) == 130


def test_new_amount_from_total_below_previous_total_is_refused():
    with pytest.raises(ValueError, match="累计值不能低于上期累计 3470"):
        new_amount_from_total(S_TOTAL, TOTAL_HISTORY, "A", P("2024Q3"), 3400)


def test_new_amount_from_total_uses_only_earlier_periods():
    # Editing 2024Q2: previous total is 3200 + 120 = 3320; 3470 − 3320 = 150.
    assert new_amount_from_total(S_TOTAL, TOTAL_HISTORY, "A", P("2024Q2"), 3470) == 150


def test_new_amount_from_total_for_first_period_starts_from_baseline():
    assert new_amount_from_total(S_TOTAL, [], "A", P("2023Q4"), 3250) == 50


def test_new_amount_from_total_refuses_level_kinds():
    with pytest.raises(ValueError):
        new_amount_from_total(spec("level"), [], "A", P("2024Q1"), 10)


# --- tasks ------------------------------------------------------------------------------------


def task(status=Status.in_progress, percent=None, start=date(2024, 1, 1), due=date(2025, 12, 31)):
    return TaskSpec("1.1", start, due, status, percent)


def test_expected_percent_linear():
    # 2024-01-01 → 2024-12-31 = 365 days; → 2024-07-01 = 31+29+31+30+31+30 = 182 days.
    # 182 / 365 × 100 = 49.863…
    t = task(due=date(2024, 12, 31))
    assert expected_percent(t, date(2024, 7, 1)) == pytest.approx(49.86301, abs=1e-5)


def test_expected_percent_clamped():
    t = task()
    assert expected_percent(t, date(2023, 6, 1)) == 0
    assert expected_percent(t, date(2026, 6, 1)) == 100


def test_expected_percent_without_dates_is_none():
    assert expected_percent(task(start=None), date(2024, 7, 1)) is None


def test_is_overdue_after_due_when_not_done():
    assert is_overdue(task(), date(2026, 1, 1))


def test_not_overdue_on_due_day():
    assert not is_overdue(task(), date(2025, 12, 31))


def test_done_task_is_never_overdue():
    assert not is_overdue(task(Status.done), date(2026, 1, 1))


def lit(spec: TaskSpec, on: date, **flags: bool) -> tuple[Light, str]:
    """task_light with its reason in Chinese, as the printed sheets show it."""
    light, reason = task_light(spec, on, **flags)
    return light, reason.text("zh")


def test_task_overdue_is_red():
    assert lit(task(percent=90), date(2026, 1, 5)) == (Light.red, "已逾期未完成")


def test_task_missing_report_is_red():
    light = lit(task(percent=50), date(2024, 7, 10), lead_report_missing_for_closed_period=True)
    assert light == (Light.red, "上期未按时报送")


def test_task_report_arrived_but_behind_is_yellow():
    light = lit(task(Status.behind, 20), date(2024, 7, 10))
    assert light == (Light.yellow, "进度滞后")


def test_task_due_within_30_days_and_behind_is_yellow():
    # 2024-01-01 → 2025-12-31 = 730 days; → 2025-12-10 = 366 + 343 = 709 days.
    # Expected 709 / 730 × 100 = 97.1%; 80% is behind, and due is 21 days away.
    assert lit(task(percent=80), date(2025, 12, 10)) == (Light.yellow, "临近期限进度落后")


def test_task_due_within_30_days_on_track_is_green():
    assert lit(task(percent=98), date(2025, 12, 10)) == (Light.green, "正常")


def test_task_behind_expected_far_from_due_is_green():
    # 2025-06-30: expected (366 + 180) / 730 = 74.8%; 30% is behind, but due is 184 days away.
    assert lit(task(percent=30), date(2025, 6, 30)) == (Light.green, "正常")


def test_task_not_started_without_percent_near_due_is_yellow():
    light = lit(task(Status.not_started), date(2025, 12, 10))
    assert light == (Light.yellow, "临近期限进度落后")


def test_task_report_returned_is_yellow():
    assert lit(task(percent=50), date(2024, 7, 10), report_returned=True) == (
        Light.yellow,
        "报告被退回",
    )


def test_task_before_start_is_grey():
    assert lit(task(Status.not_started), date(2023, 12, 1)) == (Light.grey, "未开始")


def test_task_done_is_green_even_past_due():
    assert lit(task(Status.done, 100), date(2026, 3, 1)) == (Light.green, "已完成")


def test_task_on_track_is_green():
    assert lit(task(percent=50), date(2024, 7, 10)) == (Light.green, "正常")


def test_light_reasons_are_catalogue_messages_worded_in_english_too():
    light, reason = task_light(task(percent=90), date(2026, 1, 5))
    assert (light, reason.code) == (Light.red, "light.overdue")
    assert reason.text("en") == "Overdue, not done"
    assert task_light(task(percent=50), date(2024, 7, 10))[1].text("en") == "On track"
    assert text(reporting_light(True, False)[1], "en") == "Report late"
    assert text(reporting_light(False, True)[1], "en") == "Report returned"
    assert reporting_light(False, False) == (None, "")


def test_task_spec_refuses_due_before_start():
    with pytest.raises(ValueError):
        task(start=date(2025, 1, 1), due=date(2024, 1, 1))


# --- completeness -----------------------------------------------------------------------------

Q = P("2024Q2")


def test_completeness_department_reported_two_of_three():
    rows = completeness(
        expected={"A": ["1.1", "1.2", "1.3"]},
        reported={"A": ["1.3", "1.1"]},
        states={"A": ReportState.submitted},
        period=Q,
    )
    assert rows == [Completeness("A", Q, 3, 2, True, False, False, ["1.2"])]


def test_completeness_sorted_by_department_with_states():
    rows = completeness(
        expected={"B": ["2.1"], "A": ["1.1"]},
        reported={"B": ["2.1"]},
        states={"B": ReportState.approved, "A": ReportState.returned},
        period=Q,
    )
    assert [r.department for r in rows] == ["A", "B"]
    assert (rows[0].submitted, rows[0].approved, rows[0].returned) == (False, False, True)
    assert (rows[1].submitted, rows[1].approved, rows[1].returned) == (True, True, False)


def test_completeness_ignores_reports_for_unexpected_tasks():
    rows = completeness({"A": ["1.1"]}, {"A": ["1.1", "9.9"]}, {}, Q)
    assert (rows[0].expected, rows[0].reported) == (1, 1)


def test_completeness_ratio():
    rows = completeness(
        expected={"A": ["1.1", "1.2", "1.3"], "B": ["2.1"]},
        reported={"A": ["1.1", "1.3"], "B": ["2.1"]},
        states={},
        period=Q,
    )
    # (2 + 1) / (3 + 1) = 0.75
    assert completeness_ratio(rows) == 0.75


def test_completeness_ratio_with_nothing_expected_is_one():
    assert completeness_ratio([]) == 1.0
