"""Render the coordinator's review screens of issue #12 to PNG files (docs/screens):
the row-by-row preview of a file, the read-only task view and the review view of a
unit's period — on the merge center tests' desk (tests/gui/merge_desk.py).

    .venv/bin/python scripts/render_review_screens.py OUT_FOLDER [--lang zh|en] [--size WxH]

Run by scripts/screens with render_screens.py: at 100%, at 150% (QT_SCALE_FACTOR=1.5,
1280×680 logical pixels) and on a 1366×768 laptop, in Chinese and in English.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["IPDESK_TODAY"] = "2025-08-20"
os.environ["IPDESK_SITE_ID"] = "coordinator-pc"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="ipdesk-review-screens-"))
os.environ["IPDESK_CONFIG_DIR"] = str(WORK / "config")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--size", default="")
    args = parser.parse_args()
    if args.size:
        width, height = (int(n) for n in args.size.lower().split("x"))
    elif os.environ.get("QT_SCALE_FACTOR") == "1.5":
        width, height = 1280, 680
    else:
        width, height = 1400, 860
    dialog_size = (min(1280, width - 40), min(760, height - 40))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from ipdesk.gui import i18n
    from ipdesk.gui.app import make_application
    from ipdesk.gui.main_window import MainWindow
    from ipdesk.gui.settings import Settings
    from ipdesk.templates.build import create_master
    from ipdesk.templates.demo import add_demo_progress
    from tests.gui.merge_desk import PERIOD, make_desk

    demo = WORK / "demo.ipdesk"
    db = create_master(demo)
    add_demo_progress(db, today=date(2025, 8, 20))
    db.close()
    folder = WORK / "desk"
    folder.mkdir()
    desk = make_desk(folder, demo)

    app = make_application()
    i18n.install(args.lang)
    window = MainWindow(Settings(WORK / "config" / "screens.ini"))
    window.resize(width, height)
    window.show()

    def settle() -> None:
        merge = window.pages.get("merge")
        for _ in range(500):
            app.processEvents()
            if (merge is None or merge.is_idle()) and not window.session.jobs.running:
                break
            time.sleep(0.02)
        for _ in range(5):
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str, widget) -> None:
        settle()
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    window.open_file(desk.master)
    window.show_page("merge")
    merge = window.pages["merge"]
    merge.add_files([str(desk.xcb), str(desk.jrj)])
    settle()
    merge.files_table.selectRow(1)
    shot("merge-preview-rows", window)
    merge.merge_all()
    settle()

    # The read-only task view of 3.3.2 (double-click in the overview).
    window.show_page("overview")
    task = desk.ids["3.3.2"]
    window.show_task(task)
    settle()
    from ipdesk.gui.dialogs.review_views import TaskViewDialog, UnitReviewDialog

    view = window.findChildren(TaskViewDialog)[-1]
    view.resize(*dialog_size)
    shot("task-view", view)
    view.tabs.setCurrentIndex(3)
    shot("task-view-history", view)
    view.close()

    # The review view of 区委宣传部's 2025Q3 (double-click on the review tab).
    window.show_page("merge")
    dialog = merge.open_unit(desk.ids["xcb"], PERIOD)
    assert isinstance(dialog, UnitReviewDialog)
    dialog.resize(*dialog_size)
    shot("review-view", dialog)
    dialog.close()

    # A backup opened read-only: the whole window, a banner, 恢复为总表 at hand.
    from ipdesk.merge.backups import list_backups

    backup = window.open_backup(str(list_backups(desk.master)[0].path))
    assert backup is not None
    backup.resize(width, height)
    backup.show_page("overview")
    shot("backup-read-only", backup)
    backup.close()
    window.close_file()
    window.close()
    QApplication.processEvents()
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
