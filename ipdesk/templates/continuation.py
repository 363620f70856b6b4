"""The next plan carries on from the last one (`--continue-from OLD.ipdesk`).

From the old master — opened read-only, so it stays byte for byte as it was — the
new plan takes, by name: the departments with their liaison contacts (all of them:
the district's list outlives a plan), the default assignments of tasks the new
document names without departments, and for every indicator whose name matches an
old one, the old plan's final value as its base; that figure, with the old plan's
name, code and target, is kept in previous_figures for the acceptance sheet."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.reader.departments import aliases


def _name_key(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’、，,（）()《》]", "", text)


def _task_key(title: str, text: str) -> str:
    return _name_key(title) if title else _name_key(text)[:60]


def read_old_plan(path: str | Path) -> dict[str, Any]:
    """What a new plan can take from an old master, read without changing it."""
    from ipdesk.read.indicators import load_indicators
    from ipdesk.store.files import file_meta, open_readonly

    db = open_readonly(path)
    try:
        if not file_meta(db).is_master:
            raise BadInput(
                message("continuation.department_file_not_master", name=Path(path).name),
            )
        plan = db.execute("SELECT name FROM plan WHERE deleted = 0").fetchone()
        departments = [
            dict(r)
            for r in db.query(
                "SELECT id, code, name, short_name, kind, is_coordinator, contact_name,"
                " contact_phone, contact_email FROM departments WHERE deleted = 0 ORDER BY sort"
            )
        ]
        names = {d["id"]: d["name"] for d in departments}
        tasks: dict[str, dict[str, list[str]]] = {}
        for row in db.query(
            "SELECT t.title, t.text, a.role, a.department_id FROM tasks t"
            " JOIN assignments a ON a.task_id = t.id AND a.deleted = 0 WHERE t.deleted = 0"
            " ORDER BY t.sort"
        ):
            entry = tasks.setdefault(_task_key(row["title"], row["text"]), {"lead": [], "co": []})
            entry[row["role"]].append(names[row["department_id"]])
        indicators = []
        for ind in load_indicators(db):
            latest = max(ind.entries, key=lambda e: (e.period.end, e.period.start), default=None)
            indicators.append(
                {
                    "code": ind.code,
                    "name": ind.name,
                    "unit": ind.unit,
                    "target": ind.target,
                    "comparator": ind.comparator,
                    "kind": ind.kind,
                    "final": ind.current,
                    "as_of": str(latest.period) if latest else None,
                    "departments": [names[d] for d in ind.departments if d in names],
                    "designated": names.get(ind.designated or ""),
                }
            )
        return {
            "name": plan[0] if plan else "",
            "departments": departments,
            "tasks": tasks,
            "indicators": indicators,
        }
    finally:
        db.close()


def _each_task(t: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every task of a template: tasks with their subtasks, activities, safeguards."""
    for task in t["tasks"]:
        yield task
        stack = list(task.get("subtasks", []))
        while stack:
            sub = stack.pop(0)
            yield sub
            stack.extend(sub.get("subtasks", []))
    for phase in t["phases"]:
        yield from phase["activities"]
    yield from t["safeguards"]


def continue_from(
    template: dict[str, Any], old: dict[str, Any], reader_departments: list[str]
) -> Callable[[sqlite_utils.Database], None]:
    """Change `template` (made by ipdesk.reader.to_template) to carry the old plan
    over; returns what to do once the master's rows exist (previous_figures)."""
    old_by_key: dict[str, dict[str, Any]] = {}
    for d in old["departments"]:
        for k in aliases(d["name"]) + aliases(d["short_name"]):
            old_by_key.setdefault(k, d)
    new_rows = template["departments"]
    # The coordinator is the old plan's unless the document names departments only.
    old_coordinator = next((d for d in old["departments"] if d["is_coordinator"]), None)
    placeholder = [d for d in new_rows if d["coordinator"] and d["name"] not in reader_departments]
    code_map: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    used_codes = {d["code"] for d in old["departments"]}
    for d in old["departments"]:
        rows.append(
            {
                "code": d["code"],
                "name": d["name"],
                "short": d["short_name"],
                "kind": d["kind"],
                "coordinator": bool(d["is_coordinator"]),
                "contact_name": d["contact_name"],
                "contact_phone": d["contact_phone"],
                "contact_email": d["contact_email"],
            }
        )
    for d in new_rows:
        match = next((old_by_key[k] for k in aliases(d["name"]) if k in old_by_key), None)
        if match is None and d in placeholder and old_coordinator is not None:
            match = old_coordinator
        if match is not None:
            code_map[d["code"]] = match["code"]
            continue
        code = d["code"]
        while code in used_codes:
            code = "n" + code
        used_codes.add(code)
        code_map[d["code"]] = code
        rows.append(
            {**d, "code": code, "coordinator": False if old_coordinator else d["coordinator"]}
        )
    template["departments"] = rows
    name_to_code = {r["name"]: r["code"] for r in rows}

    def remap(codes: list[str]) -> list[str]:
        return list(dict.fromkeys(code_map.get(c, c) for c in codes))

    for task in _each_task(template):
        if "lead" not in task:
            continue
        task["lead"], task["co"] = remap(task["lead"]), remap(task["co"])
        if not task["lead"] and not task["co"]:
            default = old["tasks"].get(_task_key(task.get("title", ""), task.get("text", "")))
            if default:
                task["lead"] = [name_to_code[n] for n in default["lead"] if n in name_to_code]
                task["co"] = [name_to_code[n] for n in default["co"] if n in name_to_code]
    old_inds = {_name_key(i["name"]): i for i in old["indicators"]}
    carried: list[tuple[str, dict[str, Any]]] = []
    coordinator_code = next((r["code"] for r in rows if r["coordinator"]), None)
    for ind in template["indicators"]:
        ind["departments"] = remap(ind["departments"])
        ind["designated"] = code_map.get(ind["designated"], ind["designated"])
        previous = old_inds.get(_name_key(ind["name"]))
        if previous is None:
            continue
        ind["baseline"] = previous["final"]
        if ind["departments"] == [coordinator_code] and previous["departments"]:
            ind["departments"] = [
                name_to_code[n] for n in previous["departments"] if n in name_to_code
            ]
            designated = previous["designated"]
            ind["designated"] = name_to_code.get(designated or "", ind["departments"][0])
        carried.append((ind["code"], previous))

    def write_previous_figures(db: sqlite_utils.Database) -> None:
        ids = dict(db.execute("SELECT code, id FROM indicators WHERE deleted = 0").fetchall())
        db.conn.executemany(
            "INSERT INTO previous_figures (indicator_id, plan_name, code, name, unit, target,"
            " comparator, final_value, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    ids[code],
                    old["name"],
                    p["code"],
                    p["name"],
                    p["unit"],
                    p["target"],
                    p["comparator"],
                    p["final"],
                    p["as_of"],
                )
                for code, p in carried
            ],
        )

    return write_previous_figures
