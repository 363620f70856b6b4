"""`ipdesk read-plan DOC [--json]`: what IPDesk reads from a plan document; nothing
is written."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ipdesk.messages import Message, message
from ipdesk.plan.rules import comparator_sign


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


def _words(key: str) -> Message:
    """A heading word of the summary, both languages ("计划 / plan")."""
    return message(f"word.{key}")


def summary(data: dict[str, Any]) -> str:
    """The plan as read, for a person: counts, phases, tasks, targets, unread."""
    # Imported here, as read_document is: the reader is not loaded for other commands
    # (`ipdesk gui` starts ~20 ms sooner without it).
    from ipdesk.reader.targets import COMPARATORS

    kinds: dict[str, int] = {}
    for t in data["tasks"]:
        kinds[t["kind"]] = kinds.get(t["kind"], 0) + 1
    w = _words
    lines = [
        f"{w('plan')}: {data['title'] or w('no_title')}",
        f"{w('issued_by')}: {data['issuer'] or '—'}  {w('date')}: {data['date'] or '—'}"
        f"  {w('document_number')}: {data['document_number'] or '—'}",
        " · ".join(
            f"{w(word)} {count}"
            for word, count in (
                ("tasks", kinds.get("task", 0)),
                ("subtasks", kinds.get("subtask", 0)),
                ("activities", kinds.get("activity", 0)),
                ("safeguards", kinds.get("safeguard", 0)),
                ("phases", len(data["phases"])),
                ("indicators", len(data["indicators"])),
                ("departments", len(data["departments"])),
                ("unread", len(data["unread"])),
            )
        ),
        "",
        f"{w('phases')}:",
    ]
    lines += [f"  {p['code']:<6} {p['name']}  {p['start']} — {p['end']}" for p in data["phases"]]
    lines += ["", f"{w('targets')}:"]
    for i in data["indicators"]:
        sign = comparator_sign(COMPARATORS[i["comparator"]])
        target = w("yes") if i["target"] is None else f"{sign} {_number(i['target'])} {i['unit']}"
        lines.append(f"  {i['code']:<8} {i['name']}  {target}  [{i['kind']}]  ← {i['text']}")
    lines += ["", f"{w('tasks')}:"]
    for t in data["tasks"]:
        who = ""
        if t["lead"] or t["co"]:
            who = f"  牵头 {('、'.join(t['lead']) or '—')}；配合 {('、'.join(t['co']) or '—')}"
        head = t["title"] or t["text"][:30] + ("…" if len(t["text"]) > 30 else "")
        lines.append(f"  {'  ' * (t['level'] - 2)}{t['code']:<9} {head}{who}")
    if data["departments"]:
        names = "、".join(d["name"] for d in data["departments"])
        lines += ["", f"{w('departments')}: {names}"]
    lines += ["", f"{w('unread')} ({len(data['unread'])}):"]
    lines += [f"  · {u}" for u in data["unread"]] or [f"  {w('none')}"]
    return "\n".join(lines) + "\n"


def register(sub: Any) -> None:
    register_read_plan(sub, "read-plan")
