"""The masters the tests start from, each made once per test session (copy one, never
change it): "plain", the built-in plan; "demo", the built-in plan with sample progress
up to 2025-08-20 (templates.demo)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

DEMO_DAY = date(2025, 8, 20)
_made: dict[str, Path] = {}


def made(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """The session's master called `name` ("plain" or "demo")."""
    if name not in _made:
        from ipdesk.templates.build import create_master
        from ipdesk.templates.demo import add_demo_progress

        path = tmp_path_factory.mktemp("made") / f"{name}.ipdesk"
        db = create_master(path)
        try:
            if name == "demo":
                add_demo_progress(db, today=DEMO_DAY)
        finally:
            db.close()
        _made[name] = path
    return _made[name]
