"""When a file is checked whole (ipdesk.store.health, issue #15): not on every open, but
when it was not closed cleanly, when it changed since IPDesk closed it, after a merge,
on demand and in the background."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading

import pytest

from ipdesk.errors import FileRefused
from ipdesk.store import files, health
from ipdesk.store.files import open_plan
from tests.core.helpers import run_cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def checks(monkeypatch):
    """Every check made on opening: True for a whole-file check, False for the cheap one."""
    made: list[bool] = []
    real = files.check_readonly

    def spy(path, **kw):
        made.append(bool(kw.get("full") or kw.get("scan", True)))
        return real(path, **kw)

    monkeypatch.setattr(files, "check_readonly", spy)
    return made


def closed_cleanly(path):
    open_plan(path).close()


def killed_while_open(path) -> None:
    """A program that opens the file, saves an edit and dies without closing it."""
    script = (
        "import os, sys\n"
        "from ipdesk.store.files import open_plan\n"
        "from ipdesk.store import edits\n"
        "from ipdesk.store.names import find_department, find_task\n"
        "db = open_plan(sys.argv[1])\n"
        "edits.save_report(db, find_task(db, '3.2.1').id,"
        " find_department(db, '区知识产权局').id, '2025Q2', percent=40)\n"
        "os._exit(0)\n"
    )
    env = {**os.environ, "IPDESK_TODAY": "2025-08-20", "PYTHONPATH": ROOT}
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, env=env)


def test_a_file_closed_cleanly_opens_without_a_full_check(master, checks):
    closed_cleanly(master)
    checks.clear()
    db = open_plan(master)
    db.close()
    assert checks == [False]
    assert health.why_check(master) is None


def test_a_file_not_closed_cleanly_is_checked_whole_on_its_next_open(master, checks):
    closed_cleanly(master)
    killed_while_open(master)
    assert master.with_name(master.name + "-wal").exists()
    assert health.why_check(master) == health.NOT_CLOSED_CLEANLY
    checks.clear()
    db = open_plan(master)
    # The edit the program saved before it died is there (SQLite recovered the WAL).
    assert db.execute("SELECT percent FROM progress_reports").fetchall() == [(40.0,)]
    db.close()
    assert checks == [True]
    # Closed cleanly this time: the next open trusts it again.
    checks.clear()
    open_plan(master).close()
    assert checks == [False]


def test_damage_in_a_file_not_closed_cleanly_is_found_on_its_next_open(master):
    closed_cleanly(master)
    killed_while_open(master)
    data = bytearray(master.read_bytes())
    page = struct.unpack(">H", bytes(data[16:18]))[0]
    for offset in range(page * 3, page * 3 + 400):
        data[offset] ^= 0xFF
    master.write_bytes(bytes(data))
    with pytest.raises(FileRefused) as err:
        open_plan(master)
    assert err.value.code == "damaged"


def test_a_file_changed_since_ipdesk_closed_it_is_checked_whole(master, checks):
    closed_cleanly(master)
    with open(master, "r+b") as handle:  # someone else wrote to it (same bytes, new time)
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(byte)
    assert health.why_check(master) == health.UNKNOWN
    checks.clear()
    open_plan(master).close()
    assert checks == [True]


def test_a_merged_master_is_checked_whole_once(tmp_path, master, checks):
    from ipdesk.merge.engine import merge_files
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.merge.send import send_file
    from ipdesk.store import edits
    from ipdesk.store.names import find_department

    db = open_plan(master)
    dept = find_department(db, "区科技局").id
    task = db.execute(
        "SELECT task_id FROM assignments WHERE department_id = ? LIMIT 1", [dept]
    ).fetchone()[0]
    issued = issue_department_file(db, dept, tmp_path / "kjj.ipdesk")
    db.close()
    work = open_plan(issued)
    edits.save_report(work, task, dept, "2025Q2", percent=55, progress="已完成调研")
    sent = send_file(work, tmp_path / "sent.ipdesk")
    work.close()
    [report] = merge_files(master, [sent])
    assert report.result == "merged"
    assert health.why_check(master) == health.UNVERIFIED
    checks.clear()
    open_plan(master).close()
    assert checks == [True]
    assert not health.marker_path(master).exists()
    checks.clear()
    open_plan(master).close()
    assert checks == [False]


def test_check_on_demand_clears_the_pending_check(master):
    closed_cleanly(master)
    health.mark_unverified(master)
    done = run_cli("check", str(master))
    assert done.returncode == 0, done.stderr
    assert health.why_check(master) is None


def test_a_background_check_clears_only_the_mark_it_began_with(master):
    db = open_plan(master)  # open for writing, as in the window
    try:
        health.mark_unverified(master)
        first = health.pending_mark(master)
        health.verify_file(master)
        assert health.pending_mark(master) is None
        # A merge marks the file while a check of the state before it runs.
        health.mark_unverified(master)
        mark = health.pending_mark(master)
        health.mark_unverified(master)
        health.verified(master, mark)
        assert health.pending_mark(master) not in (None, first, mark)
    finally:
        db.close()


def test_a_background_check_can_be_cancelled_without_calling_the_file_damaged(master):
    health.mark_unverified(master)
    stop = threading.Event()
    stop.set()
    with pytest.raises(InterruptedError):
        health.verify_file(master, stop.is_set)
    assert health.why_check(master) == health.UNVERIFIED


def test_an_empty_name_or_a_folder_is_refused_in_words_not_a_crash(tmp_path):
    """`ipdesk send "" -o …` (a script's empty variable) and a folder given as the
    file: one line saying it is not a file, exit 2, no crash log, nothing written."""
    from tests.core.helpers import run_cli

    home = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    for args in (
        ("send", "", "-o", str(tmp_path / "s.ipdesk")),
        ("check", ""),
        ("info", "/"),
        ("send", str(tmp_path), "-o", str(tmp_path / "s.ipdesk")),
    ):
        result = run_cli(*args, env=home, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert "不是一个文件" in result.stderr and "not a file" in result.stderr
        assert "internal error" not in result.stderr
    assert not (tmp_path / "config" / "ipdesk" / "crash-logs").exists()
    assert not (tmp_path / "s.ipdesk").exists()


def test_the_expected_schema_kept_between_runs_is_the_migrations_result(tmp_path, monkeypatch):
    """The schema a file must have is worked out from the migrations once and kept in the
    settings folder under a digest of what made it; kept or worked out, it is the same,
    and a damaged or foreign entry is not used."""
    import json

    from ipdesk.store import schema

    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path))
    version = schema.schema_version()
    schema._expected_schema.cache_clear()
    made = schema.expected_schema(version)
    kept_file = tmp_path / schema.SCHEMA_CACHE
    kept = json.loads(kept_file.read_text(encoding="utf-8"))
    assert len(kept) == 1
    schema._expected_schema.cache_clear()
    assert schema.expected_schema(version) == made  # read back from the file
    # Another schema's entry (another digest) is not taken for this one.
    kept_file.write_text(json.dumps({"0" * 64: [["table", "x", "CREATE TABLE x(a)"]]}))
    schema._expected_schema.cache_clear()
    assert schema.expected_schema(version) == made
    kept_file.write_text("not json")
    schema._expected_schema.cache_clear()
    assert schema.expected_schema(version) == made
    assert len(json.loads(kept_file.read_text(encoding="utf-8"))) == 1
    schema._expected_schema.cache_clear()
