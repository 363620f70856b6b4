"""Starting the window: `ipdesk` (last file, else the first-run page) or
`ipdesk gui FILE`. Installs the bundled Chinese font, the chosen language, the app
icon and the crash handler before anything is shown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from ipdesk.gui import errors, i18n, single_instance
from ipdesk.gui.settings import Settings
from ipdesk.paths import data_path

FONT_FAMILY = "Noto Sans SC"
FONT_FILES = ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")


def install_fonts(app: QApplication, point_size: float = 10.0) -> str:
    """Load the bundled Noto Sans SC (both weights) and make it the application font,
    so nothing depends on the fonts of the PC. Returns the family name."""
    family = FONT_FAMILY
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(data_path("resources", "fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    font = QFont(family)
    font.setPointSizeF(point_size)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return family


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with IPDesk's names, font, language and crash handler."""
    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else None
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv or ["ipdesk"])
    QCoreApplication.setOrganizationName("IPDesk")
    QCoreApplication.setApplicationName("IPDesk")
    QGuiApplication.setApplicationDisplayName("IPDesk")
    app.setStyle("Fusion")
    install_fonts(app)
    return app


class Application:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, app: QApplication, settings: Settings) -> None:
        from ipdesk.gui.main_window import MainWindow, app_icon

        self.app = app
        self.settings = settings
        self.window_class = MainWindow
        app.setWindowIcon(app_icon())
        i18n.install(settings.language)
        self.window = self._new_window()

    def _new_window(self):
        window = self.window_class(self.settings)
        window.languageChangeRequested.connect(self.switch_language)
        return window

    def open_initial(self, path: str | None) -> None:
        if path:
            self.window.open_file(path)
        else:
            last = self.settings.last_file
            if last and Path(last).exists():
                self.window.open_file(last)

    def take_file(self, path: str) -> None:
        """A later launch (a double-click on a file) handed this one its file."""
        window = self.window
        if path:
            window.open_file(path)
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()

    def switch_language(self, language: str) -> None:
        old = self.window
        path = old.session.path if old.session is not None else None
        old.save_layout()
        old.close_file()
        i18n.install(language)
        self.window = self._new_window()
        self.window.show()
        if path is not None:
            self.window.open_file(path)
        old.hide()
        old.deleteLater()


def run(path: str | None = None) -> int:
    """Open the window (called by `ipdesk FILE`, `ipdesk gui [FILE]` and plain `ipdesk`).
    When IPDesk is already running, hand it the file and return at once."""
    app = make_application(sys.argv[:1])
    single = os.environ.get("IPDESK_SINGLE_INSTANCE", "1") != "0"
    if single and single_instance.hand_over(path):
        return 0
    errors.install_excepthook()
    application = Application(app, Settings())
    if single:
        listener = single_instance.Listener(parent=app)
        listener.fileGiven.connect(application.take_file)
    application.window.show()
    application.open_initial(path)
    quit_after = os.environ.get("IPDESK_QUIT_AFTER_MS")
    shot = os.environ.get("IPDESK_SCREENSHOT")
    if shot:
        # scripts/run-demo on a machine without a screen: a picture of the window.
        delay = max(500, int(quit_after or 4000) - 300)
        QTimer.singleShot(delay, lambda: application.window.grab().save(shot))
    if quit_after:
        # Used by the installer build check: start, show the file, quit by itself.
        QTimer.singleShot(int(quit_after), app.quit)
    return app.exec()
