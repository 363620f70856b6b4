"""Helpers for the merge tests: playing the coordinator's PC and the departments' PCs."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from ipdesk.store.files import open_plan
from ipdesk.store.schema import REPLICATED_TABLES

COORDINATOR_PC = "coordinator-pc"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@contextlib.contextmanager
def on_pc(site: str, **env: str) -> Iterator[None]:
    """Run as another PC: its site id (and, say, a wrong clock via IPDESK_FAKE_NOW)."""
    saved = {k: os.environ.get(k) for k in ("IPDESK_SITE_ID", *env)}
    os.environ["IPDESK_SITE_ID"] = site
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def edit(path: Path, site: str, change: Callable, **env: str):
    """Open `path` on PC `site`, let `change(db)` edit it, close it."""
    with on_pc(site, **env):
        db = open_plan(path)
        try:
            return change(db)
        finally:
            db.close()


def send(path: Path, out: Path, site: str, **env: str) -> Path:
    from ipdesk.merge.send import send_file

    return edit(path, site, lambda db: send_file(db, out), **env)


def content(path: Path, *, history: bool = True) -> dict[str, list[tuple]]:
    """Every replicated row, and every revision in history (without the local time it
    was recorded), in a stable order: what "the same master" means."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in REPLICATED_TABLES
        }
        if history:
            out["row_history"] = conn.execute(
                "SELECT rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted,"
                " data FROM row_history ORDER BY rev_id"
            ).fetchall()
        return out
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(repr(content(path)).encode()).hexdigest()


def query(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def ids(path: Path) -> dict[str, str]:
    """Department code → id, and task / indicator code → id, of a plan file."""
    rows = query(
        path,
        "SELECT code, id FROM departments UNION ALL SELECT code, id FROM tasks"
        " UNION ALL SELECT 'i' || code, id FROM indicators",
    )
    return dict(rows)
