"""The attacker's toolkit: what a department (or anyone holding its files) can do with
nothing but the sqlite3 shell and IPDesk's own code.

A department holds its working file, and in it its own private key, so it can always
make a file that carries a valid signature of its own: `ipdesk send` signs whatever
the file holds, and IPDesk's signing code can sign a file `send` would have trimmed.
The defences are judged by what reaches the master, not by the messages."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

from ipdesk.merge import manifest
from ipdesk.store import keys
from ipdesk.store.schema import DEPARTMENT_TABLES, REPLICATED_TABLES
from tests.merge.helpers import query

ATTACKER_PC = "attacker-pc"
FUTURE = "9999999999999.0000"  # an HLC later than anything honest


def raw(path: Path, sql: str) -> None:
    """Change a file as the sqlite3 shell would: triggers run, so every new revision
    is recorded in its history as if IPDesk had written it (shipped history)."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(sql)
    finally:
        conn.close()


def child_revision(table: str, where: str, **values: str) -> str:
    """SQL for a new revision of the rows matching `where` whose parent is their
    current revision — what an honest edit looks like to the merge. `values` are SQL
    expressions."""
    sets = ", ".join(f"{k} = {v}" for k, v in values.items())
    return (
        f"UPDATE {table} SET {sets}, parent_rev_id = rev_id, rev_id = '{uuid.uuid4()}',"
        f" site_id = '{ATTACKER_PC}', hlc = '{FUTURE}' WHERE {where};"
    )


def resign(path: Path, *, key_from: Path | None = None, kind: str = "sent") -> None:
    """Sign `path` again, whole, with the department key its own file_meta holds (or
    the one `key_from` holds), using IPDesk's own signing code and trimming nothing."""
    source = key_from or path
    private, key_id = query(source, "SELECT signing_key, key_id FROM file_meta")[0]
    signer = keys.KeyPair(key_id, private, keys.public_of(private))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        plan_id, dept, hlc = conn.execute(
            "SELECT plan_id, department_id, hlc_last FROM file_meta"
        ).fetchone()
        conn.execute("BEGIN")
        manifest.sign(
            conn,
            kind=kind,
            plan_id=plan_id,
            department_id=dept,
            signer=signer,
            site_id=ATTACKER_PC,
            hlc=hlc,
            made_at="2025-08-20T10:00:00+08:00",
            app_version="0.1.0",
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


def forged(working: Path, out: Path, sql: str) -> Path:
    """The department's working file, changed with `sql`, signed whole with its own
    key and nothing trimmed: the strongest file a department can send."""
    shutil.copyfile(working, out)
    raw(out, sql)
    resign(out)
    return out


def foreign_content(master: Path, department_id: str) -> dict[str, list[tuple]]:
    """Every row of the master that the department does not own: the plan and the
    other departments' rows. Nothing a department sends may change any of it."""
    out = {}
    for table in REPLICATED_TABLES:
        where = "WHERE department_id IS NOT ?" if table in DEPARTMENT_TABLES else ""
        params = [department_id] if where else []
        out[table] = query(master, f"SELECT * FROM {table} {where} ORDER BY id", params)
    return out


def quarantined(master: Path) -> list[tuple[str, str]]:
    return query(master, "SELECT tbl, reason_code FROM quarantine ORDER BY id")
