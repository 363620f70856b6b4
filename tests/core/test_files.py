"""Creating, opening and refusing .ipdesk files (DESIGN.md §3)."""

from __future__ import annotations

import shutil
import sqlite3
import struct

import pytest

from ipdesk.errors import FileRefused
from ipdesk.store import schema
from ipdesk.store.files import create_plan_file, open_plan, read_header
from ipdesk.store.schema import APPLICATION_ID
from tests.core.helpers import run_cli, sha256


def test_new_file_has_application_id_schema_version_and_meta(master):
    raw = master.read_bytes()[:100]
    assert raw.startswith(b"SQLite format 3\x00")
    assert struct.unpack(">i", raw[68:72])[0] == APPLICATION_ID
    assert struct.unpack(">i", raw[60:64])[0] == schema.schema_version()
    db = open_plan(master)
    row = db.execute("SELECT role, department_id, app_version FROM file_meta").fetchone()
    assert row == ("master", None, "0.1.0")


def test_open_file_is_in_wal_mode_and_every_edit_is_committed(master):
    from ipdesk.store import edits
    from ipdesk.store.names import find_department, find_task

    db = open_plan(master)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    task = find_task(db, "3.2.1")
    dept = find_department(db, "区知识产权局")
    edits.save_report(db, task.id, dept.id, "2024Q1", status="in_progress", percent=30)
    # A second connection sees the edit without any save or close of the first.
    other = sqlite3.connect(master)
    assert other.execute("SELECT percent FROM progress_reports").fetchall() == [(30.0,)]
    other.close()
    db.close()


def test_refuses_to_overwrite_an_existing_file(master):
    before = sha256(master)
    with pytest.raises(FileRefused) as err:
        create_plan_file(master)
    assert err.value.code == "exists"
    assert sha256(master) == before


def _refused(path, code):
    before = sha256(path) if path.is_file() else None
    with pytest.raises(FileRefused) as err:
        open_plan(path)
    assert err.value.code == code, err.value
    assert str(path) in str(err.value)
    if before:
        assert sha256(path) == before
    assert not path.with_name(path.name + "-wal").exists()
    return err.value


def test_refuses_a_non_sqlite_file_unchanged(tmp_path):
    path = tmp_path / "report.ipdesk"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    err = _refused(path, "not_sqlite")
    assert "不是 IPDesk" in err.message_zh


def test_refuses_an_empty_file(tmp_path):
    path = tmp_path / "empty.ipdesk"
    path.write_bytes(b"")
    _refused(path, "empty")


@pytest.mark.parametrize("keep", [50, 100, 4096, 8191, 20000, -4096])
def test_refuses_a_truncated_file_unchanged(master, keep):
    data = master.read_bytes()
    master.write_bytes(data[:keep] if keep > 0 else data[:keep])
    err = _refused(master, "truncated")
    assert "不完整" in err.message_zh


def test_refuses_another_applications_sqlite_file_unchanged(tmp_path):
    path = tmp_path / "other.ipdesk"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('hello')")
    conn.commit()
    conn.close()
    err = _refused(path, "foreign_app")
    assert "其他程序" in err.message_zh


def test_refuses_a_file_made_by_a_newer_ipdesk_unchanged(master):
    conn = sqlite3.connect(master)
    conn.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
    conn.close()
    err = _refused(master, "newer_schema")
    assert "更新版本" in err.message_zh and "newer IPDesk" in err.message_en


def test_refuses_a_damaged_page_unchanged(master):
    data = bytearray(master.read_bytes())
    page = struct.unpack(">H", bytes(data[16:18]))[0]
    for offset in range(page * 3, page * 3 + 400):
        data[offset] ^= 0xFF
    master.write_bytes(bytes(data))
    _refused(master, "damaged")


def test_refuses_a_file_with_an_extra_trigger(master):
    conn = sqlite3.connect(master)
    conn.execute("CREATE TRIGGER evil AFTER INSERT ON tasks BEGIN DELETE FROM tasks; END")
    conn.commit()
    conn.close()
    err = _refused(master, "damaged")
    assert "evil" in str(err)


def test_refuses_a_folder(tmp_path):
    folder = tmp_path / "x.ipdesk"
    folder.mkdir()
    _refused(folder, "not_a_file")


@pytest.mark.parametrize(
    "make,code",
    [
        (lambda p: p.write_bytes(b"%PDF-1.4 not a database"), "not_sqlite"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 30), "truncated"),
    ],
)
def test_cli_refuses_with_exit_2_one_line_and_no_change(tmp_path, make, code):
    path = tmp_path / "bad.ipdesk"
    make(path)
    before = sha256(path)
    for command in (["info"], ["check"], ["dump"], ["report", "--period", "2024Q1"]):
        args = [command[0], path] + (["3.1.1"] + command[1:] if command[0] == "report" else [])
        result = run_cli(*args)
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "bad.ipdesk" in result.stderr
        assert sha256(path) == before


def test_cli_check_refuses_newer_and_foreign_files(tmp_path, master):
    conn = sqlite3.connect(master)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = sha256(master)
    result = run_cli("check", master)
    assert result.returncode == 2
    assert "newer IPDesk" in result.stderr
    assert sha256(master) == before


def test_read_header_reads_only(master):
    before = sha256(master)
    header = read_header(master)
    assert header.application_id == APPLICATION_ID
    assert header.page_count * header.page_size == master.stat().st_size
    assert sha256(master) == before


def test_readonly_file_is_refused_with_advice(master, monkeypatch):
    # CI runs as root, for whom chmod 444 changes nothing; play the OS saying "no".
    monkeypatch.setattr("ipdesk.store.files.os.access", lambda path, mode: False)
    err = _refused(master, "readonly")
    assert "只读" in err.message_zh


def test_copy_of_open_file_opens_elsewhere(master, tmp_path):
    from ipdesk.store.files import clean_copy

    db = open_plan(master)
    out = clean_copy(db, tmp_path / "sent.ipdesk")
    db.close()
    assert not (tmp_path / "sent.ipdesk-wal").exists()
    assert out.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    copy = open_plan(out)
    assert copy["tasks"].count == 50
    copy.close()


def _newer_ipdesk(tmp_path, monkeypatch, sql):
    """Play an IPDesk whose schema has one more migration than this one, holding `sql`."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for m in schema.migrations():
        (folder / f"{m.version:04d}_{m.name}.sql").write_text(m.sql, encoding="utf-8")
    (folder / f"{schema.schema_version() + 1:04d}_next.sql").write_text(sql, encoding="utf-8")
    monkeypatch.setattr(schema, "migrations_dir", lambda: folder)


def test_older_file_is_migrated_after_a_verified_backup(tmp_path, monkeypatch):
    """A file at this version opened by an IPDesk whose schema has one more migration:
    a verified backup appears beside it, the data survives, the new column exists."""
    path = tmp_path / "old.ipdesk"
    old = schema.schema_version()
    db = create_plan_file(path)
    db.execute("INSERT INTO blobs (sha256, size, data) VALUES (?, 1, x'41')", ["a" * 64])
    db.close()
    before = sha256(path)
    _newer_ipdesk(tmp_path, monkeypatch, "CREATE TABLE test_extra (x INTEGER);")
    db = open_plan(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == old + 1
    assert "test_extra" in db.table_names()
    assert db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
    db.close()
    backups = list(tmp_path.glob(f"old.v{old}-backup-*.ipdesk.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
    conn.close()
    assert before != sha256(path)


def test_failed_migration_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.ipdesk"
    old = schema.schema_version()
    create_plan_file(path).close()
    # The second statement clashes with an existing table: the first must roll back.
    _newer_ipdesk(tmp_path, monkeypatch, "CREATE TABLE fine (x); CREATE TABLE tasks (x);")
    with pytest.raises(sqlite3.Error):
        open_plan(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'fine'").fetchone()[0] == 0
    conn.close()
    assert list(tmp_path.glob(f"old.v{old}-backup-*.ipdesk.bak"))


def test_backup_copy_is_identical_in_content(master, tmp_path):
    from ipdesk.store.files import verified_copy

    conn = sqlite3.connect(master)
    target = verified_copy(conn, tmp_path / "b.ipdesk")
    conn.close()
    a = sqlite3.connect(master)
    b = sqlite3.connect(target)
    for table in ("tasks", "indicators", "row_history"):
        assert (
            a.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            == b.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        )


def test_schema_sql_matches_the_migrations():
    """db/schema.sql (the readable schema) and the migrations agree table by table."""
    a = sqlite3.connect(":memory:")
    a.executescript(schema.schema_sql())
    b = sqlite3.connect(":memory:")
    for m in schema.migrations():
        b.executescript(m.sql)

    def shape(conn):
        objects = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1, 2"
        ).fetchall()
        tables = [n for t, n in objects if t == "table"]
        return (
            objects,
            {t: conn.execute(f"PRAGMA table_xinfo({t})").fetchall() for t in tables},
            {t: conn.execute(f"PRAGMA foreign_key_list({t})").fetchall() for t in tables},
        )

    assert shape(a) == shape(b)
    assert schema.schema_of(a) == schema.schema_of(b)


def test_every_replicated_table_has_revision_columns_and_history_triggers():
    conn = sqlite3.connect(":memory:")
    conn.executescript(schema.schema_sql())
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    for table in schema.REPLICATED_TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        assert cols[:7] == list(schema.REVISION_COLUMNS), table
        assert {f"{table}_rev_insert", f"{table}_rev_update"} <= triggers
    # every data column is in the history snapshot
    for table in schema.REPLICATED_TABLES:
        sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", [f"{table}_rev_update"]
        ).fetchone()[0]
        for col in schema.data_columns(table):
            assert f"'{col}', NEW.{col}" in sql, (table, col)


def test_other_copy_keeps_working_when_file_is_copied_while_open(master, tmp_path):
    """Copying the live file without its WAL (what a user does on USB) loses the
    last edits — which is why `send` exists; the copy still opens cleanly."""
    db = open_plan(master)
    copy = tmp_path / "usb.ipdesk"
    shutil.copyfile(master, copy)
    db.close()
    opened = open_plan(copy)
    assert opened["tasks"].count == 50
    opened.close()


@pytest.mark.slow
def test_info_and_dump_leave_the_file_byte_for_byte(master):
    """Looking at a file (info, dump, listings, printing) never changes it, not even its journal mode."""
    from ipdesk.store.files import clean_copy

    db = open_plan(master)
    sent = clean_copy(db, master.with_name("sent.ipdesk"))
    db.close()
    before = sha256(sent)
    for command in (
        ["info"],
        ["dump"],
        ["imports"],
        ["conflicts"],
        ["quarantine"],
        ["pdf", "district", "-o", sent.with_name("d.pdf")],
        ["xlsx", "-o", sent.with_name("l.xlsx")],
    ):
        result = run_cli(command[0], sent, *command[1:])
        assert result.returncode == 0, (command, result.stderr)
    assert sha256(sent) == before
    assert not sent.with_name("sent.ipdesk-wal").exists()


def test_locked_file_gives_a_clear_message_and_changes_nothing(master):
    """Another program holds a write lock: the edit is refused with 'in use'."""
    holder = sqlite3.connect(master, isolation_level=None)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli(
            "dept", "rename", master, "科技局", "--phone", "1", env={"IPDESK_BUSY_MS": "100"}
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2, result.stderr
    assert "占用" in result.stderr and "in use" in result.stderr
    conn = sqlite3.connect(master)
    assert (
        conn.execute("SELECT contact_phone FROM departments WHERE code = 'kjj'").fetchone()[0] == ""
    )
