"""Disk and file-system problems told apart, and output files written whole.

Every file IPDesk writes for people to keep (a PDF, a workbook, an archive, a copy
to send) is written under a temporary name in its own folder and moved into place
only when complete (`output_file`), so a full disk, a pulled USB stick or a crash
never leaves half a file under the real name.

When the operating system or SQLite refuses, `problem` says which of the things a
user can act on it was — the disk is full, the place is read-only, another program
holds the file, the file or folder is gone, permission is missing, a device error —
as a DiskProblem with words, instead of a traceback or a wrong diagnosis ("damaged"
for a full disk).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ipdesk.errors import DiskProblem

# Below this much free space a failed write is put down to a full disk.
LOW_SPACE = 1024 * 1024

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_LOCKED = {errno.EBUSY, errno.ETXTBSY}
_WINDOWS_LOCKED = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_WINDOWS_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_GONE = {errno.ENOENT, errno.ENOTDIR, errno.ENODEV, errno.ENXIO, errno.ESTALE}


def free_space(path: str | Path) -> int | None:
    """Free bytes on the disk holding `path` (or its nearest existing folder)."""
    place = Path(path)
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        return shutil.disk_usage(place).free
    except OSError:
        return None


def disk_is_full(path: str | Path) -> bool:
    free = free_space(path)
    return free is not None and free < LOW_SPACE


def problem(
    exc: BaseException, path: str | Path | None = None, *, action: str = "write"
) -> DiskProblem | None:
    """The DiskProblem an OSError or an SQLite error stands for, or None when it is
    not a file-system problem (then it is a bug and must not be dressed up as one)."""
    if isinstance(exc, DiskProblem):
        return exc
    if isinstance(exc, OSError):
        return _os_problem(exc, path, action)
    if isinstance(exc, sqlite3.Error):
        return _sqlite_problem(exc, path, action)
    return None


def _os_problem(exc: OSError, path: str | Path | None, action: str) -> DiskProblem:
    name = path if path is not None else (exc.filename or "")
    detail = exc.strerror or ""
    winerror = getattr(exc, "winerror", None)
    code: str
    if exc.errno in _FULL or winerror in _WINDOWS_FULL:
        code = "disk_full"
    elif exc.errno == errno.EROFS:
        code = "readonly"
    elif exc.errno in _LOCKED or winerror in _WINDOWS_LOCKED:
        code = "locked"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        # Windows says "access denied" for a file another program has open.
        code = "locked" if sys.platform == "win32" and Path(name).is_file() else "permission"
    elif exc.errno == errno.EISDIR:
        code = "is_folder"
    elif exc.errno in _GONE:
        folder = Path(name).parent if name else None
        code = "no_folder" if folder is not None and not folder.is_dir() else "gone"
    elif exc.errno == errno.EIO and disk_is_full(name or "."):
        code = "disk_full"
    else:
        code = "io"
    return DiskProblem(code, name, action=action, detail=detail)


def _sqlite_problem(exc: sqlite3.Error, path: str | Path | None, action: str) -> DiskProblem | None:
    text = str(exc).lower()
    name = path if path is not None else ""
    if "disk is full" in text or "disk full" in text:
        return DiskProblem("disk_full", name, action=action)
    if "locked" in text or "busy" in text:
        return DiskProblem("locked", name, action=action)
    if "readonly" in text or "read-only" in text:
        # SQLite says "readonly" when it cannot create its journal beside the file,
        # which on a full disk is a matter of space, not of permission.
        code = "disk_full" if name and disk_is_full(name) else "readonly"
        return DiskProblem(code, name, action=action)
    if "disk i/o error" in text:
        code = "disk_full" if name and disk_is_full(name) else "io"
        return DiskProblem(code, name, action=action, detail=str(exc))
    if "unable to open database" in text:
        folder = Path(name).parent if name else None
        if folder is not None and not folder.is_dir():
            return DiskProblem("no_folder", name, action=action)
        if name and Path(name).is_dir():
            return DiskProblem("is_folder", name, action=action)
        if name and disk_is_full(name):
            return DiskProblem("disk_full", name, action=action)
        return DiskProblem("permission", name, action=action, detail=str(exc))
    return None


def check_output(path: str | Path) -> Path:
    """An output path that can be written: its folder exists and it is not a folder.

    Raises:
        DiskProblem: no_folder or is_folder.
    """
    out = Path(path)
    if out.is_dir():
        raise DiskProblem("is_folder", out)
    if not out.parent.is_dir():
        raise DiskProblem("no_folder", out.parent)
    return out


def temporary_name(path: str | Path) -> Path:
    """The temporary name an output is built under, beside it (same folder, same
    disk, so the final rename is atomic)."""
    out = Path(path)
    return out.with_name(out.name + ".partial")


@contextmanager
def output_file(path: str | Path) -> Iterator[Path]:
    """Write an output file whole or not at all.

    Yields the temporary path to write; when the block ends without an exception the
    file is flushed to the disk and renamed to `path` (replacing an older one). On any
    exception the temporary file is removed and a file-system error is raised as the
    DiskProblem it stands for, naming `path`.
    """
    out = check_output(path)
    tmp = temporary_name(out)
    try:
        tmp.unlink(missing_ok=True)
        yield tmp
        _flush(tmp)
        os.replace(tmp, out)
    except (OSError, sqlite3.Error) as exc:
        found = problem(exc, out)
        if found is None:
            raise
        raise found from exc
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _flush(path: Path) -> None:
    """Make the file's bytes durable before it takes the real name, so a power cut
    after the rename cannot leave an empty file there."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
