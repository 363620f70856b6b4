"""Issuing department files (`ipdesk issue`).

A department file is made from the master for one department and carries what the
department needs: the whole plan; its own rows (editable), with their history and
evidence files; the review of its reports; and the progress of the tasks it shares with
others — every department's reports, milestone dates and evidence entries on those
tasks (and on the other sub-tasks of their parent tasks, whose lights depend on them),
and those departments' review states (read-only there: the store refuses any write the
department does not own, see ipdesk.store.authority). Other departments' work on tasks
it has no part in, their indicator values and their history stay in the master, as do
the coordinator's logs and the keys of other departments. The file holds its own
signing key and is signed (kind 'issued'), so the department's IPDesk can check it
before merging it into a file it already works in.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

import ipdesk
from ipdesk.errors import BadInput, NotAllowed
from ipdesk.merge import manifest, travel
from ipdesk.messages import message
from ipdesk.store import clock, edits, keys, lock, rows
from ipdesk.store.files import FileMeta, file_meta
from ipdesk.work import CancelToken, Progress

# The tasks whose progress a department file carries: those assigned to the department,
# and the other sub-tasks of their parents with the parents themselves (a parent task's
# light is its sub-tasks' together).
SHARED = """(
    SELECT task_id FROM src.assignments WHERE department_id = :dept AND deleted = 0
    UNION SELECT c.id FROM src.tasks c JOIN src.tasks t ON t.parent_id = c.parent_id
        JOIN src.assignments a ON a.task_id = t.id
        WHERE a.department_id = :dept AND a.deleted = 0 AND c.parent_id IS NOT NULL
    UNION SELECT t.parent_id FROM src.tasks t JOIN src.assignments a ON a.task_id = t.id
        WHERE a.department_id = :dept AND a.deleted = 0 AND t.parent_id IS NOT NULL)"""
# The departments working on those tasks (their review states light the tasks).
PARTNERS = f"""(SELECT department_id FROM src.assignments
    WHERE deleted = 0 AND task_id IN {SHARED})"""
ISSUED: travel.Selection = {
    "progress_reports": (
        "department_id = :dept",
        f"department_id <> :dept AND task_id IN {SHARED}",
    ),
    "milestone_actuals": (
        "department_id = :dept",
        "department_id <> :dept AND milestone_id IN"
        f" (SELECT id FROM src.milestones WHERE task_id IN {SHARED})",
    ),
    "evidence": ("department_id = :dept", f"department_id <> :dept AND task_id IN {SHARED}"),
    "indicator_values": "department_id = :dept",
    "submissions": (
        "department_id = :dept",
        f"department_id <> :dept AND department_id IN {PARTNERS}",
    ),
    "row_history": travel.OWN_HISTORY,
    "blobs": travel.OWN_BLOBS,
}


def _department(db: sqlite_utils.Database, department_id: str) -> tuple[str, str]:
    row = db.execute(
        "SELECT code, short_name FROM departments WHERE id = ? AND deleted = 0", [department_id]
    ).fetchone()
    if row is None:
        raise BadInput(message("issue.master_has_no_such"))
    return row


def _start_reporting(db: sqlite_utils.Database, department_id: str) -> None:
    """A department owes reports from its first issued file on (DESIGN §2 lights): the
    day is recorded when the department has none yet (the coordinator may set another)."""
    row = db.execute(
        "SELECT reporting_start FROM departments WHERE id = ?", [department_id]
    ).fetchone()
    if row and not row[0]:
        edits.save_department(db, department_id, reporting_start=clock.today().isoformat())


def _checked_target(
    master_db: sqlite_utils.Database, department_id: str, out_path: str | Path
) -> tuple[FileMeta, Path, Path]:
    """The master's meta, the file to write and the master's own path, once the master
    may issue for `department_id` into `out_path` (raises NotAllowed / BadInput)."""
    meta = file_meta(master_db)
    if not meta.is_master:
        raise NotAllowed(message("issue.only_coordinator_master_file"))
    _department(master_db, department_id)
    out = Path(out_path)
    own = Path(master_db.execute("PRAGMA database_list").fetchone()[2]).resolve()
    if out.resolve() == own:
        raise BadInput(message("issue.output_must_not_master"))
    return meta, out, own


def _finisher(
    plan_id: str,
    department_id: str,
    coordinator: keys.KeyPair,
    department: keys.KeyPair | None,
    hlc: str,
    made_at: str,
) -> Callable[[sqlite3.Connection], None]:
    """What turns a built copy into the department's file, signed by the coordinator:
    with the department's new key (an issued file), or none (an update file)."""

    def finish_and_sign(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE file_meta SET role = 'department', department_id = ?, issued_at = ?,"
            " signing_key = ?, key_id = ?, coordinator_key = ?",
            [
                department_id,
                made_at,
                department.private if department else None,
                department.key_id if department else None,
                coordinator.public,
            ],
        )
        manifest.sign(
            conn,
            kind="issued",
            plan_id=plan_id,
            department_id=department_id,
            signer=coordinator,
            site_id=clock.site_id(),
            hlc=hlc,
            made_at=made_at,
            app_version=ipdesk.__version__,
        )

    return finish_and_sign


def issue_department_file(
    master_db: sqlite_utils.Database,
    department_id: str,
    out_path: str | Path,
    *,
    passing_key: keys.KeyPair | None = None,
) -> Path:
    """Write the department file of `department_id` to `out_path` (replacing an older
    one) and return its path.

    Each issue gives the department a new signing key (docs/security.md): its private
    half goes into this file only, the master keeps the public half as the current one
    and retires the one before, so files signed with the older key are refused from now
    on. The whole file is signed with the coordinator's key.

    `passing_key`: a key for a file that never leaves this PC (the department
    workbook's import fills one in and merges it back at once): it is used instead of
    a new one and not recorded, so the department's real key stays current.

    Raises:
        NotAllowed: the open file is not a master.
        BadInput: no such department, or `out_path` is the master itself.
    """
    meta, out, own = _checked_target(master_db, department_id, out_path)
    coordinator = keys.coordinator_pair(master_db)
    if passing_key is None:
        _start_reporting(master_db, department_id)
        # Each issued file is newer than the one before, so a department file can tell
        # a new issue from an old one (and take its new key).
        with master_db.atomic():
            hlc = rows.tick(master_db)
    else:
        hlc = master_db.execute("SELECT hlc_last FROM file_meta").fetchone()[0]
    made_at = clock.now_text()
    department = passing_key or keys.new_pair()

    finish_and_sign = _finisher(meta.plan_id, department_id, coordinator, department, hlc, made_at)

    def record_key() -> None:
        if passing_key is None:
            with master_db.atomic():
                keys.record_department_key(master_db, department_id, department, made_at)

    with lock.exclusive(own, "issue"):
        return travel.build_file(
            master_db,
            out,
            ISSUED,
            {"dept": department_id},
            finish_and_sign,
            before_move=record_key,
        )


def file_name(plan_short_name: str, department_short_name: str) -> str:
    """`<plan>-<department>.ipdesk`, safe on Windows and in mail attachments."""

    def safe(text: str) -> str:
        return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "plan"

    return f"{safe(plan_short_name)}-{safe(department_short_name)}.ipdesk"


def issue_all(
    master_db: sqlite_utils.Database,
    folder: str | Path,
    *,
    departments: list[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Issue a file to every department except the coordinator's own office (which
    works in the master) — or to the `departments` (ids) chosen — named
    `<plan>-<department>.ipdesk` in `folder`. Each chosen department gets a new key;
    the others' files stay valid. Cancelling stops between files: Cancelled carries
    the files issued before (they stay issued)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    plan = master_db.execute("SELECT short_name FROM plan WHERE deleted = 0 LIMIT 1").fetchone()
    plan_name = plan[0] if plan else "plan"
    every = master_db.execute(
        "SELECT id, short_name FROM departments WHERE deleted = 0 AND is_coordinator = 0"
        " ORDER BY sort, code"
    ).fetchall()
    chosen = [(d, n) for d, n in every if departments is None or d in departments]
    if departments is not None:
        known = {d for d, _ in every}
        missing = [d for d in departments if d not in known]
        if missing:
            raise BadInput(
                message("issue.chosen_department_not_master"),
            )
    made: list[Path] = []
    for n, (dept_id, short) in enumerate(chosen):
        if cancel is not None:
            cancel.check(finished=made)
        if progress:
            progress(n, len(chosen), short)
        made.append(issue_department_file(master_db, dept_id, folder / file_name(plan_name, short)))
    if progress:
        progress(len(made), len(chosen), "")
    return made


# An update file (after a report is returned; signed as an issued file is, told apart
# by the signing key it does not carry): the plan as the master
# holds it now, and the department's review states with their history — none of the
# department's reports, values, milestone dates, evidence or files, so merging it can
# change nothing of the department's own work. Its rows are taken as an issued file's
# are (only rows newer than the department file's go in: the plan changes since its
# last file, and the review result with its reason).
UPDATE: travel.Selection = {
    "progress_reports": None,
    "milestone_actuals": None,
    "evidence": None,
    "indicator_values": None,
    "submissions": "department_id = :dept",
    "row_history": (
        "tbl = 'submissions' AND row_id IN"
        " (SELECT id FROM src.submissions WHERE department_id = :dept)"
    ),
    "blobs": None,
}


def update_file_name(plan_short_name: str, department_short_name: str) -> str:
    """`<plan>-<department>-更新-<date>.ipdesk`: never the name of the department file."""
    stem = file_name(plan_short_name, department_short_name).removesuffix(".ipdesk")
    return f"{stem}-更新-{clock.today():%Y%m%d}.ipdesk"


def issue_update_file(
    master_db: sqlite_utils.Database, department_id: str, out_path: str | Path
) -> Path:
    """Write the small update file of `department_id` (review result, reason, plan
    changes) to `out_path`. Signed by the coordinator like an issued file; it
    carries no signing key, so the department keeps its key and the
    master's record of it is unchanged.

    Raises:
        NotAllowed: the open file is not a master.
        BadInput: no such department, or `out_path` is the master itself.
    """
    meta, out, own = _checked_target(master_db, department_id, out_path)
    coordinator = keys.coordinator_pair(master_db)
    with master_db.atomic():
        hlc = rows.tick(master_db)
    made_at = clock.now_text()

    # No key: the department keeps its own, and the file says it is an update file.
    finish_and_sign = _finisher(meta.plan_id, department_id, coordinator, None, hlc, made_at)

    with lock.exclusive(own, "issue"):
        return travel.build_file(master_db, out, UPDATE, {"dept": department_id}, finish_and_sign)


def issue_update_into(
    master_db: sqlite_utils.Database, department_id: str, folder: str | Path
) -> Path:
    """The update file of `department_id` in `folder`, named by update_file_name."""
    plan = master_db.execute("SELECT short_name FROM plan WHERE deleted = 0 LIMIT 1").fetchone()
    _, short = _department(master_db, department_id)
    Path(folder).mkdir(parents=True, exist_ok=True)
    name = update_file_name(plan[0] if plan else "plan", short)
    return issue_update_file(master_db, department_id, Path(folder) / name)
