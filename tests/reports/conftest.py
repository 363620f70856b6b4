"""Fixtures of the report tests: the demo master (the built-in plan with sample
progress up to 2025-08-20), "today" fixed to that day, and the printed sheets made
once per session from a read-only copy (each test that changes a file gets its own)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from ipdesk.store.files import open_plan
from ipdesk.store.names import find_department
from tests.masters import made

TODAY = "2025-08-20"
ON = date(2025, 8, 20)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("IPDESK_TODAY", TODAY)
    monkeypatch.setenv("IPDESK_SITE_ID", "coordinator-pc")
    monkeypatch.delenv("IPDESK_FAKE_NOW", raising=False)


@pytest.fixture
def plain_master(master: Path) -> Path:
    """A fresh copy of the built-in plan's master (safe to change)."""
    return master


@dataclass
class Sheet:
    path: Path
    pages: int
    text: str  # pdftotext of the whole document (pages separated by \f)

    def page(self, n: int) -> str:
        return self.text.split("\f")[n - 1]


def pdf_text(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def read_sheet(path: Path) -> Sheet:
    return Sheet(path, pdf_pages(path), pdf_text(path))


@pytest.fixture(scope="session")
def sheet_master(tmp_path_factory) -> Path:
    """The copy of the demo master the session's sheets are made from (read it only)."""
    master = tmp_path_factory.mktemp("sheets") / "demo.ipdesk"
    shutil.copyfile(made(tmp_path_factory, "demo"), master)
    return master


@pytest.fixture(scope="session")
def sheets(sheet_master) -> dict[str, Sheet]:
    """Every kind of printed sheet, made once from one copy of the demo master."""
    from ipdesk.reports.pdf import write_pdf

    folder = sheet_master.parent
    db = open_plan(sheet_master)
    try:
        made = {}
        for kind in ("district", "indicators", "acceptance", "timeline"):
            made[kind] = write_pdf(db, kind, folder / f"{kind}.pdf", period="2025Q2", on=ON)
        made["dept"] = write_pdf(
            db,
            "dept",
            folder / "dept.pdf",
            on=ON,
            period="2025Q1",
            department_id=find_department(db, "区知识产权局").id,
        )
        made["dept_small"] = write_pdf(
            db,
            "dept",
            folder / "dept-small.pdf",
            on=ON,
            period="2025Q2",
            department_id=find_department(db, "区委宣传部").id,
        )
    finally:
        db.close()
    return {kind: read_sheet(path) for kind, path in made.items()}
