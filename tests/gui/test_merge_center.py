"""The merge center (汇总合并), driven as a coordinator would: department files
dropped or picked, their previews, 合并全部, the conflict decided with its buttons,
one import undone, reports approved and returned, a refused file, cancelling
between files and issuing every department's file — each checked against what the
master file then holds (a fresh connection, not the page's)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QProgressDialog, QPushButton

from tests.gui.helpers import one, query
from tests.gui.merge_desk import JRJ_TEXT, MASTER_TEXT, PERIOD, XCB_TEXT, Desk


def dragged(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cell(model: Any, row: int, column: str) -> str:
    return model.index(row, model.COLUMNS.index(column)).data()


def file_row(view: Any, path: Path) -> int:
    return next(n for n, e in enumerate(view.files.items) if e.path == path)


def wait_idle(qtbot: Any, view: Any) -> None:
    qtbot.waitUntil(view.is_idle, timeout=20000)


def add_and_merge(qtbot: Any, view: Any, desk: Desk) -> None:
    view.add_files([str(desk.xcb), str(desk.jrj)])
    wait_idle(qtbot, view)
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)


def dept(desk: Desk, code: str) -> str:
    return desk.ids[code]


def submission(desk: Desk, code: str, period: str = PERIOD) -> tuple | None:
    rows = query(
        desk.master,
        "SELECT state, reason FROM submissions WHERE department_id = ? AND period = ?"
        " AND deleted = 0",
        [dept(desk, code), period],
    )
    return rows[0] if rows else None


# ------------------------------------------------------------------ preview, merge, conflict


def test_preview_merge_and_resolve_the_conflict(qtbot, center, desk, answers):
    before = sha256(desk.master)
    answers.open.append([str(desk.xcb), str(desk.jrj)])
    qtbot.mouseClick(center.drop_zone.pick_button, Qt.MouseButton.LeftButton)
    assert [e.path for e in center.files.items] == [desk.xcb, desk.jrj]
    wait_idle(qtbot, center)

    # The preview, before anything is written. 区委宣传部: the 3.2.3 report and its
    # submission are new; its 5.4 report is quarantined (5.4 moved to 区知识产权局).
    # 区金融局: 4.2.5 is new; 3.3.2 exists in the master (the coordinator corrected its
    # text), so it is changed, with a conflict on that text.
    files = center.files
    xcb, jrj = file_row(center, desk.xcb), file_row(center, desk.jrj)
    assert [
        cell(files, xcb, c)
        for c in ("department", "result", "new", "changed", "conflicts", "quarantined")
    ] == ["区委宣传部", "可合并", "2", "0", "0", "1"]
    assert "五（四）" in cell(files, xcb, "notes") and "未分配给区委宣传部" in cell(
        files, xcb, "notes"
    )
    assert [
        cell(files, jrj, c)
        for c in ("department", "result", "new", "changed", "conflicts", "quarantined")
    ] == ["区金融局", "可合并", "1", "1", "1", "0"]
    assert center.merge_button.isEnabled() and "2 个文件" in center.merge_button.text()
    assert sha256(desk.master) == before, "a preview must not write to the master"
    assert desk.report("3.2.3", "xcb") is None

    with qtbot.waitSignal(center.session.changed, timeout=20000):
        qtbot.mouseClick(center.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)

    # What the master now holds, read with a fresh connection.
    assert desk.report("3.2.3", "xcb") == ("in_progress", 70.0, XCB_TEXT, 0)
    assert desk.report("5.4", "xcb") is None  # quarantined, not merged
    assert submission(desk, "xcb") == ("submitted", "")
    status, percent, progress, _deleted = desk.report("3.3.2", "jrj")
    assert percent == 55.0  # only 区金融局 changed the percent: merged without asking
    default = one(desk.master, "SELECT default_side FROM conflicts WHERE field = 'progress'")
    assert progress == (MASTER_TEXT if default == "master" else JRJ_TEXT)
    assert [cell(files, r, "result") for r in (xcb, jrj)] == ["已合并", "已合并"]
    assert "已合并 2 个文件" in center.banner.text()

    # The import log lists both files.
    logged = {
        r[0] for r in query(desk.master, "SELECT file_name FROM imports WHERE undone_at IS NULL")
    }
    assert logged == {desk.xcb.name, desk.jrj.name}
    assert {
        cell(center.imports.model, r, "file") for r in range(center.imports.model.rowCount())
    } == logged
    assert one(desk.master, "SELECT count(*) FROM quarantine") == 1
    assert center.quarantine.model.rowCount() == 1
    assert "五（四）" in cell(center.quarantine.model, 0, "what")

    # The conflict, side by side; the coordinator keeps the version that is not the default.
    assert center.tabs.tabText(1) == "冲突（1）"
    center.tabs.setCurrentWidget(center.conflicts)
    panel = center.conflicts
    assert panel.model.rowCount() == 1 and cell(panel.model, 0, "field") == "进展情况"
    assert panel.master_side.value.toPlainText() == MASTER_TEXT
    assert panel.incoming_side.value.toPlainText() == JRJ_TEXT
    assert (
        # the PC in words: its department and its number (no name was given to it)
        "区金融局 · 电脑" in panel.incoming_side.meta.text()
        and "-jrj" in panel.incoming_side.meta.text()
    )
    assert "本机" in panel.master_side.meta.text()  # the coordinator's own PC made that edit
    take = "incoming" if default == "master" else "master"
    button = panel.incoming_side.button if take == "incoming" else panel.master_side.button
    with qtbot.waitSignal(center.session.changed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert desk.report("3.3.2", "jrj")[2] == (JRJ_TEXT if take == "incoming" else MASTER_TEXT)
    assert one(desk.master, "SELECT resolved_side FROM conflicts") == take
    assert panel.model.rowCount() == 0 and panel.empty.isVisible()
    assert center.tabs.tabText(1) == "冲突"
    panel.show_resolved.setChecked(True)
    assert (
        panel.model.rowCount() == 1
        and "已采用" in panel.master_side.title.text() + panel.incoming_side.title.text()
    )
    assert not panel.master_side.button.isEnabled()


def test_merging_the_same_files_again_changes_nothing(qtbot, center, desk):
    add_and_merge(qtbot, center, desk)
    center.clear_files()
    after_first = sha256(desk.master)
    center.add_files([str(desk.jrj)])
    wait_idle(qtbot, center)
    assert cell(center.files, 0, "result") == "无需合并"
    assert "合并过" in cell(center.files, 0, "notes")
    assert not center.merge_button.isEnabled()
    assert sha256(desk.master) == after_first


# ------------------------------------------------------------------ refused


def test_a_refused_file_shows_why_and_changes_nothing(qtbot, center, desk):
    before = sha256(desk.master)
    # Dragged from the file manager (Qt delivers drag events only during a real drag,
    # so the test calls the page's handlers as Qt would).
    mime = dragged(desk.refused)
    enter = QDragEnterEvent(
        QPoint(200, 150),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    center.dragEnterEvent(enter)
    assert enter.isAccepted()
    center.dropEvent(
        QDropEvent(
            QPointF(200, 150),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert [e.path for e in center.files.items] == [desk.refused]
    wait_idle(qtbot, center)
    assert cell(center.files, 0, "result") == "拒收"
    assert "不是 IPDesk 文件" in cell(center.files, 0, "notes")
    assert not center.merge_button.isEnabled()
    assert "1 个文件被拒收" in center.files_hint.text()
    assert sha256(desk.master) == before
    assert one(desk.master, "SELECT count(*) FROM imports") == 0


# ------------------------------------------------------------------ undo


def test_undo_one_import_after_confirming(qtbot, center, desk, answers):
    add_and_merge(qtbot, center, desk)
    jrj_before = desk.report("3.3.2", "jrj")
    center.tabs.setCurrentWidget(center.imports)
    xcb_import = one(desk.master, "SELECT id FROM imports WHERE file_name = ?", [desk.xcb.name])
    assert center.imports.select(xcb_import)

    answers.confirm.append(False)  # the coordinator thinks again
    qtbot.mouseClick(center.imports.undo_button, Qt.MouseButton.LeftButton)
    assert one(desk.master, "SELECT undone_at FROM imports WHERE id = ?", [xcb_import]) is None
    assert desk.report("3.2.3", "xcb")[3] == 0

    answers.confirm.append(True)
    with qtbot.waitSignal(center.session.changed, timeout=20000):
        qtbot.mouseClick(center.imports.undo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    assert "撤销导入 #" in answers.asked[-1]
    # The rows that import created are tombstones now; the other import is untouched.
    assert desk.report("3.2.3", "xcb")[3] == 1
    assert submission(desk, "xcb") is None
    assert desk.report("3.3.2", "jrj") == jrj_before
    assert one(desk.master, "SELECT undone_at FROM imports WHERE id = ?", [xcb_import]) is not None
    row = next(
        r
        for r in range(center.imports.model.rowCount())
        if cell(center.imports.model, r, "id") == str(xcb_import)
    )
    assert cell(center.imports.model, row, "state").startswith("已撤销")
    assert not center.imports.undo_button.isEnabled()
    assert "已撤销导入" in center.banner.text()


# ------------------------------------------------------------------ review


def test_approve_and_return_reports(qtbot, center, desk, answers):
    add_and_merge(qtbot, center, desk)
    panel = center.review
    center.tabs.setCurrentWidget(panel)
    assert panel.chosen_period() == PERIOD
    assert panel.select(dept(desk, "xcb"))
    assert cell(panel.model, panel.table.currentIndex().row(), "state") == "已提交"
    assert panel.approve_button.isEnabled()

    with qtbot.waitSignal(center.session.changed):
        qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    assert submission(desk, "xcb") == ("approved", "")
    assert cell(panel.model, panel.table.currentIndex().row(), "state") == "审核通过"
    assert not panel.approve_button.isEnabled()

    # Returning asks for a reason; cancelling the question changes nothing.
    answers.text.append(None)
    qtbot.mouseClick(panel.return_button, Qt.MouseButton.LeftButton)
    assert submission(desk, "xcb") == ("approved", "")
    reason = "请补充宣传周活动的照片和媒体报道链接。"
    answers.text.append(reason)
    answers.confirm.append(False)  # no update file for now
    qtbot.mouseClick(panel.return_button, Qt.MouseButton.LeftButton)
    assert submission(desk, "xcb") == ("returned", reason)
    assert cell(panel.model, panel.table.currentIndex().row(), "reason") == reason
    assert reason in panel.detail.text()

    # Another period from the combo: the demo's 2025Q2 has reports waiting for review.
    waiting = query(
        desk.master,
        "SELECT department_id FROM submissions WHERE period = '2025Q2'"
        " AND state = 'submitted' AND deleted = 0",
    )
    panel.period.setCurrentIndex(panel.period.findData("2025Q2"))
    assert "待审核" in panel.period.currentText()
    assert panel.select(waiting[0][0])
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    assert (
        one(
            desk.master,
            "SELECT state FROM submissions WHERE period = '2025Q2' AND department_id = ?",
            [waiting[0][0]],
        )
        == "approved"
    )
    assert f"待审核 {len(waiting) - 1}" in panel.period.currentText()


# ------------------------------------------------------------------ cancel between files


def test_cancel_stops_between_files(qtbot, center, desk):
    center.add_files([str(desk.xcb), str(desk.jrj)])
    wait_idle(qtbot, center)
    # Hold the writer thread so the merge waits in line, then meet it at its first file.
    gate, at_first, go_on = threading.Event(), threading.Event(), threading.Event()
    center.session.jobs.start(lambda progress, cancel: gate.wait(10), writes=True)
    qtbot.mouseClick(center.merge_button, Qt.MouseButton.LeftButton)
    job = center.running_job

    def first_file(done: int, total: int, text: str) -> None:  # on the worker thread
        if done == 0 and total == 2:
            at_first.set()
            go_on.wait(10)

    job.signals.progress.connect(first_file, Qt.ConnectionType.DirectConnection)
    gate.set()
    qtbot.waitUntil(at_first.is_set, timeout=10000)
    dialog = center.findChild(QProgressDialog, "mergeProgress")
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    go_on.set()
    wait_idle(qtbot, center)

    # The file being merged when 取消 was pressed is merged; the next one is not.
    assert [r[0] for r in query(desk.master, "SELECT file_name FROM imports")] == [desk.xcb.name]
    assert cell(center.files, 0, "result") == "已合并"
    assert cell(center.files, 1, "result") == "未合并（已取消）"
    assert "已取消" in center.banner.text()
    assert desk.report("4.2.5", "jrj") is None
    # It can be merged later.
    assert center.merge_button.isEnabled()
    qtbot.mouseClick(center.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    assert desk.report("4.2.5", "jrj") is not None


# ------------------------------------------------------------------ issue


@pytest.mark.slow
def test_issue_files_for_all_departments(qtbot, center, desk, tmp_path, monkeypatch):
    from ipdesk.gui.dialogs import review_views
    from ipdesk.gui.views import merge_center

    out = tmp_path / "下发"
    monkeypatch.setattr(merge_center, "choose_folder", lambda parent, title, folder: str(out))
    # The department list opens with every department ticked; OK issues them all.
    monkeypatch.setattr(
        review_views,
        "choose_departments",
        lambda departments, parent: review_views.IssueDialog(departments, None, parent).chosen(),
    )
    qtbot.mouseClick(center.issue_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    expected = {
        r[0]
        for r in query(
            desk.master, "SELECT id FROM departments WHERE deleted = 0 AND is_coordinator = 0"
        )
    }
    made = sorted(out.glob("*.ipdesk"))
    assert len(made) == len(expected)
    assert {one(p, "SELECT department_id FROM file_meta") for p in made} == expected
    assert {one(p, "SELECT role FROM file_meta") for p in made} == {"department"}
    assert f"已为 {len(expected)} 个单位生成部门文件" in center.banner.text()


# ------------------------------------------------------------------ models and the window


def test_models_pass_the_model_tester(qtbot, qtmodeltester, center, desk):
    add_and_merge(qtbot, center, desk)
    center.add_files([str(desk.refused)])
    wait_idle(qtbot, center)
    models = [
        center.files,
        center.imports.model,
        center.conflicts.model,
        center.quarantine.model,
        center.review.model,
    ]
    for model in models:
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model, force_py=True)


def test_the_window_embeds_the_page(qtbot, window, desk):
    from ipdesk.gui.views.merge_center import MergeCenter

    assert window.open_file(desk.master)
    window.show_page("merge")
    page = window.pages["merge"]
    assert isinstance(page, MergeCenter) and page.path == desk.master
    assert page.session is window.session  # the window's one writer thread
    # Files dropped on the window while the page is shown go to the page.
    mime = dragged(desk.jrj)  # kept: the event does not own it
    window.dropEvent(
        QDropEvent(
            QPointF(600, 400),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    wait_idle(qtbot, page)
    assert [e.path for e in page.files.items] == [desk.jrj]
    with qtbot.waitSignal(window.session.changed, timeout=20000):
        qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, page)
    # The overview, built before, reads the merged rows when it is shown next.
    overview = window.pages["overview"]
    before = overview.data
    window.show_page("overview")
    assert overview.data is not before
    assert desk.report("4.2.5", "jrj") is not None


def test_undo_keeps_a_later_edit_and_offers_the_old_value(qtbot, center, desk, answers):
    from ipdesk.store import edits
    from tests.merge.helpers import edit

    add_and_merge(qtbot, center, desk)
    assert desk.report("3.3.2", "jrj")[1] == 55.0  # 区金融局's percent, merged
    # The coordinator changes it again after the import …
    edit(
        desk.master,
        "coordinator-pc",
        lambda db: edits.save_report(db, desk.ids["3.3.2"], desk.ids["jrj"], PERIOD, percent=60),
    )
    center.refresh()
    jrj_import = one(desk.master, "SELECT id FROM imports WHERE file_name = ?", [desk.jrj.name])
    assert center.imports.select(jrj_import)
    answers.confirm.append(True)
    qtbot.mouseClick(center.imports.undo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    # … so undoing that import keeps 60 and offers the value from before the import.
    assert desk.report("3.3.2", "jrj")[1] == 60.0
    assert desk.report("4.2.5", "jrj")[3] == 1  # the row the import created is gone
    panel = center.conflicts
    rows = [n for n in range(panel.model.rowCount()) if panel.model.item(n).origin == "undo"]
    assert len(rows) == 1
    assert select_row(panel, rows[0])
    assert panel.incoming_side.title.text() == "导入前的值"
    assert panel.incoming_side.button.text() == "恢复导入前的值"
    assert panel.master_side.value.toPlainText() == "60%"
    qtbot.mouseClick(panel.incoming_side.button, Qt.MouseButton.LeftButton)
    assert desk.report("3.3.2", "jrj")[1] is None  # no percent before 区金融局's file


def select_row(panel: Any, row: int) -> bool:
    from ipdesk.gui.views.merge_center_panels import select_id

    return select_id(panel.table, panel.model, panel.model.item(row).id)


def test_a_dropped_folder_adds_its_department_files(qtbot, center, desk):
    center.add_files([str(desk.folder)])
    expected = sorted(p for p in desk.folder.glob("*.ipdesk") if p != desk.master)
    assert sorted(e.path for e in center.files.items) == expected
    assert "不能把总表合并到它自己" in center.banner.text()  # the master in that folder is left out
    center.add_files([str(desk.jrj)])
    assert len(center.files.items) == len(expected)
    assert "没有新的文件" in center.banner.text()
    wait_idle(qtbot, center)
    # The issued files were filled in since: working copies, not files made to be sent.
    issued = [e for e in center.files.items if e.path.name.startswith("下发-")]
    assert issued and all(e.result == "refused" for e in issued)
    assert all("报送文件" in cell(center.files, center.files.row_of(e), "notes") for e in issued)
