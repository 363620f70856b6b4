"""进度甘特图: the plan's phases, tasks, activities and safeguards on a time line.

The chart is a QGraphicsView over a scene with one item per row; the time scale
above it and the row labels left of it are separate widgets that follow the
chart's scrolling, so both stay visible.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui.pages import Page
from ipdesk.gui.session import Session
from ipdesk.gui.views.timeline_chart import TimelineGraphicsView
from ipdesk.gui.views.timeline_header import (
    TimelineCorner,
    TimelineLegend,
    TimelineScaleHeader,
)
from ipdesk.gui.views.timeline_items import (
    ROW_H,
    TimelineScene,
)
from ipdesk.gui.views.timeline_labels import TimelineRowLabels
from ipdesk.gui.widgets.common import restore_splitters, save_splitters
from ipdesk.read.timeline import GROUP, TimelineData, TimelineRow, load_timeline
from ipdesk.store import clock
from ipdesk.store.changes import EVERYTHING, Changes

ZOOM_STEP = 1.25
MONTH_PX_PER_DAY = 2.2  # a month about 66 px wide


class TimelineView(Page):
    """The timeline page of the open file."""

    KEY = "timeline"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.data: TimelineData | None = None
        # A department sees every task, and may keep to its own (只看本单位).
        self.department_id: str | None = session.department_id
        self._first_show = True
        self.scene = TimelineScene(self)
        self.view = TimelineGraphicsView(self.scene)
        self.view.setObjectName("timelineChart")
        self.header = TimelineScaleHeader(self.view)
        self.labels = TimelineRowLabels(self.view)
        self.corner = TimelineCorner(self.header)
        self.scene.set_fonts(self.font())
        self._build()
        self._connect()
        self.own_only.setVisible(self.department_id is not None)
        # A fixed minimum: the page's content changing never resizes the window's limits.
        self.setMinimumSize(640, 420)

    # Layout -------------------------------------------------------------------
    def _tool(self, text: str, tip: str, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setAutoRaise(True)
        return button

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        bar.setSpacing(4)
        self.month_button = self._tool(self.tr("月"), self.tr("按月显示刻度"), True)
        self.quarter_button = self._tool(self.tr("季度"), self.tr("按季度显示刻度"), True)
        self.scale_group = QButtonGroup(self)
        self.scale_group.setExclusive(True)
        for button in (self.month_button, self.quarter_button):
            self.scale_group.addButton(button)
        self.quarter_button.setChecked(True)
        self.zoom_out_button = self._tool(self.tr("缩小"), self.tr("缩小时间轴（Ctrl+滚轮）"))
        self.zoom_in_button = self._tool(self.tr("放大"), self.tr("放大时间轴（Ctrl+滚轮）"))
        self.fit_button = self._tool(self.tr("全程"), self.tr("显示整个计划期"))
        self.expand_button = self._tool(self.tr("全部展开"), self.tr("展开所有工作领域"))
        self.collapse_button = self._tool(self.tr("全部折叠"), self.tr("折叠所有工作领域"))
        self.today_button = self._tool(self.tr("今天"), self.tr("滚动到今天"))
        self.own_only = QCheckBox(self.tr("只看本单位"), self)
        self.own_only.setToolTip(self.tr("只显示本单位牵头或配合的任务"))
        self.own_only.setVisible(False)
        scale_label = QLabel(self.tr("刻度"), self)
        widget: QWidget
        for widget in (scale_label, self.month_button, self.quarter_button):
            bar.addWidget(widget)
        bar.addWidget(self._separator())
        for widget in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.today_button,
        ):
            bar.addWidget(widget)
        bar.addWidget(self._separator())
        for widget in (self.expand_button, self.collapse_button, self.own_only):
            bar.addWidget(widget)
        bar.addStretch(1)
        # The legend on a line of its own: whole in any language, at any width.
        self.legend = TimelineLegend(self)
        self.legend_row = QHBoxLayout()
        self.legend_row.setContentsMargins(8, 0, 8, 2)
        self.legend_row.addWidget(self.legend)
        self.legend_row.addStretch(1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.corner)
        left_layout.addWidget(self.labels, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(3)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 1000])
        settings = self.session.settings
        self._sized = settings is not None and settings.load_bytes("timeline/splitter") is not None
        restore_splitters(settings, {"timeline/splitter": self.splitter})

        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.HLine)
        frame.setFrameShadow(QFrame.Shadow.Plain)
        frame.setStyleSheet("color: #D5DBE3")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addLayout(self.legend_row)
        layout.addWidget(frame)
        layout.addWidget(self.splitter, 1)

    def save_layout(self, settings: Any) -> None:
        save_splitters(settings, {"timeline/splitter": self.splitter})

    def _separator(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setStyleSheet("color: #D5DBE3")
        return line

    def _connect(self) -> None:
        self.view.horizontalScrollBar().valueChanged.connect(self.header.update)
        self.view.verticalScrollBar().valueChanged.connect(self.labels.update)
        self.view.zoomChanged.connect(self.header.update)
        self.view.hoverChanged.connect(self.labels.update)
        self.view.rowClicked.connect(self._select)
        self.view.rowActivated.connect(self._activate)
        self.labels.rowClicked.connect(self._select_and_show)
        self.labels.rowActivated.connect(self._activate)
        self.labels.groupToggled.connect(self.toggle_group)
        self.month_button.clicked.connect(lambda: self.set_scale("month"))
        self.quarter_button.clicked.connect(lambda: self.set_scale("quarter"))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.zoom_fit)
        self.expand_button.clicked.connect(self.expand_all)
        self.collapse_button.clicked.connect(self.collapse_all)
        self.today_button.clicked.connect(self.scroll_to_today)
        self.own_only.toggled.connect(lambda _: self._relayout())

    # Data -----------------------------------------------------------------------
    @classmethod
    def nav_title(cls) -> str:
        return QCoreApplication.translate("MainWindow", "进度甘特图")

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Read the file again and redraw, keeping zoom, scroll, collapsed areas and selection."""
        h = self.view.horizontalScrollBar().value()
        v = self.view.verticalScrollBar().value()
        self.data = load_timeline(self.session.db, clock.today())
        self.scene.set_fonts(self.font())
        self.scene.set_data(self.data)
        self._relayout()
        if self._first_show:
            # The first scale needs the viewport's real width, known once the page that
            # is being shown has been laid out.
            QTimer.singleShot(0, self._initial_zoom)
        else:
            self.view.horizontalScrollBar().setValue(h)
            self.view.verticalScrollBar().setValue(v)
        self.header.update()
        self.labels.update()

    def _initial_zoom(self) -> None:
        if self.data is None or not self.isVisible() or not self._first_show:
            return
        self._first_show = False
        # Labels take at most 30% of a narrow page, so the chart keeps its room.
        if not self._sized:  # else: where the user left it
            total = sum(self.splitter.sizes())
            left = max(300, min(380, round(total * 0.3)))
            self.splitter.setSizes([left, total - left])
        self.set_scale(self.view.unit)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._first_show:
            QTimer.singleShot(0, self._initial_zoom)

    # Rows ---------------------------------------------------------------------------
    def _is_own(self, row: TimelineRow) -> bool:
        task = row.task
        return task is not None and (
            self.department_id in task.lead or self.department_id in task.co
        )

    def _relayout(self) -> None:
        if self.data is None:
            return
        own_only = self.own_only.isChecked() and self.department_id is not None
        shown: set[str] = set()
        if own_only:
            kept = {r.key for r in self.data.rows if self._is_own(r)}
            groups = {r.group for r in self.data.rows if r.key in kept}
        for row in self.data.rows:
            if own_only and row.kind != GROUP and row.key not in kept:
                continue
            if own_only and row.kind == GROUP and row.group not in groups:
                continue
            if row.kind != GROUP and row.group in self.labels.collapsed:
                continue
            shown.add(row.key)
        self.scene.layout_rows(shown)
        self.view.viewport().update()
        self.labels.update()

    def shown_rows(self) -> list[TimelineRow]:
        """The rows on the timeline, top to bottom (collapsed areas' tasks left out)."""
        return list(self.scene.shown)

    def groups(self) -> list[str]:
        return [r.group for r in self.data.rows if r.kind == GROUP] if self.data else []

    def set_group_collapsed(self, group: str, collapsed: bool) -> None:
        if collapsed:
            self.labels.collapsed.add(group)
        else:
            self.labels.collapsed.discard(group)
        self._relayout()

    def toggle_group(self, group: str) -> None:
        self.set_group_collapsed(group, group not in self.labels.collapsed)

    def expand_all(self) -> None:
        self.labels.collapsed.clear()
        self._relayout()

    def collapse_all(self) -> None:
        self.labels.collapsed = set(self.groups())
        self._relayout()

    def _select(self, key: str) -> None:
        self.view.selected_key = key
        self.view.viewport().update()
        self.labels.update()

    def _select_and_show(self, key: str) -> None:
        """A row label clicked: select it and bring its bar into view."""
        self._select(key)
        item = self.scene.items_by_key.get(key)
        rect = item.bar_rect() if item is not None else None
        if rect is None:
            return
        left = self.view.day_x(rect.left())
        right = self.view.day_x(rect.right())
        width = self.view.viewport().width()
        if right < 0 or left > width:
            bar = self.view.horizontalScrollBar()
            bar.setValue(bar.value() + round(left - 40))

    def find_text(self, text: str) -> bool:
        """Ctrl+F: select the first row whose code or title contains `text` and bring
        it into view (its area opened if it was collapsed). True when found."""
        needle = text.strip().lower()
        if not needle or self.data is None:
            return False
        for row in self.data.rows:
            haystack = f"{row.code} {row.label} {row.title}".lower()
            if needle in haystack:
                if row.group in self.labels.collapsed:
                    self.set_group_collapsed(row.group, False)
                self._select_and_show(row.key)
                self.ensure_row_visible(row.key)
                return True
        return False

    def _activate(self, task_id: str) -> None:
        self._select(task_id)
        self.taskActivated.emit(task_id)

    def bar_center(self, task_id: str) -> QPoint | None:
        """Viewport point at the middle of a task's bar (its visible part), or None."""
        item = self.scene.items_by_key.get(task_id)
        if item is None or task_id not in self.scene.index_of:
            return None
        rect = item.bar_rect()
        if rect is None:
            return None
        left = max(self.view.day_x(rect.left()), 0)
        right = min(self.view.day_x(rect.right()), self.view.viewport().width())
        y = self.view.row_y(self.scene.index_of[task_id]) + ROW_H / 2
        return QPoint(round((left + right) / 2), round(y))

    def ensure_row_visible(self, key: str) -> None:
        n = self.scene.index_of.get(key)
        if n is not None:
            self.view.ensureVisible(0, n * ROW_H, 1, ROW_H, 0, ROW_H)

    # Scale and zoom -------------------------------------------------------------
    def set_scale(self, unit: str) -> None:
        """月: about 66 px per month around the current position; 季度: the whole plan."""
        self.view.unit = unit
        (self.month_button if unit == "month" else self.quarter_button).setChecked(True)
        if self.data is None:
            return
        if unit == "month":
            self.view.set_px_per_day(MONTH_PX_PER_DAY)
            self.scroll_to_today()
        else:
            self.zoom_fit()
        self.view.viewport().update()
        self.header.update()
        self.corner.update()

    def zoom_in(self) -> None:
        self.view.set_px_per_day(self.view.px_per_day * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.view.set_px_per_day(self.view.px_per_day / ZOOM_STEP)

    def zoom_fit(self) -> None:
        self.view.set_px_per_day(self.view.fit_px_per_day())
        self.view.horizontalScrollBar().setValue(self.view.horizontalScrollBar().minimum())

    def scroll_to_today(self) -> None:
        if self.data is None:
            return
        day = self.data.day(self.data.today)
        bar = self.view.horizontalScrollBar()
        bar.setValue(bar.value() + round(self.view.day_x(day) - self.view.viewport().width() / 2))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.FontChange:
            self.scene.set_fonts(QFont(self.font()))
        super().changeEvent(event)
