"""The plan as read, as a template for the one master builder
(`ipdesk.templates.build.populate`): plan dates from the phases and the goals'
`到2025年`, department codes, the kinds of items mapped onto sections, tasks,
phases, activities, safeguards and indicators."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ipdesk.reader import dates
from ipdesk.reader.departments import short_form
from ipdesk.reader.model import ReadPlan
from ipdesk.reader.targets import COMPARATORS

COORDINATOR = "协调办公室"
DESIGNATED_KINDS = ("level", "rate", "score", "yesno")


def plan_dates(plan: ReadPlan) -> tuple[date, date, date]:
    """(start, target date, end): the first phase's start, the year the goals aim at
    (or the end of the last phase before 检查验收), the last phase's end."""
    phases = [p for p in plan.phases() if p.start and p.end]
    starts = [date.fromisoformat(p.start) for p in phases if p.start]
    ends = [date.fromisoformat(p.end) for p in phases if p.end]
    years = dates.title_years(plan.title)
    goals_text = " ".join(i.text for i in plan.items if i.kind == "goals")
    aim = dates.aim_year(goals_text) or dates.aim_year(plan.intro)
    start = min(starts) if starts else date(years[0], 1, 1) if years else _month_start()
    working = [
        date.fromisoformat(p.end)
        for p in phases
        if p.end and not re.search(r"验收|总结|评估|考核", p.title)
    ]
    if aim and date(aim, 12, 31) > start:
        target = date(aim, 12, 31)
    elif working:
        target = max(working)
    elif years:
        target = date(years[1], 12, 31)
    else:
        target = date(start.year + 2, 12, 31)
    if target <= start:
        target = date(start.year, 12, 31) if start.month < 12 else date(start.year + 1, 12, 31)
    end = max([target, *ends])
    return start, target, end


def _month_start() -> date:
    from ipdesk.store import clock

    today = clock.today()
    return today.replace(day=1)


def _department_kind(name: str) -> str:
    if re.search(r"街道|镇$|乡$", name):
        return "street"
    if re.search(r"法院|检察院", name):
        return "judicial"
    if re.search(r"管委会|管理委员会|园区|开发区|软件谷|高新区", name):
        return "park"
    if re.search(r"^(区|县|市)委|宣传部|组织部|统战部|政法委|编办", name):
        return "party"
    if re.search(r"局|委员会|委$|办$|办公室", name):
        return "bureau"
    return "other"


def departments_of(plan: ReadPlan, coordinator: str | None = None) -> list[dict[str, Any]]:
    """Department rows: codes d001…, short names unique; one is the coordinator — the
    one named, else the department leading most tasks, else a 协调办公室 added."""
    names = list(plan.departments)
    if coordinator is None:
        counts: dict[str, int] = {}
        for t in plan.tasks():
            for name in t.lead:
                counts[name] = counts.get(name, 0) + 1
        coordinator = max(counts, key=lambda n: counts[n]) if counts else COORDINATOR
    if coordinator not in names:
        names.insert(0, coordinator)
    rows, shorts = [], set()
    for n, name in enumerate(names, start=1):
        short = short_form(name)
        while short in shorts:
            short += "·"
        shorts.add(short)
        rows.append(
            {
                "code": f"d{n:03d}",
                "name": name,
                "short": short,
                "kind": "coordinator" if name == coordinator else _department_kind(name),
                "coordinator": name == coordinator,
            }
        )
    return rows


def to_template(plan: ReadPlan, coordinator: str | None = None) -> dict[str, Any]:
    """A template dict (the shape of resources/templates/*.json) for `populate`."""
    plan.renumber()
    start, target, end = plan_dates(plan)
    depts = departments_of(plan, coordinator)
    code_of = {d["name"]: d["code"] for d in depts}
    coordinator_code = next(d["code"] for d in depts if d["coordinator"])
    by_id = {i.id: i for i in plan.items}

    def codes(names: list[str]) -> list[str]:
        return [code_of[n] for n in names if n in code_of]

    def section_of(item_id: int) -> str | None:
        item = by_id.get(item_id)
        while item is not None:
            if item.kind not in ("task", "subtask", "activity", "safeguard", "phase"):
                return item.code
            item = by_id.get(item.parent) if item.parent is not None else None
        return None

    t: dict[str, Any] = {
        "template": None,
        "name": plan.title or "新的工作计划",
        "short_name": short_name(plan.title) or "新的工作计划",
        "district": district(plan.title),
        "reporting": "quarterly",
        "deadline_days": 5,
        "tolerance": 0.8,
        "start": start.isoformat(),
        "target_date": target.isoformat(),
        "end": end.isoformat(),
        "intro": plan.intro,
        "sections": [],
        "parts": [],
        "goal_groups": [],
        "areas": [],
        "tasks": [],
        "phases": [],
        "safeguards": [],
        "indicators": [],
        "departments": depts,
    }
    if plan.notice:
        t["sections"].append(
            {"code": "0", "kind": "preamble", "title": "印发通知", "text": "\n".join(plan.notice)}
        )
    tasks_by_id: dict[int, dict[str, Any]] = {}
    phase_of: dict[int, dict[str, Any]] = {}
    previous_end = start - timedelta(days=1)
    for item in plan.items:
        parent = by_id.get(item.parent) if item.parent is not None else None
        if item.kind in ("preamble", "section", "goals", "duties") or (
            item.kind in ("tasks", "phases", "safeguards") and item.text
        ):
            kind = "goals" if item.kind == "goals" else "preamble"
            t["sections"].append(
                {"code": item.code, "kind": kind, "title": item.title, "text": item.text}
            )
        elif item.kind in ("tasks", "phases", "safeguards"):
            t["parts"].append({"code": item.code, "title": item.title})
        elif item.kind == "goal_group":
            t["goal_groups"].append({"code": item.code, "title": item.title, "text": item.text})
        elif item.kind == "area":
            t["areas"].append({"code": item.code, "title": item.title, "text": item.text})
        elif item.kind == "phase":
            p_start = (
                date.fromisoformat(item.start) if item.start else previous_end + timedelta(days=1)
            )
            p_end = date.fromisoformat(item.end) if item.end else max(p_start, target)
            previous_end = p_end
            phase = {
                "code": item.code,
                "name": item.title,
                "start": p_start.isoformat(),
                "end": p_end.isoformat(),
                "activities": [],
            }
            phase_of[item.id] = phase
            t["phases"].append(phase)
        elif item.kind in ("task", "subtask", "activity", "safeguard"):
            row: dict[str, Any] = {
                "code": item.code,
                "label": item.number
                if item.kind == "subtask" and item.number.endswith("是")
                else "",
                "title": item.title,
                "text": item.text,
                "lead": codes(item.lead),
                "co": codes(item.co),
            }
            if item.end:
                row["due"] = item.end
            if item.kind == "subtask" and not (row["lead"] or row["co"]):
                del row["lead"], row["co"]  # the parent task's departments hold for it
            if item.kind == "subtask" and parent is not None and parent.id in tasks_by_id:
                tasks_by_id[parent.id].setdefault("subtasks", []).append(row)
            elif item.kind == "activity" and parent is not None and parent.id in phase_of:
                phase_of[parent.id]["activities"].append(row)
            elif item.kind == "safeguard":
                t["safeguards"].append(row)
            else:
                row["area"] = section_of(item.parent) if item.parent is not None else None
                t["tasks"].append(row)
            tasks_by_id[item.id] = row
    years = max(1, target.year - start.year + (1 if start.month <= 6 else 0))
    for ind in plan.indicators:
        holder = by_id.get(ind.item)
        responsible = codes(holder.lead + holder.co) if holder else []
        responsible = responsible or [coordinator_code]
        target_value = 1.0 if ind.target is None else ind.target * (years if ind.per_year else 1)
        t["indicators"].append(
            {
                "code": ind.code,
                "group": section_of(ind.item),
                "name": ind.name,
                "text": ind.text,
                "unit": ind.unit,
                "target": target_value,
                "comparator": COMPARATORS[ind.comparator],
                "kind": ind.kind,
                "aggregation": "designated" if ind.kind in DESIGNATED_KINDS else "sum",
                "baseline": None,
                "departments": list(dict.fromkeys(responsible)),
                "designated": responsible[0],
            }
        )
    return t


def short_name(title: str) -> str:
    """`南京市雨花台区国家知识产权强县建设试点县工作方案（2023-2025年）` →
    `雨花台区国家知识产权强县建设试点县`."""
    name = re.sub(r"[（(][^（）()]*[)）]$", "", title)
    name = re.sub(r"(的)?(工作|实施|行动)?方案$|(三年)?行动计划$|工作要点$", "", name)
    name = re.sub(r"^关于(印发)?《?", "", name)
    match = re.match(r"^[^市省]{2,6}[省市](?=.{2,6}[区县])", name)
    if match:
        name = name[match.end() :]
    return name.strip()


def district(title: str) -> str:
    match = re.match(r"^((?:[^省市]{2,7}[省市])?[^区县市]{2,7}[区县市旗])", title)
    return match.group(1) if match else ""
