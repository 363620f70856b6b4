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


def test_word_automatic_list_numbering_is_read_as_written(tmp_path):
    """Numbers made by a Word list (一、/（一）/1.) are not in the paragraph text; the
    reader makes them from the list's formats, as Word shows them."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for n, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0,
        parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvl_xml}</w:abstractNum>'),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def add(text, level=None):
        para = document.add_paragraph(text)
        if level is not None:
            ppr = para._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
                )
            )

    add("××县知识产权工作方案")
    add("重点任务", 0)
    add("强化创造", 1)
    add("培育高价值专利。开展专利导航。", 2)
    add("培育商标品牌。实施品牌工程。", 2)
    add("强化保护", 1)
    add("建设保护中心。推进快速维权。", 2)
    path = tmp_path / "auto.docx"
    document.save(str(path))
    plan = read_document(path)
    plan.renumber()
    assert [(i.code, i.kind, i.number, i.title) for i in plan.items] == [
        ("1", "tasks", "一、", "重点任务"),
        ("1.1", "area", "（一）", "强化创造"),
        ("1.1.1", "task", "1.", "培育高价值专利"),
        ("1.1.2", "task", "2.", "培育商标品牌"),
        ("1.2", "area", "（二）", "强化保护"),
        ("1.2.1", "task", "1.", "建设保护中心"),
    ]
