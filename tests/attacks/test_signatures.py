"""Signatures that mean something (issue #9, Build 2; docs/security.md).

Who can sign as a department: only a holder of its current department file. Not
someone who saw a file it sent, not another department, not a file signed before the
department's file was issued again. And the way back: a department file takes a newly
issued file only when the coordinator signed it, whole, and nobody changed it since.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from ipdesk.errors import NotAllowed
from ipdesk.merge.engine import merge_files
from ipdesk.merge.send import send_file
from ipdesk.store import edits, keys, schema
from ipdesk.store.files import open_plan
from tests.attacks.helpers import child_revision, forged, raw, resign
from tests.attacks.test_foreign_rows import SOUND, _sound_edit_arrived, _with_sound_edit
from tests.merge.helpers import digest, edit, query, sha256


def refused(target, path, code):
    before = sha256(target)
    [report] = merge_files(target, [path])
    assert (report.result, report.code) == ("refused", code), report.reason
    assert sha256(target) == before
    return report


def test_a_sent_file_holds_no_private_key(desk):
    working, i = _with_sound_edit(desk)
    private = query(working, "SELECT signing_key FROM file_meta")[0][0]
    sent = desk.send(working, "sent.ipdesk", "rjg-pc")
    data = sent.read_bytes()
    assert private.encode() not in data and bytes.fromhex(private) not in data
    assert query(sent, "SELECT signing_key FROM file_meta") == [(None,)]


def test_a_sent_file_cannot_be_forged_by_whoever_sees_it(desk):
    """Someone with 软件谷's sent file (not its working file) changes a value. With no
    private key in the file they can only sign with a key of their own — 科技局's, say —
    and the master refuses it; 软件谷's own genuine file still merges afterwards."""
    working, i = _with_sound_edit(desk)
    genuine = desk.send(working, "genuine.ipdesk", "rjg-pc")
    kjj_working = desk.issue("kjj")
    tampered = desk.folder / "tampered.ipdesk"
    shutil.copyfile(genuine, tampered)
    raw(
        tampered,
        child_revision("progress_reports", "progress = '" + SOUND + "'", progress="'篡改'"),
    )
    resign(tampered, key_from=kjj_working)
    report = refused(desk.master, tampered, "key_mismatch")
    assert "软件谷" in report.reason
    [ok] = merge_files(desk.master, [genuine])
    assert (ok.result, ok.stale) == ("merged", 0)
    assert _sound_edit_arrived(desk, i)


def test_a_department_cannot_send_as_another(desk):
    """科技局 makes a file that claims to be 软件谷's, signed with its own key."""
    _, i = _with_sound_edit(desk)
    kjj = desk.issue("kjj")
    fake = desk.folder / "fake.ipdesk"
    shutil.copyfile(kjj, fake)
    raw(
        fake,
        f"UPDATE file_meta SET department_id = '{i['rjg']}';"
        + child_revision(
            "progress_reports",
            f"department_id = '{i['rjg']}' AND period = '2025Q2'",
            progress="'冒名'",
        ),
    )
    resign(fake, key_from=kjj)
    refused(desk.master, fake, "key_mismatch")


def test_a_file_signed_with_a_made_up_key_is_refused(desk):
    working, _ = _with_sound_edit(desk)
    sent = desk.send(working, "sent.ipdesk", "rjg-pc")
    pair = keys.new_pair()
    conn = sqlite3.connect(sent)
    conn.execute("UPDATE file_meta SET signing_key = ?, key_id = ?", [pair.private, pair.key_id])
    conn.commit()
    conn.close()
    resign(sent)
    refused(desk.master, sent, "wrong_key")


def test_a_file_signed_before_the_department_was_issued_again(desk):
    working, i = _with_sound_edit(desk)
    old = desk.send(working, "old.ipdesk", "rjg-pc")
    reissued = desk.issue("rjg", "reissued.ipdesk")
    report = refused(desk.master, old, "retired_key")
    assert "已停用" in report.reason and "合并" in report.reason
    # The department merges its newly issued file, keeps its unsent edit, and sends.
    [took] = merge_files(working, [reissued])
    assert took.result == "merged", took.reason
    [ok] = merge_files(desk.master, [desk.send(working, "new.ipdesk", "rjg-pc")])
    assert ok.result == "merged", ok.reason
    assert _sound_edit_arrived(desk, i)


def test_an_issued_file_changed_on_its_way_is_refused_by_the_department(desk):
    working, i = _with_sound_edit(desk)
    issued = desk.issue("rjg", "reissued.ipdesk")
    raw(issued, child_revision("tasks", "code = '3.3.1'", text="'半路改写的任务'"))
    before = digest(working)
    [report] = merge_files(working, [issued])
    assert (report.result, report.code) == ("refused", "tampered"), report.reason
    assert digest(working) == before
    assert query(working, "SELECT text FROM tasks WHERE code = '3.3.1'") != [("半路改写的任务",)]


def test_an_issued_file_resigned_by_a_department_is_refused(desk):
    """A department (holding only its own key) cannot make an update for another."""
    working, _ = _with_sound_edit(desk)
    issued = desk.issue("rjg", "reissued.ipdesk")
    raw(issued, child_revision("tasks", "code = '3.3.1'", text="'改写'"))
    resign(issued, kind="issued")
    before = digest(working)
    [report] = merge_files(working, [issued])
    assert (report.result, report.code) == ("refused", "wrong_issuer")
    assert digest(working) == before


def test_an_issued_file_without_its_signature_is_refused(desk):
    working, _ = _with_sound_edit(desk)
    issued = desk.issue("rjg", "reissued.ipdesk")
    raw(issued, "DELETE FROM manifest; DELETE FROM manifest_rows;")
    before = digest(working)
    [report] = merge_files(working, [issued])
    assert (report.result, report.code) == ("refused", "unsigned")
    assert digest(working) == before


def test_an_issued_file_from_another_master_is_refused(desk):
    """A copy of the master whose coordinator key was replaced (another office's
    master of the same plan) issues a file: the department does not take it."""
    working, _ = _with_sound_edit(desk)
    other = desk.folder / "other-master.ipdesk"
    shutil.copyfile(desk.master, other)
    pair = keys.new_pair()
    raw(
        other,
        f"UPDATE file_meta SET signing_key = '{pair.private}', coordinator_key = '{pair.public}',"
        f" key_id = '{pair.key_id}';",
    )
    issued = desk.issue("rjg", "from-other.ipdesk", master=other)
    before = digest(working)
    [report] = merge_files(working, [issued])
    assert (report.result, report.code) == ("refused", "wrong_issuer")
    assert digest(working) == before


def test_a_department_file_takes_a_sent_file_only_from_its_own_key(desk):
    """Two PCs of one department exchange sent files; a file of the same department
    signed with a key the working file does not hold is refused."""
    working, i = _with_sound_edit(desk)
    other_pc = desk.copy(working, "other-pc.ipdesk")
    edit(
        other_pc,
        "rjg-pc-2",
        lambda db: edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 33),
    )
    sent = desk.send(other_pc, "from-pc2.ipdesk", "rjg-pc-2")
    [report] = merge_files(working, [sent])
    assert report.result == "merged", report.reason
    stranger = forged(desk.issue("rjg", "newer.ipdesk"), desk.folder / "stranger.ipdesk", "")
    refused(working, stranger, "wrong_key")


def _old_department_file(path, plan_id, dept):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    for migration in schema.migrations()[:2]:
        conn.executescript(migration.sql)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO file_meta (id, plan_id, role, department_id, issued_at, app_version,"
        " signing_key) VALUES (1, ?, 'department', ?, '2025-01-01', '0.0.9', ?)",
        [plan_id, dept, "ab" * 32],
    )
    conn.commit()
    conn.close()
    return path


def test_a_file_made_by_an_older_ipdesk_is_refused_not_trusted(desk, tmp_path):
    """A department file of schema 2 (HMAC signatures whose key travelled with the
    file) is refused with words saying what to do."""
    plan_id, dept = query(
        desk.master,
        "SELECT plan_id, (SELECT id FROM departments WHERE code = 'rjg') FROM file_meta",
    )[0]
    old = _old_department_file(tmp_path / "old.ipdesk", plan_id, dept)
    report = refused(desk.master, old, "old_version")
    assert "旧版" in report.reason and "重新下发" in report.reason


def test_an_old_working_file_is_migrated_without_its_old_key(desk, tmp_path):
    """Opened by this version, an old working file is migrated (after a backup) but
    its HMAC key is dropped, not taken for a signing key: sending asks for a newly
    issued file."""
    plan_id, dept = query(
        desk.master,
        "SELECT plan_id, (SELECT id FROM departments WHERE code = 'rjg') FROM file_meta",
    )[0]
    old = _old_department_file(tmp_path / "old.ipdesk", plan_id, dept)
    db = open_plan(old)
    try:
        assert query(old, "SELECT signing_key, key_id FROM file_meta") == [(None, None)]
        with pytest.raises(NotAllowed, match="新下发"):
            send_file(db, tmp_path / "out.ipdesk")
    finally:
        db.close()
    assert not (tmp_path / "out.ipdesk").exists()
    assert list(tmp_path.glob("old.v2-backup-*.ipdesk.bak"))
