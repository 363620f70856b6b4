"""The helpers every read module uses: rows as dicts, period texts parsed once, and a
bulk read kept out of the garbage collector's way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def bulk_build() -> Iterator[None]:
    """While a book builds its few hundred thousand objects (a city-scale file), the
    cyclic garbage collector is paused: none of them is garbage, yet each generation-0
    overflow would have it walk them (~0.1 s of the 0.5 s of reading the indicators at
    city scale). It runs again as before afterwards; the books then move their objects
    out of its way for good (ipdesk.read.lights: gc.freeze)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def settle() -> None:
    """The objects alive now — a plan's books, held while a file is open
    (ipdesk.read.lights) or while a sheet is made (ipdesk.read.snapshot) — are moved out
    of the cyclic garbage collector's way (gc.freeze: no longer scanned; freed as usual
    when their last reference goes). Otherwise each full collection walks their few
    hundred thousand objects: a pause of a tenth of a second in the middle of an edit, and
    ~0.3 s of making a city-scale sheet.

    Garbage waiting for a collection is collected first (~0.1 s at city scale): frozen, it
    would never be freed — a sheet made before would stay in memory for good."""
    gc.collect()
    gc.freeze()
