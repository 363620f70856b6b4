"""Who may write what (DESIGN.md §4): the coordinator owns the plan, a department
owns its own rows. Enforced by the store, so no screen or command can get round it."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from ipdesk.errors import NotAllowed
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
            "部门文件不能修改计划内容（任务、指标、部门、分工由协调员维护）。如需调整，请联系协调员。",
            "a department file cannot change the plan (tasks, indicators, departments and "
            "assignments belong to the coordinator). Ask the coordinator.",
        )
    dept = values.get("department_id")
    if dept != own:
        raise NotAllowed(
            f"本文件属于{department_name(db, own)}，不能填写{department_name(db, dept)}的内容。",
            f"this file belongs to {department_name(db, own)}; it cannot write rows of "
            f"{department_name(db, dept)}.",
        )
    task_id = values.get("task_id")
    if table == "milestone_actuals":
        row = db.execute(
            "SELECT task_id FROM milestones WHERE id = ?", [values["milestone_id"]]
        ).fetchone()
        task_id = row[0] if row else None
    if task_id and not is_assigned(db, task_id, own):
        raise NotAllowed(
            f"该任务未分配给{department_name(db, own)}（既非牵头也非配合），不能填报。",
            f"this task is not assigned to {department_name(db, own)} (neither lead nor "
            "co-operating), so it cannot report on it.",
        )
    indicator_id = values.get("indicator_id")
    if indicator_id and not reports_indicator(db, indicator_id, own):
        raise NotAllowed(
            f"{department_name(db, own)}不是该指标的填报单位，不能填写其数值。",
            f"{department_name(db, own)} does not report this indicator.",
        )
    if table == "submissions" and values.get("state") not in ("draft", "submitted"):
        raise NotAllowed(
            "只有协调员可以审核通过或退回报告。",
            "only the coordinator can approve or return a report.",
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
        word = "已审核通过" if state == "approved" else "已提交、等待审核"
        raise NotAllowed(
            f"{values['period']} 的报告{word}，已锁定，不能再修改。如需修改，请协调员退回。",
            f"the report for {values['period']} is {state} and locked. To change it, "
            "the coordinator must return it.",
        )
