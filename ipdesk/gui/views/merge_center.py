"""汇总合并 — the coordinator's merge center (DESIGN.md §4, §5).

Department files are dropped on the page or picked; each is checked and previewed on
a worker at once (a dry run of the merge: new, changed, conflicts, quarantined, or
refused and why) before anything is written. 合并全部 merges them on the window's
single writer thread, with a progress dialog that stops between files. The other
tabs show the conflicts side by side, the import log with undo, the quarantine list
and the review of each department's period; 一键下发部门文件 issues a file to every
department. The merge itself is ipdesk.merge: this page only calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import errors, i18n, operations
from ipdesk.gui.dialogs import review_views
from ipdesk.gui.dialogs.review_views import BackupsDialog, UnitReviewDialog
from ipdesk.gui.models.merge_center_models import (
    FileEntry,
    FilesModel,
    core_text,
    quarantine_rows,
)
from ipdesk.gui.operations import LongOperation
from ipdesk.gui.pages import MASTER, MERGE_CENTER, Page
from ipdesk.gui.session import Session
from ipdesk.gui.views.merge_center_panels import (
    ConflictsPanel,
    ImportsPanel,
    QuarantinePanel,
    ReviewPanel,
    make_table,
    selected_row,
)
from ipdesk.gui.views.merge_preview import FilePreviewDialog, PreviewRows
from ipdesk.gui.widgets import ask
from ipdesk.gui.widgets.common import Banner, heading
from ipdesk.gui.workers import Job
from ipdesk.merge import conflicts as merge_conflicts
from ipdesk.merge import engine, undo
from ipdesk.messages import message
from ipdesk.plan.entry import TEXT_LIMITS
from ipdesk.plan.periods import Period
from ipdesk.read.completeness import review_rows, waiting_for_review
from ipdesk.read.department import submission
from ipdesk.read.plan import plan_info
from ipdesk.store import clock
from ipdesk.store.changes import EVERYTHING, Changes

PRIMARY = (
    "QPushButton#mergeAll { background: #1f3a5f; color: white; font-weight: bold;"
    " padding: 6px 18px; border: 1px solid #1f3a5f; border-radius: 4px; }"
    "QPushButton#mergeAll:hover { background: #2b4f7e; }"
    "QPushButton#mergeAll:disabled { background: #c5cdd8; border-color: #c5cdd8; color: #f4f6f8; }"
)
DROP_IDLE = (
    "QFrame#dropZone { border: 2px dashed #9aa8b8; border-radius: 6px; background: #f7f9fb; }"
)
DROP_ACTIVE = (
    "QFrame#dropZone { border: 2px dashed #1f3a5f; border-radius: 6px; background: #e3edf8; }"
)


def choose_folder(parent: QWidget | None, title: str, folder: str) -> str | None:
    """The folder department files are issued into (tests answer this themselves)."""
    return QFileDialog.getExistingDirectory(parent, title, folder) or None


def dropped_files(paths: list[str]) -> list[Path]:
    """Files dropped or picked; a folder stands for the .ipdesk files in it."""
    found: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.ipdesk") if p.is_file()))
        else:
            found.append(path)
    return found


class DropZone(QFrame):
    """Where department files are dropped (the whole page takes drops; this shows it)."""

    pickRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setStyleSheet(DROP_IDLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self.label = QLabel(
            self.tr(
                "把各单位报送的 .ipdesk 文件拖到这里（可一次拖入多个文件或一个文件夹），"
                "先逐个检查并预览，确认后再合并到总表。"
            )
        )
        self.label.setObjectName("dropHint")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #3c4a5c; border: none; background: transparent;")
        layout.addWidget(self.label, 1)
        self.pick_button = QPushButton(self.tr("选择文件…"))
        self.pick_button.setObjectName("pickFiles")
        self.pick_button.clicked.connect(self.pickRequested)
        layout.addWidget(self.pick_button)

    def set_active(self, active: bool) -> None:
        self.setStyleSheet(DROP_ACTIVE if active else DROP_IDLE)


class MergeCenter(Page):
    """The 汇总合并 page of the open master."""

    KEY = "merge"
    ROLES = (MASTER,)
    SHOWS = MERGE_CENTER
    restoreRequested = Signal(str)  # a backup to restore as the master (the window does it)
    backupOpenRequested = Signal(str)  # a backup to open read-only (the window does it)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("mergeCenter")
        self.setAcceptDrops(True)
        self.db = session.db
        self.path = session.path
        self._busy = False
        self._read_only = False  # a backup opened read-only: nothing merged or issued
        self.running_job: Job | None = None  # the write running now (merge, undo, issue)
        self._last_folder = str(session.path.parent)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("汇总合并"), self))
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #3c4a5c;")
        top.addWidget(self.summary, 1)
        self.backups_button = QPushButton(self.tr("备份…"))
        self.backups_button.setObjectName("backups")
        self.backups_button.setToolTip(
            self.tr("查看总表的自动备份：只读打开，或用某份备份恢复总表")
        )
        self.backups_button.clicked.connect(self.show_backups)
        top.addWidget(self.backups_button)
        self.issue_button = QPushButton(self.tr("下发部门文件…"))
        self.issue_button.setObjectName("issueAll")
        self.issue_button.setToolTip(
            self.tr("为勾选的单位（可全选）生成部门文件（含最新计划和审核结果），保存到所选文件夹")
        )
        self.issue_button.clicked.connect(self.issue_all)
        top.addWidget(self.issue_button)
        layout.addLayout(top)
        self.banner = Banner()
        self.banner.setObjectName("mergeBanner")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.banner.setOpenExternalLinks(True)
        self.banner.hide()
        layout.addWidget(self.banner)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mergeTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_files_tab(), "")
        self.conflicts = ConflictsPanel()
        self.conflicts.resolveRequested.connect(self.resolve)
        self.conflicts.resolveAllRequested.connect(self.resolve_all)
        self.conflicts.filterChanged.connect(self._load_conflicts)
        self.tabs.addTab(self.conflicts, "")
        self.imports = ImportsPanel()
        self.imports.undoRequested.connect(self.undo_import)
        self.imports.reimportRequested.connect(self.reimport)
        self.tabs.addTab(self.imports, "")
        self.quarantine = QuarantinePanel()
        self.tabs.addTab(self.quarantine, "")
        self.review = ReviewPanel()
        self.review.periodChosen.connect(self._load_review)
        self.review.approveRequested.connect(self.approve)
        self.review.returnRequested.connect(self.return_report)
        self.review.openRequested.connect(self.open_unit)
        self.unit_dialog: UnitReviewDialog | None = None
        self.tabs.addTab(self.review, "")
        layout.addWidget(self.tabs, 1)
        self._update_titles()
        self._update_actions()

    def _build_files_tab(self) -> QWidget:
        page = QWidget()
        page.setObjectName("filesPanel")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 8)
        self.drop_zone = DropZone()
        self.drop_zone.pickRequested.connect(self.pick_files)
        layout.addWidget(self.drop_zone)
        self.files = FilesModel(self)
        self.files_table = make_table(
            self.files,
            "fileTable",
            {
                "file": "知识产权强区-区市场监管局.ipdesk",
                "department": "区市场监管局",
                "result": "未合并（已取消）",
                "new": "新增",
                "changed": "修改",
                "conflicts": "冲突",
                "quarantined": "隔离",
            },
            stretch="notes",
        )
        self.files_table.selectionModel().selectionChanged.connect(lambda *_: self._file_chosen())
        self.files_table.doubleClicked.connect(lambda index: self.open_file_preview(index.row()))
        self.files_table.setToolTip(self.tr("双击文件查看它带来的每一项修改"))
        self.rows = PreviewRows(self)
        self.rows.show_entry(None)
        self.files_split = QSplitter(Qt.Orientation.Vertical)
        self.files_split.setObjectName("filesSplit")
        self.files_split.setChildrenCollapsible(False)
        self.files_split.addWidget(self.files_table)
        self.files_split.addWidget(self.rows)
        self.files_split.setStretchFactor(0, 2)
        self.files_split.setStretchFactor(1, 3)
        layout.addWidget(self.files_split, 1)
        row = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("移除所选"))
        self.remove_button.setObjectName("removeFile")
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(self.tr("清空列表"))
        self.clear_button.setObjectName("clearFiles")
        self.clear_button.clicked.connect(self.clear_files)
        row.addWidget(self.remove_button)
        row.addWidget(self.clear_button)
        self.files_hint = QLabel()
        self.files_hint.setObjectName("filesHint")
        self.files_hint.setWordWrap(True)
        self.files_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.files_hint.setStyleSheet("color: #3c4a5c;")
        row.addWidget(self.files_hint, 1)
        self.merge_button = QPushButton(self.tr("合并全部"))
        self.merge_button.setObjectName("mergeAll")
        self.merge_button.setStyleSheet(PRIMARY)
        self.merge_button.clicked.connect(self.merge_all)
        row.addWidget(self.merge_button)
        layout.addLayout(row)
        return page

    # ------------------------------------------------------------------ the page
    @classmethod
    def nav_title(cls) -> str:
        return QCoreApplication.translate("MainWindow", "汇总合并")

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """Read the import log, conflicts, quarantine and review again from the file."""
        db = self.db
        self.imports.set_imports(undo.list_imports(db))
        self._load_conflicts()
        self.quarantine.set_rows(quarantine_rows(merge_conflicts.list_quarantine(db)))
        info = plan_info(db)
        today = clock.today()
        self.review.set_periods(
            info.selectable_periods(today), waiting_for_review(db), info.current_period(today)
        )
        self._load_review()
        self._update_titles()
        self._update_actions()

    def _load_conflicts(self) -> None:
        self.conflicts.set_conflicts(
            merge_conflicts.list_conflicts(
                self.db, open_only=not self.conflicts.show_resolved.isChecked()
            )
        )
        self._update_titles()

    def _load_review(self) -> None:
        period = self.review.chosen_period()
        if period is None:
            self.review.set_rows([], {})
            return
        waiting = {p: n for p, n in waiting_for_review(self.db).items() if p != period}
        self.review.set_rows(review_rows(self.db, Period.parse(period)), waiting)
        self._update_titles()

    def _update_titles(self) -> None:
        db = self.db
        conflicts_open = merge_conflicts.open_conflict_count(db)
        waiting = sum(waiting_for_review(db).values())
        quarantined = self.quarantine.model.rowCount()
        files = self.files.rowCount()
        self.tabs.setTabText(
            0, self.tr("导入文件（{n}）").format(n=files) if files else self.tr("导入文件")
        )
        self.tabs.setTabText(
            1,
            self.tr("冲突（{n}）").format(n=conflicts_open) if conflicts_open else self.tr("冲突"),
        )
        self.tabs.setTabText(2, self.tr("导入记录"))
        self.tabs.setTabText(
            3,
            self.tr("隔离记录（{n}）").format(n=quarantined)
            if quarantined
            else self.tr("隔离记录"),
        )
        self.tabs.setTabText(
            4,
            self.tr("报送审核（待审核 {n}）").format(n=waiting) if waiting else self.tr("报送审核"),
        )
        parts = []
        if conflicts_open:
            parts.append(self.tr("待处理冲突 {n} 处").format(n=conflicts_open))
        if waiting:
            parts.append(self.tr("待审核报告 {n} 份").format(n=waiting))
        imported = self.imports.model.rowCount()
        parts.append(
            self.tr("已导入 {n} 次").format(n=imported) if imported else self.tr("尚未导入文件")
        )
        self.summary.setText(" · ".join(parts))

    def set_read_only(self) -> None:
        """A backup opened read-only: its logs, conflicts and reviews can be looked at;
        merging, issuing and backups are off (a review or an undo is refused in words)."""
        self._read_only = True
        self._update_actions()

    def _update_actions(self) -> None:
        ready = not self._busy and not self._read_only
        checking = any(e.state == "checking" for e in self.files.items)
        mergeable = [e for e in self.files.items if self._mergeable(e)]
        self.merge_button.setEnabled(ready and bool(mergeable) and not checking)
        self.merge_button.setText(
            self.tr("合并全部（{n} 个文件）").format(n=len(mergeable))
            if mergeable
            else self.tr("合并全部")
        )
        self.drop_zone.pick_button.setEnabled(ready)
        self.remove_button.setEnabled(not self._busy and selected_row(self.files_table) >= 0)
        self.clear_button.setEnabled(not self._busy and bool(self.files.items))
        self.issue_button.setEnabled(ready)
        self.backups_button.setEnabled(ready)
        for panel in (self.conflicts, self.imports, self.review):
            panel.setEnabled(not self._busy)
        self.files_hint.setText(self._files_summary(checking, mergeable))

    def _files_summary(self, checking: bool, mergeable: list[FileEntry]) -> str:
        if not self.files.items:
            return ""
        if checking:
            n = sum(1 for e in self.files.items if e.state == "checking")
            return self.tr("正在检查 {n} 个文件…").format(n=n)
        refused = sum(1 for e in self.files.items if e.result == "refused" or e.state == "failed")
        text = ""
        if mergeable:
            reports = [e.report for e in mergeable if e.report is not None]
            text = self.tr(
                "{n} 个文件可合并：新增 {new} 行，修改 {changed} 行，冲突 {conflicts} 处，隔离 {q} 行。"
            ).format(
                n=len(mergeable),
                new=sum(r.new for r in reports),
                changed=sum(r.changed for r in reports),
                conflicts=sum(r.conflicts for r in reports),
                q=sum(r.quarantined for r in reports),
            )
        elif not refused:
            text = self.tr("没有需要合并的文件。")
        if refused:
            text += self.tr(" {n} 个文件被拒收，不会合并。").format(n=refused)
        return text.strip()

    @staticmethod
    def _mergeable(e: FileEntry) -> bool:
        return e.state in ("ready", "cancelled") and e.result == "merged"

    def is_idle(self) -> bool:
        """No check, merge or other work running (for tests and the screenshot script)."""
        return not self._busy and not any(e.state == "checking" for e in self.files.items)

    def show_message(self, kind: str, text: str) -> None:
        self.banner.set_state(kind, text)
        self.banner.setVisible(bool(text))

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls) and not self._busy:
            event.acceptProposedAction()
            self.drop_zone.set_active(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_zone.set_active(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_zone.set_active(False)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # ------------------------------------------------------------------ files and previews
    def pick_files(self) -> None:
        paths = ask.open_paths(
            self,
            self.tr("选择各单位报送的文件"),
            self._last_folder,
            self.tr("IPDesk 报送文件 (*.ipdesk);;所有文件 (*)"),
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str] | list[Path]) -> None:
        """Add files (dropped, picked, or dropped on the window) and preview each on a worker."""
        if self._busy:
            return
        if self._read_only:
            self.show_message("warning", i18n.message_text(message("session.read_only_backup")))
            return
        known = {e.path.resolve() for e in self.files.items}
        added = []
        itself = False
        for path in dropped_files([str(p) for p in paths]):
            if path.resolve() == self.path.resolve():
                itself = True
                continue
            if path.resolve() in known:
                continue
            known.add(path.resolve())
            added.append(FileEntry(path))
        if itself:
            self.show_message(
                "returned", self.tr("不能把总表合并到它自己：请选择各单位报送的文件。")
            )
        if not added:
            if not itself:
                self.show_message(
                    "info",
                    self.tr("没有新的文件：所选文件已在列表中，或文件夹中没有 .ipdesk 文件。"),
                )
            return
        self._last_folder = str(added[-1].path.parent)
        self.files.add(added)
        self.tabs.setCurrentIndex(0)
        for entry in added:
            self._preview(entry)
        self._update_titles()
        self._update_actions()

    def _preview(self, entry: FileEntry) -> None:
        entry.state, entry.report, entry.error = "checking", None, ""
        self.files.changed(entry)
        target, path = self.path, entry.path

        def job(progress: Any, cancel: Any) -> engine.MergeReport:
            return engine.preview(target, path, detailed=True)

        # The dry run takes the file's write lock for a moment: it queues with the writes.
        self.session.jobs.start(
            job,
            writes=True,
            on_done=lambda report: self._previewed(entry, report),
            on_failed=lambda exc, details: self._preview_failed(entry, exc, details),
        )

    def _alive(self, entry: FileEntry | None = None) -> bool:
        if not shiboken6.isValid(self):
            return False
        return entry is None or self.files.row_of(entry) >= 0

    def _previewed(self, entry: FileEntry, report: engine.MergeReport) -> None:
        if not self._alive(entry):
            return
        entry.report, entry.state = report, "ready"
        self.files.changed(entry)
        if selected_row(self.files_table) < 0:
            self.files_table.selectRow(self.files.row_of(entry))
        self._file_chosen()

    def _preview_failed(self, entry: FileEntry, exc: BaseException, details: str) -> None:
        if not self._alive(entry):
            return
        text = errors.known_problem(exc)
        if text is None:
            errors.handle_exception(type(exc), exc, exc.__traceback__)
            text = self.tr("检查时出现程序错误")
        entry.state, entry.error = "failed", text
        self.files.changed(entry)
        self._update_actions()

    def selected_entry(self) -> FileEntry | None:
        return self.files.item(selected_row(self.files_table))

    def _file_chosen(self) -> None:
        self.rows.show_entry(self.selected_entry())
        self._update_actions()

    def open_file_preview(self, row: int) -> FilePreviewDialog | None:
        """A double-click on a file: what it brings, row by row, in a window of its own."""
        entry = self.files.item(row)
        if entry is None:
            return None
        dialog = FilePreviewDialog(entry, self)
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        entry = self.files.item(selected_row(self.files_table))
        if entry is not None and not self._busy:
            self.files.remove(entry)
            self._update_titles()
            self._update_actions()

    def clear_files(self) -> None:
        if not self._busy:
            self.files.set_items([])
            self.show_message("info", "")  # what it said was about those files
            self._update_titles()
            self._update_actions()

    # ------------------------------------------------------------------ writes on the worker
    def _start(self, op: LongOperation, *, label: str, on_done: Callable[[Any, bool], None]) -> Job:
        """Run a long operation on the window's writer thread with the runner's progress
        dialog; cancelling stops it between files (what is done stays done, and is
        passed to on_done with stopped=True). The page is read again through the
        session's Changes."""
        self._busy = True
        self._update_actions()

        def describe(done: int, total: int, text: str) -> str:
            if not (text and total):
                return label
            return self.tr("正在处理 {name}（{n}/{total}）…").format(
                name=text, n=min(done + 1, total), total=total
            )

        def finish() -> bool:
            if not shiboken6.isValid(self):
                return False
            self._busy = False
            self.running_job = None
            self._update_actions()
            return True

        def done(result: Any) -> None:
            if finish():
                on_done(result, False)

        def stopped(finished: Any) -> None:
            if finish():
                on_done(finished or [], True)

        def failed(exc: BaseException, details: str) -> None:
            if not finish():
                return
            if errors.known_problem(exc) is not None:
                errors.show_problem(self, exc)
                self.show_message("returned", errors.known_problem(exc) or "")
            else:
                errors.handle_exception(type(exc), exc, exc.__traceback__)

        self.running_job = self.session.start(
            op,
            on_done=done,
            on_cancelled=stopped,
            on_failed=failed,
            progress_parent=self,
            describe=describe,
            dialog_name="mergeProgress",
        )
        return self.running_job

    # ------------------------------------------------------------------ merge
    def merge_all(self) -> None:
        entries = [e for e in self.files.items if self._mergeable(e)]
        if not entries or self._busy:
            return
        self._start(
            operations.merge_files(self.session, [e.path for e in entries]),
            label=self.tr("正在合并 {n} 个文件…").format(n=len(entries)),
            on_done=lambda reports, stopped: self._merged(entries, reports, stopped),
        )

    def _merged(
        self, entries: list[FileEntry], reports: list[engine.MergeReport], stopped: bool
    ) -> None:
        for entry, report in zip(entries, reports, strict=False):
            if entry.report is not None and not report.rows:
                report.rows = entry.report.rows  # what the preview showed was merged
            entry.report, entry.state = report, "merged"
            self.files.changed(entry)
        self.rows.show_entry(self.selected_entry())
        for entry in entries[len(reports) :]:
            entry.state = "cancelled"
            self.files.changed(entry)
        merged = [r for r in reports if r.result == "merged"]
        refused = [r for r in reports if r.result == "refused"]
        text = self.tr(
            "已合并 {n} 个文件：新增 {new} 行，修改 {changed} 行，冲突 {c} 处，隔离 {q} 行。"
        ).format(
            n=len(merged),
            new=sum(r.new for r in merged),
            changed=sum(r.changed for r in merged),
            c=sum(r.conflicts for r in merged),
            q=sum(r.quarantined for r in merged),
        )
        if refused:
            text += self.tr(" {n} 个文件被拒收（原因见列表）。").format(n=len(refused))
        if len(reports) < len(entries):
            text += self.tr(" 已取消：其余 {n} 个文件未合并。").format(
                n=len(entries) - len(reports)
            )
        if any(r.conflicts for r in merged):
            text += self.tr(" 请在“冲突”页逐项确认采用哪个值。")
        self.show_message("returned" if refused else ("submitted" if merged else "info"), text)

    # ------------------------------------------------------------------ undo
    def _import_file(self, import_id: int) -> str:
        """The file an import came from, as the import log names it."""
        entry = next((e for e in self.imports.model.items if e["id"] == import_id), None)
        return entry["file"] if entry else str(import_id)

    def undo_import(self, import_id: int) -> None:
        if self._busy:
            return
        name = self._import_file(import_id)
        if not ask.confirm(
            self,
            self.tr("撤销导入"),
            self.tr(
                "撤销导入 #{id}（{file}）？\n该文件带来的修改将被撤回，之后的导入和修改保持不变；"
                "撤销前会先备份总表。"
            ).format(id=import_id, file=name),
            yes=self.tr("撤销导入"),
        ):
            return
        self._start(
            operations.undo_import(self.session, import_id),
            label=self.tr("正在撤销导入 #{id}…").format(id=import_id),
            on_done=lambda report, _stopped: self._undone(report),
        )

    def _undone(self, report: undo.UndoReport) -> None:
        self.show_message("info", core_text(report.text()))
        self.imports.select(report.import_id)

    def reimport(self, import_id: int) -> None:
        """Merge an undone import's file again, from the copy the master kept."""
        if self._busy:
            return
        name = self._import_file(import_id)
        if not ask.confirm(
            self,
            self.tr("重新导入"),
            self.tr(
                "重新导入 #{id}（{file}）？\n用总表保存的文件副本再合并一次，如同撤销没有发生过；"
                "撤销的记录保留在导入记录中。合并前会先备份总表。"
            ).format(id=import_id, file=name),
            yes=self.tr("重新导入"),
        ):
            return
        self._start(
            operations.reimport(self.session, import_id),
            label=self.tr("正在重新导入 #{id}…").format(id=import_id),
            on_done=lambda report, _stopped: self._reimported(import_id, report),
        )

    def _reimported(self, import_id: int, report: engine.MergeReport) -> None:
        if report.result == "refused":
            self.show_message("returned", core_text(report.reason))
            return
        if report.result != "merged":
            self.show_message("info", core_text(report.reason))
            return
        self.show_message(
            "submitted",
            self.tr(
                "已重新导入 #{old}（{file}），记为导入 #{new}：新增 {n} 行，修改 {c} 行，冲突 {k} 处。"
            ).format(
                old=import_id,
                file=report.file,
                new=report.import_id,
                n=report.new,
                c=report.changed,
                k=report.conflicts,
            ),
        )
        if report.import_id is not None:
            self.imports.select(report.import_id)

    # ------------------------------------------------------------------ backups
    def show_backups(self) -> BackupsDialog | None:
        """The master's backups: open one read-only, or restore one as the master."""
        if self._busy:
            return None
        dialog = BackupsDialog(self.path, self)
        dialog.restoreRequested.connect(self.restoreRequested)
        dialog.open_window = self.backupOpenRequested.emit
        dialog.open()
        self.backups_dialog = dialog
        return dialog

    # ------------------------------------------------------------------ conflicts
    def resolve(self, conflict_id: int, take: str) -> None:
        if self._busy or not self.session.run(operations.resolve(self.session, conflict_id, take)):
            return
        word = self.tr("总表值") if take == "master" else self.tr("报送值")
        self.show_message(
            "approved", self.tr("冲突 #{id} 已处理：采用{side}。").format(id=conflict_id, side=word)
        )

    def resolve_all(self, scope: str, take: str) -> None:
        """All open conflicts of the selected one's file or department, one way."""
        if self._busy:
            return
        found = self.conflicts.scoped(scope)
        words = self.conflicts.scope_words(scope)
        if not found:
            return
        side = self.tr("总表值") if take == "master" else self.tr("报送值")
        if not ask.confirm(
            self,
            self.tr("批量处理冲突"),
            self.tr("{scope}的 {n} 处冲突全部采用{side}？可以用“撤销”（Ctrl+Z）撤回。").format(
                scope=words, n=len(found), side=side
            ),
            yes=self.tr("全部采用{side}").format(side=side),
        ):
            return
        if not self.session.run(
            operations.resolve_all(self.session, [c.id for c in found], take, words)
        ):
            return
        self.show_message(
            "approved",
            self.tr("已处理{scope}的 {n} 处冲突：全部采用{side}。").format(
                scope=words, n=len(found), side=side
            ),
        )

    # ------------------------------------------------------------------ review
    def open_unit(self, department_id: str, period: str) -> UnitReviewDialog:
        """A double-click on a unit: its reports for the period, read only, with 通过 / 退回."""
        if self.unit_dialog is not None and shiboken6.isValid(self.unit_dialog):
            self.unit_dialog.close()
        dialog = UnitReviewDialog(
            self.db, department_id, period, self._department_name(department_id), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.approveRequested.connect(self.approve)
        dialog.returnRequested.connect(self.return_report)
        self.unit_dialog = dialog
        dialog.open()
        return dialog

    def _unit_changed(self) -> None:
        if self.unit_dialog is not None and shiboken6.isValid(self.unit_dialog):
            self.unit_dialog.reload()

    def approve(self, department_id: str, period: str) -> None:
        if self._busy:
            return
        name = self._department_name(department_id)
        label = i18n.period_label(period)
        if not ask.confirm(
            self,
            self.tr("审核通过"),
            self.tr(
                "审核通过{dept}{period}的报告？\n通过后该期间的报告锁定，单位不能再修改（如需修改可退回）。"
            ).format(dept=name, period=label),
            yes=self.tr("审核通过"),
        ):
            return
        if not self._review(department_id, period, approve=True):
            return
        self._reviewed(
            department_id,
            self.tr("已审核通过{dept}{period}的报告。").format(dept=name, period=label),
        )

    def return_report(self, department_id: str, period: str) -> None:
        if self._busy:
            return
        name = self._department_name(department_id)
        label = i18n.period_label(period)
        reason = ask.ask_text(
            self,
            self.tr("退回报告"),
            self.tr(
                "退回{dept}{period}的报告。请写明原因和需要补充或修改的内容（单位会看到）："
            ).format(dept=name, period=label),
            limit=TEXT_LIMITS["reason"],
        )
        if reason is None:
            return
        if not self._review(department_id, period, approve=False, reason=reason):
            return
        self._reviewed(
            department_id,
            self.tr(
                "已退回{dept}{period}的报告。把更新文件发给单位后，单位即可看到原因并修改。"
            ).format(dept=name, period=label),
        )
        if ask.confirm(
            self,
            self.tr("生成更新文件"),
            self.tr(
                "现在为{dept}生成更新文件吗？\n这个小文件只带审核结果、退回原因和计划的变更，"
                "联络员用“合并协调员下发的新文件”一步合并，本单位未报送的修改都会保留。"
            ).format(dept=name),
            yes=self.tr("生成更新文件"),
        ):
            self.issue_update(department_id)

    def issue_update(self, department_id: str) -> None:
        """The department's small update file (review result, reason, plan changes)."""
        if self._busy:
            return
        folder = choose_folder(self, self.tr("选择保存更新文件的文件夹"), self._last_folder)
        if not folder:
            return
        self._start(
            operations.issue_update(self.session, folder, department_id),
            label=self.tr("正在生成更新文件…"),
            on_done=lambda made, stopped: self._update_made(Path(folder), made),
        )

    def _update_made(self, folder: Path, made: list[Path]) -> None:
        link = f'<a href="{QUrl.fromLocalFile(str(folder)).toString()}">{folder}</a>'
        self.show_message(
            "approved",
            self.tr(
                "已生成更新文件 {name}，保存在 {folder}。请发给该单位联络员，"
                "用“合并协调员下发的新文件”一步合并（本单位的填报内容不受影响）。"
            ).format(name=made[0].name if made else "", folder=link),
        )
        self._last_folder = str(folder)

    def _review(self, department_id: str, period: str, *, approve: bool, reason: str = "") -> bool:
        before = submission(self.db, department_id, period)
        return self.session.run(
            operations.review(
                self.session, department_id, period, approve=approve, reason=reason, before=before
            )
        )

    def _reviewed(self, department_id: str, text: str) -> None:
        self.show_message("approved", text)
        self.review.select(department_id)
        self._unit_changed()

    def _department_name(self, department_id: str) -> str:
        return self.session.department_name(department_id)

    # ------------------------------------------------------------------ issue
    def issue_all(self) -> None:
        """下发部门文件: the departments chosen with checkboxes (all, or a few)."""
        if self._busy:
            return
        chosen = review_views.choose_departments(
            [d for d in self.session.departments().values() if not d.is_coordinator], self
        )
        if chosen:
            self.issue_departments(chosen)

    def issue_departments(self, department_ids: list[str]) -> None:
        """Issue (or re-issue) the files of the departments chosen, into a folder."""
        if self._busy or not department_ids:
            return
        folder = choose_folder(self, self.tr("选择保存部门文件的文件夹"), self._last_folder)
        if not folder:
            return
        existing = list(Path(folder).glob("*.ipdesk"))
        if existing and not ask.confirm(
            self,
            self.tr("下发部门文件"),
            self.tr(
                "文件夹中已有 {n} 个 .ipdesk 文件，同名的部门文件将被新文件替换。继续吗？"
            ).format(n=len(existing)),
            yes=self.tr("下发"),
        ):
            return
        every = [d for d in self.session.departments().values() if not d.is_coordinator]
        chosen = None if len(department_ids) >= len(every) else list(department_ids)
        self._start(
            operations.issue_files(self.session, folder, chosen),
            label=self.tr("正在生成部门文件…"),
            on_done=lambda made, stopped: self._issued(Path(folder), made, stopped),
        )

    def _issued(self, folder: Path, made: list[Path], stopped: bool) -> None:
        link = f'<a href="{QUrl.fromLocalFile(str(folder)).toString()}">{folder}</a>'
        text = self.tr(
            "已为 {n} 个单位生成部门文件，保存在 {folder}。请分别发给各单位联络员。"
        ).format(n=len(made), folder=link)
        if len(made) == 1:
            text = self.tr(
                "已生成部门文件 {name}，保存在 {folder}。请发给该单位联络员，"
                "用“合并协调员下发的新文件”合并。"
            ).format(name=made[0].name, folder=link)
        if stopped:
            text += self.tr("（已取消，其余单位未生成。）")
        self.show_message("approved", text)
        self._last_folder = str(folder)
