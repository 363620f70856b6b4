"""What travelling files carry now that they are built fresh rather than copied whole
and trimmed, and the verified backup taken before a merge (issue #15)."""

from __future__ import annotations

import sqlite3

import pytest

from ipdesk.merge.engine import backup_target, merge_files
from ipdesk.store import edits
from ipdesk.store.files import check_readonly, open_plan, snapshot_copy
from ipdesk.store.schema import DEPARTMENT_TABLES
from tests.core.helpers import run_cli
from tests.merge.helpers import content, edit, query


def test_a_sent_file_carries_its_rows_and_what_they_refer_to_only(desk):
    i = desk.ids
    dept = desk.issue("rjg")
    edit(
        dept,
        "rjg-pc",
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=35),
    )
    sent = desk.send(dept, "sent.ipdesk", "rjg-pc")
    d = {"d": i["rjg"]}
    for table in DEPARTMENT_TABLES:
        own = f"SELECT * FROM {table} WHERE department_id = :d ORDER BY id"
        assert query(sent, own, d) == query(dept, own, d), table
        assert query(sent, f"SELECT count(*) FROM {table} WHERE department_id <> :d", d) == [(0,)]
    # The tasks its rows are about (and the tasks above them), not the whole plan.
    used = query(
        sent,
        "SELECT count(*) FROM tasks WHERE id NOT IN (SELECT task_id FROM progress_reports"
        " UNION SELECT task_id FROM evidence WHERE task_id IS NOT NULL"
        " UNION SELECT parent_id FROM tasks WHERE parent_id IS NOT NULL)",
    )
    assert used == [(0,)]
    assert (
        query(sent, "SELECT count(*) FROM tasks")[0][0]
        < query(desk.master, "SELECT count(*) FROM tasks")[0][0]
    )
    assert query(sent, "SELECT count(*) FROM assignments") == [(0,)]
    # A whole, sound, signed file that the master takes as before.
    assert run_cli("check", sent).returncode == 0
    [report] = merge_files(desk.master, [sent])
    assert (report.result, report.quarantined, report.conflicts) == ("merged", 0, 0)


def test_a_plan_row_changed_in_the_department_file_travels_and_is_quarantined(desk):
    """The department's IPDesk never changes the plan; a row changed with the sqlite3
    shell is sent (it was written after the file was issued) so the coordinator sees it
    quarantined, and the master's plan stays as it is."""
    dept = desk.issue("rjg")
    conn = sqlite3.connect(dept)
    conn.execute(
        "UPDATE tasks SET text = '改写', parent_rev_id = rev_id, rev_id = 'forged-rev',"
        " hlc = '9999999999999.0000' WHERE code = '3.6.2'"
    )
    conn.commit()
    conn.close()
    sent = desk.send(dept, "sent.ipdesk", "rjg-pc")
    assert query(sent, "SELECT text FROM tasks WHERE code = '3.6.2'") == [("改写",)]
    before = query(desk.master, "SELECT text FROM tasks WHERE code = '3.6.2'")
    [report] = merge_files(desk.master, [sent])
    assert report.quarantined == 1
    assert query(desk.master, "SELECT text FROM tasks WHERE code = '3.6.2'") == before


def test_the_backup_before_a_merge_is_the_master_as_committed(desk):
    db = open_plan(desk.master)
    other = open_plan(desk.master)  # another window writing meanwhile
    try:
        i = desk.ids
        edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=12)
        before = content(desk.master)
        backup = backup_target(db.conn, desk.master)
        edits.save_report(other, i["3.3.1"], i["rjg"], "2025Q3", percent=99)
    finally:
        other.close()
        db.close()
    assert content(backup) == before
    assert backup.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, ready to restore
    assert check_readonly(backup, full=True)
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_backup_while_another_reader_holds_the_wal_is_still_verified(desk, tmp_path, monkeypatch):
    """A reader elsewhere keeps the WAL from being emptied: the backup is then made and
    checked through SQLite (integrity_check, row counts), as before."""
    from ipdesk.store import files

    used = []
    real = files.verified_copy
    monkeypatch.setattr(files, "verified_copy", lambda *a: used.append(a) or real(*a))
    db = open_plan(desk.master)
    reader = sqlite3.connect(desk.master, isolation_level=None)
    try:
        i = desk.ids
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM tasks").fetchone()
        edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=12)
        before = content(desk.master)
        copy = snapshot_copy(db.conn, tmp_path / "copy.bak")
    finally:
        reader.execute("COMMIT")
        reader.close()
        db.close()
    assert content(copy) == before
    assert used


def test_a_backup_that_reads_back_different_is_refused_and_removed(desk, tmp_path, monkeypatch):
    import builtins

    real_open = builtins.open

    class Flipping:
        def __init__(self, handle):
            self.handle = handle

        def read(self, size=-1):
            data = self.handle.read(size)
            return data[:100] + bytes([data[100] ^ 1]) + data[101:] if len(data) > 200 else data

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def flaky_open(path, mode="r", *args, **kw):
        handle = real_open(path, mode, *args, **kw)
        if str(path).endswith("copy.bak") and mode == "rb":
            return Flipping(handle)
        return handle

    db = open_plan(desk.master)
    try:
        monkeypatch.setattr(builtins, "open", flaky_open)
        with pytest.raises(OSError, match="differs"):
            snapshot_copy(db.conn, tmp_path / "copy.bak")
    finally:
        monkeypatch.undo()
        db.close()
    assert not (tmp_path / "copy.bak").exists()
