"""A read-only table model over a list of records (the read layer's dataclasses) in
named columns, each shown by its formatter (the plan editor's lists of tasks,
departments and indicators)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from ipdesk.gui.models.table import ID_ROLE, Index, ItemTableModel

Column = tuple[str, str, Callable[[Any], Any]]  # key, header, formatter


class RecordModel(ItemTableModel):
    """Rows are records with an `id`; each column is a key, its header and the
    formatter that shows a record in it."""

    def __init__(self, columns: list[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.COLUMNS = tuple(key for key, _header, _fmt in columns)
        self.headers = [header for _key, header, _fmt in columns]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        record = self.items[index.row()]
        fmt = self.columns[index.column()][2]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = fmt(record)
            return "" if value is None else str(value)
        if role == ID_ROLE:
            return record.id
        return None
