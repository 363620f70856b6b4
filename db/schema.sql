-- IPDesk plan file (.ipdesk), current schema.
--
-- This file is the schema of a new file. Files made by an older IPDesk are brought
-- up to date by db/migrations/NNNN_*.sql; tests check that applying every migration
-- to an empty database gives exactly this schema.
--
-- Replicated rows (everything that travels between the master and department files)
-- share the revision columns the merge needs (DESIGN.md §4):
--   id             UUIDv7 made where the row is made; rows whose identity is a natural
--                  key (one report per task, department and period) get a name-based
--                  id from that key, so two PCs creating "the same" row converge.
--   rev_id         this revision (UUIDv7), parent_rev_id the revision it was made from,
--   merged_rev_id  the second parent when a merge joined two concurrent revisions,
--   site_id        the PC that wrote it, hlc its hybrid logical clock,
--   deleted        1 for a tombstone.
-- Every new revision is copied to row_history by the triggers at the end, so the
-- history is complete whoever writes (forms, command line, merge).

-- Local, never replicated: which plan this file is, its role, its clock.
CREATE TABLE file_meta (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    plan_id       TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('master', 'department')),
    department_id TEXT,
    issued_at     TEXT NOT NULL,
    app_version   TEXT NOT NULL,
    signing_key   TEXT,
    hlc_last      TEXT NOT NULL DEFAULT '',
    CHECK ((role = 'master') = (department_id IS NULL))
);

-- Master only: every key issued to a department; the current one has no retired_at.
-- (Created by migration 0003: department_keys and manifest were rebuilt there.)
CREATE TABLE department_keys (
    key_id        TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments (id),
    public_key    TEXT NOT NULL CHECK (length(public_key) = 64),
    issued_at     TEXT NOT NULL,
    retired_at    TEXT
);
CREATE UNIQUE INDEX department_keys_current ON department_keys (department_id)
    WHERE retired_at IS NULL;

-- Evidence file contents, stored once by SHA-256. Immutable, so not revisioned.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size   INTEGER NOT NULL CHECK (size >= 0),
    data   BLOB NOT NULL
);

-- Every revision of every replicated row: the audit trail and the merge's memory.
CREATE TABLE row_history (
    rev_id        TEXT PRIMARY KEY,
    tbl           TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL,
    data          TEXT NOT NULL,
    recorded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX row_history_row ON row_history (tbl, row_id);

-- ---------------------------------------------------------------- the plan (coordinator)

CREATE TABLE plan (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    template      TEXT,
    name          TEXT NOT NULL,
    short_name    TEXT NOT NULL,
    district      TEXT NOT NULL DEFAULT '',
    intro         TEXT NOT NULL DEFAULT '',
    start_date    TEXT NOT NULL,
    target_date   TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    reporting     TEXT NOT NULL DEFAULT 'quarterly' CHECK (reporting IN ('monthly', 'quarterly')),
    deadline_days INTEGER NOT NULL DEFAULT 5 CHECK (deadline_days BETWEEN 0 AND 60),
    tolerance     REAL NOT NULL DEFAULT 0.8 CHECK (tolerance > 0 AND tolerance <= 1)
);

-- Document headings and texts: 一、指导思想 (preamble), 二、工作目标 (goals) and its
-- goal groups (goal_group), the work areas of 三 (area), and the part headings.
CREATE TABLE sections (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    code          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('part', 'preamble', 'goals', 'goal_group', 'area')),
    title         TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    sort          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE phases (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    sort          INTEGER NOT NULL DEFAULT 0,
    CHECK (start_date <= end_date)
);

CREATE TABLE departments (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL UNIQUE,
    short_name    TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL DEFAULT 'other',
    is_coordinator INTEGER NOT NULL DEFAULT 0 CHECK (is_coordinator IN (0, 1)),
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    sort          INTEGER NOT NULL DEFAULT 0
);

-- Tasks of 三 (task) and their 一是/二是/三是 parts (subtask), the activities of the
-- phases in 四 (activity), and the safeguards of 五 (safeguard).
CREATE TABLE tasks (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    code          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('task', 'subtask', 'activity', 'safeguard')),
    parent_id     TEXT REFERENCES tasks (id),
    section_id    TEXT REFERENCES sections (id),
    phase_id      TEXT REFERENCES phases (id),
    label         TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    start_date    TEXT,
    due_date      TEXT,
    sort          INTEGER NOT NULL DEFAULT 0,
    CHECK (start_date IS NULL OR due_date IS NULL OR start_date <= due_date)
);
CREATE INDEX tasks_parent ON tasks (parent_id);

CREATE TABLE milestones (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    task_id       TEXT NOT NULL REFERENCES tasks (id),
    name          TEXT NOT NULL,
    planned_date  TEXT NOT NULL,
    sort          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX milestones_task ON milestones (task_id);

CREATE TABLE assignments (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    task_id       TEXT NOT NULL REFERENCES tasks (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    role          TEXT NOT NULL CHECK (role IN ('lead', 'co')),
    UNIQUE (task_id, department_id)
);
CREATE INDEX assignments_department ON assignments (department_id);

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

-- The departments that report an indicator.
CREATE TABLE indicator_departments (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    indicator_id  TEXT NOT NULL REFERENCES indicators (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    UNIQUE (indicator_id, department_id)
);
CREATE INDEX indicator_departments_department ON indicator_departments (department_id);

-- Yearly (or any dated) milestones the coordinator sets for an indicator's expected path.
CREATE TABLE indicator_milestones (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    indicator_id  TEXT NOT NULL REFERENCES indicators (id),
    on_date       TEXT NOT NULL,
    value         REAL NOT NULL,
    UNIQUE (indicator_id, on_date)
);

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

-- ---------------------------------------------------------------- department-owned rows

CREATE TABLE progress_reports (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    task_id       TEXT NOT NULL REFERENCES tasks (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    period        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (status IN ('not_started', 'in_progress', 'done', 'behind')),
    percent       REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
    progress      TEXT NOT NULL DEFAULT '',
    problems      TEXT NOT NULL DEFAULT '',
    next_steps    TEXT NOT NULL DEFAULT '',
    UNIQUE (task_id, department_id, period)
);
CREATE INDEX progress_reports_department ON progress_reports (department_id, period);

CREATE TABLE milestone_actuals (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    milestone_id  TEXT NOT NULL REFERENCES milestones (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    actual_date   TEXT,
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (milestone_id, department_id)
);

CREATE TABLE indicator_values (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    indicator_id  TEXT NOT NULL REFERENCES indicators (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    period        TEXT NOT NULL,
    value         REAL NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (indicator_id, department_id, period)
);
CREATE INDEX indicator_values_department ON indicator_values (department_id, period);

CREATE TABLE evidence (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    task_id       TEXT REFERENCES tasks (id),
    indicator_id  TEXT REFERENCES indicators (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    period        TEXT,
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    CHECK (task_id IS NOT NULL OR indicator_id IS NOT NULL)
);
CREATE INDEX evidence_task ON evidence (task_id);

-- A department's report for one period: draft → submitted → approved | returned.
CREATE TABLE submissions (
    id            TEXT PRIMARY KEY,
    rev_id        TEXT NOT NULL,
    parent_rev_id TEXT,
    merged_rev_id TEXT,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    department_id TEXT NOT NULL REFERENCES departments (id),
    period        TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'draft'
                  CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    reason        TEXT NOT NULL DEFAULT '',
    submitted_at  TEXT,
    reviewed_at   TEXT,
    UNIQUE (department_id, period)
);

-- ---------------------------------------------------------------- history triggers
-- One pair per replicated table: a new revision (insert, or an update that changes
-- rev_id) is recorded with a JSON snapshot of the row's own columns.

CREATE TRIGGER plan_rev_insert AFTER INSERT ON plan BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'plan', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('template', NEW.template, 'name', NEW.name, 'short_name', NEW.short_name,
            'district', NEW.district, 'intro', NEW.intro, 'start_date', NEW.start_date,
            'target_date', NEW.target_date, 'end_date', NEW.end_date, 'reporting', NEW.reporting,
            'deadline_days', NEW.deadline_days, 'tolerance', NEW.tolerance));
END;
CREATE TRIGGER plan_rev_update AFTER UPDATE OF rev_id ON plan WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'plan', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('template', NEW.template, 'name', NEW.name, 'short_name', NEW.short_name,
            'district', NEW.district, 'intro', NEW.intro, 'start_date', NEW.start_date,
            'target_date', NEW.target_date, 'end_date', NEW.end_date, 'reporting', NEW.reporting,
            'deadline_days', NEW.deadline_days, 'tolerance', NEW.tolerance));
END;

CREATE TRIGGER sections_rev_insert AFTER INSERT ON sections BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'sections', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'kind', NEW.kind, 'title', NEW.title, 'text', NEW.text, 'sort', NEW.sort));
END;
CREATE TRIGGER sections_rev_update AFTER UPDATE OF rev_id ON sections WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'sections', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'kind', NEW.kind, 'title', NEW.title, 'text', NEW.text, 'sort', NEW.sort));
END;

CREATE TRIGGER phases_rev_insert AFTER INSERT ON phases BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'phases', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'name', NEW.name, 'start_date', NEW.start_date,
            'end_date', NEW.end_date, 'sort', NEW.sort));
END;
CREATE TRIGGER phases_rev_update AFTER UPDATE OF rev_id ON phases WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'phases', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'name', NEW.name, 'start_date', NEW.start_date,
            'end_date', NEW.end_date, 'sort', NEW.sort));
END;

-- (recreated by migration 0007 with reporting_start)
CREATE TRIGGER departments_rev_insert AFTER INSERT ON departments BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'departments', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'name', NEW.name, 'short_name', NEW.short_name, 'kind', NEW.kind,
            'is_coordinator', NEW.is_coordinator, 'contact_name', NEW.contact_name,
            'contact_phone', NEW.contact_phone, 'contact_email', NEW.contact_email, 'sort', NEW.sort,
            'reporting_start', NEW.reporting_start));
END;
CREATE TRIGGER departments_rev_update AFTER UPDATE OF rev_id ON departments WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'departments', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'name', NEW.name, 'short_name', NEW.short_name, 'kind', NEW.kind,
            'is_coordinator', NEW.is_coordinator, 'contact_name', NEW.contact_name,
            'contact_phone', NEW.contact_phone, 'contact_email', NEW.contact_email, 'sort', NEW.sort,
            'reporting_start', NEW.reporting_start));
END;

CREATE TRIGGER tasks_rev_insert AFTER INSERT ON tasks BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'tasks', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'kind', NEW.kind, 'parent_id', NEW.parent_id,
            'section_id', NEW.section_id, 'phase_id', NEW.phase_id, 'label', NEW.label,
            'title', NEW.title, 'text', NEW.text, 'start_date', NEW.start_date,
            'due_date', NEW.due_date, 'sort', NEW.sort));
END;
CREATE TRIGGER tasks_rev_update AFTER UPDATE OF rev_id ON tasks WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'tasks', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('code', NEW.code, 'kind', NEW.kind, 'parent_id', NEW.parent_id,
            'section_id', NEW.section_id, 'phase_id', NEW.phase_id, 'label', NEW.label,
            'title', NEW.title, 'text', NEW.text, 'start_date', NEW.start_date,
            'due_date', NEW.due_date, 'sort', NEW.sort));
END;

CREATE TRIGGER milestones_rev_insert AFTER INSERT ON milestones BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'milestones', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'name', NEW.name, 'planned_date', NEW.planned_date, 'sort', NEW.sort));
END;
CREATE TRIGGER milestones_rev_update AFTER UPDATE OF rev_id ON milestones WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'milestones', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'name', NEW.name, 'planned_date', NEW.planned_date, 'sort', NEW.sort));
END;

CREATE TRIGGER assignments_rev_insert AFTER INSERT ON assignments BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'assignments', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'department_id', NEW.department_id, 'role', NEW.role));
END;
CREATE TRIGGER assignments_rev_update AFTER UPDATE OF rev_id ON assignments WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'assignments', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'department_id', NEW.department_id, 'role', NEW.role));
END;

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

CREATE TRIGGER indicator_departments_rev_insert AFTER INSERT ON indicator_departments BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicator_departments', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('indicator_id', NEW.indicator_id, 'department_id', NEW.department_id));
END;
CREATE TRIGGER indicator_departments_rev_update AFTER UPDATE OF rev_id ON indicator_departments WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicator_departments', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('indicator_id', NEW.indicator_id, 'department_id', NEW.department_id));
END;

CREATE TRIGGER indicator_milestones_rev_insert AFTER INSERT ON indicator_milestones BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicator_milestones', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('indicator_id', NEW.indicator_id, 'on_date', NEW.on_date, 'value', NEW.value));
END;
CREATE TRIGGER indicator_milestones_rev_update AFTER UPDATE OF rev_id ON indicator_milestones WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicator_milestones', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('indicator_id', NEW.indicator_id, 'on_date', NEW.on_date, 'value', NEW.value));
END;

CREATE TRIGGER progress_reports_rev_insert AFTER INSERT ON progress_reports BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'progress_reports', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'department_id', NEW.department_id, 'period', NEW.period,
            'status', NEW.status, 'percent', NEW.percent, 'progress', NEW.progress,
            'problems', NEW.problems, 'next_steps', NEW.next_steps));
END;
CREATE TRIGGER progress_reports_rev_update AFTER UPDATE OF rev_id ON progress_reports WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'progress_reports', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'department_id', NEW.department_id, 'period', NEW.period,
            'status', NEW.status, 'percent', NEW.percent, 'progress', NEW.progress,
            'problems', NEW.problems, 'next_steps', NEW.next_steps));
END;

CREATE TRIGGER milestone_actuals_rev_insert AFTER INSERT ON milestone_actuals BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'milestone_actuals', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('milestone_id', NEW.milestone_id, 'department_id', NEW.department_id,
            'actual_date', NEW.actual_date, 'note', NEW.note));
END;
CREATE TRIGGER milestone_actuals_rev_update AFTER UPDATE OF rev_id ON milestone_actuals WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'milestone_actuals', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('milestone_id', NEW.milestone_id, 'department_id', NEW.department_id,
            'actual_date', NEW.actual_date, 'note', NEW.note));
END;

CREATE TRIGGER indicator_values_rev_insert AFTER INSERT ON indicator_values BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicator_values', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('indicator_id', NEW.indicator_id, 'department_id', NEW.department_id,
            'period', NEW.period, 'value', NEW.value, 'note', NEW.note));
END;
CREATE TRIGGER indicator_values_rev_update AFTER UPDATE OF rev_id ON indicator_values WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'indicator_values', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('indicator_id', NEW.indicator_id, 'department_id', NEW.department_id,
            'period', NEW.period, 'value', NEW.value, 'note', NEW.note));
END;

CREATE TRIGGER evidence_rev_insert AFTER INSERT ON evidence BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'evidence', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'indicator_id', NEW.indicator_id,
            'department_id', NEW.department_id, 'period', NEW.period, 'file_name', NEW.file_name,
            'sha256', NEW.sha256, 'size', NEW.size, 'note', NEW.note));
END;
CREATE TRIGGER evidence_rev_update AFTER UPDATE OF rev_id ON evidence WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'evidence', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('task_id', NEW.task_id, 'indicator_id', NEW.indicator_id,
            'department_id', NEW.department_id, 'period', NEW.period, 'file_name', NEW.file_name,
            'sha256', NEW.sha256, 'size', NEW.size, 'note', NEW.note));
END;

CREATE TRIGGER submissions_rev_insert AFTER INSERT ON submissions BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'submissions', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('department_id', NEW.department_id, 'period', NEW.period, 'state', NEW.state,
            'reason', NEW.reason, 'submitted_at', NEW.submitted_at, 'reviewed_at', NEW.reviewed_at));
END;
CREATE TRIGGER submissions_rev_update AFTER UPDATE OF rev_id ON submissions WHEN NEW.rev_id IS NOT OLD.rev_id BEGIN
    INSERT OR IGNORE INTO row_history (rev_id, tbl, row_id, parent_rev_id, merged_rev_id, site_id, hlc, deleted, data)
    VALUES (NEW.rev_id, 'submissions', NEW.id, NEW.parent_rev_id, NEW.merged_rev_id, NEW.site_id, NEW.hlc, NEW.deleted,
        json_object('department_id', NEW.department_id, 'period', NEW.period, 'state', NEW.state,
            'reason', NEW.reason, 'submitted_at', NEW.submitted_at, 'reviewed_at', NEW.reviewed_at));
END;

-- ---------------------------------------------------------------- travelling files and the merge
-- (DESIGN.md §4) Local tables: they describe this copy, they are never merged.

-- The signature a file carries when it travels. `ipdesk issue` (kind 'issued', signed
-- with the coordinator's key) and `ipdesk send` (kind 'sent', signed with the
-- department's key) write one row: who made it, for which department, on which PC and
-- at which clock value, with which key (key_id), the SHA-256 digest of everything else
-- in the file, and an Ed25519 signature over these, the digest and manifest_rows (the
-- hashes of the rows the department owns and of their history). A receiving IPDesk
-- recomputes both, so a row changed outside IPDesk (or a flipped byte) does not match.
CREATE TABLE manifest (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    kind          TEXT NOT NULL CHECK (kind IN ('issued', 'sent')),
    plan_id       TEXT NOT NULL,
    department_id TEXT NOT NULL,
    site_id       TEXT NOT NULL,
    hlc           TEXT NOT NULL,
    made_at       TEXT NOT NULL,
    app_version   TEXT NOT NULL,
    row_count     INTEGER NOT NULL CHECK (row_count >= 0),
    key_id        TEXT NOT NULL,
    digest        TEXT NOT NULL CHECK (length(digest) = 64),
    signature     TEXT NOT NULL CHECK (length(signature) = 128)
);

-- One line per signed row: a replicated row (tbl, its id, its rev_id) or a history
-- revision (tbl 'row_history', row_id = rev_id), with the SHA-256 of its canonical form.
CREATE TABLE manifest_rows (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    rev_id TEXT NOT NULL,
    hash   TEXT NOT NULL CHECK (length(hash) = 64),
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- The import log: one row per merged file, found again by the file's SHA-256
-- ("already merged"); undone_at is set when the import is undone.
CREATE TABLE imports (
    id               INTEGER PRIMARY KEY,
    file_name        TEXT NOT NULL,
    file_sha256      TEXT NOT NULL CHECK (length(file_sha256) = 64),
    department_id    TEXT NOT NULL REFERENCES departments (id),
    kind             TEXT NOT NULL CHECK (kind IN ('issued', 'sent')),
    source_site      TEXT NOT NULL,
    source_hlc       TEXT NOT NULL,
    source_made_at   TEXT NOT NULL,
    merged_at        TEXT NOT NULL,
    new_rows         INTEGER NOT NULL DEFAULT 0,
    changed_rows     INTEGER NOT NULL DEFAULT 0,
    stale_rows       INTEGER NOT NULL DEFAULT 0,
    conflict_count   INTEGER NOT NULL DEFAULT 0,
    quarantined_rows INTEGER NOT NULL DEFAULT 0,
    warnings         TEXT NOT NULL DEFAULT '[]',
    undone_at        TEXT
);
CREATE INDEX imports_sha256 ON imports (file_sha256);

-- Every row an import wrote, with its revision before (NULL: the row was new) and
-- after, so that one import can be undone without undoing the later ones.
CREATE TABLE import_changes (
    import_id  INTEGER NOT NULL REFERENCES imports (id),
    tbl        TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('new', 'fast_forward', 'merged', 'taken')),
    rev_before TEXT,
    rev_after  TEXT NOT NULL,
    PRIMARY KEY (import_id, tbl, row_id)
) WITHOUT ROWID;

-- One field edited differently on two sides. Both values and both revisions are kept;
-- default_side is what the merge wrote (the same whichever file came first) until the
-- coordinator resolves it. origin 'undo': an undone import's value that a later change
-- had already replaced.
CREATE TABLE conflicts (
    id             INTEGER PRIMARY KEY,
    import_id      INTEGER NOT NULL REFERENCES imports (id),
    origin         TEXT NOT NULL DEFAULT 'merge' CHECK (origin IN ('merge', 'undo')),
    tbl            TEXT NOT NULL,
    row_id         TEXT NOT NULL,
    field          TEXT NOT NULL,
    master_value,
    incoming_value,
    master_rev     TEXT NOT NULL,
    incoming_rev   TEXT NOT NULL,
    master_site    TEXT NOT NULL,
    incoming_site  TEXT NOT NULL,
    master_hlc     TEXT NOT NULL,
    incoming_hlc   TEXT NOT NULL,
    merged_rev     TEXT NOT NULL,
    default_side   TEXT NOT NULL CHECK (default_side IN ('master', 'incoming')),
    resolved_side  TEXT CHECK (resolved_side IN ('master', 'incoming', 'undone')),
    resolved_at    TEXT,
    resolved_rev   TEXT
);
CREATE INDEX conflicts_row ON conflicts (tbl, row_id);

-- Incoming rows the file was not allowed to change (another department's rows, the
-- plan, a task not assigned to it in this file, an approved period), with the reason.
CREATE TABLE quarantine (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES imports (id),
    tbl           TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    rev_id        TEXT NOT NULL,
    department_id TEXT,
    reason_code   TEXT NOT NULL,
    reason        TEXT NOT NULL,
    data          TEXT NOT NULL
);
CREATE INDEX quarantine_import ON quarantine (import_id);

-- ---------------------------------------------------------------- added by migration 0003
-- (ALTER TABLE keeps the tables' definitions above and appends these columns.)

-- file_meta: the coordinator's public key (in the master also its key id) and, in a
-- department file, the id of the department's own signing key. signing_key holds the
-- private key: the coordinator's in the master, the department's in a department file,
-- none in a file that was sent.
ALTER TABLE file_meta ADD COLUMN coordinator_key TEXT;
ALTER TABLE file_meta ADD COLUMN key_id TEXT;

-- Per-field stamps of the department's rows: for each field a department may change,
-- the clock and revision of the write that set its value, and the state of the row's
-- deletion. The merge takes each field from the later write, so merging the files of
-- any number of PCs in any order gives the same rows (ipdesk.merge.classify).
ALTER TABLE progress_reports ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE milestone_actuals ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE indicator_values ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE evidence ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';

-- ---------------------------------------------------------------- added by migration 0005
-- The coordinator's review loop (issue #12).

-- Every revision an import brought: once the import is undone, its revisions count as
-- never seen, so merging the same file again (or a newer one) applies it as if the
-- undone import had not happened. import_changes also keeps each row's stamps from
-- before the import, so undo restores them too.
CREATE TABLE import_revisions (
    rev_id    TEXT NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    PRIMARY KEY (rev_id, import_id)
) WITHOUT ROWID;
ALTER TABLE import_changes ADD COLUMN stamps_before TEXT;

-- The periods a merged file brought as drafts (not submitted).
ALTER TABLE imports ADD COLUMN drafts TEXT NOT NULL DEFAULT '[]';

-- PCs named in words: the name the sending PC's user gave it, carried by the file it
-- sends (manifest.site_name), remembered by the master with its department.
ALTER TABLE manifest ADD COLUMN site_name TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN source_site_name TEXT NOT NULL DEFAULT '';
CREATE TABLE sites (
    site_id       TEXT PRIMARY KEY,
    name          TEXT NOT NULL DEFAULT '',
    department_id TEXT REFERENCES departments (id),
    seen_at       TEXT NOT NULL
);

-- ---------------------------------------------------------------- department workbooks
-- Master only, never replicated (issue and send clear it): every department fill-in
-- workbook exported from this master, under a random token the workbook carries on its
-- hidden sheet. Importing a workbook accepts only a token recorded here, and imports it
-- as the department and period recorded with it (migration 0006).
CREATE TABLE department_workbooks (
    token         TEXT PRIMARY KEY CHECK (length(token) >= 16),
    department_id TEXT NOT NULL REFERENCES departments (id),
    period        TEXT NOT NULL,
    exported_at   TEXT NOT NULL
) WITHOUT ROWID;

-- ---------------------------------------------------------------- added by migration 0007
-- When the department's reporting obligations start: the day its file was first issued,
-- or a date the coordinator sets. Before it, a missing report is not late.
ALTER TABLE departments ADD COLUMN reporting_start TEXT;

-- ---------------------------------------------------------------- added by migration 0008
-- A quarantined row's reason as a message: {"code": …, "params": {…}} (ipdesk/messages).
ALTER TABLE quarantine RENAME COLUMN reason TO message;
