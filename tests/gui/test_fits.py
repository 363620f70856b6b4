"""Fits a small screen and the language (issue 13): at 1366×768 the department's task
list shows at least 8 rows; the overview needs no sideways scrolling, in Chinese and
in English; splitters are put back where the user left them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from ipdesk.gui import i18n
from tests.gui.test_department_form import open_form

LAPTOP = (1366, 728)  # 1366×768 less the task bar


def rows_shown(view: Any) -> int:
    return view.viewport().height() // view.verticalHeader().defaultSectionSize()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def test_the_task_list_shows_eight_rows_on_a_laptop(window, dept_file):
    window.resize(*LAPTOP)
    form = open_form(window, dept_file("zscqj"))
    settle()
    assert rows_shown(form.lead_view) >= 8


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_overview_fits_the_laptops_width(window, demo_master, language):
    i18n.install(language)
    try:
        window.resize(*LAPTOP)
        window.open_file(demo_master)
        window.show_page("overview")
        settle()
        overview = window.pages["overview"]
        assert not overview.table.horizontalScrollBar().isVisible()
        assert rows_shown(overview.table) >= 8
    finally:
        i18n.install("zh")


def test_splitters_are_remembered(window, demo_master, settings):
    from ipdesk.gui.main_window import MainWindow

    window.open_file(demo_master)
    for key in ("timeline", "indicators"):
        window.show_page(key)
    settle()
    timeline = window.pages["timeline"]
    timeline.splitter.setSizes([200, 1100])
    settle()
    wanted = timeline.splitter.sizes()
    window.save_layout()
    window.close_file()

    again = MainWindow(settings)
    again.resize(window.size())
    again.show()
    try:
        again.open_file(demo_master)
        again.show_page("timeline")
        settle()
        assert again.pages["timeline"].splitter.sizes() == wanted
    finally:
        again.close_file()
        again.close()


def test_the_reports_list_under_the_overview_shows_several_departments(window, demo_master):
    window.resize(*LAPTOP)
    window.open_file(demo_master)
    window.show_page("overview")
    settle()
    overview = window.pages["overview"]
    views = [v for v in overview.completeness_box.findChildren(type(overview.table))]
    assert views and rows_shown(views[0]) >= 4
