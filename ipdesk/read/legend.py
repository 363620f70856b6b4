"""One set of signals for the window, every printed sheet and the timeline.

Each warning light is a shape, a colour and a word, so it reads on a black-and-white
printout and for a colour-blind reader: ■ 红·滞后, ▲ 黄·预警, ● 绿·正常, ○ 灰·未开始.
Milestones are diamonds: ◆ reached, ◇ planned. How expected values of counted things
are shown (a whole number of 家, not 1.51 家) is decided here too.
"""

from __future__ import annotations

import math

from ipdesk.plan.rules import Light

SHAPES: dict[Light, str] = {
    Light.red: "■",
    Light.yellow: "▲",
    Light.green: "●",
    Light.grey: "○",
}
# The ink of each light (text and shapes); dark enough to read on white and distinct
# in greyscale from one another by the shape beside them.
INK: dict[Light, str] = {
    Light.red: "#B3261E",
    Light.yellow: "#8A6100",
    Light.green: "#2E6B30",
    Light.grey: "#6B6B6B",
}
MILESTONE_REACHED = "◆"
MILESTONE_PLANNED = "◇"
ORDER = (Light.red, Light.yellow, Light.green, Light.grey)

# Units of things counted one by one: an expected value in them is a whole number.
COUNTED_UNITS = frozenset("家件个人项次场所名部篇条份套批户座台")


def shape(light: Light | str) -> str:
    return SHAPES[Light(light)]


def light_zh(light: Light | str) -> str:
    """``■ 红·滞后``: shape, colour and word."""
    light = Light(light)
    return f"{SHAPES[light]} {light.label_zh}·{light.word_zh}"


def light_en(light: Light | str) -> str:
    """``■ Red · Behind``."""
    light = Light(light)
    return f"{SHAPES[light]} {light.label_en} · {light.word_en}"


def legend_zh() -> str:
    """The legend line printed under tables and charts."""
    lights = "　".join(light_zh(light) for light in ORDER)
    return f"{lights}　{MILESTONE_REACHED} 里程碑已达成　{MILESTONE_PLANNED} 计划里程碑"


def counted(unit: str) -> bool:
    """Whether `unit` counts whole things (家, 件, 人 …)."""
    return bool(unit) and unit.strip()[-1:] in COUNTED_UNITS


def expected_number(value: float | None, unit: str) -> float | None:
    """An expected value as people read it: whole things rounded up (1.51 家 → 2 家:
    to be on track, two must exist), other quantities to one decimal."""
    if value is None:
        return None
    if counted(unit):
        return float(math.ceil(value - 1e-9))
    return round(value, 1)
