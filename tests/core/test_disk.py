"""Disk and file-system errors told apart and said in words (issue 10, item 5): disk
full, read-only, locked, gone; no output left half-written; `check` does not call a
healthy file damaged because the disk is full.

A full disk is made three ways: SQLite's own ceiling (PRAGMA max_page_count) for an
edit, RLIMIT_FSIZE in a subprocess for the outputs (a write past the limit fails as a
full disk does), and — where the tests run as root and may mount — a real, tiny tmpfs
filled to the last byte.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk import cli
from ipdesk.errors import DiskProblem, FileRefused
from ipdesk.store import disk, files
from tests.core.helpers import ROOT, run_cli, sha256

TODAY = {"IPDESK_TODAY": "2025-08-20"}


@pytest.mark.parametrize(
    "code, expected",
    [
        (errno.ENOSPC, "disk_full"),
        (errno.EFBIG, "disk_full"),
        (errno.EROFS, "readonly"),
        (errno.EACCES, "permission"),
        (errno.EBUSY, "locked"),
        (errno.EIO, "io"),
    ],
)
def test_os_errors_are_told_apart(tmp_path, code, expected):
    found = disk.problem(OSError(code, os.strerror(code)), tmp_path / "out.pdf")
    assert isinstance(found, DiskProblem) and found.code == expected
    assert str(tmp_path / "out.pdf") in found.message_zh


def test_a_file_gone_and_a_folder_gone_are_told_apart(tmp_path):
    gone = disk.problem(OSError(errno.ENOENT, "gone"), tmp_path / "plan.ipdesk")
    assert gone.code == "gone" and "U盘" in gone.message_zh
    folder = disk.problem(OSError(errno.ENOENT, "gone"), tmp_path / "stick" / "plan.ipdesk")
    assert folder.code == "no_folder"


def test_sqlite_errors_are_told_apart(tmp_path):
    path = tmp_path / "plan.ipdesk"
    assert disk.problem(sqlite3.OperationalError("database or disk is full"), path).code == (
        "disk_full"
    )
    assert disk.problem(sqlite3.OperationalError("database is locked"), path).code == "locked"
    assert disk.problem(sqlite3.OperationalError("attempt to write a readonly database"), path)
    assert disk.problem(sqlite3.OperationalError("no such table: x"), path) is None
    assert disk.problem(ValueError("a bug"), path) is None


def _full_database(path):
    """open_plan, with the file unable to grow by a page: SQLite then fails every
    write that needs room exactly as on a full disk (SQLITE_FULL)."""
    db = files.open_plan(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    return db


def test_an_edit_on_a_full_disk_says_disk_full_not_read_only(master, monkeypatch, capsys):
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    monkeypatch.setattr(cli.plan, "open_file", _full_database)
    before = sha256(master)
    long_text = "本季度完成专利导航项目调研。" * 300
    argv = ["report", str(master), "3.2.1", "--period", "2025Q2", "--dept", "科技局"]
    assert cli.main([*argv, "--progress", long_text]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "disk is full" in err
    assert "只读" not in err and "read-only" not in err and str(master) in err
    assert sha256(master) == before


def test_check_does_not_call_a_healthy_file_damaged_when_the_disk_is_full(
    master, monkeypatch, capsys
):
    """`check` needs room for SQLite's temporary files; without it the file is not
    damaged, the check could not finish."""
    real_connect = files._connect

    class NoRoom:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, *args):
            if "integrity_check" in sql:
                raise sqlite3.OperationalError("database or disk is full")
            return self.conn.execute(sql, *args)

        def close(self):
            self.conn.close()

    monkeypatch.setattr(
        files, "_connect", lambda path, readonly: NoRoom(real_connect(path, readonly=readonly))
    )
    with pytest.raises(FileRefused) as refused:
        files.check_readonly(master, full=True, action="check")
    assert refused.value.code == "disk_full"
    assert cli.main(["check", str(master)]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "无法检查" in err
    assert "损坏" not in err and "damaged" not in err and "backup" not in err


_FULL_RUN = """
import json, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (SIZE_LIMIT, SIZE_LIMIT))
from ipdesk.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    results.append(main(argv))
print(json.dumps(results))
"""


def _outputs(master: Path, issued: Path, out: Path) -> dict[str, list[str]]:
    return {
        "pdf": ["pdf", str(master), "district", "--period", "2025Q2", "-o", str(out / "d.pdf")],
        "xlsx": ["xlsx", str(master), "-o", str(out / "l.xlsx")],
        "xlsx-dept": ["xlsx-dept", str(master), "--dept", "科技局", "-o", str(out / "w.xlsx")],
        "archive": ["archive", str(master), "-o", str(out / "a.zip")],
        "send": ["send", str(issued), "-o", str(out / "s.ipdesk")],
    }


def test_outputs_that_meet_a_full_disk_say_so_and_leave_nothing_behind(master, tmp_path):
    """A PDF, the ledger and the archive, each refused whole. (SQLite reports a write
    past RLIMIT_FSIZE as a device error, not as a full disk, so `send` and `xlsx-dept`,
    which write to their file, are tried on the real full disk below.)"""
    out = tmp_path / "out"
    out.mkdir()
    commands = _outputs(master, master, out)
    del commands["send"], commands["xlsx-dept"]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _FULL_RUN.replace("SIZE_LIMIT", str(4 * 1024)),
            json.dumps(list(commands.values())),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **TODAY},
        cwd=ROOT,
        timeout=120,
    )
    assert json.loads(result.stdout.splitlines()[-1]) == [2] * len(commands), result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == len(commands), result.stderr
    for line, name in zip(lines, ("d.pdf", "l.xlsx", "a.zip"), strict=True):
        assert "磁盘空间不足" in line and name in line, line
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == []


def _can_mount() -> bool:
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return True


@pytest.fixture
def full_disk(tmp_path):
    """A real 4 MB file system, mounted for the test (root only)."""
    if not _can_mount():
        pytest.skip("needs root to mount a small tmpfs")
    place = tmp_path / "stick"
    place.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(place)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr!r}")
    try:
        yield place
    finally:
        subprocess.run(["umount", "-l", str(place)], capture_output=True)


def _fill(folder: Path) -> None:
    with open(folder / "filler", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    assert shutil.disk_usage(folder).free < 65536


@pytest.mark.slow
def test_on_a_really_full_disk_every_command_says_disk_full(full_disk, master, tmp_path):
    issued = tmp_path / "kjj.ipdesk"
    assert run_cli("issue", master, "--dept", "科技局", "-o", issued).returncode == 0
    on_stick = full_disk / "总表.ipdesk"
    shutil.copyfile(master, on_stick)
    shutil.copyfile(issued, full_disk / "kjj.ipdesk")
    _fill(full_disk)
    before = {p.name: sha256(p) for p in full_disk.glob("*.ipdesk")}
    commands = list(_outputs(on_stick, full_disk / "kjj.ipdesk", full_disk).values())
    commands.append(["check", str(on_stick)])
    commands.append(
        ["report", str(full_disk / "kjj.ipdesk"), "3.2.1", "--period", "2025Q2"]
        + ["--progress", "本季度完成调研"]
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _FULL_RUN.replace("SIZE_LIMIT", "resource.RLIM_INFINITY"),
            json.dumps(commands),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **TODAY},
        cwd=ROOT,
        timeout=120,
    )
    codes = json.loads(result.stdout.splitlines()[-1])
    # The outputs and the edit are refused for want of space; the check passes.
    assert codes == [2, 2, 2, 2, 2, 0, 2], result.stdout + result.stderr
    assert "完好（" in result.stdout and "/ sound (" in result.stdout
    for line in (line for line in result.stderr.splitlines() if line.strip()):
        assert "磁盘空间不足" in line, line
        assert "只读" not in line and "损坏" not in line
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert {p.name: sha256(p) for p in full_disk.glob("*.ipdesk")} == before
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "kjj.ipdesk", "总表.ipdesk"]


def test_a_file_held_open_on_windows_is_locked_not_forbidden(tmp_path, monkeypatch):
    """Windows refuses to replace a PDF or workbook that another program (WPS, a PDF
    reader) holds open with 'access denied': that is a locked file, said as such."""
    held = tmp_path / "全区汇总表.pdf"
    held.write_bytes(b"%PDF")
    monkeypatch.setattr(disk.sys, "platform", "win32")
    found = disk.problem(PermissionError(errno.EACCES, "Access is denied"), held)
    assert found.code == "locked" and "其他程序占用" in found.message_zh
    gone_folder = disk.problem(PermissionError(errno.EACCES, "denied"), tmp_path / "new.pdf")
    assert gone_folder.code == "permission"
