"""The installed program checks itself (`ipdesk self-check FILE -o FOLDER`, run by
scripts/check_bundle on the PyInstaller bundle).

A bundle that lacks a module fails only when the code that imports it late runs —
printing (reportlab), workbooks (openpyxl), sending (the signatures). So this imports
every module of the package, then opens FILE in the window (offscreen) and does, the
way the window does them, each thing that loads code late: every page; on a department
file the form's 导出报送文件 and 打印本部门表; on a master a district sheet; and the
台账 workbook. Nothing it writes goes anywhere but FOLDER; questions are answered
without a person. Exit status 0 when everything worked.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path
from typing import Any

import ipdesk


def import_every_module() -> list[str]:
    """Import every module of the package; returns the names of those that failed."""
    failed = []
    for found in pkgutil.walk_packages(ipdesk.__path__, "ipdesk."):
        if found.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(found.name)
        except Exception as exc:  # a missing module in a bundle is what this looks for
            failed.append(f"{found.name}: {type(exc).__name__}: {exc}")
    return failed


def run(path: str, folder: str) -> int:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication

    from ipdesk.gui import errors, printing
    from ipdesk.gui.app import make_application
    from ipdesk.gui.main_window import MainWindow
    from ipdesk.gui.settings import Settings
    from ipdesk.gui.views.department_form import DepartmentForm
    from ipdesk.gui.widgets import ask

    failed = import_every_module()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    opened: list[str] = []
    # No person answers: every question is yes, files go to FOLDER, nothing is opened.
    ask.confirm = lambda *a, **k: True  # type: ignore[assignment]
    ask.inform = lambda *a, **k: None  # type: ignore[assignment]
    ask.save_path = lambda parent, title, suggested, pattern="": str(  # type: ignore[assignment]
        out / Path(suggested).name
    )

    def print_to_folder(parent: Any, printer: Any, page_count: int) -> bool:
        # The print dialog answered: a PDF printer writing into FOLDER.
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out / "self-check-printed.pdf"))
        opened.append(printer.outputFileName())
        return True

    printing.choose_printer = print_to_folder  # type: ignore[assignment]

    def open_url(url: QUrl | str) -> bool:
        opened.append(url.toLocalFile() if isinstance(url, QUrl) else url)
        return True

    QDesktopServices.openUrl = open_url  # type: ignore[method-assign]
    problems: list[str] = []
    sys.excepthook = lambda kind, exc, tb: problems.append(f"{kind.__name__}: {exc}")

    app = make_application()
    window = MainWindow(Settings(out / "self-check.ini"))
    window.show()

    def settle() -> None:
        for _ in range(3000):
            app.processEvents()
            if window.session is None or not window.session.jobs.running:
                break
            time.sleep(0.01)
        QApplication.processEvents()

    if not window.open_file(path):
        problems.append(f"cannot open {path}")
    else:
        session = window.session
        assert session is not None
        for key in window.page_keys():
            window.show_page(key)
            settle()
        if session.is_master:
            window.print_district("district", "全区工作推进情况汇总表", "print")
        else:
            window.show_page("form")
            form = window.pages["form"]
            assert isinstance(form, DepartmentForm)
            form.send(str(out / "self-check-sent.ipdesk"))
            settle()
            form.print_sheet()
        settle()
        window.export_ledger()
        settle()
        made = [Path(p).suffix for p in opened] + (
            [".ipdesk"] if (out / "self-check-sent.ipdesk").is_file() else []
        )
        wanted = {".pdf", ".xlsx"} | (set() if session.is_master else {".ipdesk"})
        missing = wanted - set(made)
        if missing:
            problems.append(f"not written: {sorted(missing)}")
        window.close_file()
    problems.extend(text.split("\n")[0] for text in _dialog_texts(errors.open_dialogs()))
    window.close()
    for line in failed + problems:
        print(f"self-check: {line}", file=sys.stderr)
    print(f"self-check: {'OK' if not failed + problems else 'FAILED'} ({path})")
    return 0 if not failed + problems else 1


def _dialog_texts(dialogs: list[Any]) -> list[str]:
    """What the problem and crash dialogs shown meanwhile said."""
    return [d.text() if hasattr(d, "text") else d.windowTitle() for d in dialogs]
