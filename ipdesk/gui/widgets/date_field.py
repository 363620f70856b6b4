"""A date field that takes a date typed the way people write one — 2025-06-10,
2025/6/10, 2025.6.10, 2025年6月10日 — as a whole (not section by section, so a typed
year never jumps), and whose calendar opens on the period being reported."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_PARTIAL = re.compile(r"^\s*\d{0,4}(\s*[-/.年]\s*\d{0,2}(\s*[-/.月]\s*\d{0,2}\s*日?)?)?\s*$")


def parse_date(text: str) -> date | None:
    """The date written in `text` (2025-06-10, 2025/6/10, 2025年6月10日), or None."""
    found = _DATE.match(text)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


class DateField(QDateEdit):
    """A QDateEdit for typed dates: the whole text is selected on entry, so typing
    replaces it; any of the common forms is accepted when complete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self._page: tuple[int, int] | None = None
        # Shown again in one form (2025-06-10) once typed.
        self.editingFinished.connect(lambda: self.setDate(self.date()))

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        if parse_date(text) is not None:
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL.match(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:  # noqa: N802
        day = parse_date(text)
        if day is None:
            return super().dateTimeFromText(text)
        return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))

    def fixup(self, text: str) -> str:
        day = parse_date(text)
        return day.isoformat() if day else self.date().toString("yyyy-MM-dd")

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        # Typing replaces the whole date (after Qt has placed its cursor).
        QTimer.singleShot(0, self.lineEdit().selectAll)

    def set_calendar_page(self, day: date) -> None:
        """The month the calendar opens on (the period being reported), whatever the
        field holds."""
        self._page = (day.year, day.month)
        calendar = self.calendarWidget()
        if calendar is not None:
            calendar.setCurrentPage(day.year, day.month)

    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        super().showEvent(event)
        if self._page is not None:
            self.calendarWidget().setCurrentPage(*self._page)
