"""The coordinator's overview (全区总览): every task as a precomputed row, filtered in
Python once per filter change (fast enough for 5,000 tasks: see bench/gui), and
reporting completeness per department."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.codes import code_key, display_code
from ipdesk.plan.periods import Period
from ipdesk.read.completeness import completeness, reported_pairs
from ipdesk.read.plan import departments, phases, plan_info, sections
from ipdesk.read.tasks import TaskStatus, load_tasks, runs_in

PLAN_PART = "4"  # 四、工作计划: the phase activities
SAFEGUARD_PART = "5"  # 五、保障措施


@dataclass
class TaskRow:
    id: str
    code: str
    sort_code: tuple[int, ...]
    title: str
    kind: str
    area: str  # "3.1" … "3.6", "4" (activities), "5" (safeguards)
    phases: frozenset[str]
    lead: str
    co: str
    departments: frozenset[str]
    due: str
    status: str
    reported_once: bool  # a status was ever reported (else the status column shows —)
    percent: float | None
    light: str
    reason: str
    overdue: bool
    unreported: bool  # lead has not reported for the chosen period though it should
    haystack: str  # lower-case text searched by the search box
    # The reporting signal, shown apart from the progress light above: red "未按时报送",
    # yellow "报告被退回", or none ("").
    report_light: str = ""
    report_reason: str = ""


@dataclass
class OverviewFilter:
    text: str = ""
    area: str = ""
    department: str = ""
    status: str = ""
    phase: str = ""
    light: str = ""
    overdue: bool = False
    unreported: bool = False

    def matches(self, row: TaskRow) -> bool:
        if self.area and row.area != self.area:
            return False
        if self.department and self.department not in row.departments:
            return False
        if self.status and row.status != self.status:
            return False
        if self.phase and self.phase not in row.phases:
            return False
        if self.light and row.light != self.light:
            return False
        if self.overdue and not row.overdue:
            return False
        if self.unreported and not row.unreported:
            return False
        if self.text:
            return all(word in row.haystack for word in self.text.lower().split())
        return True


@dataclass
class OverviewData:
    rows: list[TaskRow]
    completeness: list[rules.Completeness]
    areas: list[tuple[str, str]]  # key, label (empty for 四 and 五: the page names them)
    phases: list[tuple[str, str]]
    departments: list[tuple[str, str]]  # id, short name
    names: dict[str, str] = field(default_factory=dict)


def _area(task: TaskStatus) -> str:
    if task.section_code:
        return task.section_code
    return task.code.split(".")[0]


def load_overview(
    db: sqlite_utils.Database, period: Period, on: date | None = None
) -> OverviewData:
    """Everything the overview shows, computed once (plain Python; runs on a worker)."""
    info = plan_info(db)
    tasks = load_tasks(db, on)
    names = {d.id: d.short_name for d in departments(db)}
    plan_phases = phases(db)
    reported = reported_pairs(db, period)
    result = []
    for t in tasks:
        first, last = t.start or info.start, t.due or info.target_date
        in_phases = frozenset(
            p.code
            for p in plan_phases
            if t.phase_code == p.code
            or (t.phase_code is None and t.due is not None and first <= p.end and last >= p.start)
        )
        unreported = (
            t.reportable
            and bool(t.lead)
            and runs_in(t.start, t.due, period, info)
            and not any((t.id, d) in reported for d in t.lead)
        )
        lead = "、".join(names.get(d, "?") for d in t.lead)
        co = "、".join(names.get(d, "?") for d in t.co)
        code = display_code(t.code)
        title = ("　" if t.kind == "subtask" else "") + t.title
        result.append(
            TaskRow(
                id=t.id,
                code=code,
                sort_code=code_key(t.code),
                title=title,
                kind=t.kind,
                area=_area(t),
                phases=in_phases,
                lead=lead,
                co=co,
                departments=frozenset(t.lead) | frozenset(t.co),
                due=t.due.isoformat() if t.due else "",
                status=t.status,
                reported_once=bool(t.last_period) or t.status != "not_started",
                percent=t.percent,
                # The progress signal (against the task's dates); reporting is apart.
                light=t.schedule_light.value,
                reason=t.schedule_reason,
                overdue=t.overdue,
                unreported=unreported,
                haystack=" ".join((t.code, code, t.title, t.text, lead, co)).lower(),
                report_light=t.report_light.value if t.report_light else "",
                report_reason=t.report_reason,
            )
        )
    areas = [
        (s.code, f"{display_code(s.code)} {s.title}") for s in sections(db) if s.kind == "area"
    ]
    # The phase activities (四) and the safeguards (五) filter like areas; the page
    # names them in its language.
    present = {r.area for r in result}
    areas.extend((key, "") for key in (PLAN_PART, SAFEGUARD_PART) if key in present)
    return OverviewData(
        rows=result,
        completeness=completeness(db, period, tasks),
        areas=areas,
        phases=[
            (p.code, f"{p.name}（{p.start.isoformat()} 至 {p.end.isoformat()}）")
            for p in plan_phases
        ],
        departments=list(names.items()),
        names=names,
    )
