"""The import log and undoing one import (`ipdesk imports`, `ipdesk undo-import`).

Undo writes new revisions; it never rewinds history. A row still at the revision the
import wrote gets its state from before the import back (a row the import created
becomes a tombstone). A row changed again later keeps the later changes: only the
fields the import changed and nothing changed since are put back; a field the import
changed and a later edit changed again keeps the later value and is recorded as a
conflict (origin 'undo') so the coordinator can still choose the old value. Everything
the import changed is put back, a department's submission and its rows in a period
approved since included (the coordinator's approval itself was not the import's change,
so it stays; the report counts those rows so they can be reviewed again). The later
imports stay as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput, NotAllowed
from ipdesk.merge.classify import Shape, same
from ipdesk.merge.engine import backup_target, open_target
from ipdesk.messages import Message, message
from ipdesk.store import clock, health, lock
from ipdesk.store.schema import DEPARTMENT_TABLES, REPLICATED_TABLES


@dataclass
class UndoReport:
    import_id: int
    file_name: str
    restored: int = 0  # rows put back as they were before the import
    partial: int = 0  # rows changed again since: only the untouched fields put back
    conflicts: int = 0  # fields kept at a later value (recorded as conflicts)
    approved: int = 0  # rows put back in a period the coordinator approved since

    def text(self) -> str:
        return (
            f"已撤销导入 #{self.import_id}（{self.file_name}）：恢复 {self.restored} 行，部分恢复"
            f" {self.partial} 行，冲突 {self.conflicts} 处"
            + (f"；其中 {self.approved} 行属于已审核通过的期间，请复核" if self.approved else "")
            + f" / undid import #{self.import_id} ({self.file_name}): {self.restored} rows"
            f" restored, {self.partial} partly, {self.conflicts} conflicts"
            + (
                f"; {self.approved} of them in approved periods: review them"
                if self.approved
                else ""
            )
        )


def list_imports(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every import, newest first, with its department, counts and warnings."""
    cursor = db.execute(
        """SELECT i.id, i.file_name, i.file_sha256, d.code, d.short_name, i.kind, i.merged_at,
            i.new_rows, i.changed_rows, i.stale_rows, i.conflict_count, i.quarantined_rows,
            i.warnings, i.undone_at, i.source_made_at,
            (SELECT count(*) FROM import_changes c WHERE c.import_id = i.id)
        FROM imports i LEFT JOIN departments d ON d.id = i.department_id ORDER BY i.id DESC"""
    )
    keys = (
        "id",
        "file",
        "sha256",
        "department",
        "department_name",
        "kind",
        "merged_at",
        "new",
        "changed",
        "stale",
        "conflicts",
        "quarantined",
        "warnings",
        "undone_at",
        "made_at",
        "rows",
    )
    out = []
    for row in cursor.fetchall():
        entry = dict(zip(keys, row, strict=True))
        entry["warnings"] = [Message.from_json(w) for w in json.loads(entry["warnings"] or "[]")]
        out.append(entry)
    return out


def undo_import(target_path: str | Path, import_id: int) -> UndoReport:
    """Undo one import in its own transaction, after a verified backup.

    Raises:
        BadInput: no such import.
        NotAllowed: it was undone already.
        FileRefused: the target cannot be opened or is locked.
    """
    target_path = Path(target_path)
    with lock.exclusive(target_path, "undo"):
        report = _undo_import(target_path, import_id)
    health.mark_unverified(target_path)  # a bulk change, as a merge: check it whole again
    return report


def _undo_import(target_path: Path, import_id: int) -> UndoReport:
    db = open_target(target_path)
    conn = db.conn
    try:
        row = conn.execute(
            "SELECT file_name, undone_at FROM imports WHERE id = ?", [import_id]
        ).fetchone()
        if row is None:
            raise BadInput(
                message("undo.there_no_import_ipdesk", import_id=import_id),
            )
        if row[1]:
            raise NotAllowed(
                message("undo.import_was_already_undone", import_id=import_id, value=row[1]),
            )
        report = UndoReport(import_id, row[0])
        backup_target(conn, target_path, "before-undo")
        shape = Shape.of(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            last = conn.execute("SELECT hlc_last FROM file_meta").fetchone()[0]
            hlc = clock.next_hlc(last)
            conn.execute("UPDATE file_meta SET hlc_last = ?", [hlc])
            for table in REPLICATED_TABLES:
                _undo_table(conn, shape, table, import_id, hlc, report)
            now = clock.now_text()
            conn.execute(
                "UPDATE conflicts SET resolved_side = 'undone', resolved_at = ?"
                " WHERE import_id = ? AND origin = 'merge' AND resolved_side IS NULL",
                [now, import_id],
            )
            conn.execute("UPDATE imports SET undone_at = ? WHERE id = ?", [now, import_id])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return report
    finally:
        db.close()


def _undo_table(
    conn, shape: Shape, table: str, import_id: int, hlc: str, report: UndoReport
) -> None:
    if not conn.execute(
        "SELECT 1 FROM import_changes WHERE import_id = ? AND tbl = ? LIMIT 1", [import_id, table]
    ).fetchone():
        return
    data = shape.data[table]
    selected = [
        "ch.row_id AS id",
        "m.rev_id AS cur_rev",
        "m.rev_id = ch.rev_after AS untouched",
        "ipdesk_uuid7() AS new_rev",
        "ch.rev_before AS rev_before",
        "ch.stamps_before AS stamps_before",
    ]
    differs = []
    for col in data:
        before = (
            f"(CASE WHEN ch.rev_before IS NULL THEN m.{col.name}"
            f" ELSE json_extract(hb.data, '$.{col.name}') END)"
        )
        after = f"json_extract(ha.data, '$.{col.name}')"
        current = f"m.{col.name}"
        selected.append(
            f"CASE WHEN NOT {same(after, before, col.real)} AND {same(current, after, col.real)}"
            f" THEN {before} ELSE {current} END AS {col.name}"
        )
        selected.append(
            f"NOT {same(after, before, col.real)} AND NOT {same(current, after, col.real)}"
            f" AND NOT {same(current, before, col.real)} AS later_{col.name}"
        )
        selected.append(f"{before} AS before_{col.name}")
        differs.append(f"NOT {same('u.' + col.name, 'm.' + col.name, col.real)}")
    before_del = "(CASE WHEN ch.rev_before IS NULL THEN 1 ELSE hb.deleted END)"
    selected.append(
        f"CASE WHEN ha.deleted <> {before_del} AND m.deleted = ha.deleted"
        f" THEN {before_del} ELSE m.deleted END AS deleted"
    )
    locked = "0"
    if table in DEPARTMENT_TABLES and table != "milestone_actuals":
        locked = (
            "EXISTS (SELECT 1 FROM submissions s WHERE s.department_id = m.department_id"
            " AND s.period = m.period AND s.state = 'approved' AND s.deleted = 0)"
        )
    selected.append(f"{locked} AS locked")
    conn.execute(f"DROP TABLE IF EXISTS temp.undo_{table}")
    conn.execute(
        f"""CREATE TEMP TABLE undo_{table} AS SELECT {", ".join(selected)}
        FROM import_changes ch JOIN main.{table} m ON m.id = ch.row_id
        LEFT JOIN row_history hb ON hb.rev_id = ch.rev_before
        JOIN row_history ha ON ha.rev_id = ch.rev_after
        WHERE ch.import_id = ? AND ch.tbl = '{table}'""",
        [import_id],
    )
    report.approved += conn.execute(
        f"SELECT count(*) FROM temp.undo_{table} WHERE locked"
    ).fetchone()[0]
    # Fields a later change replaced: kept, and offered to the coordinator as conflicts.
    for col in data:
        conn.execute(
            f"""INSERT INTO conflicts (import_id, origin, tbl, row_id, field, master_value,
                incoming_value, master_rev, incoming_rev, master_site, incoming_site, master_hlc,
                incoming_hlc, merged_rev, default_side)
            SELECT :imp, 'undo', '{table}', u.id, '{col.name}', m.{col.name}, u.before_{col.name},
                m.rev_id, coalesce(ch.rev_before, ''), m.site_id, coalesce(hb.site_id, ''),
                m.hlc, coalesce(hb.hlc, ''), u.new_rev, 'master'
            FROM temp.undo_{table} u JOIN main.{table} m ON m.id = u.id
            JOIN import_changes ch ON ch.import_id = :imp AND ch.tbl = '{table}' AND ch.row_id = u.id
            LEFT JOIN row_history hb ON hb.rev_id = ch.rev_before
            WHERE u.later_{col.name}""",
            {"imp": import_id},
        )
    report.conflicts = conn.execute(
        "SELECT count(*) FROM conflicts WHERE import_id = ? AND origin = 'undo'", [import_id]
    ).fetchone()[0]
    changed = " OR ".join(differs + ["u.deleted <> m.deleted"])
    counts = conn.execute(
        f"""SELECT count(*) FILTER (WHERE u.untouched), count(*) FILTER (WHERE NOT u.untouched)
        FROM temp.undo_{table} u JOIN main.{table} m ON m.id = u.id
        WHERE ({changed})"""
    ).fetchone()
    report.restored += counts[0]
    report.partial += counts[1]
    sets = ", ".join(f"{c.name} = u.{c.name}" for c in data)
    parent = "m.rev_id"
    if shape.stamped(table):
        # The fields put back carry the stamps they had before the import (recorded
        # with it), so the import's own writes are newer again: merging the same file
        # again, or a newer one, takes them as if the import had never happened. A row
        # the import made becomes a tombstone older than anything. Imports recorded
        # before stamps were kept: the fields put back are written by the undo.
        names = ", ".join(
            f"CASE WHEN NOT {same('u.' + c.name, 'm.' + c.name, c.real)} THEN '{c.name}' END"
            for c in data
        )
        sets += (
            ", stamps = CASE"
            " WHEN u.untouched AND u.rev_before IS NULL THEN '{\"del\":1}'"
            " WHEN u.untouched AND u.stamps_before IS NOT NULL THEN u.stamps_before"
            f" WHEN u.stamps_before IS NOT NULL THEN ipdesk_unstamp('{table}', m.stamps,"
            f" u.stamps_before, m.deleted, u.deleted, {names})"
            f" ELSE ipdesk_restamp('{table}', m.stamps, ipdesk_stamp(:hlc, u.new_rev),"
            f" m.deleted, u.deleted, {names}) END"
        )
        # A row put back whole descends from its revision before the import, not from
        # the import's: the import's revisions are then as if never seen.
        parent = "CASE WHEN u.untouched AND u.stamps_before IS NOT NULL THEN u.rev_before"
        parent += " WHEN u.untouched AND u.rev_before IS NULL THEN NULL ELSE m.rev_id END"
    conn.execute(
        f"""UPDATE main.{table} AS m SET {sets}, deleted = u.deleted, rev_id = u.new_rev,
            parent_rev_id = {parent}, merged_rev_id = NULL, site_id = :site, hlc = :hlc
        FROM temp.undo_{table} u WHERE m.id = u.id AND ({changed})""",
        {"site": clock.site_id(), "hlc": hlc},
    )
    conn.execute(f"DROP TABLE temp.undo_{table}")
