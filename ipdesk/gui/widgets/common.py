"""Small widgets shared by the pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from ipdesk.gui import i18n

BANNER_STYLES = {
    "draft": ("#eef2f7", "#1f3a5f"),
    "submitted": ("#e3f2fd", "#0d47a1"),
    "approved": ("#e8f5e9", "#1b5e20"),
    "returned": ("#fdecea", "#8e1b12"),
    "info": ("#f5f5f5", "#333333"),
}


class Banner(QLabel):
    """A coloured strip with words (the words carry the meaning; colour only helps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_state("info", "")

    def set_state(self, kind: str, text: str) -> None:
        background, foreground = BANNER_STYLES.get(kind, BANNER_STYLES["info"])
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; border: 1px solid {foreground}40;"
            " border-radius: 4px; padding: 6px 10px; }"
        )
        self.setText(text)
        self.setProperty("state", kind)


class CharCounter(QLabel):
    """How many characters a text box holds against its limit (ipdesk.plan.entry's
    TEXT_LIMITS), counted as the user types; red once over, when it cannot be saved."""

    def __init__(self, edit: QPlainTextEdit, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.limit = limit
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.setFont(font)
        edit.textChanged.connect(self.update_count)
        self.update_count()

    @property
    def over(self) -> bool:
        return len(self.edit.toPlainText()) > self.limit

    def update_count(self) -> None:
        count = len(self.edit.toPlainText())
        if count > self.limit:
            self.setText(
                self.tr("{count} / {limit} 字 · 超出上限，无法保存，请精简").format(
                    count=count, limit=self.limit
                )
            )
            self.setStyleSheet("QLabel { color: #c62828; font-weight: bold; }")
        else:
            self.setText(self.tr("{count} / {limit} 字").format(count=count, limit=self.limit))
            self.setStyleSheet("QLabel { color: #6b6b6b; }")


def heading(text: str, parent: QWidget | None = None, size: float = 1.15) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    return label


def setup_table(view: QTableView, *, stretch: int | None = None) -> None:
    """The look every table shares: whole-row selection, alternating rows, no grid
    clutter, rows as high as the font needs (so 150% scaling does not clip)."""
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    # Rows as high as the font needs and a little air: 8 rows fit a 1366×768 screen.
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 7)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    view.setShowGrid(False)
    view.setFrameShape(QFrame.Shape.StyledPanel)
    # Tab moves on to the next field (arrows move within the table), as in a form.
    view.setTabKeyNavigation(False)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def restore_splitters(settings: Any, splitters: dict[str, Any]) -> None:
    """Put splitters back where the user left them (settings key → QSplitter)."""
    if settings is None:
        return
    for key, splitter in splitters.items():
        state = settings.load_bytes(key)
        if state is not None:
            splitter.restoreState(state)


def save_splitters(settings: Any, splitters: dict[str, Any]) -> None:
    for key, splitter in splitters.items():
        settings.save_bytes(key, splitter.saveState())


def fit_columns(view: QTableView, columns: list[int]) -> None:
    header = view.horizontalHeader()
    for column in columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def light_html(light: str) -> str:
    colour = i18n.LIGHT_COLOURS[light]
    return f'<span style="color:{colour}">{i18n.light_text(light)}</span>'
