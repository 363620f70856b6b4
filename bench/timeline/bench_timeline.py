"""Timeline benchmark: builds the 5,000-task scale file, then times reading it,
building the scene, painting frames, scrolling, zooming and collapsing, and prints
the figures. Run on purpose (not part of the tests):

    .venv/bin/python bench/timeline/bench_timeline.py [--tasks 5000] [--keep FILE]

A frame is one synchronous repaint of the chart's viewport (1400×850 window,
offscreen). 60 frames a second leaves 16.7 ms per frame.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("IPDESK_TODAY", "2025-08-20")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from scale_file import make_scale_file  # noqa: E402

from ipdesk.gui.views.timeline import TimelineView  # noqa: E402
from ipdesk.paths import data_path  # noqa: E402
from ipdesk.read.timeline import load_timeline  # noqa: E402
from ipdesk.store.files import open_plan  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def frame_times(app: QApplication, view, steps) -> dict[str, float]:
    """Run each step and repaint the viewport synchronously: the number of frames and
    their median, 95th percentile and worst time in seconds (also used by
    bench/city_scale.py)."""
    times = []
    for step in steps:
        t = time.perf_counter()
        step()
        view.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - t)
    times.sort()
    return {
        "frames": len(times),
        "median": statistics.median(times),
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
        "max": times[-1],
    }


def frames(app: QApplication, view, steps, label: str) -> None:
    """Run each step, repaint the viewport synchronously, print frame times."""
    f = frame_times(app, view, steps)
    print(
        f"{label:<38} {f['frames']:4d} frames  median {ms(f['median'])}"
        f"  p95 {ms(f['p95'])}  max {ms(f['max'])}"
    )


def shown_timeline(app: QApplication, db) -> tuple[TimelineView, float]:
    """A shown 1400×850 timeline and the seconds it took to read the file and build the
    scene when first shown (also used by bench/city_scale.py)."""
    from ipdesk.gui.session import Session

    session = Session(db, Path(db.execute("PRAGMA database_list").fetchone()[2]))
    widget = TimelineView(session)
    widget.resize(1400, 850)
    t = time.perf_counter()
    widget.show()  # a page reads the file when it is first shown
    app.processEvents()
    return widget, time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the timeline on the scale file.")
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="write the scale file here and keep it")
    args = parser.parse_args()
    app = QApplication(sys.argv)
    QFontDatabase.addApplicationFont(str(data_path("resources", "fonts", "NotoSansSC-Regular.ttf")))
    QFontDatabase.addApplicationFont(str(data_path("resources", "fonts", "NotoSansSC-Bold.ttf")))
    app.setFont(QFont("Noto Sans SC", 10))

    folder = Path(tempfile.mkdtemp(prefix="ipdesk-bench-timeline-"))
    path = args.keep or folder / "scale.ipdesk"
    t = time.perf_counter()
    make_scale_file(path, args.tasks)
    print(f"{'build scale file':<38} {ms(time.perf_counter() - t)}")
    db = open_plan(path)
    n_tasks = db.execute("SELECT count(*) FROM tasks WHERE deleted = 0").fetchone()[0]
    n_ms = db.execute("SELECT count(*) FROM milestones WHERE deleted = 0").fetchone()[0]
    print(f"{'tasks / milestones in file':<38} {n_tasks} / {n_ms}")

    t = time.perf_counter()
    data = load_timeline(db, date(2025, 8, 20))
    print(
        f"{'read rows (load_timeline)':<38} {ms(time.perf_counter() - t)}  ({len(data.rows)} rows)"
    )

    widget, build = shown_timeline(app, db)
    print(f"{'first shown (read + build scene)':<38} {ms(build)}")
    t = time.perf_counter()
    widget.scene.set_data(data)
    widget._relayout()
    print(
        f"{'build scene items + layout only':<38} {ms(time.perf_counter() - t)}"
        f"  ({len(widget.scene.items())} items)"
    )
    app.processEvents()
    view = widget.view
    t = time.perf_counter()
    view.viewport().repaint()
    print(f"{'first frame':<38} {ms(time.perf_counter() - t)}")

    vbar, hbar = view.verticalScrollBar(), view.horizontalScrollBar()
    widget.set_scale("month")
    app.processEvents()
    print(
        f"{'scene height (px) / shown rows':<38} {int(widget.scene.sceneRect().height())}"
        f" / {len(widget.shown_rows())}"
    )
    step = max(1, vbar.maximum() // 200)
    frames(
        app,
        view,
        [lambda v=v: vbar.setValue(v) for v in range(0, vbar.maximum(), step)],
        "scroll down the whole file (month)",
    )
    frames(
        app,
        view,
        [lambda v=v: vbar.setValue(v) for v in range(0, 78 * 60, 78)],
        "scroll 3 rows a step (wheel)",
    )
    frames(
        app,
        view,
        [lambda v=v: hbar.setValue(v) for v in range(0, hbar.maximum(), 40)],
        "scroll across the plan (month)",
    )
    vbar.setValue(vbar.maximum() // 2)
    zooms = [widget.zoom_in] * 10 + [widget.zoom_out] * 20 + [widget.zoom_in] * 10
    frames(app, view, zooms, "zoom in ×10, out ×20, in ×10")
    widget.set_scale("quarter")
    frames(
        app,
        view,
        [lambda v=v: vbar.setValue(v) for v in range(0, vbar.maximum(), step)],
        "scroll down the whole file (quarter)",
    )

    t = time.perf_counter()
    widget.collapse_all()
    app.processEvents()
    collapse = time.perf_counter() - t
    t = time.perf_counter()
    widget.expand_all()
    app.processEvents()
    expand = time.perf_counter() - t
    print(f"{'collapse all / expand all':<38} {ms(collapse)} / {ms(expand)}")
    first_group = widget.groups()[0]
    t = time.perf_counter()
    widget.toggle_group(first_group)
    view.viewport().repaint()
    print(f"{'collapse one area + frame':<38} {ms(time.perf_counter() - t)}")
    t = time.perf_counter()
    widget.refresh()
    view.viewport().repaint()
    print(f"{'refresh (re-read file + rebuild)':<38} {ms(time.perf_counter() - t)}")
    widget.close()
    db.close()


if __name__ == "__main__":
    main()
