"""What the reader finds in plan documents, for a person to look at (run as
``scripts/read_plan_report [DOC …]``; with no argument, the seed plan document in its
three formats): every target with its number, unit, comparator and kind, every
paragraph left unread, and the counts of each kind of item."""

from __future__ import annotations

import sys
from pathlib import Path

from ipdesk.paths import app_root
from ipdesk.plan.rules import comparator_sign
from ipdesk.reader import DocumentRefused, read_document
from ipdesk.reader.targets import COMPARATORS


def seed_documents() -> list[Path]:
    data = app_root() / "tests" / "data"
    return [data / f"plan_document.{ext}" for ext in ("txt", "docx", "pdf")]


def report(path: Path) -> tuple[str, tuple[int, ...]]:
    plan = read_document(path)
    plan.renumber()
    kinds = [i.kind for i in plan.items]
    counts = (
        len(plan.indicators),
        kinds.count("task"),
        kinds.count("subtask"),
        kinds.count("activity"),
        kinds.count("phase"),
        kinds.count("safeguard"),
        len(plan.departments),
        len(plan.unread),
    )
    lines = [f"== {path.name}  ({plan.source.format}, {len(plan.source.blocks)} blocks)"]
    lines.append(f"   title: {plan.title}")
    lines.append(
        "   indicators {} · tasks {} · sub-tasks {} · activities {} · phases {} · "
        "safeguards {} · departments {} · unread {}".format(*counts)
    )
    lines.append(f"   targets found ({len(plan.indicators)}):")
    for i in plan.indicators:
        if i.target is None:
            target = "yes/no"
        else:
            value = int(i.target) if float(i.target).is_integer() else i.target
            target = f"{comparator_sign(COMPARATORS[i.comparator])} {value} {i.unit}"
        lines.append(f"     {i.code:<8} {i.name} | {target} | {i.kind} | «{i.text}»")
    for p in plan.phases():
        lines.append(f"   phase {p.code} {p.title}: {p.start} .. {p.end}")
    lines.append(f"   unread ({len(plan.unread)}):")
    lines += [f"     · {u.text}  [{u.reason}]" for u in plan.unread] or ["     (none)"]
    return "\n".join(lines), counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or seed_documents()
    seen: dict[tuple[int, ...], list[str]] = {}
    status = 0
    for path in paths:
        try:
            text, counts = report(path)
        except DocumentRefused as exc:
            print(f"== {path.name}\n   refused: {exc}")
            status = 2
            continue
        print(text)
        print()
        seen.setdefault(counts, []).append(path.name)
    if len(paths) > 1:
        same = len(seen) == 1
        print("same counts in every document" if same else f"counts differ: {seen}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
