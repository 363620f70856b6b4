-- Migration 0003: signatures that mean something, and per-field stamps (docs/security.md).
--
-- Files travel signed with Ed25519 instead of an HMAC whose key travelled with them.
-- The coordinator's master holds the coordinator's private key; every department file
-- it issues holds the coordinator's public key and that department's own private key,
-- made afresh at each issue (the master keeps the public half, and retires the old one).
-- A file a department sends holds no private key at all. Old HMAC keys and signatures
-- are not accepted any more: department files made before this version are re-issued.
ALTER TABLE file_meta ADD COLUMN coordinator_key TEXT;
ALTER TABLE file_meta ADD COLUMN key_id TEXT;
UPDATE file_meta SET signing_key = NULL WHERE role = 'department';

DROP TABLE department_keys;
-- Master only: every key issued to a department; the current one has no retired_at.
CREATE TABLE department_keys (
    key_id        TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments (id),
    public_key    TEXT NOT NULL CHECK (length(public_key) = 64),
    issued_at     TEXT NOT NULL,
    retired_at    TEXT
);
CREATE UNIQUE INDEX department_keys_current ON department_keys (department_id)
    WHERE retired_at IS NULL;

DROP TABLE manifest;
-- The signature a travelling file carries: who made it, for which department, with
-- which key (key_id), the SHA-256 digest of everything else in the file, and an Ed25519
-- signature over these, the digest and manifest_rows.
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
DELETE FROM manifest_rows;

-- Per-field stamps of the department's rows: for each field a department may change,
-- the clock and revision of the write that set its value ("hlc/rev"), and the state of
-- the row's deletion. The merge takes each field from the later write, so merging the
-- files of any number of PCs in any order gives the same rows (ipdesk.merge.classify).
-- Rows written before this version have none ('{}'): the three-way rule decides for them.
ALTER TABLE progress_reports ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE milestone_actuals ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE indicator_values ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE evidence ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
