"""Table models of the coordinator's read-only views (issue #12): what a file brings
row by row (the merge center's preview), a task's reports and the history of its
fields, a department's reports for a period, and the master's backups. Each holds
plain rows from ipdesk.read / ipdesk.merge and only formats them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from ipdesk.gui import i18n
from ipdesk.gui.models.merge_center_models import (
    AMBER,
    GREEN,
    GREY,
    RED,
    TableModel,
    field_label,
    one_line,
    table_label,
    value_text,
)
from ipdesk.merge.backups import Backup
from ipdesk.merge.conflicts import column_label
from ipdesk.messages import Message
from ipdesk.plan.codes import display_code
from ipdesk.read.department import DeptTask
from ipdesk.read.review import PC, FieldChange, TaskReport

translate = QCoreApplication.translate


def field_words(name: str) -> str:
    return field_label(name, column_label(name))


def history_what(c: FieldChange) -> str:
    """The row a change is about, its kind in the window's language (ipdesk.messages
    table.*): "Progress report · 区金融局"."""
    kind = i18n.message_text(Message(f"table.{c.table}"))
    return " · ".join([kind, *c.what.split(" · ")[1:]])


def pc_text(pc: PC) -> str:
    """A PC in words: 本机 (and its name), or its department and the name its user
    gave it, or its department and a short number."""
    if pc.own:
        here = translate("ReviewModels", "本机")
        return f"{here} · {pc.name}" if pc.name else here
    if not pc.site:
        return "—"
    parts = [p for p in (pc.department, pc.name) if p]
    if pc.name:
        return " · ".join(parts)
    unnamed = translate("ReviewModels", "电脑 {n}").format(n=pc.tail)
    return " · ".join([*parts, unnamed])


def when_text(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if when else ""


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, size // 1024)} KB"


# ------------------------------------------------------------------ the preview, row by row


class PreviewRowsModel(TableModel):
    """The rows a file brings (ipdesk.merge.preview_rows): what, period, field, old → new."""

    COLUMNS = ("what", "department", "period", "field", "old", "new", "mark")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("任务 / 指标"),
            self.tr("单位"),
            self.tr("期间"),
            self.tr("字段"),
            self.tr("原值"),
            self.tr("新值"),
            self.tr("标记"),
        ]

    def mark(self, r: dict[str, Any]) -> str:
        words = {
            "new": self.tr("新增"),
            "changed": self.tr("修改"),
            "conflict": self.tr("冲突"),
            "quarantined": self.tr("隔离（不合并）"),
        }
        text = words.get(r["status"], r["status"])
        if r.get("draft"):
            text += self.tr(" · 草稿（未提交）")
        return text

    def what(self, r: dict[str, Any]) -> str:
        what = r.get("what") or ""
        if r["table"] in ("progress_reports", "indicator_values", "tasks", "indicators"):
            what = display_code(what) if what else what
        return f"{table_label(r['table'])} {what}".strip()

    def display(self, r: dict[str, Any], column: str) -> str:
        if column == "what":
            return self.what(r)
        if column == "department":
            return r.get("department") or ""
        if column == "period":
            return i18n.period_label(r["period"]) if r.get("period") else ""
        if column == "field":
            return field_words(r["field"])
        if column in ("old", "new"):
            value = r[column]
            if column == "old" and r["status"] == "new":
                return "—"
            return one_line(value_text(r["field"], value), 50)
        return self.mark(r)

    def tooltip(self, r: dict[str, Any], column: str) -> str | None:
        if column in ("old", "new"):
            return value_text(r["field"], r[column])
        if column == "mark" and r.get("reason"):
            from ipdesk.gui.models.merge_center_models import core_text

            return core_text(r["reason"])
        return None

    def colour(self, r: dict[str, Any], column: str) -> str | None:
        if column != "mark":
            return None
        if r["status"] == "quarantined":
            return RED
        if r["status"] == "conflict" or r.get("draft"):
            return AMBER
        return GREEN

    def bold(self, r: dict[str, Any], column: str) -> bool:
        return column == "mark" and (
            r["status"] in ("conflict", "quarantined") or bool(r.get("draft"))
        )


# ------------------------------------------------------------------ one task, read only


class TaskReportsModel(TableModel):
    COLUMNS = ("period", "department", "state", "status", "percent", "progress", "problems", "next")
    NUMBERS = frozenset({"percent"})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("期间"),
            self.tr("单位"),
            self.tr("报告状态"),
            self.tr("进展"),
            self.tr("完成%"),
            self.tr("进展情况"),
            self.tr("存在问题"),
            self.tr("下步计划"),
        ]

    def display(self, r: TaskReport, column: str) -> str:
        if column == "period":
            return i18n.period_label(r.period)
        if column == "department":
            return r.department
        if column == "state":
            return i18n.state_label(r.state) if r.state != "draft" else self.tr("未提交")
        if column == "status":
            return i18n.status_label(r.status)
        if column == "percent":
            return f"{i18n.number(r.percent)}%" if r.percent is not None else ""
        text = {"progress": r.progress, "problems": r.problems, "next": r.next_steps}[column]
        return one_line(text, 80)

    def tooltip(self, r: TaskReport, column: str) -> str | None:
        return {"progress": r.progress, "problems": r.problems, "next": r.next_steps}.get(
            column
        ) or None

    def colour(self, r: TaskReport, column: str) -> str | None:
        if column == "state":
            return {"submitted": "#0d47a1", "approved": GREEN, "returned": RED}.get(r.state, GREY)
        return None


class HistoryModel(TableModel):
    """Every field change: when (local time), who (department), which PC, what, old → new."""

    COLUMNS = ("when", "what", "period", "pc", "field", "old", "new")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("时间"),
            self.tr("内容"),
            self.tr("期间"),
            self.tr("电脑（单位 · 名称）"),
            self.tr("字段"),
            self.tr("原值"),
            self.tr("新值"),
        ]

    def display(self, c: FieldChange, column: str) -> str:
        if column == "when":
            return when_text(c.when)
        if column == "what":
            return history_what(c)
        if column == "period":
            return i18n.period_label(c.period) if c.period else ""
        if column == "pc":
            return pc_text(c.pc)
        if column == "field":
            return field_words(c.field)
        value = c.old if column == "old" else c.new
        return one_line(value_text(c.field, value), 50)

    def tooltip(self, c: FieldChange, column: str) -> str | None:
        if column in ("old", "new"):
            return value_text(c.field, c.old if column == "old" else c.new)
        if column == "pc":
            return c.pc.site
        return None


# ------------------------------------------------------------------ a department's period


class UnitTasksModel(TableModel):
    COLUMNS = ("code", "title", "role", "status", "percent", "progress", "problems", "next")
    NUMBERS = frozenset({"percent", "role"})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("编号"),
            self.tr("任务"),
            self.tr("分工"),
            self.tr("进展"),
            self.tr("完成%"),
            self.tr("进展情况"),
            self.tr("存在问题"),
            self.tr("下步计划"),
        ]

    def display(self, t: DeptTask, column: str) -> str:
        r = t.report
        if column == "code":
            return t.code
        if column == "title":
            return one_line(t.status.title or t.status.text, 30)
        if column == "role":
            return self.tr("牵头") if t.role == "lead" else self.tr("配合")
        if r is None:
            return self.tr("未填报") if column == "status" else ""
        if column == "status":
            return i18n.status_label(r.status)
        if column == "percent":
            return f"{i18n.number(r.percent)}%" if r.percent is not None else ""
        text = {"progress": r.progress, "problems": r.problems, "next": r.next_steps}[column]
        return one_line(text, 80)

    def tooltip(self, t: DeptTask, column: str) -> str | None:
        r = t.report
        if column == "title":
            return t.status.text
        if r is None:
            return None
        return {"progress": r.progress, "problems": r.problems, "next": r.next_steps}.get(
            column
        ) or None

    def colour(self, t: DeptTask, column: str) -> str | None:
        if column == "status" and t.report is None:
            return RED if t.role == "lead" and t.active else GREY
        return None

    def item_id(self, t: DeptTask) -> Any:
        return t.id


# ------------------------------------------------------------------ backups


class BackupsModel(TableModel):
    COLUMNS = ("made", "why", "size", "file")
    NUMBERS = frozenset({"size"})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("备份时间"), self.tr("原因"), self.tr("大小"), self.tr("文件")]

    def display(self, b: Backup, column: str) -> str:
        if column == "made":
            return b.made.strftime("%Y-%m-%d %H:%M:%S")
        if column == "why":
            return i18n.message_text(b.words)
        if column == "size":
            return size_text(b.size)
        return b.path.name

    def tooltip(self, b: Backup, column: str) -> str | None:
        return str(b.path) if column == "file" else None

    def item_id(self, b: Backup) -> Any:
        return str(b.path)
