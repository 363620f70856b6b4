"""Every string of the window has its English, and the committed .ts/.qm are current
(scripts/update_translations)."""

from __future__ import annotations

import shutil

from ipdesk.gui import translations
from ipdesk.paths import app_root


def test_every_string_has_its_english(tmp_path):
    ts = tmp_path / "ipdesk_en.ts"
    shutil.copyfile(app_root() / translations.TS, ts)
    translations.lupdate(ts)  # picks up strings added to the sources since
    found = translations.messages(ts)
    # lupdate's same-text heuristic can copy the Chinese over as the "translation".
    missing = [
        f"[{c}] {s}"
        for (c, s), english in found.items()
        if english is None or any("\u4e00" <= ch <= "\u9fff" for ch in english)
    ]
    assert len(found) > 300
    assert not missing, "run scripts/update_translations and fill the English of: " + "; ".join(
        missing[:20]
    )
    committed = translations.messages(app_root() / translations.TS)
    assert set(found) == set(committed), (
        "resources/i18n/ipdesk_en.ts is out of date: run scripts/update_translations"
    )


def test_compiled_qm_is_current(tmp_path):
    qm = tmp_path / "ipdesk_en.qm"
    translations.lrelease(app_root() / translations.TS, qm)
    assert qm.read_bytes() == (app_root() / translations.QM).read_bytes()


def test_english_is_loaded_and_chinese_is_the_source(qapp):
    from PySide6.QtCore import QCoreApplication

    from ipdesk.gui import i18n

    try:
        assert i18n.install("en")
        assert QCoreApplication.translate("MainWindow", "全区总览") == "District overview"
        assert i18n.pick("红", "Red") == "Red"
        assert i18n.period_label("2025Q2") == "2025 Q2"
    finally:
        i18n.install("zh")
    assert QCoreApplication.translate("MainWindow", "全区总览") == "全区总览"
    assert i18n.light_text("yellow") == "▲ 黄·预警"


def test_sources_cover_the_other_views_too():
    names = {p.name for p in translations.sources()}
    assert {"main_window.py", "department_form.py", "welcome.ui"} <= names
    assert not any(p.name.startswith("ui_") for p in translations.sources())


def test_qts_own_dialogs_speak_chinese_from_the_bundled_translation():
    from PySide6.QtCore import QCoreApplication

    from ipdesk.gui import i18n
    from ipdesk.paths import data_path

    assert data_path("resources", "i18n", "qtbase_zh_CN.qm").is_file()  # bundled
    i18n.install("zh")
    # The file dialog's own labels ("Look in", "Files of type") in Chinese.
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"
    assert QCoreApplication.translate("QPrintDialog", "Print") != "Print"


def test_numbers_read_as_written_with_and_without_decimals():
    from ipdesk.gui import i18n

    # A rounded percent keeps its zeros: 119.6 % shown without decimals is 120, not 12.
    assert i18n.number(119.6, 0) == "120"
    assert i18n.number(100.4, 0) == "100"
    assert i18n.number(3200.0) == "3200"
    assert i18n.number(36.55) == "36.55"
    assert i18n.number(11.234) == "11.23"
    assert i18n.number(2.50) == "2.5"
    assert i18n.number(None) == "—"
