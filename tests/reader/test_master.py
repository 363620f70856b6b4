"""A master made from the seed document (through the one template builder) holds
the rows of the master made from the built-in template: every task, sub-task,
activity and safeguard with its texts, dates, parent, area and phase; every
indicator; the phases; the sections; the plan's dates."""

from __future__ import annotations

import sqlite3

import pytest

from ipdesk.reader import read_document
from ipdesk.templates.build import create_master, create_master_from_document
from tests.core.helpers import ROOT

TASKS = (
    "SELECT t.code, t.kind, t.label, t.title, t.text, t.start_date, t.due_date, p.code, s.code,"
    " ph.code FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_id"
    " LEFT JOIN sections s ON s.id = t.section_id LEFT JOIN phases ph ON ph.id = t.phase_id"
    " ORDER BY t.sort"
)
INDICATORS = (
    "SELECT i.code, i.name, i.text, i.unit, i.target, i.comparator, i.kind, i.aggregation, s.code"
    " FROM indicators i LEFT JOIN sections s ON s.id = i.section_id ORDER BY i.sort"
)
PHASES = "SELECT code, name, start_date, end_date FROM phases ORDER BY sort"
SECTIONS = "SELECT code, kind, title, text, sort FROM sections ORDER BY sort"
PLAN = "SELECT name, district, intro, start_date, target_date, end_date FROM plan"


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def masters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("masters")
    plan = read_document(ROOT / "tests" / "data" / "plan_document.docx")
    create_master_from_document(folder / "doc.ipdesk", plan).close()
    create_master(folder / "builtin.ipdesk").close()
    return folder / "doc.ipdesk", folder / "builtin.ipdesk"


@pytest.mark.parametrize(
    "sql",
    [TASKS, INDICATORS, PHASES, SECTIONS, PLAN],
    ids=["tasks", "indicators", "phases", "sections", "plan"],
)
def test_the_master_from_the_document_has_the_built_in_plans_rows(masters, sql):
    from_document, built_in = masters
    assert rows(from_document, sql) == rows(built_in, sql)


def test_the_master_has_a_coordinator_and_no_invented_departments(masters):
    from_document, _ = masters
    assert rows(from_document, "SELECT name, is_coordinator FROM departments") == [
        ("协调办公室", 1)
    ]
    assert rows(from_document, "SELECT count(*) FROM assignments") == [(0,)]
