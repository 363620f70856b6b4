"""Opening evidence (issue 10, item 1): the file is taken out into IPDesk's own folder
under a safe name, never outside it whatever name it arrived with, its content checked,
and a program or script is marked so the window shows its folder instead of running it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from ipdesk.errors import BadInput
from ipdesk.store import evidence
from ipdesk.store.files import open_plan


@pytest.fixture
def stored(master):
    """The master with one evidence content in its blobs."""
    data = b"%PDF-1.4 minutes"
    sha = hashlib.sha256(data).hexdigest()
    conn = sqlite3.connect(master)
    with conn:
        conn.execute(
            "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)", [sha, len(data), data]
        )
    conn.close()
    db = open_plan(master)
    yield db, sha, data
    db.close()


@pytest.mark.parametrize(
    "name, safe, runnable",
    [
        ("会议纪要.pdf", "会议纪要.pdf", False),
        ("../../../Startup/evil.bat", "evil.bat", True),
        ("C:\\Users\\Public\\Start Menu\\Programs\\Startup\\run.lnk", "run.lnk", True),
        ("/etc/cron.d/job", "job", False),
        ("report.pdf.bat", "report.pdf.bat", True),
        ("invoice.pdf.exe ", "invoice.pdf.exe", True),
        ("..", "file", False),
        ("CON.txt", "_CON.txt", False),
    ],
)
def test_evidence_is_taken_out_into_ipdesks_folder_under_a_safe_name(
    stored, tmp_path, monkeypatch, name, safe, runnable
):
    db, sha, data = stored
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "settings"))
    found = evidence.extract(db, sha, name)
    folder = (tmp_path / "settings" / "evidence").resolve()
    assert found.path.name == safe and found.path.read_bytes() == data
    assert found.path.resolve().parent.parent == folder
    assert found.runnable is runnable
    assert [p for p in tmp_path.rglob("*") if p.is_file() and "master" not in p.name] == [
        found.path
    ]


def test_altered_content_is_not_taken_out(stored, tmp_path, monkeypatch, master):
    db, sha, data = stored
    db.execute("UPDATE blobs SET data = ? WHERE sha256 = ?", [b"%PDF-1.4 swapped", sha])
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "settings"))
    with pytest.raises(BadInput, match="校验值不符"):
        evidence.extract(db, sha, "会议纪要.pdf")
    assert not (tmp_path / "settings").exists()


def test_the_words_for_a_program_say_why_and_where(tmp_path):
    zh, en = evidence.runnable_words(tmp_path / "x.pdf.bat")
    assert "x.pdf.bat" in zh and "运行" in zh and str(tmp_path) in zh
    assert "run it" in en


def test_a_folder_that_leads_elsewhere_is_refused(stored, tmp_path, monkeypatch):
    """The resolved path must stay inside: a planted link out of the folder is refused."""
    db, sha, data = stored
    monkeypatch.setenv("IPDESK_CONFIG_DIR", str(tmp_path / "settings"))
    elsewhere = tmp_path / "Startup"
    elsewhere.mkdir()
    (tmp_path / "settings" / "evidence").mkdir(parents=True)
    (tmp_path / "settings" / "evidence" / sha[:16]).symlink_to(elsewhere)
    with pytest.raises(BadInput, match="以外的位置"):
        evidence.extract(db, sha, "会议纪要.pdf")
    assert list(elsewhere.iterdir()) == []
