-- Migration 0007: when a department's reporting obligations start (issue #13).
--
-- A department owes reports from the day its file is first issued (or a date the
-- coordinator sets), not from the plan's first day: a master started in the middle of
-- a plan is not red from day one. Set at the department's first issue when empty.
ALTER TABLE departments ADD COLUMN reporting_start TEXT;
DROP TRIGGER departments_rev_insert;
DROP TRIGGER departments_rev_update;
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
