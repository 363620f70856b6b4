#!/usr/bin/env python3
"""Fuzzing the merge with broken department files (issue #9). Run on purpose:

    .venv/bin/python bench/fuzz_merge.py [--files 10000] [--seed 1] [--keep DIR]

Makes a master (the built-in plan with demo progress) and one sound file that 软件谷
sent (a report, a value, an evidence file), merges the sound file into a copy to learn
what a sound merge gives, then merges N mutated copies of the sound file — bytes
flipped, the file cut short, bytes inserted, a page zeroed, header bytes changed — each
into a copy of the master, and counts:

  accepted   merged, and the master's rows equal those of the sound merge
             (a mutation in unused space changes nothing that matters);
  refused    refused with a message, the master byte for byte as before;
  failures   a traceback (any exception other than a refusal), a master changed by a
             refused file, or an accepted file whose rows differ from the sound one's.

Prints the counts per mutation kind and the time per file; exits 1 on any failure.
The test suite runs a short round (tests/attacks/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipdesk.store.schema import DEPARTMENT_TABLES  # noqa: E402

KINDS = ("flip", "cut", "insert", "zero_page", "header")


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    """One mutation of a file's bytes."""
    size = len(data)
    page = int.from_bytes(data[16:18], "big") or 4096
    page = 65536 if page == 1 else page
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(size)
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == "cut":
        return data[: rng.randrange(size)]
    if kind == "insert":
        at = rng.randrange(size)
        return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
    if kind == "zero_page":
        n = rng.randrange(max(1, size // page))
        return data[: n * page] + bytes(page) + data[(n + 1) * page :]
    if kind == "header":
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(100)] = rng.randrange(256)
        return bytes(out)
    raise ValueError(kind)


def department_rows(master: Path, department_id: str) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
    try:
        return {
            t: conn.execute(
                f"SELECT * FROM {t} WHERE department_id = ? ORDER BY id", [department_id]
            ).fetchall()
            for t in DEPARTMENT_TABLES
        }
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, kind: str, outcome: str, detail: str = "") -> None:
        self.counts[(kind, outcome)] += 1
        if outcome.startswith("failure"):
            self.failures.append(f"{kind}: {outcome}: {detail}")


def make_fixture(folder: Path) -> tuple[Path, Path, str]:
    """A master and a sound sent file of 软件谷 in `folder`; returns (master, sent,
    department id)."""
    from datetime import date

    from ipdesk.merge.issue import issue_department_file
    from ipdesk.merge.send import send_file
    from ipdesk.store import edits
    from ipdesk.store.files import open_plan
    from ipdesk.templates.build import create_master
    from ipdesk.templates.demo import add_demo_progress

    os.environ.setdefault("IPDESK_TODAY", "2025-08-20")
    master = folder / "master.ipdesk"
    db = create_master(master)
    add_demo_progress(db, today=date(2025, 8, 20))
    dept = db.execute("SELECT id FROM departments WHERE code = 'rjg'").fetchone()[0]
    task = db.execute(
        "SELECT task_id FROM assignments WHERE department_id = ? AND deleted = 0 LIMIT 1", [dept]
    ).fetchone()[0]
    indicator = db.execute(
        "SELECT indicator_id FROM indicator_departments WHERE department_id = ? LIMIT 1", [dept]
    ).fetchone()[0]
    working = folder / "working.ipdesk"
    issue_department_file(db, dept, working)
    db.close()
    evidence = folder / "认定文件.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence " * 200)
    db = open_plan(working)
    edits.save_report(db, task, dept, "2025Q3", percent=45, progress="本季度走访企业12家")
    edits.save_value(db, indicator, dept, "2025Q3", 12)
    edits.add_evidence(db, dept, evidence, task_id=task, period="2025Q3")
    sent = send_file(db, folder / "sent.ipdesk")
    db.close()
    return master, sent, dept


def fuzz(
    files: int,
    seed: int,
    folder: Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    from ipdesk.errors import IPDeskError
    from ipdesk.merge.engine import merge_files

    rng = random.Random(seed)
    master, sent, dept = make_fixture(folder)
    pristine = folder / "pristine.ipdesk"
    shutil.copyfile(master, pristine)
    reference = folder / "reference.ipdesk"
    shutil.copyfile(master, reference)
    [sound] = merge_files(reference, [sent])
    assert sound.result == "merged", sound.reason
    expected = department_rows(reference, dept)
    data = sent.read_bytes()
    work = folder / "work.ipdesk"
    shutil.copyfile(pristine, work)
    work_sha = sha(work)
    mutant = folder / "incoming.ipdesk"
    tally = Tally()
    for n in range(files):
        if progress:
            progress(n)
        kind = KINDS[n % len(KINDS)]
        mutant.write_bytes(mutate(data, kind, rng))
        try:
            [report] = merge_files(work, [mutant])
        except IPDeskError as exc:
            tally.add(kind, "failure: target refused", str(exc))
            continue
        except Exception:  # noqa: BLE001 — a traceback is exactly what we count
            tally.add(kind, "failure: traceback", traceback.format_exc(limit=3))
            shutil.copyfile(pristine, work)
            work_sha = sha(work)
            continue
        if report.result == "refused":
            if sha(work) != work_sha:
                tally.add(kind, "failure: master changed by a refused file", report.reason)
                shutil.copyfile(pristine, work)
                work_sha = sha(work)
            else:
                tally.add(kind, "refused")
            continue
        if department_rows(work, dept) != expected:
            tally.add(kind, "failure: accepted with other rows", report.reason)
        else:
            tally.add(kind, "accepted")
        shutil.copyfile(pristine, work)
        for suffix in ("-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
        shutil.rmtree(work.with_name("work.backups"), ignore_errors=True)
        work_sha = sha(work)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("IPDESK_CONFIG_DIR", str(folder / "config"))
    started = time.perf_counter()
    tally = fuzz(args.files, args.seed, folder)
    elapsed = time.perf_counter() - started
    print(
        f"fuzz_merge: {args.files} mutated files, seed {args.seed}, {elapsed:.0f} s"
        f" ({1000 * elapsed / max(1, args.files):.0f} ms a file)"
    )
    print(f"{'mutation':<10} {'accepted':>9} {'refused':>9} {'failures':>9}")
    for kind in KINDS:
        accepted = tally.counts[(kind, "accepted")]
        refused = tally.counts[(kind, "refused")]
        failed = sum(v for (k, o), v in tally.counts.items() if k == kind and o.startswith("fail"))
        print(f"{kind:<10} {accepted:>9} {refused:>9} {failed:>9}")
    totals = Counter()
    for (_, outcome), v in tally.counts.items():
        totals["failures" if outcome.startswith("fail") else outcome] += v
    print(f"{'total':<10} {totals['accepted']:>9} {totals['refused']:>9} {totals['failures']:>9}")
    for failure in tally.failures[:20]:
        print("FAILURE", failure)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
