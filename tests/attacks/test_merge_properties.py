"""The merge as a property (issue #9, Build 6): random edits on 2–4 PCs of 1–3
departments — foreign edits among them — merged in random orders and groupings, give
the same master every time, and nothing foreign arrives.

"The same master" means the same rows in every replicated table (values, revision ids,
clocks, stamps, deletions), and the same fields offered as conflicts. Only the parent
links of merged revisions may differ: they record the path each master took.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from functools import partial

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ipdesk.merge.engine import merge_files
from ipdesk.store import edits
from ipdesk.store.schema import PLAN_TABLES, REPLICATED_TABLES
from tests.attacks.helpers import child_revision, forged, raw
from tests.masters import made
from tests.merge.conftest import Desk
from tests.merge.helpers import edit, ids, query

DEPARTMENTS = ("rjg", "kjj", "yhkfq")
BYSTANDER = "zzb"  # a department no PC of the test belongs to
START = datetime(2025, 8, 1, 9, 0)
PERIOD = "2025Q3"

# Each example builds and merges several files (a few seconds): find, then report the
# failing example as drawn rather than spend minutes shrinking it.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]

FIELDS = {
    "percent": st.sampled_from([10.0, 40.0, 70.0]),
    "progress": st.sampled_from(["甲", "乙", "丙"]),
    "status": st.sampled_from(["in_progress", "behind", "done"]),
}
EDIT = st.one_of(
    st.tuples(st.just("report"), st.integers(0, 1), st.sampled_from(sorted(FIELDS)), st.data()),
    st.tuples(st.just("value"), st.integers(0, 1), st.sampled_from([1.0, 5.0, 9.0])),
    st.tuples(st.just("delete_value"), st.integers(0, 1)),
    st.tuples(st.just("foreign"), st.sampled_from(["plan", "bystander"])),
)


def _rows(path) -> dict[str, list[tuple]]:
    out = {}
    for table in REPLICATED_TABLES:
        cols = [r[1] for r in query(path, f"PRAGMA table_info({table})")]
        kept = [c for c in cols if c not in ("parent_rev_id", "merged_rev_id")]
        out[table] = query(path, f"SELECT {', '.join(kept)} FROM {table} ORDER BY id")
    out["conflicts"] = query(
        path,
        "SELECT DISTINCT tbl, row_id, field FROM conflicts WHERE resolved_side IS NULL"
        " ORDER BY 1, 2, 3",
    )
    return out


def _foreign(path, in_play: set[str], i: dict[str, str]) -> dict[str, list[tuple]]:
    out = {t: query(path, f"SELECT * FROM {t} ORDER BY id") for t in PLAN_TABLES}
    out["bystander"] = query(
        path, "SELECT * FROM progress_reports WHERE department_id = ? ORDER BY id", [i[BYSTANDER]]
    )
    for code in set(DEPARTMENTS) - in_play:
        out[code] = query(
            path, "SELECT * FROM indicator_values WHERE department_id = ? ORDER BY id", [i[code]]
        )
    return out


def _targets(master, i):
    """Two tasks and two indicators each department may write."""
    out = {}
    for code in DEPARTMENTS:
        tasks = [
            r[0]
            for r in query(
                master,
                "SELECT task_id FROM assignments WHERE department_id = ? AND deleted = 0"
                " ORDER BY task_id LIMIT 2",
                [i[code]],
            )
        ]
        indicators = [
            r[0]
            for r in query(
                master,
                "SELECT x.indicator_id FROM indicator_departments x JOIN indicators n"
                " ON n.id = x.indicator_id WHERE x.department_id = ? AND x.deleted = 0"
                " AND n.kind IN ('cumulative', 'new', 'level') ORDER BY x.indicator_id LIMIT 2",
                [i[code]],
            )
        ]
        out[code] = (tasks, indicators)
    return out


def _report(db, *, task, dept, field, value):
    edits.save_report(db, task, dept, PERIOD, **{field: value})


def _value(db, *, indicator, dept, value):
    if value is None:
        edits.delete_value(db, indicator, dept, PERIOD)
    else:
        edits.save_value(db, indicator, dept, PERIOD, value)


FOREIGN_SQL = {
    "plan": child_revision("indicators", "code = '2.2.1'", target="1"),
    "bystander": child_revision(
        "progress_reports",
        "rowid = (SELECT min(rowid) FROM progress_reports WHERE department_id ="
        f" (SELECT id FROM departments WHERE code = '{BYSTANDER}'))",
        progress="'代填'",
    ),
}


@settings(
    max_examples=int(os.environ.get("IPDESK_PROPERTY_EXAMPLES", "12")),
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.slow
@given(data=st.data())
def test_any_order_and_grouping_gives_the_same_master(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("prop")
    master = folder / "master.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "demo"), master)
    desk = Desk(master, folder)
    i = ids(master)
    targets = _targets(master, i)
    pcs = data.draw(st.lists(st.sampled_from(DEPARTMENTS), min_size=2, max_size=4), label="pcs")
    in_play = set(pcs)
    issued = {code: desk.issue(code, f"{code}.ipdesk") for code in in_play}
    copies = [folder / f"m{n}.ipdesk" for n in range(3)]
    for copy in copies:
        shutil.copyfile(master, copy)
    foreign_before = _foreign(copies[0], in_play, i)

    sent = []
    for n, code in enumerate(pcs):
        working = desk.copy(issued[code], f"pc{n}.ipdesk")
        site = f"{code}-pc{n}"
        ops = data.draw(st.lists(EDIT, min_size=1, max_size=4), label=f"edits of {site}")
        foreign = []
        tasks, indicators = targets[code]
        for op in ops:
            minutes = data.draw(st.integers(0, 600), label="clock")
            now = (START + timedelta(minutes=minutes)).isoformat() + "+08:00"
            kind = op[0]
            if kind == "foreign":
                foreign.append(FOREIGN_SQL[op[1]])
                continue
            if kind == "report":
                _, t, fld, more = op
                change = partial(
                    _report, task=tasks[t], dept=i[code], field=fld, value=more.draw(FIELDS[fld])
                )
            elif kind == "value":
                change = partial(_value, indicator=indicators[op[1]], dept=i[code], value=op[2])
            else:
                change = partial(_value, indicator=indicators[op[1]], dept=i[code], value=None)
            edit(working, site, change, IPDESK_FAKE_NOW=now)
        out = folder / f"sent{n}.ipdesk"
        if foreign:
            raw(working, "".join(foreign))
            # Foreign rows are trimmed by `send`; a forger signs the whole file.
            forged(working, out, "")
        else:
            desk.send(working, out.name, site)
        sent.append(out)

    order = data.draw(st.permutations(sent), label="order")
    other = data.draw(st.permutations(sent), label="other order")
    reports = [merge_files(copies[0], order)]  # all in one call
    reports += [merge_files(copies[1], [f]) for f in other]  # one call each
    cut = data.draw(st.integers(1, len(sent) - 1), label="grouping")
    reports += [merge_files(copies[2], order[:cut]), merge_files(copies[2], order[cut:])]
    for group in reports:
        for report in group:
            assert report.result in ("merged", "already merged"), report.reason

    first = _rows(copies[0])
    assert _rows(copies[1]) == first
    assert _rows(copies[2]) == first
    for copy in copies:
        assert _foreign(copy, in_play, i) == foreign_before
