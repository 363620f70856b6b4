"""Fixtures of the merge tests: a living master (the built-in plan with demo progress up
to 2025-08-20), "today" fixed to that date, and this process playing the coordinator's
PC unless a test says otherwise (tests.merge.helpers.on_pc)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from ipdesk.store.files import open_plan
from tests.masters import made
from tests.merge.helpers import COORDINATOR_PC, ids, send

TODAY = "2025-08-20"


@pytest.fixture(autouse=True)
def _coordinator_today(monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", TODAY)
    monkeypatch.setenv("IPDESK_SITE_ID", COORDINATOR_PC)
    monkeypatch.delenv("IPDESK_FAKE_NOW", raising=False)


@dataclass
class Desk:
    """One coordinator's folder: the master and the files that come and go."""

    master: Path
    folder: Path

    @property
    def ids(self) -> dict[str, str]:
        return ids(self.master)

    def issue(self, dept: str = "rjg", name: str | None = None, master: Path | None = None) -> Path:
        """Issue a department file (from `master`, by default the desk's own). Each
        issue gives the department a new key and retires the one before."""
        from ipdesk.merge.issue import issue_department_file

        out = self.folder / (name or f"{dept}.ipdesk")
        db = open_plan(master or self.master)
        try:
            return issue_department_file(db, self.ids[dept], out)
        finally:
            db.close()

    def copy(self, path: Path, name: str) -> Path:
        """A second PC's copy of a department file."""
        target = self.folder / name
        shutil.copyfile(path, target)
        return target

    def send(self, path: Path, name: str, site: str, **env: str) -> Path:
        return send(path, self.folder / name, site, **env)

    def master_db(self):
        return open_plan(self.master)


@pytest.fixture
def desk(tmp_path, tmp_path_factory) -> Desk:
    master = tmp_path / "master.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "demo"), master)
    return Desk(master, tmp_path)
