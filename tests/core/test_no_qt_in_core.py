"""The core never imports Qt (STYLE.md): every module outside ipdesk/gui/ is
imported in a fresh interpreter and PySide6 must not be loaded afterwards."""

import subprocess
import sys

from tests.core.helpers import ROOT


def core_modules() -> list[str]:
    names = []
    for path in sorted((ROOT / "ipdesk").rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        if rel.parts[:2] == ("ipdesk", "gui"):
            continue
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        names.append(".".join(parts))
    return names


def test_there_are_core_modules_to_check():
    modules = core_modules()
    assert "ipdesk.cli" in modules and "ipdesk.store.files" in modules
    assert not any(m.startswith("ipdesk.gui") for m in modules)


def test_core_imports_no_qt():
    modules = core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pytestqt'))\n"
        "print('LOADED', bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout, result.stdout
