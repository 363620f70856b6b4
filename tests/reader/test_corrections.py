"""The coordinator's corrections to the plan as read (the window undoes them by
keeping a copy per step): kind, level, split, join, targets, departments, dates,
dropping and placing paragraphs."""

from __future__ import annotations

from textwrap import dedent

import pytest

from ipdesk.errors import BadInput
from ipdesk.reader import corrections as fix
from ipdesk.reader import read_text

DOC = """
一、工作目标
到2026年，专利授权量累计达5000件，商标注册量达2000件。
二、重点任务
1.加强专利培育。开展专利导航。建设保护中心，推进快速维权。
2.培育商标品牌。实施品牌工程。
3.强化人才支撑。引进高端人才。
三、实施步骤
（一）部署阶段（2024年1月—3月）
1.召开动员会。
附件
联系人：张三
"""


@pytest.fixture
def plan():
    p = read_text(dedent(DOC).strip())
    p.renumber()
    return p


def by_code(plan, code):
    return next(i for i in plan.items if i.code == code)


def test_change_kind(plan):
    fix.set_kind(plan, by_code(plan, "2.3").id, "safeguard")
    assert by_code(plan, "2.3").kind == "safeguard"


def test_demote_makes_a_task_the_sub_item_of_the_one_before(plan):
    fix.shift_level(plan, by_code(plan, "2.2").id, +1)
    moved = next(i for i in plan.items if i.title == "培育商标品牌")
    assert (moved.code, moved.level) == ("2.1.1", 2)
    with pytest.raises(BadInput):
        fix.shift_level(plan, by_code(plan, "1").id, -1)


def test_split_at_a_sentence_and_join_back(plan):
    task = by_code(plan, "2.1")
    at = task.text.index("建设保护中心")
    twin = fix.split_item(plan, task.id, at)
    assert (by_code(plan, "2.1").text, twin.code, twin.text) == (
        "开展专利导航。",
        "2.2",
        "建设保护中心，推进快速维权。",
    )
    assert by_code(plan, "2.3").title == "培育商标品牌"
    fix.join_next(plan, task.id)
    assert by_code(plan, "2.1").text == "开展专利导航。建设保护中心，推进快速维权。"


def test_edit_a_targets_number_unit_and_comparator(plan):
    ind = plan.indicators[1]
    fix.set_target(plan, ind.id, target=2500, unit="万件", comparator="gt", kind="cumulative")
    assert (ind.name, ind.target, ind.unit, ind.comparator, ind.kind) == (
        "商标注册量",
        2500.0,
        "万件",
        "gt",
        "cumulative",
    )
    with pytest.raises(BadInput):
        fix.set_target(plan, ind.id, comparator="more")


def test_add_a_missed_target_and_remove_a_wrong_one(plan):
    task = by_code(plan, "2.3")
    new = fix.add_target(plan, task.id, "引进高端人才20人")
    assert [(i.code, i.name, i.target) for i in plan.indicators if i.id == new] == [
        ("2.3.1", "高端人才", 20.0)
    ]
    fix.remove_indicator(plan, new)
    assert len(plan.indicators) == 2


def test_assign_departments_by_any_of_their_names(plan):
    fix.set_departments(plan, by_code(plan, "2.1").id, "区科技局", "区财政局、区科学技术局")
    fix.set_departments(plan, by_code(plan, "2.2").id, "区科学技术局", "")
    assert plan.departments == ["区科学技术局", "区财政局"]
    assert by_code(plan, "2.1").lead == ["区科学技术局"] and by_code(plan, "2.1").co == ["区财政局"]


def test_set_phase_dates(plan):
    phase = next(i for i in plan.items if i.kind == "phase")
    fix.set_dates(plan, phase.id, "2024-02-01", "2024-04-30")
    assert (phase.start, phase.end) == ("2024-02-01", "2024-04-30")
    with pytest.raises(BadInput):
        fix.set_dates(plan, phase.id, "2024-05-01", "2024-04-30")


def test_drop_an_item_to_unread_and_place_an_unread_paragraph(plan):
    assert [u.text for u in plan.unread] == ["联系人：张三"]
    fix.drop_item(plan, by_code(plan, "2.3").id)
    assert [u.text for u in plan.unread] == ["联系人：张三", "3.强化人才支撑。引进高端人才。"]
    placed = fix.place_unread(plan, 1, by_code(plan, "2.2").id)
    assert (placed.code, placed.number, placed.title, placed.text) == (
        "2.3",
        "3.",
        "强化人才支撑",
        "引进高端人才。",
    )
