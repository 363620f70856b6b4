#!/usr/bin/env python3
"""Benchmark of the merge (issue #3, Build 8). Run on purpose, not by the test suite:

    .venv/bin/python bench/merge/run.py [--departments 40] [--rows 1000] [--keep DIR]

Builds a master with 40 departments (the built-in plan plus added ones, every task and
indicator assigned to each), in which each department already has 750 rows; issues a
file to each department, which then changes all 750 (new revisions: fast-forwards) and
adds 250 pieces of evidence metadata with their files — 1,000 changed rows per file —
and sends it. Then, each on a fresh copy of the same master:

  merge  `merge_files(master, 40 files)`: check each file, one verified backup, one
         transaction per file (classification, guards, history, import log);
  floor  for each file a bare ATTACH + `INSERT … SELECT … ON CONFLICT DO UPDATE` of the
         same rows in one transaction (no checks, no classification, no log).

It prints the time to merge all 40, the merge phase alone (ATTACH … COMMIT, the part
comparable to the floor), the floor, their ratio (goal ≤ 3), and checks that both
masters end with the same department rows.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import os  # noqa: E402

os.environ.setdefault("IPDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="ipdesk-bench-config-"))
os.environ.setdefault("IPDESK_SITE_ID", "bench-coordinator")

from ipdesk.merge.engine import merge_files  # noqa: E402
from ipdesk.merge.issue import issue_department_file  # noqa: E402
from ipdesk.merge.send import send_file  # noqa: E402
from ipdesk.store import edits  # noqa: E402
from ipdesk.store.files import file_meta, open_plan  # noqa: E402
from ipdesk.store.ids import natural_id, uuid7  # noqa: E402
from ipdesk.store.rows import insert_rows, tick  # noqa: E402
from ipdesk.store.schema import DEPARTMENT_TABLES, columns_of  # noqa: E402
from ipdesk.templates.build import create_master  # noqa: E402

PERIODS = [f"{y}Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)] + ["2023Q4", "2026Q1"]


def build_master(path: Path, departments: int, rows: int) -> list[str]:
    """The master, with `departments` departments each holding 3/4 of `rows` rows."""
    db = create_master(path)
    existing = db.execute("SELECT count(*) FROM departments").fetchone()[0]
    for n in range(existing, departments):
        edits.save_department(
            db,
            None,
            code=f"bench{n:02d}",
            name=f"基准测试单位{n:02d}",
            short_name=f"测试单位{n:02d}",
        )
    plan_id = file_meta(db).plan_id
    depts = [
        r[0]
        for r in db.execute(
            "SELECT id FROM departments WHERE is_coordinator = 0 ORDER BY sort, code"
        )
    ][:departments]
    tasks = [r[0] for r in db.execute("SELECT id FROM tasks ORDER BY sort")]
    indicators = [r[0] for r in db.execute("SELECT id FROM indicators ORDER BY sort")]
    reports_each = rows // 2
    values_each = rows // 4
    with db.atomic():
        db.execute("DELETE FROM assignments")  # bench only: every department on every task
        db.execute("DELETE FROM row_history WHERE tbl = 'assignments'")
        insert_rows(
            db,
            "assignments",
            [
                {"id": uuid7(), "task_id": t, "department_id": d, "role": "co"}
                for d in depts
                for t in tasks
            ],
        )
        db.execute("DELETE FROM indicator_departments")
        db.execute("DELETE FROM row_history WHERE tbl = 'indicator_departments'")
        insert_rows(
            db,
            "indicator_departments",
            [
                {"id": uuid7(), "indicator_id": x, "department_id": d}
                for d in depts
                for x in indicators
            ],
        )
        report_keys = [(t, p) for p in PERIODS for t in tasks][:reports_each]
        value_keys = [(x, p) for p in PERIODS for x in indicators][:values_each]
        for d in depts:
            insert_rows(
                db,
                "progress_reports",
                [
                    {
                        "id": natural_id(plan_id, "progress_reports", t, d, p),
                        "task_id": t,
                        "department_id": d,
                        "period": p,
                        "status": "in_progress",
                        "percent": 10.0,
                        "progress": "第一轮进展",
                        "problems": "",
                        "next_steps": "",
                    }
                    for t, p in report_keys
                ],
                site=f"bench-{d[-6:]}",
            )
            insert_rows(
                db,
                "indicator_values",
                [
                    {
                        "id": natural_id(plan_id, "indicator_values", x, d, p),
                        "indicator_id": x,
                        "department_id": d,
                        "period": p,
                        "value": 1.0,
                        "note": "",
                    }
                    for x, p in value_keys
                ],
                site=f"bench-{d[-6:]}",
            )
    db.close()
    return depts


def department_round(master: Path, folder: Path, dept: str, n: int, evidence: int) -> Path:
    """Issue, change every own row and add evidence on the department's PC, send."""
    db = open_plan(master)
    issued = issue_department_file(db, dept, folder / f"issued-{n:02d}.ipdesk")
    db.close()
    os.environ["IPDESK_SITE_ID"] = f"bench-pc-{n:02d}"
    work = open_plan(issued)
    work.conn.create_function("uuid7", 0, uuid7)
    tasks = [
        r[0]
        for r in work.execute(
            "SELECT task_id FROM assignments WHERE department_id = ? LIMIT 20", [dept]
        )
    ]
    with work.atomic():
        hlc = tick(work)
        site = os.environ["IPDESK_SITE_ID"]
        for table, change in (
            ("progress_reports", "percent = 60.0, progress = '第二轮进展：完成阶段任务'"),
            (
                "indicator_values",
                "value = CASE WHEN (SELECT kind FROM indicators WHERE id = indicator_id)"
                " = 'yesno' THEN 1.0 ELSE value + 7 END, note = '已核实'",
            ),
        ):
            work.execute(
                f"UPDATE {table} SET {change}, rev_id = uuid7(), parent_rev_id = rev_id,"
                " merged_rev_id = NULL, site_id = ?, hlc = ? WHERE department_id = ?",
                [site, hlc, dept],
            )
        rows = []
        for k in range(evidence):
            data = f"{dept} 佐证材料 {k} ".encode() * 20
            sha = hashlib.sha256(data).hexdigest()
            work.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
                [sha, len(data), data],
            )
            rows.append(
                {
                    "id": uuid7(),
                    "task_id": tasks[k % len(tasks)],
                    "indicator_id": None,
                    "department_id": dept,
                    "period": "2025Q3",
                    "file_name": f"工作台账-{k:03d}.pdf",
                    "sha256": sha,
                    "size": len(data),
                    "note": "会议纪要、签到表",
                }
            )
        insert_rows(work, "evidence", rows, site=site)
    sent = send_file(work, folder / f"sent-{n:02d}.ipdesk")
    work.close()
    os.environ["IPDESK_SITE_ID"] = "bench-coordinator"
    issued.unlink()
    return sent


def floor(master: Path, files: list[Path]) -> float:
    """ATTACH + INSERT … SELECT … ON CONFLICT DO UPDATE of each file's own rows."""
    db = open_plan(master)
    conn = db.conn
    conn.execute("PRAGMA temp_store = MEMORY")
    total = 0.0
    for path in files:
        dept = sqlite3.connect(path).execute("SELECT department_id FROM file_meta").fetchone()[0]
        started = time.perf_counter()
        conn.execute("ATTACH DATABASE ? AS inc", [path.resolve().as_uri() + "?mode=ro&immutable=1"])
        conn.execute("BEGIN IMMEDIATE")
        for table in DEPARTMENT_TABLES:
            cols = columns_of(table)
            listed = ", ".join(cols)
            sets = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
            conn.execute(
                f"INSERT INTO main.{table} ({listed}) SELECT {listed} FROM inc.{table}"
                f" WHERE department_id = ? ON CONFLICT (id) DO UPDATE SET {sets}",
                [dept],
            )
        conn.execute("INSERT OR IGNORE INTO main.blobs SELECT * FROM inc.blobs")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE inc")
        total += time.perf_counter() - started
    db.close()
    return total


def department_rows(path: Path) -> str:
    conn = sqlite3.connect(path)
    digest = hashlib.sha256()
    for table in DEPARTMENT_TABLES:
        cols = [
            c
            for c in columns_of(table)
            if c not in ("rev_id", "parent_rev_id", "merged_rev_id", "site_id", "hlc")
        ]
        for row in conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id"):
            digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--departments", type=int, default=40)
    parser.add_argument("--rows", type=int, default=1000, help="changed rows per department file")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-bench-merge-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("IPDESK_TODAY", "2025-08-20")
    try:
        started = time.perf_counter()
        base = folder / "master-before.ipdesk"
        base.unlink(missing_ok=True)
        depts = build_master(base, args.departments + 1, args.rows)[: args.departments]
        evidence = args.rows - (args.rows // 2 + args.rows // 4)
        files = [department_round(base, folder, d, n, evidence) for n, d in enumerate(depts)]
        total = sqlite3.connect(base).execute("SELECT count(*) FROM departments").fetchone()[0]
        print(
            f"setup: master with {total} departments (coordinator included),"
            f" {len(files)} department files × {args.rows} changed rows"
            f" ({args.rows // 2} reports + {args.rows // 4} values changed, {evidence} evidence"
            f" added), {time.perf_counter() - started:.1f} s"
        )
        merged, floored = folder / "master-merge.ipdesk", folder / "master-floor.ipdesk"
        for target in (merged, floored):
            shutil.copyfile(base, target)
            shutil.rmtree(target.with_name(target.stem + ".backups"), ignore_errors=True)
        floor_s = floor(floored, files)
        started = time.perf_counter()
        reports = merge_files(merged, files)
        total_s = time.perf_counter() - started
        bad = [r for r in reports if r.result != "merged" or r.changed + r.new != args.rows]
        if bad:
            print("unexpected:", bad[0].result, bad[0].reason, bad[0].new, bad[0].changed)
            return 1
        phase = {
            k: sum(r.timings.get(k, 0.0) for r in reports) for k in ("check", "backup", "merge")
        }
        same = department_rows(merged) == department_rows(floored)
        print(
            f"merge of all {len(files)} files: {total_s:.2f} s"
            f" (check {phase['check']:.2f} s, backup {phase['backup']:.2f} s,"
            f" merge phase {phase['merge']:.2f} s)"
        )
        print(f"floor (ATTACH + INSERT … ON CONFLICT DO UPDATE … SELECT): {floor_s:.2f} s")
        print(f"ratio merge phase / floor: {phase['merge'] / floor_s:.2f} (goal ≤ 3)")
        print(
            f"rows: {sum(r.new for r in reports)} new + {sum(r.changed for r in reports)} changed;"
            f" same department rows as the floor: {'yes' if same else 'NO'}"
        )
        return 0 if same else 1
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
