"""Fixtures of the attack tests: the coordinator's desk (as in tests/merge) with the
demo master, and a department — 软件谷 (rjg) — that tries to write where it may not."""

from __future__ import annotations

import shutil

import pytest

from tests.masters import made
from tests.merge.conftest import TODAY, Desk
from tests.merge.helpers import COORDINATOR_PC


@pytest.fixture(autouse=True)
def _coordinator_today(monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", TODAY)
    monkeypatch.setenv("IPDESK_SITE_ID", COORDINATOR_PC)
    monkeypatch.delenv("IPDESK_FAKE_NOW", raising=False)


@pytest.fixture
def desk(tmp_path, tmp_path_factory) -> Desk:
    master = tmp_path / "master.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "demo"), master)
    return Desk(master, tmp_path)
