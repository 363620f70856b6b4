"""检查验收逐项疏理表: every plan item in document order — 二 targets, 三 tasks and
sub-tasks, 四 activities, 五 safeguards — under the document's own headings, with
its lead department, how far it is, its evidence files, a self-assessment and
remarks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlite_utils
from reportlab.platypus import Flowable

from ipdesk import messages
from ipdesk.plan.codes import display_code, phase_label
from ipdesk.plan.rules import Light, meets
from ipdesk.read.department import evidence, evidence_by_item
from ipdesk.read.indicators import IndicatorStatus
from ipdesk.read.snapshot import PlanSnapshot, snapshot
from ipdesk.read.tasks import TaskStatus
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
from ipdesk.work import Progress

TITLE = "检查验收逐项疏理表"
PART_TITLES = {"2": "工作目标", "3": "工作重点", "4": "工作计划", "5": "保障措施"}
WIDTHS = [19, 90, 24, 38, 44, 18, 36]
# Rows per table: a long table is cut into consecutive tables (each repeating the
# header) so laying out thousands of rows stays linear rather than quadratic.
CHUNK = 150


def self_assessment(task: TaskStatus) -> str:
    if task.status == "done":
        return "已完成"
    return {
        Light.green: "按计划推进",
        Light.yellow: "基本按计划",
        Light.red: "滞后",
        Light.grey: "未开始",
    }[task.schedule_light]


def indicator_assessment(ind: IndicatorStatus) -> str:
    if ind.current is not None and meets(ind.comparator, ind.current, ind.target):
        return "已达标"
    return {
        Light.green: "按进度推进",
        Light.yellow: "略低于进度",
        Light.red: "未达进度",
        Light.grey: "暂无数据",
    }[ind.light]


def build_acceptance(
    db: sqlite_utils.Database, out: Path, *, on: date, progress: Progress | None = None
) -> None:
    snap = snapshot(db, on)
    styles = page.make_styles(8.2)
    doc = page.SheetDocument(
        out,
        title=TITLE,
        plan_name=snap.info.short_name,
        note=f"{TITLE} · 截至 {on.isoformat()}",
        first="landscape",
        progress=progress,
    )
    width, _ = doc.frame_size("landscape")
    story: list[Flowable] = [
        Paragraph(f"{page.escape(snap.info.short_name)}{TITLE}", styles.title),
        Paragraph(f"（截至 {fmt_date_zh(on)}）", styles.subtitle),
        text(
            f"依据：{snap.info.name}。按方案原文逐项列出：二、工作目标中的指标，三、工作重点中的"
            "任务及其子任务，四、工作计划中的各阶段工作，五、保障措施。自评按系统规则预填，"
            "可在审定时修改。",
            styles.note,
        ),
        page.spacer(2),
    ]
    previous_plan = db.execute("SELECT plan_name FROM previous_figures LIMIT 1").fetchone()
    if previous_plan:
        story.insert(
            -1,
            text(
                f"“上一轮终值”为上一轮计划《{previous_plan[0]}》中同名指标的最终数值。",
                styles.note,
            ),
        )
    rows, extra = acceptance_rows(snap, styles)
    scale = width / sum(WIDTHS)
    widths = [w * scale for w in WIDTHS]
    header = ["编号", "内容（原文）", "牵头单位", "完成情况", "佐证材料", "自评", "备注"]
    headings = {a[1] for cmd, a, *_ in extra if cmd == "SPAN"}  # rows counted from 1
    start = 0
    while start < len(rows):
        end = min(start + CHUNK, len(rows))
        while end < len(rows) and end in headings and end - 1 > start:
            end -= 1  # a chunk never ends on a heading
        part = rows[start:end]
        commands = [
            (cmd, (a[0], a[1] - start), (b[0], min(b[1], end) - start), *rest)
            for cmd, a, b, *rest in extra
            if start < a[1] <= end
        ]
        story.append(page.grid_table(header, part, widths, styles=styles, extra=commands))
        start = end
    story += [page.spacer(2), page.legend(styles, on), page.spacer(6), page.SignatureBlock(width)]
    doc.build_story(story)


# Complexity: the sheet's five parts in document order, each a short loop; split, the
# order of the parts would be spread over five functions.
def acceptance_rows(  # noqa: C901
    snap: PlanSnapshot, styles: page.Styles
) -> tuple[list[list], list[tuple]]:
    """Table rows (without the header) and their style commands (rows counted from 1)."""
    files = evidence_by_item(evidence(snap.db))
    rows: list[list] = []
    extra: list[tuple] = []

    def heading(label: str, level: int) -> None:
        rows.append([text(label, styles.cell_bold)] + [""] * 6)
        r = len(rows)
        fill = page.HEAD_FILL if level == 0 else page.GROUP_FILL
        # A heading never ends a page: it stays with the row after it.
        extra.extend(
            [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), fill),
                ("NOSPLIT", (0, r), (-1, r + 1)),
            ]
        )

    def file_list(owner_id: str) -> str:
        items = files.get(owner_id, [])
        return "\n".join(
            f"{e.file_name}（{e.period or '—'}，{snap.dept_name(e.department_id)}）" for e in items
        )

    # The previous plan's final figures (a plan started with --continue-from).
    previous = {
        r[0]: (r[1], r[2], r[3])
        for r in snap.db.execute(
            "SELECT indicator_id, plan_name, final_value, as_of FROM previous_figures"
        )
    }

    def indicator_row(ind: IndicatorStatus) -> None:
        _indicator_row(snap, ind, rows, extra, styles, file_list(ind.id), previous.get(ind.id))

    # 二、工作目标: indicators under their goal groups.
    groups = [s for s in snap.sections.values() if s.kind == "goal_group"]
    if snap.indicators:
        heading(f"二、{PART_TITLES['2']}", 0)
        placed: set[str] = set()
        for g in groups:
            grouped = [i for i in snap.indicators if i.section_id == g.id]
            if not grouped:
                continue
            heading(f"{display_code(g.code)}{g.title}", 1)
            for ind in grouped:
                placed.add(ind.id)
                indicator_row(ind)
        for rest in snap.indicators:
            if rest.id not in placed:
                indicator_row(rest)

    top = [t for t in snap.tasks if t.parent_id is None]
    children: dict[str, list[TaskStatus]] = {}
    for t in snap.tasks:
        if t.parent_id:
            children.setdefault(t.parent_id, []).append(t)

    def add_task(t: TaskStatus, depth: int = 0) -> None:
        _task_row(
            snap, t, depth, rows, extra, styles, file_list(t.id), has_children=t.id in children
        )
        for c in children.get(t.id, []):
            add_task(c, depth + 1)

    areas = [s for s in snap.sections.values() if s.kind == "area"]
    tasks = [t for t in top if t.kind == "task"]
    if tasks:
        heading(f"三、{PART_TITLES['3']}", 0)
        for area in areas:
            members = [t for t in tasks if t.section_code == area.code]
            if members:
                heading(f"{display_code(area.code)}{area.title}", 1)
                for t in members:
                    add_task(t)
        for t in tasks:
            if t.section_code not in {a.code for a in areas}:
                add_task(t)
    activities = [t for t in top if t.kind == "activity"]
    if activities:
        heading(f"四、{PART_TITLES['4']}", 0)
        for phase in snap.phases:
            members = [t for t in activities if t.phase_code == phase.code]
            if members:
                heading(
                    # Under 四、工作计划 the document writes "（二）组织实施阶段".
                    f"{phase_label(phase.code)}{phase.name}（{phase.start} 至 {phase.end}）",
                    1,
                )
                for t in members:
                    add_task(t)
    safeguards = [t for t in top if t.kind == "safeguard"]
    if safeguards:
        heading(f"五、{PART_TITLES['5']}", 0)
        for t in safeguards:
            add_task(t)
    return rows, extra


def _indicator_row(
    snap: PlanSnapshot,
    ind: IndicatorStatus,
    rows: list,
    extra: list,
    styles: page.Styles,
    files: str,
    previous: tuple[str, float | None, str | None] | None = None,
) -> None:
    status = (
        f"当前 {value_text(ind, ind.current)} / 目标 {target_text(ind)} {ind.unit}\n"
        f"完成 {page.fmt_percent(ind.percent)}"
    )
    if previous is not None:
        plan_name, final, as_of = previous
        figure = "—" if final is None else f"{value_text(ind, final)} {ind.unit}"
        status += f"\n上一轮终值 {figure}（{as_of or '无填报'}）"
    rows.append(
        [
            text(ind.code, styles.cell_center),
            text(ind.text or ind.name, styles.cell),
            text(
                snap.dept_names([ind.designated] if ind.designated else ind.departments),
                styles.cell,
            ),
            [text(status, styles.cell), page.light_cell(ind.light, styles.cell)],
            text(files or "—", styles.cell_small if files else styles.cell_center),
            text(indicator_assessment(ind), styles.cell_center),
            text(_indicator_remark(ind), styles.cell),
        ]
    )
    extra.append(page.light_fill(len(rows), 3, ind.light))


def _indicator_remark(ind: IndicatorStatus) -> str:
    if ind.current is None:
        return "尚无填报数值"
    if ind.expected is not None and ind.kind != "yesno":
        return f"应达进度 {expected_text(ind)}"
    return ""


def _task_row(
    snap: PlanSnapshot,
    t: TaskStatus,
    depth: int,
    rows: list,
    extra: list,
    styles: page.Styles,
    files: str,
    *,
    has_children: bool,
) -> None:
    status = f"{data.STATUS_ZH.get(t.status, t.status)} · 完成 {page.fmt_percent(t.percent)}"
    if t.last_period:
        status += f"\n最近报送：{t.last_period}"
    remark = []
    if (
        t.schedule_light is not Light.green
        and t.schedule_reason
        and getattr(t.schedule_reason, "code", "") not in ("light.normal", "light.done")
    ):
        remark.append(messages.text(t.schedule_reason, "zh"))
    if t.missing_periods:
        remark.append("缺报 " + "、".join(t.missing_periods))
    if has_children:
        files_text = "见各子任务"
    else:
        files_text = files
        if not files:
            remark.append("暂无佐证材料")
    cell, indent = styles.cell, "　" * depth
    size, ink = cell.fontSize, cell.textColor
    if has_children:
        # The sub-tasks follow with their own wording, so the task shows its title.
        content = [
            page.Run(indent + t.title, page.BOLD, size, ink),
            page.Run("（分项见下）", cell.fontName, size, page.MUTED),
        ]
    elif t.title and t.text and not t.text.startswith(t.title):
        content = [
            page.Run(indent + t.title, page.BOLD, size, ink),
            page.Run(t.text, cell.fontName, size, ink),
        ]
    else:
        content = [page.Run(indent + (t.text or t.title), cell.fontName, size, ink)]
    rows.append(
        [
            page.code_cell(t.code, t.display_code, styles.cell),
            page.CellText(content, cell),
            text(snap.dept_names(t.lead), styles.cell),
            [text(status, styles.cell), page.light_cell(t.schedule_light, styles.cell)],
            text(files_text or "—", styles.cell_small if files_text else styles.cell_center),
            text(self_assessment(t), styles.cell_center),
            text("；".join(remark), styles.cell),
        ]
    )
    extra.append(page.light_fill(len(rows), 3, t.schedule_light))
