"""Objects hidden under SQLite's own names, two merges at once, leftovers of a killed
merge, and bytes that are not text (issue #9, Build 4, 5 and 7)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ipdesk.errors import FileRefused
from ipdesk.merge.engine import merge_files
from ipdesk.store import lock
from ipdesk.store.files import check_readonly, open_plan
from tests.attacks.test_foreign_rows import _sound_edit_arrived, _with_sound_edit
from tests.core.helpers import run_cli
from tests.merge.helpers import query, sha256


def _smuggle(path: Path, kind: str, name: str, table: str, sql: str) -> None:
    """Add a schema object under a name SQLite reserves for itself, as only a direct
    write into sqlite_master can."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)",
        [kind, name, table, sql],
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("kind", "name", "sql"),
    [
        (
            "trigger",
            "sqlite_x",
            "CREATE TRIGGER sqlite_x AFTER INSERT ON progress_reports BEGIN DELETE FROM tasks; END",
        ),
        ("view", "sqlite_v", "CREATE VIEW sqlite_v AS SELECT 1"),
        (
            "trigger",
            "sqlite_autoindex_fake",
            "CREATE TRIGGER sqlite_autoindex_fake AFTER UPDATE ON plan BEGIN SELECT 1; END",
        ),
    ],
)
def test_objects_under_sqlite_names_are_refused(desk, kind, name, sql):
    working, _ = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    _smuggle(sent, kind, name, "progress_reports" if "progress" in sql else "plan", sql)
    assert run_cli("check", sent).returncode == 2
    before = sha256(desk.master)
    [report] = merge_files(desk.master, [sent])
    assert report.result == "refused"
    assert name in report.reason
    assert sha256(desk.master) == before


def test_statistics_sqlite_makes_itself_are_accepted(desk):
    working, i = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    conn = sqlite3.connect(sent)
    conn.execute("ANALYZE")
    conn.close()
    check_readonly(sent, full=True)


# ------------------------------------------------------------------ one merge at a time

HOLD = """
import sys, time
from ipdesk.store import lock
with lock.exclusive(sys.argv[1], "merge"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(master: Path, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(master), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_second_merge_waits_then_is_refused_in_words(desk, monkeypatch):
    working, i = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    other = _holder(desk.master, 30)
    try:
        monkeypatch.setenv("IPDESK_LOCK_WAIT", "0.5")
        before = sha256(desk.master)
        with pytest.raises(FileRefused) as caught:
            merge_files(desk.master, [sent])
        assert caught.value.code == "busy"
        assert "另一个合并" in str(caught.value) and "merge" in str(caught.value)
        result = run_cli("merge", desk.master, sent, env={"IPDESK_LOCK_WAIT": "0.5"})
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
        assert sha256(desk.master) == before
    finally:
        other.kill()
        other.wait()
    # The holder died without a word: its lock died with it.
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged"
    assert _sound_edit_arrived(desk, i)


def test_a_second_merge_waits_for_the_first_to_finish(desk, monkeypatch):
    working, i = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    other = _holder(desk.master, 1.0)
    try:
        monkeypatch.setenv("IPDESK_LOCK_WAIT", "20")
        started = time.monotonic()
        [report] = merge_files(desk.master, [sent])
        assert report.result == "merged"
        assert time.monotonic() - started >= 0.5
    finally:
        other.wait()


def test_two_merges_started_together_never_collide(desk):
    """Two processes merge the same file into the same master at the same moment (a
    double click): one merges, the other finds it already merged; no traceback."""
    working, i = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    env = {**os.environ, "IPDESK_LOCK_WAIT": "30", "PYTHONPATH": os.getcwd()}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "ipdesk.cli", "merge", str(desk.master), str(sent), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [r.communicate(timeout=60) for r in runs]
    for (_out, err), run in zip(outputs, runs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    results = sorted('"merged"' in out for out, _ in outputs)
    assert results == [False, True]
    assert query(desk.master, "SELECT count(*) FROM imports") == [(1,)]


def test_a_stale_lock_file_does_not_block(desk):
    working, i = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    lock.lock_path(desk.master).write_text(' {"host": "gone", "pid": 1, "what": "merge"}')
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged"
    assert not lock.lock_path(desk.master).exists()


def test_a_merge_killed_mid_backup_leaves_nothing_behind_on_next_open(desk):
    backups = desk.master.with_name("master.backups")
    backups.mkdir()
    leftover = backups / "master.20250820-100000.before-merge.ipdesk.bak.4242.partial"
    leftover.write_bytes(b"half a backup")
    making = desk.folder / "rjg.ipdesk.making"
    making.write_bytes(b"half a department file")
    old = time.time() - 2 * lock.LEFTOVER_AGE
    os.utime(making, (old, old))
    fresh = desk.folder / "other.ipdesk.making"  # maybe another master's issue, right now
    fresh.write_bytes(b"being made")
    open_plan(desk.master).close()
    assert not leftover.exists() and not making.exists()
    assert fresh.exists()


def test_a_killed_merge_releases_its_lock(desk):
    working, i = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    other = _holder(desk.master, 30)
    os.kill(other.pid, signal.SIGKILL)
    other.wait()
    [report] = merge_files(desk.master, [sent])
    assert report.result == "merged"


# ------------------------------------------------------------------ bytes that are not text


def test_bytes_that_are_not_utf8_give_one_line_not_a_traceback(desk):
    working, i = _with_sound_edit(desk)
    sent = desk.send(working, "s.ipdesk", "rjg-pc")
    data = bytearray(sent.read_bytes())
    marker = "本季度走访企业".encode()
    at = data.find(marker)
    assert at > 0
    data[at : at + 3] = b"\xff\xfe\xfd"
    sent.write_bytes(bytes(data))
    before = sha256(desk.master)
    for command in (("check", sent), ("merge", desk.master, sent)):
        result = run_cli(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    info = run_cli("info", sent)  # describing it is fine; it is not judged there
    assert info.returncode in (0, 2) and "Traceback" not in info.stderr
    assert sha256(desk.master) == before


ENDLESS = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)"


def test_opening_a_file_asks_nothing_of_it_before_its_checks(tmp_path):
    """Before a file is opened in the window, IPDesk asks whether it is an update file
    (refused in words). A hostile file whose file_meta and manifest are endless views
    must not hang that question: the file is asked only after the checks every opening
    makes, so it is refused as not an IPDesk file, in words, and left as it was."""
    import threading

    path = tmp_path / "更新文件.ipdesk"
    conn = sqlite3.connect(path)
    conn.execute(
        f"CREATE VIEW file_meta AS {ENDLESS}"
        " SELECT 'department' AS role, NULL AS key_id FROM r WHERE x < 0"
    )
    conn.execute(f"CREATE VIEW manifest AS {ENDLESS} SELECT 'issued' AS kind FROM r WHERE x < 0")
    conn.commit()
    conn.close()
    before = sha256(path)
    refused: list[Exception] = []

    def open_it() -> None:
        try:
            open_plan(path, refuse_update=True)
        except FileRefused as exc:
            refused.append(exc)

    asking = threading.Thread(target=open_it, daemon=True)
    asking.start()
    asking.join(timeout=30)
    assert refused, "the question hung on the file's own views, or the file was opened"
    assert sha256(path) == before
