"""Word's automatic list numbering. A paragraph numbered by a list (w:numPr, on the
paragraph or its style) carries no number in its text: the number is made from the
list's level format (numFmt: decimal, chineseCounting …; lvlText: `%1、`, `（%1）`)
and a counter per list and level, as Word counts it."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from ipdesk.plan.codes import chinese_number

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE = {
    "chineseCounting",
    "chineseCountingThousand",
    "ideographTraditional",
    "japaneseCounting",
    "taiwaneseCounting",
    "ideographDigital",
}


def _format(fmt: str, n: int) -> str:
    if fmt in _CHINESE:
        return chinese_number(n) if n <= 99 else str(n)
    if fmt == "decimalEnclosedCircle" and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class ListNumbers:
    """The numbers Word shows before numbered paragraphs, in document order."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.abstract: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract_levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            abstract_id = ref.get(qn("w:val"))
            num_id = num.get(qn("w:numId"))
            self.abstract[num_id] = abstract_id
            for ilvl, spec in abstract_levels.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = spec

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        for holder in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
            ppr = (
                holder if holder is None or holder.tag == qn("w:pPr") else holder.find(qn("w:pPr"))
            )
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            if num_id is None or num_id.get(qn("w:val")) == "0":
                return None
            return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        return None

    def label(self, paragraph: Any) -> str:
        """The number Word shows before `paragraph` ('' when it has none)."""
        found = self._num_pr(paragraph)
        if found is None or found not in self.levels:
            return ""
        num_id, ilvl = found
        key = self.abstract.get(num_id, num_id)
        counts = self.counters.setdefault(key, [0] * 9)
        fmt, text, start = self.levels[found]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        for level in range(ilvl + 1):
            spec = self.levels.get((num_id, level), ("decimal", "", 1))
            text = text.replace(f"%{level + 1}", _format(spec[0], counts[level] or spec[2]))
        return text
