"""After the merge (issue #3, Build 5 and 6): the import log, undo, conflicts, review,
and the way back to the departments, as a coordinator runs them on the command line."""

from __future__ import annotations

import json

import pytest

from ipdesk.errors import NotAllowed
from ipdesk.merge.engine import merge_files
from ipdesk.merge.undo import list_imports, undo_import
from ipdesk.store import edits
from tests.core.helpers import run_cli
from tests.merge.conftest import TODAY
from tests.merge.helpers import COORDINATOR_PC, edit, query, sha256
from tests.merge.test_merge import report_of, with_base_report

ENV = {"IPDESK_TODAY": TODAY, "IPDESK_SITE_ID": COORDINATOR_PC}
VALUE = "SELECT value, deleted FROM indicator_values WHERE period = '2025Q3' AND department_id = ?"


def cli(*args, site: str = COORDINATOR_PC):
    return run_cli(*args, env={**ENV, "IPDESK_SITE_ID": site})


def test_merge_json_has_the_documented_keys_and_exit_status(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=25)
    )
    sent = desk.send(dept, "s.ipdesk", "rjg-pc")
    bad = desk.folder / "bad.ipdesk"
    bad.write_bytes(b"%PDF-1.4")
    result = cli("merge", desk.master, bad, sent, "--json")
    assert result.returncode == 2  # one file refused; the other still merged
    refused, merged = json.loads(result.stdout)
    for entry in (refused, merged):
        assert {
            "file",
            "department",
            "result",
            "reason",
            "new",
            "changed",
            "stale",
            "conflicts",
            "quarantined",
        } <= set(entry)
    assert (refused["result"], merged["result"], merged["department"], merged["new"]) == (
        "refused",
        "merged",
        "rjg",
        1,
    )
    assert "bad.ipdesk" in refused["reason"] and "bad.ipdesk" in result.stderr
    again = cli("merge", desk.master, sent, "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)[0]["result"] == "already merged"


def test_dry_run_on_the_command_line_leaves_the_master_alone(desk):
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=25)
    )
    sent = desk.send(dept, "s.ipdesk", "rjg-pc")
    before = sha256(desk.master)
    result = cli("merge", desk.master, sent, "--dry-run")
    assert (
        result.returncode == 0
        and "dry run" in result.stdout
        and "新增 1，" in result.stdout
        and "new 1," in result.stdout
    )
    assert sha256(desk.master) == before


def two_imports(desk):
    """Import 1: 软件谷 sets percent 40 on the coordinator's report and enters a value;
    import 2, later: percent 50 and a problem text on the same report."""
    with_base_report(desk, status="in_progress", percent=10, progress="起步")
    dept = desk.issue("rjg")
    i = desk.ids
    edit(
        dept,
        "rjg-pc",
        lambda db: (
            edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=40),
            edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 100),
        ),
    )
    first = desk.send(dept, "round1.ipdesk", "rjg-pc")
    edit(
        dept,
        "rjg-pc",
        lambda db: edits.save_report(
            db, i["3.3.1"], i["rjg"], "2025Q3", percent=50, problems="资金不足"
        ),
    )
    second = desk.send(dept, "round2.ipdesk", "rjg-pc")
    reports = merge_files(desk.master, [first, second])
    assert [r.result for r in reports] == ["merged", "merged"]
    return first, [r.import_id for r in reports]


def test_imports_lists_each_file_with_its_sha256_department_and_counts(desk):
    first, (one, two) = two_imports(desk)
    result = cli("imports", desk.master, "--json")
    assert result.returncode == 0
    log = json.loads(result.stdout)
    assert [e["id"] for e in log] == [two, one]
    oldest = log[-1]
    assert (
        oldest["file"],
        oldest["sha256"],
        oldest["department"],
        oldest["new"],
        oldest["changed"],
    ) == ("round1.ipdesk", sha256(first), "rjg", 1, 1)
    assert oldest["rows"] == 2


def test_undo_an_import_without_undoing_the_later_one(desk):
    first, (one, two) = two_imports(desk)
    i = desk.ids
    both = (report_of(desk.master, i), query(desk.master, VALUE, [i["rjg"]]))
    result = cli("undo-import", desk.master, str(one))
    assert result.returncode == 0, result.stderr
    # The value only import 1 wrote is gone (a tombstone: history keeps it).
    assert query(desk.master, VALUE, [i["rjg"]]) == [(100.0, 1)]
    # The report: import 2 changed percent again, so it stays; its problem text stays too.
    assert report_of(desk.master, i)[1:4] == (50.0, "起步", "资金不足")
    # …and the coordinator is offered import 1's "before" value for the field kept.
    listed = json.loads(cli("conflicts", desk.master, "--json").stdout)
    [offer] = [c for c in listed if c["origin"] == "undo"]
    assert (offer["field"], offer["master_value"], offer["incoming_value"]) == (
        "percent",
        50.0,
        10.0,
    )
    [entry] = [e for e in list_imports(desk.master_db()) if e["id"] == one]
    assert entry["undone_at"]
    assert all(e["undone_at"] is None for e in list_imports(desk.master_db()) if e["id"] == two)
    twice = cli("undo-import", desk.master, str(one))
    assert twice.returncode == 2 and "已" in twice.stderr and "撤销" in twice.stderr
    # Merging the undone file again takes it again, as if the undo had not happened.
    [again] = merge_files(desk.master, [first])
    assert again.result == "merged" and any("重新导入" in w for w in again.warnings)
    assert (report_of(desk.master, i), query(desk.master, VALUE, [i["rjg"]])) == both


def test_undo_of_the_latest_import_restores_the_state_before_it(desk):
    first, (one, two) = two_imports(desk)
    i = desk.ids
    undo_import(desk.master, two)
    assert report_of(desk.master, i)[1:4] == (40.0, "起步", "")
    assert query(desk.master, VALUE, [i["rjg"]]) == [(100.0, 0)]
    undo_import(desk.master, one)
    assert report_of(desk.master, i)[1:4] == (10.0, "起步", "")
    assert query(desk.master, VALUE, [i["rjg"]]) == [(100.0, 1)]
    with pytest.raises(NotAllowed):
        undo_import(desk.master, one)


def test_conflicts_and_resolve_on_the_command_line(desk):
    with_base_report(desk, status="in_progress", percent=10)
    i = desk.ids
    a = desk.issue("rjg", "a.ipdesk")
    b = desk.copy(a, "b.ipdesk")
    edit(a, "pc-a", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", progress="甲"))
    edit(b, "pc-b", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", progress="乙"))
    merge_files(
        desk.master,
        [
            desk.send(a, "sa.ipdesk", "pc-a", IPDESK_SITE_NAME="张敏的电脑"),
            desk.send(b, "sb.ipdesk", "pc-b"),
        ],
    )
    shown = cli("conflicts", desk.master)
    assert shown.returncode == 0 and "进展情况" in shown.stdout and "3.3.1" in shown.stdout
    [c] = json.loads(cli("conflicts", desk.master, "--json").stdout)
    assert {
        "id",
        "table",
        "row",
        "field",
        "master_value",
        "incoming_value",
        "master_site",
        "incoming_site",
        "master_time",
        "incoming_time",
        "department",
        "default_side",
        "default_value",
    } <= set(c)
    # PCs in words: the department and the name the PC's user gave it (or its number).
    assert (c["master_site"], c["incoming_site"], c["default_value"]) == (
        "软件谷 · 张敏的电脑",
        "软件谷 · 电脑 pc-b",
        "乙",
    )
    assert "T" not in c["incoming_time"] and len(c["incoming_time"]) == 16  # local, to the minute
    done = cli("resolve", desk.master, str(c["id"]), "--take", "master")
    assert done.returncode == 0, done.stderr
    assert report_of(desk.master, i)[2] == "甲"
    assert json.loads(cli("conflicts", desk.master, "--json").stdout) == []
    again = cli("resolve", desk.master, str(c["id"]), "--take", "incoming")
    assert again.returncode == 2 and "已处理" in again.stderr


def test_review_approve_locks_and_return_reopens_for_the_department(desk):
    i = desk.ids
    assert (
        cli(
            "review",
            desk.master,
            "--dept",
            "软件谷",
            "--period",
            "2025Q2",
            "--return",
            "请补充专利授权数据",
        ).returncode
        == 0
    )
    dept = desk.issue("rjg")
    assert query(
        dept,
        "SELECT state, reason FROM submissions WHERE department_id = ? AND period = '2025Q2'",
        [i["rjg"]],
    ) == [("returned", "请补充专利授权数据")]
    # Returned: the department can change the period again, and submits it.
    edit(
        dept,
        "rjg-pc",
        lambda db: (
            edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q2", progress="已补充数据"),
            edits.submit_period(db, i["rjg"], "2025Q2"),
        ),
    )
    merge_files(desk.master, [desk.send(dept, "s.ipdesk", "rjg-pc")])
    assert (
        cli("review", desk.master, "--dept", "软件谷", "--period", "2025Q2", "--approve").returncode
        == 0
    )
    # Approved: locked for everybody, the coordinator included.
    before = sha256(desk.master)
    locked = cli(
        "report", desk.master, "3.3.1", "--period", "2025Q2", "--dept", "软件谷", "--percent", "90"
    )
    assert locked.returncode == 2 and "已锁定" in locked.stderr
    assert sha256(desk.master) == before


def test_the_way_back_keeps_the_departments_unsent_edits(desk):
    i = desk.ids
    dept = desk.issue("rjg")
    # The department works: some of it sent, some not yet.
    edit(
        dept,
        "rjg-pc",
        lambda db: edits.save_report(
            db, i["3.3.1"], i["rjg"], "2025Q3", percent=30, progress="已送出的进展"
        ),
    )
    merge_files(desk.master, [desk.send(dept, "s1.ipdesk", "rjg-pc")])
    edit(
        dept,
        "rjg-pc",
        lambda db: (
            edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", problems="尚未报送的问题"),
            edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 66),
        ),
    )
    # Meanwhile the coordinator: reviews, changes the plan, merges 科技局's progress.
    kjj = desk.issue("kjj")
    edit(
        kjj,
        "kjj-pc",
        lambda db: edits.save_report(db, i["3.2.1"], i["kjj"], "2025Q3", progress="科技局的进展"),
    )
    merge_files(desk.master, [desk.send(kjj, "kjj-sent.ipdesk", "kjj-pc")])
    assert (
        cli(
            "review",
            desk.master,
            "--dept",
            "软件谷",
            "--period",
            "2025Q2",
            "--return",
            "数据不完整",
        ).returncode
        == 0
    )
    assert (
        cli("assign", desk.master, "3.6.2", "--lead", "区知识产权局", "--co", "软件谷").returncode
        == 0
    )
    fresh = desk.folder / "rjg-new.ipdesk"
    assert cli("issue", desk.master, "--dept", "软件谷", "-o", fresh).returncode == 0
    # The department merges the newly issued file into the file it works in.
    result = cli("merge", dept, fresh, "--json", site="rjg-pc")
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)
    assert report["result"] == "merged" and report["quarantined"] == 0
    assert report_of(dept, i)[1:4] == (30.0, "已送出的进展", "尚未报送的问题")  # unsent edit kept
    assert query(dept, VALUE, [i["rjg"]]) == [(66.0, 0)]
    assert query(
        dept,
        "SELECT state, reason FROM submissions WHERE department_id = ? AND period = '2025Q2'",
        [i["rjg"]],
    ) == [("returned", "数据不完整")]
    assert (
        query(
            dept, "SELECT progress FROM progress_reports WHERE department_id = ?", [i["kjj"]]
        ).count(("科技局的进展",))
        == 1
    )
    assert query(
        dept,
        "SELECT count(*) FROM assignments WHERE task_id = ? AND department_id = ? AND deleted = 0",
        [i["3.6.2"], i["rjg"]],
    ) == [(1,)]
    # The new assignment is usable at once, and the unsent edits reach the master next time.
    edit(
        dept, "rjg-pc", lambda db: edits.save_report(db, i["3.6.2"], i["rjg"], "2025Q3", percent=5)
    )
    [back] = merge_files(desk.master, [desk.send(dept, "s2.ipdesk", "rjg-pc")])
    assert (back.result, back.conflicts, back.quarantined) == ("merged", 0, 0)
    assert report_of(desk.master, i)[3] == "尚未报送的问题"
    assert report_of(desk.master, i, "3.6.2")[1] == 5.0
    assert query(desk.master, VALUE, [i["rjg"]]) == [(66.0, 0)]
    # Merging the same issued file again, or an older one, changes nothing.
    assert (
        json.loads(cli("merge", dept, fresh, "--json", site="rjg-pc").stdout)[0]["result"]
        == "already merged"
    )


def test_an_older_issued_file_does_not_roll_the_plan_back(desk):
    i = desk.ids
    old = desk.issue("rjg", "old.ipdesk")
    assert (
        cli("assign", desk.master, "3.6.2", "--lead", "区知识产权局", "--co", "软件谷").returncode
        == 0
    )
    dept = desk.issue("rjg", "current.ipdesk")
    [report] = merge_files(dept, [old])
    assert report.result == "already merged"
    assert query(
        dept,
        "SELECT count(*) FROM assignments WHERE task_id = ? AND department_id = ? AND deleted = 0",
        [i["3.6.2"], i["rjg"]],
    ) == [(1,)]


def test_a_second_pc_of_the_department_merges_the_first_pcs_sent_file(desk):
    i = desk.ids
    a = desk.issue("rjg", "a.ipdesk")
    b = desk.copy(a, "b.ipdesk")
    edit(a, "pc-a", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], "2025Q3", percent=70))
    edit(b, "pc-b", lambda db: edits.save_value(db, i["i2.2.1"], i["rjg"], "2025Q3", 12))
    result = cli("merge", b, desk.send(a, "from-a.ipdesk", "pc-a"), "--json", site="pc-b")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["new"] == 1
    assert report_of(b, i)[1] == 70.0 and query(b, VALUE, [i["rjg"]]) == [(12.0, 0)]
