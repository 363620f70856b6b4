"""The chart area of the timeline: a QGraphicsView over the row items that paints the
grid, phase tints, row highlights and the today line, and handles hover, click,
pan (drag) and zoom (Ctrl+wheel, horizontal only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsView, QToolTip

from ipdesk.gui.views.timeline_items import (
    GRID_MAJOR,
    GRID_MINOR,
    GROUP_FILL,
    HOVER_FILL,
    MAX_PX_PER_DAY,
    MIN_PX_PER_DAY,
    OUTSIDE_FILL,
    PAD_DAYS,
    ROW_H,
    ROW_LINE,
    SELECT_FILL,
    TODAY,
    TimelineRowItem,
    TimelineScene,
    phase_colors,
    tooltip_html,
)
from ipdesk.gui.views.timeline_style import month_starts
from ipdesk.read.timeline import GROUP, TASK


class TimelineGraphicsView(QGraphicsView):
    """The chart area: background grid, today line, hover, click, pan, zoom."""

    rowClicked = Signal(str)  # key of the row clicked
    rowActivated = Signal(str)  # task id: a bar clicked, or a row double-clicked
    hoverChanged = Signal()
    zoomChanged = Signal()

    def __init__(self, scene: TimelineScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.timeline_scene = scene
        self.unit = "quarter"  # grid lines: "month" or "quarter"
        self.hover_key: str | None = None
        self.selected_key: str | None = None
        self._press: QPoint | None = None
        self._press_scroll = (0, 0)
        self._dragging = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        # Every frame is cheap (only the rows on screen are painted) and bar labels
        # stick to the left edge while scrolling, so repaint the whole viewport.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setMouseTracking(True)
        self.setBackgroundBrush(QColor("#FFFFFF"))
        self.horizontalScrollBar().setSingleStep(40)
        self.verticalScrollBar().setSingleStep(ROW_H)

    # Mapping ----------------------------------------------------------------
    @property
    def px_per_day(self) -> float:
        return self.transform().m11()

    def day_x(self, day: float) -> float:
        """Viewport x of a day offset."""
        return self.viewportTransform().map(QPointF(day, 0)).x()

    def row_y(self, index: int) -> float:
        """Viewport y of the top of the index-th shown row."""
        return self.viewportTransform().map(QPointF(0, index * ROW_H)).y()

    def set_px_per_day(self, value: float, anchor_x: float | None = None) -> None:
        """Zoom horizontally, keeping the day under `anchor_x` (viewport x) in place."""
        value = max(MIN_PX_PER_DAY, min(MAX_PX_PER_DAY, value))
        if anchor_x is None:
            anchor_x = self.viewport().width() / 2
        day = self.mapToScene(QPoint(int(anchor_x), 0)).x()
        self.setTransform(QTransform.fromScale(value, 1.0))
        self.timeline_scene.px_per_day = value
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + round(self.day_x(day) - anchor_x))
        self.zoomChanged.emit()

    def fit_px_per_day(self) -> float:
        data = self.timeline_scene.data
        if data is None:
            return 1.0
        return max(MIN_PX_PER_DAY, self.viewport().width() / (data.days + 2 * PAD_DAYS))

    # Painting -----------------------------------------------------------------
    def drawBackground(self, painter: QPainter, area: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(area)
        data = self.timeline_scene.data
        painter.fillRect(rect, QColor("#FFFFFF"))
        if data is None:
            return
        t = painter.worldTransform()
        device = t.mapRect(rect)
        painter.save()
        painter.resetTransform()

        def x(day: float) -> float:
            return t.map(QPointF(day, 0)).x()

        top, bottom = device.top(), device.bottom()
        start_x, end_x = x(0), x(data.days)
        painter.fillRect(
            QRectF(device.left(), top, start_x - device.left(), device.height()), OUTSIDE_FILL
        )
        painter.fillRect(QRectF(end_x, top, device.right() - end_x, device.height()), OUTSIDE_FILL)
        for n, phase in enumerate(data.phases):
            tint, _ = phase_colors(n)
            faint = QColor(tint)
            faint.setAlpha(70)
            painter.fillRect(
                QRectF(
                    x(data.day(phase.start)),
                    top,
                    x(data.day(phase.end) + 1) - x(data.day(phase.start)),
                    device.height(),
                ),
                faint,
            )
        # Row bands: headings, hover and selection.
        shown = self.timeline_scene.shown
        y0 = t.map(QPointF(0, 0)).y()
        first = max(0, int((top - y0) // ROW_H))
        last = min(len(shown), int((bottom - y0) // ROW_H) + 2)
        painter.setPen(QPen(ROW_LINE, 1))
        for n in range(first, last):
            row = shown[n]
            band = QRectF(device.left(), y0 + n * ROW_H, device.width(), ROW_H)
            if row.key == self.selected_key:
                painter.fillRect(band, SELECT_FILL)
            elif row.key == self.hover_key:
                painter.fillRect(band, HOVER_FILL)
            elif row.kind == GROUP:
                painter.fillRect(band, GROUP_FILL)
            painter.drawLine(
                QPointF(device.left(), band.bottom() - 0.5),
                QPointF(device.right(), band.bottom() - 0.5),
            )
        # Vertical grid: months (or quarters), years darker.
        months = month_starts(data.plan_start, data.plan_end)
        for when in months:
            if not data.plan_start <= when <= data.plan_end:
                continue
            if when.month == 1:
                painter.setPen(QPen(GRID_MAJOR, 1))
            elif self.unit == "month" or when.month in (4, 7, 10):
                painter.setPen(QPen(GRID_MINOR, 1))
            else:
                continue
            px = round(x(data.day(when))) + 0.5
            if device.left() - 1 <= px <= device.right() + 1:
                painter.drawLine(QPointF(px, top), QPointF(px, bottom))
        for n, phase in enumerate(data.phases):
            _, edge = phase_colors(n)
            pen = QPen(edge, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for day in (data.day(phase.start), data.day(phase.end) + 1):
                px = round(x(day)) + 0.5
                painter.drawLine(QPointF(px, top), QPointF(px, bottom))
        painter.restore()

    def drawForeground(self, painter: QPainter, area: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(area)
        data = self.timeline_scene.data
        if data is None or not 0 <= data.day(data.today) < data.days:
            return
        t = painter.worldTransform()
        device = t.mapRect(rect)
        painter.save()
        painter.resetTransform()
        px = t.map(QPointF(data.day(data.today) + 0.5, 0)).x()
        painter.setPen(QPen(TODAY, 2))
        painter.drawLine(QPointF(px, device.top()), QPointF(px, device.bottom()))
        painter.restore()

    # Interaction ----------------------------------------------------------------
    def item_at(self, pos: QPoint) -> tuple[TimelineRowItem | None, QPointF]:
        scene_pos = self.mapToScene(pos)
        row = self.timeline_scene.row_at(scene_pos.y())
        if row is None:
            return None, scene_pos
        item = self.timeline_scene.items_by_key[row.key]
        return item, item.mapFromScene(scene_pos)

    def _set_hover(self, key: str | None) -> None:
        if key != self.hover_key:
            self.hover_key = key
            self.viewport().update()
            self.hoverChanged.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._press_scroll = (
                self.horizontalScrollBar().value(),
                self.verticalScrollBar().value(),
            )
            self._dragging = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = pos - self._press
            if self._dragging or delta.manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.horizontalScrollBar().setValue(self._press_scroll[0] - delta.x())
                self.verticalScrollBar().setValue(self._press_scroll[1] - delta.y())
            event.accept()
            return
        item, local = self.item_at(pos)
        self._set_hover(item.row.key if item is not None else None)
        on_bar = item is not None and item.row.kind == TASK and item.hit_bar(local)
        self.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor if on_bar else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            dragged = self._dragging
            self._press = None
            self._dragging = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            if not dragged:
                item, local = self.item_at(event.position().toPoint())
                if item is not None:
                    self.rowClicked.emit(item.row.key)
                    if item.row.kind == TASK and item.hit_bar(local):
                        self.rowActivated.emit(item.row.key)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        item, local = self.item_at(event.position().toPoint())
        if item is not None and item.row.kind == TASK and not item.hit_bar(local):
            # A double-click on the bar was already reported by its first click.
            self.rowActivated.emit(item.row.key)
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._set_hover(None)
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        modifiers = event.modifiers()
        delta = event.angleDelta()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120 if delta.y() else delta.x() / 120
            self.set_px_per_day(self.px_per_day * (1.25**steps), event.position().x())
            event.accept()
            return
        if modifiers & Qt.KeyboardModifier.ShiftModifier and delta.y():
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta.y())
            event.accept()
            return
        super().wheelEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The hover text for a viewport position ('' when over nothing)."""
        item, local = self.item_at(pos)
        data = self.timeline_scene.data
        if item is None or data is None:
            return ""
        row = item.row
        if row.kind == TASK:
            if not item.hit_bar(local):
                return ""
            return tooltip_html(row, data, item.hit_milestone(local))
        rect = item.bar_rect()
        if rect is None or not rect.adjusted(0, -4, 0, 6).contains(local):
            return ""
        return tooltip_html(row, data)

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
