"""The one contract of long work in the core (STYLE.md "Long work").

A function that may take long (a PDF, a workbook, the archive, a merge, issuing files)
takes two keyword arguments:

- ``progress(done, total, text)``: called as it goes (``total`` 0 when it cannot say);
- ``cancel``: a `CancelToken`, or None when nobody can stop it.

It either returns its whole result or raises `Cancelled`, which carries what was
finished before the stop (the merged files' reports, the issued files); what it
carries stays done, everything else is as if never started (no half-written file).
Ctrl-C stays KeyboardInterrupt: a person stopping the program, not the work.

The window runs such functions on a worker (ipdesk.gui.workers) and the command line
calls them directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str = "") -> None:
    """The progress of work nobody watches."""


class Cancelled(Exception):
    """The work stopped because its CancelToken was cancelled.

    Attributes:
        finished: What was done before the stop and stays done (None when nothing
            of it is kept).
    """

    def __init__(self, finished: Any = None) -> None:
        super().__init__("cancelled")
        self.finished = finished


class CancelToken:
    """Set from another thread (the window's 取消 button); the work looks at it between
    steps, where stopping leaves nothing half done."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self, finished: Any = None) -> None:
        """Raise Cancelled (carrying `finished`) if the work was asked to stop."""
        if self._event.is_set():
            raise Cancelled(finished)


def checked(progress: Progress | None, cancel: CancelToken | None) -> Progress:
    """A progress callback that first stops the work if it was cancelled: for work
    whose only regular call-outs are its progress reports (pages being laid out)."""
    report = progress or no_progress

    def step(done: int, total: int, text: str = "") -> None:
        if cancel is not None:
            cancel.check()
        report(done, total, text)

    return step
