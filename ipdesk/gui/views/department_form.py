"""部门填报 — what a liaison officer sees when a department file is opened, and what
the coordinator sees when picking a department in the master (DESIGN.md §5).

Each change in the form is one edit of the file (saved at once, undoable); the plan
itself (task texts, dates, targets) is shown read-only.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.errors import BadInput
from ipdesk.gui import errors, exports, i18n, operations
from ipdesk.gui.models.department import DeptTaskModel, IndicatorGridModel
from ipdesk.gui.pages import Page
from ipdesk.gui.session import Session
from ipdesk.gui.widgets import ask
from ipdesk.gui.widgets.common import Banner, fit_columns, heading, setup_table
from ipdesk.gui.widgets.task_detail import TaskDetail
from ipdesk.messages import message
from ipdesk.plan import entry, rules
from ipdesk.read.department import (
    REPORT_FIELDS,
    DeptIndicator,
    DeptTask,
    Reminders,
    Submission,
    department_indicators,
    department_tasks,
    reminders,
    submission,
)
from ipdesk.read.indicators import SOURCES as INDICATOR_SOURCES
from ipdesk.read.indicators import IndicatorStatus
from ipdesk.read.plan import reporting_departments
from ipdesk.read.tasks import SOURCES as TASK_STATUS_SOURCES
from ipdesk.read.tasks import TaskStatus
from ipdesk.store import clock, evidence
from ipdesk.store.changes import EVERYTHING, NOTHING, Changes
from ipdesk.store.files import open_reader
from ipdesk.work import CancelToken, Progress

Index = QModelIndex | QPersistentModelIndex


def show_in_folder(path: Path) -> None:
    """Show a file in its folder, selected where the system can (Windows Explorer),
    without opening the file itself."""
    if sys.platform == "win32":
        subprocess.Popen(["explorer", "/select,", str(path)])  # noqa: S603, S607
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def parse_number(text: str, kind: str) -> float | None:
    """A typed value: full-width digits and thousands separators are fine; 是/否 for yes/no.
    Returns None for empty text; raises ValueError for anything else."""
    clean = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("，", "")
    if clean == "":
        return None
    if kind == "yesno":
        words = {"是": 1.0, "否": 0.0, "yes": 1.0, "no": 0.0, "y": 1.0, "n": 0.0}
        if clean.lower() in words:
            return words[clean.lower()]
    if clean.endswith("%"):
        clean = clean[:-1]
    return float(clean)


class ValueDelegate(QStyledItemDelegate):
    """The 本期新增 editor: checks the value as it is typed (not negative, cumulative
    never falls, unusual jumps questioned) and says why next to the cell."""

    def __init__(self, form: DepartmentForm) -> None:
        super().__init__(form)
        self.form = form

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        item = self.form.grid.items[index.row()]
        if item.status.kind == "yesno":
            combo = QComboBox(parent)
            combo.addItem("", "")
            combo.addItem(self.tr("是"), "1")
            combo.addItem(self.tr("否"), "0")
            return combo
        editor = QLineEdit(parent)
        editor.setObjectName("valueEditor")
        row = index.row()
        editor.textEdited.connect(lambda text: self.form.live_check(row, text, editor))
        return editor

    def shown_value(self, index: Index) -> str:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        item = self.form.grid.items[index.row()]
        if value and self.form.by_total(item):
            # Typing running totals: the field holds the department's total.
            value = i18n.number(self.form.own_total(item, item.value), 6)
        return str(value)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = self.shown_value(index)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(
                max(0, editor.findData("1" if value == "1" else "0" if value == "0" else ""))
            )
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentData()
        elif isinstance(editor, QLineEdit):
            text = editor.text()
        else:
            return
        if text != self.shown_value(index):
            model.setData(index, text, Qt.ItemDataRole.EditRole)


# The tables a department's task list is read from (ipdesk.read.department.department_tasks).
TASK_SOURCES = (*TASK_STATUS_SOURCES, "evidence", "milestones", "milestone_actuals")


class DepartmentForm(Page):
    """The department's page for one period."""

    KEY = "form"
    USES_PERIOD = True
    remindersChanged = Signal(str)  # HTML for the reminder panel
    valueHandled = Signal(str)  # an entered indicator value was checked: "saved", "refused", "kept"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("departmentForm")
        self.department_id: str | None = session.department_id
        self.tasks: list[DeptTask] = []
        self.indicators: list[DeptIndicator] = []
        self.state = "draft"
        self._selected: str | None = None
        self._said: tuple[str, float | None] | None = None  # the value a message speaks of

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setObjectName("departmentPicker")
        self.picker.setMinimumContentsLength(12)
        self.picker.currentIndexChanged.connect(self._picked)
        if session.is_master:
            picker_label = QLabel(self.tr("单位(&U)"))
            picker_label.setBuddy(self.picker)
            top.addWidget(picker_label)
            top.addWidget(self.picker)
        else:
            self.picker.hide()
        self.title = heading("", self)
        self.title.setObjectName("formTitle")
        top.addWidget(self.title)
        # The state on the title's line (not a line of its own): the lists get the height.
        self.banner = Banner()
        self.banner.setObjectName("stateBanner")
        top.addWidget(self.banner, 1)
        layout.addLayout(top)

        self.lead_box, self.lead_view, self.lead_model = self._task_group()
        self.co_box, self.co_view, self.co_model = self._task_group()

        grid_box = QWidget()
        grid_box.setObjectName("indicatorBox")
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 4, 0, 0)
        self.total_mode = QCheckBox(self.tr("累计类指标按累计总数填写（自动换算为本期新增）(&G)"))
        self.total_mode.setObjectName("totalMode")
        self.total_mode.setToolTip(
            self.tr("勾选后，累计类指标填写截至本期末的累计总数；不勾选则填写本期新增数。")
        )
        self.total_mode.toggled.connect(self._total_mode_switched)
        self.grid = IndicatorGridModel(self)
        self.grid.valueEntered.connect(self._value_entered, Qt.ConnectionType.QueuedConnection)
        self.grid_view = QTableView()
        self.grid_view.setObjectName("indicatorGrid")
        self.grid_view.setModel(self.grid)
        setup_table(self.grid_view, stretch=0)
        fit_columns(self.grid_view, [1, 2, 4, 5, 6])
        self.grid_view.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Interactive
        )
        self.grid_view.setColumnWidth(
            3, self.fontMetrics().horizontalAdvance("本期新增 / 本期数值") + 30
        )
        self.grid_view.setItemDelegateForColumn(
            IndicatorGridModel.VALUE_COLUMN, ValueDelegate(self)
        )
        grid_layout.addWidget(self.grid_view, 1)
        self.check_label = QLabel()
        self.check_label.setObjectName("checkMessage")
        self.check_label.setWordWrap(True)
        # The switch and the check's message share the line under the grid.
        under = QHBoxLayout()
        under.addWidget(self.check_label, 1)
        under.addWidget(self.total_mode)
        grid_layout.addLayout(under)
        self.grid_box = grid_box

        # Lead tasks, co-operating tasks and the indicator grid as three tabs of one
        # pane: each gets the page's whole height (8 rows and more at 1366×768 and at
        # 150%). Alt+1 / Alt+2 / Alt+3 (and Alt+B) go to them. The task detail stands
        # beside the task lists; the grid, which needs no detail, takes the whole width.
        lists = QTabWidget()
        lists.setObjectName("taskTabs")
        lists.setDocumentMode(True)
        lists.addTab(self.lead_box, "")
        lists.addTab(self.co_box, "")
        lists.addTab(grid_box, "")
        self.task_tabs = lists
        self._task_box: QWidget = self.lead_box  # the task list last shown
        for keys, box in (
            ("Alt+1", self.lead_box),
            ("Alt+2", self.co_box),
            ("Alt+3", grid_box),
            ("Alt+B", grid_box),
        ):
            jump = QShortcut(QKeySequence(keys), self)
            jump.setContext(Qt.ShortcutContext.WindowShortcut)  # while the form is shown
            jump.activated.connect(lambda b=box: self.show_task_list(b))
        self.detail = TaskDetail()
        self.detail.reportChanged.connect(self._report_changed)
        self.detail.milestoneChanged.connect(self._milestone_changed)
        self.detail.addEvidence.connect(self.add_evidence)
        self.detail.openEvidence.connect(self.open_evidence)
        self.detail.removeEvidence.connect(self.remove_evidence)
        self.detail.copyPrevious.connect(self.copy_previous)
        self.upper = QSplitter(Qt.Orientation.Horizontal)
        self.upper.setObjectName("formUpperSplitter")
        self.upper.setChildrenCollapsible(False)
        self.upper.addWidget(lists)
        self.upper.addWidget(self.detail)
        self.upper.setStretchFactor(0, 5)
        self.upper.setStretchFactor(1, 6)
        lists.currentChanged.connect(self._tab_shown)
        layout.addWidget(self.upper, 1)
        self._sized = False
        self._loaded = False
        self._read_for: tuple[Any, ...] | None = None  # department, period, day of the rows
        settings = session.settings
        if settings is not None:
            state = settings.load_bytes("form/upper")
            if state is not None and self.upper.restoreState(state):
                self._sized = True

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.approve_button = QPushButton(self.tr("审核通过"))
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.setObjectName("returnReport")
        self.return_button.clicked.connect(self.return_report)
        self.submit_button = QPushButton(self.tr("提交本期"))
        self.submit_button.setObjectName("submit")
        self.submit_button.clicked.connect(self.submit)
        self.print_button = QPushButton(self.tr("打印本部门表"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.send_button = QPushButton(self.tr("导出报送文件"))
        self.send_button.setObjectName("send")
        self.send_button.clicked.connect(self.send)
        for button in (
            self.approve_button,
            self.return_button,
            self.submit_button,
            self.print_button,
            self.send_button,
        ):
            buttons.addWidget(button)
        self.approve_button.setVisible(session.is_master)
        self.return_button.setVisible(session.is_master)
        self.submit_button.setVisible(not session.is_master)
        self.send_button.setVisible(not session.is_master)
        layout.addLayout(buttons)
        # Ctrl+Tab / Ctrl+Shift+Tab: from pane to pane (lists, detail, indicator grid).
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+Backtab", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.next_pane(s))
        if session.is_master:
            self._fill_picker()

    def panes(self) -> list[QWidget]:
        """The panes Ctrl+Tab moves between: the task list last shown (so moving on
        never chooses another task), the chosen task's detail, the indicator grid."""
        tasks = self.co_view if self._task_box is self.co_box else self.lead_view
        tabs = self.task_tabs
        return [
            w
            for w, box in (
                (tasks, self._task_box),
                (self.detail.status, self._task_box),
                (self.grid_view, self.grid_box),
            )
            if w.isEnabled() and tabs.isTabVisible(tabs.indexOf(box))
        ]

    def next_pane(self, step: int = 1) -> None:
        panes = self.panes()
        if not panes:
            return
        focus = QApplication.focusWidget()
        if focus in (self.lead_view, self.co_view):
            here = 0
        elif focus is not None and self.detail.isAncestorOf(focus):
            here = 1
        elif focus is not None and (focus is self.grid_view or self.grid_view.isAncestorOf(focus)):
            here = 2
        else:
            here = -1 if step > 0 else 0
        kinds = [
            0 if w in (self.lead_view, self.co_view) else 1 if w is self.detail.status else 2
            for w in panes
        ]
        here = kinds.index(here) if here in kinds else (-1 if step > 0 else 0)
        target = panes[(here + step) % len(panes)]
        if target is self.grid_view:
            self.show_task_list(self.grid_box)
        elif target in (self.lead_view, self.co_view):
            self.show_task_list(self._task_box)
        else:
            self.task_tabs.setCurrentWidget(self._task_box)
            target.setFocus(Qt.FocusReason.TabFocusReason)

    # ------------------------------------------------------------------ building
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._initial_sizes()

    def save_layout(self, settings: Any) -> None:
        settings.save_bytes("form/upper", self.upper.saveState())

    def _initial_sizes(self) -> None:
        if not self._sized and self._loaded and self.isVisible():
            # The task list as wide as its detail: its titles must stay readable at
            # 150% and in English (the columns beside them fit their words).
            self._sized = True
            width = max(self.upper.width(), 600)
            self.upper.setSizes([width // 2, width - width // 2])

    def _tab_shown(self, index: int) -> None:
        """The task detail stands beside a task list; the indicator grid, which has
        no detail, takes the whole width."""
        shown = self.task_tabs.widget(index)
        on_grid = shown is self.grid_box
        self.detail.setVisible(not on_grid)
        if not on_grid and shown is not None:
            self._task_box = shown

    def _task_group(self) -> tuple[QWidget, QTableView, DeptTaskModel]:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 4, 0, 0)
        model = DeptTaskModel(self)
        view = QTableView()
        view.setModel(model)
        setup_table(view, stretch=0)
        fit_columns(view, [1, 2, 3, 4])
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous, v=view: self._row_chosen(v, current)
        )
        view.installEventFilter(self)
        box_layout.addWidget(view)
        return box, view, model

    def _fill_picker(self) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        owners = reporting_departments(self.session.db)
        for dept in self.session.departments().values():
            if dept.id in owners:
                self.picker.addItem(dept.short_name, dept.id)
        self.picker.blockSignals(False)
        if self.department_id is None and self.picker.count():
            # The department with the most to do first: the coordinator's own office.
            self.department_id = self.picker.itemData(0)
        self.picker.setCurrentIndex(max(0, self.picker.findData(self.department_id)))

    def _picked(self) -> None:
        dept = self.picker.currentData()
        if dept and dept != self.department_id:
            self.detail.flush_all()
            self.department_id = dept
            self._selected = None
            self.refresh(NOTHING)

    # ------------------------------------------------------------------ API
    def set_department(self, department_id: str) -> None:
        """Show a department (the coordinator picking one, e.g. from the overview)."""
        if not self.session.is_master:
            return
        index = self.picker.findData(department_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    @classmethod
    def nav_title(cls) -> str:
        return QCoreApplication.translate("MainWindow", "部门填报")

    @property
    def period(self):
        return self.session.period

    def editable(self) -> bool:
        """May this file change the department's data for the period? (Never in a
        backup opened to look at.)"""
        if self.department_id is None or self.session.read_only:
            return False
        locked = ("approved",) if self.session.is_master else ("submitted", "approved")
        return self.state not in locked

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        if self.department_id is None:
            return
        db = self.session.db
        period = self.period
        all_tasks, all_indicators = self._plan_wide(changes)
        # What an edit did not touch is not read again: a value leaves the tasks as they
        # were, a report the indicators (the department, the period and the day the same).
        read_for = (self.department_id, period, clock.today())
        same = self._read_for == read_for
        if not same or changes.touches(TASK_SOURCES):
            self.tasks = department_tasks(db, self.department_id, period, all_tasks)
        if not same or changes.touches(INDICATOR_SOURCES):
            self.indicators = department_indicators(db, self.department_id, period, all_indicators)
        self._read_for = read_for
        said = self._said
        if said is not None:
            now = {i.status.id: i.value for i in self.indicators}
            if said[0] not in now or now[said[0]] != said[1]:
                # What the message spoke of has changed (an undo, a merge): it goes.
                self._said = None
                self._show_check("", "")
        sub = submission(db, self.department_id, period)
        self.state = sub.state
        editable = self.editable()
        name = self.session.department_name(self.department_id)
        deadline = period.deadline(self.session.info.deadline_days)
        self.title.setText(
            self.tr("{dept} · {period} · 截止 {deadline}").format(
                dept=name, period=i18n.period_label(period), deadline=deadline.isoformat()
            )
        )
        self._show_state(sub)
        lead = [t for t in self.tasks if t.role == "lead"]
        co = [t for t in self.tasks if t.role == "co"]
        tabs = self.task_tabs
        for index, label in (
            (0, self.tr("牵头任务（{n}）").format(n=len(lead))),
            (1, self.tr("配合任务（{n}）").format(n=len(co))),
        ):
            if tabs.tabText(index) != label:  # a tab bar relays out on every setTabText
                tabs.setTabText(index, label)
        tabs.setTabToolTip(0, "Alt+1")
        tabs.setTabToolTip(1, "Alt+2")
        self._grid_tab(tabs)
        # An empty list gets no tab.
        tabs.setTabVisible(0, bool(lead) or not co)
        tabs.setTabVisible(1, bool(co))
        selected = self._selected
        for view, model, items in (
            (self.lead_view, self.lead_model, lead),
            (self.co_view, self.co_model, co),
        ):
            view.selectionModel().blockSignals(True)
            model.update_items(items)  # an edit repaints only the rows it changed
            view.selectionModel().blockSignals(False)
        self.grid.set_items(self.indicators, editable, self.department_id)
        triggers = (
            QTableView.EditTrigger.DoubleClicked
            | QTableView.EditTrigger.SelectedClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.AnyKeyPressed
        )
        self.grid_view.setEditTriggers(
            triggers if editable else QTableView.EditTrigger.NoEditTriggers
        )
        self.submit_button.setEnabled(self.state in ("draft", "returned"))
        self.approve_button.setEnabled(self.state == "submitted")
        self.return_button.setEnabled(self.state in ("submitted", "approved"))
        if selected is None and self.tasks:
            selected = self.tasks[0].id
        self.select_task(selected)
        self.remindersChanged.emit(
            self.reminder_html(
                reminders(db, self.department_id, period, self.tasks, self.indicators)
            )
        )
        self._loaded = True
        self._initial_sizes()

    def _grid_tab(self, tabs: QTabWidget) -> None:
        index = tabs.indexOf(self.grid_box)
        tabs.setTabText(index, self.tr("指标填报（{n}）").format(n=len(self.indicators)))
        tabs.setTabToolTip(index, "Alt+3 / Alt+B")
        tabs.setTabVisible(index, bool(self.indicators))

    def _plan_wide(self, changes: Changes) -> tuple[list[TaskStatus], list[IndicatorStatus]]:
        """Every task's and indicator's status (the lights need the whole plan), kept up
        to date edit by edit by the session's PlanLights (ipdesk.read.lights): an edit
        recomputes only the tasks and indicators it touched."""
        lights = self.session.lights()
        lights.sync()
        return lights.tasks(), lights.indicators()

    def _show_state(self, sub: Submission) -> None:
        state = sub.state
        if state == "draft":
            text = self.tr("状态：草稿 — 填写完成后请点击“提交本期”。")
        elif state == "submitted":
            text = self.tr("状态：已提交（{when}），等待协调员审核。本期内容已锁定。").format(
                when=(sub.submitted_at or "")[:16].replace("T", " ")
            )
        elif state == "approved":
            text = self.tr("状态：审核通过（已锁定）。")
        else:
            text = self.tr("状态：已退回 — 原因：{reason}。请修改后重新提交。").format(
                reason=(sub.reason or "").strip().rstrip("。．.；;，,！!")
            )
        if (self.banner.property("state"), self.banner.text()) != (state, text):
            self.banner.set_state(state, text)  # restyling relays out the whole form

    def show_task_list(self, box: QWidget) -> None:
        """Alt+1 / Alt+2 / Alt+3: the lead or co-operating tasks or the indicator grid,
        focus in the list."""
        index = self.task_tabs.indexOf(box)
        if not self.task_tabs.isTabVisible(index):
            return
        self.task_tabs.setCurrentIndex(index)
        view = {self.lead_box: self.lead_view, self.co_box: self.co_view}.get(box, self.grid_view)
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_task(self, task_id: str | None) -> None:
        task = next((t for t in self.tasks if t.id == task_id), None)
        self._selected = task.id if task else None
        if task is not None:
            box = self.co_box if task.role == "co" else self.lead_box
            self._task_box = box
            if self.task_tabs.currentWidget() is not self.grid_box:
                self.task_tabs.setCurrentWidget(box)  # the grid, being used, stays
        for view, model in ((self.lead_view, self.lead_model), (self.co_view, self.co_model)):
            row = model.row_of(task_id) if task_id else -1
            chosen = view.selectionModel()
            if row >= 0 and view.currentIndex().row() == row and chosen.isRowSelected(row):
                continue  # already chosen and shown (a refresh after an edit)
            chosen.blockSignals(True)
            if row >= 0:
                view.selectRow(row)
                view.setCurrentIndex(model.index(row, 0))
                view.scrollTo(model.index(row, 0))
            else:
                view.clearSelection()
            chosen.blockSignals(False)
        self.detail.period = self.period
        self.detail.set_task(task, editable=self.editable())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # A task list given the focus (Tab, Alt+1) shows its chosen task in the detail.
        if event.type() == QEvent.Type.FocusIn and watched in (self.lead_view, self.co_view):
            view = watched
            assert isinstance(view, QTableView)
            if view.currentIndex().isValid():
                self._row_chosen(view, view.currentIndex())
        return super().eventFilter(watched, event)

    def _row_chosen(self, view: QTableView, current: Index) -> None:
        if not current.isValid():
            return
        model: Any = view.model()
        self.select_task(model.items[current.row()].id)

    # ------------------------------------------------------------------ reminders
    def reminder_html(self, r: Reminders) -> str:
        lines = []
        if r.unreported:
            lines.append(
                self.tr("<b>{n}</b> 项牵头任务本期未填报：{codes}").format(
                    n=len(r.unreported),
                    codes="、".join(r.unreported[:6]) + ("…" if len(r.unreported) > 6 else ""),
                )
            )
        if r.behind:
            lines.append(
                self.tr("<b>{n}</b> 项指标低于进度：{names}").format(
                    n=len(r.behind),
                    names="、".join(r.behind[:4]) + ("…" if len(r.behind) > 4 else ""),
                )
            )
        for period, reason in r.returned:
            lines.append(
                self.tr("{period} 的报告被退回：{reason}").format(
                    period=i18n.period_label(period), reason=reason
                )
            )
        if r.state in ("draft", "returned"):
            days = (r.deadline - clock.today()).days
            if days >= 0:
                lines.append(
                    self.tr("本期截止 {date}（还有 {n} 天）").format(
                        date=r.deadline.isoformat(), n=days
                    )
                )
            else:
                lines.append(
                    self.tr("本期已过截止日期 {date}，请尽快提交").format(
                        date=r.deadline.isoformat()
                    )
                )
        if not lines:
            lines.append(self.tr("本期没有待办事项。"))
        return "".join(f"<p style='margin:0 0 6px 0'>· {line}</p>" for line in lines)

    # ------------------------------------------------------------------ task edits
    def _report_changed(self, key: str, value: Any) -> None:
        task = self.detail.task
        if task is None or self.department_id is None:
            return
        old = task.report.fields() if task.report else None
        new = {k: (old or {}).get(k) for k in REPORT_FIELDS}
        if old is None:
            new.update(
                status=self.detail.chosen_status(),
                # A first report has a % (0 until typed): its undo can restore it.
                percent=self.detail.chosen_percent() or 0.0,
                progress="",
                problems="",
                next_steps="",
            )
            new.update(
                {
                    k: self.detail.texts[k].toPlainText()
                    for k in ("progress", "problems", "next_steps")
                }
            )
        new[key] = value
        if key == "status" and value == "done":
            new["percent"] = 100.0
        for k in ("progress", "problems", "next_steps"):
            new[k] = new.get(k) or ""
        labels = {
            "status": self.tr("状态"),
            "percent": self.tr("完成%"),
            "progress": self.tr("进展情况"),
            "problems": self.tr("存在问题"),
            "next_steps": self.tr("下步计划"),
        }

        op = operations.report_field(
            self.session, task, self.department_id, str(self.period), new, labels[key]
        )
        if not self.session.run(op):
            self.refresh(NOTHING)

    def copy_previous(self) -> None:
        """复制上期报告: the task's last report (status, %, texts) as this period's, to
        be corrected; one undoable step."""
        task = self.detail.task
        if task is None or task.previous is None or self.department_id is None:
            return
        self.detail.flush_all()
        if task.report is not None and not ask.confirm(
            self,
            self.tr("复制上期报告"),
            self.tr("本期已经填写了这项任务；复制上期报告会替换本期的内容（可撤销）。继续吗？"),
            yes=self.tr("复制"),
        ):
            return
        previous = task.previous.fields()
        new = {k: previous.get(k) for k in REPORT_FIELDS}
        for k in ("progress", "problems", "next_steps"):
            new[k] = new.get(k) or ""
        op = operations.report_field(
            self.session, task, self.department_id, str(self.period), new, self.tr("上期报告")
        )
        if self.session.run(op):
            self.message.emit(
                self.tr("已复制上期报告到 {code}，请按本期情况修改。").format(
                    code=task.status.display_code
                )
            )

    def _milestone_changed(self, milestone_id: str, actual: str | None) -> None:
        task = self.detail.task
        if task is None or self.department_id is None:
            return
        found = next((m.actual for m in task.milestones if m.id == milestone_id), None)
        before = found.isoformat() if found else None
        if before == actual:
            return
        self.session.run(
            operations.milestone_actual(
                self.session, milestone_id, self.department_id, actual, before
            )
        )

    # ------------------------------------------------------------------ evidence
    def add_evidence(self, paths: list[str] | None = None) -> None:
        task = self.detail.task
        if task is None or self.department_id is None:
            return
        if not paths:
            paths = ask.open_paths(self, self.tr("选择佐证材料"), self.session_folder())
        for path in paths:
            self.session.run(
                operations.add_evidence(
                    self.session, self.department_id, path, task.id, str(self.period)
                )
            )

    def session_folder(self) -> str:
        return str(self.session.path.parent)

    def _evidence(self, evidence_id: str) -> Any:
        task = self.detail.task
        return next((e for e in (task.evidence if task else []) if e.id == evidence_id), None)

    def evidence_file(self, evidence_id: str) -> Path | None:
        """Take an evidence file out into IPDesk's own folder (to open it)."""
        return self._extracted(evidence_id).path if self._evidence(evidence_id) else None

    def _extracted(self, evidence_id: str) -> evidence.Extracted:
        ev = self._evidence(evidence_id)
        return evidence.extract(self.session.db, ev.sha256, ev.file_name)

    def open_evidence(self, evidence_id: str) -> None:
        if self._evidence(evidence_id) is None:
            return
        found = errors.guarded(self, self._extracted, evidence_id)
        if found is errors.FAILED:
            return
        if found.runnable:
            # A program or a script is never handed to the system to open (it would run):
            # its folder is shown, and why.
            show_in_folder(found.path)
            ask.inform(self, self.tr("佐证材料"), i18n.pick(*evidence.runnable_words(found.path)))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(found.path)))
        self.message.emit(self.tr("已打开 {name}").format(name=found.path.name))

    def remove_evidence(self, evidence_id: str) -> None:
        ev = self._evidence(evidence_id)
        if ev is None:
            return
        if not ask.confirm(
            self,
            self.tr("删除佐证材料"),
            self.tr("确定删除“{name}”吗？（可用“撤销”恢复）").format(name=ev.file_name),
            yes=self.tr("删除"),
        ):
            return
        path = errors.guarded(self, self.evidence_file, evidence_id)
        if path is errors.FAILED or path is None:
            return
        task = self.detail.task
        if task is None or self.department_id is None:
            return
        self.session.run(
            operations.remove_evidence(self.session, self.department_id, ev, path, task.id)
        )

    # ------------------------------------------------------------------ indicator values
    def live_check(self, row: int, text: str, editor: QLineEdit | None = None) -> tuple[str, str]:
        """Check a value while it is typed: ("", "") fine, ("error", why) or ("question", why)."""
        level, why = self._check(row, text)
        if editor is not None:
            colour = {"error": "#c62828", "question": "#b26a00"}.get(level)
            editor.setStyleSheet(f"QLineEdit {{ border: 2px solid {colour}; }}" if colour else "")
            editor.setToolTip(why)
        self._show_check(level, why)
        return level, why

    def _show_check(self, level: str, why: str) -> None:
        colour = {"error": "#c62828", "question": "#b26a00"}.get(level, "#555555")
        style = f"color: {colour}"
        if self.check_label.styleSheet() != style:  # restyling relays out the grid's box
            self.check_label.setStyleSheet(style)
        self.check_label.setText(why)
        if why:
            self.message.emit(why)

    def _check(self, row: int, text: str) -> tuple[str, str]:
        item = self.grid.items[row]
        try:
            value = parse_number(text, item.status.kind)
        except ValueError:
            return "error", self.tr("“{text}”不是数字，请填写数字。").format(text=text)
        if value is None:
            return "", ""
        try:
            amount = self.entered_amount(item, value)
        except ValueError as exc:  # a running total below the previous one
            zh, _, en = str(exc).partition(" The total")
            return "error", i18n.pick(zh, "The total" + en)
        problems = rules.check_entry(
            item.status.spec,
            item.history(self.period),
            rules.ValueEntry(self.department_id or "", self.period, amount),
        )
        for severity in ("error", "question"):
            for p in problems:
                if p.severity == severity:
                    return severity, i18n.pick(p.message_zh, p.message_en)
        return "", self.other_figure(item, value)

    def _total_mode_switched(self) -> None:
        # A value being typed meant the other figure: it is dropped, not reinterpreted.
        editor = self.grid_view.indexWidget(self.grid_view.currentIndex())
        if editor is not None:
            self.grid_view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self._show_check("", "")

    def by_total(self, item: Any) -> bool:
        """Whether a value typed for `item` is a running total (the switch is on and
        the indicator adds up period amounts)."""
        return self.total_mode.isChecked() and item.is_sum

    def entered_amount(self, item: Any, value: float) -> float:
        """The period amount a typed value stands for (a running total converted)."""
        if not self.by_total(item):
            return value
        return rules.new_amount_from_total(
            item.status.spec,
            item.history(self.period),
            self.department_id or "",
            self.period,
            value,
        )

    def own_total(self, item: Any, amount: float | None) -> float:
        """The department's running total at the end of the period, with `amount` for it."""
        earlier = [
            e
            for e in item.history(self.period)
            if e.department == self.department_id and e.period.end < self.period.start
        ]
        rows = rules.running_totals(item.status.spec, earlier, self.department_id)
        spec = item.status.spec
        base = rows[-1][1] if rows else 0.0
        if not rows and self.department_id == spec.designated and spec.baseline is not None:
            base = spec.baseline if item.status.kind == "cumulative" else 0.0
        return base + (amount or 0.0)

    def other_figure(self, item: Any, value: float) -> str:
        """The figure the user did not type: the total for an amount, or the amount."""
        if not item.is_sum:
            return ""
        if self.by_total(item):
            amount = self.entered_amount(item, value)
            return self.tr("折合本期新增 {amount}（累计 {total}）").format(
                amount=i18n.number(amount), total=i18n.number(value)
            )
        return self.tr("本单位累计将为 {total}（本期新增 {amount}）").format(
            total=i18n.number(self.own_total(item, value)), amount=i18n.number(value)
        )

    def _value_entered(self, row: int, text: str) -> None:
        outcome = self._handle_value(row, text)
        self.valueHandled.emit(outcome)

    def _handle_value(self, row: int, text: str) -> str:
        if row >= len(self.grid.items) or self.department_id is None:
            return "kept"
        item = self.grid.items[row]
        level, why = self._check(row, text)
        if level == "error":
            self._show_check(level, why)
            return "refused"
        if level == "question" and not ask.confirm(
            self, self.tr("请核实数值"), why, yes=self.tr("确认保存")
        ):
            self._show_check("", self.tr("未保存：{name}").format(name=item.status.name))
            return "kept"
        value = parse_number(text, item.status.kind)
        if value is not None:
            value = self.entered_amount(item, value)
        op = operations.indicator_value(
            self.session, item, self.department_id, str(self.period), value
        )
        if self.session.run(op):
            shown = i18n.number(value) if value is not None else "—"
            if value is not None and self.by_total(item):
                shown += self.tr("（累计 {total}）").format(total=text)
            self._show_check(
                "",
                self.tr("已保存：{name} = {value}").format(name=item.status.name, value=shown),
            )
            # The message speaks of this value: it goes when the value changes (undo).
            self._said = (item.status.id, value)
            return "saved"
        return "refused"

    # ------------------------------------------------------------------ period actions
    def submit(self) -> None:
        if self.department_id is None:
            return
        self.detail.flush_all()
        missing = [t.code for t in self.tasks if t.role == "lead" and t.active and t.report is None]
        text = self.tr("提交后，{period} 的内容将锁定，不能再修改（除非协调员退回）。").format(
            period=i18n.period_label(self.period)
        )
        if missing:
            text += "\n\n" + self.tr("还有 {n} 项牵头任务本期未填报：{codes}").format(
                n=len(missing), codes="、".join(missing)
            )
        if not ask.confirm(
            self, self.tr("提交本期"), text + "\n\n" + self.tr("确定提交吗？"), yes=self.tr("提交")
        ):
            return
        if self.session.run(operations.submit(self.session, self.department_id, str(self.period))):
            self.message.emit(
                self.tr("已提交 {period}。请点击“导出报送文件”，把文件交给协调员。").format(
                    period=i18n.period_label(self.period)
                )
            )

    def approve(self) -> None:
        if self.department_id is None:
            return
        name = self.session.department_name(self.department_id)
        if not ask.confirm(
            self,
            self.tr("审核通过"),
            self.tr("审核通过{dept} {period} 的报告？通过后将锁定。").format(
                dept=name, period=i18n.period_label(self.period)
            ),
            yes=self.tr("审核通过"),
        ):
            return
        self._review(approve=True)

    def return_report(self) -> None:
        if self.department_id is None:
            return
        reason = ask.ask_text(
            self,
            self.tr("退回报告"),
            self.tr("请写明退回原因（部门将看到）："),
            limit=entry.TEXT_LIMITS["reason"],
        )
        if reason is None:
            return
        self._review(approve=False, reason=reason)

    def _review(self, *, approve: bool, reason: str = "") -> None:
        assert self.department_id is not None
        before = submission(self.session.db, self.department_id, self.period)
        self.session.run(
            operations.review(
                self.session,
                self.department_id,
                str(self.period),
                approve=approve,
                reason=reason,
                before=before,
            )
        )

    def print_sheet(self, how: str = "print") -> None:
        """打印 (the print dialog), 打印预览 ("preview") or 另存为 PDF ("pdf")."""
        if self.department_id is None:
            return
        name = self.session.department_name(self.department_id)
        exports.print_sheet(
            self.session,
            self,
            "dept",
            f"部门工作进展情况表-{name}-{self.period}",
            self.message.emit,
            how,
            department_id=self.department_id,
        )

    def send(self, target: str | None = None) -> None:
        """A clean copy of the file, to give to the coordinator (USB stick, mail)."""
        if self.department_id is None:
            return
        self.detail.flush_all()
        from ipdesk.merge.send import unsubmitted_periods

        drafts = unsubmitted_periods(self.session.db)
        if drafts and not ask.confirm(
            self,
            self.tr("导出报送文件"),
            self.tr(
                "{periods} 还没有提交。现在导出，文件将作为草稿报送：协调员以已提交的报告为准，"
                "草稿不会覆盖已提交的内容。\n\n建议先点“提交本期”再导出。仍要导出吗？"
            ).format(periods="、".join(i18n.period_label(p) for p in drafts)),
            yes=self.tr("仍然导出（草稿）"),
        ):
            return
        settings = self.session.settings
        settings_folder = settings.send_folder if settings is not None else self.session_folder()
        name = self.session.department_name(self.department_id)
        suggested = str(Path(settings_folder) / f"{name}-{self.period}-报送.ipdesk")
        target = target or ask.save_path(self, self.tr("导出报送文件"), suggested)
        if not target:
            return
        out = Path(target)
        if out.suffix != ".ipdesk":
            out = out.with_name(out.name + ".ipdesk")
        if out.resolve() == self.session.path.resolve():
            errors.show_problem(
                self,
                BadInput(message("send.cannot_overwrite_open_file")),
            )
            return
        path = self.session.path

        def job(progress: Progress, cancel: CancelToken) -> Path:
            from ipdesk.merge.send import send_file

            db = open_reader(path)
            try:
                return send_file(db, out)
            finally:
                db.close()

        def done(result: Path) -> None:
            if settings is not None:
                settings.send_folder = str(result.parent)
            text = self.tr("已生成报送文件 {path}。请把这个文件交给协调员（U盘或邮件）。").format(
                path=result
            )
            self.message.emit(text)
            ask.inform(self, self.tr("导出报送文件"), text)

        self.session.jobs.start(
            job,
            on_done=done,
            writes=False,
            progress_parent=self,
            title=self.tr("正在生成报送文件…"),
        )
