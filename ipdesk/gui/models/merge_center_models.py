"""Table models of the merge center (汇总合并): the files picked for merging with
their preview, the import log, open conflicts, quarantined rows and the review of
each department's period. Each holds plain rows from the core (ipdesk.merge,
ipdesk.store) and only formats them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ipdesk.gui import i18n
from ipdesk.gui.models.table import ID_ROLE, Index, ItemTableModel
from ipdesk.merge.conflicts import Conflict
from ipdesk.merge.engine import MergeReport
from ipdesk.messages import label
from ipdesk.read.completeness import ReviewRow
from ipdesk.store import clock

translate = QCoreApplication.translate

GREEN, RED, GREY, AMBER = (i18n.LIGHT_COLOURS[k] for k in ("green", "red", "grey", "yellow"))


def core_text(text: str, path: str | None = None) -> str:
    """A core message (ipdesk.messages) in the window's language, a full path shortened
    to the file name."""
    shown = i18n.message_text(text)
    if path and str(path) != Path(path).name:
        shown = shown.replace(str(path), Path(path).name)
    return shown


def value_text(field_name: str, value: Any) -> str:
    """A conflicting field's value in words (statuses and states translated)."""
    if value is None or value == "":
        return translate("MergeCenter", "（空）")
    if field_name == "percent":
        return f"{i18n.number(float(value))}%"
    if field_name == "status":
        return i18n.status_label(str(value))
    if field_name == "state":
        return i18n.state_label(str(value))
    if field_name == "deleted":
        return translate("MergeCenter", "已删除") if value else translate("MergeCenter", "未删除")
    if isinstance(value, float):
        return i18n.number(value, 4)
    return str(value)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def pc_label(site: str | None) -> str:
    """A PC as people can tell them apart. The core names PCs in words (its department
    and the name its user gave it in 设置, or a short number: merge.conflicts.pc_names);
    this PC is 本机 (with its own name, if it has one); a bare generated id shows its
    random tail."""
    from ipdesk.store import clock

    if not site:
        return "—"
    if site == clock.site_id() or site.startswith("本机"):
        here = translate("MergeCenter", "本机")
        name = clock.site_name()
        return f"{here} · {name}" if name else here
    if _UUID.match(site):
        return site[-8:]
    head, sep, tail = site.rpartition(" · 电脑 ")
    if sep:
        return f"{head} · " + translate("MergeCenter", "电脑 {n}").format(n=tail)
    if site.startswith("电脑 "):
        return translate("MergeCenter", "电脑 {n}").format(n=site[3:])
    return site


def field_label(field_name: str, label: str) -> str:
    """A conflicting field's name (the core's column_label message) in the window's language."""
    return i18n.message_text(label)


_CODED = {"progress_reports", "indicator_values", "tasks", "indicators"}
_PERIOD = re.compile(r"^\d{4}(Q[1-4]|-\d\d)?$")


def table_label(table: str) -> str:
    return i18n.message_text(label("table", table))


def row_text(table: str, label: str) -> str:
    """The core's row label ("进展报告 3.3.2 · 2025Q3 · 区金融局") with the document's
    code (三（三）2) and the period in words."""
    from ipdesk.merge.classify import TABLE_ZH
    from ipdesk.plan.codes import display_code

    prefix = TABLE_ZH.get(table, table) + " "
    rest = label[len(prefix) :] if label.startswith(prefix) else label
    parts = rest.split(" · ")
    if table in _CODED and re.fullmatch(r"\d+(\.\d+)*", parts[0]):
        parts[0] = display_code(parts[0])
    parts = [i18n.period_label(p) if _PERIOD.match(p) else p for p in parts]
    return f"{table_label(table)} {' · '.join(parts)}"


def one_line(text: str, limit: int = 60) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class TableModel(ItemTableModel):
    """Read-only rows with named columns; subclasses say how a cell is shown."""

    NUMBERS: frozenset[str] = frozenset()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.colour(item, column)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.FontRole and self.bold(item, column):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return self.item_id(item)
        return None

    def display(self, item: Any, column: str) -> str:
        raise NotImplementedError

    def tooltip(self, item: Any, column: str) -> str | None:
        return None

    def colour(self, item: Any, column: str) -> str | None:
        return None

    def bold(self, item: Any, column: str) -> bool:
        return False

    def item_id(self, item: Any) -> Any:
        return None


# ------------------------------------------------------------------ the picked files


@dataclass(eq=False)
class FileEntry:
    """A file picked for merging: its preview (dry run), then what the merge did."""

    path: Path
    state: str = "checking"  # checking | ready | merged | cancelled | failed
    report: MergeReport | None = None
    error: str = ""

    @property
    def result(self) -> str | None:
        return self.report.result if self.report is not None else None

    @property
    def mergeable(self) -> bool:
        return self.state == "ready" and self.result == "merged"


class FilesModel(TableModel):
    COLUMNS = (
        "file",
        "department",
        "result",
        "new",
        "changed",
        "conflicts",
        "quarantined",
        "notes",
    )
    NUMBERS = frozenset({"new", "changed", "conflicts", "quarantined", "result"})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("文件"),
            self.tr("单位"),
            self.tr("结果"),
            self.tr("新增"),
            self.tr("修改"),
            self.tr("冲突"),
            self.tr("隔离"),
            self.tr("拒收原因 / 提示"),
        ]

    def add(self, entries: list[FileEntry]) -> None:
        if not entries:
            return
        first = len(self.items)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self.items.extend(entries)
        self.endInsertRows()

    def remove(self, entry: FileEntry) -> None:
        row = self.row_of(entry)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()

    def row_of(self, entry: FileEntry) -> int:
        return next((n for n, e in enumerate(self.items) if e is entry), -1)

    def changed(self, entry: FileEntry) -> None:
        row = self.row_of(entry)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def result_text(self, e: FileEntry) -> str:
        if e.state == "checking":
            return self.tr("检查中…")
        if e.state == "failed":
            return self.tr("出错")
        if e.state == "cancelled":
            return self.tr("未合并（已取消）")
        if e.result == "refused":
            return self.tr("拒收")
        if e.result == "already merged":
            return self.tr("无需合并")
        if e.state == "merged":
            return self.tr("已合并")
        return self.tr("可合并")

    def notes(self, e: FileEntry) -> str:
        if e.state == "failed":
            return e.error
        if e.report is None:
            return ""
        r = e.report
        parts = []
        if r.drafts and r.result == "merged":
            parts.append(
                self.tr("草稿（未提交）：{periods}——已提交的报告不会被草稿覆盖").format(
                    periods="、".join(i18n.period_label(p) for p in r.drafts)
                )
            )
        if r.result in ("refused", "already merged"):
            reason = core_text(r.reason, r.file)
            for prefix in (f"无法合并 {e.path.name}：", f"cannot merge {e.path.name}: "):
                reason = reason.removeprefix(prefix)
            parts.append(reason)
        parts.extend(core_text(w, r.file) for w in r.warnings)
        if r.stale and r.result != "already merged":
            parts.append(self.tr("{n} 行比总表中的旧，已跳过").format(n=r.stale))
        return "；".join(p.rstrip("。；") for p in parts if p)

    def display(self, e: FileEntry, column: str) -> str:
        if column == "file":
            return e.path.name
        if column == "result":
            return self.result_text(e)
        if column == "notes":
            return one_line(self.notes(e), 200)
        r = e.report
        if column == "department":
            return (r.department_name or r.department or "") if r else ""
        if r is None or r.result == "refused" or e.state in ("checking", "failed"):
            return "—" if e.state != "checking" else ""
        return str(getattr(r, column))

    def tooltip(self, e: FileEntry, column: str) -> str | None:
        if column == "file":
            return str(e.path)
        if column in ("notes", "result"):
            return self.notes(e) or None
        return None

    def colour(self, e: FileEntry, column: str) -> str | None:
        if column == "result":
            if e.state in ("failed",) or e.result == "refused":
                return RED
            if e.state == "checking" or e.state == "cancelled" or e.result == "already merged":
                return GREY
            return GREEN
        if (
            column == "conflicts"
            and e.report is not None
            and e.report.conflicts
            and e.result != "refused"
        ):
            return AMBER
        if column == "quarantined" and e.report is not None and e.report.quarantined:
            return AMBER
        if column == "notes" and (e.result == "refused" or e.state == "failed"):
            return RED
        if column == "notes" and e.report is not None and e.report.drafts:
            return AMBER
        return None

    def bold(self, e: FileEntry, column: str) -> bool:
        return column == "result" and e.state == "merged" and e.result == "merged"


# ------------------------------------------------------------------ the import log


class ImportsModel(TableModel):
    COLUMNS = (
        "id",
        "merged_at",
        "file",
        "department",
        "new",
        "changed",
        "conflicts",
        "quarantined",
        "state",
    )
    NUMBERS = frozenset({"id", "new", "changed", "conflicts", "quarantined"})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("编号"),
            self.tr("导入时间"),
            self.tr("文件"),
            self.tr("单位"),
            self.tr("新增"),
            self.tr("修改"),
            self.tr("冲突"),
            self.tr("隔离"),
            self.tr("状态"),
        ]

    def display(self, e: dict[str, Any], column: str) -> str:
        if column == "merged_at":
            return clock.local_text(e["merged_at"])
        if column == "department":
            return e["department_name"] or e["department"] or ""
        if column == "state":
            if e["undone_at"]:
                return self.tr("已撤销（{time}）").format(time=clock.local_text(e["undone_at"]))
            return self.tr("有效")
        return str(e[column])

    def tooltip(self, e: dict[str, Any], column: str) -> str | None:
        if column in ("file", "state") and e["warnings"]:
            return "\n".join(core_text(w) for w in e["warnings"])
        return None

    def colour(self, e: dict[str, Any], column: str) -> str | None:
        if e["undone_at"]:
            return GREY
        if column == "conflicts" and e["conflicts"]:
            return AMBER
        if column == "quarantined" and e["quarantined"]:
            return AMBER
        return None

    def item_id(self, e: dict[str, Any]) -> Any:
        return e["id"]


# ------------------------------------------------------------------ conflicts


class ConflictsModel(TableModel):
    COLUMNS = ("row", "field", "master", "incoming", "department", "current", "time")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("内容"),
            self.tr("字段"),
            self.tr("总表值"),
            self.tr("报送值"),
            self.tr("报送单位 / 电脑"),
            self.tr("当前采用"),
            self.tr("报送时间"),
        ]

    def current_text(self, c: Conflict) -> str:
        side = c.resolved_side or c.default_side
        if c.resolved_side == "undone":
            return self.tr("已随导入撤销")
        word = self.tr("总表值") if side == "master" else self.tr("报送值")
        return word if c.resolved_side else self.tr("{side}（默认）").format(side=word)

    def display(self, c: Conflict, column: str) -> str:
        if column == "row":
            return row_text(c.table, c.row)
        if column == "field":
            return field_label(c.field, c.field_label)
        if column == "master":
            return one_line(value_text(c.field, c.master_value), 40)
        if column == "incoming":
            return one_line(value_text(c.field, c.incoming_value), 40)
        if column == "department":
            return pc_label(c.incoming_site)
        if column == "current":
            return self.current_text(c)
        return clock.local_text(c.incoming_time)

    def tooltip(self, c: Conflict, column: str) -> str | None:
        if column == "master":
            return value_text(c.field, c.master_value)
        if column == "incoming":
            return value_text(c.field, c.incoming_value)
        if column == "row":
            return row_text(c.table, c.row)
        if column == "department":
            return c.incoming_site
        return None

    def colour(self, c: Conflict, column: str) -> str | None:
        if column == "current" and not c.resolved_side:
            return AMBER
        return None

    def item_id(self, c: Conflict) -> Any:
        return c.id


# ------------------------------------------------------------------ quarantine


class QuarantineModel(TableModel):
    COLUMNS = ("merged_at", "file", "department", "what", "reason")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("导入时间"),
            self.tr("文件"),
            self.tr("单位"),
            self.tr("内容"),
            self.tr("原因"),
        ]

    def display(self, q: dict[str, Any], column: str) -> str:
        if column == "merged_at":
            return clock.local_text(q["merged_at"])
        if column == "department":
            return q["department_name"] or q["department"] or ""
        if column == "what":
            return q.get("what") or table_label(q["table"])
        if column == "reason":
            return core_text(q["reason"])
        return str(q[column])

    def tooltip(self, q: dict[str, Any], column: str) -> str | None:
        if column == "what":
            return q.get("what")
        return core_text(q["reason"]) if column == "reason" else None

    def item_id(self, q: dict[str, Any]) -> Any:
        return q["id"]


# ------------------------------------------------------------------ review


class ReviewModel(TableModel):
    COLUMNS = ("name", "expected", "reported", "state", "submitted_at", "reviewed_at", "reason")
    NUMBERS = frozenset({"expected", "reported", "state"})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("单位"),
            self.tr("应报"),
            self.tr("已报"),
            self.tr("报告状态"),
            self.tr("提交时间"),
            self.tr("审核时间"),
            self.tr("退回原因"),
        ]

    def display(self, r: ReviewRow, column: str) -> str:
        if column == "state":
            return i18n.state_label(r.state) if r.state != "draft" else self.tr("未提交")
        if column in ("submitted_at", "reviewed_at"):
            return clock.local_text(getattr(r, column))
        if column == "reason":
            return one_line(r.reason, 80)
        return str(getattr(r, column))

    def tooltip(self, r: ReviewRow, column: str) -> str | None:
        return r.reason or None if column == "reason" else None

    def colour(self, r: ReviewRow, column: str) -> str | None:
        if column == "state":
            return {"submitted": "#0d47a1", "approved": GREEN, "returned": RED}.get(r.state, GREY)
        if column == "reported" and r.reported < r.expected:
            return RED
        return None

    def bold(self, r: ReviewRow, column: str) -> bool:
        return column == "state" and r.state == "submitted"

    def item_id(self, r: ReviewRow) -> Any:
        return r.department_id


def quarantine_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The quarantine list (ipdesk.merge.conflicts.list_quarantine), each row also
    described in words ("进展报告 五（四） · 2025年第三季度")."""
    from ipdesk.plan.codes import display_code

    for q in rows:
        data = q["data"] if isinstance(q["data"], dict) else {}
        text = " ".join(
            [table_label(q["table"])] + ([display_code(q["item"])] if q["item"] else [])
        )
        if data.get("period"):
            text += f" · {i18n.period_label(data['period'])}"
        q["what"] = text
    return rows
