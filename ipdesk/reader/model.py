"""What the reader makes of a document: the source as blocks (paragraphs and table
rows, with their place in the text shown to the user), and the plan as read — a
flat list of items in document order, each with its level, so that a coordinator
can correct kinds, levels and boundaries before a master is made."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Any

# Item kinds. Parts are the document's top headings (一、二、…); the rest sit under them.
PART_KINDS = ("preamble", "goals", "tasks", "phases", "safeguards", "duties")
ITEM_KINDS = ("section", "goal_group", "area", "task", "subtask", "phase", "activity", "safeguard")
TASK_KINDS = ("task", "subtask", "activity", "safeguard")
KIND_WORDS = {
    "preamble": ("前言/总体要求", "preamble"),
    "goals": ("工作目标", "goals"),
    "tasks": ("重点任务", "tasks part"),
    "phases": ("工作计划/阶段", "phases part"),
    "safeguards": ("保障措施", "safeguards part"),
    "duties": ("职责分工", "duties"),
    "section": ("段落", "section"),
    "goal_group": ("目标组", "goal group"),
    "area": ("工作领域", "work area"),
    "task": ("任务", "task"),
    "subtask": ("子任务", "sub-task"),
    "phase": ("阶段", "phase"),
    "activity": ("阶段工作", "phase activity"),
    "safeguard": ("保障措施项", "safeguard"),
}


@dataclass
class Block:
    """A paragraph or a table row of the source; `start`/`end` locate it in
    SourceDocument.text (what the side-by-side view shows)."""

    index: int
    text: str
    start: int = 0
    end: int = 0
    table: int | None = None
    cells: list[str] | None = None
    heading: bool = False


@dataclass
class SourceDocument:
    path: str
    format: str
    text: str
    blocks: list[Block]


@dataclass
class Item:
    id: int
    kind: str
    level: int
    number: str = ""
    title: str = ""
    text: str = ""
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    blocks: list[int] = field(default_factory=list)
    code: str = ""
    parent: int | None = None


@dataclass
class Indicator:
    id: int
    item: int  # the item (goal group, task …) whose text holds it
    name: str
    target: float | None
    unit: str
    comparator: str
    kind: str
    text: str
    blocks: list[int] = field(default_factory=list)
    per_year: bool = False
    code: str = ""

    @classmethod
    def of_target(cls, found: Any, *, id: int, item: int, blocks: list[int]) -> Indicator:
        """An indicator from a target found in the text (ipdesk.reader.targets.Target)."""
        return cls(
            id=id,
            item=item,
            name=found.name,
            target=found.target,
            unit=found.unit,
            comparator=found.comparator,
            kind=found.kind,
            text=found.text,
            blocks=blocks,
            per_year=found.per_year,
        )


@dataclass
class Unread:
    text: str
    blocks: list[int]
    reason: str = ""


@dataclass
class ReadPlan:
    source: SourceDocument
    title: str = ""
    issuer: str | None = None
    date: str | None = None
    document_number: str | None = None
    addressees: str | None = None
    notice: list[str] = field(default_factory=list)
    notice_blocks: list[int] = field(default_factory=list)
    intro: str = ""
    intro_blocks: list[int] = field(default_factory=list)
    title_blocks: list[int] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)

    # ------------------------------------------------------------------ structure
    def renumber(self) -> None:
        """Parents from levels, then codes: parts 1, 2, …; children parent.n;
        indicators container.n, in document order."""
        stack: list[Item] = []
        counters: dict[int | None, int] = {}
        for item in self.items:
            while stack and stack[-1].level >= item.level:
                stack.pop()
            item.level = len(stack)
            parent = stack[-1] if stack else None
            item.parent = parent.id if parent else None
            counters[item.parent] = counters.get(item.parent, 0) + 1
            n = counters[item.parent]
            item.code = f"{parent.code}.{n}" if parent else str(n)
            stack.append(item)
        by_item: dict[int, int] = {}
        codes = {i.id: i.code for i in self.items}
        for ind in self.indicators:
            by_item[ind.item] = by_item.get(ind.item, 0) + 1
            ind.code = f"{codes.get(ind.item, '0')}.{by_item[ind.item]}"

    def item(self, item_id: int) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def children(self, item_id: int | None) -> list[Item]:
        return [i for i in self.items if i.parent == item_id]

    def ancestors(self, item: Item) -> list[Item]:
        out = []
        by_id = {i.id: i for i in self.items}
        while item.parent is not None:
            item = by_id[item.parent]
            out.append(item)
        return out

    def next_id(self) -> int:
        used = [i.id for i in self.items] + [i.id for i in self.indicators]
        return max(used, default=0) + 1

    def copy(self) -> ReadPlan:
        """A deep copy sharing the (unchanging) source."""
        source, self.source = self.source, None  # type: ignore[assignment]
        try:
            twin = copy.deepcopy(self)
        finally:
            self.source = source
        twin.source = source
        return twin

    # ------------------------------------------------------------------ views
    def phases(self) -> list[Item]:
        return [i for i in self.items if i.kind == "phase"]

    def tasks(self) -> list[Item]:
        return [i for i in self.items if i.kind in TASK_KINDS]

    def to_json(self) -> dict[str, Any]:
        """The `read-plan --json` object (DESIGN.md §8), plus the notice's document
        number and addressees and the plan's other sections."""
        self.renumber()
        by_id = {i.id: i for i in self.items}
        names = {n: n for n in self.departments}

        def parent_task(item: Item) -> str | None:
            parent = by_id.get(item.parent) if item.parent is not None else None
            return parent.code if parent and parent.kind in ("task", "subtask") else None

        def printed(item: Item) -> str:
            """三（一）1·二是: the marks of the item and its ancestors as the document
            writes them, in full-width brackets, without their 、 and full stops."""
            text = ""
            for part in [a.number for a in reversed(self.ancestors(item))] + [item.number]:
                part = part.strip().rstrip("、.．:：").replace("(", "（").replace(")", "）")
                text += ("·" if part.endswith("是") and text else "") + part
            return text

        return {
            "title": self.title,
            "issuer": self.issuer,
            "date": self.date,
            "phases": [
                {"code": p.code, "name": p.title, "start": p.start, "end": p.end, "text": p.text}
                for p in self.phases()
            ],
            "departments": [{"name": n, "short_name": _short(n)} for n in names],
            "tasks": [
                {
                    "code": t.code,
                    "number": printed(t),
                    "kind": t.kind,
                    "title": t.title,
                    "text": t.text,
                    "parent": parent_task(t),
                    "level": t.level + 1,
                    "lead": t.lead,
                    "co": t.co,
                    "due": t.end,
                }
                for t in self.tasks()
            ],
            "indicators": [
                {
                    "code": i.code,
                    "name": i.name,
                    "target": i.target,
                    "unit": i.unit,
                    "comparator": i.comparator,
                    "kind": i.kind,
                    "text": i.text,
                }
                for i in self.indicators
            ],
            "unread": [u.text for u in self.unread],
            "document_number": self.document_number,
            "addressees": self.addressees,
            "sections": [
                {"code": s.code, "kind": s.kind, "title": s.title, "text": s.text}
                for s in self.items
                if s.kind not in TASK_KINDS and s.kind != "phase"
            ],
        }


def _short(name: str) -> str:
    from ipdesk.reader.departments import short_form

    return short_form(name)


def as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
