"""Test settings shared by every test: Qt offscreen, and IPDesk's per-user state
(site id, settings) kept in a temporary folder instead of the real profile."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# As ipdesk/__init__.py: openpyxl on its standard-library writer even with lxml installed
# (tests import openpyxl before ipdesk).
os.environ.setdefault("OPENPYXL_LXML", "False")
_config = tempfile.mkdtemp(prefix="ipdesk-test-config-")
os.environ["IPDESK_CONFIG_DIR"] = _config
os.environ.setdefault("IPDESK_SITE_ID", "test-site-0001")
os.environ.setdefault("XDG_CONFIG_HOME", _config)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402 (after the environment above, which IPDesk reads at import)

from tests.masters import made  # noqa: E402


@pytest.fixture
def master(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of a master made from the built-in plan."""
    path = tmp_path / "master.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "plain"), path)
    return path


@pytest.fixture
def demo_master(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of a master with demo progress up to 2025-08-20."""
    path = tmp_path / "demo.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "demo"), path)
    return path


def pytest_sessionfinish(session, exitstatus):
    """A test run that left a crash log failed, whatever its tests said: some command
    or window met an unexpected exception (a bug) and only the guard caught it.
    Tests that provoke a bug on purpose point IPDESK_CONFIG_DIR elsewhere."""
    logs = sorted((Path(_config) / "crash-logs").glob("*"))
    if logs:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        text = logs[0].read_text(encoding="utf-8", errors="replace")
        message = (
            f"\n{len(logs)} crash log(s) were written during the test run, e.g. {logs[0]}:\n"
            + text[-3000:]
        )
        if reporter is not None:
            reporter.write_line(message, red=True)
        else:
            sys.stderr.write(message)
        session.exitstatus = 1
