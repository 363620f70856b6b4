"""The timeline (进度甘特图) drawn for print: the three phases as labelled bands, a
year / quarter / month scale, tasks as bars grouped by work area and coloured by
their warning light (with a pattern and a word, for black-and-white printers), %
done, milestones as diamonds, the phases' activities inside their phases and a
today line.

A chart that does not fit one page is cut into page tiles — by rows and, when the
plan is longer than a page can show at a readable scale, by time — and every tile
repeats the row labels and the scale. Nothing is shrunk below `MIN_MONTH`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ipdesk.plan.codes import display_code, phase_label
from ipdesk.plan.rules import Light
from ipdesk.read.plan import Phase
from ipdesk.read.snapshot import PlanSnapshot, snapshot
from ipdesk.read.tasks import Milestone
from ipdesk.read.timeline import (
    GROUP,
    OTHER_GROUP,
    PHASE,
    PLAN_GROUP,
    SAFEGUARD_GROUP,
    timeline_rows,
)
from ipdesk.reports.fonts import BOLD, REGULAR, register_fonts
from ipdesk.reports.pdf import page
from ipdesk.work import Progress

TITLE = "工作进度甘特图"
MIN_MONTH = 5.2 * mm  # narrowest month that still carries its label and bars legibly
LABEL_WIDTH = 76 * mm
CODE_WIDTH = 17 * mm
ROW = 5.4 * mm
LINE = 3.0 * mm
LABEL_SIZE = 7.2
SCALE_ROW = 4.2 * mm
BAND_ROW = 7.5 * mm
TITLE_ROW = 9 * mm
LEGEND_ROW = 9 * mm
BAR_H = 3.2 * mm
ROW_RULE = colors.HexColor("#C8C8C8")

PHASE_TINTS = [colors.HexColor("#E3ECF7"), colors.HexColor("#E6F2E4"), colors.HexColor("#F8EBDD")]
PHASE_SHADE = [colors.HexColor("#F3F7FC"), None, colors.HexColor("#FCF6EF")]


@dataclass
class Row:
    kind: str  # group | task | subtask | activity | safeguard
    code: str
    title: str
    start: date | None = None
    due: date | None = None
    light: Light = Light.grey
    percent: float | None = None
    status: str = "not_started"
    milestones: list[Milestone] = field(default_factory=list)
    phase: int | None = None  # index of the phase a group row stands for
    lines: list[str] = field(default_factory=list)
    height: float = ROW


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def add_months(day: date, n: int) -> date:
    index = day.year * 12 + day.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """Months from the month of `first` to the month of `last`, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


# What a heading without a title of its own is called on paper.
UNTITLED = {OTHER_GROUP: "其他任务", PLAN_GROUP: "工作计划", SAFEGUARD_GROUP: "保障措施"}


def build_rows(snap: PlanSnapshot) -> list[Row]:
    """The chart's rows: exactly the timeline's rows (ipdesk.read.timeline, the same as
    on screen), laid out for paper: areas, phases and the other parts as headings (a
    phase with its dates), tasks with their bars."""
    phase_index = {p.code: n for n, p in enumerate(snap.phases)}
    ids = {t.id for t in snap.tasks}
    rows: list[Row] = []
    for r in timeline_rows(snap.tasks, list(snap.sections.values()), snap.phases, snap.milestones):
        if r.kind == GROUP:
            rows.append(Row("group", r.code, r.title or UNTITLED.get(r.key, "")))
        elif r.kind == PHASE:
            rows.append(Row("group", r.code, r.title, r.start, r.end, phase=phase_index[r.key]))
        else:
            t = r.task
            assert t is not None
            kind = "subtask" if t.parent_id in ids else t.kind
            rows.append(
                Row(
                    kind,
                    t.code,
                    t.label,
                    t.start,
                    t.due,
                    t.schedule_light,
                    t.percent,
                    t.status,
                    r.milestones,
                )
            )
    return rows


def _layout_labels(rows: list[Row]) -> None:
    width = LABEL_WIDTH - CODE_WIDTH - 2 * mm
    for row in rows:
        indent = 2.5 * mm if row.kind == "subtask" else 0
        font = BOLD if row.kind == "group" else REGULAR
        title = row.title
        if row.kind == "group" and row.start and row.due:
            title += f"（{row.start.isoformat()} 至 {row.due.isoformat()}）"
        row.lines = page.wrap_lines(title, font, LABEL_SIZE, width - indent) or [""]
        row.height = max(ROW, len(row.lines) * LINE + 2.2 * mm)


def paginate(rows: list[Row], body_height: float) -> list[list[Row]]:
    """Cut rows into page-sized chunks; a group heading never ends a page, and a
    chunk that starts inside a group repeats the heading, marked （续）."""
    chunks: list[list[Row]] = []
    current: list[Row] = []
    used = 0.0
    group: Row | None = None
    for row in rows:
        if used + row.height > body_height and current:
            if current[-1].kind == "group":
                carried = current.pop()
                chunks.append(current)
                current, used = [carried], carried.height
            else:
                chunks.append(current)
                current, used = [], 0.0
                if group is not None and row.kind != "group":
                    cont = Row(
                        "group",
                        group.code,
                        group.title + "（续）",
                        group.start,
                        group.due,
                        phase=group.phase,
                        lines=[],
                        height=group.height,
                    )
                    cont.lines = [*group.lines[:-1], group.lines[-1] + "（续）"]
                    current, used = [cont], cont.height
        if row.kind == "group":
            group = row
        current.append(row)
        used += row.height
    if current or not chunks:
        # A plan without tasks still gets its page: the phases and the time scale.
        chunks.append(current)
    return chunks


def _fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


class TimelineTile(Flowable):
    """One page of the chart: some rows over one time window."""

    def __init__(
        self,
        snap: PlanSnapshot,
        rows: list[Row],
        first: date,
        months: int,
        width: float,
        height: float,
        caption: str,
    ) -> None:
        super().__init__()
        self.snap = snap
        self.rows = rows
        self.first = first
        self.months = months
        self.width = width
        self.height = height
        self.caption = caption
        self.chart_x = LABEL_WIDTH
        self.month_w = (width - LABEL_WIDTH) / months
        self.last = add_months(first, months) - timedelta(days=1)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    # -- geometry
    def x_of(self, day: date) -> float:
        """x of the start of `day` (clamped to the window)."""
        if day < self.first:
            return self.chart_x
        if day > self.last:
            return self.width
        index = months_between(self.first, day) - 1
        month_days = (add_months(month_start(day), 1) - month_start(day)).days
        return self.chart_x + (index + (day.day - 1) / month_days) * self.month_w

    def x_end(self, day: date) -> float:
        return self.x_of(day + timedelta(days=1)) if day < self.last else self.width

    # -- drawing
    def draw(self) -> None:
        c = self.canv
        # What every page of a time window shows alike — the title, the phases' bands,
        # the scale — and the legend are each drawn once per sheet as a form (a PDF
        # XObject) that every page shows: a city's 300 pages drew them page by page.
        c.doForm(self._head_form())
        c.setFont(REGULAR, 8)
        c.setFillColor(page.MUTED)
        c.drawRightString(self.width, self.height - 5.5 * mm, self.caption)
        body_top = self.height - TITLE_ROW - BAND_ROW - 3 * SCALE_ROW
        body_bottom = self._draw_rows(body_top)
        self._draw_grid(body_top, body_bottom)
        self._draw_today(body_top, body_bottom)
        c.saveState()
        c.translate(0, body_bottom - 3 * mm)
        c.doForm(self._legend_form())
        c.restoreState()

    def _form(
        self, name: str, box: tuple[float, float, float, float], draw: Callable[[], object]
    ) -> str:
        """The form `name` (a PDF XObject), drawn by `draw` inside `box` (x0, y0, x1, y1)
        the first time a sheet asks for it; every later use shows the same drawing."""
        c = self.canv
        if not c.hasForm(name):
            c.beginForm(name, *box)
            draw()
            c.endForm()
        return name

    def _head_form(self) -> str:
        """The form of the title, the bands and the scale of this tile's time window."""
        name = (
            f"ipdeskTimelineHead{self.first:%Y%m}x{self.months}"
            f"x{round(self.width)}x{round(self.height)}"
        )

        def draw() -> None:
            c = self.canv
            top = self.height
            c.setFont(BOLD, 11)
            c.setFillColor(page.INK)
            c.drawString(0, top - 5.5 * mm, f"{TITLE}（{self.snap.info.short_name}）")
            self._draw_scale(self._draw_bands(top - TITLE_ROW))

        # The box a little larger than the tile: it clips, and a rule on the edge is drawn
        # half outside.
        return self._form(name, (-3, -3, self.width + 3, self.height + 3), draw)

    def _legend_form(self) -> str:
        """The form of the legend, its baseline at y = 0."""
        for light in (Light.red, Light.yellow):
            self._pattern(light, BAR_H)  # made first: a form is not begun inside another
        box = (-3, -LEGEND_ROW, self.width + 3, LEGEND_ROW)
        return self._form(
            f"ipdeskTimelineLegend{round(self.width)}", box, lambda: self._draw_legend(0)
        )

    def _draw_bands(self, y: float) -> float:
        c = self.canv
        c.setFont(BOLD, 8)
        c.setFillColor(page.INK)
        c.drawString(0, y - BAND_ROW + 2.6 * mm, "实施阶段")
        for n, phase in enumerate(self.snap.phases):
            start = phase.start
            end = phase.end
            if end < self.first or start > self.last:
                continue
            x0, x1 = self.x_of(start), self.x_end(end)
            c.setFillColor(PHASE_TINTS[n % len(PHASE_TINTS)])
            c.setStrokeColor(page.GRID)
            c.setLineWidth(0.5)
            c.rect(x0, y - BAND_ROW + 0.6 * mm, x1 - x0, BAND_ROW - 1.2 * mm, fill=1, stroke=1)
            self._band_text(phase, start, end, x0, x1, y)
        return y - BAND_ROW

    def _band_text(
        self, phase: Phase, start: date, end: date, x0: float, x1: float, y: float
    ) -> None:
        c = self.canv
        c.setFillColor(page.INK)
        room = x1 - x0 - 1.5 * mm
        name = phase.name  # a band of its own: its name says it (not "四（二）…")
        dates = f"{start.isoformat()} 至 {end.isoformat()}"
        mid = (x0 + x1) / 2
        one_line = f"{name}　{dates}"
        if c.stringWidth(one_line, REGULAR, 7.5) <= room:
            c.setFont(REGULAR, 7.5)
            c.drawCentredString(mid, y - BAND_ROW / 2 - 1.2, one_line)
            return
        for size in (7, 6.2, 5.5):
            lines = page.wrap_lines(phase.name, REGULAR, size, room)
            if len(lines) <= 2 and all(c.stringWidth(s, REGULAR, size) <= room for s in lines):
                c.setFont(REGULAR, size)
                first_y = y - BAND_ROW / 2 + (len(lines) - 1) * size * 0.55 - size * 0.35
                for k, line in enumerate(lines):
                    c.drawCentredString(mid, first_y - k * size * 1.1, line)
                return
        c.setFont(REGULAR, 5.5)
        c.drawCentredString(mid, y - BAND_ROW / 2 - 1, phase.name[:4])

    def _draw_scale(self, y: float) -> float:
        c = self.canv
        c.setStrokeColor(page.GRID)
        c.setLineWidth(0.4)
        rows = [("年", 0), ("季度", 1), ("月", 2)]
        for label, level in rows:
            top = y - level * SCALE_ROW
            c.setFillColor(page.HEAD_FILL)
            c.rect(0, top - SCALE_ROW, self.width, SCALE_ROW, fill=1, stroke=1)
            c.setFillColor(page.INK)
            c.setFont(BOLD, 6.8)
            c.drawString(1.5 * mm, top - SCALE_ROW + 1.2 * mm, label)
        c.setFont(REGULAR, 6.3)
        for k in range(self.months):
            month = add_months(self.first, k)
            x0 = self.chart_x + k * self.month_w
            x1 = x0 + self.month_w
            base = y - 3 * SCALE_ROW
            c.setStrokeColor(page.GRID)
            c.line(x0, base, x0, base + SCALE_ROW)
            c.setFillColor(page.INK)
            c.drawCentredString((x0 + x1) / 2, base + 1.2 * mm, str(month.month))
            if month.month in (1, 4, 7, 10) or k == 0:
                q_end = min(self.months, k + (3 - (month.month - 1) % 3))
                qx1 = self.chart_x + q_end * self.month_w
                c.line(x0, base + SCALE_ROW, x0, base + 2 * SCALE_ROW)
                label = f"Q{(month.month - 1) // 3 + 1}"
                if qx1 - x0 >= c.stringWidth(label, REGULAR, 6.3) + 1:
                    c.drawCentredString((x0 + qx1) / 2, base + SCALE_ROW + 1.2 * mm, label)
            if month.month == 1 or k == 0:
                y_end = min(self.months, k + 13 - month.month)
                yx1 = self.chart_x + y_end * self.month_w
                c.line(x0, base + 2 * SCALE_ROW, x0, base + 3 * SCALE_ROW)
                label = f"{month.year}年"
                if yx1 - x0 >= c.stringWidth(label, REGULAR, 6.3) + 1:
                    c.drawCentredString((x0 + yx1) / 2, base + 2 * SCALE_ROW + 1.2 * mm, label)
        c.setStrokeColor(page.INK)
        c.setLineWidth(0.6)
        c.line(self.chart_x, y, self.chart_x, y - 3 * SCALE_ROW)
        return y - 3 * SCALE_ROW

    def _draw_rows(self, y: float) -> float:
        c = self.canv
        # Phase shading behind the body, so activities sit visibly inside their phase.
        total = sum(r.height for r in self.rows)
        for n, phase in enumerate(self.snap.phases):
            shade = PHASE_SHADE[n % len(PHASE_SHADE)]
            if shade is None:
                continue
            start = phase.start
            end = phase.end
            if end < self.first or start > self.last:
                continue
            c.setFillColor(shade)
            x0, x1 = self.x_of(start), self.x_end(end)
            c.rect(x0, y - total, x1 - x0, total, fill=1, stroke=0)
        # The rows' words (labels, bars' labels) go into one text object, put on the page
        # after the rows' bars and rules and before the milestones, which stay over a
        # bar's label as when each row was drawn whole (no row reaches into another).
        words = page.TextPen(c)
        top = y
        for row in self.rows:
            bottom = y - row.height
            if row.kind == "group":
                c.setFillColor(page.GROUP_FILL)
                c.rect(0, bottom, LABEL_WIDTH, row.height, fill=1, stroke=0)
            self._write_label(words, row, y)
            if row.kind == "group":
                if row.start and row.due:
                    self._draw_summary(row, y)
            else:
                self._draw_bar(words, row, y)
            c.setStrokeColor(ROW_RULE)
            c.setLineWidth(0.3)
            c.line(0, bottom, self.width, bottom)
            y = bottom
        words.finish()
        y = top
        for row in self.rows:
            for m in row.milestones:
                if m.planned is not None:
                    self._diamond(m.planned, y - row.height / 2, filled=False)
                if m.actual is not None:
                    self._diamond(m.actual, y - row.height / 2, filled=True)
            y -= row.height
        return y

    def _write_label(self, pen: page.TextPen, row: Row, y: float) -> None:
        """The row's code and title, in the label column."""
        font = BOLD if row.kind == "group" else REGULAR
        if row.phase is not None and row.code:
            code = phase_label(row.code)
        else:
            code = display_code(row.code) if row.code else ""
        text_y = y - LINE + 0.2 * mm - (row.height - len(row.lines) * LINE - 2.2 * mm) / 2
        if code:
            # A sub-task sits under its task, so its own part (一是/二是) is enough.
            shown = "　" + code.split("·")[1] if row.kind == "subtask" and "·" in code else code
            if stringWidth(shown, font, LABEL_SIZE) > CODE_WIDTH - 1 * mm:
                shown = row.code
            size = LABEL_SIZE if row.kind != "subtask" else LABEL_SIZE - 0.4
            pen.text(1 * mm, text_y - 0.2 * mm, shown, font, size, page.INK)
        indent = 2.5 * mm if row.kind == "subtask" else 0
        for k, line in enumerate(row.lines):
            pen.text(
                CODE_WIDTH + indent, text_y - k * LINE - 0.2 * mm, line, font, LABEL_SIZE, page.INK
            )

    def _draw_summary(self, row: Row, y: float) -> None:
        """A phase's span as a dark bracket bar."""
        assert row.start and row.due
        if row.due < self.first or row.start > self.last:
            return
        c = self.canv
        x0, x1 = self.x_of(row.start), self.x_end(row.due)
        mid = y - row.height / 2
        c.setFillColor(page.INK)
        c.rect(x0, mid - 0.6 * mm, x1 - x0, 1.4 * mm, fill=1, stroke=0)
        for x, outward in ((x0, -1.1 * mm), (x1, 1.1 * mm)):
            if not self.chart_x < x < self.width:
                continue
            path = c.beginPath()
            path.moveTo(x + outward, mid + 0.8 * mm)
            path.lineTo(x, mid - 1.6 * mm)
            path.lineTo(x, mid + 0.8 * mm)
            path.close()
            c.drawPath(path, fill=1, stroke=0)

    def _draw_bar(self, words: page.TextPen, row: Row, y: float) -> None:
        """The task's bar, its label written into `words` (its milestones come later)."""
        info = self.snap.info
        start = row.start or info.start
        due = row.due or info.end
        mid = y - row.height / 2
        if due >= self.first and start <= self.last:
            x0, x1 = self.x_of(start), self.x_end(due)
            self._bar_shape(row, x0, x1, mid - BAR_H / 2, BAR_H, dashed=row.due is None)
            self._bar_label(words, row, x0, x1, mid)

    def _bar_shape(self, row: Row, x0: float, x1: float, y0: float, h: float, dashed: bool) -> None:
        c = self.canv
        light = row.light
        c.saveState()
        c.setFillColor(page.LIGHT_FILL[light])
        c.setStrokeColor(page.LIGHT_INK[light])
        c.setLineWidth(0.7)
        if dashed:
            c.setDash(2, 1.5)
        path = c.beginPath()
        path.rect(x0, y0, x1 - x0, h)
        c.drawPath(path, fill=1 if light is not Light.grey else 0, stroke=1)
        c.setDash()
        # The done part, solid, in the light's own ink.
        if row.percent and (row.due or row.start) and light is not Light.grey:
            c.setFillColor(page.LIGHT_INK[light])
            c.setFillAlpha(0.55)
            c.rect(
                x0, y0 + h * 0.3, (x1 - x0) * min(row.percent, 100) / 100, h * 0.4, fill=1, stroke=0
            )
            c.setFillAlpha(1)
        # Patterns that survive a black-and-white printer: red hatched, yellow dotted —
        # the bar's part of one pattern drawn once for the whole sheet (`_pattern`).
        pattern = self._pattern(light, h)
        if pattern is not None:
            clip = c.beginPath()
            clip.rect(x0, y0, x1 - x0, h)
            c.clipPath(clip, stroke=0, fill=0)
            c.translate(0, y0)
            c.doForm(pattern)
        c.restoreState()

    def _pattern(self, light: Light, h: float) -> str | None:
        """The red hatching or the yellow dots of a bar `h` high across the whole
        flowable (the chart and the legend's swatches), as a form (a PDF XObject) made
        the first time a sheet needs it; every bar of that light shows its own stretch of
        it through a clip. A 5,000-task sheet drew the strokes bar by bar: hundreds of
        thousands of path operators, ~0.5 s."""
        if light not in (Light.red, Light.yellow):
            return None
        left, right = 0.0, self.width

        def draw() -> None:
            c = self.canv
            c.setStrokeColor(page.LIGHT_INK[light])
            if light is Light.red:
                c.setLineWidth(0.35)
                step = 1.6 * mm
                hatch = c.beginPath()
                x = left - h
                while x < right:
                    hatch.moveTo(x, 0)
                    hatch.lineTo(x + h, h)
                    x += step
                c.drawPath(hatch, stroke=1, fill=0)
            else:
                # Dots: zero-length strokes with round caps are filled circles of the line's
                # width (PDF 32000-1, 8.5.3.2).
                c.setLineCap(1)
                c.setLineWidth(0.44 * mm)
                step = 1.8 * mm
                dots = c.beginPath()
                x = left + step / 2
                while x < right:
                    for dx, dy in ((0, h * 0.82), (step / 2, h * 0.18)):
                        dots.moveTo(x + dx, dy)
                        dots.lineTo(x + dx, dy)
                    x += step
                c.drawPath(dots, stroke=1, fill=0)

        name = f"ipdeskBar{light.name}{round(self.width)}x{round(h * 100)}"
        return self._form(name, (left, 0, right, h), draw)

    def _bar_label(self, words: page.TextPen, row: Row, x0: float, x1: float, mid: float) -> None:
        c = self.canv
        shape = page.LIGHT_SHAPE[row.light]
        label = f"{_fmt_pct(row.percent)} {shape}{row.light.label_zh}·{row.light.word_zh}"
        if row.due is None:
            label += "（未设时限）"
        size = 6.3
        width = stringWidth(label, REGULAR, size)
        if x1 + 1 * mm + width <= self.width:
            left = x1 + 1 * mm
        elif x0 - 1 * mm - width >= self.chart_x:
            left = x0 - 1 * mm - width
        else:
            # Inside the bar, on a white plate so hatching does not cross the text.
            left = max(x0, self.chart_x) + 1 * mm
            c.setFillColor(colors.white)
            c.rect(
                left - 0.4 * mm, mid - size * 0.5, width + 0.8 * mm, size * 1.05, fill=1, stroke=0
            )
        words.text(left, mid - size * 0.35, label, REGULAR, size, page.INK)

    def _diamond(self, day: date, mid: float, *, filled: bool) -> None:
        if day < self.first or day > self.last:
            return
        c = self.canv
        x = self.x_of(day)
        r = 1.6 * mm
        path = c.beginPath()
        path.moveTo(x, mid + r)
        path.lineTo(x + r, mid)
        path.lineTo(x, mid - r)
        path.lineTo(x - r, mid)
        path.close()
        c.setStrokeColor(page.INK)
        c.setLineWidth(0.6)
        c.setFillColor(page.INK if filled else colors.white)
        c.drawPath(path, fill=1, stroke=1)

    def _draw_grid(self, top: float, bottom: float) -> None:
        c = self.canv
        for k in range(self.months + 1):
            month = add_months(self.first, k)
            x = self.chart_x + k * self.month_w
            if month.month == 1:
                c.setStrokeColor(colors.HexColor("#6A6A6A"))
                c.setLineWidth(0.6)
            elif month.month in (4, 7, 10):
                c.setStrokeColor(colors.HexColor("#A8A8A8"))
                c.setLineWidth(0.35)
            else:
                continue
            c.line(x, top, x, bottom)
        c.setStrokeColor(page.INK)
        c.setLineWidth(0.8)
        c.rect(0, bottom, self.width, top - bottom + 3 * SCALE_ROW, fill=0, stroke=1)
        c.line(self.chart_x, top, self.chart_x, bottom)
        c.line(CODE_WIDTH - 1 * mm, top + 3 * SCALE_ROW, CODE_WIDTH - 1 * mm, bottom)

    def _draw_today(self, top: float, bottom: float) -> None:
        today = self.snap.on
        if today < self.first or today > self.last:
            return
        c = self.canv
        x = self.x_of(today)
        c.saveState()
        c.setStrokeColor(colors.HexColor("#C62828"))
        c.setLineWidth(0.9)
        c.setDash(3, 2)
        c.line(x, top, x, bottom)
        c.restoreState()
        label = f"今日 {today.isoformat()}"
        c.setFont(BOLD, 6.5)
        width = c.stringWidth(label, BOLD, 6.5)
        left = min(x + 0.8 * mm, self.width - width - 0.5 * mm)
        c.setFillColor(colors.white)
        c.rect(left - 0.4 * mm, top - 3.4 * mm, width + 0.8 * mm, 3 * mm, fill=1, stroke=0)
        c.setFillColor(colors.HexColor("#C62828"))
        c.drawString(left, top - 2.8 * mm, label)

    def _draw_legend(self, y: float) -> None:
        c = self.canv
        x = 0.0
        c.setFont(REGULAR, 7)
        for light in (Light.red, Light.yellow, Light.green, Light.grey):
            row = Row("task", "", "", light=light)
            self._bar_shape(row, x, x + 9 * mm, y - BAR_H / 2, BAR_H, dashed=False)
            c.setFillColor(page.INK)
            label = f"{page.LIGHT_SHAPE[light]}{light.label_zh}·{light.word_zh}"
            c.setFont(REGULAR, 7)
            c.drawString(x + 10.5 * mm, y - 1.2 * mm, label)
            x += 12 * mm + c.stringWidth(label, REGULAR, 7) + 5 * mm
        c.setFillColor(page.LIGHT_INK[Light.green])
        c.setFillAlpha(0.55)
        c.rect(x, y - 0.6 * mm, 9 * mm, 1.3 * mm, fill=1, stroke=0)
        c.setFillAlpha(1)
        c.setFillColor(page.INK)
        c.drawString(x + 10.5 * mm, y - 1.2 * mm, "已完成比例")
        x += 10.5 * mm + c.stringWidth("已完成比例", REGULAR, 7) + 5 * mm
        self.canv.saveState()
        for filled, label in ((False, "里程碑（计划）"), (True, "里程碑（实际完成）")):
            mx = x + 1.6 * mm
            path = c.beginPath()
            r = 1.6 * mm
            path.moveTo(mx, y + r - 0.4 * mm)
            path.lineTo(mx + r, y - 0.4 * mm)
            path.lineTo(mx, y - r - 0.4 * mm)
            path.lineTo(mx - r, y - 0.4 * mm)
            path.close()
            c.setStrokeColor(page.INK)
            c.setFillColor(page.INK if filled else colors.white)
            c.drawPath(path, fill=1, stroke=1)
            c.setFillColor(page.INK)
            c.drawString(x + 4.5 * mm, y - 1.2 * mm, label)
            x += 4.5 * mm + c.stringWidth(label, REGULAR, 7) + 5 * mm
        self.canv.restoreState()
        c.setStrokeColor(colors.HexColor("#C62828"))
        c.setDash(3, 2)
        c.line(x, y - 2 * mm, x, y + 1.6 * mm)
        c.setDash()
        c.setFillColor(page.INK)
        c.drawString(x + 1.5 * mm, y - 1.2 * mm, "今日")


def timeline_tiles(
    snap: PlanSnapshot, width: float, height: float, min_month: float = MIN_MONTH
) -> list[TimelineTile]:
    """The chart cut into page tiles of `width` × `height` (a landscape frame)."""
    register_fonts()
    rows = build_rows(snap)
    _layout_labels(rows)
    # Lists, so a plan without phases or dated tasks (one made from a breakdown
    # workbook, or an empty one) still has its own dates to span.
    first = month_start(min([snap.info.start, *(p.start for p in snap.phases)]))
    last = max(
        [
            snap.info.end,
            *(p.end for p in snap.phases),
            *(r.due for r in rows if r.due),
        ]
    )
    total_months = months_between(first, last)
    per_page = max(1, int((width - LABEL_WIDTH) // min_month))
    windows = math.ceil(total_months / per_page)
    per_window = math.ceil(total_months / windows)
    body = height - TITLE_ROW - BAND_ROW - 3 * SCALE_ROW - LEGEND_ROW
    chunks = paginate(rows, body)
    tiles = []
    for r, chunk in enumerate(chunks):
        for w in range(windows):
            start = add_months(first, w * per_window)
            months = min(per_window, total_months - w * per_window)
            end = add_months(start, months) - timedelta(days=1)
            parts = []
            if len(chunks) > 1:
                parts.append(f"行 {r + 1}/{len(chunks)}")
            if windows > 1:
                parts.append(f"时段 {w + 1}/{windows}")
            caption = f"{start.isoformat()[:7]} 至 {end.isoformat()[:7]}" + (
                "（" + "，".join(parts) + "）" if parts else ""
            )
            tiles.append(TimelineTile(snap, chunk, start, months, width, height, caption))
    return tiles


def timeline_story(snap: PlanSnapshot, width: float, height: float) -> list[Flowable]:
    """Landscape pages of tiles, for a document whose other pages are portrait."""
    story: list[Flowable] = []
    for n, tile in enumerate(timeline_tiles(snap, width, height)):
        if n:
            story.append(PageBreak())
        story.append(tile)
    return story


def build_timeline(
    db: sqlite_utils.Database,
    out: Path,
    *,
    on: date,
    paper: str = "A4",
    progress: Progress | None = None,
) -> None:
    snap = snapshot(db, on)
    doc = page.SheetDocument(
        out,
        title=TITLE,
        plan_name=snap.info.short_name,
        note=f"{TITLE} · 截至 {on.isoformat()}",
        size=paper,
        first="landscape",
        progress=progress,
    )
    width, height = doc.frame_size("landscape")
    story: list[Flowable] = [NextPageTemplate("landscape")]
    story.extend(timeline_story(snap, width, height - 1))
    doc.build_story(story)
