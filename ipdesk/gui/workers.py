"""Long work off the GUI thread (STYLE.md, after Picard's thread.py and Anki's taskman).

A job is a plain function ``fn(progress, cancel) -> result`` in the core's calling
convention: it reports ``progress(done, total, text)`` and stops when ``cancel()``
returns True. `Jobs.start` runs it on a QThreadPool and turns the callbacks into
signals delivered on the GUI thread; no widget is touched from a worker. Writes go to
a pool of one thread, so there is only ever one writer.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ipdesk.gui import errors

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
JobFunction = Callable[[Progress, Cancel], Any]


class Cancelled(Exception):
    """Raised inside a job that noticed cancel() (or by helpers that check it)."""


class JobSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)  # the exception, its formatted traceback
    cancelled = Signal()


class Job(QRunnable):
    def __init__(self, fn: JobFunction) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self.is_cancelled)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - everything reaches the GUI
            if self.is_cancelled() and not isinstance(exc, Exception):
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(exc, "".join(traceback.format_exception(exc)))
        else:
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            self.done.set()

    def _progress(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(int(done), int(total), str(text))


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
        writes: bool = False,
        progress_parent: QWidget | None = None,
        title: str = "",
    ) -> Job:
        """Run fn on a worker; with progress_parent, show a cancellable progress dialog."""
        job = Job(fn)
        self.running.append(job)
        dialog: QProgressDialog | None = None
        if progress_parent is not None:
            dialog = QProgressDialog(title, self.tr("取消"), 0, 0, progress_parent)
            dialog.setObjectName("progressDialog")
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(job.cancel)

            def show_progress(done: int, total: int, text: str) -> None:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                if text:
                    dialog.setLabelText(text)

            job.signals.progress.connect(show_progress)

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
            if on_failed is not None:
                on_failed(exc, details)
            elif errors.known_problem(exc) is not None:
                errors.show_problem(progress_parent, exc)
            else:
                errors.handle_exception(type(exc), exc, exc.__traceback__)

        job.signals.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        job.signals.cancelled.connect(finish, Qt.ConnectionType.QueuedConnection)
        (self.writer if writes else self.readers).start(job)
        return job

    def wait(self, timeout_ms: int = 30000) -> bool:
        ok = self.readers.waitForDone(timeout_ms) and self.writer.waitForDone(timeout_ms)
        return ok


def run_now(fn: JobFunction) -> Any:
    """Run a job function on this thread (for the command line and for scripts)."""
    return fn(lambda done, total, text="": None, lambda: False)
