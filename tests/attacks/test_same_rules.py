"""One set of rules, two doors (issue #11, item 7): the store's Python rules (ownership
in ipdesk.store.authority, the entry rule in ipdesk.store.rows.check_entry, which the
store calls itself on every write) and the merge's SQL (ipdesk.merge.guard) refuse the
same edits. A department's new progress report — on a task assigned to it or not, in
an approved or an open period, with sound or overlong text — is refused by its own
file exactly when the master quarantines it."""

from __future__ import annotations

import itertools
import shutil
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdesk.errors import BadInput, NotAllowed
from ipdesk.merge.engine import merge_files
from ipdesk.plan import entry
from ipdesk.store import authority, rows, schema
from ipdesk.store.files import open_plan
from tests.attacks.helpers import raw
from tests.merge.helpers import query

# 2025Q1 is approved for 软件谷 in the demo master; 2025Q4 is open and holds no report.
APPROVED, OPEN = "2025Q1", "2025Q4"
TOO_LONG = "长" * (entry.TEXT_LIMITS["progress"] + 1)
COUNTER = itertools.count()


def python_refuses(working, values) -> bool:
    """Whether the department's own file refuses the row (as a whole new row: the
    columns left out take their defaults, as they do in the file the merge reads)."""
    row = {**schema.column_defaults("progress_reports"), **values}
    row = {c: row.get(c) for c in schema.data_columns("progress_reports")}
    db = open_plan(working)
    try:
        authority.check_write(db, "progress_reports", row)
        rows.check_entry(db, "progress_reports", row)
    except (NotAllowed, BadInput):
        return True
    finally:
        db.close()
    return False


def department_and_tasks(issued):
    dept = query(issued, "SELECT department_id FROM file_meta")[0][0]
    mine = {
        t
        for (t,) in query(
            issued,
            "SELECT task_id FROM assignments WHERE department_id = ? AND deleted = 0",
            [dept],
        )
    }
    tasks = [t for (t,) in query(issued, "SELECT id FROM tasks WHERE deleted = 0 ORDER BY code")]
    return dept, mine, tasks


@pytest.mark.slow
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    assigned=st.booleans(),
    period=st.sampled_from([APPROVED, OPEN]),
    status=st.sampled_from(entry.STATUSES),
    percent=st.sampled_from([None, 0.0, 40.0, 100.0]),
    progress=st.sampled_from(["填报", "", TOO_LONG]),
)
def test_the_store_and_the_merge_refuse_the_same_new_reports(
    desk, tmp_path_factory, assigned, period, status, percent, progress
):
    issued = desk.issue("rjg", f"issued-{next(COUNTER)}.ipdesk")
    master = tmp_path_factory.mktemp("same") / "master.ipdesk"
    shutil.copyfile(desk.master, master)
    dept, mine, tasks = department_and_tasks(issued)
    task = next(t for t in tasks if (t in mine) == assigned)
    values = {
        "task_id": task,
        "department_id": dept,
        "period": period,
        "status": status,
        "percent": percent,
        "progress": progress,
    }
    refused_here = python_refuses(issued, values)

    shown = "NULL" if percent is None else percent
    raw(
        issued,
        "INSERT INTO progress_reports (id, rev_id, site_id, hlc, task_id, department_id,"
        f" period, status, percent, progress) VALUES ('{uuid.uuid4()}', '{uuid.uuid4()}',"
        f" 'pc', '1', '{task}', '{dept}', '{period}', '{status}', {shown}, '{progress}');",
    )
    sent = desk.send(issued, f"sent-{next(COUNTER)}.ipdesk", "rjg-pc")
    [report] = merge_files(master, [sent])
    assert report.result == "merged", report.reason
    assert (report.quarantined == 1) == refused_here, (values, report.warnings)
    # The edit arrived whole or not at all.
    arrived = query(
        master,
        "SELECT count(*) FROM progress_reports WHERE task_id = ? AND department_id = ?"
        " AND period = ?",
        [task, dept, period],
    )
    if period == OPEN:
        assert arrived == [(0 if refused_here else 1,)]


def test_each_door_takes_some_of_these_edits_and_refuses_others(desk):
    issued = desk.issue("rjg")
    dept, mine, tasks = department_and_tasks(issued)
    task = sorted(mine)[0]
    other = next(t for t in tasks if t not in mine)
    ok = {"task_id": task, "department_id": dept, "period": OPEN, "status": "in_progress"}
    assert not python_refuses(issued, ok)
    assert python_refuses(issued, {**ok, "progress": TOO_LONG})
    assert python_refuses(issued, {**ok, "period": APPROVED})
    assert python_refuses(issued, {**ok, "task_id": other})
