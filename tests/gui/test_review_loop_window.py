"""The coordinator's review loop in the window (issue #12), driven as a coordinator
and a liaison officer would: 重新导入 beside 撤销, the backups (listed, opened
read-only, restored), a draft exported only after a question, departments issued by
checkbox, a returned report's update file and its reason in the form, the preview
row by row, double-clicks that open a file, a unit's period and a task read-only,
conflicts in bulk with undo, and the PC's name set in 设置 — each checked against
the files (a fresh connection, not the window's)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.gui.helpers import one, query
from tests.gui.merge_desk import JRJ_TEXT, MASTER_TEXT, PERIOD
from tests.merge.helpers import COORDINATOR_PC, edit, send


def wait_idle(qtbot: Any, view: Any) -> None:
    qtbot.waitUntil(view.is_idle, timeout=20000)


def add(qtbot: Any, view: Any, *paths: Path) -> None:
    view.add_files([str(p) for p in paths])
    wait_idle(qtbot, view)


def merge(qtbot: Any, view: Any, *paths: Path) -> None:
    add(qtbot, view, *paths)
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)


def cell(model: Any, row: int, column: str) -> str:
    return model.index(row, model.COLUMNS.index(column)).data()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def department_rows(path: Path) -> list[tuple]:
    return query(
        path,
        "SELECT task_id, department_id, period, status, percent, progress, problems,"
        " next_steps, deleted FROM progress_reports WHERE period = ? ORDER BY id",
        [PERIOD],
    )


# ------------------------------------------------------------------ 1. the import log and backups


def test_reimport_beside_undo_puts_the_file_back_as_if_never_undone(
    qtbot, center, desk, answers, tmp_path
):
    import shutil

    from ipdesk.merge.engine import merge_files

    once = tmp_path / "once.ipdesk"
    shutil.copyfile(desk.master, once)
    merge_files(once, [desk.xcb])

    merge(qtbot, center, desk.xcb)
    center.tabs.setCurrentWidget(center.imports)
    imported = one(desk.master, "SELECT id FROM imports")
    assert center.imports.select(imported)
    assert center.imports.undo_button.isEnabled()
    assert not center.imports.reimport_button.isEnabled()  # only an undone import
    qtbot.mouseClick(center.imports.undo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    assert desk.report("3.2.3", "xcb")[3] == 1  # undone: a tombstone

    assert center.imports.select(imported)
    assert center.imports.reimport_button.isEnabled()
    assert not center.imports.undo_button.isEnabled()
    answers.confirm.append(False)  # thinks again: nothing happens
    qtbot.mouseClick(center.imports.reimport_button, Qt.MouseButton.LeftButton)
    assert one(desk.master, "SELECT count(*) FROM imports") == 1
    qtbot.mouseClick(center.imports.reimport_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    assert "重新导入 #" in answers.asked[-1]
    # The master holds what merging the file once gives; the undo's record stays.
    assert department_rows(desk.master) == department_rows(once)
    log = query(desk.master, "SELECT id, file_name, undone_at IS NOT NULL FROM imports ORDER BY id")
    assert [(name, undone) for _, name, undone in log] == [
        (desk.xcb.name, 1),
        (desk.xcb.name, 0),
    ]
    assert "已重新导入" in center.banner.text()
    assert center.imports.current()["id"] == log[-1][0]


def test_backups_listed_opened_read_only_and_restored_from_the_window(
    qtbot, window, desk, answers, monkeypatch
):
    from ipdesk.gui.dialogs.review_views import BackupsDialog, TaskViewDialog

    assert window.open_file(desk.master)
    window.show_page("merge")
    page = window.pages["merge"]
    merge(qtbot, page, desk.xcb, desk.jrj)
    assert one(desk.master, "SELECT count(*) FROM imports") == 2
    merged = sha256(desk.master)

    qtbot.mouseClick(page.backups_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(BackupsDialog)
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    assert model.rowCount() == 1  # the merge's one backup, before the first file
    assert cell(model, 0, "why") == "合并前"
    made = model.item(0).made
    assert cell(model, 0, "made") == made.strftime("%Y-%m-%d %H:%M:%S")  # local time
    assert cell(model, 0, "size").endswith(("KB", "MB"))

    # Opened read-only: the whole window on the backup, every page, a banner saying so;
    # every edit is refused in words and nothing changes.
    from ipdesk.gui import errors
    from ipdesk.gui.main_window import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc, *a: shown.append(str(exc)))
    backup = model.item(0).path
    before = sha256(backup)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    [other] = window.backup_windows
    assert isinstance(other, MainWindow) and other.isVisible()
    assert other.session is not None and other.session.read_only
    assert other.session.path == backup
    assert not other.read_only_banner.isHidden()
    assert "只读" in other.read_only_label.text() and "备份" in other.read_only_label.text()
    assert "只读" in other.windowTitle()
    assert not other.restore_button.isHidden()
    for key in ("form", "overview", "timeline", "indicators", "merge", "plan"):
        other.show_page(key)
        assert other.current_key() == key
    other.show_task(desk.ids["3.2.3"])
    task = other.findChildren(TaskViewDialog)[-1]
    # Before the merge, 区委宣传部 had not reported 3.2.3 for 2025Q3.
    assert not [r for r in task.view.reports if r.period == PERIOD and r.department == "区委宣传部"]
    task.close()
    # The department form offers nothing to type into: a backup is looked at, not edited.
    form = other.pages["form"]
    other.show_department(desk.ids["xcb"])
    assert not form.editable() and not form.detail.percent.isEnabled()
    backup_center = other.pages["merge"]
    assert not backup_center.merge_button.isEnabled()
    assert not backup_center.issue_button.isEnabled()
    assert not backup_center.drop_zone.pick_button.isEnabled()
    backup_center.add_files([str(desk.xcb)])
    assert not backup_center.files.items and "只读" in backup_center.banner.text()
    # A write from any page (here the review of a report) is refused in words.
    from ipdesk.gui import operations

    assert not other.session.run(
        operations.review(
            other.session, desk.ids["xcb"], PERIOD, approve=True, reason="", before=None
        )
    )
    assert shown and "只读" in shown[-1]
    other.close()
    assert sha256(backup) == before
    assert sha256(desk.master) == merged

    # Restore it as the master, after the question.
    answers.confirm.append(False)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert sha256(desk.master) == merged
    answers.confirm.append(True)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.informed), timeout=10000)
    assert "已用备份" in answers.informed[-1]
    assert one(desk.master, "SELECT count(*) FROM imports") == 0
    assert desk.report("3.2.3", "xcb") is None
    # The master as it was went to the backups first: restoring can be taken back.
    from ipdesk.merge.backups import list_backups

    kinds = sorted(b.label for b in list_backups(desk.master))
    assert kinds == ["before-merge", "before-restore"]
    assert window.session is not None and window.session.path == desk.master
    assert window.current_key() == "overview"


# ------------------------------------------------------------------ 2. a draft is a draft


def test_exporting_an_unsubmitted_period_asks_first_and_the_merge_says_draft(
    qtbot, window, dept_file, answers, tmp_path
):
    from ipdesk.store import edits
    from tests.gui.helpers import make_department_file  # noqa: F401 (the fixture uses it)

    path = dept_file("jrj")
    dept = one(path, "SELECT id FROM departments WHERE code = 'jrj'")
    task = one(path, "SELECT id FROM tasks WHERE code = '3.3.2'")
    edit(
        path,
        "pc-jrj",
        lambda db: edits.save_report(db, task, dept, PERIOD, status="in_progress", percent=40),
    )
    assert window.open_file(path)
    window.show_page("form")
    form = window.pages["form"]
    out = tmp_path / "草稿.ipdesk"
    answers.confirm.append(False)
    form.send()
    assert "2025年第三季度 还没有提交" in answers.asked[-1]
    assert not out.exists()  # asked before anything: no file, no save dialog
    answers.confirm.append(True)
    answers.save.append(str(out))
    form.send()
    qtbot.waitUntil(out.exists, timeout=10000)
    qtbot.waitUntil(lambda: not window.session.jobs.running, timeout=10000)

    # At the master, the file is a draft in words (the preview and the import log).
    from ipdesk.merge.engine import preview

    report = preview(Path(str(path).replace("jrj.ipdesk", "demo.ipdesk")), out)
    assert report.drafts == [PERIOD]


def test_the_preview_says_draft_in_words(qtbot, center, desk):
    add(qtbot, center, desk.jrj)  # 区金融局 did not submit 2025Q3
    notes = cell(center.files, 0, "notes")
    assert "草稿（未提交）：2025年第三季度" in notes
    assert all("草稿（未提交）" in center.rows.model.mark(r) for r in center.rows.model.items)


# ------------------------------------------------------------------ 3. one department at a time


def test_issue_two_chosen_departments_only(qtbot, center, desk, tmp_path, monkeypatch):
    from ipdesk.gui.dialogs import review_views
    from ipdesk.gui.views import merge_center

    out = tmp_path / "下发"
    monkeypatch.setattr(merge_center, "choose_folder", lambda parent, title, folder: str(out))
    seen: dict[str, Any] = {}

    def choose(departments: list[Any], parent: Any) -> list[str]:
        dialog = review_views.IssueDialog(departments, None, parent)
        seen["all"] = len(dialog.chosen())
        qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
        assert dialog.chosen() == [] and not dialog.ok.isEnabled()
        dialog.search.setText("金融")
        visible = [i for i in dialog.items() if not i.isHidden()]
        assert [i.text() for i in visible] == ["区金融局"] or all(
            "金融" in i.text() for i in visible
        )
        qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)  # the visible ones
        dialog.search.setText("宣传")
        for item in dialog.items():
            if not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked)
        dialog.search.clear()
        seen["ok"] = dialog.ok.text()
        return dialog.chosen()

    monkeypatch.setattr(review_views, "choose_departments", choose)
    qtbot.mouseClick(center.issue_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    every = one(
        desk.master, "SELECT count(*) FROM departments WHERE deleted = 0 AND is_coordinator = 0"
    )
    assert seen["all"] == every  # all ticked to begin with
    assert seen["ok"] == "下发所选单位（2）…"
    made = sorted(out.glob("*.ipdesk"))
    assert {one(p, "SELECT department_id FROM file_meta") for p in made} == {
        desk.ids["jrj"],
        desk.ids["xcb"],
    }
    assert "已为 2 个单位生成部门文件" in center.banner.text()


def test_return_makes_the_update_file_and_the_form_shows_the_reason_once(
    qtbot, center, desk, answers, tmp_path, monkeypatch, window
):
    from ipdesk.gui.views import merge_center

    merge(qtbot, center, desk.xcb)
    out = tmp_path / "更新"
    monkeypatch.setattr(merge_center, "choose_folder", lambda parent, title, folder: str(out))
    panel = center.review
    center.tabs.setCurrentWidget(panel)
    assert panel.select(desk.ids["xcb"])
    reason = "请补充宣传周活动的照片。"
    answers.text.append(reason)
    answers.confirm.append(True)  # make the update file now
    qtbot.mouseClick(panel.return_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, center)
    assert "生成更新文件" in answers.asked[-1]
    [made] = list(out.glob("*.ipdesk"))
    assert one(made, "SELECT department_id FROM file_meta") == desk.ids["xcb"]
    # A small update file: the review and the plan, none of anyone's reports, no key.
    assert "更新" in made.name
    assert one(made, "SELECT count(*) FROM progress_reports") == 0
    assert one(made, "SELECT key_id FROM file_meta") is None
    assert "已生成更新文件" in center.banner.text()

    # Opened as a file to work in, it is refused in words: it is merged, not opened.
    from ipdesk.gui import errors

    shown: list[str] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc, *a: shown.append(str(exc)))
    update_bytes = sha256(made)
    assert not window.open_file(made)
    assert shown and "更新文件" in shown[-1] and "合并协调员下发的新文件" in shown[-1]
    assert sha256(made) == update_bytes

    # The liaison merges it into the file they work in, with one action; their own
    # rows stay as they were.
    working = desk.folder / "下发-xcb.ipdesk"
    own = (
        "SELECT group_concat(id || percent || progress || hlc) FROM progress_reports"
        f" WHERE department_id = '{desk.ids['xcb']}'"
    )
    own_before = one(working, own)
    assert window.open_file(working)
    window.merge_issued_file(str(made))
    qtbot.waitUntil(lambda: bool(answers.informed), timeout=20000)
    window.show_page("form")
    form = window.pages["form"]
    form.refresh()
    banner = form.banner.text()
    assert "已退回" in banner and "请补充宣传周活动的照片" in banner
    assert "。。" not in banner
    assert one(working, own) == own_before


# ------------------------------------------------------------------ 4. see before you take


def test_the_preview_lists_each_row_with_conflicts_quarantine_and_a_filter(qtbot, center, desk):
    from ipdesk.gui.views.merge_preview import FilePreviewDialog

    add(qtbot, center, desk.xcb, desk.jrj)
    center.files_table.selectRow(1)  # 区金融局
    rows = center.rows
    shown = [
        (cell(rows.model, n, "what"), cell(rows.model, n, "field"), cell(rows.model, n, "mark"))
        for n in range(rows.model.rowCount())
    ]
    assert ("进展报告 三（三）2", "进展情况", "冲突 · 草稿（未提交）") in shown
    assert ("进展报告 三（三）2", "完成百分比", "修改 · 草稿（未提交）") in shown
    assert any(w == "进展报告 四（二）5" and m.startswith("新增") for w, _, m in shown)
    conflict = next(
        n for n in range(rows.model.rowCount()) if cell(rows.model, n, "mark").startswith("冲突")
    )
    assert cell(rows.model, conflict, "old") == MASTER_TEXT
    assert cell(rows.model, conflict, "new") == JRJ_TEXT
    assert not any(cell(rows.model, n, "field").endswith("_id") for n in range(len(shown)))
    assert (
        "冲突 1" in rows.summary.text() and "草稿（未提交）：2025年第三季度" in rows.summary.text()
    )

    rows.search.setText("冲突")
    assert [r["field"] for r in rows.shown_rows()] == ["progress"]
    assert "筛选后显示 1 项" in rows.summary.text()
    rows.search.clear()

    center.files_table.selectRow(0)  # 区委宣传部: 5.4 is not its task any more
    marks = [cell(rows.model, n, "mark") for n in range(rows.model.rowCount())]
    assert "隔离（不合并）" in marks and all("草稿" not in m for m in marks)

    # A double-click on a file opens what it brings in a window of its own.
    index = center.files.index(1, 0)
    center.files_table.doubleClicked.emit(index)
    dialog = center.findChild(FilePreviewDialog)
    assert dialog is not None and dialog.isVisible()
    assert "区金融局" in dialog.windowTitle()
    assert dialog.rows.model.rowCount() == len(shown)
    dialog.close()


def test_double_click_a_unit_opens_its_reports_with_approve_at_hand(qtbot, center, desk, answers):
    from ipdesk.gui.dialogs.review_views import UnitReviewDialog

    merge(qtbot, center, desk.xcb, desk.jrj)
    panel = center.review
    center.tabs.setCurrentWidget(panel)
    row = next(
        n
        for n in range(panel.model.rowCount())
        if panel.model.item(n).department_id == desk.ids["xcb"]
    )
    panel.table.doubleClicked.emit(panel.model.index(row, 0))
    dialog = center.findChild(UnitReviewDialog)
    assert dialog is not None and dialog.isVisible()
    assert "区委宣传部" in dialog.title.text() and "2025年第三季度" in dialog.title.text()
    assert "已提交" in dialog.banner.text()
    reported = [t for t in dialog.tasks.items if t.report is not None]
    assert [t.status.code for t in reported] == ["3.2.3"]
    dialog.table.selectRow(dialog.tasks.items.index(reported[0]))
    assert "开展知识产权宣传周活动12场" in dialog.detail.toPlainText()
    assert dialog.approve_button.isEnabled()

    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert (
        one(
            desk.master,
            "SELECT state FROM submissions WHERE department_id = ? AND period = ?",
            [desk.ids["xcb"], PERIOD],
        )
        == "approved"
    )
    assert "审核通过" in dialog.banner.text()  # the view read the file again
    assert not dialog.approve_button.isEnabled() and dialog.return_button.isEnabled()
    # 撤销 takes the review back, as from the review tab.
    center.session.undo_stack.undo()
    assert (
        one(
            desk.master,
            "SELECT state FROM submissions WHERE department_id = ? AND period = ?",
            [desk.ids["xcb"], PERIOD],
        )
        == "submitted"
    )


def test_double_click_a_task_in_the_overview_opens_it_read_only(qtbot, window, desk):
    from ipdesk.gui.dialogs.review_views import TaskViewDialog
    from ipdesk.gui.dialogs.task_editor import TaskEditor
    from ipdesk.merge.engine import merge_files

    merge_files(desk.master, [desk.jrj])
    assert window.open_file(desk.master)
    window.show_page("overview")
    ov = window.pages["overview"]
    ov.search.setText("3.3.2")
    ov.apply_filter()
    row = next(n for n, r in enumerate(ov.model.visible) if r.code == "三（三）2")
    before = sha256(desk.master)
    ov.table.doubleClicked.emit(ov.model.index(row, 1))
    assert not window.findChildren(TaskEditor)  # the plan is edited in 计划设置 only
    view = window.findChildren(TaskViewDialog)[-1]
    assert view.task_id == desk.ids["3.3.2"]
    assert view.title.text().startswith("三（三）2")
    # Every department's reports by period …
    reports = {(r.period, r.department) for r in view.view.reports}
    assert (PERIOD, "区金融局") in reports and ("2025Q2", "区金融局") in reports
    assert view.reports.rowCount() == len(view.view.reports)
    # … and the history of each field: who, which PC, when (local time).
    history = view.history
    texts = [
        (cell(history, n, "pc"), cell(history, n, "field"), cell(history, n, "new"))
        for n in range(history.rowCount())
    ]
    assert any(pc.startswith("区金融局") and f == "完成百分比" and v == "55%" for pc, f, v in texts)
    assert any(pc == "本机" and f == "进展情况" for pc, f, _ in texts)  # the coordinator
    when = view.view.history[0].when
    assert cell(history, 0, "when") == when.strftime("%Y-%m-%d %H:%M")
    assert when.utcoffset() == when.astimezone().utcoffset()
    # Read only: nothing to type into, and nothing written.
    assert view.findChild(type(view), "") is None
    assert all(t.editTriggers() == t.EditTrigger.NoEditTriggers for t in (view.reports_table,))
    # In English the history's words are English: the kind of row, the field, the value.
    from ipdesk.gui import i18n

    try:
        assert i18n.install("en")
        english = [
            (cell(history, n, "what"), cell(history, n, "field"), cell(history, n, "pc"))
            for n in range(history.rowCount())
        ]
        assert any(w.startswith("Progress report · 区金融局") for w, _, _ in english)
        assert not any(w.startswith("进展报告") for w, _, _ in english)
        assert any(f == "% done" for _, f, _ in english) and any(
            p == "This PC" for *_, p in english
        )
    finally:
        i18n.install("zh")
    assert cell(history, 0, "what").startswith(("进展报告", "里程碑", "任务", "分工", "佐证"))
    view.close()
    assert sha256(desk.master) == before


# ------------------------------------------------------------------ 5. conflicts in bulk, PC names


def test_all_of_a_files_conflicts_at_once_and_undo_opens_them_again(
    qtbot, center, desk, answers, monkeypatch
):
    from ipdesk.store import edits

    # 区金融局 sends again from a PC its user named, after the coordinator also
    # corrected 问题 of the same report: two conflicts in one file.
    issued = desk.folder / "下发-jrj.ipdesk"
    named = send(
        issued,
        desk.folder / "区金融局-再次报送.ipdesk",
        "pc-jrj",
        IPDESK_SITE_NAME="张敏的电脑",
    )
    edit(
        desk.master,
        COORDINATOR_PC,
        lambda db: edits.save_report(
            db, desk.ids["3.3.2"], desk.ids["jrj"], PERIOD, problems="协调员：评估机构不足。"
        ),
    )
    merge(qtbot, center, named)
    panel = center.conflicts
    center.tabs.setCurrentWidget(panel)
    assert panel.model.rowCount() == 2
    assert panel.incoming_side.meta.text().startswith("区金融局 · 张敏的电脑 · ")
    assert panel.master_side.meta.text().startswith("本机 · ")
    assert "+00:00" not in panel.incoming_side.meta.text() and "T" not in cell(
        panel.model, 0, "time"
    )
    assert "此文件" in panel.scope.currentText()
    assert "2 处" in panel.bulk_label.text()

    answers.confirm.append(True)
    with qtbot.waitSignal(center.session.changed):
        qtbot.mouseClick(panel.all_incoming, Qt.MouseButton.LeftButton)
    assert "2 处冲突" in answers.asked[-1]
    assert query(desk.master, "SELECT DISTINCT resolved_side FROM conflicts") == [("incoming",)]
    assert desk.report("3.3.2", "jrj")[2] == JRJ_TEXT
    assert panel.model.rowCount() == 0

    # One Ctrl+Z opens both again with the values they had.
    center.session.undo_stack.undo()
    assert one(desk.master, "SELECT count(*) FROM conflicts WHERE resolved_side IS NULL") == 2
    assert desk.report("3.3.2", "jrj")[2] == MASTER_TEXT
    assert panel.model.rowCount() == 2

    # All of the department's, from the master this time.
    panel.scope.setCurrentIndex(panel.scope.findData("department"))
    assert "区金融局" in panel.bulk_label.text()
    answers.confirm.append(True)
    qtbot.mouseClick(panel.all_master, Qt.MouseButton.LeftButton)
    assert query(desk.master, "SELECT DISTINCT resolved_side FROM conflicts") == [("master",)]


def test_this_pcs_name_is_set_in_settings(qtbot, window, monkeypatch, tmp_path):
    from ipdesk.gui.dialogs.settings_dialog import SettingsDialog
    from ipdesk.gui.models.merge_center_models import pc_label
    from ipdesk.store import clock

    monkeypatch.delenv("IPDESK_SITE_NAME", raising=False)
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "pc"))
    dialog = SettingsDialog(window.settings, window)
    assert dialog.site_name.text() == ""
    dialog.site_name.setText("协调员办公室")
    dialog.accept()
    assert clock.site_name() == "协调员办公室"
    assert pc_label(clock.site_id()) == "本机 · 协调员办公室"
    assert SettingsDialog(window.settings, window).site_name.text() == "协调员办公室"


def test_a_backup_window_restores_itself_as_the_master_from_its_banner(
    qtbot, window, desk, answers
):
    from ipdesk.merge.backups import list_backups

    assert window.open_file(desk.master)
    window.show_page("merge")
    merge(qtbot, window.pages["merge"], desk.xcb)
    [backup] = list_backups(desk.master)
    other = window.open_backup(str(backup.path))
    assert other is not None and other.session is not None and other.session.read_only
    answers.confirm.append(False)  # asked first: no, nothing happens
    qtbot.mouseClick(other.restore_button, Qt.MouseButton.LeftButton)
    assert one(desk.master, "SELECT count(*) FROM imports") == 1
    answers.confirm.append(True)
    qtbot.mouseClick(other.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.informed), timeout=10000)
    assert "已用备份" in answers.informed[-1]
    assert one(desk.master, "SELECT count(*) FROM imports") == 0
    assert window.session is not None and window.session.path == desk.master
    assert not window.session.read_only
