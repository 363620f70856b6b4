"""Realistic sample progress for a demo master: liaison contacts, baselines, the
departments' reports and indicator values for every closed period up to today, some
late or behind, reviews, milestones and evidence — so the first screen a newcomer
sees is alive. Deterministic for a given "today"."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from typing import Any

import sqlite_utils

from ipdesk.plan.periods import Period
from ipdesk.read.plan import plan_info
from ipdesk.read.tasks import load_tasks
from ipdesk.store import clock
from ipdesk.store.files import file_meta
from ipdesk.store.ids import natural_id, uuid7
from ipdesk.store.rows import insert_rows, write_row

SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = [
    "敏",
    "静",
    "伟",
    "磊",
    "婷",
    "洁",
    "军",
    "勇",
    "燕",
    "芳",
    "强",
    "丽",
    "涛",
    "晨",
    "倩",
    "海燕",
    "志强",
    "晓东",
    "建华",
    "文静",
    "雪梅",
    "国庆",
    "丹丹",
    "明辉",
    "佳怡",
]

BASELINES = {  # indicator code → value at plan start (2023-11), for the demo only
    "2.1.1": 1,
    "2.1.4": 152,
    "2.2.1": 1150,
    "2.2.2": 48,
    "2.2.3": 36.5,
    "2.2.4": 1,
    "2.3.4": 0,
    "2.3.5": 1,
    "2.4.4": 81,
    "2.5.1": 71,
    "2.5.2": 78,
}
# How far each indicator gets by the target date, as a share of what it needs.
PACE = {
    "2.2.1": 0.93,
    "2.2.2": 1.08,
    "2.3.6": 0.74,
    "2.6.4": 1.12,
    "2.1.3": 0.86,
    "2.4.3": 0.6,
    "2.5.2": 1.0,
}

PROGRESS = [
    "召开专题推进会{n}次，梳理任务清单并明确责任人和时间节点",
    "走访重点企业{m}家，收集知识产权需求{k}条，已分类交办",
    "组织政策宣讲{n}场，覆盖企业{m}家、参训{p}人次",
    "会同配合单位联合开展专项工作，形成阶段性工作报告",
    "完成相关制度文件的起草，已征求成员单位意见",
    "指导{n}家企业完成申报材料，其中{k}家通过初审",
    "建立工作台账，按月跟踪重点企业进展",
    "开展调研{n}次，形成调研报告1份，提出工作建议{k}条",
]
PROBLEMS = [
    "",
    "",
    "部分企业参与积极性不高，申报材料质量参差不齐",
    "专业人员力量不足，工作推进主要依靠兼职人员",
    "专项资金拨付进度偏慢，影响部分项目实施",
    "与配合单位的数据共享机制尚不健全",
    "受企业经营情况影响，部分指标完成进度低于预期",
]
NEXT = [
    "下一步将加大走访力度，重点推进{title}",
    "继续做好跟踪服务，确保按期完成年度目标",
    "加强与配合单位的协调，形成工作合力",
    "组织专家开展辅导，提高申报质量",
    "对照工作方案查漏补缺，做好佐证材料归档",
]


def add_demo_progress(
    db: sqlite_utils.Database, today: date | None = None, seed: int = 2023
) -> None:
    """Fill a fresh master with sample progress up to `today` (one transaction)."""
    today = today or clock.today()
    rnd = random.Random(seed)
    info = plan_info(db)
    plan_id = file_meta(db).plan_id
    periods = [p for p in info.periods() if p.end < today]
    depts = {r[0]: r[1] for r in db.execute("SELECT id, code FROM departments")}
    with db.atomic():
        _contacts(db, rnd)
        # The demo plays a plan run from its first day: every department has owed its
        # reports since then (as if its file had been issued at the start).
        for dept_id in depts:
            _update(db, "departments", dept_id, reporting_start=info.start.isoformat())
        for code, value in BASELINES.items():
            row = db.execute("SELECT id FROM indicators WHERE code = ?", [code]).fetchone()
            if row:
                _update(db, "indicators", row[0], baseline=float(value))
        tasks = load_tasks(db, today)
        _milestones(db, tasks, today)
        late = _reports(db, rnd, plan_id, tasks, periods, depts, info)
        _values(db, rnd, plan_id, periods, depts, info)
        _submissions(db, rnd, plan_id, periods, depts, late)
        _evidence(db, rnd, tasks, periods, depts)


def _update(db: sqlite_utils.Database, table: str, row_id: str, **changes: Any) -> None:
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    from ipdesk.store.schema import data_columns

    values = {c: row[c] for c in data_columns(table)}
    values.update(changes)
    write_row(db, table, values, row_id=row_id)


def _contacts(db: sqlite_utils.Database, rnd: random.Random) -> None:
    for (dept_id,) in db.execute("SELECT id FROM departments ORDER BY sort").fetchall():
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
        phone = f"025-{rnd.randint(5230, 5289)}{rnd.randint(1000, 9999)}"
        _update(db, "departments", dept_id, contact_name=name, contact_phone=phone)


def _milestones(db: sqlite_utils.Database, tasks: list, today: date) -> None:
    planned = {
        "3.1.1.1": ("领导小组成员单位会议召开", "2024-03-31"),
        "3.2.1": ("省级高价值专利培育示范中心获批", "2025-06-30"),
        "3.3.3": ("区域知识产权公共服务平台上线", "2024-12-31"),
        "3.4.1": ("知识产权快维中心挂牌运行", "2024-09-30"),
        "3.4.4": ("软件谷知识产权仲裁联络点设立", "2025-03-31"),
        "4.2.3": ("公共服务平台一期验收", "2025-06-30"),
        "4.3.3": ("迎接试点县复核", "2026-06-15"),
    }
    by_code = {t.code: t for t in tasks}
    rows = []
    actual_rows = []
    for n, (code, (name, day)) in enumerate(planned.items()):
        task = by_code.get(code)
        if task is None:
            continue
        mid = uuid7()
        rows.append({"id": mid, "task_id": task.id, "name": name, "planned_date": day, "sort": n})
        if task.lead and date.fromisoformat(day) < today and code != "3.4.4":
            shift = (n * 11) % 40 - 10
            actual = date.fromordinal(date.fromisoformat(day).toordinal() + shift)
            actual_rows.append(
                {
                    "id": natural_id(file_meta(db).plan_id, "milestone_actuals", mid, task.lead[0]),
                    "milestone_id": mid,
                    "department_id": task.lead[0],
                    "actual_date": min(actual, today).isoformat(),
                    "note": "",
                }
            )
    insert_rows(db, "milestones", rows)
    for row in actual_rows:
        insert_rows(db, "milestone_actuals", [row], site=f"demo-{row['department_id'][:8]}")


def _reports(db, rnd, plan_id, tasks, periods, depts, info) -> set[tuple[str, str]]:
    """Lead (and some co-operating) departments' reports; returns the (department,
    period) pairs left unreported on purpose."""
    # Two departments that lead only a few tasks are late with the last period:
    # enough to show 未报送 warnings without turning the whole plan red.
    coordinator = {r[0] for r in db.execute("SELECT id FROM departments WHERE is_coordinator = 1")}
    led: dict[str, int] = defaultdict(int)
    for t in tasks:
        if t.reportable:
            for d in t.lead:
                led[d] += 1
    few = sorted(d for d, n in led.items() if n <= 3 and d not in coordinator)
    late = set()
    if periods and few:
        for dept in rnd.sample(few, min(2, len(few))):
            late.add((dept, str(periods[-1])))
    pace = {
        t.id: rnd.choice([0.8, 0.9]) if rnd.random() < 0.1 else rnd.choice([1.0, 1.05, 1.1, 1.2])
        for t in tasks
    }
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in tasks:
        if not t.reportable or not t.lead:
            continue
        start = t.start or info.start
        due = t.due or info.end
        span = max((due - start).days, 1)
        active = [p for p in periods if start <= p.end and due >= p.start]
        reporters = list(t.lead) + [d for d in t.co if rnd.random() < 0.25]
        for p in active:
            expected = min(100.0, max(0.0, (p.end - start).days / span * 100))
            percent = min(100.0, round(expected * pace[t.id] + rnd.uniform(-4, 4)))
            percent = max(percent, 5.0)
            if p.end >= due and pace[t.id] >= 1:
                percent = 100.0
            if t.due is None:  # safeguards run the whole plan
                percent = min(95.0, percent)
            status = (
                "done"
                if percent >= 100
                else ("behind" if pace[t.id] < 0.9 and expected - percent > 8 else "in_progress")
            )
            for dept in reporters:
                if (dept, str(p)) in late:
                    continue
                n, m, k = rnd.randint(1, 4), rnd.randint(5, 40), rnd.randint(2, 12)
                progress = (
                    "；".join(
                        s.format(n=n, m=m, k=k, p=m * rnd.randint(3, 9))
                        for s in rnd.sample(PROGRESS, 2)
                    )
                    + "。"
                )
                rows[dept].append(
                    {
                        "id": natural_id(plan_id, "progress_reports", t.id, dept, str(p)),
                        "task_id": t.id,
                        "department_id": dept,
                        "period": str(p),
                        "status": status if dept in t.lead else "in_progress",
                        "percent": percent if dept in t.lead else None,
                        "progress": f"{p.label_zh}：{progress}",
                        "problems": rnd.choice(PROBLEMS) if status != "done" else "",
                        "next_steps": ""
                        if status == "done"
                        else rnd.choice(NEXT).format(title=t.title) + "。",
                    }
                )
    for dept, dept_rows in rows.items():
        insert_rows(db, "progress_reports", dept_rows, site=f"demo-{depts[dept]}")
    return late


def _values(db, rnd, plan_id, periods, depts, info) -> None:
    indicators = db.execute(
        "SELECT id, code, kind, target, baseline, designated_department_id FROM indicators"
    ).fetchall()
    responsible = defaultdict(list)
    for ind, dept in db.execute("SELECT indicator_id, department_id FROM indicator_departments"):
        responsible[ind].append(dept)
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    counted = [p for p in periods if p.start <= info.target_date]
    if not counted:
        return
    total_periods = len([p for p in info.periods() if p.start <= info.target_date])
    for ind_id, code, kind, target, baseline, designated in indicators:
        pace = PACE.get(code, rnd.choice([0.9, 0.97, 1.02, 1.06]))
        base = baseline or 0.0
        if kind in ("cumulative", "new"):
            reporters = responsible[ind_id] or [designated]
            need = (target - (base if kind == "cumulative" else 0)) * pace
            shares = [0.6] + [0.4 / max(len(reporters) - 1, 1)] * (len(reporters) - 1)
            if len(reporters) == 1:
                shares = [1.0]
            for dept, share in zip(reporters, shares, strict=True):
                amount_total = need * share
                for p in counted:
                    amount = amount_total / total_periods * rnd.uniform(0.6, 1.4)
                    amount = round(amount, 2) if target < 50 else round(amount)
                    if target <= 12:  # small counts arrive whole, now and then
                        amount = 1.0 if rnd.random() < amount else 0.0
                    rows[dept].append(_value(plan_id, ind_id, dept, p, amount))
        elif kind == "yesno":
            for n, p in enumerate(counted):
                yes = 1.0 if n >= len(counted) - 2 and pace >= 0.9 else 0.0
                rows[designated].append(_value(plan_id, ind_id, designated, p, yes))
        else:
            for n, p in enumerate(counted):
                share = (n + 1) / total_periods
                value = base + (target - base) * share * pace + rnd.uniform(-0.5, 0.5)
                value = round(min(value, 100.0) if kind == "rate" else value, 1)
                rows[designated].append(_value(plan_id, ind_id, designated, p, value))
    for dept, dept_rows in rows.items():
        insert_rows(db, "indicator_values", dept_rows, site=f"demo-{depts[dept]}")


def _value(plan_id: str, ind_id: str, dept: str, period: Period, value: float) -> dict[str, Any]:
    return {
        "id": natural_id(plan_id, "indicator_values", ind_id, dept, str(period)),
        "indicator_id": ind_id,
        "department_id": dept,
        "period": str(period),
        "value": float(value),
        "note": "",
    }


def _submissions(db, rnd, plan_id, periods, depts, late) -> None:
    reported = defaultdict(set)
    for dept, period in db.execute("SELECT DISTINCT department_id, period FROM progress_reports"):
        reported[dept].add(period)
    for dept, dept_periods in reported.items():
        rows = []
        for p in sorted(dept_periods, key=Period.parse):
            last = p == str(periods[-1])
            state = "approved"
            reason = ""
            if last:
                state = rnd.choice(["submitted", "submitted", "draft", "approved", "returned"])
                if state == "returned":
                    reason = "进展情况过于简略，请补充具体数据和佐证材料后重新提交。"
            end = Period.parse(p).end.isoformat()
            rows.append(
                {
                    "id": natural_id(plan_id, "submissions", dept, p),
                    "department_id": dept,
                    "period": p,
                    "state": state,
                    "reason": reason,
                    "submitted_at": None if state == "draft" else f"{end}T16:30:00+08:00",
                    "reviewed_at": f"{end}T17:00:00+08:00"
                    if state in ("approved", "returned")
                    else None,
                }
            )
        insert_rows(db, "submissions", rows, site=f"demo-{depts[dept]}")


def _evidence(db, rnd, tasks, periods, depts) -> None:
    import hashlib

    names = [
        "工作推进会会议纪要",
        "专项工作方案",
        "政策宣讲活动照片说明",
        "企业走访台账",
        "阶段性工作总结",
    ]
    picked = [t for t in tasks if t.reportable and t.lead][::4]
    for t in picked:
        p = next((p for p in reversed(periods) if (t.start or p.start) <= p.end), None)
        if p is None:
            continue
        name = f"{t.code}-{rnd.choice(names)}.txt"
        text = f"{t.title}\n{p.label_zh}\n（演示用佐证材料 Demo evidence）\n".encode()
        sha = hashlib.sha256(text).hexdigest()
        db.execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
            [sha, len(text), text],
        )
        insert_rows(
            db,
            "evidence",
            [
                {
                    "id": uuid7(),
                    "task_id": t.id,
                    "indicator_id": None,
                    "department_id": t.lead[0],
                    "period": str(p),
                    "file_name": name,
                    "sha256": sha,
                    "size": len(text),
                    "note": "",
                }
            ],
            site=f"demo-{depts[t.lead[0]]}",
        )
