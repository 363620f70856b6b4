"""`ipdesk send`: the file a department sends back (DESIGN.md §3 and §4).

Never the live file with its -wal: a new file holding the department's own rows with
their history and evidence files, and a manifest signed with the department's key.
Of the plan it carries what those rows refer to (their tasks and milestones with the
tasks above them, the departments they name; the plan, its sections, phases and
indicators) and any
row of the plan this file changed since it was issued — which the master quarantines,
so the coordinator sees it. The rest of the plan and other departments' rows (copies
the coordinator already has) are left out: a row missing from a file means nothing to
the merge. A master file gets a plain clean copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

import ipdesk
from ipdesk.errors import BadInput, NotAllowed
from ipdesk.merge import manifest, travel
from ipdesk.merge.engine import last_issued_hlc
from ipdesk.messages import message
from ipdesk.store import clock, keys
from ipdesk.store.files import clean_copy, file_meta
from ipdesk.store.schema import DEPARTMENT_TABLES

# A row of the plan this file changed since it was issued: written here, after the
# newest issued file it is built on (every row that came with one is older than it).
CHANGED = "hlc > :issued"
# The tasks the department's rows (and the plan rows the file changed) refer to, and the
# tasks above them.
TASKS = """(WITH RECURSIVE used(id) AS (
        SELECT task_id FROM src.progress_reports WHERE department_id = :dept
        UNION SELECT task_id FROM src.evidence WHERE department_id = :dept
            AND task_id IS NOT NULL
        UNION SELECT m.task_id FROM src.milestones m JOIN src.milestone_actuals a
            ON a.milestone_id = m.id WHERE a.department_id = :dept
        UNION SELECT id FROM src.tasks WHERE hlc > :issued
        UNION SELECT task_id FROM src.milestones WHERE hlc > :issued
        UNION SELECT task_id FROM src.assignments WHERE hlc > :issued
        UNION SELECT t.parent_id FROM src.tasks t JOIN used u ON u.id = t.id
            WHERE t.parent_id IS NOT NULL)
    SELECT id FROM used)"""
# The departments those rows refer to: its own, the ones designated for an indicator,
# and the ones named by plan rows the file changed.
DEPARTMENTS = """(SELECT :dept
    UNION SELECT designated_department_id FROM src.indicators
    UNION SELECT department_id FROM src.assignments WHERE hlc > :issued
    UNION SELECT department_id FROM src.indicator_departments WHERE hlc > :issued
    UNION SELECT id FROM src.departments WHERE hlc > :issued)"""
SENT: travel.Selection = {
    "departments": f"id IN {DEPARTMENTS}",
    "tasks": f"id IN {TASKS}",
    "milestones": (
        "id IN (SELECT milestone_id FROM src.milestone_actuals WHERE department_id = :dept)"
        " OR hlc > :issued"
    ),
    "assignments": CHANGED,
    "indicator_departments": CHANGED,
    "indicator_milestones": CHANGED,
    "previous_figures": None,
    **{table: "department_id = :dept" for table in DEPARTMENT_TABLES},
    "row_history": travel.OWN_HISTORY,
    "blobs": travel.OWN_BLOBS,
}


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

    def finish_and_sign(conn: sqlite3.Connection) -> None:
        # The private key stays on this PC: whoever sees the sent file cannot sign as
        # the department with it.
        conn.execute("UPDATE file_meta SET signing_key = NULL")
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

    issued = last_issued_hlc(db.conn)
    return travel.build_file(
        db, out, SENT, {"dept": department_id, "issued": issued}, finish_and_sign
    )
