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
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ipdesk.errors import FileRefused
from ipdesk.paths import data_path
from ipdesk.plan.codes import CODE_RE
from ipdesk.reports import xlsx_read, xlsx_style
from ipdesk.reports.xlsx_dept import CellProblem, WorkbookRefused
from ipdesk.reports.xlsx_style import letter
from ipdesk.store import clock
from ipdesk.store.files import create_plan_file
from ipdesk.store.ids import uuid7
from ipdesk.store.rows import insert_rows

TASK_SHEET = "任务分解表"
PLAN_SHEET = "计划信息"
DEPT_SHEET = "单位"
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
            reason_zh=f"在“{sheet}”表前 10 行中找不到表头（至少需要“编号”"
            "“工作任务”“牵头单位”三列）。请参照模板填写。",
            reason_en=f"no header row found in the first 10 rows of '{sheet}' "
            "(编号, 工作任务 and 牵头单位 are needed). Follow the template.",
        )
    problems: list[CellProblem] = []

    def bad(r: int, key: str, value: Any, zh: str, en: str) -> None:
        n = cols[key]
        header = _text(ws.cell(header_row, n).value) or HEADERS[key][0]
        problems.append(CellProblem(sheet, r, letter(n), header, value, zh, en))

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
                "编号，如 1、1.2 或 1.2.3（最多四级，用英文句点分隔）",
                "a code such as 1, 1.2 or 1.2.3 (up to four levels)",
            )
            continue
        if code in seen:
            bad(
                r,
                "code",
                code,
                f"不重复的编号（第 {seen[code]} 行已使用）",
                f"a code not used before (row {seen[code]} has it)",
            )
            continue
        seen[code] = r
        if not text:
            bad(r, "text", None, "任务内容", "the task's text")
        lead = [s.strip() for s in SPLIT_RE.split(_text(cell("lead"))) if s.strip()]
        co = [s.strip() for s in SPLIT_RE.split(_text(cell("co"))) if s.strip()]
        if set(lead) & set(co):
            bad(r, "co", cell("co"), "与牵头单位不同的单位", "departments other than the lead")
        dates: list[date | None] = []
        for key in ("start", "due"):
            value = _date(cell(key)) if key in cols else None
            if value == "bad":
                bad(r, key, cell(key), "日期，如 2025-06-30", "a date such as 2025-06-30")
                value = None
            dates.append(value)  # type: ignore[arg-type]
        start, due = dates
        if start and due and start > due:
            bad(r, "due", cell("due"), "不早于开始日期的日期", "a date not before the start")
        items.append(Item(r, code, text, lead, co, start, due))
    if not items and not problems:
        raise WorkbookRefused(
            path, reason_zh=f"“{sheet}”表中没有任务。", reason_en=f"'{sheet}' holds no tasks."
        )
    breakdown = _structure(items, sheet, cols, problems)
    for item in breakdown.tasks:
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
                        f"牵头单位（{item.code} 在任务 {parent.code} 之下，是子任务）",
                        f"a lead department ({item.code} is a sub-task of {parent.code})",
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
            problems.append(
                CellProblem(DEPT_SHEET, r, "B", "全称", None, "单位全称", "the full name")
            )
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
                    "不重复的单位代码",
                    "a department code not used before",
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
                        "日期，如 2025-12-31",
                        "a date such as 2025-12-31",
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
                        "“季度”或“月”",
                        "季度 (quarterly) or 月 (monthly)",
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
    dues = [t.due for t in breakdown.tasks if t.due]
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
                "开始日期早于目标日期，目标日期不晚于结束日期",
                "start before the target date, target date not after the end",
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
                        f"计划期内（{plan['start']} 至 {plan['end']}）的日期",
                        f"a date within the plan ({plan['start']} to {plan['end']})",
                    )
                )
    plan.setdefault("name", "新的工作计划")
    plan["name"] = plan["name"] or "新的工作计划"
    plan["short_name"] = plan.get("short_name") or plan["name"]


# ------------------------------------------------------------------ writing


def create_master_from_breakdown(xlsx_path: str | Path, out_path: str | Path) -> Path:
    """Create a new master file at `out_path` from a 任务分解表 workbook.

    Raises:
        WorkbookRefused: bad cells (nothing is created).
        FileRefused: `out_path` already exists.
    """
    out = Path(out_path)
    if out.exists():
        raise FileRefused("exists", out)
    breakdown = read_breakdown(xlsx_path)
    db = create_plan_file(out, role="master")
    try:
        with db.atomic():
            _populate(db, breakdown)
    except BaseException:
        db.close()
        out.unlink(missing_ok=True)
        raise
    db.close()
    return out


def _populate(db: Any, b: Breakdown) -> None:
    plan = b.plan
    start, target = plan["start"].isoformat(), plan["target_date"].isoformat()
    insert_rows(
        db,
        "plan",
        [
            {
                "id": uuid7(),
                "template": None,
                "name": plan["name"],
                "short_name": plan["short_name"],
                "district": plan.get("district", ""),
                "intro": "",
                "start_date": start,
                "target_date": target,
                "end_date": plan["end"].isoformat(),
                "reporting": plan.get("reporting", "quarterly"),
                "deadline_days": 5,
                "tolerance": 0.8,
            }
        ],
    )
    dept_ids: dict[str, str] = {}
    rows = []
    for n, d in enumerate(b.departments):
        dept_ids[d["code"]] = uuid7()
        rows.append(
            {
                "id": dept_ids[d["code"]],
                "code": d["code"],
                "name": d["name"],
                "short_name": d["short_name"],
                "kind": "coordinator" if d.get("coordinator") else "other",
                "is_coordinator": int(bool(d.get("coordinator"))),
                "sort": n,
            }
        )
    insert_rows(db, "departments", rows)
    db.conn.executemany(
        "INSERT INTO department_keys (department_id, signing_key) VALUES (?, ?)",
        [(i, secrets.token_hex(32)) for i in dept_ids.values()],
    )
    by_name = {}
    for d in b.departments:
        by_name[d["name"]] = dept_ids[d["code"]]
        by_name[d["short_name"]] = dept_ids[d["code"]]
    section_ids = {a.code: uuid7() for a in b.areas}
    insert_rows(
        db,
        "sections",
        [
            {
                "id": section_ids[a.code],
                "code": a.code,
                "kind": "area",
                "title": a.text,
                "text": "",
                "sort": n,
            }
            for n, a in enumerate(b.areas)
        ],
    )
    task_ids = {t.code: uuid7() for t in b.tasks}
    insert_rows(
        db,
        "tasks",
        [
            {
                "id": task_ids[t.code],
                "code": t.code,
                "kind": "subtask" if t.parent else "task",
                "parent_id": task_ids.get(t.parent) if t.parent else None,
                "section_id": section_ids.get(t.area) if t.area else None,
                "phase_id": None,
                "label": "",
                "title": _title(t.text),
                "text": t.text,
                "start_date": (t.start or plan["start"]).isoformat(),
                "due_date": (t.due or plan["target_date"]).isoformat(),
                "sort": n,
            }
            for n, t in enumerate(b.tasks)
        ],
    )
    assignments = []
    for t in b.tasks:
        for role, names in (("lead", t.lead), ("co", t.co)):
            for name in dict.fromkeys(names):
                assignments.append(
                    {
                        "id": uuid7(),
                        "task_id": task_ids[t.code],
                        "department_id": by_name[name],
                        "role": role,
                    }
                )
    insert_rows(db, "assignments", assignments)


def _title(text: str) -> str:
    """A short title: the text itself when short, else empty (the first clause is
    shown from the text)."""
    clean = text.rstrip("。；;")
    return clean if len(clean) <= 30 and not re.search(r"[，。；]", clean) else ""
