"""Who may write what (DESIGN.md §4): the coordinator owns the plan, a department
owns its own rows. Enforced by the store, so no screen or command can get round it."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from ipdesk.errors import NotAllowed
from ipdesk.messages import message
from ipdesk.store.files import file_meta
from ipdesk.store.schema import DEPARTMENT_TABLES

LOCKED_STATES = ("submitted", "approved")


def department_name(db: sqlite_utils.Database, department_id: str | None) -> str:
    if department_id is None:
        return "协调员"
    row = db.execute("SELECT short_name FROM departments WHERE id = ?", [department_id]).fetchone()
    return row[0] if row else department_id


def is_assigned(db: sqlite_utils.Database, task_id: str, department_id: str) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM assignments WHERE task_id = ? AND department_id = ? AND deleted = 0",
            [task_id, department_id],
        ).fetchone()
        is not None
    )


def reports_indicator(db: sqlite_utils.Database, indicator_id: str, department_id: str) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM indicator_departments WHERE indicator_id = ? AND department_id = ?"
            " AND deleted = 0",
            [indicator_id, department_id],
        ).fetchone()
        is not None
    )


def period_state(db: sqlite_utils.Database, department_id: str, period: str) -> str:
    row = db.execute(
        "SELECT state FROM submissions WHERE department_id = ? AND period = ? AND deleted = 0",
        [department_id, period],
    ).fetchone()
    return row[0] if row else "draft"


def check_write(db: sqlite_utils.Database, table: str, values: dict[str, Any]) -> None:
    """Refuse a write this file may not make.

    Raises:
        NotAllowed: with a message saying why and what to do instead.
    """
    meta = file_meta(db)
    if meta.is_master:
        _check_period_open(db, table, values, by_department=False)
        return
    own = meta.department_id or ""
    if table not in DEPARTMENT_TABLES:
        raise NotAllowed(
            message("authority.department_file_cannot_change"),
        )
    dept = values.get("department_id")
    if dept != own:
        raise NotAllowed(
            message(
                "authority.file_belongs_cannot_write",
                own=department_name(db, own),
                dept=department_name(db, dept),
            ),
        )
    task_id = values.get("task_id")
    if table == "milestone_actuals":
        row = db.execute(
            "SELECT task_id FROM milestones WHERE id = ?", [values["milestone_id"]]
        ).fetchone()
        task_id = row[0] if row else None
    if task_id and not is_assigned(db, task_id, own):
        raise NotAllowed(
            message("authority.task_not_assigned_neither", own=department_name(db, own)),
        )
    indicator_id = values.get("indicator_id")
    if indicator_id and not reports_indicator(db, indicator_id, own):
        raise NotAllowed(
            message("authority.does_not_report_indicator", own=department_name(db, own)),
        )
    if table == "submissions" and values.get("state") not in ("draft", "submitted"):
        raise NotAllowed(
            message("authority.only_coordinator_can_approve"),
        )
    _check_period_open(db, table, values, by_department=True)


def _check_period_open(
    db: sqlite_utils.Database, table: str, values: dict[str, Any], *, by_department: bool
) -> None:
    """A submitted or approved period is locked for the department's data; an
    approved one for the coordinator too (until it is returned)."""
    if table == "submissions" or "period" not in values or values.get("period") is None:
        return
    state = period_state(db, values["department_id"], values["period"])
    locked = LOCKED_STATES if by_department else ("approved",)
    if state in locked:
        word = message(
            f"authority.locked_state.{'approved' if state == 'approved' else 'submitted'}"
        )
        raise NotAllowed(message("authority.report_locked", period=values["period"], state=word))
