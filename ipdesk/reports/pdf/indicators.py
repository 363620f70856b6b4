"""指标完成情况表: every indicator with target, current value, expected value, % of
target and light, grouped under the plan's goal groups; then each indicator's
figures period by period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlite_utils
from reportlab.platypus import Flowable

from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.read.indicators import period_value
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
from ipdesk.work import Progress

TITLE = "指标完成情况表"
PERIODS_PER_TABLE = 9


def _widths(width: float, parts: list[float]) -> list[float]:
    scale = width / sum(parts)
    return [p * scale for p in parts]


def build_indicators(
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
        title=TITLE,
        plan_name=snap.info.short_name,
        note=f"{TITLE} · 截至 {on.isoformat()}",
        first="landscape",
        progress=progress,
    )
    width, _ = doc.frame_size("landscape")
    story: list[Flowable] = [
        Paragraph(f"{page.escape(snap.info.short_name)}{TITLE}", styles.title),
        Paragraph(f"（截至 {fmt_date_zh(on)} · 本期 {period.label_zh}）", styles.subtitle),
        text(
            "当前值按计划规则计算：累计类为基数加各期新增之和，新增类为各期新增之和，达到、比率、"
            "评分和是否类取最近一期（多个单位填报时取指定单位的数值）；应达进度为按时间从基数到目标"
            "的线性进度（或协调员设定的年度节点）；完成率 = 当前值 ÷ 目标。",
            styles.note,
        ),
    ]
    if not snap.indicators:
        story.append(page.spacer(4))
        story.append(text("本计划没有设置目标指标。", styles.body))
        doc.build_story(story)
        return
    story += [
        *page.heading("一、指标完成情况", styles),
        _main_table(snap, width, styles),
        page.spacer(2),
        page.legend(styles, on, "★ 指定填报单位：多个单位填报时以其数值为准。"),
        *page.heading("二、各期填报数值", styles),
        text("累计类、新增类为当期全区新增数；其他类为当期数值。“—”表示该期未填报。", styles.note),
        page.spacer(1.5),
    ]
    periods = [
        p
        for p in snap.info.periods()
        if p.start <= min(period.end, on) and p.start <= snap.info.end
    ]
    for n in range(0, len(periods), PERIODS_PER_TABLE):
        if n:
            story.append(page.spacer(4))
        story.append(
            _period_table(
                snap,
                periods[n : n + PERIODS_PER_TABLE],
                width,
                styles,
                several=len(periods) > PERIODS_PER_TABLE,
            )
        )
    doc.build_story(story)


def _group_title(snap: PlanSnapshot, section_id: str | None) -> str:
    for s in snap.sections.values():
        if s.id == section_id:
            return f"{display_code(s.code)} {s.title}"
    return "其他指标"


def _main_table(snap: PlanSnapshot, width: float, styles: page.Styles) -> Flowable:
    header = [
        "编号",
        "指标（原文）",
        "类型",
        "单位",
        "基数",
        "目标",
        "当前值",
        "应达进度",
        "完成率",
        "预警",
        "填报单位",
    ]
    rows: list[list] = []
    extra: list[tuple] = []
    group = object()
    for ind in snap.indicators:
        section = ind.section_id
        if section != group:
            group = section
            rows.append([text(_group_title(snap, section), styles.cell_bold)] + [""] * 10)
            r = len(rows)
            extra += [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), page.GROUP_FILL),
                ("NOSPLIT", (0, r), (-1, r + 1)),
            ]
        expected = expected_text(ind)
        reporters = []
        for d in ind.departments:
            mark = (
                "★"
                if d == ind.designated
                and ind.aggregation == "designated"
                and len(ind.departments) > 1
                else ""
            )
            reporters.append(mark + snap.dept_name(d))
        rows.append(
            [
                page.code_cell(ind.code, display_code(ind.code), styles.cell_center),
                Paragraph(
                    f"<b>{page.escape(ind.name)}</b><br/>{page.escape(ind.text)}", styles.cell
                ),
                text(data.INDICATOR_KIND_ZH.get(ind.kind, ind.kind), styles.cell_center),
                text(ind.unit, styles.cell_center),
                text(
                    value_text(ind, ind.baseline) if ind.kind not in ("new", "yesno") else "—",
                    styles.cell_right,
                ),
                text(target_text(ind), styles.cell_right),
                text(value_text(ind, ind.current), styles.cell_right),
                text(expected, styles.cell_right),
                text(page.fmt_percent(ind.percent), styles.cell_right),
                page.light_cell(ind.light, styles.cell_center),
                text("、".join(reporters), styles.cell_small),
            ]
        )
        extra.append(page.light_fill(len(rows), 9, ind.light))
    table = page.grid_table(
        header,
        rows,
        _widths(width, [17, 78, 11, 10, 15, 16, 16, 16, 14, 19, 38]),
        styles=styles,
        extra=extra,
    )
    return table


def _period_table(
    snap: PlanSnapshot,
    periods: list[Period],
    width: float,
    styles: page.Styles,
    *,
    several: bool,
) -> Flowable:
    header = ["编号", "指标", "单位"] + [p.label_zh.replace("年第", "年\n第") for p in periods]
    rows = []
    for ind in snap.indicators:
        cells = [
            page.code_cell(ind.code, display_code(ind.code), styles.cell_center),
            text(ind.name, styles.cell),
            text(ind.unit, styles.cell_center),
        ]
        cells += [text(value_text(ind, period_value(ind, p)), styles.cell_right) for p in periods]
        rows.append(cells)
    fixed: list[float] = [17, 56, 10]
    rest = max(
        14.0, (sum([17, 78, 11, 10, 15, 16, 16, 16, 14, 19, 38]) - sum(fixed)) / PERIODS_PER_TABLE
    )
    if several:
        # The last of several tables keeps the others' column widths.
        widths = _scaled(width, fixed, rest, len(periods))
    else:
        widths = _widths(width, fixed + [rest] * len(periods))
    return page.grid_table(header, rows, widths, styles=styles)


def _scaled(width: float, fixed: list[float], rest: float, count: int) -> list[float]:
    """Column widths for a shorter last table: same scale as the full tables."""
    full = _widths(width, fixed + [rest] * PERIODS_PER_TABLE)
    return full[: len(fixed) + count]
