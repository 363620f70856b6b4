"""`ipdesk read-plan` and `ipdesk new --from-document` as a user runs them; a file
that cannot be read is refused with one line (Chinese and English), exit status 2,
and nothing written."""

from __future__ import annotations

import json
import zipfile

import pytest

from ipdesk.cli import main
from tests.core.helpers import ROOT, run_cli

SEED = ROOT / "tests" / "data" / "plan_document.pdf"
KEYS = ["title", "issuer", "date", "phases", "departments", "tasks", "indicators", "unread"]


def test_read_plan_json_has_the_design_keys_and_writes_nothing(tmp_path):
    run = run_cli("read-plan", SEED, "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert list(data)[: len(KEYS)] == KEYS
    assert data["phases"][0] == {
        "code": "4.1",
        "name": "宣传发动阶段",
        "start": "2023-11-01",
        "end": "2023-12-31",
        "text": "",
    }
    task = next(t for t in data["tasks"] if t["code"] == "3.1.1.2")
    assert (task["number"], task["parent"], task["level"]) == ("三（一）1·二是", "3.1.1", 4)
    ind = next(i for i in data["indicators"] if i["code"] == "2.6.1")
    assert (ind["target"], ind["unit"], ind["comparator"], ind["kind"]) == (130, "人", "gt", "new")
    assert next(i for i in data["indicators"] if i["kind"] == "yesno")["target"] is None
    assert data["unread"] == []
    assert list(tmp_path.iterdir()) == []


def test_new_from_document_creates_the_master(tmp_path, capsys):
    out = tmp_path / "新计划.ipdesk"
    assert main(["new", str(out), "--from-document", str(SEED)]) == 0
    printed = capsys.readouterr().out
    assert "任务 50" in printed and "tasks 50" in printed
    from ipdesk.store.files import open_plan

    db = open_plan(out)
    try:
        assert db["indicators"].count == 25 and db["phases"].count == 3
    finally:
        db.close()


def _encrypted_pdf(path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "plan")
    c.save()


def _image_only_pdf(path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 500, fill=1)  # a scanned page: marks, no text layer
    c.save()


BAD = {
    "corrupt.docx": lambda p: p.write_bytes(b"PK\x03\x04 this is not really a zip"),
    "nodoc.docx": lambda p: zipfile.ZipFile(p, "w").writestr("hello.txt", "not word"),
    "encrypted.pdf": _encrypted_pdf,
    "scan.pdf": _image_only_pdf,
    "broken.pdf": lambda p: p.write_bytes(b"%PDF-1.4\n garbage garbage"),
    "plan.xlsx": lambda p: p.write_bytes(b"PK\x03\x04"),
    "empty.txt": lambda p: p.write_bytes(b""),
    "binary.txt": lambda p: p.write_bytes(b"\x00\x01\x02\x03" * 50),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_document_is_refused_with_one_line_and_nothing_written(tmp_path, capsys, name):
    doc = tmp_path / name
    BAD[name](doc)
    out = tmp_path / "never.ipdesk"
    assert main(["new", str(out), "--from-document", str(doc)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "无法读取工作方案文件" in err and "cannot read" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert main(["read-plan", str(doc)]) == 2


def test_refusals_name_the_reason(tmp_path, capsys):
    for name, words in (
        ("encrypted.pdf", "加密"),
        ("scan.pdf", "没有文字层"),
        ("plan.xlsx", "不支持"),
    ):
        BAD[name](tmp_path / name)
        assert main(["read-plan", str(tmp_path / name)]) == 2
        assert words in capsys.readouterr().err


def test_a_subprocess_never_shows_a_traceback(tmp_path):
    doc = tmp_path / "x.docx"
    BAD["corrupt.docx"](doc)
    run = run_cli("read-plan", doc)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith("ipdesk: 无法读取工作方案文件 x.docx")


def test_continue_from_needs_a_document(tmp_path, capsys):
    assert main(["new", str(tmp_path / "n.ipdesk"), "--continue-from", "old.ipdesk"]) == 2
    assert "--from-document" in capsys.readouterr().err
