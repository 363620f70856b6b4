"""Every Qt model of the window passes qtmodeltester (pytest-qt), filled with the
demo master's real rows."""

from __future__ import annotations

from ipdesk.gui.models.department import DeptTaskModel, IndicatorGridModel
from ipdesk.gui.models.overview import CompletenessModel, OverviewModel
from ipdesk.gui.models.records import RecordModel
from ipdesk.plan.periods import Period
from ipdesk.read.department import department_indicators, department_tasks
from ipdesk.read.indicators import load_indicators
from ipdesk.read.overview import OverviewFilter, load_overview
from ipdesk.read.tasks import load_tasks
from ipdesk.store.files import open_plan

PERIOD = Period.parse("2025Q2")


def _dept(db, code):
    return db.execute("SELECT id FROM departments WHERE code = ?", [code]).fetchone()[0]


def test_department_models(qtmodeltester, demo_master):
    db = open_plan(demo_master)
    try:
        dept = _dept(db, "zscqj")
        tasks = department_tasks(db, dept, PERIOD, load_tasks(db))
        model = DeptTaskModel()
        model.set_items([t for t in tasks if t.role == "lead"])
        assert model.rowCount() > 10
        qtmodeltester.check(model, force_py=True)
        grid = IndicatorGridModel()
        grid.set_items(department_indicators(db, dept, PERIOD, load_indicators(db)), editable=True)
        assert grid.rowCount() == 25
        qtmodeltester.check(grid, force_py=True)
    finally:
        db.close()


def test_overview_models(qtmodeltester, demo_master):
    db = open_plan(demo_master)
    try:
        data = load_overview(db, PERIOD)
    finally:
        db.close()
    model = OverviewModel()
    model.set_rows(data.rows)
    qtmodeltester.check(model, force_py=True)
    model.set_filter(OverviewFilter(light="red"))
    model.sort(7)
    qtmodeltester.check(model, force_py=True)
    completeness = CompletenessModel()
    completeness.set_items(data.completeness, data.names)
    assert completeness.rowCount() > 0
    qtmodeltester.check(completeness, force_py=True)


def test_record_model(qtmodeltester):
    from types import SimpleNamespace as Record

    model = RecordModel(
        [("code", "编号", lambda r: r.code), ("name", "名称", lambda r: r.name.upper())]
    )
    model.set_items([Record(id="a", code="1", name="x"), Record(id="b", code="2", name="y")])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, 1)) == "Y"
    assert model.row_of("b") == 1
