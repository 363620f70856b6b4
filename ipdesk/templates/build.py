"""Creating a master file from a plan template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from ipdesk.plan.codes import code_key
from ipdesk.store import clock
from ipdesk.store.files import create_plan_file
from ipdesk.store.ids import uuid7
from ipdesk.store.rows import insert_rows
from ipdesk.templates import DEFAULT_TEMPLATE, load_template

PART_TITLES = {"3": "工作重点", "4": "工作计划", "5": "保障措施"}


def create_master(
    path: str | Path,
    template: str | dict[str, Any] | None = DEFAULT_TEMPLATE,
    then: Callable[[sqlite_utils.Database], None] | None = None,
) -> sqlite_utils.Database:
    """Create a master file holding the whole plan of `template` — a built-in
    template's name, a template as data (a plan read from a document), or None for an
    empty plan. `then` runs inside the same transaction (carrying figures over from a
    previous plan); if anything fails, no file is left behind."""
    db = create_plan_file(path, role="master")
    try:
        with db.atomic():
            if isinstance(template, dict):
                populate(db, template)
            elif template:
                populate(db, load_template(template))
            else:
                populate(db, _empty_template())
            if then is not None:
                then(db)
    except BaseException:
        db.close()
        Path(path).unlink(missing_ok=True)
        raise
    return db


def _empty_template() -> dict[str, Any]:
    return {
        "template": None,
        "name": "新的工作计划",
        "short_name": "新的工作计划",
        "district": "",
        "reporting": "quarterly",
        "deadline_days": 5,
        "tolerance": 0.8,
        "start": "2024-01-01",
        "target_date": "2025-12-31",
        "end": "2026-06-30",
        "intro": "",
        "goal_groups": [],
        "indicators": [],
        "areas": [],
        "tasks": [],
        "phases": [],
        "safeguards": [],
        "departments": [
            {
                "code": "xtb",
                "name": "协调办公室",
                "short": "协调办",
                "kind": "coordinator",
                "coordinator": True,
            }
        ],
    }


def populate(db: sqlite_utils.Database, t: dict[str, Any]) -> None:
    """Write every row of template `t` into an empty master (caller holds the transaction)."""
    plan_start, target_date = t["start"], t["target_date"]
    insert_rows(
        db,
        "plan",
        [
            {
                "id": uuid7(),
                "template": t.get("template"),
                "name": t["name"],
                "short_name": t["short_name"],
                "district": t.get("district", ""),
                "intro": t.get("intro", ""),
                "start_date": plan_start,
                "target_date": target_date,
                "end_date": t["end"],
                "reporting": t.get("reporting", "quarterly"),
                "deadline_days": t.get("deadline_days", 5),
                "tolerance": t.get("tolerance", 0.8),
            }
        ],
    )

    departments = {}
    dept_rows = []
    for n, d in enumerate(t["departments"]):
        departments[d["code"]] = uuid7()
        dept_rows.append(
            {
                "id": departments[d["code"]],
                "code": d["code"],
                "name": d["name"],
                "short_name": d["short"],
                "kind": d.get("kind", "other"),
                "is_coordinator": int(bool(d.get("coordinator"))),
                "contact_name": d.get("contact_name", ""),
                "contact_phone": d.get("contact_phone", ""),
                "contact_email": d.get("contact_email", ""),
                "sort": n,
                # The coordinator's office reports in the master: it owes reports from
                # the day the master is made. Departments owe them once issued a file.
                "reporting_start": (clock.today().isoformat() if d.get("coordinator") else None),
            }
        )
    if "reporting_start" not in {r[1] for r in db.execute("PRAGMA table_info(departments)")}:
        for row in dept_rows:  # (a file of an older schema, made by the tests)
            row.pop("reporting_start")
    insert_rows(db, "departments", dept_rows)

    sections = _insert_sections(db, t)

    phases: dict[str, str] = {}
    phase_rows = []
    for n, p in enumerate(t.get("phases", [])):
        phases[p["code"]] = uuid7()
        phase_rows.append(
            {
                "id": phases[p["code"]],
                "code": p["code"],
                "name": p["name"],
                "start_date": p["start"],
                "end_date": p["end"],
                "sort": n,
            }
        )
    insert_rows(db, "phases", phase_rows)

    task_rows: list[dict[str, Any]] = []
    assignment_rows: list[dict[str, Any]] = []

    def task(
        item: dict[str, Any],
        kind: str,
        *,
        parent: str | None = None,
        section_code: str | None = None,
        phase_code: str | None = None,
        start: str | None = None,
        due: str | None = None,
        inherit: dict[str, Any] | None = None,
    ) -> str:
        task_id = uuid7()
        task_rows.append(
            {
                "id": task_id,
                "code": item["code"],
                "kind": kind,
                "parent_id": parent,
                "section_id": sections.get(section_code) if section_code else None,
                "phase_id": phases.get(phase_code) if phase_code else None,
                "label": item.get("label", ""),
                "title": item.get("title", ""),
                "text": item.get("text", ""),
                "start_date": start,
                "due_date": due,
                "sort": len(task_rows),
            }
        )
        source = item if "lead" in item else (inherit or {})
        for role, key in (("lead", "lead"), ("co", "co")):
            for code in source.get(key, []):
                if any(
                    a["task_id"] == task_id and a["department_id"] == departments[code]
                    for a in assignment_rows
                ):
                    continue
                assignment_rows.append(
                    {
                        "id": uuid7(),
                        "task_id": task_id,
                        "department_id": departments[code],
                        "role": role,
                    }
                )
        return task_id

    def with_subtasks(item: dict[str, Any], parent: str | None, area: str | None) -> None:
        due = item.get("due") or target_date
        start = item.get("start") or min(plan_start, due)
        kind = "subtask" if parent else "task"
        inherit = None if parent is None else item.get("_parent")
        task_id = task(
            item, kind, parent=parent, section_code=area, start=start, due=due, inherit=inherit
        )
        for sub in item.get("subtasks", []):
            with_subtasks({**sub, "_parent": item}, task_id, area)

    for item in t.get("tasks", []):
        with_subtasks(item, None, item.get("area"))
    for p in t.get("phases", []):
        for act in p.get("activities", []):
            task(
                act,
                "activity",
                phase_code=p["code"],
                section_code=None,
                start=p["start"],
                due=act.get("due") or p["end"],
            )
    for s in t.get("safeguards", []):
        task(s, "safeguard")
    insert_rows(db, "tasks", task_rows)
    insert_rows(db, "assignments", assignment_rows)

    _insert_indicators(db, t, sections, departments)


def _insert_sections(db: sqlite_utils.Database, t: dict[str, Any]) -> dict[str, str]:
    """The plan's headed texts (preamble, goals, parts, areas …) in code order; code → id."""
    sections: dict[str, str] = {}
    section_rows: list[dict[str, Any]] = []

    def section(code: str, kind: str, title: str, text: str = "") -> str:
        sections[code] = uuid7()
        section_rows.append(
            {
                "id": sections[code],
                "code": code,
                "kind": kind,
                "title": title,
                "text": text,
                "sort": len(section_rows),
            }
        )
        return sections[code]

    if t.get("preamble"):
        p = t["preamble"]
        section(p.get("code", "1"), "preamble", p["title"], p["text"])
    if t.get("goals"):
        g = t["goals"]
        section(g.get("code", "2"), "goals", g["title"], g["text"])
    # Other headed texts of a plan read from a document (the notice, 基本原则 …),
    # in document order with the goal groups and areas.
    for x in t.get("sections", []):
        section(x["code"], x["kind"], x["title"], x.get("text", ""))
    for g in t.get("goal_groups", []):
        section(g["code"], "goal_group", g["title"], g.get("text", ""))
    if "parts" in t:
        for part in t["parts"]:
            section(part["code"], "part", part["title"])
    else:
        for code, key in (("3", "areas"), ("4", "phases"), ("5", "safeguards")):
            if t.get(key):
                section(code, "part", PART_TITLES[code])
    for a in t.get("areas", []):
        section(a["code"], "area", a["title"], a.get("text", ""))
    section_rows.sort(key=lambda r: code_key(r["code"]))
    for n, row in enumerate(section_rows):
        row["sort"] = n
    insert_rows(db, "sections", section_rows)
    return sections


def _insert_indicators(
    db: sqlite_utils.Database,
    t: dict[str, Any],
    sections: dict[str, str],
    departments: dict[str, str],
) -> None:
    """The plan's indicators and the departments responsible for each."""
    indicator_rows = []
    responsible_rows = []
    for n, i in enumerate(t.get("indicators", [])):
        ind_id = uuid7()
        designated = i.get("designated") or (i["departments"][0] if i.get("departments") else None)
        indicator_rows.append(
            {
                "id": ind_id,
                "code": i["code"],
                "section_id": sections.get(i["group"]),
                "name": i["name"],
                "text": i.get("text", ""),
                "unit": i.get("unit", ""),
                "target": i["target"],
                "comparator": i["comparator"],
                "kind": i["kind"],
                "aggregation": i["aggregation"],
                "baseline": i.get("baseline"),
                "designated_department_id": departments.get(designated) if designated else None,
                "sort": n,
            }
        )
        for code in i.get("departments", []):
            responsible_rows.append(
                {"id": uuid7(), "indicator_id": ind_id, "department_id": departments[code]}
            )
    insert_rows(db, "indicators", indicator_rows)
    insert_rows(db, "indicator_departments", responsible_rows)


def create_master_from_document(
    path: str | Path,
    plan: Any,
    *,
    continue_from: str | Path | None = None,
    coordinator: str | None = None,
) -> sqlite_utils.Database:
    """A master from a plan read from a document (an `ipdesk.reader.ReadPlan`, perhaps
    corrected in the window), through the same builder as the built-in template. With
    `continue_from`, departments, contacts, default assignments and indicator bases
    are carried over from that (old) master, which is only read."""
    from ipdesk.reader.to_template import to_template

    old = None
    if continue_from is not None:
        from ipdesk.templates.continuation import read_old_plan

        old = read_old_plan(continue_from)
        if coordinator is None:
            coordinator = next((d["name"] for d in old["departments"] if d["is_coordinator"]), None)
    template = to_template(plan, coordinator)
    then = None
    if old is not None:
        from ipdesk.templates.continuation import continue_from as carry

        then = carry(template, old, list(plan.departments))
    return create_master(path, template, then)
