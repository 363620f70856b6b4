"""Printing as in an office program: Ctrl+P opens the print dialog (printer, copies,
range, orientation), 打印预览 shows the same pages, 另存为 PDF writes where the user
chooses. Printed here to a PDF printer and read back with poppler's tools."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QPageLayout
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from ipdesk.gui import printing
from tests.gui.test_department_form import open_form


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(pages_of(pdf)), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and " size:" in line:
            width, _, height = line.split("size:")[1].split()[:3]
            sizes.append((float(width), float(height)))
    return sizes


def preview_shown() -> Any:
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "sheetPreview"]
    return found[-1] if found and found[-1].isVisible() else None


@pytest.fixture
def print_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """The print dialog answered as a user would: a PDF printer, pages 1–2, 2 copies."""
    asked: dict[str, Any] = {"out": tmp_path / "printed.pdf"}

    def choose(parent: Any, printer: QPrinter, page_count: int) -> bool:
        asked["page_count"] = page_count
        asked["orientation"] = printer.pageLayout().orientation()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(asked["out"]))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 2)
        printer.setCopyCount(2)
        printer.setCollateCopies(True)
        return True

    monkeypatch.setattr(printing, "choose_printer", choose)
    return asked


def test_ctrl_p_prints_the_chosen_pages_and_copies_through_the_print_dialog(
    window, dept_file, print_dialog, qtbot
):
    form = open_form(window, dept_file("kjj"))  # 区科技局: a sheet of several pages
    assert window.act_print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.act_print.trigger()
    out = print_dialog["out"]
    qtbot.waitUntil(lambda: "已送打印" in window.statusBar().currentMessage(), timeout=20000)
    # The whole sheet was offered (more than the two pages chosen), in landscape.
    assert print_dialog["page_count"] > 2
    assert print_dialog["orientation"] == QPageLayout.Orientation.Landscape
    # Pages 1–2, two collated copies: four pages on the PDF printer, in landscape.
    assert pages_of(out) == 4
    assert all(width > height for width, height in page_sizes(out))
    assert form.department_id is not None


def test_the_print_dialog_offers_printer_copies_range_and_the_sheets_pages(qtbot, tmp_path):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "three.pdf"
    canvas = Canvas(str(pdf), pagesize=landscape(A4))
    for n in range(3):
        canvas.drawString(100, 100, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    pages = printing.SheetPages(pdf)
    printer = printing.new_printer(pages)
    seen: dict[str, Any] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        seen["range"] = (dialog.minPage(), dialog.maxPage())
        seen["options"] = dialog.options()
        dialog.reject()

    QTimer.singleShot(0, look)
    assert not printing.choose_printer(None, printer, pages.count)
    assert seen["range"] == (1, 3)
    for option in (
        QAbstractPrintDialog.PrintDialogOption.PrintPageRange,
        QAbstractPrintDialog.PrintDialogOption.PrintToFile,
        QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies,
    ):
        assert seen["options"] & option
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape


def test_preview_shows_every_page_of_the_sheet_and_saves_it_as_pdf(
    window, dept_file, answers, tmp_path, qtbot
):
    open_form(window, dept_file("kjj"))
    window.act_preview.trigger()
    qtbot.waitUntil(lambda: preview_shown() is not None, timeout=20000)
    preview = preview_shown()
    written = preview.pages.pdf
    assert preview.widget.pageCount() == pages_of(written) > 1
    answers.save.append(str(tmp_path / "saved"))
    preview.save_action.trigger()
    saved = tmp_path / "saved.pdf"
    assert "区科技局" in text_of(saved)
    assert pages_of(saved) == pages_of(written)
    preview.close()


def test_save_as_pdf_writes_the_sheet_where_the_user_chose(
    window, dept_file, answers, tmp_path, qtbot
):
    open_form(window, dept_file("jrj"))
    target = tmp_path / "给领导" / "金融局三季度.pdf"
    target.parent.mkdir()
    answers.save.append(str(target))
    window.act_save_pdf.trigger()
    qtbot.waitUntil(lambda: str(target) in window.statusBar().currentMessage(), timeout=20000)
    text = text_of(target)
    assert "重点工作进展情况表" in text and "区金融局" in text


def test_district_sheets_open_in_the_preview(window, demo_master, qtbot):
    window.open_file(demo_master)
    assert window.print_menu.isEnabled()
    action = window.findChild(type(window.act_open), "actPrint_district")
    action.trigger()
    qtbot.waitUntil(lambda: preview_shown() is not None, timeout=30000)
    preview = preview_shown()
    assert preview.widget.pageCount() == pages_of(preview.pages.pdf)
    assert "全区工作推进情况汇总表" in preview.windowTitle()
    preview.close()


def test_the_whole_sheet_printed_to_a_pdf_file_keeps_its_text(
    window, dept_file, print_dialog, monkeypatch, qtbot
):
    """Every page once to a PDF file: the sheet itself (text that pdftotext reads
    back), every page, in landscape; not pictures of its pages."""

    def every_page(parent: Any, printer: QPrinter, page_count: int) -> bool:
        print_dialog["page_count"] = page_count
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(print_dialog["out"]))
        return True

    monkeypatch.setattr(printing, "choose_printer", every_page)
    open_form(window, dept_file("kjj"))
    window.act_print.trigger()
    out = print_dialog["out"]
    qtbot.waitUntil(lambda: "已送打印" in window.statusBar().currentMessage(), timeout=20000)
    assert pages_of(out) == print_dialog["page_count"] > 1
    assert all(width > height for width, height in page_sizes(out))
    text = text_of(out)
    assert "重点工作进展情况表" in text and "区科技局" in text


def test_a_page_range_printed_to_a_pdf_file_has_those_pages(window, dept_file, print_dialog, qtbot):
    """A range (pages 1–2, two copies) is drawn page by page: 4 pages, landscape."""
    open_form(window, dept_file("kjj"))
    window.act_print.trigger()
    qtbot.waitUntil(lambda: "已送打印" in window.statusBar().currentMessage(), timeout=20000)
    assert "（2 页）" in window.statusBar().currentMessage()
    out = print_dialog["out"]
    assert pages_of(out) == 4
    assert all(width > height for width, height in page_sizes(out))
