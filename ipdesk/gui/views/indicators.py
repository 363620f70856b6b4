"""指标看板: every indicator with target, current, % of target, expected now and
warning; a chart of all of them against their expected progress; the trend of the
selected one by period."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import i18n
from ipdesk.gui.models.indicator_model import (
    COLUMN,
    ID_ROLE,
    SORT_ROLE,
    IndicatorTableModel,
    column_title,
    expected_text,
    target_text,
    value_text,
)
from ipdesk.gui.pages import Page
from ipdesk.gui.session import Session
from ipdesk.gui.views.timeline_style import LIGHT_COLORS, light_name, light_word
from ipdesk.gui.widgets.common import restore_splitters, save_splitters
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.indicators import IndicatorStatus, load_indicators
from ipdesk.read.plan import department_names, plan_info
from ipdesk.store import clock
from ipdesk.store.changes import EVERYTHING, Changes


class IndicatorFilterProxy(QSortFilterProxyModel):
    """Sorts by the model's sort keys; in 本单位 mode keeps the file's own indicators."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.own_only = False
        self.setSortRole(SORT_ROLE)

    def set_own_only(self, value: bool) -> None:
        self.beginFilterChange()
        self.own_only = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self,
        source_row: int,  # noqa: N802
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not self.own_only:
            return True
        model: Any = self.sourceModel()
        return model.is_own(model.indicator(source_row))


class IndicatorBoard(Page):
    """The indicator page of the open file."""

    KEY = "indicators"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # A department sees its own indicators first (本单位), and may see the district's.
        self.department_id: str | None = session.department_id
        self.today: date = clock.today()
        self.periods: list[Period] = []
        self._first = True  # the first refresh of a file picks 本单位 or 全区
        self.model = IndicatorTableModel(self)
        self.proxy = IndicatorFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.own_button.setVisible(self.department_id is not None)
        self.all_button.setVisible(self.department_id is not None)
        # A fixed minimum: the page's content changing never resizes the window's limits.
        self.setMinimumSize(640, 420)

    # Layout ----------------------------------------------------------------------
    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 6, 10, 6)
        bar.setSpacing(6)
        self.own_button = QToolButton(self)
        self.own_button.setText(self.tr("本单位"))
        self.own_button.setToolTip(self.tr("只显示本单位负责的指标"))
        self.all_button = QToolButton(self)
        self.all_button.setText(self.tr("全区"))
        self.all_button.setToolTip(self.tr("显示全区所有指标"))
        self.scope = QButtonGroup(self)
        for button in (self.own_button, self.all_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.scope.addButton(button)
            bar.addWidget(button)
        self.all_button.setChecked(True)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        bar.addWidget(self.summary)
        bar.addStretch(1)
        self.as_of = QLabel(self)
        self.as_of.setStyleSheet("color: #5F6B7A")
        bar.addWidget(self.as_of)

        self.table = QTableView(self)
        self.table.setObjectName("indicatorTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(max(24, self.fontMetrics().height() + 8))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Columns as wide as their figures (in whichever language), the name takes the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN["name"], QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

        # QtCharts is imported when the board is first built, not before the window shows.
        from ipdesk.gui.views.indicator_charts import IndicatorOverviewChart, IndicatorTrendChart

        self.trend = IndicatorTrendChart(self)
        self.trend.setObjectName("indicatorTrend")
        self.overview = IndicatorOverviewChart(self)
        self.overview.setObjectName("indicatorOverview")

        panel = QWidget(self)
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.setSpacing(0)
        self.details = QLabel(panel)
        self.details.setObjectName("indicatorDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setContentsMargins(10, 6, 10, 6)
        self.details.setStyleSheet("background: #F7F8FA; color: #1F2933")
        panel_layout.addWidget(self.details)
        panel_layout.addWidget(self.trend, 1)
        # Time runs left to right, so the trend gets the width; the 25 indicators
        # stack top to bottom, so the overview gets the height.
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.setChildrenCollapsible(False)
        left.addWidget(self.table)
        left.addWidget(panel)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 1)
        left.setSizes([430, 380])
        self.left_splitter = left
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.overview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([930, 470])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # activated: a double-click (or a single click where the platform opens items
        # that way) and Enter.
        self.table.activated.connect(self._activated)
        self.overview.indicatorClicked.connect(self.select_indicator)
        self.own_button.toggled.connect(self._scope_changed)
        restore_splitters(self.session.settings, self._splitters())

    def _splitters(self) -> dict[str, QSplitter]:
        return {"indicators/splitter": self.splitter, "indicators/left": self.left_splitter}

    def save_layout(self, settings: Any) -> None:
        save_splitters(settings, self._splitters())

    # Data --------------------------------------------------------------------------
    @classmethod
    def nav_title(cls) -> str:
        return QCoreApplication.translate("MainWindow", "指标看板")

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Read the file again; keep the selected indicator."""
        db = self.session.db
        selected = self.selected_indicator()
        self.today = clock.today()
        info = plan_info(db)
        self.periods = info.periods()
        indicators = load_indicators(db, self.today)
        departments = department_names(db)
        self.model.set_indicators(indicators, departments, self.department_id, self.today)
        self.trend.indicator = None  # the values changed: draw the trend again
        if self._first:
            self._first = False
            own = any(self.model.is_own(i) for i in indicators)
            # A department sees its own indicators first.
            (self.own_button if own and self.department_id else self.all_button).setChecked(True)
            self.proxy.set_own_only(self.own_button.isChecked() and self.department_id is not None)
        self.as_of.setText(self.tr("应达进度按 %1 计算").replace("%1", f"{self.today:%Y-%m-%d}"))
        self._show_scope(selected.id if selected else None)

    def _show_scope(self, selected_id: str | None) -> None:
        shown = self.shown_indicators()
        self._update_summary(shown)
        self.overview.set_indicators(shown, selected_id)
        if selected_id is None or not any(i.id == selected_id for i in shown):
            selected_id = shown[0].id if shown else None
        if selected_id is not None:
            self.select_indicator(selected_id)
        else:
            self.trend.set_indicator(None, self.periods, self.today)

    def _scope_changed(self, own: bool) -> None:
        selected = self.selected_indicator()
        self.proxy.set_own_only(own and self.department_id is not None)
        self._show_scope(selected.id if selected else None)

    def _update_summary(self, shown: list[IndicatorStatus]) -> None:
        parts = [self.tr("%1 项指标").replace("%1", str(len(shown)))]
        for light in (Light.green, Light.yellow, Light.red, Light.grey):
            count = sum(1 for i in shown if i.light is light)
            if count:
                color = LIGHT_COLORS[light].solid.name()
                mark = i18n.LIGHT_SHAPES[light.value]
                parts.append(
                    f"<span style='color:{color}'>{mark}</span> {light_name(light)} {count}"
                )
        self.summary.setText("　".join(parts))

    def shown_indicators(self) -> list[IndicatorStatus]:
        """The indicators in the table (after the 本单位/全区 choice), in plan order."""
        rows = [
            self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            for r in range(self.proxy.rowCount())
        ]
        return [self.model.indicator(r) for r in sorted(rows)]

    def selected_indicator(self) -> IndicatorStatus | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.indicator(self.proxy.mapToSource(index).row())

    def select_indicator(self, indicator_id: str) -> None:
        """Select an indicator in the table (its trend chart follows)."""
        row = self.model.row_of(indicator_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_trend(self.model.indicator(row))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self._show_trend(self.model.indicator(self.proxy.mapToSource(current).row()))

    def _show_trend(self, ind: IndicatorStatus) -> None:
        if (
            self.trend.indicator is not None
            and self.trend.indicator.id == ind.id
            and self.trend.trend is not None
        ):
            return
        self.trend.set_indicator(ind, self.periods, self.today)
        self.overview.select(ind.id)
        self.details.setText(self.details_html(ind))

    def details_html(self, ind: IndicatorStatus) -> str:
        """The figures above the trend chart as small tiles (target, current, expected,
        warning), then the kind and the departments responsible."""
        unit = f" {ind.unit}" if ind.unit and ind.kind != "yesno" else ""
        color = LIGHT_COLORS[ind.light].solid.name()
        current = (
            value_text(ind, ind.current) + unit if ind.current is not None else self.tr("未填报")
        )
        expected = expected_text(ind)
        if ind.kind != "yesno":
            expected += unit
        tiles = [
            (column_title("target"), escape(target_text(ind) + unit)),
            (column_title("current"), escape(current)),
            (column_title("expected"), escape(expected)),
            (
                column_title("light"),
                f"<span style='color:{color}'>{i18n.LIGHT_SHAPES[ind.light.value]}</span> "
                f"{escape(light_name(ind.light))} {escape(light_word(ind.light))}",
            ),
        ]
        head = "".join(
            f"<td style='color:#5F6B7A; padding-right:18px'>{escape(c)}</td>" for c, _ in tiles
        )
        body = "".join(
            f"<td style='font-weight:bold; padding-right:18px'>{v}</td>" for _, v in tiles
        )
        text = f"<table cellspacing='0' cellpadding='1'><tr>{head}</tr><tr>{body}</tr></table>"
        who = self.model.department_names(ind)
        line = self.tr("类型：%1").replace("%1", i18n.kind_label(ind.kind))
        if who:
            line += " · " + self.tr("责任单位：%1").replace("%1", who)
        return text + f"<div style='color:#5F6B7A'>{escape(line)}</div>"

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.indicatorActivated.emit(self.proxy.data(index, ID_ROLE))
