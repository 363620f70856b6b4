"""The coordinator's review loop (issue #12), core and command line: undo that can be
undone, drafts that never win over submitted reports, one department at a time, the
preview row by row, conflicts in bulk, backups within reach."""

from __future__ import annotations

import json
import shutil

from ipdesk.merge.engine import merge_files
from ipdesk.merge.undo import undo_import
from ipdesk.store import edits
from tests.core.helpers import run_cli
from tests.merge.helpers import edit, query, sha256

PERIOD = "2025Q3"
REPORT = (
    "SELECT status, percent, progress, problems, next_steps, deleted FROM progress_reports"
    " WHERE task_id = ? AND department_id = ? AND period = ?"
)
VALUE = (
    "SELECT value, note, deleted FROM indicator_values"
    " WHERE indicator_id = ? AND department_id = ? AND period = ?"
)


def department_rows(path, i):
    return (
        query(path, REPORT, [i["3.3.1"], i["rjg"], PERIOD]),
        query(path, VALUE, [i["i2.2.1"], i["rjg"], PERIOD]),
    )


def one_send(desk, name="s1.ipdesk", **report):
    working = desk.issue("rjg")
    i = desk.ids

    def fill(db):
        edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, **(report or {"percent": 40}))
        edits.save_value(db, i["i2.2.1"], i["rjg"], PERIOD, 12)

    edit(working, "rjg-pc", fill)
    return working, desk.send(working, name, "rjg-pc"), i


# ------------------------------------------------------------------ undo is reversible


def test_undo_then_the_same_file_again_equals_merging_it_once(desk):
    _, sent, i = one_send(desk, percent=40, progress="走访企业12家")
    once = desk.folder / "once.ipdesk"
    shutil.copyfile(desk.master, once)
    [a] = merge_files(once, [sent])
    assert a.result == "merged"
    [first] = merge_files(desk.master, [sent])
    undo_import(desk.master, first.import_id)
    assert department_rows(desk.master, i) != department_rows(once, i)
    [again] = merge_files(desk.master, [sent])
    assert again.result == "merged" and any("重新导入" in w for w in again.warnings)
    assert department_rows(desk.master, i) == department_rows(once, i)
    # The undo's own record stays in the log, beside the new import.
    log = json.loads(run_cli("imports", desk.master, "--json").stdout)
    assert [e["undone_at"] is not None for e in log] == [False, True]


def test_undo_then_a_newer_file_applies_as_if_the_undo_never_happened(desk):
    working, sent, i = one_send(desk, percent=40, progress="走访企业12家")
    [first] = merge_files(desk.master, [sent])
    undo_import(desk.master, first.import_id)
    # The department goes on in the same file and sends again.
    edit(
        working,
        "rjg-pc",
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, problems="人手不足"),
    )
    newer = desk.send(working, "s2.ipdesk", "rjg-pc")
    [report] = merge_files(desk.master, [newer])
    assert report.result == "merged", report.reason
    status, percent, progress, problems, _, deleted = query(
        desk.master, REPORT, [i["3.3.1"], i["rjg"], PERIOD]
    )[0]
    assert (percent, progress, problems, deleted) == (40.0, "走访企业12家", "人手不足", 0)
    assert query(desk.master, VALUE, [i["i2.2.1"], i["rjg"], PERIOD]) == [(12.0, "", 0)]


def test_an_undone_import_is_imported_again_from_the_log(desk):
    _, sent, i = one_send(desk)
    [first] = merge_files(desk.master, [sent])
    after_merge = department_rows(desk.master, i)
    assert run_cli("undo-import", desk.master, str(first.import_id)).returncode == 0
    sent.unlink()  # the USB stick is long gone: the master kept its own copy
    result = run_cli("reimport", desk.master, str(first.import_id))
    assert result.returncode == 0, result.stderr
    assert "s1.ipdesk" in result.stdout
    assert department_rows(desk.master, i) == after_merge
    # Taking it a second time changes nothing: it is merged (and not undone) now.
    again = run_cli("reimport", desk.master, str(first.import_id))
    assert again.returncode == 0 and "合并过" in again.stdout
    assert department_rows(desk.master, i) == after_merge


def test_a_backup_is_restored_as_the_master_after_the_master_is_backed_up(desk):
    _, sent, i = one_send(desk)
    before_merge = sha256(desk.master)
    merge_files(desk.master, [sent])
    merged = department_rows(desk.master, i)
    listed = json.loads(run_cli("backups", desk.master, "--json").stdout)
    [backup] = [b for b in listed if b["label"] == "before-merge"]
    assert sha256(backup["path"]) != "" and backup["size"] > 0
    result = run_cli("restore", desk.master, backup["path"])
    assert result.returncode == 0, result.stderr
    assert department_rows(desk.master, i) != merged
    assert query(desk.master, "SELECT count(*) FROM imports") == [(0,)]
    # The master as it was went to the backups first, so the restore can be taken back.
    listed = json.loads(run_cli("backups", desk.master, "--json").stdout)
    [saved] = [b for b in listed if b["label"] == "before-restore"]
    assert department_rows(saved["path"], i) == merged
    assert run_cli("restore", desk.master, saved["path"]).returncode == 0
    assert department_rows(desk.master, i) == merged
    assert sha256(desk.master) != before_merge


def test_a_backup_of_another_plan_is_not_restored(desk, tmp_path_factory):
    from tests.masters import made

    other = desk.folder / "other.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "plain"), other)
    before = sha256(desk.master)
    result = run_cli("restore", desk.master, other)
    assert result.returncode == 2 and "不是本总表的备份" in result.stderr
    assert sha256(desk.master) == before


# ------------------------------------------------------------------ drafts are drafts


def submitted_and_draft(desk):
    """PC A submits 2025Q3; PC B, a copy of the same file, edits the same report and
    sends without submitting."""
    i = desk.ids
    a = desk.issue("rjg", "a.ipdesk")
    b = desk.copy(a, "b.ipdesk")

    def submit(db):
        edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, percent=60, progress="已提交的进展")
        edits.submit_period(db, i["rjg"], PERIOD)

    edit(a, "pc-a", submit)
    edit(
        b,
        "pc-b",
        lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, percent=90, progress="草稿"),
        IPDESK_FAKE_NOW="2030-01-01T09:00:00+08:00",  # later by the clock, still a draft
    )
    return desk.send(a, "sa.ipdesk", "pc-a"), desk.send(b, "sb.ipdesk", "pc-b"), i


def test_a_draft_never_wins_over_a_submitted_report_in_either_order(desk):
    sa, sb, i = submitted_and_draft(desk)
    other = desk.folder / "other.ipdesk"
    shutil.copyfile(desk.master, other)
    ab = merge_files(desk.master, [sa, sb])
    ba = merge_files(other, [sb, sa])
    for master, reports in ((desk.master, ab), (other, ba)):
        assert [r.result for r in reports] == ["merged", "merged"]
        row = query(master, REPORT, [i["3.3.1"], i["rjg"], PERIOD])[0]
        assert row[1:3] == (60.0, "已提交的进展")
        state = query(
            master,
            "SELECT state FROM submissions WHERE department_id = ? AND period = ?",
            [i["rjg"], PERIOD],
        )
        assert state == [("submitted",)]
        kept = {
            (f, v)
            for f, v, side in query(
                master, "SELECT field, incoming_value, default_side FROM conflicts"
            )
        } | {
            (f, v)
            for f, v, side in query(
                master, "SELECT field, master_value, default_side FROM conflicts"
            )
        }
        assert ("progress", "草稿") in kept and ("percent", 90.0) in kept
    [draft] = [r for r in ab if r.file.endswith("sb.ipdesk")]
    assert draft.drafts == [PERIOD]
    [submitted] = [r for r in ab if r.file.endswith("sa.ipdesk")]
    assert submitted.drafts == []


def test_a_draft_is_said_so_in_the_preview_and_when_sending(desk):
    i = desk.ids
    b = desk.issue("rjg", "b.ipdesk")
    edit(b, "pc-b", lambda db: edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, percent=10))
    out = desk.folder / "sb.ipdesk"
    sent = run_cli("send", b, "-o", out)
    assert sent.returncode == 0
    assert "尚未提交" in sent.stderr and PERIOD in sent.stderr
    shown = run_cli("merge", desk.master, out, "--dry-run")
    assert "草稿（未提交）" in shown.stdout and PERIOD in shown.stdout


def test_what_a_draft_adds_to_a_submitted_period_is_kept_aside(desk):
    i = desk.ids
    a = desk.issue("rjg", "a.ipdesk")
    b = desk.copy(a, "b.ipdesk")

    def submit(db):
        edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, percent=60)
        edits.submit_period(db, i["rjg"], PERIOD)

    edit(a, "pc-a", submit)
    edit(b, "pc-b", lambda db: edits.save_value(db, i["i2.2.1"], i["rjg"], PERIOD, 77))
    merge_files(desk.master, [desk.send(a, "sa.ipdesk", "pc-a")])
    [report] = merge_files(desk.master, [desk.send(b, "sb.ipdesk", "pc-b")])
    assert report.result == "merged" and report.quarantined == 1
    assert query(desk.master, VALUE, [i["i2.2.1"], i["rjg"], PERIOD]) == []
    assert query(desk.master, "SELECT reason_code FROM quarantine") == [("draft_after_submit",)]


# ------------------------------------------------------------------ see before you take


def test_the_preview_lists_the_rows_a_file_brings(desk):
    _, sent, i = one_send(desk, percent=40, progress="走访企业12家")
    before = sha256(desk.master)
    result = run_cli("merge", desk.master, sent, "--dry-run", "--json", "--rows")
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)
    assert sha256(desk.master) == before
    rows = {(r["table"], r["what"], r["field"]): r for r in report["rows"]}
    progress = rows[("progress_reports", "3.3.1", "progress")]
    assert (progress["new"], progress["status"], progress["period"]) == (
        "走访企业12家",
        "new",
        PERIOD,
    )
    assert progress["department"] == "软件谷" and progress["draft"] is True
    value = rows[("indicator_values", "2.2.1", "value")]
    assert (value["old"], value["new"]) == (None, 12.0)


# ------------------------------------------------------------------ conflicts in bulk


def test_conflicts_taken_in_bulk_by_file_and_by_department(desk):
    i = desk.ids
    db = desk.master_db()
    edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, percent=10, progress="起步")
    edits.save_value(db, i["i2.2.1"], i["rjg"], PERIOD, 1)
    db.close()
    a = desk.issue("rjg", "a.ipdesk")
    b = desk.copy(a, "b.ipdesk")

    def change(percent, value):
        def run(db):
            edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, percent=percent)
            edits.save_value(db, i["i2.2.1"], i["rjg"], PERIOD, value)

        return run

    edit(a, "pc-a", change(40, 4))
    edit(b, "pc-b", change(60, 6))
    ra, rb = merge_files(
        desk.master, [desk.send(a, "sa.ipdesk", "pc-a"), desk.send(b, "sb.ipdesk", "pc-b")]
    )
    assert rb.conflicts == 2
    took = run_cli("resolve", desk.master, "--import", str(rb.import_id), "--take", "master")
    assert took.returncode == 0 and "2" in took.stdout
    assert query(desk.master, REPORT, [i["3.3.1"], i["rjg"], PERIOD])[0][1] == 40.0
    assert query(desk.master, VALUE, [i["i2.2.1"], i["rjg"], PERIOD])[0][0] == 4.0
    assert query(desk.master, "SELECT count(*) FROM conflicts WHERE resolved_side IS NULL") == [
        (0,)
    ]
    none_left = run_cli("resolve", desk.master, "--dept", "软件谷", "--take", "incoming")
    assert none_left.returncode == 0 and "0" in none_left.stdout


# ------------------------------------------------------------------ one department at a time


def test_issue_two_chosen_departments_only(desk):
    folder = desk.folder / "out"
    keys_before = query(desk.master, "SELECT department_id, key_id FROM department_keys")
    result = run_cli("issue", desk.master, "--dept", "软件谷", "--dept", "区科技局", "-o", folder)
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in folder.iterdir())
    assert (
        len(made) == 2 and any("软件谷" in m for m in made) and any("区科技局" in m for m in made)
    )
    current = query(
        desk.master,
        "SELECT d.code FROM department_keys k JOIN departments d ON d.id = k.department_id"
        " WHERE k.retired_at IS NULL ORDER BY d.code",
    )
    assert current == [("kjj",), ("rjg",)]
    assert keys_before == []


# ------------------------------------------------------------------ the update file


def returned_with_update(desk, name="rjg-update.ipdesk"):
    """rjg submits 2025Q3 and keeps working on a draft of the next period; the
    coordinator returns the report and adds a milestone, then makes rjg's update file
    on the command line."""
    i = desk.ids
    working = desk.issue("rjg")

    def submit(db):
        edits.save_report(db, i["3.3.1"], i["rjg"], PERIOD, percent=60, progress="已提交的进展")
        edits.submit_period(db, i["rjg"], PERIOD)

    edit(working, "rjg-pc", submit)
    [merged] = merge_files(desk.master, [desk.send(working, "s.ipdesk", "rjg-pc")])
    assert merged.result == "merged"
    # Work the department has not sent yet (the period itself is locked while submitted).
    [(milestone,)] = query(
        working,
        "SELECT m.id FROM milestones m JOIN assignments a ON a.task_id = m.task_id"
        " WHERE a.department_id = ? AND m.deleted = 0 AND a.deleted = 0 LIMIT 1",
        [i["rjg"]],
    )
    edit(
        working,
        "rjg-pc",
        lambda db: edits.set_milestone_actual(
            db, milestone, i["rjg"], "2025-08-18", "未报送的记录"
        ),
    )

    def review(db):
        edits.review_period(db, i["rjg"], PERIOD, approve=False, reason="请补充走访企业名单。")
        edits.save_milestone(db, i["3.3.1"], "完成企业名单汇总", "2025-12-20")

    edit(desk.master, "master-pc", review)
    update = desk.folder / name
    result = run_cli("issue", desk.master, "--dept", "软件谷", "--update", "-o", update)
    assert result.returncode == 0, result.stderr
    return working, update, i


def test_a_returned_report_reaches_the_department_as_a_small_update_file(desk):
    working, update, i = returned_with_update(desk)
    own = (
        "SELECT 'r', task_id, period, percent, progress, hlc FROM progress_reports"
        " WHERE department_id = :d UNION ALL SELECT 'm', milestone_id, actual_date, note, '',"
        " hlc FROM milestone_actuals WHERE department_id = :d ORDER BY 1, 2, 3"
    )
    own_before = query(working, own, {"d": i["rjg"]})
    assert any(row[4] == "未报送的记录" or row[3] == "未报送的记录" for row in own_before)
    # Small: no reports, values, evidence or files of anyone.
    for table in ("progress_reports", "indicator_values", "evidence", "blobs"):
        assert query(update, f"SELECT count(*) FROM {table}") == [(0,)]
    result = run_cli("merge", working, update)
    assert result.returncode == 0, result.stderr
    assert "已合并" in result.stdout
    state = query(
        working,
        "SELECT state, reason FROM submissions WHERE department_id = ? AND period = ?",
        [i["rjg"], PERIOD],
    )
    assert state == [("returned", "请补充走访企业名单。")]
    assert query(
        working, "SELECT count(*) FROM milestones WHERE name = '完成企业名单汇总' AND deleted = 0"
    ) == [(1,)]
    # The department's own work, its draft of the next period too, is untouched.
    assert query(working, own, {"d": i["rjg"]}) == own_before
    # The department keeps its key: it can still send, and the master takes it.
    [again] = merge_files(desk.master, [desk.send(working, "s2.ipdesk", "rjg-pc")])
    assert again.result in ("merged", "already merged"), again.reason
    # Merged twice: said so; older than what the file has: refused in words.
    before = sha256(working)
    twice = run_cli("merge", working, update)
    assert "无需合并" in twice.stdout and "合并过" in twice.stdout and sha256(working) == before
    older, newer = desk.folder / "older.ipdesk", desk.folder / "newer.ipdesk"
    run_cli("issue", desk.master, "--dept", "rjg", "--update", "-o", older)
    edit(
        desk.master,
        "master-pc",
        lambda db: edits.save_milestone(db, i["3.3.1"], "召开推进会", "2025-11-30"),
    )
    run_cli("issue", desk.master, "--dept", "rjg", "--update", "-o", newer)
    [took] = merge_files(working, [newer])
    assert took.result == "merged"
    before = sha256(working)
    [old] = merge_files(working, [older])
    assert old.result == "refused" and "不比本文件已有的内容新" in old.reason
    assert sha256(working) == before


def test_an_update_file_for_another_department_or_forged_is_refused(desk):
    working, update, i = returned_with_update(desk)
    other = desk.folder / "kjj-update.ipdesk"
    run_cli("issue", desk.master, "--dept", "区科技局", "--update", "-o", other)
    before = sha256(working)
    [wrong] = merge_files(working, [other])
    assert wrong.result == "refused" and "区科技局" in wrong.reason and "不是本单位" in wrong.reason
    forged = desk.folder / "forged.ipdesk"
    shutil.copyfile(update, forged)
    edit(
        forged,
        "forger",
        lambda db: db.execute(
            "UPDATE submissions SET reason = '无需修改' WHERE department_id = ?", [i["rjg"]]
        ),
    )
    [refused] = merge_files(working, [forged])
    assert refused.result == "refused"
    assert sha256(working) == before
    # The master refuses an update file as it refuses an issued one.
    [at_master] = merge_files(desk.master, [update])
    assert at_master.result == "refused"


def test_update_takes_one_department(desk):
    result = run_cli(
        "issue",
        desk.master,
        "--dept",
        "软件谷",
        "--dept",
        "区科技局",
        "--update",
        "-o",
        desk.folder,
    )
    assert result.returncode != 0 and "--update" in result.stderr
