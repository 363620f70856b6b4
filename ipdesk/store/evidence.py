"""Evidence files taken out of a plan file to be looked at.

An evidence file may come from anyone (a department's file, a merged file, a hostile
one): its name is made safe by the one sanitiser (ipdesk.plan.entry.clean_file_name),
it is written only into IPDesk's own folder (in the settings folder, one subfolder per
content), the resolved path is checked to stay inside that folder, and its content
must match its checksum. Whether the operating system may be asked to open it is the
caller's question to `Extracted.runnable`: a program or a script (any of its suffixes,
`x.pdf.bat` too) is never opened; its folder is shown instead, with `runnable_words`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.plan import entry
from ipdesk.store import clock, disk

FOLDER = "evidence"


@dataclass(frozen=True)
class Extracted:
    path: Path
    runnable: bool  # opening it would run it: show its folder instead


def evidence_folder() -> Path:
    """IPDesk's own folder for evidence taken out to be looked at."""
    return clock.config_dir() / FOLDER


def extract(
    db: sqlite_utils.Database, sha256: str, file_name: str, folder: Path | None = None
) -> Extracted:
    """Write an evidence file's content into `folder` (default: evidence_folder())
    under its safe name and return where.

    Raises:
        BadInput: the content is missing, does not match its checksum, or the name
            would lead outside the folder.
    """
    row = db.execute("SELECT data FROM blobs WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise BadInput(message("evidence.evidence_file_content_not"))
    data = bytes(row[0])
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BadInput(
            message("evidence.evidence_file_content_does"),
        )
    base = (folder or evidence_folder()).resolve()
    name = entry.clean_file_name(file_name)
    target = (base / sha256[:16] / name).resolve()
    if target.parent.parent != base:
        raise BadInput(
            message("evidence.evidence_file_name_leads", value=file_name[:40]),
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if not (target.is_file() and target.read_bytes() == data):
        with disk.output_file(target) as tmp:
            tmp.write_bytes(data)
    return Extracted(target, entry.is_executable_name(name))


def runnable_words(path: Path) -> tuple[str, str]:
    """Why a program or script is shown in its folder rather than opened."""
    return (
        f"“{path.name}”是程序或脚本类型的文件，打开它会运行其中的程序，所以 IPDesk 不会替您打开。"
        f"已打开它所在的文件夹 {path.parent}；请确认来源可靠后再自行处理。",
        f"'{path.name}' is a program or script: opening it would run it, so IPDesk does not "
        f"open it. Its folder, {path.parent}, is shown instead; make sure you trust where it "
        "came from before you do anything with it.",
    )
