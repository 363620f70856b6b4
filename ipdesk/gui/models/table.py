"""The common ground of IPDesk's read-only table models: a list of items shown in
named columns with translated headers. Subclasses say how a cell is shown (`data`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's id, for the views to find it by


class ItemTableModel(QAbstractTableModel):
    """Rows are `items` (any objects with an `id`), columns are `COLUMNS` keys with
    `headers` as their titles."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []
        self.headers: list[str] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def update_items(self, items: list[Any]) -> None:
        """The rows become `items`. When they are the same rows in the same order (an
        edit changed some of them), only the rows that differ are told to the views:
        they keep their selection and scroll position and repaint those rows alone.
        Otherwise the model is reset (`set_items`)."""
        new, old = list(items), self.items
        key = self.key_of
        if len(new) != len(old) or any(key(a) != key(b) for a, b in zip(old, new, strict=True)):
            self.set_items(new)
            return
        self.items = new
        last = self.columnCount() - 1
        for row, (was, now) in enumerate(zip(old, new, strict=True)):
            if was is not now and not self.shown_alike(was, now):
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def key_of(self, item: Any) -> Any:
        """What identifies an item's row (`update_items`)."""
        return getattr(item, "id", None)

    def shown_alike(self, was: Any, now: Any) -> bool:
        """Whether two items of one row show the same (`update_items`)."""
        return bool(was == now)

    def item(self, row: int) -> Any:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, item_id: Any) -> int:
        return next(
            (n for n, item in enumerate(self.items) if getattr(item, "id", None) == item_id), -1
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None
