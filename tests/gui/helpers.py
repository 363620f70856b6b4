"""Helpers for the GUI tests: department files, values read back from the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def make_department_file(master: Path, department_code: str, out: Path) -> Path:
    """A department's file made from a master, as the coordinator would issue it."""
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.store.files import open_plan

    db = open_plan(master)
    try:
        dept_id = db.execute(
            "SELECT id FROM departments WHERE code = ?", [department_code]
        ).fetchone()[0]
        issue_department_file(db, dept_id, out)
        return out
    finally:
        db.close()


def query(path: Path, sql: str, params: Any = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def one(path: Path, sql: str, params: Any = ()) -> Any:
    rows = query(path, sql, params)
    return rows[0][0] if rows else None


def type_text(widget: Any, text: str) -> None:
    """Type text into a focused widget the way a Chinese input method delivers it
    (a committed input-method string; QTest key clicks handle ASCII only)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)
