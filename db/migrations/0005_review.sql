-- Migration 0005: the coordinator's review loop (issue #12).
--
-- Undo that can be undone: every revision an import brought is recorded, so that once
-- the import is undone its revisions count as never seen — merging the same file again,
-- or a newer one from the department, applies it as if the undone import had not
-- happened — and the stamps a row had before an import, so undo restores them too.
CREATE TABLE import_revisions (
    rev_id    TEXT NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    PRIMARY KEY (rev_id, import_id)
) WITHOUT ROWID;
ALTER TABLE import_changes ADD COLUMN stamps_before TEXT;

-- Drafts are drafts: the periods a merged file brought without having submitted them.
ALTER TABLE imports ADD COLUMN drafts TEXT NOT NULL DEFAULT '[]';

-- PCs named in words: the name the sending PC's user gave it (设置), carried by the
-- file it sends, and remembered by the master with the department it sends for.
ALTER TABLE manifest ADD COLUMN site_name TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN source_site_name TEXT NOT NULL DEFAULT '';
CREATE TABLE sites (
    site_id       TEXT PRIMARY KEY,
    name          TEXT NOT NULL DEFAULT '',
    department_id TEXT REFERENCES departments (id),
    seen_at       TEXT NOT NULL
);
