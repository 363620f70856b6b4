"""Settling a plan's books out of the garbage collector's way (ipdesk.read.query.settle)
must not keep garbage alive: a sheet made before, waiting for a collection when the next
one is read, is freed — not frozen for the rest of the program's life."""

from __future__ import annotations

import gc
import weakref

from ipdesk.read.query import settle


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_garbage_waiting_for_a_collection_is_freed_not_frozen() -> None:
    node = _Node()
    gone = weakref.ref(node)
    kept = _Node()
    try:
        del node
        settle()
        assert gone() is None
        assert gc.get_freeze_count() > 0 and kept.me is kept  # what is alive stays
    finally:
        gc.unfreeze()
