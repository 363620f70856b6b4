"""The window itself: opening files (and refusing bad ones clearly), role in the
title and status bar, recent files, first run, undo, layout kept between runs,
drag and drop, and the crash dialog for a bug."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel

from ipdesk.gui import errors
from tests.gui.helpers import one


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def close_dialogs() -> None:
    for dialog in errors.open_dialogs():
        dialog.close()


def test_master_shows_every_page_and_its_role(window, demo_master):
    assert window.stack.currentWidget() is window.welcome
    assert window.open_file(demo_master)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["部门填报", "全区总览", "进度甘特图", "指标看板", "汇总合并", "计划设置"]
    assert "总表（协调员）" in window.windowTitle()
    assert "总表（协调员）" in window.role_label.text()
    assert "计划 2023-11 至 2026-06" in window.role_label.text()
    # The period selector offers the current period first.
    assert window.period_combo.itemText(0) == "2025年第三季度（本期）"
    assert window.period_combo.itemData(1) == "2025Q2"
    for n, key in enumerate(["form", "overview", "timeline", "indicators", "merge", "plan"]):
        window.nav.setCurrentRow(n)
        assert window.page_stack.currentWidget() is window.pages[key]


def test_each_page_is_named_as_its_class_and_imported_only_when_first_shown(
    qapp, demo_master, tmp_path
):
    """The navigation names a page before its module is imported; the names, keys and
    roles are the page class's own, and opening a master imports only the page shown."""
    import subprocess

    from ipdesk.gui.main_window import PAGES

    for slot in PAGES:
        cls = slot.load()
        assert (slot.key, slot.roles, slot.title()) == (cls.KEY, cls.ROLES, cls.nav_title())
    script = (
        "import sys\n"
        "from ipdesk.gui.app import make_application\n"
        "from ipdesk.gui.main_window import MainWindow\n"
        "from ipdesk.gui.settings import Settings\n"
        "app = make_application()\n"
        "from pathlib import Path\n"
        f"window = MainWindow(Settings(Path({str(tmp_path / 'w.ini')!r})))\n"
        f"assert window.open_file({str(demo_master)!r})\n"
        "shown = [m for m in sys.modules if m.startswith('ipdesk.gui.views.')"
        " and m.rsplit('.', 1)[1] in ('overview', 'department_form', 'timeline',"
        " 'indicators', 'merge_center', 'plan_editor')]\n"
        "print(sorted(shown), 'ipdesk.merge.engine' in sys.modules)\n"
        "window.show_page('merge')\n"
        "print('ipdesk.gui.views.merge_center' in sys.modules)\n"
        "window.close_file()\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    ).stdout.splitlines()
    assert out == ["['ipdesk.gui.views.overview'] False", "True"]


def test_refused_file_gets_a_clear_dialog_and_stays_untouched(window, tmp_path):
    bad = tmp_path / "损坏的文件.ipdesk"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    before = sha(bad)
    assert not window.open_file(bad)
    shown = errors.open_dialogs()
    assert shown and "无法打开" in shown[-1].text() and "损坏的文件.ipdesk" in shown[-1].text()
    assert sha(bad) == before
    assert window.session is None and window.stack.currentWidget() is window.welcome
    close_dialogs()
    text = tmp_path / "notes.ipdesk"
    text.write_text("hello", encoding="utf-8")
    assert not window.open_file(text)
    assert "不是 IPDesk 文件" in errors.open_dialogs()[-1].text()
    close_dialogs()


def test_locked_file_is_a_known_problem_not_a_crash():
    import sqlite3

    exc = sqlite3.OperationalError("database is locked")
    assert "占用" in errors.known_problem(exc)
    full = OSError(28, "No space left on device", "D:/plan.ipdesk")
    assert "磁盘空间不足" in errors.known_problem(full)
    assert errors.known_problem(ValueError("bug")) is None


def test_recent_files_and_reopening_the_last_file(window, settings, demo_master, dept_file):
    from ipdesk.gui.app import Application

    dept = dept_file("jrj")
    window.open_file(demo_master)
    window.open_file(dept)
    assert settings.recent_files()[:2] == [str(dept.resolve()), str(demo_master.resolve())]
    window._fill_recent()
    assert [a.text() for a in window.recent_menu.actions()][0].startswith("&1 jrj.ipdesk")
    assert settings.last_file == str(dept.resolve())
    window.close_file()
    assert window.welcome.ui.recentList.count() == 2
    # Plain `ipdesk` next time: the last file opens.
    app = Application.__new__(Application)
    app.settings, app.window = settings, window
    app.open_initial(None)
    assert window.session is not None and window.session.path == dept


def test_undo_only_takes_back_the_last_edit(window, dept_file, qtbot):
    path = dept_file("jrj")
    window.open_file(path)
    form = window.pages["form"]
    task = form.lead_model.items[0]
    form.select_task(task.id)
    form.detail.percent.setValue(20)
    form.detail.percent.setValue(30)
    form.detail.percent.setValue(40)
    window.page_stack.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    dept = one(path, "SELECT department_id FROM file_meta")
    assert (
        one(
            path,
            "SELECT percent FROM progress_reports WHERE task_id = ? AND department_id = ?"
            " AND period = '2025Q3'",
            [task.id, dept],
        )
        == 30.0
    )
    assert form.detail.percent.value() == 30
    assert window.act_undo.text().startswith("撤销")


def test_window_layout_is_kept_between_runs(qtbot, settings, demo_master):
    from ipdesk.gui.main_window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 700)  # the offscreen screen is 800 × 800
    first.workspace.setSizes([260, 530])
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (790, 700)
    assert second.workspace.sizes()[0] == 260


def test_dropping_a_file_opens_it(window, dept_file, qtbot):
    path = dept_file("jrj")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.session is not None)
    assert window.session.path == path
    assert window.current_key() == "form"


def test_first_run_offers_demo_new_master_and_open(window, tmp_path, monkeypatch, answers):
    from ipdesk.gui.views.welcome import guide_html

    monkeypatch.setattr(window, "demo_path", lambda: tmp_path / "cfg" / "demo.ipdesk")
    window.welcome.ui.demoButton.click()
    assert window.session is not None and window.session.is_master
    assert one(tmp_path / "cfg" / "demo.ipdesk", "SELECT count(*) FROM progress_reports") > 0
    window.close_file()
    target = tmp_path / "新总表.ipdesk"
    answers.save.append(str(target))
    window.welcome.ui.newButton.click()
    assert window.session.path == target
    assert one(target, "SELECT count(*) FROM tasks") == 50
    assert one(target, "SELECT count(*) FROM progress_reports") == 0
    window.close_file()
    answers.open.append([str(target)])
    window.welcome.ui.openButton.click()
    assert window.session.path == target
    assert "导出报送文件" not in guide_html("coordinator") and "导出报送文件" in guide_html(
        "liaison"
    )
    assert "汇总合并" in window.welcome.ui.coordinatorGuide.toPlainText()


def test_a_bug_gets_the_crash_dialog_with_its_traceback(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "settings"))
    try:
        raise ZeroDivisionError("division by zero in a test")
    except ZeroDivisionError:
        errors.handle_exception(*sys.exc_info())
    dialog = next(d for d in errors.open_dialogs() if d.objectName() == "crashDialog")
    # One sentence says what happened and where the details were saved.
    [log] = (tmp_path / "settings" / "crash-logs").glob("crash-*.txt")
    sentence = dialog.findChild(QLabel, "crashSentence").text()
    assert str(log) in sentence and "已保存的内容不受影响" in sentence
    assert "division by zero in a test" in log.read_text(encoding="utf-8")
    details = dialog.details.toPlainText()
    assert "ZeroDivisionError" in details and "test_main_window.py" in details
    assert dialog.details.isReadOnly()
    dialog.copy_details()
    from PySide6.QtGui import QGuiApplication

    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()
    dialog.close()


def test_run_installs_the_crash_handler(monkeypatch):
    from ipdesk.gui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(app_module.Application, "open_initial", lambda self, path: None)
    monkeypatch.setattr(app_module.QApplication, "exec", lambda self: 0)
    assert app_module.run(None) == 0
    assert sys.excepthook is errors.handle_exception
    for widget in app_module.QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow":
            widget.close()
            widget.deleteLater()


def test_bundled_font_is_the_application_font(qapp):
    from PySide6.QtGui import QFontDatabase, QFontInfo

    assert "Noto Sans SC" in QFontDatabase.families()
    assert QFontInfo(qapp.font()).family() == "Noto Sans SC"


def test_switching_to_english_rebuilds_the_window(qtbot, settings, demo_master):
    from ipdesk.gui import i18n
    from ipdesk.gui.app import Application

    app = Application(
        qtbot.__class__ and __import__("PySide6.QtWidgets").QtWidgets.QApplication.instance(),
        settings,
    )
    qtbot.addWidget(app.window)
    app.window.open_file(demo_master)
    try:
        settings.language = "en"
        app.switch_language("en")
        qtbot.addWidget(app.window)
        titles = [app.window.nav.item(i).text() for i in range(app.window.nav.count())]
        assert titles == [
            "Department report",
            "District overview",
            "Timeline",
            "Indicators",
            "Merge",
            "Plan settings",
        ]
        assert "Master (coordinator)" in app.window.windowTitle()
        assert app.window.session.path == demo_master
        assert app.window.period_combo.itemText(0) == "2025 Q3 (current)"
    finally:
        settings.language = "zh"
        app.window.close_file()
        i18n.install("zh")


def test_copying_the_demo_does_not_touch_the_original(demo_master, tmp_path):
    copy = tmp_path / "copy.ipdesk"
    shutil.copyfile(demo_master, copy)
    assert sha(copy) == sha(demo_master)


def test_undo_while_typing_takes_back_the_typed_text_only(window, dept_file, qtbot):
    from tests.gui.helpers import type_text

    path = dept_file("jrj")
    window.open_file(path)
    form = window.pages["form"]
    task = form.lead_model.items[0]
    form.select_task(task.id)
    form.detail.percent.setValue(25)
    type_text(form.detail.texts["progress"], "正在起草")  # not yet saved (typing pause)
    assert form.detail.pending()
    window.act_undo.trigger()
    dept = one(path, "SELECT department_id FROM file_meta")
    row = query_row(path, task.id, dept)
    assert row == (25.0, "")  # the text went, the percent stayed
    assert window.act_undo.isEnabled()


def query_row(path: Path, task_id: str, dept: str) -> tuple:
    from tests.gui.helpers import query

    return query(
        path,
        "SELECT percent, progress FROM progress_reports WHERE task_id = ? AND department_id = ?"
        " AND period = '2025Q3'",
        [task_id, dept],
    )[0]


def test_first_window_fits_the_screen(qtbot, settings):
    from ipdesk.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()  # 800 × 800 offscreen
    assert window.width() <= area.width() and window.height() <= area.height()
    assert area.contains(window.frameGeometry().topLeft())


def test_department_takes_in_a_newly_issued_file_and_keeps_its_unsent_edit(
    window, demo_master, dept_file, answers, qtbot, tmp_path
):
    """文件 → 合并协调员下发的新文件: the plan change and the review arrive, the
    department's own edit made since the first issue stays."""
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.store import edits
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_task

    path = dept_file("jrj")
    window.open_file(path)
    form = window.pages["form"]
    task = form.lead_model.items[0]
    form.select_task(task.id)
    form.detail.percent.setValue(45)  # the unsent edit
    master = open_plan(demo_master)
    other = find_task(master, "3.6.2")
    edits.update_task(master, other.id, title="强化知识产权实务人才培养（新版）")
    dept = master.execute("SELECT id FROM departments WHERE code = 'jrj'").fetchone()[0]
    issued = issue_department_file(master, dept, tmp_path / "jrj-new.ipdesk")
    master.close()
    assert window.act_merge_issued.isEnabled()
    answers.open.append([str(issued)])
    window.act_merge_issued.trigger()
    qtbot.waitUntil(lambda: bool(answers.informed), timeout=20000)
    assert "已合并" in answers.informed[0] or "merged" in answers.informed[0]
    assert (
        one(path, "SELECT title FROM tasks WHERE id = ?", [other.id])
        == "强化知识产权实务人才培养（新版）"
    )
    assert (
        one(
            path,
            "SELECT percent FROM progress_reports WHERE task_id = ? AND department_id = ?"
            " AND period = '2025Q3'",
            [task.id, dept],
        )
        == 45.0
    )


def test_master_has_no_merge_issued_action(window, demo_master):
    window.open_file(demo_master)
    assert not window.act_merge_issued.isEnabled()


def test_a_damaged_file_that_opened_quickly_is_told_by_the_background_check(
    window, demo_master, qtbot
):
    """Opening a file IPDesk closed cleanly checks only its header and schema; the
    whole file is checked in the background, and damage found there is told."""
    import os
    import struct

    from ipdesk.store import health
    from ipdesk.store.files import open_plan

    open_plan(demo_master).close()  # closed cleanly: trusted on its next open
    info = demo_master.stat()
    data = bytearray(demo_master.read_bytes())
    page = struct.unpack(">H", bytes(data[16:18]))[0]
    last = len(data) // page - 1  # a page of rows, not of the schema
    for offset in range(page * last + 8, page * last + 400):
        data[offset] ^= 0xFF
    demo_master.write_bytes(bytes(data))
    os.utime(demo_master, ns=(info.st_atime_ns, info.st_mtime_ns))  # damage the stamp misses
    assert health.why_check(demo_master) is None
    assert window.open_file(demo_master)
    window.session.check_in_background(0)
    qtbot.waitUntil(lambda: bool(errors.open_dialogs()), timeout=10000)
    text = errors.open_dialogs()[-1].text()
    assert "损坏" in text and "demo.ipdesk" in text
    close_dialogs()


def test_started_with_a_file_the_window_shows_it_without_making_the_welcome_page(
    qtbot, settings, demo_master
):
    """`ipdesk FILE`: the window is shown, the file opened at once; the welcome page is
    not made (it is made on the event loop's first turn only when no file is open)."""
    from ipdesk.gui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_file(demo_master)
    qtbot.wait(50)
    assert win.welcome is None and win.stack.currentWidget() is win.workspace
    win.close_file()
    assert win.stack.currentWidget() is win.welcome is not None
