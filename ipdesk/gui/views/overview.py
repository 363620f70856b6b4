"""全区总览 — all tasks with filters and text search, this period's reporting
completeness per department; double-click opens a task or a department."""

from __future__ import annotations

from collections import Counter
from contextlib import closing
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import i18n
from ipdesk.gui.models.overview import ID_ROLE, CompletenessModel, OverviewModel
from ipdesk.gui.pages import MASTER, Page
from ipdesk.gui.session import Session
from ipdesk.gui.views.timeline_style import reason_text
from ipdesk.gui.widgets.common import fit_columns, heading, setup_table
from ipdesk.messages import message
from ipdesk.read.overview import (
    PLAN_PART,
    SAFEGUARD_PART,
    OverviewData,
    OverviewFilter,
    load_overview,
)
from ipdesk.read.plan import counts
from ipdesk.store import clock
from ipdesk.store.changes import EVERYTHING, Changes
from ipdesk.store.files import open_reader

ASYNC_FROM_TASKS = 1000


class Overview(Page):
    KEY = "overview"
    ROLES = (MASTER,)
    USES_PERIOD = True
    loaded = Signal()  # a worker finished reading a big plan

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("overview")
        self.data: OverviewData | None = None
        self._pending: object | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        self.title = heading(self.tr("全区总览"), self)
        top.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索编号、任务内容或单位…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.area = self._combo("areaFilter")
        self.department = self._combo("departmentFilter")
        self.status = self._combo("statusFilter")
        self.phase = self._combo("phaseFilter")
        self.light = self._combo("lightFilter")
        self.overdue = QCheckBox(self.tr("仅逾期"))
        self.overdue.setObjectName("overdueFilter")
        self.overdue.toggled.connect(self.apply_filter)
        self.unreported = QCheckBox(self.tr("本期未报"))
        self.unreported.setObjectName("unreportedFilter")
        self.unreported.toggled.connect(self.apply_filter)
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear_filters)
        filters.addWidget(self.search, 0, 0, 1, 2)
        filters.addWidget(QLabel(self.tr("领域")), 0, 2)
        filters.addWidget(self.area, 0, 3)
        filters.addWidget(QLabel(self.tr("单位")), 0, 4)
        filters.addWidget(self.department, 0, 5)
        filters.addWidget(self.overdue, 0, 6)
        filters.addWidget(QLabel(self.tr("状态")), 1, 0)
        filters.addWidget(self.status, 1, 1)
        filters.addWidget(QLabel(self.tr("阶段")), 1, 2)
        filters.addWidget(self.phase, 1, 3)
        filters.addWidget(QLabel(self.tr("预警")), 1, 4)
        filters.addWidget(self.light, 1, 5)
        filters.addWidget(self.unreported, 1, 6)
        filters.addWidget(self.clear_button, 1, 7)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 2)
        filters.setColumnStretch(5, 1)
        layout.addLayout(filters)

        self.model = OverviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("taskTable")
        self.table.setModel(self.model)
        # The task's title takes what is left (elided, whole in its tooltip), so the
        # table fits the window's width at 1366×768 and at 150%, in either language.
        setup_table(self.table, stretch=1)
        # Fixed widths from the font, not ResizeToContents: that measures every row
        # on each filter change (170 ms for 5,000 tasks instead of 20).
        fm = self.fontMetrics()

        def widest(texts: list[str]) -> str:
            return max(texts, key=fm.horizontalAdvance)

        lights = [
            i18n.light_text(light, with_word=False) for light in ("red", "yellow", "green", "grey")
        ]
        reasons = [
            reason_text(message(f"light.{r}")) for r in ("report_missing", "report_returned")
        ]
        for column, sample in (
            (0, "三（一）1·三是 "),
            (1, "加强知识产权行政管理体制建设工作"),
            (2, "区知识产权局 "),
            (3, "区科技局、区工信局"),
            (4, "2025-12-31 "),
            (5, widest([i18n.status_label(s) for s in i18n.STATUS_ORDER])),
            (6, "100% "),
            (7, widest(lights)),
            (8, "■ " + widest(reasons)),
            (9, widest([reason_text(message(f"light.{r}")) for r in ("behind", "done")])),
        ):
            width = (
                max(
                    fm.horizontalAdvance(sample),
                    fm.horizontalAdvance(self.model.headers[column] + "   "),
                )
                + 16
            )
            self.table.setColumnWidth(column, width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._task_double_clicked)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        tasks_box = QWidget()
        tasks_layout = QVBoxLayout(tasks_box)
        tasks_layout.setContentsMargins(0, 0, 0, 0)
        tasks_layout.addWidget(self.table, 1)
        tasks_layout.addWidget(self.count_label)

        self.completeness_box = QGroupBox()
        box_layout = QVBoxLayout(self.completeness_box)
        self.completeness = CompletenessModel(self)
        self.completeness_view = QTableView()
        self.completeness_view.setObjectName("completenessTable")
        self.completeness_view.setModel(self.completeness)
        setup_table(self.completeness_view, stretch=5)
        fit_columns(self.completeness_view, [0, 1, 2, 3, 4])
        self.completeness_view.doubleClicked.connect(self._department_double_clicked)
        box_layout.addWidget(self.completeness_view)
        # At least four departments in view, however small the screen.
        rows = self.completeness_view.verticalHeader().defaultSectionSize()
        header = self.completeness_view.horizontalHeader().sizeHint().height()
        self.completeness_view.setMinimumHeight(header + 4 * rows + 4)
        hint = QLabel(self.tr("双击单位查看其填报内容并审核。"))
        hint.setStyleSheet("color: #666;")
        box_layout.addWidget(hint)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("overviewSplitter")
        self.splitter.addWidget(tasks_box)
        self.splitter.addWidget(self.completeness_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        settings = session.settings
        if settings is not None:
            for key, target in (
                ("overview/splitter", self.splitter),
                ("overview/header", self.table.horizontalHeader()),
            ):
                state = settings.load_bytes(key)
                if state is not None:
                    target.restoreState(state)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self.apply_filter)
        return combo

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for key, label in items:
            combo.addItem(label, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # ------------------------------------------------------------------ data
    @classmethod
    def nav_title(cls) -> str:
        return QCoreApplication.translate("MainWindow", "全区总览")

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Read the overview again. A big plan is read on a worker, so the window stays
        usable while it loads (the filters then answer from memory)."""
        session = self.session
        count = counts(session.db, ("tasks",))["tasks"]
        if count < ASYNC_FROM_TASKS:
            self.set_data(load_overview(session.db, session.period, clock.today()))
            return
        token = object()
        self._pending = token
        self.count_label.setText(self.tr("正在读取 {n} 项任务…").format(n=count))
        path, period, today = session.path, session.period, clock.today()

        def job(progress: Any, cancel: Any) -> OverviewData:
            with closing(open_reader(path)) as db:
                return load_overview(db, period, today)

        def done(data: OverviewData) -> None:
            if self._pending is token:
                self._pending = None
                self.set_data(data)
                self.loaded.emit()

        session.jobs.start(job, on_done=done)

    def set_data(self, data: OverviewData) -> None:
        self.data = data
        everything = self.tr("全部")
        parts = {
            PLAN_PART: self.tr("四、工作计划（阶段活动）"),
            SAFEGUARD_PART: self.tr("五、保障措施"),
        }
        self._fill(self.area, everything, [(k, label or parts[k]) for k, label in data.areas])
        self._fill(self.department, everything, data.departments)
        self._fill(self.status, everything, [(k, i18n.status_label(k)) for k in i18n.STATUS_ORDER])
        self._fill(self.phase, everything, data.phases)
        self._fill(
            self.light,
            everything,
            [(k, i18n.light_text(k)) for k in ("red", "yellow", "green", "grey")],
        )
        self.model.set_rows(data.rows)
        self.completeness.set_items(data.completeness, data.names)
        self.completeness_box.setTitle(
            self.tr("{period} 报送情况").format(period=i18n.period_label(self.session.period))
        )
        self._update_summary()
        self.apply_filter()

    def current_filter(self) -> OverviewFilter:
        return OverviewFilter(
            text=self.search.text().strip(),
            area=self.area.currentData() or "",
            department=self.department.currentData() or "",
            status=self.status.currentData() or "",
            phase=self.phase.currentData() or "",
            light=self.light.currentData() or "",
            overdue=self.overdue.isChecked(),
            unreported=self.unreported.isChecked(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.count_label.setText(
            self.tr("显示 {shown} / {total} 项任务").format(
                shown=self.model.rowCount(), total=len(self.model.all)
            )
        )

    def clear_filters(self) -> None:
        for combo in (self.area, self.department, self.status, self.phase, self.light):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for box in (self.overdue, self.unreported):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def _update_summary(self) -> None:
        assert self.data is not None
        # Counted as the printed summary counts: a task with sub-tasks once.
        items = [r for r in self.data.rows if r.kind != "subtask"]
        status = Counter(r.status for r in items)
        lights = Counter(r.light for r in items)
        late = sum(1 for r in items if r.report_light == "red")
        comp = self.data.completeness
        due = [c for c in comp if c.expected]
        done = [c for c in due if c.reported >= c.expected]
        self.summary.setText(
            self.tr(
                "任务 {n} 项（子任务随上级任务计）：已完成 {done}，推进中 {doing}，滞后 {behind}；"
                "进度 {red} {r} 项，{yellow} {y} 项，{green} {g} 项；未按时报送 {late} 项；"
                "本期应报 {due} 个单位，已报齐 {reported} 个。"
            ).format(
                n=len(items),
                late=late,
                done=status["done"],
                doing=status["in_progress"],
                behind=status["behind"],
                red=i18n.light_text("red", with_word=False),
                r=lights["red"],
                yellow=i18n.light_text("yellow", with_word=False),
                y=lights["yellow"],
                green=i18n.light_text("green", with_word=False),
                g=lights["green"],
                due=len(due),
                reported=len(done),
            )
        )

    # ------------------------------------------------------------------ activation
    def _task_double_clicked(self, index: QModelIndex) -> None:
        task_id = index.data(ID_ROLE)
        if task_id:
            self.taskActivated.emit(task_id)

    def _department_double_clicked(self, index: QModelIndex) -> None:
        dept = index.data(ID_ROLE)
        if dept:
            self.departmentActivated.emit(dept)

    def save_layout(self, settings: Any) -> None:
        settings.save_bytes("overview/splitter", self.splitter.saveState())
        settings.save_bytes("overview/header", self.table.horizontalHeader().saveState())
