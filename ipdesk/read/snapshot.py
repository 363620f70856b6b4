"""Everything a printed sheet or a workbook needs, read once: the plan, its
departments, sections and phases, every task's and indicator's status and the
milestones (achieved on the first day any department reported)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from ipdesk.read.indicators import IndicatorStatus, load_indicators
from ipdesk.read.plan import Department, Phase, PlanInfo, Section, departments, phases, plan_info
from ipdesk.read.plan import sections as plan_sections
from ipdesk.read.query import settle
from ipdesk.read.tasks import Milestone, TaskStatus, load_tasks, milestones
from ipdesk.store import clock


@dataclass
class PlanSnapshot:
    """The plan as of one day."""

    db: sqlite_utils.Database
    info: PlanInfo
    on: date
    departments: dict[str, Department]  # id → department, in plan order
    tasks: list[TaskStatus]
    indicators: list[IndicatorStatus]
    sections: dict[str, Section]  # code → section, in plan order
    phases: list[Phase]
    milestones: dict[str, list[Milestone]] = field(default_factory=dict)

    @property
    def task_by_id(self) -> dict[str, TaskStatus]:
        return {t.id: t for t in self.tasks}

    def dept_name(self, dept_id: str | None) -> str:
        if dept_id is None or dept_id not in self.departments:
            return ""
        return self.departments[dept_id].short_name

    def dept_names(self, ids: list[str]) -> str:
        return "、".join(self.dept_name(d) for d in ids)

    def department_indicators(self, department_id: str) -> list[IndicatorStatus]:
        return [i for i in self.indicators if department_id in i.departments]


def snapshot(db: sqlite_utils.Database, on: date | None = None) -> PlanSnapshot:
    """The plan as of `on`, read whole; its objects are settled (ipdesk.read.query.settle)
    for as long as the sheet or workbook made from it takes."""
    on = on or clock.today()
    snap = PlanSnapshot(
        db=db,
        info=plan_info(db),
        on=on,
        departments={d.id: d for d in departments(db)},
        tasks=load_tasks(db, on),
        indicators=load_indicators(db, on),
        sections={s.code: s for s in plan_sections(db)},
        phases=phases(db),
        milestones=milestones(db),
    )
    settle()
    return snap
