"""计划设置 — the coordinator's plan editor: tasks (texts, dates, milestones, lead and
co-operating departments), departments and liaison contacts, indicator settings, and
the reporting settings (monthly or quarterly, deadline, warning tolerance)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import i18n, operations
from ipdesk.gui.models.records import ID_ROLE, RecordModel
from ipdesk.gui.pages import MASTER, Page
from ipdesk.gui.session import Session
from ipdesk.gui.widgets.common import fit_columns, setup_table
from ipdesk.plan.codes import display_code, short_title
from ipdesk.plan.rules import comparator_sign
from ipdesk.read.editing import TaskListing, department_listing, task_listing
from ipdesk.read.indicators import IndicatorStatus, load_indicators
from ipdesk.store import edits
from ipdesk.store.changes import EVERYTHING, PLAN, Changes


class PlanEditor(Page):
    KEY = "plan"
    ROLES = (MASTER,)
    SHOWS = PLAN.tables

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("planEditor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        intro = QLabel(
            self.tr(
                "计划内容由协调员维护：修改后立即保存，下次下发的部门文件会带上新的计划。双击一行进行编辑。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("planTabs")
        layout.addWidget(self.tabs, 1)

        self.task_model = RecordModel(
            [
                ("code", self.tr("编号"), lambda r: display_code(r.task.code)),
                ("title", self.tr("任务"), lambda r: short_title(r.task.title, r.task.text, 40)),
                ("start_date", self.tr("开始"), lambda r: r.task.start_date),
                ("due_date", self.tr("完成时限"), lambda r: r.task.due_date),
                ("lead", self.tr("牵头单位"), lambda r: "、".join(r.lead)),
                ("co", self.tr("配合单位"), lambda r: "、".join(r.co)),
                ("milestones", self.tr("里程碑"), lambda r: r.milestones or ""),
            ],
            self,
        )
        self.task_filter = QLineEdit()
        self.task_filter.setPlaceholderText(self.tr("按编号或内容查找…"))
        self.task_filter.setClearButtonEnabled(True)
        self.task_filter.textChanged.connect(lambda _t: self._fill_tasks())
        self.task_view = self._table(self.task_model, "planTasks", stretch=1, fit=[0, 2, 3, 6])
        self.task_view.setColumnWidth(4, 140)
        self.task_view.setColumnWidth(5, 260)
        self.task_view.doubleClicked.connect(self._edit_task)
        edit_task = QPushButton(self.tr("编辑任务…"))
        edit_task.clicked.connect(lambda: self._edit_task(self.task_view.currentIndex()))
        self.tabs.addTab(
            self._page(self.task_view, [edit_task], self.task_filter), self.tr("任务与分工")
        )

        self.dept_model = RecordModel(
            [
                ("code", self.tr("代码"), lambda r: r.department.code),
                ("short_name", self.tr("简称"), lambda r: r.department.short_name),
                ("name", self.tr("全称"), lambda r: r.department.name),
                ("contact_name", self.tr("联络员"), lambda r: r.department.contact_name),
                ("contact_phone", self.tr("电话"), lambda r: r.department.contact_phone),
                ("contact_email", self.tr("电子邮箱"), lambda r: r.department.contact_email),
                ("tasks", self.tr("牵头 / 配合"), lambda r: f"{r.lead} / {r.co}"),
            ],
            self,
        )
        self.dept_view = self._table(
            self.dept_model, "planDepartments", stretch=2, fit=[0, 1, 3, 4, 6]
        )
        self.dept_view.doubleClicked.connect(self._edit_department)
        add_dept = QPushButton(self.tr("添加单位…"))
        add_dept.setObjectName("addDepartment")
        add_dept.clicked.connect(lambda: self._edit_department(None))
        edit_dept = QPushButton(self.tr("编辑单位…"))
        edit_dept.clicked.connect(lambda: self._edit_department(self.dept_view.currentIndex()))
        self.tabs.addTab(self._page(self.dept_view, [add_dept, edit_dept]), self.tr("单位与联络员"))

        self.ind_model = RecordModel(
            [
                ("code", self.tr("编号"), lambda r: r.code),
                ("name", self.tr("指标"), lambda r: r.name),
                ("kind", self.tr("类型"), lambda r: i18n.kind_label(r.kind)),
                (
                    "target",
                    self.tr("目标"),
                    lambda r: f"{comparator_sign(r.comparator)} {i18n.number(r.target)} {r.unit}",
                ),
                ("baseline", self.tr("基数"), lambda r: i18n.number(r.baseline)),
                ("aggregation", self.tr("多单位填报"), lambda r: self._aggregation(r)),
                (
                    "departments",
                    self.tr("填报单位"),
                    lambda r: "、".join(map(self.session.department_name, r.departments)),
                ),
            ],
            self,
        )
        self.ind_view = self._table(self.ind_model, "planIndicators", stretch=1, fit=[0, 2, 3, 4])
        self.ind_view.setColumnWidth(5, 160)
        self.ind_view.setColumnWidth(6, 260)
        self.ind_view.doubleClicked.connect(self._edit_indicator)
        edit_ind = QPushButton(self.tr("编辑指标…"))
        edit_ind.clicked.connect(lambda: self._edit_indicator(self.ind_view.currentIndex()))
        self.tabs.addTab(self._page(self.ind_view, [edit_ind]), self.tr("指标设置"))
        self.tabs.addTab(self._reporting_page(), self.tr("报送设置"))
        self._tasks: list[TaskListing] = []

    def _reporting_page(self) -> QWidget:
        """Monthly or quarterly reporting, the deadline and the yellow-light tolerance;
        each change is saved at once (and can be undone) like every other edit."""
        page = QWidget()
        outer = QVBoxLayout(page)
        box = QWidget()
        box.setMaximumWidth(720)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        outer.addWidget(box)
        outer.addStretch(1)
        self.plan_name = QLineEdit()
        self.plan_name.setMinimumWidth(360)
        self.plan_name.setObjectName("planShortName")
        self.plan_name.editingFinished.connect(
            lambda: self._save_plan(short_name=self.plan_name.text().strip())
        )
        self.reporting = QComboBox()
        self.reporting.setObjectName("planReporting")
        self.reporting.addItem(self.tr("按季度报送"), "quarterly")
        self.reporting.addItem(self.tr("按月报送"), "monthly")
        self.reporting.activated.connect(
            lambda _i: self._save_plan(reporting=self.reporting.currentData())
        )
        self.deadline = QSpinBox()
        self.deadline.setObjectName("planDeadline")
        self.deadline.setRange(0, 60)
        self.deadline.setSuffix(self.tr(" 天"))
        self.deadline.editingFinished.connect(
            lambda: self._save_plan(deadline_days=self.deadline.value())
        )
        self.tolerance = QSpinBox()
        self.tolerance.setObjectName("planTolerance")
        self.tolerance.setRange(1, 100)
        self.tolerance.setSuffix(" %")
        self.tolerance.editingFinished.connect(
            lambda: self._save_plan(tolerance=self.tolerance.value() / 100)
        )
        form.addRow(self.tr("计划简称"), self.plan_name)
        form.addRow(self.tr("报送周期"), self.reporting)
        form.addRow(self.tr("报送截止（期末后）"), self.deadline)
        form.addRow(self.tr("黄灯容差（达到应达进度的）"), self.tolerance)
        note = QLabel(
            self.tr("已有填报数据后不能再改变报送周期。截止天数和容差的修改会立即用于全部预警。")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        form.addRow(note)
        return page

    def _save_plan(self, **changes: Any) -> None:
        current = edits.plan_settings(self.session.db)
        old = {k: current[k] for k in changes}
        if old != changes and not self.session.run(
            operations.plan_settings(self.session, changes, old)
        ):
            self._fill_plan()

    def _fill_plan(self) -> None:
        plan = edits.plan_settings(self.session.db)
        for widget in (self.plan_name, self.reporting, self.deadline, self.tolerance):
            widget.blockSignals(True)
        self.plan_name.setText(plan["short_name"])
        self.reporting.setCurrentIndex(max(0, self.reporting.findData(plan["reporting"])))
        self.deadline.setValue(int(plan["deadline_days"]))
        self.tolerance.setValue(round(float(plan["tolerance"]) * 100))
        for widget in (self.plan_name, self.reporting, self.deadline, self.tolerance):
            widget.blockSignals(False)

    def _aggregation(self, r: IndicatorStatus) -> str:
        if r.aggregation == "sum":
            return self.tr("相加")
        return self.tr("以{dept}为准").format(dept=self.session.department_name(r.designated))

    def _table(self, model: RecordModel, name: str, *, stretch: int, fit: list[int]) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        setup_table(view, stretch=stretch)
        fit_columns(view, fit)
        return view

    def _page(
        self, view: QTableView, buttons: list[QPushButton], search: QLineEdit | None = None
    ) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        if search is not None:
            bar.addWidget(search, 1)
        else:
            bar.addStretch(1)
        for button in buttons:
            bar.addWidget(button)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        return page

    # ------------------------------------------------------------------ data
    @classmethod
    def nav_title(cls) -> str:
        return QCoreApplication.translate("MainWindow", "计划设置")

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        db = self.session.db
        # After a save the edited row stays chosen (and in view), not row 1.
        chosen = {
            view: view.currentIndex().data(ID_ROLE)
            for view in (self.task_view, self.dept_view, self.ind_view)
        }
        self._tasks = task_listing(db)
        self._fill_tasks()
        self.dept_model.set_items(department_listing(db))
        self.ind_model.set_items(load_indicators(db))
        self._fill_plan()
        for view, record_id in chosen.items():
            model: Any = view.model()
            row = model.row_of(record_id) if record_id else -1
            if row >= 0:
                view.selectRow(row)
                view.scrollTo(view.model().index(row, 0))

    def _fill_tasks(self) -> None:
        words = self.task_filter.text().strip().lower().split()

        def haystack(r: TaskListing) -> str:
            t = r.task
            return f"{t.code} {display_code(t.code)} {t.title} {t.text} {'、'.join(r.lead)} {'、'.join(r.co)}".lower()

        self.task_model.set_items([r for r in self._tasks if all(w in haystack(r) for w in words)])

    # ------------------------------------------------------------------ editors
    def _edit_task(self, index: QModelIndex) -> None:
        task_id = index.data(ID_ROLE) if index.isValid() else None
        if task_id:
            from ipdesk.gui.dialogs.task_editor import TaskEditor

            TaskEditor(self.session, task_id, self).open()

    def _edit_department(self, index: QModelIndex | None) -> None:
        from ipdesk.gui.dialogs.department_editor import DepartmentEditor

        dept_id = index.data(ID_ROLE) if index is not None and index.isValid() else None
        if index is not None and dept_id is None:
            return
        DepartmentEditor(self.session, dept_id, self).open()

    def _edit_indicator(self, index: QModelIndex) -> None:
        ind_id = index.data(ID_ROLE) if index.isValid() else None
        if ind_id:
            from ipdesk.gui.dialogs.indicator_editor import IndicatorEditor

            IndicatorEditor(self.session, ind_id, self).open()
