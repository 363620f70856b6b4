"""Reading a workbook someone sent: any workbook, answered quickly and safely.

Department workbooks and 任务分解表 breakdowns come from outside, filled in by hand,
edited in WPS, or made by someone hostile. Whatever arrives gets an answer within a
couple of seconds and a bounded amount of memory — the rows read, or a refusal that
says what is wrong and where — never a traceback and never an hour of parsing:

* the file itself is checked first: a zip (an .xlsx), not too big packed or unpacked
  (a few kilobytes can unpack to gigabytes), not encrypted;
* openpyxl reads it in read-only mode, with no links to other workbooks;
* a sheet is read by streaming its rows as they are in the file (a single cell at
  row 1,048,576 costs one row, not a million), keeping at most MAX_ROWS rows of
  MAX_COLUMNS columns; content beyond those is reported, as are cells longer than
  Excel allows and cells that cannot be read at all — each by sheet, row and column.

`load()` gives a small stand-in for openpyxl's Workbook: `sheetnames`, `wb[name]` with
`title`, `iter_rows(min_row, max_row, min_col, max_col, values_only=True)`,
`cell(row, column).value`, `max_row` and `max_column` — enough for the readers of
ipdesk.reports to stay as they were written for openpyxl.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._reader import (
    INLINE_STRING,
    VALUE_TAG,
    WorkSheetParser,
    _cast_number,
)
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from ipdesk.errors import BadInput, FileRefused
from ipdesk.messages import Message, detail, message

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 24 * 1024 * 1024  # everything in the zip, as it declares itself
# Parts read whole when the workbook is opened (styles, workbook, relations, properties):
# their size bounds the time that takes. Sheets are streamed (see MAX_CELLS); pictures
# and other binary parts are never read.
MAX_PART_BYTES = 1024 * 1024
MAX_STRINGS_BYTES = 8 * 1024 * 1024  # the shared strings table
MAX_STRINGS = 150_000  # entries in it
MAX_PARTS = 2000
MAX_ROWS = 10_000
MAX_COLUMNS = 64
MAX_CELLS = 100_000  # cells (empty ones too) looked at in all the sheets read
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
MAX_PROBLEMS = 50  # a sheet stops being read after this many bad cells
SHOWN_PROBLEMS = 5  # named in the refusal's sentence; the rest are counted

_COLUMN = re.compile(r"[A-Za-z]{1,3}")
_COLUMNS: dict[str, int] = {}  # "AB" → 28, filled as met
_SI, _T, _R = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("si", "t", "r"))


@dataclass(frozen=True)
class CellProblem:
    """One cell that cannot be imported: where it is, what it holds, and what was
    expected there (a catalogue message, cell.expected.*)."""

    sheet: str
    row: int
    column: str
    header: str
    value: Any
    expected: Message

    @property
    def code(self) -> str:
        """What was expected, as a catalogue code (cell.expected.…)."""
        return self.expected.code

    @property
    def where(self) -> Message:
        header = detail(self.header)
        if self.row <= 0:
            return message("cell.where_sheet", sheet=self.sheet, header=header)
        return message(
            "cell.where", sheet=self.sheet, row=self.row, column=self.column, header=header
        )

    @property
    def shown(self) -> str:
        text = str(self.value)
        return text if len(text) <= 60 else text[:60] + "…"

    @property
    def message(self) -> Message:
        """“任务”表第 3 行 B 列（编号）：应为……，实际为“x” / sheet '任务' row 3 …"""
        empty = self.value in (None, "")
        found = message("cell.empty") if empty else message("cell.found", value=self.shown)
        return message("cell.problem", where=self.where, expected=self.expected, found=found)

    @property
    def message_zh(self) -> str:
        return self.message.text("zh")

    @property
    def message_en(self) -> str:
        return self.message.text("en")


class WorkbookRefused(BadInput):
    """A workbook that was not imported: bad cells (each named), or the wrong kind of
    file, or one made for another plan or department. Nothing was imported from it."""

    code = "workbook_refused"

    def __init__(
        self,
        path: str | Path,
        problems: list[CellProblem] | None = None,
        reason: Message | None = None,
    ) -> None:
        self.problems = problems or []
        name = Path(path).name
        if self.problems:
            more = len(self.problems) - SHOWN_PROBLEMS
            super().__init__(
                message(
                    "cell.workbook_not_imported",
                    name=name,
                    problems=_one_after_another(
                        [p.message for p in self.problems[:SHOWN_PROBLEMS]]
                    ),
                    more=message("cell.and_more", count=len(self.problems)) if more > 0 else "",
                ),
                path=str(path),
                problems=self.problems,
            )
        else:
            super().__init__(
                message("workbook.not_imported", name=name, reason=reason or ""),
                path=str(path),
            )


def _one_after_another(messages: list[Message]) -> Message:
    """Problems joined by semicolons (a problem's own words hold commas)."""
    joined = messages[-1]
    for earlier in reversed(messages[:-1]):
        joined = message("cell.then", first=earlier, rest=joined)
    return joined


class Unreadable:
    """The value of a cell the file holds but that cannot be read (a malformed number,
    a reference to a string that is not there)."""

    def __init__(self, raw: str | None) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        return f"<{self.raw or '?'}>"

    __str__ = __repr__


@dataclass
class _Cell:
    value: Any


class Sheet:
    """The rows of one worksheet as far as IPDesk reads them (see the module)."""

    def __init__(self, title: str, rows: dict[int, tuple[Any, ...]], max_column: int) -> None:
        self.title = title
        self._rows = rows
        self.max_row = max(rows, default=0)
        self.max_column = max_column

    def iter_rows(
        self,
        min_row: int | None = None,
        max_row: int | None = None,
        min_col: int | None = None,
        max_col: int | None = None,
        values_only: bool = True,
    ) -> Iterator[tuple[Any, ...]]:
        """Rows min_row..max_row (default: to the last one with content), each a tuple
        of the cells min_col..max_col, empty cells None — as openpyxl's iter_rows."""
        if not values_only:
            raise ValueError("only values are read")
        first, last = min_row or 1, max_row or self.max_row
        left = min_col or 1
        width = (max_col or max(self.max_column, 1)) - left + 1
        for r in range(first, last + 1):
            row = self._rows.get(r, ())
            values = row[left - 1 : left - 1 + width]
            yield values + (None,) * (width - len(values))

    def cell(self, row: int, column: int) -> _Cell:
        values = self._rows.get(row, ())
        return _Cell(values[column - 1] if column <= len(values) else None)


class SafeWorkbook:
    """An .xlsx opened for reading with the limits of this module; use as a context
    manager (or call close()) so the file is let go."""

    def __init__(self, path: Path, reader: _BookReader) -> None:
        self.path = path
        self._reader = reader
        self._sheets: dict[str, Sheet] = {}
        self.sheetnames: list[str] = list(reader.sheet_order)
        self.cells_seen = 0  # against MAX_CELLS, for all the sheets read

    def __contains__(self, name: object) -> bool:
        return name in self.sheetnames

    def __getitem__(self, name: str) -> Sheet:
        if name not in self._sheets:
            self._sheets[name] = _read_sheet(self, name)
        return self._sheets[name]

    def close(self) -> None:
        self._reader.archive.close()

    def __enter__(self) -> SafeWorkbook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _BookReader(ExcelReader):
    """openpyxl's reader of a workbook's package in read-only mode, reading less: the
    shared strings by a quick loop of its own, and of the sheets only where they are
    (openpyxl would look through every sheet for its size first)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, read_only=True, keep_vba=False, data_only=True, keep_links=False)
        self.sheet_order: list[str] = []
        self.sheet_parts: dict[str, str] = {}

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is None:
            return
        strings = []
        with self.archive.open(part.PartName[1:]) as source:
            for _, node in iterparse(source):
                if node.tag == _SI:
                    strings.append(_text_of(node).replace("x005F_", ""))
                    node.clear()
                    if len(strings) > MAX_STRINGS:
                        raise _TooManyStrings
        self.shared_strings = strings

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            self.sheet_order.append(sheet.name)
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                self.sheet_parts[sheet.name] = rel.target


def _text_of(node: Any) -> str:
    """The text of a string item or an inline string: its own text and its runs'
    (phonetic hints left out), as openpyxl's Text.content gives it."""
    plain = node.findtext(_T)
    runs = [r.findtext(_T) or "" for r in node.findall(_R)]
    return (plain or "") + "".join(runs)


def load(path: str | Path) -> SafeWorkbook:
    """Open a workbook someone sent, after checking the file.

    Raises:
        FileRefused: there is no such file.
        WorkbookRefused: not an .xlsx, too large, encrypted, or unreadable.
    """
    path = Path(path)
    if not path.is_file():
        raise FileRefused("missing" if not path.exists() else "not_a_file", path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(
            path,
            reason=message(
                "workbook.too_large",
                size=f"{size / 1048576:.1f}",
                limit=MAX_FILE_BYTES // 1048576,
            ),
        )
    _check_zip(path)
    reader = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about what it does not keep
            reader = _BookReader(path)
            reader.read()
    except _TooManyStrings:
        if reader is not None:
            reader.archive.close()
        raise WorkbookRefused(
            path,
            reason=message("xlsx_read.workbook_holds_more_than", max_strings=MAX_STRINGS),
        ) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        if reader is not None:
            reader.archive.close()
        raise WorkbookRefused(
            path,
            reason=message("xlsx_read.cannot_read_as_workbook", name=type(exc).__name__),
        ) from None
    return SafeWorkbook(path, reader)


def _part_limit(name: str) -> int:
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return MAX_UNPACKED_BYTES
    if name == "xl/sharedStrings.xml":
        return MAX_STRINGS_BYTES
    if name.endswith((".xml", ".rels")):
        return MAX_PART_BYTES
    return MAX_UNPACKED_BYTES  # pictures and the like: never read


def _check_zip(path: Path) -> None:
    def refuse(code: str, **params: Any) -> WorkbookRefused:
        return WorkbookRefused(path, reason=message(f"workbook.{code}", **params))

    not_xlsx = refuse("not_xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise not_xlsx from None
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names:
        raise not_xlsx
    unpacked = sum(p.file_size for p in parts)
    big = next((p for p in parts if p.file_size > _part_limit(p.filename)), None)
    if big is not None:
        raise refuse("part_too_large", part=big.filename, size=f"{big.file_size / 1048576:.1f}")
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise refuse(
            "unpacks_too_large",
            size=f"{unpacked / 1048576:.0f}",
            parts=len(parts),
            limit=MAX_UNPACKED_BYTES // 1048576,
        )
    if any(p.flag_bits & 0x1 for p in parts):
        raise refuse("encrypted")


class _Parser(WorkSheetParser):
    """openpyxl's sheet parser that never gives up on a cell or a row: what it cannot
    read becomes an Unreadable value or a noted bad row, and cells right of
    MAX_COLUMNS are only looked at to see whether they hold anything."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_counter: int = 0
        self.col_counter: int = 0
        self.cells_seen = 0
        self.beyond: list[tuple[int, int, Any]] = []  # (row, column, value)
        self.bad_rows: list[int] = []

    def parse_row(self, row: Any) -> tuple[int, list[dict[str, Any]]]:
        raw = row.get("r")
        try:
            self.row_counter = int(float(raw)) if raw is not None else self.row_counter + 1
        except (ValueError, OverflowError):
            self.row_counter += 1
            self.bad_rows.append(self.row_counter)
            return self.row_counter, []
        self.col_counter = 0
        cells = []
        for element in row:
            column = self._column_of(element)
            if column > MAX_COLUMNS:
                if element.findtext(VALUE_TAG) or element.find(INLINE_STRING) is not None:
                    # Only the first few are read, to be shown; the rest only counted.
                    shown = self._cell(element, column)["value"] if len(self.beyond) < 5 else None
                    self.beyond.append((self.row_counter, column, shown))
                self.col_counter = column
                continue
            cells.append(self._cell(element, column))
        return self.row_counter, cells

    def _column_of(self, element: Any) -> int:
        coordinate = element.get("r")
        if coordinate:
            letters = coordinate.rstrip("0123456789")
            column = _COLUMNS.get(letters)
            if column is None and _COLUMN.fullmatch(letters):
                column = _COLUMNS[letters] = column_index_from_string(letters.upper())
            if column is not None:
                return column
        return self.col_counter + 1

    def parse_cell(self, element: Any) -> dict[str, Any]:
        return self._cell(element, self._column_of(element))

    def _cell(self, element: Any, column: int) -> dict[str, Any]:
        """A cell's row, column and value — quickly for text and numbers (data only:
        a formula's last value), through openpyxl for the rest."""
        self.cells_seen += 1
        if self.cells_seen > MAX_CELLS:
            raise _TooManyCells(self.row_counter)
        self.col_counter = column
        kind = element.get("t", "n")
        value: Any
        try:
            if kind == "inlineStr":
                child = element.find(INLINE_STRING)
                value = None if child is None else _text_of(child)
            elif kind == "s":
                raw = element.findtext(VALUE_TAG)
                value = None if raw is None else self.shared_strings[int(raw)]
            elif kind == "str":
                value = element.findtext(VALUE_TAG)
            elif kind == "n" and int(element.get("s", 0) or 0) not in self.date_formats:
                raw = element.findtext(VALUE_TAG)
                value = None if not raw else _cast_number(raw)
            else:
                value = WorkSheetParser.parse_cell(self, element)["value"]
        except Exception:  # noqa: BLE001 - a malformed cell is reported, not raised
            value = Unreadable(element.findtext(VALUE_TAG))
        self.col_counter = column
        return {"row": self.row_counter, "column": column, "value": value}


class _TooManyStrings(Exception):
    pass


class _TooManyCells(Exception):
    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


def _read_sheet(book_read: SafeWorkbook, name: str) -> Sheet:
    path, reader = book_read.path, book_read._reader
    part = reader.sheet_parts.get(name)
    if part is None:  # a chart sheet, or a sheet whose part is missing: no cells
        return Sheet(name, {}, 0)
    book = reader.wb
    problems: list[CellProblem] = []

    def problem(row: int, column: int, value: Any, code: str, **params: Any) -> None:
        expected = message(f"cell.expected.{code}", **params)
        problems.append(CellProblem(name, row, get_column_letter(column), "", value, expected))

    rows: dict[int, tuple[Any, ...]] = {}
    width = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = reader.archive.open(part)
        parser = _Parser(
            source,
            reader.shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        parser.cells_seen = book_read.cells_seen
        try:
            for index, cells in parser.parse():
                if len(problems) >= MAX_PROBLEMS:
                    break
                values = {c["column"]: c["value"] for c in cells if c["value"] is not None}
                if not values:
                    continue
                if index > MAX_ROWS:
                    column = min(values)
                    problem(
                        index,
                        column,
                        values[column],
                        "nothing_below_rows",
                        rows=MAX_ROWS,
                    )
                    break
                for column, value in values.items():
                    if isinstance(value, Unreadable):
                        problem(
                            index,
                            column,
                            value,
                            "readable_value",
                        )
                    elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                        problem(
                            index,
                            column,
                            value,
                            "at_most_characters",
                            limit=MAX_CELL_CHARS,
                        )
                row = [None] * max(values)
                for column, value in values.items():
                    row[column - 1] = value
                rows[index] = tuple(row)
                width = max(width, len(row))
            for index, column, value in parser.beyond[:5]:
                problem(
                    index,
                    column,
                    value,
                    "nothing_right_of_columns",
                    columns=MAX_COLUMNS,
                    last=get_column_letter(MAX_COLUMNS),
                )
            for index in parser.bad_rows[:5]:
                problem(index, 1, None, "readable_row")
        except _TooManyCells as exc:
            problems.append(
                CellProblem(
                    name,
                    exc.row,
                    "A",
                    "",
                    None,
                    message("cell.expected.at_most_cells", cells=MAX_CELLS, row=exc.row),
                )
            )
        except Exception as exc:  # noqa: BLE001 - broken XML: say where it broke
            last = max(rows, default=0)
            problems.append(
                CellProblem(
                    name,
                    last + 1,
                    "A",
                    "",
                    type(exc).__name__,
                    message("cell.expected.readable_content", row=last),
                )
            )
        finally:
            source.close()
            book_read.cells_seen = parser.cells_seen
    if problems:
        raise WorkbookRefused(path, problems)
    return Sheet(name, rows, width)
