"""Reporting periods: months, quarters and years.

A period is written ``2025-03`` (month), ``2025Q1`` (quarter) or ``2025``
(year). Everything here is pure: no I/O, no clock. Functions that depend on
"today" take it as an argument so that they can be tested with fixed dates.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from ipdesk.messages import Message, message
from ipdesk.messages import detail as in_parens

__all__ = [
    "Period",
    "PeriodError",
    "current_period",
    "period_containing",
    "periods_between",
    "reporting_period",
]

_YEAR = "year"
_QUARTER = "quarter"
_MONTH = "month"
_KINDS = (_YEAR, _QUARTER, _MONTH)

# Month abbreviations are spelled out rather than taken from strftime("%b"),
# which depends on the process locale and would give "3月" on a Chinese system.
_MONTH_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTER_ZH = ("一", "二", "三", "四")

# One pattern per accepted form; anything else is rejected rather than guessed.
_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER_RE = re.compile(r"(\d{4})[Qq](\d)")
_YEAR_RE = re.compile(r"(\d{4})")


class PeriodError(ValueError):
    """A period could not be read from text.

    Attributes:
        text: The input that was rejected, exactly as given.
    """

    def __init__(self, text: object, reason: str | None = None) -> None:
        """Build the error with a message (ipdesk/messages) naming the accepted forms.

        Args:
            text: The rejected input.
            reason: Optional extra detail: "month", "quarter" or "year" (which part is
                out of range).
        """
        self.text = text
        detail = Message(f"period.bad_{reason}") if reason else ""
        self.msg = message("period.unrecognised", text=repr(text), detail=in_parens(detail))
        super().__init__(str(self.msg))


def _check_kind(kind: str) -> None:
    if kind not in _KINDS:
        raise ValueError(f"period kind must be one of {_KINDS}, not {kind!r}")


@dataclass(frozen=True, order=True)
class Period:
    """A month, quarter or year.

    Ordering compares ``(kind, year, number)``, so it is chronological only
    among periods of the same kind; to order mixed kinds, sort by
    ``(p.end, p.start)``.

    Attributes:
        kind: "year", "quarter" or "month".
        year: Calendar year.
        number: Quarter 1–4, month 1–12, or 0 for a year.
    """

    kind: str
    year: int
    number: int

    def __post_init__(self) -> None:
        # Checked here too so that a hand-built Period cannot be impossible.
        _check_kind(self.kind)
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        limits = {_YEAR: (0, 0), _QUARTER: (1, 4), _MONTH: (1, 12)}
        low, high = limits[self.kind]
        if not low <= self.number <= high:
            raise ValueError(f"{self.kind} number must be {low}–{high}, not {self.number}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from text.

        Accepts ``2025-03``, ``2025-3``, ``2025Q1``, ``2025q1`` and ``2025``.
        Surrounding spaces are ignored, and full-width characters typed with a
        Chinese input method (``２０２５Ｑ１``) are read as their ASCII forms.

        Args:
            text: The text to read.

        Returns:
            The period.

        Raises:
            PeriodError: For any other form, a month outside 1–12 or a
                quarter outside 1–4.
        """
        if not isinstance(text, str):
            raise PeriodError(text)
        clean = unicodedata.normalize("NFKC", text).strip()
        if match := _MONTH_RE.fullmatch(clean):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise PeriodError(text, "month")
            return cls(_MONTH, year, month)
        if match := _QUARTER_RE.fullmatch(clean):
            year, quarter = int(match[1]), int(match[2])
            if not 1 <= quarter <= 4:
                raise PeriodError(text, "quarter")
            return cls(_QUARTER, year, quarter)
        if match := _YEAR_RE.fullmatch(clean):
            year = int(match[1])
            if year < 1:
                raise PeriodError(text, "year")
            return cls(_YEAR, year, 0)
        raise PeriodError(text)

    def __str__(self) -> str:
        """Return the canonical form: ``2025-03``, ``2025Q1`` or ``2025``."""
        if self.kind == _MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind == _QUARTER:
            return f"{self.year:04d}Q{self.number}"
        return f"{self.year:04d}"

    @property
    def _first_month(self) -> int:
        if self.kind == _MONTH:
            return self.number
        if self.kind == _QUARTER:
            return 3 * self.number - 2
        return 1

    @property
    def _last_month(self) -> int:
        if self.kind == _MONTH:
            return self.number
        if self.kind == _QUARTER:
            return 3 * self.number
        return 12

    # Cached: large files compare hundreds of thousands of periods by date.
    @cached_property
    def start(self) -> date:
        """First day of the period."""
        return date(self.year, self._first_month, 1)

    @cached_property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        month = self._last_month
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @cached_property
    def span(self) -> tuple[date, date]:
        """(start, end): the order the overlap check of ipdesk.plan.rules sorts by."""
        return (self.start, self.end)

    @property
    def label_zh(self) -> str:
        """Chinese label: ``2025年3月``, ``2025年第一季度`` or ``2025年度``."""
        if self.kind == _MONTH:
            return f"{self.year}年{self.number}月"
        if self.kind == _QUARTER:
            return f"{self.year}年第{_QUARTER_ZH[self.number - 1]}季度"
        return f"{self.year}年度"

    @property
    def label_en(self) -> str:
        """English label: ``Mar 2025``, ``2025 Q1`` or ``2025``."""
        if self.kind == _MONTH:
            return f"{_MONTH_EN[self.number - 1]} {self.year}"
        if self.kind == _QUARTER:
            return f"{self.year} Q{self.number}"
        return f"{self.year}"

    def next(self) -> Period:
        """The period of the same kind that follows this one."""
        return period_containing(self.end + timedelta(days=1), self.kind)

    def previous(self) -> Period:
        """The period of the same kind that precedes this one."""
        return period_containing(self.start - timedelta(days=1), self.kind)

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period.

        A year contains its quarters and months, a quarter its months, and
        every period contains itself. A month never contains a quarter.
        """
        return self.start <= other.start and other.end <= self.end

    def deadline(self, days_after: int = 5) -> date:
        """The reporting deadline: ``days_after`` days after the last day.

        Args:
            days_after: Days allowed after the period ends (default 5, so
                2025Q2 is due on 2025-07-05).

        Raises:
            ValueError: If ``days_after`` is negative.
        """
        if days_after < 0:
            raise ValueError(f"days_after must not be negative, not {days_after}")
        return self.end + timedelta(days=days_after)

    def is_closed(self, today: date) -> bool:
        """Whether the period is over, i.e. ``today`` is after its last day."""
        return today > self.end


def period_containing(day: date, kind: str) -> Period:
    """The period of ``kind`` that contains ``day``.

    Raises:
        ValueError: If ``kind`` is not "year", "quarter" or "month".
    """
    _check_kind(kind)
    if kind == _MONTH:
        return Period(_MONTH, day.year, day.month)
    if kind == _QUARTER:
        return Period(_QUARTER, day.year, (day.month - 1) // 3 + 1)
    return Period(_YEAR, day.year, 0)


def periods_between(first_day: date, last_day: date, kind: str) -> list[Period]:
    """Every period of ``kind`` that overlaps ``first_day``…``last_day``, in order.

    Both days are inclusive, so a range that starts or ends mid-period still
    includes that period.

    Raises:
        ValueError: If ``last_day`` is before ``first_day`` or ``kind`` is unknown.
    """
    if last_day < first_day:
        raise ValueError(f"last_day {last_day} is before first_day {first_day}")
    period = period_containing(first_day, kind)
    periods = []
    while period.start <= last_day:
        periods.append(period)
        period = period.next()
    return periods


def current_period(today: date, kind: str) -> Period:
    """The period of ``kind`` that ``today`` falls in."""
    return period_containing(today, kind)


def reporting_period(today: date, kind: str, days_after: int = 5) -> Period:
    """The period a liaison officer should be filling in today.

    Reports are written after a period ends, so until the previous period's
    deadline has passed (the deadline day itself still counts) that is the
    one to fill; afterwards it is the current one.

    Args:
        today: The date to judge from.
        kind: "month", "quarter" or "year".
        days_after: Days allowed after a period ends (default 5).
    """
    current = current_period(today, kind)
    previous = current.previous()
    if today <= previous.deadline(days_after):
        return previous
    return current
