"""`ipdesk self-check` (what scripts/check_bundle runs on the installed program) passes
on a department file — pages, sending, printing, the workbook — and would fail if a
module could not be imported."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.gui.helpers import make_department_file, query


@pytest.mark.slow
def test_self_check_sends_prints_and_exports_from_the_window(demo_master, tmp_path):
    dept = make_department_file(demo_master, "kjj", tmp_path / "kjj.ipdesk")
    before = dept.read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IPDESK_TODAY": "2025-08-20"}
    result = subprocess.run(
        [sys.executable, "-m", "ipdesk.cli", "self-check", str(dept), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "self-check: OK" in result.stdout
    sent = tmp_path / "out" / "self-check-sent.ipdesk"
    assert query(sent, "SELECT kind FROM manifest") == [("sent",)]
    assert list((tmp_path / "out").glob("*.xlsx"))
    assert dept.read_bytes() == before  # the check works on a copy


def test_every_module_imports():
    from ipdesk.gui.selfcheck import import_every_module

    assert import_every_module() == []
