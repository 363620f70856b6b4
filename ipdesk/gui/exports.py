"""Files the window writes for people, not for the plan: printed sheets, workbooks and
the archive. Each is written on a worker from its own connection, with a cancellable
progress dialog, then opened (PDF, Excel) for the user."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ipdesk.gui.session import Session
from ipdesk.gui.widgets import ask
from ipdesk.store.files import open_reader
from ipdesk.work import CancelToken, Progress

translate = QCoreApplication.translate


def print_folder() -> Path:
    """Where sheets go to be printed (the system's temporary folder)."""
    folder = Path(tempfile.gettempdir()) / "ipdesk-print"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_and_open(
    session: Session,
    parent: QWidget,
    title: str,
    write: Callable[[Any, Progress, CancelToken], Path],
    told: Callable[[str], None],
) -> None:
    """Run `write(db, progress, cancel)` on a worker over its own connection to the open
    file, then open what it wrote and tell `told` so."""
    path = session.path

    def job(progress: Progress, cancel: CancelToken) -> Path:
        with closing(open_reader(path)) as db:
            return write(db, progress, cancel)

    def done(result: Path) -> None:
        told(translate("Exports", "已生成 {name}").format(name=result.name))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

    session.jobs.start(job, on_done=done, progress_parent=parent, title=title)


def print_sheet(
    session: Session,
    parent: QWidget,
    kind: str,
    name: str,
    told: Callable[[str], None],
    how: str = "print",
    **options: Any,
) -> None:
    """A printed sheet (ipdesk.reports.pdf KIND) of the chosen period, written as PDF on
    a worker, then, by `how`: "print" — the print dialog (printer, copies, range,
    orientation); "preview" — the print preview (with 打印… and 另存为 PDF…); "pdf" —
    saved where the user chooses (asked first). `name` is the file's name without the
    extension."""
    from ipdesk.gui import printing

    folder = Path(
        (session.settings.send_folder if session.settings is not None else "")
        or session.path.parent
    )
    suggested = folder / f"{name}.pdf"
    if how == "pdf":
        chosen = ask.save_path(
            parent, translate("Exports", "另存为 PDF"), str(suggested), "PDF (*.pdf)"
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
    else:
        out = print_folder() / f"{name}.pdf"
    period = str(session.period)

    def job(progress: Progress, cancel: CancelToken) -> Path:
        from ipdesk.reports.pdf import write_pdf  # reportlab: loaded when first printed

        with closing(open_reader(session.path)) as db:
            return write_pdf(
                db, kind, out, period=period, progress=progress, cancel=cancel, **options
            )

    def done(result: Path) -> None:
        if how == "pdf":
            told(translate("Exports", "已保存 {path}").format(path=result))
        elif how == "preview":
            preview = printing.SheetPreview(result, parent, told, suggested)
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.open()
        else:
            printing.print_pdf(parent, result, told)

    session.jobs.start(
        job,
        on_done=done,
        progress_parent=parent,
        title=translate("Exports", "正在生成 {title}…").format(title=name),
    )
