"""Corrections a coordinator makes to the plan as read, before the master is made:
an item's kind or level, splitting and joining items, a target's number, unit,
comparator, kind or name, departments, phase dates, and placing or dropping
paragraphs. Plain functions on a ReadPlan (the window keeps a copy per step for
undo); each renumbers the plan."""

from __future__ import annotations

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.reader.departments import Registry, split_names
from ipdesk.reader.model import ITEM_KINDS, PART_KINDS, Item, ReadPlan, Unread
from ipdesk.reader.targets import COMPARATORS, KINDS, find_targets

MAX_LEVEL = 3


def _index(plan: ReadPlan, item_id: int) -> int:
    for n, item in enumerate(plan.items):
        if item.id == item_id:
            return n
    raise BadInput(message("corrections.no_such_item"))


def _subtree(plan: ReadPlan, item_id: int) -> tuple[int, int]:
    """[start, end) of an item and everything under it in the flat list."""
    start = _index(plan, item_id)
    level = plan.items[start].level
    end = start + 1
    while end < len(plan.items) and plan.items[end].level > level:
        end += 1
    return start, end


def set_kind(plan: ReadPlan, item_id: int, kind: str) -> None:
    if kind not in ITEM_KINDS + PART_KINDS:
        raise BadInput(message("corrections.unknown_kind", kind=kind))
    plan.item(item_id).kind = kind
    plan.renumber()


def shift_level(plan: ReadPlan, item_id: int, delta: int) -> None:
    """Move an item (with what is under it) one level up (-1) or down (+1)."""
    start, end = _subtree(plan, item_id)
    item = plan.items[start]
    previous = plan.items[start - 1] if start else None
    new_level = item.level + delta
    if new_level < 0 or new_level > MAX_LEVEL or previous is None and new_level > 0:
        raise BadInput(message("corrections.level_cannot_change_further"))
    if previous is not None and new_level > previous.level + 1:
        raise BadInput(message("corrections.item_can_go_at"))
    for moved in plan.items[start:end]:
        moved.level += delta
    plan.renumber()


def split_item(plan: ReadPlan, item_id: int, at: int) -> Item:
    """Cut an item's text at `at`: the rest becomes a new item of the same kind and
    level right after it, taking the targets whose words are in the rest."""
    n = _index(plan, item_id)
    item = plan.items[n]
    head, tail = item.text[:at].rstrip(), item.text[at:].strip()
    if not head or not tail:
        raise BadInput(
            message("corrections.put_cursor_inside_text"),
        )
    twin = Item(
        id=plan.next_id(),
        kind=item.kind,
        level=item.level,
        text=tail,
        lead=list(item.lead),
        co=list(item.co),
        start=item.start,
        end=item.end,
        blocks=list(item.blocks),
    )
    item.text = head
    plan.items.insert(_subtree(plan, item_id)[1], twin)
    for ind in plan.indicators:
        if ind.item == item.id and ind.text and ind.text not in head and ind.text in tail:
            ind.item = twin.id
    plan.renumber()
    return twin


def join_next(plan: ReadPlan, item_id: int) -> None:
    """Join an item with the next one at its level (its text, targets, children)."""
    start, end = _subtree(plan, item_id)
    item = plan.items[start]
    if end >= len(plan.items) or plan.items[end].level != item.level:
        raise BadInput(message("corrections.there_no_next_item"))
    other = plan.items.pop(end)
    joined = (other.title + "。" if other.title else "") + other.text
    item.text = item.text + joined
    item.blocks = sorted(set(item.blocks + other.blocks))
    item.lead = list(dict.fromkeys(item.lead + other.lead))
    item.co = [c for c in dict.fromkeys(item.co + other.co) if c not in item.lead]
    for ind in plan.indicators:
        if ind.item == other.id:
            ind.item = item.id
    for child in plan.items:
        if child.parent == other.id:
            child.parent = item.id
    plan.renumber()


def set_text(plan: ReadPlan, item_id: int, title: str, text: str) -> None:
    item = plan.item(item_id)
    item.title, item.text = title.strip(), text.strip()
    plan.renumber()


def set_target(
    plan: ReadPlan,
    indicator_id: int,
    *,
    name: str | None = None,
    target: float | None = None,
    unit: str | None = None,
    comparator: str | None = None,
    kind: str | None = None,
    yes_no: bool = False,
) -> None:
    ind = next(i for i in plan.indicators if i.id == indicator_id)
    if comparator is not None and comparator not in COMPARATORS:
        raise BadInput(message("corrections.unknown_comparator", comparator=comparator))
    if kind is not None and kind not in KINDS:
        raise BadInput(message("corrections.unknown_indicator_kind", kind=kind))
    if name is not None:
        if not name.strip():
            raise BadInput(message("corrections.indicator_needs_name"))
        ind.name = name.strip()
    if kind is not None:
        ind.kind = kind
    if yes_no or ind.kind == "yesno":
        ind.target, ind.kind = None, "yesno"
    elif target is not None:
        if target < 0:
            raise BadInput(message("corrections.target_cannot_negative"))
        ind.target = float(target)
    if unit is not None:
        ind.unit = unit.strip()
    if comparator is not None:
        ind.comparator = comparator


def remove_indicator(plan: ReadPlan, indicator_id: int) -> None:
    """Not a target after all: the words stay in their item's text."""
    plan.indicators = [i for i in plan.indicators if i.id != indicator_id]
    plan.renumber()


def add_target(plan: ReadPlan, item_id: int, words: str) -> int:
    """A target the reader missed: read from the words given (e.g. 新增…10家)."""
    found = find_targets(words, title=plan.title, goals=True)
    if not found:
        raise BadInput(
            f"“{words}”中读不出数字和单位（如 新增示范企业10家）。",
            f"no number and unit in '{words}' (such as 新增示范企业10家).",
        )
    from ipdesk.reader.model import Indicator

    t = found[0]
    ind = Indicator.of_target(
        t, id=plan.next_id(), item=item_id, blocks=list(plan.item(item_id).blocks)
    )
    plan.indicators.append(ind)
    order = {i.id: n for n, i in enumerate(plan.items)}
    plan.indicators.sort(key=lambda i: order.get(i.item, 0))
    plan.renumber()
    return ind.id


def set_departments(
    plan: ReadPlan, item_id: int, lead: str | list[str], co: str | list[str]
) -> None:
    """Lead and co-operating departments, by name (`区科技局、区财政局`); a new name
    joins the plan's departments, a known one under another name is recognised."""
    registry = Registry()
    for name in plan.departments:
        registry.add(name)
    leads = split_names(lead) if isinstance(lead, str) else list(lead)
    cos = split_names(co) if isinstance(co, str) else list(co)
    item = plan.item(item_id)
    item.lead = [registry.add(n) for n in leads]
    item.co = [registry.add(n) for n in cos]
    for other in plan.items:  # a name now listed in a fuller form, everywhere
        other.lead = list(dict.fromkeys(registry.canonical(n) for n in other.lead))
        other.co = [
            n for n in dict.fromkeys(registry.canonical(n) for n in other.co) if n not in other.lead
        ]
    plan.departments = list(registry.names)


def set_dates(plan: ReadPlan, item_id: int, start: str | None, end: str | None) -> None:
    from datetime import date

    for value in (start, end):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise BadInput(
                    message("corrections.not_date_2025_06", value=value),
                ) from None
    if start and end and start > end:
        raise BadInput(message("corrections.start_cannot_after_end"))
    item = plan.item(item_id)
    item.start, item.end = start or None, end or None


def drop_item(plan: ReadPlan, item_id: int) -> None:
    """Not part of the plan: the item (and what is under it) goes to the unread list."""
    start, end = _subtree(plan, item_id)
    gone = plan.items[start:end]
    del plan.items[start:end]
    ids = {i.id for i in gone}
    plan.indicators = [i for i in plan.indicators if i.item not in ids]
    for item in gone:
        words = "".join(
            x
            for x in (item.number, item.title, "。" if item.title and item.text else "", item.text)
            if x
        )
        plan.unread.append(Unread(words, item.blocks, "已移出计划"))
    plan.renumber()


def place_unread(plan: ReadPlan, index: int, after_item_id: int | None, kind: str = "task") -> Item:
    """Put an unread paragraph into the plan as an item right after another one (at
    its level), or at the end as a part."""
    paragraph = plan.unread.pop(index)
    if after_item_id is None:
        level, at = 0, len(plan.items)
    else:
        start, end = _subtree(plan, after_item_id)
        level, at = plan.items[start].level, end
    from ipdesk.reader.numbering import marker
    from ipdesk.reader.structure import split_title

    mark = marker(paragraph.text)
    title, text = split_title(mark.rest if mark else paragraph.text)
    item = Item(
        id=plan.next_id(),
        kind=kind,
        level=level,
        number=mark.printed if mark else "",
        title=title,
        text=text,
        blocks=paragraph.blocks,
    )
    plan.items.insert(at, item)
    plan.renumber()
    return item
