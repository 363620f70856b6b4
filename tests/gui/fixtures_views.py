"""Fixtures of the timeline and indicator board tests: the bundled Chinese font on
the application, and a fresh copy of a demo master (progress up to 2025-08-20) open
with "today" fixed to 2025-08-20.

Import the fixtures into a test module: `from tests.gui.fixtures_views import ...`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

VIEWS_TODAY = date(2025, 8, 20)
_made: dict[str, Path] = {}


def _demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "demo" not in _made:
        from ipdesk.templates.build import create_master
        from ipdesk.templates.demo import add_demo_progress

        path = tmp_path_factory.mktemp("views-made") / "demo.ipdesk"
        db = create_master(path)
        add_demo_progress(db, today=VIEWS_TODAY)
        db.close()
        _made["demo"] = path
    return _made["demo"]


@pytest.fixture(scope="session")
def chinese_font(qapp: Any) -> str:
    """Noto Sans SC registered and set on the application, as the app does."""
    from PySide6.QtGui import QFont, QFontDatabase

    from ipdesk.paths import data_path

    family = "Noto Sans SC"
    for name in ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(data_path("resources", "fonts", name)))
        assert font_id >= 0, f"could not load {name}"
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPointSizeF(10)
    qapp.setFont(font)
    return family


@pytest.fixture
def views_demo_path(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh copy of the demo master; today is 2025-08-20."""
    monkeypatch.setenv("IPDESK_TODAY", VIEWS_TODAY.isoformat())
    path = tmp_path / "views-demo.ipdesk"
    shutil.copyfile(_demo_file(tmp_path_factory), path)
    return path


@pytest.fixture
def views_demo_db(views_demo_path: Path) -> Iterator[Any]:
    """The demo master copy, open."""
    from ipdesk.store.files import open_plan

    db = open_plan(views_demo_path)
    yield db
    db.close()
