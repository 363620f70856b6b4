"""The audit trail says when, which PC, which department, and old → new."""

import os

from ipdesk.store import edits
from ipdesk.store.audit import changes
from ipdesk.store.files import open_plan
from ipdesk.store.names import find_department, find_task


def test_changes_record_pc_department_and_old_new(master, monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    db = open_plan(master)
    task = find_task(db, "3.2.1")
    dept = find_department(db, "科技局")
    monkeypatch.setenv("IPDESK_SITE_ID", "pc-office-1")
    edits.save_report(db, task.id, dept.id, "2025Q2", status="in_progress", percent=40)
    monkeypatch.setenv("IPDESK_SITE_ID", "pc-office-2")
    edits.save_report(db, task.id, dept.id, "2025Q2", percent=55)
    trail = [c for c in changes(db, table="progress_reports") if c.field == "percent"]
    assert [(c.site_id, c.department, c.old, c.new) for c in trail] == [
        ("pc-office-1", "区科技局", None, 40.0),
        ("pc-office-2", "区科技局", 40.0, 55.0),
    ]
    assert trail[0].when <= trail[1].when
    assert os.environ["IPDESK_SITE_ID"] == "pc-office-2"


def test_plan_edits_are_attributed_to_the_coordinator_and_deletes_show(master, monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    db = open_plan(master)
    task = find_task(db, "3.2.1")
    edits.update_task(db, task.id, due_date="2025-10-31")
    due = [c for c in changes(db, table="tasks", row_id=task.id) if c.field == "due_date"]
    assert (due[-1].department, due[-1].old, due[-1].new) == ("协调员", "2025-12-31", "2025-10-31")
    ind = db.execute("SELECT id FROM indicators WHERE code = '2.2.1'").fetchone()[0]
    dept = find_department(db, "区知识产权局")
    edits.save_value(db, ind, dept.id, "2025Q1", 300)
    edits.delete_value(db, ind, dept.id, "2025Q1")
    deleted = [c for c in changes(db, table="indicator_values") if c.field == "deleted"]
    assert [(c.old, c.new) for c in deleted] == [(False, True)]
