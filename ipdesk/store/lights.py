"""The plan's warning lights — every task's status and light, every indicator's current
value, expected value and light — read once and then kept up to date edit by edit.

`load_tasks` and `load_indicators` (ipdesk.store.overview) read a whole file; a
window that shows a 5,000-task plan cannot read it again after every edit (about a
second at city scale). `PlanLights` holds what the rules need — the plan's tasks and
indicators, every report's status and percent, every indicator value, the returned
periods — and `sync()` looks at what changed since it last looked: the revisions
the file recorded since then (every write of a replicated row records one, see
ipdesk.store.rows), re-reads only those rows and recomputes only the tasks and
indicators they touch (a task's parents with it). Anything it cannot follow
row by row — a change of the plan itself, a write by another connection (a merge, an
undone import), another day — makes it read everything again.

The lights themselves are not computed here: every status comes from the per-item
rules of ipdesk.plan.rules (`task_light`, `is_overdue`, `current_value`,
`expected_value`, `percent_of_target`, `indicator_light`), so a full read and an
incremental update give the same result by construction, and changes to the rules
apply to both.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.codes import short_title
from ipdesk.plan.periods import Period
from ipdesk.store import clock
from ipdesk.store.schema import PLAN_TABLES

# The statuses themselves are the read model's (ipdesk.store.overview); imported late
# there to avoid a cycle, so the names are only used in type annotations here.
Report = tuple[int, str, str, str, float | None]  # rowid, department, period, status, percent


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=4096)
def period_of(text: str) -> Period:
    """Period.parse, remembered (a big file repeats a few dozen period texts)."""
    return Period.parse(text)


@dataclass(frozen=True)
class _Task:
    """What the plan says about a task (it changes only when the plan does)."""

    id: str
    code: str
    kind: str
    title: str
    text: str
    parent_id: str | None
    section_code: str | None
    phase_code: str | None
    start: date | None
    due: date | None
    lead: tuple[str, ...]
    co: tuple[str, ...]
    reportable: bool
    pos: int  # document order


@dataclass
class LightsChange:
    """What one `sync()` changed: the ids of the tasks and indicators whose status was
    recomputed, or `reloaded` when everything was read again."""

    tasks: set[str] = field(default_factory=set)
    indicators: set[str] = field(default_factory=set)
    departments: set[str] = field(default_factory=set)  # whose reports or values changed
    reloaded: bool = False

    def __bool__(self) -> bool:
        return self.reloaded or bool(self.tasks or self.indicators or self.departments)


class TaskBook:
    """Every task's status and light, recomputed task by task."""

    def __init__(self, db: sqlite_utils.Database, on: date) -> None:
        from ipdesk.store.overview import plan_info

        self.on = on
        self.info = plan_info(db)
        self.closed = self.info.closed_periods(on)
        rows = db.execute(
            """SELECT t.id, t.code, t.kind, t.title, t.text, t.parent_id, t.start_date,
                   t.due_date, s.code, p.code
            FROM tasks t LEFT JOIN sections s ON s.id = t.section_id
            LEFT JOIN phases p ON p.id = t.phase_id
            WHERE t.deleted = 0 ORDER BY t.sort"""
        ).fetchall()
        roles: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for task_id, dept, role in db.execute(
            "SELECT a.task_id, a.department_id, a.role FROM assignments a"
            " JOIN departments d ON d.id = a.department_id"
            " WHERE a.deleted = 0 ORDER BY d.sort"
        ):
            roles[task_id][0 if role == "lead" else 1].append(dept)
        has_children = {r[5] for r in rows if r[5]}
        self.plan: dict[str, _Task] = {}
        self.order: list[str] = []
        self.children: dict[str, list[str]] = defaultdict(list)
        self.led_by: dict[str, set[str]] = defaultdict(set)  # department → tasks it leads
        for pos, r in enumerate(rows):
            lead, co = roles[r[0]] if r[0] in roles else ([], [])
            task = _Task(
                id=r[0],
                code=r[1],
                kind=r[2],
                title=short_title(r[3], r[4]),
                text=r[4],
                parent_id=r[5],
                section_code=r[8],
                phase_code=r[9],
                start=_date(r[6]),
                due=_date(r[7]),
                lead=tuple(lead),
                co=tuple(co),
                reportable=r[0] not in has_children,
                pos=pos,
            )
            self.plan[task.id] = task
            self.order.append(task.id)
            if task.parent_id:
                self.children[task.parent_id].append(task.id)
            for dept in lead:
                self.led_by[dept].add(task.id)
        self.reports: dict[str, list[Report]] = defaultdict(list)
        for rowid, task_id, dept, period, status, percent in db.execute(
            "SELECT rowid, task_id, department_id, period, status, percent"
            " FROM progress_reports WHERE deleted = 0 ORDER BY rowid"
        ):
            self.reports[task_id].append((rowid, dept, period, status, percent))
        self.returned: set[tuple[str, str]] = set(
            db.execute(
                "SELECT department_id, period FROM submissions"
                " WHERE state = 'returned' AND deleted = 0"
            ).fetchall()
        )
        self.own: dict[str, Any] = {}  # task → its status from its own lead reports
        self.final: dict[str, Any] = {}  # task → its status as shown
        for task_id in self.order:
            self.own[task_id] = self._own(self.plan[task_id])
        self._finish(self.order)

    # ------------------------------------------------------------------ computing
    def _own(self, task: _Task) -> Any:
        """The task's status from its lead departments' reports (before sub-tasks)."""
        from ipdesk.store.overview import TaskStatus

        status = TaskStatus(
            id=task.id,
            code=task.code,
            kind=task.kind,
            title=task.title,
            text=task.text,
            parent_id=task.parent_id,
            section_code=task.section_code,
            phase_code=task.phase_code,
            start=task.start,
            due=task.due,
            lead=list(task.lead),
            co=list(task.co),
            reportable=task.reportable,
        )
        lead = task.lead
        reports = self.reports.get(task.id, ())
        lead_reports = [r for r in reports if r[1] in lead]
        if lead_reports:
            latest_period = max(period_of(r[2]) for r in lead_reports)
            latest_text = str(latest_period)
            latest = [r for r in lead_reports if r[2] == latest_text]
            worst = min(latest, key=lambda r: r[4] if r[4] is not None else -1)
            status.status, status.percent, status.last_period = worst[3], worst[4], latest_text
            status.returned = any((d, latest_text) in self.returned for d in lead)
        if task.reportable and lead:
            reported = {(r[1], r[2]) for r in lead_reports}
            status.missing_periods = [
                str(p)
                for p in self.closed
                if _active(task.start, task.due, p, self.info)
                and not any((d, str(p)) in reported for d in lead)
            ]
        return status

    def _finish(self, task_ids: Iterable[str]) -> None:
        """Sub-tasks into their parents, then the lights, for `task_ids` in document
        order. A parent takes each sub-task as it stands at that point of a pass in
        document order: finished when the sub-task comes before it, otherwise as its own
        reports left it (which is what a single pass over the plan gives)."""
        ordered = sorted(task_ids, key=lambda t: self.plan[t].pos)
        for task_id in ordered:
            task = self.plan[task_id]
            status = replace(
                self.own[task_id], missing_periods=list(self.own[task_id].missing_periods)
            )
            if not task.reportable:
                kids = [
                    self.final[c] if self.plan[c].pos < task.pos else self.own[c]
                    for c in self.children[task_id]
                ]
                percents = [c.percent or 0.0 for c in kids]
                status.percent = sum(percents) / len(percents)
                status.missing_periods = sorted({p for c in kids for p in c.missing_periods})
                states = {c.status for c in kids}
                status.status = (
                    "done"
                    if states == {"done"}
                    else "behind"
                    if "behind" in states
                    else "not_started"
                    if states == {"not_started"}
                    else "in_progress"
                )
                status.returned = any(c.returned for c in kids)
                status.last_period = max(
                    (c.last_period for c in kids if c.last_period), default=None
                )
            spec = rules.TaskSpec(
                status.code, status.start, status.due, rules.Status(status.status), status.percent
            )
            status.overdue = rules.is_overdue(spec, self.on)
            status.light, status.reason = rules.task_light(
                spec,
                self.on,
                lead_report_missing_for_closed_period=bool(status.missing_periods),
                report_returned=status.returned,
            )
            self.final[task_id] = status

    def _with_parents(self, task_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for task_id in task_ids:
            while task_id and task_id in self.plan and task_id not in out:
                out.add(task_id)
                task_id = self.plan[task_id].parent_id or ""
        return out

    def recompute(self, task_ids: Iterable[str]) -> set[str]:
        """Recompute the tasks (and their parents); returns the ids recomputed."""
        touched = {t for t in task_ids if t in self.plan}
        for task_id in touched:
            self.own[task_id] = self._own(self.plan[task_id])
        everything = self._with_parents(touched)
        # A parent later in the order than its sub-task reads the sub-task's finished
        # status, so it follows it; one earlier reads the sub-task's own.
        self._finish(everything)
        return everything

    # ------------------------------------------------------------------ changes
    def report_changed(
        self,
        rowid: int,
        task_id: str,
        dept: str,
        period: str,
        status: str,
        percent: Any,
        deleted: int,
    ) -> str | None:
        """One progress report as it now is in the file; returns the task it belongs to."""
        if task_id not in self.plan:
            return None
        mine = [r for r in self.reports.get(task_id, []) if (r[1], r[2]) != (dept, period)]
        if not deleted:
            insort(mine, (rowid, dept, period, status, percent), key=lambda r: r[0])
        self.reports[task_id] = mine
        return task_id

    def submission_changed(self, dept: str, period: str, returned: bool) -> set[str]:
        """A department's period was returned (or no longer is); returns the tasks it leads."""
        if returned:
            self.returned.add((dept, period))
        else:
            self.returned.discard((dept, period))
        return set(self.led_by.get(dept, ()))

    def statuses(self) -> list[Any]:
        return [self.final[t] for t in self.order]


def _active(start: date | None, due: date | None, period: Period, info: Any) -> bool:
    first = start or info.start
    last = due or info.target_date
    return first <= period.end and last >= period.start


class IndicatorBook:
    """Every indicator's current value, expected value, % of target and light,
    recomputed indicator by indicator."""

    def __init__(self, db: sqlite_utils.Database, on: date) -> None:
        from ipdesk.store.overview import plan_info

        self.on = on
        self.info = plan_info(db)
        closed = self.info.closed_periods(on)
        self.last_closed = closed[-1] if closed else None
        cursor = db.execute("SELECT * FROM indicators WHERE deleted = 0 ORDER BY sort, code")
        names = [d[0] for d in cursor.description]
        self.rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        self.responsible: dict[str, list[str]] = defaultdict(list)
        for ind, dept in db.execute(
            "SELECT indicator_id, department_id FROM indicator_departments WHERE deleted = 0"
        ):
            self.responsible[ind].append(dept)
        milestones: dict[str, list[tuple[date, float]]] = defaultdict(list)
        for ind, day, value in db.execute(
            "SELECT indicator_id, on_date, value FROM indicator_milestones WHERE deleted = 0"
        ):
            milestones[ind].append((date.fromisoformat(day), value))
        self.specs = {
            i["id"]: rules.IndicatorSpec(
                code=i["code"],
                kind=i["kind"],
                comparator=i["comparator"],
                target=i["target"],
                baseline=i["baseline"],
                aggregation=i["aggregation"],
                designated=i["designated_department_id"],
                start=self.info.start,
                target_date=self.info.target_date,
                milestones=tuple(milestones[i["id"]]),
                tolerance=self.info.tolerance,
            )
            for i in self.rows
        }
        # Each indicator's values in the file's row order (a scan's order: a value edited
        # later keeps its place, a new one goes last, as a fresh read has them). Their
        # rowids are read the first time one of the indicator's values changes.
        self.entries: dict[str, list[rules.ValueEntry]] = {i["id"]: [] for i in self.rows}
        self.rowids: dict[str, list[int]] = {}
        entry = rules.ValueEntry
        entries = self.entries
        for ind, dept, period, value in db.execute(
            "SELECT indicator_id, department_id, period, value FROM indicator_values"
            " WHERE deleted = 0 ORDER BY rowid"
        ):
            own = entries.get(ind)
            if own is None:
                own = entries[ind] = []
            own.append(entry(dept, period_of(period), value))
        self.status: dict[str, Any] = {}
        for i in self.rows:
            self.status[i["id"]] = self._status(i)

    def _status(self, i: dict[str, Any]) -> Any:
        from ipdesk.store.overview import IndicatorStatus

        spec = self.specs[i["id"]]
        own = list(self.entries.get(i["id"], ()))
        current = rules.current_value(spec, own)
        current = round(current, 6) if current is not None else None
        last = self.last_closed
        missing = (
            last is not None
            and last.start <= self.info.target_date
            and not any(e.period == last for e in own)
        )
        return IndicatorStatus(
            id=i["id"],
            code=i["code"],
            name=i["name"],
            text=i["text"],
            unit=i["unit"],
            target=i["target"],
            comparator=i["comparator"],
            kind=i["kind"],
            aggregation=i["aggregation"],
            baseline=i["baseline"],
            designated=i["designated_department_id"],
            departments=self.responsible[i["id"]],
            spec=spec,
            entries=own,
            current=current,
            expected=rules.expected_value(spec, self.on),
            percent=rules.percent_of_target(spec, current),
            light=rules.indicator_light(spec, current, self.on, missing_closed_period=missing),
        )

    def value_changed(
        self,
        db: sqlite_utils.Database,
        rowid: int,
        indicator_id: str,
        dept: str,
        period: str,
        value: float,
        deleted: int,
    ) -> str | None:
        """One indicator value as it now is in the file; returns its indicator."""
        entries = self.entries.get(indicator_id)
        if entries is None:
            return None
        rowids = self.rowids.get(indicator_id)
        if rowids is None:
            # Rowids never change, so the file tells them for the entries held (the
            # changed row, if held, keeps its rowid too).
            known = {
                (d, p): r
                for r, d, p in db.execute(
                    "SELECT rowid, department_id, period FROM indicator_values"
                    " WHERE indicator_id = ?",
                    [indicator_id],
                )
            }
            rowids = self.rowids[indicator_id] = [
                known[(e.department, str(e.period))] for e in entries
            ]
        at = bisect_left(rowids, rowid)
        if at < len(rowids) and rowids[at] == rowid:
            del entries[at], rowids[at]
        if not deleted:
            entries.insert(at, rules.ValueEntry(dept, period_of(period), value))
            rowids.insert(at, rowid)
        return indicator_id

    def recompute(self, indicator_ids: Iterable[str]) -> set[str]:
        done = set()
        by_id = {i["id"]: i for i in self.rows}
        for ind in indicator_ids:
            if ind in by_id:
                self.status[ind] = self._status(by_id[ind])
                done.add(ind)
        return done

    def statuses(self) -> list[Any]:
        return [self.status[i["id"]] for i in self.rows]


def _settled() -> None:
    """The books hold a few hundred thousand objects for as long as the file is open;
    Python's cyclic garbage collector would walk them all now and then — a pause of a
    tenth of a second in the middle of an edit at city scale. They are moved out of its
    way (gc.freeze: the objects alive now are no longer scanned; freed as usual when
    their last reference goes)."""
    gc.freeze()


class PlanLights:
    """Every task's and indicator's status for one open file, kept up to date by
    `sync()` after each edit (see the module's docstring).

    Args:
        db: The open file (the connection edits are made on).
        on: The day the lights are judged on; None follows the clock (a new day reads
            everything again).
    """

    def __init__(self, db: sqlite_utils.Database, on: date | None = None) -> None:
        self.db = db
        self._fixed_day = on
        self._tasks: TaskBook | None = None
        self._indicators: IndicatorBook | None = None
        self.reloads = 0
        self._reload()

    @property
    def on(self) -> date:
        return self._fixed_day or self._day

    def _reload(self) -> None:
        self._day = self._fixed_day or clock.today()
        self._tasks = None
        self._indicators = None
        self._mark = self._history_mark()
        self._version = self._data_version()
        self.reloads += 1

    def _history_mark(self) -> int:
        return self.db.execute("SELECT coalesce(max(rowid), 0) FROM row_history").fetchone()[0]

    def _data_version(self) -> int:
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    @property
    def task_book(self) -> TaskBook:
        if self._tasks is None:
            self._tasks = TaskBook(self.db, self.on)
            _settled()
        return self._tasks

    @property
    def indicator_book(self) -> IndicatorBook:
        if self._indicators is None:
            self._indicators = IndicatorBook(self.db, self.on)
            _settled()
        return self._indicators

    def tasks(self) -> list[Any]:
        """Every task's TaskStatus, in document order (as `load_tasks`)."""
        return self.task_book.statuses()

    def indicators(self) -> list[Any]:
        """Every indicator's IndicatorStatus (as `load_indicators`)."""
        return self.indicator_book.statuses()

    def sync(self) -> LightsChange:
        """Bring the lights up to date with the file; returns what was recomputed."""
        change = LightsChange()
        if (self._fixed_day is None and clock.today() != self._day) or (
            self._data_version() != self._version
        ):
            self._reload()
            change.reloaded = True
            return change
        touched = self.db.execute(
            "SELECT rowid, tbl, row_id FROM row_history WHERE rowid > ? ORDER BY rowid",
            [self._mark],
        ).fetchall()
        if not touched:
            return change
        if any(tbl in PLAN_TABLES for _, tbl, _ in touched):
            self._reload()
            change.reloaded = True
            return change
        self._mark = touched[-1][0]
        tasks: set[str] = set()
        indicators: set[str] = set()
        seen: set[tuple[str, str]] = set()
        for _, tbl, row_id in touched:
            if (tbl, row_id) in seen:
                continue
            seen.add((tbl, row_id))
            if not self._follow(tbl, row_id, tasks, indicators, change):
                self._reload()
                change.reloaded = True
                return change
        if self._tasks is not None and tasks:
            change.tasks = self._tasks.recompute(tasks)
        if self._indicators is not None and indicators:
            change.indicators = self._indicators.recompute(indicators)
        return change

    def _follow(
        self,
        tbl: str,
        row_id: str,
        tasks: set[str],
        indicators: set[str],
        change: LightsChange,
    ) -> bool:
        """Take one changed row into the books; False when it cannot be followed."""
        if tbl == "progress_reports":
            row = self.db.execute(
                "SELECT rowid, task_id, department_id, period, status, percent, deleted"
                " FROM progress_reports WHERE id = ?",
                [row_id],
            ).fetchone()
            if row is None:
                return False
            change.departments.add(row[2])
            if self._tasks is not None:
                task = self._tasks.report_changed(*row)
                if task is not None:
                    tasks.add(task)
        elif tbl == "indicator_values":
            row = self.db.execute(
                "SELECT rowid, indicator_id, department_id, period, value, deleted"
                " FROM indicator_values WHERE id = ?",
                [row_id],
            ).fetchone()
            if row is None:
                return False
            change.departments.add(row[2])
            if self._indicators is not None:
                found = self._indicators.value_changed(self.db, *row)
                if found is not None:
                    indicators.add(found)
        elif tbl == "submissions":
            row = self.db.execute(
                "SELECT department_id, period, state, deleted FROM submissions WHERE id = ?",
                [row_id],
            ).fetchone()
            if row is None:
                return False
            dept, period, state, deleted = row
            change.departments.add(dept)
            if self._tasks is not None:
                tasks |= self._tasks.submission_changed(
                    dept, period, state == "returned" and not deleted
                )
        # Milestone dates and evidence files do not light anything.
        return True
