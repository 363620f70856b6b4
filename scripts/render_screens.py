"""Render the window's main views on the demo master to PNG files (scripts/screens).

    .venv/bin/python scripts/render_screens.py OUT_FOLDER [--lang zh|en] [--size WxH]
    QT_SCALE_FACTOR=1.5 .venv/bin/python scripts/render_screens.py OUT_FOLDER   (150%)
    bash scripts/screens   (every set in docs/screens: 100%, 150%, 1366×768; zh and en)

The demo is made for a fixed day (2025-08-20, mid-plan); a department file is
issued to 软件谷 and half filled in for 2025Q3 as a liaison officer would; a
conflicting edit is merged so the merge center has a conflict to show.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["IPDESK_TODAY"] = "2025-08-20"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="ipdesk-screens-"))
os.environ["IPDESK_CONFIG_DIR"] = str(WORK / "config")
# 100%: a 1920×1080 screen; 150%: the same screen scaled, 1280×720 logical pixels
# less the taskbar — the tightest layout an office PC will give the window.
SIZE = (1280, 680) if os.environ.get("QT_SCALE_FACTOR") == "1.5" else (1600, 1000)


def make_files() -> tuple[Path, Path, Path | None]:
    """The demo master, 软件谷's department file (partly filled in), and a file sent
    back by 区金融局 whose report conflicts with the coordinator's own edit."""
    from ipdesk.store import edits
    from ipdesk.store.files import open_plan
    from ipdesk.templates.build import create_master
    from ipdesk.templates.demo import add_demo_progress

    master = WORK / "演示总表.ipdesk"
    db = create_master(master)
    add_demo_progress(db, today=date(2025, 8, 20))
    dept = {code: i for code, i in db.execute("SELECT code, id FROM departments")}
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.merge.send import send_file

    rjg = WORK / "软件谷-部门文件.ipdesk"
    jrj = WORK / "区金融局-部门文件.ipdesk"
    issue_department_file(db, dept["rjg"], rjg)
    issue_department_file(db, dept["jrj"], jrj)
    # 软件谷 fills in part of 2025Q3.
    d = open_plan(rjg)
    tasks = [
        t
        for (t,) in d.execute(
            "SELECT a.task_id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE a.department_id = ?"
            " AND a.deleted = 0 AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id)"
            " ORDER BY t.sort",
            [dept["rjg"]],
        )
    ]
    samples = [
        (
            "in_progress",
            70,
            "会同区知识产权局走访园区企业12家，梳理高价值专利培育需求8条，已分类交办。",
            "部分企业研发投入偏少，培育后劲不足。",
            "9月组织专利导航培训，推动2家企业申报示范中心。",
        ),
        ("in_progress", 55, "召开专题推进会2次，形成工作台账。", "", "继续跟踪重点企业。"),
        (
            "behind",
            30,
            "受企业经营影响，项目申报进度偏慢。",
            "申报材料质量参差不齐。",
            "组织专家辅导。",
        ),
    ]
    for task, (status, percent, progress, problems, nxt) in zip(tasks, samples, strict=False):
        edits.save_report(
            d,
            task,
            dept["rjg"],
            "2025Q3",
            status=status,
            percent=percent,
            progress=progress,
            problems=problems,
            next_steps=nxt,
        )
    for code, value in (("2.2.1", 260), ("2.2.2", 9), ("2.1.3", 4)):
        ind = d.execute("SELECT id FROM indicators WHERE code = ?", [code]).fetchone()[0]
        try:
            edits.save_value(d, ind, dept["rjg"], "2025Q3", value)
        except Exception:  # noqa: BLE001 - a demo value the department does not report
            pass
    d.close()
    # 区金融局 sends a report the coordinator also edited: a conflict.
    task = db.execute(
        "SELECT task_id FROM assignments WHERE department_id = ? AND role = 'lead'"
        " AND deleted = 0 LIMIT 1",
        [dept["jrj"]],
    ).fetchone()[0]
    f = open_plan(jrj)
    edits.save_report(
        f, task, dept["jrj"], "2025Q3", progress="完成金融服务平台上线，对接企业15家。"
    )
    conflict = WORK / "区金融局-报送.ipdesk"
    send_file(f, conflict)
    f.close()
    edits.save_report(
        db, task, dept["jrj"], "2025Q3", progress="协调员更正：平台上线，对接企业12家。"
    )
    db.close()
    return master, rjg, conflict


def settle(app, window) -> None:
    """Let the window's workers finish and their results arrive."""
    import time

    merge = window.pages.get("merge")
    for _ in range(500):
        app.processEvents()
        idle = merge is None or merge.is_idle()
        if idle and (window.session is None or not window.session.jobs.running):
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--size", default="", help="window size WxH (e.g. 1366x728)")
    parser.add_argument(
        "--only", default="", help="comma-separated screen names to save (default: all)"
    )
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x")) if args.size else SIZE
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication, QTableView

    from ipdesk.gui import i18n
    from ipdesk.gui.app import make_application
    from ipdesk.gui.main_window import MainWindow
    from ipdesk.gui.settings import Settings

    master, rjg, conflict = make_files()
    app = make_application()
    i18n.install(args.lang)
    settings = Settings(WORK / "config" / "screens.ini")
    window = MainWindow(settings)
    window.resize(*size)
    window.show()

    only = {n for n in args.only.split(",") if n}

    def shot(name: str, widget=None) -> None:
        if only and name not in only:
            return
        for _ in range(3):
            app.processEvents()
        (widget or window).grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    shot("welcome")
    window.open_file(rjg)
    form = window.pages["form"]
    first = next((t for t in form.tasks if t.report), None)
    if first is not None:
        form.select_task(first.id)
    shot("department-form")
    form.show_task_list(form.grid_box)
    shot("department-form-indicators")
    window.close_file()

    window.open_file(master)
    shot("overview")
    for key, name in (
        ("timeline", "timeline"),
        ("indicators", "indicator-board"),
        ("plan", "plan-editor"),
    ):
        window.show_page(key)
        shot(name)
    window.show_page("merge")
    merge = window.pages["merge"]
    if conflict is not None and hasattr(merge, "add_files"):
        # The coordinator drops the returned file: it is checked and previewed …
        merge.add_files([str(conflict)])
        settle(app, window)
        shot("merge-center")
        # … merged, and the conflicting field waits on the 冲突 page.
        merge.merge_all()
        settle(app, window)
        merge.tabs.setCurrentWidget(merge.conflicts)
        rows = merge.conflicts.findChildren(QTableView)
        if rows and rows[0].model() is not None and rows[0].model().rowCount():
            rows[0].selectRow(0)
        shot("merge-conflict")
    else:
        shot("merge-center")
    window.show_page("form")
    window.pages["form"].set_department(
        window.session.db.execute("SELECT id FROM departments WHERE code = 'zscqj'").fetchone()[0]
    )
    shot("coordinator-department")
    from ipdesk.gui.dialogs.task_editor import TaskEditor

    task = window.session.db.execute("SELECT id FROM tasks WHERE code = '3.2.1'").fetchone()[0]
    editor = TaskEditor(window.session, task, window)
    editor.show()
    shot("task-editor", editor)
    editor.close()
    window.close_file()
    window.close()
    QApplication.processEvents()
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
