import shutil
from pathlib import Path

import pytest

from ipdesk.templates.build import create_master
from ipdesk.templates.demo import add_demo_progress

_cache: dict[str, Path] = {}


def _made(tmp_path_factory, name: str, demo: bool) -> Path:
    if name not in _cache:
        path = tmp_path_factory.mktemp("made") / f"{name}.ipdesk"
        db = create_master(path)
        if demo:
            from datetime import date

            add_demo_progress(db, today=date(2025, 8, 20))
        db.close()
        _cache[name] = path
    return _cache[name]


@pytest.fixture
def master(tmp_path, tmp_path_factory) -> Path:
    """A fresh copy of a master made from the built-in plan."""
    path = tmp_path / "master.ipdesk"
    shutil.copyfile(_made(tmp_path_factory, "plain", False), path)
    return path


@pytest.fixture
def demo_master(tmp_path, tmp_path_factory) -> Path:
    """A fresh copy of a master with demo progress up to 2025-08-20."""
    path = tmp_path / "demo.ipdesk"
    shutil.copyfile(_made(tmp_path_factory, "demo", True), path)
    return path
