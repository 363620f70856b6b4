"""What merging does to the rows (issue #3, Build 4 and 7): revisions, conflicts,
quarantine, tombstones, idempotence, order independence, clocks, older files."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from ipdesk.merge.conflicts import list_conflicts, list_quarantine, resolve_conflict
from ipdesk.merge.engine import merge_files, preview
from ipdesk.store import edits, schema
from ipdesk.store.files import open_plan
from tests.merge.helpers import content, digest, edit, query, sha256

REPORT = (
    "SELECT status, percent, progress, problems, next_steps, deleted FROM progress_reports"
    " WHERE task_id = ? AND department_id = ? AND period = ?"
)


def report_of(path, i, task="3.3.1", dept="rjg", period="2025Q3"):
    rows = query(path, REPORT, [i[task], i[dept], period])
    return rows[0] if rows else None


def with_base_report(desk, **values):
    """The coordinator writes 软件谷's 2025Q3 report on 3.3.1 in the master, so the
    department files issued afterwards share that revision as a common ancestor."""
    i = desk.ids
    db = desk.master_db()
    edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", **values)
    db.close()


def test_fast_forward_applies_the_departments_rows_and_logs_every_row(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    evidence = desk.folder / "示范中心认定文件.pdf"
    evidence.write_bytes(b"%PDF-1.4 certificate " * 50)

    def fill(db):
        edits.save_report(
            db,
            i["3.3.1"],
            i["rjg"],
            "2025Q3",
            status="in_progress",
            percent=35,
            progress="新增示范中心1家",
        )
        edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 120)
        edits.add_evidence(db, i["rjg"], evidence, task_id=i["3.3.1"], period="2025Q3")

    edit(dept, "rjg-pc", fill)
    [report] = merge_files(desk.master, [desk.send(dept, "s1.ipdesk", "rjg-pc")])
    assert (report.result, report.new, report.changed, report.conflicts, report.quarantined) == (
        "merged",
        3,
        0,
        0,
        0,
    )
    assert report_of(desk.master, i)[:3] == ("in_progress", 35.0, "新增示范中心1家")
    blob = query(
        desk.master,
        "SELECT b.data FROM evidence e JOIN blobs b ON b.sha256 = e.sha256"
        " WHERE e.file_name = '示范中心认定文件.pdf'",
    )
    assert blob == [(evidence.read_bytes(),)]
    logged = query(
        desk.master,
        "SELECT tbl, action, rev_before FROM import_changes WHERE import_id = ?",
        [report.import_id],
    )
    assert sorted(logged) == [
        ("evidence", "new", None),
        ("indicator_values", "new", None),
        ("progress_reports", "new", None),
    ]
    # A second round from the same PC is a fast-forward of the merged revision.
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=50)
    )
    [second] = merge_files(desk.master, [desk.send(dept, "s2.ipdesk", "rjg-pc")])
    assert (second.result, second.new, second.changed, second.conflicts) == ("merged", 0, 1, 0)
    assert query(
        desk.master, "SELECT action FROM import_changes WHERE import_id = ?", [second.import_id]
    ) == [("fast_forward",)]
    assert report_of(desk.master, i)[1] == 50.0
    revisions = query(
        desk.master,
        "SELECT count(*) FROM row_history h JOIN progress_reports r"
        " ON r.id = h.row_id WHERE r.period = '2025Q3'",
    )
    assert revisions == [(2,)]


def test_same_file_twice_is_already_merged_and_changes_nothing(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=20)
    )
    sent = desk.send(dept, "s.ipdesk", "rjg-pc")
    [first] = merge_files(desk.master, [sent])
    assert first.result == "merged"
    before = sha256(desk.master)
    [again] = merge_files(desk.master, [sent])
    assert (again.result, again.new, again.changed) == ("already merged", 0, 0)
    assert f"#{first.import_id}" in again.reason and "already merged" in again.reason
    assert sha256(desk.master) == before


def test_old_file_after_a_newer_one_changes_nothing(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=20)
    )
    old = desk.send(dept, "old.ipdesk", "rjg-pc")
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=70)
    )
    new = desk.send(dept, "new.ipdesk", "rjg-pc")
    [merged] = merge_files(desk.master, [new])
    assert merged.result == "merged"
    before = sha256(desk.master)
    [late] = merge_files(desk.master, [old])
    assert (late.result, late.stale, late.new, late.changed) == ("already merged", 1, 0, 0)
    assert "旧" in late.reason
    assert sha256(desk.master) == before
    assert report_of(desk.master, i)[1] == 70.0


def two_pcs(desk, change_a, change_b):
    """One department file edited on two PCs; returns both sent files."""
    a = desk.issue("rjg", "rjg-a.ipdesk")
    b = desk.copy(a, "rjg-b.ipdesk")
    edit(a, "rjg-pc-a", change_a)
    edit(b, "rjg-pc-b", change_b)
    return desk.send(a, "from-a.ipdesk", "rjg-pc-a"), desk.send(b, "from-b.ipdesk", "rjg-pc-b")


def both_orders(desk, a, b):
    other = desk.folder / "master-2.ipdesk"
    shutil.copyfile(desk.master, other)
    ab = merge_files(desk.master, [a, b])
    ba = merge_files(other, [b, a])
    assert [r.result for r in ab + ba] == ["merged"] * 4
    return ab, ba, other


def test_two_pcs_same_field_conflict_both_kept_and_order_independent(desk):
    with_base_report(desk, status="in_progress", percent=10, progress="起步")
    i = desk.ids
    a, b = two_pcs(
        desk,
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=40),
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=60),
    )
    ab, ba, other = both_orders(desk, a, b)
    assert content(desk.master) == content(other)  # A then B equals B then A
    assert ab[1].conflicts == ba[1].conflicts == 1
    # Both versions are kept: in history, and side by side in the conflict.
    kept = query(
        desk.master,
        "SELECT json_extract(data, '$.percent') FROM row_history h"
        " JOIN progress_reports r ON r.id = h.row_id"
        " WHERE r.period = '2025Q3' AND h.site_id LIKE 'rjg-pc-%'",
    )
    assert sorted(kept) == [(40.0,), (60.0,)]
    [conflict] = list_conflicts(open_plan(desk.master))
    assert conflict.field == "percent" and {conflict.master_value, conflict.incoming_value} == {
        40.0,
        60.0,
    }
    assert conflict.department == "rjg" and "3.3.1" in conflict.row
    # The default is the later revision (PC B edited last), whichever file came first.
    assert report_of(desk.master, i)[1] == report_of(other, i)[1] == 60.0
    assert conflict.default_value == 60.0


def test_two_pcs_different_fields_are_both_merged(desk):
    with_base_report(desk, status="in_progress", percent=10, progress="起步")
    i = desk.ids
    a, b = two_pcs(
        desk,
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=45),
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", problems="资金拨付偏慢"),
    )
    ab, ba, other = both_orders(desk, a, b)
    assert [r.conflicts for r in ab + ba] == [0, 0, 0, 0]
    assert report_of(desk.master, i)[:4] == ("in_progress", 45.0, "起步", "资金拨付偏慢")
    assert content(desk.master) == content(other)


def test_two_pcs_creating_the_same_report_merge_like_edits_of_an_empty_one(desk):
    i = desk.ids
    a, b = two_pcs(
        desk,
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=30),
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", next_steps="继续走访企业"),
    )
    ab, ba, other = both_orders(desk, a, b)
    assert [r.conflicts for r in ab + ba] == [0, 0, 0, 0]
    assert report_of(desk.master, i)[:5] == ("in_progress", 30.0, "", "", "继续走访企业")
    assert content(desk.master) == content(other)


def test_rows_for_a_task_the_master_no_longer_assigns_are_quarantined_own_rows_applied(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    db = desk.master_db()  # after issuing, 3.2.1 goes to 科技局 alone
    edits.assign(db, i["3.2.1"], [i["kjj"]], [])
    db.close()

    def fill(db):  # the department's file still lists 3.2.1 as its own
        edits.save_report(db, i["3.2.1"], i["rjg"], "2025Q3", percent=10, progress="不再负责")
        edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=30)

    edit(dept, "rjg-pc", fill)
    [report] = merge_files(desk.master, [desk.send(dept, "s.ipdesk", "rjg-pc")])
    assert (report.result, report.new, report.quarantined) == ("merged", 1, 1)
    assert report_of(desk.master, i, "3.3.1")[1] == 30.0
    assert report_of(desk.master, i, "3.2.1") is None
    [q] = list_quarantine(open_plan(desk.master))
    assert (
        q["reason_code"] == "not_assigned"
        and "三（二）1" in q["reason"]
        and "软件谷" in q["reason"]
    )
    assert q["data"]["progress"] == "不再负责"  # the row itself is kept for the coordinator
    assert any("未分配给软件谷" in w for w in report.warnings)
    # Stored as a code and its parameters, worded in either language when shown.
    [stored] = query(desk.master, "SELECT message FROM quarantine")
    assert json.loads(stored[0]) == {
        "code": "quarantine.not_assigned",
        "params": {"task": "三（二）1", "department": "软件谷"},
    }
    assert q["reason"].text("zh") == "任务 三（二）1 未分配给软件谷（以总表分工为准），该行未合并"
    assert (
        q["reason"].text("en")
        == "task 三（二）1 is not assigned to 软件谷 in the master; row not merged"
    )
    [logged] = query(desk.master, "SELECT warnings FROM imports")
    assert json.loads(logged[0])[0]["code"] == "merge.not_merged"


def test_delete_against_a_concurrent_edit_keeps_the_row_and_asks(desk):
    i = desk.ids
    db = desk.master_db()
    edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 100)
    db.close()
    dept = desk.issue("rjg")
    edit(dept, "rjg-pc", lambda db: edits.delete_value(db, i["i2.2.1"], i["rjg"], "2025Q3"))
    db = desk.master_db()  # meanwhile the coordinator corrects the value
    edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 130)
    db.close()
    [report] = merge_files(desk.master, [desk.send(dept, "s.ipdesk", "rjg-pc")])
    assert (report.result, report.changed, report.conflicts) == ("merged", 1, 1)
    value = (
        "SELECT value, deleted FROM indicator_values WHERE period = '2025Q3' AND department_id = ?"
    )
    assert query(desk.master, value, [i["rjg"]]) == [(130.0, 0)]  # the edit wins over the delete
    db = desk.master_db()
    [conflict] = list_conflicts(db)
    assert (
        conflict.field,
        conflict.master_value,
        conflict.incoming_value,
        conflict.default_side,
    ) == ("deleted", 0, 1, "master")
    resolve_conflict(db, conflict.id, "incoming")  # the coordinator confirms the delete
    db.close()
    assert query(desk.master, value, [i["rjg"]]) == [(130.0, 1)]
    assert list_conflicts(open_plan(desk.master)) == []


def test_a_delete_of_an_untouched_row_is_a_tombstone(desk):
    i = desk.ids
    db = desk.master_db()
    edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 100)
    db.close()
    dept = desk.issue("rjg")
    edit(dept, "rjg-pc", lambda db: edits.delete_value(db, i["i2.2.1"], i["rjg"], "2025Q3"))
    [report] = merge_files(desk.master, [desk.send(dept, "s.ipdesk", "rjg-pc")])
    assert (report.changed, report.conflicts) == (1, 0)
    assert query(desk.master, "SELECT deleted FROM indicator_values WHERE period = '2025Q3'") == [
        (1,)
    ]


@pytest.mark.parametrize("wrong_now", ["1999-06-01T09:00:00+08:00", "2035-03-01T09:00:00+08:00"])
def test_pc_clocks_set_to_1999_or_2035_give_the_same_result_with_a_warning(desk, wrong_now):
    with_base_report(desk, status="in_progress", percent=10, progress="起步")
    i = desk.ids
    fair = desk.folder / "master-fair-clock.ipdesk"
    shutil.copyfile(desk.master, fair)
    results = {}
    for name, target, env in (
        ("fair", fair, {}),
        ("wrong", desk.master, {"IPDESK_FAKE_NOW": wrong_now}),
    ):
        a = desk.issue("rjg", f"{name}-a.ipdesk", master=target)
        b = desk.copy(a, f"{name}-b.ipdesk")
        edit(
            a,
            "rjg-pc-a",
            lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=55),
            **env,
        )
        edit(
            b,
            "rjg-pc-b",
            lambda db: edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 80),
            **env,
        )
        edit(
            a,
            "rjg-pc-a",
            lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", problems="人手不足"),
            **env,
        )
        sent = [
            desk.send(a, f"{name}-sa.ipdesk", "rjg-pc-a", **env),
            desk.send(b, f"{name}-sb.ipdesk", "rjg-pc-b", **env),
        ]
        results[name] = merge_files(target, sent)
    data = "SELECT {} FROM {} WHERE period = '2025Q3' AND department_id = ? ORDER BY id"
    for cols, table in (
        ("status, percent, progress, problems, deleted", "progress_reports"),
        ("value, note, deleted", "indicator_values"),
    ):
        sql = data.format(cols, table)
        assert query(desk.master, sql, [i["rjg"]]) == query(fair, sql, [i["rjg"]])
    assert report_of(desk.master, i)[:4] == ("in_progress", 55.0, "起步", "人手不足")
    assert all(r.result == "merged" for r in results["fair"] + results["wrong"])
    assert not any(r.warnings for r in results["fair"]), [r.warnings for r in results["fair"]]
    year = wrong_now[:4]
    for r in results["wrong"]:
        assert any("时钟可能不准确" in w and year in w for w in r.warnings), r.warnings


def test_an_older_schema_is_migrated_on_a_copy_then_merged(desk, monkeypatch):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=25)
    )
    sent = desk.send(dept, "s.ipdesk", "rjg-pc")
    sent_before = sha256(sent)
    version = schema.schema_version()
    # Play a newer IPDesk: one more migration than the file was made with.
    folder = desk.folder / "migrations"
    folder.mkdir()
    for m in schema.migrations():
        (folder / f"{m.version:04d}_{m.name}.sql").write_text(m.sql, encoding="utf-8")
    (folder / f"{version + 1:04d}_next.sql").write_text(
        "CREATE INDEX evidence_department ON evidence (department_id);", encoding="utf-8"
    )
    monkeypatch.setattr(schema, "migrations_dir", lambda: folder)
    [report] = merge_files(desk.master, [sent])
    assert (report.result, report.new) == ("merged", 1)
    assert report_of(desk.master, i)[1] == 25.0
    assert query(desk.master, "PRAGMA user_version") == [(version + 1,)]
    assert sha256(sent) == sent_before  # the original was only read; its copy was migrated
    assert query(sent, "PRAGMA user_version") == [(version,)]


def test_rows_of_a_period_approved_since_are_quarantined(desk):
    i = desk.ids
    db = desk.master_db()
    edits.review_period(db, i["rjg"], "2025Q2", approve=False, reason="请补充佐证材料")
    db.close()
    a = desk.issue("rjg", "rjg-a.ipdesk")
    b = desk.copy(a, "rjg-b.ipdesk")
    edit(
        a,
        "rjg-pc-a",
        lambda db: (
            edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q2", progress="已补充"),
            edits.submit_period(db, i["rjg"], "2025Q2"),
        ),
    )
    [first] = merge_files(desk.master, [desk.send(a, "a.ipdesk", "rjg-pc-a")])
    assert first.result == "merged"
    db = desk.master_db()
    edits.review_period(db, i["rjg"], "2025Q2", approve=True)
    db.close()
    # The second PC still had the returned report open, and changed it later.
    edit(
        b,
        "rjg-pc-b",
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q2", problems="迟到的修改"),
    )
    [late] = merge_files(desk.master, [desk.send(b, "b.ipdesk", "rjg-pc-b")])
    assert late.quarantined == 1 and late.changed == 0
    status, percent, progress, problems, _, _ = report_of(desk.master, i, period="2025Q2")
    assert progress == "已补充" and problems != "迟到的修改"
    [q] = list_quarantine(open_plan(desk.master))
    assert q["reason_code"] == "approved" and "2025Q2" in q["reason"]


def test_dry_run_writes_nothing_and_counts_what_the_merge_will_do(desk):
    with_base_report(desk, status="in_progress", percent=10)
    i = desk.ids
    a, b = two_pcs(
        desk,
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=40),
        lambda db: (
            edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=60),
            edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 7),
        ),
    )
    merge_files(desk.master, [a])
    before = sha256(desk.master)
    seen = preview(desk.master, b)
    assert sha256(desk.master) == before
    assert not query(desk.master, "SELECT 1 FROM imports WHERE file_name = 'from-b.ipdesk'")
    assert (seen.result, seen.new, seen.changed, seen.conflicts, seen.import_id) == (
        "merged",
        1,
        1,
        1,
        None,
    )
    [done] = merge_files(desk.master, [b])
    assert (done.new, done.changed, done.conflicts) == (seen.new, seen.changed, seen.conflicts)


def test_the_import_log_and_dump_show_what_happened(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=25)
    )
    sent = desk.send(dept, "s.ipdesk", "rjg-pc")
    [report] = merge_files(desk.master, [sent])
    from ipdesk.read.dump import dump

    db = desk.master_db()
    data = dump(db)
    db.close()
    [logged] = data["imports"]
    assert (logged["file_name"], logged["file_sha256"], logged["new_rows"]) == (
        "s.ipdesk",
        sha256(sent),
        1,
    )
    assert json.loads(logged["warnings"]) == report.warnings
    assert digest(desk.master) != digest(sent)


def test_backup_of_the_master_is_verified_and_kept_beside_it(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=25)
    )
    before = content(desk.master)
    merge_files(desk.master, [desk.send(dept, "s.ipdesk", "rjg-pc")])
    [backup] = (desk.folder / "master.backups").glob("master.*.before-merge.ipdesk.bak")
    assert content(backup) == before
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_revisions_between_two_sends_are_kept_so_later_files_are_judged_right(desk):
    """PC A edits twice before sending; PC B copied the file between A's two edits.
    The master learns A's intermediate revision: B's file as copied is then old (stale),
    and B's later other-field edit merges on that common ancestor without a conflict."""
    with_base_report(desk, status="in_progress", percent=10, progress="起步")
    i = desk.ids
    a = desk.issue("rjg", "rjg-a.ipdesk")
    edit(
        a, "rjg-pc-a", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=20)
    )
    b = desk.copy(a, "rjg-b.ipdesk")
    edit(
        a, "rjg-pc-a", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=30)
    )
    b_as_copied = desk.send(b, "b0.ipdesk", "rjg-pc-b")
    edit(
        b,
        "rjg-pc-b",
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", next_steps="下季度验收"),
    )
    reports = merge_files(
        desk.master,
        [desk.send(a, "a.ipdesk", "rjg-pc-a"), b_as_copied, desk.send(b, "b.ipdesk", "rjg-pc-b")],
    )
    assert [(r.result, r.changed, r.stale, r.conflicts) for r in reports] == [
        ("merged", 1, 0, 0),
        ("already merged", 0, 1, 0),
        ("merged", 1, 0, 0),
    ]
    assert query(desk.master, "SELECT action FROM import_changes ORDER BY import_id") == [
        ("fast_forward",),
        ("merged",),
    ]
    assert report_of(desk.master, i)[1:5] == (30.0, "起步", "", "下季度验收")
