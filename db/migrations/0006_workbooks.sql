-- Migration 0006: the department workbooks a master exported.
--
-- Master only, never replicated (issue and send clear it): every department fill-in
-- workbook exported from this master, under a random token the workbook carries on its
-- hidden sheet. Importing a workbook accepts only a token recorded here, and imports it
-- as the department and period recorded with it — not as whatever the workbook's
-- editable cells claim.
CREATE TABLE department_workbooks (
    token         TEXT PRIMARY KEY CHECK (length(token) >= 16),
    department_id TEXT NOT NULL REFERENCES departments (id),
    period        TEXT NOT NULL,
    exported_at   TEXT NOT NULL
) WITHOUT ROWID;
