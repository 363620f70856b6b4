"""Printing a sheet the way an office program does: the print dialog (printer, copies,
page range, orientation), a preview of the same pages, and 另存为 PDF.

Every printed sheet is first written as a PDF by ipdesk.reports.pdf (on a worker);
the printer and the preview draw that PDF's pages, rendered by QtPdf, so what is
printed, previewed and saved is one and the same document. The pages reach a printer
as pictures (QtPdf renders no text); printing every page once to a PDF file copies
the sheet itself, text and all, and 另存为 PDF always does.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QToolBar, QWidget

from ipdesk.gui.widgets import ask

translate = QCoreApplication.translate

# Pages are drawn as pictures: fine enough for print, small enough for memory
# (an A4 page at 300 dpi is a 35 MB picture, drawn and dropped one at a time).
PRINT_DPI = 300
PREVIEW_DPI = 150


class SheetPages:
    """The pages of a written sheet (a PDF), drawn onto a printer or a preview."""

    def __init__(self, pdf: Path, parent: QWidget | None = None) -> None:
        self.pdf = pdf
        self.document = QPdfDocument(parent)  # type: ignore[arg-type]  # None is allowed
        self.document.load(str(pdf))

    @property
    def count(self) -> int:
        return self.document.pageCount()

    def landscape(self) -> bool:
        """Whether the sheet's first page is wider than high (printed in landscape)."""
        if self.count == 0:
            return False
        size = self.document.pagePointSize(0)
        return size.width() > size.height()

    def chosen(self, printer: QPrinter) -> list[int]:
        """The pages (0-based) the printer's range asks for; all of them by default."""
        every = list(range(self.count))
        ranges = printer.pageRanges()
        if printer.printRange() != QPrinter.PrintRange.PageRange or ranges.isEmpty():
            return every
        return [n for n in every if ranges.contains(n + 1)]

    def paint(self, printer: QPrinter, dpi: int = PRINT_DPI) -> None:
        """Draw the chosen pages, each scaled to fit the printer's page (so a landscape
        sheet printed on portrait paper shrinks, never clips), `copies` times when the
        printer cannot make copies itself."""
        pages = self.chosen(printer)
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        if printer.collateCopies():
            order = [n for _ in range(copies) for n in pages]
        else:
            order = [n for n in pages for _ in range(copies)]
        painter = QPainter()
        if not order or not painter.begin(printer):
            return
        try:
            for i, n in enumerate(order):
                if i:
                    printer.newPage()
                self._draw(painter, printer, n, dpi)
        finally:
            painter.end()

    def _draw(self, painter: QPainter, printer: QPrinter, n: int, dpi: int) -> None:
        points = self.document.pagePointSize(n)
        dots = min(dpi, printer.resolution())
        image = self.document.render(
            n, QSize(round(points.width() * dots / 72), round(points.height() * dots / 72))
        )
        area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        area.moveTo(0, 0)
        scale = min(area.width() / points.width(), area.height() / points.height())
        width, height = points.width() * scale, points.height() * scale
        target = QRectF(
            area.x() + (area.width() - width) / 2, area.y(), width, height
        )  # centred across, from the top
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)


def new_printer(pages: SheetPages) -> QPrinter:
    """A printer set up for the sheet: A4, the sheet's orientation, all its pages."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if pages.landscape() else QPageLayout.Orientation.Portrait
    )
    printer.setFromTo(1, max(1, pages.count))
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    return printer


def whole_to_file(printer: QPrinter, pages: SheetPages) -> bool:
    """Whether the printer writes a PDF file of every page of the sheet, once."""
    return (
        printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        and bool(printer.outputFileName())
        and pages.chosen(printer) == list(range(pages.count))
        and max(1, printer.copyCount()) == 1
        and Path(printer.outputFileName()).resolve() != pages.pdf.resolve()
    )


def choose_printer(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The print dialog: printer, copies, page range and (in its properties)
    orientation. True when the user chose to print. (Tests answer it.)"""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("Printing", "打印"))
    dialog.setMinMax(1, max(1, page_count))
    dialog.setOptions(
        QAbstractPrintDialog.PrintDialogOption.PrintPageRange
        | QAbstractPrintDialog.PrintDialogOption.PrintToFile
        | QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies
        | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
    )
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def print_pdf(parent: QWidget | None, pdf: Path, told: Callable[[str], None]) -> bool:
    """Ask for printer, copies and range, then print the sheet. True when printed."""
    pages = SheetPages(pdf, parent)
    printer = new_printer(pages)
    if not choose_printer(parent, printer, pages.count):
        return False
    if whole_to_file(printer, pages):
        # Printed to a PDF file, every page once: the sheet itself, its text kept
        # (searchable, copyable), not pictures of its pages.
        shutil.copyfile(pdf, printer.outputFileName())
    else:
        pages.paint(printer)
    told(
        translate("Printing", "已送打印：{name}（{n} 页）").format(
            name=pdf.stem, n=len(pages.chosen(printer))
        )
    )
    return True


class SheetPreview(QPrintPreviewDialog):
    """The print preview of a sheet, with 打印… and 另存为 PDF… in its tool bar."""

    def __init__(
        self, pdf: Path, parent: QWidget | None, told: Callable[[str], None], suggested: Path
    ) -> None:
        self.pages = SheetPages(pdf)
        # The dialog only points at its printer: keep it alive as long as the dialog.
        self.sheet_printer = new_printer(self.pages)
        super().__init__(self.sheet_printer, parent)
        self.setObjectName("sheetPreview")
        self.setWindowTitle(translate("Printing", "打印预览 — {name}").format(name=pdf.stem))
        self.told = told
        self.suggested = suggested
        self.paintRequested.connect(lambda printer: self.pages.paint(printer, PREVIEW_DPI))
        self.save_action = QAction(translate("Printing", "另存为 PDF…"), self)
        self.save_action.setObjectName("actSavePdf")
        self.save_action.triggered.connect(self.save_pdf)
        bar = self.findChild(QToolBar)
        if bar is not None:
            bar.addSeparator()
            bar.addAction(self.save_action)
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button = bar.widgetForAction(self.save_action)
            if button is not None:
                button.setObjectName("savePdf")
        self.resize(1000, 760)

    @property
    def widget(self) -> QPrintPreviewWidget:
        found = self.findChild(QPrintPreviewWidget)
        assert found is not None
        return found

    def save_pdf(self) -> None:
        saved = save_pdf_as(self, self.pages.pdf, self.suggested)
        if saved is not None:
            self.told(translate("Printing", "已保存 {path}").format(path=saved))


def save_pdf_as(parent: QWidget | None, pdf: Path, suggested: Path) -> Path | None:
    """Copy a written sheet to a place the user chooses. The copy, or None."""
    chosen = ask.save_path(
        parent, translate("Printing", "另存为 PDF"), str(suggested), "PDF (*.pdf)"
    )
    if not chosen:
        return None
    out = Path(chosen)
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    if out.resolve() != pdf.resolve():
        shutil.copyfile(pdf, out)
    return out
