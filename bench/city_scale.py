#!/usr/bin/env python3
"""City-scale benchmarks (issues 6 and 15): time and peak memory of opening the
city-scale plan (headless and in the window), filtering the overview, editing in the
department form, drawing the timeline, merging 40 department files, issuing one, the
PDFs and the 台账 workbook. Run on purpose, not by the tests:

    .venv/bin/python bench/city_scale.py [--scale FILE] [--merge-files 40] [--write-readme]
        [--json OUT.json] [--quick]

--json writes {"steps": {NAME: {"seconds": S, "peak_mb": M}}, "ratios": {"merge_phase":
R1, "merge_whole": R2}} (issue #15, goal 7); --quick merges 10 department files and
leaves out the timeline.

The scale file (bench/make_scale.py: 500 departments, 5,000 tasks, 100,000 progress
reports, 200,000 indicator values) is made if missing, and made again if IPDesk no
longer accepts it or its counts differ. The 40 department files to merge are made the
real way (bench/merge/run.py `department_round`: issue from a copy of the scale master,
change every own report and value and add evidence in the department's file, send);
that takes about 1.5 s a file, so they are kept beside the scale file and reused while
the scale file and the code that makes them are unchanged (--remake makes all afresh).

Every measurement runs in its own fresh process (this script with `--step NAME`); the
child prints its figures and its own peak resident memory (VmHWM, counted from its
exec: `os.wait4`'s ru_maxrss would carry this parent's size over) as one JSON line.
Memory is in MB of 10^6 bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
for _folder in (ROOT, BENCH, BENCH / "gui", BENCH / "timeline"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
os.environ.setdefault("IPDESK_TODAY", "2025-08-20")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ON = date(2025, 8, 20)

DEFAULT_SCALE = Path(tempfile.gettempdir()) / "ipdesk-scale-bench.ipdesk"
COUNTS = {
    "departments": 500,
    "tasks": 5000,
    "progress_reports": 100_000,
    "indicator_values": 200_000,
}
OPEN_RUNS = 3  # opening is measured in this many fresh processes; the slowest counts
REAL_RUNS = 5  # the real plan's window is measured in this many; the median counts
EDITS = 5  # each kind of edit is made this many times; the slowest counts
EVIDENCE = 100  # pieces of evidence (with their files) each department adds
MEMORY_GOAL_MB = 300.0
README = BENCH / "README.md"
BEGIN, END = "<!-- city-scale:begin -->", "<!-- city-scale:end -->"


def load_merge_bench() -> Any:
    """bench/merge/run.py as a module (its department round, floor and row digest)."""
    spec = importlib.util.spec_from_file_location("bench_merge_run", BENCH / "merge" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Steps: each runs in a fresh process and returns its figures --------------------------


def step_open_headless(scale: str) -> dict:
    from ipdesk.read.indicators import load_indicators
    from ipdesk.read.tasks import load_tasks
    from ipdesk.store.files import open_plan

    t0 = time.perf_counter()
    db = open_plan(scale)
    t1 = time.perf_counter()
    tasks = load_tasks(db, ON)
    t2 = time.perf_counter()
    indicators = load_indicators(db, ON)
    t3 = time.perf_counter()
    db.close()
    return {
        "seconds": t3 - t0,
        "open_plan": t1 - t0,
        "load_tasks": t2 - t1,
        "load_indicators": t3 - t2,
        "tasks": len(tasks),
        "indicators": len(indicators),
    }


def step_open_window(scale: str) -> dict:
    import bench_gui

    app, window = bench_gui.start_window()
    usable, shown = bench_gui.open_timed(app, window, Path(scale))
    rows = window.pages["overview"].model.rowCount()
    window.close_file()
    return {"seconds": shown, "usable": usable, "rows": rows}


def step_filter(scale: str) -> dict:
    import bench_gui

    app, window = bench_gui.start_window()
    bench_gui.open_timed(app, window, Path(scale))
    runs = bench_gui.filter_runs(app, window)
    window.close_file()
    worst_label, worst_runs, _ = max(runs, key=lambda r: max(r[1]))
    return {
        "seconds": max(worst_runs),
        "worst": worst_label,
        "repeat": len(worst_runs),
        "filters": {
            label: {"median": statistics.median(times), "worst": max(times), "rows": shown}
            for label, times, shown in runs
        },
    }


def step_timeline(scale: str) -> dict:
    from bench_timeline import frame_times, shown_timeline

    from ipdesk.gui.app import make_application
    from ipdesk.store.files import open_plan

    app = make_application()
    db = open_plan(scale)
    widget, build = shown_timeline(app, db)
    t = time.perf_counter()
    widget.view.viewport().repaint()
    first = time.perf_counter() - t
    widget.set_scale("month")
    app.processEvents()
    bar = widget.view.verticalScrollBar()
    step = max(1, bar.maximum() // 200)
    scroll = frame_times(
        app, widget.view, [lambda v=v: bar.setValue(v) for v in range(0, bar.maximum(), step)]
    )
    rows = len(widget.shown_rows())
    widget.close()
    db.close()
    return {"seconds": build, "first_frame": first, "rows": rows, "scroll": scroll}


def step_edit(scale: str) -> dict:
    """Edits in the coordinator's department form on the city-scale master, each saved
    and shown with its lights brought up to date: a report's % done, an indicator
    value, a review (a return with its reason). The form is shown first (the lights
    are read once then); each kind is edited `EDITS` times; the slowest counts."""
    import bench_gui

    from ipdesk.gui.widgets import ask

    ask.confirm = lambda *a, **k: True  # an unusual value is confirmed as a user would
    reasons = iter(f"请补充第{n}项佐证材料" for n in range(100))
    ask.ask_text = lambda *a, **k: next(reasons)
    work = Path(tempfile.mkdtemp(prefix="ipdesk-city-edit-", dir=Path(scale).parent))
    try:
        copy = work / "edit.ipdesk"
        shutil.copyfile(scale, copy)
        _closed_by_ipdesk(copy)
        app, window = bench_gui.start_window()
        bench_gui.open_timed(app, window, copy)
        t = time.perf_counter()
        window.show_page("form")
        app.processEvents()
        shown = time.perf_counter() - t
        form = window.pages["form"]
        task = next(t for t in form.tasks if t.active)
        form.select_task(task.id)
        app.processEvents()
        grid = form.grid
        row = next(
            n for n, item in enumerate(grid.items) if item.status.kind in ("new", "cumulative")
        )

        def timed(action: Any) -> float:
            began = time.perf_counter()
            action()
            app.processEvents()
            return time.perf_counter() - began

        def percent() -> None:
            form.detail.percent.setValue((form.detail.percent.value() + 7) % 100)

        def value() -> None:
            index = grid.index(row, grid.VALUE_COLUMN)
            current = float(grid.items[row].value or 0)
            grid.setData(index, str(int(current) % 5 + 1))
            app.processEvents()  # the value is taken on the next turn of the event loop

        runs: dict[str, list[float]] = {"report": [], "value": [], "review": []}
        for _ in range(EDITS):
            runs["report"].append(timed(percent))
            runs["value"].append(timed(value))
            runs["review"].append(timed(form.return_report))
        window.close_file()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    worst_kind = max(runs, key=lambda k: max(runs[k]))
    return {
        "seconds": max(max(v) for v in runs.values()),
        "worst": worst_kind,
        "form_shown": shown,
        "edits": {k: {"median": statistics.median(v), "worst": max(v)} for k, v in runs.items()},
        "repeat": EDITS,
    }


def _closed_by_ipdesk(path: Path) -> None:
    """Open and close a copied file once, as IPDesk leaves a file it closed (a fresh
    copy is unknown to this PC, so its next open would check it whole first)."""
    from ipdesk.store.files import open_plan

    open_plan(path).close()


def step_issue(scale: str) -> dict:
    """Issue one department's file from the city-scale master (opened as IPDesk left it)."""
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.store.files import open_plan

    work = Path(tempfile.mkdtemp(prefix="ipdesk-city-issue-", dir=Path(scale).parent))
    try:
        master = work / "master.ipdesk"
        shutil.copyfile(scale, master)
        _closed_by_ipdesk(master)
        t = time.perf_counter()
        db = open_plan(master)
        opened = time.perf_counter() - t
        dept = db.execute(
            "SELECT id FROM departments d WHERE is_coordinator = 0 AND deleted = 0 AND EXISTS"
            " (SELECT 1 FROM assignments a WHERE a.department_id = d.id AND a.deleted = 0)"
            " ORDER BY sort, code LIMIT 1"
        ).fetchone()[0]
        t = time.perf_counter()
        out = issue_department_file(db, dept, work / "department.ipdesk")
        seconds = time.perf_counter() - t
        db.close()
        counts = sqlite3.connect(out)
        carried = {
            table: counts.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "tasks",
                "assignments",
                "progress_reports",
                "indicator_values",
                "row_history",
            )
        }
        counts.close()
        return {"seconds": seconds, "open": opened, "size_mb": out.stat().st_size / 1e6, **carried}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def step_real_window(folder: str) -> dict:
    """The real plan (the built-in plan with demo progress) opened in the window on a
    virtual X display (Xvfb): from creating the application to the window mapped,
    drawn and answering with the file open."""
    t0 = time.perf_counter()
    # As the program does: no Qt before ipdesk.gui, which imports its Qt-free modules
    # before PySide6 (ipdesk/gui/__init__.py).
    from ipdesk.gui.app import make_application
    from ipdesk.gui.main_window import MainWindow
    from ipdesk.gui.settings import Settings

    imported = time.perf_counter() - t0
    app = make_application()
    window = MainWindow(Settings(Path(os.environ["IPDESK_CONFIG_DIR"]) / "real.ini"))
    window.resize(1400, 900)
    window.show()
    window.open_file(Path(folder) / "real.ipdesk")
    handle = window.windowHandle()
    while handle is None or not handle.isExposed():
        app.processEvents()
        handle = window.windowHandle()
    window.repaint()
    app.processEvents()
    mapped = time.perf_counter() - t0
    window.close_file()
    return {"seconds": mapped, "imports": imported, "platform": app.platformName()}


def step_real_district(folder: str) -> dict:
    """The real plan's district sheet, the first one made in a fresh process."""
    t0 = time.perf_counter()
    from ipdesk.reports.pdf import write_pdf
    from ipdesk.store.files import open_plan

    imported = time.perf_counter() - t0
    t = time.perf_counter()
    db = open_plan(Path(folder) / "real.ipdesk")
    write_pdf(db, "district", Path(folder) / "real-district.pdf", period="2025Q2", on=ON)
    db.close()
    return {"seconds": time.perf_counter() - t, "imports": imported}


def step_merge_setup(scale: str, folder: str, count: str) -> dict:
    """Issue, change and send `count` department files into `folder` (untimed setup)."""
    run = load_merge_bench()
    from ipdesk.store.files import open_plan

    folder_path = Path(folder)
    master = folder_path / "master.ipdesk"
    source = sqlite3.connect(scale)
    target = sqlite3.connect(master)
    source.backup(target)
    target.close()
    source.close()
    db = open_plan(master)
    depts = [
        r[0]
        for r in db.execute(
            "SELECT id FROM departments d WHERE is_coordinator = 0 AND deleted = 0 AND EXISTS"
            " (SELECT 1 FROM assignments a WHERE a.department_id = d.id AND a.deleted = 0)"
            " ORDER BY sort, code LIMIT ?",
            [int(count)],
        )
    ]
    expected = {
        d: db.execute(
            "SELECT (SELECT count(*) FROM progress_reports WHERE department_id = ?)"
            " + (SELECT count(*) FROM indicator_values WHERE department_id = ?)",
            [d, d],
        ).fetchone()[0]
        for d in depts
    }
    db.close()
    rounds = []
    for n, dept in enumerate(depts):
        t = time.perf_counter()
        run.department_round(master, folder_path, dept, n, EVIDENCE)
        rounds.append(time.perf_counter() - t)
    return {
        "seconds": sum(rounds),
        "per_file": statistics.median(rounds),
        "expected": expected,
        "evidence": EVIDENCE,
    }


def sent_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("sent-*.ipdesk"))


def step_floor(master: str, folder: str, count: str) -> dict:
    run = load_merge_bench()
    _closed_by_ipdesk(Path(master))
    return {"seconds": run.floor(Path(master), sent_files(Path(folder))[: int(count)])}


def step_merge(master: str, folder: str, count: str) -> dict:
    from ipdesk.merge.engine import merge_files

    _closed_by_ipdesk(Path(master))  # the coordinator's master, as IPDesk left it
    files = sent_files(Path(folder))[: int(count)]
    t = time.perf_counter()
    reports = merge_files(master, files)
    total = time.perf_counter() - t
    phase = {
        k: sum(r.timings.get(k, 0.0) for r in reports)
        for k in ("check", "check_wait", "backup", "merge")
    }
    return {
        "seconds": total,
        **phase,
        "files": [
            {
                "department": r.department,
                "result": r.result,
                "reason": r.reason,
                "new": r.new,
                "changed": r.changed,
                "conflicts": r.conflicts,
                "quarantined": r.quarantined,
                "stale": r.stale,
                "file": r.file,
            }
            for r in reports
        ],
    }


def step_report(kind: str, scale: str, out: str) -> dict:
    from reports import run_step

    figures = run_step(kind, scale, out)
    return {"seconds": figures["cold"], **figures}


STEPS = {
    "open-headless": step_open_headless,
    "open-window": step_open_window,
    "filter": step_filter,
    "edit": step_edit,
    "timeline": step_timeline,
    "merge-setup": step_merge_setup,
    "floor": step_floor,
    "merge": step_merge,
    "issue": step_issue,
    "report": step_report,
    "real-window": step_real_window,
    "real-district": step_real_district,
}


# The parent ----------------------------------------------------------------------------


def own_peak_mb() -> float | None:
    """This process's peak resident memory (VmHWM), in MB of 10^6 bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    except (OSError, ValueError):
        pass
    return None


def child(step: str, *args: Any, env: dict[str, str] | None = None) -> dict:
    """Run one step in a fresh process; its figures plus its own peak memory."""
    command = [sys.executable, str(Path(__file__).resolve()), "--step", step, *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - began
        out.seek(0)
        err.seek(0)
        lines = out.read().decode(errors="replace").splitlines()
        errors = err.read().decode(errors="replace")
    if proc.returncode:
        raise SystemExit(f"step {step} failed (exit {proc.returncode}):\n{errors[-4000:]}")
    figures = json.loads(next(line for line in reversed(lines) if line.startswith("{")))
    # The process's own peak (VmHWM: since its exec). ru_maxrss from wait4 is kept
    # across fork and exec on Linux, so it never reads below this parent's own size.
    figures["peak_mb"] = figures.pop("hwm_mb", None) or usage.ru_maxrss * 1024 / 1e6
    figures["process_s"] = wall
    return figures


def repeated(step: str, runs: int, *args: Any) -> dict:
    """The step in `runs` fresh processes: the slowest run's figures, with the median
    time and the highest peak memory of all runs."""
    done = [child(step, *args) for _ in range(runs)]
    worst = max(done, key=lambda f: f["seconds"])
    return {
        **worst,
        "runs": runs,
        "median_s": statistics.median(f["seconds"] for f in done),
        "peak_mb": max(f["peak_mb"] for f in done),
    }


def median_of(step: str, runs: int, *args: Any, env: dict[str, str] | None = None) -> dict:
    """The step in `runs` fresh processes: the median run's figures, with the slowest
    time and the highest peak memory of all runs."""
    done = sorted((child(step, *args, env=env) for _ in range(runs)), key=lambda f: f["seconds"])
    middle = done[len(done) // 2]
    return {
        **middle,
        "runs": runs,
        "slowest": done[-1]["seconds"],
        "peak_mb": max(f["peak_mb"] for f in done),
    }


def real_plan(folder: Path) -> None:
    """The built-in plan with demo progress up to the benchmark's day, as real.ipdesk."""
    from ipdesk.store.files import open_plan
    from ipdesk.templates.build import create_master
    from ipdesk.templates.demo import add_demo_progress

    db = create_master(folder / "real.ipdesk")
    add_demo_progress(db, today=ON)
    db.close()
    open_plan(folder / "real.ipdesk").close()


class VirtualDisplay:
    """An Xvfb display for the window's real mapping (None when Xvfb is missing: the
    offscreen platform is used and said so)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.env: dict[str, str] = {}

    def __enter__(self) -> VirtualDisplay:
        if shutil.which("Xvfb") is None:
            return self
        for n in range(140, 180):
            if not Path(f"/tmp/.X{n}-lock").exists():
                break
        self.proc = subprocess.Popen(
            ["Xvfb", f":{n}", "-screen", "0", "1600x1000x24"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            time.sleep(0.1)
        self.env = {"DISPLAY": f":{n}", "QT_QPA_PLATFORM": "xcb"}
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)


def table_counts(path: Path) -> dict[str, int]:
    from ipdesk.store.files import open_plan

    db = open_plan(path)
    try:
        return {
            t: db.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
            for t in COUNTS
        }
    finally:
        db.close()


def ensure_scale(path: Path, remake: bool) -> tuple[dict[str, int], float | None]:
    """The scale file's counts, and the seconds spent making it (None: reused)."""
    from ipdesk.errors import FileRefused

    why = "--remake" if remake else None
    if why is None and not path.exists():
        why = "missing"
    if why is None:
        try:
            counts = table_counts(path)
        except FileRefused as exc:
            why = f"refused by this IPDesk ({exc})"
        else:
            near = (
                counts["departments"] == COUNTS["departments"]
                and counts["progress_reports"] == COUNTS["progress_reports"]
                and counts["indicator_values"] == COUNTS["indicator_values"]
                and abs(counts["tasks"] - COUNTS["tasks"]) <= COUNTS["tasks"] // 100
            )
            if near:
                print(f"scale file {path} ({path.stat().st_size / 1e6:.0f} MB): reused")
                return counts, None
            why = f"other counts {counts}"
    from make_scale import make_scale_file

    print(f"making the scale file {path} ({why}) …", flush=True)
    began = time.perf_counter()
    make_scale_file(
        path,
        COUNTS["departments"],
        COUNTS["tasks"],
        COUNTS["progress_reports"],
        COUNTS["indicator_values"],
    )
    made = time.perf_counter() - began
    print(f"  made in {made:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return table_counts(path), made


def setup_key(scale: Path, files: int) -> dict:
    """What the department files depend on: the scale file (its plan id is new each
    time it is made), how many, and the code that issues, edits and sends them."""
    conn = sqlite3.connect(scale)
    plan_id = conn.execute("SELECT plan_id FROM file_meta").fetchone()[0]
    conn.close()
    digest = hashlib.sha256()
    sources = [
        *sorted((ROOT / "ipdesk" / "merge").glob("*.py")),
        *sorted((ROOT / "ipdesk" / "store").glob("*.py")),
        *sorted((ROOT / "db").rglob("*.sql")),
        BENCH / "merge" / "run.py",
    ]
    for source in sources:
        digest.update(source.read_bytes())
    return {
        "plan_id": plan_id,
        "files": files,
        "evidence": EVIDENCE,
        "code": digest.hexdigest()[:16],
    }


def ensure_merge_setup(scale: Path, files: int, remake: bool) -> tuple[Path, dict, bool]:
    """The folder with the work master and the sent files, its stamp, and whether it was
    made in this run."""
    folder = scale.with_name(f"{scale.stem}.merge{files}")
    stamp_path = folder / "stamp.json"
    key = setup_key(scale, files)
    if not remake and stamp_path.exists():
        stamp = json.loads(stamp_path.read_text())
        if stamp.get("key") == key and len(sent_files(folder)) == files:
            print(f"department files: {files} reused from {folder}")
            return folder, stamp, False
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(
        f"department files: issuing, changing and sending {files} (untimed setup, about"
        f" 1.5 s a file) …",
        flush=True,
    )
    figures = child("merge-setup", scale, folder, files)
    sizes = [p.stat().st_size for p in sent_files(folder)]
    stamp = {
        "key": key,
        "made": datetime.now().isoformat(timespec="seconds"),
        "seconds": figures["seconds"],
        "per_file": figures["per_file"],
        "peak_mb": figures["peak_mb"],
        "expected": figures["expected"],
        "evidence": figures["evidence"],
        "sent_mb": sum(sizes) / 1e6,
    }
    stamp_path.write_text(json.dumps(stamp, ensure_ascii=False, indent=1))
    return folder, stamp, True


MERGE_PAIRS = 3


def measure_merge(folder: Path, stamp: dict) -> tuple[dict, dict, list[str]]:
    """Floor and merge, MERGE_PAIRS times in turn, each on a fresh copy of the work
    master; checks each outcome. The pair with the median whole-merge ratio is the
    result (this machine's disk is shared: one floor alone moved 1.5–2.4 s), with every
    pair's ratios beside it."""
    pairs = []
    for _ in range(MERGE_PAIRS):
        floor, merge, problems = merge_pair(folder, stamp)
        if problems:
            return floor, merge, problems
        pairs.append((merge["seconds"] / floor["seconds"], floor, merge))
    pairs.sort(key=lambda p: p[0])
    _, floor, merge = pairs[len(pairs) // 2]
    merge["pairs"] = [
        {"floor": f["seconds"], "whole": m["seconds"], "phase": m["merge"]} for _, f, m in pairs
    ]
    return floor, merge, []


def merge_pair(folder: Path, stamp: dict) -> tuple[dict, dict, list[str]]:
    """Floor and merge, each on a fresh copy of the work master; checks the outcome."""
    run = load_merge_bench()
    work = Path(tempfile.mkdtemp(prefix="ipdesk-city-merge-", dir=folder.parent))
    try:
        floored, merged = work / "floor.ipdesk", work / "merged.ipdesk"
        for copy in (floored, merged):
            shutil.copyfile(folder / "master.ipdesk", copy)
        count = len(sent_files(folder))
        # Each measured from a disk with nothing left to write: the copies just made
        # (626 MB) and the floor's writes would otherwise still be flushing while the
        # merge flushes its backup (the backup measured 0.35–1.0 s with them in the way).
        os.sync()
        floor = child("floor", floored, folder, count)
        os.sync()
        merge = child("merge", merged, folder, count)
        problems = []
        expected = stamp["expected"]
        by_id = {}
        conn = sqlite3.connect(merged)
        for dept_id, code in conn.execute("SELECT id, code FROM departments"):
            by_id[code] = dept_id
        conn.close()
        for r in merge["files"]:
            want = expected.get(by_id.get(r["department"], ""), None)
            if (
                r["result"] != "merged"
                or r["changed"] != want
                or r["new"] != stamp["evidence"]
                or r["conflicts"]
                or r["quarantined"]
            ):
                problems.append(
                    f"{Path(r['file']).name}: {r['result']} {r['reason']} new {r['new']}"
                    f" changed {r['changed']} (expected {want}) conflicts"
                    f" {r['conflicts']} quarantined {r['quarantined']}"
                )
        if run.department_rows(merged) != run.department_rows(floored):
            problems.append("the merged master and the floor's master differ in department rows")
        merge["rows"] = sum(r["new"] + r["changed"] for r in merge["files"])
        return floor, merge, problems
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ratios(pairs: list[dict], part: str) -> str:
    """Each floor-and-merge pair's ratio of `part` to its floor, lowest first."""
    return ", ".join(f"{v:.2f}" for v in sorted(p[part] / p["floor"] for p in pairs))


def duration(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def over(measured: float, goal: float) -> str:
    return f"+{(measured / goal - 1) * 100:.0f}%"


def verdict(time_ok: bool | None, time_miss: str, peak: float) -> str:
    """ "met" (the time goal, if any, and the memory goal), else what is missed and by how much."""
    misses = []
    if time_ok is False:
        misses.append(time_miss)
    if peak >= MEMORY_GOAL_MB:
        misses.append(
            f"memory {peak:.0f} MB ≥ {MEMORY_GOAL_MB:.0f} MB ({over(peak, MEMORY_GOAL_MB)})"
        )
    if misses:
        return "NOT met: " + "; ".join(misses)
    return "met" if time_ok is not None else "memory met (no time goal)"


# What bounds each step now and what its floor is, from profiles of this machine
# (py-spy / cProfile, 2026-11-28); the figures in the table are measured each run.
BOUNDS = {
    "open-headless": "open_plan reads the header, schema and file_meta only (a file IPDesk"
    " closed cleanly, ipdesk.store.health; the expected schema kept between runs: ~20 ms);"
    " the rest is Python building 5,015 task and 40 indicator statuses, with the cyclic GC"
    " paused while the books build. Indicators (~0.44 s): fetching the 200,000 values"
    " (~0.22 s: SQLite's step and Python's row tuples, the floor), their slotted"
    " ValueEntry objects and lists (~0.12 s), then per indicator its entries grouped by"
    " period once (rules.PeriodGroups, ~1 ms each) and every rule asked per period — which"
    " periods count, the overlap check, the sum or the latest value (~0.05 s in all)."
    " Tasks (~0.25 s): the plan, the 15,071 assignments and only the lead departments'"
    " 33,407 reports (a task's status is its leads'; found from the lead assignments by"
    " the reports' index, ~0.08 s), then each task's status and lights (~0.12 s). One"
    " rule definition (ipdesk.plan.rules), no SQL aggregation. Floor: fetching the rows"
    " (~0.35 s)",
    "open-window": "the overview's rows (load_overview on a worker: the task statuses and"
    " this period's completeness); the window is drawn and answering long before",
    "filter": "Python filtering 5,015 precomputed rows and the table's repaint",
    "edit": "the save (one revision row) and the lights (ipdesk.read.lights: one task"
    " and its parent <1 ms, one indicator ~5 ms: its overlap check and current value over"
    " its 5,000 values), then the form: the department's tasks and indicators read again"
    " (~5 ms) and the tables updated in place — only the rows the edit changed are"
    " signalled and repainted (ItemTableModel.update_items), the chosen task is not"
    " chosen again. A value also asks the entry check (its far-above-target question"
    " works the current value out only when the value could be far above; the as-of"
    " total skips the overlap check its status made). The first edit no longer parses"
    " the schema (done when the lights are first read)",
    "merge": "per file: the check (~40 ms: SHA-256 of every row of the file for its"
    " signature, the entry rules for the department's rows, the integrity check), made on"
    " a helper thread while the master's backup is written (ipdesk.merge.ahead; the"
    " merge's writes wait for the checks rather than share the two cores and Python's"
    " lock with them: beside them the merge phase ran ~0.4 s slower); the backup (the"
    " master's bytes copied, flushed, read back: 0.35 s for 313 MB on a quiet disk, up to"
    " 1 s on a busy one); the merge phase (the floor's writes plus classification, the"
    " guards and the import log for undo); the rest is the master's final WAL checkpoint"
    " when it closes (~0.4 s). Each merged file's checked copy is moved, not copied, into"
    " the import log",
    "issue": "building the file: INSERT … SELECT of the plan and the department's share"
    " (~0.2 s), SHA-256 of its ~40,000 rows for the signature (~0.15 s), its integrity"
    " and foreign-key check",
    "pdf-district": "the statuses (~0.7 s, as opening; then settled out of the garbage"
    " collector's way, ipdesk.read.query.settle), then reportlab (~1.6 s): the 313 timeline"
    " pages (~0.6 s: the bars, and the row and bar labels — 20,000 strings each encoded"
    " for its font subset by reportlab; the title, bands, scale and legend are forms drawn"
    " once per sheet), the tables (~0.55 s: 15,000 cells' text written into one text"
    " object per table, ~0.35 s of it reportlab encoding the strings; the rows measured"
    " once and split by page, long tables cut into tables of 150 rows), writing the PDF"
    " (~0.2 s: the footers, compression), the timeline's labels broken into lines (~0.1 s)"
    " and the font files read (~0.1 s, first sheet of a process)",
    "pdf-acceptance": "the statuses (~0.7 s, settled as for the district sheet), then"
    " reportlab (~2.0 s): drawing ~6,000 rows of wrapped CJK cells (~1.0 s: 43,000 cells'"
    " text written into one text object per table — most of it reportlab encoding each"
    " line for its font subset), laying them out (~0.65 s: each cell's lines broken once"
    " and its row measured once, ~700 page splits) and writing the PDF (~0.2 s)",
    "pdf-dept": "the plan-wide statuses the sheet's lights come from (~0.7 s of it)",
    "ledger": "openpyxl writing 300,000 rows (streamed)",
}


def build_rows(r: dict) -> list[dict]:
    """The table: one dict per line (step, measured, goal, peak, verdict, notes)."""
    rows = []

    def add(
        step: str,
        measured: str,
        goal: str,
        peak: float,
        time_ok: bool | None,
        miss: str,
        notes: str,
        bound: str = "",
    ) -> None:
        rows.append(
            {
                "step": step,
                "measured": measured,
                "goal": goal,
                "peak": f"{peak:.0f} MB",
                "verdict": verdict(time_ok, miss, peak),
                "notes": notes + (f". Bounded by: {BOUNDS[bound]}" if bound else ""),
            }
        )

    def timed(key: str, label: str, goal_s: float | None, goal: str, notes: str) -> None:
        f = r[key]
        ok = None if goal_s is None else f["seconds"] < goal_s
        miss = (
            ""
            if goal_s is None
            else f"time {duration(f['seconds'])} ({over(f['seconds'], goal_s)})"
        )
        add(label, duration(f["seconds"]), goal, f["peak_mb"], ok, miss, notes, key)

    h = r["open-headless"]
    timed(
        "open-headless",
        "1 Open headless: open_plan + load_tasks + load_indicators",
        1.0,
        "< 1.0 s",
        f"slowest of {h['runs']} fresh processes (median {duration(h['median_s'])}); in the"
        f" slowest: open_plan {duration(h['open_plan'])}, load_tasks {duration(h['load_tasks'])}"
        f" ({h['tasks']:,} tasks), load_indicators {duration(h['load_indicators'])}"
        f" ({h['indicators']} indicators)",
    )
    w = r["open-window"]
    timed(
        "open-window",
        "1 Open in the window: open_file → overview rows shown",
        1.0,
        "< 1.0 s",
        f"slowest of {w['runs']} fresh processes (median {duration(w['median_s'])}); drawn and"
        f" answering after {duration(w['usable'])}, then {w['rows']:,} rows read on a worker",
    )
    if "real-window" in r:
        rw = r["real-window"]
        add(
            "1 Real plan: window mapped (Xvfb)",
            duration(rw["seconds"]),
            "< 0.4 s",
            rw["peak_mb"],
            rw["seconds"] < 0.4,
            f"time {duration(rw['seconds'])} ({over(rw['seconds'], 0.4)})",
            f"median of {rw['runs']} fresh processes on {rw['platform']} (slowest"
            f" {duration(rw['slowest'])}): importing Qt and IPDesk's window"
            f" {duration(rw['imports'])}, then the application, the window with the demo plan"
            " open, until mapped and drawn (interpreter start-up not counted; IPDesk's"
            " modules compiled first, as installed). Bounded by: the imports — PySide6"
            " (~70 ms, and ~16 ms more when Qt's namespace enums are first touched),"
            " sqlite_utils (~50 ms with click, dateutil and pluggy: IPDesk uses only its"
            " execute, atomic and query), IPDesk's window, read layer and rules (~30 ms) —"
            " the pages not shown, the welcome page, the department form's reads, the merge"
            " engine and the signing keys are imported when first used; then the"
            " application (~20 ms), the window (~16 ms), opening and the overview (~50 ms),"
            " mapping and the first paint (~45 ms)",
        )
    f = r["filter"]
    medians = [v["median"] for v in f["filters"].values()]
    timed(
        "filter",
        "Overview filter (worst run)",
        0.1,
        "< 100 ms",
        f"{len(f['filters'])} filters × {f['repeat']} runs; worst: {f['worst']};"
        f" medians {min(medians) * 1000:.1f}–{max(medians) * 1000:.1f} ms",
    )
    e = r["edit"]
    kinds = "; ".join(
        f"{k} median {v['median'] * 1000:.1f} ms, worst {v['worst'] * 1000:.1f} ms"
        for k, v in e["edits"].items()
    )
    timed(
        "edit",
        "2 Edit in the coordinator's department form, saved, lights updated (slowest)",
        0.05,
        "< 50 ms",
        f"{e['repeat']} edits of each kind after the form was first shown"
        f" ({duration(e['form_shown'])}, the lights read once): {kinds}",
    )
    t = r.get("timeline")
    if t:
        s_ = t["scroll"]
        add(
            "Timeline: first shown (read + build)",
            duration(t["seconds"]),
            "—",
            t["peak_mb"],
            None,
            "",
            f"{t['rows']:,} rows shown; first frame {duration(t['first_frame'])}; scroll frames"
            f" median {s_['median'] * 1000:.1f} ms, p95 {s_['p95'] * 1000:.1f} ms",
        )
    m, fl = r["merge"], r["floor"]
    phase, whole = m["merge"] / fl["seconds"], m["seconds"] / fl["seconds"]
    n_files = len(m["files"])
    pairs = m.get("pairs") or [{"floor": fl["seconds"], "whole": m["seconds"], "phase": m["merge"]}]
    add(
        f"3 Merge {n_files} department files (merge_files, whole)",
        duration(m["seconds"]),
        "≤ 3 × floor",
        m["peak_mb"],
        whole <= 3,
        f"ratio {whole:.2f} > 3 ({over(whole, 3)})",
        f"{whole:.2f} × the floor (the median of {len(pairs)} pairs: {ratios(pairs, 'whole')});"
        f" {m['rows']:,} rows; checks {duration(m['check'])} on a helper thread, beside the"
        f" backup, waited for {duration(m['check_wait'])}; backup"
        f" {duration(m['backup'])}, merge phase {duration(m['merge'])}, the rest (opening,"
        " the final checkpoint, the copies kept)"
        f" {duration(m['seconds'] - m['check_wait'] - m['backup'] - m['merge'])}",
        "merge",
    )
    add(
        "3 Merge phase (ATTACH … COMMIT of each file)",
        duration(m["merge"]),
        "≤ 1.5 × floor",
        m["peak_mb"],
        phase <= 1.5,
        f"ratio {phase:.2f} > 1.5 ({over(phase, 1.5)})",
        f"{phase:.2f} × the floor (pairs: {ratios(pairs, 'phase')})",
    )
    add(
        "Floor: ATTACH + INSERT … ON CONFLICT DO UPDATE … SELECT",
        duration(fl["seconds"]),
        "—",
        fl["peak_mb"],
        None,
        "",
        "the same rows, one transaction a file, no checks; measured in the same run",
    )
    for key, label, what in (
        ("pdf-district", "4 PDF: district sheet", "全区进度表, 2025Q2"),
        ("pdf-acceptance", "4 PDF: acceptance sheet", "验收对照表"),
    ):
        p_ = r[key]
        timed(
            key,
            label,
            5.0,
            "< 5 s, < 300 MB",
            f"{what}: {p_['pages']} pages, {p_['size_kb'] * 1024 / 1e6:.1f} MB; a second run in"
            f" the same process {duration(p_['warm'])}",
        )
    if "real-district" in r:
        rd = r["real-district"]
        add(
            "4 Real plan: district sheet, fresh process",
            duration(rd["seconds"]),
            "< 0.4 s",
            rd["peak_mb"],
            rd["seconds"] < 0.4,
            f"time {duration(rd['seconds'])} ({over(rd['seconds'], 0.4)})",
            f"median of {rd['runs']} fresh processes (slowest {duration(rd['slowest'])}):"
            " opening the file and the first sheet, fonts loaded included (importing"
            f" reportlab and IPDesk {duration(rd['imports'])} not counted)",
        )
    p_ = r["pdf-dept"]
    timed(
        "pdf-dept",
        "PDF: department sheet",
        None,
        "—",
        f"区知识产权局, 2025Q2: {p_['pages']} pages; a second run in the same process"
        f" {duration(p_['warm'])}",
    )
    i_ = r["issue"]
    add(
        "5 Issue one department file",
        duration(i_["seconds"]),
        "< 1 s, < 25 MB",
        i_["peak_mb"],
        i_["seconds"] < 1 and i_["size_mb"] < 25,
        f"time {duration(i_['seconds'])}, {i_['size_mb']:.1f} MB",
        f"{i_['size_mb']:.1f} MB: {i_['tasks']:,} tasks, {i_['assignments']:,} assignments,"
        f" {i_['progress_reports']:,} reports (its own and its partners' on shared tasks),"
        f" {i_['indicator_values']:,} values (its own), {i_['row_history']:,} revisions;"
        f" opening the master first {duration(i_['open'])}",
        "issue",
    )
    b = r["ledger"]
    timed(
        "ledger",
        "Workbook: ledger (write_ledger)",
        10.0,
        "< 10 s",
        f"台账: {b['size_kb'] * 1024 / 1e6:.1f} MB",
    )
    return rows


def json_result(r: dict) -> dict:
    """The machine-readable result (issue #15): the steps' time and peak memory, and
    the merge's ratios to the floor."""
    names = {
        "open_headless": "open-headless",
        "open_window": "open-window",
        "filter": "filter",
        "edit": "edit",
        "merge": "merge",
        "floor": "floor",
        "pdf_district": "pdf-district",
        "pdf_acceptance": "pdf-acceptance",
        "pdf_dept": "pdf-dept",
        "ledger": "ledger",
        "issue": "issue",
    }
    m, fl = r["merge"], r["floor"]
    return {
        "steps": {
            name: {
                "seconds": round(r[key]["seconds"], 4),
                "peak_mb": round(r[key]["peak_mb"], 1),
            }
            for name, key in names.items()
        },
        "ratios": {
            "merge_phase": round(m["merge"] / fl["seconds"], 3),
            "merge_whole": round(m["seconds"] / fl["seconds"], 3),
        },
    }


def print_table(rows: list[dict]) -> None:
    widths = {
        k: max(len(k), *(len(row[k]) for row in rows)) for k in ("step", "measured", "goal", "peak")
    }
    head = (
        f"{'step':<{widths['step']}}  {'measured':>{widths['measured']}}  "
        f"{'goal':<{widths['goal']}}  {'peak':>{widths['peak']}}  result"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        print(
            f"{row['step']:<{widths['step']}}  {row['measured']:>{widths['measured']}}  "
            f"{row['goal']:<{widths['goal']}}  {row['peak']:>{widths['peak']}}  {row['verdict']}"
        )
        print(f"{'':<{widths['step']}}    {row['notes']}")


def machine() -> str:
    model = ""
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kib = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({model or platform.processor() or 'unknown'}){memory},"
        f" {platform.system()} {platform.release()}, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}"
    )


def readme_section(rows: list[dict], info: dict) -> str:
    lines = [
        BEGIN,
        f"Measured {info['when']} on {info['machine']}; the machine is shared with other",
        "work (other engineers' tests and builds ran at the same time), so figures vary from run",
        "to run. Peak memory is each step's own process (VmHWM), in MB of 10^6 bytes.",
        "",
        f"Scale file: {info['counts']}, {info['size_mb']:.0f} MB. {info['setup']}",
        "",
        "| Step (goal of issue #15) | Measured | Goal | Peak memory (goal < 300 MB) | Result |"
        " Notes: what was measured, what bounds it |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        cells = [
            row[k].replace("|", "\\|")
            for k in ("step", "measured", "goal", "peak", "verdict", "notes")
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", info["summary"], END]
    return "\n".join(lines)


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{README} has no {BEGIN} … {END} markers")
    README.write_text(text[:start] + section + text[end + len(END) :], encoding="utf-8")
    print(f"wrote the table into {README}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=Path,
        default=DEFAULT_SCALE,
        help=f"the scale file (made if missing; default {DEFAULT_SCALE})",
    )
    parser.add_argument(
        "--merge-files",
        type=int,
        default=40,
        help="department files merged into the master (default 40)",
    )
    parser.add_argument(
        "--write-readme", action="store_true", help="rewrite the measured table in bench/README.md"
    )
    parser.add_argument(
        "--remake", action="store_true", help="make the scale file and the department files afresh"
    )
    parser.add_argument("--out", type=Path, help="keep the PDFs and the workbook in this folder")
    parser.add_argument(
        "--json", type=Path, help="write the steps' figures and the merge ratios to this file"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10 department files and no timeline (the other steps as usual)",
    )
    parser.add_argument(
        "--steps",
        help="run only these steps (comma-separated: open-headless, open-window, filter,"
        " edit, timeline, merge, issue, pdf-district, pdf-acceptance, pdf-dept, ledger,"
        " real-window, real-district) and print their figures; no table, no README",
    )
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick and args.merge_files == 40:
        args.merge_files = 10
    if args.step:
        name, *rest = args.step
        figures = STEPS[name](*rest)
        figures["hwm_mb"] = own_peak_mb()
        print(json.dumps(figures, ensure_ascii=False))
        return 0

    config = None
    if "IPDESK_CONFIG_DIR" not in os.environ:  # the window's settings: not the user's
        config = tempfile.mkdtemp(prefix="ipdesk-city-config-")
        os.environ["IPDESK_CONFIG_DIR"] = config
    try:
        return run(args)
    finally:
        if config:
            shutil.rmtree(config, ignore_errors=True)


def run_some(args: argparse.Namespace, scale: Path) -> int:
    """`--steps`: the chosen steps only, each as in a whole run; their figures printed."""
    chosen = [name.strip() for name in args.steps.split(",") if name.strip()]
    reports = {
        "pdf-district": ("district", "district.pdf"),
        "pdf-acceptance": ("acceptance", "acceptance.pdf"),
        "pdf-dept": ("dept", "dept.pdf"),
        "ledger": ("ledger", "ledger.xlsx"),
    }
    known = {"open-headless", "open-window", "filter", "edit", "timeline", "merge", "issue"}
    unknown = [
        n for n in chosen if n not in known | set(reports) | {"real-window", "real-district"}
    ]
    if unknown:
        raise SystemExit(f"unknown steps: {', '.join(unknown)}")
    out = Path(tempfile.mkdtemp(prefix="ipdesk-city-some-"))
    results: dict[str, Any] = {}
    try:
        for name in chosen:
            print(f"step {name} …", flush=True)
            if name in ("open-headless", "open-window", "filter", "edit", "timeline"):
                results[name] = repeated(name, OPEN_RUNS if name.startswith("open") else 1, scale)
            elif name == "issue":
                results[name] = child("issue", scale)
            elif name == "merge":
                folder, stamp, _ = ensure_merge_setup(scale, args.merge_files, args.remake)
                results["floor"], results["merge"], problems = measure_merge(folder, stamp)
                results["merge problems"] = problems
            elif name in reports:
                kind, file = reports[name]
                results[name] = child("report", kind, scale, out / file)
            else:
                if not (out / "real.ipdesk").exists():
                    real_plan(out)
                if name == "real-window":
                    with VirtualDisplay() as display:
                        results[name] = median_of(name, REAL_RUNS, out, env=display.env)
                else:
                    results[name] = median_of(name, REAL_RUNS, out)
            print(json.dumps(results.get(name), ensure_ascii=False, default=str), flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


def compile_modules() -> None:
    """IPDesk's modules compiled to bytecode before anything is measured, as the
    installed program has them (the bundle and the .deb ship compiled modules, and a
    checkout writes them on its first run): the steps measure starting the program, not
    compiling its source — which every start did on a machine that sets
    PYTHONDONTWRITEBYTECODE, as this one does (~75 ms of the real plan's window)."""
    import compileall

    compileall.compile_dir(ROOT / "ipdesk", quiet=1)


def run(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    scale = args.scale.resolve()
    print(f"machine: {machine()}")
    compile_modules()
    counts, made_s = ensure_scale(scale, args.remake)
    if args.steps:
        return run_some(args, scale)
    folder, stamp, made_files = ensure_merge_setup(scale, args.merge_files, args.remake)
    setup_done = time.perf_counter()
    print(
        f"  {args.merge_files} files: {stamp['sent_mb']:.0f} MB sent, {stamp['evidence']}"
        f" evidence each; setup took {stamp['seconds']:.0f} s ({stamp['per_file']:.1f} s a"
        f" file: issue, edit, send), peak {stamp['peak_mb']:.0f} MB",
        flush=True,
    )

    results: dict[str, dict] = {}
    steps = ("open-headless", "open-window", "filter", "edit")
    if not args.quick:
        steps += ("timeline",)
    for name in steps:
        print(f"step {name} …", flush=True)
        results[name] = repeated(name, OPEN_RUNS if name.startswith("open") else 1, scale)
    print("step floor, merge …", flush=True)
    results["floor"], results["merge"], problems = measure_merge(folder, stamp)
    print("step issue …", flush=True)
    results["issue"] = child("issue", scale)
    out = args.out or Path(tempfile.mkdtemp(prefix="ipdesk-city-reports-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        for name, kind, file in (
            ("pdf-district", "district", "district.pdf"),
            ("pdf-acceptance", "acceptance", "acceptance.pdf"),
            ("pdf-dept", "dept", "dept.pdf"),
            ("ledger", "ledger", "ledger.xlsx"),
        ):
            print(f"step {name} …", flush=True)
            results[name] = child("report", kind, scale, out / file)
        print("step real plan: window, district sheet …", flush=True)
        real_plan(out)
        with VirtualDisplay() as display:
            results["real-window"] = median_of("real-window", REAL_RUNS, out, env=display.env)
        results["real-district"] = median_of("real-district", REAL_RUNS, out)
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    total = time.perf_counter() - began
    measured = time.perf_counter() - setup_done

    rows = build_rows(results)
    print()
    print_table(rows)
    for problem in problems:
        print("MERGE PROBLEM:", problem)
    made = []
    if made_s is not None:
        made.append(f"making the scale file {made_s:.0f} s")
    if made_files:
        made.append(f"making the {args.merge_files} department files {stamp['seconds']:.0f} s")
    if made:
        summary = (
            f"Whole run {total / 60:.1f} min ({', '.join(made)}, the measurements"
            f" {measured / 60:.1f} min)."
        )
    else:
        summary = (
            f"Whole run {total / 60:.1f} min (the scale file and the department files"
            " reused; the measurements alone)."
        )
    print(summary)
    if args.json:
        args.json.write_text(json.dumps(json_result(results), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    if args.write_readme:
        counts_text = (
            f"{counts['departments']:,} departments, {counts['tasks']:,} tasks,"
            f" {counts['progress_reports']:,} progress reports,"
            f" {counts['indicator_values']:,} indicator values"
        )
        setup = (
            f"Merge setup: {args.merge_files} department files issued from a copy of it,"
            f" each changing all its own reports and values and adding {stamp['evidence']}"
            f" pieces of evidence, then sent ({stamp['sent_mb']:.0f} MB in all). Untimed:"
            f" {stamp['seconds'] / 60:.1f} min for the {args.merge_files} files,"
            f" {stamp['per_file']:.1f} s a file to issue, edit and send (made"
            f" {stamp['made'].replace('T', ' ')})."
        )
        info = {
            "when": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": machine(),
            "counts": counts_text,
            "size_mb": scale.stat().st_size / 1e6,
            "setup": setup,
            "summary": summary + (" Merge problems: " + "; ".join(problems) if problems else ""),
        }
        write_readme(readme_section(rows, info))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
