"""Dates in plan documents: a phase's time span (`2023年11月—12月`,
`2024年1月至2025年12月`, `（2021年8月）`, `2024年6月底前`), a task's deadline
(时限), and the year a plan aims at (`到2025年`)."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

from ipdesk.reader.text import chinese_int, half_width_digits

_Y = r"(\d{4})\s*年"
_M = r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?"
_D = r"(?:(\d{1,2})\s*日)?"
_POINT = rf"(?:{_Y})?\s*(?:{_M}\s*{_D})?"
_TO = r"\s*(?:—|－|-|–|~|～|至|到)+\s*"
_RANGE_RE = re.compile(
    rf"{_Y}\s*(?:{_M}\s*{_D})?(?:{_TO}{_POINT})?(?:\s*(底|末|初|上旬|中旬|下旬|前|以前|之前))*"
)
_QUARTER_RE = re.compile(r"(\d{4})\s*年\s*(?:第)?([一二三四1-4])\s*季度")
AIM_RE = re.compile(r"(?:到|至|截至|截止)\s*(\d{4})\s*年(?:底|末)?")


def _month(text: str | None) -> int | None:
    if not text:
        return None
    value = chinese_int(text) if not text.isdigit() else int(text)
    return value if value and 1 <= value <= 12 else None


def _end_of(year: int, month: int | None) -> date:
    month = month or 12
    return date(year, month, monthrange(year, month)[1])


def span(text: str) -> tuple[date | None, date | None] | None:
    """The first time span in `text`: (start, end); a deadline alone gives (None, end).

    `2023年11月—12月` → 2023-11-01..2023-12-31; `2024年1月至2025年12月`;
    `2021年8月` → the month; `2024年` → the year; `2024年6月底前` → (None, 2024-06-30);
    `2024年第一季度` → that quarter. None when there is no date.
    """
    text = half_width_digits(text)
    quarter = _QUARTER_RE.search(text)
    match = _RANGE_RE.search(text)
    if quarter and (not match or quarter.start() <= match.start()):
        year, q = int(quarter[1]), chinese_int(quarter[2]) or int(quarter[2])
        return date(year, 3 * q - 2, 1), _end_of(year, 3 * q)
    if not match:
        return None
    y1, m1, d1, y2, m2, d2, *tail = match.groups()
    year1 = int(y1)
    month1 = _month(m1)
    if m1 and month1 is None:
        return None
    suffixes = match.group(0)
    deadline = bool(re.search(r"(前|以前|之前)\s*$", suffixes))
    try:
        start = date(year1, month1 or 1, int(d1) if d1 else 1)
        if y2 or m2:
            year2 = int(y2) if y2 else year1
            month2 = _month(m2)
            end = date(year2, month2, int(d2)) if (month2 and d2) else _end_of(year2, month2)
        else:
            end = date(year1, month1, int(d1)) if (month1 and d1) else _end_of(year1, month1)
    except ValueError:
        return None
    if end < start:
        return None
    if deadline:
        return None, end
    return start, end


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def aim_year(text: str) -> int | None:
    """The year a goal paragraph aims at: `到2025年` → 2025."""
    match = AIM_RE.search(half_width_digits(text))
    return int(match[1]) if match else None


def title_years(title: str) -> tuple[int, int] | None:
    """The years in a plan title: `（2023-2025年）` → (2023, 2025)."""
    match = re.search(r"(\d{4})\s*(?:—|－|-|–|~|～|至|到)\s*(\d{4})\s*年", half_width_digits(title))
    if match and int(match[1]) <= int(match[2]):
        return int(match[1]), int(match[2])
    return None
