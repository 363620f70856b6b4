"""The two helpers every read module uses: rows as dicts, and period texts parsed once."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlite_utils

from ipdesk.plan.periods import Period


def rows(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """The result of a query as dicts by column name."""
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Period.parse, remembered: a big file repeats a few dozen period texts."""
    return Period.parse(text)
