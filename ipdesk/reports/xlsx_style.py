"""Shared look of IPDesk's workbooks: header cells, column widths, safe cell text.

Kept small and plain so every workbook opens cleanly in Excel and WPS: real dates
and numbers, no control characters, no cell text over Excel's 32,767-character
limit, sheet names within 31 characters.
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

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


def letter(index: int) -> str:
    """1 → A."""
    return get_column_letter(index)
