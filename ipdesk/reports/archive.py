"""The 检查验收 archive: one zip holding the printed sheets (district, indicators,
acceptance, timeline and every department's sheet), the 台账 workbook, the
evidence files filed by task code, and a clean copy of the master — with a
contents list giving each file's SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ipdesk.errors import BadInput, DiskProblem
from ipdesk.plan.codes import display_code
from ipdesk.reports import data
from ipdesk.store import clock, disk
from ipdesk.store.files import clean_copy, file_meta, open_readonly

Progress = Callable[[int, int, str], None]
SHEETS = (
    ("district", "01-全区工作推进情况汇总表.pdf"),
    ("indicators", "02-指标完成情况表.pdf"),
    ("acceptance", "03-检查验收逐项疏理表.pdf"),
    ("timeline", "04-工作进度甘特图.pdf"),
)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str, limit: int = 80) -> str:
    """A file or folder name that Windows, macOS and zip tools all accept."""
    cleaned = _UNSAFE.sub("_", text).strip(" .") or "_"
    if len(cleaned) > limit:
        stem, dot, ext = cleaned.rpartition(".")
        if dot and len(ext) <= 8:
            cleaned = stem[: limit - len(ext) - 1] + "." + ext
        else:
            cleaned = cleaned[:limit]
    return cleaned


def write_archive(
    master_path: str | Path,
    out_zip: str | Path,
    progress: Progress | None = None,
    *,
    on: date | None = None,
    period: str | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    """Write the archive of a master file and return the zip's path.

    Raises:
        BadInput: the file is not a master.
        KeyboardInterrupt: `cancel()` said so (no zip is left behind).
    """
    on = on or clock.today()
    report = progress or (lambda done, total, text: None)
    out = disk.check_output(out_zip)
    work = Path(tempfile.mkdtemp(prefix="ipdesk-archive-"))
    try:
        try:
            entries, root, snap, total = _collect(master_path, work, on, period, report, cancel)
        except DiskProblem as exc:
            if not exc.path.startswith(str(work)):
                raise
            # The sheets are made in a temporary folder first; name what the user asked for.
            raise DiskProblem(exc.code, out, detail=str(exc.params.get("detail", ""))) from exc
        manifest = _contents(entries, snap, on)
        with disk.output_file(out) as tmp:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                zf.writestr(f"{root}/说明.txt", manifest.encode("utf-8-sig"))
                for arcname, path in entries:
                    zf.write(path, arcname)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(total, total, "完成")
    return out


def _collect(
    master_path: str | Path,
    work: Path,
    on: date,
    period: str | None,
    report: Progress,
    cancel: Callable[[], bool] | None,
) -> tuple[list[tuple[str, Path]], str, data.PlanSnapshot, int]:
    """Write every file of the archive into `work`; return (archive name, file) pairs."""
    from ipdesk.reports.pdf import write_pdf
    from ipdesk.reports.xlsx_ledger import write_ledger

    db = open_readonly(master_path)
    try:
        if not file_meta(db).is_master:
            raise BadInput(
                "只有总表可以生成检查验收归档。", "only the master file can be archived."
            )
        snap = data.snapshot(db, on)
        the_period = data.parse_period(db, period, on)
        departments = [
            d
            for d in snap.departments.values()
            if any(d["id"] in t.lead or d["id"] in t.co for t in snap.tasks)
        ]
        files = data.evidence(db)
        total = len(SHEETS) + len(departments) + 3
        step = 0
        entries: list[tuple[str, Path]] = []

        def tick(text: str) -> None:
            nonlocal step
            if cancel and cancel():
                raise KeyboardInterrupt
            report(step, total, text)
            step += 1

        root = safe_name(f"{snap.info.short_name}-检查验收归档-{on.isoformat()}")
        for kind, name in SHEETS:
            tick(name)
            path = work / name
            write_pdf(db, kind, path, period=the_period, on=on)
            entries.append((f"{root}/报表/{name}", path))
        for n, d in enumerate(departments, start=1):
            tick(d["short_name"])
            name = safe_name(f"{n:02d}-{d['short_name']}-部门工作进展情况表.pdf")
            path = work / f"dept-{n}.pdf"
            write_pdf(db, "dept", path, department_id=d["id"], period=the_period, on=on)
            entries.append((f"{root}/报表/部门工作进展情况表/{name}", path))
        tick("台账")
        ledger = write_ledger(db, work / "ledger.xlsx", on=on)
        entries.append((f"{root}/工作台账.xlsx", ledger))
        tick("佐证材料")
        entries.extend(_evidence(db, snap, files, work, f"{root}/佐证材料"))
        tick("总表")
        copy = clean_copy(db, work / "master.ipdesk")
        entries.append((f"{root}/总表/{safe_name(snap.info.short_name)}-总表.ipdesk", copy))
    finally:
        db.close()
    return entries, root, snap, total


def _evidence(
    db, snap: data.PlanSnapshot, files: list[data.Evidence], work: Path, folder: str
) -> list[tuple[str, Path]]:
    """Evidence files named by task (or indicator) code: one folder per item, each
    file prefixed with its period and department; repeats of one file for one item
    are kept once."""
    tasks = {t.id: t for t in snap.tasks}
    indicators = {i.id: i for i in snap.indicators}
    entries: list[tuple[str, Path]] = []
    used: set[str] = set()
    stored: dict[str, Path] = {}
    for e in files:
        if e.task_id in tasks:
            t = tasks[e.task_id]
            owner = safe_name(f"{t.code} {display_code(t.code)} {data.label(t)}", 60)
        elif e.indicator_id in indicators:
            i = indicators[e.indicator_id]
            owner = safe_name(f"指标 {i.code} {i.name}", 60)
        else:
            owner = "其他"
        name = safe_name(f"{e.period or '—'}-{snap.dept_name(e.department_id)}-{e.file_name}")
        arcname = f"{folder}/{owner}/{name}"
        if arcname in used:
            continue
        used.add(arcname)
        if e.sha256 not in stored:
            blob = db.execute("SELECT data FROM blobs WHERE sha256 = ?", [e.sha256]).fetchone()
            if blob is None:
                continue
            path = work / f"blob-{e.sha256}"
            path.write_bytes(blob[0])
            stored[e.sha256] = path
        entries.append((arcname, stored[e.sha256]))
    return entries


def _contents(entries: list[tuple[str, Path]], snap: data.PlanSnapshot, on: date) -> str:
    lines = [
        f"{snap.info.name}",
        f"检查验收归档 · 截至 {on.isoformat()} · 生成于 "
        f"{clock.now().astimezone().strftime('%Y-%m-%d %H:%M')}",
        "",
        "报表/            全区汇总表、指标完成情况表、检查验收逐项疏理表、甘特图，以及各部门进展情况表（PDF）",
        "工作台账.xlsx     任务、进展报告、指标、指标数值、单位",
        "佐证材料/        按任务编号分文件夹存放，文件名前为报送期间和单位",
        "总表/            总表的完整副本（可用 IPDesk 打开）",
        "",
        "文件清单（SHA-256）：",
    ]
    for arcname, path in entries:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {arcname.split('/', 1)[1]}")
    return "\r\n".join(lines) + "\r\n"
