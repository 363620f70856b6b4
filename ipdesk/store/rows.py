"""Writing replicated rows as revisions.

Every write of a replicated row goes through `write_row` (one row) or
`insert_rows` (a whole template at once): a new rev_id whose parent is the row's
previous revision, this PC's site id and the file's hybrid logical clock. The
schema's triggers record each revision in row_history. Whether the file may make
the write at all is decided by `ipdesk.store.authority` before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.plan import entry
from ipdesk.store import clock
from ipdesk.store.ids import uuid7
from ipdesk.store.schema import (
    DEPARTMENT_TABLES,
    MUTABLE_COLUMNS,
    REPLICATED_TABLES,
    STAMPS,
    column_defaults,
    data_columns,
)


def tick(db: sqlite_utils.Database) -> str:
    """Advance the file's hybrid logical clock and return the new value.

    Must run inside the caller's transaction so the clock and the row move together.
    """
    last = db.execute("SELECT hlc_last FROM file_meta").fetchone()[0]
    value = clock.next_hlc(last)
    db.execute("UPDATE file_meta SET hlc_last = ?", [value])
    return value


def _check_table(table: str) -> None:
    if table not in REPLICATED_TABLES:
        raise ValueError(f"{table} is not a replicated table")


def get_row(db: sqlite_utils.Database, table: str, row_id: str) -> dict[str, Any] | None:
    _check_table(table)
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def plan_frame(db: sqlite_utils.Database) -> entry.PlanFrame:
    """The plan's reporting kind and dates, as the entry rules need them."""
    row = db.execute(
        "SELECT reporting, start_date, end_date FROM plan WHERE deleted = 0 LIMIT 1"
    ).fetchone()
    if row is None:
        raise BadInput(message("edits.file_holds_no_plan"))
    return entry.PlanFrame.of(*row)


def check_entry(db: sqlite_utils.Database, table: str, row: Mapping[str, Any]) -> None:
    """Refuse a department row that breaks the entry rules (ipdesk.plan.entry), the
    same rules the merge applies to every incoming row.

    Raises:
        BadInput: with the rule's words.
    """
    kind = None
    if table == "indicator_values":
        found = db.execute(
            "SELECT kind FROM indicators WHERE id = ?", [row.get("indicator_id")]
        ).fetchone()
        kind = found[0] if found else None
    problem = entry.row_problem(table, row, plan_frame(db), indicator_kind=kind)
    if problem is not None:
        raise BadInput(problem.words, rule=problem.code, column=problem.column)


def stamp_of(hlc: str, rev_id: str) -> str:
    """A field's stamp: the clock of the write that set it, then its revision (the tail
    of a UUIDv7 is random, so two writes never share a stamp). Stamps compare as text."""
    return f"{hlc}/{rev_id[-12:]}"


def new_stamps(
    table: str,
    old: str | None,
    changed: set[str],
    stamp: str,
    *,
    deleted: bool,
    was_deleted: bool | None,
) -> str:
    """The stamps of a department row after a write that changed `changed` fields and
    set `deleted` (was_deleted None: a new row). A delete also records the newest
    field stamp it saw, so that an edit it did not see still wins over it."""
    stamps = json.loads(old or "{}")
    for column in MUTABLE_COLUMNS[table]:
        if column in changed:
            stamps[column] = stamp
    if was_deleted is None or bool(was_deleted) != deleted:
        stamps["deleted"] = stamp
        stamps["del"] = int(deleted)
        if deleted:
            stamps["seen"] = max((stamps.get(c, "") for c in MUTABLE_COLUMNS[table]), default="")
    return json.dumps(stamps, sort_keys=True, separators=(",", ":"))


def restored_stamps(
    table: str,
    current: str | None,
    before: str | None,
    fields: set[str],
    *,
    deleted_restored: bool,
) -> str:
    """The stamps of a row some of whose fields an undo put back: those fields (and
    the deletion, if it was put back) take their stamps from before the import."""
    stamps = json.loads(current or "{}")
    old = json.loads(before or "{}")
    keys = [c for c in MUTABLE_COLUMNS[table] if c in fields]
    if deleted_restored:
        keys += ["deleted", "del", "seen"]
    for key in keys:
        if key in old:
            stamps[key] = old[key]
        else:
            stamps.pop(key, None)
    return json.dumps(stamps, sort_keys=True, separators=(",", ":"))


def write_row(
    db: sqlite_utils.Database,
    table: str,
    values: Mapping[str, Any],
    *,
    row_id: str | None = None,
    deleted: bool = False,
) -> str:
    """Insert or change one row as a new revision; return its id.

    `values` holds data columns only. A change that alters nothing (and does not
    delete or undelete) writes no revision. The caller holds the transaction.
    """
    _check_table(table)
    allowed = set(data_columns(table))
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown columns for {table}: {sorted(unknown)}")
    current = get_row(db, table, row_id) if row_id else None
    if table in DEPARTMENT_TABLES and not deleted:
        full = {c: v for c, v in (current or {}).items() if c in allowed}
        full.update(values)
        check_entry(db, table, full)
    site = clock.site_id()
    if current is None:
        new_id = row_id or uuid7()
        row = {c: values[c] for c in values}
        row.update(
            id=new_id,
            rev_id=uuid7(),
            parent_rev_id=None,
            merged_rev_id=None,
            site_id=site,
            hlc=tick(db),
            deleted=int(deleted),
        )
        if table in DEPARTMENT_TABLES:
            # A new row is an edit of an empty one: only the fields set to something
            # other than their default are written by it.
            defaults = column_defaults(table)
            row[STAMPS] = new_stamps(
                table,
                None,
                {c for c, v in values.items() if v != defaults.get(c)},
                stamp_of(row["hlc"], row["rev_id"]),
                deleted=deleted,
                was_deleted=None,
            )
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        return new_id
    changed = {c: v for c, v in values.items() if current[c] != v}
    if not changed and bool(current["deleted"]) == deleted:
        return current["id"]
    fields = set(changed)
    changed.update(
        rev_id=uuid7(),
        parent_rev_id=current["rev_id"],
        merged_rev_id=None,
        site_id=site,
        hlc=tick(db),
        deleted=int(deleted),
    )
    if table in DEPARTMENT_TABLES:
        changed[STAMPS] = new_stamps(
            table,
            current[STAMPS],
            fields,
            stamp_of(changed["hlc"], changed["rev_id"]),
            deleted=deleted,
            was_deleted=bool(current["deleted"]),
        )
    sets = ", ".join(f"{c} = ?" for c in changed)
    db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*changed.values(), current["id"]])
    return current["id"]


def insert_rows(
    db: sqlite_utils.Database,
    table: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    site: str | None = None,
) -> int:
    """Insert many new rows (each with its own id) as first revisions, in one statement.

    Used when a whole plan is created from a template; the caller holds the transaction.
    """
    _check_table(table)
    rows = list(rows)
    if not rows:
        return 0
    site = site or clock.site_id()
    hlc = tick(db)
    columns = list(rows[0])
    full = columns + ["rev_id", "site_id", "hlc"]
    marks = ", ".join("?" for _ in full)
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(full)}) VALUES ({marks})",
        ([r[c] for c in columns] + [uuid7(), site, hlc] for r in rows),
    )
    return len(rows)
