"""Classifying and merging the rows of one attached incoming file, in SQL.

Everything here runs on one connection inside the caller's `BEGIN IMMEDIATE`, with the
checked copy attached read-only as `inc`. Work tables live in `temp`. No Python loop
touches rows: each step is one statement per table (DESIGN.md §4 "Set-based").

Rows of the incoming file fall into three scopes:
  own    rows of the department tables with the file's department_id;
  other  rows of the department tables of other departments;
  plan   rows of the coordinator's tables.
and each changed row into a class:
  new         the target has no such row;
  stale       the incoming revision is already in the target's history (an old file);
  ff          the target's revision is an ancestor of the incoming one (fast-forward);
  concurrent  both sides changed the row since a common ancestor: merged per field;
  forged      same revision, different content (changed outside IPDesk; plan/other);
  take        the issuing master is the authority for it (the way back);
(rows at the same revision with the same content are left out at once).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from ipdesk.store.schema import DEPARTMENT_TABLES, PLAN_TABLES, REPLICATED_TABLES

TABLE_ZH = {
    "plan": "计划",
    "sections": "章节",
    "phases": "阶段",
    "departments": "单位",
    "tasks": "任务",
    "milestones": "里程碑",
    "assignments": "分工",
    "indicators": "指标",
    "indicator_departments": "指标填报单位",
    "indicator_milestones": "指标年度目标",
    "progress_reports": "进展报告",
    "milestone_actuals": "里程碑完成日期",
    "indicator_values": "指标数值",
    "evidence": "佐证材料",
    "submissions": "报送状态",
}
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
            shape.data[table] = [
                Column(r[1], (r[2] or "").upper() == "REAL", r[4] if r[4] is not None else "NULL")
                for r in info[7:]
            ]
        return shape


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
        " walked INTEGER NOT NULL DEFAULT 0,"
        " reason_code TEXT, reason TEXT, PRIMARY KEY (tbl, id)) WITHOUT ROWID"
    )
    for name in ("edges", "anc_inc", "anc_cur", "bases"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
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
        *(f"out_{t}" for t in REPLICATED_TABLES),
    ):
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


# ------------------------------------------------------------------ classification


def classify_own(conn: sqlite3.Connection, dept: str) -> None:
    """The department's own rows that differ from the target: new, ff (the usual
    case: the incoming revision's only parent is the target's), stale or pending."""
    for table in DEPARTMENT_TABLES:
        conn.execute(
            f"""INSERT INTO temp.cls (tbl, id, scope, class, inc_rev, cur_rev)
            SELECT '{table}', i.id, 'own',
                CASE WHEN m.id IS NULL THEN 'new'
                     WHEN i.parent_rev_id = m.rev_id AND i.merged_rev_id IS NULL THEN 'ff'
                     WHEN EXISTS (SELECT 1 FROM main.row_history h WHERE h.rev_id = i.rev_id)
                          THEN 'stale'
                     ELSE 'pending' END,
                i.rev_id, m.rev_id
            FROM inc.{table} i LEFT JOIN main.{table} m ON m.id = i.id
            WHERE i.department_id = :dept AND m.rev_id IS NOT i.rev_id""",
            {"dept": dept},
        )


def classify_foreign(conn: sqlite3.Connection, shape: Shape, dept: str, *, take: bool) -> None:
    """Plan rows and other departments' rows that differ from the target.

    In a master they are `new`, `stale`, `pending` or `forged` (all but stale are then
    quarantined); in a department file receiving an issued file they are `take`.
    """
    for table in REPLICATED_TABLES:
        cols = shape.data[table]
        differs = (
            "NOT ("
            + " AND ".join(
                [same("m.deleted", "i.deleted")]
                + [same(f"m.{c.name}", f"i.{c.name}", c.real) for c in cols]
            )
            + ")"
        )
        where = "" if table in PLAN_TABLES else "i.department_id <> :dept AND "
        kind = (
            "'take'"
            if take
            else """CASE WHEN m.id IS NULL THEN 'new'
                     WHEN m.rev_id = i.rev_id THEN 'forged'
                     WHEN EXISTS (SELECT 1 FROM main.row_history h WHERE h.rev_id = i.rev_id)
                          THEN 'stale'
                     ELSE 'pending' END"""
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
    if not conn.execute("SELECT 1 FROM temp.cls WHERE class = 'pending' LIMIT 1").fetchone():
        return 0
    conn.execute("CREATE TEMP TABLE edges (rev_id TEXT NOT NULL, parent TEXT NOT NULL)")
    for source in ("inc", "main"):
        for link in ("parent_rev_id", "merged_rev_id"):
            conn.execute(
                f"""INSERT INTO temp.edges SELECT h.rev_id, h.{link}
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
    _walk(conn, "anc_cur", "cur_rev", "concurrent")
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


def _walk(conn: sqlite3.Connection, name: str, start: str, klass: str) -> None:
    conn.execute(
        f"""CREATE TEMP TABLE {name} AS
        WITH RECURSIVE w(tbl, id, rev) AS (
            SELECT tbl, id, {start} FROM temp.cls WHERE class = '{klass}'
            UNION
            SELECT w.tbl, w.id, e.parent FROM w JOIN temp.edges e ON e.rev_id = w.rev)
        SELECT tbl, id, rev FROM w"""
    )
    conn.execute(f"CREATE INDEX temp.{name}_key ON {name} (tbl, id, rev)")


# ------------------------------------------------------------------ who may change what


def _assigned(task: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM main.assignments a WHERE a.task_id = {task}"
        " AND a.department_id = :dept AND a.deleted = 0)"
    )


def _reports(indicator: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM main.indicator_departments x WHERE x.indicator_id = {indicator}"
        " AND x.department_id = :dept AND x.deleted = 0)"
    )


def _task_code(task: str) -> str:
    return f"coalesce((SELECT code FROM main.tasks WHERE id = {task}), '?')"


def _rules(table: str) -> list[tuple[str, str, str]]:
    """(code, condition, reason) for an own row the file may not change, in order."""
    name = "(SELECT short_name FROM main.departments WHERE id = m.department_id)"
    rules = [
        (
            "changed_department",
            "m.id IS NOT NULL AND m.department_id IS NOT i.department_id",
            f"'该行在总表中属于' || {name} || '，不能改为本单位的内容，已隔离 / in the target this"
            f" row belongs to ' || {name} || '; the file cannot take it over; quarantined'",
        )
    ]
    not_assigned = (
        "'任务 ' || {code} || ' 未分配给' || :dname || '（以总表分工为准），该行未合并"
        " / task ' || {code} || ' is not assigned to ' || :dname || ' in the"
        " master; row not merged'"
    )
    not_reporting = (
        "''|| :dname || '不是指标 ' || {code} || ' 的填报单位（以总表为准），该行未合并 / '"
        " || :dname || ' does not report indicator ' || {code} || ' in the master;"
        " row not merged'"
    )
    ind_code = "coalesce((SELECT code FROM main.indicators WHERE id = i.indicator_id), '?')"
    if table == "progress_reports":
        rules.append(
            (
                "not_assigned",
                f"NOT {_assigned('i.task_id')}",
                not_assigned.format(code=_task_code("i.task_id")),
            )
        )
    if table == "milestone_actuals":
        task = "(SELECT task_id FROM main.milestones WHERE id = i.milestone_id)"
        rules.append(
            ("not_assigned", f"NOT {_assigned(task)}", not_assigned.format(code=_task_code(task)))
        )
    if table == "indicator_values":
        rules.append(
            (
                "not_reporting",
                f"NOT {_reports('i.indicator_id')}",
                not_reporting.format(code=ind_code),
            )
        )
    if table == "evidence":
        rules.append(
            (
                "not_assigned",
                f"i.task_id IS NOT NULL AND NOT {_assigned('i.task_id')}",
                not_assigned.format(code=_task_code("i.task_id")),
            )
        )
        rules.append(
            (
                "not_reporting",
                f"i.indicator_id IS NOT NULL AND NOT {_reports('i.indicator_id')}",
                not_reporting.format(code=ind_code),
            )
        )
    if table == "submissions":
        rules.append(
            (
                "review_state",
                "i.state NOT IN ('draft', 'submitted')",
                "'部门文件不能审核通过或退回报告，该行未合并 / a department file cannot"
                " approve or return a report; row not merged'",
            )
        )
    if table != "milestone_actuals":
        rules.append(
            (
                "approved",
                "i.period IS NOT NULL AND EXISTS (SELECT 1 FROM main.submissions s WHERE"
                " s.department_id = :dept AND s.period = i.period AND s.state = 'approved'"
                " AND s.deleted = 0)",
                "i.period || ' 的报告已审核通过并锁定，该行未合并（如需修改，请先退回）/ the report for '"
                " || i.period || ' is approved and locked; row not merged (return it first to"
                " change it)'",
            )
        )
    if table in NATURAL_KEYS:
        match = " AND ".join(f"x.{k} = i.{k}" for k in NATURAL_KEYS[table])
        rules.append(
            (
                "duplicate",
                f"m.id IS NULL AND EXISTS (SELECT 1 FROM main.{table} x WHERE {match} AND x.id <> i.id)",
                "'与总表中已有的记录重复（同一事项、单位和期间），该行未合并 / duplicates an existing"
                " row (same item, department and period); row not merged'",
            )
        )
    return rules


def candidates(conn: sqlite3.Connection, classes: tuple[str, ...], scope: str) -> set[str]:
    marks = ", ".join(f"'{c}'" for c in classes)
    return {
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT tbl FROM temp.cls WHERE class IN ({marks}) AND scope {scope}"
        )
    }


def guard_own(conn: sqlite3.Connection, dept: str, dept_name: str) -> None:
    """Quarantine own rows the file may not change, judged by the target's plan."""
    for table in candidates(conn, ("new", "ff", "concurrent"), "= 'own'"):
        rules = _rules(table)
        code = "CASE " + " ".join(f"WHEN {c} THEN '{k}'" for k, c, _ in rules) + " END"
        rows = f"FROM inc.{table} i LEFT JOIN main.{table} m ON m.id = i.id WHERE i.id = cls.id"
        conn.execute(
            f"""UPDATE temp.cls SET reason_code = (SELECT {code} {rows})
            WHERE tbl = '{table}' AND class IN ('new', 'ff', 'concurrent')""",
            {"dept": dept},
        )
        if conn.execute(
            "SELECT 1 FROM temp.cls WHERE tbl = ? AND reason_code IS NOT NULL LIMIT 1", [table]
        ).fetchone():
            text = (
                "CASE cls.reason_code "
                + " ".join(f"WHEN '{k}' THEN {r}" for k, _, r in rules)
                + " END"
            )
            conn.execute(
                f"""UPDATE temp.cls SET reason = (SELECT {text} {rows})
                WHERE tbl = '{table}' AND reason_code IS NOT NULL""",
                {"dept": dept, "dname": dept_name},
            )


def guard_foreign(conn: sqlite3.Connection, shape: Shape) -> None:
    """In a master: every plan or other-department row the file changes is quarantined."""
    for table in candidates(conn, ("new", "pending", "forged"), "<> 'own'"):
        zh = TABLE_ZH[table]
        if table in DEPARTMENT_TABLES:
            who = "coalesce((SELECT short_name FROM main.departments WHERE id = i.department_id), '?')"
            code = "'other_department'"
            text = (
                f"'部门文件包含' || {who} || '的数据（{zh}），已忽略（只能报送本单位的内容）/ the file"
                f" changes rows of ' || {who} || ' ({table}); ignored (a department sends only"
                " its own)'"
            )
        elif table == "indicators":
            target_changed = f"m.id IS NOT NULL AND NOT {same('m.target', 'i.target', True)}"
            code = f"CASE WHEN {target_changed} THEN 'target_changed' ELSE 'plan_changed' END"
            text = (
                f"CASE WHEN {target_changed} THEN '部门文件修改了指标目标值（' || i.code || ' '"
                " || i.name || '：' || m.target || ' → ' || i.target || '），已忽略 / the"
                " department file changed the target of indicator ' || i.code || ' (' ||"
                " m.target || ' → ' || i.target || '); ignored'"
                f" ELSE '部门文件修改了计划内容（{zh}），已忽略 / the department file changed the"
                f" plan ({table}); ignored' END"
            )
        else:
            code = "'plan_changed'"
            text = (
                f"'部门文件修改了计划内容（{zh}），已忽略 / the department file changed the"
                f" plan ({table}); ignored'"
            )
        conn.execute(
            f"""UPDATE temp.cls SET reason_code = q.code, reason = q.reason
            FROM (SELECT i.id AS id, {code} AS code, {text} AS reason
                  FROM temp.cls c JOIN inc.{table} i ON i.id = c.id
                  LEFT JOIN main.{table} m ON m.id = i.id
                  WHERE c.tbl = '{table}' AND c.scope <> 'own'
                  AND c.class IN ('new', 'pending', 'forged')) AS q
            WHERE cls.tbl = '{table}' AND cls.id = q.id"""
        )


# ------------------------------------------------------------------ the merged rows


def _changed_any(side: str, cols: list[Column]) -> str:
    return (
        "("
        + " OR ".join(f"NOT {same(f'{side}.{c.name}', base_value(c), c.real)}" for c in cols)
        + ")"
    )


def merged_rows(conn: sqlite3.Connection, shape: Shape, table: str, site: str) -> None:
    """temp.out_<table>: the concurrent rows, merged field by field. (Fast-forwards,
    new and taken rows are written straight from the incoming file.)"""
    cols = shape.columns[table]
    data = shape.data[table]
    listed = ", ".join(cols)
    conn.execute(f"CREATE TEMP TABLE out_{table} AS SELECT {listed} FROM main.{table} WHERE 0")
    i_chg, m_chg = _changed_any("i", data), _changed_any("m", data)
    bd = "(CASE WHEN b.rev_id IS NULL THEN 0 ELSE b.deleted END)"
    deleted = (
        f"CASE WHEN i.deleted = m.deleted THEN m.deleted"
        f" WHEN i.deleted = {bd} AND NOT {i_chg} THEN m.deleted"
        f" WHEN m.deleted = {bd} AND NOT {m_chg} THEN i.deleted ELSE 0 END"
    )
    merged = [
        "c.id",
        "ipdesk_merge_rev(m.rev_id, i.rev_id)",
        "min(m.rev_id, i.rev_id)",
        "max(m.rev_id, i.rev_id)",
        ":site",
        "ipdesk_hlc_after(m.hlc, i.hlc)",
        deleted,
    ]
    for col in data:
        b, mi, ii = base_value(col), f"m.{col.name}", f"i.{col.name}"
        merged.append(
            f"CASE WHEN {same(ii, b, col.real)} THEN {mi} WHEN {same(mi, b, col.real)} THEN {ii}"
            f" WHEN {same(mi, ii, col.real)} THEN {mi} WHEN {WIN} THEN {ii} ELSE {mi} END"
        )
    conn.execute(
        f"""INSERT INTO temp.out_{table} ({listed})
        SELECT {", ".join(merged)}
        FROM temp.cls c JOIN inc.{table} i ON i.id = c.id JOIN main.{table} m ON m.id = c.id
        LEFT JOIN temp.bases b ON b.rev_id = c.base_rev
        WHERE c.tbl = '{table}' AND c.class = 'concurrent' AND c.reason_code IS NULL""",
        {"site": site},
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
    delete that met an edit), with the default the merge wrote."""
    data = shape.data[table]
    joins = (
        f"FROM temp.cls c JOIN inc.{table} i ON i.id = c.id JOIN main.{table} m ON m.id = c.id"
        " LEFT JOIN temp.bases b ON b.rev_id = c.base_rev"
        f" WHERE c.tbl = '{table}' AND c.class = 'concurrent' AND c.reason_code IS NULL"
    )
    head = (
        "INSERT INTO main.conflicts (import_id, tbl, row_id, field, master_value,"
        " incoming_value, master_rev, incoming_rev, master_site, incoming_site, master_hlc,"
        " incoming_hlc, merged_rev, default_side) "
    )
    common = (
        "m.rev_id, i.rev_id, m.site_id, i.site_id, m.hlc, i.hlc,"
        " ipdesk_merge_rev(m.rev_id, i.rev_id)"
    )
    parts = []
    for col in data:
        b, mi, ii = base_value(col), f"m.{col.name}", f"i.{col.name}"
        cond = (
            f"NOT {same(ii, b, col.real)} AND NOT {same(mi, b, col.real)}"
            f" AND NOT {same(mi, ii, col.real)}"
        )
        parts.append(
            f"SELECT :imp, '{table}', c.id, '{col.name}', {mi}, {ii}, {common},"
            f" CASE WHEN {WIN} THEN 'incoming' ELSE 'master' END {joins} AND {cond}"
        )
    i_chg, m_chg = _changed_any("i", data), _changed_any("m", data)
    bd = "(CASE WHEN b.rev_id IS NULL THEN 0 ELSE b.deleted END)"
    parts.append(
        f"SELECT :imp, '{table}', c.id, 'deleted', m.deleted, i.deleted, {common},"
        f" CASE WHEN i.deleted = 0 THEN 'incoming' ELSE 'master' END {joins}"
        f" AND i.deleted <> m.deleted AND NOT (i.deleted = {bd} AND NOT {i_chg})"
        f" AND NOT (m.deleted = {bd} AND NOT {m_chg})"
    )
    for part in parts:
        conn.execute(head + part, {"imp": import_id})


def write_rows(
    conn: sqlite3.Connection, shape: Shape, tables: dict[str, set[str]], import_id: int, site: str
) -> None:
    """Copy the incoming history the target lacks for the rows taken, their evidence
    files, then write every row (the history triggers record the new revisions) and
    log each with its revision before and after.

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
            merged_rows(conn, shape, table, site)
            conn.execute(
                f"UPDATE main.{table} AS m SET {updates} FROM temp.out_{table} o WHERE m.id = o.id"
            )
        conn.execute(
            f"""INSERT INTO main.import_changes (import_id, tbl, row_id, action, rev_before, rev_after)
            SELECT :imp, '{table}', c.id,
                CASE WHEN c.cur_rev IS NULL THEN 'new' WHEN c.class = 'ff' THEN 'fast_forward'
                     WHEN c.class = 'concurrent' THEN 'merged' ELSE 'taken' END,
                c.cur_rev,
                CASE WHEN c.class = 'concurrent' THEN ipdesk_merge_rev(c.cur_rev, c.inc_rev)
                     ELSE c.inc_rev END
            FROM temp.cls c WHERE c.tbl = '{table}' AND c.reason_code IS NULL
            AND c.class IN ('new', 'ff', 'concurrent', 'take')""",
            {"imp": import_id},
        )


def record_quarantine(conn: sqlite3.Connection, shape: Shape, import_id: int) -> None:
    quarantined = {
        r[0]
        for r in conn.execute("SELECT DISTINCT tbl FROM temp.cls WHERE reason_code IS NOT NULL")
    }
    for table in quarantined:
        cols = shape.columns[table]
        snapshot = "json_object(" + ", ".join(f"'{c}', i.{c}" for c in cols) + ")"
        dept = "i.department_id" if table in DEPARTMENT_TABLES else "NULL"
        conn.execute(
            f"""INSERT INTO main.quarantine (import_id, tbl, row_id, rev_id, department_id,
                reason_code, reason, data)
            SELECT :imp, '{table}', i.id, i.rev_id, {dept}, c.reason_code, c.reason, {snapshot}
            FROM temp.cls c JOIN inc.{table} i ON i.id = c.id
            WHERE c.tbl = '{table}' AND c.reason_code IS NOT NULL""",
            {"imp": import_id},
        )
