"""The two charts of the 指标看板 (QtCharts): every indicator's current value and
expected value as a % of its target, and one indicator's values by period against
its expected line and target."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from ipdesk.gui import i18n
from ipdesk.gui.models.indicator_model import percent_of, value_text
from ipdesk.gui.views.timeline_items import scaled_font
from ipdesk.plan import rules
from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Kind, comparator_sign
from ipdesk.read.indicators import IndicatorStatus

CURRENT = QColor("#3D6AA8")
CURRENT_SELECTED = QColor("#17314F")
EXPECTED = QColor("#B8C1CD")
EXPECTED_LINE = QColor("#5F6B7A")
TARGET = QColor("#C62828")
GRID = QColor("#E6EAF0")
INK = QColor("#1F2933")


@dataclass
class Trend:
    """One indicator by period: the value after each period (running total for
    cumulative/new, the value for the others; None when nothing was reported for
    the period) and the value expected at the end of each period."""

    periods: list[Period]
    actual: list[float | None]
    expected: list[float]
    target: float


def _in(period: Period, entry_period: Period) -> bool:
    return period.start <= entry_period.end <= period.end


def indicator_trend(ind: IndicatorStatus, periods: list[Period], today: date) -> Trend:
    """Values by plan period, as the trend chart draws them (pure; no Qt needed)."""
    spec = ind.spec
    counted = list(ind.entries)
    if spec.aggregation is rules.Aggregation.designated and spec.designated is not None:
        counted = [e for e in counted if e.department == spec.designated]
    totals: list[tuple[Period, float]] = []
    if spec.kind in (Kind.cumulative, Kind.new):
        totals = rules.running_totals(spec, ind.entries)
    actual: list[float | None] = []
    for period in periods:
        reported = any(_in(period, e.period) for e in counted)
        if not reported or period.start > today:
            actual.append(None)
        elif totals:
            done = [total for p, total in totals if p.end <= period.end]
            actual.append(done[-1] if done else None)
        else:
            actual.append(rules.current_value(spec, ind.entries, as_of=period))
    expected = [rules.expected_value(spec, p.end) for p in periods]
    return Trend(periods, actual, expected, float(spec.target))


def period_label(period: Period) -> str:
    """2024Q1 → "2024<br>Q1" (two short lines fit under a narrow category)."""
    text = str(period)
    if period.kind == "quarter":
        return f"{period.year}<br>Q{period.number}"
    if period.kind == "month":
        return f"{period.year}<br>{period.number:02d}"
    return text


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _style_chart(chart: QChart, font: QFont) -> None:
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(6, 6, 6, 4))
    chart.setTitleFont(scaled_font(font, 1.0, bold=True))
    chart.setTitleBrush(INK)
    chart.legend().setFont(scaled_font(font, 0.88))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)


def _style_axis(axis, font: QFont) -> None:
    axis.setLabelsFont(scaled_font(font, 0.85))
    axis.setTitleFont(scaled_font(font, 0.85))
    axis.setLabelsColor(INK)
    axis.setGridLineColor(GRID)
    axis.setLinePenColor(QColor("#C5CDD8"))


class IndicatorOverviewChart(QChartView):
    """All indicators as horizontal bars, top to bottom in plan order: current and
    expected now, as % of target, against the 100% line."""

    indicatorClicked = Signal(str)
    LABEL_WIDTH = 170  # device-independent pixels for "code + short name"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.indicators: list[IndicatorStatus] = []
        self.current_set: QBarSet | None = None
        self.expected_set: QBarSet | None = None
        self.categories: list[str] = []  # display codes, in plan order
        self.labels: list[str] = []  # axis labels, in plan order
        self._label_budget = float(self.LABEL_WIDTH)
        self._label_font = QFont()
        self.setChart(QChart())
        self.setMinimumSize(300, 260)

    def _bar(self, index: int) -> int:
        """Chart bar index of the index-th indicator (the chart counts from the bottom)."""
        return len(self.indicators) - 1 - index

    def set_indicators(
        self, indicators: list[IndicatorStatus], selected: str | None = None
    ) -> None:
        self.indicators = list(indicators)
        chart = QChart()
        _style_chart(chart, self.font())
        chart.setTitle(self.tr("各指标完成情况（占目标的百分比）"))
        self.categories = [display_code(i.code) for i in self.indicators]
        label_font = self._label_font = self.label_font()
        metrics = QFontMetricsF(label_font)
        self.labels = []
        self._label_budget = self.label_budget()
        for code, ind in zip(self.categories, self.indicators, strict=True):
            room = self._label_budget - metrics.horizontalAdvance(code + " ")
            self.labels.append(
                f"{code} " + metrics.elidedText(ind.name, Qt.TextElideMode.ElideRight, max(room, 0))
            )
        current = QBarSet(self.tr("当前完成率"))
        expected = QBarSet(self.tr("应达进度"))
        current.setColor(CURRENT)
        current.setBorderColor(CURRENT)
        current.setSelectedColor(CURRENT_SELECTED)
        expected.setColor(EXPECTED)
        expected.setBorderColor(EXPECTED)
        top = 100.0
        for ind in reversed(self.indicators):
            now = percent_of(ind, ind.current) or 0.0
            due = percent_of(ind, ind.expected) or 0.0
            current.append(now)
            expected.append(due)
            top = max(top, now, due)
        series = QHorizontalBarSeries()
        series.append(expected)
        series.append(current)
        series.setBarWidth(0.78)
        chart.addSeries(series)
        goal = QLineSeries()
        goal.setName(self.tr("目标 100%"))
        goal.setPen(QPen(TARGET, 1.5, Qt.PenStyle.DashLine))
        goal.append(QPointF(100, -0.5))
        goal.append(QPointF(100, len(self.indicators) - 0.5))
        chart.addSeries(goal)
        y_axis = QBarCategoryAxis()
        y_axis.append(list(reversed(self.labels)))
        _style_axis(y_axis, self.font())
        y_axis.setLabelsFont(label_font)
        y_axis.setGridLineVisible(False)
        y_axis.setTruncateLabels(False)
        x_axis = QValueAxis()
        step = _nice_step(top * 1.05, 5)
        x_axis.setRange(0, math.ceil(top * 1.05 / step) * step)
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(0)
        x_axis.setTickInterval(step)
        x_axis.setLabelFormat("%.0f%%")
        _style_axis(x_axis, self.font())
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        for s in (series, goal):
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)
        self.current_set, self.expected_set = current, expected
        current.hovered.connect(self._hovered)
        expected.hovered.connect(self._hovered)
        current.clicked.connect(self._clicked)
        expected.clicked.connect(self._clicked)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.select(selected)

    def label_budget(self) -> float:
        """Room for a label: up to LABEL_WIDTH, at most about a third of the chart."""
        return max(60.0, min(float(self.LABEL_WIDTH), self.width() * 0.36))

    def label_font(self) -> QFont:
        """The labels' font: as large as 85% of the page's, but small enough that one
        line fits each indicator's band (QtCharts drops labels that would overlap)."""
        plot = self.chart().plotArea().height() if self.chart() is not None else 0.0
        if plot <= 0:
            plot = self.height() - 120.0
        band = plot / max(len(self.indicators), 1)
        font = scaled_font(self.font(), 0.85)
        # Below about 7 pt Chinese is no longer legible; then QtCharts shows every
        # other label instead.
        smallest = QFontMetricsF(scaled_font(self.font(), 0.7)).height()
        while (
            QFontMetricsF(font).height() + 6 > band
            and QFontMetricsF(scaled_font(font, 0.92)).height() >= smallest
        ):
            font = scaled_font(font, 0.92)
        return font

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self.indicators:
            return
        font = self.label_font()
        if (
            abs(self.label_budget() - self._label_budget) >= 8
            or abs(QFontMetricsF(font).height() - QFontMetricsF(self._label_font).height()) >= 1
        ):
            selected = (
                next(
                    (self.indicators[self._bar(n)].id for n in self.current_set.selectedBars()),
                    None,
                )
                if self.current_set
                else None
            )
            self.set_indicators(self.indicators, selected)

    def values(self, which: str = "current") -> list[float]:
        """The bar lengths (% of target) in plan order."""
        bars = self.current_set if which == "current" else self.expected_set
        if bars is None:
            return []
        return [bars.at(self._bar(n)) for n in range(len(self.indicators))]

    def select(self, indicator_id: str | None) -> None:
        if self.current_set is None:
            return
        self.current_set.deselectAllBars()
        for n, ind in enumerate(self.indicators):
            if ind.id == indicator_id:
                self.current_set.selectBar(self._bar(n))

    def bar_text(self, index: int) -> str:
        ind = self.indicators[index]
        unit = ind.unit or ""
        now = value_text(ind, ind.current) if ind.current is not None else self.tr("未填报")
        share = percent_of(ind, ind.current)
        due_share = percent_of(ind, ind.expected)
        lines = [
            f"{display_code(ind.code)}　{ind.name}",
            self.tr("当前：%1 %2（目标的 %3%）")
            .replace("%1", now)
            .replace("%2", unit)
            .replace("%3", i18n.number(share, 1)),
            self.tr("应达：%1 %2（目标的 %3%）")
            .replace("%1", value_text(ind, ind.expected))
            .replace("%2", unit)
            .replace("%3", i18n.number(due_share, 1)),
        ]
        return "\n".join(lines)

    def _hovered(self, status: bool, bar: int) -> None:
        index = self._bar(bar)
        if status and 0 <= index < len(self.indicators):
            QToolTip.showText(QCursor.pos(), self.bar_text(index), self)
        else:
            QToolTip.hideText()

    def _clicked(self, bar: int) -> None:
        index = self._bar(bar)
        if 0 <= index < len(self.indicators):
            self.indicatorClicked.emit(self.indicators[index].id)


class IndicatorTrendChart(QChartView):
    """One indicator by period: the reported values, the expected line and the target."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.trend: Trend | None = None
        self.indicator: IndicatorStatus | None = None
        self.setChart(QChart())
        self.setMinimumSize(320, 240)

    def categories(self) -> list[str]:
        return [str(p) for p in self.trend.periods] if self.trend else []

    def set_indicator(
        self, ind: IndicatorStatus | None, periods: list[Period], today: date
    ) -> None:
        chart = QChart()
        _style_chart(chart, self.font())
        self.indicator = ind
        self.trend = None
        if ind is None:
            chart.setTitle(self.tr("选择一个指标查看趋势"))
            self._replace(chart)
            return
        trend = self.trend = indicator_trend(ind, periods, today)
        yesno = ind.kind == Kind.yesno
        cumulative = ind.kind in (Kind.cumulative, Kind.new)
        unit = f"（{ind.unit}）" if ind.unit else ""
        chart.setTitle(f"{display_code(ind.code)} {ind.name}{unit}")
        labels = [period_label(p) for p in trend.periods]
        x_axis = QBarCategoryAxis()
        x_axis.append(labels)
        _style_axis(x_axis, self.font())
        x_axis.setTruncateLabels(False)
        if len(labels) > 16:
            x_axis.setLabelsAngle(-90)
        actual = QLineSeries()
        actual.setName(self.tr("累计完成") if cumulative else self.tr("实际值"))
        actual.setPen(QPen(CURRENT, 2.5))
        markers = QScatterSeries()
        markers.setMarkerSize(8)
        markers.setColor(CURRENT)
        markers.setBorderColor(QColor("#FFFFFF"))
        for n, value in enumerate(trend.actual):
            if value is not None:
                actual.append(QPointF(n, value))
                markers.append(QPointF(n, value))
        actual.setPointLabelsVisible(not yesno)
        actual.setPointLabelsFormat("@yPoint")
        actual.setPointLabelsFont(scaled_font(self.font(), 0.8))
        actual.setPointLabelsColor(CURRENT.darker(130))
        actual.setPointLabelsClipping(False)
        expected = QLineSeries()
        expected.setName(self.tr("应达进度"))
        expected.setPen(QPen(EXPECTED_LINE, 1.5, Qt.PenStyle.DashLine))
        for n, value in enumerate(trend.expected):
            expected.append(QPointF(n, value))
        target = QLineSeries()
        target.setName(
            self.tr("目标 %1").replace(
                "%1",
                (
                    self.tr("是")
                    if yesno
                    else f"{comparator_sign(ind.comparator)}{i18n.number(ind.target)}"
                ),
            )
        )
        target.setPen(QPen(TARGET, 1.5, Qt.PenStyle.DotLine))
        target.append(QPointF(0, trend.target))
        target.append(QPointF(len(labels) - 1, trend.target))
        series = [expected, target, actual, markers]
        for s in series:
            chart.addSeries(s)
        chart.legend().markers(markers)[0].setVisible(False)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        y_axis = self._y_axis(ind, trend)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)
        actual.hovered.connect(self._hovered)
        markers.hovered.connect(self._hovered)
        self._replace(chart)

    def _y_axis(self, ind: IndicatorStatus, trend: Trend) -> QCategoryAxis | QValueAxis:
        if ind.kind == Kind.yesno:
            yes_no = QCategoryAxis()
            yes_no.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
            yes_no.append(self.tr("否"), 0)
            yes_no.append(self.tr("是"), 1)
            yes_no.setRange(-0.25, 1.25)
            _style_axis(yes_no, self.font())
            return yes_no
        values = [v for v in trend.actual if v is not None] + trend.expected + [trend.target]
        high = max(values) if values else 1.0
        low = 0.0
        if ind.kind in (Kind.level, Kind.rate, Kind.score) and values:
            # Levels and scores move within a narrow band; show the band.
            low = min(values)
            span = max(high - low, abs(high) * 0.05, 1e-6)
            low = max(0.0, low - span * 0.25)
        span = max(high - low, 1e-6)
        step = _nice_step(span * 1.15, 5)
        axis = QValueAxis()
        axis.setRange(math.floor(low / step) * step, math.ceil((high + span * 0.12) / step) * step)
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
        decimals = 0 if step >= 1 else 1 if math.isclose(step * 10, round(step * 10)) else 2
        axis.setLabelFormat(f"%.{decimals}f")
        if ind.unit:
            axis.setTitleText(ind.unit)
        _style_axis(axis, self.font())
        return axis

    def _replace(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _hovered(self, point: QPointF, state: bool) -> None:
        if not state or self.trend is None or self.indicator is None:
            QToolTip.hideText()
            return
        n = round(point.x())
        if not 0 <= n < len(self.trend.periods):
            return
        ind = self.indicator
        value = self.trend.actual[n]
        text = (
            f"{self.trend.periods[n].label_zh}\n"
            + self.tr("实际：%1").replace("%1", value_text(ind, value))
            + "\n"
            + self.tr("应达：%1").replace("%1", value_text(ind, self.trend.expected[n]))
        )
        QToolTip.showText(QCursor.pos(), text, self)
