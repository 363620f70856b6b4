"""What the coordinator's read-only views show (issue #12): one task across every
department and period with its milestones, evidence and the history of every field
(who, which PC, when), one department's reports for a period (the review view), and
the PCs in words.

Plain rows; the window formats them. Times are the revisions' clocks in local time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils

from ipdesk.plan.periods import Period
from ipdesk.read.department import (
    DeptIndicator,
    DeptTask,
    Evidence,
    Submission,
    department_indicators,
    department_tasks,
    evidence,
    submission,
)
from ipdesk.read.indicators import load_indicators
from ipdesk.read.plan import department_names
from ipdesk.read.query import parse_period, rows
from ipdesk.read.tasks import load_tasks
from ipdesk.store import clock

# ------------------------------------------------------------------ PCs


@dataclass(frozen=True)
class PC:
    """A PC that wrote something: the department it sends for and the name its user
    gave it (设置 → 本机名称); `own` is this PC."""

    site: str
    department: str = ""
    name: str = ""
    own: bool = False

    @property
    def tail(self) -> str:
        """A short number telling unnamed PCs apart (the random end of the id)."""
        return self.site[-4:] if self.site else ""


def pcs(db: sqlite_utils.Database) -> dict[str, PC]:
    """site id → the PC, learnt from the files merged (the sites table); this PC too."""
    own = clock.site_id()
    found = {own: PC(own, "", clock.site_name(), True)}
    for site, name, dept in db.execute(
        "SELECT s.site_id, s.name, d.short_name FROM sites s"
        " LEFT JOIN departments d ON d.id = s.department_id"
    ):
        if site != own:
            found[site] = PC(site, dept or "", name or "")
    return found


def pc_of(known: dict[str, PC], site: str) -> PC:
    return known.get(site) or PC(site)


def local_time(hlc: str) -> datetime | None:
    """A revision's clock as local time."""
    if not hlc:
        return None
    return clock.hlc_time(hlc).astimezone()


# ------------------------------------------------------------------ one task, read only


@dataclass(frozen=True)
class TaskReport:
    department: str  # short name
    department_id: str
    period: str
    status: str
    percent: float | None
    progress: str
    problems: str
    next_steps: str
    state: str  # the department's report state for the period (draft if none)


@dataclass(frozen=True)
class MilestoneRow:
    name: str
    planned: str | None
    actuals: list[tuple[str, str | None]]  # (department short name, actual date)


@dataclass(frozen=True)
class FieldChange:
    """One field of one row changed by one revision."""

    when: datetime | None  # local time
    what: str  # the row in words: "进展报告 · 区金融局" (the period apart)
    period: str | None
    table: str
    department: str  # whose row (short name), '' for the plan's own rows
    pc: PC
    field: str
    old: Any
    new: Any


@dataclass
class TaskView:
    id: str
    code: str
    title: str
    text: str
    start: str | None
    due: str | None
    lead: list[str]
    co: list[str]
    reports: list[TaskReport] = field(default_factory=list)  # newest period first
    milestones: list[MilestoneRow] = field(default_factory=list)
    evidence: list[tuple[Evidence, str]] = field(default_factory=list)  # (file, department)
    history: list[FieldChange] = field(default_factory=list)  # newest first


HIDDEN = {"id", "stamps", "period"}
ROW_WORDS = {
    "progress_reports": "进展报告",
    "milestone_actuals": "里程碑完成",
    "evidence": "佐证材料",
    "tasks": "任务",
    "milestones": "里程碑",
    "assignments": "分工",
}


def task_view(db: sqlite_utils.Database, task_id: str) -> TaskView | None:
    """A task as the coordinator reads it, without editing: every department's
    reports by period, the milestones with each department's actual date, the
    evidence, and every field's history."""
    found = rows(
        db,
        "SELECT id, code, title, text, start_date, due_date FROM tasks WHERE id = ?",
        [task_id],
    )
    if not found:
        return None
    t = found[0]
    names = department_names(db)
    lead: list[str] = []
    co: list[str] = []
    for dept, role in db.execute(
        "SELECT a.department_id, a.role FROM assignments a JOIN departments d"
        " ON d.id = a.department_id WHERE a.task_id = ? AND a.deleted = 0 ORDER BY d.sort",
        [task_id],
    ):
        (lead if role == "lead" else co).append(names.get(dept, "?"))
    view = TaskView(
        t["id"], t["code"], t["title"], t["text"], t["start_date"], t["due_date"], lead, co
    )
    states = {
        (d, p): s
        for d, p, s in db.execute(
            "SELECT department_id, period, state FROM submissions WHERE deleted = 0"
        )
    }
    reports = rows(
        db,
        "SELECT r.department_id, r.period, r.status, r.percent, r.progress, r.problems,"
        " r.next_steps FROM progress_reports r JOIN departments d ON d.id = r.department_id"
        " WHERE r.task_id = ? AND r.deleted = 0 ORDER BY d.sort",
        [task_id],
    )
    reports.sort(key=lambda r: parse_period(r["period"]).end, reverse=True)
    view.reports = [
        TaskReport(
            names.get(r["department_id"], "?"),
            r["department_id"],
            r["period"],
            r["status"],
            r["percent"],
            r["progress"],
            r["problems"],
            r["next_steps"],
            states.get((r["department_id"], r["period"]), "draft"),
        )
        for r in reports
    ]
    actuals: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for m_id, dept, actual in db.execute(
        "SELECT a.milestone_id, a.department_id, a.actual_date FROM milestone_actuals a"
        " JOIN milestones m ON m.id = a.milestone_id WHERE m.task_id = ? AND a.deleted = 0",
        [task_id],
    ):
        actuals[m_id].append((names.get(dept, "?"), actual))
    view.milestones = [
        MilestoneRow(name, planned, actuals.get(m_id, []))
        for m_id, name, planned in db.execute(
            "SELECT id, name, planned_date FROM milestones WHERE task_id = ? AND deleted = 0"
            " ORDER BY planned_date, sort",
            [task_id],
        )
    ]
    view.evidence = [
        (e, names.get(e.department_id, "?")) for e in evidence(db) if e.task_id == task_id
    ]
    view.history = task_history(db, task_id)
    return view


def task_history(db: sqlite_utils.Database, task_id: str) -> list[FieldChange]:
    """Every change to the task's rows and its departments' rows about it, field by
    field (a revision compared with the one it followed), newest first."""
    names = department_names(db)
    known = pcs(db)
    sources = {
        "tasks": ("SELECT id, NULL, NULL, NULL FROM tasks WHERE id = ?", [task_id]),
        "milestones": ("SELECT id, NULL, name, NULL FROM milestones WHERE task_id = ?", [task_id]),
        "assignments": (
            "SELECT id, department_id, NULL, NULL FROM assignments WHERE task_id = ?",
            [task_id],
        ),
        "progress_reports": (
            "SELECT id, department_id, NULL, period FROM progress_reports WHERE task_id = ?",
            [task_id],
        ),
        "milestone_actuals": (
            "SELECT a.id, a.department_id, m.name, NULL FROM milestone_actuals a"
            " JOIN milestones m ON m.id = a.milestone_id WHERE m.task_id = ?",
            [task_id],
        ),
        "evidence": (
            "SELECT id, department_id, file_name, period FROM evidence WHERE task_id = ?",
            [task_id],
        ),
    }
    out: list[FieldChange] = []
    for table, (sql, params) in sources.items():
        about = {r[0]: (r[1], r[2], r[3]) for r in db.execute(sql, params)}
        if not about:
            continue
        marks = ", ".join("?" for _ in about)
        revisions = db.execute(
            "SELECT h.row_id, h.site_id, h.hlc, h.deleted, h.data, p.deleted, p.data"
            " FROM row_history h LEFT JOIN row_history p ON p.rev_id = h.parent_rev_id"
            f" WHERE h.tbl = ? AND h.row_id IN ({marks})",
            [table, *about],
        ).fetchall()
        for row_id, site, hlc, deleted, data, was_deleted, before in revisions:
            dept_id, extra, period = about[row_id]
            dept = names.get(dept_id, "") if dept_id else ""
            what = " · ".join(p for p in (ROW_WORDS[table], dept, extra) if p)
            new = json.loads(data)
            old = json.loads(before) if before is not None else {}
            change = dict(
                when=local_time(hlc),
                what=what,
                period=period,
                table=table,
                department=dept,
                pc=pc_of(known, site),
            )
            for key, value in new.items():
                if key in HIDDEN or key.endswith("_id"):
                    continue
                previous = old.get(key)
                if before is None and value in (None, ""):
                    continue
                if previous != value:
                    out.append(FieldChange(**change, field=key, old=previous, new=value))
            if before is not None and bool(deleted) != bool(was_deleted):
                out.append(
                    FieldChange(**change, field="deleted", old=bool(was_deleted), new=bool(deleted))
                )
    out.sort(key=lambda c: c.when or datetime.min.astimezone(), reverse=True)
    return out


# ------------------------------------------------------------------ one department's period


@dataclass
class UnitPeriod:
    """A department's reports for a period, as the coordinator reviews them."""

    department_id: str
    period: Period
    submission: Submission
    tasks: list[DeptTask]  # its tasks for the period (the form's list), reported or not
    indicators: list[DeptIndicator]  # the indicators it reports, with its values
    evidence: list[Evidence]  # its files of the period

    @property
    def reported(self) -> list[DeptTask]:
        return [t for t in self.tasks if t.report is not None]


def unit_period(db: sqlite_utils.Database, department_id: str, period: Period | str) -> UnitPeriod:
    period = Period.parse(str(period))
    return UnitPeriod(
        department_id,
        period,
        submission(db, department_id, period),
        department_tasks(db, department_id, period, load_tasks(db)),
        department_indicators(db, department_id, period, load_indicators(db)),
        evidence(db, department_id, period),
    )
