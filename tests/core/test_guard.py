"""The command line's one guard and the command-line bugs of issue 10: a bug exits 3
with one sentence and a crash log; text that is not UTF-8, a missing output folder, a
folder or a device given as evidence, a locked file named in the message — each a
clear line and exit 2, nothing changed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from ipdesk import cli
from tests.core.helpers import ROOT, run_cli, sha256

TODAY = {"IPDESK_TODAY": "2025-08-20"}


def _bug(args):
    raise ZeroDivisionError("a bug in a command")


def test_an_unexpected_exception_exits_3_with_one_sentence_and_a_crash_log(
    master, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "settings"))
    monkeypatch.setattr(cli.plan, "cmd_info", _bug)
    assert cli.main(["info", str(master)]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "ZeroDivisionError" in err
    logs = list((tmp_path / "settings" / "crash-logs").glob("crash-*.txt"))
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text(encoding="utf-8")
    assert "IPDesk 0.1.0" in text
    assert f"command: ipdesk info {master}" in text
    assert "Traceback" in text and "a bug in a command" in text and "_bug" in text


def test_when_the_crash_log_cannot_be_saved_the_traceback_is_shown(
    master, tmp_path, monkeypatch, capsys
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the settings folder should be")
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(blocker))
    monkeypatch.setattr(cli.plan, "cmd_info", _bug)
    assert cli.main(["info", str(master)]) == 3
    err = capsys.readouterr().err
    assert "未能保存" in err and "Traceback" in err and "ZeroDivisionError" in err


def test_refused_input_still_exits_2_and_usage_errors_too(master):
    assert run_cli("info", master.with_name("nothing.ipdesk")).returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_text_that_is_not_utf8_is_refused_with_a_sentence(master):
    before = sha256(master)
    result = subprocess.run(
        [sys.executable, "-m", "ipdesk.cli", "report", str(master), "3.2.1"]
        + ["--period", "2025Q2", "--dept", "科技局", "--progress"]
        + [b"\xc7\xeb\xcc\xee\xd0\xb4 GBK text"],  # "请填写" in GBK, not UTF-8
        capture_output=True,
        env={**os.environ, **TODAY, "LC_ALL": "C.UTF-8"},
        cwd=ROOT,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "UTF-8" in err and "progress" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert sha256(master) == before


def test_a_file_name_that_is_not_utf8_is_refused_with_a_sentence(master, tmp_path):
    odd = os.fsencode(tmp_path) + b"/\xd7\xdc\xb1\xed.ipdesk"  # 总表 in GBK
    with open(odd, "wb") as handle:
        handle.write(master.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "ipdesk.cli", "info", odd],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        cwd=ROOT,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "改名" in err and "rename" in err.lower() and "Traceback" not in err


def test_send_into_a_folder_that_does_not_exist(master, tmp_path):
    issued = tmp_path / "kjj.ipdesk"
    assert run_cli("issue", master, "--dept", "科技局", "-o", issued).returncode == 0
    missing = tmp_path / "no-such-folder" / "send.ipdesk"
    result = run_cli("send", issued, "-o", missing)
    assert result.returncode == 2, result.stderr
    assert "文件夹不存在" in result.stderr and "folder does not exist" in result.stderr
    assert "no-such-folder" in result.stderr and "Traceback" not in result.stderr
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    "target, words",
    [
        ("folder", ("文件夹", "folder")),
        ("/dev/null", ("不是普通文件", "not an ordinary file")),
        ("missing", ("找不到文件", "no such file")),
    ],
)
def test_attach_says_what_the_path_is(master, tmp_path, target, words):
    path = {"folder": str(tmp_path), "missing": str(tmp_path / "gone.pdf")}.get(target, target)
    before = sha256(master)
    result = run_cli("attach", master, "3.2.1", path, "--dept", "科技局", env=TODAY)
    assert result.returncode == 2
    assert all(w in result.stderr for w in words), result.stderr
    assert sha256(master) == before


def test_a_locked_master_is_named_in_the_message(master, monkeypatch, capsys):
    """`undo-import`, `resolve` and the merge take the master as TARGET, not FILE; the
    message still names it (it read "cannot open :" before)."""
    from ipdesk.cli import merge as merge_cli

    def locked(args):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(merge_cli, "cmd_undo", locked)
    assert cli.main(["undo-import", str(master), "1"]) == 2
    err = capsys.readouterr().err
    assert str(master) in err and "占用" in err and "in use" in err
    assert "：。" not in err and "cannot open :" not in err and "Traceback" not in err
