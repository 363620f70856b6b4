"""From blocks to the plan as read: cut paragraphs joined, the notice and title
taken off, numbered headings nested by the order their styles appear, each part
classified by its heading (指导思想, 工作目标, 工作重点, 工作计划, 保障措施, 职责分工 …)
and read accordingly: goal groups and their targets, work areas, tasks and
一是/二是 sub-tasks with their departments, dated phases and their activities,
safeguards. Whatever finds no place is kept under `unread`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipdesk.reader import dates
from ipdesk.reader.departments import (
    DEPT_LINE_RE,
    Registry,
    parse_roles,
    take_assignment,
)
from ipdesk.reader.model import Indicator, Item, ReadPlan, SourceDocument, Unread
from ipdesk.reader.numbering import DASH_RE, HEADING_STYLES, marker, shi_parts
from ipdesk.reader.targets import find_targets
from ipdesk.reader.text import is_finished, join_cut, tidy
from ipdesk.reader.wrapper import ANNEX_RE, is_wrapper_line, read_wrapper

PART_RULES: list[tuple[str, str]] = [
    ("preamble", r"指导思想|总体要求|基本原则|总体思路|工作原则|工作思路|背景|意义|适用范围"),
    ("goals", r"目标(?!任务)"),
    ("duties", r"职责|分工"),
    ("safeguards", r"保障|工作要求|有关要求|组织领导|工作机制|督查|考核|组织实施$"),
    ("phases", r"计划|步骤|安排|阶段|进度|时间表"),
    ("tasks", r"任务|重点|措施|举措|内容|工作"),
]


@dataclass
class Para:
    text: str
    blocks: list[int]
    heading: bool = False


@dataclass
class Node:
    style: str
    printed: str
    head: Para  # the paragraph that carries the mark, without it
    paras: list[Para] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    assignment: Para | None = None


def classify(heading: str) -> str:
    for kind, pattern in PART_RULES:
        if re.search(pattern, heading):
            return kind
    return "preamble"


def split_title(text: str) -> tuple[str, str]:
    """`健全知识产权行政管理体制。一是…` → (title, rest): the first sentence is a title
    when it is short, has no comma and more text follows."""
    match = re.match(r"^([^。！？；]{2,40}?)[。！？]", text)
    if match and "，" not in match.group(1) and "," not in match.group(1):
        rest = text[match.end() :].strip()
        if rest:
            return match.group(1), rest
    return "", text


# ---------------------------------------------------------------- paragraphs


def paragraphs(source: SourceDocument) -> tuple[list[Para], list[int]]:
    """Tidied paragraphs with the cuts of page breaks joined; and the table blocks."""
    out: list[Para] = []
    tables: list[int] = []
    whole = "".join(tidy(b.text) for b in source.blocks if b.cells is None)
    for block in source.blocks:
        if block.cells is not None:
            tables.append(block.index)
            out.append(Para("", [block.index]))  # a table ends the paragraph before it
            continue
        text = tidy(block.text)
        if not text:
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.text and _continues(prev, text):
            prev.text = join_cut(prev.text, text, whole)
            prev.blocks.append(block.index)
            continue
        out.append(Para(text, [block.index], block.heading))
    return [p for p in out if p.text], tables


def _continues(prev: Para, text: str) -> bool:
    """Whether `text` goes on with the paragraph `prev`, cut by a page break."""
    if is_finished(prev.text) or prev.heading or marker(text) is not None:
        return False
    if DASH_RE.match(text) or DEPT_LINE_RE.match(text) or is_wrapper_line(text):
        return False
    if ANNEX_RE.match(text) and len(text) < 40:
        return False
    mark = marker(prev.text)
    body = mark.rest if mark else prev.text
    if mark and mark.style in HEADING_STYLES and "。" not in body:
        return False  # 一、工作目标 / （一）加强组织领导 are headings
    if len(body) <= 20 and not re.search(r"[，、,]", body):
        return False  # a short line without a comma: a heading or a title
    if is_wrapper_line(prev.text):
        return False
    return True


# ---------------------------------------------------------------- nesting


def nest(paras: list[Para]) -> tuple[list[Para], list[Node]]:
    """Numbered paragraphs as a tree. A style seen for the first time goes one level
    down; a style already open closes everything below it."""
    intro: list[Para] = []
    roots: list[Node] = []
    stack: list[Node] = []
    for para in paras:
        mark = marker(para.text)
        if mark is None:
            if stack:
                stack[-1].paras.append(para)
            else:
                intro.append(para)
            continue
        styles = [n.style for n in stack]
        if mark.style in styles:
            del stack[styles.index(mark.style) :]
        node = Node(mark.style, mark.printed, Para(mark.rest, para.blocks, para.heading))
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return intro, roots


# ---------------------------------------------------------------- reading


class Reader:
    def __init__(self, source: SourceDocument) -> None:
        self.plan = ReadPlan(source=source)
        self.registry = Registry()
        self.next_id = 1

    def new_item(self, kind: str, level: int, node: Node | None, **fields: object) -> Item:
        item = Item(id=self.next_id, kind=kind, level=level, **fields)  # type: ignore[arg-type]
        if node is not None:
            item.number = node.printed
            item.blocks = list(node.head.blocks) + [b for p in node.paras for b in p.blocks]
        self.next_id += 1
        self.plan.items.append(item)
        return item

    def add_targets(self, item: Item, text: str, blocks: list[int], goals: bool) -> None:
        for t in find_targets(text, title=self.plan.title, goals=goals):
            number = 10000 + len(self.plan.indicators)
            self.plan.indicators.append(
                Indicator.of_target(t, id=number, item=item.id, blocks=blocks)
            )

    def assign(self, item: Item, lead: list[str], co: list[str]) -> None:
        item.lead = list(dict.fromkeys(self.registry.add(n) for n in lead))
        item.co = [n for n in dict.fromkeys(self.registry.add(n) for n in co) if n not in item.lead]

    # ---------------------------------------------------------------- parts
    def read(self) -> ReadPlan:
        paras, tables = paragraphs(self.plan.source)
        wrapper = read_wrapper([(p.text, p.blocks, p.heading) for p in paras])
        plan = self.plan
        plan.title = wrapper.title
        plan.issuer, plan.date = wrapper.issuer, wrapper.date
        plan.document_number, plan.addressees = wrapper.document_number, wrapper.addressees
        plan.notice, plan.notice_blocks = wrapper.lines, wrapper.notice_blocks
        plan.title_blocks = wrapper.title_blocks
        body = paras[wrapper.body_start :]
        # The document's tail: 抄送, 印发 date.
        while body and is_wrapper_line(body[-1].text):
            tail = body.pop()
            plan.notice.append(tail.text)
            plan.notice_blocks += tail.blocks
        annex_at = next(
            (n for n, p in enumerate(body) if ANNEX_RE.match(p.text) and len(p.text) < 40), None
        )
        annex = body[annex_at:] if annex_at is not None else []
        body = body[:annex_at] if annex_at is not None else body
        intro, roots = nest(body)
        plan.intro = "".join(p.text for p in intro)
        plan.intro_blocks = [b for p in intro for b in p.blocks]
        for root in roots:
            self.read_part(root, classify(root.head.text.split("。")[0]), 0)
        from ipdesk.reader.tables import read_tables

        read_tables(self, tables, annex)
        plan.departments = list(self.registry.names)
        for item in plan.items:  # a name first met in a shorter form is listed in full
            item.lead = list(dict.fromkeys(self.registry.canonical(n) for n in item.lead))
            item.co = [
                n
                for n in dict.fromkeys(self.registry.canonical(n) for n in item.co)
                if n not in item.lead
            ]
        plan.renumber()
        return plan

    def read_part(self, node: Node, kind: str, level: int) -> None:
        title, rest = split_title(node.head.text)
        title = title or node.head.text
        text_paras = ([rest] if rest != node.head.text else []) + [p.text for p in node.paras]
        item = self.new_item(kind, level, node, title=title)
        getattr(self, f"read_{kind}")(item, node, text_paras)

    def read_preamble(self, item: Item, node: Node, texts: list[str]) -> None:
        item.kind = "preamble" if item.level == 0 else "section"
        item.text = "\n".join(t for t in texts if t) if len(texts) > 1 else "".join(texts)
        for child in node.children:
            kind = classify(child.head.text.split("。")[0])
            if kind == "preamble":
                title, rest = split_title(child.head.text)
                sub = self.new_item(
                    "section", item.level + 1, child, title=title or child.head.text
                )
                sub.text = "\n".join(
                    x for x in [rest if title else ""] + [p.text for p in child.paras] if x
                )
                for grandchild in child.children:
                    sub.text += (
                        ("\n" if sub.text else "") + grandchild.printed + self._all_text(grandchild)
                    )
            else:
                self.read_part(child, kind, item.level + 1)

    def _all_text(self, node: Node) -> str:
        parts = [node.head.text] + [p.text for p in node.paras]
        for child in node.children:
            parts.append(child.printed + self._all_text(child))
        return "".join(parts)

    def read_goals(self, item: Item, node: Node, texts: list[str]) -> None:
        item.text = "".join(texts)
        self.add_targets(
            item, item.text, item.blocks[:1] + [b for p in node.paras for b in p.blocks], True
        )
        for child in node.children:
            title, rest = split_title(self._all_text(child))
            group = self.new_item("goal_group", item.level + 1, child, title=title, text=rest)
            self.add_targets(group, rest, group.blocks, True)

    def read_tasks(self, item: Item, node: Node, texts: list[str]) -> None:
        item.text = "".join(texts)
        for child in node.children:
            if child.children and child.style in HEADING_STYLES:
                title, rest = split_title(child.head.text)
                area = self.new_item("area", item.level + 1, child, title=title or child.head.text)
                area.text = "".join([rest if title else ""] + [p.text for p in child.paras])
                for grandchild in child.children:
                    self.read_task(grandchild, "task", area.level + 1)
            else:
                self.read_task(child, "task", item.level + 1)

    def read_task(self, node: Node, kind: str, level: int) -> Item:
        paras = [node.head] + node.paras
        assignment = None
        kept: list[Para] = []
        for p in paras:
            if DEPT_LINE_RE.match(p.text):
                assignment = parse_roles(p.text) if assignment is None else assignment
            else:
                kept.append(p)
        whole = "".join(p.text for p in kept)
        whole, inline = take_assignment(whole)
        title, text = split_title(whole)
        task = self.new_item(kind, level, node, title=title, text=text)
        roles = inline or assignment
        if roles:
            self.assign(task, roles.lead, roles.co)
        if kind == "activity" and (span := dates.span(whole)) is not None:
            task.start, task.end = dates.iso(span[0]), dates.iso(span[1])
        if node.children:
            for child in node.children:
                self.read_task(child, "subtask", level + 1)
            self.add_targets(task, text, task.blocks, False)
            return task
        parts = shi_parts(text)
        if len(parts) > 1 and kind in ("task", "subtask"):
            for label, part in parts:
                if not label:
                    continue
                part, sub_roles = take_assignment(part)
                sub = self.new_item("subtask", level + 1, None, number=label, text=part)
                sub.blocks = task.blocks
                if sub_roles:
                    self.assign(sub, sub_roles.lead, sub_roles.co)
                self.add_targets(sub, part, task.blocks, False)
            task.text = "".join(label + p for label, p in parts)
        else:
            self.add_targets(task, text, task.blocks, False)
        return task

    def read_phases(self, item: Item, node: Node, texts: list[str]) -> None:
        item.text = "".join(texts)
        for child in node.children:
            head = child.head.text
            span = dates.span(head.split("。")[0]) or (
                dates.span(child.paras[0].text.split("。")[0]) if child.paras else None
            )
            if span is None or span[0] is None:
                # An undated stage is not a phase: its items are read as tasks.
                if child.children:
                    title, rest = split_title(head)
                    area = self.new_item(
                        "area",
                        item.level + 1,
                        child,
                        title=title or head,
                        text=rest if title else "",
                    )
                    for grandchild in child.children:
                        self.read_task(grandchild, "task", area.level + 1)
                else:
                    self.read_task(child, "task", item.level + 1)
                continue
            title, rest = split_title(head)
            name = _phase_name(title or head)
            phase = self.new_item("phase", item.level + 1, child, title=name)
            phase.start, phase.end = dates.iso(span[0]), dates.iso(span[1])
            phase.text = "".join([rest if title else ""] + [p.text for p in child.paras])
            for grandchild in child.children:
                self.read_task(grandchild, "activity", phase.level + 1)
                act = self.plan.items[-1] if self.plan.items[-1].kind == "activity" else None
                if act is not None and act.start is None:
                    act.start, act.end = phase.start, phase.end

    def read_safeguards(self, item: Item, node: Node, texts: list[str]) -> None:
        item.text = "".join(texts) if node.children else ""
        if not node.children:
            for text in texts:
                title, rest = split_title(text)
                self.new_item(
                    "safeguard", item.level + 1, None, title=title, text=rest
                ).blocks = item.blocks
            return
        for child in node.children:
            head = child.head.text
            title, rest = split_title(head)
            if not title and not is_finished(head) and len(head) <= 30:
                title, rest = head, ""
            text = "".join([rest] + [p.text for p in child.paras])
            text, roles = take_assignment(text)
            safeguard = self.new_item("safeguard", item.level + 1, child, title=title, text=text)
            if roles:
                self.assign(safeguard, roles.lead, roles.co)
            for grandchild in child.children:
                safeguard.text += grandchild.printed + self._all_text(grandchild)

    def read_duties(self, item: Item, node: Node, texts: list[str]) -> None:
        """职责分工: lines naming a task (by number or title) and its departments."""
        from ipdesk.reader.tables import find_task, roles_of

        lines: list[tuple[str, list[int]]] = [(t, item.blocks) for t in texts]

        def collect(child: Node) -> None:
            lines.append((child.printed + child.head.text, list(child.head.blocks)))
            lines.extend((p.text, p.blocks) for p in child.paras)
            for grandchild in child.children:
                collect(grandchild)

        for child in node.children:
            collect(child)
        for text, blocks in lines:
            ref, roles = roles_of(text)
            task = find_task(self.plan, ref) if ref else None
            if task is not None and roles:
                self.assign(task, roles.lead, roles.co)
            else:
                self.plan.unread.append(Unread(text, blocks, "职责分工中未找到对应任务"))


def _phase_name(head: str) -> str:
    name = re.sub(r"[（(][^（）()]*\d{4}[^（）()]*[)）]", "", head)
    name = re.sub(r"\d{4}\s*年.*$", "", name)
    return name.strip("：:，, ") or head


def read_source(source: SourceDocument) -> ReadPlan:
    return Reader(source).read()
