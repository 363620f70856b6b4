"""The tabs of the merge center besides the import: conflicts side by side, the
import log with undo, the quarantine list and the review of each department's
period. Each panel shows rows it is given and asks for actions by signals; the
merge center (merge_center.py) carries them out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import i18n
from ipdesk.gui.models.merge_center_models import (
    ID_ROLE,
    ConflictsModel,
    ImportsModel,
    QuarantineModel,
    ReviewModel,
    TableModel,
    core_text,
    field_label,
    pc_label,
    row_text,
    value_text,
)
from ipdesk.gui.widgets.common import setup_table
from ipdesk.merge.conflicts import Conflict
from ipdesk.plan.periods import Period
from ipdesk.read.completeness import ReviewRow
from ipdesk.store import clock


def make_table(
    model: TableModel, name: str, widths: dict[str, str], stretch: str | tuple[str, ...]
) -> QTableView:
    """A table over `model`, columns as wide as a sample text (from the font, so the
    layout holds at 150%), one column taking the rest."""
    stretch = (stretch,) if isinstance(stretch, str) else stretch
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    setup_table(view)
    fm = view.fontMetrics()
    header = view.horizontalHeader()
    for n, column in enumerate(model.COLUMNS):
        if column in stretch:
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
            continue
        sample = widths.get(column, "0000")
        width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(model.headers[n])) + 24
        view.setColumnWidth(n, width)
    header.setMinimumSectionSize(fm.horizontalAdvance("000") + 12)
    return view


def selected_row(view: QTableView) -> int:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else -1


def select_id(view: QTableView, model: TableModel, item_id: Any) -> bool:
    for row in range(model.rowCount()):
        if model.index(row, 0).data(ID_ROLE) == item_id:
            view.selectionModel().setCurrentIndex(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            return True
    return False


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5F6B7A;")
    return label


# ------------------------------------------------------------------ conflicts


class ConflictSide(QFrame):
    """One version of a conflicting field: who and when, the value, and the button
    that keeps it. The version the master holds now is framed in green and says so."""

    chosen = Signal()

    def __init__(self, button_text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.title = QLabel()
        self.title.setObjectName(name + "Title")
        self.title.setStyleSheet("font-weight: bold; border: none; background: transparent;")
        layout.addWidget(self.title)
        self.meta = QLabel()
        self.meta.setObjectName(name + "Meta")
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet("color: #5F6B7A; border: none; background: transparent;")
        layout.addWidget(self.meta)
        self.value = QPlainTextEdit()
        self.value.setObjectName(name + "Value")
        self.value.setReadOnly(True)
        lines = self.fontMetrics().lineSpacing()
        self.value.setMinimumHeight(lines * 2 + 14)
        self.value.setMaximumHeight(lines * 6 + 14)
        layout.addWidget(self.value, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton(button_text)
        self.button.setObjectName(name + "Button")
        self.button.clicked.connect(self.chosen)
        row.addWidget(self.button)
        layout.addLayout(row)

    def show_version(
        self, title: str, value: str, meta: str, current: bool, can_choose: bool
    ) -> None:
        self.title.setText(title)
        self.value.setPlainText(value)
        self.meta.setText(meta)
        self.button.setEnabled(can_choose)
        name = self.objectName()
        if current:
            self.setStyleSheet(
                f"QFrame#{name} {{ border: 2px solid #2e7d32; border-radius: 5px;"
                " background: #f3faf3; }"
            )
            self.title.setStyleSheet(
                "font-weight: bold; color: #2e7d32; border: none; background: transparent;"
            )
        else:
            self.setStyleSheet(
                f"QFrame#{name} {{ border: 1px solid #c5cdd8; border-radius: 5px;"
                " background: #ffffff; }"
            )
            self.title.setStyleSheet(
                "font-weight: bold; color: #1f3a5f; border: none; background: transparent;"
            )


class ConflictsPanel(QWidget):
    """Open conflicts, one table row each; the selected one side by side below it;
    all of a file's or a department's at once."""

    resolveRequested = Signal(int, str)  # conflict id, "master" | "incoming"
    resolveAllRequested = Signal(str, str)  # "file" | "department", "master" | "incoming"
    filterChanged = Signal()  # "show resolved" toggled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self.explain = hint(
            self.tr(
                "同一项内容总表和报送文件都改过。合并时已按默认规则采用其中一个值，两个版本都已保留；"
                "请逐项确认采用哪一个。"
            )
        )
        top.addWidget(self.explain, 1)
        self.show_resolved = QCheckBox(self.tr("显示已处理的冲突"))
        self.show_resolved.setObjectName("showResolved")
        top.addWidget(self.show_resolved)
        layout.addLayout(top)

        self.model = ConflictsModel(self)
        self.table = make_table(
            self.model,
            "conflictTable",
            {
                "row": "进展报告 三（三）2 · 2025年第三季度 · 区金融局",
                "field": "完成百分比",
                "department": "区市场监管局 / coordinator-pc",
                "current": "报送值（默认）",
                "time": "2025-08-20 16:20",
            },
            stretch=("master", "incoming"),
        )
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        self.empty = QLabel(self.tr("没有待处理的冲突。"))
        self.empty.setObjectName("noConflicts")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #2e7d32; padding: 16px;")

        self.detail = QWidget()
        self.detail.setObjectName("conflictDetail")
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 6, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("conflictTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; color: #1f3a5f;")
        detail.addWidget(self.title)
        sides = QHBoxLayout()
        sides.setSpacing(12)
        self.master_side = ConflictSide(self.tr("采用总表值"), "masterSide")
        self.incoming_side = ConflictSide(self.tr("采用报送值"), "incomingSide")
        self.master_side.chosen.connect(lambda: self._choose("master"))
        self.incoming_side.chosen.connect(lambda: self._choose("incoming"))
        sides.addWidget(self.master_side, 1)
        sides.addWidget(self.incoming_side, 1)
        detail.addLayout(sides)
        bulk = QHBoxLayout()
        self.bulk_label = QLabel()
        self.bulk_label.setObjectName("bulkLabel")
        self.bulk_label.setStyleSheet("color: #3c4a5c;")
        bulk.addWidget(self.bulk_label, 1)
        self.scope = QComboBox()
        self.scope.setObjectName("bulkScope")
        self.scope.addItem(self.tr("此文件的全部冲突"), "file")
        self.scope.addItem(self.tr("此单位的全部冲突"), "department")
        self.scope.currentIndexChanged.connect(lambda _n: self._bulk_text())
        bulk.addWidget(self.scope)
        self.all_master = QPushButton(self.tr("全部采用总表值"))
        self.all_master.setObjectName("allMaster")
        self.all_master.clicked.connect(lambda: self._choose_all("master"))
        self.all_incoming = QPushButton(self.tr("全部采用报送值"))
        self.all_incoming.setObjectName("allIncoming")
        self.all_incoming.clicked.connect(lambda: self._choose_all("incoming"))
        bulk.addWidget(self.all_master)
        bulk.addWidget(self.all_incoming)
        detail.addLayout(bulk)
        self.detail.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("conflictSplit")
        split.setChildrenCollapsible(False)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table)
        table_layout.addWidget(self.empty)
        table_box.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 3)
        split.addWidget(table_box)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        layout.addWidget(split, 1)
        self.show_resolved.toggled.connect(lambda _on: self.filterChanged.emit())

    def set_conflicts(self, conflicts: list[Conflict]) -> None:
        current = self.current()
        keep = current.id if current is not None else None
        self.model.set_items(conflicts)
        self.table.setVisible(bool(conflicts))
        self.empty.setVisible(not conflicts)
        self.empty.setText(
            self.tr("没有冲突。")
            if self.show_resolved.isChecked()
            else self.tr("没有待处理的冲突。")
        )
        if conflicts and not (keep is not None and select_id(self.table, self.model, keep)):
            open_rows = [n for n, c in enumerate(conflicts) if not c.resolved_side]
            select_id(self.table, self.model, conflicts[open_rows[0] if open_rows else 0].id)
        self.show_selected()

    def current(self) -> Conflict | None:
        return self.model.item(self.table.currentIndex().row()) if self.model.items else None

    def show_selected(self) -> None:
        c = self.current()
        self.detail.setVisible(c is not None)
        if c is None:
            return
        self.title.setText(
            self.tr("{row} · {field}").format(
                row=row_text(c.table, c.row), field=field_label(c.field, c.field_label)
            )
        )
        open_ = c.resolved_side is None
        held = None if c.resolved_side == "undone" else (c.resolved_side or c.default_side)
        tag = self.tr("  ✓ 当前采用（默认）") if open_ else self.tr("  ✓ 已采用")
        undo = c.origin == "undo"  # an undone import's old value that a later edit had replaced
        self.master_side.button.setText(self.tr("保留当前值") if undo else self.tr("采用总表值"))
        self.incoming_side.button.setText(
            self.tr("恢复导入前的值") if undo else self.tr("采用报送值")
        )
        self.master_side.show_version(
            (self.tr("当前值（导入后又修改过）") if undo else self.tr("总表值"))
            + (tag if held == "master" else ""),
            value_text(c.field, c.master_value),
            f"{pc_label(c.master_site)} · {clock.local_text(c.master_time) or '—'}",
            held == "master",
            open_,
        )
        self.incoming_side.show_version(
            (self.tr("导入前的值") if undo else self.tr("报送值"))
            + (tag if held == "incoming" else ""),
            value_text(c.field, c.incoming_value),
            f"{pc_label(c.incoming_site)} · {clock.local_text(c.incoming_time) or '—'}",
            held == "incoming",
            open_,
        )
        self.master_side.meta.setToolTip(c.master_site)
        self.incoming_side.meta.setToolTip(
            c.incoming_site + "\n" + self.tr("文件：{file}").format(file=c.file)
        )
        self._bulk_text()

    def scoped(self, scope: str | None = None) -> list[Conflict]:
        """The open conflicts of the selected one's file (import) or department."""
        c = self.current()
        if c is None:
            return []
        scope = scope or self.scope.currentData()
        return [
            o
            for o in self.model.items
            if o.resolved_side is None
            and (o.import_id == c.import_id if scope == "file" else o.department == c.department)
        ]

    def scope_words(self, scope: str | None = None) -> str:
        c = self.current()
        if c is None:
            return ""
        if (scope or self.scope.currentData()) == "file":
            return self.tr("文件 {file}").format(file=c.file)
        return c.department_name or c.department or ""

    def _bulk_text(self) -> None:
        found = self.scoped()
        self.bulk_label.setText(
            self.tr("一次处理{scope}的 {n} 处待处理冲突：").format(
                scope=self.scope_words(), n=len(found)
            )
        )
        self.all_master.setEnabled(bool(found))
        self.all_incoming.setEnabled(bool(found))

    def _choose_all(self, side: str) -> None:
        if self.scoped():
            self.resolveAllRequested.emit(self.scope.currentData(), side)

    def _choose(self, side: str) -> None:
        c = self.current()
        if c is not None and c.resolved_side is None:
            self.resolveRequested.emit(c.id, side)


# ------------------------------------------------------------------ import log


class ImportsPanel(QWidget):
    undoRequested = Signal(int)
    reimportRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importsPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(
            hint(
                self.tr(
                    "每次合并都记录在这里，合并前的总表已备份。撤销某次导入只撤回它带来的修改，之后的导入不受影响。"
                )
            )
        )
        self.model = ImportsModel(self)
        self.table = make_table(
            self.model,
            "importTable",
            {
                "id": "000",
                "merged_at": "2025-08-20 16:20",
                "department": "区市场监管局",
                "new": "新增",
                "changed": "修改",
                "conflicts": "冲突",
                "quarantined": "隔离",
                "state": "已撤销（2025-08-20 16:20）",
            },
            stretch="file",
        )
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        layout.addWidget(self.table, 1)
        self.notes = QLabel()
        self.notes.setObjectName("importNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        row = QHBoxLayout()
        row.addStretch(1)
        self.reimport_button = QPushButton(self.tr("重新导入…"))
        self.reimport_button.setObjectName("reimport")
        self.reimport_button.setToolTip(
            self.tr("撤销过的导入：用总表保存的文件副本再导入一次，如同没有撤销过")
        )
        self.reimport_button.clicked.connect(self._reimport)
        row.addWidget(self.reimport_button)
        self.undo_button = QPushButton(self.tr("撤销此次导入…"))
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self._undo)
        row.addWidget(self.undo_button)
        layout.addLayout(row)
        self._selected()

    def set_imports(self, imports: list[dict[str, Any]]) -> None:
        keep = self.current()
        self.model.set_items(imports)
        if imports and not (keep is not None and select_id(self.table, self.model, keep["id"])):
            select_id(self.table, self.model, imports[0]["id"])
        self._selected()

    def current(self) -> dict[str, Any] | None:
        return self.model.item(self.table.currentIndex().row()) if self.model.items else None

    def select(self, import_id: int) -> bool:
        return select_id(self.table, self.model, import_id)

    def _selected(self) -> None:
        e = self.current()
        self.undo_button.setEnabled(e is not None and not e["undone_at"])
        self.reimport_button.setEnabled(e is not None and bool(e["undone_at"]))
        if e is None:
            self.notes.setText(self.tr("还没有合并过文件。") if not self.model.items else "")
            return
        lines = [
            self.tr("导入 #{id}：{file}（{dept}），文件生成于 {made}，共改动 {rows} 行。").format(
                id=e["id"],
                file=e["file"],
                dept=e["department_name"] or e["department"],
                made=clock.local_text(e["made_at"]),
                rows=e["rows"],
            )
        ]
        lines += [core_text(w) for w in e["warnings"]]
        self.notes.setText("\n".join(lines))

    def _undo(self) -> None:
        e = self.current()
        if e is not None and not e["undone_at"]:
            self.undoRequested.emit(int(e["id"]))

    def _reimport(self) -> None:
        e = self.current()
        if e is not None and e["undone_at"]:
            self.reimportRequested.emit(int(e["id"]))


# ------------------------------------------------------------------ quarantine


class QuarantinePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarantinePanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(
            hint(
                self.tr(
                    "报送文件中不允许修改的内容（其他单位的数据、计划本身、未分配给该单位的任务、已审核锁定的期间）"
                    "没有合并，保留在这里备查。"
                )
            )
        )
        self.model = QuarantineModel(self)
        self.table = make_table(
            self.model,
            "quarantineTable",
            {
                "merged_at": "2025-08-20 16:20",
                "file": "知识产权强区-区市场监管局.ipdesk",
                "department": "区市场监管局",
                "what": "进展报告 三（一）1 · 2025年第三季度",
            },
            stretch="reason",
        )
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_items(rows)


# ------------------------------------------------------------------ review


class ReviewPanel(QWidget):
    periodChosen = Signal()
    approveRequested = Signal(str, str)  # department id, period
    returnRequested = Signal(str, str)
    openRequested = Signal(str, str)  # a double-click: the unit's reports for the period

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报送期间")))
        self.period = QComboBox()
        self.period.setObjectName("reviewPeriod")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.currentIndexChanged.connect(lambda _n: self.periodChosen.emit())
        top.addWidget(self.period)
        self.summary = hint()
        self.summary.setObjectName("reviewSummary")
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        self.model = ReviewModel(self)
        self.table = make_table(
            self.model,
            "reviewTable",
            {
                "name": "区市场监督管理局",
                "expected": "应报",
                "reported": "已报",
                "state": "已审核通过",
                "submitted_at": "2025-08-20 16:20",
                "reviewed_at": "2025-08-20 16:20",
            },
            stretch="reason",
        )
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(self._open)
        self.table.setToolTip(self.tr("双击查看该单位本期的全部报告"))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.detail = hint()
        self.detail.setObjectName("reviewDetail")
        row.addWidget(self.detail, 1)
        self.approve_button = QPushButton(self.tr("审核通过"))
        self.approve_button.setObjectName("approveReport")
        self.approve_button.clicked.connect(lambda: self._act(self.approveRequested))
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.setObjectName("returnReport")
        self.return_button.clicked.connect(lambda: self._act(self.returnRequested))
        row.addWidget(self.approve_button)
        row.addWidget(self.return_button)
        layout.addLayout(row)
        self._selected()

    def set_periods(self, periods: list[Period], waiting: dict[str, int], current: Period) -> None:
        chosen = self.period.currentData() or str(current)
        self.period.blockSignals(True)
        self.period.clear()
        for p in periods:
            label = i18n.period_label(p)
            if p == current:
                label = self.tr("{period}（本期）").format(period=label)
            if waiting.get(str(p)):
                label = self.tr("{period} · 待审核 {n}").format(period=label, n=waiting[str(p)])
            self.period.addItem(label, str(p))
        index = self.period.findData(chosen)
        self.period.setCurrentIndex(index if index >= 0 else 0)
        self.period.blockSignals(False)

    def chosen_period(self) -> str | None:
        return self.period.currentData()

    def set_rows(self, rows: list[ReviewRow], waiting_elsewhere: dict[str, int]) -> None:
        keep = self.current()
        self.model.set_items(rows)
        if rows and not (
            keep is not None and select_id(self.table, self.model, keep.department_id)
        ):
            select_id(self.table, self.model, rows[0].department_id)
        counts = {
            s: sum(1 for r in rows if r.state == s) for s in ("submitted", "approved", "returned")
        }
        text = self.tr("应报 {n} 个单位：待审核 {s}，已通过 {a}，已退回 {r}，未提交 {d}。").format(
            n=len(rows),
            s=counts["submitted"],
            a=counts["approved"],
            r=counts["returned"],
            d=len(rows) - sum(counts.values()),
        )
        others = [
            f"{i18n.period_label(p)} {n}"
            for p, n in sorted(waiting_elsewhere.items(), reverse=True)
        ]
        if others:
            text += self.tr(" 其他期间待审核：{list}。").format(list="、".join(others))
        self.summary.setText(text)
        self._selected()

    def current(self) -> ReviewRow | None:
        return self.model.item(self.table.currentIndex().row()) if self.model.items else None

    def select(self, department_id: str) -> bool:
        return select_id(self.table, self.model, department_id)

    def _selected(self) -> None:
        r = self.current()
        self.approve_button.setEnabled(r is not None and r.state == "submitted")
        self.return_button.setEnabled(r is not None and r.state in ("submitted", "approved"))
        if r is None:
            self.detail.setText("")
            return
        text = self.tr("{dept}：应报 {e} 项，已报 {n} 项。").format(
            dept=r.name, e=r.expected, n=r.reported
        )
        if r.state == "returned" and r.reason:
            text += self.tr(" 退回原因：{reason}").format(reason=r.reason)
        text += self.tr("（双击查看报告）")
        self.detail.setText(text)

    def _open(self, index: Any) -> None:
        r, period = self.model.item(index.row()), self.chosen_period()
        if r is not None and period:
            self.openRequested.emit(r.department_id, period)

    def _act(self, signal: Any) -> None:
        r, period = self.current(), self.chosen_period()
        if r is not None and period:
            signal.emit(r.department_id, period)
