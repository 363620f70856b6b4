"""Classifying and merging the rows of one attached incoming file, in SQL.

Everything here runs on one connection inside the caller's `BEGIN IMMEDIATE`, with the
checked copy attached read-only as `inc`. Work tables live in `temp`. No Python loop
touches rows: each step is one statement per table (DESIGN.md §4 "Set-based").

Rows of the incoming file fall into three scopes:
  own    rows of the department tables with the file's department_id;
  other  rows of the department tables of other departments;
  plan   rows of the coordinator's tables.
Ownership is decided before ancestry: in a master, a row of another scope that differs
from the master is never applied, whatever its revision chain claims (ipdesk.merge.guard
quarantines it); only the department's own rows are walked for ancestry. Each changed
row falls into a class:
  new         the target has no such row;
  stale       the incoming revision is already in the target's history (an old file);
  ff          the target's revision is an ancestor of the incoming one (fast-forward);
  concurrent  both sides changed the row since a common ancestor: merged per field;
  foreign     a plan or other department's row the file changed (in a master);
  forged      same revision, different content (changed outside IPDesk; plan/other);
  take        the issuing master is the authority for it (the way back);
(rows at the same revision with the same content are left out at once). Then
ipdesk.merge.guard decides what may be applied and ipdesk.merge.apply writes it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from ipdesk.messages import zh
from ipdesk.store.schema import (
    DEPARTMENT_TABLES,
    MUTABLE_COLUMNS,
    PLAN_TABLES,
    REPLICATED_TABLES,
    STAMPS,
)

# The tables' words (table.NAME in ipdesk/messages), in Chinese for the row labels.
TABLE_ZH = {k.split(".", 1)[1]: v for k, v in zh.WORDS.items() if k.startswith("table.")}
# Unique keys other than id (a new row must not collide with an existing one).
NATURAL_KEYS = {
    "progress_reports": ("task_id", "department_id", "period"),
    "milestone_actuals": ("milestone_id", "department_id"),
    "indicator_values": ("indicator_id", "department_id", "period"),
    "submissions": ("department_id", "period"),
}
WIN = "((i.hlc, i.site_id, i.rev_id) > (m.hlc, m.site_id, m.rev_id))"


@dataclass(frozen=True)
class Column:
    name: str
    real: bool
    default: str  # SQL literal of the column's default ('NULL' when none)
    mutable: bool = True  # False for a department row's identity (task, period, …)


@dataclass
class Shape:
    """The columns of every replicated table, read from the target connection."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    data: dict[str, list[Column]] = field(default_factory=dict)

    @classmethod
    def of(cls, conn: sqlite3.Connection) -> Shape:
        shape = cls()
        for table in REPLICATED_TABLES:
            info = conn.execute(f"PRAGMA main.table_info({table})").fetchall()
            shape.columns[table] = [r[1] for r in info]
            mutable = MUTABLE_COLUMNS.get(table)
            shape.data[table] = [
                Column(
                    r[1],
                    (r[2] or "").upper() == "REAL",
                    r[4] if r[4] is not None else "NULL",
                    mutable is None or r[1] in mutable,
                )
                for r in info[7:]
                if r[1] != STAMPS
            ]
        return shape

    def stamped(self, table: str) -> bool:
        return STAMPS in self.columns[table]


def same(a: str, b: str, real: bool = False) -> str:
    """SQL: a and b hold the same value (reals within 1e-9, as JSON snapshots round)."""
    if real:
        return (
            f"(({a}) IS ({b}) OR coalesce(abs(({a}) - ({b})) <= 1e-9 * max(abs({a}), abs({b})), 0))"
        )
    return f"(({a}) IS ({b}))"


def base_value(col: Column, alias: str = "b") -> str:
    """The common ancestor's value; with no ancestor, the column's default (a row
    created on both sides then merges like an edit of an empty row)."""
    return (
        f"(CASE WHEN {alias}.rev_id IS NULL THEN {col.default}"
        f" ELSE json_extract({alias}.data, '$.{col.name}') END)"
    )


def _scope_sql(table: str) -> str:
    return (
        "'plan'"
        if table in PLAN_TABLES
        else "(CASE WHEN i.department_id = :dept THEN 'own' ELSE 'other' END)"
    )


def create_work_tables(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.cls")
    conn.execute(
        "CREATE TEMP TABLE cls (tbl TEXT NOT NULL, id TEXT NOT NULL, scope TEXT NOT NULL,"
        " class TEXT NOT NULL, inc_rev TEXT NOT NULL, cur_rev TEXT, base_rev TEXT,"
        " cur_stamps TEXT, walked INTEGER NOT NULL DEFAULT 0, favour TEXT,"
        " reason_code TEXT, reason TEXT, PRIMARY KEY (tbl, id)) WITHOUT ROWID"
    )
    for name in ("edges", "anc_inc", "anc_cur", "bases", "undone"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
    # Revisions brought only by imports that were undone since: to the merge they are
    # as if never seen, so a file merged again after its undo applies again.
    # (Without any undone import there are none: the common case, and no need to read
    # every revision every import brought.)
    conn.execute(
        """CREATE TEMP TABLE undone AS SELECT x.rev_id FROM main.import_revisions x
        JOIN main.imports m ON m.id = x.import_id
        WHERE EXISTS (SELECT 1 FROM main.imports WHERE undone_at IS NOT NULL)
        GROUP BY x.rev_id HAVING min(m.undone_at IS NOT NULL) = 1"""
    )
    conn.execute("CREATE UNIQUE INDEX temp.undone_rev ON undone (rev_id)")
    for table in REPLICATED_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.out_{table}")
    conn.execute("CREATE TEMP TABLE bases (rev_id TEXT PRIMARY KEY, deleted INTEGER, data TEXT)")


def drop_work_tables(conn: sqlite3.Connection) -> None:
    for name in (
        "cls",
        "edges",
        "anc_inc",
        "anc_cur",
        "bases",
        "undone",
        "new_revs",
        "entry_problems",
        *(f"out_{t}" for t in REPLICATED_TABLES),
    ):
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


# ------------------------------------------------------------------ classification


def classify_own(conn: sqlite3.Connection, dept: str) -> None:
    """The department's own rows that differ from the target: new, ff (the usual
    case: the incoming revision's only parent is the target's), stale or pending."""
    for table in DEPARTMENT_TABLES:
        conn.execute(
            f"""INSERT INTO temp.cls (tbl, id, scope, class, inc_rev, cur_rev, cur_stamps)
            SELECT '{table}', i.id, 'own',
                CASE WHEN m.id IS NULL THEN 'new'
                     WHEN i.parent_rev_id = m.rev_id AND i.merged_rev_id IS NULL THEN 'ff'
                     WHEN EXISTS (SELECT 1 FROM main.row_history h WHERE h.rev_id = i.rev_id)
                          AND NOT EXISTS (SELECT 1 FROM temp.undone u WHERE u.rev_id = i.rev_id)
                          THEN 'stale'
                     ELSE 'pending' END,
                i.rev_id, m.rev_id, m.stamps
            FROM inc.{table} i LEFT JOIN main.{table} m ON m.id = i.id
            WHERE i.department_id = :dept AND m.rev_id IS NOT i.rev_id""",
            {"dept": dept},
        )


def classify_foreign(conn: sqlite3.Connection, shape: Shape, dept: str, *, take: bool) -> None:
    """Plan rows and other departments' rows that differ from the target.

    In a master they are `new`, `stale`, `foreign` or `forged` (all but stale are then
    quarantined, whatever their revision chain says); in a department file receiving an
    issued file they are `take`.
    """
    for table in REPLICATED_TABLES:
        terms = [same("m.deleted", "i.deleted")]
        terms += [same(f"m.{c.name}", f"i.{c.name}", c.real) for c in shape.data[table]]
        if shape.stamped(table):
            terms.append(same("m.stamps", "i.stamps"))
        differs = "NOT (" + " AND ".join(terms) + ")"
        where = "" if table in PLAN_TABLES else "i.department_id <> :dept AND "
        kind = (
            "'take'"
            if take
            else """CASE WHEN m.id IS NULL THEN 'new'
                     WHEN m.rev_id = i.rev_id THEN 'forged'
                     WHEN EXISTS (SELECT 1 FROM main.row_history h WHERE h.rev_id = i.rev_id)
                          THEN 'stale'
                     ELSE 'foreign' END"""
        )
        conn.execute(
            f"""INSERT INTO temp.cls (tbl, id, scope, class, inc_rev, cur_rev)
            SELECT '{table}', i.id, {_scope_sql(table)}, {kind}, i.rev_id, m.rev_id
            FROM inc.{table} i LEFT JOIN main.{table} m ON m.id = i.id
            WHERE {where}(m.id IS NULL OR m.rev_id IS NOT i.rev_id OR {differs})""",
            {"dept": dept},
        )


def resolve_ancestry(conn: sqlite3.Connection) -> int:
    """Split the pending own rows into fast-forwards and concurrent edits, and find
    each concurrent row's common ancestor. Returns the number of concurrent rows."""
    if not conn.execute(
        "SELECT 1 FROM temp.cls WHERE class = 'pending' AND scope = 'own' LIMIT 1"
    ).fetchone():
        return 0
    conn.execute(
        "CREATE TEMP TABLE edges (rev_id TEXT NOT NULL, parent TEXT NOT NULL,"
        " into_undone INTEGER NOT NULL)"
    )
    for source in ("inc", "main"):
        for link in ("parent_rev_id", "merged_rev_id"):
            conn.execute(
                f"""INSERT INTO temp.edges SELECT h.rev_id, h.{link},
                    EXISTS (SELECT 1 FROM temp.undone u WHERE u.rev_id = h.{link})
                FROM temp.cls c JOIN {source}.row_history h ON h.tbl = c.tbl AND h.row_id = c.id
                WHERE c.class = 'pending' AND h.{link} IS NOT NULL"""
            )
    conn.execute("CREATE INDEX temp.edges_rev ON edges (rev_id)")
    _walk(conn, "anc_inc", "inc_rev", "pending")
    conn.execute(
        """UPDATE temp.cls SET walked = 1, class = CASE WHEN EXISTS (
            SELECT 1 FROM temp.anc_inc a WHERE a.tbl = cls.tbl AND a.id = cls.id
            AND a.rev = cls.cur_rev) THEN 'ff' ELSE 'concurrent' END
        WHERE class = 'pending'"""
    )
    concurrent = conn.execute(
        "SELECT count(*) FROM temp.cls WHERE class = 'concurrent'"
    ).fetchone()[0]
    if not concurrent:
        return 0
    # The target's own line of descent does not pass through undone revisions.
    _walk(conn, "anc_cur", "cur_rev", "concurrent", skip_undone=True)
    # The common ancestor nearest to both: the shared one with the greatest clock.
    conn.execute(
        """UPDATE temp.cls SET base_rev = (
            SELECT a.rev FROM temp.anc_inc a
            JOIN temp.anc_cur b ON b.tbl = a.tbl AND b.id = a.id AND b.rev = a.rev
            WHERE a.tbl = cls.tbl AND a.id = cls.id
            ORDER BY coalesce((SELECT hlc FROM main.row_history WHERE rev_id = a.rev),
                              (SELECT hlc FROM inc.row_history WHERE rev_id = a.rev)) DESC,
                     a.rev DESC
            LIMIT 1)
        WHERE class = 'concurrent'"""
    )
    for source in ("main", "inc"):
        conn.execute(
            f"""INSERT OR IGNORE INTO temp.bases SELECT h.rev_id, h.deleted, h.data
            FROM temp.cls c JOIN {source}.row_history h ON h.rev_id = c.base_rev
            WHERE c.class = 'concurrent'"""
        )
    return concurrent


def _walk(
    conn: sqlite3.Connection, name: str, start: str, klass: str, *, skip_undone: bool = False
) -> None:
    conn.execute(
        f"""CREATE TEMP TABLE {name} AS
        WITH RECURSIVE w(tbl, id, rev) AS (
            SELECT tbl, id, {start} FROM temp.cls WHERE class = '{klass}'
            UNION
            SELECT w.tbl, w.id, e.parent FROM w JOIN temp.edges e ON e.rev_id = w.rev
            {"WHERE NOT e.into_undone" if skip_undone else ""})
        SELECT tbl, id, rev FROM w"""
    )
    conn.execute(f"CREATE INDEX temp.{name}_key ON {name} (tbl, id, rev)")
