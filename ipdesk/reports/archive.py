"""The 检查验收 archive: one zip holding the printed sheets (district, indicators,
acceptance, timeline and every department's sheet), the 台账 workbook, the
evidence files filed by task code, and a clean copy of the master — with a
contents list giving each file's SHA-256.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ipdesk.errors import BadInput, DiskProblem
from ipdesk.messages import message
from ipdesk.plan import entry
from ipdesk.plan.codes import display_code
from ipdesk.read.department import Evidence, evidence
from ipdesk.read.plan import resolve_period
from ipdesk.read.snapshot import PlanSnapshot, snapshot
from ipdesk.store import clock, disk
from ipdesk.store.files import clean_copy, file_meta, open_readonly
from ipdesk.work import CancelToken, Progress, no_progress

SHEETS = (
    ("district", "01-全区工作推进情况汇总表.pdf"),
    ("indicators", "02-指标完成情况表.pdf"),
    ("acceptance", "03-检查验收逐项疏理表.pdf"),
    ("timeline", "04-工作进度甘特图.pdf"),
)
INDEX_NAME = "佐证材料清单.xlsx"


def safe_name(text: str, limit: int = 80) -> str:
    """A file or folder name that Windows, macOS and zip tools all accept: the one
    sanitiser of ipdesk.plan.entry (a slash in a task's name is kept as "_", not taken
    for a folder), then at most `limit` characters, the extension kept."""
    cleaned = entry.clean_file_name(text.replace("/", "_").replace("\\", "_"))
    return _shortened(cleaned, limit)


# A name in the archive must fit every file system it may be unpacked on: at most 255
# bytes of UTF-8 (Linux, macOS: a CJK character is three) and short enough that the
# whole path stays under Windows' 260 characters.
NAME_CHARS = 100
NAME_BYTES = 240


def _shortened(name: str, limit: int, suffix: str = "") -> str:
    """`name` within `limit` characters (and NAME_BYTES bytes) with `suffix` (such as
    "-2") before its extension, the extension kept."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 16:
        stem, ext = name, ""
    tail = f"{suffix}.{ext}" if ext else suffix
    stem = stem[: max(1, limit - len(tail))]
    while len((stem + tail).encode("utf-8")) > NAME_BYTES and len(stem) > 1:
        stem = stem[:-1]
    return stem + tail


def write_archive(
    master_path: str | Path,
    out_zip: str | Path,
    progress: Progress | None = None,
    *,
    on: date | None = None,
    period: str | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the archive of a master file and return the zip's path.

    Raises:
        BadInput: the file is not a master.
        Cancelled: `cancel` was cancelled (no zip is left behind).
    """
    on = on or clock.today()
    report = progress or no_progress
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
    cancel: CancelToken | None,
) -> tuple[list[tuple[str, Path]], str, PlanSnapshot, int]:
    """Write every file of the archive into `work`; return (archive name, file) pairs."""
    from ipdesk.reports.pdf import write_pdf
    from ipdesk.reports.xlsx_ledger import write_ledger

    db = open_readonly(master_path)
    try:
        if not file_meta(db).is_master:
            raise BadInput(message("archive.only_master_file_can"))
        snap = snapshot(db, on)
        the_period = resolve_period(db, period, on)
        departments = [
            d
            for d in snap.departments.values()
            if any(d.id in t.lead or d.id in t.co for t in snap.tasks)
        ]
        files = evidence(db)
        total = len(SHEETS) + len(departments) + 3
        step = 0
        entries: list[tuple[str, Path]] = []

        def tick(text: str) -> None:
            nonlocal step
            if cancel is not None:
                cancel.check()
            report(step, total, text)
            step += 1

        root = safe_name(f"{snap.info.short_name}-检查验收归档-{on.isoformat()}")
        for kind, name in SHEETS:
            tick(name)
            path = work / name
            write_pdf(db, kind, path, period=the_period, on=on)
            entries.append((f"{root}/报表/{name}", path))
        for n, d in enumerate(departments, start=1):
            tick(d.short_name)
            name = safe_name(f"{n:02d}-{d.short_name}-部门工作进展情况表.pdf")
            path = work / f"dept-{n}.pdf"
            write_pdf(db, "dept", path, department_id=d.id, period=the_period, on=on)
            entries.append((f"{root}/报表/部门工作进展情况表/{name}", path))
        tick("台账")
        ledger = write_ledger(db, work / "ledger.xlsx", on=on)
        entries.append((f"{root}/工作台账.xlsx", ledger))
        tick("佐证材料")
        kept, filed = _evidence(db, snap, files, work, f"{root}/佐证材料")
        entries.extend(kept)
        entries.append((f"{root}/佐证材料/{INDEX_NAME}", _index(filed, work / "index.xlsx")))
        tick("总表")
        copy = clean_copy(db, work / "master.ipdesk")
        entries.append((f"{root}/总表/{safe_name(snap.info.short_name)}-总表.ipdesk", copy))
    finally:
        db.close()
    return entries, root, snap, total


@dataclass
class Filed:
    """One evidence row and where the archive keeps its file."""

    item_code: str
    item: str
    department: str
    period: str
    file_name: str
    arcname: str  # the path inside the archive, below its root folder
    size: int
    sha256: str
    note: str


def _evidence(
    db, snap: PlanSnapshot, files: list[Evidence], work: Path, folder: str
) -> tuple[list[tuple[str, Path]], list[Filed]]:
    """Evidence files named by task (or indicator) code: one folder per item, each file
    prefixed with its period and department, its name made safe by the one sanitiser.
    Nothing is dropped: a file whose name is taken in its folder is the same file when
    its content is the same (kept once), else kept as name-2.ext, name-3.ext …; the
    returned rows (the index sheet) say which evidence is which file."""
    tasks = {t.id: t for t in snap.tasks}
    indicators = {i.id: i for i in snap.indicators}
    entries: list[tuple[str, Path]] = []
    filed: list[Filed] = []
    taken: dict[str, dict[str, str]] = {}  # folder → name (casefolded) → sha256
    stored: dict[str, Path] = {}
    for e in files:
        if e.task_id in tasks:
            t = tasks[e.task_id]
            code, item = t.code, t.label
            owner = safe_name(f"{t.code} {display_code(t.code)} {item}", 60)
        elif e.indicator_id in indicators:
            i = indicators[e.indicator_id]
            code, item = i.code, i.name
            owner = safe_name(f"指标 {i.code} {i.name}", 60)
        else:
            code, item, owner = "", "", "其他"
        dept = snap.dept_name(e.department_id)
        wanted = safe_name(f"{e.period or '—'}-{dept}-{e.file_name}", NAME_CHARS)
        names = taken.setdefault(owner, {})
        name, n = wanted, 1
        # Windows and macOS see A.pdf and a.pdf as one file: compare names casefolded.
        while names.get(name.casefold(), e.sha256) != e.sha256:
            n += 1
            name = _shortened(wanted, NAME_CHARS, f"-{n}")
        arcname = f"{folder}/{owner}/{name}"
        if name.casefold() not in names:
            names[name.casefold()] = e.sha256
            if e.sha256 not in stored:
                blob = db.execute("SELECT data FROM blobs WHERE sha256 = ?", [e.sha256]).fetchone()
                if blob is None:
                    filed.append(
                        Filed(
                            code,
                            item,
                            dept,
                            e.period or "",
                            e.file_name,
                            "",
                            e.size,
                            e.sha256,
                            "文件内容不在总表中（未随报送文件交回）",
                        )
                    )
                    continue
                path = work / f"blob-{e.sha256}"
                path.write_bytes(blob[0])
                stored[e.sha256] = path
            entries.append((arcname, stored[e.sha256]))
            note = f"同名的另一份文件，另存为第 {n} 份" if n > 1 else ""
        else:
            note = "与同名文件内容相同，只存一份"
        filed.append(
            Filed(
                code,
                item,
                dept,
                e.period or "",
                e.file_name,
                arcname.split("/", 1)[1],
                e.size,
                e.sha256,
                note,
            )
        )
    return entries, filed


INDEX_COLUMNS = (
    ("编号", 10),
    ("任务或指标", 40),
    ("单位", 14),
    ("期间", 9),
    ("原文件名", 36),
    ("归档中的文件", 70),
    ("大小（字节）", 12),
    ("SHA-256", 20),
    ("说明", 30),
)


def _index(filed: list[Filed], path: Path) -> Path:
    """The index sheet: every evidence row and the file the archive keeps it as."""
    from openpyxl import Workbook

    from ipdesk.reports import xlsx_style

    wb = Workbook()
    ws = wb.active
    ws.title = "佐证材料清单"
    for n, (header, width) in enumerate(INDEX_COLUMNS, start=1):
        cell = xlsx_style.put(ws, 1, n, header)
        cell.font, cell.fill = xlsx_style.HEADER_FONT, xlsx_style.HEADER_FILL
        ws.column_dimensions[xlsx_style.letter(n)].width = width
    for r, f in enumerate(filed, start=2):
        row = (
            f.item_code,
            f.item,
            f.department,
            f.period,
            f.file_name,
            f.arcname or "（缺）",
            f.size,
            f.sha256,
            f.note,
        )
        for n, value in enumerate(row, start=1):
            xlsx_style.put(ws, r, n, value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{xlsx_style.letter(len(INDEX_COLUMNS))}{max(len(filed) + 1, 2)}"
    with disk.output_file(path) as tmp:
        xlsx_style.save(wb, tmp)
    return path


def _contents(entries: list[tuple[str, Path]], snap: PlanSnapshot, on: date) -> str:
    lines = [
        f"{snap.info.name}",
        f"检查验收归档 · 截至 {on.isoformat()} · 生成于 "
        f"{clock.now().astimezone().strftime('%Y-%m-%d %H:%M')}",
        "",
        "报表/            全区汇总表、指标完成情况表、检查验收逐项疏理表、甘特图，以及各部门进展情况表（PDF）",
        "工作台账.xlsx     任务、进展报告、指标、指标数值、单位",
        "佐证材料/        按任务编号分文件夹存放，文件名前为报送期间和单位；同一文件夹中同名而内容"
        "不同的文件另存为“名称-2”“名称-3”，佐证材料清单.xlsx 逐条列出每份材料存为哪个文件",
        "总表/            总表的完整副本（可用 IPDesk 打开）",
        "",
        "文件清单（SHA-256）：",
    ]
    for arcname, path in entries:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {arcname.split('/', 1)[1]}")
    return "\r\n".join(lines) + "\r\n"
