"""Table models of the department form: its tasks (lead or co-operating) and its
indicator grid for one period."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ipdesk.gui import i18n
from ipdesk.gui.models.table import ID_ROLE, ItemTableModel
from ipdesk.gui.views.timeline_style import reason_text
from ipdesk.plan.codes import display_code
from ipdesk.plan.rules import comparator_sign
from ipdesk.read.department import DeptIndicator, DeptTask

Index = QModelIndex | QPersistentModelIndex
READ_ONLY_BACKGROUND = QColor("#f3f4f6")


def _light_brush(light: str) -> QBrush:
    return QBrush(QColor(i18n.LIGHT_COLOURS[light]))


class DeptTaskModel(ItemTableModel):
    """The department's tasks of one role for one period."""

    COLUMNS = ("title", "status", "percent", "reported", "light")
    items: list[DeptTask]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("任务"),
            self.tr("状态"),
            self.tr("完成%"),
            self.tr("本期"),
            self.tr("预警"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        report = item.report
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "title":
                return f"{item.code}  {item.status.title}"
            if column == "status":
                return i18n.status_label(report.status) if report else "—"
            if column == "percent":
                percent = report.percent if report else None
                return "—" if percent is None else f"{percent:.0f}%"
            if column == "reported":
                if report:
                    return self.tr("已填")
                if item.overdue:
                    return self.tr("已逾期")
                return self.tr("未填") if item.active else self.tr("不在期内")
            if column == "light":
                # The progress signal; this period's report is the 本期 column.
                return i18n.light_text(item.status.schedule_light, with_word=False)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "title":
                return f"{item.code} {item.status.title}\n{item.status.text}"
            if column == "light":
                reason = reason_text(item.status.schedule_reason)
                return f"{i18n.light_text(item.status.schedule_light)}：{reason}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "light":
                return _light_brush(item.status.schedule_light.value)
            if column == "reported" and (item.active or item.overdue) and not report:
                return _light_brush("red")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "percent",
            "reported",
            "status",
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return item.id
        return None


class IndicatorGridModel(ItemTableModel):
    """The department's indicators for one period: 本期新增 (typed) and 累计 (computed)
    side by side. Typing a value emits `valueEntered(row, text)`; the form checks and
    saves it, then reloads the grid."""

    valueEntered = Signal(int, str)
    COLUMNS = ("name", "unit", "target", "value", "total", "percent", "light")
    VALUE_COLUMN = 3

    items: list[DeptIndicator]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editable = False
        self.department_id: str | None = None
        self.headers = [
            self.tr("指标"),
            self.tr("单位"),
            self.tr("目标"),
            self.tr("本期新增 / 本期数值"),
            self.tr("累计"),
            self.tr("完成率"),
            self.tr("预警"),
        ]

    def set_items(
        self,
        items: list[DeptIndicator],
        editable: bool = False,
        department_id: str | None = None,
    ) -> None:
        if (editable, department_id) == (self.editable, self.department_id):
            self.update_items(items)  # only the rows an edit changed repaint
            return
        self.beginResetModel()
        self.items = list(items)
        self.editable = editable
        self.department_id = department_id
        self.endResetModel()

    def key_of(self, item: Any) -> Any:
        return item.status.id

    def shown_alike(self, was: DeptIndicator, now: DeptIndicator) -> bool:
        # A status is replaced, never changed, when its values change (ipdesk.read.lights):
        # the same status object shows the same; comparing two would walk their values.
        return was.status is now.status and (
            was.value,
            was.note,
            was.total,
            was.percent,
            was.editable,
        ) == (now.value, now.note, now.total, now.percent, now.editable)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.ToolTipRole and section == self.VALUE_COLUMN:
            return self.tr(
                "累计类、新增类指标填写本期新增数量，累计自动计算；其他指标填写本期数值。"
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.VALUE_COLUMN and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def value_text(self, item: DeptIndicator) -> str:
        if item.value is None:
            return ""
        if item.status.kind == "yesno":
            return self.tr("是") if item.value >= 1 else self.tr("否")
        return i18n.number(item.value)

    def history_text(self, item: DeptIndicator) -> str:
        """The department's earlier values of the indicator, newest first."""
        own = sorted(
            (e for e in item.status.entries if e.department == self.department_id),
            key=lambda e: e.period.end,
            reverse=True,
        )
        lines = [
            f"{i18n.period_label(e.period)}：{i18n.number(e.value)} {item.status.unit}"
            for e in own[:8]
        ]
        text = (
            self.tr("本单位以往填报：") + "\n" + "\n".join(lines)
            if lines
            else self.tr("本单位尚未填报过。")
        )
        return f"{text}\n{item.note}" if item.note else text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        ind = item.status
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                # Numbered as the document, the workbook and the PDFs number it.
                kind = i18n.kind_label(ind.kind)
                name = f"{ind.name}（{kind}）" if kind else ind.name
                return f"{display_code(ind.code)}  {name}"
            if column == "unit":
                return ind.unit
            if column == "target":
                if ind.kind == "yesno":
                    return self.tr("是")
                word = comparator_sign(ind.comparator)
                return f"{word} {i18n.number(ind.target)}"
            if column == "value":
                return self.value_text(item)
            if column == "total":
                # 累计 only means something for sums; levels, rates and scores have
                # their current value in the 本期 column and the % beside it.
                return i18n.number(item.total) if item.is_sum else "—"
            if column == "percent":
                return "—" if item.percent is None else f"{item.percent:.0f}%"
            if column == "light":
                return i18n.light_text(ind.light)
        if role == Qt.ItemDataRole.EditRole and column == "value":
            return "" if item.value is None else i18n.number(item.value, 6)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "name":
                return ind.text
            if column == "total" and item.is_sum:
                return self.tr(
                    "累计 = 基数 + 各期新增（全区各填报单位合计），自动计算，不能直接修改。"
                )
            if column == "value":
                return self.history_text(item)
        if role == Qt.ItemDataRole.BackgroundRole and column != "value":
            return QBrush(READ_ONLY_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == "light":
            return _light_brush(ind.light.value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("name",):
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column in ("target", "value", "total", "percent")
                else int(Qt.AlignmentFlag.AlignCenter)
            )
        if role == ID_ROLE:
            return ind.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or index.column() != self.VALUE_COLUMN
            or not self.editable
        ):
            return False
        self.valueEntered.emit(index.row(), str(value))
        return True
