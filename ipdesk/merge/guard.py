"""Who may change what, judged by the receiving file (DESIGN.md §4, docs/security.md).

Runs after ipdesk.merge.classify inside the merge's transaction, and marks in temp.cls
every incoming row that must not be applied (reason_code, reason); ipdesk.merge.apply
writes the rest and keeps the marked ones in the quarantine list.

In a master:
- a plan row or another department's row that differs from the master is never
  applied, whatever its revision chain says (guard_foreign);
- the department's own rows are applied only where the master's plan lets the
  department write them: its own department, a task assigned to it, an indicator it
  reports, a period not approved (neither the incoming row's nor the master's), an
  identity (task, indicator, milestone, department, period, evidence file) that is
  not changed, no approval, return or review reason of its own making (guard_own);
- and only when they pass the entry rules every edit passes (guard_entries: the same
  function, ipdesk.plan.entry.row_problem, as the window and the command line, run on
  the file when it is checked: entry_problems).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence

from ipdesk.merge.classify import Shape, same
from ipdesk.messages import Message, bilingual, label, zh
from ipdesk.plan import entry
from ipdesk.plan.codes import display_code
from ipdesk.store.schema import DEPARTMENT_TABLES, MUTABLE_COLUMNS, key_columns

# Unique keys other than id (a new row must not collide with an existing one).
NATURAL_KEYS = {
    "progress_reports": ("task_id", "department_id", "period"),
    "milestone_actuals": ("milestone_id", "department_id"),
    "indicator_values": ("indicator_id", "department_id", "period"),
    "submissions": ("department_id", "period"),
}


def _message(code: str, **params: str) -> str:
    """SQL for a message (ipdesk.messages) as stored: its code and parameters, each
    parameter an SQL expression."""
    pairs = "".join(f", '{k}', {v}" for k, v in params.items())
    return f"json_object('code', '{code}', 'params', json_object({pairs[2:]}))"


def _constant(value: Message | list[Message]) -> str:
    """SQL for a message (or a list of them) known before the statement runs."""
    data = value.to_json() if isinstance(value, Message) else [m.to_json() for m in value]
    return "json('" + json.dumps(data, ensure_ascii=False).replace("'", "''") + "')"


def _key_words(keys: tuple[str, ...]) -> list[Message]:
    """The words for a row's identity columns (task, period …), each once."""
    words = [Message(f"key.{k}") if f"key.{k}" in zh.WORDS else bilingual(k, k) for k in keys]
    return list(dict.fromkeys(words))


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
    """The task's code as the document writes it (三（一）1), for the reason's words."""
    return f"ipdesk_display_code(coalesce((SELECT code FROM main.tasks WHERE id = {task}), '?'))"


def _approved(period: str) -> str:
    return (
        f"({period} IS NOT NULL AND EXISTS (SELECT 1 FROM main.submissions s WHERE"
        f" s.department_id = :dept AND s.period = {period} AND s.state = 'approved'"
        " AND s.deleted = 0))"
    )


def _stamp(side: str, column: str) -> str:
    return f"coalesce(json_extract({side}.stamps, '$.{column}'), '')"


def _rules(table: str) -> list[tuple[str, str, str]]:
    """(code, condition, reason) for an own row the file may not change, in order."""
    name = "(SELECT short_name FROM main.departments WHERE id = m.department_id)"
    rules = [
        (
            "changed_department",
            "m.id IS NOT NULL AND m.department_id IS NOT i.department_id",
            _message("quarantine.changed_department", department=name),
        )
    ]
    keys = key_columns(table)
    moved = " OR ".join(f"m.{k} IS NOT i.{k}" for k in keys)
    rules.append(
        (
            "key_changed",
            f"m.id IS NOT NULL AND ({moved})",
            _message("quarantine.key_changed", keys=_constant(_key_words(keys))),
        )
    )
    not_assigned = _message("quarantine.not_assigned", task="{code}", department=":dname")
    not_reporting = _message("quarantine.not_reporting", department=":dname", indicator="{code}")
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
                _message("quarantine.review_state"),
            )
        )
        # The return reason and review time are the coordinator's: a department's
        # file may carry them as the coordinator wrote them, never with its own words.
        own_words = " OR ".join(
            f"(NOT {same(f'i.{c}', f'm.{c}')} AND {_stamp('i', c)} >= {_stamp('m', c)})"
            for c in ("reason", "reviewed_at")
        )
        rules.append(
            (
                "review_fields",
                f"(m.id IS NULL AND (i.reason <> '' OR i.reviewed_at IS NOT NULL))"
                f" OR (m.id IS NOT NULL AND ({own_words}))",
                _message("quarantine.review_fields"),
            )
        )
    if table != "milestone_actuals":
        rules.append(
            (
                "approved",
                f"{_approved('i.period')} OR {_approved('m.period')}",
                _message("quarantine.approved", period="coalesce(m.period, i.period)"),
            )
        )
    if table in NATURAL_KEYS:
        match = " AND ".join(f"x.{k} = i.{k}" for k in NATURAL_KEYS[table])
        rules.append(
            (
                "duplicate",
                f"m.id IS NULL AND EXISTS (SELECT 1 FROM main.{table} x WHERE {match} AND x.id <> i.id)",
                _message("quarantine.duplicate"),
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


OWN_CLASSES = ("new", "ff", "concurrent")


def guard_own(conn: sqlite3.Connection, dept: str, dept_name: str) -> None:
    """Quarantine own rows the file may not change, judged by the target's plan."""
    conn.create_function("ipdesk_display_code", 1, display_code, deterministic=True)
    for table in candidates(conn, OWN_CLASSES, "= 'own'"):
        rules = _rules(table)
        code = "CASE " + " ".join(f"WHEN {c} THEN '{k}'" for k, c, _ in rules) + " END"
        rows = f"FROM inc.{table} i LEFT JOIN main.{table} m ON m.id = i.id WHERE i.id = cls.id"
        conn.execute(
            f"""UPDATE temp.cls SET reason_code = (SELECT {code} {rows})
            WHERE tbl = '{table}' AND scope = 'own' AND class IN ('new', 'ff', 'concurrent')""",
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


def entry_problems(
    conn: sqlite3.Connection,
    dept: str,
    frame: entry.PlanFrame,
    indicator_kinds: Mapping[str, str],
) -> list[tuple[str, str, str]]:
    """(table, row id, problem) of each of `dept`'s rows in the file on `conn` that
    breaks the entry rules — text in a number column, a period the plan does not have, a
    megabyte of text, an unsafe evidence file name… — judged by the receiving file's plan
    (`frame`) and its indicators' kinds. Found when the file is checked
    (ipdesk.merge.check), on the checked copy the merge then attaches."""
    found = []
    shape = Shape.of(conn)
    for table in DEPARTMENT_TABLES:
        columns = [c.name for c in shape.data[table]]
        listed = ", ".join(["id", "department_id", *columns])
        for row in conn.execute(f"SELECT {listed} FROM {table} WHERE department_id = ?", [dept]):
            values = dict(zip(columns, row[2:], strict=True))
            kind = indicator_kinds.get(values.get("indicator_id") or "")
            problem = entry.row_problem(table, values, frame, indicator_kind=kind)
            if problem is not None:
                words = {"code": problem.code, "rule": problem.words.to_json()}
                found.append((table, row[0], json.dumps(words, ensure_ascii=False)))
    return found


def guard_entries(conn: sqlite3.Connection, problems: Sequence[tuple[str, str, str]]) -> None:
    """Quarantine own rows that break the entry rules, with the rule they broke (found
    when the file was checked: `entry_problems`). The rest of the file is applied."""
    if not problems:
        return
    conn.execute(
        "CREATE TEMP TABLE entry_problems (tbl TEXT, id TEXT, p TEXT, PRIMARY KEY (tbl, id))"
    )
    conn.executemany("INSERT INTO temp.entry_problems VALUES (?, ?, ?)", problems)
    conn.execute(
        f"""UPDATE temp.cls SET reason_code = 'invalid_' || json_extract(q.p, '$.code'),
            reason = {_message("quarantine.invalid", rule="json(json_extract(q.p, '$.rule'))")}
        FROM temp.entry_problems q
        WHERE cls.tbl = q.tbl AND cls.id = q.id AND cls.scope = 'own'
        AND cls.reason_code IS NULL AND cls.class IN ('new', 'ff', 'concurrent')"""
    )


def guard_stamps(conn: sqlite3.Connection) -> None:
    """Quarantine own rows whose stamps are not a JSON object of text stamps (the
    merge reads them; nothing IPDesk writes looks otherwise)."""
    for table in candidates(conn, OWN_CLASSES, "= 'own'"):
        conn.execute(
            f"""UPDATE temp.cls SET reason_code = 'invalid_stamps',
                reason = {_message("quarantine.invalid_stamps")}
            WHERE tbl = '{table}' AND scope = 'own' AND reason_code IS NULL
            AND class IN ('new', 'ff', 'concurrent')
            AND id IN (SELECT i.id FROM inc.{table} i WHERE NOT json_valid(i.stamps)
                OR (CASE WHEN json_valid(i.stamps) THEN json_type(i.stamps) END) IS NOT 'object'
                OR EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(i.stamps)
                    THEN i.stamps ELSE '{{}}' END) j
                    WHERE j.type NOT IN ('text', 'integer') OR length(j.value) > 64))"""
        )


def guard_foreign(conn: sqlite3.Connection, shape: Shape) -> None:
    """In a master: every plan or other-department row the file changes is quarantined."""
    for table in candidates(conn, ("new", "foreign", "forged"), "<> 'own'"):
        words = _constant(label("table", table))
        if table in DEPARTMENT_TABLES:
            who = "coalesce((SELECT short_name FROM main.departments WHERE id = i.department_id), '?')"
            code = "'other_department'"
            text = _message("quarantine.other_department", department=who, table=words)
        elif table == "indicators":
            target_changed = f"m.id IS NOT NULL AND NOT {same('m.target', 'i.target', True)}"
            code = f"CASE WHEN {target_changed} THEN 'target_changed' ELSE 'plan_changed' END"
            changed = _message(
                "quarantine.target_changed",
                indicator="i.code",
                name="i.name",
                old="m.target",
                new="i.target",
            )
            plan = _message("quarantine.plan_changed", table=words)
            text = f"CASE WHEN {target_changed} THEN {changed} ELSE {plan} END"
        else:
            code = "'plan_changed'"
            text = _message("quarantine.plan_changed", table=words)
        conn.execute(
            f"""UPDATE temp.cls SET reason_code = q.code, reason = q.reason
            FROM (SELECT i.id AS id, {code} AS code, {text} AS reason
                  FROM temp.cls c JOIN inc.{table} i ON i.id = c.id
                  LEFT JOIN main.{table} m ON m.id = i.id
                  WHERE c.tbl = '{table}' AND c.scope <> 'own'
                  AND c.class IN ('new', 'foreign', 'forged')) AS q
            WHERE cls.tbl = '{table}' AND cls.id = q.id"""
        )


assert set(MUTABLE_COLUMNS) == set(DEPARTMENT_TABLES)


# ------------------------------------------------------------------ drafts are drafts

PERIOD_TABLES = ("progress_reports", "indicator_values", "evidence")


def _submitted(schema: str, period: str, states: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM {schema}.submissions s WHERE s.department_id = :dept"
        f" AND s.period = {period} AND s.state IN ({states}) AND s.deleted = 0)"
    )


def guard_drafts(conn: sqlite3.Connection, dept: str) -> None:
    """A submitted report is never overridden by a draft (a copy of the department
    file that was exported without submitting the period). Where the target holds the
    period as submitted and the file as a draft, the target's rows stay whole and the
    draft's different values are kept as conflicts; where the file submitted what the
    target holds as a draft, the file's rows are taken whole. A draft's new rows in a
    submitted period are quarantined (kept, not applied)."""
    for table in candidates(conn, OWN_CLASSES, "= 'own'") & set(PERIOD_TABLES):
        rows = f"FROM inc.{table} i WHERE i.id = cls.id"
        inc_sub = _submitted("inc", "i.period", "'submitted', 'approved'")
        main_sub = _submitted("main", "i.period", "'submitted'")
        conn.execute(
            f"""UPDATE temp.cls SET favour = (SELECT CASE
                    WHEN {main_sub} AND NOT {inc_sub} THEN 'master'
                    WHEN {inc_sub} AND NOT {main_sub} THEN 'incoming' END {rows})
            WHERE tbl = '{table}' AND scope = 'own' AND class = 'concurrent'
            AND reason_code IS NULL""",
            {"dept": dept},
        )
        conn.execute(
            f"""UPDATE temp.cls SET reason_code = 'draft_after_submit',
                reason = (SELECT {_message("quarantine.draft_after_submit", period="i.period")} {rows})
            WHERE tbl = '{table}' AND scope = 'own' AND class = 'new' AND reason_code IS NULL
            AND (SELECT {main_sub} AND NOT {inc_sub} {rows})""",
            {"dept": dept},
        )


def draft_periods(conn: sqlite3.Connection, dept: str) -> list[str]:
    """The periods the file brings rows for without having submitted them."""
    found: set[str] = set()
    inc_sub = _submitted("inc", "i.period", "'submitted', 'approved'")
    for table in PERIOD_TABLES:
        found.update(
            r[0]
            for r in conn.execute(
                f"""SELECT DISTINCT i.period FROM temp.cls c JOIN inc.{table} i ON i.id = c.id
                WHERE c.tbl = '{table}' AND c.scope = 'own'
                AND c.class IN ('new', 'ff', 'concurrent') AND i.period IS NOT NULL
                AND NOT {inc_sub}""",
                {"dept": dept},
            )
        )
    return sorted(found)
