#!/usr/bin/env python3
"""Make a city-scale plan file for the benchmarks: 500 departments, 5,000 tasks,
100,000 progress reports and 200,000 indicator values (defaults), with the same
schema, revisions and history as a real master.

    .venv/bin/python bench/make_scale.py /tmp/scale.ipdesk [--departments 500] [--tasks 5000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ipdesk.store.files import create_plan_file, file_meta  # noqa: E402
from ipdesk.store.ids import natural_id, uuid7  # noqa: E402
from ipdesk.store.rows import insert_rows  # noqa: E402
from ipdesk.templates import load_template  # noqa: E402
from ipdesk.templates.build import populate  # noqa: E402

AREAS = 6
INDICATORS = 40


def make_scale_file(
    path: str | Path,
    departments: int = 500,
    tasks: int = 5000,
    reports: int = 100_000,
    values: int = 200_000,
    seed: int = 5000,
) -> Path:
    """Create (overwriting) a scale master at `path` and return it."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rnd = random.Random(seed)
    template = dict(load_template())
    template["departments"] = template["departments"] + [
        {
            "code": f"d{n:03d}",
            "name": f"测试单位{n:03d}（规模测试）",
            "short": f"测试单位{n:03d}",
            "kind": "other",
            "coordinator": False,
        }
        for n in range(len(template["departments"]), departments)
    ]
    codes = [d["code"] for d in template["departments"]]
    areas = template["areas"]
    per_area = tasks // AREAS
    big_tasks = []
    for area in areas[:AREAS]:
        for n in range(1, per_area + 1):
            start = date(2023, 11, 1).toordinal() + rnd.randint(0, 500)
            due = min(start + rnd.randint(60, 700), date(2026, 6, 30).toordinal())
            lead = rnd.choice(codes)
            co = rnd.sample([c for c in codes if c != lead], 2)
            big_tasks.append(
                {
                    "code": f"{area['code']}.{n}",
                    "area": area["code"],
                    "title": f"规模测试任务 {area['code']}.{n}：推进知识产权重点工作第{n}项",
                    "text": "（规模测试用任务，用于检验大量数据时的速度与内存。）",
                    "lead": [lead],
                    "co": co,
                    "_start": date.fromordinal(start).isoformat(),
                    "_due": date.fromordinal(due).isoformat(),
                }
            )
    template["tasks"] = big_tasks
    extra = []
    for n in range(len(template["indicators"]), INDICATORS):
        extra.append(
            {
                "code": f"2.9.{n}",
                "group": "2.6",
                "name": f"规模测试指标{n}",
                "text": f"规模测试指标{n}达1000件",
                "unit": "件",
                "target": 1000,
                "comparator": ">=",
                "kind": "new",
                "aggregation": "sum",
                "baseline": None,
                "departments": [],
                "designated": codes[0],
            }
        )
    template["indicators"] = template["indicators"] + extra

    db = create_plan_file(path, role="master")
    plan_id = file_meta(db).plan_id
    with db.atomic():
        populate(db, template)
        # Task dates: spread over the plan, as a real large plan would be.
        dates = {t["code"]: (t["_start"], t["_due"]) for t in big_tasks}
        db.conn.executemany(
            "UPDATE tasks SET start_date = ?, due_date = ? WHERE code = ?",
            [(s, d, c) for c, (s, d) in dates.items()],
        )
    dept_ids = [r[0] for r in db.execute("SELECT id FROM departments ORDER BY sort")]
    ind_ids = [r[0] for r in db.execute("SELECT id FROM indicators ORDER BY sort")]
    periods = (
        ["2023Q4"] + [f"{y}Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)] + ["2026Q1", "2026Q2"]
    )
    with db.atomic():
        # Every indicator reported by many departments.
        pairs = [(i, d) for i in ind_ids for d in dept_ids]
        rnd.shuffle(pairs)
        need = values // len(periods) + 1
        rows = []
        for ind, dept in pairs[:need]:
            db.execute(
                "INSERT OR IGNORE INTO indicator_departments (id, rev_id, site_id, hlc,"
                " indicator_id, department_id) VALUES (?, ?, 'scale', '0', ?, ?)",
                [uuid7(), uuid7(), ind, dept],
            )
            for p in periods:
                rows.append(
                    {
                        "id": natural_id(plan_id, "indicator_values", ind, dept, p),
                        "indicator_id": ind,
                        "department_id": dept,
                        "period": p,
                        "value": float(rnd.randint(0, 40)),
                        "note": "",
                    }
                )
        insert_rows(db, "indicator_values", rows[:values], site="scale")
        task_rows = db.execute(
            "SELECT t.id, a.department_id FROM tasks t JOIN assignments a ON a.task_id = t.id"
            " WHERE NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id)"
        ).fetchall()
        rnd.shuffle(task_rows)
        rows = []
        for task_id, dept in task_rows:
            for p in periods:
                rows.append(
                    {
                        "id": natural_id(plan_id, "progress_reports", task_id, dept, p),
                        "task_id": task_id,
                        "department_id": dept,
                        "period": p,
                        "status": rnd.choice(["in_progress", "in_progress", "done", "behind"]),
                        "percent": float(rnd.randint(0, 100)),
                        "progress": "本期按计划推进，完成阶段性工作。",
                        "problems": "",
                        "next_steps": "继续推进。",
                    }
                )
                if len(rows) >= reports:
                    break
            if len(rows) >= reports:
                break
        insert_rows(db, "progress_reports", rows, site="scale")
    db.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--departments", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--values", type=int, default=200_000)
    args = parser.parse_args()
    began = time.perf_counter()
    out = make_scale_file(args.path, args.departments, args.tasks, args.reports, args.values)
    size = out.stat().st_size / 1e6
    print(f"made {out} in {time.perf_counter() - began:.1f} s ({size:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
