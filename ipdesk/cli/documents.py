"""`ipdesk read-plan DOC [--json]`: what IPDesk reads from a plan document; nothing
is written."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ipdesk.plan.rules import comparator_sign
from ipdesk.reader.targets import COMPARATORS


def register_read_plan(sub: Any, name: str) -> None:
    p = sub.add_parser(
        name, help="读取工作方案文件（不写入任何文件） what IPDesk reads from a plan document"
    )
    p.add_argument("document", help=".docx / .pdf / .html / .txt")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_read_plan)


def cmd_read_plan(args: argparse.Namespace) -> int:
    from ipdesk.reader import read_document

    plan = read_document(args.document)
    data = plan.to_json()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(summary(data))
    return 0


def _number(value: float | None) -> str:
    if value is None:
        return "是"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def summary(data: dict[str, Any]) -> str:
    """The plan as read, for a person: counts, phases, tasks, targets, unread."""
    kinds: dict[str, int] = {}
    for t in data["tasks"]:
        kinds[t["kind"]] = kinds.get(t["kind"], 0) + 1
    lines = [
        f"计划 plan: {data['title'] or '（未找到标题 no title found）'}",
        f"发文 issued by: {data['issuer'] or '—'}  日期 date: {data['date'] or '—'}"
        f"  文号 number: {data['document_number'] or '—'}",
        f"任务 tasks {kinds.get('task', 0)} · 子任务 sub-tasks {kinds.get('subtask', 0)} · "
        f"阶段工作 activities {kinds.get('activity', 0)} · 保障措施 safeguards "
        f"{kinds.get('safeguard', 0)} · 阶段 phases {len(data['phases'])} · 指标 indicators "
        f"{len(data['indicators'])} · 单位 departments {len(data['departments'])} · "
        f"未读 unread {len(data['unread'])}",
        "",
        "阶段 phases:",
    ]
    lines += [f"  {p['code']:<6} {p['name']}  {p['start']} — {p['end']}" for p in data["phases"]]
    lines += ["", "指标 targets:"]
    for i in data["indicators"]:
        sign = comparator_sign(COMPARATORS[i["comparator"]])
        target = "是 yes" if i["target"] is None else f"{sign} {_number(i['target'])} {i['unit']}"
        lines.append(f"  {i['code']:<8} {i['name']}  {target}  [{i['kind']}]  ← {i['text']}")
    lines += ["", "任务 tasks:"]
    for t in data["tasks"]:
        who = ""
        if t["lead"] or t["co"]:
            who = f"  牵头 {('、'.join(t['lead']) or '—')}；配合 {('、'.join(t['co']) or '—')}"
        head = t["title"] or t["text"][:30] + ("…" if len(t["text"]) > 30 else "")
        lines.append(f"  {'  ' * (t['level'] - 2)}{t['code']:<9} {head}{who}")
    if data["departments"]:
        lines += ["", "单位 departments: " + "、".join(d["name"] for d in data["departments"])]
    lines += ["", f"未读 unread ({len(data['unread'])}):"]
    lines += [f"  · {u}" for u in data["unread"]] or ["  （无 none）"]
    return "\n".join(lines) + "\n"


def register(sub: Any) -> None:
    register_read_plan(sub, "read-plan")
