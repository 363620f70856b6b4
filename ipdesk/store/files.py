"""Creating, opening, checking and migrating `.ipdesk` files.

A file is looked at before SQLite is allowed to write to it: its header is read as
bytes, then it is opened read-only for the checks. Only a file that passes is opened
for writing (in WAL mode). A refused file is left exactly as it was.

The header, the exact schema and the file_meta row are checked on every open; the
whole file (integrity_check, foreign_key_check) only when ipdesk.store.health says it
must be: not closed cleanly, changed since IPDesk last closed it, or merged into since
its last full check. The window checks it whole in the background besides.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

import ipdesk
from ipdesk.errors import FileRefused
from ipdesk.messages import message
from ipdesk.store import clock, disk, health
from ipdesk.store.ids import uuid7
from ipdesk.store.schema import (
    APPLICATION_ID,
    expected_schema,
    migrations,
    schema_of,
    schema_version,
)

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of an SQLite file say."""

    page_size: int
    page_count: int
    application_id: int
    user_version: int
    file_size: int


@dataclass(frozen=True)
class FileMeta:
    plan_id: str
    role: str
    department_id: str | None
    issued_at: str
    app_version: str

    @property
    def is_master(self) -> bool:
        return self.role == "master"


def read_header(path: str | Path) -> Header:
    """Read and judge the SQLite header without opening the database.

    Raises:
        FileRefused: missing, not a file, empty, not SQLite, truncated, another
            application's file, or made by a newer IPDesk.
    """
    path = Path(path)
    if not path.exists():
        raise FileRefused("missing", path)
    if not path.is_file():
        raise FileRefused("not_a_file", path)
    size = path.stat().st_size
    if size == 0:
        raise FileRefused("empty", path)
    with open(path, "rb") as handle:
        head = handle.read(100)
    if not head.startswith(SQLITE_MAGIC[: min(len(head), 16)]):
        raise FileRefused("not_sqlite", path)
    if len(head) < 100:
        raise FileRefused("truncated", path, message("file.detail.bytes", size=size))
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", head[28:32])[0]
    change_counter = struct.unpack(">I", head[24:28])[0]
    valid_for = struct.unpack(">I", head[92:96])[0]
    user_version = struct.unpack(">i", head[60:64])[0]
    application_id = struct.unpack(">i", head[68:72])[0]
    if application_id != APPLICATION_ID:
        raise FileRefused("foreign_app", path)
    if user_version > schema_version():
        raise FileRefused(
            "newer_schema",
            path,
            message("file.detail.newer_version", found=user_version, supported=schema_version()),
        )
    if page_size < 512 or page_size & (page_size - 1):
        raise FileRefused("damaged", path, message("file.detail.bad_page_size"))
    # The in-header page count is trusted only when written by a recent SQLite
    # (valid_for == change counter); then a shorter file has lost its tail.
    if valid_for == change_counter and page_count and size < page_count * page_size:
        raise FileRefused(
            "truncated",
            path,
            message("file.detail.bytes_of", size=size, expected=page_count * page_size),
        )
    if size % page_size:
        raise FileRefused("truncated", path, message("file.detail.bytes", size=size))
    return Header(page_size, page_count, application_id, user_version, size)


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        # With no -wal beside it there is nothing to recover, so the file is opened
        # immutable: SQLite then creates no -wal or -shm next to a file it may refuse.
        wal = Path(str(path) + "-wal")
        flags = "?mode=ro" if wal.exists() else "?mode=ro&immutable=1"
        uri = Path(path).resolve().as_uri() + flags
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    if hasattr(conn, "setconfig"):  # Python 3.12+: no writable_schema tricks, ever
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
    if readonly:
        # A damaged file may hold bytes that are not UTF-8 (even in integrity_check's
        # own report): read them as replacement characters, judge, and refuse.
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
    conn.execute(f"PRAGMA busy_timeout = {int(os.environ.get('IPDESK_BUSY_MS', 3000))}")
    return conn


def check_readonly(
    path: str | Path,
    *,
    full: bool = False,
    action: str = "open",
    scan: bool = True,
    cancel: Callable[[], bool] | None = None,
) -> Header:
    """Every check that needs no write: header, then quick (or full) integrity check,
    foreign keys and the file_meta row, on a read-only connection. With `scan` False
    (a file as IPDesk last closed it) the pages are not read: header, schema and
    file_meta only.

    Raises:
        FileRefused: with the first problem found; a DiskProblem (worded for
            `action`) when the disk, not the file, is at fault.
        InterruptedError: `cancel()` became true during the check.
    """
    path = Path(path)
    header = read_header(path)
    try:
        conn = _connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise _not_damage(exc, path, action) or FileRefused("damaged", path, str(exc)) from None
    if cancel is not None:
        conn.set_progress_handler(lambda: 1 if cancel() else 0, 20000)
    try:
        if full or scan:
            pragma = "integrity_check" if full else "quick_check"
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
            if rows != ["ok"]:
                raise FileRefused("damaged", path, "; ".join(rows[:3]))
            if full and conn.execute("PRAGMA foreign_key_check").fetchone():
                raise FileRefused("damaged", path, "foreign_key_check")
        found = schema_of(conn)
        expected = expected_schema(header.user_version)
        if found != expected:
            extra = sorted(n for _, n, _ in found - expected)
            missing = sorted(n for _, n, _ in expected - found)
            raise FileRefused(
                "damaged",
                path,
                message("file.detail.schema_differs", names=", ".join(extra + missing)[:200]),
            )
        try:
            meta = conn.execute("SELECT count(*) FROM file_meta").fetchone()[0]
        except sqlite3.Error:
            meta = 0
        if meta != 1:
            raise FileRefused("damaged", path, "no file_meta")
    except sqlite3.DatabaseError as exc:
        if cancel is not None and cancel():
            raise InterruptedError(str(path)) from None
        raise _not_damage(exc, path, action) or FileRefused("damaged", path, str(exc)) from None
    except (UnicodeError, ValueError, OverflowError) as exc:
        raise FileRefused("damaged", path, type(exc).__name__) from None
    finally:
        conn.close()
    return header


def _not_damage(exc: sqlite3.Error, path: Path, action: str) -> FileRefused | None:
    """An error met while checking that says nothing about the file itself: it is
    locked, or the disk (where SQLite keeps its temporary files) is full, or the
    device failed to read. Such a file must not be called damaged."""
    found = disk.problem(exc, path, action=action)
    if found is None or found.code in ("readonly", "permission", "no_folder", "is_folder"):
        return None
    return found


class PlanDatabase(sqlite_utils.Database):
    """An open plan file. Closing it (the last connection, so SQLite removes the
    `-wal`) records it as closed cleanly, so the next open need not check it whole."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn, execute_plugins=False)
        self.path = path

    def close(self) -> None:
        super().close()
        health.record_clean_close(self.path)


def _opening_check(path: Path) -> Header:
    """The checks on opening: whole when ipdesk.store.health says so, else the cheap ones."""
    why = health.why_check(path)
    if why is None:
        return check_readonly(path, scan=False)
    mark = health.pending_mark(path)
    header = check_readonly(path, full=True)
    health.verified(path, mark)
    return header


def open_plan(
    path: str | Path, *, migrate: bool = True, refuse_update: bool = False
) -> sqlite_utils.Database:
    """Open a plan file for reading and writing, migrating an older one.

    The file is checked read-only first (whole when it was not closed cleanly, was
    changed since IPDesk closed it, or was merged into since its last full check); an
    older file is backed up (and the backup verified) before it is migrated.

    Raises:
        FileRefused: the file cannot be used; it was not changed.
    """
    path = Path(path)
    header = _opening_check(path)
    if refuse_update:
        _refuse_update_file(path)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise FileRefused("readonly", path)
    if header.user_version < schema_version():
        if not migrate:
            raise FileRefused("newer_schema", path, "needs migration")
        backup_then_migrate(path, header.user_version)
    beside = [Path(f"{path}{end}") for end in ("-wal", "-shm")]
    made = [not p.exists() for p in beside]
    conn = _connect(path, readonly=False)
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.OperationalError as exc:
        conn.close()
        # A full disk shows here too (no room for the -wal and -shm files); the
        # empty ones SQLite left behind are removed, so the folder is as it was.
        if made[0] and beside[0].exists() and beside[0].stat().st_size == 0:
            for extra, new in zip(beside, made, strict=True):
                if new:
                    extra.unlink(missing_ok=True)
        found = disk.problem(exc, path, action="open")
        if found is not None and found.code in ("disk_full", "locked", "io"):
            raise found from None
        raise FileRefused("readonly", path, str(exc)) from None
    if mode.lower() != "wal":
        conn.close()
        raise FileRefused("locked", path, f"journal_mode={mode}")
    conn.execute("PRAGMA synchronous = NORMAL")
    if header_role(conn) == "master":
        from ipdesk.store.lock import clean_leftovers

        clean_leftovers(path)
    # The schema was just found identical to IPDesk's own, so its triggers (which use
    # json_object) are ours and may run.
    conn.execute("PRAGMA trusted_schema = ON")
    return PlanDatabase(conn, path)


def _refuse_update_file(path: Path) -> None:
    """An update file (issue #12) is merged into the department's file, never worked
    in: opening one to work in is refused in words before anything is written to it
    (it holds no key, so nothing done in it could be sent). Asked only after the checks
    every opening makes."""
    from ipdesk.errors import BadInput

    conn = _connect(path, readonly=True)
    try:
        update = is_update_file(conn)
    finally:
        conn.close()
    if update:
        raise BadInput(message("issue.update_file_opened"))


def header_role(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT role FROM file_meta").fetchone()
    return row[0] if row else None


def open_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open a plan file only to read it: the file is not changed in any way (no WAL
    switch, no migration). An older file is read through a migrated temporary copy."""
    path = Path(path)
    header = _opening_check(path)
    if header.user_version < schema_version():
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="ipdesk-read-"))
        copy = folder / path.name
        source = _connect(path, readonly=True)
        try:
            verified_copy(source, copy)
        finally:
            source.close()
        return open_plan(copy)
    conn = _connect(path, readonly=True)
    conn.execute("PRAGMA trusted_schema = ON")
    return PlanDatabase(conn, path)


def open_reader(path: str | Path) -> sqlite_utils.Database:
    """A second connection to a file already open in this program (the window's, which
    checked it), for a worker thread that reads it or copies it (VACUUM INTO, which a
    read-only connection may not run): the store's pragmas, WAL beside the writer."""
    conn = _connect(Path(path), readonly=False)
    conn.execute("PRAGMA trusted_schema = ON")
    return sqlite_utils.Database(conn, execute_plugins=False)


def close_plan(db: sqlite_utils.Database) -> None:
    """Close a file opened with open_plan, folding the -wal back into it first, so the
    file on disk is whole again (a copy taken now is complete)."""
    try:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass
    db.close()


def create_plan_file(
    path: str | Path,
    *,
    role: str = "master",
    plan_id: str | None = None,
    department_id: str | None = None,
    signing_key: str | None = None,
    overwrite: bool = False,
) -> sqlite_utils.Database:
    """Create an empty plan file with the current schema and its file_meta row.

    The file is built under a temporary name and moved into place, so a crash never
    leaves a half-made file under the real name.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileRefused("exists", path)
    tmp = path.with_name(path.name + ".creating")
    tmp.unlink(missing_ok=True)
    conn = _connect(tmp, readonly=False)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.executescript("BEGIN;" + "".join(m.sql + ";" for m in migrations()) + "COMMIT;")
        conn.execute(f"PRAGMA user_version = {schema_version()}")
        conn.execute(
            "INSERT INTO file_meta (id, plan_id, role, department_id, issued_at, app_version,"
            " signing_key) VALUES (1, ?, ?, ?, ?, ?, ?)",
            (
                plan_id or uuid7(),
                role,
                department_id,
                clock.now_text(),
                ipdesk.__version__,
                signing_key,
            ),
        )
        columns = {r[1] for r in conn.execute("PRAGMA table_info(file_meta)")}
        if role == "master" and "coordinator_key" in columns:
            # A master gets the coordinator's key pair at once (docs/security.md).
            from ipdesk.store import keys  # late: opening a file needs no cryptography

            pair = keys.new_pair()
            conn.execute(
                "UPDATE file_meta SET signing_key = ?, coordinator_key = ?, key_id = ?",
                [pair.private, pair.public, pair.key_id],
            )
    finally:
        conn.close()
    os.replace(tmp, path)
    return open_plan(path)


def file_meta(db: sqlite_utils.Database) -> FileMeta:
    row = db.execute(
        "SELECT plan_id, role, department_id, issued_at, app_version FROM file_meta"
    ).fetchone()
    return FileMeta(*row)


def is_update_file(conn: sqlite3.Connection, schema: str = "main") -> bool:
    """Whether a file is an update file (sent after 退回, issue #12): a department file
    signed by the coordinator like an issued one, but carrying no signing key — file_meta
    is signed with the rest, so the mark cannot be changed without breaking the
    signature. `schema` names an attached file."""
    row = conn.execute(
        f"SELECT role, key_id, (SELECT count(*) FROM {schema}.manifest WHERE kind = 'issued')"
        f" FROM {schema}.file_meta"
    ).fetchone()
    return row is not None and row[0] == "department" and not row[1] and row[2] > 0


def backup_path(path: Path, label: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}.bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix}.bak")
    return candidate


def verified_copy(source: sqlite3.Connection, target: Path) -> Path:
    """Copy a database with SQLite's backup API and prove the copy sound.

    The copy must pass integrity_check and hold the same number of rows in every
    table as the source; otherwise it is removed and an error raised.
    """
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
        if [r[0] for r in dest.execute("PRAGMA integrity_check")] != ["ok"]:
            raise OSError(f"backup {target} failed its integrity check")
        tables = [r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            a = source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            b = dest.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if a != b:
                raise OSError(f"backup {target} differs from the original in {table}")
    except BaseException:
        dest.close()
        target.unlink(missing_ok=True)
        raise
    dest.close()
    return target


def snapshot_copy(conn: sqlite3.Connection, target: Path) -> Path:
    """A verified copy of an open plan file, made as fast as the disk allows: the file's
    bytes as committed, copied, flushed to the disk and read back equal to the file,
    in rollback-journal mode like `verified_copy`'s, and the copy's header, schema and
    file_meta checked.

    The WAL is checkpointed into the file first and a read transaction then holds it
    still (no checkpoint writes into the file under a reader that ignores the WAL), so
    the bytes copied are one committed state even while other connections write. The
    file was checked whole when it was opened, or found exactly as IPDesk left it
    (ipdesk.store.health), so a copy equal to it byte for byte is as sound; restoring
    checks a backup whole again. When the WAL cannot be emptied (a long reader
    elsewhere), `verified_copy` is used instead.

    Raises:
        OSError: the copy differs from the file, or cannot be written; it is removed.
    """
    source = Path(conn.execute("PRAGMA database_list").fetchone()[2])
    wal = Path(f"{source}-wal")
    busy, frames, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy or frames not in (0, -1):
        return verified_copy(conn, target)
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT count(*) FROM file_meta").fetchone()  # the read snapshot
        if wal.exists() and wal.stat().st_size > 0:
            conn.execute("COMMIT")
            return verified_copy(conn, target)
        chunk_size = 1 << 20

        def journal_mode_delete(chunk: bytes, offset: int) -> bytes:
            # File format bytes 18-19: 1 (rollback journal), not 2 (WAL).
            return chunk[:18] + b"\x01\x01" + chunk[20:] if offset == 0 else chunk

        with open(source, "rb") as src, open(target, "wb") as dst:
            offset = 0
            while chunk := src.read(chunk_size):
                dst.write(journal_mode_delete(chunk, offset))
                offset += len(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        with open(source, "rb") as src, open(target, "rb") as copy:
            offset = 0
            while chunk := src.read(chunk_size):
                if copy.read(chunk_size) != journal_mode_delete(chunk, offset):
                    raise OSError(f"backup {target} differs from the original")
                offset += len(chunk)
            if copy.read(1):
                raise OSError(f"backup {target} differs from the original")
        conn.execute("COMMIT")
        check_readonly(target, scan=False, action="backup")
    except BaseException:
        if conn.in_transaction:
            conn.execute("COMMIT")
        target.unlink(missing_ok=True)
        raise
    return target


def backup_then_migrate(path: Path, from_version: int) -> Path:
    """Back up an older file (verified), then apply each missing migration in its
    own transaction. Returns the backup's path."""
    conn = _connect(path, readonly=False)
    try:
        backup = verified_copy(conn, backup_path(path, f"v{from_version}-backup"))
        for migration in migrations():
            if migration.version <= from_version:
                continue
            conn.executescript(
                "BEGIN IMMEDIATE;"
                + migration.sql
                + f";PRAGMA user_version = {migration.version};COMMIT;"
            )
        return backup
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def clean_copy(db: sqlite_utils.Database, target: str | Path) -> Path:
    """A self-contained copy of an open file (VACUUM INTO): no -wal beside it,
    in rollback-journal mode, ready to travel on a USB stick."""
    target = Path(target)
    with disk.output_file(target) as tmp:
        db.execute("VACUUM INTO ?", [str(tmp)])
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            if [r[0] for r in conn.execute("PRAGMA integrity_check")] != ["ok"]:
                raise OSError(f"copy {tmp} failed its integrity check")
        finally:
            conn.close()
    return target
