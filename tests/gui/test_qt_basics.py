"""Qt itself, as IPDesk relies on it: the pinned PySide6, void methods called in a
tight loop (PySide6 6.12 crashed on that), and the worker pool."""

from __future__ import annotations

import threading

import PySide6
from PySide6.QtWidgets import QLabel

from ipdesk.gui.workers import Cancelled, Jobs


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
    seen: list[tuple[int, int, str]] = []
    results: list[object] = []
    main = threading.get_ident()
    threads: list[int] = []

    def work(progress, cancel):
        threads.append(threading.get_ident())
        for n in range(3):
            progress(n + 1, 3, f"第 {n + 1} 步")
        return "完成"

    job = jobs.start(work, on_done=results.append)
    job.signals.progress.connect(lambda d, t, text: seen.append((d, t, text)))
    qtbot.waitUntil(lambda: results == ["完成"], timeout=3000)
    assert threads and threads[0] != main
    assert jobs.running == []


def test_cancelled_job_reports_cancelled_not_done(qtbot):
    jobs = Jobs()
    started = threading.Event()
    results: list[object] = []

    def work(progress, cancel):
        started.set()
        while not cancel():
            pass
        raise Cancelled()

    job = jobs.start(work, on_done=results.append)
    started.wait(2)
    with qtbot.waitSignal(job.signals.cancelled, timeout=3000):
        job.cancel()
    assert results == []


def test_failed_job_calls_its_failure_handler(qtbot):
    jobs = Jobs()
    failures: list[str] = []

    def work(progress, cancel):
        raise OSError(28, "No space left on device", "out.ipdesk")

    jobs.start(work, on_failed=lambda exc, details: failures.append(details))
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert "No space left" in failures[0]
