"""Making a file that travels: a new file holding what its receiver needs, signed.

Shared by `issue` (coordinator → department) and `send` (department → coordinator).
The file is built fresh — IPDesk's own schema, then `INSERT … SELECT` of the rows the
receiver needs from the open file, read in one snapshot — rather than copied whole
and trimmed, so its cost follows what it carries, not the size of the file it comes
from (a city-scale master is 300 MB; a department's file a few MB). It is built under
a temporary name beside the target, checked whole (integrity and foreign keys), and
moved into place only when complete and sound, so a crash never leaves a half-made
file under the real name.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path

import sqlite_utils

from ipdesk.store import disk
from ipdesk.store.schema import APPLICATION_ID, DEPARTMENT_TABLES, migrations, schema_version

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
# Never copied: the logs of the file it comes from, the keys the master issued, and
# the manifest (the new file gets its own).
NOT_COPIED = (*LOCAL_LOGS, "department_keys", "manifest", "manifest_rows")
# `Selection` maps a table to the SQL condition (on the source's columns, the source
# attached as `src`, `:dept` the department) of the rows to copy — or to several
# conditions picking rows apart, each its own statement; a table it does not name is
# copied whole, one it maps to None is left empty.
Selection = Mapping[str, str | tuple[str, ...] | None]


# The revisions of the department's own rows (a row's department never changes, so they
# are the history of the rows it holds), found through the history's (tbl, row_id) index.
OWN_HISTORY = tuple(
    f"tbl = '{t}' AND row_id IN (SELECT id FROM src.{t} WHERE department_id = :dept)"
    for t in DEPARTMENT_TABLES
)


OWN_BLOBS = (
    "sha256 IN (SELECT sha256 FROM src.evidence WHERE department_id = :dept AND deleted = 0)"
)


def source_path(db: sqlite_utils.Database) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def build_file(
    db: sqlite_utils.Database,
    out_path: str | Path,
    selection: Selection,
    params: Mapping[str, object],
    change: Callable[[sqlite3.Connection], None],
    *,
    before_move: Callable[[], None] | None = None,
) -> Path:
    """Build a new plan file at `out_path` (replacing an older one) from the rows of the
    open file `db` that `selection` picks; `change` then finishes and signs it in the
    same transaction. `before_move` runs once the file is complete and sound, just before
    it takes its real name (the issuing master records the new key there, so a failed
    file leaves the department's current key as it was)."""
    out = Path(out_path)
    tmp = out.with_name(out.name + ".making")
    tmp.unlink(missing_ok=True)
    source = source_path(db).resolve()
    try:
        with disk.output_file(tmp) as building:
            _build(building, source, selection, params, change)
        if before_move is not None:
            before_move()
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _build(
    path: Path,
    source: Path,
    selection: Selection,
    params: Mapping[str, object],
    change: Callable[[sqlite3.Connection], None],
) -> None:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path.resolve().as_uri(), uri=True, isolation_level=None)
    try:
        # A file being made needs no journal: if anything fails it is thrown away.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.executescript("BEGIN;" + "".join(m.sql + ";" for m in migrations()) + "COMMIT;")
        conn.execute(f"PRAGMA user_version = {schema_version()}")
        # The history triggers would record every copied row as a new revision: the file
        # carries the source's own revisions instead. They are put back, word for word,
        # before the file is signed, so its schema is IPDesk's exactly.
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid"
        ).fetchall()
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("ATTACH DATABASE ? AS src", [source.as_uri() + "?mode=ro"])
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")  # one snapshot of the source for every table
        conn.execute("PRAGMA defer_foreign_keys = ON")  # tables go in name order
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        conn.execute("DELETE FROM main.file_meta")  # (none yet; the source's is copied)
        for table in tables:
            if table in NOT_COPIED:
                continue
            chosen = selection.get(table, "")
            if chosen is None:
                continue
            columns = ", ".join(
                f'"{r[1]}"' for r in conn.execute(f"PRAGMA main.table_info({table})")
            )
            copy = f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM src."{table}"'
            for where in (chosen,) if isinstance(chosen, str) else chosen:
                conn.execute(f"{copy} WHERE {where}" if where else copy, dict(params))
        for _, sql in triggers:
            conn.execute(sql)
        change(conn)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
        if [r[0] for r in conn.execute("PRAGMA integrity_check")] != ["ok"]:
            raise OSError(f"{path} failed its integrity check")
        if conn.execute("PRAGMA foreign_key_check").fetchone():
            raise OSError(f"{path} failed its foreign key check")
        conn.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
