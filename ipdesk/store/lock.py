"""One long operation at a time on a master (merge, undo of an import, issuing files).

Two coordinator PCs on a shared folder, or a double click, must not run two merges into
one master at once: their backups, temporary copies and import logs would collide.
Such an operation holds `<master>.lock` beside the master for its whole length:

- an operating-system lock on that file (fcntl on Linux, msvcrt on Windows; both work
  across PCs on a shared folder) says whether someone holds it. The OS drops the lock
  when its process ends, however it ends, so a lock left by a killed program is stale
  by construction and is simply taken over;
- the file's text says who holds it (PC name, process, what, since when), for the
  message the second operation shows;
- within one process a registry does the same (OS locks are per process).

A second operation waits up to `wait` seconds for the first, then is refused with a
clear message (FileRefused "busy"); never a traceback.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ipdesk.errors import FileRefused
from ipdesk.store import clock

DEFAULT_WAIT = 10.0
_held: set[str] = set()
_guard = threading.Lock()


def lock_path(master: str | Path) -> Path:
    master = Path(master)
    return master.with_name(master.name + ".lock")


def _try_os_lock(handle) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(handle) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.lockf(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


def _still_there(handle, path: Path) -> bool:
    """Whether the locked file is still the one at `path` (the holder before us may
    have removed it between our open and our lock)."""
    try:
        mine, there = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    if (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino):
        return True
    _os_unlock(handle)
    return False


def holder(master: str | Path) -> dict | None:
    """Who holds the master's lock file, as it says (None when nobody wrote one)."""
    try:
        text = lock_path(master).read_text(encoding="utf-8")
        return json.loads(text[text.index("{") :]) if "{" in text else None
    except (OSError, ValueError):
        return None


def _busy(master: Path, what: str) -> FileRefused:
    found = holder(master) or {}
    who = found.get("host", "?")
    doing = found.get("what", "")
    since = str(found.get("since", ""))[:19].replace("T", " ")
    return FileRefused(
        "busy",
        master,
        f"{doing} · {who} · {since}" if doing else "",
    )


@contextmanager
def exclusive(master: str | Path, what: str, *, wait: float | None = None) -> Iterator[None]:
    """Hold the master's lock for the duration of the `with` block.

    Raises:
        FileRefused: code "busy" when another operation keeps it longer than `wait`
            seconds (default DEFAULT_WAIT, or IPDESK_LOCK_WAIT).
    """
    master = Path(master)
    if wait is None:
        wait = float(os.environ.get("IPDESK_LOCK_WAIT", DEFAULT_WAIT))
    key = str(master.resolve())
    path = lock_path(master)
    deadline = time.monotonic() + wait
    handle = None
    while True:
        with _guard:
            mine = key not in _held
            if mine:
                _held.add(key)
        if mine:
            try:
                handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
            except OSError as exc:
                with _guard:
                    _held.discard(key)
                raise FileRefused("readonly", master, str(exc)) from None
            if _try_os_lock(handle) and _still_there(handle, path):
                break
            handle.close()
            handle = None
            with _guard:
                _held.discard(key)
        if time.monotonic() >= deadline:
            raise _busy(master, what)
        time.sleep(0.1)
    try:
        note = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "what": what,
            "since": clock.now_text(),
        }
        try:
            # Byte 0 stays locked on Windows; the note goes after it.
            handle.seek(0)
            handle.truncate()
            handle.write(" " + json.dumps(note, ensure_ascii=False))
            handle.flush()
        except OSError:
            pass
        yield
    finally:
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
        except OSError:
            pass
        _os_unlock(handle)
        handle.close()
        try:
            path.unlink()
        except OSError:
            pass  # another process took it meanwhile, or a read-only folder
        with _guard:
            _held.discard(key)


LEFTOVER_AGE = 3600.0  # seconds; a temporary file this old belongs to no running operation


def clean_leftovers(master: str | Path) -> list[Path]:
    """Remove what a killed operation on `master` left behind: half-written backups
    (`*.partial` in its backups folder and beside it), a half-made copy (`*.making`,
    `*.creating` beside it, and stray ones in its folder older than an hour), and the
    merge's temporary folders older than a day. Only when no operation holds the
    master's lock. Returns what was removed.

    Each folder is listed once and names are compared as text (no glob patterns: a
    file name may hold [ ] or *), as this runs on every open and a desktop or the temp
    folder can hold thousands of files."""
    import shutil
    import tempfile

    master = Path(master)
    removed: list[Path] = []
    try:
        with exclusive(master, "clean", wait=0):
            now = time.time()
            backups = master.with_name(master.stem + ".backups")
            found = [e for e in _listed(backups) if e.name.endswith(".partial")]
            for entry in _listed(master.parent):
                name = entry.name
                if (
                    (name.startswith(master.name) and name.endswith(".partial"))
                    or name == f"{master.name}.creating"
                    or (name.endswith(".making") and _age(entry, now) > LEFTOVER_AGE)
                ):
                    found.append(entry)
            for entry in found:
                try:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                except OSError:
                    pass
            for entry in _listed(Path(tempfile.gettempdir())):
                if entry.name.startswith("ipdesk-merge-") and (
                    _age(entry, now) > 24 * LEFTOVER_AGE
                ):
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed.append(Path(entry.path))
    except FileRefused:
        pass
    return removed


def _listed(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries; none when it is missing or cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _age(entry: os.DirEntry[str], now: float) -> float:
    """Seconds since the entry was last changed (0 when it cannot be read: kept)."""
    try:
        return now - entry.stat().st_mtime
    except OSError:
        return 0.0
