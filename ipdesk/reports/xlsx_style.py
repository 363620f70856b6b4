"""Shared look of IPDesk's workbooks: header cells, column widths, safe cell text.

Kept small and plain so every workbook opens cleanly in Excel and WPS: real dates
and numbers, no control characters, no cell text over Excel's 32,767-character
limit, sheet names within 31 characters.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from ipdesk.reports.xlsx_stream import MAX_CELL_TEXT, clean_text

FONT_NAME = "等线"  # Excel's default CJK UI font; WPS maps it to its own
HEADER_FONT = Font(name=FONT_NAME, bold=True, size=10.5)
HEADER_FILL = PatternFill("solid", fgColor="DCE3EC")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14)
BODY_FONT = Font(name=FONT_NAME, size=10.5)
THIN = Side(style="thin", color="8C8C8C")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
DATE_FORMAT = "yyyy-mm-dd"
EDIT_FILL = PatternFill("solid", fgColor="FFF8DC")  # cells a department fills in


def clean(value: Any) -> Any:
    """A value Excel accepts: text without control characters and within the cell
    limit; numbers and dates unchanged."""
    if type(value) is str and (not value.isprintable() or len(value) > MAX_CELL_TEXT):
        return clean_text(value)
    return value


# What Excel takes for the start of a formula (or a DDE call such as =cmd|' /C calc'!A0)
# when a cell is typed or re-entered; tab and carriage return are where CSV tools
# and some spreadsheets begin one too.
FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write a value to a cell of an ordinary worksheet; return the cell.

    Text is always written as text, never as a formula: openpyxl stores text that
    begins with "=" as a formula and "#N/A" as an error, so the cell is set back to a
    string; and text Excel would read as a formula if someone re-entered the cell is
    given Excel's quote prefix (the hidden ' that keeps it text). It reads back the
    same."""
    cell = ws.cell(row, column)
    value = clean(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_MARKS):
            cell.quotePrefix = True
    return cell


def letter(index: int) -> str:
    """1 → A."""
    return get_column_letter(index)


def save(wb: Workbook, path: str | Path) -> None:
    """`wb.save(path)`, but the zip is closed by us even when a write fails (a full
    disk), so the error is raised once, here, and nothing is left to fail again when
    the half-written zip is collected."""
    if wb.write_only and not wb.worksheets:
        wb.create_sheet()
    wb.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()


@contextmanager
def discard_on_error(wb: Workbook) -> Iterator[None]:
    """On a failure (a full disk) while a write-only workbook is being built, end its
    sheets' streams here, quietly, and remove their temporary files — rather than
    leave openpyxl to fail again, noisily, when it collects them."""
    try:
        yield
    except BaseException:
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            for end in (writer.xf.close, writer.cleanup):
                try:
                    end()
                except Exception:  # noqa: BLE001 - already failing; the first error is raised
                    pass
        raise
