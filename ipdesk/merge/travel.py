"""Making a file that travels: a clean copy, trimmed to what its receiver needs, signed.

Shared by `issue` (coordinator → department) and `send` (department → coordinator).
The copy is built under a temporary name beside the target and moved into place only
when it is complete and sound, so a crash never leaves a half-made file under the
real name.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from ipdesk.store.files import clean_copy
from ipdesk.store.schema import DEPARTMENT_TABLES

_DEPT_TABLES = ", ".join(f"'{t}'" for t in DEPARTMENT_TABLES)
LOCAL_LOGS = (
    "quarantine",
    "conflicts",
    "import_changes",
    "import_revisions",
    "imports",
    "sites",
    "department_workbooks",
)


def keep_only_own_history(conn: sqlite3.Connection, department_id: str) -> None:
    """The history a department file carries: its own rows' revisions (the merge needs
    them to tell fast-forward from concurrent); the master keeps everything else."""
    conn.execute(
        f"DELETE FROM row_history WHERE NOT (tbl IN ({_DEPT_TABLES})"
        " AND json_extract(data, '$.department_id') IS ?)",
        [department_id],
    )


def keep_only_own_blobs(conn: sqlite3.Connection, department_id: str) -> None:
    conn.execute(
        "DELETE FROM blobs WHERE sha256 NOT IN"
        " (SELECT sha256 FROM evidence WHERE department_id = ? AND deleted = 0)",
        [department_id],
    )


def clear_local_logs(conn: sqlite3.Connection) -> None:
    for table in LOCAL_LOGS:
        conn.execute(f"DELETE FROM {table}")


def trim_to_department(conn: sqlite3.Connection, department_id: str) -> None:
    """What every file that travels to or from a department leaves behind: this
    file's own logs, other departments' history and evidence files."""
    clear_local_logs(conn)
    keep_only_own_history(conn, department_id)
    keep_only_own_blobs(conn, department_id)


def make_copy(
    db: sqlite_utils.Database,
    out_path: str | Path,
    change: Callable[[sqlite3.Connection], None],
    *,
    before_move: Callable[[], None] | None = None,
) -> Path:
    """VACUUM INTO a temporary file, let `change` trim and sign it in one transaction,
    compact it, check it and move it to `out_path` (replacing an older one).
    `before_move` runs once the copy is complete and sound, just before it takes its
    real name (the issuing master records the new key there, so a failed copy leaves
    the department's current key as it was)."""
    out = Path(out_path)
    tmp = out.with_name(out.name + ".making")
    tmp.unlink(missing_ok=True)
    try:
        clean_copy(db, tmp)
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("BEGIN IMMEDIATE")
            change(conn)
            conn.execute("COMMIT")
            conn.execute("VACUUM")
            if [r[0] for r in conn.execute("PRAGMA integrity_check")] != ["ok"]:
                raise OSError(f"{tmp} failed its integrity check")
            if conn.execute("PRAGMA foreign_key_check").fetchone():
                raise OSError(f"{tmp} failed its foreign key check")
        finally:
            conn.close()
        if before_move is not None:
            before_move()
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
