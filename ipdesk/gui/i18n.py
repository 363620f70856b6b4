"""Languages: Simplified Chinese (the source language of every string) and English.

The window's own strings go through ``self.tr()`` / ``QCoreApplication.translate``
and the English comes from ``resources/i18n/ipdesk_en.qm`` (made from
``ipdesk_en.ts`` by ``scripts/update_translations``). Words that come from the core
(statuses, lights, periods, error messages) carry both languages already; ``pick``
chooses one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ipdesk import messages
from ipdesk.errors import IPDeskError
from ipdesk.paths import data_path
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Kind, Light, ReportState, Status
from ipdesk.read import legend

LANGUAGES = {"zh": "简体中文", "en": "English"}
_state = {"language": "zh"}
_installed: list[QTranslator] = []


def qm_path(language: str = "en"):
    return data_path("resources", "i18n", f"ipdesk_{language}.qm")


def install(language: str) -> bool:
    """Install the translators for a language; returns False if the English file is missing."""
    app = QCoreApplication.instance()
    assert app is not None, "install() needs the application"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _state["language"] = language if language in LANGUAGES else "zh"
    ok = True
    if _state["language"] == "en":
        own = QTranslator(app)
        ok = own.load(str(qm_path("en")))
        if ok:
            app.installTranslator(own)
            _installed.append(own)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        # Qt's own dialogs (确定/取消, the file and print dialogs) in Chinese: the copy
        # shipped in resources/i18n (a bundle may lack Qt's translations folder), else Qt's.
        qt = QTranslator(app)
        if qt.load(str(data_path("resources", "i18n", "qtbase_zh_CN.qm"))) or qt.load(
            "qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return ok


def language() -> str:
    return _state["language"]


def english() -> bool:
    return _state["language"] == "en"


def message_text(value: object) -> str:
    """A core message (ipdesk.messages) in the window's language; other text as it is."""
    return messages.text(value, _state["language"])


def pick(zh: str, en: str) -> str:
    return en if english() else zh


def error_text(exc: IPDeskError) -> str:
    return pick(exc.message_zh, exc.message_en)


def kind_label(kind: str) -> str:
    """An indicator kind's word: 累计, 新增, 达到 … (cumulative, new, level …)."""
    k = Kind(kind)
    return pick(k.label_zh, k.label_en)


def status_label(status: str | None) -> str:
    if not status:
        return ""
    s = Status(status)
    return pick(s.label_zh, s.label_en)


STATUS_ORDER = ("not_started", "in_progress", "done", "behind")

# Colour is never the only signal: each light has a shape and a word too.
# One legend for the window, the sheets and the timeline (ipdesk.read.legend).
LIGHT_SHAPES = {light.value: shape for light, shape in legend.SHAPES.items()}
LIGHT_COLOURS = {light.value: ink for light, ink in legend.INK.items()}


def light_text(light: Light | str, *, with_word: bool = True) -> str:
    light = Light(light)
    colour = pick(light.label_zh, light.label_en)
    word = pick(light.word_zh, light.word_en)
    if not with_word:
        return f"{LIGHT_SHAPES[light.value]} {colour}"
    return (
        f"{LIGHT_SHAPES[light.value]} {colour}·{word}"
        if not english()
        else (f"{LIGHT_SHAPES[light.value]} {colour} · {word}")
    )


def period_label(period: Period | str) -> str:
    period = Period.parse(period) if isinstance(period, str) else period
    return pick(period.label_zh, period.label_en)


def state_label(state: str | None) -> str:
    s = ReportState(state or "draft")
    return pick(s.label_zh, s.label_en)


def number(value: float | None, digits: int = 2) -> str:
    """3200.0 → "3200", 36.55 → "36.55", 119.6 with no digits → "120", None → "—"."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
