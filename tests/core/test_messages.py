"""Messages are a code and parameters, worded by one catalogue per language
(ipdesk/messages/zh.py and en.py); files keep them as codes (quarantine.message)."""

from __future__ import annotations

import json
import re
import sqlite3
import string

from ipdesk.errors import FileRefused
from ipdesk.merge.check import MergeRefused
from ipdesk.messages import Message, en, message, zh
from ipdesk.store import schema
from tests.core.helpers import ROOT


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_catalogues_have_every_code_with_the_same_placeholders():
    assert set(zh.WORDS) == set(en.WORDS)
    for code in set(zh.WORDS) - {"bilingual"}:  # (its own words in each language)
        assert placeholders(zh.WORDS[code]) == placeholders(en.WORDS[code]), code
        assert re.search(r"[\u4e00-\u9fff]", en.WORDS[code]) is None, code


def test_a_message_is_worded_in_each_language_and_printed_in_both():
    m = message("merge.merged", new=3, changed=1)
    assert m.text("zh") == "已合并：新增 3 行，修改 1 行"
    assert m.text("en") == "merged: 3 new, 1 changed"
    assert str(m) == "已合并：新增 3 行，修改 1 行 / merged: 3 new, 1 changed"
    assert Message.loads(m.dumps()) == m and Message.loads(m.dumps()).code == "merge.merged"


def test_a_reason_inside_a_sentence_is_worded_in_the_same_language():
    refused = MergeRefused("wrong_plan", "C:/交回/a.ipdesk", "另一计划")
    assert refused.msg.text("en") == (
        "cannot merge C:/交回/a.ipdesk: it belongs to another plan (另一计划), not to this"
        " master. Check that you chose a department file of this plan."
    )
    assert refused.msg.text("zh").startswith("无法合并 C:/交回/a.ipdesk：该文件属于另一个工作计划")
    opened = FileRefused("missing", "x.ipdesk")
    assert (opened.message_zh, opened.message_en) == (
        "无法打开 x.ipdesk：文件不存在。请检查路径。",
        "cannot open x.ipdesk: the file does not exist. Check the path.",
    )


def test_every_refusal_code_has_its_words():
    for code in ("missing", "tampered", "live_file", "retired_key", "busy", "same_file"):
        assert "cannot merge" in MergeRefused(code, "f.ipdesk", "d").msg.text("en")


def test_the_migration_keeps_old_quarantine_reasons_readable():
    conn = sqlite3.connect(":memory:")
    migrations = schema.migrations()
    for m in migrations[:7]:
        conn.executescript(m.sql)
    conn.execute(
        "INSERT INTO imports (id, file_name, file_sha256, department_id, kind, source_site,"
        " source_hlc, source_made_at, merged_at) VALUES (1, 'a', ?, 'd', 'sent', 's', 'h',"
        " 't', 't')",
        ["0" * 64],
    )
    old = "任务 3.2.1 未分配给软件谷，该行未合并 / task 3.2.1 is not assigned; row not merged"
    conn.execute(
        "INSERT INTO quarantine (import_id, tbl, row_id, rev_id, reason_code, reason, data)"
        " VALUES (1, 'progress_reports', 'r', 'v', 'not_assigned', ?, '{}')",
        [old],
    )
    conn.executescript(migrations[7].sql)
    [(stored,)] = conn.execute("SELECT message FROM quarantine").fetchall()
    kept = Message.loads(stored)
    assert kept.text("zh") == kept.text("en") == str(kept) == old
    assert json.loads(stored)["code"] == "bilingual"


def test_the_window_splits_no_finished_strings():
    gui = ROOT / "ipdesk" / "gui"
    for path in gui.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "split_bilingual" not in text and "_BILINGUAL" not in text, path


def test_every_column_key_and_field_a_user_may_be_shown_has_catalogue_words():
    """A conflict names its column, a quarantine its identity columns, an entry problem
    its field: each known one has words, so the as-given fallback is for unknown input."""
    from ipdesk.merge.backups import LABELS, Backup
    from ipdesk.merge.conflicts import column_label
    from ipdesk.merge.guard import _key_words
    from ipdesk.plan.entry import TEXT_LIMITS, text_problem
    from ipdesk.store.schema import DEPARTMENT_TABLES, REPLICATED_TABLES, data_columns, key_columns

    for table in REPLICATED_TABLES:
        for column in data_columns(table):
            assert column_label(column).code == f"column.{column}", (table, column)
    for table in DEPARTMENT_TABLES:
        assert all(w.code != "bilingual" for w in _key_words(key_columns(table))), table
    for column in TEXT_LIMITS:
        problem = text_problem(column, "x" * (TEXT_LIMITS[column] + 1))
        assert problem is not None and problem.words.params["field"].code == f"field.{column}"
    from datetime import datetime
    from pathlib import Path

    for label in LABELS:
        words = Backup(Path("x.bak"), label, datetime(2025, 1, 1), 0).words
        assert words.code == f"backups.label.{label}" and words.text("en").startswith("before")
    assert column_label("no_such_column") == "no_such_column"  # unknown: as given
