"""The rules every department-owned row must pass, however it arrives.

A progress report, an indicator value, a milestone date, an evidence file or a
submission can be typed in the window, given on the command line, read from a
department workbook or carried by a merged file. All of them are judged here, by one
function, `row_problem`, so no door is more lenient than another: the store calls it
on every write (ipdesk.store.edits), the merge on every incoming row of the file's
own department (a row that fails is quarantined with the rule it broke).

Also here: the one sanitiser of evidence file names (`clean_file_name`), used at every
entry (attach, merge, workbook import, archive), and the types of file that are never
handed to the operating system to open (`is_executable_name`).

Pure: no I/O, no clock. Whether a period has begun yet depends on today and is
checked only where a person types (ipdesk.store.edits.check_period).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ipdesk.messages import Message, bilingual, message
from ipdesk.messages import zh as words
from ipdesk.plan import rules
from ipdesk.plan.periods import Period, PeriodError

STATUSES = ("not_started", "in_progress", "done", "behind")
STATES = ("draft", "submitted", "approved", "returned")

# Characters a field may hold. A real quarterly report is a page or two; these limits
# leave room for that and stop a megabyte of text from reaching every sheet.
TEXT_LIMITS: dict[str, int] = {
    "progress": 5000,
    "problems": 3000,
    "next_steps": 3000,
    "note": 1000,
    "reason": 1000,
    "file_name": 120,
}
MAX_EVIDENCE_BYTES = 200 * 1024 * 1024
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)

# C0/C1 control characters other than tab and newline (carriage returns are folded
# into newlines by the forms; a stray one is harmless but a NUL or ESC is not text).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NAME_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}
_SHA256 = re.compile(r"[0-9a-f]{64}")

# Types a double-click would run rather than show (Windows, Linux desktops, macOS).
EXECUTABLE_SUFFIXES = frozenset(
    {
        "exe", "com", "bat", "cmd", "scr", "pif", "cpl", "msi", "msp", "mst", "msc", "lnk",
        "url", "hta", "jar", "js", "jse", "vbs", "vbe", "wsf", "wsh", "wsc", "ps1", "ps1xml",
        "psm1", "psd1", "reg", "inf", "scf", "application", "gadget", "appref-ms", "settingcontent-ms",
        "sh", "bash", "zsh", "csh", "ksh", "run", "bin", "desktop", "appimage", "deb", "rpm",
        "py", "pyw", "pyz", "pl", "rb", "php", "command", "app", "action", "workflow",
        "dll", "sys", "drv", "ocx", "xll", "library-ms", "searchconnector-ms",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Violation:
    """A rule a row broke: `code` names the rule, `column` the field; the words say
    what is wrong and what to do, Chinese first."""

    code: str
    column: str
    words: Message
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def zh(self) -> str:
        return self.words.text("zh")

    @property
    def en(self) -> str:
        return self.words.text("en")

    @property
    def message(self) -> str:
        return str(self.words)


@dataclass(frozen=True)
class PlanFrame:
    """What the rules need to know about the plan a row belongs to."""

    reporting: str  # "month" or "quarter"
    start: date
    end: date

    @classmethod
    def of(cls, reporting: str, start: str, end: str) -> PlanFrame:
        """From the plan row's columns (reporting 'monthly'/'quarterly', ISO dates)."""
        kind = "month" if reporting in ("monthly", "month") else "quarter"
        return cls(kind, date.fromisoformat(start), date.fromisoformat(end))


# ------------------------------------------------------------------ single values


def _field(column: str) -> Message:
    """The field's name in words (as given when the catalogue has none)."""
    if f"field.{column}" in words.WORDS:
        return message(f"field.{column}")
    return bilingual(column, column)


def text_problem(column: str, value: Any, *, required: bool = False) -> Violation | None:
    """A free-text field: text, within its length limit, no control characters."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        return Violation(
            "not_text", column, message("entry.not_text", field=_field(column)), {"field": column}
        )
    limit = TEXT_LIMITS.get(column)
    if limit is not None and len(value) > limit:
        return Violation(
            "too_long",
            column,
            message("entry.too_long", field=_field(column), length=len(value), limit=limit),
            {"field": column, "length": len(value), "limit": limit},
        )
    if _CONTROL.search(value):
        return Violation(
            "control_chars",
            column,
            message("entry.control_chars", field=_field(column)),
            {"field": column},
        )
    return None


def number_problem(column: str, value: Any, *, kind: str | None = None) -> Violation | None:
    """A number column: a real number, finite, and in range for the indicator kind."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Violation(
            "not_number",
            column,
            message("entry.not_number_enter_number", shown=_shown(value)),
            {"field": column},
        )
    if kind is not None:
        problem = rules.value_problem(kind, float(value))
        if problem is not None:
            return Violation(problem.code, column, problem.words)
    elif not math.isfinite(value) or abs(value) > rules.MAX_MAGNITUDE:
        return Violation(
            "not_number",
            column,
            message("entry.enter_valid_number"),
            {"field": column},
        )
    return None


@lru_cache(maxsize=1024)
def _parsed_period(value: str) -> Period | None:
    """Period.parse, or None; remembered (a file repeats a few dozen period texts)."""
    try:
        return Period.parse(value)
    except PeriodError:
        return None


def period_problem(value: Any, frame: PlanFrame, column: str = "period") -> Violation | None:
    """A reporting period that exists in the plan: of its kind, within its dates."""
    if not isinstance(value, str):
        return Violation("bad_period", column, message("entry.period_not_valid"), {"period": value})
    period = _parsed_period(value)
    if period is None or str(period) != value:
        return Violation(
            "bad_period",
            column,
            message("entry.not_period_write_2025", shown=_shown(value)),
            {"period": value},
        )
    if period.kind != frame.reporting:
        return Violation(
            "wrong_period_kind",
            column,
            message(
                "entry.wrong_period_kind",
                reporting=Message(f"reporting.{frame.reporting}"),
                value=value,
            ),
            {"period": value},
        )
    if period.end < frame.start or period.start > frame.end:
        return Violation(
            "outside_plan",
            column,
            message("entry.outside_plan", value=value, start=frame.start, end=frame.end),
            {"period": value},
        )
    return None


def date_problem(column: str, value: Any, *, required: bool = False) -> Violation | None:
    """An ISO date (YYYY-MM-DD) within 2000–2100."""
    if value is None and not required:
        return None
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or not EARLIEST_DATE <= day <= LATEST_DATE:
        return Violation(
            "bad_date",
            column,
            message("entry.not_valid_date_write", shown=_shown(value)),
            {"field": column},
        )
    return None


def time_problem(column: str, value: Any) -> Violation | None:
    """An ISO date and time, or nothing."""
    if value is None:
        return None
    try:
        ok = isinstance(value, str) and len(value) <= 40 and datetime.fromisoformat(value)
    except ValueError:
        ok = False
    if not ok:
        return Violation(
            "bad_time",
            column,
            message("entry.time_not_valid"),
            {"field": column},
        )
    return None


def choice_problem(column: str, value: Any, allowed: tuple[str, ...]) -> Violation | None:
    if value in allowed:
        return None
    return Violation(
        "bad_choice",
        column,
        message("entry.bad_choice", shown=_shown(value), allowed=list(allowed)),
        {"field": column},
    )


def _id_problem(column: str, value: Any, *, required: bool = True) -> Violation | None:
    if value is None and not required:
        return None
    if isinstance(value, str) and 0 < len(value) <= 64 and not _CONTROL.search(value):
        return None
    return Violation("bad_reference", column, message("entry.row_refers_nothing_valid"))


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


# ------------------------------------------------------------------ evidence file names


def clean_file_name(name: str) -> str:
    """The name an evidence file is stored and shown under: the last path part only,
    no separators, control or reserved characters, no leading dots, not a Windows
    device name, at most TEXT_LIMITS["file_name"] characters with its extension kept."""
    name = unicodedata.normalize("NFC", str(name))
    name = re.split(r"[/\\]", name)[-1]
    name = _NAME_UNSAFE.sub("_", name).strip(" .")
    if not name:
        name = "file"
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if stem.split(".")[0].upper().rstrip() in _RESERVED or name.upper() in _RESERVED:
        stem = "_" + stem if dot else "_" + name
        if not dot:
            name = stem
    if dot:
        name = f"{stem}.{suffix}"
    limit = TEXT_LIMITS["file_name"]
    if len(name) > limit:
        suffix = suffix[:16] if dot else ""
        keep = limit - (len(suffix) + 1 if suffix else 0)
        name = (stem[:keep] + "." + suffix) if suffix else name[:limit]
    return name


def file_name_problem(value: Any) -> Violation | None:
    """A stored evidence file name must already be what `clean_file_name` makes."""
    if isinstance(value, str) and value and clean_file_name(value) == value:
        return None
    return Violation(
        "bad_file_name",
        "file_name",
        message("entry.evidence_file_name_unsafe", shown=_shown(value)),
        {"file_name": value},
    )


def is_executable_name(name: str) -> bool:
    """Whether a double-click on a file of this name would run it. Every suffix counts
    (`x.pdf.bat` runs), as does a trailing dot or space Windows would strip."""
    parts = name.strip(" .").lower().split(".")
    return len(parts) > 1 and any(p.strip() in EXECUTABLE_SUFFIXES for p in parts[1:])


# ------------------------------------------------------------------ whole rows


def row_problem(
    table: str,
    row: Mapping[str, Any],
    frame: PlanFrame,
    *,
    indicator_kind: str | None = None,
) -> Violation | None:
    """The first rule `row` (a department table's data columns) breaks, or None.

    Args:
        table: progress_reports, indicator_values, milestone_actuals, evidence or
            submissions.
        row: The row's data columns.
        frame: The plan the row belongs to.
        indicator_kind: For indicator_values, the kind of its indicator.
    """
    checks = _CHECKS.get(table)
    if checks is None:
        raise ValueError(f"{table} is not a department table")
    for check in checks:
        problem = check(row, frame, indicator_kind)
        if problem is not None:
            return problem
    return None


def _report_checks(row: Mapping[str, Any], frame: PlanFrame, _kind: str | None):
    yield _id_problem("task_id", row.get("task_id"))
    yield period_problem(row.get("period"), frame)
    yield choice_problem("status", row.get("status"), STATUSES)
    percent = row.get("percent")
    if percent is not None:
        yield number_problem("percent", percent)
        if not (isinstance(percent, int | float) and 0 <= percent <= 100):
            yield Violation(
                "percent_range",
                "percent",
                message("entry.percent_done_must_between"),
            )
    for column in ("progress", "problems", "next_steps"):
        yield text_problem(column, row.get(column), required=True)


def _value_checks(row: Mapping[str, Any], frame: PlanFrame, kind: str | None):
    yield _id_problem("indicator_id", row.get("indicator_id"))
    yield period_problem(row.get("period"), frame)
    yield number_problem("value", row.get("value"), kind=kind)
    yield text_problem("note", row.get("note"), required=True)


def _milestone_checks(row: Mapping[str, Any], frame: PlanFrame, _kind: str | None):
    yield _id_problem("milestone_id", row.get("milestone_id"))
    yield date_problem("actual_date", row.get("actual_date"))
    yield text_problem("note", row.get("note"), required=True)


def _evidence_checks(row: Mapping[str, Any], frame: PlanFrame, _kind: str | None):
    yield _id_problem("task_id", row.get("task_id"), required=False)
    yield _id_problem("indicator_id", row.get("indicator_id"), required=False)
    if row.get("period") is not None:
        yield period_problem(row.get("period"), frame)
    yield file_name_problem(row.get("file_name"))
    sha = row.get("sha256")
    if not (isinstance(sha, str) and _SHA256.fullmatch(sha)):
        yield Violation("bad_checksum", "sha256", message("entry.evidence_checksum_invalid"))
    size = row.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= MAX_EVIDENCE_BYTES:
        yield Violation(
            "evidence_too_large",
            "size",
            message("entry.evidence_files_are_limited", value=MAX_EVIDENCE_BYTES // 1048576),
        )
    yield text_problem("note", row.get("note"), required=True)


def _submission_checks(row: Mapping[str, Any], frame: PlanFrame, _kind: str | None):
    yield period_problem(row.get("period"), frame)
    yield choice_problem("state", row.get("state"), STATES)
    yield text_problem("reason", row.get("reason"), required=True)
    yield time_problem("submitted_at", row.get("submitted_at"))
    yield time_problem("reviewed_at", row.get("reviewed_at"))


def _first(gen_fn):
    def run(row: Mapping[str, Any], frame: PlanFrame, kind: str | None) -> Violation | None:
        for problem in gen_fn(row, frame, kind):
            if problem is not None:
                return problem
        return None

    return run


_CHECKS = {
    "progress_reports": (_first(_report_checks),),
    "indicator_values": (_first(_value_checks),),
    "milestone_actuals": (_first(_milestone_checks),),
    "evidence": (_first(_evidence_checks),),
    "submissions": (_first(_submission_checks),),
}
