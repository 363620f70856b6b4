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

import dataclasses
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

import ipdesk
from ipdesk.errors import BadInput, NotAllowed
from ipdesk.merge.engine import MergeReport
from ipdesk.messages import message
from ipdesk.plan import entry
from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import STATUS_BY_WORD
from ipdesk.read.department import department_indicators, department_tasks
from ipdesk.read.indicators import department_total
from ipdesk.read.plan import Department, resolve_period
from ipdesk.read.snapshot import PlanSnapshot, snapshot
from ipdesk.reports import data, xlsx_read, xlsx_style
from ipdesk.reports.xlsx_read import CellProblem, WorkbookRefused
from ipdesk.reports.xlsx_style import letter, put
from ipdesk.store import clock, disk
from ipdesk.store.files import file_meta

FORMAT = "ipdesk-department-workbook"
FORMAT_VERSION = 2  # 2: the token the master records each export under
META_SHEET = "_ipdesk"
GUIDE_SHEET = "填报说明"
TASK_SHEET = "任务进展"
VALUE_SHEET = "指标填报"
FIRST_ROW = 3  # row 1: title, row 2: column headers
YES_WORDS = {"是": 1.0, "否": 0.0, "1": 1.0, "0": 0.0}

# (header, width, editable)
Columns = list[tuple[str, float, bool]]
# 编号: the document's own numbering (三（一）1·二是), as the window and the PDFs show it;
# 代码: the dotted code underneath it there. Either read back (workbooks exported
# before had the dotted code first).
TASK_COLUMNS: Columns = [
    ("编号", 14, False),
    ("代码", 9, False),
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
    ("编号", 11, False),
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
    """Write the fill-in workbook of one department for one period, and record it in
    the master (department, period, a random token, when) so that only this workbook
    imports as this department's, for this period.

    Raises:
        NotAllowed: `db` is a department file (workbooks are exported from the master,
            which must know them when they come back).
        BadInput: no such department.
    """
    if not file_meta(db).is_master:
        raise NotAllowed(
            message("xlsx_dept.department_workbooks_are_exported"),
        )
    on = on or clock.today()
    token = secrets.token_hex(16)
    exported_at = clock.now_text()
    period = resolve_period(db, period, on)
    snap = snapshot(db, on)
    if department_id not in snap.departments:
        raise BadInput(message("xlsx_dept.no_such_department"))
    dept = snap.departments[department_id]
    plan_id = file_meta(db).plan_id
    deadline = period.deadline(snap.info.deadline_days)
    tasks = department_tasks(db, department_id, period, snap.tasks)
    indicators = department_indicators(db, department_id, period, snap.indicators)

    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    _guide(guide, snap, dept, period, deadline)

    ws = wb.create_sheet(TASK_SHEET)
    _prepare(
        ws,
        f"{dept.short_name} · {period.label_zh} 重点任务进展填报（报送截止 "
        f"{deadline.isoformat()}）",
        TASK_COLUMNS,
    )
    for n, item in enumerate(tasks):
        r = FIRST_ROW + n
        task, report = item.status, item.report
        values = [
            display_code(task.code),
            task.code,
            task.label,
            "牵头" if item.role == "lead" else "配合",
            task.due,
            data.STATUS_ZH.get(report.status) if report else None,
            report.percent if report else None,
            (report.progress or None) if report else None,
            (report.problems or None) if report else None,
            (report.next_steps or None) if report else None,
            task.id,
        ]
        _row(ws, r, values, TASK_COLUMNS)
    last = FIRST_ROW + max(len(tasks), 1) - 1
    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_BY_WORD) + '"',
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
    _prepare(ws, f"{dept.short_name} · {period.label_zh} 指标数值填报", VALUE_COLUMNS)
    by_kind: dict[str, list[str]] = {"number": [], "rate": [], "yesno": []}
    for n, grid in enumerate(indicators):
        r = FIRST_ROW + n
        ind, own = grid.status, grid.value
        before = department_total(ind, department_id, period.previous())
        basis = {"cumulative": "本期新增", "new": "本期新增", "yesno": "是 / 否"}.get(
            ind.kind, "本期数值"
        )
        target = "是" if ind.kind == "yesno" else ind.target
        if ind.kind == "yesno" and own is not None:
            own_value: Any = "是" if own >= 1 else "否"
        else:
            own_value = own
        note = grid.note or None
        _row(
            ws,
            r,
            [
                display_code(ind.code),
                ind.name,
                ind.unit,
                basis,
                target,
                before,
                own_value,
                note,
                ind.id,
            ],
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
    for n, (key, value) in enumerate(
        (
            ("format", FORMAT),
            ("version", FORMAT_VERSION),
            ("plan_id", plan_id),
            ("department_id", department_id),
            ("department_code", dept.code),
            ("department", dept.short_name),
            ("period", str(period)),
            ("exported_at", exported_at),
            ("app_version", ipdesk.__version__),
            ("tasks", len(tasks)),
            ("indicators", len(indicators)),
            ("token", token),
        ),
        start=1,
    ):
        put(meta, n, 1, key)
        put(meta, n, 2, value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.active = 1
    out = Path(out_path)
    with disk.output_file(out) as tmp:
        xlsx_style.save(wb, tmp)
        with db.atomic():
            db.execute(
                "INSERT INTO department_workbooks (token, department_id, period, exported_at)"
                " VALUES (?, ?, ?, ?)",
                [token, department_id, str(period), exported_at],
            )
    return out


def _guide(
    ws: Worksheet, snap: PlanSnapshot, dept: Department, period: Period, deadline: date
) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
    put(ws, 1, 1, f"{snap.info.short_name} · 部门填报表").font = xlsx_style.TITLE_FONT
    rows = [
        ("填报单位", dept.name),
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
        put(ws, n, 1, key).font = xlsx_style.HEADER_FONT
        cell = put(ws, n, 2, value)
        cell.alignment = xlsx_style.WRAP
        cell.font = xlsx_style.BODY_FONT
    ws.protection.sheet = True


def _prepare(ws: Worksheet, title: str, columns: Columns) -> None:
    put(ws, 1, 1, title).font = xlsx_style.TITLE_FONT
    ws.row_dimensions[1].height = 24
    for n, (name, width, editable) in enumerate(columns, start=1):
        cell = put(ws, 2, n, name)
        cell.font = xlsx_style.HEADER_FONT
        cell.fill = xlsx_style.EDIT_FILL if editable else xlsx_style.HEADER_FILL
        cell.alignment = xlsx_style.HEADER_ALIGN
        cell.border = xlsx_style.BORDER
        ws.column_dimensions[letter(n)].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"


def _row(ws: Worksheet, r: int, values: list[Any], columns: Columns) -> None:
    for n, (value, (_, _, editable)) in enumerate(zip(values, columns, strict=True), start=1):
        cell = put(ws, r, n, value)
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
    """Read and check a filled-in workbook against the plan in `db` (the master).

    The workbook must be one this master exported (its token is recorded with the
    department and period it was made for); that department and period are the
    ones imported, whatever the workbook's cells now say.

    Raises:
        WorkbookRefused: not IPDesk's workbook, not recorded in this master, altered
            (token, department or period), another plan's, too large, or any bad
            cell (all of them listed, by sheet, row and column).
    """
    path = Path(xlsx_path)
    with xlsx_read.load(path) as wb:
        meta = _meta(wb, path)
        plan_id = file_meta(db).plan_id
        if meta.get("plan_id") != plan_id:
            raise WorkbookRefused(
                path,
                reason=message("xlsx_dept.workbook_belongs_another_plan"),
            )
        department_id, period = _recorded(db, meta, path)
        filled = FilledWorkbook(plan_id, department_id, period)
        problems: list[CellProblem] = []
        for name in (TASK_SHEET, VALUE_SHEET):
            if name not in wb:
                raise WorkbookRefused(
                    path,
                    reason=message("xlsx_dept.sheet_missing_fill_exported", name=name),
                )
        _read_tasks(db, wb[TASK_SHEET], department_id, filled, problems)
        _read_values(db, wb[VALUE_SHEET], department_id, filled, problems)
    if problems:
        raise WorkbookRefused(path, problems)
    return filled


def _meta(wb: xlsx_read.SafeWorkbook, path: Path) -> dict[str, str]:
    if META_SHEET not in wb:
        raise WorkbookRefused(
            path,
            reason=message("xlsx_dept.not_department_workbook_exported"),
        )
    meta = {}
    for row in wb[META_SHEET].iter_rows(max_col=2):
        if row[0] is not None:
            meta[_text(row[0])] = _text(row[1])
    if meta.get("format") != FORMAT:
        raise WorkbookRefused(
            path,
            reason=message("xlsx_dept.not_department_workbook_exported_2"),
        )
    version = meta.get("version", "")
    if not version.isdigit():
        raise WorkbookRefused(
            path,
            reason=message("xlsx_dept.workbook_identification_was_altered", value=version[:20]),
        )
    if int(version) > FORMAT_VERSION:
        raise WorkbookRefused(
            path,
            reason=message("xlsx_dept.workbook_was_made_by"),
        )
    return meta


def _recorded(db: sqlite_utils.Database, meta: dict[str, str], path: Path) -> tuple[str, str]:
    """The department and period the master exported this workbook for, found by its
    token; the workbook's own claims must agree with them."""
    token = meta.get("token", "")
    found = (
        db.execute(
            "SELECT department_id, period FROM department_workbooks WHERE token = ?", [token]
        ).fetchone()
        if token
        else None
    )
    if found is None:
        raise WorkbookRefused(
            path,
            reason=message("xlsx_dept.master_never_exported_workbook"),
        )
    department_id, period = found
    names = dict(db.execute("SELECT id, short_name FROM departments").fetchall())
    own = names.get(department_id, department_id)
    claimed = meta.get("department_id", "")
    if claimed != department_id:
        if claimed in names:
            other = message("xlsx_dept.other_department", name=names[claimed])
        else:
            other = message("xlsx_dept.department_not_in_plan", name=claimed[:40])
        raise WorkbookRefused(
            path,
            reason=message("xlsx_dept.department_changed", own=own, period=period, other=other),
        )
    if meta.get("period") != period:
        raise WorkbookRefused(
            path,
            reason=message(
                "xlsx_dept.workbook_was_exported_for",
                own=own,
                period=period,
                value=meta.get("period", "")[:20],
            ),
        )
    return department_id, period


def _problem(
    ws: Worksheet, row: int, col: int, columns: list, value: Any, code: str, **params: Any
) -> CellProblem:
    expected = message(f"cell.expected.{code}", **params)
    return CellProblem(ws.title, row, letter(col), columns[col - 1][0], value, expected)


def _check_text(bad: Any, col: int, field_name: str, value: str) -> None:
    """The entry rules' limits on a text cell (ipdesk.plan.entry), reported by place."""
    problem = entry.text_problem(field_name, value)
    if problem is None:
        return
    if problem.code == "too_long":
        limit = entry.TEXT_LIMITS[field_name]
        bad(col, "text_at_most", limit=limit, length=len(value))
    else:
        bad(col, "no_control_characters")


Bad = Callable[..., None]


def _item_rows(
    ws: Worksheet,
    columns: Any,
    code_and_id: tuple[int, int],
    ids: dict[str, str],
    problems: list[CellProblem],
    item: str,
) -> Iterator[tuple[int, tuple, str, Bad]]:
    """The filled rows of a sheet of items (tasks or indicators) whose code and hidden
    id name one of `ids` (code → id), each once: (row number, cells, dotted code, and
    `bad(column, code, **params)` that notes a problem in that row). A row naming an
    item not in `ids`, or one already given, is noted as a problem and left out."""
    code_column, id_column = code_and_id
    dotted = _dotted(ids)
    seen: set[str] = set()
    for r, row in enumerate(
        ws.iter_rows(min_row=FIRST_ROW, max_col=len(columns), values_only=True),
        start=FIRST_ROW,
    ):
        if all(v in (None, "") for v in row):
            continue
        code = dotted.get(_text(row[code_column - 1]), "")

        def bad(col: int, code: str, r: int = r, row: tuple = row, **params: Any) -> None:
            problems.append(_problem(ws, r, col, columns, row[col - 1], code, **params))

        if code not in ids or ids[code] != _text(row[id_column - 1]):
            bad(code_column, "assigned_task_code" if item == "task" else "reported_indicator_code")
        elif code in seen:
            bad(code_column, f"{item}_code_not_repeated")
        else:
            seen.add(code)
            yield r, row, code, bad


def _dotted(codes: Any) -> dict[str, str]:
    """A code cell's text → the dotted code: the document's numbering (三（一）1, what
    the workbook shows) or the dotted code itself (what workbooks exported before
    showed)."""
    found: dict[str, str] = {}
    for code in codes:
        found[code] = code
        found.setdefault(display_code(code), code)
    return found


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
    rows = _item_rows(ws, TASK_COLUMNS, (T_CODE, T_ID), assigned, problems, "task")
    for r, row, code, bad in rows:
        status_raw = _text(row[T_STATUS - 1])
        status = None
        if status_raw:
            status = STATUS_BY_WORD.get(status_raw) or (
                status_raw if status_raw in STATUS_BY_WORD.values() else None
            )
            if status is None:
                bad(T_STATUS, "status_from_list", a="未启动", b="推进中", c="已完成", d="滞后")
        percent_raw = row[T_PERCENT - 1]
        percent = None
        if percent_raw not in (None, ""):
            percent = _number(percent_raw)
            if percent is None or not 0 <= percent <= 100:
                bad(T_PERCENT, "percent")
                percent = None
        texts = [_text(row[c - 1]) for c in (T_PROGRESS, T_PROBLEMS, T_NEXT)]
        for col, field_name, value in zip(
            (T_PROGRESS, T_PROBLEMS, T_NEXT),
            ("progress", "problems", "next_steps"),
            texts,
            strict=True,
        ):
            _check_text(bad, col, field_name, value)
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
    ids = {code: found[0] for code, found in reported.items()}
    for r, row, code, bad in _item_rows(
        ws, VALUE_COLUMNS, (V_CODE, V_ID), ids, problems, "indicator"
    ):
        raw = row[V_VALUE - 1]
        note = _text(row[V_NOTE - 1])
        _check_text(bad, V_NOTE, "note", note)
        if raw in (None, ""):
            continue
        kind = reported[code][1]
        if kind == "yesno":
            value = YES_WORDS.get(_text(raw))
            if value is None:
                bad(V_VALUE, "yes_or_no", yes="是", no="否")
                continue
        else:
            value = _number(raw)
            if value is None:
                bad(V_VALUE, "number")
                continue
            if value < 0:
                bad(V_VALUE, "number_not_negative")
                continue
            if kind == "rate" and value > 100:
                bad(V_VALUE, "rate")
                continue
        filled.values.append(ValueEntry(r, reported[code][0], code, value, note))


# ------------------------------------------------------------------ import


@dataclass
class WorkbookReport(MergeReport):
    """The merge's report on a workbook, naming the department and period the master
    recorded for it — what it was imported as."""

    period: str = ""

    @property
    def period_label(self) -> str:
        return Period.parse(self.period).label_zh if self.period else ""

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data.update(department_name=self.department_name, period=self.period)
        return data

    @property
    def who(self) -> tuple[str, str]:
        """(Chinese, English) naming the department and the period."""
        period = Period.parse(self.period)
        name = self.department_name or self.department or ""
        return f"{name} · {period.label_zh}", f"{name}, {period.label_en}"

    def question(self) -> tuple[str, str]:
        """What a preview asks before importing (Chinese, English)."""
        zh, en = self.who
        return (
            f"这是 {zh} 的填报表：新增 {self.new} 项，修改 {self.changed} 项，冲突 {self.conflicts} 项，"
            f"隔离 {self.quarantined} 项。确定导入吗？",
            f"This is the workbook of {en}: {self.new} new, {self.changed} changed, "
            f"{self.conflicts} conflicts, {self.quarantined} quarantined. Import it?",
        )


def import_department_workbook(
    master_path: str | Path, xlsx_path: str | Path, *, dry_run: bool = False
) -> WorkbookReport:
    """Import a filled-in department workbook into the master through the merge.

    Returns:
        The merge's report for the workbook, with the department and period the
        workbook was recorded for (result, new, changed, conflicts, quarantined, …).

    Raises:
        WorkbookRefused: bad cells, or a workbook this master did not export, or one
            altered or of another plan; nothing was imported.
        NotAllowed: the period is already submitted or approved in the master.
    """
    from ipdesk.merge.engine import merge_files
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.merge.send import send_file
    from ipdesk.store import edits, keys
    from ipdesk.store.files import open_plan

    master_path = Path(master_path)
    folder = Path(tempfile.mkdtemp(prefix="ipdesk-xlsx-"))
    try:
        master = open_plan(master_path)
        try:
            if not file_meta(master).is_master:
                raise BadInput(
                    message("xlsx_dept.department_workbook_can_only"),
                )
            filled = read_department_workbook(master, xlsx_path)
            code, name = master.execute(
                "SELECT code, short_name FROM departments WHERE id = ?", [filled.department_id]
            ).fetchone()
            dept_file = folder / "department.ipdesk"
            # A key that passes through this PC only: the department's real key stays
            # current, and nothing but this import trusts this one.
            passing = keys.new_pair()
            issue_department_file(master, filled.department_id, dept_file, passing_key=passing)
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
            # The workbook's own name, made safe, names the file the merge logs.
            name_of_sent = entry.clean_file_name(Path(xlsx_path).stem + ".ipdesk")
            sent = send_file(dept_db, folder / name_of_sent)
        finally:
            dept_db.close()
        trusted = keys.IssuedKey(passing.key_id, filled.department_id, passing.public, "", None)
        merged = merge_files(master_path, [sent], dry_run=dry_run, passing_keys=[trusted])[0]
        fields = {f.name: getattr(merged, f.name) for f in dataclasses.fields(MergeReport)}
        report = WorkbookReport(**fields, period=filled.period)
        report.file = str(xlsx_path)  # the user knows the workbook, not the temporary file
        report.department = report.department or code
        report.department_name = report.department_name or name
        return report
    finally:
        shutil.rmtree(folder, ignore_errors=True)
