"""The package's layers (README "For developers"), held by tests: the core never
imports Qt (STYLE.md), the window runs no SQL (it reads through ipdesk.read and writes
through the store's edits), and each layer imports only those below it."""

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.core.helpers import ROOT

PACKAGE = ROOT / "ipdesk"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def core_modules() -> list[str]:
    return [
        module_name(p)
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.relative_to(PACKAGE).parts[0] != "gui" and p.name != "__main__.py"
    ]


def imports_of(path: Path) -> set[str]:
    """Every ipdesk module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("ipdesk")}


def test_there_are_core_modules_to_check():
    modules = core_modules()
    assert "ipdesk.cli" in modules and "ipdesk.store.files" in modules
    assert "ipdesk.read.department" in modules
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


SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|PRAGMA|CREATE|ATTACH)\b")
RUNS_SQL = {"execute", "executemany", "executescript"}


def test_the_window_runs_no_sql():
    """Every query of the window is in ipdesk.read (or the store, merge, reports): no
    SQL text and no execute() anywhere under ipdesk/gui."""
    found = []
    for path in sorted((PACKAGE / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if SQL.search(node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} SQL text")
            elif isinstance(node, ast.Attribute) and (
                node.attr in RUNS_SQL
                or (node.attr == "connect" and getattr(node.value, "id", "") == "sqlite3")
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}()")
    assert not found, "\n".join(found)


def test_this_test_would_see_sql_in_the_window(tmp_path):
    sample = 'rows = db.execute("SELECT id FROM tasks WHERE deleted = 0")\n'
    tree = ast.parse(sample)
    assert any(isinstance(n, ast.Attribute) and n.attr in RUNS_SQL for n in ast.walk(tree))
    assert any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and SQL.search(n.value)
        for n in ast.walk(tree)
    )


# Which parts of the package a part may import (besides itself); see the README.
ALLOWED = {
    "messages": set(),
    "plan": {"messages"},
    "store": {"plan", "errors", "paths", "messages"},
    "read": {"plan", "store", "errors", "paths", "messages"},
    "merge": {"plan", "store", "errors", "paths", "work", "messages"},
    "templates": {"plan", "store", "read", "reader", "errors", "paths", "messages"},
    "reader": {"plan", "store", "errors", "paths", "messages"},
    "reports": {
        "plan",
        "store",
        "read",
        "merge",
        "reader",
        "templates",
        "errors",
        "paths",
        "work",
        "messages",
    },
    "cli": {
        "messages",
        "plan",
        "store",
        "read",
        "merge",
        "reports",
        "templates",
        "reader",
        "errors",
        "crashlog",
        "gui",
    },
}


def test_each_part_imports_only_the_parts_below_it():
    wrong = []
    for part, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / part).rglob("*.py")):
            for name in imports_of(path):
                other = name.split(".")[1] if "." in name else ""
                if other and other != part and other not in allowed | {"__version__"}:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_the_command_modules_do_not_import_each_other():
    modules = {"plan", "merge", "reports", "documents"}
    wrong = [
        f"{path.name} imports {name}"
        for path in sorted((PACKAGE / "cli").glob("*.py"))
        if path.stem in modules | {"common"}
        for name in imports_of(path)
        if name.startswith("ipdesk.cli.") and name.split(".")[2] in modules | {"__init__"}
    ]
    assert not wrong, "\n".join(wrong)
