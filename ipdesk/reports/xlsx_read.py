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
from ipdesk.messages import Message, bilingual, message

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

_COLUMN = re.compile(r"[A-Za-z]{1,3}")
_COLUMNS: dict[str, int] = {}  # "AB" → 28, filled as met
_SI, _T, _R = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("si", "t", "r"))


@dataclass(frozen=True)
class CellProblem:
    """One cell that cannot be imported."""

    sheet: str
    row: int
    column: str
    header: str
    value: Any
    expected_zh: str
    expected_en: str

    @property
    def where(self) -> str:
        header = f"（{self.header}）" if self.header else ""
        if self.row <= 0:
            return f"“{self.sheet}”表{header}"
        return f"“{self.sheet}”表第 {self.row} 行 {self.column} 列{header}"

    @property
    def shown(self) -> str:
        text = str(self.value)
        return text if len(text) <= 60 else text[:60] + "…"

    @property
    def message_zh(self) -> str:
        shown = "空" if self.value in (None, "") else f"“{self.shown}”"
        gap = " " if self.expected_zh[:1].isdigit() else ""
        return f"{self.where}：应为{gap}{self.expected_zh}，实际为{shown}"

    @property
    def message_en(self) -> str:
        return (
            f"sheet '{self.sheet}' row {self.row} column {self.column}"
            + (f" ({self.header})" if self.header else "")
            + f": expected {self.expected_en}, found {self.shown!r}"
        )


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
            shown = "；".join(p.message_zh for p in self.problems[:5])
            more = f"；等共 {len(self.problems)} 处" if len(self.problems) > 5 else ""
            shown_en = "; ".join(p.message_en for p in self.problems[:3])
            super().__init__(
                f"{name} 未导入：{shown}{more}。请改正后重新导入（整份表格均未导入）。",
                f"{name} was not imported: {shown_en}"
                f"{f' and {len(self.problems) - 3} more' if len(self.problems) > 3 else ''}. "
                "Correct it and import again (nothing from it was imported).",
                path=str(path),
                problems=self.problems,
            )
        else:
            super().__init__(
                message("workbook.not_imported", name=name, reason=reason or ""),
                path=str(path),
            )


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
            reason=bilingual(
                f"文件太大（{size / 1048576:.1f} MB），工作簿最多 "
                f"{MAX_FILE_BYTES // 1048576} MB。请删去无关的工作表和图片后重试。",
                f"the file is too large ({size / 1048576:.1f} MB); a workbook may have "
                f"at most {MAX_FILE_BYTES // 1048576} MB. Remove unrelated sheets and pictures.",
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
    def refuse(zh: str, en: str) -> WorkbookRefused:
        return WorkbookRefused(path, reason=bilingual(zh, en))

    not_xlsx = refuse(
        "这不是 .xlsx 格式的工作簿（可能是旧的 .xls、设置了打开密码，或是其他文件）。"
        "请在 Excel 或 WPS 中另存为 .xlsx（不设密码）后重试。",
        "it is not an .xlsx workbook (perhaps an old .xls, a password-protected file, or "
        "another kind of file). Save it as .xlsx (without a password) and try again.",
    )
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
        raise refuse(
            f"工作簿中的“{big.filename}”部分过大（解压后 {big.file_size / 1048576:.1f} MB），"
            "不像是一份填报表。请删去无关的工作表、图片和格式后重试。",
            f"the part '{big.filename}' of the workbook is too large ({big.file_size / 1048576:.1f} "
            "MB unpacked); remove unrelated sheets, pictures and formatting.",
        )
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise refuse(
            f"工作簿解压后过大（{unpacked / 1048576:.0f} MB，{len(parts)} 个部件；最多 "
            f"{MAX_UNPACKED_BYTES // 1048576} MB），不像是一份填报表。请删去无关的工作表、图片和格式后重试。",
            f"the workbook unpacks to {unpacked / 1048576:.0f} MB in {len(parts)} parts (at most "
            f"{MAX_UNPACKED_BYTES // 1048576} MB); remove unrelated sheets, pictures and formatting.",
        )
    if any(p.flag_bits & 0x1 for p in parts):
        raise refuse(
            "工作簿的部件被加密，无法读取。请去掉密码后重试。",
            "parts of the workbook are encrypted; remove the password and try again.",
        )


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

    def problem(row: int, column: int, value: Any, zh: str, en: str) -> None:
        problems.append(CellProblem(name, row, get_column_letter(column), "", value, zh, en))

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
                        f"空白（本表只读取前 {MAX_ROWS} 行，请删去下面多余的内容）",
                        f"nothing (only the first {MAX_ROWS} rows are read; delete what is below)",
                    )
                    break
                for column, value in values.items():
                    if isinstance(value, Unreadable):
                        problem(
                            index,
                            column,
                            value,
                            "可以读取的值（该单元格已损坏，请重新输入）",
                            "a readable value (the cell is damaged; type it again)",
                        )
                    elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                        problem(
                            index,
                            column,
                            value,
                            f"不超过 {MAX_CELL_CHARS} 个字的内容",
                            f"at most {MAX_CELL_CHARS} characters",
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
                    f"空白（本表只读取前 {MAX_COLUMNS} 列，即 A 至 {get_column_letter(MAX_COLUMNS)} 列）",
                    f"nothing (only columns A to {get_column_letter(MAX_COLUMNS)} are read)",
                )
            for index in parser.bad_rows[:5]:
                problem(
                    index, 1, None, "可以读取的行（该行已损坏）", "a readable row (it is damaged)"
                )
        except _TooManyCells as exc:
            problems.append(
                CellProblem(
                    name,
                    exc.row,
                    "A",
                    "",
                    None,
                    f"不超过 {MAX_CELLS} 个单元格的工作簿（读到本表第 {exc.row} 行已超过，不像是一份"
                    "填报表；请删去无关的内容和格式）",
                    f"a workbook of at most {MAX_CELLS} cells (this sheet passes that by row "
                    f"{exc.row}; remove unrelated content and formatting)",
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
                    f"可以读取的内容（第 {last} 行之后的表格数据已损坏）",
                    f"readable content (the sheet's data is damaged after row {last})",
                )
            )
        finally:
            source.close()
            book_read.cells_seen = parser.cells_seen
    if problems:
        raise WorkbookRefused(path, problems)
    return Sheet(name, rows, width)
