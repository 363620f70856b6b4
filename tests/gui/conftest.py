"""GUI test fixtures (pytest-qt, offscreen): a fixed "today", fresh copies of a demo
master, department files made from it, the window, and scripted answers to the
questions the window asks."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gui.helpers import make_department_file

TODAY = "2025-08-20"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPDESK_TODAY", TODAY)


@pytest.fixture(scope="session", autouse=True)
def gui_setup(qapp: Any) -> None:
    from ipdesk.gui import i18n
    from ipdesk.gui.app import install_fonts

    qapp.setStyle("Fusion")
    install_fonts(qapp)
    i18n.install("zh")


@pytest.fixture
def session_of(qtbot: Any) -> Iterator[Callable[[Path], Any]]:
    """path → the file open in a Session (as the window opens it), closed afterwards."""
    from ipdesk.gui.session import Session

    opened: list[Any] = []

    def open_session(path: Path) -> Any:
        session = Session.open(path)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        session.close()


@pytest.fixture
def demo_session(session_of: Callable[[Path], Any], demo_master: Path) -> Any:
    """The demo master (today 2025-08-20) open in a Session."""
    return session_of(demo_master)


@pytest.fixture
def demo_db(demo_session: Any) -> Any:
    """The demo session's database."""
    return demo_session.db


@pytest.fixture
def dept_file(demo_master: Path, tmp_path: Path) -> Callable[[str], Path]:
    """department code → a department file made from the demo master."""

    def make(code: str) -> Path:
        return make_department_file(demo_master, code, tmp_path / f"{code}.ipdesk")

    return make


@pytest.fixture
def settings(tmp_path: Path) -> Any:
    from ipdesk.gui.settings import Settings

    return Settings(tmp_path / "config" / "ipdesk.ini")


@pytest.fixture
def window(qtbot: Any, settings: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    from ipdesk.gui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    # Without a file, the welcome page comes on the event loop's first turn.
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.welcome is not None)
    yield win
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        # A failing GUI test leaves a picture of its window (STYLE.md).
        out = Path(tempfile.gettempdir()) / "ipdesk-gui-failures"
        out.mkdir(exist_ok=True)
        win.grab().save(str(out / f"{request.node.name}.png"))
    if win.session is not None:
        win.close_file()


class Answers:
    """Scripted answers to the window's questions; records what was asked."""

    def __init__(self) -> None:
        self.confirm: list[bool] = []
        self.text: list[str | None] = []
        self.save: list[str | None] = []
        self.open: list[list[str]] = []
        self.asked: list[str] = []
        self.informed: list[str] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    from ipdesk.gui.widgets import ask

    a = Answers()

    def confirm(parent: Any, title: str, text: str, *, yes: str | None = None) -> bool:
        a.asked.append(text)
        return a.confirm.pop(0) if a.confirm else True

    monkeypatch.setattr(ask, "confirm", confirm)
    monkeypatch.setattr(
        ask, "ask_text", lambda parent, title, label, text="", limit=None: a.text.pop(0)
    )
    monkeypatch.setattr(
        ask, "save_path", lambda parent, title, suggested, pattern="": a.save.pop(0)
    )
    monkeypatch.setattr(ask, "open_paths", lambda parent, title, folder, pattern="": a.open.pop(0))
    monkeypatch.setattr(
        ask, "open_path", lambda parent, title, folder, pattern="": a.open.pop(0)[0]
    )
    monkeypatch.setattr(ask, "inform", lambda parent, title, text: a.informed.append(text))
    return a


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files the window asked the desktop to open (instead of opening them)."""
    from PySide6.QtGui import QDesktopServices

    urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True
    )
    return urls


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def pytest_collection_modifyitems(config: Any, items: list[pytest.Item]) -> None:
    # The offscreen platform says this whenever a dialog is shown; it is not a
    # warning about IPDesk, so it must not fail a test (all other Qt warnings do).
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture
def desk(demo_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A coordinator's desk (tests/gui/merge_desk.py): the master and department files."""
    from tests.gui.merge_desk import make_desk
    from tests.merge.helpers import COORDINATOR_PC

    monkeypatch.setenv("IPDESK_SITE_ID", COORDINATOR_PC)
    folder = tmp_path / "desk"
    folder.mkdir()
    return make_desk(folder, demo_master)


@pytest.fixture
def center(qtbot: Any, desk: Any, session_of: Any) -> Iterator[Any]:
    """The merge center on its own, on the desk's master, as the window embeds it."""
    from ipdesk.gui.views.merge_center import MergeCenter

    session = session_of(desk.master)
    view = MergeCenter(session)
    qtbot.addWidget(view)
    view.resize(1400, 850)
    view.show()
    yield view
    session.jobs.wait(20000)
