#!/usr/bin/env python3
"""City-scale benchmarks (issue 6): time and peak memory of opening the city-scale
plan (headless and in the window), filtering the overview, drawing the timeline,
merging 40 department files, the PDFs and the 台账 workbook. Run on purpose, not by
the tests:

    .venv/bin/python bench/city_scale.py [--scale FILE] [--merge-files 40] [--write-readme]

The scale file (bench/make_scale.py: 500 departments, 5,000 tasks, 100,000 progress
reports, 200,000 indicator values) is made if missing, and made again if IPDesk no
longer accepts it or its counts differ. The 40 department files to merge are made the
real way (bench/merge/run.py `department_round`: issue from a copy of the scale master,
change every own report and value and add evidence in the department's file, send);
that takes about 11 s a file, so they are kept beside the scale file and reused while
the scale file and the code that makes them are unchanged (--remake makes all afresh).

Every measurement runs in its own fresh process (this script with `--step NAME`); the
parent reads that process's peak resident memory from `os.wait4` (ru_maxrss) and the
child prints its figures as one JSON line. Memory is in MB of 10^6 bytes.
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
EVIDENCE = 100  # pieces of evidence (with their files) each department adds
MEMORY_GOAL_MB = 500.0
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


def step_floor(master: str, folder: str) -> dict:
    run = load_merge_bench()
    return {"seconds": run.floor(Path(master), sent_files(Path(folder)))}


def step_merge(master: str, folder: str) -> dict:
    from ipdesk.merge.engine import merge_files

    files = sent_files(Path(folder))
    t = time.perf_counter()
    reports = merge_files(master, files)
    total = time.perf_counter() - t
    phase = {k: sum(r.timings.get(k, 0.0) for r in reports) for k in ("check", "backup", "merge")}
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
    "timeline": step_timeline,
    "merge-setup": step_merge_setup,
    "floor": step_floor,
    "merge": step_merge,
    "report": step_report,
}


# The parent ----------------------------------------------------------------------------


def child(step: str, *args: Any) -> dict:
    """Run one step in a fresh process; its figures plus its own peak memory."""
    command = [sys.executable, str(Path(__file__).resolve()), "--step", step, *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err)
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
    figures["peak_mb"] = usage.ru_maxrss * 1024 / 1e6  # Linux: KiB
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
        f" 11 s a file) …",
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


def measure_merge(folder: Path, stamp: dict) -> tuple[dict, dict, list[str]]:
    """Floor and merge, each on a fresh copy of the work master; checks the outcome."""
    run = load_merge_bench()
    work = Path(tempfile.mkdtemp(prefix="ipdesk-city-merge-", dir=folder.parent))
    try:
        floored, merged = work / "floor.ipdesk", work / "merged.ipdesk"
        for copy in (floored, merged):
            shutil.copyfile(folder / "master.ipdesk", copy)
        floor = child("floor", floored, folder)
        merge = child("merge", merged, folder)
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
    ) -> None:
        rows.append(
            {
                "step": step,
                "measured": measured,
                "goal": goal,
                "peak": f"{peak:.0f} MB",
                "verdict": verdict(time_ok, miss, peak),
                "notes": notes,
            }
        )

    h = r["open-headless"]
    add(
        "Open headless: open_plan + load_tasks + load_indicators",
        duration(h["seconds"]),
        "< 2 s",
        h["peak_mb"],
        h["seconds"] < 2,
        f"time {duration(h['seconds'])} ({over(h['seconds'], 2)})",
        f"slowest of {h['runs']} fresh processes (median {duration(h['median_s'])}); in the"
        f" slowest: open_plan {duration(h['open_plan'])}, load_tasks {duration(h['load_tasks'])}"
        f" ({h['tasks']:,} tasks), load_indicators {duration(h['load_indicators'])}"
        f" ({h['indicators']} indicators)",
    )
    w = r["open-window"]
    add(
        "Open in the window: open_file → overview rows shown",
        duration(w["seconds"]),
        "< 2 s",
        w["peak_mb"],
        w["seconds"] < 2,
        f"time {duration(w['seconds'])} ({over(w['seconds'], 2)})",
        f"slowest of {w['runs']} fresh processes (median {duration(w['median_s'])}); drawn and"
        f" answering after {duration(w['usable'])}, then {w['rows']:,} rows read on a worker",
    )
    f = r["filter"]
    medians = [v["median"] for v in f["filters"].values()]
    add(
        "Overview filter (worst run)",
        duration(f["seconds"]),
        "< 100 ms",
        f["peak_mb"],
        f["seconds"] < 0.1,
        f"time {duration(f['seconds'])} ({over(f['seconds'], 0.1)})",
        f"{len(f['filters'])} filters × {f['repeat']} runs; worst: {f['worst']};"
        f" medians {min(medians) * 1000:.1f}–{max(medians) * 1000:.1f} ms",
    )
    t = r["timeline"]
    s = t["scroll"]
    add(
        "Timeline: first shown (read + build)",
        duration(t["seconds"]),
        "—",
        t["peak_mb"],
        None,
        "",
        f"{t['rows']:,} rows shown; first frame {duration(t['first_frame'])}",
    )
    add(
        "Timeline: scroll (frame median / p95)",
        f"{s['median'] * 1000:.1f} / {s['p95'] * 1000:.1f} ms",
        "— (60 fps = 16.7 ms)",
        t["peak_mb"],
        None,
        "",
        f"{s['frames']} frames down the whole chart (month scale),"
        f" worst {duration(s['max'])}; same process as the line above",
    )
    m, fl = r["merge"], r["floor"]
    ratio = m["merge"] / fl["seconds"]
    ratio_total = m["seconds"] / fl["seconds"]
    n_files = len(m["files"])
    add(
        f"Merge {n_files} department files (merge_files)",
        duration(m["seconds"]),
        "—",
        m["peak_mb"],
        None,
        "",
        f"{m['rows']:,} rows; check {duration(m['check'])}, backup {duration(m['backup'])},"
        f" merge phase {duration(m['merge'])}",
    )
    add(
        "Floor: ATTACH + INSERT … ON CONFLICT DO UPDATE … SELECT",
        duration(fl["seconds"]),
        "—",
        fl["peak_mb"],
        None,
        "",
        "the same rows, one transaction a file, no checks",
    )
    add(
        "Merge ratio: merge phase / floor",
        f"{ratio:.2f}",
        "≤ 3",
        m["peak_mb"],
        ratio <= 3,
        f"ratio {ratio:.2f} > 3 ({over(ratio, 3)})",
        f"whole merge_files / floor: {ratio_total:.2f}; memory is the merge's",
    )
    for key, label, what in (
        ("pdf-district", "PDF: district sheet", "全区进度表, 2025Q2"),
        ("pdf-acceptance", "PDF: acceptance sheet", "验收对照表"),
        ("pdf-dept", "PDF: department sheet", "区知识产权局, 2025Q2"),
    ):
        p = r[key]
        add(
            label,
            duration(p["seconds"]),
            "—",
            p["peak_mb"],
            None,
            "",
            f"{what}: {p['pages']} pages, {p['size_kb'] * 1024 / 1e6:.1f} MB; a second run in the"
            f" same process {duration(p['warm'])}",
        )
    b = r["workbook"]
    add(
        "Workbook: ledger (write_ledger)",
        duration(b["seconds"]),
        "< 10 s (bench/reports.py)",
        b["peak_mb"],
        b["seconds"] < 10,
        f"time {duration(b['seconds'])} ({over(b['seconds'], 10)})",
        f"台账: {b['size_kb'] * 1024 / 1e6:.1f} MB",
    )
    return rows


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
        "to run. Peak memory is each step's own process (ru_maxrss), in MB of 10^6 bytes.",
        "",
        f"Scale file: {info['counts']}, {info['size_mb']:.0f} MB. {info['setup']}",
        "",
        "| Step | Measured | Goal | Peak memory (goal < 500 MB) | Result | Notes |",
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
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        name, *rest = args.step
        print(json.dumps(STEPS[name](*rest), ensure_ascii=False))
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


def run(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    scale = args.scale.resolve()
    print(f"machine: {machine()}")
    counts, made_s = ensure_scale(scale, args.remake)
    folder, stamp, made_files = ensure_merge_setup(scale, args.merge_files, args.remake)
    setup_done = time.perf_counter()
    print(
        f"  {args.merge_files} files: {stamp['sent_mb']:.0f} MB sent, {stamp['evidence']}"
        f" evidence each; setup took {stamp['seconds']:.0f} s ({stamp['per_file']:.1f} s a"
        f" file: issue, edit, send), peak {stamp['peak_mb']:.0f} MB",
        flush=True,
    )

    results: dict[str, dict] = {}
    for name in ("open-headless", "open-window", "filter", "timeline"):
        print(f"step {name} …", flush=True)
        results[name] = repeated(name, OPEN_RUNS if name.startswith("open") else 1, scale)
    print("step floor, merge …", flush=True)
    results["floor"], results["merge"], problems = measure_merge(folder, stamp)
    out = args.out or Path(tempfile.mkdtemp(prefix="ipdesk-city-reports-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        for name, kind, file in (
            ("pdf-district", "district", "district.pdf"),
            ("pdf-acceptance", "acceptance", "acceptance.pdf"),
            ("pdf-dept", "dept", "dept.pdf"),
            ("workbook", "ledger", "ledger.xlsx"),
        ):
            print(f"step {name} …", flush=True)
            results[name] = child("report", kind, scale, out / file)
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
