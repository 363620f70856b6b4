"""Nothing fails silently (STYLE.md, after qutebrowser's misc/sql.py).

A known problem — a refused or locked file, a full disk, a refused edit — gets a
clear dialog saying what happened and what to do. Anything else is a bug: a crash
dialog with the traceback in a box that can be copied and sent to the coordinator.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import ipdesk
from ipdesk.errors import IPDeskError
from ipdesk.gui import i18n

_open_dialogs: list[QDialog] = []
FAILED = object()  # what `guarded` returns when the action was refused


translate = QCoreApplication.translate


def known_problem(exc: BaseException) -> str | None:
    """The words for a problem a user can fix, or None when it is a bug."""
    if isinstance(exc, IPDeskError):
        return i18n.error_text(exc)
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return translate(
                "errors",
                "文件正被其他程序或另一个 IPDesk 窗口占用，暂时无法保存。请关闭其他程序后重试。",
            )
        if "disk" in text and "full" in text:
            return translate(
                "errors", "磁盘空间已满，无法保存。请清理磁盘空间后重试；已保存的内容不会丢失。"
            )
        if "readonly" in text or "read-only" in text:
            return translate(
                "errors", "文件是只读的，无法保存修改。请把文件复制到可写的文件夹后再打开。"
            )
        if "disk i/o" in text:
            return translate(
                "errors", "读写文件时出错（磁盘或U盘可能已拔出）。请确认文件所在的磁盘可用后重试。"
            )
    if isinstance(exc, OSError):
        name = exc.filename or ""
        if exc.errno == errno.ENOSPC:
            return translate(
                "errors", "磁盘空间已满，无法写入 {name}。请清理磁盘空间或换一个位置后重试。"
            ).format(name=name)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return translate(
                "errors", "没有权限写入 {name}。请换一个文件夹，或确认U盘没有写保护。"
            ).format(name=name)
        if exc.errno == errno.ENOENT:
            return translate("errors", "找不到 {name}。请检查路径，或确认U盘仍然插着。").format(
                name=name
            )
        return translate("errors", "读写文件时出错：{error}。请检查磁盘或U盘后重试。").format(
            error=exc.strerror or exc
        )
    return None


def show_problem(
    parent: QWidget | None, exc: BaseException, title: str | None = None
) -> QMessageBox:
    """A clear warning for a known problem (modal; returns once it is closed)."""
    text = known_problem(exc) or str(exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or translate("errors", "无法完成操作"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("problemDialog")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    _show(box)
    return box


def _show(dialog: QDialog) -> None:
    # open(), not exec(): window-modal without a nested event loop, so an error raised
    # inside a slot or a worker callback cannot re-enter the code that raised it.
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result: _forget(dialog))
    dialog.open()


def _forget(dialog: QDialog) -> None:
    if dialog in _open_dialogs:
        _open_dialogs.remove(dialog)
    dialog.deleteLater()


def open_dialogs() -> list[QDialog]:
    """Problem and crash dialogs currently shown (for tests and the screenshot script)."""
    return list(_open_dialogs)


class CrashDialog(QDialog):
    """A bug: what happened, the traceback to copy, and that the file is safe."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("IPDesk 出现了程序错误"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "很抱歉，IPDesk 遇到了一个程序错误。已保存的内容不会丢失（每次修改都已立即保存）。\n"
                "请点击“复制错误信息”，把它发给协调员或技术支持，并说明刚才做了什么。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setObjectName("crashDetails")
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("复制错误信息"))
        copy.setObjectName("copyDetails")
        copy.clicked.connect(self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def crash_details(exc_type: type[BaseException], exc: BaseException, tb: Any) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    return (
        f"IPDesk {ipdesk.__version__} · Python {sys.version.split()[0]} · {sys.platform}\n\n"
        + "".join(lines)
    )


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
    """sys.excepthook: a known problem gets its dialog, a bug the crash dialog."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    sys.stderr.write("".join(traceback.format_exception(exc_type, exc, tb)))
    if QApplication.instance() is None:
        return
    parent = QApplication.activeWindow()
    if known_problem(exc) is not None:
        show_problem(parent, exc)
        return
    dialog = CrashDialog(crash_details(exc_type, exc, tb), parent)
    _show(dialog)


def install_excepthook() -> None:
    sys.excepthook = handle_exception


def guarded(parent: QWidget | None, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run an action; a refused edit or a file problem shows its dialog and returns FAILED.

    Bugs are not caught here: they reach the crash dialog through sys.excepthook.
    """
    try:
        return func(*args, **kwargs)
    except (IPDeskError, OSError, sqlite3.OperationalError) as exc:
        if known_problem(exc) is None:
            raise
        show_problem(parent, exc)
        return FAILED
