"""A short round of bench/fuzz_merge.py (issue #9): 200 mutated department files,
each merged into a copy of the master. No traceback, no master changed by a refused
file, no accepted file whose rows differ from the sound file's. (The 10,000-file run
and its figures are in bench/README.md.)"""

from __future__ import annotations

import pytest

from bench.fuzz_merge import KINDS, fuzz


@pytest.mark.slow
def test_two_hundred_mutated_files_are_refused_or_merge_as_the_sound_one(tmp_path, monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", "2025-08-20")
    tally = fuzz(200, seed=20251128, folder=tmp_path)
    assert tally.failures == []
    refused = sum(v for (_, outcome), v in tally.counts.items() if outcome == "refused")
    accepted = sum(v for (_, outcome), v in tally.counts.items() if outcome == "accepted")
    assert refused + accepted == 200
    assert refused > 150  # most damage is caught; the rest lands in unused bytes
    assert {kind for kind, _ in tally.counts} == set(KINDS)
