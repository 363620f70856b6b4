"""Colours and words of the warning lights, shared by the timeline and the
indicator board. Colour is never the only signal: every light also has a word
(and on the timeline a pattern for red)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtGui import QColor

from ipdesk.gui import i18n
from ipdesk.plan.rules import Light


@dataclass(frozen=True)
class LightColors:
    base: QColor  # the part of a bar still to do
    fill: QColor  # the part done
    edge: QColor  # outline
    text: QColor  # text on base and fill
    solid: QColor  # dots, chart bars, the table's badge


def _c(hexcode: str) -> QColor:
    return QColor(hexcode)


LIGHT_COLORS: dict[Light, LightColors] = {
    Light.green: LightColors(
        _c("#E3F2E7"), _c("#93CFA3"), _c("#2E7D4F"), _c("#15492B"), _c("#2E9A5B")
    ),
    Light.yellow: LightColors(
        _c("#FCF1D2"), _c("#F1C65A"), _c("#A87A06"), _c("#553D00"), _c("#E0A100")
    ),
    Light.red: LightColors(
        _c("#FBE2DF"), _c("#EE9C94"), _c("#B3261E"), _c("#5F1410"), _c("#D3362C")
    ),
    Light.grey: LightColors(
        _c("#EEF0F3"), _c("#C9CED6"), _c("#7D8795"), _c("#39414C"), _c("#8F98A3")
    ),
}


def light_name(light: Light) -> str:
    """红 / 黄 / 绿 / 灰 (the words are in ipdesk/messages, written once)."""
    return i18n.pick(light.label_zh, light.label_en)


def light_word(light: Light) -> str:
    """滞后 / 预警 / 正常 / 未开始."""
    return i18n.pick(light.word_zh, light.word_en)


def status_word(status: str) -> str:
    """未启动 / 推进中 / 已完成 / 滞后."""
    try:
        return i18n.status_label(status)
    except ValueError:
        return status


def reason_text(reason: object) -> str:
    """A light's reason (a catalogue message, rules.task_light) in the window's language."""
    return i18n.message_text(reason)


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from the month of `first` to the month after `last`."""
    out = []
    day = first.replace(day=1)
    while day <= last + timedelta(days=31):
        out.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out
