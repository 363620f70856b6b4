"""What a file brings, row by row and field by field (the merge center's preview).

Collected inside the merge's transaction, after classification, guards and the merged
rows are known and before anything is written, so "old" is the target as it is and
"new" what the merge would make of it. Each entry is a plain dict:

    table, row_id, what (task / indicator code, milestone, file name or period),
    department (short name), period, field, old, new,
    status: "new" | "changed" | "conflict" | "quarantined",
    reason (words, for a quarantined row), draft (the file did not submit the period).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ipdesk.merge.classify import Shape
from ipdesk.messages import Message

APPLIED = ("new", "ff", "concurrent", "take")
SHOWN = (*APPLIED, "foreign", "forged")

WHAT = {
    "progress_reports": "(SELECT code FROM main.tasks WHERE id = i.task_id)",
    "indicator_values": "(SELECT code FROM main.indicators WHERE id = i.indicator_id)",
    "milestone_actuals": "(SELECT name FROM main.milestones WHERE id = i.milestone_id)",
    "evidence": "i.file_name",
    "submissions": "i.period",
    "tasks": "i.code",
    "indicators": "i.code",
    "departments": "i.short_name",
    "phases": "i.code",
    "sections": "i.code",
    "milestones": "i.name",
    "assignments": "(SELECT code FROM main.tasks WHERE id = i.task_id)",
    "indicator_departments": "(SELECT code FROM main.indicators WHERE id = i.indicator_id)",
    "indicator_milestones": "(SELECT code FROM main.indicators WHERE id = i.indicator_id)",
    "plan": "i.short_name",
}


def collect(conn: sqlite3.Connection, shape: Shape, import_id: int | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    conflicted = {
        (t, r, f)
        for t, r, f in conn.execute(
            "SELECT tbl, row_id, field FROM main.conflicts WHERE import_id IS ?", [import_id]
        )
    }
    tables = [r[0] for r in conn.execute("SELECT DISTINCT tbl FROM temp.cls")]
    for table in tables:
        cols = [c.name for c in shape.data[table]] + ["deleted"]
        has = set(shape.columns[table])
        period = "i.period" if "period" in has else "NULL"
        dept = (
            "(SELECT short_name FROM main.departments WHERE id = i.department_id)"
            if "department_id" in has
            else "NULL"
        )
        draft = (
            "NOT EXISTS (SELECT 1 FROM inc.submissions s WHERE s.department_id = i.department_id"
            " AND s.period = i.period AND s.state IN ('submitted', 'approved') AND s.deleted = 0)"
            if "period" in has and "department_id" in has and table != "submissions"
            else "0"
        )
        merged = (
            f"LEFT JOIN temp.out_{table} o ON o.id = c.id" if _exists(conn, f"out_{table}") else ""
        )
        new_side = [f"o.{c}" if merged else "NULL" for c in cols]
        marks = ", ".join(f"'{s}'" for s in SHOWN)
        rows = conn.execute(
            f"""SELECT c.id, c.class, c.reason_code, c.reason, {WHAT.get(table, "NULL")},
                {dept}, {period}, {draft}, m.id IS NULL,
                {", ".join(f"i.{c}" for c in cols)}, {", ".join(f"m.{c}" for c in cols)},
                {", ".join(new_side)}
            FROM temp.cls c JOIN inc.{table} i ON i.id = c.id
            LEFT JOIN main.{table} m ON m.id = c.id {merged}
            WHERE c.tbl = ? AND c.class IN ({marks})
            AND (c.reason_code IS NOT NULL OR c.class IN ('new', 'ff', 'concurrent', 'take'))""",
            [table],
        ).fetchall()
        n = len(cols)
        for row in rows:
            rid, klass, code, reason, what, department, per, is_draft, fresh = row[:9]
            incoming, current, result = row[9 : 9 + n], row[9 + n : 9 + 2 * n], row[9 + 2 * n :]
            quarantined = code is not None
            target = result if klass == "concurrent" and not quarantined else incoming
            for k, column in enumerate(cols):
                old, new = current[k], target[k]
                conflict = not quarantined and (table, rid, column) in conflicted
                if conflict:
                    new = incoming[k]  # what the file brings (the merge keeps both sides)
                if fresh:
                    if column == "deleted" or new in (None, ""):
                        continue
                elif old == new:
                    continue
                status = "new" if fresh else "changed"
                if quarantined:
                    status = "quarantined"
                elif conflict:
                    status = "conflict"
                out.append(
                    {
                        "table": table,
                        "row_id": rid,
                        "what": what,
                        "department": department,
                        "period": per,
                        "field": column,
                        "old": old,
                        "new": new,
                        "status": status,
                        "reason": Message.loads(reason) if reason else "",
                        "draft": bool(is_draft),
                    }
                )
    return out


def _exists(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
        is not None
    )
