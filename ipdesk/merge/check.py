"""Checking an incoming file before the file it merges into is touched (DESIGN.md §4).

The incoming file is first copied into a temporary folder (the original is never
opened for writing), and the copy is checked there: SQLite header, application id,
schema version (newer: refused), full integrity_check and foreign_key_check, exact
table definitions with trusted_schema off (no extra trigger or view), then what the
file is — this plan, a department file (not a master), a department of this plan, the
key this plan issued to it — and its signed manifest of row hashes. Only then is an
older copy migrated. Last, the department's rows are judged by the entry rules of the
receiving file's plan (the merge quarantines those that break one). Every refusal names
the original file and says what to do.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from ipdesk.errors import FileRefused
from ipdesk.merge import guard
from ipdesk.merge import manifest as signing
from ipdesk.messages import Message, message, zh
from ipdesk.messages import detail as in_parens
from ipdesk.plan import entry
from ipdesk.store import clock, keys
from ipdesk.store.files import backup_then_migrate, check_readonly, file_meta
from ipdesk.store.schema import schema_version

# Files made before Ed25519 signatures (schema 3) are refused, not trusted.
SIGNED_SINCE = 3


class MergeRefused(FileRefused):
    """An incoming file that will not be merged, for the reason named by `code`. Its
    words (ipdesk/messages): refusal.reason.CODE where one is written for the merge,
    else the open refusal's file.reason.CODE; advice likewise (refusal.advice.send_again
    for a file to make again with “Send”)."""

    SEND_AGAIN = frozenset({"live_file", "schema_changed", "unsigned", "working_copy", "tampered"})

    def __init__(self, code: str, path: str | Path, detail: str | Message = "") -> None:
        name = str(path)
        own = f"refusal.reason.{code}" in zh.WORDS
        reason_code = f"refusal.reason.{code}" if own else f"file.reason.{code}"
        inline = "{detail}" in zh.WORDS[reason_code]
        reason = Message(reason_code, {"detail": detail} if inline else {})
        if code in self.SEND_AGAIN:
            advice = Message("refusal.advice.send_again")
        else:
            advice = Message(f"refusal.advice.{code}" if own else f"file.advice.{code}")
        words = message(
            "refusal.cannot_merge",
            path=name,
            reason=reason,
            detail="" if inline else in_parens(detail),
            advice=advice,
        )
        super().__init__(code, name, detail, words=words)
        self.department_id: str | None = None  # the department the file says it is from


@dataclass(frozen=True)
class Target:
    """What the checks need to know about the file being merged into."""

    plan_id: str
    role: str
    department_id: str | None
    plan_start: str
    # The plan's reporting and dates, and its indicators' kinds: the entry rules' frame.
    frame: entry.PlanFrame | None
    indicator_kinds: dict[str, str]
    departments: dict[str, tuple[str, str]]  # id → (code, short name)
    # A master: every key it issued to a department (key id → its record).
    issued_keys: dict[str, keys.IssuedKey]
    # A department file: the coordinator's public key it trusts, and its own key.
    coordinator_key: str | None
    own_key_id: str | None
    own_public_key: str | None

    @classmethod
    def of(cls, db: sqlite_utils.Database, passing: Sequence[keys.IssuedKey] = ()) -> Target:
        meta = file_meta(db)
        departments = {
            r[0]: (r[1], r[2])
            for r in db.execute("SELECT id, code, short_name FROM departments WHERE deleted = 0")
        }
        issued = {}
        if meta.is_master:
            issued = keys.issued_keys(db)
            issued.update({k.key_id: k for k in passing})
        private, coordinator, key_id = db.execute(
            "SELECT signing_key, coordinator_key, key_id FROM file_meta"
        ).fetchone()
        own_public = keys.public_of(private) if private and not meta.is_master else None
        plan = db.execute(
            "SELECT reporting, start_date, end_date FROM plan WHERE deleted = 0 LIMIT 1"
        ).fetchone()
        return cls(
            meta.plan_id,
            meta.role,
            meta.department_id,
            plan[1] if plan else "",
            entry.PlanFrame.of(*plan) if plan else None,
            {r[0]: r[1] for r in db.execute("SELECT id, kind FROM indicators")},
            departments,
            issued,
            coordinator,
            key_id,
            own_public,
        )


@dataclass
class CheckedFile:
    """An incoming file that passed every check: its checked (and migrated) copy."""

    path: Path
    copy: Path
    sha256: str
    department_id: str
    manifest: signing.Manifest
    version: int
    migrated: bool = False
    warnings: list[Message] = field(default_factory=list)
    # (table, row id, problem) of the department's rows that break the entry rules.
    entry_problems: list[tuple[str, str, str]] = field(default_factory=list)


def copy_with_hash(source: Path, target: Path) -> str:
    """Copy `source` to `target` and return the SHA-256 of exactly the bytes copied."""
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            digest.update(chunk)
            dst.write(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read without copying them."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _readonly(copy: Path, *, lenient: bool = False) -> sqlite3.Connection:
    """The checked copy, read-only. Text is decoded by SQLite's own UTF-8 reader; a
    `lenient` connection reads bytes that are not UTF-8 as replacement characters
    instead of failing (then the signature, made over valid text, cannot match)."""
    conn = sqlite3.connect(
        copy.resolve().as_uri() + "?mode=ro&immutable=1", uri=True, isolation_level=None
    )
    conn.execute("PRAGMA trusted_schema = OFF")
    if lenient:
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
    return conn


def _not_utf8(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "decode" in str(exc).lower()


def check_incoming(target: Target, path: str | Path, workdir: str | Path) -> CheckedFile:
    """Copy `path` into `workdir` and check the copy; return it ready to attach.

    Raises:
        MergeRefused: with the first problem found; nothing was written anywhere but
            in `workdir`.
    """
    path = Path(path)
    if not path.exists():
        raise MergeRefused("missing", path)
    if not path.is_file():
        raise MergeRefused("not_a_file", path)
    for suffix in ("-wal", "-journal"):
        if Path(str(path) + suffix).exists():
            raise MergeRefused("live_file", path, suffix)
    copy = Path(workdir) / "incoming.ipdesk"
    sha = copy_with_hash(path, copy)
    try:
        header = check_readonly(copy, full=True)
    except FileRefused as exc:
        detail = str(exc.params.get("detail", ""))
        if exc.code == "damaged" and "schema differs" in detail:
            raise MergeRefused("schema_changed", path, detail.split(":", 1)[-1].strip()) from None
        raise MergeRefused(exc.code, path, detail) from None

    if header.user_version < SIGNED_SINCE:
        raise MergeRefused("old_version", path)
    try:
        found, department_id, warnings = _judge(target, path, copy, lenient=False)
    except sqlite3.OperationalError as exc:
        if not _not_utf8(exc):
            raise MergeRefused("damaged", path, str(exc)[:200]) from None
        # Bytes that are not UTF-8 in a text column: judged again reading them as
        # replacement characters, so the refusal says what it always said.
        found, department_id, warnings = _judge(target, path, copy, lenient=True)

    migrated = False
    if header.user_version < schema_version():
        try:
            backup_then_migrate(copy, header.user_version)
            check_readonly(copy, full=True)
        except (sqlite3.Error, FileRefused, OSError) as exc:
            raise MergeRefused(
                "damaged", path, message("refusal.detail.migration", error=str(exc))
            ) from None
        migrated = True
    return CheckedFile(
        path,
        copy,
        sha,
        department_id,
        found,
        header.user_version,
        migrated,
        warnings,
        _entry_problems(target, path, copy, department_id),
    )


def _entry_problems(
    target: Target, path: Path, copy: Path, department_id: str
) -> list[tuple[str, str, str]]:
    """The department's rows in the (migrated) copy that break the entry rules, judged
    by the target's plan; the merge quarantines them (ipdesk.merge.guard)."""
    if target.frame is None:
        raise MergeRefused("damaged", path, Message("refusal.detail.no_plan"))
    conn = _readonly(copy)
    try:
        return guard.entry_problems(conn, department_id, target.frame, target.indicator_kinds)
    except (sqlite3.Error, UnicodeError, ValueError, OverflowError) as exc:
        raise MergeRefused("damaged", path, str(exc)[:200]) from None
    finally:
        conn.close()


def _judge(
    target: Target, path: Path, copy: Path, *, lenient: bool
) -> tuple[signing.Manifest, str, list[Message]]:
    """What the file is and whether its signature holds: (manifest, department, clock
    warnings). A decoding error of a text column is raised as it is when not
    `lenient` (the caller reads the file again, leniently)."""
    conn = _readonly(copy, lenient=lenient)
    department_id = None
    try:
        meta = conn.execute("SELECT plan_id, role, department_id FROM file_meta").fetchone()
        plan_id, role, department_id = meta
        if plan_id != target.plan_id:
            name = conn.execute("SELECT name FROM plan WHERE deleted = 0 LIMIT 1").fetchone()
            raise MergeRefused("wrong_plan", path, name[0] if name else plan_id)
        if role == "master":
            raise MergeRefused("is_master", path)
        if department_id not in target.departments:
            raise MergeRefused("unknown_department", path)
        if target.role == "department" and department_id != target.department_id:
            raise MergeRefused("wrong_department", path, target.departments[department_id][1])
        found = _check_signature(conn, target, path, plan_id, department_id)
        _check_evidence_files(conn, path, department_id)
        warnings = clock_warnings(conn, found, department_id, target.plan_start)
    except MergeRefused as exc:
        exc.department_id = department_id
        raise
    except sqlite3.OperationalError as exc:
        if not lenient and _not_utf8(exc):
            raise
        raise MergeRefused("damaged", path, str(exc)[:200]) from None
    except (sqlite3.Error, UnicodeError, ValueError, OverflowError) as exc:
        raise MergeRefused("damaged", path, str(exc)[:200]) from None
    finally:
        conn.close()
    return found, department_id, warnings


def _check_signature(
    conn: sqlite3.Connection, target: Target, path: Path, plan_id: str, department_id: str
) -> signing.Manifest:
    """The file's manifest, once its signature is found good for this target."""
    found = signing.read(conn)
    if found is None:
        raise MergeRefused("unsigned", path)
    if (found.plan_id, found.department_id) != (plan_id, department_id):
        raise MergeRefused("tampered", path, Message("refusal.detail.manifest"))
    public = _signer_key(target, found, path, department_id)
    verdict = signing.verify(conn, found, public)
    if not verdict.authentic:
        if found.kind == "issued":
            raise MergeRefused("wrong_issuer", path)
        raise MergeRefused("tampered", path, Message("refusal.detail.signature"))
    if not verdict.ok:
        if found.kind == "issued" and target.role == "master":
            raise MergeRefused("working_copy", path)
        if verdict.count:
            rows = message("refusal.detail.rows", count=verdict.count, examples=verdict.examples())
            raise MergeRefused("tampered", path, rows)
        raise MergeRefused("tampered", path, Message("refusal.detail.content"))
    if found.kind == "issued" and target.role == "master":
        raise MergeRefused("issued_file", path)
    return found


def _signer_key(target: Target, found: signing.Manifest, path: Path, department_id: str) -> str:
    """The public key the file must be signed with, judged by the receiving file: an
    issued file by the coordinator this file trusts; a sent file, in a master, by the
    key the master issued to that department (not retired); in a department file, by
    the department's own key."""
    if found.kind == "issued":
        if target.role == "master":
            own = target.coordinator_key or ""
            return own
        if not target.coordinator_key:
            raise MergeRefused("wrong_issuer", path)
        return target.coordinator_key
    if target.role == "department":
        if found.key_id != target.own_key_id or not target.own_public_key:
            raise MergeRefused("wrong_key", path)
        return target.own_public_key
    issued = target.issued_keys.get(found.key_id)
    if issued is None:
        raise MergeRefused("wrong_key", path)
    if issued.department_id != department_id:
        raise MergeRefused("key_mismatch", path, target.departments[department_id][1])
    if issued.retired_at:
        raise MergeRefused("retired_key", path, issued.retired_at[:10])
    return issued.public


def _check_evidence_files(conn: sqlite3.Connection, path: Path, department_id: str) -> None:
    """Every evidence file the department's rows point to is in the file, unaltered."""
    rows = conn.execute(
        "SELECT e.sha256, e.size, b.sha256 IS NOT NULL, b.size, b.data FROM"
        " (SELECT DISTINCT sha256, size FROM evidence WHERE department_id = ? AND deleted = 0) e"
        " LEFT JOIN blobs b ON b.sha256 = e.sha256",
        [department_id],
    )
    for sha, size, present, blob_size, data in rows:
        if (
            not present
            or blob_size != size
            or len(data) != size
            or hashlib.sha256(data).hexdigest() != sha
        ):
            raise MergeRefused("tampered", path, message("refusal.detail.evidence", sha=sha[:8]))


def clock_warnings(
    conn: sqlite3.Connection, found: signing.Manifest, department_id: str, plan_start: str
) -> list[Message]:
    """A warning when the sending PC's clock looks wrong: the file made before the plan
    could have existed, or revisions stamped in the future. The merge does not depend
    on wall time, so the result is the same; people should still fix the clock."""
    now = clock.now()
    earliest = (
        (datetime.fromisoformat(plan_start) - timedelta(days=365)).date() if plan_start else None
    )
    try:
        made = datetime.fromisoformat(found.made_at)
    except ValueError:
        made = None
    latest_hlc = ""
    for table in (
        "progress_reports",
        "indicator_values",
        "evidence",
        "milestone_actuals",
        "submissions",
    ):
        row = conn.execute(
            f"SELECT max(hlc) FROM {table} WHERE department_id = ?", [department_id]
        ).fetchone()
        latest_hlc = max(latest_hlc, row[0] or "")
    shown = None
    if made is not None:
        made_utc = made if made.tzinfo else made.replace(tzinfo=now.tzinfo)
        if (earliest and made_utc.date() < earliest) or made_utc > now + timedelta(days=1):
            shown = made_utc.date().isoformat()
    if latest_hlc and clock.hlc_time(latest_hlc) > now + timedelta(days=1):
        shown = shown or clock.hlc_time(latest_hlc).date().isoformat()
    if shown is None:
        return []
    return [message("merge.clock", date=shown)]


def remove_tree(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
