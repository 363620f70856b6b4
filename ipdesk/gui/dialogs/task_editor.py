"""The coordinator's task editor (ui/task_editor.ui): texts, dates, milestones, lead
and co-operating departments. Saving makes one edit per changed part (each
undoable); the latest reports of the task are shown below for reference."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QListWidgetItem,
    QTableWidgetItem,
    QWidget,
)

from ipdesk.gui import i18n, operations
from ipdesk.gui.forms.ui_task_editor import Ui_TaskEditor
from ipdesk.gui.operations import Operation
from ipdesk.gui.session import Session
from ipdesk.plan.codes import display_code, short_title
from ipdesk.read.editing import task_details

DATE = "yyyy-MM-dd"


def _qdate(text: str | None) -> QDate:
    return QDate.fromString(text, DATE) if text else QDate.currentDate()


class TaskEditor(QDialog):
    def __init__(self, session: Session, task_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task_id = task_id
        self.ui = Ui_TaskEditor()
        self.ui.setupUi(self)
        self.setObjectName("taskEditor")
        details = task_details(session.db, task_id)
        assert details is not None
        self.details = details
        self.task = details.task
        self.assignments = details.assignments
        # The milestones as the table shows them: (id, name, planned date as text).
        self.milestones = [
            (m.id, m.name, m.planned.isoformat() if m.planned else "") for m in details.milestones
        ]
        ui = self.ui
        code = display_code(self.task.code)
        ui.codeLabel.setText(f"<b>{code}</b>")
        self.setWindowTitle(self.tr("编辑任务 {code}").format(code=code))
        ui.titleEdit.setText(self.task.title or "")
        if not self.task.title:
            # No title of its own: the lists name it by the start of its text; say so.
            shown = short_title("", self.task.text or "")
            ui.titleEdit.setPlaceholderText(shown)
            ui.titleEdit.setToolTip(
                self.tr("未单独设置标题，列表中显示原文开头：{title}").format(title=shown)
            )
        ui.textEdit.setPlainText(self.task.text or "")
        ui.hasStart.setChecked(bool(self.task.start_date))
        ui.startEdit.setDate(_qdate(self.task.start_date))
        ui.hasDue.setChecked(bool(self.task.due_date))
        ui.dueEdit.setDate(_qdate(self.task.due_date))
        ui.startEdit.setEnabled(ui.hasStart.isChecked())
        ui.dueEdit.setEnabled(ui.hasDue.isChecked())
        ui.hasStart.toggled.connect(ui.startEdit.setEnabled)
        ui.hasDue.toggled.connect(ui.dueEdit.setEnabled)
        # Every unit, the ones already assigned first; a filter box over each list.
        units = sorted(session.departments().values(), key=lambda d: d.id not in self.assignments)
        self.unit_filters: dict[str, QLineEdit] = {}
        for widget, role, box in ((ui.leadList, "lead", ui.leadBox), (ui.coList, "co", ui.coBox)):
            for dept in units:
                item = QListWidgetItem(dept.short_name)
                item.setData(Qt.ItemDataRole.UserRole, dept.id)
                item.setToolTip(dept.full_name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if self.assignments.get(dept.id) == role
                    else Qt.CheckState.Unchecked
                )
                widget.addItem(item)
            search = QLineEdit()
            search.setObjectName(f"{role}Filter")
            search.setPlaceholderText(self.tr("筛选单位（{n} 个）…").format(n=len(units)))
            search.setClearButtonEnabled(True)
            search.textChanged.connect(lambda text, w=widget: self._filter_units(w, text))
            layout = box.layout()
            if isinstance(layout, QBoxLayout):
                layout.insertWidget(0, search)
            self.unit_filters[role] = search
            widget.setMinimumHeight(widget.sizeHintForRow(0) * 8 + 6)
        table = ui.milestoneTable
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels([self.tr("里程碑"), self.tr("计划日期")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setVisible(False)
        for mid, name, planned in self.milestones:
            self._add_milestone_row(name, planned, mid)
        ui.addMilestone.clicked.connect(
            lambda: self._add_milestone_row("", QDate.currentDate().toString(DATE), None)
        )
        ui.removeMilestone.clicked.connect(self._remove_milestone_row)
        self.removed: list[str] = []
        ui.reportLabel.setText(self._reports_text())
        ui.reportLabel.setStyleSheet("color: #444;")
        editable = session.is_master
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(editable)
        ui.buttons.accepted.connect(self.save)
        ui.buttons.rejected.connect(self.reject)

    @staticmethod
    def _filter_units(widget: Any, text: str) -> None:
        needle = text.strip().lower()
        for i in range(widget.count()):
            item = widget.item(i)
            words = f"{item.text()} {item.toolTip()}".lower()
            item.setHidden(bool(needle) and needle not in words)

    def _add_milestone_row(self, name: str, planned: str, milestone_id: str | None) -> None:
        table = self.ui.milestoneTable
        row = table.rowCount()
        table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, milestone_id)
        table.setItem(row, 0, item)
        table.setItem(row, 1, QTableWidgetItem(planned))

    def _remove_milestone_row(self) -> None:
        table = self.ui.milestoneTable
        row = table.currentRow()
        if row < 0:
            return
        item = table.item(row, 0)
        mid = item.data(Qt.ItemDataRole.UserRole) if item else None
        if mid:
            self.removed.append(mid)
        table.removeRow(row)

    def _reports_text(self) -> str:
        latest = self.details.recent
        if not latest:
            return self.tr("尚无进展报告。")
        lines = [self.tr("最近的进展报告：")]
        for r in latest:
            percent = "" if r.percent is None else f" {r.percent:.0f}%"
            lines.append(
                f"· {r.department} {i18n.period_label(r.period)} "
                f"{i18n.status_label(r.status)}{percent}：{(r.progress or '')[:80]}"
            )
        return "\n".join(lines)

    def checked(self, widget: Any) -> list[str]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def wanted_fields(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "title": ui.titleEdit.text().strip(),
            "text": ui.textEdit.toPlainText().strip(),
            "start_date": ui.startEdit.date().toString(DATE) if ui.hasStart.isChecked() else None,
            "due_date": ui.dueEdit.date().toString(DATE) if ui.hasDue.isChecked() else None,
        }

    def save(self) -> None:
        """One operation per changed part: the task's fields, its assignments, each
        milestone (each undone on its own); the first one refused stops the rest."""
        if all(self.session.run(op) for op in self.operations()):
            self.accept()

    def operations(self) -> Iterator[Operation]:
        session, task_id = self.session, self.task_id
        code = display_code(self.task.code)
        new = self.wanted_fields()
        old = {k: getattr(self.task, k) for k in new}
        if new != old:
            yield operations.task_fields(session, task_id, code, new, old)
        roles = (self.checked(self.ui.leadList), self.checked(self.ui.coList))
        before = (
            [d for d, r in self.assignments.items() if r == "lead"],
            [d for d, r in self.assignments.items() if r == "co"],
        )
        if tuple(map(set, roles)) != tuple(map(set, before)):
            yield operations.task_departments(session, task_id, code, roles, before)
        kept = {m[0]: m for m in self.milestones}
        table = self.ui.milestoneTable
        for row in range(table.rowCount()):
            name = (table.item(row, 0).text() if table.item(row, 0) else "").strip()
            planned = (table.item(row, 1).text() if table.item(row, 1) else "").strip()
            mid = table.item(row, 0).data(Qt.ItemDataRole.UserRole) if table.item(row, 0) else None
            old_m = kept.get(mid) if mid else None
            if name and not (old_m and (old_m[1], old_m[2]) == (name, planned)):
                was = (old_m[1], old_m[2]) if old_m else None
                yield operations.milestone(session, task_id, name, planned, mid, was)
        for mid in self.removed:
            _id, name, planned = kept[mid]
            yield operations.remove_milestone(session, task_id, mid, name, planned)
