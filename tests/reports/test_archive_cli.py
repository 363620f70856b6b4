"""The 检查验收 archive, and the report commands as a user types them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ipdesk.errors import BadInput
from ipdesk.reports.archive import safe_name, write_archive
from ipdesk.store.files import check_readonly
from tests.core.helpers import run_cli
from tests.reports.conftest import ON, TODAY, pdf_text


def query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.slow
def test_archive_holds_sheets_ledger_evidence_and_a_clean_master(demo_master, tmp_path):
    seen = []
    out = write_archive(
        demo_master,
        tmp_path / "归档.zip",
        on=ON,
        period="2025Q2",
        progress=lambda done, total, text: seen.append((done, total)),
    )
    assert seen and seen[-1][0] == seen[-1][1]
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        zf.extractall(folder)
    root = folder / names[0].split("/")[0]
    reports = root / "报表"
    for name in (
        "01-全区工作推进情况汇总表.pdf",
        "02-指标完成情况表.pdf",
        "03-检查验收逐项疏理表.pdf",
        "04-工作进度甘特图.pdf",
    ):
        assert "第 1 页" in pdf_text(reports / name)
    dept_sheets = sorted((reports / "部门工作进展情况表").glob("*.pdf"))
    leading = query(
        demo_master, "SELECT count(DISTINCT department_id) FROM assignments WHERE deleted = 0"
    )
    assert len(dept_sheets) == leading[0][0]
    assert "区委宣传部" in pdf_text(next(p for p in dept_sheets if "区委宣传部" in p.name))

    ledger = load_workbook(root / "工作台账.xlsx", read_only=True)
    assert ledger.sheetnames[:2] == ["任务", "进展报告"]

    evidence = query(
        demo_master,
        """
        SELECT t.code, e.file_name, b.data FROM evidence e JOIN tasks t ON t.id = e.task_id
        JOIN blobs b ON b.sha256 = e.sha256 WHERE e.deleted = 0""",
    )
    assert evidence
    for code, file_name, blob in evidence:
        found = [
            p
            for p in (root / "佐证材料").rglob("*")
            if p.is_file() and p.parent.name.startswith(code + " ") and p.name.endswith(file_name)
        ]
        assert len(found) == 1, (code, file_name)
        assert found[0].read_bytes() == blob

    copy = next((root / "总表").glob("*.ipdesk"))
    check_readonly(copy, full=True)
    assert not Path(str(copy) + "-wal").exists()
    for table in ("tasks", "progress_reports", "indicator_values", "evidence"):
        assert query(copy, f"SELECT count(*) FROM {table}") == query(
            demo_master, f"SELECT count(*) FROM {table}"
        )

    listing = (root / "说明.txt").read_text(encoding="utf-8-sig")
    for line in listing.splitlines():
        if len(line) > 66 and line[64:66] == "  ":
            digest, rel = line[:64], line[66:]
            assert hashlib.sha256((root / rel).read_bytes()).hexdigest() == digest


def test_archive_needs_the_master(demo_master, tmp_path):
    from ipdesk.merge.issue import issue_department_file
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_department

    db = open_plan(demo_master)
    try:
        dept_file = issue_department_file(
            db, find_department(db, "软件谷").id, tmp_path / "rjg.ipdesk"
        )
    finally:
        db.close()
    with pytest.raises(BadInput, match="只有总表"):
        write_archive(dept_file, tmp_path / "a.zip")
    assert not (tmp_path / "a.zip").exists()


def test_safe_names_for_every_system():
    assert safe_name('a/b\\c:d*e?f"g<h>i|j') == "a_b_c_d_e_f_g_h_i_j"
    assert safe_name("  .hidden. ") == "hidden"
    long = safe_name("很长的名字" * 40 + ".pdf", 80)
    assert len(long) == 80 and long.endswith(".pdf")


@pytest.mark.slow
def test_commands(demo_master, tmp_path):
    env = {"IPDESK_TODAY": TODAY}
    pdf = tmp_path / "dept.pdf"
    done = run_cli(
        "pdf", demo_master, "dept", "--dept", "区委宣传部", "--period", "2025Q2", "-o", pdf, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "区委宣传部" in pdf_text(pdf)

    refused = run_cli("pdf", demo_master, "dept", "-o", tmp_path / "x.pdf", env=env)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "--dept" in refused.stderr

    book = tmp_path / "xcb.xlsx"
    assert (
        run_cli("xlsx-dept", demo_master, "--dept", "区委宣传部", "-o", book, env=env).returncode
        == 0
    )
    wb = load_workbook(book)
    wb["任务进展"].cell(3, 7, "一百五")
    wb.save(book)
    bad = run_cli("import-xlsx", demo_master, book, env=env)
    assert bad.returncode == 2 and "第 3 行 G 列" in bad.stderr and bad.stderr.count("\n") == 1
    wb["任务进展"].cell(3, 7, 30)
    wb["任务进展"].cell(3, 6, "推进中")
    wb.save(book)
    good = run_cli("import-xlsx", demo_master, book, "--json", env=env)
    assert good.returncode == 0, good.stderr
    result = json.loads(good.stdout)
    assert (result["result"], result["new"], result["file"]) == ("merged", 1, str(book))

    ledger = tmp_path / "l.xlsx"
    assert run_cli("xlsx", demo_master, "-o", ledger, env=env).returncode == 0
    assert load_workbook(ledger, read_only=True).sheetnames[0] == "任务"

    template = tmp_path / "t.xlsx"
    assert run_cli("breakdown-template", "-o", template).returncode == 0
    made = run_cli("import-breakdown", template, "-o", tmp_path / "new.ipdesk")
    assert made.returncode == 0 and "任务 5" in made.stdout and "tasks 5" in made.stdout


@pytest.mark.slow
def test_the_archive_keeps_every_evidence_file_and_says_which_is_which(demo_master, tmp_path):
    """Two files of one name, names alike in their first 80 characters (and beyond what a
    name may hold), the same file attached twice: every content is kept once, the others
    as name-2, name-3, and the index sheet lists each evidence row and its file."""
    from ipdesk.plan.entry import clean_file_name
    from ipdesk.store import edits
    from ipdesk.store.files import open_plan
    from ipdesk.store.names import find_department, find_task

    folders = [tmp_path / f"from-{n}" for n in range(4)]
    for folder in folders:
        folder.mkdir()
    alike = "检查验收佐证材料" * 10  # 80 characters
    latin = ("minutes-of-the-meeting-" * 6)[:130]  # longer than a name may be (120)
    attached = [
        (folders[0] / "会议纪要.pdf", b"first minutes"),
        (folders[1] / "会议纪要.pdf", b"second minutes, other content"),
        (folders[2] / "会议纪要.pdf", b"first minutes"),  # the same content again
        (folders[0] / f"{alike}甲.pdf", b"alike A"),
        (folders[0] / f"{alike}乙.pdf", b"alike B"),
        (folders[1] / f"{latin}A.pdf", b"long A"),  # alike beyond the name limit
        (folders[2] / f"{latin}B.pdf", b"long B"),
    ]
    db = open_plan(demo_master)
    try:
        task = find_task(db, "3.2.1").id
        dept = find_department(db, "科技局").id
        for path, content in attached:
            path.write_bytes(content)
            edits.add_evidence(db, dept, path, task_id=task, period="2025Q3")
    finally:
        db.close()
    out = write_archive(demo_master, tmp_path / "归档.zip", on=ON, period="2025Q2")
    unzipped = tmp_path / "unzipped"
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        zf.extractall(unzipped)
    assert len(names) == len(set(n.casefold() for n in names))
    folder = next(p for p in (unzipped).rglob("*") if p.is_dir() and p.name.startswith("3.2.1 "))
    kept = {p.name: p.read_bytes() for p in folder.iterdir()}
    contents = [c for p, c in attached]
    # Every distinct content is there, once per name it came under; the repeat is not.
    assert sorted(kept.values()) == sorted(set(contents[:2]) | set(contents[3:]))
    assert len(kept) == 6
    minutes = {n: c for n, c in kept.items() if "会议纪要" in n}
    assert set(minutes) == {"2025Q3-区科技局-会议纪要.pdf", "2025Q3-区科技局-会议纪要-2.pdf"}
    assert all(len(n) <= 100 and len(n.encode()) <= 240 and n.endswith(".pdf") for n in kept)

    index = load_workbook(next(unzipped.rglob("佐证材料清单.xlsx")), read_only=True)
    rows = list(index.active.iter_rows(min_row=2, values_only=True))
    mine = [r for r in rows if r[0] == "3.2.1" and r[3] == "2025Q3" and r[2] == "区科技局"]
    assert len(mine) == len(attached)
    for row in mine:
        file_name, stored, size, digest = row[4], row[5], row[6], row[7]
        data = (unzipped / names[0].split("/")[0] / stored).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest and len(data) == size
        # (the name as stored: the long ones were cut to the 120 characters a name may have)
        assert any(clean_file_name(p.name) == file_name and c == data for p, c in attached)
    notes = [r[8] for r in mine]
    assert any("内容相同" in (n or "") for n in notes)
    assert any("第 2 份" in (n or "") for n in notes)
