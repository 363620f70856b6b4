"""A new plan from a 任务分解表 workbook, and the template a coordinator starts from."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ipdesk.errors import FileRefused
from ipdesk.messages import en
from ipdesk.read.dump import dump
from ipdesk.reports.breakdown import (
    TEMPLATE_ROWS,
    create_master_from_breakdown,
    template_path,
    write_template,
)
from ipdesk.reports.xlsx_dept import WorkbookRefused
from ipdesk.store.files import check_readonly, open_plan
from tests.core.helpers import ROOT


def cells(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def test_the_committed_template_is_what_the_script_writes(tmp_path):
    assert template_path().is_file()
    assert cells(write_template(tmp_path / "fresh.xlsx")) == cells(template_path())
    run = subprocess.run(
        [sys.executable, "scripts/make_breakdown_template.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_template_becomes_a_plan(tmp_path):
    out = create_master_from_breakdown(template_path(), tmp_path / "new.ipdesk")
    check_readonly(out, full=True)
    db = open_plan(out)
    try:
        d = dump(db)
    finally:
        db.close()
    plan = d["plan"][0]
    assert plan["name"] == "××区知识产权强区建设工作方案（2024-2026年）"
    assert (plan["start_date"], plan["target_date"], plan["end_date"]) == (
        "2024-01-01",
        "2025-12-31",
        "2026-06-30",
    )
    assert plan["reporting"] == "quarterly"
    tasks = {t["code"]: t for t in d["tasks"]}
    leads = [r for r in TEMPLATE_ROWS if r[2]]
    assert set(tasks) == {r[0] for r in leads}
    assert tasks["1.1.1"]["parent"] == "1.1" and tasks["1.1.1"]["kind"] == "subtask"
    assert tasks["1.2"]["kind"] == "task" and tasks["1.2"]["area"] == "1"
    assert (tasks["1.2"]["start"], tasks["1.2"]["due"]) == ("2024-03-01", "2025-06-30")
    assert tasks["1.1"]["start"] == "2024-01-01"  # no start given: the plan's start
    assert tasks["2.1"]["area"] == "2"
    codes = {x["short_name"]: x["code"] for x in d["departments"]}
    assert tasks["1.1"]["lead"] == [codes["区知识产权局"]]
    assert sorted(tasks["1.1"]["co"]) == sorted([codes["区科技局"], codes["区工信局"]])
    coordinator = [x for x in d["departments"] if x["coordinator"]]
    assert [x["short_name"] for x in coordinator] == ["区知识产权局"]
    sections = {s["code"]: s for s in plan["sections"]}
    assert sections["1"]["title"] == "加强知识产权制度创新，充分激发创造活力"


def _workbook(tmp_path: Path, rows: list[list], header=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append(["某区重点任务分解表"])
    ws.append(header or ["序号", "任务内容", "责任单位", "配合单位", "开始时间", "完成时间"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "in.xlsx"
    wb.save(path)
    return path


def test_a_hand_made_breakdown_with_other_headings(tmp_path):
    path = _workbook(
        tmp_path,
        [
            ["1", "优化营商环境", None, None, None, None],
            ["1.1", "开展专利导航", "区科技局", "软件谷，区统计局", "2024/3/1", "2024年12月"],
            ["1.2", "建设保护中心", "区市场监管局", None, date(2024, 5, 1), "2025-06-30"],
        ],
    )
    out = create_master_from_breakdown(path, tmp_path / "p.ipdesk")
    db = open_plan(out)
    try:
        d = dump(db)
    finally:
        db.close()
    tasks = {t["code"]: t for t in d["tasks"]}
    assert (tasks["1.1"]["start"], tasks["1.1"]["due"]) == ("2024-03-01", "2024-12-31")
    assert len(tasks["1.1"]["co"]) == 2
    names = {x["short_name"] for x in d["departments"]}
    assert {"区科技局", "软件谷", "区统计局", "区市场监管局", "协调办公室"} <= names
    plan = d["plan"][0]
    assert plan["start_date"] == "2024-03-01" and plan["target_date"] == "2025-06-30"
    assert plan["end_date"] == "2025-12-31"


BAD = [
    ("code", [["一", "任务", "区科技局", None, None, None]], "A", "编号"),
    (
        "repeated code",
        [
            ["1.1", "任务", "区科技局", None, None, None],
            ["1.1", "任务二", "区科技局", None, None, None],
        ],
        "A",
        "不重复",
    ),
    ("date", [["1.1", "任务", "区科技局", None, "明年春天", None]], "E", "日期"),
    (
        "due before start",
        [["1.1", "任务", "区科技局", None, "2025-06-30", "2025-01-01"]],
        "F",
        "不早于开始日期",
    ),
    (
        "lead is also co",
        [["1.1", "任务", "区科技局", "区科技局", None, None]],
        "D",
        "与牵头单位不同",
    ),
    ("no text", [["1.1", None, "区科技局", None, None, None]], "B", "任务内容"),
    (
        "sub-task without lead",
        [["1.1", "任务", "区科技局", None, None, None], ["1.1.1", "分项", None, None, None, None]],
        "C",
        "子任务",
    ),
]


@pytest.mark.parametrize(("case", "rows", "column", "expected"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_cell_refuses_the_breakdown_and_makes_no_file(tmp_path, case, rows, column, expected):
    path = _workbook(tmp_path, rows)
    out = tmp_path / "p.ipdesk"
    with pytest.raises(WorkbookRefused) as caught:
        create_master_from_breakdown(path, out)
    problem = caught.value.problems[0]
    assert problem.sheet == "任务分解表" and problem.column == column and problem.row >= 3
    assert expected in caught.value.message_zh
    assert all(
        p.code.startswith("cell.expected.") and p.code in en.WORDS for p in caught.value.problems
    )
    assert f"sheet '任务分解表' row {problem.row} column {column}" in caught.value.message_en
    assert not out.exists()


def test_no_header_and_existing_output_are_refused(tmp_path):
    path = _workbook(tmp_path, [["1.1", "任务", "区科技局"]], header=["甲", "乙", "丙"])
    with pytest.raises(WorkbookRefused, match="找不到表头"):
        create_master_from_breakdown(path, tmp_path / "p.ipdesk")
    existing = tmp_path / "exists.ipdesk"
    existing.write_bytes(b"keep me")
    with pytest.raises(FileRefused):
        create_master_from_breakdown(template_path(), existing)
    assert existing.read_bytes() == b"keep me"
