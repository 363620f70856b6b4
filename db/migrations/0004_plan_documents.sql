-- Migration 0004: plans read from a plan document.
--
-- Targets written 不超过 / 低于 / 保持 / 约 / 左右 keep their comparator: indicators
-- accept '<=', '<', '=' and '~' besides '>=' and '>'. SQLite cannot change a CHECK in
-- place, so the table is rebuilt under its own name (the foreign keys of
-- indicator_values and the others name it and stay valid; they are checked at commit),
-- and its history triggers are made again exactly as they were. Copying the rows back
-- fires no trigger, so the history gains nothing.
--
-- And previous_figures, the old plan's final figures of a plan made with
-- --continue-from.

PRAGMA defer_foreign_keys = ON;
CREATE TABLE indicators_before_0004 AS SELECT * FROM indicators;
DROP TABLE indicators;
CREATE TABLE indicators (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    code          TEXT NOT NULL UNIQUE,
    section_id    TEXT REFERENCES sections (id),
    name          TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL DEFAULT '',
    target        REAL NOT NULL,
    comparator    TEXT NOT NULL CHECK (comparator IN ('>=', '>', '<=', '<', '=', '~')),
    kind          TEXT NOT NULL CHECK (kind IN ('cumulative', 'new', 'level', 'rate', 'score', 'yesno')),
    aggregation   TEXT NOT NULL CHECK (aggregation IN ('sum', 'designated')),
    baseline      REAL,
    designated_department_id TEXT REFERENCES departments (id),
    sort          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO indicators SELECT * FROM indicators_before_0004;
DROP TABLE indicators_before_0004;

CREATE TRIGGER indicators_rev_insert AFTER INSERT ON indicators BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicators', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'section_id', NEW.section_id, 'name', NEW.name, 'text', NEW.text,
            'unit', NEW.unit, 'target', NEW.target, 'comparator', NEW.comparator, 'kind', NEW.kind,
            'aggregation', NEW.aggregation, 'baseline', NEW.baseline,
            'designated_department_id', NEW.designated_department_id, 'sort', NEW.sort));
END;
CREATE TRIGGER indicators_rev_update AFTER UPDATE OF rev_id ON indicators WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicators', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'section_id', NEW.section_id, 'name', NEW.name, 'text', NEW.text,
            'unit', NEW.unit, 'target', NEW.target, 'comparator', NEW.comparator, 'kind', NEW.kind,
            'aggregation', NEW.aggregation, 'baseline', NEW.baseline,
            'designated_department_id', NEW.designated_department_id, 'sort', NEW.sort));
END;

-- The previous plan's final figures, for a plan started from a plan document with
-- --continue-from: one row per indicator that matched an indicator of the old plan by
-- name, with that plan's name, the old code, name, unit, target and its final value.
-- Written once when the master is made, read by the acceptance sheet.
CREATE TABLE previous_figures (
    indicator_id  TEXT PRIMARY KEY REFERENCES indicators (id),
    plan_name     TEXT NOT NULL,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    unit          TEXT NOT NULL DEFAULT '',
    target        REAL,
    comparator    TEXT NOT NULL DEFAULT '>=',
    final_value   REAL,
    as_of         TEXT
);
