"""This PC's identity and clocks.

The site id names the PC (not the file): two PCs editing copies of one department
file must write distinguishable revisions. The hybrid logical clock orders revisions
even when a PC's wall clock is wrong; it never runs backwards within a file.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from ipdesk.store.ids import uuid7

HLC_WIDTH = 16  # digits of milliseconds since 1970


def config_dir() -> Path:
    """The per-user folder for IPDesk's own settings (not the plan files)."""
    if os.environ.get("IPDESK_CONFIG_DIR"):
        return Path(os.environ["IPDESK_CONFIG_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
        return base / "IPDesk"
    base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "ipdesk"


def site_id() -> str:
    """This PC's site id: from IPDESK_SITE_ID, else made once and kept in the config folder."""
    if os.environ.get("IPDESK_SITE_ID"):
        return os.environ["IPDESK_SITE_ID"]
    path = config_dir() / "site_id"
    try:
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
    except OSError:
        pass
    value = uuid7()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(value, encoding="ascii")
    except OSError:
        # A PC whose profile cannot be written still works; it just gets a new site
        # id each run, which costs nothing but longer histories.
        pass
    return value


def site_name() -> str:
    """The name this PC's user gave it (设置 → 本机名称), '' when none: shown instead
    of the site id wherever people read who wrote what."""
    if os.environ.get("IPDESK_SITE_NAME") is not None:
        return os.environ["IPDESK_SITE_NAME"][:60]
    try:
        return (config_dir() / "site_name").read_text(encoding="utf-8").strip()[:60]
    except OSError:
        return ""


def set_site_name(name: str) -> None:
    path = config_dir() / "site_name"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(name.strip()[:60], encoding="utf-8")


def now() -> datetime:
    """The wall clock, as this PC believes it (IPDESK_FAKE_NOW simulates a wrong clock)."""
    fake = os.environ.get("IPDESK_FAKE_NOW")
    if fake:
        moment = datetime.fromisoformat(fake)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def today() -> date:
    """The local date used for warnings and periods (IPDESK_TODAY overrides, for tests)."""
    fixed = os.environ.get("IPDESK_TODAY")
    if fixed:
        return date.fromisoformat(fixed)
    return now().astimezone().date()


def now_text() -> str:
    return now().astimezone().isoformat(timespec="seconds")


def local_text(stamp: str | None) -> str:
    """A stored time ("2025-08-20T06:03:11+00:00") as people read it: local time, to
    the minute ("2025-08-20 14:03"). Text that is not a time is given back as it is."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def format_hlc(ms: int, counter: int) -> str:
    return f"{ms:0{HLC_WIDTH}d}.{counter:04d}"


def parse_hlc(text: str) -> tuple[int, int]:
    if not text:
        return (0, 0)
    ms, _, counter = text.partition(".")
    return int(ms), int(counter or 0)


def next_hlc(last: str) -> str:
    """The clock value after `last`: wall time if it is ahead, else `last` plus one."""
    wall = int(now().timestamp() * 1000)
    last_ms, last_counter = parse_hlc(last)
    if wall > last_ms:
        return format_hlc(wall, 0)
    return format_hlc(last_ms, last_counter + 1)


def hlc_time(text: str) -> datetime:
    """The wall-clock part of an HLC value."""
    ms, _ = parse_hlc(text)
    return datetime.fromtimestamp(ms / 1000, tz=UTC)
