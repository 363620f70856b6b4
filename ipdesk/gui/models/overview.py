"""Table models of the coordinator's overview: every task (ipdesk.read.overview's rows,
filtered and sorted here), and reporting completeness per department."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ipdesk.gui import i18n
from ipdesk.gui.models.table import ID_ROLE, Index, ItemTableModel
from ipdesk.gui.views.timeline_style import reason_text
from ipdesk.plan import rules
from ipdesk.plan.codes import display_code
from ipdesk.read.overview import OverviewFilter, TaskRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class OverviewModel(QAbstractTableModel):
    """All tasks; `set_filter` picks the visible ones, `sort` orders them."""

    COLUMNS = (
        "code",
        "title",
        "lead",
        "co",
        "due",
        "status",
        "percent",
        "light",
        "reported",
        "reason",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all: list[TaskRow] = []
        self.visible: list[TaskRow] = []
        self.filter = OverviewFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.headers = [
            self.tr("编号"),
            self.tr("任务"),
            self.tr("牵头单位"),
            self.tr("配合单位"),
            self.tr("完成时限"),
            self.tr("状态"),
            self.tr("完成%"),
            self.tr("预警"),
            self.tr("报送"),
            self.tr("说明"),
        ]

    def set_rows(self, task_rows: list[TaskRow]) -> None:
        self.all = task_rows
        self._apply()

    def set_filter(self, flt: OverviewFilter) -> None:
        self.filter = flt
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        flt = self.filter
        self.visible = [r for r in self.all if flt.matches(r)]
        if self._sort is not None:
            self._sort_visible(*self._sort)
        self.endResetModel()

    def _key(self, column: int) -> Any:
        name = self.COLUMNS[column]
        order = {"red": 0, "yellow": 1, "green": 2, "grey": 3}
        return {
            "code": lambda r: r.sort_code,
            "title": lambda r: r.title,
            "lead": lambda r: r.lead,
            "co": lambda r: r.co,
            "due": lambda r: r.due or "9999",
            "status": lambda r: r.status,
            "percent": lambda r: -1 if r.percent is None else r.percent,
            "light": lambda r: order.get(r.light, 9),
            "reported": lambda r: (order.get(r.report_light, 9), not r.unreported),
            "reason": lambda r: r.reason,
        }[name]

    def _sort_visible(self, column: int, order: Qt.SortOrder) -> None:
        self.visible.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_visible(column, order)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.visible):
            return None
        row = self.visible[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "percent":
                return "—" if row.percent is None else f"{row.percent:.0f}%"
            if column == "status":
                return i18n.status_label(row.status) if row.reported_once else "—"
            if column == "light":
                # Shape and colour; the why stands in the reason column beside it.
                return i18n.light_text(row.light, with_word=False)
            if column == "reported":
                # The reporting signal, apart from the progress light: a late or
                # returned report, else whether this period's report is still owed.
                if row.report_light:
                    shape = i18n.LIGHT_SHAPES[row.report_light]
                    return f"{shape} {reason_text(row.report_reason)}"
                return self.tr("未报") if row.unreported else ""
            if column == "reason":
                return reason_text(row.reason)
            return getattr(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("title", "lead", "co", "reason"):
            return getattr(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "light":
            return i18n.light_text(row.light)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "light":
                return QBrush(QColor(i18n.LIGHT_COLOURS[row.light]))
            if column == "reported" and row.report_light:
                return QBrush(QColor(i18n.LIGHT_COLOURS[row.report_light]))
            if column == "reported" and row.unreported:
                return QBrush(QColor(i18n.LIGHT_COLOURS["red"]))
            if column == "due" and row.overdue:
                return QBrush(QColor(i18n.LIGHT_COLOURS["red"]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "percent",
            "status",
            "due",
            "reported",
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return row.id
        return None


class CompletenessModel(ItemTableModel):
    """This period's reports per department: expected, reported, state."""

    COLUMNS = ("department", "expected", "reported", "ratio", "state", "missing")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[rules.Completeness] = []
        self.names: dict[str, str] = {}
        self.headers = [
            self.tr("单位"),
            self.tr("应报"),
            self.tr("已报"),
            self.tr("完成率"),
            self.tr("报告状态"),
            self.tr("未报任务"),
        ]

    def set_items(
        self, items: list[rules.Completeness], names: dict[str, str] | None = None
    ) -> None:
        names = names or {}
        self.beginResetModel()
        order = {d: n for n, d in enumerate(names)}
        self.items = sorted(
            items,
            key=lambda c: (
                c.reported / c.expected if c.expected else 1.0,
                order.get(c.department, 10**6),
            ),
        )
        self.names = names
        self.endResetModel()

    def state_text(self, c: rules.Completeness) -> str:
        if c.approved:
            return i18n.state_label("approved")
        if c.returned:
            return i18n.state_label("returned")
        if c.submitted:
            return i18n.state_label("submitted")
        return self.tr("未提交")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        c = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "department":
                return self.names.get(c.department, c.department)
            if column == "expected":
                return c.expected
            if column == "reported":
                return c.reported
            if column == "ratio":
                return f"{(c.reported / c.expected * 100 if c.expected else 100):.0f}%"
            if column == "state":
                return self.state_text(c)
            if column == "missing":
                return "、".join(display_code(code) for code in c.missing_tasks)
        if role == Qt.ItemDataRole.ToolTipRole and column == "missing":
            return "\n".join(display_code(code) for code in c.missing_tasks)
        if role == Qt.ItemDataRole.ForegroundRole and column == "ratio" and c.reported < c.expected:
            return QBrush(QColor(i18n.LIGHT_COLOURS["red"]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "expected",
            "reported",
            "ratio",
            "state",
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return c.department
        return None
