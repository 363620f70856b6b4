"""The signed manifest a travelling file carries (DESIGN.md §4 "Signed").

A department owns some rows: those of the department tables with its department_id,
and their revisions in row_history. When a file leaves a PC (`issue` or `send`), the
SHA-256 of each such row, in a canonical form, is written to manifest_rows, and an
HMAC-SHA256 with the department's key over those lines to manifest. The receiver
recomputes the hashes from the rows themselves: a row changed with the sqlite3 shell,
a flipped byte or a row added or removed outside IPDesk no longer matches, and a file
signed with another key fails the HMAC.

The canonical form is JSON made by Python (floats as their shortest round-trip text),
so two builds of IPDesk with different SQLite versions agree. Columns are read from
the file itself, so an older file is checked before it is migrated.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from ipdesk.store.schema import DEPARTMENT_TABLES

HISTORY = "row_history"
HISTORY_COLUMNS = (
    "rev_id",
    "tbl",
    "row_id",
    "parent_rev_id",
    "merged_rev_id",
    "site_id",
    "hlc",
    "deleted",
    "data",
)
VERSION_TAG = "ipdesk-manifest/1"


@dataclass(frozen=True)
class Manifest:
    kind: str
    plan_id: str
    department_id: str
    site_id: str
    hlc: str
    made_at: str
    app_version: str
    row_count: int
    signature: str


_ENCODER = json.JSONEncoder(
    ensure_ascii=False,
    separators=(",", ":"),
    allow_nan=False,
    default=lambda v: v.hex() if isinstance(v, bytes) else str(v),
)


def _canonical(values: tuple) -> bytes:
    return _ENCODER.encode(values).encode("utf-8")


def _columns(conn: sqlite3.Connection, table: str, schema: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def owned_rows(
    conn: sqlite3.Connection, department_id: str, schema: str = "main"
) -> Iterator[tuple[str, str, str, str]]:
    """(tbl, row_id, rev_id, hash) of every row `department_id` owns in the file."""
    for table in DEPARTMENT_TABLES:
        cols = _columns(conn, table, schema)
        cursor = conn.execute(
            f"SELECT {', '.join(cols)} FROM {schema}.{table} WHERE department_id = ?",
            [department_id],
        )
        id_at, rev_at = cols.index("id"), cols.index("rev_id")
        for row in cursor:
            digest = hashlib.sha256(table.encode() + b"\x1f" + _canonical(row)).hexdigest()
            yield table, row[id_at], row[rev_at], digest
    marks = ", ".join("?" for _ in DEPARTMENT_TABLES)
    cursor = conn.execute(
        f"SELECT {', '.join(HISTORY_COLUMNS)} FROM {schema}.row_history WHERE tbl IN ({marks})"
        " AND json_extract(data, '$.department_id') = ?",
        [*DEPARTMENT_TABLES, department_id],
    )
    for row in cursor:
        digest = hashlib.sha256(HISTORY.encode() + b"\x1f" + _canonical(row)).hexdigest()
        yield HISTORY, row[0], row[0], digest


def _mac(key: str, header: Manifest, lines: list[tuple[str, str, str, str]]) -> str:
    mac = hmac.new(bytes.fromhex(key), digestmod=hashlib.sha256)
    head = (
        VERSION_TAG,
        header.kind,
        header.plan_id,
        header.department_id,
        header.site_id,
        header.hlc,
        header.made_at,
        header.app_version,
        str(header.row_count),
    )
    mac.update("\x1e".join(head).encode("utf-8") + b"\n")
    for line in sorted(lines):
        mac.update("\x1f".join(line).encode("utf-8") + b"\n")
    return mac.hexdigest()


def sign(
    conn: sqlite3.Connection,
    *,
    kind: str,
    plan_id: str,
    department_id: str,
    key: str,
    site_id: str,
    hlc: str,
    made_at: str,
    app_version: str,
) -> Manifest:
    """Write the manifest of `department_id`'s rows into the file on `conn` (the
    caller's transaction), replacing any older one."""
    lines = list(owned_rows(conn, department_id))
    draft = Manifest(
        kind, plan_id, department_id, site_id, hlc, made_at, app_version, len(lines), ""
    )
    signature = _mac(key, draft, lines)
    conn.execute("DELETE FROM manifest_rows")
    conn.execute("DELETE FROM manifest")
    conn.executemany(
        "INSERT INTO manifest_rows (tbl, row_id, rev_id, hash) VALUES (?, ?, ?, ?)", lines
    )
    conn.execute(
        "INSERT INTO manifest (id, kind, plan_id, department_id, site_id, hlc, made_at,"
        " app_version, row_count, signature) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [kind, plan_id, department_id, site_id, hlc, made_at, app_version, len(lines), signature],
    )
    return Manifest(
        kind, plan_id, department_id, site_id, hlc, made_at, app_version, len(lines), signature
    )


def read(conn: sqlite3.Connection, schema: str = "main") -> Manifest | None:
    """The file's manifest, or None when it has none (or no manifest table at all)."""
    try:
        row = conn.execute(
            f"SELECT kind, plan_id, department_id, site_id, hlc, made_at, app_version, row_count,"
            f" signature FROM {schema}.manifest"
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    return Manifest(*row) if row else None


@dataclass(frozen=True)
class Verdict:
    """What verifying a manifest found: authentic (the HMAC matches the key) and the
    rows that do not match it."""

    authentic: bool
    changed: list[tuple[str, str]]
    added: list[tuple[str, str]]
    removed: list[tuple[str, str]]

    @property
    def ok(self) -> bool:
        return self.authentic and not (self.changed or self.added or self.removed)

    def examples(self, limit: int = 3) -> str:
        found = self.changed + self.added + self.removed
        return ", ".join(f"{t}/{r[:8]}" for t, r in found[:limit])

    @property
    def count(self) -> int:
        return len(self.changed) + len(self.added) + len(self.removed)


def verify(conn: sqlite3.Connection, manifest: Manifest, key: str, schema: str = "main") -> Verdict:
    """Check the stored manifest against `key` and against the rows in the file."""
    stored = [
        tuple(r)
        for r in conn.execute(f"SELECT tbl, row_id, rev_id, hash FROM {schema}.manifest_rows")
    ]
    authentic = len(stored) == manifest.row_count and hmac.compare_digest(
        _mac(key, manifest, stored), manifest.signature
    )
    signed = {(t, r): (rev, h) for t, r, rev, h in stored}
    actual = {(t, r): (rev, h) for t, r, rev, h in owned_rows(conn, manifest.department_id, schema)}
    changed = sorted(k for k in signed.keys() & actual.keys() if signed[k] != actual[k])
    added = sorted(actual.keys() - signed.keys())
    removed = sorted(signed.keys() - actual.keys())
    return Verdict(authentic, changed, added, removed)
