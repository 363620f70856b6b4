"""The next plan carries on from the last one: `ipdesk new NEXT --from-document DOC
--continue-from OLD`. Departments, liaison contacts and default assignments come over
by name; an indicator named as an old one takes the old plan's final value as its
base; the old master is not changed by a single byte; the acceptance sheet shows the
old final figure beside the new target."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from ipdesk.cli import main
from tests.core.helpers import ROOT, sha256

NEXT = ROOT / "tests" / "data" / "reader" / "next_plan.txt"


@pytest.fixture(scope="module")
def carried(tmp_path_factory):
    from ipdesk.read.indicators import load_indicators
    from ipdesk.templates.build import create_master
    from ipdesk.templates.demo import add_demo_progress

    folder = tmp_path_factory.mktemp("next")
    old = folder / "old.ipdesk"
    db = create_master(old)
    add_demo_progress(db, today=date(2025, 8, 20))
    finals = {i.name: i.current for i in load_indicators(db)}
    db.close()
    assert (
        main(["dept", "rename", str(old), "科技局", "--contact", "王敏", "--phone", "025-1234"])
        == 0
    )
    before = sha256(old)
    new = folder / "next.ipdesk"
    assert main(["new", str(new), "--from-document", str(NEXT), "--continue-from", str(old)]) == 0
    return old, new, before, finals


def q(path, sql, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_the_old_master_is_left_byte_for_byte(carried):
    old, _, before, _ = carried
    assert sha256(old) == before


def test_every_department_and_its_contact_comes_over_by_name(carried):
    old, new, _, _ = carried
    old_depts = q(old, "SELECT code, name FROM departments ORDER BY code")
    new_depts = dict(q(new, "SELECT code, name FROM departments"))
    assert all(new_depts.get(code) == name for code, name in old_depts)
    assert q(new, "SELECT contact_name, contact_phone FROM departments WHERE code = 'kjj'") == [
        ("王敏", "025-1234")
    ]
    # 区数据局 is new; 区科学技术局 and 区市场监管局 are the old 科技局 and 市场监督管理局.
    assert len(new_depts) == len(old_depts) + 1 and "区数据局" in new_depts.values()
    coordinator = q(new, "SELECT name FROM departments WHERE is_coordinator = 1")
    assert coordinator == [("区市场监督管理局（区知识产权局）",)]


def test_assignments_read_from_the_document_map_onto_the_old_departments(carried):
    _, new, _, _ = carried
    rows = q(
        new,
        "SELECT a.role, d.name, d.code FROM assignments a JOIN tasks t ON t.id = a.task_id"
        " JOIN departments d ON d.id = a.department_id WHERE t.title = '推进数据知识产权登记'",
    )
    assert [(role, name) for role, name, _ in rows if role == "lead"] == [("lead", "区数据局")]
    assert {code for role, _, code in rows if role == "co"} == {"kjj", "zscqj"}


def test_a_task_without_departments_takes_the_old_default_assignment(carried):
    old, new, _, _ = carried
    sql = (
        "SELECT a.role, d.code FROM assignments a JOIN tasks t ON t.id = a.task_id"
        " JOIN departments d ON d.id = a.department_id"
        " WHERE t.title = '健全知识产权行政管理体制' AND t.kind = 'task' AND a.deleted = 0"
    )
    assert sorted(q(new, sql)) == sorted(q(old, sql)) != []


def test_matching_indicators_take_the_old_final_value_as_base(carried):
    _, new, _, finals = carried
    rows = dict(q(new, "SELECT name, baseline FROM indicators"))
    assert rows["专利授权量"] == finals["专利授权量"] is not None
    assert rows["知识产权服务机构数量"] == finals["知识产权服务机构数量"]
    assert rows["数据知识产权登记量"] is None  # no old indicator of that name
    figures = q(
        new,
        "SELECT i.name, p.plan_name, p.code, p.target, p.final_value FROM previous_figures p"
        " JOIN indicators i ON i.id = p.indicator_id ORDER BY i.code",
    )
    assert figures == [
        (
            "专利授权量",
            "南京市雨花台区国家知识产权强县建设试点县工作方案（2023-2025年）",
            "2.2.1",
            8500.0,
            finals["专利授权量"],
        ),
        (
            "知识产权服务机构数量",
            "南京市雨花台区国家知识产权强县建设试点县工作方案（2023-2025年）",
            "2.5.1",
            100.0,
            finals["知识产权服务机构数量"],
        ),
    ]


def test_the_acceptance_sheet_shows_the_old_final_figure(carried, tmp_path):
    from pdfminer.high_level import extract_text

    _, new, _, finals = carried
    out = tmp_path / "acceptance.pdf"
    assert main(["pdf", str(new), "acceptance", "-o", str(out)]) == 0
    words = extract_text(str(out)).replace("\n", "").replace(" ", "")
    assert "上一轮终值" in words and "上一轮计划《南京市雨花台区" in words
    assert f"上一轮终值{int(finals['专利授权量'])}件" in words
