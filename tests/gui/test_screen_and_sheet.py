"""What the window shows and what is printed come from one definition: a department's
tasks for a period are the same on its form, its printed sheet and its fill-in
workbook, in the same order; the timeline's rows are the same on screen and on paper,
in the same order — a task outside any work area included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ipdesk.plan.periods import Period
from ipdesk.read.timeline import GROUP, PHASE
from ipdesk.reports.pdf.timeline import build_rows
from ipdesk.reports.xlsx_dept import FIRST_ROW, TASK_SHEET, write_department_workbook
from ipdesk.store import rows
from ipdesk.store.files import open_plan
from tests.gui.helpers import one, query
from tests.reports.conftest import pdf_text


def form_tasks(window: Any, master: Path, dept: str, period: str) -> list[tuple[str, str]]:
    """(code, role) of the tasks the coordinator's form lists, top to bottom."""
    assert window.open_file(master)
    window.show_page("form")
    form = window.pages["form"]
    window.period_combo.setCurrentIndex(window.period_combo.findData(period))
    form.set_department(dept)
    return [(t.status.code, t.role) for t in form.lead_model.items + form.co_model.items]


def test_form_sheet_and_workbook_list_the_same_tasks_in_the_same_order(
    window, demo_master, tmp_path
):
    dept = one(demo_master, "SELECT id FROM departments WHERE short_name = '区知识产权局'")
    shown = form_tasks(window, demo_master, dept, "2025Q1")
    window.close_file()
    # 四（一）宣传发动 ran in 2023 and is done: not the department's business in 2025
    # (the form used to list every assigned task, the sheet only those of the period).
    assigned = {
        c
        for (c,) in query(
            demo_master,
            "SELECT t.code FROM assignments a JOIN tasks t"
            " ON t.id = a.task_id WHERE a.department_id = ?",
            [dept],
        )
    }
    assert "4.1.1" in assigned and "4.1.1" not in {c for c, _ in shown}
    assert len(shown) > 20

    from ipdesk.reports.pdf import write_pdf

    db = open_plan(demo_master)
    try:
        sheet = write_pdf(db, "dept", tmp_path / "dept.pdf", department_id=dept, period="2025Q1")
        book = write_department_workbook(db, dept, "2025Q1", tmp_path / "dept.xlsx")
    finally:
        db.close()
    ws = load_workbook(book)[TASK_SHEET]
    listed = []
    for r in range(FIRST_ROW, ws.max_row + 1):
        code, role = ws.cell(r, 2).value, ws.cell(r, 4).value  # 代码: the dotted code
        if code:
            listed.append((code, "lead" if role == "牵头" else "co"))
    assert listed == shown
    # The printed sheet: the same tasks, in the same order, counted the same.
    text = pdf_text(sheet, layout=True)
    lead = sum(1 for _, role in shown if role == "lead")
    assert f"牵头 {lead} 项 · 配合 {len(shown) - lead} 项" in text
    positions = [text.find(f"\n{code}") for code, _ in shown if "." in code]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def add_task_outside_any_area(master: Path) -> str:
    """A task the coordinator keeps outside the work areas (a plan read from a document
    can have one): no section, no phase."""
    db = open_plan(master)
    try:
        with db.atomic():
            return rows.write_row(
                db,
                "tasks",
                {
                    "code": "3.9",
                    "kind": "task",
                    "parent_id": None,
                    "section_id": None,
                    "phase_id": None,
                    "title": "区领导交办的其他任务",
                    "text": "区领导交办的其他任务。",
                    "start_date": "2024-01-01",
                    "due_date": "2025-06-30",
                    "label": "",
                    "sort": 10_000,
                },
            )
    finally:
        db.close()


def test_screen_and_printed_timeline_have_the_same_rows_in_the_same_order(
    window, demo_master, tmp_path
):
    extra = add_task_outside_any_area(demo_master)
    assert window.open_file(demo_master)
    window.show_page("timeline")
    timeline = window.pages["timeline"]
    timeline.expand_all()
    on_screen = [
        ("heading" if r.kind in (GROUP, PHASE) else "task", r.code) for r in timeline.shown_rows()
    ]
    window.close_file()

    from ipdesk.read.snapshot import snapshot

    db = open_plan(demo_master)
    try:
        on_paper = [
            ("heading" if r.kind == "group" else "task", r.code) for r in build_rows(snapshot(db))
        ]
        sheet = tmp_path / "timeline.pdf"
        from ipdesk.reports.pdf import write_pdf

        write_pdf(db, "timeline", sheet)
    finally:
        db.close()
    assert on_screen == on_paper
    # The task outside any area comes after the work areas, before 四 工作计划, under
    # 其他任务 — on screen and on paper.
    codes = [c for _, c in on_paper]
    assert codes.index("3.9") < codes.index("4") and codes.index("3.9") > codes.index("3.6")
    assert "其他任务" in pdf_text(sheet)
    assert one(demo_master, "SELECT code FROM tasks WHERE id = ?", [extra]) == "3.9"


def test_a_task_due_before_the_period_and_not_done_stays_on_the_form(window, demo_master):
    """The department must be able to report a task that is overdue (its light stays red
    until it is done): it stays on the form, marked overdue rather than "not in period"."""
    from ipdesk.store import edits

    dept = one(demo_master, "SELECT id FROM departments WHERE short_name = '区知识产权局'")
    shown = form_tasks(window, demo_master, dept, "2025Q3")
    form = window.pages["form"]
    items = form.lead_model.items + form.co_model.items
    item = next(t for t in items if t.status.status != "done" and t.report is None)
    window.close_file()
    db = open_plan(demo_master)
    try:
        edits.update_task(db, item.id, start_date="2023-11-01", due_date="2025-03-31")
    finally:
        db.close()
    assert form_tasks(window, demo_master, dept, "2025Q3") == shown
    form = window.pages["form"]
    model = form.lead_model if item.role == "lead" else form.co_model
    moved = next(t for t in model.items if t.id == item.id)
    assert moved.overdue and not moved.active
    column = model.COLUMNS.index("reported")
    assert model.index(model.row_of(item.id), column).data() == "已逾期"
    assert Period.parse("2025Q3") == window.session.period
