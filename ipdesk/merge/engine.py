"""Merging files into a master, or an issued file into a department file (DESIGN.md §4).

For each incoming file, in order:
  1. check a copy of it in a temporary folder (ipdesk.merge.check; the next files are
     checked while the backup is written, ipdesk.merge.ahead); a refused file is
     reported and the next one taken;
  2. "already merged" when its SHA-256 is in the import log;
  3. once per call, a verified backup of the target in `<name>.backups/` beside it;
  4. one `BEGIN IMMEDIATE … COMMIT` with the copy attached read-only: classify, guard,
     merge and write (ipdesk.merge.classify), log the import, advance the clock.
A file that brings nothing new is rolled back and reported as "already merged", so the
target stays byte for byte as it was. Nothing in the result depends on wall-clock time:
merging A then B gives the same rows as B then A.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput
from ipdesk.merge import apply, classify, guard, preview_rows
from ipdesk.merge.ahead import Check, ChecksAhead
from ipdesk.merge.check import (
    CheckedFile,
    MergeRefused,
    Target,
    copy_with_hash,
    file_sha256,
    remove_tree,
)
from ipdesk.messages import Message, message
from ipdesk.store import clock, health, lock, rows
from ipdesk.store.files import is_update_file, open_plan, snapshot_copy
from ipdesk.store.ids import uuid7
from ipdesk.store.keys import IssuedKey
from ipdesk.work import CancelToken, Progress

MERGE_NAMESPACE = uuid.UUID("5f0b3e4e-8c1a-4f43-9d55-6b1f2a7c9e01")
BUSY_TIMEOUT_MS = 2000
KEEP_BACKUPS = 30


@dataclass
class MergeReport:
    """What happened to one incoming file (`ipdesk merge --json` prints `to_json()`)."""

    file: str
    department: str | None = None
    department_name: str | None = None
    result: str = "refused"  # "merged" | "already merged" | "refused"
    reason: Message | str = ""  # a Message once the file is judged
    new: int = 0
    changed: int = 0
    stale: int = 0
    conflicts: int = 0
    quarantined: int = 0
    warnings: list[Message] = field(default_factory=list)
    import_id: int | None = None
    kind: str | None = None
    code: str | None = None
    dry_run: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)  # periods the file brings unsubmitted
    detailed: bool = False  # collect `rows` (the preview's row-by-row list)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        keys = (
            "file",
            "department",
            "result",
            "reason",
            "new",
            "changed",
            "stale",
            "conflicts",
            "quarantined",
            "warnings",
            "import_id",
            "drafts",
        )
        data = asdict(self)
        return {k: data[k] for k in keys}


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the merge and undo statements call."""

    def merge_rev(a: str, b: str) -> str:
        low, high = sorted((a, b))
        return str(uuid.uuid5(MERGE_NAMESPACE, f"{low}+{high}"))

    def hlc_after(a: str, b: str) -> str:
        ms, counter = max(clock.parse_hlc(a or ""), clock.parse_hlc(b or ""))
        return clock.format_hlc(ms, counter + 1)

    def content_rev(table: str, row_id: str, *values: object) -> str:
        # A merged revision is named by what it holds, so two masters that merged the
        # same files in different orders name it alike.
        text = json.dumps([table, row_id, *values], ensure_ascii=False, default=repr)
        return str(uuid.uuid5(MERGE_NAMESPACE, text))

    def restamp(table: str, old: str, stamp: str, was: int, now: int, *changed: str) -> str:
        return rows.new_stamps(
            table, old, {c for c in changed if c}, stamp, deleted=bool(now), was_deleted=bool(was)
        )

    def unstamp(table: str, cur: str, before: str, was: int, now: int, *changed: str) -> str:
        return rows.restored_stamps(
            table, cur, before, {c for c in changed if c}, deleted_restored=bool(was) != bool(now)
        )

    conn.create_function("ipdesk_merge_rev", 2, merge_rev, deterministic=True)
    conn.create_function("ipdesk_unstamp", -1, unstamp, deterministic=True)
    conn.create_function("ipdesk_restamp", -1, restamp, deterministic=True)
    conn.create_function("ipdesk_stamp", 2, rows.stamp_of, deterministic=True)
    conn.create_function("ipdesk_content_rev", -1, content_rev, deterministic=True)
    conn.create_function("ipdesk_hlc_after", 2, hlc_after, deterministic=True)
    conn.create_function("ipdesk_uuid7", 0, uuid7)


def open_target(path: Path, *, migrate: bool = True) -> sqlite_utils.Database:
    db = open_plan(path, migrate=migrate)
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.conn.execute("PRAGMA temp_store = MEMORY")
    # A merge writes file after file: the WAL is copied into the file once, when the
    # merge closes it, rather than every thousand pages (pages written by several files
    # are then written once, and the disk is flushed once).
    db.conn.execute("PRAGMA wal_autocheckpoint = 0")
    register_functions(db.conn)
    return db


def backup_target(conn: sqlite3.Connection, target: Path, label: str = "before-merge") -> Path:
    """A verified copy of the target in `<stem>.backups/` beside it (the newest
    KEEP_BACKUPS are kept). Written under a temporary name, so a crash never leaves a
    half-written file that looks like a backup."""
    folder = target.with_name(target.stem + ".backups")
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    final = folder / f"{target.stem}.{stamp}.{label}{target.suffix}.bak"
    n = 1
    while final.exists():
        n += 1
        final = folder / f"{target.stem}.{stamp}-{n}.{label}{target.suffix}.bak"
    partial = final.with_name(f"{final.name}.{os.getpid()}.partial")
    snapshot_copy(conn, partial)
    os.replace(partial, final)
    backups = sorted(folder.glob(f"{target.stem}.*{target.suffix}.bak"), key=os.path.getmtime)
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return final


def _already_merged(conn: sqlite3.Connection, sha: str) -> Message | None:
    """The words for a file merged before and not undone since (None: merge it; an
    import that was undone does not count, so the same file can be taken again)."""
    row = conn.execute(
        "SELECT id, merged_at FROM imports WHERE file_sha256 = ? AND undone_at IS NULL"
        " ORDER BY id LIMIT 1",
        [sha],
    ).fetchone()
    if row is None:
        return None
    import_id, merged_at = row
    return message("merge.already_merged", when=clock.local_text(merged_at), import_id=import_id)


def last_issued_hlc(conn: sqlite3.Connection) -> str:
    """The clock of the newest issued file this department file is built on."""
    own = conn.execute("SELECT hlc FROM manifest WHERE kind = 'issued'").fetchone()
    merged = conn.execute(
        "SELECT max(source_hlc) FROM imports WHERE kind = 'issued' AND undone_at IS NULL"
    ).fetchone()
    return max(own[0] if own else "", merged[0] or "")


def merge_files(
    target_path: str | Path,
    paths: Sequence[str | Path],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    passing_keys: Sequence[IssuedKey] = (),
    detailed: bool = False,
) -> list[MergeReport]:
    """Merge each file into the target, each in its own transaction.

    A refused file does not stop the others. With `dry_run` every step runs and is
    rolled back, so the counts are exact and nothing is written. Cancelling stops
    between files: ipdesk.work.Cancelled carries the reports of the files merged
    before (they stay merged). `passing_keys`: keys
    of files made on this PC a moment ago (ipdesk.merge.issue `passing_key`), trusted
    besides the ones the target issued; they come from the caller, never from a file.

    Raises:
        FileRefused: the target itself cannot be opened (missing, damaged, read-only,
            locked); nothing was changed.
    """
    target_path = Path(target_path)
    with lock.exclusive(target_path, "merge"):
        return _merge_files(
            target_path,
            paths,
            dry_run,
            progress,
            cancel,
            passing_keys=passing_keys,
            detailed=detailed,
        )


def _merge_files(
    target_path: Path,
    paths: Sequence[str | Path],
    dry_run: bool,
    progress: Progress | None,
    cancel: CancelToken | None,
    *,
    passing_keys: Sequence[IssuedKey],
    detailed: bool,
) -> list[MergeReport]:
    db = open_target(target_path, migrate=not dry_run)
    reports: list[MergeReport] = []
    backed_up = dry_run
    try:
        with closing(ChecksAhead([Path(p) for p in paths], target_path)) as checks:
            for n, path in enumerate(paths):
                if cancel is not None:
                    cancel.check(finished=reports)
                if progress:
                    progress(n, len(paths), Path(path).name)
                report = MergeReport(file=str(path), dry_run=dry_run, detailed=detailed)
                reports.append(report)
                target = Target.of(db, passing_keys)
                check = checks.take(n, target)
                try:
                    backed_up = _take(db, checks, check, target, report, target_path, backed_up)
                except MergeRefused as exc:
                    report.result, report.reason, report.code = "refused", exc.msg, exc.code
                    claimed = db.execute(
                        "SELECT code, short_name FROM departments WHERE id = ?",
                        [exc.department_id],
                    ).fetchone()
                    if claimed and report.department is None:
                        report.department, report.department_name = claimed
                finally:
                    remove_tree(check.workdir)
        if progress:
            progress(len(reports), len(paths), "")
    finally:
        db.close()
        if not dry_run and any(r.result == "merged" for r in reports):
            # A merge rewrites much of the master: check it whole before trusting it
            # again (the next open, the window's background check, `ipdesk check`).
            health.mark_unverified(target_path)
    return reports


def _take(
    db: sqlite_utils.Database,
    checks: ChecksAhead,
    check: Check,
    target: Target,
    report: MergeReport,
    target_path: Path,
    backed_up: bool,
) -> bool:
    """Steps 2–4 for one file once its check is done (it raises MergeRefused when the
    file is refused). Returns whether the target is backed up now."""
    checked, report.timings["check"], report.timings["check_wait"] = checks.result(check)
    report.kind = checked.manifest.kind
    report.department, report.department_name = target.departments[checked.department_id]
    report.warnings.extend(checked.warnings)
    earlier = _already_merged(db.conn, checked.sha256)
    if earlier:
        report.result, report.reason = "already merged", earlier
        return backed_up
    if _was_undone(db.conn, checked.sha256):
        report.warnings.append(Message("merge.taken_again"))
    if not backed_up:
        started = perf_counter()
        backup_target(db.conn, target_path)
        report.timings["backup"] = perf_counter() - started
    started = perf_counter()
    checks.settle()
    report.timings["check_wait"] += perf_counter() - started
    _merge_one(db.conn, target, checked, report, target_path, report.dry_run)
    if report.result == "merged" and not report.dry_run:
        keep_copy(target_path, checked)
    return True


def preview(
    target_path: str | Path, file_path: str | Path, *, detailed: bool = False
) -> MergeReport:
    """What merging `file_path` would do, without writing anything to the target
    (with `detailed`, row by row: MergeReport.rows)."""
    return merge_files(target_path, [file_path], dry_run=True, detailed=detailed)[0]


def _was_undone(conn: sqlite3.Connection, sha: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM imports WHERE file_sha256 = ? AND undone_at IS NOT NULL", [sha]
        ).fetchone()
        is not None
    )


def copies_folder(target: Path) -> Path:
    """Where the master keeps a copy of every file it merged (`<stem>.imports/`), so
    an undone import can be imported again from the log."""
    return target.with_name(target.stem + ".imports")


def keep_copy(target: Path, checked: CheckedFile) -> Path | None:
    """Keep the merged file under its SHA-256 (once): the checked copy, which is what
    was merged, byte for byte as it arrived — moved when it was not migrated, else the
    original, if it has not changed since it was checked. A copy that cannot be made
    costs only the 重新导入 button of that import, never the merge."""
    folder = copies_folder(target)
    final = folder / f"{checked.sha256}.ipdesk"
    if final.exists():
        return final
    try:
        folder.mkdir(exist_ok=True)
        if not checked.migrated:
            if file_sha256(checked.copy) != checked.sha256:
                return None  # (the copy changed since it was checked)
            try:
                os.replace(checked.copy, final)  # (on the same disk: no bytes copied)
                return final
            except OSError:
                pass
        source = checked.path if checked.migrated else checked.copy
        partial = folder / f"{checked.sha256}.{os.getpid()}.partial"
        if copy_with_hash(source, partial) != checked.sha256:
            partial.unlink(missing_ok=True)  # the file changed since it was checked
            return None
        os.replace(partial, final)
    except OSError:
        return None
    return final


def reimport(target_path: str | Path, import_id: int) -> MergeReport:
    """Merge again the file of an import that was undone (重新导入), from the copy the
    master kept: as if the undone import had never happened.

    Raises:
        BadInput: no such import, it was not undone, or its file was not kept.
    """
    target_path = Path(target_path)
    db = open_target(target_path)
    try:
        row = db.execute(
            "SELECT file_name, file_sha256, undone_at FROM imports WHERE id = ?", [import_id]
        ).fetchone()
    finally:
        db.close()
    if row is None:
        raise BadInput(
            message("undo.there_no_import_ipdesk", import_id=import_id),
        )
    name, sha, undone_at = row
    if not undone_at:
        raise BadInput(
            message("engine.import_was_not_undone", import_id=import_id),
        )
    copy = copies_folder(target_path) / f"{sha}.ipdesk"
    if not copy.is_file():
        raise BadInput(
            message("engine.file_import_was_not", import_id=import_id, name=name),
        )
    folder = Path(tempfile.mkdtemp(prefix="ipdesk-reimport-"))
    try:
        named = folder / name
        shutil.copyfile(copy, named)  # the log shows the file's own name again
        [report] = merge_files(target_path, [named])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report.file = name
    return report


def _merge_one(
    conn: sqlite3.Connection,
    target: Target,
    checked: CheckedFile,
    report: MergeReport,
    target_path: Path,
    dry_run: bool,
) -> None:
    started = perf_counter()
    uri = checked.copy.resolve().as_uri() + "?mode=ro&immutable=1"
    conn.execute("ATTACH DATABASE ? AS inc", [uri])
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise MergeRefused("target_locked", target_path, str(exc)) from None
        try:
            wrote = _classify_and_apply(conn, target, checked, report)
            conn.execute("COMMIT" if wrote and not dry_run else "ROLLBACK")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if "locked" in str(exc) or "busy" in str(exc):
                raise MergeRefused("target_locked", target_path, str(exc)) from None
            raise MergeRefused("merge_failed", checked.path, str(exc)) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        classify.drop_work_tables(conn)
        conn.execute("DETACH DATABASE inc")
    if dry_run:
        report.import_id = None
    report.timings["merge"] = perf_counter() - started


def _classify_and_apply(
    conn: sqlite3.Connection, target: Target, checked: CheckedFile, report: MergeReport
) -> bool:
    """Everything inside the file's transaction. Returns whether anything was written."""
    dept = checked.department_id
    dept_name = target.departments[dept][1]
    kind = checked.manifest.kind
    is_master = target.role == "master"
    adopt_key = False
    shape = classify.Shape.of(conn)
    conn.execute("PRAGMA defer_foreign_keys = ON")
    classify.create_work_tables(conn)

    classify.classify_own(conn, dept)
    if is_master:
        classify.classify_foreign(conn, shape, dept, take=False)
    elif kind == "issued" and is_update_file(conn, "inc"):
        # An update file (ipdesk.merge.issue.issue_update_file): refused when it is not
        # newer than what this file holds, and it brings no key.
        if checked.manifest.hlc <= last_issued_hlc(conn):
            raise MergeRefused("update_not_newer", checked.path)
        classify.classify_foreign(conn, shape, dept, take=True)
    elif kind == "issued":
        if checked.manifest.hlc > last_issued_hlc(conn):
            classify.classify_foreign(conn, shape, dept, take=True)
            adopt_key = True
        else:
            report.warnings.append(Message("merge.issued_not_newer"))
    classify.resolve_ancestry(conn)
    if is_master or kind == "sent":
        guard.guard_stamps(conn)
        guard.guard_own(conn, dept, dept_name)
        guard.guard_entries(conn, checked.entry_problems)
        guard.guard_drafts(conn, dept)
    report.drafts = guard.draft_periods(conn, dept) if kind == "sent" else []
    if is_master:
        guard.guard_foreign(conn, shape)

    tables = apply.applied_tables(conn)
    report.stale, report.quarantined = conn.execute(
        "SELECT count(*) FILTER (WHERE scope = 'own' AND class = 'stale'),"
        " count(*) FILTER (WHERE reason_code IS NOT NULL) FROM temp.cls"
    ).fetchone()
    report.new, report.changed = conn.execute(
        "SELECT count(*) FILTER (WHERE cur_rev IS NULL), count(*) FILTER (WHERE cur_rev IS NOT NULL)"
        " FROM temp.cls WHERE reason_code IS NULL AND class IN ('new', 'ff', 'concurrent', 'take')"
    ).fetchone()
    if adopt_key:
        adopt_key = (
            conn.execute(
                "SELECT 1 FROM main.file_meta m, inc.file_meta f"
                " WHERE m.key_id IS NOT f.key_id OR m.signing_key IS NOT f.signing_key"
            ).fetchone()
            is not None
        )
    if not tables and not report.quarantined and not adopt_key:
        report.result = "already merged"
        older = "merge.older_than_master" if is_master else "merge.older_than_file"
        report.reason = message(
            "merge.nothing_new", older=message(older, count=report.stale) if report.stale else ""
        )
        return False

    manifest = checked.manifest
    import_id = conn.execute(
        "INSERT INTO main.imports (file_name, file_sha256, department_id, kind, source_site,"
        " source_hlc, source_made_at, merged_at, drafts, source_site_name)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            checked.path.name,
            checked.sha256,
            dept,
            kind,
            manifest.site_id,
            manifest.hlc,
            manifest.made_at,
            clock.now_text(),
            json.dumps(report.drafts),
            manifest.site_name,
        ],
    ).lastrowid
    assert import_id is not None
    # Conflicts compare the target's rows as they were (and the merged rows), so they
    # go before the writes.
    for table, classes in tables.items():
        if "concurrent" in classes:
            apply.merged_rows(conn, shape, table, clock.site_id())
            apply.record_conflicts(conn, shape, table, import_id)
    if report.detailed:
        report.rows = preview_rows.collect(conn, shape, import_id)
    apply.collect_new_revisions(conn)
    apply.write_rows(conn, shape, tables, import_id)
    apply.record_revisions(conn, tables, import_id)
    apply.record_quarantine(conn, shape, import_id)
    _remember_site(conn, manifest, dept)
    report.conflicts = conn.execute(
        "SELECT count(*) FROM main.conflicts WHERE import_id = ?", [import_id]
    ).fetchone()[0]
    report.warnings.extend(_notes(conn, report))
    conn.execute(
        "UPDATE main.imports SET new_rows = ?, changed_rows = ?, stale_rows = ?,"
        " conflict_count = ?, quarantined_rows = ?, warnings = ? WHERE id = ?",
        [
            report.new,
            report.changed,
            report.stale,
            report.conflicts,
            report.quarantined,
            json.dumps([w.to_json() for w in report.warnings], ensure_ascii=False),
            import_id,
        ],
    )
    # The clock moves past everything the file brought (a hybrid logical clock), so an
    # edit made here after the merge is stamped later than what it follows.
    last = conn.execute(
        "SELECT max((SELECT hlc_last FROM main.file_meta), (SELECT max(hlc) FROM temp.cls c"
        " JOIN main.row_history h ON h.rev_id = c.inc_rev))"
    ).fetchone()[0]
    conn.execute("UPDATE main.file_meta SET hlc_last = ?", [clock.next_hlc(last or "")])
    if adopt_key:
        # A newly issued file brings the department's new key (docs/security.md).
        conn.execute(
            "UPDATE main.file_meta SET signing_key = f.signing_key, key_id = f.key_id"
            " FROM (SELECT signing_key, key_id FROM inc.file_meta) AS f"
        )
    report.result = "merged"
    report.import_id = import_id
    report.reason = message("merge.merged", new=report.new, changed=report.changed)
    return True


def _remember_site(conn: sqlite3.Connection, manifest: Any, dept: str) -> None:
    """The sending PC, by the name its user gave it, for the department it sent for."""
    conn.execute(
        "INSERT INTO main.sites (site_id, name, department_id, seen_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (site_id) DO UPDATE SET name = CASE WHEN excluded.name <> ''"
        " THEN excluded.name ELSE name END, department_id = excluded.department_id,"
        " seen_at = excluded.seen_at",
        [manifest.site_id, manifest.site_name, dept, clock.now_text()],
    )


def _notes(conn: sqlite3.Connection, report: MergeReport) -> list[Message]:
    notes = []
    for count, reason in conn.execute(
        "SELECT count(*), min(reason) FROM temp.cls WHERE reason_code IS NOT NULL"
        " GROUP BY reason_code ORDER BY reason_code"
    ):
        notes.append(message("merge.not_merged", count=count, reason=Message.loads(reason)))
    if report.conflicts:
        notes.append(message("merge.conflicts", count=report.conflicts))
    return notes
