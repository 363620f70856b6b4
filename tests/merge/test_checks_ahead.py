"""The next files are checked while one is merged (ipdesk.merge.ahead): each is still
judged by the target as it is when its turn comes, nothing checked ahead is left on the
disk however the merge ends, and the import log keeps exactly the bytes merged."""

from __future__ import annotations

import shutil
import tempfile
import threading
from contextlib import closing
from dataclasses import replace

import pytest

from ipdesk.merge import engine
from ipdesk.merge.ahead import ChecksAhead
from ipdesk.merge.check import CheckedFile, MergeRefused, Target, check_incoming
from ipdesk.store import edits
from ipdesk.store.files import open_plan
from ipdesk.work import Cancelled, CancelToken
from tests.merge.helpers import edit, query, sha256


@pytest.fixture
def temp(tmp_path, monkeypatch):
    """The system's temporary folder, for this test alone."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def sent_by(desk, dept: str, task: str, percent: int) -> object:
    i = desk.ids
    working = desk.issue(dept)
    edit(
        working,
        f"{dept}-pc",
        lambda db: edits.save_report(db, i[task], i[dept], "2025Q3", percent=percent),
    )
    return desk.send(working, f"{dept}-sent.ipdesk", f"{dept}-pc")


def target_of(master) -> Target:
    db = open_plan(master)
    try:
        return Target.of(db)
    finally:
        db.close()


def test_a_file_checked_ahead_is_checked_again_when_the_target_changed(desk, temp):
    sent = sent_by(desk, "rjg", "3.3.1", 35)
    trusting = target_of(desk.master)
    keyless = replace(trusting, issued_keys={})  # the master knows no key of rjg's
    with closing(ChecksAhead([sent, sent, sent], desk.master)) as checks:
        first = checks.take(0, trusting)  # asks for files 1 and 2 against `trusting`
        checked, _, _ = checks.result(first)
        assert checked.department_id == desk.ids["rjg"]
        second = checks.take(1, keyless)
        with pytest.raises(MergeRefused) as refused:
            checks.result(second)
        assert refused.value.code == "wrong_key"
        # …and back: judged by the target as it is now, not as it was when asked for.
        third = checks.take(2, trusting)
        assert checks.result(third)[0].sha256 == sha256(sent)
        for check in (first, second, third):
            shutil.rmtree(check.workdir)
    assert list(temp.iterdir()) == []


def test_a_file_refused_ahead_is_taken_when_the_target_now_trusts_it(desk, temp):
    sent = sent_by(desk, "rjg", "3.3.1", 35)
    trusting = target_of(desk.master)
    keyless = replace(trusting, issued_keys={})
    with closing(ChecksAhead([sent, sent], desk.master)) as checks:
        shutil.rmtree(checks.take(0, keyless).workdir)  # asks for file 1 against `keyless`
        again = checks.take(1, trusting)
        assert checks.result(again)[0].department_id == desk.ids["rjg"]
        shutil.rmtree(again.workdir)


def test_many_files_merge_as_one_by_one_and_leave_nothing_behind(desk, temp):
    files = [
        sent_by(desk, "rjg", "3.3.1", 35),
        desk.folder / "not-a-plan.ipdesk",
        sent_by(desk, "kjj", "3.3.1", 40),
        desk.master,
    ]
    files[1].write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    files.append(files[0])  # the same file again
    reports = engine.merge_files(desk.master, files)
    assert [(r.result, r.code) for r in reports] == [
        ("merged", None),
        ("refused", "foreign_app"),
        ("merged", None),
        ("refused", "same_file"),
        ("already merged", None),
    ]
    i = desk.ids
    assert query(
        desk.master,
        "SELECT d.code, r.percent FROM progress_reports r JOIN departments d"
        " ON d.id = r.department_id WHERE r.task_id = ? AND r.period = '2025Q3'"
        " ORDER BY d.code",
        [i["3.3.1"]],
    ) == [("kjj", 40), ("rjg", 35)]
    assert list(temp.iterdir()) == []


def test_a_cancelled_merge_leaves_no_checked_copy_behind(desk, temp):
    files = [sent_by(desk, d, "3.3.1", 30 + n) for n, d in enumerate(("rjg", "kjj", "jrj"))]
    cancel = CancelToken()

    def progress(done: int, total: int, text: str) -> None:
        if done == 1:
            cancel.cancel()

    before = threading.active_count()
    with pytest.raises(Cancelled) as stopped:
        engine.merge_files(desk.master, files, progress=progress, cancel=cancel)
    # (asked to stop while the second was merged, with the third already checked)
    assert [r.result for r in stopped.value.finished] == ["merged", "merged"]
    assert list(temp.iterdir()) == []
    assert threading.active_count() == before  # the checking thread is gone too


def test_a_failing_merge_leaves_no_checked_copy_behind(desk, temp, monkeypatch):
    files = [sent_by(desk, d, "3.3.1", 30 + n) for n, d in enumerate(("rjg", "kjj", "jrj"))]
    merge_one = engine._merge_one

    def fail_second(conn, target, checked, report, target_path, dry_run):
        if checked.department_id == desk.ids["kjj"]:
            raise RuntimeError("disk gone")
        merge_one(conn, target, checked, report, target_path, dry_run)

    monkeypatch.setattr(engine, "_merge_one", fail_second)
    with pytest.raises(RuntimeError, match="disk gone"):
        engine.merge_files(desk.master, files)
    assert list(temp.iterdir()) == []
    assert len(list(engine.copies_folder(desk.master).iterdir())) == 1  # rjg's, merged


def test_the_import_log_keeps_the_bytes_that_were_merged(desk, tmp_path):
    sent = sent_by(desk, "rjg", "3.3.1", 35)
    work = tmp_path / "work"
    work.mkdir()
    checked = check_incoming(target_of(desk.master), sent, work)
    merged_bytes = checked.copy.read_bytes()
    sent.write_bytes(b"changed on the USB stick after it was checked")
    kept = engine.keep_copy(desk.master, checked)
    assert kept is not None and kept.read_bytes() == merged_bytes
    assert sha256(kept) == checked.sha256
    assert not checked.copy.exists()  # moved, not copied


def test_a_checked_copy_altered_since_is_not_kept(desk, tmp_path):
    sent = sent_by(desk, "rjg", "3.3.1", 35)
    work = tmp_path / "work"
    work.mkdir()
    checked: CheckedFile = check_incoming(target_of(desk.master), sent, work)
    with open(checked.copy, "r+b") as f:
        f.seek(100)
        f.write(b"\xff")
    assert engine.keep_copy(desk.master, checked) is None
    assert not engine.copies_folder(desk.master).joinpath(f"{checked.sha256}.ipdesk").exists()


def test_the_writes_wait_for_the_checks_asked_for(desk, temp):
    files = [sent_by(desk, d, "3.3.1", 30 + n) for n, d in enumerate(("rjg", "kjj", "jrj"))]
    with closing(ChecksAhead(files, desk.master)) as checks:
        first = checks.take(0, target_of(desk.master))  # asks for all three
        checks.settle()
        assert all(check.future.done() for check in checks._asked.values())
        assert len(checks._asked) == 2
        shutil.rmtree(first.workdir)


def test_a_target_without_a_plan_judges_no_rows(desk, temp):
    sent = sent_by(desk, "rjg", "3.3.1", 35)
    planless = replace(target_of(desk.master), frame=None)
    with closing(ChecksAhead([sent], desk.master)) as checks:
        check = checks.take(0, planless)
        with pytest.raises(MergeRefused) as refused:
            checks.result(check)
        shutil.rmtree(check.workdir)
    assert refused.value.code == "damaged"
    assert "要合并到的文件没有计划" in str(refused.value)
