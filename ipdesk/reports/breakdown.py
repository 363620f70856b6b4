"""A new plan from a 任务分解表 (task breakdown) workbook.

Offices already keep their plan as a breakdown table: code, task, lead, co-operating
departments, start, due. `create_master_from_breakdown` turns such a workbook into
a master file. The workbook is checked whole first: any bad cell refuses it, with
sheet, row, column and what was expected, and no file is made.

Layout (see resources/templates/task-breakdown-template.xlsx, made by
scripts/make_breakdown_template.py):

* sheet 任务分解表 — a header row (编号, 工作任务, 牵头单位, 配合单位, 开始日期,
  完成时限; common other names such as 序号, 任务内容, 责任单位, 完成时间 are
  understood), one row per item. A row without a lead department is a work-area
  heading; a row whose code extends a task's code (1.2.1 under 1.2) is its
  sub-task. Departments are separated by 、 or commas.
* sheet 计划信息 (optional) — 计划名称, 计划简称, 地区, 开始日期, 目标日期,
  结束日期, 报送周期 (季度/月), 协调单位.
* sheet 单位 (optional) — 代码, 全称, 简称 of the departments; names used in the
  breakdown but not listed here are added as they are written.
* sheet 工作阶段 (optional) — 阶段 and 时间 as a plan document writes it
  (`2024年1月—6月`, `2024年7月至2025年12月`), read by the plan document reader's
  date rules.
* sheet 目标指标 (optional) — 编号, 指标 (the target as written: `专利授权量累计达8500件`,
  or a name with 目标值 and 单位 columns), 责任单位; number, unit, comparator and kind
  come from the plan document reader's target rules — one implementation for both.

The master is made by the one template builder (ipdesk.templates.build).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ipdesk.errors import FileRefused
from ipdesk.messages import Message, message
from ipdesk.paths import data_path
from ipdesk.plan.codes import CODE_RE
from ipdesk.reports import xlsx_read, xlsx_style
from ipdesk.reports.xlsx_dept import CellProblem, WorkbookRefused
from ipdesk.reports.xlsx_style import letter
from ipdesk.store import clock

TASK_SHEET = "任务分解表"
PLAN_SHEET = "计划信息"
DEPT_SHEET = "单位"
PHASE_SHEET = "工作阶段"
INDICATOR_SHEET = "目标指标"
TEMPLATE_NAME = "task-breakdown-template.xlsx"

# Column → the header words that name it (first is the template's own).
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("编号", "序号", "任务编号"),
    "text": ("工作任务", "任务内容", "工作内容", "主要任务", "任务"),
    "lead": ("牵头单位", "牵头部门", "责任单位", "牵头"),
    "co": ("配合单位", "配合部门", "协办单位", "配合"),
    "start": ("开始日期", "开始时间", "起始时间"),
    "due": ("完成时限", "完成时间", "截止日期", "时间节点", "完成日期"),
}
REQUIRED = ("code", "text", "lead")
PLAN_KEYS = {
    "计划名称": "name",
    "计划简称": "short_name",
    "地区": "district",
    "开始日期": "start",
    "目标日期": "target_date",
    "结束日期": "end",
    "报送周期": "reporting",
    "协调单位": "coordinator",
}
SPLIT_RE = re.compile(r"[、，,；;/\n]+")


def template_path() -> Path:
    return data_path("resources", "templates", TEMPLATE_NAME)


# ------------------------------------------------------------------ the template


TEMPLATE_PLAN: list[tuple[str, object]] = [
    ("计划名称", "××区知识产权强区建设工作方案（2024-2026年）"),
    ("计划简称", "××区知识产权强区建设"),
    ("地区", "××市××区"),
    ("开始日期", date(2024, 1, 1)),
    ("目标日期", date(2025, 12, 31)),
    ("结束日期", date(2026, 6, 30)),
    ("报送周期", "季度"),
    ("协调单位", "区知识产权局"),
]
TEMPLATE_DEPARTMENTS = [
    ("zscqj", "区市场监督管理局（区知识产权局）", "区知识产权局"),
    ("kjj", "区科学技术局", "区科技局"),
    ("gxj", "区工业和信息化局", "区工信局"),
    ("fy", "区人民法院", "区法院"),
    ("sfj", "区司法局", "区司法局"),
]
TEMPLATE_ROWS: list[tuple[str, str, str, str, date | None, date | None]] = [
    ("1", "加强知识产权制度创新，充分激发创造活力", "", "", None, None),
    (
        "1.1",
        "健全知识产权行政管理体制",
        "区知识产权局",
        "区科技局、区工信局",
        None,
        date(2025, 12, 31),
    ),
    (
        "1.1.1",
        "加强工作领导小组能力建设，统筹推进全区知识产权工作。",
        "区知识产权局",
        "",
        None,
        date(2024, 6, 30),
    ),
    (
        "1.1.2",
        "将知识产权工作纳入重要议事日程，发挥行政和司法联席会议制度作用。",
        "区知识产权局",
        "区法院、区司法局",
        None,
        date(2025, 12, 31),
    ),
    (
        "1.2",
        "完善知识产权促进创新创业政策体系",
        "区科技局",
        "区知识产权局",
        date(2024, 3, 1),
        date(2025, 6, 30),
    ),
    ("2", "强化知识产权保护", "", "", None, None),
    ("2.1", "加强知识产权快速协同保护体系建设", "区知识产权局", "区法院", None, date(2025, 12, 31)),
]


TEMPLATE_PHASES = [
    ("宣传发动阶段", "2024年1月—3月"),
    ("组织实施阶段", "2024年4月至2025年12月"),
    ("检查验收阶段", "2026年1月—6月"),
]
TEMPLATE_INDICATORS = [
    ("1", "专利授权量累计达8500件", "区知识产权局"),
    ("2", "新增知识产权示范企业6家", "区知识产权局、区科技局"),
    ("3", "专利代理率达85%以上", "区知识产权局"),
]


def write_template(out_path: str | Path) -> Path:
    """Write the 任务分解表 template workbook (example rows included)."""
    wb = Workbook()
    ws = wb.active
    ws.title = TASK_SHEET
    ws["A1"] = (
        "工作任务分解表（请按示例填写：无牵头单位的行为工作领域，编号延伸上级任务编号的行为子任务）"
    )
    ws["A1"].font = xlsx_style.TITLE_FONT
    widths = (10, 60, 20, 30, 12, 12)
    for n, key in enumerate(("code", "text", "lead", "co", "start", "due"), start=1):
        cell = ws.cell(2, n, HEADERS[key][0])
        cell.font = xlsx_style.HEADER_FONT
        cell.fill = xlsx_style.HEADER_FILL
        cell.alignment = xlsx_style.HEADER_ALIGN
        cell.border = xlsx_style.BORDER
        ws.column_dimensions[letter(n)].width = widths[n - 1]
    for r, values in enumerate(TEMPLATE_ROWS, start=3):
        for n, value in enumerate(values, start=1):
            cell = ws.cell(r, n, value)
            cell.border = xlsx_style.BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if n == 1:
                cell.number_format = "@"  # codes stay text: 1.10 must not become 1.1
            if isinstance(value, date):
                cell.number_format = xlsx_style.DATE_FORMAT
        if not values[2]:
            for n in range(1, 7):
                ws.cell(r, n).font = xlsx_style.HEADER_FONT
    for r in range(3 + len(TEMPLATE_ROWS), 203):
        ws.cell(r, 1).number_format = "@"
    ws.freeze_panes = "A3"

    info = wb.create_sheet(PLAN_SHEET)
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 50
    info.append(["项目", "内容"])
    for key, item in TEMPLATE_PLAN:
        info.append([key, item])
        if isinstance(item, date):
            info.cell(info.max_row, 2).number_format = xlsx_style.DATE_FORMAT
    for cell in info[1]:
        cell.font = xlsx_style.HEADER_FONT
        cell.fill = xlsx_style.HEADER_FILL

    depts = wb.create_sheet(DEPT_SHEET)
    for col, width in zip("ABC", (10, 40, 20), strict=True):
        depts.column_dimensions[col].width = width
    depts.append(["代码", "全称", "简称"])
    for row in TEMPLATE_DEPARTMENTS:
        depts.append(list(row))
    for cell in depts[1]:
        cell.font = xlsx_style.HEADER_FONT
        cell.fill = xlsx_style.HEADER_FILL

    extra_sheets: list[tuple[str, list[str], list[tuple[str, ...]], tuple[int, ...]]] = [
        (PHASE_SHEET, ["阶段", "时间"], list(TEMPLATE_PHASES), (20, 30)),
        (INDICATOR_SHEET, ["编号", "指标", "责任单位"], list(TEMPLATE_INDICATORS), (8, 50, 30)),
    ]
    for title, header, samples, sizes in extra_sheets:
        sheet = wb.create_sheet(title)
        sheet.append(header)
        for sample in samples:
            sheet.append(list(sample))
        for n, size in enumerate(sizes, start=1):
            sheet.column_dimensions[letter(n)].width = size
        for cell in sheet[1]:
            cell.font = xlsx_style.HEADER_FONT
            cell.fill = xlsx_style.HEADER_FILL
    out = Path(out_path)
    wb.save(out)
    return out


# ------------------------------------------------------------------ reading


@dataclass
class Item:
    row: int
    code: str
    text: str
    lead: list[str]
    co: list[str]
    start: date | None
    due: date | None
    parent: str | None = None
    area: str | None = None


@dataclass
class Breakdown:
    plan: dict[str, Any]
    departments: list[dict[str, Any]]
    areas: list[Item] = field(default_factory=list)
    tasks: list[Item] = field(default_factory=list)
    phases: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> date | None | str:
    """A cell as a date; None when empty; the string "bad" when unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return "bad"
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?(底)?", text)
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return "bad"


def _header(ws: Worksheet) -> tuple[int, dict[str, int]]:
    """Find the header row (within the first 10) and each known column's index."""
    for r, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
        found: dict[str, int] = {}
        for n, value in enumerate(row, start=1):
            word = _text(value).replace(" ", "").replace("\u3000", "")
            for key, names in HEADERS.items():
                if key not in found and word in names:
                    found[key] = n
        if all(k in found for k in REQUIRED):
            return r, found
    return 0, {}


def _expected(code: str, **params: Any) -> Message:
    """What a cell should hold (cell.expected.CODE in ipdesk/messages)."""
    return message(f"cell.expected.{code}", **params)


def read_breakdown(xlsx_path: str | Path) -> Breakdown:
    """Read and check a breakdown workbook.

    Raises:
        WorkbookRefused: with every bad cell (sheet, row, column, what was expected).
    """
    path = Path(xlsx_path)
    with xlsx_read.load(path) as wb:  # read-only, with limits: any workbook is answered
        return _read(path, wb)


def _read(path: Path, wb: xlsx_read.SafeWorkbook) -> Breakdown:
    sheet = TASK_SHEET if TASK_SHEET in wb.sheetnames else wb.sheetnames[0]
    ws = wb[sheet]
    header_row, cols = _header(ws)
    if not header_row:
        raise WorkbookRefused(
            path,
            reason=message(
                "breakdown.no_header", sheet=sheet, number="编号", task="工作任务", lead="牵头单位"
            ),
        )
    problems: list[CellProblem] = []

    def bad(r: int, key: str, value: Any, code: str, **params: Any) -> None:
        n = cols[key]
        header = _text(ws.cell(header_row, n).value) or HEADERS[key][0]
        problems.append(CellProblem(sheet, r, letter(n), header, value, _expected(code, **params)))

    departments, by_name = _departments(wb, problems)
    plan = _plan_info(wb, problems)
    items: list[Item] = []
    seen: dict[str, int] = {}
    for r, row in enumerate(
        ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):

        def cell(key: str, row: tuple = row) -> Any:
            n = cols.get(key)
            return row[n - 1] if n and n <= len(row) else None

        if all(_text(v) == "" for v in row):
            continue
        code = _text(cell("code")).rstrip(".")
        text = _text(cell("text"))
        if not CODE_RE.match(code):
            bad(
                r,
                "code",
                cell("code"),
                "task_code",
            )
            continue
        if code in seen:
            bad(
                r,
                "code",
                code,
                "code_not_used_before",
                row=seen[code],
            )
            continue
        seen[code] = r
        if not text:
            bad(r, "text", None, "task_text")
        lead = [s.strip() for s in SPLIT_RE.split(_text(cell("lead"))) if s.strip()]
        co = [s.strip() for s in SPLIT_RE.split(_text(cell("co"))) if s.strip()]
        if set(lead) & set(co):
            bad(r, "co", cell("co"), "co_not_lead")
        dates: list[date | None] = []
        for key in ("start", "due"):
            value = _date(cell(key)) if key in cols else None
            if value == "bad":
                bad(r, key, cell(key), "date", example="2025-06-30")
                value = None
            dates.append(value)  # type: ignore[arg-type]
        start, due = dates
        if start and due and start > due:
            bad(r, "due", cell("due"), "due_not_before_start")
        items.append(Item(r, code, text, lead, co, start, due))
    if not items and not problems:
        raise WorkbookRefused(path, reason=message("breakdown.holds_no_tasks", sheet=sheet))
    breakdown = _structure(items, sheet, cols, problems)
    breakdown.phases = _phases(wb, problems)
    breakdown.indicators = _indicators(wb, problems)
    named = [n for i in breakdown.indicators for n in i["departments"]]
    for item in breakdown.tasks + [Item(0, "", "", named, [], None, None)]:
        for name in item.lead + item.co:
            if name not in by_name:
                by_name[name] = {
                    "code": f"d{len(departments) + 1:03d}",
                    "name": name,
                    "short_name": name,
                }
                departments.append(by_name[name])
    coordinator = plan.pop("coordinator", "")
    if coordinator and coordinator not in by_name:
        by_name[coordinator] = {
            "code": f"d{len(departments) + 1:03d}",
            "name": coordinator,
            "short_name": coordinator,
        }
        departments.append(by_name[coordinator])
    if not coordinator:
        by_name["协调办公室"] = {"code": "xtb", "name": "协调办公室", "short_name": "协调办公室"}
        departments.insert(0, by_name["协调办公室"])
        coordinator = "协调办公室"
    by_name[coordinator]["coordinator"] = True
    _plan_dates(plan, breakdown, problems, sheet, cols)
    if problems:
        raise WorkbookRefused(path, problems)
    breakdown.plan = plan
    breakdown.departments = departments
    return breakdown


def _structure(
    items: list[Item], sheet: str, cols: dict[str, int], problems: list[CellProblem]
) -> Breakdown:
    by_code = {i.code: i for i in items}
    result = Breakdown({}, [])
    for item in items:
        parts = item.code.split(".")
        ancestors = [".".join(parts[:k]) for k in range(len(parts) - 1, 0, -1)]
        parent = next((by_code[a] for a in ancestors if a in by_code and by_code[a].lead), None)
        area = next((by_code[a] for a in ancestors if a in by_code and not by_code[a].lead), None)
        if not item.lead:
            if parent is not None:
                problems.append(
                    CellProblem(
                        sheet,
                        item.row,
                        letter(cols["lead"]),
                        "牵头单位",
                        None,
                        _expected("lead_of_subtask", task=item.code, parent=parent.code),
                    )
                )
                continue
            result.areas.append(item)
            continue
        item.parent = parent.code if parent else None
        item.area = area.code if area else None
        result.tasks.append(item)
    return result


def _departments(wb: Any, problems: list[CellProblem]) -> tuple[list[dict], dict[str, dict]]:
    departments: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}
    if DEPT_SHEET not in wb.sheetnames:
        return departments, by_name
    ws = wb[DEPT_SHEET]
    codes: set[str] = set()
    for r, row in enumerate(ws.iter_rows(min_row=2, max_col=3, values_only=True), start=2):
        code, name, short = (_text(v) for v in (list(row) + [None] * 3)[:3])
        if not (code or name or short):
            continue
        if not name:
            problems.append(CellProblem(DEPT_SHEET, r, "B", "全称", None, _expected("full_name")))
            continue
        code = code or f"d{len(departments) + 1:03d}"
        if code in codes:
            problems.append(
                CellProblem(
                    DEPT_SHEET,
                    r,
                    "A",
                    "代码",
                    code,
                    _expected("department_code_not_used"),
                )
            )
            continue
        codes.add(code)
        dept = {"code": code, "name": name, "short_name": short or name}
        departments.append(dept)
        by_name[name] = dept
        by_name[dept["short_name"]] = dept
    return departments, by_name


def _plan_info(wb: Any, problems: list[CellProblem]) -> dict[str, Any]:
    plan: dict[str, Any] = {}
    if PLAN_SHEET not in wb.sheetnames:
        return plan
    for r, row in enumerate(
        wb[PLAN_SHEET].iter_rows(min_row=1, max_col=2, values_only=True), start=1
    ):
        key = PLAN_KEYS.get(_text(row[0]) if row else "")
        if key is None or len(row) < 2:
            continue
        value = row[1]
        if key in ("start", "target_date", "end"):
            parsed = _date(value)
            if parsed == "bad":
                problems.append(
                    CellProblem(
                        PLAN_SHEET,
                        r,
                        "B",
                        _text(row[0]),
                        value,
                        _expected("date", example="2025-12-31"),
                    )
                )
                continue
            plan[key] = parsed
        elif key == "reporting":
            word = _text(value)
            if word and word not in ("季度", "按季度", "月", "按月", "monthly", "quarterly"):
                problems.append(
                    CellProblem(
                        PLAN_SHEET,
                        r,
                        "B",
                        "报送周期",
                        value,
                        _expected("reporting_period", quarter="季度", month="月"),
                    )
                )
                continue
            plan[key] = "monthly" if word in ("月", "按月", "monthly") else "quarterly"
        else:
            plan[key] = _text(value)
    return plan


def _plan_dates(
    plan: dict[str, Any],
    breakdown: Breakdown,
    problems: list[CellProblem],
    sheet: str,
    cols: dict[str, int],
) -> None:
    starts = [t.start for t in breakdown.tasks if t.start]
    starts += [date.fromisoformat(p["start"]) for p in breakdown.phases]
    dues = [t.due for t in breakdown.tasks if t.due]
    if breakdown.phases and not plan.get("end"):
        plan["end"] = max(date.fromisoformat(p["end"]) for p in breakdown.phases)
    plan.setdefault("start", None)
    plan["start"] = plan["start"] or (min(starts) if starts else clock.today().replace(day=1))
    plan["target_date"] = (
        plan.get("target_date")
        or (max(dues) if dues else None)
        or date(plan["start"].year + 2, 12, 31)
    )
    if not plan.get("end"):
        # Six months after the target month, for checking and acceptance (as 四（三）).
        target = plan["target_date"]
        index = target.year * 12 + target.month - 1 + 7
        plan["end"] = date(index // 12, index % 12 + 1, 1) - timedelta(days=1)
    if not plan["start"] < plan["target_date"] <= plan["end"]:
        problems.append(
            CellProblem(
                PLAN_SHEET,
                0,
                "B",
                "开始日期 / 目标日期 / 结束日期",
                f"{plan['start']} / {plan['target_date']} / {plan['end']}",
                _expected("plan_dates_in_order"),
            )
        )
    for t in breakdown.tasks:
        for key, day in (("start", t.start), ("due", t.due)):
            if day and not plan["start"] <= day <= plan["end"]:
                problems.append(
                    CellProblem(
                        sheet,
                        t.row,
                        letter(cols[key]),
                        HEADERS[key][0],
                        day.isoformat(),
                        _expected("date_within_plan", start=plan["start"], end=plan["end"]),
                    )
                )
    plan.setdefault("name", "新的工作计划")
    plan["name"] = plan["name"] or "新的工作计划"
    plan["short_name"] = plan.get("short_name") or plan["name"]


# ------------------------------------------------------------------ writing


def _sheet_rows(wb: Any, name: str) -> tuple[dict[str, int], list[tuple[int, tuple]]]:
    """A sheet's header (word → column) and its non-empty rows after it."""
    ws = wb[name]
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        return {}, []
    header = {_text(v).replace(" ", ""): n for n, v in enumerate(rows[0])}
    body = [(r, row) for r, row in enumerate(rows[1:], start=2) if any(_text(v) for v in row)]
    return header, body


def _phases(wb: Any, problems: list[CellProblem]) -> list[dict[str, Any]]:
    """工作阶段: each phase's name and time as a plan document writes it."""
    from ipdesk.reader import dates

    if PHASE_SHEET not in wb.sheetnames:
        return []
    header, body = _sheet_rows(wb, PHASE_SHEET)
    name_col = next((header[w] for w in ("阶段", "阶段名称", "名称") if w in header), 0)
    time_col = next((header[w] for w in ("时间", "时间安排", "起止时间", "时限") if w in header), 1)
    phases: list[dict[str, Any]] = []
    for r, row in body:
        cells = list(row) + [None, None]
        name, when = _text(cells[name_col]), _text(cells[time_col])
        span = dates.span(when)
        if not name or span is None or span[0] is None or span[1] is None:
            problems.append(
                CellProblem(
                    PHASE_SHEET,
                    r,
                    letter(time_col + 1),
                    "时间",
                    when,
                    _expected("time_span", a="2024年1月—6月", b="2024年7月至2025年12月"),
                )
            )
            continue
        phases.append(
            {
                "code": f"P{len(phases) + 1}",
                "name": name,
                "start": span[0].isoformat(),
                "end": span[1].isoformat(),
                "activities": [],
            }
        )
    return phases


def _indicators(wb: Any, problems: list[CellProblem]) -> list[dict[str, Any]]:
    """目标指标: each target read by the plan document reader's rules."""
    from ipdesk.reader.tables import target_phrase
    from ipdesk.reader.targets import COMPARATORS, find_targets

    if INDICATOR_SHEET not in wb.sheetnames:
        return []
    header, body = _sheet_rows(wb, INDICATOR_SHEET)

    def col(*words: str) -> int | None:
        return next((header[w] for w in words if w in header), None)

    code_col, text_col = col("编号", "序号"), col("指标", "指标名称", "目标指标") or 0
    value_col, unit_col = col("目标值", "目标"), col("单位", "计量单位")
    dept_col = col("责任单位", "牵头单位", "填报单位")
    found: list[dict[str, Any]] = []
    for r, row in body:
        cells = list(row) + [None] * 6

        def cell(n: int | None, cells: list = cells) -> str:
            return _text(cells[n]) if n is not None else ""

        words = cell(text_col)
        if value_col is not None and cell(value_col):
            words = target_phrase(words, cell(value_col), cell(unit_col))
        targets = find_targets(words, goals=True)
        if not targets:
            problems.append(
                CellProblem(
                    INDICATOR_SHEET,
                    r,
                    letter(text_col + 1),
                    "指标",
                    cell(text_col),
                    _expected("target_with_number", example="专利授权量累计达8500件"),
                )
            )
            continue
        t = targets[0]
        found.append(
            {
                "code": cell(code_col) or str(len(found) + 1),
                "group": None,
                "name": t.name,
                "text": t.text,
                "unit": t.unit,
                "target": 1.0 if t.target is None else t.target,
                "comparator": COMPARATORS[t.comparator],
                "kind": t.kind,
                "aggregation": "designated"
                if t.kind in ("level", "rate", "score", "yesno")
                else "sum",
                "baseline": None,
                "departments": [n.strip() for n in SPLIT_RE.split(cell(dept_col)) if n.strip()],
            }
        )
    return found


def to_template(b: Breakdown) -> dict[str, Any]:
    """The breakdown as a template for the one master builder."""
    plan = b.plan
    code_of = {}
    for d in b.departments:
        code_of[d["name"]] = d["code"]
        code_of[d["short_name"]] = d["code"]
    coordinator = next(d["code"] for d in b.departments if d.get("coordinator"))

    def codes(names: list[str]) -> list[str]:
        return list(dict.fromkeys(code_of[n] for n in names))

    rows: dict[str, dict[str, Any]] = {}
    tasks: list[dict[str, Any]] = []
    for t in b.tasks:
        row = {
            "code": t.code,
            "area": t.area,
            "title": _title(t.text),
            "text": t.text,
            "lead": codes(t.lead),
            "co": codes(t.co),
            "start": (t.start or plan["start"]).isoformat(),
            "due": (t.due or plan["target_date"]).isoformat(),
        }
        rows[t.code] = row
        if t.parent and t.parent in rows:
            rows[t.parent].setdefault("subtasks", []).append(row)
        else:
            tasks.append(row)
    indicators = []
    for i in b.indicators:
        responsible = codes(i.pop("departments")) or [coordinator]
        indicators.append({**i, "departments": responsible, "designated": responsible[0]})
    return {
        "template": None,
        "name": plan["name"],
        "short_name": plan["short_name"],
        "district": plan.get("district", ""),
        "reporting": plan.get("reporting", "quarterly"),
        "deadline_days": 5,
        "tolerance": 0.8,
        "start": plan["start"].isoformat(),
        "target_date": plan["target_date"].isoformat(),
        "end": plan["end"].isoformat(),
        "intro": "",
        "parts": [],
        "areas": [{"code": a.code, "title": a.text} for a in b.areas],
        "tasks": tasks,
        "phases": b.phases,
        "safeguards": [],
        "indicators": indicators,
        "departments": [
            {
                "code": d["code"],
                "name": d["name"],
                "short": d["short_name"],
                "kind": "coordinator" if d.get("coordinator") else "other",
                "coordinator": bool(d.get("coordinator")),
            }
            for d in b.departments
        ],
    }


def create_master_from_breakdown(xlsx_path: str | Path, out_path: str | Path) -> Path:
    """Create a new master file at `out_path` from a 任务分解表 workbook.

    Raises:
        WorkbookRefused: bad cells (nothing is created).
        FileRefused: `out_path` already exists.
    """
    from ipdesk.templates.build import create_master

    out = Path(out_path)
    if out.exists():
        raise FileRefused("exists", out)
    breakdown = read_breakdown(xlsx_path)
    create_master(out, to_template(breakdown)).close()
    return out


def _title(text: str) -> str:
    """A short title: the text itself when short, else empty (the first clause is
    shown from the text)."""
    clean = text.rstrip("。；;")
    return clean if len(clean) <= 30 and not re.search(r"[，。；]", clean) else ""
