"""The window (PySide6). The Qt-free modules it starts with are imported here, before
any window module imports PySide6: once imported, PySide6 reads the source of every
module imported after it (its `__feature__` support looks for the word "PySide6" in
each), which took ~20 ms of the window's start for the ~170 modules below — the store,
the read layer, the rules and sqlite_utils with what it brings (bench/README.md, note 1)."""

import sqlite_utils  # noqa: F401

import ipdesk.crashlog  # noqa: F401
import ipdesk.read.lights  # noqa: F401
import ipdesk.read.overview  # noqa: F401
import ipdesk.read.plan  # noqa: F401
import ipdesk.store.edits  # noqa: F401
import ipdesk.store.files  # noqa: F401
import ipdesk.store.lock  # noqa: F401
import ipdesk.work  # noqa: F401
