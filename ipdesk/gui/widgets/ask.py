"""Questions put to the user. Every modal question goes through here, so the tests
can answer them (monkeypatching these functions) the way a user would."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

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


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
    return value if ok else None


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
