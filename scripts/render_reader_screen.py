"""Render the side-by-side check of a plan document (File → 由工作方案文件新建…) to PNG:

    .venv/bin/python scripts/render_reader_screen.py docs/screens [--lang zh|en]

plan-reader.png: the seed plan document (PDF) with target 2.6.1 selected — its words
highlighted in the source on the left, its number, unit and comparator in the editor;
plan-reader-departments.png: a plan saved from a government web site, a task with the
departments read from its table selected.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from ipdesk.gui import i18n
    from ipdesk.gui.app import install_fonts
    from ipdesk.gui.dialogs.plan_reader import PlanReaderDialog
    from ipdesk.reader import read_document

    app = QApplication([])
    app.setStyle("Fusion")
    install_fonts(app)
    i18n.install(args.lang)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = ROOT / "tests" / "data"
    shots = [
        (data / "plan_document.pdf", ("indicator", "2.6.1"), "plan-reader.png"),
        (data / "reader" / "gov_page.html", ("item", "2.2"), "plan-reader-departments.png"),
    ]
    for document, (kind, code), name in shots:
        dialog = PlanReaderDialog(read_document(document))
        dialog.resize(1600, 960)
        dialog.show()
        refs = dialog.plan.indicators if kind == "indicator" else dialog.plan.items
        ref = next(x.id for x in refs if x.code == code)
        node = dialog.node(kind, ref)
        dialog.tree.setCurrentItem(node)
        dialog.tree.scrollToItem(node)
        app.processEvents()
        dialog.grab().save(str(out / name))
        print(out / name)
        dialog.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
