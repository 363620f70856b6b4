"""The merge center's message goes with the files it speaks of (issue 13)."""

from __future__ import annotations

from tests.gui.test_merge_center import add_and_merge


def test_clearing_the_list_clears_the_message_about_it(qtbot, center, desk):  # noqa: F811
    add_and_merge(qtbot, center, desk)
    assert center.banner.isVisible() and center.banner.text()
    center.clear_files()
    assert not center.banner.isVisible()
