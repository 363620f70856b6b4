"""The frozen left column of the timeline: code, title and warning word of each row
shown, following the chart's vertical scroll; a click on an area folds it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from ipdesk.gui import i18n
from ipdesk.gui.views.timeline_chart import TimelineGraphicsView
from ipdesk.gui.views.timeline_header import HEADER_LINE
from ipdesk.gui.views.timeline_items import (
    GROUP_FILL,
    HOVER_FILL,
    INK,
    LIGHT_COLORS,
    MUTED,
    ROW_H,
    ROW_LINE,
    SELECT_FILL,
    scaled_font,
)
from ipdesk.gui.views.timeline_style import light_word, status_word
from ipdesk.plan.rules import Light
from ipdesk.read import legend
from ipdesk.read.timeline import GROUP, OTHER_GROUP, PHASE, TimelineRow


class TimelineRowLabels(QWidget):
    """The frozen left column: code and title of each shown row, and its warning."""

    groupToggled = Signal(str)
    rowClicked = Signal(str)
    rowActivated = Signal(str)

    def __init__(self, view: TimelineGraphicsView, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        self.collapsed: set[str] = set()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(180)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(390, 400)

    def _index_at(self, y: float) -> int:
        shown = self.view.timeline_scene.shown
        n = int((y - self.view.row_y(0) - self.view.viewport().y()) // ROW_H)
        return n if 0 <= n < len(shown) else -1

    def row_at(self, y: float) -> TimelineRow | None:
        n = self._index_at(y)
        return self.view.timeline_scene.shown[n] if n >= 0 else None

    def group_title(self, row: TimelineRow) -> str:
        if row.key == OTHER_GROUP:
            return self.tr("其他任务")
        return row.title

    def status_text(self, row: TimelineRow) -> str:
        if row.kind == GROUP or row.kind == PHASE:
            return f"{i18n.number(row.percent, 0)}%" if row.percent is not None else ""
        task = row.task
        if task is None:
            return ""
        return status_word("done") if task.status == "done" else light_word(task.schedule_light)

    def status_width(self, font: QFont) -> float:
        """Room for the dot and the longest warning word (words differ by language)."""
        metrics = QFontMetricsF(font)
        words = [light_word(light) for light in Light] + [status_word("done"), "100%"]
        return max(metrics.horizontalAdvance(w) for w in words) + 21

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        shown = self.view.timeline_scene.shown
        top_offset = self.view.row_y(0) + self.view.viewport().y()
        bottom_limit = self.view.viewport().y() + self.view.viewport().height()
        painter.setClipRect(QRectF(0, 0, self.width(), bottom_limit))
        first = max(0, int(-top_offset // ROW_H))
        last = min(len(shown), int((bottom_limit - top_offset) // ROW_H) + 1)
        base = self.font()
        normal = scaled_font(base, 0.92)
        bold = scaled_font(base, 0.92, bold=True)
        code_font = scaled_font(base, 0.86)
        status_w = self.status_width(normal)
        width = float(self.width())
        for n in range(first, last):
            row = shown[n]
            y = top_offset + n * ROW_H
            band = QRectF(0, y, width, ROW_H)
            if row.key == self.view.selected_key:
                painter.fillRect(band, SELECT_FILL)
            elif row.key == self.view.hover_key:
                painter.fillRect(band, HOVER_FILL)
            elif row.kind == GROUP:
                painter.fillRect(band, GROUP_FILL)
            painter.setPen(QPen(ROW_LINE, 1))
            painter.drawLine(QPointF(0, band.bottom() - 0.5), QPointF(width, band.bottom() - 0.5))
            indent = 8 + 16 * row.depth
            if row.kind == GROUP:
                self._arrow(painter, QPointF(14, y + ROW_H / 2), row.group in self.collapsed)
                indent = 26
            text_right = width - status_w - 6
            left = float(indent)
            if row.code:
                painter.setFont(bold if row.kind == GROUP else code_font)
                painter.setPen(INK if row.kind == GROUP else MUTED)
                label = row.label
                lw = QFontMetricsF(painter.font()).horizontalAdvance(label)
                painter.drawText(
                    QRectF(left, y, lw + 2, ROW_H),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    label,
                )
                left += lw + 8
            title = self.group_title(row) if row.kind == GROUP else row.title
            painter.setFont(bold if row.kind in (GROUP, PHASE) else normal)
            painter.setPen(INK)
            metrics = QFontMetricsF(painter.font())
            elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_right - left)
            painter.drawText(
                QRectF(left, y, text_right - left, ROW_H),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                elided,
            )
            self._status(painter, row, QRectF(width - status_w, y, status_w - 6, ROW_H), normal)
        painter.setClipping(False)
        painter.setPen(QPen(HEADER_LINE, 1))
        painter.drawLine(QPointF(width - 0.5, 0), QPointF(width - 0.5, self.height()))
        painter.end()

    def _arrow(self, painter: QPainter, center: QPointF, collapsed: bool) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MUTED)
        cx, cy = center.x(), center.y()
        if collapsed:
            points = [QPointF(cx - 3, cy - 5), QPointF(cx + 4, cy), QPointF(cx - 3, cy + 5)]
        else:
            points = [QPointF(cx - 5, cy - 3), QPointF(cx + 5, cy - 3), QPointF(cx, cy + 4)]
        painter.drawPolygon(QPolygonF(points))
        painter.restore()

    def _status(self, painter: QPainter, row: TimelineRow, rect: QRectF, font) -> None:
        text = self.status_text(row)
        if not text:
            return
        painter.setFont(font)
        if row.task is None:
            painter.setPen(MUTED)
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text
            )
            return
        light = row.task.schedule_light
        colors = LIGHT_COLORS[light]
        # The light's shape from the one legend (■ ▲ ● ○), not a dot for every light.
        mark = legend.shape(light)
        dot = QRectF(
            rect.left(),
            rect.top(),
            painter.fontMetrics().horizontalAdvance(mark) + 2,
            rect.height(),
        )
        painter.setPen(colors.solid)
        painter.drawText(dot, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), mark)
        painter.setPen(colors.edge if light is not Light.grey else MUTED)
        painter.drawText(
            QRectF(dot.right() + 5, rect.top(), rect.right() - dot.right() - 5, rect.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )

    # Interaction ------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        row = self.row_at(event.position().y())
        if row is None:
            return
        if row.kind == GROUP:
            self.groupToggled.emit(row.group)
        else:
            self.rowClicked.emit(row.key)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        row = self.row_at(event.position().y())
        if row is not None and row.task is not None:
            self.rowActivated.emit(row.key)
        elif row is not None and row.kind == GROUP:
            self.groupToggled.emit(row.group)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        row = self.row_at(event.position().y())
        key = row.key if row is not None else None
        if key != self.view.hover_key:
            self.view.hover_key = key
            self.view.viewport().update()
            self.update()
        self.setCursor(
            Qt.CursorShape.PointingHandCursor
            if row is not None and row.kind == GROUP
            else Qt.CursorShape.ArrowCursor
        )

    def leaveEvent(self, event) -> None:  # noqa: N802
        if self.view.hover_key is not None:
            self.view.hover_key = None
            self.view.viewport().update()
            self.update()
        super().leaveEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            row = self.row_at(event.pos().y())
            if row is not None:
                title = self.group_title(row) if row.kind == GROUP else row.title
                QToolTip.showText(event.globalPos(), f"{row.label}　{title}".strip(), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        QApplication.sendEvent(self.view.viewport(), event)
