"""The signed manifest a travelling file carries (DESIGN.md §4 "Signed", docs/security.md).

A department owns some rows: those of the department tables with its department_id,
and their revisions in row_history. When a file leaves a PC (`issue` or `send`), the
SHA-256 of each such row, in a canonical form, is written to manifest_rows; the
SHA-256 digest of everything else in the file (every table but the manifest itself)
goes into the manifest row; and an Ed25519 signature over the manifest's header, the
digest and those lines, made with the signer's key (the coordinator's for an issued
file, the department's for a sent one). The receiver recomputes the hashes and the
digest from the file itself: a row changed with the sqlite3 shell, a flipped byte, a
row added or removed outside IPDesk no longer matches, and a file signed with any
other key fails the signature.

The canonical form is JSON made by Python (floats as their shortest round-trip text,
bytes by their SHA-256), so two builds of IPDesk with different SQLite versions agree.
Columns are read from the file itself.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import astuple, dataclass, replace

from ipdesk.store import keys
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
VERSION_TAG = "ipdesk-manifest/2"
# Tables the digest leaves out: the manifest (it holds the signature) and its lines
# (signed directly).
UNDIGESTED = ("manifest", "manifest_rows")


@dataclass(frozen=True)
class Manifest:
    """A signed file's manifest: what the file is, who signed it, how many rows."""

    kind: str
    plan_id: str
    department_id: str
    site_id: str
    hlc: str
    made_at: str
    app_version: str
    row_count: int
    key_id: str
    digest: str
    signature: str
    site_name: str = ""


def _default(value: object) -> str:
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    return str(value)


_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_default
)
# The C encoder `_ENCODER.encode` makes for every call, made once: the same text (it is
# the very function json uses), without building an encoder per row. Rows are flat, so
# no check for circular references is needed.
_c_encoder = getattr(json.encoder, "c_make_encoder", None)
_ROW_ENCODER = (
    _c_encoder(None, _default, json.encoder.encode_basestring, None, ":", ",", False, False, False)
    if _c_encoder is not None
    else None
)


def _canonical(values: tuple) -> bytes:
    if _ROW_ENCODER is not None:
        return "".join(_ROW_ENCODER(values, 0)).encode("utf-8")
    return _ENCODER.encode(values).encode("utf-8")


def _row_hashes(prefix: bytes, rows: Iterator[tuple]) -> list[bytes]:
    """The sorted SHA-256 of each row's canonical form after `prefix`."""
    sha = hashlib.sha256
    if _ROW_ENCODER is None:
        return sorted(sha(prefix + _canonical(row)).digest() for row in rows)
    encode, join = _ROW_ENCODER, "".join
    return sorted([sha(prefix + join(encode(row, 0)).encode("utf-8")).digest() for row in rows])


def _columns(conn: sqlite3.Connection, table: str, schema: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def owned_rows(
    conn: sqlite3.Connection, department_id: str, schema: str = "main"
) -> Iterator[tuple[str, str, str, str]]:
    """(tbl, row_id, rev_id, hash) of every row `department_id` owns in the file."""
    sha = hashlib.sha256
    for table in DEPARTMENT_TABLES:
        cols = _columns(conn, table, schema)
        cursor = conn.execute(
            f"SELECT {', '.join(cols)} FROM {schema}.{table} WHERE department_id = ?",
            [department_id],
        )
        id_at, rev_at = cols.index("id"), cols.index("rev_id")
        prefix = table.encode() + b"\x1f"
        for row in cursor:
            yield table, row[id_at], row[rev_at], sha(prefix + _canonical(row)).hexdigest()
    marks = ", ".join("?" for _ in DEPARTMENT_TABLES)
    cursor = conn.execute(
        f"SELECT {', '.join(HISTORY_COLUMNS)} FROM {schema}.row_history WHERE tbl IN ({marks})"
        " AND json_extract(data, '$.department_id') = ?",
        [*DEPARTMENT_TABLES, department_id],
    )
    prefix = HISTORY.encode() + b"\x1f"
    for row in cursor:
        yield HISTORY, row[0], row[0], sha(prefix + _canonical(row)).hexdigest()


def _digested_tables(conn: sqlite3.Connection, schema: str) -> list[str]:
    """Every table the digest covers, by name: all but SQLite's own and UNDIGESTED."""
    return [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        if r[0] not in UNDIGESTED
    ]


def _add_table(total: hashlib._Hash, prefix: bytes, cols: list[str], hashes: list[bytes]) -> None:
    """One table into the digest: its name and columns, its row count, its sorted row
    hashes."""
    total.update(prefix + _canonical(tuple(cols)) + len(hashes).to_bytes(8, "big"))
    for h in hashes:
        total.update(h)


def content_digest(conn: sqlite3.Connection, schema: str = "main") -> str:
    """The SHA-256 of everything in the file but the manifest: every row of every
    table, whatever its name (a table added outside IPDesk changes it too), in an
    order that does not depend on how SQLite stores them."""
    total = hashlib.sha256()
    for table in _digested_tables(conn, schema):
        cols = _columns(conn, table, schema)
        prefix = table.encode() + b"\x1f"
        hashes = _row_hashes(
            prefix, conn.execute(f'SELECT {", ".join(cols)} FROM {schema}."{table}"')
        )
        _add_table(total, prefix, cols, hashes)
    return total.hexdigest()


def owned_rows_and_digest(
    conn: sqlite3.Connection, department_id: str, schema: str = "main"
) -> tuple[list[tuple[str, str, str, str]], str]:
    """`owned_rows` and `content_digest` together, reading and hashing each row once
    (a department's row has the same hash in both; its history line is the history
    row without recorded_at). The same results as the two functions, which remain the
    definition."""
    owned: list[tuple[str, str, str, str]] = []
    total = hashlib.sha256()
    sha = hashlib.sha256
    marks = ", ".join(f"'{t}'" for t in DEPARTMENT_TABLES)
    for table in _digested_tables(conn, schema):
        cols = _columns(conn, table, schema)
        prefix = table.encode() + b"\x1f"
        listed = ", ".join(cols)
        hashes: list[bytes]
        if table in DEPARTMENT_TABLES:
            id_at, rev_at = cols.index("id"), cols.index("rev_id")
            rows = conn.execute(
                f'SELECT {listed}, department_id = ? FROM {schema}."{table}"', [department_id]
            )
            hashes = []
            for row in rows:
                data, mine = row[:-1], row[-1]
                digest = sha(prefix + _canonical(data)).digest()
                hashes.append(digest)
                if mine:
                    owned.append((table, data[id_at], data[rev_at], digest.hex()))
            hashes.sort()
        elif table == HISTORY and tuple(cols[: len(HISTORY_COLUMNS)]) == HISTORY_COLUMNS:
            line_prefix = HISTORY.encode() + b"\x1f"
            width = len(HISTORY_COLUMNS)
            rows = conn.execute(
                f"SELECT {listed}, CASE WHEN tbl IN ({marks}) THEN"
                f" json_extract(data, '$.department_id') = ? END FROM {schema}.{HISTORY}",
                [department_id],
            )
            hashes = []
            for row in rows:
                data, mine = row[:-1], row[-1]
                if mine and len(data) == width + 1:
                    # The history line is the row without its last column: one JSON text
                    # serves both ("[a,…,i]" and "[a,…,i,j]").
                    short = _canonical(data[:width])
                    full = short[:-1] + b"," + _canonical(data[width:])[1:]
                    owned.append((HISTORY, data[0], data[0], sha(line_prefix + short).hexdigest()))
                else:
                    full = _canonical(data)
                    if mine:
                        line = sha(line_prefix + _canonical(data[:width])).hexdigest()
                        owned.append((HISTORY, data[0], data[0], line))
                hashes.append(sha(prefix + full).digest())
            hashes.sort()
        else:
            if table == HISTORY:  # another shape of history: read as the definition does
                owned.extend(r for r in owned_rows(conn, department_id, schema) if r[0] == HISTORY)
            hashes = _row_hashes(prefix, conn.execute(f'SELECT {listed} FROM {schema}."{table}"'))
        _add_table(total, prefix, cols, hashes)
    return owned, total.hexdigest()


def _message(header: Manifest, lines: list[tuple[str, str, str, str]]) -> bytes:
    head: tuple[str, ...] = (
        VERSION_TAG,
        header.kind,
        header.plan_id,
        header.department_id,
        header.site_id,
        header.hlc,
        header.made_at,
        header.app_version,
        str(header.row_count),
        header.key_id,
        header.digest,
    )
    if header.site_name:  # (files made before PC names existed have none)
        head += (header.site_name,)
    parts = ["\x1e".join(head)]
    parts.extend("\x1f".join(line) for line in sorted(lines))
    return "\n".join(parts).encode("utf-8")


def sign(
    conn: sqlite3.Connection,
    *,
    kind: str,
    plan_id: str,
    department_id: str,
    signer: keys.KeyPair,
    site_id: str,
    hlc: str,
    made_at: str,
    app_version: str,
    site_name: str = "",
) -> Manifest:
    """Write the manifest of the file on `conn` (the caller's transaction), replacing
    any older one, signed with `signer`'s private key. Everything in the file must be
    as it will travel: the digest covers it all."""
    conn.execute("DELETE FROM manifest_rows")
    conn.execute("DELETE FROM manifest")
    lines = list(owned_rows(conn, department_id))
    conn.executemany(
        "INSERT INTO manifest_rows (tbl, row_id, rev_id, hash) VALUES (?, ?, ?, ?)", lines
    )
    draft = Manifest(
        kind,
        plan_id,
        department_id,
        site_id,
        hlc,
        made_at,
        app_version,
        len(lines),
        signer.key_id,
        content_digest(conn),
        "",
        site_name,
    )
    signed = replace(draft, signature=keys.sign(signer.private, _message(draft, lines)))
    # The columns are the Manifest's fields, in order.
    conn.execute(
        "INSERT INTO manifest (id, kind, plan_id, department_id, site_id, hlc, made_at,"
        " app_version, row_count, key_id, digest, signature, site_name)"
        " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        astuple(signed),
    )
    return signed


def read(conn: sqlite3.Connection, schema: str = "main") -> Manifest | None:
    """The file's manifest, or None when it has none (or no manifest table of this
    version at all)."""
    columns = {r[1] for r in conn.execute(f"PRAGMA {schema}.table_info(manifest)")}
    named = ", site_name" if "site_name" in columns else ""
    try:
        row = conn.execute(
            "SELECT kind, plan_id, department_id, site_id, hlc, made_at, app_version, row_count,"
            f" key_id, digest, signature{named} FROM {schema}.manifest"
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    return Manifest(*row) if row else None


@dataclass(frozen=True)
class Verdict:
    """What verifying a manifest found: authentic (the signature matches the key),
    whether the digest of the rest of the file matches, and the signed rows that do
    not match."""

    authentic: bool
    intact: bool
    changed: list[tuple[str, str]]
    added: list[tuple[str, str]]
    removed: list[tuple[str, str]]

    @property
    def ok(self) -> bool:
        return self.authentic and self.intact and not (self.changed or self.added or self.removed)

    def examples(self, limit: int = 3) -> str:
        found = self.changed + self.added + self.removed
        return ", ".join(f"{t}/{r[:8]}" for t, r in found[:limit])

    @property
    def count(self) -> int:
        return len(self.changed) + len(self.added) + len(self.removed)


def verify(
    conn: sqlite3.Connection, manifest: Manifest, public_key: str, schema: str = "main"
) -> Verdict:
    """Check the stored manifest against `public_key` and against the file's content."""
    stored = [
        tuple(r)
        for r in conn.execute(f"SELECT tbl, row_id, rev_id, hash FROM {schema}.manifest_rows")
    ]
    authentic = len(stored) == manifest.row_count and keys.verify(
        public_key, _message(manifest, stored), manifest.signature
    )
    signed = {(t, r): (rev, h) for t, r, rev, h in stored}
    lines, digest = owned_rows_and_digest(conn, manifest.department_id, schema)
    actual = {(t, r): (rev, h) for t, r, rev, h in lines}
    changed = sorted(k for k in signed.keys() & actual.keys() if signed[k] != actual[k])
    added = sorted(actual.keys() - signed.keys())
    removed = sorted(signed.keys() - actual.keys())
    intact = digest == manifest.digest
    return Verdict(authentic, intact, changed, added, removed)


def sent_file_intact(conn: sqlite3.Connection) -> bool:
    """For a file made by `send` (it holds no private key and a manifest of kind
    'sent'): whether its content still matches what was signed. Other files (a
    master, a department's working file) are not meant to stay as signed: True."""
    found = read(conn)
    private = conn.execute("SELECT signing_key FROM file_meta").fetchone()
    if found is None or found.kind != "sent" or (private and private[0]):
        return True
    stored = [tuple(r) for r in conn.execute("SELECT tbl, row_id, rev_id, hash FROM manifest_rows")]
    actual = list(owned_rows(conn, found.department_id))
    return sorted(stored) == sorted(actual) and content_digest(conn) == found.digest
