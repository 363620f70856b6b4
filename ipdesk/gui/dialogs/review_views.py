"""The coordinator's read-only views and the merge center's small dialogs (issue #12):

- TaskViewDialog: one task across every department and period — reports, milestones,
  evidence and the history of every field (who, which PC, when in local time). It
  edits nothing; the plan is edited in 计划设置.
- UnitReviewDialog: one department's reports for a period, with 通过 / 退回 at hand.
- BackupsDialog: the master's backups — listed, opened read-only, restored.
- BackupViewDialog: a backup opened read-only (its tasks; a double-click shows one).
- IssueDialog: the departments to issue files to, chosen with checkboxes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils
from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import i18n
from ipdesk.gui.models.merge_center_models import ID_ROLE, TableModel
from ipdesk.gui.models.review_models import (
    BackupsModel,
    HistoryModel,
    TaskReportsModel,
    UnitTasksModel,
    size_text,
)
from ipdesk.gui.widgets import ask
from ipdesk.gui.widgets.common import Banner, heading, setup_table
from ipdesk.merge.backups import Backup, backups_folder, list_backups
from ipdesk.plan.codes import display_code
from ipdesk.read.plan import Department
from ipdesk.read.review import task_view, unit_period
from ipdesk.read.tasks import load_tasks
from ipdesk.store import clock
from ipdesk.store.files import open_readonly

GREY_NOTE = "color: #5F6B7A;"


def reason_text(reason: str) -> str:
    """A reason as written, without the end punctuation a sentence around it adds."""
    return (reason or "").strip().rstrip("。．.；;，,！!")


def table_of(model: TableModel, name: str, stretch: int | None = None) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    setup_table(view, stretch=stretch)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    return view


def filtered(model: TableModel, name: str, placeholder: str) -> tuple[QWidget, QTableView]:
    """A table with a filter box over every column."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    search = QLineEdit()
    search.setObjectName(name + "Filter")
    search.setPlaceholderText(placeholder)
    search.setClearButtonEnabled(True)
    layout.addWidget(search)
    proxy = QSortFilterProxyModel(box)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    search.textChanged.connect(proxy.setFilterFixedString)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    setup_table(view)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    layout.addWidget(view)
    return box, view


def simple_table(name: str, headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    setup_table(table, stretch=0)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


# ------------------------------------------------------------------ one task, read only


class TaskViewDialog(QDialog):
    """A task as it stands, read only (see the module's docstring)."""

    def __init__(
        self, db: sqlite_utils.Database, task_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("taskView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.task_id = task_id
        view = task_view(db, task_id)
        layout = QVBoxLayout(self)
        if view is None:
            layout.addWidget(QLabel(self.tr("这项任务已不在计划中。")))
            return
        self.view = view
        code = display_code(view.code)
        self.setWindowTitle(self.tr("任务 {code}（只读）").format(code=code))
        self.title = heading(f"{code}  {view.title}", self)
        self.title.setObjectName("taskViewTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        facts = QLabel(
            self.tr("时限：{start} 至 {due} · 牵头：{lead} · 配合：{co}").format(
                start=view.start or "—",
                due=view.due or "—",
                lead="、".join(view.lead) or "—",
                co="、".join(view.co) or "—",
            )
        )
        facts.setObjectName("taskViewFacts")
        facts.setWordWrap(True)
        layout.addWidget(facts)
        text = QPlainTextEdit(view.text)
        text.setObjectName("taskViewText")
        text.setReadOnly(True)
        lines = text.fontMetrics().lineSpacing()
        text.setMaximumHeight(lines * 4 + 14)
        text.setStyleSheet("QPlainTextEdit { background: #f7f9fb; border: 1px dashed #9aa8b8; }")
        layout.addWidget(text)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("taskViewTabs")
        self.reports = TaskReportsModel(self)
        self.reports.set_items(view.reports)
        reports_box, self.reports_table = filtered(
            self.reports, "taskReports", self.tr("筛选单位、期间或内容…")
        )
        self.reports_table.horizontalHeader().setStretchLastSection(True)
        self.reports_table.resizeColumnsToContents()
        for column in (5, 6):
            self.reports_table.setColumnWidth(
                column, self.fontMetrics().horizontalAdvance("中") * 18
            )
        self.tabs.addTab(reports_box, self.tr("各单位报告（{n}）").format(n=len(view.reports)))
        milestone_rows = [
            [
                m.name,
                m.planned or "—",
                "；".join(f"{d} {a or '—'}" for d, a in m.actuals) or self.tr("尚未完成"),
            ]
            for m in view.milestones
        ]
        self.milestones = simple_table(
            "taskMilestones",
            [self.tr("里程碑"), self.tr("计划日期"), self.tr("各单位完成日期")],
            milestone_rows,
        )
        self.tabs.addTab(self.milestones, self.tr("里程碑（{n}）").format(n=len(milestone_rows)))
        evidence_rows = [
            [
                e.file_name,
                dept,
                i18n.period_label(e.period) if e.period else "",
                size_text(e.size),
                e.note,
            ]
            for e, dept in view.evidence
        ]
        self.evidence = simple_table(
            "taskEvidence",
            [self.tr("文件"), self.tr("单位"), self.tr("期间"), self.tr("大小"), self.tr("说明")],
            evidence_rows,
        )
        self.tabs.addTab(self.evidence, self.tr("佐证材料（{n}）").format(n=len(evidence_rows)))
        self.history = HistoryModel(self)
        self.history.set_items(view.history)
        history_box, self.history_table = filtered(
            self.history, "taskHistory", self.tr("筛选单位、电脑、字段或内容…")
        )
        self.history_table.resizeColumnsToContents()
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(history_box, self.tr("修改记录（{n}）").format(n=len(view.history)))
        layout.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        note = QLabel(self.tr("只读查看。修改任务的原文、时限、分工和里程碑请到“计划设置”。"))
        note.setStyleSheet(GREY_NOTE)
        bottom.addWidget(note, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(1180, 720)


# ------------------------------------------------------------------ a department's period


class UnitReviewDialog(QDialog):
    """One department's reports for one period, read only, with 通过 / 退回."""

    approveRequested = Signal(str, str)  # department id, period
    returnRequested = Signal(str, str)

    def __init__(
        self,
        db: sqlite_utils.Database,
        department_id: str,
        period: str,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unitReview")
        self.db, self.department_id, self.period, self.name = db, department_id, period, name
        self.setWindowTitle(
            self.tr("审核 {dept} · {period}").format(dept=name, period=i18n.period_label(period))
        )
        layout = QVBoxLayout(self)
        self.title = heading("", self)
        self.title.setObjectName("unitReviewTitle")
        layout.addWidget(self.title)
        self.banner = Banner()
        self.banner.setObjectName("unitReviewState")
        layout.addWidget(self.banner)
        split = QSplitter(Qt.Orientation.Vertical)
        self.tasks = UnitTasksModel(self)
        self.table = table_of(self.tasks, "unitTasks")
        fm = self.fontMetrics()
        for column, sample in enumerate(
            (
                "三（三）2 ",
                "加强知识产权金融创新工作",
                i18n.pick("牵头", "Co-op "),
                i18n.pick("未报送", "Not reported "),
                i18n.pick("100%", "% done "),
            )
        ):
            self.table.setColumnWidth(column, fm.horizontalAdvance(sample) + 24)
        for column in (5, 6):
            self.table.setColumnWidth(column, fm.horizontalAdvance("中") * 18)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_task())
        split.addWidget(self.table)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("unitTaskDetail")
        self.detail.setReadOnly(True)
        split.addWidget(self.detail)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setObjectName("unitLower")
        split.addWidget(self.lower_tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 1)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        note = QLabel(self.tr("只读查看；审核结果在总表中保存，可在“编辑 → 撤销”中撤回。"))
        note.setStyleSheet(GREY_NOTE)
        row.addWidget(note, 1)
        self.approve_button = QPushButton(self.tr("通过"))
        self.approve_button.setObjectName("unitApprove")
        self.approve_button.clicked.connect(
            lambda: self.approveRequested.emit(self.department_id, self.period)
        )
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.setObjectName("unitReturn")
        self.return_button.clicked.connect(
            lambda: self.returnRequested.emit(self.department_id, self.period)
        )
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        for button in (self.approve_button, self.return_button, close):
            row.addWidget(button)
        layout.addLayout(row)
        self.resize(1180, 720)
        self.reload()

    def reload(self) -> None:
        unit = unit_period(self.db, self.department_id, self.period)
        self.unit = unit
        sub = unit.submission
        label = i18n.period_label(self.period)
        self.title.setText(
            self.tr("{dept} · {period} · 已报 {n} / {m} 项任务").format(
                dept=self.name, period=label, n=len(unit.reported), m=len(unit.tasks)
            )
        )
        state = i18n.state_label(sub.state) if sub.state != "draft" else self.tr("未提交")
        text = self.tr("报告状态：{state}").format(state=state)
        if sub.submitted_at:
            text += self.tr(" · 提交于 {time}").format(time=clock.local_text(sub.submitted_at))
        if sub.state == "returned" and sub.reason:
            text += self.tr(" · 退回原因：{reason}").format(reason=reason_text(sub.reason))
        self.banner.set_state(sub.state if sub.state != "draft" else "draft", text)
        self.tasks.set_items(unit.tasks)
        if unit.tasks:
            self.table.selectRow(0)
        self._show_task()
        self.approve_button.setEnabled(sub.state == "submitted")
        self.return_button.setEnabled(sub.state in ("submitted", "approved"))
        self.lower_tabs.clear()
        values = [
            [
                i.status.name,
                i18n.number(i.value) if i.value is not None else self.tr("未填报"),
                i.note,
            ]
            for i in unit.indicators
        ]
        self.lower_tabs.addTab(
            simple_table(
                "unitIndicators", [self.tr("指标"), self.tr("本期数值"), self.tr("备注")], values
            ),
            self.tr("指标（{n}）").format(n=len(values)),
        )
        files = [[e.file_name, size_text(e.size), e.note] for e in unit.evidence]
        self.lower_tabs.addTab(
            simple_table(
                "unitEvidence", [self.tr("文件"), self.tr("大小"), self.tr("说明")], files
            ),
            self.tr("佐证材料（{n}）").format(n=len(files)),
        )

    def _show_task(self) -> None:
        t = self.tasks.item(self.table.currentIndex().row())
        if t is None:
            self.detail.setPlainText("")
            return
        r = t.report
        if r is None:
            self.detail.setPlainText(self.tr("{code}：本期未填报。").format(code=t.code))
            return
        self.detail.setPlainText(
            self.tr("{code} 进展情况：{p}\n存在问题：{q}\n下步计划：{n}").format(
                code=t.code, p=r.progress or "—", q=r.problems or "—", n=r.next_steps or "—"
            )
        )


# ------------------------------------------------------------------ backups


class BackupViewDialog(QDialog):
    """A backup opened read-only: its tasks as they stood (double-click: the task)."""

    def __init__(self, backup: Backup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db = open_readonly(backup.path)
        self.finished.connect(lambda _r: self.db.close())
        self.setWindowTitle(
            self.tr("备份 {time}（只读）").format(time=backup.made.strftime("%Y-%m-%d %H:%M"))
        )
        layout = QVBoxLayout(self)
        tasks = load_tasks(self.db)
        layout.addWidget(
            QLabel(
                self.tr("{why}的备份，{time} · {file}。只读查看，不会改动备份或总表。").format(
                    why=i18n.message_text(backup.words),
                    time=backup.made.strftime("%Y-%m-%d %H:%M:%S"),
                    file=backup.path.name,
                )
            )
        )
        rows = [
            [
                display_code(t.code),
                t.title,
                i18n.status_label(t.status),
                f"{i18n.number(t.percent)}%" if t.percent is not None else "",
                i18n.light_text(t.light),
            ]
            for t in tasks
        ]
        self.table = simple_table(
            "backupTasks",
            [self.tr("编号"), self.tr("任务"), self.tr("进展"), self.tr("完成%"), self.tr("预警")],
            rows,
        )
        for n, t in enumerate(tasks):
            cell = self.table.item(n, 0)
            if cell is not None:
                cell.setData(ID_ROLE, t.id)
        self.table.doubleClicked.connect(
            lambda index: self.open_task(self.table.model().index(index.row(), 0).data(ID_ROLE))
        )
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 640)

    def open_task(self, task_id: str) -> TaskViewDialog:
        dialog = TaskViewDialog(self.db, task_id, self)
        dialog.open()
        return dialog


class BackupsDialog(QDialog):
    """The master's backups: open one read-only, or restore one as the master."""

    restoreRequested = Signal(str)  # the backup's path

    def __init__(self, master: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.master = master
        # Opens a backup read-only in a whole window of its own (set by the merge
        # center); without one, the backup's tasks in a dialog.
        self.open_window: Callable[[str], Any] | None = None
        self.setWindowTitle(self.tr("总表的备份"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "每次合并、撤销导入和恢复之前，总表都会自动备份（保留最近 30 份）。"
                "可以只读打开某份备份查看，或用它恢复总表——恢复前会先备份当前的总表，恢复本身也可以再恢复回来。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(GREY_NOTE)
        layout.addWidget(note)
        self.model = BackupsModel(self)
        self.model.set_items(list_backups(master))
        self.table = table_of(self.model, "backupTable", stretch=3)
        fm = self.fontMetrics()
        for column, sample in enumerate(("2025-08-20 16:20:00", "恢复备份前", "10.0 MB")):
            self.table.setColumnWidth(column, fm.horizontalAdvance(sample) + 28)
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("还没有备份：第一次合并文件之前会自动备份总表。"))
        self.empty.setObjectName("noBackups")
        self.empty.setVisible(not self.model.items)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.folder_button = QPushButton(self.tr("打开备份文件夹"))
        self.folder_button.setObjectName("backupFolder")
        self.folder_button.clicked.connect(self.open_folder)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        self.open_button = QPushButton(self.tr("只读打开"))
        self.open_button.setObjectName("openBackup")
        self.open_button.clicked.connect(self.open_selected)
        self.restore_button = QPushButton(self.tr("恢复为总表…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        for button in (self.open_button, self.restore_button, close):
            row.addWidget(button)
        layout.addLayout(row)
        if self.model.items:
            self.table.selectRow(0)
        self._update()
        self.resize(900, 460)

    def current(self) -> Backup | None:
        return self.model.item(self.table.currentIndex().row())

    def _update(self) -> None:
        chosen = self.current() is not None
        self.open_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def select(self, path: Path) -> bool:
        for n, b in enumerate(self.model.items):
            if b.path == path:
                self.table.selectRow(n)
                return True
        return False

    def open_selected(self) -> BackupViewDialog | None:
        b = self.current()
        if b is None:
            return None
        if self.open_window is not None:
            self.open_window(str(b.path))
            return None
        from ipdesk.gui import errors

        dialog = errors.guarded(self, BackupViewDialog, b, self)
        if dialog is errors.FAILED:
            return None
        dialog.open()
        return dialog

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups_folder(self.master))))

    def restore_selected(self) -> None:
        b = self.current()
        if b is None:
            return
        if not ask.confirm(
            self,
            self.tr("用备份恢复总表"),
            self.tr(
                "用 {time} 的备份（{why}）恢复总表？\n此后的合并和修改都会回到备份时的样子。"
                "恢复前会先备份当前的总表，需要时可以再恢复回来。"
            ).format(time=b.made.strftime("%Y-%m-%d %H:%M:%S"), why=i18n.message_text(b.words)),
            yes=self.tr("恢复"),
        ):
            return
        self.accept()
        self.restoreRequested.emit(str(b.path))


# ------------------------------------------------------------------ issue to chosen departments


class IssueDialog(QDialog):
    """Which departments get a new file: checkboxes, a filter, all / none."""

    def __init__(
        self,
        departments: list[Department],
        chosen: set[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueDialog")
        self.setWindowTitle(self.tr("下发部门文件"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "勾选要下发（或重新下发）文件的单位。每个单位得到一个新文件和新的签名密钥，"
                "它之前的文件停用；未勾选的单位不受影响。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(GREY_NOTE)
        layout.addWidget(note)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("issueFilter")
        self.search.setPlaceholderText(self.tr("筛选单位…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        top.addWidget(self.search, 1)
        self.all_button = QPushButton(self.tr("全选"))
        self.all_button.setObjectName("issueAllOn")
        self.all_button.clicked.connect(lambda: self.check_visible(True))
        self.none_button = QPushButton(self.tr("全不选"))
        self.none_button.setObjectName("issueAllOff")
        self.none_button.clicked.connect(lambda: self.check_visible(False))
        top.addWidget(self.all_button)
        top.addWidget(self.none_button)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.setObjectName("issueList")
        for d in departments:
            item = QListWidgetItem(d.full_name)
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = chosen is None or d.id in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _i: self._count())
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(self.buttons)
        self._count()
        self.resize(520, 600)

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(n) for n in range(self.list.count())]

    def _filter(self, text: str) -> None:
        for item in self.items():
            item.setHidden(bool(text) and text.lower() not in item.text().lower())

    def check_visible(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for item in self.items():
            if not item.isHidden():
                item.setCheckState(state)

    def chosen(self) -> list[str]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in self.items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, department_ids: set[str]) -> None:
        for item in self.items():
            on = item.data(Qt.ItemDataRole.UserRole) in department_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _count(self) -> None:
        n = len(self.chosen())
        self.ok.setText(self.tr("下发所选单位（{n}）…").format(n=n))
        self.ok.setEnabled(n > 0)


def choose_departments(
    departments: list[Department], parent: QWidget | None = None
) -> list[str] | None:
    """The departments chosen in an IssueDialog (None: cancelled). Tests replace this."""
    dialog = IssueDialog(departments, None, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
