"""The `ipdesk` command as a user runs it (DESIGN.md §8)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from tests.core.helpers import run_cli, sha256

TODAY = {"IPDESK_TODAY": "2025-08-20"}


def dump(path) -> dict:
    result = run_cli("dump", path, env=TODAY)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_new_with_demo_makes_a_living_master(tmp_path):
    path = tmp_path / "demo.ipdesk"
    result = run_cli("new", path, "--demo", env=TODAY)
    assert result.returncode == 0, result.stderr
    data = dump(path)
    assert data["file_meta"][0]["role"] == "master"
    assert len(data["tasks"]) == 50 and len(data["indicators"]) == 25
    reported_by = {r["department"] for r in data["progress_reports"]}
    assert len(reported_by) >= 10
    periods = {r["period"] for r in data["progress_reports"]}
    assert min(periods) == "2023Q4" and max(periods) == "2025Q2"
    assert {"green", "yellow", "red"} <= {i["warning"] for i in data["indicators"]}
    assert any(t["status"] == "done" for t in data["tasks"])
    assert data["evidence"]


def test_new_refuses_an_existing_file(master):
    before = sha256(master)
    result = run_cli("new", master)
    assert result.returncode == 2
    assert "已存在" in result.stderr
    assert sha256(master) == before


def test_new_empty_plan(tmp_path):
    path = tmp_path / "empty.ipdesk"
    assert run_cli("new", path, "--empty").returncode == 0
    data = dump(path)
    assert data["tasks"] == [] and len(data["departments"]) == 1


def test_dump_has_the_documented_keys_and_fields(master):
    data = dump(master)
    for key in (
        "file_meta",
        "plan",
        "phases",
        "departments",
        "tasks",
        "milestones",
        "indicators",
        "indicator_values",
        "progress_reports",
        "evidence",
        "conflicts",
        "quarantine",
        "imports",
    ):
        assert isinstance(data[key], list), key
    task = next(t for t in data["tasks"] if t["code"] == "3.1.1.2")
    assert {"code", "title", "text", "parent", "lead", "co", "start", "due"} <= set(task)
    assert task["parent"] == "3.1.1"
    assert task["text"].startswith("继续将知识产权工作纳入重要议事日程")
    indicator = next(i for i in data["indicators"] if i["code"] == "2.2.1")
    assert {
        "code",
        "name",
        "unit",
        "target",
        "comparator",
        "kind",
        "current",
        "expected",
        "warning",
    } <= set(indicator)
    assert (indicator["target"], indicator["unit"], indicator["kind"]) == (8500, "件", "cumulative")
    phases = {p["code"]: (p["start"], p["end"]) for p in data["phases"]}
    assert phases == {
        "4.1": ("2023-11-01", "2023-12-31"),
        "4.2": ("2024-01-01", "2025-12-31"),
        "4.3": ("2026-01-01", "2026-06-30"),
    }


def test_info_json(master):
    result = run_cli("info", master, "--json")
    assert result.returncode == 0
    info = json.loads(result.stdout)
    assert info["role"] == "master" and info["counts"]["tasks"] == 50
    from ipdesk.store.schema import schema_version

    assert info["schema_version"] == schema_version()


def test_times_read_as_local_minutes_where_people_read_them(master):
    """`info` shows when the file was issued in the reader's local time, to the minute
    (a liaison in Nanjing reads 08:00, not "2026-…T00:00:00+00:00")."""
    from ipdesk.store import clock

    issued = json.loads(run_cli("info", master, "--json").stdout)["issued_at"]
    shown = run_cli("info", master, env={"TZ": "Asia/Shanghai"}).stdout
    assert "T" in issued and issued not in shown
    moment = datetime.fromisoformat(issued).astimezone(timezone(timedelta(hours=8)))
    assert moment.strftime("%Y-%m-%d %H:%M") in shown
    assert clock.local_text("2026-11-28T00:00:00+00:00") == (
        clock.local_text("2026-11-28T08:00:00+08:00")
    )
    assert clock.local_text("not a time") == "not a time" and clock.local_text(None) == ""


def test_check_passes_a_sound_file(master):
    result = run_cli("check", master)
    assert result.returncode == 0 and "sound" in result.stdout


@pytest.mark.slow
def test_report_value_attach_submit_roundtrip(master, tmp_path):
    evidence = tmp_path / "认定文件.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    steps = [
        (
            "report",
            master,
            "三（二）1",
            "--period",
            "2025Q2",
            "--dept",
            "科技局",
            "--status",
            "推进中",
            "--percent",
            "60",
            "--progress",
            "本季度新增示范中心1家",
            "--problems",
            "无",
            "--next",
            "继续培育",
        ),
        (
            "value",
            master,
            "专利授权量",
            "--period",
            "2025Q1",
            "--value",
            "412",
            "--dept",
            "区知识产权局",
        ),
        (
            "value",
            master,
            "专利授权量",
            "--period",
            "2025Q2",
            "--value",
            "300",
            "--dept",
            "区知识产权局",
        ),
        ("attach", master, "3.2.1", evidence, "--period", "2025Q2", "--dept", "科技局"),
        ("submit", master, "--period", "2025Q2", "--dept", "科技局"),
    ]
    for step in steps:
        result = run_cli(*step, env=TODAY)
        assert result.returncode == 0, (step, result.stderr)
    data = dump(master)
    report = next(r for r in data["progress_reports"] if r["task"] == "3.2.1")
    assert (report["department"], report["period"], report["status"], report["percent"]) == (
        "kjj",
        "2025Q2",
        "in_progress",
        60,
    )
    assert report["progress"] == "本季度新增示范中心1家" and report["next"] == "继续培育"
    assert report["state"] == "submitted"
    patents = next(i for i in data["indicators"] if i["code"] == "2.2.1")
    assert patents["current"] == 712
    assert [e["file_name"] for e in data["evidence"]] == ["认定文件.pdf"]
    # Once approved, the period is locked, for the coordinator too.
    assert (
        run_cli(
            "review", master, "--dept", "科技局", "--period", "2025Q2", "--approve", env=TODAY
        ).returncode
        == 0
    )
    before = sha256(master)
    result = run_cli(
        "report",
        master,
        "3.2.1",
        "--period",
        "2025Q2",
        "--dept",
        "科技局",
        "--percent",
        "70",
        env=TODAY,
    )
    assert result.returncode == 2 and "已锁定" in result.stderr
    assert sha256(master) == before


def test_cumulative_value_cannot_be_negative_and_nothing_changes(master):
    before = sha256(master)
    result = run_cli(
        "value",
        master,
        "专利授权量",
        "--period",
        "2025Q1",
        "--value",
        "-5",
        "--dept",
        "区知识产权局",
        env=TODAY,
    )
    assert result.returncode == 2
    assert "负" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sha256(master) == before


@pytest.mark.parametrize(
    "args,words",
    [
        (("report", "专利", "--period", "2025Q1", "--dept", "科技局"), ["多个任务", "3.2.1"]),
        (("report", "不存在的任务", "--period", "2025Q1", "--dept", "科技局"), ["找不到任务"]),
        (("report", "3.2.1", "--period", "2025Q1", "--dept", "街道"), ["多个单位", "雨花街道"]),
        (("value", "人才", "--period", "2025Q1", "--value", "1", "--dept", "人社局"), ["多个指标"]),
        (("report", "3.2.1", "--period", "2025-13", "--dept", "科技局"), ["格式不对"]),
        (("report", "3.2.1", "--period", "2025-03", "--dept", "科技局"), ["季度"]),
        (("report", "3.2.1", "--period", "2027Q1", "--dept", "科技局"), ["不在计划期内"]),
        (("report", "3.2.1", "--period", "2025Q4", "--dept", "科技局"), ["尚未开始"]),
        (
            ("report", "3.2.1", "--period", "2025Q1", "--dept", "科技局", "--percent", "120"),
            ["0 到 100"],
        ),
        (("report", "3.2.1", "--period", "2025Q1"), ["--dept"]),
        (
            ("value", "2.4.1", "--period", "2025Q1", "--value", "2", "--dept", "区知识产权局"),
            ["1（是）"],
        ),
    ],
)
def test_refused_input_exits_2_with_candidates_and_changes_nothing(master, args, words):
    before = sha256(master)
    command, *rest = args
    result = run_cli(command, master, *rest, env=TODAY)
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    for word in words:
        assert word in result.stderr
    assert sha256(master) == before


def test_dept_list_add_rename(master):
    result = run_cli(
        "dept", "add", master, "kxj", "区科学技术协会", "--short", "区科协", "--contact", "李明"
    )
    assert result.returncode == 0, result.stderr
    result = run_cli("dept", "rename", master, "区科协", "--phone", "025-52400000")
    assert result.returncode == 0, result.stderr
    listed = json.loads(run_cli("dept", "list", master, "--json").stdout)
    row = next(d for d in listed if d["code"] == "kxj")
    assert (row["short_name"], row["contact_name"], row["contact_phone"]) == (
        "区科协",
        "李明",
        "025-52400000",
    )
    clash = run_cli("dept", "add", master, "kjj2", "别的名字", "--short", "区科技局")
    assert clash.returncode == 2 and "已有单位" in clash.stderr


def test_assign_replaces_lead_and_co(master):
    result = run_cli(
        "assign", master, "3.2.1", "--lead", "科技局", "--co", "软件谷", "--co", "区知识产权局"
    )
    assert result.returncode == 0, result.stderr
    task = next(t for t in dump(master)["tasks"] if t["code"] == "3.2.1")
    assert task["lead"] == ["kjj"]
    assert sorted(task["co"]) == sorted(["rjg", "zscqj"])
    both = run_cli("assign", master, "3.2.1", "--lead", "科技局", "--co", "科技局")
    assert both.returncode == 2


def test_strict_target_more_than_130(master):
    """新增…专业人才超过130人: 130 reported in total is not the target met; 131 is."""
    env = {"IPDESK_TODAY": "2026-03-01"}
    for period, value in (("2024Q4", 60), ("2025Q4", 70)):
        assert (
            run_cli(
                "value",
                master,
                "2.6.1",
                "--period",
                period,
                "--value",
                str(value),
                "--dept",
                "区知识产权局",
                env=env,
            ).returncode
            == 0
        )
    talent = next(i for i in dump_on(master, env) if i["code"] == "2.6.1")
    assert talent["current"] == 130 and talent["comparator"] == ">"
    assert talent["warning"] != "green"
    assert (
        run_cli(
            "value",
            master,
            "2.6.1",
            "--period",
            "2025Q4",
            "--value",
            "71",
            "--dept",
            "区知识产权局",
            env=env,
        ).returncode
        == 0
    )
    talent = next(i for i in dump_on(master, env) if i["code"] == "2.6.1")
    assert talent["current"] == 131 and talent["warning"] == "green"


def dump_on(path, env):
    result = run_cli("dump", path, env=env)
    return json.loads(result.stdout)["indicators"]


def test_history_records_every_revision(master):
    for percent in ("10", "20", "30"):
        assert (
            run_cli(
                "report",
                master,
                "3.2.1",
                "--period",
                "2025Q1",
                "--dept",
                "科技局",
                "--percent",
                percent,
                env=TODAY,
            ).returncode
            == 0
        )
    conn = sqlite3.connect(master)
    revs = conn.execute(
        "SELECT rev_id, parent_rev_id, json_extract(data, '$.percent') FROM row_history"
        " WHERE tbl = 'progress_reports' ORDER BY hlc"
    ).fetchall()
    assert [r[2] for r in revs] == [10.0, 20.0, 30.0]
    assert revs[1][1] == revs[0][0] and revs[2][1] == revs[1][0]
    current = conn.execute("SELECT rev_id FROM progress_reports").fetchone()[0]
    assert current == revs[2][0]


def test_plan_reporting_settings_change_and_guard(master, monkeypatch):
    """The coordinator may switch an unused plan to monthly reporting and change the
    deadline; once anything is reported by quarter, switching is refused unchanged."""
    from ipdesk.errors import BadInput
    from ipdesk.read.plan import plan_info
    from ipdesk.store import edits
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_department, find_task

    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    db = open_plan(master)
    edits.update_plan(db, reporting="monthly", deadline_days=10, tolerance=0.9)
    info = plan_info(db)
    assert (info.period_kind, info.deadline_days, info.tolerance) == ("month", 10, 0.9)
    # July closed on 07-31 and its 10 days ran out on 08-10, so August is the one to fill.
    assert str(info.current_period()) == "2025-08"
    edits.update_plan(db, reporting="quarterly", deadline_days=5)
    task, dept = find_task(db, "3.2.1"), find_department(db, "科技局")
    edits.save_report(db, task.id, dept.id, "2025Q2", percent=10)
    with pytest.raises(BadInput) as err:
        edits.update_plan(db, reporting="monthly")
    assert "不能再改变报送周期" in err.value.message_zh
    assert plan_info(db).period_kind == "quarter"
    with pytest.raises(BadInput):
        edits.update_plan(db, deadline_days=99)
    db.close()
