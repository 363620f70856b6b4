"""Text clean-up shared by every input format: spaces between Chinese characters,
Chinese numerals, and the paragraphs a PDF page break cut in two."""

from __future__ import annotations

import re
from collections.abc import Iterator

CJK = "\u3400-\u9fff\uf900-\ufaff"
# Full-width punctuation and brackets that never take a space beside them.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】—…·「」『』〈〉％"
_SPACE_RE = re.compile(
    rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?=[{CJK}{CJK_PUNCT}])"
)
# A paragraph that ends with one of these is finished; anything else may go on.
SENTENCE_END = "。！？；：…”’）)》」』】"
_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
# Characters that are doubled in ordinary writing (常常, 人人, 年年 …): a doubled one
# across a page break is then kept.
_REDUPLICATED = set("常人年月日天个家各层步处时事样种点滴节渐慢快多少轻重明暗高低深浅")


def tidy(text: str) -> str:
    """One line of document text: no spaces next to Chinese characters or full-width
    punctuation (letter-spaced titles `工 作 方 案`, `3. 加大`), no line breaks,
    the ends trimmed."""
    text = text.replace("\r", "").replace("\n", "")
    text = _SPACE_RE.sub("", text)
    return text.strip()


def half_width_digits(text: str) -> str:
    return text.translate(_DIGITS)


def chinese_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21, 三百 → 300; None if it is not a numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(half_width_digits(text))
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def is_finished(paragraph: str) -> bool:
    """Whether a paragraph ends where a sentence or heading ends."""
    return not paragraph or paragraph[-1] in SENTENCE_END


def join_cut(before: str, after: str, document: str = "") -> str:
    """Two halves of a paragraph cut by a page break, joined.

    PDF extraction sometimes repeats the last character of a page at the top of the
    next one ("…顶层设计" | "计和统筹…"): a character doubled across the break is
    kept once, unless the doubled pair is ordinary writing (人人) or occurs elsewhere
    in `document`.
    """
    if before and after and before[-1] == after[0] and "\u4e00" <= after[0] <= "\u9fff":
        pair = before[-1] * 2
        if before[-1] not in _REDUPLICATED and document.count(pair) <= 1:
            return before + after[1:]
    return before + after


def cuts(text: str, marks: str, opening: str = "“《（(", closing: str = "”》）)") -> Iterator[int]:
    """Where `text` has one of `marks` outside quotes and brackets (`opening` and
    `closing`, nested)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in opening:
            depth += 1
        elif ch in closing and depth:
            depth -= 1
        elif ch in marks and depth == 0:
            yield i


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its closing 。！？ (quotes kept whole)."""
    out: list[str] = []
    start = 0
    for i in cuts(text, "。！？"):
        out.append(text[start : i + 1])
        start = i + 1
    if text[start:].strip():
        out.append(text[start:])
    return out
