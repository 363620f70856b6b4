"""The 任务分解表 import reads phases and indicators too, by the plan document
reader's own date and target rules."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import load_workbook

from ipdesk.reports.breakdown import create_master_from_breakdown, template_path
from ipdesk.reports.xlsx_dept import WorkbookRefused


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_template_brings_phases_and_indicators(tmp_path):
    out = create_master_from_breakdown(template_path(), tmp_path / "p.ipdesk")
    assert rows(out, "SELECT name, start_date, end_date FROM phases ORDER BY sort") == [
        ("宣传发动阶段", "2024-01-01", "2024-03-31"),
        ("组织实施阶段", "2024-04-01", "2025-12-31"),
        ("检查验收阶段", "2026-01-01", "2026-06-30"),
    ]
    assert rows(
        out, "SELECT code, name, target, unit, comparator, kind FROM indicators ORDER BY sort"
    ) == [
        ("1", "专利授权量", 8500.0, "件", ">=", "cumulative"),
        ("2", "知识产权示范企业", 6.0, "家", ">=", "new"),
        ("3", "专利代理率", 85.0, "%", ">=", "rate"),
    ]
    responsible = rows(
        out,
        "SELECT d.short_name FROM indicator_departments x JOIN indicators i ON i.id = x.indicator_id"
        " JOIN departments d ON d.id = x.department_id WHERE i.code = '2' ORDER BY d.sort",
    )
    assert responsible == [("区知识产权局",), ("区科技局",)]


def _with_sheets(
    tmp_path, phases, indicators, header=("编号", "指标", "目标值", "单位", "责任单位")
):
    wb = load_workbook(template_path())
    for name, data, head in (
        ("工作阶段", phases, ("阶段", "时间")),
        ("目标指标", indicators, header),
    ):
        del wb[name]
        ws = wb.create_sheet(name)
        ws.append(list(head))
        for row in data:
            ws.append(list(row))
    path = tmp_path / "b.xlsx"
    wb.save(path)
    return path


def test_name_target_and_unit_columns_with_comparators(tmp_path):
    path = _with_sheets(
        tmp_path,
        [("实施阶段", "2024年1月至2025年12月")],
        [
            ("1", "发明专利结案周期", "不超过90", "天", ""),
            ("2", "质押融资额", "约20", "亿元", "区金融局"),
        ],
    )
    out = create_master_from_breakdown(path, tmp_path / "p.ipdesk")
    assert rows(out, "SELECT name, target, unit, comparator FROM indicators ORDER BY sort") == [
        ("发明专利结案周期", 90.0, "天", "<="),
        ("质押融资额", 20.0, "亿元", "~"),
    ]
    assert ("区金融局",) in rows(out, "SELECT name FROM departments")


@pytest.mark.parametrize(
    ("phases", "indicators", "sheet", "words"),
    [
        ([("实施阶段", "明年上半年")], [], "工作阶段", "起止时间"),
        ([], [("1", "加强专利保护", "", "", "")], "目标指标", "带数字和单位的目标"),
    ],
    ids=["undated phase", "target without a number"],
)
def test_a_bad_phase_or_target_refuses_the_workbook(tmp_path, phases, indicators, sheet, words):
    path = _with_sheets(tmp_path, phases, indicators)
    out = tmp_path / "p.ipdesk"
    with pytest.raises(WorkbookRefused) as caught:
        create_master_from_breakdown(path, out)
    assert caught.value.problems[0].sheet == sheet and words in caught.value.message_zh
    assert not out.exists()
