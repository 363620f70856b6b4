"""`ipdesk send`: the file a department sends back (DESIGN.md §3 and §4).

Never the live file with its -wal: a clean copy (VACUUM INTO) holding the plan, the
department's own rows with their history and evidence files, and a manifest signed
with the department's key. Other departments' rows (read-only copies the coordinator
already has) are left out. A master file gets a plain clean copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

import ipdesk
from ipdesk.errors import BadInput, NotAllowed
from ipdesk.merge import manifest, travel
from ipdesk.messages import message
from ipdesk.store import clock, keys
from ipdesk.store.files import clean_copy, file_meta
from ipdesk.store.schema import DEPARTMENT_TABLES


def unsubmitted_periods(db: sqlite_utils.Database) -> list[str]:
    """The periods a department file holds its own rows for without having submitted
    them: sending such a file sends a draft (the window asks first)."""
    meta = file_meta(db)
    if meta.is_master:
        return []
    rows = db.execute(
        """SELECT DISTINCT period FROM (
            SELECT period FROM progress_reports WHERE department_id = :d AND deleted = 0
            UNION SELECT period FROM indicator_values WHERE department_id = :d AND deleted = 0
            UNION SELECT period FROM evidence WHERE department_id = :d AND deleted = 0
                AND period IS NOT NULL)
        WHERE period NOT IN (SELECT period FROM submissions WHERE department_id = :d
            AND deleted = 0 AND state IN ('submitted', 'approved'))
        ORDER BY period""",
        {"d": meta.department_id},
    ).fetchall()
    return [r[0] for r in rows]


def send_file(db: sqlite_utils.Database, out_path: str | Path) -> Path:
    """Write the file to send to `out_path` and return its path.

    Raises:
        BadInput: `out_path` is the open file itself.
        NotAllowed: a department file without its signing key.
    """
    out = Path(out_path)
    own = Path(db.execute("PRAGMA database_list").fetchone()[2]).resolve()
    if out.resolve() == own:
        raise BadInput(message("cli.output_must_not_file"))
    meta = file_meta(db)
    if meta.is_master:
        return clean_copy(db, out)
    department_id = meta.department_id or ""
    private, key_id, hlc = db.execute(
        "SELECT signing_key, key_id, hlc_last FROM file_meta"
    ).fetchone()
    if not private or not key_id:
        raise NotAllowed(
            message("send.department_file_has_no"),
        )
    signer = keys.KeyPair(key_id, private, keys.public_of(private))

    def trim_and_sign(conn: sqlite3.Connection) -> None:
        for table in DEPARTMENT_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE department_id <> ?", [department_id])
        # The private key stays on this PC: whoever sees the sent file cannot sign as
        # the department with it.
        conn.execute("UPDATE file_meta SET signing_key = NULL")
        travel.trim_to_department(conn, department_id)
        manifest.sign(
            conn,
            kind="sent",
            plan_id=meta.plan_id,
            department_id=department_id,
            signer=signer,
            site_id=clock.site_id(),
            hlc=hlc,
            made_at=clock.now_text(),
            app_version=ipdesk.__version__,
            site_name=clock.site_name(),
        )

    return travel.make_copy(db, out, trim_and_sign)
