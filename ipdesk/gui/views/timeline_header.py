"""The parts of the timeline that stay put: the time scale above the chart (phases,
years, months or quarters, today) and the row labels left of it (code, title,
warning word), plus the corner between them and the legend."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ipdesk.gui import i18n
from ipdesk.gui.views.timeline_chart import TimelineGraphicsView
from ipdesk.gui.views.timeline_items import (
    GRID_MAJOR,
    INK,
    MUTED,
    ROW_LINE,
    TODAY,
    paint_bar,
    phase_colors,
    scaled_font,
)
from ipdesk.gui.views.timeline_style import month_starts
from ipdesk.plan.rules import Light
from ipdesk.read.plan import Phase

HEADER_LINE = QColor("#C5CDD8")
HEADER_FILL = QColor("#F7F8FA")


def _fits(metrics: QFontMetricsF, text: str, width: float) -> bool:
    return metrics.horizontalAdvance(text) <= width


def phase_dates(start: date, end: date) -> list[str]:
    """A phase's dates, longest form first: 2023.11.01 — 2023.12.31 … 23.11–12."""
    forms = [
        f"{start:%Y.%m.%d} — {end:%Y.%m.%d}",
        f"{start:%y.%m.%d}–{end:%y.%m.%d}",
        f"{start:%Y.%m}–{end:%Y.%m}",
    ]
    if start.year == end.year:
        forms.append(f"{start:%y.}{start.month}–{end.month}")
    else:
        forms.append(f"{start:%y.%m}–{end:%y.%m}")
    return forms


class TimelineScaleHeader(QWidget):
    """Phases (name and dates), years, and months or quarters, scrolled with the chart."""

    def __init__(self, view: TimelineGraphicsView, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._update_heights()

    def _update_heights(self) -> None:
        line = QFontMetricsF(self.font()).height()
        self.phase_h = round(line * 2 + 10)
        self.year_h = round(line + 6)
        self.unit_h = round(line + 6)
        self.setFixedHeight(self.phase_h + self.year_h + self.unit_h)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.FontChange:
            self._update_heights()
        super().changeEvent(event)

    def row_bounds(self) -> list[tuple[float, float]]:
        """Top and bottom of the phase, year and unit rows."""
        a, b = self.phase_h, self.phase_h + self.year_h
        return [(0, a), (a, b), (b, b + self.unit_h)]

    def _x(self, day: float) -> float:
        return self.view.day_x(day) + self.view.viewport().x()

    def labels(self) -> list[str]:
        """The texts drawn in the month/quarter row (for tests and accessibility)."""
        return [text for _, text in self._unit_cells()]

    def _unit_cells(self) -> list[tuple[QRectF, str]]:
        data = self.view.timeline_scene.data
        if data is None:
            return []
        metrics = QFontMetricsF(scaled_font(self.font(), 0.9))
        top, bottom = self.row_bounds()[2]
        cells: list[tuple[QRectF, str]] = []
        starts = [m for m in month_starts(data.plan_start, data.plan_end)]
        if self.view.unit == "quarter":
            starts = [m for m in starts if m.month in (1, 4, 7, 10)]
            if data.plan_start.month not in (1, 4, 7, 10):
                starts.insert(0, data.plan_start.replace(day=1))
        for when, after in zip(starts, starts[1:], strict=False):
            if when > data.plan_end:
                break
            left = self._x(max(data.day(when), 0))
            right = self._x(min(data.day(after), data.days))
            width = right - left - 4
            if self.view.unit == "quarter":
                q = (when.month - 1) // 3 + 1
                quarters = (
                    self.tr("一季度"),
                    self.tr("二季度"),
                    self.tr("三季度"),
                    self.tr("四季度"),
                )
                options = [quarters[q - 1], f"Q{q}"]
            else:
                options = [self.tr("%1月").replace("%1", str(when.month)), str(when.month)]
            text = next((o for o in options if _fits(metrics, o, width)), "")
            cells.append((QRectF(left, top, right - left, bottom - top), text))
        return cells

    def phase_name(self, name: str, room: float, bold: QFont) -> tuple[str, QFont]:
        """The phase's name as it fits: whole, then without 阶段, then smaller."""
        smaller = scaled_font(bold, 0.9)
        smaller.setBold(True)
        short = name.removesuffix("阶段") or name
        for text, font in (
            (name, bold),
            (short, bold),
            (name, smaller),
            (short, smaller),
            (short[:2], smaller),
        ):
            if _fits(QFontMetricsF(font), text, room):
                return text, font
        return "", bold

    def phase_texts(self) -> list[tuple[str, str]]:
        """(name, dates) as drawn for each phase (for tests and accessibility)."""
        data = self.view.timeline_scene.data
        if data is None:
            return []
        small = scaled_font(self.font(), 0.9)
        bold = scaled_font(self.font(), 0.95, bold=True)
        out = []
        for phase in data.phases:
            left = self._x(data.day(phase.start))
            right = self._x(data.day(phase.end) + 1)
            _inner_left, _inner, name, _font, dates = self._phase_words(
                phase, left, right, small, bold
            )
            out.append((name, dates))
        return out

    def _phase_words(
        self, phase: Phase, left: float, right: float, small: QFont, bold: QFont
    ) -> tuple[float, float, str, QFont, str]:
        """Where a phase's words go in its band from `left` to `right` (their left edge
        and the room they have) and which of them fit: its name, in the font it fits
        in, and its dates."""
        inner_left = max(left, 0) + 7
        inner = min(right, float(self.width())) - inner_left - 3
        name, font = self.phase_name(phase.name, inner, bold)
        dates = next(
            (
                t
                for t in phase_dates(phase.start, phase.end)
                if _fits(QFontMetricsF(small), t, inner)
            ),
            "",
        )
        return inner_left, inner, name, font, dates

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), HEADER_FILL)
        data = self.view.timeline_scene.data
        if data is None:
            painter.end()
            return
        width = float(self.width())
        base = self.font()
        small = scaled_font(base, 0.9)
        bold = scaled_font(base, 0.95, bold=True)
        (p_top, p_bottom), (y_top, y_bottom), (u_top, u_bottom) = self.row_bounds()
        x = self._x

        # Phases: tinted bands with name and dates, sticking to the left edge.
        for n, phase in enumerate(data.phases):
            tint, edge = phase_colors(n)
            left, right = x(data.day(phase.start)), x(data.day(phase.end) + 1)
            band = QRectF(left, p_top + 3, right - left, p_bottom - p_top - 6)
            painter.fillRect(band, tint)
            painter.fillRect(QRectF(left, band.top(), 3, band.height()), edge)
            inner_left, inner, name, name_font, dates = self._phase_words(
                phase, left, right, small, bold
            )
            if inner < 12:
                continue
            name_h = band.height() / 2
            painter.setFont(name_font)
            painter.setPen(edge.darker(140))
            painter.drawText(
                QRectF(inner_left, band.top() + 1, inner, name_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            painter.setFont(small)
            painter.setPen(INK)
            painter.drawText(
                QRectF(inner_left, band.top() + name_h - 1, inner, name_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                dates,
            )

        # Years.
        painter.setFont(bold)
        for year in range(data.plan_start.year, data.plan_end.year + 1):
            first = max(date(year, 1, 1), data.plan_start)
            left, right = x(data.day(first)), x(min(data.day(date(year + 1, 1, 1)), data.days))
            painter.setPen(QPen(GRID_MAJOR, 1))
            painter.drawLine(
                QPointF(round(left) + 0.5, y_top), QPointF(round(left) + 0.5, u_bottom)
            )
            inner_left = max(left, 0) + 6
            inner = min(right, width) - inner_left - 4
            text = next(
                (
                    t
                    for t in (self.tr("%1年").replace("%1", str(year)), str(year))
                    if _fits(QFontMetricsF(bold), t, inner)
                ),
                "",
            )
            painter.setPen(INK)
            painter.drawText(
                QRectF(inner_left, y_top, max(inner, 0), y_bottom - y_top),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )

        # Months or quarters.
        painter.setFont(small)
        for cell, text in self._unit_cells():
            painter.setPen(QPen(ROW_LINE.darker(115), 1))
            painter.drawLine(
                QPointF(round(cell.left()) + 0.5, u_top + 3),
                QPointF(round(cell.left()) + 0.5, u_bottom),
            )
            painter.setPen(MUTED)
            painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.setPen(QPen(HEADER_LINE, 1))
        painter.drawLine(QPointF(0, y_top + 0.5), QPointF(width, y_top + 0.5))
        painter.drawLine(QPointF(0, u_top + 0.5), QPointF(width, u_top + 0.5))
        painter.drawLine(QPointF(0, u_bottom - 0.5), QPointF(width, u_bottom - 0.5))

        # Today: a red tag in the year row and the line through the unit row.
        if 0 <= data.day(data.today) < data.days:
            px = x(data.day(data.today) + 0.5)
            painter.setPen(QPen(TODAY, 2))
            painter.drawLine(QPointF(px, y_top), QPointF(px, u_bottom))
            painter.setFont(small)
            tag = self.tr("今天 %1").replace("%1", f"{data.today:%m-%d}")
            metrics = QFontMetricsF(small)
            tw = metrics.horizontalAdvance(tag) + 10
            tag_rect = QRectF(px - tw / 2, y_top + 2, tw, y_bottom - y_top - 4)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TODAY)
            painter.drawRoundedRect(tag_rect, 3, 3)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(tag_rect, int(Qt.AlignmentFlag.AlignCenter), tag)
        painter.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        data = self.view.timeline_scene.data
        if data is None:
            return
        pos = event.position()
        if pos.y() < self.phase_h:
            for phase in data.phases:
                if self._x(data.day(phase.start)) <= pos.x() < self._x(data.day(phase.end) + 1):
                    QToolTip.showText(
                        event.globalPosition().toPoint(),
                        f"{phase.name}：{phase.start} — {phase.end}",
                        self,
                    )
                    return
        QToolTip.hideText()


class TimelineCorner(QWidget):
    """Captions of the header rows, above the row labels."""

    def __init__(self, header: TimelineScaleHeader, parent=None) -> None:
        super().__init__(parent)
        self.header = header
        self.setFixedHeight(header.height())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.setFixedHeight(self.header.height())
        painter = QPainter(self)
        painter.fillRect(self.rect(), HEADER_FILL)
        width = float(self.width())
        captions = [
            self.tr("工作阶段"),
            self.tr("年度"),
            self.tr("季度") if self.header.view.unit == "quarter" else self.tr("月份"),
        ]
        painter.setFont(scaled_font(self.font(), 0.9))
        for (top, bottom), text in zip(self.header.row_bounds(), captions, strict=True):
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(8, top, width - 16, bottom - top),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        painter.setFont(scaled_font(self.font(), 0.95, bold=True))
        painter.setPen(INK)
        top, bottom = self.header.row_bounds()[0]
        painter.drawText(
            QRectF(10, top, width - 20, bottom - top),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.tr("工作任务"),
        )
        painter.setPen(QPen(HEADER_LINE, 1))
        for top, _ in self.header.row_bounds()[1:]:
            painter.drawLine(QPointF(0, top + 0.5), QPointF(width, top + 0.5))
        painter.drawLine(QPointF(0, self.height() - 0.5), QPointF(width, self.height() - 0.5))
        painter.drawLine(QPointF(width - 0.5, 0), QPointF(width - 0.5, self.height()))
        painter.end()


class TimelineLegend(QWidget):
    """What the colours, hatching and diamonds mean."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _entries(self) -> list[tuple[str, str]]:
        return [
            # The one legend: shape, colour and word, as on the sheets.
            ("light:red", i18n.light_text(Light.red)),
            ("light:yellow", i18n.light_text(Light.yellow)),
            ("light:green", i18n.light_text(Light.green)),
            ("light:grey", i18n.light_text(Light.grey)),
            ("achieved", self.tr("里程碑已达成")),
            ("planned", self.tr("计划里程碑")),
            ("today", self.tr("今天")),
        ]

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = QFontMetricsF(scaled_font(self.font(), 0.9))
        width = sum(metrics.horizontalAdvance(text) + 34 for _, text in self._entries())
        return QSize(round(width), round(metrics.height() + 8))

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = scaled_font(self.font(), 0.9)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        x = 4.0
        cy = self.height() / 2
        for key, text in self._entries():
            if key.startswith("light:"):
                # The swatch is a bar a little over half done.
                paint_bar(painter, QRectF(x, cy - 6, 20, 12), Light(key.split(":")[1]), 55.0)
            elif key in ("planned", "achieved"):
                cx = x + 10
                diamond = QPolygonF(
                    [
                        QPointF(cx, cy - 7),
                        QPointF(cx + 6, cy),
                        QPointF(cx, cy + 7),
                        QPointF(cx - 6, cy),
                    ]
                )
                painter.setPen(QPen(QColor("#1F3A5F"), 1.5))
                painter.setBrush(QColor("#1F3A5F") if key == "achieved" else QColor("#FFFFFF"))
                painter.drawPolygon(diamond)
            else:
                painter.setPen(QPen(TODAY, 2))
                painter.drawLine(QPointF(x + 10, cy - 8), QPointF(x + 10, cy + 8))
            painter.setPen(INK)
            tw = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(x + 24, 0, tw + 2, self.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            x += 24 + tw + 10
        painter.end()
