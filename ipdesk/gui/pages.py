"""The one contract of the window's pages.

A page is built from the session (`Page(session)`) and shows part of the open file. It
names the tables it shows (`SHOWS`) and whether it follows the reporting period chosen
in the toolbar (`USES_PERIOD`). Every write ends in the session's `changed(Changes)`;
a page that shows any of the tables changed reads again — at once when it is on
screen, else the next time it is shown — in `refresh(changes)`, told what changed.

Adding a page: subclass Page, set KEY, ROLES, SHOWS (and USES_PERIOD), write
`nav_title()` and `refresh()`, emit the signals below for what the user asks of the
window, and add a PageSlot for it to ipdesk.gui.main_window.PAGES (the page is
imported when first shown).
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ipdesk.gui.session import Session
from ipdesk.store.changes import EVERYTHING, MERGE_LOGS, NOTHING, Changes
from ipdesk.store.schema import REPLICATED_TABLES

MASTER = "master"
DEPARTMENT = "department"
# What most pages show: every table of the plan and the departments' rows.
PLAN_AND_REPORTS = frozenset(REPLICATED_TABLES)
MERGE_CENTER = frozenset(MERGE_LOGS) | {"submissions", "progress_reports", "departments"}


class Page(QWidget):
    """A page of the window (see the module's docstring)."""

    taskActivated = Signal(str)  # open a task (the coordinator's editor, or the form)
    departmentActivated = Signal(str)  # show a department's form
    indicatorActivated = Signal(str)  # open an indicator's settings
    message = Signal(str)  # a line for the status bar

    KEY: ClassVar[str] = ""
    ROLES: ClassVar[tuple[str, ...]] = (MASTER, DEPARTMENT)
    SHOWS: ClassVar[frozenset[str]] = PLAN_AND_REPORTS
    USES_PERIOD: ClassVar[bool] = False

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._unread: Changes = EVERYTHING  # a new page has read nothing yet
        session.changed.connect(self._changed)

    @classmethod
    def nav_title(cls) -> str:
        """The page's name in the navigation and the 视图 menu."""
        raise NotImplementedError

    def set_read_only(self) -> None:
        """The session is read only (a backup opened to look at): grey out what would
        write. The session refuses every write in words anyway; this only spares the
        user the attempt. Pages with nothing to grey out keep this default."""

    def wants(self, changes: Changes) -> bool:
        return changes.touches(self.SHOWS) or (changes.period_chosen and self.USES_PERIOD)

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Read again what `changes` touched (EVERYTHING: read everything)."""
        raise NotImplementedError

    def save_layout(self, settings: Any) -> None:
        """Keep splitters and column widths between runs (pages that have some)."""

    # ---------------------------------------------------------------- keeping up
    def _changed(self, changes: Changes) -> None:
        if self.wants(changes):
            self._unread = self._unread | changes
            if self.isVisible():
                self.catch_up()

    def catch_up(self) -> None:
        """Read what changed since the page was last shown (nothing, if nothing did)."""
        if self._unread:
            changes, self._unread = self._unread, NOTHING
            self.refresh(changes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()
