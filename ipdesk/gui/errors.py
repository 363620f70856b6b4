"""Nothing fails silently (STYLE.md, after qutebrowser's misc/sql.py).

A known problem — a refused or locked file, a full disk, a refused edit — gets a
clear dialog saying what happened and what to do. Anything else is a bug: a crash
dialog with the traceback in a box that can be copied and sent to the coordinator.
"""

from __future__ import annotations

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

from ipdesk.crashlog import crash_report, crash_sentence, write_crash_log
from ipdesk.errors import IPDeskError
from ipdesk.gui import i18n
from ipdesk.store import disk

_open_dialogs: list[QDialog] = []
FAILED = object()  # what `guarded` returns when the action was refused


translate = QCoreApplication.translate


def known_problem(exc: BaseException) -> str | None:
    """The words for a problem a user can fix, or None when it is a bug."""
    if isinstance(exc, IPDeskError):
        return i18n.error_text(exc)
    if isinstance(exc, OSError | sqlite3.OperationalError):
        # Disk full, read-only, locked, gone, no permission, device error — told
        # apart by the core, which the command line uses too.
        found = disk.problem(exc, getattr(exc, "filename", None) or "")
        if found is not None:
            return i18n.error_text(found)
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
    """A bug: one sentence (what happened, that the file is safe, where the details
    were saved) and the details themselves, to copy and send."""

    def __init__(self, details: str, parent: QWidget | None = None, *, sentence: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("IPDesk 出现了程序错误"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            sentence
            or self.tr(
                "很抱歉，IPDesk 遇到了一个程序错误。已保存的内容不会丢失（每次修改都已立即保存）。\n"
                "请点击“复制错误信息”，把它发给协调员或技术支持，并说明刚才做了什么。"
            )
        )
        intro.setObjectName("crashSentence")
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
    """sys.excepthook: a known problem gets its dialog; a bug is saved to a crash log
    (ipdesk.crashlog) and gets the crash dialog saying where."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if QApplication.instance() is not None and known_problem(exc) is not None:
        show_problem(QApplication.activeWindow(), exc)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    log = write_crash_log(exc, "ipdesk gui: " + " ".join(sys.argv[1:]))
    sentence = i18n.message_text(crash_sentence(exc, log))
    sys.stderr.write(sentence + "\n")
    if log is None:
        sys.stderr.write("".join(traceback.format_exception(exc_type, exc, tb)))
    if QApplication.instance() is None:
        return
    details = crash_report(exc, "ipdesk gui")
    dialog = CrashDialog(details, QApplication.activeWindow(), sentence=sentence)
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
