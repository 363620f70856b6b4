"""Conflicts and quarantine after a merge (`ipdesk conflicts`, `resolve`, `quarantine`).

A conflict is one field two sides changed differently. The merge wrote a default
(the same whichever file came first) and kept both versions; the coordinator looks at
both, with who made each (department and PC) and when, and picks one. Picking writes
a new revision only when the row does not already hold the chosen value.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput, NotAllowed
from ipdesk.merge.classify import TABLE_ZH
from ipdesk.messages import Message, bilingual, message, zh
from ipdesk.store import authority, clock
from ipdesk.store.rows import get_row, write_row
from ipdesk.store.schema import data_columns


def column_label(column: str) -> Message:
    """A conflicting field's name in words (column.NAME in ipdesk/messages)."""
    return (
        Message(f"column.{column}") if f"column.{column}" in zh.WORDS else bilingual(column, column)
    )


@dataclass
class Conflict:
    id: int
    import_id: int
    origin: str
    table: str
    row_id: str
    row: str  # what the row is, in words: "3.2.1 · 2025Q3 · 区科技局"
    field: str
    field_label: Message
    master_value: Any
    incoming_value: Any
    master_site: str  # the PC, in words (pc_names)
    incoming_site: str
    master_time: str
    incoming_time: str
    department: str | None  # the incoming file's department (code)
    department_name: str | None
    file: str
    default_side: str
    default_value: Any
    resolved_side: str | None
    resolved_at: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _time(hlc: str) -> str:
    """A revision's clock as people read it: local date and time, to the minute."""
    if not hlc:
        return ""
    return clock.hlc_time(hlc).astimezone().strftime("%Y-%m-%d %H:%M")


def pc_names(db: sqlite_utils.Database) -> dict[str, str]:
    """site id → the PC in words: its department and the name its user gave it
    (“区科技局 · 张敏的电脑”), or the department and a short number; this PC is
    “本机”. Learnt from the files merged (the sites table)."""
    own = clock.site_id()
    names: dict[str, str] = {own: message("conflicts.this_pc")}
    for site, name, dept in db.execute(
        "SELECT s.site_id, s.name, d.short_name FROM sites s"
        " LEFT JOIN departments d ON d.id = s.department_id"
    ):
        if site == own:
            continue
        label = " · ".join(p for p in (dept, name) if p) or "电脑"
        names[site] = label if name else f"{label} · 电脑 {site[-4:]}"
    return names


def row_label(db: sqlite_utils.Database, table: str, row_id: str) -> str:
    """A row in words, for lists of conflicts and quarantined rows."""
    queries = {
        "progress_reports": "SELECT t.code, r.period, d.short_name FROM progress_reports r"
        " LEFT JOIN tasks t ON t.id = r.task_id"
        " LEFT JOIN departments d ON d.id = r.department_id WHERE r.id = ?",
        "indicator_values": "SELECT x.code, r.period, d.short_name FROM indicator_values r"
        " LEFT JOIN indicators x ON x.id = r.indicator_id"
        " LEFT JOIN departments d ON d.id = r.department_id WHERE r.id = ?",
        "milestone_actuals": "SELECT ms.name, d.short_name FROM milestone_actuals r"
        " LEFT JOIN milestones ms ON ms.id = r.milestone_id"
        " LEFT JOIN departments d ON d.id = r.department_id WHERE r.id = ?",
        "evidence": "SELECT r.file_name, r.period, d.short_name FROM evidence r"
        " LEFT JOIN departments d ON d.id = r.department_id WHERE r.id = ?",
        "submissions": "SELECT r.period, d.short_name FROM submissions r"
        " LEFT JOIN departments d ON d.id = r.department_id WHERE r.id = ?",
        "tasks": "SELECT code, title FROM tasks WHERE id = ?",
        "indicators": "SELECT code, name FROM indicators WHERE id = ?",
        "departments": "SELECT code, short_name FROM departments WHERE id = ?",
    }
    sql = queries.get(table)
    row = db.execute(sql, [row_id]).fetchone() if sql else None
    label = " · ".join(str(v) for v in row if v) if row else row_id[:8]
    return f"{TABLE_ZH.get(table, table)} {label}"


def list_conflicts(db: sqlite_utils.Database, open_only: bool = True) -> list[Conflict]:
    """The conflicts (open ones only unless `open_only` is False), oldest first."""
    where = "WHERE c.resolved_side IS NULL" if open_only else ""
    rows = db.execute(
        f"""SELECT c.id, c.import_id, c.origin, c.tbl, c.row_id, c.field, c.master_value,
            c.incoming_value, c.master_site, c.incoming_site, c.master_hlc, c.incoming_hlc,
            d.code, d.short_name, i.file_name, c.default_side, c.resolved_side, c.resolved_at
        FROM conflicts c JOIN imports i ON i.id = c.import_id
        LEFT JOIN departments d ON d.id = i.department_id {where} ORDER BY c.id"""
    ).fetchall()
    out = []
    names = pc_names(db)
    for (
        cid,
        imp,
        origin,
        table,
        row_id,
        fld,
        mval,
        ival,
        msite,
        isite,
        mhlc,
        ihlc,
        code,
        name,
        file_name,
        default,
        resolved,
        resolved_at,
    ) in rows:
        out.append(
            Conflict(
                cid,
                imp,
                origin,
                table,
                row_id,
                row_label(db, table, row_id),
                fld,
                column_label(fld),
                mval,
                ival,
                names.get(msite, f"电脑 {msite[-4:]}" if msite else ""),
                names.get(isite, f"电脑 {isite[-4:]}" if isite else ""),
                _time(mhlc),
                _time(ihlc),
                code,
                name,
                file_name,
                default,
                mval if default == "master" else ival,
                resolved,
                resolved_at,
            )
        )
    return out


def resolve_conflict(
    db: sqlite_utils.Database, conflict_id: int, take: str = "master"
) -> str | None:
    """Keep the master's or the incoming value of one conflict; returns the new
    revision written, or None when the row already held that value.

    Raises:
        BadInput: no such conflict or a bad `take`.
        NotAllowed: resolved already, or the row's period is approved (locked).
    """
    if take not in ("master", "incoming"):
        raise BadInput(message("conflicts.choose_master_incoming"))
    row = db.execute(
        "SELECT tbl, row_id, field, master_value, incoming_value, resolved_side FROM conflicts"
        " WHERE id = ?",
        [conflict_id],
    ).fetchone()
    if row is None:
        raise BadInput(
            message("conflicts.there_no_conflict_ipdesk", conflict_id=conflict_id),
        )
    table, row_id, fld, master_value, incoming_value, resolved = row
    if resolved:
        raise NotAllowed(
            message(
                "conflicts.conflict_was_already_resolved",
                conflict_id=conflict_id,
                resolved=resolved,
            ),
        )
    chosen = master_value if take == "master" else incoming_value
    current = get_row(db, table, row_id)
    if current is None:
        raise BadInput(message("conflicts.row_conflict_no_longer"))
    values = {c: current[c] for c in data_columns(table)}
    deleted = bool(current["deleted"])
    if fld == "deleted":
        deleted = bool(chosen)
    else:
        values[fld] = chosen
    with db.atomic():
        new_rev = None
        if values != {c: current[c] for c in data_columns(table)} or deleted != bool(
            current["deleted"]
        ):
            authority.check_write(db, table, values)
            write_row(db, table, values, row_id=row_id, deleted=deleted)
            written = get_row(db, table, row_id)
            new_rev = written["rev_id"] if written else None
        db.execute(
            "UPDATE conflicts SET resolved_side = ?, resolved_at = ?, resolved_rev = ? WHERE id = ?",
            [take, clock.now_text(), new_rev, conflict_id],
        )
    return new_rev


def reopen_conflict(db: sqlite_utils.Database, conflict_id: int) -> None:
    """Take back the resolution of a conflict (the window's 撤销): the field gets the
    value it held before it was resolved, as a new revision, and the conflict is open
    again.

    Raises:
        BadInput: no such conflict, or it is not resolved.
    """
    row = db.execute(
        "SELECT tbl, row_id, field, resolved_side, resolved_rev FROM conflicts WHERE id = ?",
        [conflict_id],
    ).fetchone()
    if row is None or row[3] not in ("master", "incoming"):
        raise BadInput(
            message("conflicts.conflict_not_resolved_there", conflict_id=conflict_id),
        )
    table, row_id, fld, _side, resolved_rev = row
    with db.atomic():
        if resolved_rev is not None:
            before = db.execute(
                "SELECT p.deleted, p.data FROM row_history h"
                " JOIN row_history p ON p.rev_id = h.parent_rev_id WHERE h.rev_id = ?",
                [resolved_rev],
            ).fetchone()
            current = get_row(db, table, row_id)
            if before is not None and current is not None:
                values = {c: current[c] for c in data_columns(table)}
                deleted = bool(current["deleted"])
                if fld == "deleted":
                    deleted = bool(before[0])
                else:
                    values[fld] = json.loads(before[1]).get(fld)
                authority.check_write(db, table, values)
                write_row(db, table, values, row_id=row_id, deleted=deleted)
        db.execute(
            "UPDATE conflicts SET resolved_side = NULL, resolved_at = NULL, resolved_rev = NULL"
            " WHERE id = ?",
            [conflict_id],
        )


def select_conflicts(
    db: sqlite_utils.Database, *, import_id: int | None = None, department: str | None = None
) -> list[int]:
    """The open conflicts of one import (file) or of one department's files."""
    where: list[str] = ["c.resolved_side IS NULL"]
    params: list[object] = []
    if import_id is not None:
        where.append("c.import_id = ?")
        params.append(import_id)
    if department is not None:
        where.append("i.department_id = ?")
        params.append(department)
    return [
        r[0]
        for r in db.execute(
            "SELECT c.id FROM conflicts c JOIN imports i ON i.id = c.import_id"
            f" WHERE {' AND '.join(where)} ORDER BY c.id",
            params,
        )
    ]


def resolve_many(db: sqlite_utils.Database, ids: list[int], take: str) -> list[str | None]:
    """Resolve several conflicts the same way (all from the file, or all the master's
    values) in one transaction: all of them, or — on any refusal — none."""
    with db.atomic():
        return [resolve_conflict(db, cid, take) for cid in ids]


def list_quarantine(
    db: sqlite_utils.Database, import_id: int | None = None
) -> list[dict[str, Any]]:
    """Rows files were not allowed to change, newest import first, with the reason."""
    where, params = ("WHERE q.import_id = ?", [import_id]) if import_id is not None else ("", [])
    rows = db.execute(
        f"""SELECT q.id, q.import_id, i.file_name, d.code, d.short_name, q.tbl, q.row_id,
            q.reason_code, q.message, q.data, i.merged_at,
            coalesce((SELECT code FROM tasks WHERE id = json_extract(q.data, '$.task_id')),
                     (SELECT code FROM indicators
                      WHERE id = json_extract(q.data, '$.indicator_id'))) AS item
        FROM quarantine q JOIN imports i ON i.id = q.import_id
        LEFT JOIN departments d ON d.id = i.department_id {where}
        ORDER BY q.import_id DESC, q.id""",
        params,
    ).fetchall()
    keys = (
        "id",
        "import_id",
        "file",
        "department",
        "department_name",
        "table",
        "row_id",
        "reason_code",
        "reason",
        "data",
        "merged_at",
        "item",  # the code of the task or indicator the row is about, if any
    )
    out = []
    for r in rows:
        entry = dict(zip(keys, r, strict=True))
        entry["data"] = json.loads(entry["data"])
        entry["reason"] = Message.loads(entry["reason"])
        entry["table_label"] = TABLE_ZH.get(entry["table"], entry["table"])
        out.append(entry)
    return out


def open_conflict_count(db: sqlite_utils.Database) -> int:
    """How many conflicts wait for the coordinator's decision."""
    return db.execute("SELECT count(*) FROM conflicts WHERE resolved_side IS NULL").fetchone()[0]
