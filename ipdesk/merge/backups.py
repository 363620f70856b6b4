"""The master's backups, reachable from the program (`ipdesk backups`, `ipdesk restore`).

Before every merge, undo and restore the master is copied, verified, into
`<name>.backups/` beside it (ipdesk.merge.engine.backup_target). These functions list
them and put one back as the master — after backing up the master as it is, so a
restore can itself be taken back.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ipdesk.errors import BadInput, FileRefused
from ipdesk.merge.engine import backup_target, open_target
from ipdesk.messages import Message, bilingual, message
from ipdesk.store import lock
from ipdesk.store.files import check_readonly, verified_copy

LABELS = ("before-merge", "before-undo", "before-restore")


@dataclass(frozen=True)
class Backup:
    path: Path
    label: str  # before-merge, before-undo, before-restore
    made: datetime
    size: int

    @property
    def words(self) -> Message:
        """合并前 / before a merge …; a label this IPDesk does not know, as it is."""
        if self.label in LABELS:
            return message(f"backups.label.{self.label}")
        return bilingual(self.label, self.label)


def backups_folder(master: str | Path) -> Path:
    master = Path(master)
    return master.with_name(master.stem + ".backups")


def list_backups(master: str | Path) -> list[Backup]:
    """The master's backups, newest first."""
    master = Path(master)
    found = []
    for path in backups_folder(master).glob(f"{master.stem}.*{master.suffix}.bak"):
        middle = path.name[len(master.stem) + 1 : -len(f"{master.suffix}.bak")]
        stamp, _, label = middle.partition(".")
        try:
            made = datetime.strptime(
                stamp.split("-")[0] + "-" + stamp.split("-")[1], "%Y%m%d-%H%M%S"
            )
        except (ValueError, IndexError):
            made = datetime.fromtimestamp(path.stat().st_mtime)
        found.append(Backup(path, label, made, path.stat().st_size))
    return sorted(found, key=lambda b: (b.made, b.path.stat().st_mtime), reverse=True)


def restore_backup(master: str | Path, backup: str | Path) -> Path:
    """Make `backup` the master again. The backup is checked first (sound, a master,
    the same plan); the master as it is goes to the backups folder (verified); then
    the backup's copy, verified, takes the master's place. Returns the backup of the
    master that was replaced.

    Nobody may have the master open meanwhile (the window closes it first).

    Raises:
        FileRefused: the backup cannot be used, or the master is busy or cannot be
            written; nothing was changed.
        BadInput: the backup is of another plan, or not a master.
    """
    master, backup = Path(master), Path(backup)
    check_readonly(backup, full=True)
    source = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        role, plan_id = source.execute("SELECT role, plan_id FROM file_meta").fetchone()
    finally:
        source.close()
    with lock.exclusive(master, "restore"):
        db = open_target(master)
        try:
            current_plan = db.execute("SELECT plan_id FROM file_meta").fetchone()[0]
            if role != "master" or plan_id != current_plan:
                raise BadInput(
                    message("backups.not_backup_master_another", name=backup.name),
                )
            saved = backup_target(db.conn, master, "before-restore")
            db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        incoming = master.with_name(f"{master.name}.{os.getpid()}.restoring")
        source = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            verified_copy(source, incoming)
        except (OSError, sqlite3.Error) as exc:
            raise FileRefused("damaged", backup, str(exc)) from None
        finally:
            source.close()
        os.replace(incoming, master)
        for suffix in ("-wal", "-shm"):
            Path(str(master) + suffix).unlink(missing_ok=True)
    return saved
