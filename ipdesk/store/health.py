"""When a plan file must be checked whole before it is trusted (issue #15).

A full check (`integrity_check` and `foreign_key_check`) of a city-scale file takes
seconds, so it does not run in front of the user on every open. It runs:

- when the file was **not closed cleanly**: SQLite removes a file's `-wal` when the
  last connection closes normally, so a `-wal` (or a rollback `-journal`) beside it
  means a crash, a killed program or a power cut — or another program has it open;
- when the file is **not as IPDesk last closed it** on this PC: every clean close
  records the file's size and modification time in the user's settings folder
  (`verified-files.json`); a file changed since by anything else (copied in, restored,
  edited with the sqlite3 shell, damaged on disk), or never seen here, has no matching
  record;
- **after a merge**: `mark_unverified` leaves `<file>.unverified` beside the master,
  which only a passing full check removes;
- **on demand** (`ipdesk check`) and **in the background** while the window has the
  file open (`verify_file`).

Everything else a file is checked for on open — its header, its exact schema, its
file_meta row — is cheap and still runs every time (ipdesk.store.files).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from ipdesk.store import clock
from ipdesk.store.ids import uuid7

REGISTRY = "verified-files.json"
KEEP = 200  # files remembered per user; an older one is simply checked again

NOT_CLOSED_CLEANLY = "not_closed_cleanly"
UNVERIFIED = "unverified"
UNKNOWN = "unknown"


def marker_path(path: str | Path) -> Path:
    # Beside the file, as `left_open` looks for -wal (never a crash on "" or "/").
    return Path(f"{path}.unverified")


def left_open(path: str | Path) -> bool:
    """A `-wal` or `-journal` beside the file: it was not closed cleanly (or another
    program has it open right now)."""
    return any(Path(f"{path}{end}").exists() for end in ("-wal", "-journal"))


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _registry() -> Path:
    return clock.config_dir() / REGISTRY


def _read() -> dict[str, list[int]]:
    try:
        found = json.loads(_registry().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write(entries: dict[str, list[int]]) -> None:
    target = _registry()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        kept = dict(list(entries.items())[-KEEP:])
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        pass  # a profile that cannot be written: files are checked whole each time


def _key(path: Path) -> str:
    return str(path.resolve())


def record_clean_close(path: str | Path) -> None:
    """Remember the file as IPDesk leaves it, closed cleanly (nothing beside it)."""
    path = Path(path)
    if left_open(path):
        return
    stamp = _stamp(path)
    if stamp is None:
        return
    entries = _read()
    key = _key(path)
    entries.pop(key, None)
    entries[key] = stamp
    _write(entries)


def forget(path: str | Path) -> None:
    entries = _read()
    if entries.pop(_key(Path(path)), None) is not None:
        _write(entries)


def why_check(path: str | Path) -> str | None:
    """Why the file must be checked whole before it is opened; None when it is
    exactly as IPDesk last closed it, cleanly, with no check pending."""
    path = Path(path)
    if not path.name or not path.is_file():
        return UNKNOWN  # the whole check says what it is (missing, a folder, …)
    if left_open(path):
        return NOT_CLOSED_CLEANLY
    if marker_path(path).exists():
        return UNVERIFIED
    if _read().get(_key(path)) != _stamp(path):
        return UNKNOWN
    return None


def mark_unverified(path: str | Path) -> None:
    """The file was changed in bulk (a merge): check it whole before trusting it again.
    Each mark is new, so a check that began before it does not clear it."""
    try:
        marker_path(path).write_text(uuid7(), encoding="ascii")
    except OSError:
        forget(path)  # no marker possible: at least the next open checks it


def pending_mark(path: str | Path) -> str | None:
    """The current mark (to pass to `verified` when a check that began now passes)."""
    try:
        return marker_path(path).read_text(encoding="ascii")
    except OSError:
        return None


def verified(path: str | Path, mark: str | None) -> None:
    """A full check that began when the mark was `mark` passed: clear that mark (a newer
    one stays)."""
    if mark is not None and pending_mark(path) == mark:
        try:
            marker_path(path).unlink()
        except OSError:
            pass


def verify_file(
    path: str | Path, cancel: Callable[[], bool] | None = None, *, action: str = "check"
) -> None:
    """The full check of a file that may be open for writing elsewhere in this process
    (the window checks its open file in the background): integrity, foreign keys,
    schema, on a read-only connection; a passing check clears the after-merge mark.

    Raises:
        FileRefused: the file is damaged (or the disk could not be read).
        InterruptedError: `cancel()` became true before the check finished.
    """
    from ipdesk.store.files import check_readonly

    mark = pending_mark(path)
    check_readonly(path, full=True, action=action, cancel=cancel)
    verified(path, mark)
