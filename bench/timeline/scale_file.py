"""The scale file for the timeline benchmark: the built-in plan plus generated work
so that the master holds about 5,000 tasks (tasks with sub-tasks in every work
area, each reportable one reported by its lead department for every closed period,
one milestone per task, half of the past ones achieved).

    .venv/bin/python bench/timeline/scale_file.py OUT.ipdesk [--tasks 5000]
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ipdesk.read.plan import plan_info  # noqa: E402
from ipdesk.store.files import file_meta  # noqa: E402
from ipdesk.store.ids import natural_id, uuid7  # noqa: E402
from ipdesk.store.rows import insert_rows  # noqa: E402
from ipdesk.templates.build import create_master  # noqa: E402

WORDS = [
    "知识产权",
    "高价值专利",
    "商标品牌",
    "地理标志",
    "版权",
    "运营服务",
    "质押融资",
    "保护中心",
    "纠纷调解",
    "公共服务",
    "人才培养",
    "企业培育",
    "专利导航",
    "贯标",
    "海外维权",
    "数据库",
    "宣传培训",
    "示范园区",
    "产业联盟",
    "评议分析",
]
VERBS = ["推进", "完善", "建立", "开展", "加强", "培育", "落实", "优化", "组织", "提升"]


def make_scale_file(
    path: Path, tasks: int = 5000, today: date = date(2025, 8, 20), seed: int = 5000
) -> Path:
    """Create the scale master at `path` (replacing it) and return the path."""
    path.unlink(missing_ok=True)
    rnd = random.Random(seed)
    db = create_master(path)
    info = plan_info(db)
    plan_id = file_meta(db).plan_id
    areas = list(db.execute("SELECT id, code FROM sections WHERE kind = 'area' ORDER BY sort"))
    depts = [r[0] for r in db.execute("SELECT id FROM departments ORDER BY sort")]
    closed = [p for p in info.periods() if p.deadline(info.deadline_days) < today]
    have = db.execute("SELECT count(*) FROM tasks").fetchone()[0]
    per_task = 6  # a task and its five sub-tasks
    groups = max(1, (tasks - have) // per_task)
    task_rows, assignment_rows, report_rows, milestone_rows, actual_rows = [], [], [], [], []
    sort = 1000
    plan_days = (info.target_date - info.start).days
    for n in range(groups):
        area_id, area_code = areas[n % len(areas)]
        number = 100 + n // len(areas)
        start = info.start + timedelta(days=rnd.randrange(0, plan_days - 120))
        due = min(info.target_date, start + timedelta(days=rnd.randrange(60, 720)))
        lead = rnd.choice(depts)
        co = rnd.sample([d for d in depts if d != lead], rnd.randint(0, 2))
        parent = uuid7()
        title = f"{rnd.choice(VERBS)}{rnd.choice(WORDS)}{rnd.choice(WORDS)}工作"
        members = [(parent, f"{area_code}.{number}", None, title, start, due)]
        for k in range(1, per_task):
            s = start + timedelta(days=rnd.randrange(0, max(1, (due - start).days // 2)))
            d = min(due, s + timedelta(days=rnd.randrange(30, 400)))
            members.append(
                (
                    uuid7(),
                    f"{area_code}.{number}.{k}",
                    parent,
                    f"{rnd.choice(VERBS)}{rnd.choice(WORDS)}",
                    s,
                    d,
                )
            )
        for task_id, code, parent_id, name, s, d in members:
            sort += 1
            task_rows.append(
                {
                    "id": task_id,
                    "code": code,
                    "kind": "subtask" if parent_id else "task",
                    "parent_id": parent_id,
                    "section_id": area_id,
                    "phase_id": None,
                    "label": "",
                    "title": name,
                    "text": name + "。",
                    "start_date": s.isoformat(),
                    "due_date": d.isoformat(),
                    "sort": sort,
                }
            )
            assignment_rows.append(
                {"id": uuid7(), "task_id": task_id, "department_id": lead, "role": "lead"}
            )
            for dept in co:
                assignment_rows.append(
                    {"id": uuid7(), "task_id": task_id, "department_id": dept, "role": "co"}
                )
            if parent_id is None:
                planned = s + (d - s) / 2
                m_id = uuid7()
                milestone_rows.append(
                    {
                        "id": m_id,
                        "task_id": task_id,
                        "name": f"{name}阶段成果",
                        "planned_date": planned.isoformat(),
                        "sort": 0,
                    }
                )
                if planned < today and rnd.random() < 0.5:
                    got = planned + timedelta(days=rnd.randrange(-20, 40))
                    actual_rows.append(
                        {
                            "id": natural_id(plan_id, "milestone_actuals", m_id, lead),
                            "milestone_id": m_id,
                            "department_id": lead,
                            "actual_date": got.isoformat(),
                            "note": "",
                        }
                    )
                continue
            pace = rnd.choice([0.7, 0.9, 1.0, 1.0, 1.1])
            for p in closed:
                if not (s <= p.end and d >= p.start):
                    continue
                expected = min(100.0, max(0.0, (p.end - s).days / max((d - s).days, 1) * 100))
                percent = max(0.0, min(100.0, round(expected * pace)))
                status = "done" if percent >= 100 else "behind" if pace < 0.8 else "in_progress"
                report_rows.append(
                    {
                        "id": natural_id(plan_id, "progress_reports", task_id, lead, str(p)),
                        "task_id": task_id,
                        "department_id": lead,
                        "period": str(p),
                        "status": status,
                        "percent": percent,
                        "progress": "",
                        "problems": "",
                        "next_steps": "",
                    }
                )
    with db.atomic():
        insert_rows(db, "tasks", task_rows)
        insert_rows(db, "assignments", assignment_rows)
        insert_rows(db, "progress_reports", report_rows)
        insert_rows(db, "milestones", milestone_rows)
        insert_rows(db, "milestone_actuals", actual_rows)
    db.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=5000)
    args = parser.parse_args()
    make_scale_file(args.out, args.tasks)
    print(args.out)


if __name__ == "__main__":
    main()
