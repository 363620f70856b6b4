"""A department bending its own rows past the rules (issue #9).

Its own rows are the department's to change, but only as the master's plan allows: not
in a period the coordinator approved (neither the row's new period nor its old one),
not the identity of a row (which task, department, period), not the approval or the
return reason, not on a task it has no part in. In the demo master, 软件谷's 2025Q1
report is approved, 2025Q2 is submitted and awaits review, 2025Q3 is open.
"""

from __future__ import annotations

import pytest

from ipdesk.merge.engine import merge_files
from ipdesk.store import edits
from tests.attacks.helpers import child_revision, forged, quarantined, raw
from tests.attacks.test_foreign_rows import SOUND, _sound_edit_arrived, _with_sound_edit, first
from tests.merge.helpers import query

OWN = "(SELECT department_id FROM file_meta)"
KJJ = "(SELECT id FROM departments WHERE code = 'kjj')"
UNASSIGNED = (
    "(SELECT id FROM tasks WHERE id NOT IN (SELECT task_id FROM assignments"
    f" WHERE department_id = {OWN}) AND kind = 'task' ORDER BY code LIMIT 1)"
)


def own(table: str, period: str) -> str:
    return first(table, f"department_id = {OWN} AND period = '{period}'")


ATTACKS = {
    "an approved report moved to an open period": (
        child_revision("progress_reports", own("progress_reports", "2025Q1"), period="'2025Q3'"),
        "key_changed",
    ),
    "the approval moved to another period": (
        child_revision("submissions", own("submissions", "2025Q1"), period="'2025Q3'"),
        "key_changed",
    ),
    "an approved report edited": (
        child_revision("progress_reports", own("progress_reports", "2025Q1"), progress="'改过'"),
        "approved",
    ),
    "an approved report deleted": (
        child_revision("progress_reports", own("progress_reports", "2025Q1"), deleted="1"),
        "approved",
    ),
    "an approved period reopened": (
        child_revision("submissions", own("submissions", "2025Q1"), state="'submitted'"),
        "approved",
    ),
    "its own report approved": (
        child_revision("submissions", own("submissions", "2025Q2"), state="'approved'"),
        "review_state",
    ),
    "its own return reason written": (
        child_revision("submissions", own("submissions", "2025Q2"), reason="'已审核，无问题'"),
        "review_fields",
    ),
    "a report moved to a task it has no part in": (
        child_revision("progress_reports", own("progress_reports", "2025Q2"), task_id=UNASSIGNED),
        "key_changed",
    ),
    "another department's report taken over": (
        child_revision(
            "progress_reports",
            first("progress_reports", f"department_id = {KJJ}"),
            department_id=OWN,
        ),
        "changed_department",
    ),
}


def own_rows(desk, i, table):
    return query(
        desk.master, f"SELECT * FROM {table} WHERE department_id = ? ORDER BY id", [i["rjg"]]
    )


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_own_rows_bent_past_the_rules_are_quarantined(desk, attack):
    sql, code = ATTACKS[attack]
    working, i = _with_sound_edit(desk)
    approved_before = query(
        desk.master,
        "SELECT * FROM progress_reports WHERE department_id = ? AND period = '2025Q1' ORDER BY id",
        [i["rjg"]],
    )
    submissions_before = own_rows(desk, i, "submissions")
    kjj_before = query(
        desk.master,
        "SELECT * FROM progress_reports WHERE department_id = ? ORDER BY id",
        [i["kjj"]],
    )
    sent = forged(working, desk.folder / "sent.ipdesk", sql)
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged", report.reason
    assert code in {c for _, c in quarantined(desk.master)}, quarantined(desk.master)
    assert _sound_edit_arrived(desk, i)
    # The approved period, the review state and the other department are untouched.
    assert (
        query(
            desk.master,
            "SELECT * FROM progress_reports WHERE department_id = ? AND period = '2025Q1'"
            " ORDER BY id",
            [i["rjg"]],
        )
        == approved_before
    )
    assert own_rows(desk, i, "submissions") == submissions_before
    assert (
        query(
            desk.master,
            "SELECT * FROM progress_reports WHERE department_id = ? ORDER BY id",
            [i["kjj"]],
        )
        == kjj_before
    )


def test_a_new_report_on_a_task_it_has_no_part_in(desk):
    working, i = _with_sound_edit(desk)
    sql = (
        "INSERT INTO progress_reports (id, rev_id, site_id, hlc, task_id, department_id, period,"
        f" progress) VALUES ('x-1', 'r-1', 'pc', '1', {UNASSIGNED}, {OWN}, '2025Q3', '越权');"
    )
    raw(working, sql)
    sent = desk.send(working, "sent.ipdesk", "rjg-pc")
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged"
    assert ("progress_reports", "not_assigned") in quarantined(desk.master)
    assert query(desk.master, "SELECT count(*) FROM progress_reports WHERE id = 'x-1'") == [(0,)]


def test_the_coordinators_return_reason_travels_back_untouched(desk):
    """The honest way round: the coordinator returns 2025Q2 with a reason, issues the
    file again, the department resubmits — the reason arrives as the coordinator wrote
    it, and the resubmission is taken."""
    i = desk.ids
    db = desk.master_db()
    edits.review_period(db, i["rjg"], "2025Q2", approve=False, reason="请补充佐证材料")
    db.close()
    working = desk.issue("rjg")
    from tests.merge.helpers import edit

    edit(working, "rjg-pc", lambda db: edits.submit_period(db, i["rjg"], "2025Q2"))
    [report] = merge_files(desk.master, [desk.send(working, "s.ipdesk", "rjg-pc")])
    assert (report.result, report.quarantined) == ("merged", 0)
    assert query(
        desk.master,
        "SELECT state, reason FROM submissions WHERE department_id = ? AND period = '2025Q2'",
        [i["rjg"]],
    ) == [("submitted", "请补充佐证材料")]


def test_sound_edit_is_still_the_one_from_this_file(desk):
    working, i = _with_sound_edit(desk)
    [report] = merge_files(desk.master, [desk.send(working, "s.ipdesk", "rjg-pc")])
    assert (report.result, report.quarantined) == ("merged", 0)
    assert _sound_edit_arrived(desk, i) and SOUND
