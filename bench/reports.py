#!/usr/bin/env python3
"""Report benchmark: time and peak memory of the printed sheets and workbooks.

    .venv/bin/python bench/reports.py [--scale FILE | --no-scale] [--keep FOLDER]

1. The real plan (the built-in Yuhuatai plan with demo progress up to 2025-08-20):
   every PDF kind, the 台账 workbook; goal: the district sheet under 1 s.
2. Long text: the department sheet of the real plan with one progress report of
   20,000, 200,000 and 1,000,000 characters (written with raw SQL: the store refuses
   more than 5,000); goal: 20,000 characters under 2 s, time linear in the length.
3. Hostile workbooks: a department workbook and a 任务分解表 with one cell at row
   1,048,576 (10 KB files), imported with `ipdesk import-xlsx` / `import-breakdown`;
   goal: answered (refused, naming the cell) within 2 s and 200 MB.
4. The scale file of bench/make_scale.py (500 departments, 5,000 tasks, 100,000
   progress reports, 200,000 indicator values): the 台账 workbook (goal: under
   10 s) and the acceptance sheet.

Each measurement runs in its own fresh process, so its peak memory (max RSS) is its
own; "cold" includes loading the bundled font, "warm" is a second run in the same
process. Not part of the tests: it prints its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("IPDESK_TODAY", "2025-08-20")
ON = date(2025, 8, 20)


def peak_mb() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage / (1024 * 1024) if sys.platform == "darwin" else usage / 1024


def run_step(kind: str, master: str, out: str) -> dict:
    """In this process: open the file, make one output twice, report the figures."""
    from ipdesk.reports.pdf import write_pdf
    from ipdesk.reports.xlsx_ledger import write_ledger
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_department

    db = open_plan(master)
    times = []
    try:
        for _ in range(2 if kind != "ledger" else 1):
            began = time.perf_counter()
            if kind == "ledger":
                write_ledger(db, out, on=ON)
            elif kind == "dept":
                dept = find_department(db, "区知识产权局").id
                write_pdf(db, "dept", out, department_id=dept, period="2025Q2", on=ON)
            else:
                write_pdf(db, kind, out, period="2025Q2", on=ON)
            times.append(time.perf_counter() - began)
    finally:
        db.close()
    pages = None
    if out.endswith(".pdf"):
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
        pages = next(
            (int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:")), None
        )
    return {
        "cold": times[0],
        "warm": times[-1] if len(times) > 1 else None,
        "peak_mb": peak_mb(),
        "size_kb": Path(out).stat().st_size / 1024,
        "pages": pages,
    }


def long_text_master(real: Path, out: Path, length: int) -> None:
    """A copy of the real plan whose zscqj report on 3.2.1 for 2025Q2 holds `length`
    characters of progress text (raw SQL, past the store's limit)."""
    import shutil
    import sqlite3

    from ipdesk.store import edits
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_department, find_task

    shutil.copyfile(real, out)
    db = open_plan(out)
    try:
        dept = find_department(db, "区知识产权局").id
        task = find_task(db, "3.2.1").id
        edits.save_report(db, task, dept, "2025Q2", status="in_progress", percent=50)
    finally:
        db.close()
    sentence = "推进知识产权强区建设，完成专利导航项目。"
    text = (sentence * (length // len(sentence) + 1))[:length]
    conn = sqlite3.connect(out)
    with conn:
        conn.execute(
            "UPDATE progress_reports SET progress = ? WHERE task_id = ? AND department_id = ?"
            " AND period = '2025Q2'",
            [text, task, dept],
        )
    conn.close()


_TIMED_CLI = """
import json, sys, time
from ipdesk.cli import main
began = time.perf_counter()
code = main(json.loads(sys.argv[1]))
took = time.perf_counter() - began
status = open("/proc/self/status").read()
peak = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM")))
print(json.dumps({"exit": code, "seconds": took, "peak_mb": peak / 1024}))
"""


def hostile_workbooks(real: Path, folder: Path) -> list[tuple[str, dict]]:
    """Import a department workbook and a breakdown each with one far cell; the time
    of the command (in a fresh process, start-up excluded) and its peak memory."""
    import shutil

    from openpyxl import load_workbook

    from ipdesk.reports.breakdown import template_path
    from ipdesk.reports.xlsx_dept import write_department_workbook
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_department

    master = folder / "hostile.ipdesk"
    shutil.copyfile(real, master)
    db = open_plan(master)
    try:
        book = folder / "dept.xlsx"
        write_department_workbook(db, find_department(db, "软件谷").id, "2025Q3", book)
    finally:
        db.close()
    wb = load_workbook(book)
    wb["任务进展"].cell(1048576, 1, "far below")
    far = folder / "dept-far.xlsx"
    wb.save(far)
    wb = load_workbook(template_path())
    wb["任务分解表"].cell(1048576, 1, "9.9.9")
    far_breakdown = folder / "breakdown-far.xlsx"
    wb.save(far_breakdown)
    results = []
    for label, argv, path in (
        ("import-xlsx", ["import-xlsx", str(master), str(far)], far),
        (
            "import-breakdown",
            ["import-breakdown", str(far_breakdown), "-o", str(folder / "never.ipdesk")],
            far_breakdown,
        ),
    ):
        done = subprocess.run(
            [sys.executable, "-c", _TIMED_CLI, json.dumps(argv)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["size_kb"] = path.stat().st_size / 1024
        results.append((label, result))
    return results


def measure(kind: str, master: Path, out: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--step", kind, str(master), str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def line(label: str, r: dict, goal: float | None = None) -> None:
    warm = f"{r['warm']:6.2f} s" if r["warm"] is not None else "      —"
    pages = f"{r['pages']:4d} p" if r["pages"] else "     —"
    verdict = ""
    if goal is not None:
        figure = r["warm"] if r["warm"] is not None else r["cold"]
        verdict = f"  goal < {goal:g} s: {'met' if figure < goal else 'MISSED'}"
    print(
        f"{label:<28} cold {r['cold']:6.2f} s  warm {warm}  peak {r['peak_mb']:6.0f} MB"
        f"  {pages}  {r['size_kb']:8.0f} KB{verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--step", nargs=3, metavar=("KIND", "MASTER", "OUT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--scale", type=Path, help="use this scale file (made if missing)")
    parser.add_argument("--no-scale", action="store_true", help="skip the scale file")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()
    if args.step:
        print(json.dumps(run_step(*args.step)))
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-bench-reports-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; outputs in {folder}")

    from ipdesk.templates.build import create_master
    from ipdesk.templates.demo import add_demo_progress

    real = folder / "real.ipdesk"
    real.unlink(missing_ok=True)
    db = create_master(real)
    add_demo_progress(db, today=ON)
    db.close()
    print("\nThe real plan (50 tasks, 25 indicators, 33 departments, demo progress)")
    for kind, label in (
        ("district", "district sheet"),
        ("dept", "dept sheet (zscqj, 2025Q2)"),
        ("indicators", "indicators sheet"),
        ("acceptance", "acceptance sheet"),
        ("timeline", "timeline"),
    ):
        line(
            label,
            measure(kind, real, folder / f"real-{kind}.pdf"),
            1.0 if kind == "district" else None,
        )
    line("ledger workbook", measure("ledger", real, folder / "real-ledger.xlsx"))

    print("\nLong text: one progress report of N characters, dept sheet (zscqj, 2025Q2)")
    for length in (20_000, 200_000, 1_000_000):
        long_master = folder / f"long-{length}.ipdesk"
        long_text_master(real, long_master, length)
        result = measure("dept", long_master, folder / f"long-{length}.pdf")
        line(f"{length:>9,} characters", result, 2.0 if length == 20_000 else None)
        print(f"{'':<28} {length / result['cold'] / 1000:6.0f} k characters a second (cold)")

    print("\nHostile workbooks: one cell at row 1,048,576 (refused, naming the cell)")
    for label, result in hostile_workbooks(real, folder):
        print(
            f"{label:<28} {result['seconds']:6.2f} s  peak {result['peak_mb']:6.0f} MB"
            f"  exit {result['exit']}  {result['size_kb']:5.0f} KB"
            f"  goal < 2 s, < 200 MB: {'met' if result['seconds'] < 2 and result['peak_mb'] < 200 else 'MISSED'}"
        )

    if args.no_scale:
        return 0
    scale = args.scale or folder / "scale.ipdesk"
    if not scale.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from make_scale import make_scale_file

        began = time.perf_counter()
        make_scale_file(scale)
        print(f"\n(made the scale file in {time.perf_counter() - began:.0f} s)")
    from ipdesk.store.files import open_plan

    db = open_plan(scale)
    counts = {
        t: db.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
        for t in ("departments", "tasks", "progress_reports", "indicator_values")
    }
    db.close()
    print(
        f"\nThe scale file ({counts['departments']} departments, {counts['tasks']} tasks, "
        f"{counts['progress_reports']} reports, {counts['indicator_values']} values)"
    )
    line("ledger workbook", measure("ledger", scale, folder / "scale-ledger.xlsx"), 10.0)
    line("acceptance sheet", measure("acceptance", scale, folder / "scale-acceptance.pdf"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
