"""A department writing over the plan or over another department (issue #9).

Each attack edits the department's own working file with the sqlite3 shell, making new
revisions whose parent is the current one (all ids and revisions are in the issued
file), then sends it: with `ipdesk send` (which signs whatever the file holds), or —
for other departments' rows, which `send` leaves out — signed whole with the
department's own key by IPDesk's signing code. In every case a sound edit of the
department's own report travels in the same file. What must hold: none of the master's
rows outside the department arrive changed, each foreign row is in the quarantine list
with its reason, the sound edit is merged, and undoing the import leaves the plan and
the other departments exactly as before.
"""

from __future__ import annotations

import uuid

import pytest

from ipdesk.merge.engine import merge_files
from ipdesk.merge.undo import undo_import
from ipdesk.store import edits
from tests.attacks.helpers import (
    ATTACKER_PC,
    FUTURE,
    child_revision,
    foreign_content,
    forged,
    quarantined,
    raw,
)
from tests.merge.helpers import edit, query

OWN = "(SELECT department_id FROM file_meta)"
KJJ = "(SELECT id FROM departments WHERE code = 'kjj')"
SOUND = "本季度走访企业12家"


def new_row(table: str, **values: str) -> str:
    """SQL for a row the master has never seen (values are SQL expressions)."""
    cols = {
        "id": f"'{uuid.uuid4()}'",
        "rev_id": f"'{uuid.uuid4()}'",
        "site_id": f"'{ATTACKER_PC}'",
        "hlc": f"'{FUTURE}'",
        **values,
    }
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(cols.values())});"


def first(table: str, where: str) -> str:
    return f"rowid = (SELECT min(rowid) FROM {table} WHERE {where})"


PLAN_ATTACKS = {
    "an indicator's target": (
        child_revision("indicators", "code = '2.2.1'", target="99999"),
        "indicators",
        "target_changed",
    ),
    "a task's text": (
        child_revision("tasks", "code = '3.1.1'", text="'本任务已取消'"),
        "tasks",
        "plan_changed",
    ),
    "the plan's dates": (
        child_revision("plan", "1", end_date="'2030-12-31'", target_date="'2030-06-30'"),
        "plan",
        "plan_changed",
    ),
    "the coordinator's phone number": (
        child_revision("departments", "is_coordinator = 1", contact_phone="'13800000000'"),
        "departments",
        "plan_changed",
    ),
    "another department's name": (
        child_revision("departments", "code = 'kjj'", short_name="'区科技局（撤销）'"),
        "departments",
        "plan_changed",
    ),
    "an assignment taken over": (
        child_revision(
            "assignments",
            first("assignments", "task_id = (SELECT id FROM tasks WHERE code = '3.6.2')"),
            department_id=OWN,
        ),
        "assignments",
        "plan_changed",
    ),
    "an assignment added": (
        new_row(
            "assignments",
            task_id="(SELECT id FROM tasks WHERE code = '3.6.2')",
            department_id=OWN,
            role="'lead'",
        ),
        "assignments",
        "plan_changed",
    ),
    "an indicator it does not report": (
        new_row(
            "indicator_departments",
            indicator_id="(SELECT id FROM indicators WHERE code = '2.4.4')",
            department_id=OWN,
        ),
        "indicator_departments",
        "plan_changed",
    ),
    "a phase's dates": (
        child_revision("phases", "code = '4.3'", end_date="'2027-12-31'"),
        "phases",
        "plan_changed",
    ),
    "a milestone's date": (
        child_revision("milestones", first("milestones", "1"), planned_date="'2030-01-01'"),
        "milestones",
        "plan_changed",
    ),
    "the guiding text": (
        child_revision("sections", "code = '1'", text="'改写'"),
        "sections",
        "plan_changed",
    ),
    "a task deleted": (
        child_revision("tasks", "code = '3.6.2'", deleted="1"),
        "tasks",
        "plan_changed",
    ),
}

OTHERS_ATTACKS = {
    "another department's report": (
        child_revision(
            "progress_reports",
            first("progress_reports", f"department_id = {KJJ}"),
            progress="'代填'",
        ),
        "progress_reports",
    ),
    "another department's approval": (
        child_revision(
            "submissions",
            first("submissions", f"department_id = {KJJ}"),
            state="'approved'",
            reviewed_at="'2025-08-01T10:00:00+08:00'",
        ),
        "submissions",
    ),
    # A department file carries no other department's indicator values (issue #15), so
    # the attacker writes 科技局's value row under its own id — natural ids can be
    # worked out from the plan id — as a new revision: 1e9.
    "another department's value": (
        lambda desk: forge_master_row(
            desk.master,
            "indicator_values",
            "department_id = (SELECT id FROM departments WHERE code = 'kjj')",
            value="1e9",
        ),
        "indicator_values",
    ),
    "another department's report deleted": (
        child_revision(
            "progress_reports", first("progress_reports", f"department_id = {KJJ}"), deleted="1"
        ),
        "progress_reports",
    ),
    "a new report in another department's name": (
        new_row(
            "progress_reports",
            task_id="(SELECT task_id FROM assignments WHERE department_id = "
            f"{KJJ} AND deleted = 0 LIMIT 1)",
            department_id=KJJ,
            period="'2025Q3'",
            progress="'代填'",
        ),
        "progress_reports",
    ),
    "another department's evidence": (
        "INSERT INTO blobs VALUES ('"
        + "ab" * 32
        + "', 3, x'414243');"
        + new_row(
            "evidence",
            task_id="(SELECT task_id FROM assignments WHERE department_id = "
            f"{KJJ} AND deleted = 0 LIMIT 1)",
            department_id=KJJ,
            period="'2025Q3'",
            file_name="'认定文件.pdf'",
            sha256="'" + "ab" * 32 + "'",
            size="3",
        ),
        "evidence",
    ),
}


def forge_master_row(master, table: str, where: str, **values: str) -> str:
    """SQL for a row the master holds (the first matching `where`) written into the
    attacker's file as a new revision of it, with `values` (SQL expressions)."""
    cols = [r[1] for r in query(master, f"PRAGMA table_info({table})")]
    row = dict(
        zip(cols, query(master, f"SELECT * FROM {table} WHERE {where} LIMIT 1")[0], strict=True)
    )
    literal = {
        c: "NULL"
        if v is None
        else repr(v)
        if not isinstance(v, str)
        else "'" + v.replace("'", "''") + "'"
        for c, v in row.items()
    }
    literal.update(
        parent_rev_id=literal["rev_id"],
        rev_id=f"'{uuid.uuid4()}'",
        site_id=f"'{ATTACKER_PC}'",
        hlc=f"'{FUTURE}'",
        **values,
    )
    return f"INSERT INTO {table} ({', '.join(literal)}) VALUES ({', '.join(literal.values())});"


def attack_sql(desk, sql) -> str:
    return sql(desk) if callable(sql) else sql


def _with_sound_edit(desk):
    working = desk.issue("rjg")
    i = desk.ids
    edit(
        working,
        "rjg-pc",
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", progress=SOUND),
    )
    return working, i


def _sound_edit_arrived(desk, i) -> bool:
    return query(
        desk.master,
        "SELECT progress FROM progress_reports WHERE task_id = ? AND department_id = ?"
        " AND period = '2025Q3' AND deleted = 0",
        [i["3.3.1"], i["rjg"]],
    ) == [(SOUND,)]


def _merge_and_check(desk, i, sent, table, codes):
    before = foreign_content(desk.master, i["rjg"])
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged", report.reason
    assert foreign_content(desk.master, i["rjg"]) == before
    assert _sound_edit_arrived(desk, i)
    found = quarantined(desk.master)
    assert any(t == table and c in codes for t, c in found), found
    assert report.quarantined == len(found) >= 1
    # Undoing the import takes the sound edit away and leaves everything else as it was.
    undo_import(desk.master, report.import_id)
    assert foreign_content(desk.master, i["rjg"]) == before
    assert not _sound_edit_arrived(desk, i)


@pytest.mark.parametrize("attack", list(PLAN_ATTACKS))
def test_plan_rows_changed_as_child_revisions_never_reach_the_master(desk, attack):
    sql, table, code = PLAN_ATTACKS[attack]
    working, i = _with_sound_edit(desk)
    raw(working, sql)
    sent = desk.send(working, "sent.ipdesk", "rjg-pc")  # `ipdesk send` signs it
    _merge_and_check(desk, i, sent, table, {code})


@pytest.mark.parametrize("attack", list(OTHERS_ATTACKS))
def test_other_departments_rows_never_reach_the_master(desk, attack):
    sql, table = OTHERS_ATTACKS[attack]
    working, i = _with_sound_edit(desk)
    sent = forged(working, desk.folder / "sent.ipdesk", attack_sql(desk, sql))
    _merge_and_check(desk, i, sent, table, {"other_department"})


def test_every_attack_at_once_still_lets_the_sound_edit_through(desk):
    working, i = _with_sound_edit(desk)
    # (both assignment attacks at once would collide on the file's own unique key)
    plan = [s for name, (s, *_) in PLAN_ATTACKS.items() if name != "an assignment added"]
    sql = "".join(plan) + "".join(attack_sql(desk, s) for s, _ in OTHERS_ATTACKS.values())
    sent = forged(working, desk.folder / "sent.ipdesk", sql)
    before = foreign_content(desk.master, i["rjg"])
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged"
    assert foreign_content(desk.master, i["rjg"]) == before
    assert _sound_edit_arrived(desk, i)
    assert report.quarantined >= len(plan) + len(OTHERS_ATTACKS) - 1


def test_a_forged_row_dressed_as_an_old_revision_changes_nothing(desk):
    """A row carrying a revision id the master already has in its history, with other
    content: stale, not applied, master unchanged."""
    working, i = _with_sound_edit(desk)
    old_rev = query(
        desk.master,
        "SELECT h.rev_id FROM row_history h JOIN indicators x ON x.id = h.row_id"
        " WHERE x.code = '2.2.1' LIMIT 1",
    )[0][0]
    sql = f"UPDATE indicators SET target = 1, rev_id = '{old_rev}' WHERE code = '2.2.1';"
    sent = forged(working, desk.folder / "sent.ipdesk", sql)
    before = foreign_content(desk.master, i["rjg"])
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged"
    assert foreign_content(desk.master, i["rjg"]) == before


def test_rows_of_departments_outside_the_plan_are_not_created(desk):
    working, i = _with_sound_edit(desk)
    sql = new_row(
        "departments", code="'evil'", name="'伪造单位'", short_name="'伪造单位'"
    ) + new_row(
        "progress_reports",
        task_id="(SELECT id FROM tasks WHERE code = '3.1.1')",
        department_id="(SELECT id FROM departments WHERE code = 'evil')",
        period="'2025Q3'",
    )
    sent = forged(working, desk.folder / "sent.ipdesk", sql)
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged"
    assert query(desk.master, "SELECT count(*) FROM departments WHERE code = 'evil'") == [(0,)]
    assert query(
        desk.master,
        "SELECT count(*) FROM progress_reports WHERE department_id NOT IN"
        " (SELECT id FROM departments)",
    ) == [(0,)]
