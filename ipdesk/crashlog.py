"""Crash logs: what an unexpected exception (a bug) leaves behind for whoever fixes it.

The command line and the window both catch every exception nobody expected. The user
sees one sentence and where the details were saved; the details — IPDesk's version,
the command or action, the platform and the traceback — go to a text file in the
settings folder, `<settings>/crash-logs/crash-<time>-<pid>.txt`.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

import ipdesk
from ipdesk.messages import Message, message
from ipdesk.store.clock import config_dir

FOLDER = "crash-logs"


def crash_folder() -> Path:
    return config_dir() / FOLDER


def crash_report(exc: BaseException, command: str) -> str:
    """The text of a crash log."""
    lines = [
        f"IPDesk {ipdesk.__version__} crash log",
        f"time: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"command: {command}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        "",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ]
    return "\n".join(lines)


def write_crash_log(exc: BaseException, command: str) -> Path | None:
    """Save the details of a bug; returns the file, or None if it could not be saved
    (then the caller shows the traceback itself)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder = crash_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}-{os.getpid()}.txt"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"crash-{stamp}-{os.getpid()}-{n}.txt"
        path.write_text(crash_report(exc, command), encoding="utf-8", errors="backslashreplace")
    except OSError:
        return None
    return path


def crash_sentence(exc: BaseException, log: Path | None) -> Message:
    """The one sentence a user sees (both languages; message.text(language) for one)."""
    kind = type(exc).__name__
    if log is None:
        return message("crash.details_not_saved", kind=kind)
    return message("crash.details_saved", kind=kind, log=log)
