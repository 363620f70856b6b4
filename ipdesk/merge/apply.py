"""Writing the rows of one incoming file that may be applied (DESIGN.md §4).

Runs after ipdesk.merge.classify and ipdesk.merge.guard, inside the merge's
transaction, set-based: one statement per table.

**Concurrent rows are merged field by field, the later write winning.** Each field a
department may change carries a stamp (the clock and revision of the write that set
it, ipdesk.store.rows.new_stamps); the merged row takes every field from the side with
the later stamp, and keeps that stamp. A field changed on one side only has the later
stamp on that side (its clock runs after the common ancestor's), so this is the usual
three-way merge; a field changed on both sides is a conflict, recorded with both values,
and the later write is the default. Because a field's outcome depends only on the
stamps, not on which file came first, merging the files of any number of PCs in any
order and grouping gives the same rows; and the merged revision's id is made from its
content, so it is the same too. A delete is a write of its own: the row stays deleted
unless an edit the delete had not seen (stamped later than everything the delete saw)
arrives, in which case the edit wins and the delete is offered as a conflict.

Rows written before stamps existed have none; between two of those the three-way
rule with the older tie-break (the later revision's clock) still decides.
"""

from __future__ import annotations

import sqlite3

from ipdesk.merge.classify import Column, Shape, base_value, same
from ipdesk.store.schema import DEPARTMENT_TABLES, REPLICATED_TABLES

WIN = "((i.hlc, i.site_id, i.rev_id) > (m.hlc, m.site_id, m.rev_id))"
CONCURRENT = "c.class = 'concurrent' AND c.reason_code IS NULL"


def _changed_any(side: str, cols: list[Column]) -> str:
    return (
        "("
        + " OR ".join(f"NOT {same(f'{side}.{c.name}', base_value(c), c.real)}" for c in cols)
        + ")"
    )


def _stamp(side: str, key: str) -> str:
    return f"coalesce(json_extract({side}.stamps, '$.{key}'), '')"


def _three_way(col: Column) -> str:
    """The field's value by the three-way rule (rows without stamps)."""
    b, mi, ii = base_value(col), f"m.{col.name}", f"i.{col.name}"
    return (
        f"CASE WHEN {same(ii, b, col.real)} THEN {mi} WHEN {same(mi, b, col.real)} THEN {ii}"
        f" WHEN {same(mi, ii, col.real)} THEN {mi} WHEN {WIN} THEN {ii} ELSE {mi} END"
    )


def _three_way_deleted(data: list[Column]) -> str:
    i_chg, m_chg = _changed_any("i", data), _changed_any("m", data)
    bd = "(CASE WHEN b.rev_id IS NULL THEN 0 ELSE b.deleted END)"
    return (
        f"CASE WHEN i.deleted = m.deleted THEN m.deleted"
        f" WHEN i.deleted = {bd} AND NOT {i_chg} THEN m.deleted"
        f" WHEN m.deleted = {bd} AND NOT {m_chg} THEN i.deleted ELSE 0 END"
    )


def _later(key: str, on_i: str, on_m: str, tie: str) -> str:
    """The value of the side whose stamp for `key` is later; `tie` when equal."""
    ist, mst = _stamp("i", key), _stamp("m", key)
    return f"(CASE WHEN {ist} > {mst} THEN {on_i} WHEN {mst} > {ist} THEN {on_m} ELSE {tie} END)"


def _merged_fields(shape: Shape, table: str) -> tuple[list[str], str, str]:
    """SQL for the merged data columns (in order), the merged `deleted`, the stamps."""
    data = shape.data[table]
    if not shape.stamped(table):
        return [_three_way(c) for c in data], _three_way_deleted(data), ""
    values, stamps, field_stamps = [], [], []
    for col in data:
        if not col.mutable:
            values.append(f"m.{col.name}")  # the identity never changes (guard)
            continue
        values.append(_later(col.name, f"i.{col.name}", f"m.{col.name}", _three_way(col)))
        merged = f"max({_stamp('i', col.name)}, {_stamp('m', col.name)})"
        field_stamps.append(merged)
        stamps.append(f"'{col.name}', nullif({merged}, '')")
    flag_i = "coalesce(json_extract(i.stamps, '$.del'), i.deleted)"
    flag_m = "coalesce(json_extract(m.stamps, '$.del'), m.deleted)"
    wanted = _later("deleted", flag_i, flag_m, _three_way_deleted(data))
    seen = f"max({_stamp('i', 'seen')}, {_stamp('m', 'seen')})"
    newest_edit = f"max('', {', '.join(field_stamps)})"
    deleted = f"(CASE WHEN {wanted} = 1 AND NOT ({newest_edit} > {seen}) THEN 1 ELSE 0 END)"
    stamps += [
        f"'deleted', nullif(max({_stamp('i', 'deleted')}, {_stamp('m', 'deleted')}), '')",
        f"'del', {wanted}",
        f"'seen', nullif({seen}, '')",
    ]
    return values, deleted, f"json_patch('{{}}', json_object({', '.join(stamps)}))"


def _favoured(column: str, merged: str) -> str:
    """A submitted report is never overridden by a draft (ipdesk.merge.guard.favour):
    the favoured side's whole row, else the field-by-field merge."""
    return (
        f"(CASE c.favour WHEN 'master' THEN m.{column} WHEN 'incoming' THEN i.{column}"
        f" ELSE {merged} END)"
    )


def merged_rows(conn: sqlite3.Connection, shape: Shape, table: str, site: str) -> None:
    """temp.out_<table>: the concurrent rows, merged field by field. (Fast-forwards,
    new and taken rows are written straight from the incoming file.) Made before the
    conflicts are recorded, which compare with it."""
    cols = shape.columns[table]
    listed = ", ".join(cols)
    conn.execute(f"DROP TABLE IF EXISTS temp.out_{table}")
    conn.execute(f"CREATE TEMP TABLE out_{table} AS SELECT {listed} FROM main.{table} WHERE 0")
    values, deleted, stamps = _merged_fields(shape, table)
    merged = {
        "id": "c.id",
        "rev_id": "''",  # made from the content below
        "parent_rev_id": "min(m.rev_id, i.rev_id)",
        "merged_rev_id": "max(m.rev_id, i.rev_id)",
        "site_id": ":site",  # the PC that merged
        "hlc": "max(m.hlc, i.hlc)",
        "deleted": deleted,
    }
    for col, value in zip(shape.data[table], values, strict=True):
        merged[col.name] = _favoured(col.name, value)
    merged["deleted"] = _favoured("deleted", deleted)
    if stamps:
        merged["stamps"] = _favoured("stamps", stamps)
    conn.execute(
        f"""INSERT INTO temp.out_{table} ({", ".join(merged)})
        SELECT {", ".join(merged.values())}
        FROM temp.cls c JOIN inc.{table} i ON i.id = c.id JOIN main.{table} m ON m.id = c.id
        LEFT JOIN temp.bases b ON b.rev_id = c.base_rev
        WHERE c.tbl = '{table}' AND {CONCURRENT}""",
        {"site": site},
    )
    content = ", ".join(["deleted", *(c.name for c in shape.data[table])])
    if stamps:
        content += ", stamps"
    conn.execute(
        f"UPDATE temp.out_{table} SET rev_id = ipdesk_content_rev('{table}', id, {content})"
    )


def applied_tables(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Table → classes of the rows to write."""
    found: dict[str, set[str]] = {}
    for table, klass in conn.execute(
        "SELECT DISTINCT tbl, CASE WHEN class = 'take' AND cur_rev IS NULL THEN 'new' ELSE class END"
        " FROM temp.cls WHERE reason_code IS NULL AND class IN ('new', 'ff', 'concurrent', 'take')"
    ):
        found.setdefault(table, set()).add(klass)
    return found


def record_conflicts(conn: sqlite3.Connection, shape: Shape, table: str, import_id: int) -> None:
    """One conflicts row per field both sides changed to different values (and per
    delete that met an edit), with the default the merge wrote (temp.out_<table>)."""
    data = shape.data[table]
    joins = (
        f"FROM temp.cls c JOIN inc.{table} i ON i.id = c.id JOIN main.{table} m ON m.id = c.id"
        f" JOIN temp.out_{table} o ON o.id = c.id"
        " LEFT JOIN temp.bases b ON b.rev_id = c.base_rev"
        f" WHERE c.tbl = '{table}' AND {CONCURRENT}"
    )
    head = (
        "INSERT INTO main.conflicts (import_id, tbl, row_id, field, master_value,"
        " incoming_value, master_rev, incoming_rev, master_site, incoming_site, master_hlc,"
        " incoming_hlc, merged_rev, default_side) "
    )
    common = "m.rev_id, i.rev_id, m.site_id, i.site_id, m.hlc, i.hlc, o.rev_id"
    parts = []
    for col in data:
        b, mi, ii = base_value(col), f"m.{col.name}", f"i.{col.name}"
        # Both sides changed the field differently; or a draft lost to a submitted
        # report a field it changed.
        cond = (
            f"NOT {same(ii, b, col.real)} AND NOT {same(mi, ii, col.real)}"
            f" AND (NOT {same(mi, b, col.real)} OR c.favour IS NOT NULL)"
        )
        side = f"CASE WHEN {same(f'o.{col.name}', ii, col.real)} THEN 'incoming' ELSE 'master' END"
        parts.append(
            f"SELECT :imp, '{table}', c.id, '{col.name}', {mi}, {ii}, {common}, {side}"
            f" {joins} AND {cond}"
        )
    i_chg, m_chg = _changed_any("i", data), _changed_any("m", data)
    bd = "(CASE WHEN b.rev_id IS NULL THEN 0 ELSE b.deleted END)"
    parts.append(
        f"SELECT :imp, '{table}', c.id, 'deleted', m.deleted, i.deleted, {common},"
        f" CASE WHEN o.deleted = i.deleted THEN 'incoming' ELSE 'master' END {joins}"
        f" AND i.deleted <> m.deleted AND NOT (i.deleted = {bd} AND NOT {i_chg})"
        f" AND NOT (m.deleted = {bd} AND NOT {m_chg})"
    )
    for part in parts:
        conn.execute(head + part, {"imp": import_id})


def write_rows(
    conn: sqlite3.Connection, shape: Shape, tables: dict[str, set[str]], import_id: int
) -> None:
    """Copy the incoming history the target lacks for the rows taken, their evidence
    files, then write every row (the history triggers record the new revisions) and
    log each with its revision before and after. Concurrent rows come from
    temp.out_<table> (merged_rows, called before).

    A direct fast-forward needs no history copied: its only parent is the target's
    revision and the trigger records the new one. New rows, longer chains and
    concurrent rows bring the revisions between, which later files may descend from."""
    conn.execute(
        """INSERT OR IGNORE INTO main.row_history
            (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
        SELECT h.rev_id, h.tbl, h.row_id, h.parent_rev_id, h.merged_rev_id, h.site_id, h.hlc,
            h.deleted, h.data
        FROM temp.cls c JOIN inc.row_history h ON h.tbl = c.tbl AND h.row_id = c.id
        WHERE c.scope = 'own' AND c.reason_code IS NULL
        AND (c.class IN ('new', 'concurrent') OR (c.class = 'ff' AND c.walked))
        AND (c.class = 'concurrent' OR h.rev_id <> c.inc_rev)
        AND NOT EXISTS (SELECT 1 FROM main.row_history x WHERE x.rev_id = h.rev_id)"""
    )
    if "evidence" in tables:
        conn.execute(
            "INSERT OR IGNORE INTO main.blobs (sha256, size, data) SELECT b.sha256, b.size, b.data"
            " FROM inc.blobs b WHERE b.sha256 IN (SELECT i.sha256 FROM temp.cls c"
            " JOIN inc.evidence i ON i.id = c.id WHERE c.tbl = 'evidence'"
            " AND c.reason_code IS NULL AND c.class IN ('new', 'ff', 'concurrent', 'take'))"
        )
    for table in REPLICATED_TABLES:
        classes = tables.get(table)
        if not classes:
            continue
        cols = shape.columns[table]
        listed = ", ".join(cols)
        # Plain UPDATE and INSERT, not an UPSERT: inside an UPSERT's DO UPDATE branch
        # SQLite lets the history trigger's INSERT OR IGNORE fail on a copied revision.
        updates = ", ".join(f"{c} = o.{c}" for c in cols[1:])
        picked = (
            f"temp.cls c JOIN inc.{table} i ON i.id = c.id WHERE c.tbl = '{table}'"
            " AND c.reason_code IS NULL"
        )
        if classes & {"ff", "take"}:
            conn.execute(
                f"""UPDATE main.{table} AS m SET {updates}
                FROM (SELECT {", ".join("i." + c for c in cols)} FROM {picked}
                      AND c.class IN ('ff', 'take') AND c.cur_rev IS NOT NULL) AS o
                WHERE m.id = o.id"""
            )
        if "new" in classes:
            conn.execute(
                f"""INSERT INTO main.{table} ({listed})
                SELECT {", ".join("i." + c for c in cols)} FROM {picked}
                AND c.class IN ('new', 'take') AND c.cur_rev IS NULL"""
            )
        if "concurrent" in classes:
            conn.execute(
                f"UPDATE main.{table} AS m SET {updates} FROM temp.out_{table} o WHERE m.id = o.id"
            )
        after = (
            f"(SELECT o.rev_id FROM temp.out_{table} o WHERE o.id = c.id)"
            if "concurrent" in classes
            else "NULL"
        )
        conn.execute(
            f"""INSERT INTO main.import_changes (import_id, tbl, row_id, action, rev_before,
                rev_after, stamps_before)
            SELECT :imp, '{table}', c.id,
                CASE WHEN c.cur_rev IS NULL THEN 'new' WHEN c.class = 'ff' THEN 'fast_forward'
                     WHEN c.class = 'concurrent' THEN 'merged' ELSE 'taken' END,
                c.cur_rev,
                CASE WHEN c.class = 'concurrent' THEN {after} ELSE c.inc_rev END, c.cur_stamps
            FROM temp.cls c WHERE c.tbl = '{table}' AND c.reason_code IS NULL
            AND c.class IN ('new', 'ff', 'concurrent', 'take')""",
            {"imp": import_id},
        )


def collect_new_revisions(conn: sqlite3.Connection) -> None:
    """temp.new_revs: the revisions this import brings that the target has not seen
    (or saw only through an import undone since). Made before the writes."""
    conn.execute("DROP TABLE IF EXISTS temp.new_revs")
    conn.execute(
        """CREATE TEMP TABLE new_revs AS SELECT DISTINCT h.rev_id
        FROM temp.cls c JOIN inc.row_history h ON h.tbl = c.tbl AND h.row_id = c.id
        WHERE c.reason_code IS NULL AND c.class IN ('new', 'ff', 'concurrent', 'take')
        AND (NOT EXISTS (SELECT 1 FROM main.row_history x WHERE x.rev_id = h.rev_id)
             OR EXISTS (SELECT 1 FROM temp.undone u WHERE u.rev_id = h.rev_id))"""
    )


def record_revisions(conn: sqlite3.Connection, tables: dict[str, set[str]], import_id: int) -> None:
    """Log which revisions the import brought (import_revisions), merged ones included,
    so that undoing it makes them unseen again."""
    conn.execute(
        "INSERT OR IGNORE INTO main.import_revisions (rev_id, import_id)"
        " SELECT rev_id, ? FROM temp.new_revs",
        [import_id],
    )
    for table, classes in tables.items():
        if "concurrent" in classes:
            conn.execute(
                "INSERT OR IGNORE INTO main.import_revisions (rev_id, import_id)"
                f" SELECT rev_id, ? FROM temp.out_{table}",
                [import_id],
            )


def _shown(column: str) -> str:
    """A quarantined value as JSON can hold it: bytes by their size, long text cut."""
    return (
        f"CASE typeof(i.{column}) WHEN 'blob' THEN '[' || length(i.{column}) || ' bytes]'"
        f" WHEN 'text' THEN substr(i.{column}, 1, 2000) ELSE i.{column} END"
    )


def record_quarantine(conn: sqlite3.Connection, shape: Shape, import_id: int) -> None:
    quarantined = {
        r[0]
        for r in conn.execute("SELECT DISTINCT tbl FROM temp.cls WHERE reason_code IS NOT NULL")
    }
    for table in quarantined:
        cols = shape.columns[table]
        snapshot = "json_object(" + ", ".join(f"'{c}', {_shown(c)}" for c in cols) + ")"
        dept = f"substr({_shown('department_id')}, 1, 64)" if table in DEPARTMENT_TABLES else "NULL"
        conn.execute(
            f"""INSERT INTO main.quarantine (import_id, tbl, row_id, rev_id, department_id,
                reason_code, message, data)
            SELECT :imp, '{table}', {_shown("id")}, {_shown("rev_id")}, {dept}, c.reason_code,
                c.reason, {snapshot}
            FROM temp.cls c JOIN inc.{table} i ON i.id = c.id
            WHERE c.tbl = '{table}' AND c.reason_code IS NOT NULL""",
            {"imp": import_id},
        )
