"""The built-in plan template `yuhuatai-2023-2025` held against the plan document.

The template (resources/templates/yuhuatai-2023-2025.json) must carry every item of
tests/data/plan_document.txt with its original wording and its document number as a
code (DESIGN.md §2). The document is text extracted from a PDF: a page break shows up
as a blank line that can split a word or sentence, so the document is compared after
removing all whitespace, plus the explicit corrections listed in PAGE_BREAK_CORRECTIONS.

The expectations below (indicator table, codes, dates, titles) were written from
reading the document, not from the JSON.
"""

import json
import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TEMPLATE_PATH = REPO / "resources" / "templates" / "yuhuatai-2023-2025.json"
DOCUMENT_PATH = HERE.parent / "data" / "plan_document.txt"

# Page breaks that duplicated a character in the PDF extraction. Each entry is
# (text in the document after whitespace removal, corrected text). These are the only
# places where the template's wording differs from the document as extracted.
PAGE_BREAK_CORRECTIONS = [
    # 三（一）1 一是: "…顶层设计" | page break | "计和统筹推进力度…" — the "计" of
    # 设计 was repeated at the top of the next page.
    ("顶层设计计和统筹", "顶层设计和统筹"),
]

NUMERALS = "一二三四五六七八九十"


def strip_ws(text: str) -> str:
    return re.sub(r"\s+", "", text)


def marker(i: int) -> str:
    """Regex for the item marker （一）/(一) of the i-th item (1-based), either width."""
    return r"[（(]" + NUMERALS[i - 1] + r"[)）]"


@pytest.fixture(scope="module")
def raw_doc() -> str:
    return DOCUMENT_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(raw_doc) -> str:
    text = strip_ws(raw_doc)
    for wrong, right in PAGE_BREAK_CORRECTIONS:
        text = text.replace(wrong, right)
    return text


@pytest.fixture(scope="module")
def tpl() -> dict:
    with TEMPLATE_PATH.open(encoding="utf-8") as f:
        return json.load(f)


def all_tasks(tpl):
    """Every task-like item: tasks, sub-tasks, activities, safeguards."""
    for t in tpl["tasks"]:
        yield t
        yield from t.get("subtasks", [])
    for p in tpl["phases"]:
        yield from p["activities"]
    yield from tpl["safeguards"]


def text_fields(tpl):
    """(where, text) for every document-text field of the template."""
    yield "intro", tpl["intro"]
    yield "preamble", tpl["preamble"]["text"]
    yield "goals", tpl["goals"]["text"]
    for g in tpl["goal_groups"]:
        yield g["code"], g["title"] + "。" + g["text"]
    for i in tpl["indicators"]:
        yield i["code"], i["text"]
    for a in tpl["areas"]:
        yield a["code"], a["title"]
    for t in tpl["tasks"]:
        yield t["code"], t["title"] + "。" + t["text"]
        for s in t.get("subtasks", []):
            yield s["code"], s["label"] + s["text"]
    for p in tpl["phases"]:
        yield p["code"], p["name"]
        for a in p["activities"]:
            yield a["code"], a["text"]
    for s in tpl["safeguards"]:
        yield s["code"], s["title"] + s["text"]


# ---------------------------------------------------------------- document wording


def test_page_break_corrections_apply_to_the_document(raw_doc):
    stripped = strip_ws(raw_doc)
    for wrong, right in PAGE_BREAK_CORRECTIONS:
        assert stripped.count(wrong) == 1, f"correction {wrong!r} no longer matches the document"
        assert right not in stripped


def test_no_text_field_keeps_the_duplicated_characters(tpl):
    for where, text in text_fields(tpl):
        for wrong, _ in PAGE_BREAK_CORRECTIONS:
            assert wrong not in strip_ws(text), where


def test_text_fields_are_joined(tpl):
    """Page breaks are joined: no text field carries a line break or blank line."""
    for where, text in text_fields(tpl):
        assert text, f"{where}: empty text"
        assert "\n" not in text and "\r" not in text, where
        assert text == text.strip(), where


def test_every_text_field_is_in_the_document(tpl, doc):
    missing = [where for where, text in text_fields(tpl) if strip_ws(text) not in doc]
    assert not missing, f"not verbatim in the document: {missing}"


def test_plan_name_and_intro(tpl, doc):
    assert tpl["name"] == "南京市雨花台区国家知识产权强县建设试点县工作方案（2023-2025年）"
    assert doc.startswith(tpl["name"] + strip_ws(tpl["intro"]) + "一、指导思想")
    assert tpl["intro"].startswith("为大力实施知识产权战略")
    assert tpl["intro"].endswith("编制本方案。")


def test_part_one_preamble_is_complete(tpl, doc):
    assert tpl["preamble"]["code"] == "1"
    assert tpl["preamble"]["title"] == "指导思想"
    assert "一、指导思想" + strip_ws(tpl["preamble"]["text"]) + "二、工作目标" in doc


def test_part_two_goals_are_complete_and_in_order(tpl, doc):
    """二、 in the document is exactly: goals text, then (一)…(六) title。text."""
    assert tpl["goals"]["code"] == "2"
    assert tpl["goals"]["title"] == "工作目标"
    assert tpl["goals"]["text"].startswith("到2025年")
    assert tpl["goals"]["text"].endswith("行列。")
    groups = tpl["goal_groups"]
    assert [g["code"] for g in groups] == [f"2.{i}" for i in range(1, 7)]
    assert [g["title"] for g in groups] == [
        "知识产权管理水平进一步提升",
        "知识产权创造质量进一步提高",
        "知识产权运用效能进一步凸显",
        "知识产权保护环境进一步优化",
        "知识产权服务水平进一步加强",
        "知识产权人才培养进一步壮大",
    ]
    pattern = re.escape("二、工作目标" + strip_ws(tpl["goals"]["text"]))
    for i, g in enumerate(groups, 1):
        pattern += marker(i) + re.escape(strip_ws(g["title"] + "。" + g["text"]))
    pattern += re.escape("三、工作重点")
    assert re.search(pattern, doc), "二、工作目标 does not match the goal texts exactly"


def test_part_three_tasks_are_complete_and_in_order(tpl, doc):
    """三、 in the document is exactly: areas (一)…(六), each with its numbered tasks."""
    pattern = re.escape("三、工作重点")
    for i, area in enumerate(tpl["areas"], 1):
        pattern += marker(i) + re.escape(strip_ws(area["title"]))
        tasks = [t for t in tpl["tasks"] if t["area"] == area["code"]]
        for n, t in enumerate(tasks, 1):
            pattern += re.escape(f"{n}." + strip_ws(t["title"] + "。" + t["text"]))
    pattern += re.escape("四、工作计划")
    assert re.search(pattern, doc), "三、工作重点 does not match the task texts exactly"


def test_part_four_activities_are_complete_and_in_order(tpl, doc):
    pattern = re.escape("四、工作计划")
    for i, phase in enumerate(tpl["phases"], 1):
        pattern += marker(i) + re.escape(phase["name"]) + r"（[^）]*）"
        for n, a in enumerate(phase["activities"], 1):
            pattern += re.escape(f"{n}." + strip_ws(a["text"]))
    pattern += re.escape("五、保障措施")
    assert re.search(pattern, doc), "四、工作计划 does not match the activity texts exactly"


def test_part_five_safeguards_are_complete_and_in_order(tpl, doc):
    pattern = re.escape("五、保障措施")
    for i, s in enumerate(tpl["safeguards"], 1):
        pattern += marker(i) + re.escape(strip_ws(s["title"] + s["text"]))
    assert re.search(pattern + r"$", doc), "五、保障措施 does not match the safeguard texts exactly"


# ---------------------------------------------------------------- plan settings


def test_plan_settings(tpl):
    assert tpl["template"] == "yuhuatai-2023-2025"
    assert tpl["short_name"] == "雨花台区知识产权强区建设"
    assert tpl["district"] == "南京市雨花台区"
    assert tpl["reporting"] == "quarterly"
    assert tpl["deadline_days"] == 5
    assert tpl["tolerance"] == 0.8
    assert (tpl["start"], tpl["target_date"], tpl["end"]) == (
        "2023-11-01",
        "2025-12-31",
        "2026-06-30",
    )


# ---------------------------------------------------------------- indicators

# All quantified targets of 二、(一)…(六), in reading order, as read from the document:
# (code, target, unit, comparator, kind)
EXPECTED_INDICATORS = [
    # (一) 管理水平
    ("2.1.1", 2, "家", ">=", "cumulative"),  # 创建省级以上知识产权示范园区累计达2家
    ("2.1.2", 6, "家", ">=", "new"),  # 新增知识产权优势示范企业6家
    ("2.1.3", 100, "家", ">=", "new"),  # 新增贯标单位100家
    ("2.1.4", 180, "家", ">=", "level"),  # 万企注册商标企业数达180家
    # (二) 创造质量
    ("2.2.1", 8500, "件", ">=", "cumulative"),  # 专利授权量累计达8500件
    ("2.2.2", 300, "件", ">=", "cumulative"),  # PCT专利申请量累计达300件
    ("2.2.3", 50, "件", ">=", "level"),  # 万人高价值发明专利拥有量达50件
    ("2.2.4", 2, "件", ">=", "level"),  # 集体商标…地理标志产品数量达2件
    # (三) 运用效能
    ("2.3.1", 8, "家", ">=", "new"),  # 新增企业高价值专利示范中心8家
    ("2.3.2", 12, "家", ">=", "new"),  # 新增省市区企业知识产权战略推进计划项目12家
    ("2.3.3", 1, "个", ">=", "new"),  # 建成战略新兴产业知识产权联盟1个
    ("2.3.4", 1, "个", ">=", "cumulative"),  # 专利导航产业发展试验区累计1个
    ("2.3.5", 3, "家", ">=", "cumulative"),  # 培育知识产权运营服务载体累计3家
    ("2.3.6", 20, "亿元", ">=", "new"),  # 新增知识产权质押融资、许可转让交易额达20亿元
    # (四) 保护环境
    ("2.4.1", 1, "", ">=", "yesno"),  # 争创江苏省知识产权保护示范区
    ("2.4.2", 1, "家", ">=", "new"),  # 新增省市“正版正货”示范街区（行业）1家
    ("2.4.3", 5, "家", ">=", "new"),  # （新增）承诺企业5家
    ("2.4.4", 85, "分", ">=", "score"),  # 知识产权保护社会满意度达85分以上
    # (五) 服务水平
    ("2.5.1", 100, "家", ">=", "level"),  # 知识产权服务机构数量达100家
    ("2.5.2", 85, "%", ">=", "rate"),  # 专利代理率达85%以上
    # (六) 人才培养
    ("2.6.1", 130, "人", ">", "new"),  # 新增…知识产权专业人才超过130人
    ("2.6.2", 50, "人", ">=", "new"),  # （新增）企业知识产权总监50人
    ("2.6.3", 200, "人", ">=", "new"),  # （新增）…知识产权实务人才200人
    ("2.6.4", 3000, "人", ">=", "new"),  # 培训人数达3000人
    ("2.6.5", 1000, "家", ">=", "new"),  # 培训企业达1000家
]

KINDS = {"cumulative", "new", "level", "rate", "score", "yesno"}


def test_indicator_table(tpl):
    got = [
        (i["code"], i["target"], i["unit"], i["comparator"], i["kind"]) for i in tpl["indicators"]
    ]
    assert len(got) == 25
    assert got == EXPECTED_INDICATORS


def test_indicators_are_24_numbers_and_one_yes_no(tpl):
    kinds = [i["kind"] for i in tpl["indicators"]]
    assert kinds.count("yesno") == 1
    yesno = next(i for i in tpl["indicators"] if i["kind"] == "yesno")
    assert yesno["text"] == "争创江苏省知识产权保护示范区"
    assert (yesno["unit"], yesno["target"], yesno["comparator"], yesno["aggregation"]) == (
        "",
        1,
        ">=",
        "designated",
    )
    assert all(k in KINDS for k in kinds)


def test_indicator_texts_are_in_their_group_in_reading_order(tpl):
    groups = {g["code"]: strip_ws(g["text"]) for g in tpl["goal_groups"]}
    last = {}
    for ind in tpl["indicators"]:
        g = ind["group"]
        assert ind["code"].rsplit(".", 1)[0] == g
        text = strip_ws(ind["text"])
        assert groups[g].count(text) == 1, ind["code"]
        pos = groups[g].index(text)
        assert pos > last.get(g, -1), f"{ind['code']} out of reading order"
        last[g] = pos
    # codes are 2.g.1, 2.g.2, … within each group
    for g in groups:
        codes = [i["code"] for i in tpl["indicators"] if i["group"] == g]
        assert codes == [f"{g}.{n}" for n in range(1, len(codes) + 1)]


def test_indicator_wording_matches_its_numbers(tpl):
    for ind in tpl["indicators"]:
        text = ind["text"]
        assert ind["name"], ind["code"]
        if ind["kind"] == "yesno":
            continue
        target = ind["target"]
        number = str(int(target)) if float(target).is_integer() else str(target)
        assert number + ind["unit"] in text, f"{ind['code']}: {number}{ind['unit']} not in {text}"
        assert ind["comparator"] == (">" if "超过" in text else ">="), ind["code"]
        if "累计" in text:
            assert ind["kind"] == "cumulative", ind["code"]
        if text.startswith("新增"):
            assert ind["kind"] == "new", ind["code"]


def test_indicator_aggregation_and_departments(tpl):
    codes = {d["code"] for d in tpl["departments"]}
    for ind in tpl["indicators"]:
        depts = ind["departments"]
        assert depts, f"{ind['code']} has no responsible department"
        assert len(depts) == len(set(depts)), ind["code"]
        assert set(depts) <= codes, ind["code"]
        assert ind["designated"] in depts, ind["code"]
        if ind["kind"] in ("cumulative", "new"):
            assert ind["aggregation"] == "sum", ind["code"]
        else:
            assert ind["aggregation"] == "designated", ind["code"]
            assert ind["designated"] == depts[0], ind["code"]
        assert ind["baseline"] is None or isinstance(ind["baseline"], (int, float))


# ---------------------------------------------------------------- work areas and tasks

TASKS_PER_AREA = [3, 4, 5, 5, 4, 3]

AREA_TITLES = [
    "加强知识产权制度创新，充分激发创造活力",
    "注重知识产权质量建设，不断提高创新价值",
    "统筹知识产权转化运用，全面增强基础能力",
    "严格知识产权保护，持续优化营商环境",
    "提升知识产权服务水平，夯实事业发展根基",
    "推进知识产权队伍专业化，引领行业高质量发展",
]


def test_areas(tpl):
    assert [a["code"] for a in tpl["areas"]] == [f"3.{i}" for i in range(1, 7)]
    assert [a["title"] for a in tpl["areas"]] == AREA_TITLES


def test_24_tasks_with_codes(tpl):
    expected = [f"3.{a}.{n}" for a, k in enumerate(TASKS_PER_AREA, 1) for n in range(1, k + 1)]
    assert len(expected) == 24
    assert [t["code"] for t in tpl["tasks"]] == expected
    for t in tpl["tasks"]:
        assert t["area"] == t["code"].rsplit(".", 1)[0]
    assert tpl["tasks"][0]["title"] == "健全知识产权行政管理体制"
    assert tpl["tasks"][-1]["title"] == "优化知识产权人才发展环境"


def test_nine_subtasks_are_the_yishi_ershi_sanshi_parts(tpl, doc):
    subs = [s for t in tpl["tasks"] for s in t.get("subtasks", [])]
    assert [s["code"] for s in subs] == [f"3.1.{t}.{k}" for t in (1, 2, 3) for k in (1, 2, 3)]
    for t in tpl["tasks"]:
        has_parts = "一是" in t["text"]
        assert bool(t.get("subtasks")) == has_parts, t["code"]
        if not has_parts:
            continue
        labels = [s["label"] for s in t["subtasks"]]
        assert labels == ["一是", "二是", "三是"], t["code"]
        # the parts, labels included, make up the whole item text
        assert "".join(s["label"] + s["text"] for s in t["subtasks"]) == t["text"], t["code"]
        for s in t["subtasks"]:
            assert not s["text"].startswith(("一是", "二是", "三是")), s["code"]
            assert not re.search("[一二三]是", s["text"][:2]), s["code"]
            assert strip_ws(s["label"] + s["text"]) in doc, s["code"]
    # spot checks written from the document
    first = tpl["tasks"][0]["subtasks"][0]["text"]
    assert first.startswith(
        "加强知识产权强区建设工作领导小组能力建设，加大对全区知识产权工作的顶层设计和统筹推进力度"
    )
    assert tpl["tasks"][2]["subtasks"][1]["text"].startswith("实施知识产权助农服务专项行动")


# ---------------------------------------------------------------- phases and activities

EXPECTED_PHASES = [
    ("4.1", "宣传发动阶段", "2023-11-01", "2023-12-31", "（2023年11月—12月）", 3),
    ("4.2", "组织实施阶段", "2024-01-01", "2025-12-31", "（2024年1月—2025年12月）", 7),
    ("4.3", "检查验收阶段", "2026-01-01", "2026-06-30", "（2026年1月—6月）", 3),
]


def test_phases_and_dates(tpl, doc):
    phases = tpl["phases"]
    assert len(phases) == 3
    for p, (code, name, start, end, in_doc, count) in zip(phases, EXPECTED_PHASES, strict=True):
        assert (p["code"], p["name"], p["start"], p["end"]) == (code, name, start, end)
        assert name + in_doc in doc
        assert len(p["activities"]) == count, code
    assert phases[0]["start"] == tpl["start"]
    assert phases[1]["end"] == tpl["target_date"]
    assert phases[2]["end"] == tpl["end"]


def test_13_activities_with_codes(tpl):
    codes = [a["code"] for p in tpl["phases"] for a in p["activities"]]
    expected = (
        [f"4.1.{n}" for n in range(1, 4)]
        + [f"4.2.{n}" for n in range(1, 8)]
        + [f"4.3.{n}" for n in range(1, 4)]
    )
    assert codes == expected
    assert len(codes) == 13
    acts = {a["code"]: a["text"] for p in tpl["phases"] for a in p["activities"]}
    assert acts["4.2.4"].startswith(
        "建立高价值专利培育机制，拓展高价值专利培育途径，建立以创新型企业为主体"
    )
    assert acts["4.3.3"].endswith("迎接国家知识产权强国建设试点县复核准备。")


# ---------------------------------------------------------------- safeguards


def test_four_safeguards(tpl):
    got = [(s["code"], s["title"]) for s in tpl["safeguards"]]
    assert got == [
        ("5.1", "加强组织领导"),
        ("5.2", "保障经费投入"),
        ("5.3", "完善激励机制"),
        ("5.4", "营造良好氛围"),
    ]
    for s in tpl["safeguards"]:
        assert "start" not in s and "end" not in s, "safeguards carry no dates"
    assert tpl["safeguards"][3]["text"].endswith(
        "促进知识产权宣传进园区、进学校、进企业，在全社会形成弘扬尊重知识、崇尚创新、诚信守法的知识产权文化氛围。"
    )


# ---------------------------------------------------------------- departments and assignments

DEPARTMENT_KINDS = {"coordinator", "party", "bureau", "judicial", "park", "street", "other"}


def test_departments_are_well_formed(tpl):
    depts = tpl["departments"]
    assert len(depts) >= 25
    codes = [d["code"] for d in depts]
    assert len(codes) == len(set(codes)), "department codes not unique"
    assert all(re.fullmatch(r"[a-z]{2,8}", c) for c in codes), codes
    names = [d["name"] for d in depts]
    assert len(names) == len(set(names)), "department names not unique"
    shorts = [d["short"] for d in depts]
    assert len(shorts) == len(set(shorts)), "short names not unique"
    # no short name hides inside another one, so a typed short name is unambiguous
    for a in shorts:
        for b in shorts:
            assert a == b or a not in b, (a, b)
    assert all(d["kind"] in DEPARTMENT_KINDS for d in depts)
    assert all(isinstance(d["coordinator"], bool) for d in depts)


def test_exactly_one_coordinator_the_ip_office(tpl):
    coords = [d for d in tpl["departments"] if d["coordinator"]]
    assert len(coords) == 1
    assert coords[0]["name"] == "区市场监督管理局（区知识产权局）"
    assert coords[0]["short"] == "区知识产权局"
    assert coords[0]["kind"] == "coordinator"
    assert [d for d in tpl["departments"] if d["kind"] == "coordinator"] == coords


def test_the_streets_of_yuhuatai(tpl):
    streets = {d["short"] for d in tpl["departments"] if d["kind"] == "street"}
    assert streets == {
        "雨花街道",
        "赛虹桥街道",
        "铁心桥街道",
        "西善桥街道",
        "梅山街道",
        "板桥街道",
        "古雄街道",
    }


def test_assignments(tpl):
    codes = {d["code"] for d in tpl["departments"]}
    subtask_codes = {s["code"] for t in tpl["tasks"] for s in t.get("subtasks", [])}
    for item in all_tasks(tpl):
        c = item["code"]
        if c in subtask_codes and "lead" not in item:
            assert "co" not in item, f"{c}: co without lead (omit both to inherit)"
            continue
        lead, co = item["lead"], item["co"]
        assert 1 <= len(lead) <= 2, f"{c}: needs one lead (or two)"
        assert set(lead) | set(co) <= codes, f"{c}: unknown department"
        assert len(lead) == len(set(lead)) and len(co) == len(set(co)), c
        assert not set(lead) & set(co), f"{c}: a department is both lead and co"


def test_typical_assignments(tpl):
    """A few assignments that follow from what the item is about."""
    by_code = {i["code"]: i for i in all_tasks(tpl)}
    short = {d["code"]: d["short"] for d in tpl["departments"]}

    def names(code):
        item = by_code[code]
        return {short[c] for c in item["lead"] + item["co"]}

    assert "区委宣传部" in names("3.2.3")  # copyright
    assert "区税务局" in names("3.2.3")  # 双软认定 tax incentives
    assert {"区法院", "区司法局"} <= names("3.4.3")  # 司法保护、仲裁调解
    assert "区金融局" in names("3.3.2")  # 质押
    assert "区公安分局" in names("3.4.2")  # enforcement
    assert "软件谷" in names("3.4.4")  # 软件谷知识产权仲裁联络点
    assert "区统计局" in names("4.2.2")  # 知识产权密集型产业统计
    assert "雨花街道" in names("3.5.1")  # 各街道联络员
    inds = {i["code"]: [short[c] for c in i["departments"]] for i in tpl["indicators"]}
    assert inds["2.2.1"][0] == "区知识产权局" and "软件谷" in inds["2.2.1"]
    assert "区金融局" in inds["2.3.6"] and "区知识产权局" in inds["2.3.6"]
