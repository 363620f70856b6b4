"""全区工作推进情况汇总表: the district for one period — a summary line, progress by
work area, reporting completeness by department, the indicators, overdue tasks and
missing reports, and the timeline on landscape pages at the end."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import sqlite_utils
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.completeness import completeness
from ipdesk.read.department import Submission, submissions_for_period
from ipdesk.read.snapshot import PlanSnapshot, snapshot
from ipdesk.read.tasks import TaskStatus
from ipdesk.reports.pdf import page
from ipdesk.reports.pdf.page import (
    Paragraph,
    expected_text,
    fmt_date_zh,
    target_text,
    text,
    value_text,
)
from ipdesk.reports.pdf.timeline import timeline_story
from ipdesk.work import Progress

TITLE = "全区工作推进情况汇总表"
STATUSES = ("done", "in_progress", "behind", "not_started")


def _widths(width: float, parts: list[float]) -> list[float]:
    scale = width / sum(parts)
    return [p * scale for p in parts]


def top_items(snap: PlanSnapshot) -> list[TaskStatus]:
    """The plan's items as the summary counts them: tasks, activities and
    safeguards (a task with sub-tasks counts once, as far as its sub-tasks are)."""
    return [t for t in snap.tasks if t.parent_id is None]


def summary_line(snap: PlanSnapshot, comp: list) -> str:
    items = top_items(snap)
    status = Counter(t.status for t in items)
    # The progress light and the reporting signal apart, as the window counts them.
    lights = Counter(t.schedule_light for t in items)
    late = sum(1 for t in items if t.report_light is Light.red)
    on_track = sum(1 for i in snap.indicators if i.light is Light.green)
    behind = sum(1 for i in snap.indicators if i.light in (Light.yellow, Light.red))
    no_data = len(snap.indicators) - on_track - behind
    expected = len(comp)
    reported = sum(1 for c in comp if c.submitted)
    approved = sum(1 for c in comp if c.approved)
    returned = sum(1 for c in comp if c.returned)
    line = (
        f"任务 {len(items)} 项（子任务随上级任务计），已完成 {status['done']} 项，推进中 {status['in_progress']} 项，"
        f"滞后 {status['behind']} 项，未启动 {status['not_started']} 项"
        f"（红 {lights[Light.red]}、黄 {lights[Light.yellow]}、绿 {lights[Light.green]}"
        f"{'、灰 ' + str(lights[Light.grey]) if lights[Light.grey] else ''}）"
        f"{f'，未按时报送 {late} 项' if late else ''}；"
        f"指标 {len(snap.indicators)} 项，达到进度 {on_track} 项，低于进度 {behind} 项"
        f"{f'，暂无数据 {no_data} 项' if no_data else ''}；"
        f"本期应报 {expected} 个单位，已报 {reported} 个"
        f"（审核通过 {approved} 个{f'，退回 {returned} 个' if returned else ''}）。"
    )
    return line


def build_district(
    db: sqlite_utils.Database,
    out: Path,
    *,
    period: Period,
    on: date,
    progress: Progress | None = None,
) -> None:
    snap = snapshot(db, on)
    styles = page.make_styles(8.5)
    doc = page.SheetDocument(
        out,
        title=f"{TITLE} · {period.label_zh}",
        plan_name=snap.info.short_name,
        note=f"{TITLE} · {period.label_zh}",
        progress=progress,
    )
    width, _ = doc.frame_size("portrait")
    comp = completeness(db, period, snap.tasks)
    subs = submissions_for_period(db, period)
    story: list[Flowable] = [
        Paragraph(f"{page.escape(snap.info.short_name)}<br/>{TITLE}", styles.title),
        Paragraph(f"（{period.label_zh} · 截至 {fmt_date_zh(on)}）", styles.subtitle),
        _summary_box(snap, comp, width, styles),
        page.spacer(1.5),
        text(summary_line(snap, comp), styles.body),
        *page.heading("一、分领域推进情况", styles),
        _area_table(snap, width, styles),
        *page.heading(
            f"二、本期报送情况（{period.label_zh}，报送截止 "
            f"{period.deadline(snap.info.deadline_days).isoformat()}）",
            styles,
        ),
        *_completeness_table(snap, comp, subs, width, styles),
        *page.heading("三、指标完成情况", styles),
        indicator_table(snap, width, styles),
        *page.heading("四、逾期任务与缺报情况", styles),
        *_overdue_table(snap, width, styles),
        page.spacer(2),
        page.legend(styles, on),
        NextPageTemplate("landscape"),
        PageBreak(),
    ]
    lw, lh = doc.frame_size("landscape")
    story.extend(timeline_story(snap, lw, lh - 1))
    doc.build_story(story)


def _summary_box(snap: PlanSnapshot, comp: list, width: float, styles: page.Styles) -> Flowable:
    items = top_items(snap)
    status = Counter(t.status for t in items)
    lights = Counter(t.schedule_light for t in items)
    green = sum(1 for i in snap.indicators if i.light is Light.green)
    reported = sum(1 for c in comp if c.submitted)
    big = page.ParagraphStyle(
        "big", parent=styles.cell_center, fontSize=15, leading=19, fontName=page.BOLD
    )
    small = styles.cell_center

    def box(value: str, label: str) -> list[Paragraph]:
        return [Paragraph(value, big), text(label, small)]

    marks = " ".join(
        f'<font color="#{page.LIGHT_INK[lt].hexval()[2:]}">{page.LIGHT_SHAPE[lt]}</font>'
        f"{lights[lt]}"
        for lt in (Light.red, Light.yellow, Light.green)
    )
    cells = [
        box(f"{status['done']}/{len(items)}", "已完成任务 / 任务总数"),
        box(marks, "任务预警 红 / 黄 / 绿"),
        box(f"{green}/{len(snap.indicators)}", "达到进度的指标"),
        box(f"{reported}/{len(comp)}", "本期已报单位 / 应报单位"),
    ]
    rows = [[c[0] for c in cells], [c[1] for c in cells]]
    return page.plain_table(
        rows,
        [width / 4] * 4,
        [
            ("BOX", (0, 0), (-1, -1), 0.8, page.INK),
            ("LINEAFTER", (0, 0), (-2, -1), 0.4, page.GRID),
            ("BACKGROUND", (0, 0), (-1, -1), page.GROUP_FILL),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
        ],
    )


def _area_table(snap: PlanSnapshot, width: float, styles: page.Styles) -> Flowable:
    items = top_items(snap)
    groups: list[tuple[str, list[TaskStatus]]] = []
    for section in snap.sections.values():
        if section.kind == "area":
            members = [t for t in items if t.kind == "task" and t.section_code == section.code]
            if members:
                groups.append((f"{display_code(section.code)}{section.title}", members))
    activities = [t for t in items if t.kind == "activity"]
    if activities:
        groups.append(("四、工作计划（各阶段工作）", activities))
    safeguards = [t for t in items if t.kind == "safeguard"]
    if safeguards:
        groups.append(("五、保障措施", safeguards))
    known = {id(t) for _, members in groups for t in members}
    rest = [t for t in items if id(t) not in known]
    if rest:
        groups.append(("其他", rest))
    header = [
        "工作领域",
        "任务",
        "已完成",
        "推进中",
        "滞后",
        "未启动",
        "平均完成",
        "红",
        "黄",
        "绿",
    ]
    rows = []
    extra: list[tuple] = []
    totals: Counter = Counter()
    for n, (label, members) in enumerate([*groups, ("合计", items)], start=1):
        status = Counter(t.status for t in members)
        lights = Counter(t.schedule_light for t in members)
        percents = [t.percent or 0.0 for t in members]
        avg = sum(percents) / len(percents) if percents else None
        bold = label == "合计"
        row = [
            text(label, styles.cell_bold if bold else styles.cell),
            text(len(members), styles.cell_right),
        ]
        row += [text(status[s], styles.cell_right) for s in STATUSES]
        row.append(text(page.fmt_percent(avg), styles.cell_right))
        row += [
            text(lights[lt], styles.cell_right) for lt in (Light.red, Light.yellow, Light.green)
        ]
        rows.append(row)
        if bold:
            extra.append(("BACKGROUND", (0, n), (-1, n), page.GROUP_FILL))
            extra.append(("LINEABOVE", (0, n), (-1, n), 0.9, page.INK))
        totals.update(status)
    return page.grid_table(
        header,
        rows,
        _widths(width, [62, 11, 12, 12, 11, 12, 14, 9, 9, 9]),
        styles=styles,
        extra=extra,
    )


def _completeness_table(
    snap: PlanSnapshot, comp: list, subs: dict[str, Submission], width: float, styles: page.Styles
) -> list[Flowable]:
    if not comp:
        return [text("本期没有应报送的单位。", styles.body)]
    codes = {t.code: t for t in snap.tasks}
    order = {d: n for n, d in enumerate(snap.departments)}
    rows = []
    extra: list[tuple] = []
    for n, c in enumerate(sorted(comp, key=lambda c: order.get(c.department, 10**6)), start=1):
        sub = subs.get(c.department, Submission())
        if c.approved:
            word, light = "审核通过", Light.green
        elif c.submitted:
            word, light = "已提交", Light.green
        elif c.returned:
            word, light = "退回", Light.yellow
        elif c.reported:
            word, light = "草稿（未提交）", Light.yellow
        else:
            word, light = "未报送", Light.red
        if c.returned and sub.reason:
            word += f"：{sub.reason}"
        missing = "、".join(code for code in c.missing_tasks if code in codes)
        rows.append(
            [
                text(snap.dept_name(c.department), styles.cell),
                text(c.expected, styles.cell_right),
                text(c.reported, styles.cell_right),
                page.marked_cell(light, word, styles.cell),
                text(missing or "—", styles.cell),
            ]
        )
        if light is not Light.green:
            extra.append(page.light_fill(n, 3, light))
    return page.grid_tables(
        ["单位", "应报任务", "已填报", "报送状态", "未填报的任务（编号）"],
        rows,
        _widths(width, [30, 14, 12, 34, 70]),
        styles=styles,
        extra=extra,
    )


def indicator_table(snap: PlanSnapshot, width: float, styles: page.Styles) -> Flowable:
    if not snap.indicators:
        return text("本计划没有设置目标指标。", styles.body)
    header = ["编号", "指标", "单位", "目标", "当前值", "应达进度", "完成率", "预警"]
    rows = []
    extra: list[tuple] = []
    for n, ind in enumerate(snap.indicators, start=1):
        expected = expected_text(ind)
        rows.append(
            [
                page.code_cell(ind.code, display_code(ind.code), styles.cell_center),
                text(ind.name, styles.cell),
                text(ind.unit, styles.cell_center),
                text(target_text(ind), styles.cell_right),
                text(value_text(ind, ind.current), styles.cell_right),
                text(expected, styles.cell_right),
                text(page.fmt_percent(ind.percent), styles.cell_right),
                page.light_cell(ind.light, styles.cell_center),
            ]
        )
        extra.append(page.light_fill(n, 7, ind.light))
    return page.grid_table(
        header, rows, _widths(width, [17, 57, 10, 16, 16, 16, 14, 20]), styles=styles, extra=extra
    )


def _overdue_table(snap: PlanSnapshot, width: float, styles: page.Styles) -> list[Flowable]:
    rows = []
    extra: list[tuple] = []
    for t in snap.tasks:
        if not t.reportable or not (t.overdue or t.missing_periods):
            continue
        notes = []
        if t.overdue:
            notes.append(f"已逾期未完成（完成 {page.fmt_percent(t.percent)}）")
        if t.missing_periods:
            labels = "、".join(Period.parse(p).label_zh for p in t.missing_periods)
            notes.append(f"缺报：{labels}")
        rows.append(
            [
                page.code_cell(t.code, t.display_code, styles.cell),
                text(t.label, styles.cell),
                text(snap.dept_names(t.lead), styles.cell),
                text(t.due.isoformat() if t.due else "—", styles.cell_center),
                text("；".join(notes), styles.cell),
                page.light_cell(t.schedule_light, styles.cell_center),
            ]
        )
        extra.append(page.light_fill(len(rows), 5, t.schedule_light))
    if not rows:
        return [text("没有逾期任务，也没有缺报。", styles.body)]
    return page.grid_tables(
        ["编号", "任务", "牵头单位", "完成时限", "情况", "预警"],
        rows,
        _widths(width, [18, 50, 24, 19, 51, 18]),
        styles=styles,
        extra=extra,
    )
