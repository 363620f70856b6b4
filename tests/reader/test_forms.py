"""Small plan documents, each written the way some county writes one thing, and what
the reader makes of it — one behaviour per test (issue #14, item 1)."""

from __future__ import annotations

from textwrap import dedent

from ipdesk.reader import read_text


def read(text: str):
    plan = read_text(dedent(text).strip())
    plan.renumber()
    return plan


def kinds(plan, kind):
    return [i for i in plan.items if i.kind == kind]


def targets(plan):
    return [(i.name, i.target, i.unit, i.comparator, i.kind) for i in plan.indicators]


PLAN_BODY = """
一、工作目标
到2026年，专利授权量累计达5000件。
二、重点任务
1.加强专利培育。开展专利导航。
"""

# ---------------------------------------------------------------- wrapper and title


def test_the_notice_wrapper_is_plan_information_not_tasks():
    plan = read(
        """
        ××区人民政府办公室文件
        ×政办发〔2024〕12号
        关于印发《××区知识产权强区建设工作方案（2024—2026年）》的通知
        各街道办事处，区政府各部门、各直属单位：
        《××区知识产权强区建设工作方案（2024—2026年）》已经区政府同意，现印发给你们，请认真贯彻执行。
        ××区人民政府办公室
        2024年3月15日
        （此件公开发布）
        ××区知识产权强区建设工作方案（2024—2026年）
        """
        + PLAN_BODY
    )
    assert plan.title == "××区知识产权强区建设工作方案（2024—2026年）"
    assert (plan.issuer, plan.date, plan.document_number) == (
        "××区人民政府办公室",
        "2024-03-15",
        "×政办发〔2024〕12号",
    )
    assert plan.addressees == "各街道办事处，区政府各部门、各直属单位"
    assert [t.title for t in plan.tasks()] == ["加强专利培育"]
    assert plan.unread == []
    assert "（此件公开发布）" in plan.notice


def test_a_title_split_over_lines_is_joined():
    plan = read(
        """
        ××区知识产权强区建设
        三年行动方案
        （2024—2026年）
        为加快建设知识产权强区，制定本方案。
        """
        + PLAN_BODY
    )
    assert plan.title == "××区知识产权强区建设三年行动方案（2024—2026年）"
    assert plan.intro == "为加快建设知识产权强区，制定本方案。"


def test_a_letter_spaced_title_loses_its_spaces():
    plan = read("××县知识产权 工 作 方 案\n" + PLAN_BODY)
    assert plan.title == "××县知识产权工作方案"


# ---------------------------------------------------------------- numbering


def test_half_width_brackets_and_1_dun_hao():
    plan = read(
        """
        一、重点任务
        (一)强化创造
        1、培育高价值专利。开展专利导航。
        2、培育商标品牌。实施品牌工程。
        (二)强化保护
        1、建设保护中心。推进快速维权。
        """
    )
    assert [(a.code, a.title) for a in kinds(plan, "area")] == [
        ("1.1", "强化创造"),
        ("1.2", "强化保护"),
    ]
    assert [(t.code, t.title) for t in kinds(plan, "task")] == [
        ("1.1.1", "培育高价值专利"),
        ("1.1.2", "培育商标品牌"),
        ("1.2.1", "建设保护中心"),
    ]


def test_bracketed_arabic_numbers_are_sub_tasks():
    plan = read(
        """
        二、主要任务
        1．完善政策体系。
        （1）制定专项资金管理办法。
        (2)出台人才扶持政策。
        2．加强保护。
        """
    )
    assert [(s.code, s.text) for s in kinds(plan, "subtask")] == [
        ("1.1.1", "制定专项资金管理办法。"),
        ("1.1.2", "出台人才扶持政策。"),
    ]
    assert [t.title or t.text for t in kinds(plan, "task")] == ["完善政策体系。", "加强保护。"]


def test_circled_numbers_are_sub_tasks():
    plan = read(
        """
        二、重点任务
        1.推进专利转化。
        ①建设转化平台。
        ②开展对接活动。
        """
    )
    assert [s.text for s in kinds(plan, "subtask")] == ["建设转化平台。", "开展对接活动。"]


def test_yi_shi_er_shi_inside_a_task_are_its_sub_tasks():
    plan = read(
        """
        二、重点任务
        1.健全工作机制。一是建立联席会议制度，定期会商。二是建立督查机制，按季通报。
        """
    )
    assert [(s.number, s.text) for s in kinds(plan, "subtask")] == [
        ("一是", "建立联席会议制度，定期会商。"),
        ("二是", "建立督查机制，按季通报。"),
    ]


def test_numbering_that_runs_straight_through_keeps_each_task_in_its_area():
    plan = read(
        """
        三、重点任务
        （一）创造
        1.任务甲。内容甲。
        2.任务乙。内容乙。
        （二）保护
        3.任务丙。内容丙。
        4.任务丁。内容丁。
        """
    )
    assert [(t.code, t.number, t.title) for t in kinds(plan, "task")] == [
        ("1.1.1", "1.", "任务甲"),
        ("1.1.2", "2.", "任务乙"),
        ("1.2.1", "3.", "任务丙"),
        ("1.2.2", "4.", "任务丁"),
    ]


def test_general_requirements_principles_are_sections_not_tasks():
    plan = read(
        """
        一、总体要求
        （一）指导思想
        以习近平新时代中国特色社会主义思想为指导。
        （二）基本原则
        ——坚持创新驱动。把创新作为第一动力。
        ——坚持系统推进。统筹各方力量。
        （三）工作目标
        到2026年，专利授权量累计达5000件。
        二、重点任务
        1.加强专利培育。开展专利导航。
        """
    )
    assert [
        (s.code, s.kind, s.title) for s in plan.items if s.kind in ("preamble", "section", "goals")
    ] == [
        ("1", "preamble", "总体要求"),
        ("1.1", "section", "指导思想"),
        ("1.2", "section", "基本原则"),
        ("1.3", "goals", "工作目标"),
    ]
    assert "——坚持系统推进。统筹各方力量。" in plan.items[2].text
    assert [t.title for t in plan.tasks()] == ["加强专利培育"]
    assert targets(plan) == [("专利授权量", 5000.0, "件", "ge", "cumulative")]


# ---------------------------------------------------------------- targets


def goals(sentence: str):
    return targets(read(f"一、工作目标\n{sentence}"))


def test_several_targets_in_one_sentence_with_their_comparators():
    assert goals(
        "有效发明专利拥有量不低于3000件，专利代理率达90%以上，培训人数超过500人，质押融资额约10亿元，"
        "商标注册量2万件左右，侵权案件结案时间不超过30天。"
    ) == [
        ("有效发明专利拥有量", 3000.0, "件", "ge", "level"),
        ("专利代理率", 90.0, "%", "ge", "rate"),
        ("培训人数", 500.0, "人", "gt", "new"),
        ("质押融资额", 10.0, "亿元", "approx", "new"),
        ("商标注册量", 2.0, "万件", "approx", "new"),
        ("侵权案件结案时间", 30.0, "天", "le", "new"),
    ]


def test_at_least_and_not_fewer_than_are_ge():
    assert goals("至少建成3个工作站，高价值专利不少于800件。") == [
        ("工作站", 3.0, "个", "ge", "new"),
        ("高价值专利", 800.0, "件", "ge", "new"),
    ]


def test_each_year_is_a_yearly_new_target():
    plan = read("一、工作目标\n每年新增贯标企业20家。")
    assert targets(plan) == [("贯标企业", 20.0, "家", "ge", "new")]
    assert plan.indicators[0].per_year


def test_a_target_inside_a_task_text():
    plan = read("二、重点任务\n1.培育示范企业。新增知识产权示范企业10家。")
    assert targets(plan) == [("知识产权示范企业", 10.0, "家", "ge", "new")]
    assert plan.indicators[0].code == "1.1.1"


def test_what_is_not_a_target():
    found = goals(
        "到2025年，依据《纲要（2021—2035年）》（国知发〔2023〕582号），5年内实施“633”人才工程，"
        "建设5G基站和15分钟生活圈，引进35岁以下青年人才，围绕6个方面、分3个阶段推进。"
    )
    assert found == []


def test_the_yes_no_target_in_the_goals():
    assert goals("争创国家知识产权强县建设示范县。") == [
        ("国家知识产权强县建设示范县", None, "", "ge", "yesno")
    ]


# ---------------------------------------------------------------- departments


def test_lead_and_co_in_brackets_after_the_task():
    plan = read(
        """
        二、重点任务
        1.建设保护中心。推进快速维权。（牵头单位：区市场监管局；配合单位：区法院、区司法局）
        """
    )
    task = kinds(plan, "task")[0]
    assert (task.text, task.lead, task.co) == (
        "推进快速维权。",
        ["区市场监管局"],
        ["区法院", "区司法局"],
    )


def test_responsible_units_in_their_own_paragraph():
    plan = read(
        """
        二、重点任务
        1.开展专利导航。围绕主导产业开展导航。
        责任单位：区科技局、区工信局、软件谷管委会
        """
    )
    task = kinds(plan, "task")[0]
    assert (task.lead, task.co) == (["区科技局"], ["区工信局", "软件谷管委会"])
    assert plan.unread == []


def test_one_department_under_two_names_is_one_department():
    plan = read(
        """
        二、重点任务
        1.甲任务。内容。（牵头单位：区科技局）
        2.乙任务。内容。（牵头单位：区科学技术局；配合单位：科技局、区财政局）
        """
    )
    assert plan.departments == ["区科学技术局", "区财政局"]
    assert [t.lead for t in kinds(plan, "task")] == [["区科学技术局"], ["区科学技术局"]]
    assert kinds(plan, "task")[1].co == ["区财政局"]


def test_a_duties_section_assigns_tasks_by_number():
    plan = read(
        """
        二、重点任务
        （一）强化创造
        1.培育高价值专利。开展导航。
        2.培育商标品牌。实施工程。
        三、职责分工
        （一）1：牵头单位：区科技局；配合单位：区财政局
        （一）2：区市场监管局牵头，区商务局配合。
        第9项：区统计局牵头。
        """
    )
    tasks = kinds(plan, "task")
    assert [(t.lead, t.co) for t in tasks] == [
        (["区科技局"], ["区财政局"]),
        (["区市场监管局"], ["区商务局"]),
    ]
    assert [u.text for u in plan.unread] == ["第9项：区统计局牵头。"]


# ---------------------------------------------------------------- phases


def test_phases_with_dates_in_every_form():
    plan = read(
        """
        四、实施步骤
        （一）动员部署阶段（2021年8月）
        1.召开动员会。
        （二）组织实施阶段（2021年9月至2023年6月）
        1.全面推进。
        （三）总结验收阶段（2023年7月—12月）
        1.总结验收。
        """
    )
    assert [(p.title, p.start, p.end) for p in plan.phases()] == [
        ("动员部署阶段", "2021-08-01", "2021-08-31"),
        ("组织实施阶段", "2021-09-01", "2023-06-30"),
        ("总结验收阶段", "2023-07-01", "2023-12-31"),
    ]
    assert [(a.text, a.end) for a in kinds(plan, "activity")][0] == ("召开动员会。", "2021-08-31")


def test_undated_procedure_stages_are_not_phases():
    plan = read(
        """
        四、工作步骤
        （一）调查摸底。全面梳理现状。
        （二）集中整治。开展专项行动。
        """
    )
    assert plan.phases() == []
    assert [t.title for t in kinds(plan, "task")] == ["调查摸底", "集中整治"]


# ---------------------------------------------------------------- page breaks and unread


def test_a_cut_paragraph_is_joined_and_a_real_doubled_character_kept():
    plan = read(
        """
        二、重点任务
        1.营造氛围。让尊重知识成为人
        人认同的风尚，推动知识产权进园区、进企
        业。
        """
    )
    assert (
        kinds(plan, "task")[0].text == "让尊重知识成为人人认同的风尚，推动知识产权进园区、进企业。"
    )


def test_what_cannot_be_placed_is_listed_as_unread():
    plan = read(
        """
        二、重点任务
        1.加强保护。推进快维中心建设。
        附件
        联系人：张三，电话：025-12345678
        """
    )
    assert [u.text for u in plan.unread] == ["联系人：张三，电话：025-12345678"]
