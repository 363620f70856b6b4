"""Files the merge refuses (issue #3, Build 3 and 7): each refusal names the file and
the reason, and leaves the master byte for byte as it was."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from ipdesk.errors import FileRefused
from ipdesk.merge.engine import merge_files
from ipdesk.store import edits, schema
from ipdesk.store.files import open_plan
from tests.masters import made
from tests.merge.helpers import digest, edit, query, sha256

MARK = "MARK-QQQQQQQQ"


@pytest.fixture
def sent(desk):
    """A sound file the 软件谷 department sent: one report and one indicator value."""
    dept = desk.issue("rjg")
    i = desk.ids

    def fill(db):
        edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=35, progress=MARK)
        edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 120)

    edit(dept, "rjg-pc", fill)
    return desk.send(dept, "rjg-sent.ipdesk", "rjg-pc")


def refused(desk, path, code: str, *words: str):
    before = sha256(desk.master)
    [report] = merge_files(desk.master, [path])
    assert (report.result, report.code) == ("refused", code), report.reason
    assert str(path) in report.reason
    for word in words:
        assert word in report.reason
    assert sha256(desk.master) == before
    assert query(desk.master, "SELECT count(*) FROM imports") == [(0,)]
    assert not (desk.folder / "master.backups").exists()
    return report


def sql_outside_ipdesk(path, sql: str) -> None:
    """Change a file as someone with the sqlite3 shell would (Python's module when the
    shell is not installed)."""
    shell = shutil.which("sqlite3")
    if shell:
        subprocess.run([shell, str(path), sql], check=True, capture_output=True)
    else:
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.close()


def test_the_sound_file_merges(desk, sent):
    """The file the other cases damage is itself fine."""
    [report] = merge_files(desk.master, [sent])
    assert (report.result, report.new) == ("merged", 2)


def test_zero_byte_file(desk):
    path = desk.folder / "empty.ipdesk"
    path.write_bytes(b"")
    refused(desk, path, "empty", "0 字节", "0 bytes")


@pytest.mark.parametrize("keep", [10, 100, 4096, 20000, -4096])
def test_truncated_file(desk, sent, keep):
    data = sent.read_bytes()
    sent.write_bytes(data[:keep])
    refused(desk, sent, "truncated", "不完整", "truncated")


def test_pdf_renamed_ipdesk(desk):
    path = desk.folder / "进展情况表.ipdesk"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 200)
    refused(desk, path, "not_sqlite", "不是 IPDesk")


def test_another_applications_sqlite_file(desk):
    path = desk.folder / "wps-backup.ipdesk"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO documents (title) VALUES ('年度总结')")
    conn.commit()
    conn.close()
    refused(desk, path, "foreign_app", "其他程序")


def test_another_plans_department_file(desk, tmp_path_factory):
    other = desk.folder / "other-master.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "plain"), other)
    from ipdesk.merge.issue import issue_department_file

    db = open_plan(other)
    rjg = db.execute("SELECT id FROM departments WHERE code = 'rjg'").fetchone()[0]
    issued = issue_department_file(db, rjg, desk.folder / "other-rjg.ipdesk")
    db.close()
    out = desk.send(issued, "other-rjg-sent.ipdesk", "rjg-pc")
    refused(desk, out, "wrong_plan", "另一个工作计划")


def test_the_master_given_as_a_department_file(desk):
    from ipdesk.merge.send import send_file

    db = open_plan(desk.master)
    copy = send_file(db, desk.folder / "master-copy.ipdesk")
    db.close()
    refused(desk, copy, "is_master", "总表")


def test_the_master_merged_into_itself(desk):
    refused(desk, desk.master, "same_file", "正在合并到的文件本身")


def test_a_file_with_a_wal_beside_it(desk):
    """The working file copied to a USB stick while IPDesk had it open."""
    dept = desk.issue("rjg")
    i = desk.ids
    usb = desk.folder / "usb"
    usb.mkdir()
    db = open_plan(dept)
    edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=35)
    shutil.copyfile(dept, usb / "rjg.ipdesk")
    shutil.copyfile(dept.with_name(dept.name + "-wal"), usb / "rjg.ipdesk-wal")
    db.close()
    refused(desk, usb / "rjg.ipdesk", "live_file", "-wal", "导出报送文件")


def test_one_byte_of_row_data_flipped_is_caught_by_the_manifest(desk, sent):
    data = bytearray(sent.read_bytes())
    at = data.find(MARK.encode())
    assert at > 0
    data[at + len(MARK) - 1] ^= 0x01  # Q → P: still valid text, pages still sound
    sent.write_bytes(bytes(data))
    conn = sqlite3.connect(sent)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    report = refused(desk, sent, "tampered", "与签名不符", "ipdesk send")
    assert (report.department, report.department_name) == ("rjg", "软件谷")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE progress_reports SET percent = 99 WHERE period = '2025Q3'",
        "UPDATE indicator_values SET value = 9999 WHERE period = '2025Q3'",
        "DELETE FROM progress_reports WHERE period = '2025Q3'",
        "INSERT INTO submissions (id, rev_id, site_id, hlc, department_id, period, state)"
        " SELECT 'forged', 'forged-rev', 'x', '0', department_id, '2025Q3', 'submitted'"
        " FROM progress_reports WHERE period = '2025Q3'",
    ],
    ids=["changed-report", "changed-value", "deleted-row", "added-row"],
)
def test_rows_edited_with_the_sqlite3_shell(desk, sent, sql):
    sql_outside_ipdesk(sent, sql)
    refused(desk, sent, "tampered", "IPDesk 之外被修改")


def test_a_working_file_copied_instead_of_sent(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=5)
    )
    refused(desk, dept, "working_copy", "导出报送文件", "ipdesk send")


def test_a_file_with_its_signature_removed(desk, sent):
    sql_outside_ipdesk(sent, "DELETE FROM manifest")
    refused(desk, sent, "unsigned", "没有报送签名")


@pytest.mark.parametrize(
    "sql,name",
    [
        (
            "CREATE TRIGGER sneak AFTER INSERT ON progress_reports BEGIN DELETE FROM tasks; END",
            "sneak",
        ),
        ("CREATE VIEW summary AS SELECT * FROM progress_reports", "summary"),
    ],
    ids=["trigger", "view"],
)
def test_an_extra_trigger_or_view(desk, sent, sql, name):
    sql_outside_ipdesk(sent, sql)
    refused(desk, sent, "schema_changed", name, "表结构")


def test_a_changed_table_definition(desk, sent):
    sql_outside_ipdesk(sent, "ALTER TABLE progress_reports ADD COLUMN remark TEXT")
    refused(desk, sent, "schema_changed", "progress_reports")


def test_a_newer_schema(desk, sent):
    conn = sqlite3.connect(sent)
    conn.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
    conn.close()
    refused(desk, sent, "newer_schema", "更新版本", "newer IPDesk")


def test_a_file_signed_with_a_key_the_master_no_longer_holds(desk, sent):
    sql_outside_ipdesk(desk.master, "DELETE FROM department_keys")
    refused(desk, sent, "wrong_key", "签名密钥")


def test_a_file_signed_with_a_retired_key(desk, sent):
    """The department's file was issued again since: the key it signed with is retired."""
    desk.issue("rjg", "reissued.ipdesk")
    refused(desk, sent, "retired_key", "已停用", "retired key")


def test_a_department_file_refuses_another_departments_file(desk, sent):
    court = desk.issue("fy")
    before = digest(court)  # opening it switches it to WAL mode; its content must not change
    [report] = merge_files(court, [sent])
    assert (report.result, report.code) == ("refused", "wrong_department")
    assert "软件谷" in report.reason
    assert digest(court) == before
    assert query(court, "SELECT count(*) FROM imports") == [(0,)]


def test_refusal_does_not_stop_the_other_files(desk, sent):
    bad = desk.folder / "bad.ipdesk"
    bad.write_bytes(b"")
    reports = merge_files(desk.master, [bad, sent])
    assert [r.result for r in reports] == ["refused", "merged"]


@pytest.mark.slow
def test_a_locked_master_gets_a_clear_message_and_no_change(desk, sent):
    before = sha256(desk.master)
    other = sqlite3.connect(desk.master, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing to the master
    try:
        [report] = merge_files(desk.master, [sent])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (report.result, report.code) == ("refused", "target_locked")
    assert "占用" in report.reason and "in use" in report.reason
    assert str(desk.master) in report.reason
    assert sha256(desk.master) == before
    assert query(desk.master, "SELECT count(*) FROM imports") == [(0,)]


@pytest.mark.slow
def test_a_master_locked_exclusively_is_refused_before_anything(desk, sent):
    before = sha256(desk.master)
    other = sqlite3.connect(desk.master, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(FileRefused) as err:
            merge_files(desk.master, [sent])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert err.value.code == "locked" and "占用" in str(err.value)
    assert sha256(desk.master) == before


def test_a_read_only_master_gets_a_clear_message_and_no_change(desk, sent, monkeypatch):
    # Tests may run as root, for whom chmod changes nothing: play the OS saying "no".
    monkeypatch.setattr("ipdesk.store.files.os.access", lambda path, mode: False)
    before = sha256(desk.master)
    with pytest.raises(FileRefused) as err:
        merge_files(desk.master, [sent])
    assert err.value.code == "readonly" and "只读" in str(err.value)
    assert sha256(desk.master) == before
