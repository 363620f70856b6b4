"""Checking an incoming file before the file it merges into is touched (DESIGN.md §4).

The incoming file is first copied into a temporary folder (the original is never
opened for writing), and the copy is checked there: SQLite header, application id,
schema version (newer: refused), full integrity_check and foreign_key_check, exact
table definitions with trusted_schema off (no extra trigger or view), then what the
file is — this plan, a department file (not a master), a department of this plan, the
key this plan issued to it — and its signed manifest of row hashes. Only then is an
older copy migrated. Every refusal names the original file and says what to do.
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

from ipdesk.errors import FileRefused, IPDeskError
from ipdesk.merge import manifest as signing
from ipdesk.store import clock, keys
from ipdesk.store.files import backup_then_migrate, check_readonly, file_meta
from ipdesk.store.schema import schema_version

# Files made before Ed25519 signatures (schema 3) are refused, not trusted.
SIGNED_SINCE = 3
ADVICE_SEND = (
    "请在部门文件中使用“导出报送文件”重新生成（命令行：ipdesk send）",
    "Have the department make it again with “Send” (command line: ipdesk send)",
)


class MergeRefused(FileRefused):
    """An incoming file that will not be merged, for the reason named by `code`."""

    REASONS: dict[str, tuple[str, str]] = {
        **FileRefused.REASONS,
        "live_file": (
            "文件旁边有 {detail} 日志文件，说明这是正在使用中的工作文件，而不是报送文件",
            "there is a {detail} file beside it: it is a working file in use, not a file made to be sent",
        ),
        "schema_changed": (
            "文件的表结构在 IPDesk 之外被修改过（{detail}）",
            "its table definitions were changed outside IPDesk ({detail})",
        ),
        "wrong_plan": (
            "该文件属于另一个工作计划（{detail}），不是本总表的部门文件",
            "it belongs to another plan ({detail}), not to this master",
        ),
        "is_master": ("这是一个总表，不是部门文件", "it is a master file, not a department file"),
        "unknown_department": (
            "文件所属的单位不在本计划的单位名单中",
            "its department is not one of this plan's departments",
        ),
        "wrong_department": (
            "这是{detail}的部门文件，不是本单位的",
            "it is the department file of {detail}, not of this department",
        ),
        "retired_key": (
            "文件使用的签名密钥已停用：协调员已于 {detail} 重新下发了该单位的部门文件",
            "it is signed with a retired key: the coordinator issued the department a new file on {detail}",
        ),
        "key_mismatch": (
            "文件声称来自{detail}，但签名所用的密钥不属于该单位",
            "it claims to come from {detail} but is signed with a key that is not that department's",
        ),
        "wrong_issuer": (
            "文件不是由本文件的协调员签发的（签名不符或来自另一个总表）",
            "it was not issued by this file's coordinator (the signature does not match, or another master made it)",
        ),
        "old_version": (
            "文件由旧版 IPDesk 生成，其签名方式已不再被接受",
            "it was made by an older IPDesk whose signatures are no longer accepted",
        ),
        "issued_file": (
            "这是协调员下发的部门文件本身，不是部门报送的文件",
            "it is a department file as the coordinator issued it, not a file a department sent",
        ),
        "wrong_key": (
            "文件的签名密钥与协调员为该单位签发的不一致（可能由其他总表下发，或已重新下发）",
            "its signing key is not the one this plan issued to the department (issued by another master, or re-issued since)",
        ),
        "unsigned": (
            "文件没有报送签名（可能是直接复制的工作文件）",
            "it carries no signature (perhaps the working file was copied directly)",
        ),
        "old_unsigned": (
            "文件由旧版 IPDesk 生成，没有报送签名",
            "it was made by an older IPDesk that did not sign files",
        ),
        "tampered": (
            "文件中的数据在 IPDesk 之外被修改过，与签名不符（{detail}）",
            "its rows were changed outside IPDesk and no longer match the signature ({detail})",
        ),
        "working_copy": (
            "这是部门的工作文件（下发后又填写过），不是用“导出报送文件”生成的报送文件",
            "it is the department's working file (edited since it was issued), not a file made with “Send”",
        ),
        "merge_failed": (
            "合并时出错（{detail}），已全部撤回",
            "the merge failed ({detail}) and was rolled back",
        ),
        "target_locked": (
            "目标文件正被其他程序占用",
            "the file to merge into is in use by another program",
        ),
        "same_file": ("这就是正在合并到的文件本身", "it is the very file being merged into"),
    }
    ADVICE: dict[str, tuple[str, str]] = {
        **FileRefused.ADVICE,
        "live_file": ADVICE_SEND,
        "schema_changed": ADVICE_SEND,
        "wrong_plan": (
            "请确认选择的是本计划的部门文件。",
            "Check that you chose a department file of this plan.",
        ),
        "is_master": (
            "部门文件请用“导出报送文件”生成后再合并。",
            "Merge the files departments send, not a master.",
        ),
        "unknown_department": (
            "请在“单位”中添加该单位后重新下发部门文件。",
            "Add the department, then issue its file again.",
        ),
        "wrong_department": ("请选择本单位的文件。", "Choose this department's file."),
        "retired_key": (
            "请该单位先用“文件 → 合并协调员下发的新文件”合并最新下发的文件，再重新导出报送文件。",
            "Have the department merge the newly issued file first (File → merge a newly issued file), then send again.",
        ),
        "key_mismatch": (
            "该文件不能证明来自它所声称的单位，已拒收。请向该单位核实。",
            "The file cannot prove it comes from the department it names; it was refused. Check with that department.",
        ),
        "wrong_issuer": (
            "请使用本单位协调员下发的文件；文件可能在传递中被修改。",
            "Use a file your coordinator issued; this one may have been changed on its way.",
        ),
        "old_version": (
            "请协调员用新版 IPDesk 重新下发部门文件，部门用新文件填报后再报送。",
            "Have the coordinator issue the department file again with this IPDesk, then send from the new file.",
        ),
        "issued_file": (
            "请合并部门用“导出报送文件”生成的文件。",
            "Merge the file the department made with “Send”.",
        ),
        "wrong_key": (
            "请让该单位使用最新下发的部门文件重新填报并导出。",
            "Have the department use the latest file issued to it, then send again.",
        ),
        "unsigned": ADVICE_SEND,
        "working_copy": ADVICE_SEND,
        "old_unsigned": (
            "请该单位升级 IPDesk 后重新导出报送文件。",
            "Have the department update IPDesk and send again.",
        ),
        "tampered": ADVICE_SEND,
        "merge_failed": (
            "文件未合并，总表没有改变。请把该文件和此信息发给技术支持。",
            "Nothing was changed. Send the file and this message to support.",
        ),
        "target_locked": (
            "请关闭正在使用它的程序（或另一个 IPDesk 窗口）后重试。",
            "Close the program (or other IPDesk window) using it and try again.",
        ),
        "same_file": (
            "请选择各单位交回的报送文件。",
            "Choose the files the departments sent back.",
        ),
    }

    def __init__(self, code: str, path: str | Path, detail: str = "") -> None:
        reason_zh, reason_en = self.REASONS[code]
        advice_zh, advice_en = self.ADVICE[code]
        name = str(path)
        if "{detail}" in reason_zh:
            reason_zh, reason_en = reason_zh.format(detail=detail), reason_en.format(detail=detail)
            extra = extra_en = ""
        else:
            extra = f"（{detail}）" if detail else ""
            extra_en = f" ({detail})" if detail else ""
        IPDeskError.__init__(
            self,
            f"无法合并 {name}：{reason_zh}{extra}。{advice_zh}",
            f"cannot merge {name}: {reason_en}{extra_en}. {advice_en}",
            path=name,
            detail=detail,
        )
        self.code = code
        self.path = name
        self.department_id: str | None = None  # the department the file says it is from


@dataclass(frozen=True)
class Target:
    """What the checks need to know about the file being merged into."""

    plan_id: str
    role: str
    department_id: str | None
    plan_start: str
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
            issued = {
                r[0]: keys.IssuedKey(*r)
                for r in db.execute(
                    "SELECT key_id, department_id, public_key, issued_at, retired_at"
                    " FROM department_keys"
                )
            }
            issued.update({k.key_id: k for k in passing})
        private, coordinator, key_id = db.execute(
            "SELECT signing_key, coordinator_key, key_id FROM file_meta"
        ).fetchone()
        own_public = keys.public_of(private) if private and not meta.is_master else None
        start = db.execute("SELECT start_date FROM plan WHERE deleted = 0 LIMIT 1").fetchone()
        return cls(
            meta.plan_id,
            meta.role,
            meta.department_id,
            start[0] if start else "",
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
    warnings: list[str] = field(default_factory=list)


def copy_with_hash(source: Path, target: Path) -> str:
    """Copy `source` to `target` and return the SHA-256 of exactly the bytes copied."""
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            digest.update(chunk)
            dst.write(chunk)
    return digest.hexdigest()


def _readonly(copy: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        copy.resolve().as_uri() + "?mode=ro&immutable=1", uri=True, isolation_level=None
    )
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.text_factory = lambda b: b.decode("utf-8", "replace")
    return conn


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
    conn = _readonly(copy)
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
    except (sqlite3.Error, UnicodeError, ValueError, OverflowError) as exc:
        raise MergeRefused("damaged", path, str(exc)[:200]) from None
    finally:
        conn.close()

    migrated = False
    if header.user_version < schema_version():
        try:
            backup_then_migrate(copy, header.user_version)
            check_readonly(copy, full=True)
        except (sqlite3.Error, FileRefused, OSError) as exc:
            raise MergeRefused("damaged", path, f"migration: {exc}") from None
        migrated = True
    return CheckedFile(
        path, copy, sha, department_id, found, header.user_version, migrated, warnings
    )


def _check_signature(
    conn: sqlite3.Connection, target: Target, path: Path, plan_id: str, department_id: str
) -> signing.Manifest:
    """The file's manifest, once its signature is found good for this target."""
    found = signing.read(conn)
    if found is None:
        raise MergeRefused("unsigned", path)
    if (found.plan_id, found.department_id) != (plan_id, department_id):
        raise MergeRefused("tampered", path, "manifest")
    public = _signer_key(target, found, path, department_id)
    verdict = signing.verify(conn, found, public)
    if not verdict.authentic:
        if found.kind == "issued":
            raise MergeRefused("wrong_issuer", path)
        raise MergeRefused("tampered", path, "签名 signature")
    if not verdict.ok:
        if found.kind == "issued" and target.role == "master":
            raise MergeRefused("working_copy", path)
        detail = f"{verdict.count} 行 rows: {verdict.examples()}" if verdict.count else ""
        raise MergeRefused("tampered", path, detail or "内容 content")
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
            raise MergeRefused("tampered", path, f"佐证材料 evidence {sha[:8]}")


def clock_warnings(
    conn: sqlite3.Connection, found: signing.Manifest, department_id: str, plan_start: str
) -> list[str]:
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
    return [
        f"该文件所在电脑的时钟可能不准确（文件中的时间为 {shown}）。合并结果不受影响，"
        "请提醒该单位校准电脑时间。 / the sending PC's clock seems wrong (the file says "
        f"{shown}). The merge does not depend on it; ask the department to set the clock."
    ]


def remove_tree(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
