"""The department fill-in workbook (DESIGN.md §4 "Excel instead of the app").

A department that works in Excel or WPS gets a workbook of its tasks and
indicators for one period: the plan columns locked, drop-down lists for the
status, validation for % and values, its current entries filled in. The workbook
names itself on a very hidden sheet (plan id, department, period), so one made
for another plan or department is refused clearly.

Bringing it back (`import_department_workbook`) first checks every cell; one bad
cell refuses the whole workbook, naming sheet, row, column and what was
expected, and nothing is imported. A sound workbook then travels the same road
as a department file: a department file is issued from the master into a
temporary folder, the workbook's entries are written into it with the normal
edit functions (which enforce ownership and locked periods), it is sent, and the
sent file is merged — so ownership, conflicts and quarantine are the merge's.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

import ipdesk
from ipdesk.errors import BadInput, FileRefused
from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period, PeriodError
from ipdesk.reports import data, xlsx_style
from ipdesk.reports.xlsx_style import clean, letter
from ipdesk.store import clock, disk
from ipdesk.store.files import file_meta

FORMAT = "ipdesk-department-workbook"
FORMAT_VERSION = 1
META_SHEET = "_ipdesk"
GUIDE_SHEET = "填报说明"
TASK_SHEET = "任务进展"
VALUE_SHEET = "指标填报"
FIRST_ROW = 3  # row 1: title, row 2: column headers
STATUS_WORDS = {
    "未启动": "not_started",
    "推进中": "in_progress",
    "已完成": "done",
    "滞后": "behind",
}
YES_WORDS = {"是": 1.0, "否": 0.0, "1": 1.0, "0": 0.0}

# (header, width, editable)
Columns = list[tuple[str, float, bool]]
TASK_COLUMNS: Columns = [
    ("编号", 10, False),
    ("文中编号", 14, False),
    ("工作任务", 34, False),
    ("角色", 6, False),
    ("完成时限", 11, False),
    ("状态", 9, True),
    ("完成%", 8, True),
    ("进展情况", 46, True),
    ("存在问题", 30, True),
    ("下步计划", 30, True),
    ("任务标识", 12, False),
]
VALUE_COLUMNS: Columns = [
    ("编号", 8, False),
    ("指标", 30, False),
    ("单位", 6, False),
    ("填写口径", 10, False),
    ("目标", 10, False),
    ("本单位上期累计", 12, False),
    ("本期数值", 12, True),
    ("备注", 30, True),
    ("指标标识", 12, False),
]
T_CODE, T_STATUS, T_PERCENT, T_PROGRESS, T_PROBLEMS, T_NEXT, T_ID = 1, 6, 7, 8, 9, 10, 11
V_CODE, V_VALUE, V_NOTE, V_ID = 1, 7, 8, 9


# ------------------------------------------------------------------ export


def write_department_workbook(
    db: sqlite_utils.Database,
    department_id: str,
    period: Period | str | None,
    out_path: str | Path,
    *,
    on: date | None = None,
) -> Path:
    """Write the fill-in workbook of one department for one period."""
    on = on or clock.today()
    period = data.parse_period(db, period, on)
    snap = data.snapshot(db, on)
    if department_id not in snap.departments:
        raise BadInput("找不到该部门。", "no such department.")
    dept = snap.departments[department_id]
    plan_id = file_meta(db).plan_id
    deadline = period.deadline(snap.info.deadline_days)
    reports = data.reports_for_period(db, period, department_id)
    tasks = data.department_tasks(snap, department_id, period, {t for t, _ in reports})
    indicators = data.department_indicators(snap, department_id)

    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    _guide(guide, snap, dept, period, deadline)

    ws = wb.create_sheet(TASK_SHEET)
    _prepare(
        ws,
        f"{dept['short_name']} · {period.label_zh} 重点任务进展填报（报送截止 "
        f"{deadline.isoformat()}）",
        TASK_COLUMNS,
    )
    for n, (task, role) in enumerate(tasks):
        r = FIRST_ROW + n
        report = reports.get((task.id, department_id)) or {}
        values = [
            task.code,
            display_code(task.code),
            data.label(task),
            "牵头" if role == "lead" else "配合",
            task.due,
            data.STATUS_ZH.get(report.get("status", ""), None) if report else None,
            report.get("percent"),
            report.get("progress") or None,
            report.get("problems") or None,
            report.get("next_steps") or None,
            task.id,
        ]
        _row(ws, r, values, TASK_COLUMNS)
    last = FIRST_ROW + max(len(tasks), 1) - 1
    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_WORDS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error="请从下拉列表中选择：未启动、推进中、已完成、滞后。",
        promptTitle="状态",
        prompt="请选择本期状态",
        showInputMessage=True,
    )
    percent = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成%",
        error="完成百分比应为 0 到 100 之间的数字（如 60）。",
        promptTitle="完成%",
        prompt="填 0–100 之间的数字，如 60 表示 60%",
        showInputMessage=True,
    )
    for dv, col in ((status_list, T_STATUS), (percent, T_PERCENT)):
        ws.add_data_validation(dv)
        dv.add(f"{letter(col)}{FIRST_ROW}:{letter(col)}{last}")
    ws.column_dimensions[letter(T_ID)].hidden = True
    _protect(ws)

    ws = wb.create_sheet(VALUE_SHEET)
    _prepare(ws, f"{dept['short_name']} · {period.label_zh} 指标数值填报", VALUE_COLUMNS)
    by_kind: dict[str, list[str]] = {"number": [], "rate": [], "yesno": []}
    for n, ind in enumerate(indicators):
        r = FIRST_ROW + n
        own = data.value_for(ind, department_id, period)
        before = data.department_total(ind, department_id, period.previous())
        basis = {"cumulative": "本期新增", "new": "本期新增", "yesno": "是 / 否"}.get(
            ind.kind, "本期数值"
        )
        target = "是" if ind.kind == "yesno" else ind.target
        if ind.kind == "yesno" and own is not None:
            own_value: Any = "是" if own >= 1 else "否"
        else:
            own_value = own
        note = next((e_note for e_note in _notes(db, ind.id, department_id, period)), None)
        _row(
            ws,
            r,
            [ind.code, ind.name, ind.unit, basis, target, before, own_value, note, ind.id],
            VALUE_COLUMNS,
        )
        cell = f"{letter(V_VALUE)}{r}"
        by_kind[
            "yesno" if ind.kind == "yesno" else "rate" if ind.kind == "rate" else "number"
        ].append(cell)
    rules = {
        "number": DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="本期数值",
            error="请填写不小于 0 的数字；累计类、新增类填本期新增数量。",
        ),
        "rate": DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="本期数值",
            error="比率请填 0 到 100 之间的数字（如 85 表示 85%）。",
        ),
        "yesno": DataValidation(
            type="list",
            formula1='"是,否"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="本期数值",
            error="请选择“是”或“否”。",
        ),
    }
    for kind, cells in by_kind.items():
        if cells:
            ws.add_data_validation(rules[kind])
            for cell in cells:
                rules[kind].add(cell)
    ws.column_dimensions[letter(V_ID)].hidden = True
    _protect(ws)

    meta = wb.create_sheet(META_SHEET)
    for key, value in (
        ("format", FORMAT),
        ("version", FORMAT_VERSION),
        ("plan_id", plan_id),
        ("department_id", department_id),
        ("department_code", dept["code"]),
        ("department", dept["short_name"]),
        ("period", str(period)),
        ("exported_at", clock.now_text()),
        ("app_version", ipdesk.__version__),
        ("tasks", len(tasks)),
        ("indicators", len(indicators)),
    ):
        meta.append([key, value])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.active = 1
    out = Path(out_path)
    with disk.output_file(out) as tmp:
        xlsx_style.save(wb, tmp)
    return out


def _notes(
    db: sqlite_utils.Database, indicator_id: str, department_id: str, period: Period
) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT note FROM indicator_values WHERE deleted = 0 AND indicator_id = ?"
            " AND department_id = ? AND period = ? AND note <> ''",
            [indicator_id, department_id, str(period)],
        )
    ]


def _guide(
    ws: Worksheet, snap: data.PlanSnapshot, dept: dict, period: Period, deadline: date
) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
    ws["A1"] = f"{snap.info.short_name} · 部门填报表"
    ws["A1"].font = xlsx_style.TITLE_FONT
    rows = [
        ("填报单位", dept["name"]),
        ("报送期间", f"{period.label_zh}（{period}）"),
        ("报送截止", deadline.isoformat()),
        ("计划", snap.info.name),
        (
            "填写方法",
            "在“任务进展”表中为本单位的每项任务选择状态、填写完成百分比（0–100）和进展情况、"
            "存在问题、下步计划；在“指标填报”表中填写本期数值（累计类、新增类填本期新增数量，"
            "不是累计总数）。黄色底色的单元格可以填写，其余各列为计划内容，已锁定。",
        ),
        (
            "注意",
            "请不要增删行、修改编号或改动工作表名称。填好后保存（xlsx 格式），发回协调员导入。"
            "导入时会逐格检查，若有不符合要求的单元格，将指出工作表、行号和列，整份表格不会导入，"
            "请改正后重新发送。",
        ),
    ]
    for n, (key, value) in enumerate(rows, start=3):
        ws.cell(n, 1, key).font = xlsx_style.HEADER_FONT
        cell = ws.cell(n, 2, value)
        cell.alignment = xlsx_style.WRAP
        cell.font = xlsx_style.BODY_FONT
    ws.protection.sheet = True


def _prepare(ws: Worksheet, title: str, columns: Columns) -> None:
    ws["A1"] = title
    ws["A1"].font = xlsx_style.TITLE_FONT
    ws.row_dimensions[1].height = 24
    for n, (name, width, editable) in enumerate(columns, start=1):
        cell = ws.cell(2, n, name)
        cell.font = xlsx_style.HEADER_FONT
        cell.fill = xlsx_style.EDIT_FILL if editable else xlsx_style.HEADER_FILL
        cell.alignment = xlsx_style.HEADER_ALIGN
        cell.border = xlsx_style.BORDER
        ws.column_dimensions[letter(n)].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"


def _row(ws: Worksheet, r: int, values: list[Any], columns: Columns) -> None:
    for n, (value, (_, _, editable)) in enumerate(zip(values, columns, strict=True), start=1):
        cell = ws.cell(r, n, clean(value))
        cell.border = xlsx_style.BORDER
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cell.font = xlsx_style.BODY_FONT
        if isinstance(value, date):
            cell.number_format = xlsx_style.DATE_FORMAT
        if editable:
            cell.protection = Protection(locked=False)
            cell.fill = xlsx_style.EDIT_FILL


def _protect(ws: Worksheet) -> None:
    """Lock the plan columns; the yellow cells stay editable. No password: the lock
    guards against slips, and the import checks every cell anyway."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


# ------------------------------------------------------------------ reading and checking


@dataclass(frozen=True)
class CellProblem:
    """One cell that cannot be imported."""

    sheet: str
    row: int
    column: str
    header: str
    value: Any
    expected_zh: str
    expected_en: str

    @property
    def where(self) -> str:
        if self.row <= 0:
            return f"“{self.sheet}”表（{self.header}）"
        return f"“{self.sheet}”表第 {self.row} 行 {self.column} 列（{self.header}）"

    @property
    def message_zh(self) -> str:
        shown = "空" if self.value in (None, "") else f"“{self.value}”"
        gap = " " if self.expected_zh[:1].isdigit() else ""
        return f"{self.where}：应为{gap}{self.expected_zh}，实际为{shown}"

    @property
    def message_en(self) -> str:
        return (
            f"sheet '{self.sheet}' row {self.row} column {self.column} ({self.header}): "
            f"expected {self.expected_en}, found {self.value!r}"
        )


class WorkbookRefused(BadInput):
    """A filled-in workbook with bad cells, or one made for another plan or department.
    Nothing was imported from it."""

    code = "workbook_refused"

    def __init__(
        self,
        path: str | Path,
        problems: list[CellProblem] | None = None,
        reason_zh: str = "",
        reason_en: str = "",
    ) -> None:
        self.problems = problems or []
        name = Path(path).name
        if self.problems:
            shown = "；".join(p.message_zh for p in self.problems[:5])
            more = f"；等共 {len(self.problems)} 处" if len(self.problems) > 5 else ""
            shown_en = "; ".join(p.message_en for p in self.problems[:3])
            super().__init__(
                f"{name} 未导入：{shown}{more}。请改正后重新导入（整份表格均未导入）。",
                f"{name} was not imported: {shown_en}"
                f"{f' and {len(self.problems) - 3} more' if len(self.problems) > 3 else ''}. "
                "Correct it and import again (nothing from it was imported).",
                path=str(path),
                problems=self.problems,
            )
        else:
            super().__init__(
                f"{name} 未导入：{reason_zh}",
                f"{name} was not imported: {reason_en}",
                path=str(path),
            )


@dataclass
class TaskEntry:
    row: int
    task_id: str
    code: str
    status: str | None
    percent: float | None
    progress: str
    problems: str
    next_steps: str


@dataclass
class ValueEntry:
    row: int
    indicator_id: str
    code: str
    value: float
    note: str


@dataclass
class FilledWorkbook:
    plan_id: str
    department_id: str
    period: str
    tasks: list[TaskEntry] = field(default_factory=list)
    values: list[ValueEntry] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any) -> float | None:
    """A cell as a number: numbers as they are, text like "60" or "60%" read; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        raw = value.strip().replace("，", "").replace(",", "")
        raw = raw[:-1] if raw.endswith(("%", "％")) else raw
        try:
            number = float(raw)
        except ValueError:
            return None
        return number if number == number and abs(number) != float("inf") else None
    return None


def read_department_workbook(db: sqlite_utils.Database, xlsx_path: str | Path) -> FilledWorkbook:
    """Read and check a filled-in workbook against the plan in `db`.

    Raises:
        WorkbookRefused: not IPDesk's workbook, another plan's or department's, or any
            bad cell (all of them listed).
    """
    path = Path(xlsx_path)
    if not path.is_file():
        raise FileRefused("missing", path)
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise WorkbookRefused(
            path,
            reason_zh=f"无法读取该工作簿（{type(exc).__name__}），请确认是"
            "IPDesk 导出的 .xlsx 文件。",
            reason_en=f"it cannot be read as a workbook ({type(exc).__name__}); "
            "use the .xlsx file IPDesk exported.",
        ) from None
    meta = _meta(wb, path)
    plan_id = file_meta(db).plan_id
    if meta.get("plan_id") != plan_id:
        raise WorkbookRefused(
            path,
            reason_zh="该工作簿属于另一份工作计划，不能导入本总表。",
            reason_en="the workbook belongs to another plan.",
        )
    department_id = str(meta.get("department_id") or "")
    snap_depts = {
        r[0]: r[1] for r in db.execute("SELECT id, short_name FROM departments WHERE deleted = 0")
    }
    if department_id not in snap_depts:
        raise WorkbookRefused(
            path,
            reason_zh="工作簿中的填报单位不在本计划中。",
            reason_en="the workbook's department is not in this plan.",
        )
    try:
        period = Period.parse(str(meta.get("period")))
    except PeriodError:
        raise WorkbookRefused(
            path,
            reason_zh="工作簿中的报送期间无法识别。",
            reason_en="the workbook's period cannot be read.",
        ) from None
    filled = FilledWorkbook(plan_id, department_id, str(period))
    problems: list[CellProblem] = []
    for name in (TASK_SHEET, VALUE_SHEET):
        if name not in wb.sheetnames:
            raise WorkbookRefused(
                path,
                reason_zh=f"缺少“{name}”工作表，请使用导出的原表填写。",
                reason_en=f"the sheet '{name}' is missing; fill in the exported workbook as it is.",
            )
    _read_tasks(db, wb[TASK_SHEET], department_id, filled, problems)
    _read_values(db, wb[VALUE_SHEET], department_id, filled, problems)
    if problems:
        raise WorkbookRefused(path, problems)
    return filled


def _meta(wb: Any, path: Path) -> dict[str, Any]:
    if META_SHEET not in wb.sheetnames:
        raise WorkbookRefused(
            path,
            reason_zh="这不是 IPDesk 导出的部门填报表（缺少标识信息）。请使用 "
            "IPDesk 导出的工作簿填写。",
            reason_en="this is not a department workbook exported by IPDesk "
            "(its identification is missing).",
        )
    meta = {str(k): v for k, v, *_ in wb[META_SHEET].iter_rows(values_only=True) if k}
    if meta.get("format") != FORMAT:
        raise WorkbookRefused(
            path,
            reason_zh="这不是 IPDesk 导出的部门填报表。",
            reason_en="this is not a department workbook exported by IPDesk.",
        )
    if int(meta.get("version") or 0) > FORMAT_VERSION:
        raise WorkbookRefused(
            path,
            reason_zh="该工作簿由更新版本的 IPDesk 导出，请升级后再导入。",
            reason_en="the workbook was made by a newer IPDesk; update IPDesk.",
        )
    return meta


def _problem(
    ws: Worksheet, row: int, col: int, columns: list, value: Any, zh: str, en: str
) -> CellProblem:
    return CellProblem(ws.title, row, letter(col), columns[col - 1][0], value, zh, en)


def _read_tasks(
    db: sqlite_utils.Database,
    ws: Worksheet,
    department_id: str,
    filled: FilledWorkbook,
    problems: list[CellProblem],
) -> None:
    assigned = {
        r[0]: r[1]
        for r in db.execute(
            "SELECT t.code, t.id FROM assignments a JOIN tasks t ON t.id = a.task_id"
            " WHERE a.department_id = ? AND a.deleted = 0 AND t.deleted = 0",
            [department_id],
        )
    }
    seen: set[str] = set()
    for r, row in enumerate(
        ws.iter_rows(min_row=FIRST_ROW, max_col=len(TASK_COLUMNS), values_only=True),
        start=FIRST_ROW,
    ):
        if all(v in (None, "") for v in row):
            continue
        code = _text(row[T_CODE - 1])
        task_id = _text(row[T_ID - 1])

        def bad(col: int, zh: str, en: str, r: int = r, row: tuple = row) -> None:
            problems.append(_problem(ws, r, col, TASK_COLUMNS, row[col - 1], zh, en))

        if code not in assigned or (task_id and assigned[code] != task_id):
            bad(
                T_CODE,
                "本单位在本计划中承担的任务编号（请勿修改编号列）",
                "the code of a task assigned to this department (do not edit the code column)",
            )
            continue
        if code in seen:
            bad(T_CODE, "不重复的任务编号（该任务已在上面出现）", "a task code not repeated")
            continue
        seen.add(code)
        status_raw = _text(row[T_STATUS - 1])
        status = None
        if status_raw:
            status = STATUS_WORDS.get(status_raw) or (
                status_raw if status_raw in STATUS_WORDS.values() else None
            )
            if status is None:
                bad(
                    T_STATUS,
                    "下拉列表中的状态：未启动、推进中、已完成或滞后",
                    "a status from the list: 未启动, 推进中, 已完成 or 滞后",
                )
        percent_raw = row[T_PERCENT - 1]
        percent = None
        if percent_raw not in (None, ""):
            percent = _number(percent_raw)
            if percent is None or not 0 <= percent <= 100:
                bad(T_PERCENT, "0 到 100 之间的数字（如 60 表示 60%）", "a number from 0 to 100")
                percent = None
        texts = [_text(row[c - 1]) for c in (T_PROGRESS, T_PROBLEMS, T_NEXT)]
        if (
            status is None
            and percent is None
            and not any(texts)
            and not status_raw
            and percent_raw in (None, "")
        ):
            continue
        filled.tasks.append(TaskEntry(r, assigned[code], code, status, percent, *texts))


def _read_values(
    db: sqlite_utils.Database,
    ws: Worksheet,
    department_id: str,
    filled: FilledWorkbook,
    problems: list[CellProblem],
) -> None:
    reported = {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "SELECT i.code, i.id, i.kind FROM indicator_departments d"
            " JOIN indicators i ON i.id = d.indicator_id"
            " WHERE d.department_id = ? AND d.deleted = 0 AND i.deleted = 0",
            [department_id],
        )
    }
    seen: set[str] = set()
    for r, row in enumerate(
        ws.iter_rows(min_row=FIRST_ROW, max_col=len(VALUE_COLUMNS), values_only=True),
        start=FIRST_ROW,
    ):
        if all(v in (None, "") for v in row):
            continue
        code = _text(row[V_CODE - 1])
        ind_id = _text(row[V_ID - 1])

        def bad(col: int, zh: str, en: str, r: int = r, row: tuple = row) -> None:
            problems.append(_problem(ws, r, col, VALUE_COLUMNS, row[col - 1], zh, en))

        if code not in reported or (ind_id and reported[code][0] != ind_id):
            bad(
                V_CODE,
                "本单位填报的指标编号（请勿修改编号列）",
                "the code of an indicator this department reports (do not edit the code column)",
            )
            continue
        if code in seen:
            bad(V_CODE, "不重复的指标编号", "an indicator code not repeated")
            continue
        seen.add(code)
        raw = row[V_VALUE - 1]
        note = _text(row[V_NOTE - 1])
        if raw in (None, ""):
            continue
        kind = reported[code][1]
        if kind == "yesno":
            value = YES_WORDS.get(_text(raw))
            if value is None:
                bad(V_VALUE, "“是”或“否”", "是 (yes) or 否 (no)")
                continue
        else:
            value = _number(raw)
            if value is None:
                bad(V_VALUE, "数字", "a number")
                continue
            if value < 0:
                bad(
                    V_VALUE,
                    "不小于 0 的数字（累计类、新增类填本期新增数量）",
                    "a number not below 0 (for cumulative and new indicators the period's new amount)",
                )
                continue
            if kind == "rate" and value > 100:
                bad(V_VALUE, "0 到 100 之间的比率（如 85 表示 85%）", "a rate from 0 to 100")
                continue
        filled.values.append(ValueEntry(r, reported[code][0], code, value, note))


# ------------------------------------------------------------------ import


def import_department_workbook(
    master_path: str | Path, xlsx_path: str | Path, *, dry_run: bool = False
) -> Any:
    """Import a filled-in department workbook into the master through the merge.

    Returns:
        The merge's report for the workbook (a MergeReport: result, new, changed,
        conflicts, quarantined, …).

    Raises:
        WorkbookRefused: bad cells, or a workbook of another plan or department;
            nothing was imported.
        NotAllowed: the period is already submitted or approved in the master.
    """
    from ipdesk.merge.engine import merge_files
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.merge.send import send_file
    from ipdesk.store import edits
    from ipdesk.store.files import open_plan

    master_path = Path(master_path)
    folder = Path(tempfile.mkdtemp(prefix="ipdesk-xlsx-"))
    try:
        master = open_plan(master_path)
        try:
            if not file_meta(master).is_master:
                raise BadInput(
                    "只能把部门填报表导入协调员的总表。",
                    "a department workbook can only be imported into the master file.",
                )
            filled = read_department_workbook(master, xlsx_path)
            dept_file = folder / "department.ipdesk"
            issue_department_file(master, filled.department_id, dept_file)
        finally:
            master.close()
        dept_db = open_plan(dept_file)
        try:
            for t in filled.tasks:
                edits.save_report(
                    dept_db,
                    t.task_id,
                    filled.department_id,
                    filled.period,
                    status=t.status,
                    percent=t.percent,
                    progress=t.progress,
                    problems=t.problems,
                    next_steps=t.next_steps,
                )
            for v in filled.values:
                edits.save_value(
                    dept_db, v.indicator_id, filled.department_id, filled.period, v.value, v.note
                )
            sent = send_file(dept_db, folder / Path(xlsx_path).with_suffix(".ipdesk").name)
        finally:
            dept_db.close()
        report = merge_files(master_path, [sent], dry_run=dry_run)[0]
        report.file = str(xlsx_path)  # the user knows the workbook, not the temporary file
        return report
    finally:
        shutil.rmtree(folder, ignore_errors=True)
