"""Issuing department files and sending them back (issue #3, Build 1 and 2)."""

from __future__ import annotations

import sqlite3

import pytest

from ipdesk.errors import NotAllowed
from ipdesk.merge import manifest
from ipdesk.store import edits, keys
from ipdesk.store.files import open_plan
from ipdesk.store.schema import DEPARTMENT_TABLES
from tests.core.helpers import run_cli
from tests.merge.helpers import digest, edit, query, sha256


def test_issued_file_is_a_department_file_with_the_whole_plan_and_only_its_own_key(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    role, dept_id, private, key_id, coordinator = query(
        dept, "SELECT role, department_id, signing_key, key_id, coordinator_key FROM file_meta"
    )[0]
    assert (role, dept_id) == ("department", i["rjg"])
    # The master keeps only the public half of the department's key, as the current one,
    # and its own key pair; the department file holds its private key and the
    # coordinator's public key, never the coordinator's private key.
    public, retired = query(
        desk.master,
        "SELECT public_key, retired_at FROM department_keys WHERE key_id = ?",
        [key_id],
    )[0]
    assert retired is None and keys.public_of(private) == public
    master_private, master_public = query(
        desk.master, "SELECT signing_key, coordinator_key FROM file_meta"
    )[0]
    assert coordinator == master_public == keys.public_of(master_private)
    assert master_private.encode() not in dept.read_bytes()
    assert bytes.fromhex(master_private) not in dept.read_bytes()
    assert query(dept, "SELECT count(*) FROM department_keys") == [(0,)]
    for table in ("tasks", "indicators", "assignments", "departments", "phases"):
        assert query(dept, f"SELECT count(*) FROM {table}") == query(
            desk.master, f"SELECT count(*) FROM {table}"
        ), table
    # Other departments' progress on the tasks it shares with them comes along
    # (read-only there), and their reviews; their work on tasks it has no part in and
    # their indicator values stay in the master (issue #15: a department file carries
    # what the department needs).
    shared = (
        "SELECT task_id FROM assignments WHERE department_id = :d AND deleted = 0"
        " UNION SELECT c.id FROM tasks c JOIN tasks t ON t.parent_id = c.parent_id"
        " JOIN assignments a ON a.task_id = t.id WHERE a.department_id = :d AND a.deleted = 0"
        " UNION SELECT t.parent_id FROM tasks t JOIN assignments a ON a.task_id = t.id"
        " WHERE a.department_id = :d AND a.deleted = 0 AND t.parent_id IS NOT NULL"
    )
    reports = (
        "SELECT id, rev_id, progress FROM progress_reports WHERE department_id <> :d"
        f" AND task_id IN ({shared}) ORDER BY id"
    )
    d = {"d": i["rjg"]}
    assert query(dept, reports, d) == query(desk.master, reports, d)
    assert len(query(dept, reports, d)) > 50
    elsewhere = f"SELECT count(*) FROM progress_reports WHERE task_id NOT IN ({shared})"
    assert query(dept, elsewhere, d) == [(0,)] and query(desk.master, elsewhere, d)[0][0] > 100
    values = "SELECT count(*) FROM indicator_values WHERE department_id <> :d"
    assert query(dept, values, d) == [(0,)]
    own = "SELECT id, rev_id FROM {} WHERE department_id = :d ORDER BY id"
    for table in DEPARTMENT_TABLES:
        assert query(dept, own.format(table), d) == query(desk.master, own.format(table), d)
    reviews = "SELECT state, reason FROM submissions WHERE department_id = :d ORDER BY period"
    assert query(dept, reviews, d) == query(desk.master, reviews, d) != []
    # The coordinator's own logs and other departments' history stay in the master.
    assert query(
        dept,
        "SELECT count(*) FROM row_history WHERE json_extract(data, '$.department_id') IS NOT ?",
        [i["rjg"]],
    ) == [(0,)]
    kind, signed_for = query(dept, "SELECT kind, department_id FROM manifest")[0]
    assert (kind, signed_for) == ("issued", i["rjg"])
    assert not dept.with_name(dept.name + "-wal").exists()
    assert run_cli("check", dept).returncode == 0


def test_department_file_refuses_writes_to_rows_it_does_not_own(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    before = digest(dept)

    def tries(db):
        with pytest.raises(NotAllowed, match="不能填写"):  # another department's report
            edits.save_report(db, i["3.2.1"], i["kjj"], "2025Q3", percent=10)
        with pytest.raises(NotAllowed, match="不能修改计划"):  # the plan
            edits.update_indicator(db, i["i2.2.1"], target=1.0)
        with pytest.raises(NotAllowed, match="未分配"):  # a task it has no part in
            edits.save_report(db, i["3.6.2"], i["rjg"], "2025Q3", percent=10)
        with pytest.raises(NotAllowed, match="只有协调员"):  # reviewing
            edits.review_period(db, i["rjg"], "2025Q2", approve=True)

    edit(dept, "rjg-pc", tries)
    assert query(dept, "SELECT count(*) FROM progress_reports WHERE period = '2025Q3'") == [(0,)]
    assert digest(dept) == before


@pytest.mark.slow
def test_issue_all_names_files_by_plan_and_department_and_skips_the_coordinator(desk):
    out = desk.folder / "out"
    result = run_cli("issue", desk.master, "--all", "-o", out)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.ipdesk"))
    departments = query(desk.master, "SELECT short_name FROM departments WHERE is_coordinator = 0")
    assert len(names) == len(departments) == 32
    assert "雨花台区知识产权强区建设-区科技局.ipdesk" in names
    assert not any("区知识产权局" in n for n in names)
    court = out / "雨花台区知识产权强区建设-区法院.ipdesk"
    assert query(
        court, "SELECT d.code FROM file_meta f JOIN departments d ON d.id = f.department_id"
    ) == [("fy",)]


def test_issue_one_department_from_the_command_line(desk):
    out = desk.folder / "科技局.ipdesk"
    result = run_cli("issue", desk.master, "--dept", "科技局", "-o", out)
    assert result.returncode == 0, result.stderr
    assert query(out, "SELECT role FROM file_meta") == [("department",)]
    refused = run_cli("issue", out, "--dept", "科技局", "-o", desk.folder / "again.ipdesk")
    assert refused.returncode == 2 and "只有协调员的总表" in refused.stderr


def test_send_makes_a_clean_signed_copy_without_other_departments_rows(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept,
        "rjg-pc",
        lambda db: edits.save_report(
            db, i["3.3.1"], i["rjg"], "2025Q3", percent=35, progress="完成调研"
        ),
    )
    # The working file is open in WAL mode; what travels is the clean copy.
    live = open_plan(dept)
    try:
        result = run_cli(
            "send", dept, "-o", desk.folder / "sent.ipdesk", env={"IPDESK_SITE_ID": "rjg-pc"}
        )
    finally:
        live.close()
    assert result.returncode == 0, result.stderr
    sent = desk.folder / "sent.ipdesk"
    assert not sent.with_name("sent.ipdesk-wal").exists()
    assert sent.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    assert query(sent, "SELECT progress FROM progress_reports WHERE period = '2025Q3'") == [
        ("完成调研",)
    ]
    for table in DEPARTMENT_TABLES:
        assert query(
            sent, f"SELECT count(*) FROM {table} WHERE department_id <> ?", [i["rjg"]]
        ) == [(0,)], table
    conn = sqlite3.connect(sent)
    found = manifest.read(conn)
    key = query(
        desk.master, "SELECT public_key FROM department_keys WHERE key_id = ?", [found.key_id]
    )[0][0]
    assert found.kind == "sent" and found.site_id == "rjg-pc"
    assert manifest.verify(conn, found, key).ok
    assert not manifest.verify(conn, found, keys.new_pair().public).authentic
    # No private key travels in a sent file.
    assert query(sent, "SELECT signing_key FROM file_meta") == [(None,)]
    conn.close()


def test_send_refuses_to_overwrite_the_file_itself(desk):
    dept = desk.issue("rjg")
    before = sha256(dept)
    result = run_cli("send", dept, "-o", dept)
    assert result.returncode == 2 and "不能与原文件相同" in result.stderr
    assert sha256(dept) == before


def test_the_one_pass_digest_gives_what_the_two_definitions_give(desk):
    """owned_rows_and_digest reads each row once; owned_rows and content_digest stay
    the definition: a department file with its own edits and history gets the same
    rows and digest from both, for its own department and for another one."""
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=10)
    )
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=20)
    )
    conn = sqlite3.connect(dept)
    try:
        for department in (i["rjg"], i["kjj"]):
            owned, digest_text = manifest.owned_rows_and_digest(conn, department)
            assert sorted(owned) == sorted(manifest.owned_rows(conn, department))
            assert digest_text == manifest.content_digest(conn)
        kinds = {row[0] for row in manifest.owned_rows_and_digest(conn, i["rjg"])[0]}
        assert {"progress_reports", "row_history"} <= kinds
    finally:
        conn.close()
