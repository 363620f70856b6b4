"""Ctrl+F on every page (issue 13): the page's own search box where it has one, else a
find box that keeps only the matching rows of the page's tables (the timeline: goes to
the first matching row); Esc shows every row again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTableView

from tests.gui.helpers import type_text
from tests.gui.test_department_form import open_form


def visible_rows(view: QTableView) -> list[int]:
    return [r for r in range(view.model().rowCount()) if not view.isRowHidden(r)]


def test_ctrl_f_works_on_every_page(window, demo_master, qtbot):
    window.open_file(demo_master)
    assert window.act_find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    for key in window.page_keys():
        window.show_page(key)
        assert window.act_find.isEnabled(), key
        window.act_find.trigger()
        focus = QApplication.focusWidget()
        assert focus is not None, key
        if key == "overview":
            assert focus is window.pages["overview"].search
        elif key == "plan":
            assert focus is window.pages["plan"].task_filter
        else:
            assert window.find_bar.isVisible() and focus is window.find_bar.edit, key


def test_the_find_box_keeps_the_matching_rows_and_esc_brings_all_back(window, dept_file, qtbot):
    form = open_form(window, dept_file("zscqj"))
    window.act_find.trigger()
    bar = window.find_bar
    type_text(bar.edit, "大力培育")
    shown = visible_rows(form.lead_view)
    assert shown and len(shown) < form.lead_model.rowCount()
    for row in shown:
        assert "大力培育" in form.lead_model.items[row].status.title
    assert "/" in bar.count.text()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert len(visible_rows(form.lead_view)) == form.lead_model.rowCount()


def test_on_the_timeline_find_goes_to_the_row(window, demo_master, qtbot):
    window.open_file(demo_master)
    window.show_page("timeline")
    timeline = window.pages["timeline"]
    qtbot.waitUntil(lambda: timeline.data is not None)
    window.act_find.trigger()
    type_text(window.find_bar.edit, "三（二）1")
    assert window.find_bar.count.text() == "已找到"
    row = next(r for r in timeline.data.rows if r.label == "三（二）1")
    assert timeline.view.selected_key == row.key
