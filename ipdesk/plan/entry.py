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
TEXT_WORDS: dict[str, tuple[str, str]] = {
    "progress": ("进展情况", "progress"),
    "problems": ("存在问题", "problems"),
    "next_steps": ("下步计划", "next steps"),
    "note": ("备注", "note"),
    "reason": ("退回原因", "reason"),
    "file_name": ("文件名", "file name"),
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
    zh: str
    en: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return f"{self.zh} / {self.en}"


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


def text_problem(column: str, value: Any, *, required: bool = False) -> Violation | None:
    """A free-text field: text, within its length limit, no control characters."""
    zh, en = TEXT_WORDS.get(column, (column, column))
    if value is None and not required:
        return None
    if not isinstance(value, str):
        return Violation(
            "not_text", column, f"{zh}应为文字。", f"the {en} must be text.", {"field": column}
        )
    limit = TEXT_LIMITS.get(column)
    if limit is not None and len(value) > limit:
        return Violation(
            "too_long",
            column,
            f"{zh}有 {len(value)} 个字，超过上限 {limit} 字。请精简后再填写（可把详细材料作为佐证材料附上）。",
            f"the {en} has {len(value)} characters, more than the limit of {limit}. Shorten it "
            "(attach longer material as an evidence file).",
            {"field": column, "length": len(value), "limit": limit},
        )
    if _CONTROL.search(value):
        return Violation(
            "control_chars",
            column,
            f"{zh}中含有不可见的控制字符。请重新输入该内容。",
            f"the {en} holds invisible control characters. Type it again.",
            {"field": column},
        )
    return None


def number_problem(column: str, value: Any, *, kind: str | None = None) -> Violation | None:
    """A number column: a real number, finite, and in range for the indicator kind."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Violation(
            "not_number",
            column,
            f"“{_shown(value)}”不是数字。请填写一个数字。",
            f"'{_shown(value)}' is not a number. Enter a number.",
            {"field": column},
        )
    if kind is not None:
        problem = rules.value_problem(kind, float(value))
        if problem is not None:
            return Violation(problem.code, column, problem.message_zh, problem.message_en)
    elif not math.isfinite(value) or abs(value) > rules.MAX_MAGNITUDE:
        return Violation(
            "not_number",
            column,
            "请填写一个有效的数字。",
            "Enter a valid number.",
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
        return Violation(
            "bad_period", column, "期间格式不对。", "the period is not valid.", {"period": value}
        )
    period = _parsed_period(value)
    if period is None or str(period) != value:
        return Violation(
            "bad_period",
            column,
            f"期间“{_shown(value)}”格式不对，应写成 2025-03（月）或 2025Q1（季度）。",
            f"'{_shown(value)}' is not a period; write 2025-03 (month) or 2025Q1 (quarter).",
            {"period": value},
        )
    if period.kind != frame.reporting:
        word = "季度" if frame.reporting == "quarter" else "月份"
        return Violation(
            "wrong_period_kind",
            column,
            f"本计划按{word}报送，没有“{value}”这个期间。",
            f"this plan reports by {frame.reporting}; there is no period '{value}'.",
            {"period": value},
        )
    if period.end < frame.start or period.start > frame.end:
        return Violation(
            "outside_plan",
            column,
            f"{value} 不在计划期内（{frame.start} 至 {frame.end}）。",
            f"{value} is outside the plan ({frame.start} to {frame.end}).",
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
            f"日期“{_shown(value)}”无效，请写成 2025-06-30 这样的日期。",
            f"'{_shown(value)}' is not a valid date; write a date such as 2025-06-30.",
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
            "时间格式不对。",
            "the time is not valid.",
            {"field": column},
        )
    return None


def choice_problem(column: str, value: Any, allowed: tuple[str, ...]) -> Violation | None:
    if value in allowed:
        return None
    return Violation(
        "bad_choice",
        column,
        f"“{_shown(value)}”不是有效的选项（{'、'.join(allowed)}）。",
        f"'{_shown(value)}' is not one of {', '.join(allowed)}.",
        {"field": column},
    )


def _id_problem(column: str, value: Any, *, required: bool = True) -> Violation | None:
    if value is None and not required:
        return None
    if isinstance(value, str) and 0 < len(value) <= 64 and not _CONTROL.search(value):
        return None
    return Violation(
        "bad_reference", column, "引用的条目无效。", "the row refers to nothing valid."
    )


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
        f"佐证材料的文件名“{_shown(value)}”不安全（含路径、控制字符或系统保留名）。",
        f"the evidence file name '{_shown(value)}' is unsafe (a path, control characters or a "
        "reserved name).",
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
                "完成百分比应在 0 到 100 之间。",
                "percent done must be between 0 and 100.",
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
        yield Violation(
            "bad_checksum", "sha256", "佐证材料的校验值无效。", "the evidence checksum is invalid."
        )
    size = row.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= MAX_EVIDENCE_BYTES:
        yield Violation(
            "evidence_too_large",
            "size",
            f"佐证材料每个不超过 {MAX_EVIDENCE_BYTES // 1048576} MB。请压缩或拆分后再添加。",
            f"evidence files are limited to {MAX_EVIDENCE_BYTES // 1048576} MB each. Compress or "
            "split it.",
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
