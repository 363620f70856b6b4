"""Where IPDesk's own data files live: next to the package in a checkout, or inside
the PyInstaller bundle when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder that holds `db/`, `resources/` and `ui/`."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def data_path(*parts: str) -> Path:
    """A path below the app root, e.g. ``data_path("db", "schema.sql")``."""
    return app_root().joinpath(*parts)
