"""The drawing of the timeline: a scene with one cheap item per row, and the view
that paints the grid, the phase tints, the today line and handles hover, click,
pan and zoom.

Scene units: x is days since the plan start, y is pixels (a row is ROW_H high).
Zoom is a horizontal-only view transform, so the items never change; each item
paints in device pixels (reset transform) so text and diamonds keep their size.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
)

from ipdesk.gui import i18n
from ipdesk.gui.views.timeline_style import (
    LIGHT_COLORS,
    LightColors,
    light_name,
    light_word,
    reason_text,
    status_word,
)
from ipdesk.plan.rules import Light
from ipdesk.read import legend
from ipdesk.read.timeline import (
    GROUP,
    PHASE,
    TASK,
    Milestone,
    TimelineData,
    TimelineRow,
)

ROW_H = 26
BAR_H = 14
PAD_DAYS = 20  # room left and right of the plan for diamonds and labels
DIAMOND = 6.0  # half the diagonal, device pixels
TEXT_PAD = 5.0
MIN_PX_PER_DAY = 0.25
MAX_PX_PER_DAY = 16.0

PHASE_TINTS = [QColor("#DCEBEA"), QColor("#DDE6F4"), QColor("#E9E2F3")]
PHASE_EDGES = [QColor("#2F7F78"), QColor("#3D67A6"), QColor("#6A4E9E")]
GRID_MINOR = QColor("#EEF1F5")
GRID_MAJOR = QColor("#D3D9E2")
ROW_LINE = QColor("#F0F2F5")
GROUP_FILL = QColor("#F1F4F8")
HOVER_FILL = QColor("#EAF1FD")
SELECT_FILL = QColor("#D9E7FC")
OUTSIDE_FILL = QColor("#F5F6F8")
TODAY = QColor("#D93025")
SUMMARY_DONE = QColor("#4A5B70")
SUMMARY_TODO = QColor("#B9C3D0")
INK = QColor("#1F2933")
MUTED = QColor("#5F6B7A")
MILESTONE = QColor("#1F3A5F")


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    font.setBold(bold)
    return font


def phase_colors(index: int) -> tuple[QColor, QColor]:
    return PHASE_TINTS[index % len(PHASE_TINTS)], PHASE_EDGES[index % len(PHASE_EDGES)]


def paint_bar(painter: QPainter, rect: QRectF, light: Light, percent: float) -> LightColors:
    """A task's bar in its light's colours, filled to `percent` (red also hatched past
    the fill, so it reads in black and white; grey edged with a dashed line); the bar on
    the timeline and its swatch in the legend. Returns the colours used."""
    colors = LIGHT_COLORS[light]
    painter.fillRect(rect, colors.base)
    percent = max(0.0, min(100.0, percent))
    done = QRectF(rect.left(), rect.top(), rect.width() * percent / 100, rect.height())
    if done.width() > 0:
        painter.fillRect(done, colors.fill)
    if light is Light.red:
        hatch = QColor(colors.edge)
        hatch.setAlpha(110)
        painter.fillRect(
            QRectF(done.right(), rect.top(), rect.right() - done.right(), rect.height()),
            QBrush(hatch, Qt.BrushStyle.BDiagPattern),
        )
    pen = QPen(colors.edge, 1.0)
    if light is Light.grey:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
    return colors


def bar_word(row: TimelineRow) -> str:
    """The word printed on a bar: 已完成 for done tasks, else the light's word."""
    task = row.task
    if task is None:
        return ""
    if task.status == "done":
        return status_word("done")
    return light_word(task.schedule_light)


class TimelineScene(QGraphicsScene):
    """Holds the rows and their items; lays out the rows that are shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Rows move only when an area is collapsed; a BSP index keeps finding the
        # ~40 rows on screen among 5,000 cheap.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.data: TimelineData | None = None
        self.items_by_key: dict[str, TimelineRowItem] = {}
        self.row_items: list[TimelineRowItem] = []
        self.shown: list[TimelineRow] = []  # rows on screen, top to bottom
        self.index_of: dict[str, int] = {}  # row key → position in `shown`
        self.phase_index: dict[str, int] = {}
        self.px_per_day = 1.0
        self.small_font = QFont()
        self.bold_font = QFont()

    def set_fonts(self, base: QFont) -> None:
        self.setFont(base)
        self.small_font = scaled_font(base, 0.88)
        self.bold_font = scaled_font(base, 0.88, bold=True)

    def set_data(self, data: TimelineData | None) -> None:
        self.clear()
        self.items_by_key = {}
        self.row_items = []
        self.shown = []
        self.index_of = {}
        self.data = data
        if data is None:
            self.setSceneRect(QRectF(0, 0, 1, 1))
            return
        self.phase_index = {p.code: n for n, p in enumerate(data.phases)}
        for row in data.rows:
            item = TimelineRowItem(row, self)
            item.setVisible(False)
            self.addItem(item)
            self.row_items.append(item)
            self.items_by_key[row.key] = item

    def layout_rows(self, shown_keys: set[str] | None) -> None:
        """Place the rows whose keys are in `shown_keys` (None: all) one under another."""
        self.shown = []
        self.index_of = {}
        for item in self.row_items:
            visible = shown_keys is None or item.row.key in shown_keys
            if visible:
                self.index_of[item.row.key] = len(self.shown)
                item.setPos(0.0, len(self.shown) * ROW_H)
                self.shown.append(item.row)
            if item.isVisible() != visible:
                item.setVisible(visible)
        days = self.data.days if self.data else 1
        height = max(len(self.shown) * ROW_H, ROW_H)
        self.setSceneRect(QRectF(-PAD_DAYS, 0, days + 2 * PAD_DAYS, height))

    def row_at(self, y: float) -> TimelineRow | None:
        n = int(y // ROW_H)
        return self.shown[n] if 0 <= n < len(self.shown) and y >= 0 else None


class TimelineRowItem(QGraphicsItem):
    """One row: a task bar with % done, word and milestones; a group's summary
    bracket; or a phase band. Paints in device pixels for crisp, unscaled text."""

    def __init__(self, row: TimelineRow, scene: TimelineScene) -> None:
        super().__init__()
        self.row = row
        self._scene = scene
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
        days = scene.data.days if scene.data else 1
        self._bounds = QRectF(-PAD_DAYS, 0, days + 2 * PAD_DAYS, ROW_H)

    # Geometry in scene days ------------------------------------------------
    def span(self) -> tuple[float, float] | None:
        """First and last+1 day of the bar, in days since the plan start."""
        data = self._scene.data
        row = self.row
        if data is None:
            return None
        if row.kind == TASK and row.through_plan:
            return 0.0, float(data.days)
        if row.start is None or row.end is None:
            return None
        return float(data.day(row.start)), float(data.day(row.end) + 1)

    def milestone_day(self, mark: Milestone) -> float | None:
        when = mark.actual or mark.planned
        data = self._scene.data
        return None if when is None or data is None else data.day(when) + 0.5

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._bounds

    def bar_rect(self) -> QRectF | None:
        """The bar in item coordinates (days × pixels)."""
        span = self.span()
        if span is None:
            return None
        h = self._bar_height()
        return QRectF(span[0], (ROW_H - h) / 2, span[1] - span[0], h)

    def _bar_height(self) -> float:
        if self.row.kind == GROUP:
            return 8.0
        return float(BAR_H)

    def hit_milestone(self, item_pos: QPointF) -> Milestone | None:
        reach = (DIAMOND + 2) / max(self._scene.px_per_day, 1e-6)
        for mark in self.row.milestones:
            day = self.milestone_day(mark)
            if (
                day is not None
                and abs(item_pos.x() - day) <= reach
                and abs(item_pos.y() - ROW_H / 2) <= DIAMOND + 2
            ):
                return mark
        return None

    def hit_bar(self, item_pos: QPointF) -> bool:
        rect = self.bar_rect()
        if rect is None:
            return False
        # At least a few pixels wide, so short bars stay clickable when zoomed out.
        slack = 3 / max(self._scene.px_per_day, 1e-6)
        return (
            rect.adjusted(-slack, -3, slack, 3).contains(item_pos)
            or self.hit_milestone(item_pos) is not None
        )

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        rect = self.bar_rect()
        if rect is not None:
            path.addRect(rect)
        return path

    # Painting --------------------------------------------------------------
    def paint(self, painter: QPainter, option, widget=None) -> None:
        span = self.span()
        if span is None:
            return
        t = painter.worldTransform()
        x0 = t.map(QPointF(span[0], 0)).x()
        x1 = t.map(QPointF(span[1], 0)).x()
        top = t.map(QPointF(0, 0)).y()
        visible_left = 0.0
        visible_right = float(widget.width()) if widget is not None else x1
        painter.save()
        painter.resetTransform()
        h = self._bar_height()
        rect = QRectF(x0, top + (ROW_H - h) / 2, max(x1 - x0, 2.0), h)
        kind = self.row.kind
        if kind == GROUP:
            self._paint_summary(painter, rect)
        elif kind == PHASE:
            self._paint_phase(painter, rect, visible_left, visible_right)
        else:
            marks = self._milestone_xs(t)
            self._paint_task(painter, rect, visible_left, visible_right, marks)
            self._paint_milestones(painter, marks, top)
        painter.restore()

    def _milestone_xs(self, t: QTransform) -> list[tuple[float, Milestone]]:
        out = []
        for mark in self.row.milestones:
            day = self.milestone_day(mark)
            if day is not None:
                out.append((t.map(QPointF(day, 0)).x(), mark))
        return out

    def _sticky_text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        left: float,
        right: float,
        color: QColor,
        avoid: tuple[float, ...] = (),
    ) -> bool:
        """Text inside the bar, kept at the visible left edge of a long bar and clear
        of the milestone diamonds at the x positions in `avoid`. False if it did not fit."""
        inner_left = max(rect.left(), left) + TEXT_PAD
        inner_right = min(rect.right(), right) - TEXT_PAD
        width = QFontMetricsF(painter.font()).horizontalAdvance(text)
        for x in sorted(avoid):
            if x - DIAMOND - 3 < inner_left + width and x + DIAMOND + 3 > inner_left:
                inner_left = x + DIAMOND + 4
        if width > inner_right - inner_left:
            return False
        painter.setPen(color)
        painter.drawText(
            QRectF(inner_left, rect.top() - 2, inner_right - inner_left, rect.height() + 4),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        return True

    def _task_texts(self) -> list[str]:
        """What fits on a bar, longest first."""
        row = self.row
        percent = f"{row.percent:.0f}%" if row.percent is not None else ""
        word = bar_word(row)
        texts = []
        if row.through_plan:
            through = QCoreApplication.translate("TimelineView", "贯穿全程")
            texts.append("  ".join(p for p in (through, percent, word) if p))
        texts += [f"{percent} {word}".strip(), percent or word]
        return [t for t in texts if t]

    def _paint_task(
        self,
        painter: QPainter,
        rect: QRectF,
        left: float,
        right: float,
        marks: list[tuple[float, Milestone]],
    ) -> None:
        task = self.row.task
        light = task.schedule_light if task is not None else Light.grey
        colors = paint_bar(painter, rect, light, self.row.percent or 0.0)
        painter.setFont(self._scene.small_font)
        avoid = tuple(x for x, _ in marks)
        for text in self._task_texts():
            if self._sticky_text(painter, rect, text, left, right, colors.text, avoid):
                break

    def _paint_summary(self, painter: QPainter, rect: QRectF) -> None:
        """A group's span as a bracket, darker as far as its tasks are done."""
        painter.fillRect(rect, SUMMARY_TODO)
        percent = max(0.0, min(100.0, self.row.percent or 0.0))
        painter.fillRect(
            QRectF(rect.left(), rect.top(), rect.width() * percent / 100, rect.height()),
            SUMMARY_DONE,
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SUMMARY_DONE)
        for x in (rect.left(), rect.right()):
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x - 5, rect.bottom() - 0.5),
                        QPointF(x + 5, rect.bottom() - 0.5),
                        QPointF(x, rect.bottom() + 5),
                    ]
                )
            )

    def _paint_phase(self, painter: QPainter, rect: QRectF, left: float, right: float) -> None:
        index = self._scene.phase_index.get(self.row.key, 0)
        tint, edge = phase_colors(index)
        painter.fillRect(rect, tint)
        percent = max(0.0, min(100.0, self.row.percent or 0.0))
        done = QColor(edge)
        done.setAlpha(60)
        painter.fillRect(
            QRectF(rect.left(), rect.top(), rect.width() * percent / 100, rect.height()), done
        )
        painter.setPen(QPen(edge, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setFont(self._scene.bold_font)
        row = self.row
        dates = f"{row.start:%Y.%m.%d}–{row.end:%Y.%m.%d}" if row.start and row.end else ""
        for text in (f"{row.title}  {dates}", row.title):
            if self._sticky_text(painter, rect, text, left, right, edge.darker(150)):
                break

    def _paint_milestones(
        self, painter: QPainter, marks: list[tuple[float, Milestone]], top: float
    ) -> None:
        if not marks or self._scene.data is None:
            return
        today = self._scene.data.today
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        cy = top + ROW_H / 2
        for cx, mark in marks:
            diamond = QPolygonF(
                [
                    QPointF(cx, cy - DIAMOND - 1),
                    QPointF(cx + DIAMOND, cy),
                    QPointF(cx, cy + DIAMOND + 1),
                    QPointF(cx - DIAMOND, cy),
                ]
            )
            if mark.achieved:
                painter.setPen(QPen(QColor("#FFFFFF"), 1.2))
                painter.setBrush(MILESTONE)
            else:
                late = mark.planned is not None and mark.planned < today
                painter.setPen(QPen(TODAY if late else MILESTONE, 1.6))
                painter.setBrush(QColor("#FFFFFF"))
            painter.drawPolygon(diamond)


def _words() -> dict[str, str]:
    """The captions of the hover text, translated."""
    return {
        "milestone": QCoreApplication.translate("TimelineView", "里程碑"),
        "planned_on": QCoreApplication.translate("TimelineView", "计划日期"),
        "achieved_on": QCoreApplication.translate("TimelineView", "实际完成"),
        "not_yet": QCoreApplication.translate("TimelineView", "尚未达成"),
        "lead": QCoreApplication.translate("TimelineView", "牵头单位"),
        "co": QCoreApplication.translate("TimelineView", "配合单位"),
        "time": QCoreApplication.translate("TimelineView", "时间"),
        "through": QCoreApplication.translate("TimelineView", "贯穿全程"),
        "status": QCoreApplication.translate("TimelineView", "状态"),
        "done": QCoreApplication.translate("TimelineView", "完成"),
        "light": QCoreApplication.translate("TimelineView", "预警"),
        "missing": QCoreApplication.translate("TimelineView", "未报送期间"),
        "achieved": QCoreApplication.translate("TimelineView", "已达成"),
        "planned": QCoreApplication.translate("TimelineView", "计划"),
        "activities": QCoreApplication.translate("TimelineView", "阶段工作"),
        "tasks": QCoreApplication.translate("TimelineView", "任务数"),
        "average": QCoreApplication.translate("TimelineView", "平均完成"),
    }


def tooltip_html(row: TimelineRow, data: TimelineData, mark: Milestone | None = None) -> str:
    """The hover text of a row: code, title, lead department, dates, status, % and light."""
    w = _words()
    lines: list[str] = []
    if mark is not None:
        lines.append(f"<b>{escape(w['milestone'])}：{escape(mark.name)}</b>")
        lines.append(f"{escape(w['planned_on'])}：{mark.planned or '—'}")
        lines.append(
            f"{escape(w['achieved_on'])}：{mark.actual}" if mark.actual else escape(w["not_yet"])
        )
        lines.append("")
    lines.append(f"<b>{escape(row.label)}　{escape(row.title)}</b>")
    if row.kind == TASK and row.task is not None:
        task = row.task
        lead = "、".join(data.department_names(task.lead)) or "—"
        lines.append(f"{escape(w['lead'])}：{escape(lead)}")
        if task.co:
            lines.append(f"{escape(w['co'])}：{escape('、'.join(data.department_names(task.co)))}")
        when = w["through"] if row.through_plan else f"{task.start} — {task.due}"
        lines.append(f"{escape(w['time'])}：{escape(when)}")
        percent = f"{task.percent:.0f}%" if task.percent is not None else "—"
        status = (
            f"{escape(w['status'])}：{escape(status_word(task.status))}　"
            f"{escape(w['done'])} {percent}"
        )
        if task.last_period:
            status += f"（{task.last_period}）"
        lines.append(status)
        color = LIGHT_COLORS[task.schedule_light].solid.name()
        light = (
            f"<span style='color:{color}'>{legend.shape(task.schedule_light)}</span> "
            f"{escape(light_name(task.schedule_light))}"
            f"·{escape(light_word(task.schedule_light))}"
        )
        reason = reason_text(task.reason)
        lines.append(f"{escape(w['light'])}：{light}" + (f"（{escape(reason)}）" if reason else ""))
        if task.missing_periods:
            lines.append(f"{escape(w['missing'])}：{escape('、'.join(task.missing_periods))}")
        if row.milestones and mark is None:
            for m in row.milestones:
                state = f"{w['achieved']} {m.actual}" if m.actual else f"{w['planned']} {m.planned}"
                lines.append(("◆ " if m.actual else "◇ ") + escape(f"{m.name}（{state}）"))
        return "<div style='white-space:pre'>" + "<br/>".join(lines) + "</div>"
    if row.start and row.end:
        lines.append(f"{escape(w['time'])}：{row.start} — {row.end}")
    count = w["activities"] if row.kind == PHASE else w["tasks"]
    lines.append(
        f"{escape(count)}：{row.count}　{escape(w['average'])} {i18n.number(row.percent, 0)}%"
    )
    return "<div style='white-space:pre'>" + "<br/>".join(lines) + "</div>"
