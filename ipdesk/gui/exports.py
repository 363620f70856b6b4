"""Files the window writes for people, not for the plan: printed sheets, workbooks and
the archive. Each is written on a worker from its own connection, with a cancellable
progress dialog, then opened (PDF, Excel) for the user."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ipdesk.gui.session import Session
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
        db = open_reader(path)
        try:
            return write(db, progress, cancel)
        finally:
            db.close()

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
    **options: Any,
) -> None:
    """A printed sheet (ipdesk.reports.pdf KIND) of the chosen period as PDF, opened for
    printing. `name` is the file's name without the extension."""
    out = print_folder() / f"{name}.pdf"
    period = str(session.period)

    def write(db: Any, progress: Progress, cancel: CancelToken) -> Path:
        from ipdesk.reports.pdf import write_pdf  # reportlab: loaded when first printed

        return write_pdf(db, kind, out, period=period, progress=progress, cancel=cancel, **options)

    write_and_open(
        session, parent, translate("Exports", "正在生成 {title}…").format(title=name), write, told
    )
