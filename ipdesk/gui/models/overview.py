"""The coordinator's overview: every task as a precomputed row, filtered in Python
once per filter change (fast enough for 5,000 tasks: see bench/gui), and reporting
completeness per department."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlite_utils
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ipdesk.gui import i18n
from ipdesk.gui.models.queries import reported_pairs, rows
from ipdesk.gui.models.table import ItemTableModel
from ipdesk.plan import rules
from ipdesk.plan.codes import code_key, display_code
from ipdesk.plan.periods import Period
from ipdesk.store.overview import TaskStatus, completeness, load_tasks, plan_info

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass
class TaskRow:
    id: str
    code: str
    sort_code: tuple[int, ...]
    title: str
    kind: str
    area: str  # "3.1" … "3.6", "4" (activities), "5" (safeguards)
    phases: frozenset[str]
    lead: str
    co: str
    departments: frozenset[str]
    due: str
    status: str
    status_label: str
    percent: float | None
    light: str
    reason: str
    overdue: bool
    unreported: bool  # lead has not reported for the chosen period though it should
    haystack: str  # lower-case text searched by the search box


@dataclass
class OverviewFilter:
    text: str = ""
    area: str = ""
    department: str = ""
    status: str = ""
    phase: str = ""
    light: str = ""
    overdue: bool = False
    unreported: bool = False

    def matches(self, row: TaskRow) -> bool:
        if self.area and row.area != self.area:
            return False
        if self.department and self.department not in row.departments:
            return False
        if self.status and row.status != self.status:
            return False
        if self.phase and self.phase not in row.phases:
            return False
        if self.light and row.light != self.light:
            return False
        if self.overdue and not row.overdue:
            return False
        if self.unreported and not row.unreported:
            return False
        if self.text:
            return all(word in row.haystack for word in self.text.lower().split())
        return True


@dataclass
class OverviewData:
    rows: list[TaskRow]
    completeness: list[rules.Completeness]
    areas: list[tuple[str, str]]  # key, label
    phases: list[tuple[str, str]]
    departments: list[tuple[str, str]]  # id, short name
    names: dict[str, str] = field(default_factory=dict)


def _area(task: TaskStatus) -> str:
    if task.section_code:
        return task.section_code
    return task.code.split(".")[0]


def load_overview(
    db: sqlite_utils.Database, period: Period, on: date | None = None
) -> OverviewData:
    """Everything the overview shows, computed once (plain Python; runs on a worker)."""
    info = plan_info(db)
    tasks = load_tasks(db, on)
    names = {
        r["id"]: r["short_name"]
        for r in rows(
            db, "SELECT id, short_name FROM departments WHERE deleted = 0 ORDER BY sort, code"
        )
    }
    phases = rows(
        db,
        "SELECT code, name, start_date, end_date FROM phases WHERE deleted = 0 ORDER BY sort, code",
    )
    reported = reported_pairs(db, period)
    result = []
    for t in tasks:
        first, last = t.start or info.start, t.due or info.target_date
        in_phases = frozenset(
            p["code"]
            for p in phases
            if t.phase_code == p["code"]
            or (
                t.phase_code is None
                and t.due is not None
                and first.isoformat() <= p["end_date"]
                and last.isoformat() >= p["start_date"]
            )
        )
        active = first <= period.end and last >= period.start
        unreported = (
            t.reportable
            and bool(t.lead)
            and active
            and not any((t.id, d) in reported for d in t.lead)
        )
        lead = "、".join(names.get(d, "?") for d in t.lead)
        co = "、".join(names.get(d, "?") for d in t.co)
        code = display_code(t.code)
        title = ("　" if t.kind == "subtask" else "") + t.title
        result.append(
            TaskRow(
                id=t.id,
                code=code,
                sort_code=code_key(t.code),
                title=title,
                kind=t.kind,
                area=_area(t),
                phases=in_phases,
                lead=lead,
                co=co,
                departments=frozenset(t.lead) | frozenset(t.co),
                due=t.due.isoformat() if t.due else "",
                status=t.status,
                status_label=i18n.status_label(t.status)
                if t.last_period or t.status != "not_started"
                else "—",
                percent=t.percent,
                light=t.light.value,
                reason=t.reason,
                overdue=t.overdue,
                unreported=unreported,
                haystack=" ".join((t.code, code, t.title, t.text, lead, co)).lower(),
            )
        )
    areas = [
        (r["code"], f"{display_code(r['code'])} {r['title']}")
        for r in rows(
            db,
            "SELECT code, title FROM sections WHERE kind = 'area' AND deleted = 0 ORDER BY sort, code",
        )
    ]
    present = {r.area for r in result}
    if "4" in present:
        areas.append(("4", i18n.pick("四、工作计划（阶段活动）", "4 Work plan (phase activities)")))
    if "5" in present:
        areas.append(("5", i18n.pick("五、保障措施", "5 Safeguards")))
    return OverviewData(
        rows=result,
        completeness=completeness(db, period, tasks),
        areas=areas,
        phases=[
            (p["code"], f"{p['name']}（{p['start_date']} 至 {p['end_date']}）") for p in phases
        ],
        departments=list(names.items()),
        names=names,
    )


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
            self.tr("本期"),
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
            "reported": lambda r: r.unreported,
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
                return row.status_label
            if column == "light":
                return i18n.light_text(row.light)
            if column == "reported":
                return self.tr("未报") if row.unreported else ""
            return getattr(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("title", "lead", "co", "reason"):
            return getattr(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "light":
                return QBrush(QColor(i18n.LIGHT_COLOURS[row.light]))
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

    def set_items(self, items: list[rules.Completeness], names: dict[str, str]) -> None:
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
