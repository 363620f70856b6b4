"""Fast rows for openpyxl's write-only worksheets.

openpyxl builds an XML element per cell, about 13 µs each; the 台账 of a large plan
has millions of cells. `RowStream` writes the rows of a write-only worksheet as the
very XML openpyxl itself would write (inline strings, numbers as ``%.16g``, dates as
serial numbers with a date style), straight into openpyxl's own stream, so the
workbook is still openpyxl's — its styles, sheet head and tail (widths, frozen
panes, filters), zip — only the cells are quicker. A test checks the bytes against
openpyxl's own output. Should openpyxl's stream not offer raw writing (another
XML backend), rows go through openpyxl's cell writer instead: slower, same file.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

_INFINITE = (float("inf"), float("-inf"))


MAX_CELL_TEXT = 32767


def clean_text(text: str) -> str:
    """Text without the control characters XML (and so Excel) cannot hold, within
    Excel's 32,767 characters a cell (the end marked)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 20] + "…（超出 Excel 单元格长度）"
    return text


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class Style:
    """A cell style registered with the workbook; `id` is its index in styles.xml."""

    def __init__(
        self,
        ws: WriteOnlyWorksheet,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        alignment: Alignment | None = None,
        border: Border | None = None,
        number_format: str | None = None,
    ) -> None:
        cell = WriteOnlyCell(ws)
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if border is not None:
            cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        self.cell = cell
        self.id = cell.style_id


class RowStream:
    """Append rows to a write-only worksheet; call `close()` (or the sheet's own
    close, which the workbook's save does) when done.

    Values: str, int, float, date/datetime (give the column a date style), None
    (an empty cell). `styles` maps a column index (0-based) to a Style for every
    non-empty cell of that column; `row_styles` in `append` overrides per cell.
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        if ws._rows is not None:
            raise ValueError("rows were already appended the ordinary way")
        ws._get_writer()
        self.ws = ws
        self._stream = ws._writer.xf
        self._xf = self._stream.send(True)
        self._data = self._xf.element("sheetData")
        self._data.__enter__()
        self._raw = getattr(self._xf, "_file", None)
        if not callable(self._raw):
            self._raw = None
        self._epoch = ws.parent.epoch
        self._serials: dict[Any, str] = {}
        self._letters = [get_column_letter(n) for n in range(1, 16385)]
        self.rows = 0
        self._closed = False
        ws._rows = self  # the sheet's close() now closes this stream

    def append(self, values: list[Any], styles: dict[int, Style] | None = None) -> None:
        self.rows += 1
        r = self.rows
        if self._raw is None:
            self._append_slow(values, styles, r)
            return
        letters = self._letters
        parts = [f'<row r="{r}">']
        add = parts.append
        for n, value in enumerate(values):
            if value is None:
                continue
            kind = type(value)
            s = f' s="{styles[n].id}"' if styles and n in styles else ""
            if kind is str:
                if not value:
                    continue
                if not value.isprintable() or len(value) > MAX_CELL_TEXT:
                    value = clean_text(value)
                if "&" in value or "<" in value or ">" in value:
                    value = _escape(value)
                edge = value[0].isspace() or value[-1].isspace()
                space = ' xml:space="preserve"' if edge and value.strip() else ""
                add(f'<c r="{letters[n]}{r}"{s} t="inlineStr"><is><t{space}>{value}</t></is></c>')
            elif kind is float or kind is int:
                if value != value or value in _INFINITE:
                    continue
                add(f'<c r="{letters[n]}{r}"{s} t="n"><v>{value:.16g}</v></c>')
            elif kind is bool:
                add(f'<c r="{letters[n]}{r}"{s} t="b"><v>{int(value)}</v></c>')
            elif kind is date or kind is datetime:
                serial = self._serials.get(value)
                if serial is None:
                    serial = self._serials[value] = f"{to_excel(value, self._epoch):.16g}"
                add(f'<c r="{letters[n]}{r}"{s} t="n"><v>{serial}</v></c>')
            else:
                raise TypeError(f"cannot write {kind.__name__} to a cell")
        add("</row>")
        self._raw("".join(parts))

    def _append_slow(self, values: list[Any], styles: dict[int, Style] | None, r: int) -> None:
        cells = []
        for n, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = WriteOnlyCell(self.ws, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=…" is never a formula
            style = styles.get(n - 1) if styles else None
            if style is not None:
                cell._style = style.cell._style
            cell.column, cell.row = n, r
            cells.append(cell)
        self.ws._writer.write_row(self._xf, cells, r)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._data.__exit__(None, None, None)
        self._stream.send(None)
