-- Migration 0008: the quarantine's reasons as messages (issue #11).
--
-- A quarantined row's reason is stored as a message: its code and parameters as JSON,
-- {"code": "quarantine.not_assigned", "params": {"task": "3.2.1", ...}}, worded in the
-- reader's language by ipdesk/messages (and the window) rather than kept as a finished
-- "中文 / English" sentence. Reasons kept by an earlier IPDesk stay readable: they
-- become a "bilingual" message holding their text as it was, in both languages.
-- (imports.warnings, a JSON list, holds messages the same way; older plain-text
-- warnings in it are read as such.)
ALTER TABLE quarantine RENAME COLUMN reason TO message;
UPDATE quarantine SET message = json_object('code', 'bilingual',
    'params', json_object('zh', message, 'en', message))
WHERE NOT json_valid(message) OR json_type(message) IS NOT 'object';
