"""Targets written 不超过 / 低于 / 保持 / 约 keep their comparator: the rules judge
them, and a file made before migration 0004 takes them after migrating, its rows
and history intact."""

from __future__ import annotations

import sqlite3
from datetime import date

from ipdesk.plan.rules import Comparator, IndicatorSpec, Kind, Light, indicator_light, meets
from ipdesk.store import schema


def test_meets_for_every_comparator():
    assert meets("<=", 5, 5) and not meets("<=", 5.1, 5)
    assert meets("<", 4.9, 5) and not meets("<", 5, 5)
    assert meets("=", 3, 3) and not meets("=", 3.1, 3)
    assert meets("~", 19.2, 20) and meets("~", 20.9, 20) and not meets("~", 18.9, 20)
    assert Comparator("<=").sign == "≤" and Comparator("~").label_zh == "约"


def test_a_ceiling_is_green_while_it_holds_and_red_well_above_it():
    spec = IndicatorSpec(
        "2.1.1", Kind.rate, "<=", 5.0, start=date(2024, 1, 1), target_date=date(2025, 12, 31)
    )
    on = date(2024, 6, 30)
    assert indicator_light(spec, 4.0, on) is Light.green
    assert indicator_light(spec, 6.0, on) is Light.yellow  # within 5 / 0.8
    assert indicator_light(spec, 7.0, on) is Light.red


def test_a_file_made_before_0003_migrates_with_its_rows(tmp_path, monkeypatch):
    from ipdesk.store.files import open_plan
    from ipdesk.templates.build import create_master

    folder = tmp_path / "migrations"
    folder.mkdir()
    for m in schema.migrations()[:2]:
        (folder / f"{m.version:04d}_{m.name}.sql").write_text(m.sql, encoding="utf-8")
    monkeypatch.setattr(schema, "migrations_dir", lambda: folder)
    path = tmp_path / "v2.ipdesk"
    db = create_master(path)
    db.close()
    conn = sqlite3.connect(path)  # a few values, as an IPDesk of that version wrote them
    conn.execute(
        "INSERT INTO indicator_values (id, rev_id, site_id, hlc, indicator_id, department_id,"
        " period, value) SELECT 'v-' || x.id, 'r-' || x.id, 'pc', '1', x.indicator_id,"
        " x.department_id, '2024Q4', 3 FROM indicator_departments x LIMIT 5"
    )
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    before = conn.execute("SELECT * FROM indicators ORDER BY code").fetchall()
    values = conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
    history = conn.execute("SELECT count(*) FROM row_history").fetchone()[0]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2 and values > 0
    conn.close()
    monkeypatch.undo()

    db = open_plan(path)  # migrates after a verified backup
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        assert db.execute("SELECT * FROM indicators ORDER BY code").fetchall() == before
        assert db.execute("SELECT count(*) FROM indicator_values").fetchone()[0] == values
        assert db.execute("SELECT count(*) FROM row_history").fetchone()[0] == history
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert schema.schema_of(db.conn) == schema.expected_schema(schema.schema_version())
        with db.atomic():
            db.execute("UPDATE indicators SET comparator = '<=' WHERE code = '2.5.2'")
        assert db.execute("SELECT count(*) FROM previous_figures").fetchone()[0] == 0
    finally:
        db.close()
    assert list(tmp_path.glob("v2.v2-backup-*.ipdesk.bak"))
