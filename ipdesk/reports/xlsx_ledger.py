"""The 台账 workbook: tasks, progress reports, indicators, indicator values and
departments, each on its own sheet, formatted for reading (header row, widths,
frozen header, filters), dates as dates and numbers as numbers.

Written with openpyxl's write-only mode, row by row from the database, so a plan
with a hundred thousand reports does not have to fit in memory as cell objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils
from openpyxl import Workbook

from ipdesk import messages
from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Comparator
from ipdesk.read.snapshot import PlanSnapshot, snapshot
from ipdesk.reports import data, xlsx_style
from ipdesk.reports.xlsx_stream import RowStream, Style
from ipdesk.reports.xlsx_style import letter
from ipdesk.store import clock, disk
from ipdesk.work import CancelToken, Progress, checked

# (header, width, kind) — kind: text | wrap | date | number | percent
Column = tuple[str, float, str]

TASK_COLUMNS: list[Column] = [
    ("编号", 10, "text"),
    ("文中编号", 14, "text"),
    ("类型", 9, "text"),
    ("所属领域/阶段", 12, "text"),
    ("上级任务", 10, "text"),
    ("任务名称", 30, "text"),
    ("任务原文", 60, "wrap"),
    ("牵头单位", 16, "text"),
    ("配合单位", 30, "text"),
    ("开始日期", 11, "date"),
    ("完成时限", 11, "date"),
    ("状态", 8, "text"),
    ("完成%", 8, "number"),
    ("最近报送期间", 12, "text"),
    ("预警", 7, "text"),
    ("预警说明", 16, "text"),
    ("是否逾期", 8, "text"),
    ("缺报期间", 20, "text"),
]
REPORT_COLUMNS: list[Column] = [
    ("任务编号", 10, "text"),
    ("任务名称", 26, "text"),
    ("单位", 14, "text"),
    ("期间", 9, "text"),
    ("状态", 8, "text"),
    ("完成%", 8, "number"),
    ("进展情况", 50, "text"),
    ("存在问题", 30, "text"),
    ("下步计划", 30, "text"),
    ("报送状态", 9, "text"),
    ("退回原因", 20, "text"),
]
INDICATOR_COLUMNS: list[Column] = [
    ("编号", 8, "text"),
    ("文中编号", 12, "text"),  # as the document numbers it (二（一）1), like the tasks
    ("指标", 28, "text"),
    ("原文", 40, "text"),
    ("类型", 7, "text"),
    ("单位", 6, "text"),
    ("比较", 6, "text"),
    ("基数", 10, "number"),
    ("目标", 10, "number"),
    ("当前值", 10, "number"),
    ("应达进度", 10, "number"),
    ("完成率%", 9, "number"),
    ("预警", 7, "text"),
    ("汇总方式", 12, "text"),
    ("指定单位", 14, "text"),
    ("填报单位", 30, "text"),
]
VALUE_COLUMNS: list[Column] = [
    ("指标编号", 9, "text"),
    ("指标", 28, "text"),
    ("单位", 6, "text"),
    ("填报单位", 16, "text"),
    ("期间", 9, "text"),
    ("期间开始", 11, "date"),
    ("数值", 12, "number"),
    ("备注", 30, "text"),
]
DEPARTMENT_COLUMNS: list[Column] = [
    ("代码", 10, "text"),
    ("全称", 36, "text"),
    ("简称", 16, "text"),
    ("类型", 10, "text"),
    ("协调单位", 9, "text"),
    ("联络员", 10, "text"),
    ("电话", 15, "text"),
    ("邮箱", 22, "text"),
    ("牵头任务数", 10, "number"),
    ("配合任务数", 10, "number"),
    ("填报指标数", 10, "number"),
]
MILESTONE_COLUMNS: list[Column] = [
    ("任务编号", 10, "text"),
    ("文中编号", 14, "text"),
    ("任务名称", 26, "text"),
    ("里程碑", 30, "text"),
    ("计划日期", 11, "date"),
    ("单位", 14, "text"),
    ("实际完成日期", 12, "date"),
    ("说明", 30, "text"),
]
EVIDENCE_COLUMNS: list[Column] = [
    ("任务/指标编号", 12, "text"),
    ("文中编号", 14, "text"),
    ("名称", 26, "text"),
    ("单位", 14, "text"),
    ("期间", 9, "text"),
    ("文件名", 30, "text"),
    ("大小(KB)", 9, "number"),
    ("SHA-256", 20, "text"),
    ("说明", 30, "text"),
]
SHEETS = ("任务", "进展报告", "指标", "指标数值", "单位", "里程碑", "佐证材料")
STEPS = len(SHEETS)
LIGHT_WORD = {"red": "红", "yellow": "黄", "green": "绿", "grey": "灰"}
KIND_WORD = {
    "department": "部门",
    "coordinator": "协调",
    "party": "党委部门",
    "bureau": "政府部门",
    "judicial": "司法机关",
    "park": "园区",
    "street": "街道",
    "other": "其他",
}


class _Sheet:
    """A ledger sheet being written: its header row is out; `append` adds a row,
    `close` sets the filter over every row written and ends the sheet."""

    def __init__(self, wb: Workbook, title: str, columns: Sequence[Column]) -> None:
        # Widths and the frozen header go in before the first row: write-only
        # sheets stream their head as soon as a row arrives.
        ws = wb.create_sheet(title)
        for n, (_, width, _) in enumerate(columns, start=1):
            ws.column_dimensions[letter(n)].width = width
        ws.freeze_panes = "A2"
        header = Style(
            ws,
            font=xlsx_style.HEADER_FONT,
            fill=xlsx_style.HEADER_FILL,
            alignment=xlsx_style.HEADER_ALIGN,
            border=xlsx_style.BORDER,
        )
        date_style = Style(ws, number_format=xlsx_style.DATE_FORMAT)
        wrap_style = Style(ws, alignment=xlsx_style.WRAP)
        self.ws = ws
        self.last = letter(len(columns))
        self.stream = RowStream(ws)
        self.stream.append(
            [name for name, _, _ in columns], dict.fromkeys(range(len(columns)), header)
        )
        self.styles = {n: date_style for n, c in enumerate(columns) if c[2] == "date"}
        self.styles.update({n: wrap_style for n, c in enumerate(columns) if c[2] == "wrap"})

    def append(self, values: list[Any]) -> None:
        self.stream.append(values, self.styles)

    def close(self) -> int:
        """End the sheet; return the number of data rows."""
        self.ws.auto_filter.ref = f"A1:{self.last}{max(self.stream.rows, 2)}"
        self.stream.close()
        return self.stream.rows - 1


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def write_ledger(
    db: sqlite_utils.Database,
    out_path: str | Path,
    progress: Progress | None = None,
    *,
    on: date | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the 台账 workbook for a plan file and return its path.

    `progress(done, STEPS, sheet)` is called as each sheet begins; once `cancel` is
    cancelled the work stops with ipdesk.work.Cancelled and no file is written.
    """
    on = on or clock.today()
    report = checked(progress, cancel)

    out = Path(out_path)
    snap = snapshot(db, on)
    wb = Workbook(write_only=True)
    wb.properties.title = f"{snap.info.short_name} 工作台账"
    wb.properties.creator = "IPDesk"
    with disk.output_file(out) as tmp, xlsx_style.discard_on_error(wb):
        _fill(wb, db, snap, report)
        xlsx_style.save(wb, tmp)
    report(STEPS, STEPS, "完成")
    return out


def _fill(
    wb: Workbook,
    db: sqlite_utils.Database,
    snap: PlanSnapshot,
    report: Progress,
) -> None:
    """Stream the five sheets' rows into the write-only workbook."""
    names = {d: r.short_name for d, r in snap.departments.items()}
    counts: dict[str, int] = {}

    report(0, STEPS, "任务")
    sheet = _Sheet(wb, "任务", TASK_COLUMNS)
    append = sheet.append
    code_of = {t.id: t.code for t in snap.tasks}
    for t in snap.tasks:
        append(
            [
                t.code,
                display_code(t.code),
                data.KIND_ZH.get(t.kind, t.kind),
                display_code(t.section_code or t.phase_code or ""),
                code_of.get(t.parent_id or ""),
                t.label,
                t.text,
                "、".join(names.get(d, "") for d in t.lead),
                "、".join(names.get(d, "") for d in t.co),
                t.start,
                t.due,
                data.STATUS_ZH.get(t.status, t.status),
                round(t.percent, 1) if t.percent is not None else None,
                t.last_period,
                LIGHT_WORD[t.light.value],
                messages.text(t.reason, "zh"),
                "是" if t.overdue else "否",
                "、".join(t.missing_periods),
            ]
        )
    counts["任务"] = len(snap.tasks)
    sheet.close()

    report(1, STEPS, "进展报告")
    sheet = _Sheet(wb, "进展报告", REPORT_COLUMNS)
    append = sheet.append
    titles = {t.id: t.label for t in snap.tasks}
    n = 0
    for row in db.execute("""
            SELECT r.task_id, r.department_id, r.period, r.status, r.percent, r.progress,
                   r.problems, r.next_steps, coalesce(s.state, 'draft'), coalesce(s.reason, '')
            FROM progress_reports r
            LEFT JOIN submissions s ON s.department_id = r.department_id
                 AND s.period = r.period AND s.deleted = 0
            JOIN tasks t ON t.id = r.task_id
            WHERE r.deleted = 0 ORDER BY t.sort, r.period, r.department_id"""):
        (
            task_id,
            dept,
            period,
            status,
            percent,
            progress_text,
            problems,
            next_steps,
            state,
            reason,
        ) = row
        append(
            [
                code_of.get(task_id),
                titles.get(task_id),
                names.get(dept),
                period,
                data.STATUS_ZH.get(status, status),
                percent,
                progress_text,
                problems,
                next_steps,
                data.STATE_ZH.get(state, state),
                reason,
            ]
        )
        n += 1
        if n % 20000 == 0:
            report(1, STEPS, f"进展报告 {n}")
    counts["进展报告"] = n
    sheet.close()

    report(2, STEPS, "指标")
    sheet = _Sheet(wb, "指标", INDICATOR_COLUMNS)
    append = sheet.append
    for i in snap.indicators:
        append(
            [
                i.code,
                display_code(i.code),
                i.name,
                i.text,
                data.INDICATOR_KIND_ZH.get(i.kind, i.kind),
                i.unit,
                Comparator(i.comparator).label_zh,
                i.baseline,
                i.target,
                i.current,
                round(i.expected, 4) if i.expected is not None else None,
                round(i.percent, 2) if i.percent is not None else None,
                LIGHT_WORD[i.light.value],
                "各部门相加" if i.aggregation == "sum" else "指定部门",
                names.get(i.designated or ""),
                "、".join(names.get(d, "") for d in i.departments),
            ]
        )
    counts["指标"] = len(snap.indicators)
    sheet.close()

    report(3, STEPS, "指标数值")
    sheet = _Sheet(wb, "指标数值", VALUE_COLUMNS)
    append = sheet.append
    indicator = {i.id: i for i in snap.indicators}
    starts: dict[str, date] = {}
    n = 0
    for ind_id, dept, period, value, note in db.execute("""
            SELECT v.indicator_id, v.department_id, v.period, v.value, v.note
            FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
            WHERE v.deleted = 0 ORDER BY i.sort, i.code, v.period, v.department_id"""):
        ind = indicator.get(ind_id)
        start = starts.get(period)
        if start is None:
            start = starts[period] = Period.parse(period).start
        append(
            [
                ind.code if ind else None,
                ind.name if ind else None,
                ind.unit if ind else None,
                names.get(dept),
                period,
                start,
                value,
                note,
            ]
        )
        n += 1
        if n % 20000 == 0:
            report(3, STEPS, f"指标数值 {n}")
    counts["指标数值"] = n
    sheet.close()

    report(4, STEPS, "单位")
    sheet = _Sheet(wb, "单位", DEPARTMENT_COLUMNS)
    append = sheet.append
    lead_count: dict[str, int] = {}
    co_count: dict[str, int] = {}
    for dept, role, count in db.execute(
        "SELECT department_id, role, count(*) FROM assignments WHERE deleted = 0"
        " GROUP BY department_id, role"
    ):
        (lead_count if role == "lead" else co_count)[dept] = count
    ind_count = dict(
        db.execute(
            "SELECT department_id, count(*) FROM indicator_departments"
            " WHERE deleted = 0 GROUP BY department_id"
        ).fetchall()
    )
    for dept_id, d in snap.departments.items():
        append(
            [
                d.code,
                d.name,
                d.short_name,
                KIND_WORD.get(d.kind, d.kind),
                "是" if d.is_coordinator else "",
                d.contact_name,
                d.contact_phone,
                d.contact_email,
                lead_count.get(dept_id, 0),
                co_count.get(dept_id, 0),
                ind_count.get(dept_id, 0),
            ]
        )
    counts["单位"] = len(snap.departments)
    sheet.close()

    report(5, STEPS, "里程碑")
    sheet = _Sheet(wb, "里程碑", MILESTONE_COLUMNS)
    append = sheet.append
    n = 0
    # One row per milestone and department that reported on it (the milestone alone
    # when nobody has yet).
    for task_id, name, planned, dept, actual, note in db.execute("""
            SELECT m.task_id, m.name, m.planned_date, a.department_id, a.actual_date, a.note
            FROM milestones m JOIN tasks t ON t.id = m.task_id
            LEFT JOIN milestone_actuals a ON a.milestone_id = m.id AND a.deleted = 0
            WHERE m.deleted = 0 ORDER BY t.sort, m.sort, m.planned_date, a.department_id"""):
        code = code_of.get(task_id)
        append(
            [
                code,
                display_code(code or ""),
                titles.get(task_id),
                name,
                _day(planned),
                names.get(dept or ""),
                _day(actual),
                note or "",
            ]
        )
        n += 1
    counts["里程碑"] = n
    sheet.close()

    report(6, STEPS, "佐证材料")
    sheet = _Sheet(wb, "佐证材料", EVIDENCE_COLUMNS)
    append = sheet.append
    n = 0
    for task_id, ind_id, dept, period, file_name, size, sha, note in db.execute("""
            SELECT e.task_id, e.indicator_id, e.department_id, e.period, e.file_name, e.size,
                   e.sha256, e.note
            FROM evidence e LEFT JOIN tasks t ON t.id = e.task_id
            LEFT JOIN indicators i ON i.id = e.indicator_id
            WHERE e.deleted = 0
            ORDER BY t.sort IS NULL, t.sort, i.sort, e.period, e.department_id, e.file_name"""):
        ind = indicator.get(ind_id or "")
        code = code_of.get(task_id or "") or (ind.code if ind else None)
        append(
            [
                code,
                display_code(code or ""),
                titles.get(task_id or "") or (ind.name if ind else None),
                names.get(dept),
                period,
                file_name,
                round((size or 0) / 1024, 1),
                sha,
                note or "",
            ]
        )
        n += 1
    counts["佐证材料"] = n
    sheet.close()
