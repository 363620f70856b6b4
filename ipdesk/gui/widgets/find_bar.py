"""Ctrl+F on every page: a find box that keeps, in the page's tables, only the rows
whose text contains what is typed (any column, and the text of its tooltip). Esc
closes it and shows every row again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QToolButton, QWidget


def row_text(view: QTableView, row: int) -> str:
    model = view.model()
    parts = []
    for column in range(model.columnCount()):
        index = model.index(row, column, QModelIndex())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = index.data(role)
            if value is not None:
                parts.append(str(value))
    return " ".join(parts).lower()


class FindBar(QWidget):
    """The find box above the current page (Ctrl+F shows it, Esc hides it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        label = QLabel(self.tr("查找(&F)"))
        self.edit = QLineEdit()
        self.edit.setObjectName("findText")
        self.edit.setPlaceholderText(self.tr("输入编号、名称或单位，只显示含有它的行"))
        self.edit.setClearButtonEnabled(True)
        label.setBuddy(self.edit)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("关闭查找（Esc）"))
        close.clicked.connect(self.close_find)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self.views: list[QTableView] = []
        self.finder: Callable[[str], bool] | None = None
        self.edit.textChanged.connect(self.apply)
        self.hide()

    def start(self, views: list[QTableView], finder: Callable[[str], bool] | None = None) -> None:
        """Find in these tables (the current page's), or with the page's own `finder`
        (the timeline: go to the first row that matches)."""
        self.show_all()
        self.views = views
        self.finder = finder
        for view in views:
            view.model().modelReset.connect(self.apply, Qt.ConnectionType.UniqueConnection)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.apply()

    def apply(self) -> None:
        text = self.edit.text().strip().lower()
        if self.finder is not None:
            found = self.finder(text)
            self.count.setText(
                "" if not text else self.tr("已找到") if found else self.tr("没有找到")
            )
            return
        shown = total = 0
        for view in self.views:
            rows = view.model().rowCount()
            total += rows
            for row in range(rows):
                keep = not text or text in row_text(view, row)
                view.setRowHidden(row, not keep)
                shown += keep
        self.count.setText(
            self.tr("{shown} / {total} 行").format(shown=shown, total=total) if text else ""
        )

    def show_all(self) -> None:
        for view in self.views:
            try:
                view.model().modelReset.disconnect(self.apply)
            except (RuntimeError, TypeError):
                pass
            for row in range(view.model().rowCount()):
                view.setRowHidden(row, False)
        self.views = []

    def close_find(self) -> None:
        self.show_all()
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.count.setText("")
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_find()
            return
        super().keyPressEvent(event)
