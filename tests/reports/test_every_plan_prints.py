"""Every plan prints (issue 10, item 4): a plan made by `ipdesk import-breakdown` and
one made by `ipdesk new --empty` — no phases, no indicators, no liaison contacts, and
markup characters (`<b>`, `&`, `<font>`) in every kind of name — give every sheet
(dept, district, indicators, acceptance, timeline), the ledger and the archive, and
the names print as typed."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ipdesk.reports.archive import write_archive
from ipdesk.reports.pdf import write_pdf
from ipdesk.reports.xlsx_ledger import write_ledger
from ipdesk.store.files import open_readonly
from tests.core.helpers import run_cli
from tests.reports.conftest import ON, pdf_text

PLAN = "<b>强区&<font>建设"
DEPT = "<i>科技&局<font>"
TASK = "开展<b>专利导航</b>&<font size=40>试点"
AREA = "<font color=red>优化营商环境&"


def _breakdown(folder: Path) -> Path:
    """A 任务分解表 with markup in the plan's names, the departments and the tasks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append(["任务分解表"])
    ws.append(["编号", "工作任务", "牵头单位", "配合单位", "开始日期", "完成时限"])
    ws.append(["1", AREA, None, None, None, None])
    ws.append(["1.1", TASK, DEPT, "区法院", "2024-03-01", "2025-06-30"])
    ws.append(["1.1.1", "子任务 & <b>", DEPT, None, None, "2024-12-31"])
    info = wb.create_sheet("计划信息")
    for key, value in (("计划名称", PLAN + "工作方案"), ("计划简称", PLAN), ("报送周期", "季度")):
        info.append([key, value])
    path = folder / "分解表.xlsx"
    wb.save(path)
    return path


def _breakdown_plan(folder: Path) -> tuple[Path, str]:
    out = folder / "breakdown.ipdesk"
    result = run_cli("import-breakdown", _breakdown(folder), "-o", out)
    assert result.returncode == 0, result.stderr
    return out, DEPT


def _empty_plan(folder: Path) -> tuple[Path, str]:
    out = folder / "empty.ipdesk"
    assert run_cli("new", out, "--empty").returncode == 0
    added = run_cli("dept", "add", out, "k&1", "区<b>科技局</b>", "--short", DEPT)
    assert added.returncode == 0, added.stderr
    conn = sqlite3.connect(out)
    with conn:  # names as a coordinator could type them in the plan settings
        conn.execute("UPDATE plan SET name = ?, short_name = ?", [PLAN + "工作方案", PLAN])
    conn.close()
    return out, DEPT


@pytest.fixture(params=["import-breakdown", "new --empty"])
def plan(request, tmp_path) -> tuple[Path, str]:
    make = _breakdown_plan if request.param == "import-breakdown" else _empty_plan
    return make(tmp_path)


def _plain(text: str) -> str:
    return "".join(text.split())


def test_every_sheet_the_ledger_and_the_archive_print(plan, tmp_path, monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    path, dept_name = plan
    db = open_readonly(path)
    try:
        phases = db.execute("SELECT count(*) FROM phases").fetchone()[0]
        indicators = db.execute("SELECT count(*) FROM indicators").fetchone()[0]
        contacts = db.execute(
            "SELECT count(*) FROM departments WHERE contact_name <> '' OR contact_phone <> ''"
        ).fetchone()[0]
        assert (phases, indicators, contacts) == (0, 0, 0)
        dept = db.execute("SELECT id FROM departments WHERE short_name = ?", [dept_name]).fetchone()
        sheet = write_pdf(
            db, "dept", tmp_path / "dept.pdf", department_id=dept[0], period="2025Q2", on=ON
        )
        ledger = write_ledger(db, tmp_path / "ledger.xlsx", on=ON)
    finally:
        db.close()
    assert PLAN in pdf_text(sheet) and _plain(DEPT) in _plain(pdf_text(sheet))

    archive = write_archive(path, tmp_path / "archive.zip", on=ON, period="2025Q2")
    unzipped = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as zf:
        assert zf.testzip() is None
        zf.extractall(unzipped)
    sheets = {p.name: pdf_text(p) for p in unzipped.rglob("*.pdf")}
    for name in (
        "01-全区工作推进情况汇总表.pdf",
        "02-指标完成情况表.pdf",
        "03-检查验收逐项疏理表.pdf",
        "04-工作进度甘特图.pdf",
    ):
        assert "第 1 页" in sheets[name], name
        assert PLAN in sheets[name], name  # the markup printed as typed, not obeyed
    if "breakdown" in path.name:
        assert _plain(TASK) in _plain(sheets["03-检查验收逐项疏理表.pdf"])
        assert any(_plain(DEPT) in _plain(text) for name, text in sheets.items() if "部门" in name)

    book = load_workbook(ledger, read_only=True)
    short_names = [row[2] for row in book["单位"].iter_rows(min_row=2, max_col=3, values_only=True)]
    book.close()
    assert DEPT in short_names
