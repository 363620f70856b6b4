"""The plan file's schema as SQL.

New files are made by applying the numbered migrations in db/migrations/ in order,
and older files are brought up to date by the missing ones, so every file of one
version has exactly the same schema text; `expected_schema(version)` is that text
and a file whose schema differs from it is refused. db/schema.sql is the readable
current schema; a test keeps it identical in structure to the migrations' result.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ipdesk.paths import data_path

APPLICATION_ID = 0x49504453  # "IPDS": IPDesk's own PRAGMA application_id

# Rows a department owns (they carry department_id); the rest belong to the coordinator.
DEPARTMENT_TABLES = (
    "progress_reports",
    "milestone_actuals",
    "indicator_values",
    "evidence",
    "submissions",
)
# The coordinator's tables: the plan itself, its departments, tasks and indicators.
PLAN_TABLES = (
    "plan",
    "sections",
    "phases",
    "departments",
    "tasks",
    "milestones",
    "assignments",
    "indicators",
    "indicator_departments",
    "indicator_milestones",
)
# Tables every copy of a plan exchanges; each has the revision columns.
REPLICATED_TABLES = PLAN_TABLES + DEPARTMENT_TABLES
REVISION_COLUMNS = ("id", "rev_id", "parent_rev_id", "merged_rev_id", "site_id", "hlc", "deleted")
# The per-field stamps of a department's row (JSON), kept beside the revision columns.
STAMPS = "stamps"
# The fields of a department's row that may change once the row exists. The others —
# which task, indicator, milestone, department and period it is about, and the file an
# evidence row holds — are its identity and never change, through a merge least of all.
MUTABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "progress_reports": ("status", "percent", "progress", "problems", "next_steps"),
    "milestone_actuals": ("actual_date", "note"),
    "indicator_values": ("value", "note"),
    "evidence": ("note",),
    "submissions": ("state", "reason", "submitted_at", "reviewed_at"),
}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def schema_sql() -> str:
    return data_path("db", "schema.sql").read_text(encoding="utf-8")


def migrations_dir() -> Path:
    """db/migrations (tests point this elsewhere to play a newer IPDesk)."""
    return data_path("db", "migrations")


def migrations() -> tuple[Migration, ...]:
    """Every migration in db/migrations, in version order."""
    return _load_migrations(migrations_dir())


@lru_cache(maxsize=4)
def _load_migrations(directory: Path) -> tuple[Migration, ...]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = re.fullmatch(r"(\d{4})_([a-z0-9_]+)\.sql", path.name)
        if not match:
            raise RuntimeError(f"badly named migration {path.name}")
        found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return tuple(found)


def expected_schema(version: int) -> frozenset[tuple[str, str, str]]:
    """The (type, name, sql) of every schema object of a file at `version`."""
    return _expected_schema(migrations_dir(), version)


@lru_cache(maxsize=8)
def _expected_schema(directory: Path, version: int) -> frozenset[tuple[str, str, str]]:
    import sqlite3

    applied = _load_migrations(directory)[:version]
    # Running the migrations takes ~45 ms, on every open of a fresh process: their result
    # is kept in the user's settings folder under a digest of exactly what made it (the
    # migrations' text and this SQLite), so it is never taken for another schema's.
    digest = hashlib.sha256(
        "\0".join([sqlite3.sqlite_version, *(m.sql for m in applied)]).encode("utf-8")
    ).hexdigest()
    kept = _kept_schema(digest)
    if kept is not None:
        return kept
    conn = sqlite3.connect(":memory:")
    try:
        for migration in applied:
            conn.executescript(migration.sql)
        found = schema_of(conn)
    finally:
        conn.close()
    _keep_schema(digest, found)
    return found


SCHEMA_CACHE = "expected-schema.json"


def _kept_schema(digest: str) -> frozenset[tuple[str, str, str]] | None:
    from ipdesk.store import clock

    try:
        kept = json.loads((clock.config_dir() / SCHEMA_CACHE).read_text(encoding="utf-8"))
        rows = kept[digest]
        return frozenset((str(t), str(n), str(sql)) for t, n, sql in rows)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep_schema(digest: str, found: frozenset[tuple[str, str, str]]) -> None:
    from ipdesk.store import clock

    target = clock.config_dir() / SCHEMA_CACHE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps({digest: sorted(found)}), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        pass  # a profile that cannot be written: the migrations run on each start


# Objects SQLite itself may add to a file that IPDesk did not make: the statistics
# tables of ANALYZE / PRAGMA optimize, with exactly these definitions.
SQLITE_STATISTICS = frozenset(
    {
        ("table", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
        ("table", "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
    }
)


def schema_of(conn, database: str = "main") -> frozenset[tuple[str, str, str]]:
    """The (type, name, sql) of every object in `database` of an open connection,
    with white space folded so only real differences count. Every object counts,
    whatever its name: SQLite's own automatic indexes (named sqlite_autoindex_…, no
    SQL text) follow from the tables, so they appear here the same in every sound
    file, and an object someone slipped in under a sqlite_ name does not hide."""
    rows = conn.execute(f"SELECT type, name, sql FROM {database}.sqlite_master").fetchall()
    found = frozenset((t, n, " ".join((sql or "").split())) for t, n, sql in rows)
    return found - SQLITE_STATISTICS


def schema_version() -> int:
    """The version of db/schema.sql: the number of the last migration."""
    return len(migrations())


def columns_of(table: str) -> tuple[str, ...]:
    """The columns of `table` as db/schema.sql declares them (parsed once, no database)."""
    return _columns()[table]


def _columns() -> dict[str, tuple[str, ...]]:
    return _schema_facts()[0]


@lru_cache(maxsize=1)
def _schema_facts() -> tuple[dict[str, tuple[str, ...]], dict[str, dict[str, object]]]:
    """Every table's columns and their defaults, from db/schema.sql loaded once into an
    in-memory database (a first write in a process needs both)."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(schema_sql())
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        columns: dict[str, tuple[str, ...]] = {}
        defaults: dict[str, dict[str, object]] = {}
        for table in tables:
            info = conn.execute(f"PRAGMA table_info({table})").fetchall()
            columns[table] = tuple(r[1] for r in info)
            defaults[table] = {
                r[1]: conn.execute(f"SELECT {r[4]}").fetchone()[0] if r[4] is not None else None
                for r in info
            }
        return columns, defaults
    finally:
        conn.close()


def data_columns(table: str) -> tuple[str, ...]:
    """The columns of a replicated table other than its revision columns and stamps."""
    return tuple(c for c in columns_of(table) if c not in REVISION_COLUMNS and c != STAMPS)


def column_defaults(table: str) -> dict[str, object]:
    """The value each column of `table` takes when an INSERT leaves it out."""
    return _defaults()[table]


def _defaults() -> dict[str, dict[str, object]]:
    return _schema_facts()[1]


def key_columns(table: str) -> tuple[str, ...]:
    """The data columns of a department table that never change (its identity)."""
    mutable = MUTABLE_COLUMNS[table]
    return tuple(c for c in data_columns(table) if c not in mutable)
