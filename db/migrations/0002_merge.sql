-- Migration 0002: department files and the merge — the signed manifest a travelling
-- file carries, and the import log, conflicts and quarantine of the file that merges it.

-- The signature a file carries when it travels. `ipdesk issue` (kind 'issued', made by
-- the coordinator) and `ipdesk send` (kind 'sent', made by the department) write one
-- row: who made it, for which department, on which PC and at which clock value, and an
-- HMAC-SHA256 with that department's key over manifest_rows, the hashes of the rows the
-- department owns and of their history. A receiving IPDesk recomputes the hashes, so a
-- row changed outside IPDesk (or a flipped byte) does not match.
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
    signature     TEXT NOT NULL CHECK (length(signature) = 64)
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
