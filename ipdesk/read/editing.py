"""What the coordinator's plan editor (计划设置) and its dialogs show: the plan's tasks and
departments as lists, and one task as its editor fills its fields. (Indicators are
listed by ipdesk.read.indicators, departments by ipdesk.read.plan.)"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from ipdesk.plan.codes import code_key
from ipdesk.read.plan import Department, department_names, departments
from ipdesk.read.tasks import Milestone, milestones


@dataclass(frozen=True)
class TaskSettings:
    """A task's fields the coordinator edits."""

    id: str
    code: str
    title: str
    text: str
    start_date: str | None
    due_date: str | None


TASK_COLUMNS = "id, code, title, text, start_date, due_date"


def task_settings(db: sqlite_utils.Database, task_id: str) -> TaskSettings | None:
    row = db.execute(f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?", [task_id]).fetchone()
    return TaskSettings(*row) if row else None


@dataclass(frozen=True)
class TaskListing:
    """One line of the plan editor's task list."""

    task: TaskSettings
    lead: list[str]  # short names
    co: list[str]
    milestones: int

    @property
    def id(self) -> str:
        return self.task.id


def task_listing(db: sqlite_utils.Database) -> list[TaskListing]:
    """Every task in document order with its departments' names and milestone count."""
    names = department_names(db)
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "co": []})
    for task_id, dept, role in db.execute(
        "SELECT a.task_id, a.department_id, a.role FROM assignments a JOIN departments d"
        " ON d.id = a.department_id WHERE a.deleted = 0 ORDER BY d.sort"
    ):
        roles[task_id][role].append(names.get(dept, "?"))
    counts = dict(
        db.execute(
            "SELECT task_id, count(*) FROM milestones WHERE deleted = 0 GROUP BY task_id"
        ).fetchall()
    )
    tasks = [
        TaskSettings(*r) for r in db.execute(f"SELECT {TASK_COLUMNS} FROM tasks WHERE deleted = 0")
    ]
    tasks.sort(key=lambda t: code_key(t.code))
    return [
        TaskListing(t, roles[t.id]["lead"], roles[t.id]["co"], counts.get(t.id, 0)) for t in tasks
    ]


@dataclass(frozen=True)
class DepartmentListing:
    """One line of the plan editor's department list."""

    department: Department
    lead: int  # tasks it leads
    co: int  # tasks it co-operates on

    @property
    def id(self) -> str:
        return self.department.id


def department_listing(db: sqlite_utils.Database) -> list[DepartmentListing]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for dept, role, n in db.execute(
        "SELECT department_id, role, count(*) FROM assignments WHERE deleted = 0"
        " GROUP BY department_id, role"
    ):
        counts[dept][0 if role == "lead" else 1] += n
    return [DepartmentListing(d, *counts[d.id]) for d in departments(db)]


@dataclass(frozen=True)
class RecentReport:
    department: str  # short name
    period: str
    status: str
    percent: float | None
    progress: str


@dataclass(frozen=True)
class TaskDetails:
    """One task as the task editor shows it."""

    task: TaskSettings
    assignments: dict[str, str]  # department id → lead | co
    milestones: list[Milestone]
    recent: list[RecentReport]  # the latest three reports, newest first


def task_details(db: sqlite_utils.Database, task_id: str) -> TaskDetails | None:
    task = task_settings(db, task_id)
    if task is None:
        return None
    assignments = dict(
        db.execute(
            "SELECT department_id, role FROM assignments WHERE task_id = ? AND deleted = 0",
            [task_id],
        ).fetchall()
    )
    recent = [
        RecentReport(*r)
        for r in db.execute(
            """SELECT d.short_name, r.period, r.status, r.percent, r.progress
            FROM progress_reports r JOIN departments d ON d.id = r.department_id
            WHERE r.task_id = ? AND r.deleted = 0 ORDER BY r.period DESC, d.sort LIMIT 3""",
            [task_id],
        )
    ]
    return TaskDetails(task, assignments, milestones(db).get(task_id, []), recent)
