"""File → 由工作方案文件新建…: the plan document beside the plan as read, selection
both ways, corrections with undo, and the master made from the corrected plan."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from tests.core.helpers import ROOT, sha256
from tests.gui.helpers import one

SEED = ROOT / "tests" / "data" / "plan_document.docx"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def dialog(window, qtbot):
    window.new_from_document(str(SEED))
    d = window.reader_dialog
    qtbot.waitUntil(d.isVisible)
    yield d
    if d.isVisible():
        d.reject()


def code_of(d, kind, code):
    refs = d.plan.indicators if kind == "indicator" else d.plan.items
    return next(x for x in refs if x.code == code)


def choose(d, kind, code):
    d.tree.setCurrentItem(d.node(kind, code_of(d, kind, code).id))


def shown(d) -> str:
    text = d.plan.source.text
    return "".join(squeeze(text[a:b]) for a, b in d.highlighted)


def test_selecting_a_target_highlights_its_words_in_the_source(dialog):
    choose(dialog, "indicator", "2.6.1")
    assert shown(dialog) == "新增专利代理人、工程师、内审员等知识产权专业人才超过130人"
    assert dialog.tabs.currentIndex() == 1
    assert dialog.ind_comparator.currentData() == "gt" and dialog.ind_target.value() == 130


def test_clicking_the_source_selects_what_was_read_from_it(dialog):
    text = dialog.plan.source.text
    cursor = dialog.source_view.textCursor()
    cursor.setPosition(text.index("专利授权量累计达8500件") + 3)
    dialog.source_view.setTextCursor(cursor)
    assert dialog.selected() == ("indicator", code_of(dialog, "indicator", "2.2.1").id)
    cursor.setPosition(text.index("继续将知识产权工作纳入重要议事日程") + 5)
    dialog.source_view.setTextCursor(cursor)
    assert dialog.selected() == ("item", code_of(dialog, "item", "3.1.1.2").id)


def test_a_targets_comparator_is_corrected_and_undone(dialog, qtbot):
    choose(dialog, "indicator", "2.6.1")
    dialog.ind_comparator.setCurrentIndex(dialog.ind_comparator.findData("le"))
    dialog.ind_target.setValue(150)
    qtbot.mouseClick(
        dialog.findChild(type(dialog.undo_button), "saveIndicatorButton"), Qt.MouseButton.LeftButton
    )
    assert (
        code_of(dialog, "indicator", "2.6.1").comparator,
        code_of(dialog, "indicator", "2.6.1").target,
    ) == ("le", 150)
    assert dialog.node("indicator", code_of(dialog, "indicator", "2.6.1").id).text(3) == "≤ 150 人"
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert (
        code_of(dialog, "indicator", "2.6.1").comparator,
        code_of(dialog, "indicator", "2.6.1").target,
    ) == ("gt", 130)
    dialog.stack.redo()
    assert code_of(dialog, "indicator", "2.6.1").comparator == "le"


def test_split_and_join_a_task(dialog):
    choose(dialog, "item", "3.2.1")
    text = code_of(dialog, "item", "3.2.1").text
    cursor = dialog.text_edit.textCursor()
    cursor.setPosition(text.index("加强对高新技术企业"))
    dialog.text_edit.setTextCursor(cursor)
    dialog.findChild(type(dialog.undo_button), "splitButton").click()
    assert code_of(dialog, "item", "3.2.2").text.startswith("加强对高新技术企业")
    assert code_of(dialog, "item", "3.2.3").title == "大力培育高知名商标"
    choose(dialog, "item", "3.2.1")
    dialog.findChild(type(dialog.undo_button), "joinButton").click()
    assert code_of(dialog, "item", "3.2.1").text == text
    assert dialog.stack.count() == 2


def test_kind_and_level_are_changed(dialog):
    choose(dialog, "item", "5.4")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("task"))
    dialog.kind_combo.activated.emit(dialog.kind_combo.currentIndex())
    assert code_of(dialog, "item", "5.4").kind == "task"
    dialog.findChild(type(dialog.undo_button), "downButton").click()
    moved = next(i for i in dialog.plan.items if i.title == "营造良好氛围")
    assert moved.code == "5.3.1"


def test_corrected_plan_becomes_the_master(window, dialog, answers, tmp_path):
    choose(dialog, "item", "3.1.1")
    dialog.lead_edit.setText("区科技局")
    dialog.co_edit.setText("区财政局、区工业和信息化局")
    dialog.findChild(type(dialog.undo_button), "saveItemButton").click()
    choose(dialog, "item", "4.1")
    dialog.start_edit.setText("2023-10-15")
    dialog.findChild(type(dialog.undo_button), "saveItemButton").click()
    assert dialog.tabs.tabText(3) == "单位（3）" and dialog.tabs.tabText(2) == "未读（0）"
    target = tmp_path / "新计划.ipdesk"
    answers.save.append(str(target))
    dialog.findChild(type(dialog.undo_button), "createButton").click()
    assert window.session is not None and window.session.path == target
    assert one(target, "SELECT start_date FROM phases WHERE code = '4.1'") == "2023-10-15"
    lead = (
        "SELECT d.name FROM assignments a JOIN tasks t ON t.id = a.task_id"
        " JOIN departments d ON d.id = a.department_id WHERE t.code = '3.1.1' AND a.role = ?"
    )
    assert one(target, lead, ["lead"]) == "区科技局"
    assert one(target, "SELECT count(*) FROM indicators") == 25
    assert one(target, "SELECT count(*) FROM tasks") == 50


def test_carrying_on_from_the_previous_master_in_the_window(
    window, demo_master, answers, tmp_path, qtbot
):
    before = sha256(demo_master)
    window.new_from_document(str(ROOT / "tests" / "data" / "reader" / "next_plan.txt"))
    d = window.reader_dialog
    d.choose_previous(str(demo_master))
    target = tmp_path / "next.ipdesk"
    assert d.create_master(str(target))
    assert sha256(demo_master) == before
    assert one(target, "SELECT count(*) FROM previous_figures") == 2
    assert (
        one(target, "SELECT name FROM departments WHERE is_coordinator = 1")
        == "区市场监督管理局（区知识产权局）"
    )


def test_an_unreadable_file_is_refused_in_the_window(window, tmp_path, monkeypatch):
    from ipdesk.gui import errors

    shown_problems: list[str] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc: shown_problems.append(str(exc)))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    window.reader_dialog = None
    window.new_from_document(str(bad))
    assert window.reader_dialog is None
    assert "无法读取工作方案文件" in shown_problems[0]
