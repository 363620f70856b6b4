"""Row identities: UUIDv7 for rows whose identity is their creation, name-based ids
for rows whose identity is a natural key."""

from __future__ import annotations

import os
import time
import uuid

_last_ms = 0
_seq = 0


def uuid7() -> str:
    """A time-ordered UUID (RFC 9562 version 7) as text.

    Within one millisecond a 12-bit counter keeps ids of one process increasing.
    """
    global _last_ms, _seq
    ms = time.time_ns() // 1_000_000
    if ms <= _last_ms:
        ms = _last_ms
        _seq += 1
        if _seq > 0xFFF:
            ms += 1
            _seq = 0
    else:
        _seq = int.from_bytes(os.urandom(2), "big") & 0x3FF
    _last_ms = ms
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | _seq << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def natural_id(plan_id: str, table: str, *key: str) -> str:
    """The id of the row of `table` whose natural key is `key`, in plan `plan_id`.

    Two PCs that each create the report of one task, department and period make the
    same id, so their edits meet as revisions of one row instead of two rows that
    collide on the unique key.
    """
    return str(uuid.uuid5(uuid.UUID(plan_id), table + "\x1f" + "\x1f".join(key)))
