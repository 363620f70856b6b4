"""File → 由工作方案文件新建…: the plan document on the left, the plan as read on the
right (parts, areas, tasks, targets, phases, safeguards as a tree), each item's source
highlighted when it is selected and the reverse. The coordinator corrects what was
misread — kind, level, split, join, a target's number, unit, comparator, departments,
phase dates — sees what is still unread, undoes any step, and creates the master.
Every correction is a plain function of ipdesk.reader.corrections on a copy."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import errors, i18n
from ipdesk.gui.widgets import ask
from ipdesk.plan.rules import comparator_sign
from ipdesk.reader import corrections as fix
from ipdesk.reader.model import ITEM_KINDS, KIND_WORDS, PART_KINDS, Indicator, Item, ReadPlan
from ipdesk.reader.targets import COMPARATOR_WORDS, COMPARATORS, KINDS

REF = Qt.ItemDataRole.UserRole
HIGHLIGHT = QColor("#fff2a8")


def _loose(words: str) -> re.Pattern[str] | None:
    """A pattern finding `words` in the source whatever line breaks or spaces a PDF
    or a page break put between its characters."""
    chars = [re.escape(c) for c in words if not c.isspace()]
    return re.compile(r"\s*".join(chars)) if chars else None


class Snapshot(QUndoCommand):
    """One correction: the plan before and after it."""

    def __init__(self, dialog: PlanReaderDialog, before: ReadPlan, after: ReadPlan, text: str):
        super().__init__(text)
        self.dialog, self.before, self.after = dialog, before, after

    def redo(self) -> None:
        self.dialog.set_plan(self.after.copy())

    def undo(self) -> None:
        self.dialog.set_plan(self.before.copy())


class PlanReaderDialog(QDialog):
    def __init__(self, plan: ReadPlan, parent: QWidget | None = None, folder: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("planReaderDialog")
        self.setWindowTitle(self.tr("由工作方案文件新建总表 — 核对读取结果"))
        self.plan = plan
        self.plan.renumber()
        self.folder = folder or str(Path(plan.source.path).parent)
        self.previous_master: str | None = None
        self.created_path: Path | None = None
        self.stack = QUndoStack(self)
        self._syncing = False
        source = plan.source
        self._starts = [b.start for b in source.blocks]
        self._build()
        self.source_view.setPlainText(source.text)
        self.set_plan(plan)
        self.resize(1500, 900)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        self.source_view = QPlainTextEdit()
        self.source_view.setObjectName("sourceView")
        self.source_view.setReadOnly(True)
        self.source_view.cursorPositionChanged.connect(self._source_clicked)
        self.tree = QTreeWidget()
        self.tree.setObjectName("planTree")
        self.tree.setHeaderLabels(
            [self.tr("编号"), self.tr("类型"), self.tr("内容"), self.tr("目标 / 单位 / 日期")]
        )
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 80)
        self.tree.setColumnWidth(2, 380)
        self.tree.itemSelectionChanged.connect(self._tree_selected)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.tabs.addTab(self._item_editor(), self.tr("条目"))
        self.tabs.addTab(self._indicator_editor(), self.tr("指标"))
        self.unread_list = QListWidget()
        self.unread_list.setObjectName("unreadList")
        self.unread_list.setWordWrap(True)
        self.unread_list.currentRowChanged.connect(self._unread_selected)
        unread_page = QWidget()
        box = QVBoxLayout(unread_page)
        box.addWidget(self.unread_list)
        self.place_button = QPushButton(self.tr("放入计划（选中条目之后）"))
        self.place_button.clicked.connect(self._place_unread)
        box.addWidget(self.place_button)
        self.tabs.addTab(unread_page, self.tr("未读"))
        self.department_list = QListWidget()
        self.department_list.setObjectName("departmentList")
        self.tabs.addTab(self.department_list, self.tr("单位"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tree)
        right.addWidget(self.tabs)
        right.setSizes([560, 300])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.source_view)
        split.addWidget(right)
        split.setSizes([600, 900])

        undo = self.stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.stack.undo)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.redo_button = QPushButton(self.tr("重做"))
        self.redo_button.clicked.connect(self.stack.redo)
        self.stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.previous_label = QLabel(self.tr("上一轮计划：无（从头开始）"))
        previous = QPushButton(self.tr("承接上一轮总表…"))
        previous.clicked.connect(self.choose_previous)
        self.coordinator = QComboBox()
        self.coordinator.setObjectName("coordinatorCombo")
        self.coordinator.setMinimumWidth(200)
        create = QPushButton(self.tr("创建总表…"))
        create.setObjectName("createButton")
        create.setDefault(True)
        create.clicked.connect(lambda: self.create_master())
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        for widget in (self.undo_button, self.redo_button, previous, self.previous_label):
            bottom.addWidget(widget)
        bottom.addStretch(1)
        bottom.addWidget(QLabel(self.tr("协调单位")))
        bottom.addWidget(self.coordinator)
        bottom.addWidget(create)
        bottom.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    def _item_editor(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        for kind in ITEM_KINDS + PART_KINDS:
            self.kind_combo.addItem(i18n.pick(*KIND_WORDS[kind]), kind)
        self.kind_combo.activated.connect(self._kind_chosen)
        buttons = QHBoxLayout()
        for text, name, slot in (
            (self.tr("升一级"), "upButton", lambda: self._level(-1)),
            (self.tr("降一级"), "downButton", lambda: self._level(+1)),
            (self.tr("在光标处拆分"), "splitButton", self._split),
            (self.tr("与下一条合并"), "joinButton", self._join),
            (self.tr("移出计划"), "dropButton", self._drop),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addLayout(buttons)
        form.addRow(self.tr("类型"), kind_row)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        form.addRow(self.tr("标题"), self.title_edit)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("textEdit")
        self.text_edit.setMaximumHeight(80)
        form.addRow(self.tr("原文"), self.text_edit)
        self.lead_edit = QLineEdit()
        self.lead_edit.setObjectName("leadEdit")
        self.co_edit = QLineEdit()
        self.co_edit.setObjectName("coEdit")
        self.start_edit = QLineEdit()
        self.start_edit.setObjectName("startEdit")
        self.start_edit.setPlaceholderText("2024-01-01")
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("endEdit")
        self.end_edit.setPlaceholderText("2025-12-31")
        people = QHBoxLayout()
        people.addWidget(QLabel(self.tr("牵头")))
        people.addWidget(self.lead_edit, 1)
        people.addWidget(QLabel(self.tr("配合")))
        people.addWidget(self.co_edit, 2)
        form.addRow(self.tr("单位"), people)
        days = QHBoxLayout()
        days.addWidget(self.start_edit)
        days.addWidget(QLabel("—"))
        days.addWidget(self.end_edit)
        save = QPushButton(self.tr("保存修改"))
        save.setObjectName("saveItemButton")
        save.clicked.connect(self._save_item)
        self.add_target_button = QPushButton(self.tr("把左侧选中的文字作为指标"))
        self.add_target_button.clicked.connect(self._add_target)
        days.addStretch(1)
        days.addWidget(self.add_target_button)
        days.addWidget(save)
        form.addRow(self.tr("起止日期"), days)
        return page

    def _indicator_editor(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.ind_text = QLabel()
        self.ind_text.setWordWrap(True)
        form.addRow(self.tr("原文"), self.ind_text)
        self.ind_name = QLineEdit()
        self.ind_name.setObjectName("indicatorName")
        form.addRow(self.tr("名称"), self.ind_name)
        row = QHBoxLayout()
        self.ind_comparator = QComboBox()
        self.ind_comparator.setObjectName("comparatorCombo")
        for key, (zh, en) in COMPARATOR_WORDS.items():
            self.ind_comparator.addItem(
                f"{comparator_sign(COMPARATORS[key])} {i18n.pick(zh, en)}", key
            )
        self.ind_target = QDoubleSpinBox()
        self.ind_target.setObjectName("targetSpin")
        self.ind_target.setRange(0, 1e12)
        self.ind_target.setDecimals(2)
        self.ind_unit = QLineEdit()
        self.ind_unit.setObjectName("unitEdit")
        self.ind_unit.setMaximumWidth(90)
        self.ind_yesno = QCheckBox(self.tr("是否类（无数值）"))
        for widget in (self.ind_comparator, self.ind_target, self.ind_unit, self.ind_yesno):
            row.addWidget(widget)
        form.addRow(self.tr("目标"), row)
        self.ind_kind = QComboBox()
        self.ind_kind.setObjectName("indicatorKind")
        for kind in KINDS:
            self.ind_kind.addItem(i18n.kind_label(kind), kind)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ind_kind)
        buttons.addStretch(1)
        remove = QPushButton(self.tr("不是指标"))
        remove.clicked.connect(self._remove_indicator)
        save = QPushButton(self.tr("保存指标"))
        save.setObjectName("saveIndicatorButton")
        save.clicked.connect(self._save_indicator)
        buttons.addWidget(remove)
        buttons.addWidget(save)
        form.addRow(self.tr("类型"), buttons)
        return page

    # ------------------------------------------------------------------ the plan shown
    def set_plan(self, plan: ReadPlan) -> None:
        """Show a (new version of the) plan, keeping the selection where it can."""
        chosen = self.selected()
        self.plan = plan
        plan.renumber()
        self._syncing = True
        self.tree.clear()
        self._nodes: dict[tuple[str, int], QTreeWidgetItem] = {}
        parents: dict[int, QTreeWidgetItem] = {}
        for item in plan.items:
            owner = parents.get(item.parent) if item.parent is not None else None
            node = QTreeWidgetItem(
                [item.code, i18n.pick(*KIND_WORDS[item.kind]), self._label(item), self._extra(item)]
            )
            node.setData(0, REF, ("item", item.id))
            node.setToolTip(2, item.text)
            (owner.addChild(node) if owner is not None else self.tree.addTopLevelItem(node))
            parents[item.id] = node
            self._nodes[("item", item.id)] = node
        for ind in plan.indicators:
            owner = parents.get(ind.item)
            node = QTreeWidgetItem([ind.code, self.tr("指标"), ind.name, self._target_text(ind)])
            node.setData(0, REF, ("indicator", ind.id))
            node.setForeground(1, QColor("#9a5b00"))
            node.setToolTip(2, ind.text)
            (owner.addChild(node) if owner is not None else self.tree.addTopLevelItem(node))
            self._nodes[("indicator", ind.id)] = node
        self.tree.expandToDepth(1)
        self.unread_list.clear()
        for u in plan.unread:
            self.unread_list.addItem(u.text)
        self.tabs.setTabText(2, self.tr("未读（{n}）").format(n=len(plan.unread)))
        self.department_list.clear()
        self.department_list.addItems(plan.departments)
        self.tabs.setTabText(3, self.tr("单位（{n}）").format(n=len(plan.departments)))
        current = self.coordinator.currentText()
        self.coordinator.clear()
        self.coordinator.addItem(self.tr("（自动：牵头任务最多的单位）"), None)
        for name in plan.departments:
            self.coordinator.addItem(name, name)
        self.coordinator.setCurrentIndex(max(0, self.coordinator.findText(current)))
        tasks = sum(1 for i in plan.items if i.kind in ("task", "subtask", "activity", "safeguard"))
        self.summary.setText(
            self.tr(
                "<b>{title}</b>　读自 {file}：{tasks} 项任务（含子任务、阶段工作、保障措施），"
                "{indicators} 项指标，{phases} 个阶段，{departments} 个单位，"
                "<b>{unread}</b> 段未读。请对照左侧原文核对，修改后再创建总表。"
            ).format(
                title=plan.title or self.tr("（未找到标题）"),
                file=Path(plan.source.path).name,
                tasks=tasks,
                indicators=len(plan.indicators),
                phases=len(plan.phases()),
                departments=len(plan.departments),
                unread=len(plan.unread),
            )
        )
        self._syncing = False
        if chosen is not None and chosen in self._nodes:
            self.tree.setCurrentItem(self._nodes[chosen])
        elif (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)

    def _label(self, item: Item) -> str:
        head = item.title or item.text
        return head if len(head) <= 60 else head[:59] + "…"

    def _extra(self, item: Item) -> str:
        parts = []
        if item.lead or item.co:
            parts.append(self.tr("牵头 {lead}").format(lead="、".join(item.lead) or "—"))
        if item.start and item.end:
            parts.append(f"{item.start} — {item.end}")
        elif item.end:
            parts.append(self.tr("至 {date}").format(date=item.end))
        return " · ".join(parts)

    def _target_text(self, ind: Indicator) -> str:
        if ind.target is None:
            return i18n.kind_label("yesno")
        value = int(ind.target) if float(ind.target).is_integer() else ind.target
        return f"{comparator_sign(COMPARATORS[ind.comparator])} {value} {ind.unit}"

    def selected(self) -> tuple[str, int] | None:
        node = self.tree.currentItem() if hasattr(self, "tree") else None
        return node.data(0, REF) if node is not None else None

    def node(self, kind: str, ref: int) -> QTreeWidgetItem:
        return self._nodes[(kind, ref)]

    # ------------------------------------------------------------------ source ↔ plan
    def source_spans(self, what: tuple[str, int]) -> list[tuple[int, int]]:
        """Where an item's (or a target's) words are in the source text: the target's
        own words; a sub-task's own sentence; else its paragraphs and table rows."""
        kind, ref = what
        blocks = self.plan.source.blocks
        text = self.plan.source.text
        if kind == "indicator":
            ind = next(i for i in self.plan.indicators if i.id == ref)
            pattern = _loose(ind.text)
            at = blocks[ind.blocks[0]].start if ind.blocks else 0
            found = pattern.search(text, max(0, at - 2)) if pattern else None
            if found:
                return [(found.start(), found.end())]
            return [(blocks[b].start, blocks[b].end) for b in ind.blocks]
        item = self.plan.item(ref)
        if item.kind == "subtask" and item.blocks:
            pattern = _loose(item.text[:14])
            found = (
                pattern.search(text, max(0, blocks[item.blocks[0]].start - 2)) if pattern else None
            )
            if found:
                return [(found.start(), min(found.start() + len(item.text) + 4, len(text)))]
        spans: list[tuple[int, int]] = []
        for b in sorted(item.blocks):
            if spans and b - 1 in item.blocks:
                spans[-1] = (spans[-1][0], blocks[b].end)
            else:
                spans.append((blocks[b].start, blocks[b].end))
        return spans

    def _tree_selected(self) -> None:
        what = self.selected()
        if what is None:
            return
        self._fill_editors(what)
        if self._syncing:
            return
        spans = self.source_spans(what)
        if spans:
            self.highlight(spans)

    def _mark(self, spans: list[tuple[int, int]]) -> None:
        marks = []
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            selection.format = QTextCharFormat()
            selection.format.setBackground(HIGHLIGHT)
            cursor = QTextCursor(self.source_view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            marks.append(selection)
        self.source_view.setExtraSelections(marks)
        self.highlighted = spans

    def highlight(self, spans: list[tuple[int, int]]) -> None:
        """Mark the spans and bring the first into view."""
        self._mark(spans)
        self._syncing = True
        view = QTextCursor(self.source_view.document())
        view.setPosition(spans[0][1])
        self.source_view.setTextCursor(view)
        view.setPosition(spans[0][0])
        self.source_view.setTextCursor(view)
        self.source_view.centerCursor()
        self._syncing = False

    def _source_clicked(self) -> None:
        if self._syncing:
            return
        what = self.item_at(self.source_view.textCursor().position())
        if what is None:
            return
        self._syncing = True
        self.tree.setCurrentItem(self._nodes[what])
        self.tree.scrollToItem(self._nodes[what])
        self._syncing = False
        self._mark(self.source_spans(what))

    def item_at(self, offset: int) -> tuple[str, int] | None:
        """The target, else the smallest item, whose words are at `offset`."""
        blocks = self.plan.source.blocks
        n = bisect.bisect_right(self._starts, offset) - 1
        if n < 0 or offset > blocks[n].end + 1:
            return None
        candidates: list[tuple[int, tuple[str, int]]] = []
        refs = [("indicator", i.id) for i in self.plan.indicators if n in i.blocks]
        refs += [("item", i.id) for i in self.plan.items if n in i.blocks]
        for what in refs:
            for start, end in self.source_spans(what):
                if start <= offset <= end:
                    size = 0 if what[0] == "indicator" else 1 + end - start
                    candidates.append((size, what))
        return min(candidates)[1] if candidates else None

    def _unread_selected(self, row: int) -> None:
        if 0 <= row < len(self.plan.unread) and self.plan.unread[row].blocks:
            blocks = self.plan.source.blocks
            self.highlight([(blocks[b].start, blocks[b].end) for b in self.plan.unread[row].blocks])

    # ------------------------------------------------------------------ editors
    def _fill_editors(self, what: tuple[str, int]) -> None:
        kind, ref = what
        if kind == "indicator":
            ind = next(i for i in self.plan.indicators if i.id == ref)
            self.ind_text.setText(ind.text)
            self.ind_name.setText(ind.name)
            self.ind_target.setValue(ind.target or 0)
            self.ind_unit.setText(ind.unit)
            self.ind_yesno.setChecked(ind.target is None)
            self.ind_comparator.setCurrentIndex(self.ind_comparator.findData(ind.comparator))
            self.ind_kind.setCurrentIndex(self.ind_kind.findData(ind.kind))
            self.tabs.setCurrentIndex(1)
            return
        item = self.plan.item(ref)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(item.kind))
        self.title_edit.setText(item.title)
        self.text_edit.setPlainText(item.text)
        self.lead_edit.setText("、".join(item.lead))
        self.co_edit.setText("、".join(item.co))
        self.start_edit.setText(item.start or "")
        self.end_edit.setText(item.end or "")
        if self.tabs.currentIndex() == 1:
            self.tabs.setCurrentIndex(0)

    def apply(self, text: str, change: Callable[[ReadPlan], Any]) -> bool:
        """Make one correction on a copy; it becomes an undoable step."""
        before, after = self.plan.copy(), self.plan.copy()
        if errors.guarded(self, change, after) is errors.FAILED:
            return False
        self.stack.push(Snapshot(self, before, after, text))
        return True

    def _item_id(self) -> int | None:
        what = self.selected()
        return what[1] if what is not None and what[0] == "item" else None

    def _kind_chosen(self) -> None:
        ref = self._item_id()
        kind = self.kind_combo.currentData()
        if ref is not None and kind != self.plan.item(ref).kind:
            self.apply(
                self.tr("改为{kind}").format(kind=self.kind_combo.currentText()),
                lambda p: fix.set_kind(p, ref, kind),
            )

    def _level(self, delta: int) -> None:
        ref = self._item_id()
        if ref is not None:
            self.apply(self.tr("调整层级"), lambda p: fix.shift_level(p, ref, delta))

    def _split(self) -> None:
        ref = self._item_id()
        if ref is not None:
            at = self.text_edit.textCursor().position()
            self.apply(self.tr("拆分条目"), lambda p: fix.split_item(p, ref, at))

    def _join(self) -> None:
        ref = self._item_id()
        if ref is not None:
            self.apply(self.tr("合并条目"), lambda p: fix.join_next(p, ref))

    def _drop(self) -> None:
        ref = self._item_id()
        if ref is not None:
            self.apply(self.tr("移出计划"), lambda p: fix.drop_item(p, ref))

    def _save_item(self) -> None:
        ref = self._item_id()
        if ref is None:
            return
        title, text = self.title_edit.text(), self.text_edit.toPlainText()
        lead, co = self.lead_edit.text(), self.co_edit.text()
        start, end = self.start_edit.text().strip(), self.end_edit.text().strip()

        def change(p: ReadPlan) -> None:
            fix.set_text(p, ref, title, text)
            fix.set_departments(p, ref, lead, co)
            fix.set_dates(p, ref, start or None, end or None)

        self.apply(self.tr("修改条目 {code}").format(code=self.plan.item(ref).code), change)

    def _add_target(self) -> None:
        ref = self._item_id()
        words = self.source_view.textCursor().selectedText().strip()
        if ref is not None and words:
            self.apply(self.tr("添加指标"), lambda p: fix.add_target(p, ref, words))

    def _save_indicator(self) -> None:
        what = self.selected()
        if what is None or what[0] != "indicator":
            return
        ref = what[1]
        values = {
            "name": self.ind_name.text(),
            "target": self.ind_target.value(),
            "unit": self.ind_unit.text(),
            "comparator": self.ind_comparator.currentData(),
            "kind": self.ind_kind.currentData(),
            "yes_no": self.ind_yesno.isChecked(),
        }
        self.apply(
            self.tr("修改指标 {name}").format(name=values["name"]),
            lambda p: fix.set_target(p, ref, **values),
        )

    def _remove_indicator(self) -> None:
        what = self.selected()
        if what is not None and what[0] == "indicator":
            self.apply(self.tr("不作为指标"), lambda p: fix.remove_indicator(p, what[1]))

    def _place_unread(self) -> None:
        row = self.unread_list.currentRow()
        if row < 0:
            return
        after = self._item_id()
        self.apply(self.tr("放入计划"), lambda p: fix.place_unread(p, row, after))

    # ------------------------------------------------------------------ the master
    def choose_previous(self, path: str | None = None) -> None:
        path = path or ask.open_path(self, self.tr("选择上一轮计划的总表"), self.folder)
        if not path:
            return
        self.previous_master = path
        self.previous_label.setText(self.tr("上一轮计划：{name}").format(name=Path(path).name))

    def create_master(self, target: str | None = None) -> bool:
        suggested = str(Path(self.folder) / f"{self.plan.title or '新计划'}-总表.ipdesk")
        target = target or ask.save_path(self, self.tr("新总表保存为"), suggested)
        if not target:
            return False
        path = Path(target) if Path(target).suffix == ".ipdesk" else Path(target + ".ipdesk")
        from ipdesk.errors import FileRefused
        from ipdesk.templates.build import create_master_from_document

        def make() -> None:
            if path.exists():
                raise FileRefused("exists", path)
            create_master_from_document(
                path,
                self.plan.copy(),
                continue_from=self.previous_master,
                coordinator=self.coordinator.currentData(),
            ).close()

        if errors.guarded(self, make) is errors.FAILED:
            return False
        self.created_path = path
        self.accept()
        return True
