"""Questions put to the user. Every modal question goes through here, so the tests
can answer them (monkeypatching these functions) the way a user would."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str | None = None) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    ok = box.addButton(yes or translate("ask", "确定"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("ask", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_text(
    parent: QWidget | None, title: str, label: str, text: str = "", *, limit: int | None = None
) -> str | None:
    """A multi-line answer; with `limit`, a character counter under the box and no OK
    while the text is over the limit."""
    if limit is None:
        value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
        return value if ok else None
    dialog = TextDialog(title, label, text, limit, parent)
    return dialog.edit.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TextDialog(QDialog):
    """A labelled text box with its character counter, OK only within the limit."""

    def __init__(
        self, title: str, label: str, text: str, limit: int, parent: QWidget | None = None
    ) -> None:
        from ipdesk.gui.widgets.common import CharCounter

        super().__init__(parent)
        self.setObjectName("textDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        prompt = QLabel(label)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.edit = QPlainTextEdit(text)
        layout.addWidget(self.edit)
        self.counter = CharCounter(self.edit, limit)
        self.counter.setObjectName("textCount")
        layout.addWidget(self.counter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.edit.textChanged.connect(lambda: self.ok.setEnabled(not self.counter.over))
        self.ok.setEnabled(not self.counter.over)
        self.resize(520, 280)


IPDESK_FILTER = "IPDesk (*.ipdesk)"


def open_path(
    parent: QWidget | None, title: str, folder: str, pattern: str = IPDESK_FILTER
) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, pattern)
    return path or None


def open_paths(parent: QWidget | None, title: str, folder: str, pattern: str = "") -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, title, folder, pattern or translate("ask", "所有文件 (*)")
    )
    return list(paths)


def save_path(
    parent: QWidget | None, title: str, suggested: str, pattern: str = IPDESK_FILTER
) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return path or None
