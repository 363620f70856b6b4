"""The department fill-in workbook: exported, filled in as a user would (with
openpyxl), imported through the merge — and every kind of bad cell refused with
its sheet, row and column, the master untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ipdesk.errors import NotAllowed
from ipdesk.messages import en
from ipdesk.plan.codes import display_code
from ipdesk.reports.xlsx_dept import (
    FIRST_ROW,
    META_SHEET,
    TASK_SHEET,
    VALUE_SHEET,
    WorkbookRefused,
    import_department_workbook,
    write_department_workbook,
)
from ipdesk.store import edits
from ipdesk.store.files import open_plan
from ipdesk.store.names import find_department


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def export(master: Path, dept: str, out: Path, period: str | None = None) -> Path:
    db = open_plan(master)
    try:
        return write_department_workbook(db, find_department(db, dept).id, period, out)
    finally:
        db.close()


def row_of(ws, code: str) -> int:
    """The row of a task or indicator by its dotted code (the sheet shows the
    document's numbering, 三（一）1)."""
    for r in range(FIRST_ROW, ws.max_row + 1):
        if ws.cell(r, 1).value in (code, display_code(code)):
            return r
    raise AssertionError(f"{code} not in {ws.title}")


def query(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def reports_of(master: Path, dept_code: str, period: str) -> dict[str, tuple]:
    return {
        r[0]: r[1:]
        for r in query(
            master,
            """
        SELECT t.code, r.status, r.percent, r.progress, r.problems, r.next_steps
        FROM progress_reports r JOIN tasks t ON t.id = r.task_id
        JOIN departments d ON d.id = r.department_id
        WHERE d.code = ? AND r.period = ? AND r.deleted = 0""",
            [dept_code, period],
        )
    }


def values_of(master: Path, dept_code: str, period: str) -> dict[str, tuple]:
    return {
        r[0]: r[1:]
        for r in query(
            master,
            """
        SELECT i.code, v.value, v.note FROM indicator_values v
        JOIN indicators i ON i.id = v.indicator_id JOIN departments d ON d.id = v.department_id
        WHERE d.code = ? AND v.period = ? AND v.deleted = 0""",
            [dept_code, period],
        )
    }


def test_the_workbook_is_laid_out_for_filling_in(demo_master, tmp_path):
    out = export(demo_master, "软件谷", tmp_path / "rjg.xlsx", "2025Q2")
    wb = load_workbook(out)
    assert wb.sheetnames == ["填报说明", TASK_SHEET, VALUE_SHEET, META_SHEET]
    assert wb[META_SHEET].sheet_state == "veryHidden"
    meta = {k: v for k, v in wb[META_SHEET].iter_rows(values_only=True)}
    assert meta["department_code"] == "rjg" and meta["period"] == "2025Q2"
    tasks = wb[TASK_SHEET]
    assert tasks.protection.sheet
    assert tasks.cell(2, 1).value == "编号" and tasks.cell(2, 6).value == "状态"
    # 编号 as the document numbers it; the dotted code beside it.
    assert tasks.cell(2, 2).value == "代码"
    for r in range(FIRST_ROW, tasks.max_row + 1):
        assert tasks.cell(r, 1).value == display_code(tasks.cell(r, 2).value)
    r = FIRST_ROW
    assert tasks.cell(r, 1).protection.locked  # plan columns locked
    for col in range(6, 11):
        assert not tasks.cell(r, col).protection.locked  # status, %, three texts editable
    kinds = {dv.type: str(dv.sqref) for dv in tasks.data_validations.dataValidation}
    assert set(kinds) == {"list", "decimal"}
    assert "F3" in kinds["list"] and "G3" in kinds["decimal"]
    status_list = next(dv for dv in tasks.data_validations.dataValidation if dv.type == "list")
    assert status_list.formula1 == '"未启动,推进中,已完成,滞后"'
    # Current entries are filled in: the sheet shows what the master holds.
    held = reports_of(demo_master, "rjg", "2025Q2")
    shown = {
        tasks.cell(r, 2).value: (tasks.cell(r, 7).value, tasks.cell(r, 8).value)
        for r in range(FIRST_ROW, tasks.max_row + 1)
    }
    assert held and all(shown[c][1] == v[2] for c, v in held.items())
    values = wb[VALUE_SHEET]
    held_values = values_of(demo_master, "rjg", "2025Q2")
    assert {
        values.cell(r, 1).value: values.cell(r, 7).value
        for r in range(FIRST_ROW, values.max_row + 1)
    } == {display_code(c): v for c, (v, _) in held_values.items()}
    assert not values.cell(FIRST_ROW, 7).protection.locked


def test_round_trip_fill_import_and_find_it_in_the_master(demo_master, tmp_path):
    out = export(demo_master, "软件谷", tmp_path / "rjg.xlsx")  # current period: 2025Q3
    wb = load_workbook(out)
    tasks, values = wb[TASK_SHEET], wb[VALUE_SHEET]
    codes = [tasks.cell(r, 2).value for r in range(FIRST_ROW, tasks.max_row + 1)]
    first, second = codes[0], codes[1]
    r1, r2 = row_of(tasks, first), row_of(tasks, second)
    tasks.cell(r1, 6, "推进中")
    tasks.cell(r1, 7, 45)
    tasks.cell(r1, 8, "第三季度：走访软件企业12家，新增贯标企业2家。")
    tasks.cell(r1, 9, "部分企业积极性不高")
    tasks.cell(r1, 10, "下季度组织政策宣讲")
    tasks.cell(r2, 6, "已完成")
    v1 = row_of(values, "2.2.1")
    values.cell(v1, 7, 312)
    values.cell(v1, 8, "含发明专利 40 件")
    values.cell(row_of(values, "2.1.3"), 7, "6")  # typed as text: still a number
    filled = tmp_path / "rjg-filled.xlsx"
    wb.save(filled)

    preview = import_department_workbook(demo_master, filled, dry_run=True)
    assert preview.result == "merged" and preview.new == 4
    assert reports_of(demo_master, "rjg", "2025Q3") == {}  # a preview writes nothing

    report = import_department_workbook(demo_master, filled)
    assert report.result == "merged" and report.new == 4 and report.quarantined == 0
    got = reports_of(demo_master, "rjg", "2025Q3")
    assert got[first] == (
        "in_progress",
        45.0,
        "第三季度：走访软件企业12家，新增贯标企业2家。",
        "部分企业积极性不高",
        "下季度组织政策宣讲",
    )
    assert got[second][:2] == ("done", 100.0)
    assert values_of(demo_master, "rjg", "2025Q3") == {
        "2.2.1": (312.0, "含发明专利 40 件"),
        "2.1.3": (6.0, ""),
    }
    # The rows carry the department as their owner, imported through the log.
    assert query(demo_master, "SELECT count(*) FROM imports")[0][0] >= 1

    again = import_department_workbook(demo_master, filled)
    assert again.result == "already merged" or (again.new, again.changed) == (0, 0)
    assert reports_of(demo_master, "rjg", "2025Q3") == got

    # Exported again, the workbook shows what was imported.
    wb2 = load_workbook(export(demo_master, "软件谷", tmp_path / "again.xlsx"))
    t2 = wb2[TASK_SHEET]
    assert t2.cell(row_of(t2, first), 7).value == 45
    assert t2.cell(row_of(t2, first), 6).value == "推进中"


def _filled(master: Path, tmp_path: Path, dept: str, change) -> Path:
    out = export(master, dept, tmp_path / "in.xlsx")
    wb = load_workbook(out)
    change(wb)
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    return path


BAD_CELLS = [
    (
        "status word",
        "软件谷",
        lambda wb: wb[TASK_SHEET].cell(FIRST_ROW, 6, "差不多"),
        TASK_SHEET,
        "F",
        "状态",
    ),
    (
        "percent too big",
        "软件谷",
        lambda wb: wb[TASK_SHEET].cell(FIRST_ROW, 7, 150),
        TASK_SHEET,
        "G",
        "0 到 100",
    ),
    (
        "percent as words",
        "软件谷",
        lambda wb: wb[TASK_SHEET].cell(FIRST_ROW, 7, "八十"),
        TASK_SHEET,
        "G",
        "0 到 100",
    ),
    (
        "task code edited",
        "软件谷",
        lambda wb: wb[TASK_SHEET].cell(FIRST_ROW, 1, "9.9.9"),
        TASK_SHEET,
        "A",
        "编号",
    ),
    (
        "task of another department",
        "软件谷",
        lambda wb: (
            wb[TASK_SHEET].cell(FIRST_ROW, 1, "3.1.1.1"),
            wb[TASK_SHEET].cell(FIRST_ROW, 11, None),
        ),
        TASK_SHEET,
        "A",
        "本单位",
    ),
    (
        "row repeated",
        "软件谷",
        lambda wb: [
            wb[TASK_SHEET].cell(below, c, wb[TASK_SHEET].cell(FIRST_ROW, c).value)
            for below in [wb[TASK_SHEET].max_row + 1]  # one row below the last, all columns
            for c in range(1, 12)
        ],
        TASK_SHEET,
        "A",
        "不重复",
    ),
    (
        "negative value",
        "软件谷",
        lambda wb: wb[VALUE_SHEET].cell(FIRST_ROW, 7, -5),
        VALUE_SHEET,
        "G",
        "不小于 0",
    ),
    (
        "value as words",
        "软件谷",
        lambda wb: wb[VALUE_SHEET].cell(FIRST_ROW, 7, "十二"),
        VALUE_SHEET,
        "G",
        "数字",
    ),
    (
        "rate over 100",
        "区知识产权局",
        lambda wb: wb[VALUE_SHEET].cell(row_of(wb[VALUE_SHEET], "2.5.2"), 7, 120),
        VALUE_SHEET,
        "G",
        "0 到 100",
    ),
    (
        "yes/no answered otherwise",
        "区知识产权局",
        lambda wb: wb[VALUE_SHEET].cell(row_of(wb[VALUE_SHEET], "2.4.1"), 7, "也许"),
        VALUE_SHEET,
        "G",
        "“是”或“否”",
    ),
]


@pytest.mark.parametrize(
    ("case", "dept", "change", "sheet", "column", "expected"),
    BAD_CELLS,
    ids=[c[0] for c in BAD_CELLS],
)
def test_a_bad_cell_refuses_the_whole_workbook(
    demo_master, tmp_path, case, dept, change, sheet, column, expected
):
    def spoil(wb):
        # A good entry next to the bad one: it must not be imported either.
        wb[TASK_SHEET].cell(FIRST_ROW + 1, 8, "这条正确的进展也不应导入")
        change(wb)

    path = _filled(demo_master, tmp_path, dept, spoil)
    before = sha256(demo_master)
    with pytest.raises(WorkbookRefused) as caught:
        import_department_workbook(demo_master, path)
    problem = caught.value.problems[0]
    assert (problem.sheet, problem.column) == (sheet, column)
    assert problem.row >= FIRST_ROW
    message = caught.value.message_zh
    assert f"“{sheet}”表第 {problem.row} 行 {column} 列" in message
    assert expected in message and "均未导入" in message
    # Every problem is a catalogue code, worded in English too.
    assert all(
        p.code.startswith("cell.expected.") and p.code in en.WORDS for p in caught.value.problems
    )
    english = caught.value.message_en
    assert english.startswith(f"{path.name} was not imported: sheet '{sheet}' row {problem.row}")
    assert f"column {column}" in english and "expected " in english
    assert sha256(demo_master) == before
    assert not list(tmp_path.glob("*.bak"))


def test_every_bad_cell_is_listed_at_once(demo_master, tmp_path):
    def spoil(wb):
        wb[TASK_SHEET].cell(FIRST_ROW, 6, "差不多")
        wb[TASK_SHEET].cell(FIRST_ROW + 1, 7, 101)
        wb[VALUE_SHEET].cell(FIRST_ROW, 7, -1)

    path = _filled(demo_master, tmp_path, "软件谷", spoil)
    with pytest.raises(WorkbookRefused) as caught:
        import_department_workbook(demo_master, path)
    assert [(p.sheet, p.row, p.column) for p in caught.value.problems] == [
        (TASK_SHEET, FIRST_ROW, "F"),
        (TASK_SHEET, FIRST_ROW + 1, "G"),
        (VALUE_SHEET, FIRST_ROW, "G"),
    ]


def test_a_workbook_of_another_plan_is_refused(demo_master, plain_master, tmp_path):
    other = export(plain_master, "软件谷", tmp_path / "other.xlsx", "2025Q2")
    before = sha256(demo_master)
    with pytest.raises(WorkbookRefused, match="另一份工作计划"):
        import_department_workbook(demo_master, other)
    assert sha256(demo_master) == before


def test_a_workbook_for_an_unknown_department_is_refused(demo_master, tmp_path):
    def retarget(wb):
        for row in wb[META_SHEET].iter_rows():
            if row[0].value == "department_id":
                row[1].value = "00000000-0000-7000-8000-000000000000"

    path = _filled(demo_master, tmp_path, "软件谷", retarget)
    with pytest.raises(WorkbookRefused, match="填报单位却被改成了不在本计划中的单位"):
        import_department_workbook(demo_master, path)


def test_an_ordinary_workbook_is_refused(demo_master, tmp_path):
    wb = Workbook()
    wb.active.append(["编号", "状态"])
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookRefused, match="不是 IPDesk 导出的部门填报表"):
        import_department_workbook(demo_master, path)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(WorkbookRefused, match="不是 .xlsx 格式的工作簿"):
        import_department_workbook(demo_master, junk)


def test_a_submitted_period_is_locked_for_the_workbook_too(demo_master, tmp_path):
    path = _filled(
        demo_master, tmp_path, "软件谷", lambda wb: wb[TASK_SHEET].cell(FIRST_ROW, 6, "推进中")
    )
    db = open_plan(demo_master)
    try:
        dept = find_department(db, "软件谷").id
        edits.submit_period(db, dept, "2025Q3")
    finally:
        db.close()
    before = sha256(demo_master)
    with pytest.raises(NotAllowed, match="锁定"):
        import_department_workbook(demo_master, path)
    assert sha256(demo_master) == before


def test_a_workbook_exported_before_with_dotted_codes_first_still_imports(demo_master, tmp_path):
    """Workbooks exported before the document's numbering came first had the dotted
    code in the 编号 column: they still come back in."""
    out = export(demo_master, "软件谷", tmp_path / "rjg.xlsx")
    wb = load_workbook(out)
    tasks, values = wb[TASK_SHEET], wb[VALUE_SHEET]
    for r in range(FIRST_ROW, tasks.max_row + 1):
        shown, dotted = tasks.cell(r, 1).value, tasks.cell(r, 2).value
        tasks.cell(r, 1).value, tasks.cell(r, 2).value = dotted, shown
    codes = {}
    for r in range(FIRST_ROW, values.max_row + 1):
        dotted = next(
            c for c in _indicator_codes(demo_master) if display_code(c) == values.cell(r, 1).value
        )
        values.cell(r, 1).value = dotted
        codes[dotted] = r
    first = tasks.cell(FIRST_ROW, 1).value
    tasks.cell(FIRST_ROW, 6, "推进中")
    tasks.cell(FIRST_ROW, 7, 30)
    values.cell(codes["2.2.1"], 7, 11)
    filled = tmp_path / "old-style.xlsx"
    wb.save(filled)
    report = import_department_workbook(demo_master, filled)
    assert report.result == "merged" and report.quarantined == 0
    assert reports_of(demo_master, "rjg", "2025Q3")[first][:2] == ("in_progress", 30.0)
    assert values_of(demo_master, "rjg", "2025Q3")["2.2.1"][0] == 11.0


def _indicator_codes(master: Path) -> list[str]:
    return [r[0] for r in query(master, "SELECT code FROM indicators WHERE deleted = 0")]
