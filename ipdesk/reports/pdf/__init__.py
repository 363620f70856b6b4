"""The printed sheets (DESIGN.md §6): one module per kind, one page template.

`write_pdf(db, kind, out_path, …)` is what the window and `ipdesk pdf` call.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlite_utils

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.plan.periods import Period
from ipdesk.store import clock, disk
from ipdesk.work import CancelToken, Progress, checked

KINDS = {
    "dept": "部门工作进展情况表",
    "district": "全区工作推进情况汇总表",
    "indicators": "指标完成情况表",
    "acceptance": "检查验收逐项疏理表",
    "timeline": "工作进度甘特图",
}


def write_pdf(
    db: sqlite_utils.Database,
    kind: str,
    out_path: str | Path,
    *,
    department_id: str | None = None,
    period: Period | str | None = None,
    on: date | None = None,
    progress: Progress | None = None,
    paper: str = "A4",
    cancel: CancelToken | None = None,
) -> Path:
    """Write one printed sheet.

    Args:
        db: The plan file.
        kind: dept | district | indicators | acceptance | timeline.
        out_path: Where the PDF goes (written to a temporary name, then moved, so a
            failed run never leaves half a PDF under the real name).
        department_id: For kind dept; in a department file its own department.
        period: A Period or its text; default the current reporting period.
        on: The day the lights are judged on; default today.
        progress: Called with (pages done, 0, text) while pages are laid out.
        paper: "A4" (default) or "A3" — used by the timeline.
        cancel: Looked at every page; once cancelled the work stops with
            ipdesk.work.Cancelled and no file is written.

    Returns:
        The path written.

    Raises:
        BadInput: An unknown kind, a missing department or an unreadable period.
    """
    if kind not in KINDS:
        names = " | ".join(KINDS)
        raise BadInput(
            message("pdf.unknown_sheet_kind_choose", kind=kind, names=names),
        )
    from ipdesk.read.plan import resolve_period

    on = on or clock.today()
    period_value = resolve_period(db, period, on)
    out = Path(out_path)
    progress = checked(progress, cancel)
    with disk.output_file(out) as tmp:
        if kind == "dept":
            from ipdesk.reports.pdf.dept import build_dept

            build_dept(
                db, tmp, department_id=department_id, period=period_value, on=on, progress=progress
            )
        elif kind == "district":
            from ipdesk.reports.pdf.district import build_district

            build_district(db, tmp, period=period_value, on=on, progress=progress)
        elif kind == "indicators":
            from ipdesk.reports.pdf.indicators import build_indicators

            build_indicators(db, tmp, period=period_value, on=on, progress=progress)
        elif kind == "acceptance":
            from ipdesk.reports.pdf.acceptance import build_acceptance

            build_acceptance(db, tmp, on=on, progress=progress)
        else:
            from ipdesk.reports.pdf.timeline import build_timeline

            build_timeline(db, tmp, on=on, paper=paper, progress=progress)
    return out
