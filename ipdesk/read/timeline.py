"""What the timeline shows, on screen and printed: THE rows in display order (work
areas with their tasks and sub-tasks, tasks outside any area, the phases with their
activities, the safeguards), the phases, the milestones and the department names.

`timeline_rows` is the one definition of the rows; the window's 进度甘特图 and the
printed 工作进度甘特图 both draw exactly these, in this order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from ipdesk.plan.codes import code_key, display_code, phase_label
from ipdesk.read.plan import Phase, Section, department_names, phases, plan_info, sections
from ipdesk.read.tasks import Milestone, TaskStatus, load_tasks, milestones

GROUP = "group"  # a collapsible heading: a work area, 四 工作计划 or 五 保障措施
PHASE = "phase"  # a phase heading inside 四 工作计划
TASK = "task"  # a task, sub-task, activity or safeguard

PLAN_GROUP = "4"
SAFEGUARD_GROUP = "5"
OTHER_GROUP = "other"


@dataclass
class TimelineRow:
    """One line of the timeline.

    Attributes:
        kind: GROUP, PHASE or TASK.
        key: The group key for a group row ("3.1", "4", "5"), the phase code for a
            phase row, the task id for a task row.
        group: The key of the group the row belongs to (its own key for a group).
        code: Dotted code ("3.1.1.2"); empty for a group without one.
        title: Short title.
        depth: 0 for headings, 1 for tasks, 2 for sub-tasks and so on.
        start: First day of the bar, or None (a safeguard runs through the plan).
        end: Last day of the bar (inclusive), or None.
        task: The task's status (task rows only).
        milestones: Milestones of the task.
        percent: % done (for a group: the average of its tasks).
        count: Number of task rows in a group.
    """

    kind: str
    key: str
    group: str
    code: str
    title: str
    depth: int
    start: date | None = None
    end: date | None = None
    task: TaskStatus | None = None
    milestones: list[Milestone] = field(default_factory=list)
    percent: float | None = None
    count: int = 0

    @property
    def label(self) -> str:
        if self.kind == PHASE and self.code:
            return phase_label(self.code)
        return display_code(self.code) if self.code else ""

    @property
    def through_plan(self) -> bool:
        """A task without dates (a safeguard) runs through the whole plan."""
        return self.kind == TASK and (self.start is None or self.end is None)


@dataclass
class TimelineData:
    plan_start: date
    plan_end: date
    target_date: date
    today: date
    phases: list[Phase]
    rows: list[TimelineRow]
    departments: dict[str, str]  # id → short name
    period_kind: str

    @property
    def days(self) -> int:
        """Days the x axis covers (plan start … plan end inclusive)."""
        return (self.plan_end - self.plan_start).days + 1

    def day(self, when: date) -> int:
        """Days from the plan start."""
        return (when - self.plan_start).days

    def task_rows(self) -> list[TimelineRow]:
        return [r for r in self.rows if r.kind == TASK]

    def department_names(self, ids: list[str]) -> list[str]:
        return [self.departments.get(i, i) for i in ids]


def load_timeline(db: sqlite_utils.Database, on: date) -> TimelineData:
    """Everything the timeline draws, as of the day `on`."""
    info = plan_info(db)
    plan_phases = phases(db)
    return TimelineData(
        plan_start=info.start,
        plan_end=info.end,
        target_date=info.target_date,
        today=on,
        phases=plan_phases,
        rows=timeline_rows(load_tasks(db, on), sections(db), plan_phases, milestones(db)),
        departments=department_names(db),
        period_kind=info.period_kind,
    )


def timeline_rows(
    tasks: list[TaskStatus],
    plan_sections: list[Section],
    plan_phases: list[Phase],
    marks: dict[str, list[Milestone]],
) -> list[TimelineRow]:
    """THE timeline's rows in document order: each work area that has tasks, with its
    tasks (sub-tasks under their task); then the tasks outside any area (OTHER_GROUP,
    still work of 三 like the areas'); then 四 with the activities under their phases;
    then 五 the safeguards."""
    areas = [(s.code, s.title) for s in plan_sections if s.kind == "area"]
    parts = {s.code: s.title for s in plan_sections if s.kind == "part"}
    ids = {t.id for t in tasks}
    children: dict[str | None, list[TaskStatus]] = defaultdict(list)
    for t in tasks:
        children[t.parent_id if t.parent_id in ids else None].append(t)
    for siblings in children.values():
        siblings.sort(key=lambda t: code_key(t.code))

    def task_row(t: TaskStatus, group: str, depth: int) -> TimelineRow:
        return TimelineRow(
            kind=TASK,
            key=t.id,
            group=group,
            code=t.code,
            title=t.title,
            depth=depth,
            start=t.start,
            end=t.due,
            task=t,
            milestones=marks.get(t.id, []),
            percent=t.percent,
        )

    def subtree(t: TaskStatus, group: str, depth: int) -> list[TimelineRow]:
        out = [task_row(t, group, depth)]
        for child in children.get(t.id, []):
            out.extend(subtree(child, group, depth + 1))
        return out

    def group_row(
        key: str, code: str, title: str, members: list[TimelineRow], top: list[TimelineRow]
    ) -> TimelineRow:
        starts = [r.start for r in members if r.start]
        ends = [r.end for r in members if r.end]
        percents = [r.percent or 0.0 for r in top]
        return TimelineRow(
            kind=GROUP,
            key=key,
            group=key,
            code=code,
            title=title,
            depth=0,
            start=min(starts) if starts else None,
            end=max(ends) if ends else None,
            percent=sum(percents) / len(percents) if percents else None,
            count=len(members),
        )

    top_level = children[None]
    rows: list[TimelineRow] = []
    known_areas = {code for code, _ in areas}
    for code, title in areas:
        members: list[TimelineRow] = []
        top: list[TimelineRow] = []
        for t in top_level:
            if t.kind in ("task", "subtask") and t.section_code == code:
                part = subtree(t, code, 1)
                top.append(part[0])
                members.extend(part)
        if members:
            rows.append(group_row(code, code, title, members, top))
            rows.extend(members)

    others = [
        t for t in top_level if t.kind in ("task", "subtask") and t.section_code not in known_areas
    ]
    if others:
        members = [r for t in others for r in subtree(t, OTHER_GROUP, 1)]
        top = [r for r in members if r.depth == 1]
        rows.append(group_row(OTHER_GROUP, "", "", members, top))
        rows.extend(members)

    activities = [t for t in top_level if t.kind == "activity"]
    if activities or plan_phases:
        members, top = [], []
        phase_rows: list[TimelineRow] = []
        for phase in plan_phases:
            own = [t for t in activities if t.phase_code == phase.code]
            part = [r for t in own for r in subtree(t, PLAN_GROUP, 2)]
            done = [r.percent or 0.0 for r in part if r.depth == 2]
            phase_rows.append(
                TimelineRow(
                    kind=PHASE,
                    key=phase.code,
                    group=PLAN_GROUP,
                    code=phase.code,
                    title=phase.name,
                    depth=1,
                    start=phase.start,
                    end=phase.end,
                    percent=sum(done) / len(done) if done else None,
                    count=len(part),
                )
            )
            phase_rows.extend(part)
            members.extend(part)
            top.extend(r for r in part if r.depth == 2)
        placed = {p.code for p in plan_phases}
        for t in activities:
            if t.phase_code not in placed:
                part = subtree(t, PLAN_GROUP, 1)
                phase_rows.extend(part)
                members.extend(part)
                top.append(part[0])
        rows.append(group_row(PLAN_GROUP, "4", parts.get("4", ""), members, top))
        rows.extend(phase_rows)

    safeguards = [t for t in top_level if t.kind == "safeguard"]
    if safeguards:
        members = [r for t in safeguards for r in subtree(t, SAFEGUARD_GROUP, 1)]
        top = [r for r in members if r.depth == 1]
        rows.append(group_row(SAFEGUARD_GROUP, "5", parts.get("5", ""), members, top))
        rows.extend(members)

    return rows
