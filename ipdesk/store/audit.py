"""The audit trail: every change of every replicated row — when, on which PC, for
which department, and each field's old → new value — read from row_history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from ipdesk.store.clock import hlc_time
from ipdesk.store.schema import DEPARTMENT_TABLES


@dataclass(frozen=True)
class Change:
    when: datetime
    site_id: str
    department: str  # the department the row belongs to; 协调员 for plan rows
    table: str
    row_id: str
    field: str
    old: object
    new: object


def changes(
    db: sqlite_utils.Database, *, table: str | None = None, row_id: str | None = None
) -> list[Change]:
    """Field-level changes in history order (oldest first).

    A row's first revision lists each field as new (old None); a tombstone is a
    change of the field `deleted`.
    """
    where, params = [], []
    if table:
        where.append("h.tbl = ?")
        params.append(table)
    if row_id:
        where.append("h.row_id = ?")
        params.append(row_id)
    sql = (
        "SELECT h.tbl, h.row_id, h.site_id, h.hlc, h.deleted, h.data, p.deleted, p.data"
        " FROM row_history h LEFT JOIN row_history p ON p.rev_id = h.parent_rev_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY h.hlc, h.rev_id"
    )
    names = {r[0]: r[1] for r in db.execute("SELECT id, short_name FROM departments")}
    result = []
    for tbl, rid, site, hlc, deleted, data, old_deleted, old_data in db.execute(sql, params):
        new = json.loads(data)
        old = json.loads(old_data) if old_data else {}
        dept = names.get(new.get("department_id"), "") if tbl in DEPARTMENT_TABLES else "协调员"
        when = hlc_time(hlc)
        for field, value in new.items():
            if old_data is None or old.get(field) != value:
                result.append(Change(when, site, dept, tbl, rid, field, old.get(field), value))
        if old_data is not None and bool(old_deleted) != bool(deleted):
            result.append(
                Change(when, site, dept, tbl, rid, "deleted", bool(old_deleted), bool(deleted))
            )
    return result
