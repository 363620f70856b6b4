"""Tables in a plan document: a task list (often the annex 重点任务清单) with
序号 / 任务 / 牵头单位 / 责任单位 / 配合单位 / 时限 columns — merged cells arrive
repeated in each row they cover — and an indicator table (指标 / 目标值 / 单位).
Rows are matched to the tasks read from the text; when the text has no tasks the
table is the task list. A table or row that fits nowhere goes to `unread`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ipdesk.reader import dates
from ipdesk.reader.departments import ROLE_RE, Assignment, parse_roles, split_names
from ipdesk.reader.model import Indicator, Item, ReadPlan, Unread
from ipdesk.reader.numbering import marker
from ipdesk.reader.targets import find_targets
from ipdesk.reader.text import tidy

if TYPE_CHECKING:
    from ipdesk.reader.structure import Para, Reader

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "任务编号"),
    "area": ("重点领域", "工作领域", "领域", "类别", "板块", "项目类别"),
    "task": (
        "重点任务",
        "工作任务",
        "任务内容",
        "具体任务",
        "主要任务",
        "工作内容",
        "主要内容",
        "工作措施",
        "任务",
        "具体措施",
    ),
    "lead": ("牵头单位", "牵头部门", "牵头"),
    "resp": ("责任单位", "责任部门", "主责单位"),
    "co": ("配合单位", "配合部门", "协办单位", "参与单位"),
    "due": ("完成时限", "时限", "完成时间", "时间节点", "完成期限", "进度安排"),
    "indicator": ("指标名称", "指标", "目标指标"),
    "target": ("目标值", "目标", "预期目标", "预期值"),
    "unit": ("单位", "计量单位"),
}


def _norm(text: str) -> str:
    return re.sub(r"[\s、.．:：,，。；;（）()]", "", text)


def _columns(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for n, cell in enumerate(row):
        word = re.sub(r"\s+", "", cell)
        for key, names in COLUMNS.items():
            if key in found:
                continue
            if word in names or (
                key in ("task", "indicator", "target") and any(word.startswith(x) for x in names)
            ):
                found[key] = n
                break
            if key == "target" and re.fullmatch(r"\d{4}年(目标|目标值)?", word):
                found[key] = n
                break
    return found


def read_tables(reader: Reader, table_blocks: list[int], annex: list[Para]) -> None:
    plan = reader.plan
    blocks = plan.source.blocks
    by_table: dict[int, list[int]] = {}
    for index in table_blocks:
        by_table.setdefault(blocks[index].table or 0, []).append(index)
    annex_blocks = {b for p in annex for b in p.blocks}
    for rows in by_table.values():
        header_at = next(
            (
                n
                for n, i in enumerate(rows[:3])
                if {"task", "indicator"} & set(_columns(blocks[i].cells or []))
            ),
            None,
        )
        if header_at is None:
            _unread_rows(plan, rows, "未识别的表格")
            continue
        cols = _columns(blocks[rows[header_at]].cells or [])
        body = rows[header_at + 1 :]
        if "indicator" in cols and "task" not in cols:
            _indicator_table(reader, body, cols)
        else:
            _task_table(reader, body, cols)
    # Annex paragraphs that are not its title are not read as plan text.
    for p in annex:
        if not any(b in annex_blocks and blocks[b].cells is not None for b in p.blocks):
            if not re.match(r"^附\s*件", p.text) and not re.search(
                r"(清单|分解表|一览表|任务表)$", p.text
            ):
                plan.unread.append(Unread(p.text, p.blocks, "附件中的文字"))


def _unread_rows(plan: ReadPlan, rows: list[int], reason: str) -> None:
    for i in rows:
        plan.unread.append(Unread(plan.source.blocks[i].text, [i], reason))


def _cell(cells: list[str], cols: dict[str, int], key: str) -> str:
    n = cols.get(key)
    return tidy(cells[n]) if n is not None and n < len(cells) else ""


def _roles(cells: list[str], cols: dict[str, int]) -> Assignment:
    lead = split_names(_cell(cells, cols, "lead"))
    resp = split_names(_cell(cells, cols, "resp"))
    co = split_names(_cell(cells, cols, "co"))
    if lead:
        co = co + [r for r in resp if r not in lead]
    else:
        lead, co = resp[:1], resp[1:] + co
    return Assignment(lead, co)


def _task_table(reader: Reader, rows: list[int], cols: dict[str, int]) -> None:
    plan = reader.plan
    blocks = plan.source.blocks
    body_tasks = [i for i in plan.items if i.kind in ("task", "subtask", "activity", "safeguard")]
    part: Item | None = None
    area: Item | None = None
    area_name = ""
    for i in rows:
        cells = blocks[i].cells or []
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        if len(set(filled)) == 1 and len(cells) > 2:
            area_name = tidy(filled[0])  # a heading row merged across the table
            if not body_tasks:
                part, area = _area(reader, part, area_name, i)
            continue
        text = _cell(cells, cols, "task")
        if not text:
            _unread_rows(plan, [i], "表格行中没有任务内容")
            continue
        roles = _roles(cells, cols)
        due = dates.span(_cell(cells, cols, "due"))
        row_area = _cell(cells, cols, "area")
        task = match_task(body_tasks, text) if body_tasks else None
        if task is None and body_tasks:
            _unread_rows(plan, [i], "表格中的任务在正文中找不到")
            continue
        if task is None:
            if row_area and row_area != area_name:
                area_name = row_area
                part, area = _area(reader, part, area_name, i)
            if part is None:
                part, area = _area(reader, None, "", i)
            mark = marker(text)
            body = mark.rest if mark else text
            from ipdesk.reader.structure import split_title

            title, rest = split_title(body)
            level = (area.level if area else part.level) + 1
            task = reader.new_item("task", level, None, title=title, text=rest)
            task.number = _cell(cells, cols, "number")
            reader.add_targets(task, rest, [i], False)
        task.blocks = sorted(set(task.blocks + [i]))
        if roles:
            reader.assign(task, roles.lead, roles.co)
        if due is not None:
            task.end = dates.iso(due[1])


def _area(reader: Reader, part: Item | None, name: str, block: int) -> tuple[Item, Item | None]:
    if part is None:
        part = reader.new_item("tasks", 0, None, title="重点任务", blocks=[block])
    if not name:
        return part, None
    mark = marker(name)
    area = reader.new_item("area", 1, None, title=mark.rest if mark else name, blocks=[block])
    area.number = mark.printed if mark else ""
    return part, area


def _indicator_table(reader: Reader, rows: list[int], cols: dict[str, int]) -> None:
    plan = reader.plan
    blocks = plan.source.blocks
    holder = next((i for i in plan.items if i.kind == "goals"), None)
    if holder is None:
        holder = reader.new_item("goals", 0, None, title="主要指标", blocks=rows[:1])
    for i in rows:
        cells = blocks[i].cells or []
        name = _cell(cells, cols, "indicator")
        target = _cell(cells, cols, "target")
        unit = _cell(cells, cols, "unit")
        found = find_targets(target_phrase(name, target, unit), title=plan.title, goals=True)
        if not name or not found:
            _unread_rows(plan, [i], "指标表中读不出目标值")
            continue
        t = found[0]
        plan.indicators.append(
            Indicator(
                id=10000 + len(plan.indicators),
                item=holder.id,
                name=name,
                target=t.target,
                unit=t.unit,
                comparator=t.comparator,
                kind=t.kind,
                text=" | ".join(c for c in cells if c),
                blocks=[i],
                per_year=t.per_year,
            )
        )


def match_task(tasks: list[Item], text: str) -> Item | None:
    """The task a table row or a 职责分工 line speaks of: same title, or one text
    containing the other."""
    key = _norm(text)
    mark = marker(text)
    if mark:
        key = _norm(mark.rest)
    if not key:
        return None
    for task in tasks:
        if task.title and _norm(task.title) == key:
            return task
    for task in tasks:
        whole = _norm(task.title + task.text)
        if task.title and (key.startswith(_norm(task.title)) or _norm(task.title).startswith(key)):
            return task
        if len(key) >= 8 and (key in whole or (len(whole) >= 8 and whole in key)):
            return task
    return None


def printed_number(plan: ReadPlan, item: Item) -> str:
    parts = [a.number for a in reversed(plan.ancestors(item))] + [item.number]
    return _norm("".join(parts)).replace("(", "（")


def find_task(plan: ReadPlan, ref: str) -> Item | None:
    """A task named by its number (三（一）1, （一）1, 1, 第3项, 任务3) or its title."""
    plan.renumber()
    tasks = plan.tasks()
    ref = ref.strip()
    key = _norm(ref)
    ordinal = re.fullmatch(r"(?:第|任务)?(\d+)(?:项|条)?(?:任务)?", key)
    for task in tasks:
        number = printed_number(plan, task)
        part = plan.ancestors(task)[-1] if plan.ancestors(task) else None
        within = number.removeprefix(_norm(part.number)) if part is not None else number
        if key and key in (number, within):
            return task
        if task.code == ref:
            return task
    if ordinal and key.startswith(("第", "任务")):
        n = int(ordinal.group(1))
        top = [t for t in tasks if t.kind == "task"]
        return top[n - 1] if 0 < n <= len(top) else None
    return match_task(tasks, ref)


def roles_of(text: str) -> tuple[str, Assignment]:
    """A 职责分工 line: (what it refers to, departments)."""
    text = tidy(text)
    role = ROLE_RE.search(text)
    if role:
        return text[: role.start()].strip("：:，,；;（( "), parse_roles(text[role.start() :])
    match = re.search(
        r"[：:]?\s*([^：:，,；;]+?)牵头[，,；;]?\s*(?:([^：:，,；;]+?)(?:等单位|等部门)?配合)?[。；]?$",
        text,
    )
    if match:
        ref = text[: match.start()].strip("：:，,；; ")
        return ref, Assignment(split_names(match.group(1)), split_names(match.group(2) or ""))
    return "", Assignment()


_SIGN_WORDS = {"≥": "不低于", ">": "超过", "≤": "不超过", "<": "低于", "≈": "约", "=": "保持在"}


def target_phrase(name: str, cell: str, unit: str) -> str:
    """A table's 指标 / 目标值 / 单位 as the sentence the target rules read:
    (专利代理率, 85以上, %) → 专利代理率达85%以上; (…, ≥12, 件) → …不低于12件."""
    match = re.match(r"^\s*([^\d]*?)\s*(\d+(?:\.\d+)?)\s*(.*)$", cell)
    if not match:
        return ""
    before, number, after = match.groups()
    before = _SIGN_WORDS.get(before.strip(), before.strip()) or "达"
    after = after.strip()
    if unit and not after.startswith(unit):
        after = unit + after
    return f"{name}{before}{number}{after}"
