"""Values at the door (issue #9, Build 3): every incoming row of the department's own
passes the same entry rules as an edit in the window; a row that fails is quarantined
with the rule it broke, the rest of the file is applied, and the master still prints."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest

from ipdesk.merge.engine import merge_files
from ipdesk.messages import Message
from tests.attacks.helpers import child_revision, quarantined, raw
from tests.attacks.test_foreign_rows import _sound_edit_arrived, _with_sound_edit, first
from tests.core.helpers import run_cli
from tests.merge.helpers import query

OWN = "(SELECT department_id FROM file_meta)"
VALUE = first("indicator_values", f"department_id = {OWN} AND period = '2025Q2'")
REPORT = first("progress_reports", f"department_id = {OWN} AND period = '2025Q2'")
OPEN_REPORT = first("progress_reports", f"department_id = {OWN} AND period = '2025Q3'")


def new_report(period: str) -> str:
    task = f"(SELECT task_id FROM assignments WHERE department_id = {OWN} LIMIT 1 OFFSET 1)"
    return (
        "INSERT INTO progress_reports (id, rev_id, site_id, hlc, task_id, department_id, period,"
        f" progress) VALUES ('{uuid.uuid4()}', '{uuid.uuid4()}', 'pc', '1', {task}, {OWN},"
        f" '{period}', '填报');"
    )


def new_evidence(name: str, size: int = 3) -> str:
    sha = hashlib.sha256(b"ABC").hexdigest()
    return (
        f"INSERT OR IGNORE INTO blobs VALUES ('{sha}', 3, x'414243');"
        "INSERT INTO evidence (id, rev_id, site_id, hlc, task_id, department_id, period,"
        " file_name, sha256, size) VALUES"
        f" ('{uuid.uuid4()}', '{uuid.uuid4()}', 'pc', '1',"
        f" (SELECT task_id FROM assignments WHERE department_id = {OWN} LIMIT 1), {OWN},"
        f" '2025Q3', '{name}', '{sha}', {size});"
    )


ATTACKS = {
    "text in a number column": (
        child_revision("indicator_values", VALUE, value="'很多'"),
        "invalid_not_number",
    ),
    "1e308": (child_revision("indicator_values", VALUE, value="1e308"), "invalid_too_large"),
    "a negative amount": (
        child_revision("indicator_values", VALUE, value="-5"),
        {"invalid_cumulative_falls", "invalid_negative"},
    ),
    "period 2025Q9": (new_report("2025Q9"), "invalid_bad_period"),
    "an empty period": (new_report(""), "invalid_bad_period"),
    "a month in a quarterly plan": (new_report("2025-07"), "invalid_wrong_period_kind"),
    "a period after the plan": (new_report("2027Q1"), "invalid_outside_plan"),
    "a megabyte of progress text": (
        child_revision("progress_reports", OPEN_REPORT, progress="printf('%.1000000c', '字')"),
        "invalid_too_long",
    ),
    "control characters": (
        child_revision("progress_reports", OPEN_REPORT, problems="'响铃' || char(7) || char(27)"),
        "invalid_control_chars",
    ),
    "a blob in a text column": (
        # (the history trigger cannot record a blob, so the value goes in after it ran)
        child_revision("progress_reports", OPEN_REPORT, next_steps="'x'")
        + f"UPDATE progress_reports SET next_steps = x'00ff00ff' WHERE {OPEN_REPORT};",
        "invalid_not_text",
    ),
    "an evidence name that climbs out of its folder": (
        new_evidence("../../Startup/x.bat"),
        "invalid_bad_file_name",
    ),
    "an absolute evidence path": (new_evidence("C:\\Windows\\evil.exe"), "invalid_bad_file_name"),
    "a device name as evidence": (new_evidence("CON"), "invalid_bad_file_name"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_bad_values_are_quarantined_and_the_rest_applied(desk, attack):
    sql, codes = ATTACKS[attack]
    codes = {codes} if isinstance(codes, str) else codes
    working, i = _with_sound_edit(desk)
    # The open period: the department has a report there to spoil (its own sound edit).
    raw(working, sql)
    sent = desk.send(working, "sent.ipdesk", "rjg-pc")  # `ipdesk send` signs it
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged", report.reason
    found = {c for _, c in quarantined(desk.master)}
    assert found & codes, found
    # Nothing of it reached the master's rows.
    assert query(
        desk.master,
        "SELECT count(*) FROM indicator_values WHERE typeof(value) <> 'real' OR value < 0"
        " OR value > 1e12",
    ) == [(0,)]
    assert query(
        desk.master,
        "SELECT count(*) FROM progress_reports WHERE length(progress) > 5000"
        " OR typeof(next_steps) <> 'text' OR problems GLOB '*' || char(7) || '*'"
        " OR period NOT GLOB '20[0-9][0-9]Q[1-4]'",
    ) == [(0,)]
    assert query(
        desk.master, "SELECT count(*) FROM evidence WHERE file_name GLOB '*[/\\:]*' OR size > 1e9"
    ) == [(0,)]


def test_after_every_bad_value_at_once_the_master_still_shows_and_prints(desk, tmp_path):
    working, i = _with_sound_edit(desk)
    raw(working, "".join(sql for sql, _ in ATTACKS.values()))
    [report] = merge_files(desk.master, [desk.send(working, "s.ipdesk", "rjg-pc")])
    # (several attacks spoil the same row: 9 rows in all)
    assert report.result == "merged" and report.quarantined == 9
    assert run_cli("dump", desk.master).returncode == 0
    out = tmp_path / "d.pdf"
    assert run_cli("pdf", desk.master, "district", "-o", out).returncode == 0


def test_one_bad_row_does_not_stop_the_good_ones(desk):
    working, i = _with_sound_edit(desk)
    raw(working, child_revision("indicator_values", VALUE, value="'很多'"))
    [report] = merge_files(desk.master, [desk.send(working, "s.ipdesk", "rjg-pc")])
    assert (report.result, report.quarantined) == ("merged", 1)
    assert _sound_edit_arrived(desk, i)
    assert any("不是数字" in w for w in report.warnings)


def test_an_evidence_row_whose_size_lies_about_its_file_is_refused(desk):
    working, _ = _with_sound_edit(desk)
    raw(working, new_evidence("a.pdf", 10**12))
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    [report] = merge_files(desk.master, [sent])
    assert (report.result, report.code) == ("refused", "tampered")
    assert "佐证材料" in report.reason


def test_the_broken_rule_is_kept_as_a_code_and_worded_in_either_language(desk):
    working, _ = _with_sound_edit(desk)
    raw(working, new_report("2027Q1"))
    [report] = merge_files(desk.master, [desk.send(working, "sent.ipdesk", "rjg-pc")])
    assert report.result == "merged", report.reason
    [(stored,)] = query(desk.master, "SELECT message FROM quarantine")
    reason = json.loads(stored)
    assert reason["code"] == "quarantine.invalid"
    assert reason["params"]["rule"]["code"] == "entry.outside_plan"
    shown = Message.loads(stored)
    assert shown.text("en").startswith("the row breaks an entry rule and was quarantined: 2027Q1")
    assert shown.text("zh").startswith("该行不符合填报规则，已隔离：2027Q1 不在计划期内")


def test_the_rules_are_the_masters_plan_not_the_plan_the_file_carries(desk):
    """A file that moves its own copy of the plan's end date still has its reports
    after the master's end date quarantined: the entry rules are judged by the master."""
    working, _ = _with_sound_edit(desk)
    raw(working, child_revision("plan", "1", end_date="'2030-12-31'") + new_report("2027Q1"))
    [report] = merge_files(desk.master, [desk.send(working, "sent.ipdesk", "rjg-pc")])
    assert report.result == "merged", report.reason
    assert ("progress_reports", "invalid_outside_plan") in quarantined(desk.master)
    assert query(desk.master, "SELECT end_date FROM plan") == [("2026-06-30",)]
    assert query(desk.master, "SELECT count(*) FROM progress_reports WHERE period = '2027Q1'") == [
        (0,)
    ]


def test_a_value_is_judged_by_the_kind_the_master_gives_its_indicator(desk):
    """The coordinator makes an indicator a rate after the file was issued; the
    department's file still calls it a running total. 500 is no rate: quarantined."""
    working, _ = _with_sound_edit(desk)
    raw(working, child_revision("indicator_values", VALUE, value="500"))
    [(row, indicator)] = query(
        working, f"SELECT id, indicator_id FROM indicator_values WHERE {VALUE}"
    )
    before = query(desk.master, "SELECT value FROM indicator_values WHERE id = ?", [row])
    raw(desk.master, f"UPDATE indicators SET kind = 'rate' WHERE id = '{indicator}'")
    [report] = merge_files(desk.master, [desk.send(working, "sent.ipdesk", "rjg-pc")])
    assert report.result == "merged", report.reason
    assert ("indicator_values", "invalid_rate_range") in quarantined(desk.master)
    assert query(desk.master, "SELECT value FROM indicator_values WHERE id = ?", [row]) == before
    assert before != [(500,)]
