"""One open plan file in the window: its database, what it is (master or a
department's file), the reporting period chosen, the undo stack, the runner of long
work — and the one way the window writes: `run` an Operation or `start` a
LongOperation (ipdesk.gui.operations). Every write ends in `changed(Changes)`, which
each page receives."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ipdesk.errors import IPDeskError, NotAllowed
from ipdesk.gui import errors
from ipdesk.gui.operations import LongOperation, Operation
from ipdesk.gui.workers import Describe, Job, Jobs, tell_failure
from ipdesk.messages import message
from ipdesk.plan.periods import Period
from ipdesk.read.lights import PlanLights
from ipdesk.read.plan import Department, departments, plan_info
from ipdesk.store import clock, disk, health, schema
from ipdesk.store.changes import PERIOD_CHOSEN, PLAN, Changes
from ipdesk.store.files import close_plan, file_meta, open_plan, open_reader, open_readonly
from ipdesk.work import Cancelled, CancelToken, Progress


class EditCommand(QUndoCommand):
    """One operation on the undo stack. Undo writes another revision that restores the
    old value (history keeps both); redo writes the new value again."""

    def __init__(self, session: Session, op: Operation) -> None:
        super().__init__(op.text)
        self.session = session
        self.op = op
        self._first = True

    def redo(self) -> None:
        if self._first:  # the operation was done before the command was pushed
            self._first = False
            return
        self._run(self.op.do)

    def undo(self) -> None:
        assert self.op.undo is not None
        self._run(self.op.undo)

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            self.session.on_file(action)
        except (IPDeskError, OSError, sqlite3.OperationalError) as exc:
            if errors.known_problem(exc) is None:
                raise
            # Cannot be undone any more (e.g. the period was submitted since):
            # say so and drop the command rather than pretend.
            self.setObsolete(True)
            errors.show_problem(self.session.parent_widget, exc)
        self.session.announce(self.op.changes)


class Session(QObject):
    """An open file. Pages read `db` through ipdesk.read; every write is an operation."""

    changed = Signal(object)  # Changes: an operation, an undo or a redo changed the file
    saved = Signal(str)  # the time of the last saved edit, for the status bar
    notice = Signal(str)  # a line for the status bar (e.g. why something cannot be undone)

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
        self._lights: PlanLights | None = None
        self._check_timer: QTimer | None = None
        self._check_job: Job | None = None
        # A backup opened to look at (issue #12): every write is refused in words.
        self.read_only = False

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> Session:
        # An update file is merged into a department file, not opened (issue #12).
        session = cls(open_plan(path, refuse_update=True), path, parent)
        session.check_in_background()
        return session

    @classmethod
    def open_read_only(cls, path: str | Path, parent: QObject | None = None) -> Session:
        """A file (a backup) opened only to look at: nothing is written to it."""
        session = cls(open_readonly(path), path, parent)
        session.read_only = True
        return session

    def refuse_read_only(self) -> None:
        raise NotAllowed(message("session.read_only_backup"))

    # ---------------------------------------------------------------- whole-file check
    CHECK_DELAY_MS = 2000  # after the window has settled with the file

    def check_in_background(self, delay_ms: int | None = None) -> None:
        """Check the whole file on a worker (ipdesk.store.health.verify_file) once the
        window has settled: opening checked only the header and schema of a file closed
        cleanly, and a merge leaves the master to be checked. A damaged file is told."""
        if self._check_timer is None:
            self._check_timer = QTimer(self)
            self._check_timer.setSingleShot(True)
            self._check_timer.timeout.connect(self._start_check)
        self._check_timer.start(self.CHECK_DELAY_MS if delay_ms is None else delay_ms)

    def _start_check(self) -> None:
        if self._check_job is not None and self._check_job in self.jobs.running:
            self._check_job.cancel()  # a newer state of the file is to be checked
        path = self.path

        def check(progress: Progress, cancel: CancelToken) -> None:
            schema.column_defaults("progress_reports")  # read once, not by the first edit
            try:
                health.verify_file(path, lambda: cancel.cancelled)
            except InterruptedError:
                raise Cancelled from None

        self._check_job = self.jobs.start(check, on_failed=self._check_failed)

    def _check_if_pending(self) -> None:
        """A merge or an undone import leaves the master marked to be checked whole
        (ipdesk.store.health): check it in the background now."""
        if health.pending_mark(self.path) is not None:
            self.check_in_background()

    def _check_failed(self, exc: BaseException, details: str) -> None:
        # The check runs without a progress dialog; a problem it meets is told in the window.
        tell_failure(exc, details, None, self.parent_widget)

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

    def lights(self) -> PlanLights:
        """Every task's and indicator's status, read once and brought up to date by
        `sync()` after each edit (only what the edit touched is computed again)."""
        if self._lights is None or self._lights.db is not self.db:
            self._lights = PlanLights(self.db)
            # The schema's columns and defaults a first write needs, parsed once a process
            # (~25 ms): now, with the plan's lights, rather than in the first edit.
            schema.column_defaults("tasks")
        return self._lights

    def reader(self) -> sqlite_utils.Database:
        """A separate connection for a worker thread (reads what is committed; WAL
        lets it run beside the window's own connection). The worker closes it."""
        return open_reader(self.path)

    def set_period(self, period: Period) -> None:
        if period != self.period:
            self.period = period
            self.changed.emit(PERIOD_CHOSEN)

    # ---------------------------------------------------------------- writes
    def run(self, op: Operation) -> bool:
        """Do an operation now; if the file accepts it, put it on the undo stack (or say
        that it cannot be undone). Returns False (after showing why) when refused."""
        if self.read_only:
            errors.guarded(self.parent_widget, self.refuse_read_only)
            return False
        if errors.guarded(self.parent_widget, self.on_file, op.do) is errors.FAILED:
            return False
        if op.undo is not None:
            self.undo_stack.push(EditCommand(self, op))
        elif op.final:
            self.notice.emit(op.final)
        self.announce(op.changes)
        return True

    def start(
        self,
        op: LongOperation,
        *,
        on_done: Callable[[Any], None],
        on_cancelled: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException, str], None] | None = None,
        progress_parent: QWidget | None = None,
        describe: Describe | None = None,
        dialog_name: str = "progressDialog",
    ) -> Job:
        """Run a long operation on the writer thread; when it ends (done, or cancelled
        with part of it done) the pages get its Changes, then the caller's callback."""
        if self.read_only:
            op = replace(op, work=lambda progress, cancel: self.refuse_read_only())

        def done(result: Any) -> None:
            self.announce(op.changes)
            self._check_if_pending()
            self.notice.emit(op.final)
            on_done(result)

        def cancelled(finished: Any) -> None:
            if finished:
                self.announce(op.changes)
                self._check_if_pending()
            if on_cancelled is not None:
                on_cancelled(finished)

        def failed(exc: BaseException, details: str) -> None:
            # A refusal changes nothing, but what a bug did is read again to be sure.
            self.announce(op.changes)
            tell_failure(exc, details, on_failed, progress_parent)

        return self.jobs.start(
            op.work,
            on_done=done,
            on_cancelled=cancelled,
            on_failed=failed,
            writes=True,
            progress_parent=progress_parent,
            title=op.title,
            describe=describe,
            cancellable=op.cancellable,
            dialog_name=dialog_name,
        )

    def on_file(self, action: Callable[[], Any]) -> Any:
        """Run a write, its file-system errors (a full disk, a locked file) named with
        this file, as the command line names them."""
        try:
            return action()
        except sqlite3.OperationalError as exc:
            found = disk.problem(exc, self.path, action="save")
            if found is None:
                raise
            raise found from exc

    def announce(self, changes: Changes) -> None:
        """The file changed: refresh what the session itself keeps, tell the pages."""
        if changes.touches(PLAN.tables):
            self._departments = None
            self.info = plan_info(self.db)
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        self.changed.emit(changes)

    def close(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        if self._check_job is not None:
            self._check_job.cancel()
        self.jobs.wait(10000)
        self.undo_stack.clear()
        self._lights = None
        close_plan(self.db)
