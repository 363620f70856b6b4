"""Qt itself, as IPDesk relies on it: the pinned PySide6, void methods called in a
tight loop (PySide6 6.12 crashed on that), and the window's one runner of long work."""

from __future__ import annotations

import threading

import PySide6
from PySide6.QtWidgets import QLabel

from ipdesk.gui.workers import Jobs
from ipdesk.work import Cancelled


def test_pinned_pyside6():
    assert PySide6.__version__ == "6.11.3"


def test_void_method_called_ten_thousand_times(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for n in range(10_000):
        label.setToolTip(f"提示 {n}")
    assert label.toolTip() == "提示 9999"


def test_job_reports_progress_and_result_on_the_gui_thread(qtbot):
    jobs = Jobs()
    seen: list[tuple[int, int, str, int]] = []
    results: list[tuple[object, int]] = []
    main = threading.get_ident()
    threads: list[int] = []
    release = threading.Event()

    def work(progress, cancel):
        release.wait(5)  # the progress slot is connected before the first report
        threads.append(threading.get_ident())
        for n in range(3):
            progress(n + 1, 3, f"第 {n + 1} 步")
        return "完成"

    job = jobs.start(work, on_done=lambda r: results.append((r, threading.get_ident())))
    job.signals.progress.connect(
        lambda d, t, text: seen.append((d, t, text, threading.get_ident()))
    )
    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    assert threads and threads[0] != main
    assert results == [("完成", main)]
    assert [s[:3] for s in seen] == [(1, 3, "第 1 步"), (2, 3, "第 2 步"), (3, 3, "第 3 步")]
    assert {s[3] for s in seen} == {main}
    assert jobs.running == []


def test_cancelled_job_hands_back_what_it_finished(qtbot):
    jobs = Jobs()
    started = threading.Event()
    results: list[object] = []
    stopped: list[object] = []

    def work(progress, cancel):
        done = []
        started.set()
        for n in range(1000):
            cancel.check(finished=done)
            done.append(n)
            threading.Event().wait(0.01)
        return done

    job = jobs.start(work, on_done=results.append, on_cancelled=stopped.append)
    assert started.wait(2)
    with qtbot.waitSignal(job.signals.cancelled, timeout=3000):
        job.cancel()
    qtbot.waitUntil(lambda: bool(stopped), timeout=3000)
    assert results == []
    assert stopped[0] and stopped[0] == list(range(len(stopped[0])))
    assert jobs.running == []


def test_cancelled_is_not_a_failure(qtbot):
    jobs = Jobs()
    failures: list[object] = []
    stopped: list[object] = []

    def work(progress, cancel):
        raise Cancelled()

    jobs.start(
        work, on_failed=lambda exc, details: failures.append(exc), on_cancelled=stopped.append
    )
    qtbot.waitUntil(lambda: bool(stopped), timeout=3000)
    assert stopped == [None] and failures == []


def test_failed_job_calls_its_failure_handler(qtbot):
    jobs = Jobs()
    failures: list[str] = []

    def work(progress, cancel):
        raise OSError(28, "No space left on device", "out.ipdesk")

    jobs.start(work, on_failed=lambda exc, details: failures.append(details))
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert "No space left" in failures[0]
