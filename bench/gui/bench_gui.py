"""Window benchmark on the city-scale master (bench/make_scale.py: 500 departments,
5,000 tasks, 100,000 reports, 200,000 values). Prints, does not assert:

* open → usable: from `open_file` to the first page (the overview) drawn with its
  rows, as a user waits for it;
* overview filter: each filter change (department, light, text search, "本期未报",
  clearing) until the table has its rows, median and worst of several runs;
* department form: switching to a department and back.

    .venv/bin/python bench/gui/bench_gui.py [--scale FILE] [--keep]

Targets (issue 4): usable within 2 s, a filter answers within 100 ms.
`start_window`, `open_timed` and `filter_runs` are also used by bench/city_scale.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("IPDESK_TODAY", "2025-08-20")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("IPDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="ipdesk-bench-"))
DEFAULT_SCALE = Path(tempfile.gettempdir()) / "ipdesk-scale-bench.ipdesk"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def start_window() -> tuple[Any, Any]:
    """The application (font, style as in `ipdesk`) and a shown 1400×900 main window."""
    from ipdesk.gui.app import make_application
    from ipdesk.gui.main_window import MainWindow
    from ipdesk.gui.settings import Settings

    app = make_application()
    window = MainWindow(Settings(Path(os.environ["IPDESK_CONFIG_DIR"]) / "bench.ini"))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    return app, window


def open_timed(app: Any, window: Any, path: Path) -> tuple[float, float]:
    """`window.open_file(path)`; returns (seconds until the window is drawn and
    answering, seconds until the overview's rows, read on a worker, are shown)."""
    t0 = time.perf_counter()
    if not window.open_file(path):
        raise SystemExit(f"the window refused {path}")
    overview = window.pages["overview"]
    window.repaint()
    app.processEvents()
    usable = time.perf_counter() - t0
    while overview.model.rowCount() == 0:
        app.processEvents()
        time.sleep(0.005)
    overview.table.viewport().repaint()
    return usable, time.perf_counter() - t0


def filter_runs(app: Any, window: Any, repeat: int = 7) -> list[tuple[str, list[float], int]]:
    """Each overview filter `repeat` times from a cleared overview, until the table is
    repainted: (label, seconds of each run, rows shown)."""
    overview = window.pages["overview"]
    results = []

    def timed(label: str, action: Callable[[], Any]) -> None:
        runs = []
        for _ in range(repeat):
            overview.clear_filters()
            app.processEvents()
            t = time.perf_counter()
            action()
            overview.table.viewport().repaint()
            runs.append(time.perf_counter() - t)
        results.append((label, runs, overview.model.rowCount()))

    def search() -> None:
        overview.search.setText("知识产权")
        overview.apply_filter()

    dept = overview.department.itemData(5)
    timed(
        "department",
        lambda: overview.department.setCurrentIndex(overview.department.findData(dept)),
    )
    timed("light = red", lambda: overview.light.setCurrentIndex(overview.light.findData("red")))
    timed(
        "status = behind",
        lambda: overview.status.setCurrentIndex(overview.status.findData("behind")),
    )
    timed("not reported", lambda: overview.unreported.setChecked(True))
    timed("overdue", lambda: overview.overdue.setChecked(True))
    timed("text search", search)
    timed(
        "sort by light",
        lambda: overview.table.sortByColumn(
            7, overview.table.horizontalHeader().sortIndicatorOrder()
        ),
    )
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", help="an existing scale file (made if missing)")
    parser.add_argument("--keep", action="store_true", help="keep the scale file made here")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from make_scale import make_scale_file

    path = Path(args.scale) if args.scale else DEFAULT_SCALE
    made = not path.exists()
    if made:
        t = time.perf_counter()
        make_scale_file(path)
        print(f"made {path} in {time.perf_counter() - t:.1f} s")
    print(f"file {path}: {path.stat().st_size / 1e6:.1f} MB")

    from PySide6.QtWidgets import QApplication

    app, window = start_window()
    usable, rows_in = open_timed(app, window, path)
    overview = window.pages["overview"]
    print(
        f"open → window usable (drawn, answering): {ms(usable)}{'  OK' if usable < 2 else '  SLOW'}"
    )
    print(
        f"open → overview rows shown (read on a worker): {ms(rows_in)}  ({overview.model.rowCount()} tasks)"
        f"{'  OK' if rows_in < 2 else '  SLOW'}"
    )

    from ipdesk.gui.models.overview import load_overview

    t = time.perf_counter()
    load_overview(window.session.db, window.session.period)
    print(f"  of which reading the overview (load_overview): {ms(time.perf_counter() - t)}")

    for label, runs, shown in filter_runs(app, window):
        worst = max(runs)
        print(
            f"filter {label:<22} median {ms(statistics.median(runs))}  worst {ms(worst)}  "
            f"→ {shown:5d} rows{'  OK' if worst < 0.1 else '  SLOW'}"
        )

    t = time.perf_counter()
    window.show_page("form")
    app.processEvents()
    print(f"department form first shown: {ms(time.perf_counter() - t)}")
    form = window.pages["form"]
    t = time.perf_counter()
    form.picker.setCurrentIndex(3)
    app.processEvents()
    print(f"department form, another department: {ms(time.perf_counter() - t)}")

    task = next((t for t in form.tasks if t.active), None)
    if task is not None:
        form.select_task(task.id)
        t = time.perf_counter()
        form.detail.percent.setValue((form.detail.percent.value() + 7) % 100)
        app.processEvents()
        print(f"department form, one edit (% done) saved and shown: {ms(time.perf_counter() - t)}")
        t = time.perf_counter()
        window.act_undo.trigger()
        app.processEvents()
        print(f"  … and Ctrl+Z: {ms(time.perf_counter() - t)}")

    window.close_file()
    window.close()
    QApplication.processEvents()
    if made and args.scale is None and not args.keep:
        path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
