"""The command line and the core speak through catalogue messages (ipdesk/messages):
no line joins a Chinese and an English literal by hand. Left out: argparse's help
texts, written for the --help page in both languages at once, and names that are
the same in both languages (PDF, Excel, IPDesk …)."""

from __future__ import annotations

import ast
import re

from ipdesk.messages import message
from ipdesk.reports.pdf import KINDS
from tests.core.helpers import ROOT

HAN = re.compile(r"[\u4e00-\u9fff]")
# A Chinese word, then (after spaces, brackets or a colon) an English word: "完好 sound".
JOINED = re.compile(r"[\u4e00-\u9fff][）)：:]?\s*[（(]?([A-Za-z]{2,})")
# Words that are not English to translate: product names, units, keys.
SAME_IN_BOTH = {"PDF", "Excel", "IPDesk", "SHA", "KB", "Ctrl", "xlsx", "zip"}
# Text that is data, not a message: the demo's evidence files say what they are.
DATA = {("demo.py", "{}\n{}\n（演示用佐证材料 Demo evidence）\n")}
HELP_TEXT = {"help", "description", "epilog", "usage"}
HELP_CONSTANTS = {"USAGE_FIRST"}


def _printed_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal (f-strings whole) outside docstrings and help texts."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in HELP_TEXT:
            skipped.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in HELP_CONSTANTS for t in node.targets
        ):
            skipped.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(v) for v in node.values)
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            found.append((node.lineno, text))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


def _joined(text: str) -> bool:
    return any(m.group(1) not in SAME_IN_BOTH for m in JOINED.finditer(text))


def test_the_checker_finds_a_line_joined_by_hand():
    tree = ast.parse('print(f"{name}: 完好 sound")\nprint("（默认 default）")\nx = "dry run"\n')
    joined = [text for _, text in _printed_literals(tree) if _joined(text)]
    assert joined == ["{}: 完好 sound", "（默认 default）"]
    assert not _joined("另存为 PDF…") and not _joined("IPDesk 知识产权强区建设工作台")


def test_no_command_line_or_core_text_joins_two_languages_by_hand():
    joined = []
    for path in sorted((ROOT / "ipdesk").rglob("*.py")):
        parts = path.relative_to(ROOT / "ipdesk").parts
        if parts[0] in ("gui", "messages"):  # the window's words are in its .ts files
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _printed_literals(tree):
            if _joined(text) and (path.name, text) not in DATA:
                joined.append(f"{'/'.join(parts)}:{line}: {text}")
    assert joined == []


def test_the_command_lines_words_read_in_each_language():
    sound = message("cli_plan.sound", version=8, size=1024)
    assert sound.text("zh") == "完好（数据版本 v8，1024 字节）"
    assert sound.text("en") == "sound (schema v8, 1024 bytes)"
    assert str(sound) == "完好（数据版本 v8，1024 字节） / sound (schema v8, 1024 bytes)"
    counts = message(
        "cli_merge.counts",
        new=1,
        changed=2,
        stale=0,
        conflicts=0,
        quarantined=3,
        import_number=message("cli_merge.import_suffix", id=7),
    )
    assert counts.text("en") == "new 1, changed 2, stale 0, conflicts 0, quarantined 3 (import #7)"
    assert counts.text("zh") == "新增 1，修改 2，较旧 0，冲突 0，隔离 3（导入 #7）"
    written = message("cli_reports.pdf_written", kind=message("pdf_kind.timeline"))
    assert (
        written.text("en") == "timeline chart written"
        and written.text("zh") == "已生成工作进度甘特图"
    )
    for kind in KINDS:
        assert HAN.search(message(f"pdf_kind.{kind}").text("zh"))
        assert not HAN.search(message(f"pdf_kind.{kind}").text("en"))
