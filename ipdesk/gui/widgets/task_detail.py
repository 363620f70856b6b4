"""The detail editor of one task in the department form: status, % done, the three
texts, milestone actual dates and evidence files. It only shows and collects; the
form saves (each change one edit, undoable)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import i18n
from ipdesk.gui.widgets.common import CharCounter
from ipdesk.gui.widgets.date_field import DateField
from ipdesk.plan import entry
from ipdesk.plan.periods import Period
from ipdesk.read.department import DeptTask
from ipdesk.store import clock

SAVE_DELAY_MS = 1200
TEXT_FIELDS = ("progress", "problems", "next_steps")


class TextBox(QPlainTextEdit):
    """A text box that asks for its least height only: the boxes of the detail then
    share whatever height the pane has, and the pane needs no scrolling until even
    their least height does not fit (1366×768, 150%)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight())


class TaskDetail(QGroupBox):
    """Signals carry what the user changed; the form turns each into one edit."""

    reportChanged = Signal(str, object)  # field, new value
    milestoneChanged = Signal(str, object)  # milestone id, ISO date or None
    addEvidence = Signal()
    copyPrevious = Signal()  # 复制上期报告
    openEvidence = Signal(str)  # evidence id
    removeEvidence = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskDetail")
        self.task: DeptTask | None = None
        self.period: Period | None = None  # the period being reported (set by the form)
        self._milestone_ids: tuple[str, ...] = ()
        self._milestone_widgets: dict[str, tuple[QCheckBox, DateField]] = {}
        self.editable = False
        self._loading = False
        self._timers: dict[str, QTimer] = {}
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        self.plan_text = QLabel()
        self.plan_text.setObjectName("planText")
        self.plan_text.setWordWrap(True)
        self.plan_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan_text.setStyleSheet(
            "QLabel#planText { background: #f3f4f6; color: #374151; border: 1px dashed #c7ccd4;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.plan_text.setToolTip(self.tr("计划内容由协调员维护，此处只读。"))
        layout.addWidget(self.plan_text)

        row = QHBoxLayout()
        status_label = QLabel(self.tr("状态(&Z)"))
        row.addWidget(status_label)
        self.status = QComboBox()
        status_label.setBuddy(self.status)
        self.status.setObjectName("status")
        for key in i18n.STATUS_ORDER:
            self.status.addItem(i18n.status_label(key), key)
        # Not reported this period: no status chosen, the box says so.
        self.status.setPlaceholderText(self.tr("未填"))
        self.status.currentIndexChanged.connect(self._status_changed)
        row.addWidget(self.status)
        row.addSpacing(16)
        percent_label = QLabel(self.tr("完成(&W)"))
        row.addWidget(percent_label)
        self.percent = QSpinBox()
        percent_label.setBuddy(self.percent)
        self.percent.setObjectName("percent")
        self.percent.setRange(0, 100)
        # Not filled in (below 0): shown as — , as in the task list.
        self.percent.setSpecialValueText("—")
        self.percent.setSuffix(" %")
        self.percent.setKeyboardTracking(False)
        self.percent.valueChanged.connect(self._percent_changed)
        row.addWidget(self.percent)
        row.addStretch(1)
        self.copy_button = QPushButton(self.tr("复制上期报告(&K)"))
        self.copy_button.setObjectName("copyPrevious")
        self.copy_button.setToolTip(
            self.tr("把上一次填报的状态、完成%和三段文字复制到本期，再按本期情况修改（可撤销）。")
        )
        self.copy_button.clicked.connect(self.copyPrevious)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        # Not reported this period, reported before: what the last report said, marked
        # as such (the fields above stay empty; 复制上期报告 takes it over).
        self.previous_note = QLabel()
        self.previous_note.setObjectName("previousReport")
        self.previous_note.setWordWrap(True)
        self.previous_note.setStyleSheet("QLabel#previousReport { color: #5b6470; }")
        self.previous_note.hide()
        layout.addWidget(self.previous_note)

        self.milestone_box = QWidget()
        self.milestone_grid = QGridLayout(self.milestone_box)
        self.milestone_grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.milestone_box)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.texts: dict[str, QPlainTextEdit] = {}
        self.counters: dict[str, CharCounter] = {}
        for key, label in (
            ("progress", self.tr("进展情况(&J)")),
            ("problems", self.tr("存在问题(&T)")),
            ("next_steps", self.tr("下步计划(&X)")),
        ):
            edit = TextBox()
            edit.setObjectName(key)
            edit.setTabChangesFocus(True)
            # Two lines at least; the boxes share what height the pane has.
            edit.setMinimumHeight(edit.fontMetrics().height() * 2 + 16)
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            edit.textChanged.connect(lambda key=key: self._text_changed(key))
            edit.installEventFilter(self)
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(SAVE_DELAY_MS)
            timer.timeout.connect(lambda key=key: self.flush(key))
            self._timers[key] = timer
            self.texts[key] = edit
            counter = CharCounter(edit, entry.TEXT_LIMITS[key])
            counter.setObjectName(f"{key}Count")
            self.counters[key] = counter
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(edit)
            box.addWidget(counter)
            caption = QLabel(label)
            caption.setBuddy(edit)  # Alt+its letter goes to the box
            form.addRow(caption, box)
        layout.addLayout(form, 1)

        evidence_row = QHBoxLayout()
        evidence_label = QLabel(self.tr("佐证材料(&L)"))
        evidence_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        evidence_row.addWidget(evidence_label)
        self.evidence = QListWidget()
        evidence_label.setBuddy(self.evidence)
        self.evidence.setObjectName("evidence")
        self.evidence.setMaximumHeight(self.fontMetrics().height() * 4 + 14)
        self.evidence.itemDoubleClicked.connect(
            lambda item: self.openEvidence.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.evidence.currentItemChanged.connect(lambda *_: self._update_buttons())
        evidence_row.addWidget(self.evidence, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(self.tr("添加…"))
        self.add_button.setObjectName("addEvidence")
        self.add_button.clicked.connect(self.addEvidence)
        self.open_button = QPushButton(self.tr("打开"))
        self.open_button.setObjectName("openEvidence")
        self.open_button.clicked.connect(lambda: self._emit_selected(self.openEvidence))
        self.remove_button = QPushButton(self.tr("删除"))
        self.remove_button.setObjectName("removeEvidence")
        self.remove_button.clicked.connect(lambda: self._emit_selected(self.removeEvidence))
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        evidence_row.addLayout(buttons)
        layout.addLayout(evidence_row)
        self.set_task(None, editable=False)

    # ------------------------------------------------------------------ showing
    def set_task(self, task: DeptTask | None, *, editable: bool) -> None:
        """Show a task. The same task shown again keeps any text being typed."""
        same = task is not None and self.task is not None and task.id == self.task.id
        if not same:
            self.flush_all()
        self.task = task
        self.editable = editable and task is not None
        self._loading = True
        try:
            self._load(task, keep_typing=same)
        finally:
            self._loading = False
        self._update_buttons()

    def _load(self, task: DeptTask | None, *, keep_typing: bool) -> None:
        if task is None:
            self.setTitle(self.tr("请在上方选择一项任务"))
            self.plan_text.setText("")
            for edit in self.texts.values():
                edit.setPlainText("")
            self.evidence.clear()
            self._fill_milestones([])
            self.setEnabled(False)
            return
        self.setEnabled(True)
        s = task.status
        role = self.tr("牵头") if task.role == "lead" else self.tr("配合")
        self.setTitle(f"{task.code} {s.title}（{role}）")
        dates = self.tr("时限：{start} 至 {due}").format(
            start=s.start.isoformat() if s.start else "—", due=s.due.isoformat() if s.due else "—"
        )
        self.plan_text.setText(f"{s.text}\n{dates}" if s.text else dates)
        report = task.report.fields() if task.report else {}
        previous = task.previous.fields() if task.previous else {}
        # This period's report only: a task not reported yet shows empty fields (never
        # the last period's status and %, which would look like this period's).
        self.status.setCurrentIndex(self.status.findData(report.get("status")))
        percent = report.get("percent")
        # "—" (the minimum) while there is no % for the period.
        self.percent.setMinimum(-1 if percent is None else 0)
        self.percent.setValue(-1 if percent is None else int(round(percent)))
        self._show_previous(task)
        for key, edit in self.texts.items():
            stored = report.get(key) or ""
            if not (keep_typing and self._timers[key].isActive()) and edit.toPlainText() != stored:
                edit.setPlainText(stored)
            before = previous.get(key) or ""
            edit.setPlaceholderText(
                self.tr("上期：{text}").format(text=before) if before else self.tr("（尚未填写）")
            )
            edit.setReadOnly(not self.editable)
        self.status.setEnabled(self.editable)
        self.percent.setEnabled(self.editable)
        self._fill_milestones(task.milestones)
        self.evidence.clear()
        for ev in task.evidence:
            size = f"{ev.size / 1024:.0f} KB" if ev.size >= 1024 else f"{ev.size} B"
            period = i18n.period_label(ev.period) if ev.period else ""
            item = QListWidgetItem(
                f"{ev.file_name}  ·  {size}" + (f"  ·  {period}" if period else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, ev.id)
            item.setToolTip(self.tr("双击打开"))
            self.evidence.addItem(item)

    def _show_previous(self, task: DeptTask) -> None:
        before = task.previous
        if task.report is not None or before is None:
            self.previous_note.hide()
            return
        said = i18n.status_label(before.status)
        if before.percent is not None:
            said += f" · {i18n.number(before.percent)}%"
        self.previous_note.setText(
            self.tr(
                "本期尚未填写。上期（{period}）填报：{said}。可点“复制上期报告”再修改。"
            ).format(period=i18n.period_label(before.period), said=said)
        )
        self.previous_note.show()

    def chosen_status(self) -> str | None:
        """The status chosen, None while none is (not reported yet)."""
        data = self.status.currentData()
        return str(data) if data else None

    def chosen_percent(self) -> float | None:
        """The % done typed, None while it shows — (not filled in)."""
        value = self.percent.value()
        return float(value) if value >= 0 else None

    def _fill_milestones(self, milestones: list[Any]) -> None:
        ids = tuple(m.id for m in milestones)
        if ids and ids == self._milestone_ids:
            # The same milestones (the task shown again after a save): update them in
            # place, so the field being typed in keeps its focus.
            for m in milestones:
                done, date_edit = self._milestone_widgets[m.id]
                for widget in (done, date_edit):
                    widget.blockSignals(True)
                done.setChecked(bool(m.actual))
                if m.actual:
                    date_edit.setDate(QDate(m.actual.year, m.actual.month, m.actual.day))
                date_edit.setEnabled(bool(m.actual) and self.editable)
                done.setEnabled(self.editable)
                for widget in (done, date_edit):
                    widget.blockSignals(False)
            return
        self._milestone_ids = ids
        self._milestone_widgets = {}
        while self.milestone_grid.count():
            item = self.milestone_grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()  # out of the Tab order at once, deleted later
                old.deleteLater()
        self.milestone_box.setVisible(bool(milestones))
        if milestones:
            self.milestone_grid.addWidget(QLabel(self.tr("里程碑")), 0, 0)
        chain: list[QWidget] = [self.status, self.percent, self.copy_button]
        for row, m in enumerate(milestones):
            name = QLabel(self.tr("{name}（计划 {date}）").format(name=m.name, date=m.planned))
            name.setWordWrap(True)
            done = QCheckBox(self.tr("已完成于(&D)") if row == 0 else self.tr("已完成于"))
            done.setObjectName(f"milestoneDone_{m.id}")
            date_edit = DateField()
            date_edit.setObjectName(f"milestoneDate_{m.id}")
            # Not done yet: the field and its calendar start in the period being reported.
            day = m.actual or self._day_in_period()
            date_edit.setDate(QDate(day.year, day.month, day.day))
            date_edit.set_calendar_page(m.actual or self._day_in_period())
            done.setChecked(bool(m.actual))
            date_edit.setEnabled(bool(m.actual) and self.editable)
            done.setEnabled(self.editable)

            def changed(
                *_: Any, mid: str = m.id, box: QCheckBox = done, edit: QDateEdit = date_edit
            ) -> None:
                edit.setEnabled(box.isChecked() and self.editable)
                if not self._loading:
                    self.milestoneChanged.emit(
                        mid, edit.date().toString("yyyy-MM-dd") if box.isChecked() else None
                    )

            def ticked(on: bool, edit: DateField = date_edit) -> None:
                # Ticked now: reached in the period being reported, unless told otherwise.
                if on and not self._loading:
                    day = self._day_in_period()
                    edit.blockSignals(True)
                    edit.setDate(QDate(day.year, day.month, day.day))
                    edit.blockSignals(False)
                    edit.set_calendar_page(day)

            done.toggled.connect(ticked)
            done.toggled.connect(changed)
            date_edit.editingFinished.connect(lambda box=done, f=changed: box.isChecked() and f())
            self.milestone_grid.addWidget(name, row, 1)
            self.milestone_grid.addWidget(done, row, 2)
            self.milestone_grid.addWidget(date_edit, row, 3)
            chain.extend([done, date_edit])
            self._milestone_widgets[m.id] = (done, date_edit)
            for shown in (name, done, date_edit):
                shown.setVisible(True)  # shown now, so Tab can reach them at once
        self.milestone_grid.setColumnStretch(1, 1)
        # Made after the other fields, they would come last in the Tab order: put them
        # between 完成 % and 进展情况, where they are on screen.
        chain.extend([*self.texts.values(), self.evidence, self.add_button])
        chain.extend([self.open_button, self.remove_button])
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _day_in_period(self) -> date:
        """Today, or the nearest day of the period being reported."""
        today = clock.today()
        if self.period is None:
            return today
        return min(max(today, self.period.start), self.period.end)

    def _update_buttons(self) -> None:
        selected = self.evidence.currentItem() is not None
        self.add_button.setEnabled(self.editable)
        task = self.task
        self.copy_button.setEnabled(
            self.editable and task is not None and task.previous is not None
        )
        self.open_button.setEnabled(selected)
        self.remove_button.setEnabled(self.editable and selected)

    def _emit_selected(self, signal: Any) -> None:
        item = self.evidence.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))

    # ------------------------------------------------------------------ changes
    def _status_changed(self) -> None:
        if not self._loading and self.task is not None and self.chosen_status():
            self.reportChanged.emit("status", self.status.currentData())

    def _percent_changed(self, value: int) -> None:
        if not self._loading and self.task is not None and value >= 0:
            self.reportChanged.emit("percent", float(value))

    def _text_changed(self, key: str) -> None:
        if not self._loading and self.editable:
            if self.counters[key].over:
                # Not saved as it is typed (the store refuses it; the counter says
                # why); leaving the box still tries, and the refusal is shown.
                self._timers[key].stop()
            else:
                self._timers[key].start()

    def flush(self, key: str) -> None:
        """Save a text now if it differs from what is stored."""
        self._timers[key].stop()
        if self.task is None or not self.editable:
            return
        text = self.texts[key].toPlainText()
        if text != ((getattr(self.task.report, key) if self.task.report else "") or ""):
            self.reportChanged.emit(key, text)

    def flush_all(self) -> None:
        for key, timer in self._timers.items():
            if timer.isActive():
                self.flush(key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for key, edit in self.texts.items():
                if edit is watched and (self._timers[key].isActive() or self.counters[key].over):
                    self.flush(key)
        return super().eventFilter(watched, event)

    def pending(self) -> bool:
        return any(t.isActive() for t in self._timers.values())
