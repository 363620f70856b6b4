"""Tables (the annex 重点任务清单 with merged cells, an indicator table) in a Word
file, and a plan as saved from a government web site."""

from __future__ import annotations

import docx
import pytest

from ipdesk.reader import read_document
from tests.core.helpers import ROOT

BODY = [
    "××县知识产权强县建设工作方案",
    "一、工作目标",
    "到2025年，专利授权量累计达3000件。",
    "二、重点任务",
    "1.实施专利导航工程。围绕主导产业开展导航。",
    "2.建设快维中心。推进快速维权。",
    "三、保障措施",
    "（一）加强组织领导",
    "成立工作专班。",
]


def write_docx(path, paragraphs, table_rows, merges=(), before_table=("附件", "重点任务清单")):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for text in before_table:
        document.add_paragraph(text)
    table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
    for r, row in enumerate(table_rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for (r1, c1), (r2, c2) in merges:
        merged = table.cell(r1, c1).merge(table.cell(r2, c2))
        merged.text = table_rows[r1][c1]
    document.save(str(path))
    return path


def test_annex_task_list_with_a_merged_lead_cell_assigns_the_body_tasks(tmp_path):
    rows = [
        ["序号", "重点任务", "牵头单位", "责任单位", "时限"],
        ["1", "实施专利导航工程", "区市场监管局", "区科技局、区工信局", "2024年12月底前"],
        ["2", "建设快维中心", "区市场监管局", "区法院", "2025年6月"],
        ["3", "开展海外维权援助", "区商务局", "", "2025年"],
    ]
    path = write_docx(tmp_path / "annex.docx", BODY, rows, merges=[((1, 2), (2, 2))])
    plan = read_document(path)
    tasks = [t for t in plan.items if t.kind == "task"]
    assert [(t.title, t.lead, t.co, t.end) for t in tasks] == [
        ("实施专利导航工程", ["区市场监管局"], ["区科技局", "区工信局"], "2024-12-31"),
        ("建设快维中心", ["区市场监管局"], ["区法院"], "2025-06-30"),
    ]
    assert [u.text for u in plan.unread] == ["3 | 开展海外维权援助 | 区商务局 |  | 2025年"]


def test_an_annex_table_is_the_task_list_when_the_text_has_none(tmp_path):
    rows = [
        ["重点领域", "序号", "工作任务", "责任单位", "完成时限"],
        ["知识产权创造", "1", "培育高价值专利", "区科技局、区财政局", "2025年12月"],
        ["知识产权创造", "2", "培育商标品牌", "区市场监管局", "2025年12月"],
        ["知识产权保护", "3", "建设快维中心", "区市场监管局、区法院", "2024年6月底前"],
    ]
    path = write_docx(
        tmp_path / "list.docx", BODY[:3], rows, merges=[((1, 0), (2, 0))], before_table=("附件1",)
    )
    plan = read_document(path)
    plan.renumber()
    areas = [(a.code, a.title) for a in plan.items if a.kind == "area"]
    assert areas == [("2.1", "知识产权创造"), ("2.2", "知识产权保护")]
    tasks = [(t.code, t.text, t.lead, t.co, t.end) for t in plan.items if t.kind == "task"]
    assert tasks == [
        ("2.1.1", "培育高价值专利", ["区科技局"], ["区财政局"], "2025-12-31"),
        ("2.1.2", "培育商标品牌", ["区市场监管局"], [], "2025-12-31"),
        ("2.2.1", "建设快维中心", ["区市场监管局"], ["区法院"], "2024-06-30"),
    ]
    assert plan.unread == []


def test_an_indicator_table(tmp_path):
    rows = [
        ["序号", "指标名称", "单位", "2025年目标", "属性"],
        ["1", "每万人高价值发明专利拥有量", "件", "12", "预期性"],
        ["2", "专利代理率", "%", "85以上", "预期性"],
    ]
    path = write_docx(tmp_path / "ind.docx", BODY, rows, before_table=("附表 主要指标",))
    plan = read_document(path)
    table = [(i.name, i.target, i.unit, i.comparator, i.kind) for i in plan.indicators][1:]
    assert table == [
        ("每万人高价值发明专利拥有量", 12.0, "件", "ge", "level"),
        ("专利代理率", 85.0, "%", "ge", "rate"),
    ]


@pytest.fixture(scope="module")
def page():
    return read_document(ROOT / "tests" / "data" / "reader" / "gov_page.html")


def test_a_web_page_is_read_without_the_sites_menus_and_footer(page):
    assert page.title == "××区知识产权强区建设实施方案"
    assert (page.issuer, page.date, page.document_number) == (
        "××区人民政府办公室",
        "2024-05-20",
        "×政办发〔2024〕28号",
    )
    everything = " ".join(
        [u.text for u in page.unread] + [i.text for i in page.items] + page.notice
    )
    for chrome in ("首页", "当前位置", "主办单位", "备案号", "统计代码", "请输入关键字"):
        assert chrome not in everything
    assert page.unread == []


def test_a_web_page_table_with_rowspan_assigns_departments(page):
    tasks = [(t.title, t.lead, t.co, t.end) for t in page.items if t.kind == "task"]
    assert tasks == [
        ("实施专利导航工程", ["区市场监管局"], ["区科技局"], "2025-12-31"),
        ("建设快维中心", ["区市场监管局"], ["区法院", "区司法局"], "2024-12-31"),
    ]


def test_a_web_page_targets_and_phases(page):
    assert [(i.name, i.target, i.unit, i.kind) for i in page.indicators] == [
        ("有效发明专利拥有量", 6000.0, "件", "level"),
        ("知识产权质押融资额", 15.0, "亿元", "cumulative"),
    ]
    assert [(p.title, p.start, p.end) for p in page.phases()] == [
        ("部署阶段", "2024-06-01", "2024-06-30"),
        ("推进阶段", "2024-07-01", "2026-06-30"),
    ]
