"""The edits people make, one function each. Every edit checks its input and the
file's authority first, then commits at once in its own transaction (no Save button,
nothing lost on a crash)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput, NotAllowed
from ipdesk.messages import message
from ipdesk.plan import entry
from ipdesk.plan.periods import Period, PeriodError
from ipdesk.store import authority, clock
from ipdesk.store.files import file_meta
from ipdesk.store.ids import natural_id
from ipdesk.store.rows import get_row, write_row
from ipdesk.store.schema import data_columns

STATUSES = entry.STATUSES


def plan_settings(db: sqlite_utils.Database) -> dict[str, Any]:
    cursor = db.execute("SELECT * FROM plan WHERE deleted = 0 LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        raise BadInput(message("edits.file_holds_no_plan"))
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def reporting_kind(db: sqlite_utils.Database) -> str:
    return "month" if plan_settings(db)["reporting"] == "monthly" else "quarter"


def check_period(db: sqlite_utils.Database, text: str) -> str:
    """The canonical text of a reporting period of this plan, or BadInput."""
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        raise BadInput(
            message("edits.not_period_write_2025", text=text),
        ) from exc
    kind = reporting_kind(db)
    if period.kind != kind:
        word = "季度（如 2025Q2）" if kind == "quarter" else "月份（如 2025-03）"
        raise BadInput(
            f"本计划按{word}报送，不能按“{text}”填报。",
            f"this plan reports by {kind}; '{text}' is not a {kind}.",
        )
    plan = plan_settings(db)
    if period.end.isoformat() < plan["start_date"] or period.start.isoformat() > plan["end_date"]:
        raise BadInput(
            message(
                "edits.outside_plan",
                text=text,
                start_date=plan["start_date"],
                end_date=plan["end_date"],
            ),
        )
    if period.start > clock.today():
        raise BadInput(
            message("edits.has_not_begun_yet", text=text),
        )
    return str(period)


def _write(db: sqlite_utils.Database, table: str, values: dict[str, Any], **kw: Any) -> str:
    authority.check_write(db, table, values)
    return write_row(db, table, values, **kw)


def _withdraw(db: sqlite_utils.Database, table: str, row_id: str) -> None:
    """A department row deleted (a tombstone revision with the row's values, judged by
    the same ownership rules as a write); nothing when it is gone already."""
    current = get_row(db, table, row_id)
    if current is None or current["deleted"]:
        return
    values = {c: current[c] for c in data_columns(table)}
    with db.atomic():
        _write(db, table, values, row_id=row_id, deleted=True)


def _changed(
    db: sqlite_utils.Database,
    table: str,
    row_id: str,
    fields: dict[str, Any],
    editable: tuple[str, ...],
    missing: str,
) -> dict[str, Any]:
    """A coordinator's edit of a plan row: the row's values with `fields` (only the
    `editable` columns) put in; BadInput (message `missing`) when there is no such row."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise ValueError(f"unknown {table} fields {sorted(unknown)}")
    current = get_row(db, table, row_id)
    if current is None:
        raise BadInput(message(missing))
    return {c: current[c] for c in data_columns(table)} | fields


def _plan_id(db: sqlite_utils.Database) -> str:
    return file_meta(db).plan_id


def _period_row(
    db: sqlite_utils.Database, table: str, thing_id: str, department_id: str, period: str
) -> tuple[str, str]:
    """The period (checked) and the id of a department's row in `table` about a task or
    indicator for it: one row a department, thing and period, the same in every file."""
    period = check_period(db, period)
    return period, natural_id(_plan_id(db), table, thing_id, department_id, period)


def save_report(
    db: sqlite_utils.Database,
    task_id: str,
    department_id: str,
    period: str,
    *,
    status: str | None = None,
    percent: float | None = None,
    progress: str | None = None,
    problems: str | None = None,
    next_steps: str | None = None,
) -> str:
    """Create or change a department's progress report on a task for a period.
    Fields left as None keep their current value."""
    period, row_id = _period_row(db, "progress_reports", task_id, department_id, period)
    current = get_row(db, "progress_reports", row_id) or {}
    values = {
        "task_id": task_id,
        "department_id": department_id,
        "period": period,
        "status": status if status is not None else current.get("status", "in_progress"),
        "percent": percent if percent is not None else current.get("percent"),
        "progress": progress if progress is not None else current.get("progress", ""),
        "problems": problems if problems is not None else current.get("problems", ""),
        "next_steps": next_steps if next_steps is not None else current.get("next_steps", ""),
    }
    if values["status"] == "done" and values["percent"] is None:
        values["percent"] = 100.0
    with db.atomic():
        return _write(db, "progress_reports", values, row_id=row_id)


def delete_report(db: sqlite_utils.Database, task_id: str, department_id: str, period: str) -> None:
    """Withdraw a department's report on a task for a period (a tombstone revision;
    the window's undo of a first report uses it)."""
    period, row_id = _period_row(db, "progress_reports", task_id, department_id, period)
    _withdraw(db, "progress_reports", row_id)


def save_value(
    db: sqlite_utils.Database,
    indicator_id: str,
    department_id: str,
    period: str,
    value: float,
    note: str | None = None,
) -> str:
    """Record a department's value of an indicator for a period (for 累计/新增
    indicators: the period's new amount)."""
    period, row_id = _period_row(db, "indicator_values", indicator_id, department_id, period)
    current = get_row(db, "indicator_values", row_id) or {}
    values = {
        "indicator_id": indicator_id,
        "department_id": department_id,
        "period": period,
        "value": float(value) if isinstance(value, int) and not isinstance(value, bool) else value,
        "note": note if note is not None else current.get("note", ""),
    }
    with db.atomic():
        return _write(db, "indicator_values", values, row_id=row_id)


def delete_value(
    db: sqlite_utils.Database, indicator_id: str, department_id: str, period: str
) -> None:
    period, row_id = _period_row(db, "indicator_values", indicator_id, department_id, period)
    _withdraw(db, "indicator_values", row_id)


def add_evidence(
    db: sqlite_utils.Database,
    department_id: str,
    path: str | Path,
    *,
    task_id: str | None = None,
    indicator_id: str | None = None,
    period: str | None = None,
    note: str = "",
) -> str:
    """Store an evidence file (once, by SHA-256) and link it to a task or indicator."""
    path = Path(path)
    if path.is_dir():
        raise BadInput(
            message("edits.folder_not_file_choose", path=path),
        )
    if not path.exists():
        raise BadInput(message("edits.no_such_file_check", path=path))
    if not path.is_file():
        raise BadInput(
            message("edits.not_ordinary_file_device", path=path),
        )
    size = path.stat().st_size
    if size > entry.MAX_EVIDENCE_BYTES:
        limit = entry.MAX_EVIDENCE_BYTES // 1048576
        raise BadInput(
            message(
                "edits.too_large_mb_evidence", name=path.name, value=size // 1048576, limit=limit
            ),
        )
    if period is not None:
        period = check_period(db, period)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    values = {
        "task_id": task_id,
        "indicator_id": indicator_id,
        "department_id": department_id,
        "period": period,
        "file_name": entry.clean_file_name(path.name),
        "sha256": sha,
        "size": size,
        "note": note,
    }
    with db.atomic():
        authority.check_write(db, "evidence", values)
        db.execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)", [sha, size, data]
        )
        return write_row(db, "evidence", values)


def remove_evidence(db: sqlite_utils.Database, evidence_id: str) -> None:
    _withdraw(db, "evidence", evidence_id)


def set_milestone_actual(
    db: sqlite_utils.Database,
    milestone_id: str,
    department_id: str,
    actual_date: str | None,
    note: str = "",
) -> str:
    if actual_date:
        from datetime import date

        try:
            date.fromisoformat(actual_date)
        except ValueError:
            raise BadInput(
                message("edits.not_date_write_2025", actual_date=actual_date),
            ) from None
    row_id = natural_id(_plan_id(db), "milestone_actuals", milestone_id, department_id)
    values = {
        "milestone_id": milestone_id,
        "department_id": department_id,
        "actual_date": actual_date or None,
        "note": note,
    }
    with db.atomic():
        return _write(db, "milestone_actuals", values, row_id=row_id)


def _set_submission(
    db: sqlite_utils.Database, department_id: str, period: str, **changes: Any
) -> str:
    row_id = natural_id(_plan_id(db), "submissions", department_id, period)
    current = get_row(db, "submissions", row_id) or {}
    values = {
        "department_id": department_id,
        "period": period,
        "state": current.get("state", "draft"),
        "reason": current.get("reason", ""),
        "submitted_at": current.get("submitted_at"),
        "reviewed_at": current.get("reviewed_at"),
    }
    values.update(changes)
    return _write(db, "submissions", values, row_id=row_id)


def submit_period(db: sqlite_utils.Database, department_id: str, period: str) -> str:
    """The department submits its report for a period (then it is locked for it)."""
    period = check_period(db, period)
    state = authority.period_state(db, department_id, period)
    if state in ("submitted", "approved"):
        word = "已提交" if state == "submitted" else "已审核通过"
        raise NotAllowed(
            f"{period} 的报告{word}，无需再次提交。", f"the report for {period} is already {state}."
        )
    with db.atomic():
        return _set_submission(
            db, department_id, period, state="submitted", submitted_at=clock.now_text()
        )


def review_period(
    db: sqlite_utils.Database, department_id: str, period: str, *, approve: bool, reason: str = ""
) -> str:
    """The coordinator approves (locks) or returns (reopens, with a reason) a report."""
    if not file_meta(db).is_master:
        raise NotAllowed(message("edits.only_master_file_can"))
    period = check_period(db, period)
    if not approve and not reason.strip():
        raise BadInput(message("edits.give_reason_when_returning"))
    state = authority.period_state(db, department_id, period)
    if state != "submitted" and approve:
        raise NotAllowed(
            message("edits.report_for_has_not", period=period, state=state),
        )
    with db.atomic():
        return _set_submission(
            db,
            department_id,
            period,
            state="approved" if approve else "returned",
            reason="" if approve else reason.strip(),
            reviewed_at=clock.now_text(),
        )


def restore_review(
    db: sqlite_utils.Database,
    department_id: str,
    period: str,
    *,
    state: str,
    reason: str,
    reviewed_at: str | None,
) -> str:
    """Put a report's review back as it was before an approval or a return (the window's
    撤销): the coordinator's own decision taken back, as a new revision."""
    if not file_meta(db).is_master:
        raise NotAllowed(message("edits.only_master_file_can"))
    period = check_period(db, period)
    with db.atomic():
        return _set_submission(
            db, department_id, period, state=state, reason=reason, reviewed_at=reviewed_at
        )


# ------------------------------------------------------------------ the plan (coordinator)

DEPARTMENT_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "contact_name",
    "contact_phone",
    "contact_email",
    "sort",
    "is_coordinator",
    "reporting_start",
)


def save_department(
    db: sqlite_utils.Database, department_id: str | None = None, **fields: Any
) -> str:
    """Add a department (department_id None) or change its names and liaison contact."""
    unknown = set(fields) - set(DEPARTMENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown department fields {sorted(unknown)}")
    current = get_row(db, "departments", department_id) if department_id else None
    values = (
        {c: current[c] for c in DEPARTMENT_FIELDS}
        if current
        else {
            "kind": "other",
            "contact_name": "",
            "contact_phone": "",
            "contact_email": "",
            "is_coordinator": 0,
            "sort": db.execute("SELECT coalesce(max(sort), 0) + 1 FROM departments").fetchone()[0],
        }
    )
    values.update(fields)
    for key in ("code", "name", "short_name"):
        if not str(values.get(key) or "").strip():
            raise BadInput(
                f"单位的{ {'code': '代码', 'name': '全称', 'short_name': '简称'}[key] }不能为空。",
                f"a department needs a {key}.",
            )
        clash = db.execute(
            f"SELECT short_name FROM departments WHERE {key} = ? AND id IS NOT ?",
            [values[key], department_id],
        ).fetchone()
        if clash:
            raise BadInput(
                message("edits.already_used_by", value=values[key], value2=clash[0]),
            )
    with db.atomic():
        return _write(db, "departments", values, row_id=department_id)


def assign(db: sqlite_utils.Database, task_id: str, lead: list[str], co: list[str]) -> None:
    """Set a task's lead and co-operating departments (replacing the old ones)."""
    if not lead:
        raise BadInput(message("edits.every_task_needs_lead"))
    if set(lead) & set(co):
        raise BadInput(message("edits.department_cannot_both_lead"))
    wanted = {d: "lead" for d in lead} | {d: "co" for d in co}
    with db.atomic():
        authority.check_write(db, "assignments", {"task_id": task_id})
        existing = {
            r[1]: r
            for r in db.execute(
                "SELECT id, department_id, role, deleted FROM assignments WHERE task_id = ?",
                [task_id],
            )
        }
        for dept, role in wanted.items():
            row = existing.get(dept)
            values = {"task_id": task_id, "department_id": dept, "role": role}
            write_row(db, "assignments", values, row_id=row[0] if row else None)
        for dept, row in existing.items():
            if dept not in wanted and not row[3]:
                write_row(
                    db,
                    "assignments",
                    {"task_id": task_id, "department_id": dept, "role": row[2]},
                    row_id=row[0],
                    deleted=True,
                )


TASK_FIELDS = ("title", "text", "start_date", "due_date", "label", "sort")


def update_task(db: sqlite_utils.Database, task_id: str, **fields: Any) -> None:
    """The coordinator edits a task's texts or dates."""
    values = _changed(db, "tasks", task_id, fields, TASK_FIELDS, "edits.no_such_task")
    if values["start_date"] and values["due_date"] and values["start_date"] > values["due_date"]:
        raise BadInput(message("edits.start_date_cannot_after"))
    with db.atomic():
        _write(db, "tasks", values, row_id=task_id)


def save_milestone(
    db: sqlite_utils.Database,
    task_id: str,
    name: str,
    planned_date: str,
    milestone_id: str | None = None,
) -> str:
    if not name.strip():
        raise BadInput(message("edits.milestone_needs_name"))
    problem = entry.date_problem("planned_date", planned_date, required=True)
    if problem is not None:
        raise BadInput(message("entry.named", name=name, problem=problem.words), rule=problem.code)
    values = {"task_id": task_id, "name": name.strip(), "planned_date": planned_date, "sort": 0}
    with db.atomic():
        return _write(db, "milestones", values, row_id=milestone_id)


def delete_milestone(db: sqlite_utils.Database, milestone_id: str) -> None:
    """Remove a planned milestone (a tombstone revision)."""
    _withdraw(db, "milestones", milestone_id)


INDICATOR_FIELDS = (
    "target",
    "baseline",
    "comparator",
    "unit",
    "name",
    "aggregation",
    "designated_department_id",
)


def update_indicator(db: sqlite_utils.Database, indicator_id: str, **fields: Any) -> None:
    """The coordinator changes an indicator's settings (target, baseline, …)."""
    values = _changed(
        db, "indicators", indicator_id, fields, INDICATOR_FIELDS, "edits.no_such_indicator"
    )
    with db.atomic():
        _write(db, "indicators", values, row_id=indicator_id)


PLAN_FIELDS = ("name", "short_name", "reporting", "deadline_days", "tolerance")


def update_plan(db: sqlite_utils.Database, **fields: Any) -> None:
    """The coordinator changes the plan's names or reporting settings: monthly or
    quarterly reporting, the days after a period within which it must be reported, and
    the yellow-light tolerance (a share of the expected value).

    Switching between monthly and quarterly is refused once anything has been reported
    under the old one: periods of two lengths would count the same work twice.
    """
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"unknown plan fields {sorted(unknown)}")
    current = plan_settings(db)
    values = {
        c: current[c]
        for c in (
            "template",
            "name",
            "short_name",
            "district",
            "intro",
            "start_date",
            "target_date",
            "end_date",
            *PLAN_FIELDS[2:],
        )
    }
    values.update(fields)
    if values["reporting"] not in ("monthly", "quarterly"):
        raise BadInput(message("edits.reporting_monthly_quarterly"))
    if not 0 <= int(values["deadline_days"]) <= 60:
        raise BadInput(
            message("edits.reporting_deadline_must_0"),
        )
    if not 0 < float(values["tolerance"]) <= 1:
        raise BadInput(message("edits.tolerance_must_between_1"))
    for key in ("name", "short_name"):
        if not str(values[key]).strip():
            raise BadInput(message("edits.plan_needs_name"))
    if values["reporting"] != current["reporting"]:
        used = db.execute(
            "SELECT (SELECT count(*) FROM progress_reports WHERE deleted = 0)"
            " + (SELECT count(*) FROM indicator_values WHERE deleted = 0)"
            " + (SELECT count(*) FROM submissions WHERE deleted = 0)"
        ).fetchone()[0]
        if used:
            raise BadInput(
                message("edits.entries_were_already_reported", used=used),
            )
    with db.atomic():
        _write(db, "plan", values, row_id=current["id"])
