"""The indicator table of the 指标看板: one row per indicator with target, current,
% of target, expected now and the warning light (colour and word)."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from ipdesk.gui import i18n
from ipdesk.gui.models.table import ID_ROLE
from ipdesk.gui.views.timeline_style import (
    LIGHT_COLORS,
    light_name,
    light_word,
)
from ipdesk.plan.codes import display_code
from ipdesk.plan.rules import Kind, Light, comparator_sign
from ipdesk.read import legend
from ipdesk.read.indicators import IndicatorStatus

_CONTEXT = "IndicatorTableModel"

COLUMNS = ("code", "name", "kind", "unit", "target", "current", "percent", "expected", "light")
COLUMN = {key: n for n, key in enumerate(COLUMNS)}
NUMERIC = {"target", "current", "percent", "expected"}

LIGHT_ORDER = {Light.red: 0, Light.yellow: 1, Light.green: 2, Light.grey: 3}

SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def column_title(key: str) -> str:
    """The column's heading (also the captions of the board's figures)."""
    translate = QCoreApplication.translate
    titles = {
        "code": translate("IndicatorTableModel", "编号"),
        "name": translate("IndicatorTableModel", "指标"),
        "kind": translate("IndicatorTableModel", "类型"),
        "unit": translate("IndicatorTableModel", "单位", "unit of measure: 件, 家, 亿元, %"),
        "target": translate("IndicatorTableModel", "目标"),
        "current": translate("IndicatorTableModel", "当前"),
        "percent": translate("IndicatorTableModel", "完成率"),
        "expected": translate("IndicatorTableModel", "应达进度"),
        "light": translate("IndicatorTableModel", "预警"),
    }
    return titles[key]


def yes_no(value: float | None) -> str:
    if value is None:
        return "—"
    return (
        QCoreApplication.translate("IndicatorTableModel", "是")
        if value >= 1
        else QCoreApplication.translate("IndicatorTableModel", "否")
    )


def value_text(ind: IndicatorStatus, value: float | None) -> str:
    """A value as the table shows it: 是/否 for yes/no, else the number."""
    if ind.kind == Kind.yesno:
        return yes_no(value)
    digits = 1 if value is not None and abs(value) >= 100 else 2
    return i18n.number(value, digits)


def target_text(ind: IndicatorStatus) -> str:
    if ind.kind == Kind.yesno:
        return QCoreApplication.translate("IndicatorTableModel", "是")
    return f"{comparator_sign(ind.comparator)} {i18n.number(ind.target)}"


def expected_text(ind: IndicatorStatus) -> str:
    if ind.kind == Kind.yesno:
        if ind.expected is not None and ind.expected >= 1:
            return QCoreApplication.translate("IndicatorTableModel", "是")
        when = ind.spec.target_date
        if (when.month, when.day) == (12, 31):
            return QCoreApplication.translate("IndicatorTableModel", "%1年底前").replace(
                "%1", str(when.year)
            )
        return QCoreApplication.translate("IndicatorTableModel", "%1前").replace(
            "%1", f"{when:%Y-%m-%d}"
        )
    return value_text(ind, legend.expected_number(ind.expected, ind.unit))


def percent_of(ind: IndicatorStatus, value: float | None) -> float | None:
    if value is None or not ind.target:
        return None
    return value / ind.target * 100


def light_icon(light: Light, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # The light's shape from the one legend: ■ red, ▲ yellow, ● green, ○ grey.
    colour = LIGHT_COLORS[light].solid
    painter.setPen(QPen(colour, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush if light is Light.grey else colour)
    inner = QRectF(1.5, 1.5, size - 3, size - 3)
    if light is Light.red:
        painter.drawRect(inner)
    elif light is Light.yellow:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(size / 2, 1),
                    QPointF(size - 1, size - 1.5),
                    QPointF(1, size - 1.5),
                ]
            )
        )
    else:
        painter.drawEllipse(inner)
    painter.end()
    return QIcon(pixmap)


class IndicatorTableModel(QAbstractTableModel):
    """Read-only table over `load_indicators` results."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[IndicatorStatus] = []
        self._departments: dict[str, str] = {}
        self._own: str | None = None
        self._today: date | None = None
        self._icons: dict[Light, QIcon] = {}

    def set_indicators(
        self,
        indicators: list[IndicatorStatus],
        departments: dict[str, str],
        own_department: str | None = None,
        today: date | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(indicators)
        self._departments = dict(departments)
        self._own = own_department
        self._today = today
        self.endResetModel()

    def indicator(self, row: int) -> IndicatorStatus:
        return self._rows[row]

    def indicators(self) -> list[IndicatorStatus]:
        return list(self._rows)

    def row_of(self, indicator_id: str) -> int:
        for n, ind in enumerate(self._rows):
            if ind.id == indicator_id:
                return n
        return -1

    def is_own(self, ind: IndicatorStatus) -> bool:
        return self._own is not None and self._own in ind.departments

    # Qt model API ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return column_title(COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                key = COLUMNS[section]
                align = (
                    Qt.AlignmentFlag.AlignRight if key in NUMERIC else Qt.AlignmentFlag.AlignLeft
                )
                return int(align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(COLUMNS)
        ):
            return None
        ind = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(ind, key)
        if role == ID_ROLE:
            return ind.id
        if role == SORT_ROLE:
            return self._sort_key(ind, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ind, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignRight if key in NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and key == "light":
            if ind.light not in self._icons:
                self._icons[ind.light] = light_icon(ind.light)
            return self._icons[ind.light]
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "light":
                return QBrush(LIGHT_COLORS[ind.light].edge)
            if key == "current" and ind.current is None:
                return QBrush(QColor("#8F98A3"))
        if role == Qt.ItemDataRole.FontRole and key == "code" and self.is_own(ind):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, ind: IndicatorStatus, key: str) -> str:
        if key == "code":
            return display_code(ind.code)
        if key == "name":
            return ind.name
        if key == "kind":
            return i18n.kind_label(ind.kind)
        if key == "unit":
            return ind.unit or "—"
        if key == "target":
            return target_text(ind)
        if key == "current":
            return (
                value_text(ind, ind.current)
                if ind.current is not None
                else QCoreApplication.translate("IndicatorTableModel", "未填报")
            )
        if key == "percent":
            return f"{ind.percent:.1f}%" if ind.percent is not None else "—"
        if key == "expected":
            return expected_text(ind)
        if key == "light":
            return f"{light_name(ind.light)} {light_word(ind.light)}"
        return ""

    def department_names(self, ind: IndicatorStatus) -> str:
        return "、".join(self._departments.get(d, d) for d in ind.departments)

    def _sort_key(self, ind: IndicatorStatus, key: str):
        def number(value: float | None) -> float:
            return -math.inf if value is None else float(value)

        if key == "code":
            return ".".join(f"{int(p):04d}" if p.isdigit() else p for p in ind.code.split("."))
        if key == "target":
            return number(ind.target)
        if key == "current":
            return number(ind.current)
        if key == "percent":
            return number(ind.percent)
        if key == "expected":
            return number(ind.expected)
        if key == "light":
            return LIGHT_ORDER.get(ind.light, 9)
        return self._display(ind, key)

    def _tooltip(self, ind: IndicatorStatus, key: str) -> str:
        if key in ("code", "name"):
            text = f"{display_code(ind.code)}　{ind.text or ind.name}"
            if ind.departments:
                text += "\n" + QCoreApplication.translate(
                    "IndicatorTableModel", "责任单位：%1"
                ).replace("%1", self.department_names(ind))
            return text
        if key == "expected" and ind.expected is not None and ind.kind != Kind.yesno:
            share = percent_of(ind, ind.expected)
            when = f"{self._today:%Y-%m-%d}" if self._today else ""
            return (
                QCoreApplication.translate(
                    "IndicatorTableModel", "按计划进度，%1 应达到 %2（目标的 %3%）"
                )
                .replace("%1", when)
                .replace("%2", value_text(ind, ind.expected))
                .replace("%3", i18n.number(share, 1))
            )
        if key == "light":
            return (
                QCoreApplication.translate("IndicatorTableModel", "预警：%1（%2）")
                .replace("%1", light_name(ind.light))
                .replace("%2", light_word(ind.light))
            )
        if key == "current" and ind.current is None:
            return QCoreApplication.translate("IndicatorTableModel", "还没有填报数值")
        return ""
