"""The seed proves it: the plan document (tests/data/plan_document.txt, and the .docx
and .pdf made from it by scripts/make_plan_documents.py) reads as the built-in plan —
the same indicators, tasks, sub-tasks, activities, phases and safeguards, with the
template's texts. The template was written from the document by hand; here the
reader has to find all of it on its own."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ipdesk.reader import read_document
from tests.core.helpers import ROOT

DATA = ROOT / "tests" / "data"
TEMPLATE = json.loads(
    (ROOT / "resources" / "templates" / "yuhuatai-2023-2025.json").read_text(encoding="utf-8")
)
FORMATS = ("txt", "docx", "pdf")
SIGNS = {"ge": ">=", "gt": ">"}


@pytest.fixture(scope="module", params=FORMATS)
def read(request):
    plan = read_document(DATA / f"plan_document.{request.param}")
    plan.renumber()
    return plan


def by_code(plan):
    return {i.code: i for i in plan.items}


def test_the_25_indicators_with_targets_units_comparators_and_kinds(read):
    found = [
        (
            i.code,
            i.name,
            i.text,
            i.unit,
            1 if i.target is None else i.target,
            SIGNS[i.comparator],
            i.kind,
        )
        for i in read.indicators
    ]
    expected = [
        (i["code"], i["name"], i["text"], i["unit"], i["target"], i["comparator"], i["kind"])
        for i in TEMPLATE["indicators"]
    ]
    assert found == expected


def test_the_yes_no_target_has_no_number(read):
    yes_no = [i for i in read.indicators if i.kind == "yesno"]
    assert [(i.name, i.target) for i in yes_no] == [("江苏省知识产权保护示范区", None)]


def test_24_tasks_with_their_titles_and_texts(read):
    items = by_code(read)
    tasks = [i for i in read.items if i.kind == "task"]
    assert len(tasks) == 24
    for t in TEMPLATE["tasks"]:
        assert (items[t["code"]].kind, items[t["code"]].title, items[t["code"]].text) == (
            "task",
            t["title"],
            t["text"],
        ), t["code"]


def test_9_sub_tasks_from_yi_shi_er_shi(read):
    items = by_code(read)
    subtasks = [i for i in read.items if i.kind == "subtask"]
    expected = [s for t in TEMPLATE["tasks"] for s in t.get("subtasks", [])]
    assert len(subtasks) == len(expected) == 9
    for s in expected:
        assert (items[s["code"]].number, items[s["code"]].text) == (s["label"], s["text"])


def test_3_phases_with_their_dates_and_13_activities(read):
    items = by_code(read)
    phases = [(p.code, p.title, p.start, p.end) for p in read.phases()]
    assert phases == [(p["code"], p["name"], p["start"], p["end"]) for p in TEMPLATE["phases"]]
    activities = [i for i in read.items if i.kind == "activity"]
    assert len(activities) == 13
    for p in TEMPLATE["phases"]:
        for a in p["activities"]:
            act = items[a["code"]]
            assert (act.text, act.start, act.end) == (a["text"], p["start"], p["end"])


def test_4_safeguards(read):
    items = by_code(read)
    assert [i.code for i in read.items if i.kind == "safeguard"] == ["5.1", "5.2", "5.3", "5.4"]
    for s in TEMPLATE["safeguards"]:
        assert (items[s["code"]].title, items[s["code"]].text) == (s["title"], s["text"])


def test_title_intro_preamble_goals_and_areas(read):
    items = by_code(read)
    assert read.title == TEMPLATE["name"]
    assert read.intro == TEMPLATE["intro"]
    assert (items["1"].title, items["1"].text) == ("指导思想", TEMPLATE["preamble"]["text"])
    assert (items["2"].title, items["2"].text) == ("工作目标", TEMPLATE["goals"]["text"])
    for g in TEMPLATE["goal_groups"]:
        assert (items[g["code"]].title, items[g["code"]].text) == (g["title"], g["text"])
    for a in TEMPLATE["areas"]:
        assert items[a["code"]].title == a["title"]


def test_page_break_cuts_are_joined(read):
    """ "…治理能力现代化" | "走在全国前列…", and "顶层设计" | "计和统筹" with the 计 doubled."""
    items = by_code(read)
    assert "治理能力现代化走在全国前列" in items["1"].text
    assert "顶层设计和统筹推进" in items["3.1.1.1"].text
    assert "设计计" not in items["3.1.1"].text


def test_nothing_is_left_unread(read):
    assert [u.text for u in read.unread] == []
    assert read.issuer is None and read.date is None


def test_the_committed_pdf_is_what_the_script_makes():
    run = subprocess.run(
        [sys.executable, "scripts/make_plan_documents.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
