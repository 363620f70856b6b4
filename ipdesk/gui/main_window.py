"""The window: navigation on the left (only what the file's role can use), the pages
on the right, the reporting period in the toolbar, the role in the title and the
status bar. Every edit is saved at once; Ctrl+Z undoes the last one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui import errors, exports, i18n, operations
from ipdesk.gui.pages import DEPARTMENT, MASTER, Page
from ipdesk.gui.session import Session
from ipdesk.gui.settings import Settings
from ipdesk.gui.widgets import ask
from ipdesk.gui.widgets.find_bar import FindBar
from ipdesk.paths import data_path
from ipdesk.plan.periods import Period
from ipdesk.store import clock
from ipdesk.store.changes import EVERYTHING
from ipdesk.work import CancelToken, Progress

if TYPE_CHECKING:
    from ipdesk.gui.views.department_form import DepartmentForm
    from ipdesk.gui.views.merge_center import MergeCenter
    from ipdesk.gui.views.welcome import WelcomePage


def _form() -> type[Page]:
    from ipdesk.gui.views.department_form import DepartmentForm

    return DepartmentForm


def _overview() -> type[Page]:
    from ipdesk.gui.views.overview import Overview

    return Overview


def _timeline() -> type[Page]:
    from ipdesk.gui.views.timeline import TimelineView

    return TimelineView


def _indicators() -> type[Page]:
    from ipdesk.gui.views.indicators import IndicatorBoard

    return IndicatorBoard


def _merge() -> type[Page]:
    from ipdesk.gui.views.merge_center import MergeCenter

    return MergeCenter


def _plan() -> type[Page]:
    from ipdesk.gui.views.plan_editor import PlanEditor

    return PlanEditor


@dataclass(frozen=True)
class PageSlot:
    """A page in the navigation before its module is imported: a page's module (and
    what it alone needs: the merge engine, the chart) is imported the first time the
    page is shown, not when the window starts. `load` imports it by a plain import
    statement — a module that cannot be imported raises, never falls back — and
    `ipdesk self-check` imports every module and shows every page (ipdesk.gui.selfcheck).
    KEY, ROLES and the title are the page class's own (tests/gui/test_main_window.py)."""

    key: str
    roles: tuple[str, ...]
    title: Callable[[], str]
    load: Callable[[], type[Page]]


def _title(source: str) -> Callable[[], str]:
    return lambda: QCoreApplication.translate("MainWindow", source)


# The window's pages in navigation order; each says for which files (roles) it is shown.
PAGES: tuple[PageSlot, ...] = (
    PageSlot("form", (MASTER, DEPARTMENT), _title("部门填报"), _form),
    PageSlot("overview", (MASTER,), _title("全区总览"), _overview),
    PageSlot("timeline", (MASTER, DEPARTMENT), _title("进度甘特图"), _timeline),
    PageSlot("indicators", (MASTER, DEPARTMENT), _title("指标看板"), _indicators),
    PageSlot("merge", (MASTER,), _title("汇总合并"), _merge),
    PageSlot("plan", (MASTER,), _title("计划设置"), _plan),
)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = data_path("resources", "icons", f"ipdesk-{size}.png")
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon


class MainWindow(QMainWindow):
    languageChangeRequested = Signal(str)

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.session: Session | None = None
        self.pages: dict[str, Page] = {}
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self.setMinimumSize(720, 520)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        # The welcome page is made when first shown: a window started with a file
        # (`ipdesk FILE`, a double-click) does without it.
        self.welcome: WelcomePage | None = None

        self.workspace = QSplitter(Qt.Orientation.Horizontal)
        self.workspace.setObjectName("workspace")
        side = QWidget()
        side.setObjectName("sidebar")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 6, 6, 6)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setSpacing(2)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setStyleSheet(
            "QListWidget#navigation { border: none; background: transparent; }"
            "QListWidget#navigation::item { padding: 8px 10px; border-radius: 4px; }"
            "QListWidget#navigation::item:selected { background: #1f3a5f; color: white; }"
        )
        side_layout.addWidget(self.nav, 1)
        self.reminder_title = QLabel(self.tr("提醒"))
        self.reminder_title.setStyleSheet("font-weight: bold; color: #1f3a5f;")
        side_layout.addWidget(self.reminder_title)
        self.reminders = QLabel()
        self.reminders.setObjectName("reminders")
        self.reminders.setWordWrap(True)
        self.reminders.setTextFormat(Qt.TextFormat.RichText)
        self.reminders.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reminders.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        side_layout.addWidget(self.reminders, 2)
        self.workspace.addWidget(side)
        self.page_stack = QStackedWidget()
        # Ctrl+F: the find box above whichever page is shown.
        self.find_bar = FindBar()
        pages_box = QWidget()
        pages_layout = QVBoxLayout(pages_box)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        pages_layout.setSpacing(0)
        pages_layout.addWidget(self.find_bar)
        # A backup opened read-only (issue #12): said at the top, with 恢复为总表 at hand.
        self.read_only_banner = QWidget()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setStyleSheet(
            "QWidget#readOnlyBanner { background: #fff4d6; border-bottom: 1px solid #e0c46c; }"
        )
        banner_row = QHBoxLayout(self.read_only_banner)
        banner_row.setContentsMargins(10, 6, 10, 6)
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("readOnlyText")
        self.read_only_label.setWordWrap(True)
        banner_row.addWidget(self.read_only_label, 1)
        self.restore_button = QPushButton(self.tr("恢复为总表…"))
        self.restore_button.setObjectName("restoreThisBackup")
        self.restore_button.clicked.connect(self.restore_this_backup)
        banner_row.addWidget(self.restore_button)
        self.read_only_banner.hide()
        self.backup_owner: MainWindow | None = None  # the window of the master it backs up
        self.backup_windows: list[MainWindow] = []
        pages_layout.addWidget(self.read_only_banner)
        pages_layout.addWidget(self.page_stack, 1)
        self.workspace.addWidget(pages_box)
        self.workspace.setStretchFactor(0, 0)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setSizes([180, 1220])
        self.stack.addWidget(self.workspace)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.save_label = QLabel()
        self.role_label = QLabel()
        self.statusBar().addWidget(self.save_label, 1)
        self.statusBar().addPermanentWidget(self.role_label)
        self._restore_layout()
        self._no_file()
        # Without a file by the first turn of the event loop (one given is opened right
        # after the window is shown), the welcome page.
        QTimer.singleShot(0, self, self._welcome_unless_open)  # (dropped with the window)

    # ------------------------------------------------------------------ actions
    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_open = self._action(self.tr("打开…"), self.open_dialog, K.Open, "actOpen")
        self.act_new = self._action(
            self.tr("新建总表（内置计划）…"), self.new_master, K.New, "actNew"
        )
        self.act_demo = self._action(self.tr("打开演示计划"), self.open_demo, None, "actDemo")
        self.act_breakdown = self._action(
            self.tr("由任务分解表新建总表…"), self.new_from_breakdown, None, "actBreakdown"
        )
        self.act_from_document = self._action(
            self.tr("由工作方案文件新建…"), self.new_from_document, None, "actFromDocument"
        )
        self.act_close = self._action(self.tr("关闭文件"), self.close_file, K.Close, "actClose")
        self.act_quit = self._action(self.tr("退出"), self.close, K.Quit, "actQuit")
        self.act_send = self._action(self.tr("导出报送文件…"), self._send, "Ctrl+E", "actSend")
        self.act_print = self._action(self.tr("打印本部门表…"), self._print, K.Print, "actPrint")
        self.act_preview = self._action(
            self.tr("打印预览…"), lambda: self._print("preview"), "Ctrl+Shift+P", "actPreview"
        )
        self.act_save_pdf = self._action(
            self.tr("另存为 PDF…"), lambda: self._print("pdf"), None, "actSavePdf"
        )
        self.act_ledger = self._action(
            self.tr("导出工作台账（Excel）…"), self.export_ledger, None, "actLedger"
        )
        self.act_archive = self._action(
            self.tr("导出检查验收归档（zip）…"), self.export_archive, None, "actArchive"
        )
        self.act_import_xlsx = self._action(
            self.tr("导入部门 Excel 填报表…"), self.import_workbook, None, "actImportXlsx"
        )
        self.act_merge_issued = self._action(
            self.tr("合并协调员下发的新文件…"), self.merge_issued_file, None, "actMergeIssued"
        )
        self.act_submit = self._action(
            self.tr("提交本期…"), self._submit, "Ctrl+Shift+S", "actSubmit"
        )
        self.act_refresh = self._action(
            self.tr("刷新"), self.refresh_current, K.Refresh, "actRefresh"
        )
        self.act_find = self._action(self.tr("查找…"), self._find, K.Find, "actFind")
        self.act_settings = self._action(
            self.tr("设置…"), self.open_settings, K.Preferences, "actSettings"
        )
        self.act_guide = self._action(
            self.tr("使用指南"), self.show_guide, K.HelpContents, "actGuide"
        )
        self.act_about = self._action(self.tr("关于 IPDesk"), self.show_about, None, "actAbout")
        self.undo_placeholder = QAction(self.tr("撤销"), self)
        self.undo_placeholder.setShortcut(K.Undo)
        self.undo_placeholder.setEnabled(False)
        self.redo_placeholder = QAction(self.tr("重做"), self)
        self.redo_placeholder.setShortcut(K.Redo)
        self.redo_placeholder.setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.file_menu.addActions(
            [self.act_open, self.act_new, self.act_from_document, self.act_breakdown, self.act_demo]
        )
        self.recent_menu = self.file_menu.addMenu(self.tr("最近打开"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addSeparator()
        self.file_menu.addActions(
            [
                self.act_submit,
                self.act_send,
                self.act_print,
                self.act_preview,
                self.act_save_pdf,
                self.act_merge_issued,
            ]
        )
        self.print_menu = self.file_menu.addMenu(self.tr("打印全区报表"))
        for kind, title in (
            ("district", self.tr("全区工作推进情况汇总表")),
            ("indicators", self.tr("指标完成情况表")),
            ("acceptance", self.tr("检查验收逐项疏理表")),
            ("timeline", self.tr("进度甘特图")),
        ):
            action = self.print_menu.addAction(title)
            action.setObjectName(f"actPrint_{kind}")
            action.triggered.connect(lambda _c=False, k=kind, t=title: self.print_district(k, t))
        self.exchange_menu = self.file_menu.addMenu(self.tr("导入 / 导出"))
        self.exchange_menu.addActions([self.act_ledger, self.act_archive, self.act_import_xlsx])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.act_close, self.act_quit])
        self.edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.edit_menu.addActions([self.undo_placeholder, self.redo_placeholder])
        self.view_menu = bar.addMenu(self.tr("视图(&V)"))
        self.tools_menu = bar.addMenu(self.tr("工具(&T)"))
        self.tools_menu.addActions([self.act_find, self.act_refresh])
        self.tools_menu.addSeparator()
        self.tools_menu.addAction(self.act_settings)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addActions([self.act_guide, self.act_about])

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("工具栏"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.addAction(self.act_open)
        self.tb_undo_anchor = self.toolbar.addSeparator()
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.period_label = QLabel(self.tr("报送期间"))
        self.period_label_action = self.toolbar.addWidget(self.period_label)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setMinimumContentsLength(10)
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        self.period_combo_action = self.toolbar.addWidget(self.period_combo)
        self._toolbar_undo: list[QAction] = []

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        if not files:
            empty = self.recent_menu.addAction(self.tr("（没有最近打开的文件）"))
            empty.setEnabled(False)
        for n, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{n} {Path(path).name} — {Path(path).parent}")
            action.triggered.connect(lambda _c=False, p=path: self.open_file(p))

    # ------------------------------------------------------------------ files
    def open_dialog(self) -> None:
        path = ask.open_path(self, self.tr("打开 IPDesk 文件"), self.settings.last_folder)
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path, *, read_only: bool = False) -> bool:
        """Open a plan file; a refused file gets a clear dialog and changes nothing.
        `read_only`: a backup to look at (every page, every write refused in words)."""
        path = Path(path)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            opener = Session.open_read_only if read_only else Session.open
            session = errors.guarded(self, opener, path, self)
        finally:
            QApplication.restoreOverrideCursor()
        if session is errors.FAILED:
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        self.close_file()
        self.session = session
        session.parent_widget = self
        session.settings = self.settings
        session.changed.connect(lambda _changes: self._update_titles())
        session.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        session.saved.connect(
            lambda when: self.save_label.setText(self.tr("已自动保存 {time}").format(time=when))
        )
        if not read_only:
            self.settings.add_recent(path)
            self.settings.last_folder = str(path.parent)
        self.read_only_banner.setVisible(read_only)
        self.restore_button.setVisible(read_only and session.is_master)
        self.read_only_label.setText(
            self.tr(
                "这是总表的备份（{name}），只读打开：各页面可以查看，不能修改、合并或下发。"
                "如需用它替换总表，请点“恢复为总表…”。"
            ).format(name=path.name)
        )
        self._install_undo(session)
        self._build_pages()
        self._fill_periods()
        self._update_titles()
        self.stack.setCurrentWidget(self.workspace)
        self.act_close.setEnabled(True)
        self.print_menu.setEnabled(session.is_master)
        self.save_label.setText(
            self.tr("已打开 {name}。每次修改都会立即保存。").format(name=path.name)
        )
        if read_only:
            self.save_label.setText(self.tr("只读打开的备份，不会保存任何修改。"))
        return True

    def open_backup(self, backup: str) -> MainWindow | None:
        """A backup of this master in a window of its own, read-only: every page, a
        banner saying so, and 恢复为总表 at hand."""
        window = MainWindow(self.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not window.open_file(backup, read_only=True):
            window.deleteLater()
            return None
        window.backup_owner = self
        window.setWindowTitle(self.tr("{title}（备份，只读）").format(title=window.windowTitle()))
        window.resize(self.size())
        window.show()
        self.backup_windows.append(window)
        window.destroyed.connect(
            lambda *_: self.backup_windows.remove(window) if window in self.backup_windows else None
        )
        return window

    def restore_this_backup(self) -> bool:
        """恢复为总表 in a backup's window: asked, then the master's window restores it."""
        owner = self.backup_owner
        if self.session is None or owner is None:
            return False
        backup = str(self.session.path)
        if not ask.confirm(
            self,
            self.tr("用备份恢复总表"),
            self.tr(
                "用这份备份（{name}）恢复总表？\n此后的合并和修改都会回到备份时的样子。"
                "恢复前会先备份当前的总表，需要时可以再恢复回来。"
            ).format(name=Path(backup).name),
            yes=self.tr("恢复"),
        ):
            return False
        self.close()
        return owner.restore_backup(backup)

    def close_file(self) -> None:
        if self.session is None:
            return
        self._flush_typing()
        for page in list(self.pages.values()):
            self.page_stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        self.view_menu.clear()
        for action in self._toolbar_undo:
            self.toolbar.removeAction(action)
        self._toolbar_undo.clear()
        self.session.close()
        self.session.deleteLater()
        self.session = None
        self._show_welcome()

    def _welcome_unless_open(self) -> None:
        if self.session is None:
            self._show_welcome()

    def _show_welcome(self) -> None:
        if self.welcome is None:
            from ipdesk.gui.views.welcome import WelcomePage

            self.welcome = WelcomePage(self)
            self.welcome.openDemo.connect(self.open_demo)
            self.welcome.createMaster.connect(self.new_master)
            self.welcome.openFile.connect(lambda: self.open_dialog())
            self.welcome.openRecent.connect(self.open_file)
            self.stack.addWidget(self.welcome)
        self.welcome.set_recent(self.settings.recent_files())
        self.stack.setCurrentWidget(self.welcome)
        self._no_file()

    def _no_file(self) -> None:
        """No file open: the window's title, menus and actions as they are then."""
        self.setWindowTitle(self.tr("IPDesk 知识产权强区建设工作台"))
        self.role_label.setText("")
        self.edit_menu.clear()
        self.edit_menu.addActions([self.undo_placeholder, self.redo_placeholder])
        for action in (
            self.act_send,
            self.act_print,
            self.act_preview,
            self.act_save_pdf,
            self.act_submit,
            self.act_close,
            self.act_find,
        ):
            action.setEnabled(False)
        self.print_menu.setEnabled(False)
        self.period_label_action.setVisible(False)
        self.period_combo_action.setVisible(False)

    def new_master(self, target: str | None = None) -> None:
        target = target or ask.save_path(
            self,
            self.tr("新建总表（内置计划）"),
            str(Path(self.settings.last_folder) / "知识产权强区建设-总表.ipdesk"),
        )
        if not target:
            return
        path = Path(target) if Path(target).suffix == ".ipdesk" else Path(target + ".ipdesk")
        from ipdesk.templates.build import create_master

        def make() -> None:
            create_master(path).close()

        if errors.guarded(self, make) is not errors.FAILED:
            self.open_file(path)

    def new_from_breakdown(self, source: str | None = None, target: str | None = None) -> None:
        """A new master from a 任务分解表 workbook (a bad cell is refused with its place)."""
        source = source or ask.open_path(
            self, self.tr("选择任务分解表（Excel）"), self.settings.last_folder, "Excel (*.xlsx)"
        )
        if not source:
            return
        target = target or ask.save_path(
            self, self.tr("新总表保存为"), str(Path(source).with_suffix(".ipdesk"))
        )
        if not target:
            return
        path = Path(target) if Path(target).suffix == ".ipdesk" else Path(target + ".ipdesk")
        from ipdesk.reports.breakdown import create_master_from_breakdown

        if errors.guarded(self, create_master_from_breakdown, source, path) is not errors.FAILED:
            self.open_file(path)

    def new_from_document(self, source: str | None = None) -> None:
        """A new master from a plan document, checked side by side with its source
        first (ipdesk/gui/dialogs/plan_reader.py); the master opens when made."""
        source = source or ask.open_path(
            self,
            self.tr("选择工作方案文件"),
            self.settings.last_folder,
            self.tr("工作方案 (*.docx *.pdf *.html *.htm *.txt)"),
        )
        if not source:
            return
        from ipdesk.gui.dialogs.plan_reader import PlanReaderDialog
        from ipdesk.reader import read_document

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = errors.guarded(self, read_document, source)
        finally:
            QApplication.restoreOverrideCursor()
        if plan is errors.FAILED:
            return
        self.reader_dialog = PlanReaderDialog(plan, self, str(Path(source).parent))

        def made() -> None:
            if self.reader_dialog.created_path is not None:
                self.open_file(self.reader_dialog.created_path)

        self.reader_dialog.accepted.connect(made)
        self.reader_dialog.open()

    def demo_path(self) -> Path:
        return clock.config_dir() / "演示计划-demo.ipdesk"

    def open_demo(self) -> None:
        """The built-in plan with realistic sample progress, made once in the config folder."""
        path = self.demo_path()
        if not path.exists():
            from ipdesk.templates.build import create_master
            from ipdesk.templates.demo import add_demo_progress

            def make() -> None:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = create_master(path)
                try:
                    add_demo_progress(db)
                finally:
                    db.close()

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                made = errors.guarded(self, make)
            finally:
                QApplication.restoreOverrideCursor()
            if made is errors.FAILED:
                return
        self.open_file(path)

    # ------------------------------------------------------------------ pages
    def page_slots(self) -> list[PageSlot]:
        if self.session is None:
            return []
        role = MASTER if self.session.is_master else DEPARTMENT
        return [slot for slot in PAGES if role in slot.roles]

    def page_keys(self) -> tuple[str, ...]:
        return tuple(slot.key for slot in self.page_slots())

    def _build_pages(self) -> None:
        self.nav.blockSignals(True)
        for n, slot in enumerate(self.page_slots(), 1):
            item = QListWidgetItem(slot.title())
            item.setData(Qt.ItemDataRole.UserRole, slot.key)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
            self.nav.addItem(item)
            action = self.view_menu.addAction(slot.title())
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _c=False, k=slot.key: self.show_page(k))
        self.nav.blockSignals(False)
        # Every page's name stays in view; the reminders below take what is left.
        rows = self.nav.count()
        self.nav.setMinimumHeight(
            rows * (self.fontMetrics().height() + 18 + 2 * self.nav.spacing()) + 8
        )
        assert self.session is not None
        self.show_page("overview" if self.session.is_master else "form")

    def page(self, key: str) -> Page:
        """The page for a key, built from the session the first time it is needed; it
        reads the file when it is first shown and keeps up with the session's Changes."""
        if key not in self.pages:
            assert self.session is not None
            cls = next(slot for slot in self.page_slots() if slot.key == key).load()
            page = cls(self.session)
            page.taskActivated.connect(self.show_task)
            page.departmentActivated.connect(self.show_department)
            page.indicatorActivated.connect(self.show_indicator)
            page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            if key == "form":
                cast("DepartmentForm", page).remindersChanged.connect(self.reminders.setText)
            if key == "merge":
                merge = cast("MergeCenter", page)
                merge.restoreRequested.connect(
                    lambda backup: QTimer.singleShot(0, lambda: self.restore_backup(backup))
                )
                merge.backupOpenRequested.connect(self.open_backup)
            if self.session.read_only:
                page.set_read_only()
            self.pages[key] = page
            self.page_stack.addWidget(page)
        return self.pages[key]

    def show_page(self, key: str) -> None:
        keys = self.page_keys()
        if key not in keys:
            return
        row = keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # calls back into _nav_changed
            return
        self._nav_changed(row)

    def _nav_changed(self, row: int) -> None:
        keys = self.page_keys()
        if not 0 <= row < len(keys):
            return
        key = keys[row]
        widget = self.page(key)
        self.page_stack.setCurrentWidget(widget)
        widget.catch_up()  # read now what changed since it was last shown
        form_page = key == "form"
        self.reminder_title.setVisible(form_page)
        self.reminders.setVisible(form_page)
        uses_period = type(widget).USES_PERIOD
        self.period_label_action.setVisible(uses_period)
        self.period_combo_action.setVisible(uses_period)
        is_department = self.session is not None and not self.session.is_master
        is_master = self.session is not None and self.session.is_master
        self.act_send.setEnabled(form_page and is_department)
        self.act_merge_issued.setEnabled(is_department)
        self.act_ledger.setEnabled(self.session is not None)
        self.act_archive.setEnabled(is_master)
        self.act_import_xlsx.setEnabled(is_master)
        self.act_submit.setEnabled(form_page and is_department)
        self.act_print.setEnabled(form_page)
        self.act_preview.setEnabled(form_page)
        self.act_save_pdf.setEnabled(form_page)
        self.act_find.setEnabled(True)  # every page: its search box or the find box
        self.find_bar.close_find()

    def _flush_typing(self) -> None:
        """Save the text still being typed in the form, before anything else happens."""
        form = cast("DepartmentForm | None", self.pages.get("form"))
        if form is not None:
            form.detail.flush_all()

    def current_key(self) -> str | None:
        keys = self.page_keys()
        row = self.nav.currentRow()
        return keys[row] if 0 <= row < len(keys) else None

    def refresh_current(self) -> None:
        """刷新 (F5): every page reads the file again (the current one now)."""
        if self.session is not None:
            self.session.changed.emit(EVERYTHING)

    # ------------------------------------------------------------------ period
    def _fill_periods(self) -> None:
        assert self.session is not None
        periods = self.session.info.selectable_periods(clock.today())
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for n, period in enumerate(periods):
            label = i18n.period_label(period)
            if n == 0:
                label = self.tr("{period}（本期）").format(period=label)
            self.period_combo.addItem(label, str(period))
        self.period_combo.setCurrentIndex(0)
        self.period_combo.blockSignals(False)
        if periods:
            self.session.period = periods[0]

    def _period_chosen(self) -> None:
        if self.session is None or self.period_combo.currentData() is None:
            return
        self._flush_typing()
        self.session.set_period(Period.parse(self.period_combo.currentData()))

    # ------------------------------------------------------------------ titles
    def role_text(self) -> str:
        if self.session is None:
            return ""
        if self.session.is_master:
            return self.tr("总表（协调员）")
        return self.tr("{dept}（部门文件）").format(
            dept=self.session.department_name(self.session.department_id)
        )

    def _update_titles(self) -> None:
        if self.session is None:
            return
        info = self.session.info
        self.setWindowTitle(
            f"IPDesk — {info.short_name} · {self.role_text()} — {self.session.path.name}"
        )
        self.role_label.setText(
            self.tr("{role} · 计划 {start} 至 {end} · {file}").format(
                role=self.role_text(),
                start=info.start.strftime("%Y-%m"),
                end=info.end.strftime("%Y-%m"),
                file=self.session.path.name,
            )
        )

    # ------------------------------------------------------------------ undo
    def _install_undo(self, session: Session) -> None:
        """Undo and redo actions that first save any text still being typed, so that
        Ctrl+Z takes back exactly the last edit — that text, if there was one."""
        self.edit_menu.clear()
        stack = session.undo_stack
        undo = QAction(self.tr("撤销"), self)
        undo.setObjectName("actUndo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = QAction(self.tr("重做"), self)
        redo.setObjectName("actRedo")
        redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        undo.triggered.connect(lambda _c=False: self._undo_redo(stack.undo))
        redo.triggered.connect(lambda _c=False: self._undo_redo(stack.redo))
        undo.setIconText(self.tr("撤销"))  # the toolbar keeps the short word
        redo.setIconText(self.tr("重做"))
        undo.setEnabled(False)
        redo.setEnabled(False)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(
            lambda text: undo.setText(
                self.tr("撤销：{what}").format(what=text) if text else self.tr("撤销")
            )
        )
        stack.redoTextChanged.connect(
            lambda text: redo.setText(
                self.tr("重做：{what}").format(what=text) if text else self.tr("重做")
            )
        )
        self.edit_menu.addActions([undo, redo])
        self.toolbar.insertAction(self.tb_undo_anchor, undo)
        self.toolbar.insertAction(self.tb_undo_anchor, redo)
        self._toolbar_undo = [undo, redo]
        self.act_undo, self.act_redo = undo, redo

    def _undo_redo(self, step: Callable[[], None]) -> None:
        self._flush_typing()
        step()

    # ------------------------------------------------------------------ cross-page
    def show_task(self, task_id: str) -> None:
        """A task was double-clicked (overview, timeline): the coordinator gets the task
        read-only — every department's reports, milestones, evidence and history (the
        plan is edited in 计划设置); a department its form with the task selected."""
        if self.session is None:
            return
        if self.session.is_master:
            from ipdesk.gui.dialogs.review_views import TaskViewDialog

            dialog = TaskViewDialog(self.session.db, task_id, self)
            dialog.open()
            return
        self.show_page("form")
        form = cast("DepartmentForm", self.pages["form"])
        form.select_task(task_id)

    def show_department(self, department_id: str) -> None:
        self.show_page("form")
        form = cast("DepartmentForm", self.pages["form"])
        form.set_department(department_id)

    def show_indicator(self, indicator_id: str) -> None:
        if self.session is not None and self.session.is_master:
            from ipdesk.gui.dialogs.indicator_editor import IndicatorEditor

            IndicatorEditor(self.session, indicator_id, self).open()

    def _form(self) -> Any:
        return self.pages.get("form") if self.current_key() == "form" else None

    def _send(self) -> None:
        form = self._form()
        if form is not None:
            form.send()

    def _print(self, how: str = "print") -> None:
        form = self._form()
        if form is not None:
            form.print_sheet(how)

    def _submit(self) -> None:
        form = self._form()
        if form is not None:
            form.submit()

    def print_district(self, kind: str, title: str, how: str = "preview") -> None:
        """A district sheet as PDF (on a worker), then shown in the print preview (with
        打印… and 另存为 PDF…), or by `how` as exports.print_sheet says."""
        if self.session is not None:
            exports.print_sheet(
                self.session, self, kind, f"{title}-{self.session.period}", self._status, how
            )

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _export(
        self,
        title: str,
        suggested: str,
        pattern: str,
        write: Callable[[Any, Path, Progress, CancelToken], Path],
    ) -> None:
        """Ask where, write on a worker with a cancellable progress dialog, then open it."""
        if self.session is None:
            return
        folder = Path(self.settings.send_folder or Path(self.session.path).parent)
        chosen = ask.save_path(self, title, str(folder / suggested), pattern)
        if not chosen:
            return
        out = Path(chosen)
        exports.write_and_open(
            self.session,
            self,
            title,
            lambda db, progress, cancel: write(db, out, progress, cancel),
            self._status,
        )

    def _stem(self, what: str) -> str:
        assert self.session is not None
        return f"{self.session.info.short_name}-{what}-{clock.today().isoformat()}"

    def export_ledger(self) -> None:
        """The 台账 workbook of the open file."""

        def write(db: Any, out: Path, progress: Progress, cancel: CancelToken) -> Path:
            from ipdesk.reports.xlsx_ledger import write_ledger  # openpyxl: late

            return write_ledger(db, out, progress, cancel=cancel)

        if self.session is not None:
            self._export(
                self.tr("导出工作台账"), self._stem("工作台账") + ".xlsx", "Excel (*.xlsx)", write
            )

    def export_archive(self) -> None:
        """The 检查验收 archive: sheets, 台账, evidence by task, a clean copy of the master."""
        if self.session is None or not self.session.is_master:
            return
        path = self.session.path

        def write(_db: Any, out: Path, progress: Progress, cancel: CancelToken) -> Path:
            from ipdesk.reports.archive import write_archive  # reportlab, openpyxl: late

            return write_archive(path, out, progress, cancel=cancel)

        self._export(
            self.tr("导出检查验收归档"), self._stem("检查验收归档") + ".zip", "zip (*.zip)", write
        )

    def import_workbook(self, path: str | None = None) -> None:
        """A department's filled-in Excel workbook, through the same rules as its file."""
        if self.session is None or not self.session.is_master:
            return
        if path is None:
            path = ask.open_path(
                self,
                self.tr("选择部门交回的 Excel 填报表"),
                str(Path(self.session.path).parent),
                "Excel (*.xlsx)",
            )
        if not path:
            return
        session = self.session
        target = session.path

        def told(report: Any) -> str:
            reason = i18n.message_text(report.reason)
            lines = [i18n.pick(f"{report.who[0]}：{reason}", f"{report.who[1]}: {reason}")]
            lines += ["· " + i18n.message_text(w) for w in report.warnings]
            return "\n".join(lines)

        def done(report: Any) -> None:
            ask.inform(self, self.tr("导入部门 Excel 填报表"), told(report))

        def previewed(report: Any) -> None:
            # The preview names the department and period the master recorded for the
            # workbook; nothing is written until the coordinator agrees.
            if report.result != "merged":
                ask.inform(self, self.tr("导入部门 Excel 填报表"), told(report))
                return
            if not ask.confirm(
                self, self.tr("导入部门 Excel 填报表"), i18n.pick(*report.question())
            ):
                return
            session.start(
                operations.import_workbook(session, path), on_done=done, progress_parent=self
            )

        def preview(progress: Progress, cancel: CancelToken) -> Any:
            from ipdesk.reports.xlsx_dept import import_department_workbook  # openpyxl: late

            return import_department_workbook(target, path, dry_run=True)

        # The dry run takes the master's write lock for a moment: it queues with writes.
        session.jobs.start(
            preview,
            on_done=previewed,
            writes=True,
            progress_parent=self,
            title=self.tr("正在导入 Excel 填报表…"),
        )

    def merge_issued_file(self, path: str | None = None) -> None:
        """A department takes in a file newly issued by the coordinator (the updated plan,
        review results, others' progress); its own unsent edits are kept (DESIGN.md §4)."""
        if self.session is None or self.session.is_master:
            return
        if path is None:
            path = ask.open_path(
                self, self.tr("选择协调员下发的新部门文件"), str(Path(self.session.path).parent)
            )
        if not path:
            return

        def done(report: Any) -> None:
            lines = [i18n.message_text(report.reason)]
            lines += ["· " + i18n.message_text(w) for w in report.warnings]
            title = (
                self.tr("已合并新下发的文件") if report.result != "refused" else self.tr("未能合并")
            )
            ask.inform(self, title, "\n".join(lines))

        self.session.start(
            operations.merge_issued_file(self.session, path), on_done=done, progress_parent=self
        )

    def _find(self) -> None:
        """Ctrl+F: the page's own search box where it has one (the overview, the plan's
        task list), else the find box over the page's tables."""
        key = self.current_key()
        page = self.pages.get(key) if key else None
        if page is None:
            return
        own = getattr(page, "search", None) or getattr(page, "task_filter", None)
        if isinstance(own, QLineEdit) and own.isVisible():
            own.setFocus(Qt.FocusReason.ShortcutFocusReason)
            own.selectAll()
            return
        finder = getattr(page, "find_text", None)
        views = [v for v in page.findChildren(QTableView) if v.isVisible()]
        self.find_bar.start(views, finder)

    def restore_backup(self, backup: str) -> bool:
        """Make a backup the master (asked in the backups dialog): the master is closed,
        backed up as it is, replaced by the backup, and opened again."""
        if self.session is None or not self.session.is_master:
            return False
        from ipdesk.merge.backups import restore_backup

        path = self.session.path
        self.close_file()
        saved = errors.guarded(self, restore_backup, path, backup)
        self.open_file(path)
        if saved is errors.FAILED:
            return False
        ask.inform(
            self,
            self.tr("已恢复总表"),
            self.tr(
                "已用备份 {backup} 恢复总表。恢复前的总表已备份为 {saved}，需要时可在“汇总合并 → 备份”中再恢复。"
            ).format(backup=Path(backup).name, saved=Path(saved).name),
        )
        return True

    # ------------------------------------------------------------------ dialogs
    def open_settings(self) -> None:
        from ipdesk.gui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() and dialog.language_changed:
            self.languageChangeRequested.emit(self.settings.language)

    def show_guide(self) -> None:
        from ipdesk.gui.views.welcome import GuideDialog

        role = "coordinator" if self.session is None or self.session.is_master else "liaison"
        GuideDialog(role, self).open()

    def show_about(self) -> None:
        import ipdesk

        ask.inform(
            self,
            self.tr("关于 IPDesk"),
            self.tr(
                "IPDesk {version} 知识产权强区建设工作台\n离线运行；每次修改立即保存在 .ipdesk 文件中。\n"
                "字体：思源黑体 Noto Sans SC（SIL 开源字体许可）。"
            ).format(version=ipdesk.__version__),
        )

    # ------------------------------------------------------------------ layout
    def _restore_layout(self) -> None:
        geometry = self.settings.load_bytes("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_to_screen()
        state = self.settings.load_bytes("window/state")
        if state is not None:
            self.restoreState(state)
        split = self.settings.load_bytes("window/workspace")
        if split is not None:
            self.workspace.restoreState(split)

    def _fit_to_screen(self) -> None:
        """First run: 1400 × 900, but never larger than 92% of the screen (a 1080p
        screen at 150% has only 1280 × 720 to give), centred."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width = min(1400, int(area.width() * 0.92))
        height = min(900, int(area.height() * 0.92))
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    def save_layout(self) -> None:
        self.settings.save_bytes("window/geometry", self.saveGeometry())
        self.settings.save_bytes("window/state", self.saveState())
        self.settings.save_bytes("window/workspace", self.workspace.saveState())
        for page in self.pages.values():
            page.save_layout(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.close_file()
        super().closeEvent(event)

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        merge = cast("MergeCenter | None", self.pages.get("merge"))
        if (
            self.session is not None
            and self.session.is_master
            and self.current_key() == "merge"
            and merge is not None
        ):
            merge.add_files(paths)
            return
        # Let the drop finish before a dialog may appear.
        QTimer.singleShot(0, lambda: self.open_file(paths[0]))
