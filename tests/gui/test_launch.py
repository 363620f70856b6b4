"""Starting the window: a second launch hands its file to the running window, and
without a screen the window leaves a picture (issue #13, Build 1)."""

from __future__ import annotations

import subprocess
import sys

from ipdesk.gui import single_instance


def test_a_second_launch_hands_its_file_over(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "cfg"))
    name = single_instance.server_name()
    listener = single_instance.Listener(name)
    assert listener.listening
    target = tmp_path / "科技局.ipdesk"
    # The second launch is another process, as a double-click starts it.
    code = (
        "import sys; from PySide6.QtCore import QCoreApplication;"
        " app = QCoreApplication(sys.argv);"
        " from ipdesk.gui import single_instance as s;"
        " sys.exit(0 if s.hand_over(sys.argv[1], sys.argv[2]) else 3)"
    )
    with qtbot.waitSignal(listener.fileGiven, timeout=10000) as got:
        process = subprocess.Popen([sys.executable, "-c", code, str(target), name])
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=10000)
    assert got.args == [str(target)]
    assert process.returncode == 0


def test_with_no_window_running_nobody_takes_the_file(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "cfg"))
    assert not single_instance.hand_over(str(tmp_path / "x.ipdesk"))


def test_a_socket_left_by_a_crashed_window_is_taken_over(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "cfg"))
    name = single_instance.server_name()
    first = single_instance.Listener(name)
    first.server.close()  # gone without cleaning up on some systems
    second = single_instance.Listener(name)
    assert second.listening


def test_without_a_screen_the_window_leaves_a_picture_and_quits(demo_master, tmp_path):
    """What scripts/run-demo does on a machine with no screen (there under Xvfb)."""
    shot = tmp_path / "shot.png"
    env = {
        "IPDESK_SCREENSHOT": str(shot),
        "IPDESK_QUIT_AFTER_MS": "2500",
        "IPDESK_SINGLE_INSTANCE": "0",
        "QT_QPA_PLATFORM": "offscreen",
        "IPDESK_CONFIG_DIR": str(tmp_path / "cfg"),
    }
    import os

    # `ipdesk FILE`, as a double-click starts it (no `gui`).
    result = subprocess.run(
        [sys.executable, "-m", "ipdesk.cli", str(demo_master)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20000


def test_the_help_shows_opening_a_file_first():
    from tests.core.helpers import run_cli

    shown = run_cli("--help").stdout
    assert shown.splitlines()[0] == "usage: ipdesk [FILE.ipdesk] | ipdesk COMMAND [...]"
    assert shown.index("ipdesk FILE.ipdesk") < shown.index("check")
    # A command's own usage names the command plainly.
    assert run_cli("send", "--help").stdout.startswith("usage: ipdesk send ")
