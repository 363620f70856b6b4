"""The entry rules every department row passes, whichever door it comes through."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.plan import entry

FRAME = entry.PlanFrame("quarter", date(2023, 11, 1), date(2026, 6, 30))
REPORT = {
    "task_id": "t1",
    "department_id": "d1",
    "period": "2025Q2",
    "status": "in_progress",
    "percent": 60.0,
    "progress": "本季度新增示范中心1家",
    "problems": "",
    "next_steps": "",
}
VALUE = {
    "indicator_id": "i1",
    "department_id": "d1",
    "period": "2025Q2",
    "value": 12.0,
    "note": "",
}
EVIDENCE = {
    "task_id": "t1",
    "indicator_id": None,
    "department_id": "d1",
    "period": "2025Q2",
    "file_name": "认定文件.pdf",
    "sha256": "a" * 64,
    "size": 1000,
    "note": "",
}


def code(table, row, kind=None):
    problem = entry.row_problem(table, row, FRAME, indicator_kind=kind)
    return problem.code if problem else None


def test_sound_rows_pass():
    assert code("progress_reports", REPORT) is None
    assert code("indicator_values", VALUE, "cumulative") is None
    assert code("evidence", EVIDENCE) is None
    assert (
        code("milestone_actuals", {"milestone_id": "m", "actual_date": "2025-06-30", "note": ""})
        is None
    )
    assert (
        code(
            "submissions",
            {
                "period": "2025Q2",
                "state": "submitted",
                "reason": "",
                "submitted_at": "2025-07-03T10:00:00+08:00",
                "reviewed_at": None,
            },
        )
        is None
    )


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("abc", "cumulative", "not_number"),
        ("12", "level", "not_number"),
        (b"\x00", "level", "not_number"),
        (True, "yesno", "not_number"),
        (None, "level", "not_number"),
        (1e308, "cumulative", "too_large"),
        (float("inf"), "level", "not_number"),
        (float("nan"), "level", "not_number"),
        (-1.0, "cumulative", "cumulative_falls"),
        (-1.0, "new", "negative"),
        (-1.0, "level", "negative"),
        (101.0, "rate", "rate_range"),
        (0.5, "yesno", "yesno_value"),
        (12, "level", None),
        (85.0, "score", None),
    ],
)
def test_indicator_values_are_numbers_in_range_for_their_kind(value, kind, expected):
    assert code("indicator_values", {**VALUE, "value": value}, kind) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025Q9", "bad_period"),
        ("", "bad_period"),
        ("2025q2", "bad_period"),  # not the canonical spelling
        ("2025-05", "wrong_period_kind"),
        ("2022Q1", "outside_plan"),
        ("2027Q1", "outside_plan"),
        (20252, "bad_period"),
        ("2023Q4", None),
        ("2026Q2", None),
    ],
)
def test_a_period_must_exist_in_the_plan(period, expected):
    assert code("progress_reports", {**REPORT, "period": period}) == expected


def test_report_fields():
    assert code("progress_reports", {**REPORT, "status": "finished"}) == "bad_choice"
    assert code("progress_reports", {**REPORT, "percent": 150.0}) == "percent_range"
    assert code("progress_reports", {**REPORT, "percent": "60"}) == "not_number"
    assert code("progress_reports", {**REPORT, "progress": 5}) == "not_text"
    assert code("progress_reports", {**REPORT, "progress": "x" * 5001}) == "too_long"
    assert code("progress_reports", {**REPORT, "progress": "x" * 5000}) is None
    assert code("progress_reports", {**REPORT, "problems": "响铃\x07"}) == "control_chars"
    assert code("progress_reports", {**REPORT, "next_steps": "第一行\n第二行\t缩进"}) is None
    assert code("progress_reports", {**REPORT, "task_id": None}) == "bad_reference"


def test_too_long_says_how_long_and_the_limit():
    problem = entry.row_problem("progress_reports", {**REPORT, "progress": "字" * 6000}, FRAME)
    assert "6000" in problem.zh and "5000" in problem.zh
    assert "6000" in problem.en and "5000" in problem.en


def test_milestone_dates():
    base = {"milestone_id": "m", "note": ""}
    assert code("milestone_actuals", {**base, "actual_date": "2025-02-30"}) == "bad_date"
    assert code("milestone_actuals", {**base, "actual_date": "1899-01-01"}) == "bad_date"
    assert code("milestone_actuals", {**base, "actual_date": "2025-6-1"}) == "bad_date"
    assert code("milestone_actuals", {**base, "actual_date": None}) is None


def test_submission_fields():
    base = {
        "period": "2025Q2",
        "state": "submitted",
        "reason": "",
        "submitted_at": None,
        "reviewed_at": None,
    }
    assert code("submissions", {**base, "state": "accepted"}) == "bad_choice"
    assert code("submissions", {**base, "submitted_at": "yesterday"}) == "bad_time"
    assert code("submissions", {**base, "reason": "。" * 1001}) == "too_long"


@pytest.mark.parametrize(
    "name",
    [
        "../../Startup/x.bat",
        "/etc/passwd",
        "C:\\Windows\\x.exe",
        "..",
        ".hidden",
        "a\x00b.pdf",
        "CON",
        "con.txt",
        "LPT1.doc",
        "what?.pdf",
        "trailing. ",
        "x" * 200 + ".pdf",
        "",
    ],
)
def test_unsafe_evidence_names_are_refused_at_the_door(name):
    assert code("evidence", {**EVIDENCE, "file_name": name}) == "bad_file_name"


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("../../Startup/x.bat", "x.bat"),
        ("C:\\Users\\a\\会议纪要.docx", "会议纪要.docx"),
        ("..", "file"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("a<b>:c.pdf", "a_b__c.pdf"),
        ("  .认定文件.pdf. ", "认定文件.pdf"),
        ("响\x07铃.pdf", "响_铃.pdf"),
    ],
)
def test_the_one_sanitiser(name, clean):
    assert entry.clean_file_name(name) == clean
    assert entry.file_name_problem(entry.clean_file_name(name)) is None


def test_the_sanitiser_keeps_the_extension_of_a_long_name():
    cleaned = entry.clean_file_name("长" * 300 + ".pdf")
    assert len(cleaned) == entry.TEXT_LIMITS["file_name"]
    assert cleaned.endswith(".pdf")


def test_evidence_checksum_and_size():
    assert code("evidence", {**EVIDENCE, "sha256": "zz"}) == "bad_checksum"
    assert code("evidence", {**EVIDENCE, "size": -1}) == "evidence_too_large"
    assert (
        code("evidence", {**EVIDENCE, "size": entry.MAX_EVIDENCE_BYTES + 1}) == "evidence_too_large"
    )
    assert code("evidence", {**EVIDENCE, "size": "1000"}) == "evidence_too_large"


@pytest.mark.parametrize(
    ("name", "runs"),
    [
        ("x.pdf.bat", True),
        ("x.EXE", True),
        ("report.pdf", False),
        ("scan.jpg", False),
        ("x.lnk", True),
        ("x.bat.", True),
        ("setup.msi", True),
        ("run.sh", True),
        ("app.desktop", True),
        ("readme", False),
        ("纪要.docx", False),
    ],
)
def test_executable_types_are_recognised_by_any_suffix(name, runs):
    assert entry.is_executable_name(name) is runs
