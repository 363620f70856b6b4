"""What a file brings, row by row (the merge center's preview, issue #12): every field
the merge would write or refuse — task or indicator, period, field, old → new — with
drafts, conflicts and quarantined rows marked, and a filter. Shown under the list of
files for the selected file, and in a window of its own on a double-click."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import i18n
from ipdesk.gui.models.merge_center_models import FileEntry
from ipdesk.gui.models.review_models import PreviewRowsModel
from ipdesk.gui.widgets.common import setup_table


def shown_field(row: dict[str, Any]) -> bool:
    """A field people read: not an id (the row is named in words) nor the period of a
    new row (its own column)."""
    name = row["field"]
    return not (
        name == "id" or name.endswith("_id") or (name == "period" and row["status"] == "new")
    )


class PreviewRows(QWidget):
    """The rows of one file's preview, with a filter box and a count of each kind."""

    def __init__(self, parent: QWidget | None = None, name: str = "previewRows") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName(name + "Summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #3c4a5c;")
        top.addWidget(self.summary, 1)
        self.search = QLineEdit()
        self.search.setObjectName(name + "Filter")
        self.search.setPlaceholderText(self.tr("筛选：任务编号、单位、字段、草稿、冲突…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 22)
        top.addWidget(self.search)
        layout.addLayout(top)
        self.model = PreviewRowsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setObjectName(name + "Table")
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        fm = self.fontMetrics()
        for column, sample in enumerate(
            (
                i18n.pick("进展报告 三（三）2 ", "Progress report 三（三）2 "),
                "区市场监管局",
                i18n.pick("2025年第三季度", "2025 Q3 "),
                i18n.pick("完成百分比", "Next steps"),
                "原值原值原值原值原值原值原值原值",
                "新值新值新值新值新值新值新值新值",
            )
        ):
            self.table.setColumnWidth(column, fm.horizontalAdvance(sample) + 24)
        # The mark (new · draft (not submitted) …) is read whole; the new value gives way.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._count()

    def show_entry(self, entry: FileEntry | None) -> None:
        report = entry.report if entry is not None else None
        rows: list[dict[str, Any]] = [
            r for r in (report.rows if report is not None else []) if shown_field(r)
        ]
        self.model.set_items(rows)
        if entry is None:
            self.summary.setText(self.tr("选择上面的文件，查看它带来的每一项修改。"))
        elif entry.state == "checking":
            self.summary.setText(self.tr("正在检查 {file}…").format(file=entry.path.name))
        elif report is None or report.result == "refused" or entry.state == "failed":
            self.summary.setText(
                self.tr("{file} 被拒收，不会合并任何内容。").format(file=entry.path.name)
            )
        elif not rows:
            self.summary.setText(self.tr("{file} 没有带来新的修改。").format(file=entry.path.name))
        else:
            self._count()

    def _count(self) -> None:
        rows = self.model.items
        if not rows:
            return
        kinds = {k: sum(1 for r in rows if r["status"] == k) for k in ("new", "changed")}
        conflicts = sum(1 for r in rows if r["status"] == "conflict")
        quarantined = sum(1 for r in rows if r["status"] == "quarantined")
        drafts = sorted({r["period"] for r in rows if r.get("draft") and r.get("period")})
        text = self.tr("逐行预览：{n} 项（新增 {new}，修改 {changed}，冲突 {c}，隔离 {q}）").format(
            n=len(rows), new=kinds["new"], changed=kinds["changed"], c=conflicts, q=quarantined
        )
        if drafts:
            text += self.tr("；草稿（未提交）：{periods}").format(
                periods="、".join(i18n.period_label(p) for p in drafts)
            )
        shown = self.proxy.rowCount()
        if shown != len(rows):
            text += self.tr("；筛选后显示 {n} 项").format(n=shown)
        self.summary.setText(text)

    def shown_rows(self) -> list[dict[str, Any]]:
        """The rows the filter lets through, in the table's order."""
        return [
            self.model.items[self.proxy.mapToSource(self.proxy.index(n, 0)).row()]
            for n in range(self.proxy.rowCount())
        ]


class FilePreviewDialog(QDialog):
    """One file's preview in a window of its own (a double-click on the file)."""

    def __init__(self, entry: FileEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filePreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        report = entry.report
        who = (report.department_name or "") if report is not None else ""
        self.setWindowTitle(
            self.tr("{file}（{dept}）带来的修改").format(file=entry.path.name, dept=who or "—")
        )
        layout = QVBoxLayout(self)
        self.rows = PreviewRows(self, "dialogRows")
        self.rows.show_entry(entry)
        layout.addWidget(self.rows, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1180, 640)
