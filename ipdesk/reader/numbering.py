"""Numbering marks at the start of a paragraph, full-width or half-width:
一、 第一章 （一） (一) 1. 1、 1．（1） ① 第一阶段 — and 一是/二是, which number the
parts of one item and so are read inside its text, never as items of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipdesk.reader.text import chinese_int

_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, pattern); the first match wins. A style is one way of writing numbers; the
# level of a style is decided by the order styles appear in the document.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^第([{_CN}\d]+)[章部篇]\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)\s*[、，．.]\s*")),
    ("pcn", re.compile(rf"^[（(]\s*([{_CN}]+)\s*[)）]\s*[、.．]?\s*")),
    ("stage", re.compile(rf"^第([{_CN}\d]+)阶段\s*[：:、，]?\s*")),
    ("article", re.compile(rf"^第([{_CN}\d]+)条\s*")),
    # 1. 1、 1． — not 1.5 or 2025年 (a digit or 年 may not follow)
    ("num", re.compile(r"^([0-9０-９]{1,3})\s*[.．、](?![0-9０-９])\s*")),
    ("pnum", re.compile(r"^[（(]\s*([0-9０-９]{1,3})\s*[)）]\s*")),
    ("circle", re.compile(rf"^([{_CIRCLED}])\s*")),
]
SHI_RE = re.compile(rf"(?:^|(?<=[。；;]))\s*([{_CN}]{{1,3}})是(?=[^，,]{{2}})")
DASH_RE = re.compile(r"^[—－\-]{1,2}\s*")
HEADING_STYLES = ("chapter", "cn", "pcn", "stage", "article")


@dataclass(frozen=True)
class Marker:
    style: str
    number: int
    printed: str  # the mark as written, e.g. "（一）", "1."
    rest: str  # the paragraph after the mark


def marker(paragraph: str) -> Marker | None:
    """The numbering mark a paragraph starts with, if any."""
    for style, pattern in _MARKERS:
        match = pattern.match(paragraph)
        if not match:
            continue
        raw = match.group(1)
        number = _CIRCLED.index(raw) + 1 if style == "circle" else chinese_int(raw)
        if number is None or number == 0:
            continue
        rest = paragraph[match.end() :]
        if style == "num" and not rest:
            continue
        if style == "cn" and len(raw) > 3:
            continue
        return Marker(style, number, match.group(0).strip(), rest)
    return None


def shi_parts(text: str) -> list[tuple[str, str]]:
    """A text split at 一是/二是/三是 (at the start or after 。；): [(label, part), …].

    Text before the first label comes back with label "". Labels must count up
    from 一, else the text is one part (二是 alone is ordinary wording).
    """
    found = [m for m in SHI_RE.finditer(text)]
    labels: list[re.Match[str]] = []
    for m in found:
        if chinese_int(m.group(1)) == len(labels) + 1:
            labels.append(m)
    if len(labels) < 2:
        return [("", text)]
    parts: list[tuple[str, str]] = []
    head = text[: labels[0].start()].strip()
    if head:
        parts.append(("", head))
    for m, nxt in zip(labels, labels[1:] + [None], strict=True):
        end = nxt.start() if nxt is not None else len(text)
        parts.append((m.group(1) + "是", text[m.end() : end].strip()))
    return parts
