"""The whole content of a plan file as one JSON-ready object (`ipdesk dump`), with the
field names the command line uses (DESIGN.md §8)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlite_utils

from ipdesk import messages
from ipdesk.read.indicators import load_indicators
from ipdesk.read.query import rows as _rows
from ipdesk.read.tasks import load_tasks
from ipdesk.store.files import file_meta


def _table_exists(db: sqlite_utils.Database, name: str) -> bool:
    return (
        db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [name]).fetchone()
        is not None
    )


def dump(db: sqlite_utils.Database, on: date | None = None) -> dict[str, Any]:
    meta = file_meta(db)
    dept_rows = _rows(db, "SELECT * FROM departments WHERE deleted = 0 ORDER BY sort")
    code = {d["id"]: d["code"] for d in dept_rows}
    tasks = load_tasks(db, on)
    task_code = {t.id: t.code for t in tasks}
    indicators = load_indicators(db, on)
    ind_code = {i.id: i.code for i in indicators}
    states = {
        (r["department_id"], r["period"]): r
        for r in _rows(
            db, "SELECT department_id, period, state, reason FROM submissions WHERE deleted = 0"
        )
    }
    plan = _rows(
        db,
        "SELECT name, short_name, district, template, start_date, target_date,"
        " end_date, reporting, deadline_days, tolerance FROM plan WHERE deleted = 0",
    )
    sections = _rows(
        db, "SELECT code, kind, title, text FROM sections WHERE deleted = 0 ORDER BY sort"
    )
    milestones = _rows(
        db,
        """
        SELECT m.id, m.task_id, m.name, m.planned_date, a.department_id, a.actual_date
        FROM milestones m LEFT JOIN milestone_actuals a ON a.milestone_id = m.id AND a.deleted = 0
        WHERE m.deleted = 0 ORDER BY m.planned_date""",
    )
    result: dict[str, Any] = {
        "file_meta": [
            {
                "plan_id": meta.plan_id,
                "role": meta.role,
                "department": code.get(meta.department_id) if meta.department_id else None,
                "issued_at": meta.issued_at,
                "app_version": meta.app_version,
                "schema_version": db.execute("PRAGMA user_version").fetchone()[0],
            }
        ],
        "plan": [dict(p, sections=sections) for p in plan],
        "phases": _rows(
            db,
            "SELECT code, name, start_date AS start, end_date AS end FROM phases"
            " WHERE deleted = 0 ORDER BY sort",
        ),
        "departments": [
            {
                "code": d["code"],
                "name": d["name"],
                "short_name": d["short_name"],
                "kind": d["kind"],
                "coordinator": bool(d["is_coordinator"]),
                "contact_name": d["contact_name"],
                "contact_phone": d["contact_phone"],
                "contact_email": d["contact_email"],
            }
            for d in dept_rows
        ],
        "tasks": [
            {
                "code": t.code,
                "kind": t.kind,
                "title": t.title,
                "text": t.text,
                "parent": task_code.get(t.parent_id or ""),
                "area": t.section_code,
                "phase": t.phase_code,
                "lead": [code[d] for d in t.lead],
                "co": [code[d] for d in t.co],
                "start": t.start.isoformat() if t.start else None,
                "due": t.due.isoformat() if t.due else None,
                "status": t.status,
                "percent": t.percent,
                "warning": t.light.value,
                "warning_reason": messages.text(t.reason, "zh"),
                "overdue": t.overdue,
                "missing_periods": t.missing_periods,
            }
            for t in tasks
        ],
        "milestones": [
            {
                "task": task_code.get(m["task_id"]),
                "name": m["name"],
                "planned": m["planned_date"],
                "department": code.get(m["department_id"]),
                "actual": m["actual_date"],
            }
            for m in milestones
        ],
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "text": i.text,
                "unit": i.unit,
                "target": i.target,
                "comparator": i.comparator,
                "kind": i.kind,
                "aggregation": i.aggregation,
                "baseline": i.baseline,
                "designated": code.get(i.designated),
                "departments": [code[d] for d in i.departments],
                "current": i.current,
                "expected": round(i.expected, 4) if i.expected is not None else None,
                "percent": round(i.percent, 2) if i.percent is not None else None,
                "warning": i.light.value,
            }
            for i in indicators
        ],
        "indicator_values": [
            {
                "indicator": ind_code.get(r["indicator_id"]),
                "department": code.get(r["department_id"]),
                "period": r["period"],
                "value": r["value"],
                "note": r["note"],
            }
            for r in _rows(
                db,
                "SELECT indicator_id, department_id, period, value, note"
                " FROM indicator_values WHERE deleted = 0 ORDER BY period",
            )
        ],
        "progress_reports": [
            {
                "task": task_code.get(r["task_id"]),
                "department": code.get(r["department_id"]),
                "period": r["period"],
                "status": r["status"],
                "percent": r["percent"],
                "progress": r["progress"],
                "problems": r["problems"],
                "next": r["next_steps"],
                "state": states.get((r["department_id"], r["period"]), {}).get("state", "draft"),
                "reason": states.get((r["department_id"], r["period"]), {}).get("reason", ""),
            }
            for r in _rows(
                db,
                "SELECT task_id, department_id, period, status, percent, progress,"
                " problems, next_steps FROM progress_reports WHERE deleted = 0"
                " ORDER BY period",
            )
        ],
        "submissions": [
            {
                "department": code.get(r["department_id"]),
                "period": r["period"],
                "state": r["state"],
                "reason": r["reason"],
                "submitted_at": r["submitted_at"],
                "reviewed_at": r["reviewed_at"],
            }
            for r in _rows(db, "SELECT * FROM submissions WHERE deleted = 0 ORDER BY period")
        ],
        "evidence": [
            {
                "task": task_code.get(r["task_id"]),
                "indicator": ind_code.get(r["indicator_id"]),
                "department": code.get(r["department_id"]),
                "period": r["period"],
                "file_name": r["file_name"],
                "sha256": r["sha256"],
                "size": r["size"],
            }
            for r in _rows(db, "SELECT * FROM evidence WHERE deleted = 0")
        ],
        "conflicts": [],
        "quarantine": [],
        "imports": [],
    }
    for name in ("conflicts", "quarantine", "imports"):
        if _table_exists(db, name):
            result[name] = _rows(db, f"SELECT * FROM {name}")
    return result
