"""Document codes: stored dotted (3.1.1.2), shown the way the plan writes them
(三（一）1·二是)."""

from __future__ import annotations

import re

_CN = "零一二三四五六七八九十"
_PARTS = ("一是", "二是", "三是", "四是", "五是", "六是")
CODE_RE = re.compile(r"^\d+(\.\d+){0,3}$")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for a plan's headings)."""
    if n <= 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return (_CN[tens] if tens > 1 else "") + "十" + (_CN[ones] if ones else "")


def display_code(code: str) -> str:
    """The document's own way of writing a dotted code.

    >>> display_code("3.1.1.2")
    '三（一）1·二是'
    >>> display_code("4.2")
    '四（二）'
    """
    if not CODE_RE.match(code):
        return code
    parts = [int(p) for p in code.split(".")]
    text = chinese_number(parts[0])
    if len(parts) > 1:
        text += f"（{chinese_number(parts[1])}）"
    if len(parts) > 2:
        text += str(parts[2])
    if len(parts) > 3:
        label = _PARTS[parts[3] - 1] if parts[3] <= len(_PARTS) else str(parts[3])
        text += "·" + label
    return text


def phase_label(code: str) -> str:
    """A phase as the document numbers it under 四、工作计划: "4.2" → "（二）" (never
    "四（二）": a phase is a span of time, listed inside the plan's fourth part)."""
    last = code.rsplit(".", 1)[-1]
    return f"（{chinese_number(int(last))}）" if last.isdigit() else code


def code_key(code: str) -> tuple[int, ...]:
    """Sort key putting codes in document order (3.1.10 after 3.1.9)."""
    try:
        return tuple(int(p) for p in code.split("."))
    except ValueError:
        return (10**6,)


def short_title(title: str, text: str, limit: int = 28) -> str:
    """A one-line name for a plan item: its title, or the start of its text."""
    if title:
        return title
    first = re.split(r"[，。；]", text, maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"
