"""部门工作进展情况表: one department, one period, A4 landscape, for its leader to sign."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import sqlite_utils
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.department import (
    DeptTask,
    Submission,
    department_tasks,
    evidence,
    evidence_by_item,
    submission,
)
from ipdesk.read.indicators import IndicatorStatus, department_total
from ipdesk.read.plan import Department
from ipdesk.read.snapshot import PlanSnapshot, snapshot
from ipdesk.reports import data
from ipdesk.reports.pdf import page
from ipdesk.reports.pdf.page import (
    Paragraph,
    expected_text,
    fmt_date_zh,
    target_text,
    text,
    value_text,
)
from ipdesk.store.files import file_meta
from ipdesk.work import Progress

TITLE = "部门工作进展情况表"


def resolve_department(db: sqlite_utils.Database, department_id: str | None) -> str:
    """The department a sheet is for: the given one, or a department file's own."""
    if department_id is None:
        meta = file_meta(db)
        if meta.department_id is None:
            raise BadInput(message("dept.name_department_print_dept"))
        return meta.department_id
    row = db.execute(
        "SELECT 1 FROM departments WHERE id = ? AND deleted = 0", [department_id]
    ).fetchone()
    if row is None:
        raise BadInput(message("xlsx_dept.no_such_department"))
    return department_id


def _date_label(text_value: str | None, fallback: date) -> str:
    if text_value:
        try:
            return fmt_date_zh(datetime.fromisoformat(text_value).date())
        except ValueError:
            pass
    return fmt_date_zh(fallback)


def build_dept(
    db: sqlite_utils.Database,
    out: Path,
    *,
    department_id: str | None,
    period: Period,
    on: date,
    progress: Progress | None = None,
) -> None:
    department_id = resolve_department(db, department_id)
    snap = snapshot(db, on)
    dept = snap.departments[department_id]
    styles = page.make_styles(8.5)
    doc = page.SheetDocument(
        out,
        title=f"{TITLE} · {dept.short_name} · {period.label_zh}",
        plan_name=snap.info.short_name,
        note=f"{dept.short_name} · {period.label_zh}",
        first="landscape",
        progress=progress,
    )
    width, _ = doc.frame_size("landscape")
    sub = submission(db, department_id, period)
    tasks = department_tasks(db, department_id, period, snap.tasks)
    indicators = snap.department_indicators(department_id)
    story: list[Flowable] = [
        Paragraph(f"{page.escape(snap.info.short_name)}重点工作进展情况表", styles.title),
        Paragraph(f"（{period.label_zh}）", styles.subtitle),
        _header_block(snap, dept, period, sub, tasks, indicators, width, styles),
        page.spacer(3),
    ]
    task_table = _task_table(snap, department_id, period, tasks, width, styles)
    story.extend([*page.heading("一、重点任务进展", styles, table=task_table), task_table])
    indicator_table = _indicator_table(indicators, department_id, period, width, styles)
    story.extend(page.heading("二、指标完成情况", styles, table=indicator_table))
    story.append(indicator_table)
    story.append(page.spacer(2))
    story.append(page.legend(styles, on))
    story.append(KeepTogether([page.spacer(6), page.SignatureBlock(width)]))
    doc.build_story(story)


def _header_block(
    snap: PlanSnapshot,
    dept: Department,
    period: Period,
    sub: Submission,
    tasks: list[DeptTask],
    indicators: list[IndicatorStatus],
    width: float,
    styles: page.Styles,
) -> Table:
    state = data.STATE_ZH.get(sub.state, sub.state)
    if sub.state == "returned" and sub.reason:
        state += f"（退回原因：{sub.reason}）"
    lead = sum(1 for t in tasks if t.role == "lead")
    deadline = period.deadline(snap.info.deadline_days)
    contact = dept.contact_name or "________"
    phone = dept.contact_phone or "____________"
    rows = [
        [
            text(f"填报单位（盖章）：{dept.full_name}", styles.body),
            text(f"联络员：{contact}　　电话：{phone}", styles.body),
            text(f"填报日期：{_date_label(sub.submitted_at, snap.on)}", styles.body),
        ],
        [
            text(f"报送期间：{period.label_zh}（报送截止 {deadline.isoformat()}）", styles.body),
            text(f"报送状态：{state}", styles.body),
            text(
                f"牵头 {lead} 项 · 配合 {len(tasks) - lead} 项 · 指标 {len(indicators)} 项",
                styles.body,
            ),
        ],
    ]
    return page.plain_table(rows, [width * 0.46, width * 0.30, width * 0.24])


def _task_table(
    snap: PlanSnapshot,
    department_id: str,
    period: Period,
    tasks: list[DeptTask],
    width: float,
    styles: page.Styles,
) -> Flowable:
    if not tasks:
        return text("本期没有分配给本单位的任务。", styles.body)
    files = evidence_by_item(evidence(snap.db, department_id, period))
    widths_mm = [19, 46, 10, 19.5, 16, 21, 60.5, 38, 38]
    scale = width / (sum(widths_mm) * mm)
    widths = [w * mm * scale for w in widths_mm]
    header = [
        "编号",
        "工作任务",
        "角色",
        "完成时限",
        "状态\n完成%",
        "预警",
        "进展情况",
        "存在问题",
        "下步计划",
    ]
    rows = []
    extra: list[tuple] = []
    for n, item in enumerate(tasks, start=1):
        task, role, report = item.status, item.role, item.report
        code = page.code_cell(task.code, task.display_code, styles.cell)
        title = task.label
        parent = snap.task_by_id.get(task.parent_id) if task.parent_id else None
        title_cell = [text(parent.label, styles.cell_small)] if parent else []
        title_cell.append(text(title, styles.cell))
        role_cell = text("牵头" if role == "lead" else "配合", styles.cell_center)
        due = text(task.due.isoformat() if task.due else "—", styles.cell_center)
        if report is None:
            status = Paragraph("<b>未填报</b>", styles.cell_center)
            extra.append(("BACKGROUND", (4, n), (4, n), page.LIGHT_FILL[Light.yellow]))
            progress_text, problems, next_steps = "", "", ""
        else:
            percent = page.fmt_percent(report.percent)
            word = data.STATUS_ZH.get(report.status, report.status)
            status = text(
                f"{word}\n{percent}" if report.percent is not None else word, styles.cell_center
            )
            progress_text, problems, next_steps = (
                report.progress,
                report.problems,
                report.next_steps,
            )
        details: list[Flowable] = [text(progress_text, styles.cell)] if progress_text else []
        for m in snap.milestones.get(task.id, []):
            actual = f"，实际 {m.actual}" if m.actual else "，尚未完成"
            details.append(
                text(f"◆ 里程碑：{m.name}（计划 {m.planned}{actual}）", styles.cell_small)
            )
        own_files = files.get(task.id, [])
        if own_files:
            names = "、".join(e.file_name for e in own_files)
            details.append(text(f"佐证材料：{names}", styles.cell_small))
        rows.append(
            [
                code,
                title_cell,
                role_cell,
                due,
                status,
                page.light_cell(task.schedule_light, styles.cell_center),
                details or "",
                text(problems, styles.cell),
                text(next_steps, styles.cell),
            ]
        )
        extra.append(page.light_fill(n, 5, task.schedule_light))
    return page.grid_table(header, rows, widths, styles=styles, extra=extra)


def _indicator_table(
    indicators: list[IndicatorStatus],
    department_id: str,
    period: Period,
    width: float,
    styles: page.Styles,
) -> Flowable:
    if not indicators:
        return text("本单位不填报指标。", styles.body)
    widths_mm = [16, 86, 12, 20, 24, 24, 24, 22, 18, 23]
    scale = width / (sum(widths_mm) * mm)
    widths = [w * mm * scale for w in widths_mm]
    header = [
        "编号",
        "指标",
        "单位",
        "目标",
        "本期填报",
        "本单位累计",
        "全区当前值",
        "应达进度",
        "完成率",
        "预警",
    ]
    rows = []
    extra: list[tuple] = []
    for n, ind in enumerate(indicators, start=1):
        own = ind.value_of(department_id, period)
        total = department_total(ind, department_id, period)
        kind = "本期新增" if ind.is_sum else "本期数值"
        own_text = value_text(ind, own) if own is not None else "未填报"
        rows.append(
            [
                page.code_cell(ind.code, display_code(ind.code), styles.cell_center),
                Paragraph(
                    f'{page.escape(ind.name)}<br/><font size="7" color="#555555">'
                    f"{page.escape(ind.text)}</font>",
                    styles.cell,
                ),
                text(ind.unit, styles.cell_center),
                text(target_text(ind), styles.cell_right),
                Paragraph(
                    f'{page.escape(own_text)}<br/><font size="6.5" color="#555555">{kind}</font>',
                    styles.cell_right,
                ),
                text(value_text(ind, total) if total is not None else "—", styles.cell_right),
                text(value_text(ind, ind.current), styles.cell_right),
                text(expected_text(ind), styles.cell_right),
                text(page.fmt_percent(ind.percent), styles.cell_right),
                page.light_cell(ind.light, styles.cell_center),
            ]
        )
        extra.append(page.light_fill(n, 9, ind.light))
        if own is None:
            extra.append(("BACKGROUND", (4, n), (4, n), page.LIGHT_FILL[Light.yellow]))
    return page.grid_table(header, rows, widths, styles=styles, extra=extra)
