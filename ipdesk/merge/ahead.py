"""Checking the next incoming files ahead of the merge (ipdesk.merge.engine).

A check is mostly Python reading and hashing every row of a copy (its signature, and
the entry rules for the department's rows). The next files are checked, one at a time
on one helper thread, while the target's backup is written (most of a second for a
city's master, spent waiting for the disk), so a merge of many files no longer waits
for each check in turn; the merge's writes then wait for the checks asked for
(`settle`) rather than share the PC's two cores and Python's lock with them.

Nothing about the checks changes. Each is made against the `Target` the merge knew when
it asked for it; when the target has changed by the time the file's turn comes (merging
an issued file can change a department file's plan and keys), the file is checked again
against the target as it is then, so a file is always judged by what it merges into.
The checks run ahead by at most `AHEAD_FILES` files and `AHEAD_BYTES` bytes of copies,
each in its own temporary folder, removed once the file is done with or the merge stops.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from ipdesk.merge.check import CheckedFile, MergeRefused, Target, check_incoming, remove_tree

AHEAD_FILES = 64
AHEAD_BYTES = 256 << 20


@dataclass
class Check:
    """One incoming file's check: asked for against `target`, in `workdir`."""

    target: Target
    workdir: Path
    future: Future[tuple[CheckedFile, float]]


def _check(
    target: Target, path: Path, target_path: Path, workdir: Path
) -> tuple[CheckedFile, float]:
    """`check_incoming`, refusing the target itself first; with the seconds it took."""
    started = perf_counter()
    if path.resolve() == target_path.resolve():
        raise MergeRefused("same_file", path)
    return check_incoming(target, path, workdir), perf_counter() - started


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # (its check says what is wrong with it)


class ChecksAhead:
    """The checks of `paths`, in order, run ahead of the merge on one helper thread.

    Closed when the merge ends, however it ends (`contextlib.closing`).
    """

    def __init__(self, paths: list[Path], target_path: Path) -> None:
        self._paths = paths
        self._target_path = target_path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ipdesk-check")
        self._asked: dict[int, Check] = {}

    def close(self) -> None:
        """Stop the checks not started, wait for the one running and remove every
        folder not handed out by `take`."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        for check in self._asked.values():
            remove_tree(check.workdir)
        self._asked.clear()

    def take(self, n: int, target: Target) -> Check:
        """File `n`'s check, made against `target` (the next files' checks are asked
        for first). The caller now owns its folder and removes it; `result(check)`
        waits for the checked file."""
        self._ask(n, target)
        budget = AHEAD_BYTES
        for k in range(n + 1, min(n + 1 + AHEAD_FILES, len(self._paths))):
            budget -= _size(self._paths[k])
            if budget < 0:
                break
            self._ask(k, target)
        check = self._asked.pop(n)
        if check.target != target:
            # The target changed since: judged again by what it is now.
            check.future.cancel()
            wait([check.future])
            remove_tree(check.workdir)
            check = self._start(n, target, run_here=True)
        return check

    def _ask(self, n: int, target: Target) -> None:
        if n not in self._asked:
            self._asked[n] = self._start(n, target)

    def _start(self, n: int, target: Target, *, run_here: bool = False) -> Check:
        path = self._paths[n]
        workdir = Path(tempfile.mkdtemp(prefix="ipdesk-merge-"))
        try:
            if run_here:
                future: Future[tuple[CheckedFile, float]] = Future()
                try:
                    future.set_result(_check(target, path, self._target_path, workdir))
                except Exception as exc:  # (raised again by `result`, as the helper's are)
                    future.set_exception(exc)
            else:
                future = self._pool.submit(_check, target, path, self._target_path, workdir)
        except BaseException:
            remove_tree(workdir)
            raise
        return Check(target, workdir, future)

    def settle(self) -> None:
        """Wait until the checks asked for so far are done. The merge calls it before
        each file's writes, so that the checks overlap the backup and the waits for the
        disk, not the writes: beside them the two share the PC's cores and Python's
        lock, and the writes ran a fifth slower."""
        wait([check.future for check in self._asked.values()])

    def result(self, check: Check) -> tuple[CheckedFile, float, float]:
        """The checked file, the seconds its check took and the seconds spent waiting
        for it here. Raises what the check raised (MergeRefused for a refused file)."""
        started = perf_counter()
        checked, seconds = check.future.result()
        return checked, seconds, perf_counter() - started
