"""Finding tasks, indicators and departments by code or by a fragment of their name
(DESIGN.md §8): exactly one match is needed; otherwise the candidates are listed."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from ipdesk.errors import NameNotFound
from ipdesk.messages import Message
from ipdesk.plan.codes import display_code


@dataclass(frozen=True)
class Named:
    id: str
    code: str
    name: str


def _pick(kind: str, text: str, rows: list[tuple[str, str, list[str]]]) -> Named:
    """rows: (id, code, names); a code or display code matches exactly, else a fragment.
    kind: "department", "task" or "indicator" (its word: thing.KIND in ipdesk/messages)."""
    wanted = text.strip()
    for row_id, code, names in rows:
        if wanted in (code, display_code(code)) or any(wanted == n for n in names if n):
            return Named(row_id, code, names[0])
    hits = [(i, c, n) for i, c, n in rows if wanted and any(wanted in x for x in n if x)]
    if len(hits) == 1:
        row_id, code, names = hits[0]
        return Named(row_id, code, names[0])
    raise NameNotFound(Message(f"thing.{kind}"), text, [f"{c} {n[0]}" for _, c, n in hits])


def find_department(db: sqlite_utils.Database, text: str) -> Named:
    rows = [
        (i, c, [s, n])
        for i, c, s, n in db.execute(
            "SELECT id, code, short_name, name FROM departments WHERE deleted = 0 ORDER BY sort"
        )
    ]
    return _pick("department", text, rows)


def find_task(db: sqlite_utils.Database, text: str) -> Named:
    rows = [
        (i, c, [t or x[:30], x])
        for i, c, t, x in db.execute(
            "SELECT id, code, title, text FROM tasks WHERE deleted = 0 ORDER BY sort"
        )
    ]
    return _pick("task", text, rows)


def find_indicator(db: sqlite_utils.Database, text: str) -> Named:
    rows = [
        (i, c, [n, x])
        for i, c, n, x in db.execute(
            "SELECT id, code, name, text FROM indicators WHERE deleted = 0 ORDER BY sort"
        )
    ]
    return _pick("indicator", text, rows)
