"""One open plan file in the window: its database, what it is (master or a
department's file), the undo stack of this session's edits and the job runner."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ipdesk.errors import IPDeskError
from ipdesk.gui import errors
from ipdesk.gui.workers import Jobs
from ipdesk.plan.periods import Period
from ipdesk.read.plan import Department, departments, plan_info
from ipdesk.store import clock, disk
from ipdesk.store.files import close_plan, file_meta, open_plan, open_reader


class EditCommand(QUndoCommand):
    """One edit = one new revision in the file. Undo writes another revision that
    restores the old value (history keeps both); redo writes the new value again."""

    def __init__(
        self,
        session: Session,
        text: str,
        redo: Callable[[], Any],
        undo: Callable[[], Any],
        touches: str = "all",
    ) -> None:
        super().__init__(text)
        self.session = session
        self.touches = touches
        self._redo = redo
        self._undo = undo
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit was made before the command was pushed
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except (IPDeskError, OSError, sqlite3.OperationalError) as exc:
            if errors.known_problem(exc) is None:
                raise
            # Cannot be undone any more (e.g. the period was submitted since):
            # say so and drop the command rather than pretend.
            self.setObsolete(True)
            errors.show_problem(self.session.parent_widget, exc)
        self.session.edited(self.touches)


class Session(QObject):
    """An open file. Views read `db`; every edit goes through `edit()`."""

    changed = Signal()  # an edit was made, undone or redone: views refresh
    saved = Signal(str)  # the time of the last saved edit, for the status bar
    periodChanged = Signal(object)  # the reporting period chosen in the toolbar

    def __init__(
        self, db: sqlite_utils.Database, path: str | Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.path = Path(path)
        self.meta = file_meta(db)
        self.info = plan_info(db)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self.jobs = Jobs(self)
        self.parent_widget: QWidget | None = None
        self.settings: Any = None  # the window's Settings, when there is a window
        self.period: Period = self.info.current_period(clock.today())
        self._departments: dict[str, Department] | None = None
        self.last_touch = "all"
        self.generation = 0  # counts edits, so pages know their cached reads are stale

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> Session:
        return cls(open_plan(path), path, parent)

    # ---------------------------------------------------------------- facts
    @property
    def is_master(self) -> bool:
        return self.meta.is_master

    @property
    def department_id(self) -> str | None:
        return self.meta.department_id

    def departments(self) -> dict[str, Department]:
        if self._departments is None:
            self._departments = {d.id: d for d in departments(self.db)}
        return self._departments

    def department_name(self, department_id: str | None) -> str:
        dept = self.departments().get(department_id or "")
        return dept.short_name if dept else ""

    def reader(self) -> sqlite_utils.Database:
        """A separate connection for a worker thread (reads what is committed; WAL
        lets it run beside the window's own connection). The worker closes it."""
        return open_reader(self.path)

    def set_period(self, period: Period) -> None:
        if period != self.period:
            self.period = period
            self.periodChanged.emit(period)

    # ---------------------------------------------------------------- edits
    def edit(
        self, text: str, redo: Callable[[], Any], undo: Callable[[], Any], touches: str = "all"
    ) -> bool:
        """Make an edit now; if the file accepts it, put it on the undo stack.

        `touches` says what the edit can change — "reports" (a task report, milestone
        date or evidence), "values" (an indicator value) or "all" — so pages can
        reload only that. Returns False (after showing why) when the edit was refused.
        """
        redo, undo = self._on_file(redo), self._on_file(undo)
        result = errors.guarded(self.parent_widget, redo)
        if result is errors.FAILED:
            return False
        self.undo_stack.push(EditCommand(self, text, redo, undo, touches))
        self.edited(touches)
        return True

    def _on_file(self, action: Callable[[], Any]) -> Callable[[], Any]:
        """The action, its file-system errors (a full disk, a locked file) named with
        this file, as the command line names them."""

        def run() -> Any:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                found = disk.problem(exc, self.path, action="save")
                if found is None:
                    raise
                raise found from exc

        return run

    def edited(self, touches: str = "all") -> None:
        self.last_touch = touches
        self.generation += 1
        self._departments = None
        self.info = plan_info(self.db)
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        self.changed.emit()

    def close(self) -> None:
        self.jobs.wait(10000)
        self.undo_stack.clear()
        close_plan(self.db)
