"""Who reported what for a period: completeness per department (the overview), the
coordinator's review list (报送审核), and which reports are waiting for review."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from ipdesk.plan import rules
from ipdesk.plan.periods import Period
from ipdesk.read.plan import owes, plan_info, reporting_starts
from ipdesk.read.tasks import TaskStatus, load_tasks, runs_in


def completeness(
    db: sqlite_utils.Database, period: Period, tasks: list[TaskStatus] | None = None
) -> list[rules.Completeness]:
    """For each department leading a task running in `period`: expected, reported, state."""
    info = plan_info(db)
    tasks = tasks if tasks is not None else load_tasks(db)
    starts = reporting_starts(db)
    expected: dict[str, list[str]] = defaultdict(list)
    for t in tasks:
        if t.reportable and runs_in(t.start, t.due, period, info):
            for dept in t.lead:
                if owes(starts, dept, period):
                    expected[dept].append(t.code)
    codes = {t.id: t.code for t in tasks}
    reported: dict[str, list[str]] = defaultdict(list)
    for task_id, dept in reported_pairs(db, period):
        if task_id in codes:
            reported[dept].append(codes[task_id])
    states = {
        dept: rules.ReportState(state)
        for dept, state in db.execute(
            "SELECT department_id, state FROM submissions WHERE period = ? AND deleted = 0",
            [str(period)],
        )
    }
    states = {d: s for d, s in states.items() if d in expected}
    reported = {d: r for d, r in reported.items() if d in expected}
    return rules.completeness(expected, reported, states, period)


def reported_pairs(db: sqlite_utils.Database, period: Period) -> set[tuple[str, str]]:
    """(task_id, department_id) with a report for the period."""
    return {
        (t, d)
        for t, d in db.execute(
            "SELECT task_id, department_id FROM progress_reports WHERE period = ? AND deleted = 0",
            [str(period)],
        )
    }


@dataclass
class ReviewRow:
    """A department's report for one period, as the coordinator reviews it."""

    department_id: str
    name: str
    expected: int
    reported: int
    state: str  # draft | submitted | approved | returned
    submitted_at: str | None
    reviewed_at: str | None
    reason: str


STATE_ORDER = {"submitted": 0, "returned": 1, "draft": 2, "approved": 3}


def review_rows(db: sqlite_utils.Database, period: Period) -> list[ReviewRow]:
    """Each department expected to report in `period` (it leads a running task) or that
    has a report state for it: counts, state, times and the reason of a return.
    Reports waiting for review come first."""
    depts = {
        r[0]: (r[1], r[2])
        for r in db.execute("SELECT id, short_name, sort FROM departments WHERE deleted = 0")
    }
    found: dict[str, ReviewRow] = {}
    for c in completeness(db, period):
        if c.department in depts:
            found[c.department] = ReviewRow(
                c.department,
                depts[c.department][0],
                c.expected,
                c.reported,
                "draft",
                None,
                None,
                "",
            )
    for dept, state, submitted_at, reviewed_at, reason in db.execute(
        "SELECT department_id, state, submitted_at, reviewed_at, reason FROM submissions"
        " WHERE period = ? AND deleted = 0",
        [str(period)],
    ):
        if dept not in depts:
            continue
        row = found.get(dept)
        if row is None:
            reported = db.execute(
                "SELECT count(*) FROM progress_reports WHERE department_id = ?"
                " AND period = ? AND deleted = 0",
                [dept, str(period)],
            ).fetchone()[0]
            row = found[dept] = ReviewRow(
                dept, depts[dept][0], 0, reported, "draft", None, None, ""
            )
        row.state, row.submitted_at, row.reviewed_at, row.reason = (
            state,
            submitted_at,
            reviewed_at,
            reason,
        )
    return sorted(
        found.values(),
        key=lambda r: (STATE_ORDER.get(r.state, 9), depts[r.department_id][1] or 0, r.name),
    )


def waiting_for_review(db: sqlite_utils.Database) -> dict[str, int]:
    """period → number of submitted reports not yet reviewed."""
    return dict(
        db.execute(
            "SELECT period, count(*) FROM submissions WHERE state = 'submitted' AND deleted = 0"
            " GROUP BY period"
        ).fetchall()
    )
