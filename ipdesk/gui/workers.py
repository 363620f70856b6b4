"""The window's one runner of long work (STYLE.md, after Picard's thread.py, Anki's
taskman and Dangerzone's ConvertTask).

A job is a plain function ``fn(progress, cancel) -> result`` in the core's contract
(ipdesk.work): it reports ``progress(done, total, text)``, looks at the CancelToken
``cancel`` between steps and raises ``Cancelled`` when it stops. `Jobs.start` runs it
on a QThreadPool and turns the callbacks into signals delivered on the GUI thread; no
widget is touched from a worker. Writes go to a pool of one thread, so there is only
ever one writer. With a parent widget it shows a progress dialog whose 取消 cancels
the token.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ipdesk.gui import errors
from ipdesk.work import Cancelled, CancelToken, Progress

JobFunction = Callable[[Progress, CancelToken], Any]
Describe = Callable[[int, int, str], str]


class JobSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)  # the exception, its formatted traceback
    cancelled = Signal(object)  # what was finished before the stop (Cancelled.finished)


class Job(QRunnable):
    def __init__(self, fn: JobFunction) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self.token = CancelToken()

    def cancel(self) -> None:
        self.token.cancel()

    def is_cancelled(self) -> bool:
        return self.token.cancelled

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self.token)
        except Cancelled as stop:
            self.signals.cancelled.emit(stop.finished)
        except BaseException as exc:
            self.signals.failed.emit(exc, "".join(traceback.format_exception(exc)))
        else:
            self.signals.finished.emit(result)

    def _progress(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(int(done), int(total), str(text))


def tell_failure(
    exc: BaseException,
    details: str,
    on_failed: Callable[[BaseException, str], None] | None,
    parent: QWidget | None,
) -> None:
    """A job failed: on_failed(exc, details) when given; otherwise a known problem gets
    its dialog and a bug the crash dialog."""
    if on_failed is not None:
        on_failed(exc, details)
    elif errors.known_problem(exc) is not None:
        errors.show_problem(parent, exc)
    else:
        errors.handle_exception(type(exc), exc, exc.__traceback__)


class Jobs(QObject):
    """The window's job runner: reads in parallel, writes one at a time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.readers = QThreadPool(self)
        self.readers.setMaxThreadCount(2)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.running: list[Job] = []

    def start(
        self,
        fn: JobFunction,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException, str], None] | None = None,
        on_cancelled: Callable[[Any], None] | None = None,
        writes: bool = False,
        progress_parent: QWidget | None = None,
        title: str = "",
        describe: Describe | None = None,
        cancellable: bool = True,
        dialog_name: str = "progressDialog",
    ) -> Job:
        """Run fn on a worker; with progress_parent, show a progress dialog (with 取消
        unless not `cancellable`; `describe` words each progress step).

        Exactly one of on_done(result), on_failed(exc, details) — a known problem gets
        its dialog and a bug the crash dialog when it is not given — or
        on_cancelled(finished) is called, on the GUI thread.
        """
        job = Job(fn)
        self.running.append(job)
        dialog = (
            self._dialog(job, progress_parent, title, describe, cancellable, dialog_name)
            if progress_parent is not None
            else None
        )

        def finish() -> None:
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
            if job in self.running:
                self.running.remove(job)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException, details: str) -> None:
            finish()
            tell_failure(exc, details, on_failed, progress_parent)

        def cancelled(finished: Any) -> None:
            finish()
            if on_cancelled is not None:
                on_cancelled(finished)

        queued = Qt.ConnectionType.QueuedConnection
        job.signals.finished.connect(done, queued)
        job.signals.failed.connect(failed, queued)
        job.signals.cancelled.connect(cancelled, queued)
        (self.writer if writes else self.readers).start(job)
        return job

    def _dialog(
        self,
        job: Job,
        parent: QWidget,
        title: str,
        describe: Describe | None,
        cancellable: bool,
        name: str,
    ) -> QProgressDialog:
        dialog = QProgressDialog(title, self.tr("取消") if cancellable else "", 0, 0, parent)
        dialog.setObjectName(name)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancellable:
            dialog.canceled.connect(job.cancel)
            dialog.canceled.connect(
                lambda: dialog.setLabelText(self.tr("正在取消：当前这一步完成后停止…"))
            )
        else:
            dialog.setCancelButton(None)

        def show_progress(done: int, total: int, text: str) -> None:
            if job.is_cancelled():
                return
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            label = describe(done, total, text) if describe is not None else text
            if label:
                dialog.setLabelText(label)

        job.signals.progress.connect(show_progress, Qt.ConnectionType.QueuedConnection)
        return dialog

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self.readers.waitForDone(timeout_ms) and self.writer.waitForDone(timeout_ms)

    def idle(self) -> bool:
        return not self.running
