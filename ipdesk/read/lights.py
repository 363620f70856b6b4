"""The plan's warning lights — every task's status and light, every indicator's current
value, expected value and light — read once and then kept up to date edit by edit.

`load_tasks` and `load_indicators` read a whole file; a window that shows a 5,000-task
plan cannot read it again after every edit (about a second at city scale).
`PlanLights` holds the two books those functions read whole (ipdesk.read.tasks.TaskBook,
ipdesk.read.indicators.IndicatorBook: the plan's tasks and indicators, every report's
status and percent, every indicator value, the returned periods) and `sync()` looks at
what changed since it last looked: the revisions the file recorded since then (every
write of a replicated row records one, see ipdesk.store.rows), re-reads only those rows
and has the books recompute only the tasks and indicators they touch (a task's parents
with it). Anything it cannot follow row by row — a change of the plan itself (tasks,
dates, departments and when their reporting starts…), a write by another connection (a
merge, an undone import), another day — makes it read everything again.

No rule is written here: the books are the one definition of every status, so a full
read and an incremental update give the same result by construction (a property-based
test checks it after random edit sequences, tests/core/test_lights_incremental.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from ipdesk.read.indicators import IndicatorBook, IndicatorStatus
from ipdesk.read.query import settle
from ipdesk.read.tasks import TaskBook, TaskStatus
from ipdesk.store import clock
from ipdesk.store.schema import PLAN_TABLES


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
            settle()
        return self._tasks

    @property
    def indicator_book(self) -> IndicatorBook:
        if self._indicators is None:
            self._indicators = IndicatorBook(self.db, self.on)
            settle()
        return self._indicators

    def tasks(self) -> list[TaskStatus]:
        """Every task's TaskStatus, in document order (as `load_tasks`)."""
        return self.task_book.statuses()

    def indicators(self) -> list[IndicatorStatus]:
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
