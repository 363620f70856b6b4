"""What every command module of `ipdesk` shares: the exit statuses, the parser that
refuses in one line, opening the files a command names, the department a command acts
for, and printing JSON. Imports nothing from the other command modules."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from ipdesk.errors import BadInput, NotAllowed
from ipdesk.messages import message
from ipdesk.messages import message as words

REFUSED = 2
INTERNAL = 3


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (its default also exits 2, with usage)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"ipdesk: {words('cli.usage_error')}: {message}\n")
        raise SystemExit(REFUSED)


def open_file(path: str) -> sqlite_utils.Database:
    """A plan file opened to change it (an older one is migrated first)."""
    from ipdesk.store.files import open_plan

    return open_plan(path)


def look(path: str) -> sqlite_utils.Database:
    """Open only to read (listings): the file is not changed, not even its journal mode."""
    from ipdesk.store.files import open_readonly

    return open_readonly(path)


def acting_department(db: sqlite_utils.Database, given: str | None) -> str:
    """The department a command acts for: the file's own, or --dept in the master."""
    from ipdesk.store.files import file_meta
    from ipdesk.store.names import find_department

    meta = file_meta(db)
    if not meta.is_master:
        if given and find_department(db, given).id != meta.department_id:
            raise NotAllowed(
                message("cli.department_file_reports_only"),
            )
        return meta.department_id  # type: ignore[return-value]
    if not given:
        raise BadInput(
            message("cli.master_file_name_department"),
        )
    return find_department(db, given).id


def printed_department(db: sqlite_utils.Database, given: str | None) -> str | None:
    """The department a sheet or workbook is printed for: --dept (a department file
    prints only its own), else the file's own department (None in the master)."""
    from ipdesk.store.files import file_meta
    from ipdesk.store.names import find_department

    meta = file_meta(db)
    if given:
        dept = find_department(db, given).id
        if not meta.is_master and dept != meta.department_id:
            raise BadInput(message("cli.department_file_prints_only"))
        return dept
    return meta.department_id


def output_path(path: str, *, source: str | None = None) -> Path:
    """Where a command writes: never the file it reads, in a folder that exists."""
    out = Path(path)
    if source is not None and out.resolve() == Path(source).resolve():
        raise BadInput(message("cli.output_must_not_file"))
    if not out.parent.is_dir():
        raise BadInput(message("cli.folder_does_not_exist", parent=out.parent))
    return out


def day(text: str) -> date:
    """An argparse type: a day written 2025-08-20."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(message("cli.not_a_date", text=text)) from None


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")
