"""What every printed sheet shares: A4 pages (portrait and landscape in one
document), the header with the plan's short name, the footer with 第 x 页 共 y 页
and the print date, paragraph styles, tables whose header repeats and whose long
text wraps, and warning-light cells that stay legible in black and white.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab.lib.textsplit as _textsplit
import reportlab.platypus.paragraph as _paragraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _Paragraph

from ipdesk.plan.rules import Comparator, Light
from ipdesk.read import legend as legend_
from ipdesk.read.indicators import IndicatorStatus
from ipdesk.reports.fonts import BOLD, REGULAR, register_fonts
from ipdesk.store import clock
from ipdesk.work import Progress

# reportlab's CJK line breaking keeps Japanese closing punctuation off the start of a
# line but not the full-width Chinese marks; add them (a process-wide list, only ever
# consulted when wrapping CJK text) so no line of a printed sheet begins with "，".
for _module in (_paragraph, _textsplit):
    _module.ALL_CANNOT_START += "".join(
        ch for ch in "，；：！？）》」』”’、。％" if ch not in _module.ALL_CANNOT_START
    )


MARGIN_X = 14 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 15 * mm

INK = colors.HexColor("#1A1A1A")
GRID = colors.HexColor("#5A5A5A")
HEAD_FILL = colors.HexColor("#E4E7EB")
GROUP_FILL = colors.HexColor("#F1F2F4")
MUTED = colors.HexColor("#555555")

# Light fills are pale (they print as light greys); the shape and the word carry
# the meaning on a black-and-white printer or for a colour-blind reader.
LIGHT_FILL = {
    Light.red: colors.HexColor("#F6CFCB"),
    Light.yellow: colors.HexColor("#FBECB5"),
    Light.green: colors.HexColor("#D3EBD1"),
    Light.grey: colors.HexColor("#ECECEC"),
}
# Shapes and inks: the one legend of window, sheets and timeline (ipdesk.read.legend).
LIGHT_INK = {light: colors.HexColor(ink) for light, ink in legend_.INK.items()}
LIGHT_SHAPE = dict(legend_.SHAPES)


def light_text(light: Light) -> str:
    """The words printed for a light: ``红·滞后``, ``黄·预警``, ``绿·正常``, ``灰·未开始``."""
    return f"{light.label_zh}·{light.word_zh}"


class Paragraph(_Paragraph):
    """A Paragraph that remembers its last layout.

    A table cell is wrapped to its column's width again and again — to size the
    row, at every page split, to draw — and CJK line breaking is what a long sheet
    spends its time on. The lines depend only on the width, so the same width gives
    the same answer without breaking the lines again.
    """

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # split() may drop the lines (del self.blPara); then they are made again.
        if self._wrapped_for == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        # CJK wrapping keeps a closing mark ("，") on the line it closes even when that
        # line is then wider than the cell: break again a little narrower, so the mark
        # stays inside the cell's border.
        width = availWidth
        for _ in range(8):
            over = width + self._overflow() - availWidth
            if over <= 0.01 or width < availWidth / 2:
                break
            width -= over + 0.5
            size = super().wrap(width, availHeight)
        self._wrapped_for = availWidth
        return size

    def _overflow(self) -> float:
        """How far the widest line reaches past the width it was broken for (0 if none)."""
        lines = getattr(getattr(self, "blPara", None), "lines", None) or []
        spare = [line[0] if isinstance(line, tuple) else line.extraSpace for line in lines]
        return max([0.0, *(-x for x in spare)])


# ------------------------------------------------------------------ styles


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_small: ParagraphStyle
    head: ParagraphStyle


def make_styles(size: float = 8.5) -> Styles:
    """Paragraph styles; `size` is the table text size (8.5 pt reads well on A4)."""
    register_fonts()
    leading = size * 1.38

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": REGULAR,
            "fontSize": size,
            "leading": leading,
            "textColor": INK,
            "wordWrap": "CJK",
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        title=style(
            "title", fontName=BOLD, fontSize=17, leading=24, alignment=TA_CENTER, spaceAfter=2
        ),
        subtitle=style("subtitle", fontSize=11, leading=16, alignment=TA_CENTER, spaceAfter=6),
        heading=style(
            "heading", fontName=BOLD, fontSize=11.5, leading=16, spaceBefore=9, spaceAfter=4
        ),
        body=style("body", fontSize=10, leading=15),
        note=style("note", fontSize=8, leading=11, textColor=MUTED),
        cell=style("cell"),
        cell_bold=style("cell_bold", fontName=BOLD),
        cell_center=style("cell_center", alignment=TA_CENTER),
        cell_right=style("cell_right", alignment=TA_RIGHT),
        cell_small=style(
            "cell_small", fontSize=size - 1, leading=(size - 1) * 1.35, textColor=MUTED
        ),
        head=style("head", fontName=BOLD, alignment=TA_CENTER),
    )


# Text longer than this is laid out by LongText, whose time grows linearly with the
# length (a Paragraph split across pages breaks its remaining lines again at every
# page: quadratic, minutes for a long report).
LONG_TEXT = 600


def text(value: Any, style: ParagraphStyle, *, bold: bool = False) -> Flowable:
    """Plain text, line breaks kept, laid out as a Paragraph of the style would be
    (a CellText: broken into lines once per width, however long)."""
    raw = "" if value is None else str(value)
    font = BOLD if bold else style.fontName
    return CellText([Run(raw, font, style.fontSize, style.textColor)], style)


@dataclass(frozen=True)
class Run:
    """A piece of a CellText that begins on a line of its own: its text, font, size and
    colour, and optionally another colour for its first character (a light's shape)."""

    text: str
    font: str
    size: float
    color: Any
    mark: Any = None


class _Lines(Flowable):
    """Text broken into lines once per width (`_break`), laid out and split between
    pages by whole lines; a part (`_part`) shares the breaks and holds its range."""

    style: ParagraphStyle
    _width: float | None
    _first: int
    _stop: int

    def _break(self, width: float) -> None:
        raise NotImplementedError

    def _part(self, first: int, stop: int) -> Flowable:
        raise NotImplementedError

    def wrapOn(self, canv: Canvas, aW: float, aH: float) -> tuple[float, float]:  # noqa: N802, N803
        # Measured without a canvas: reportlab's wrapOn sets one on the flowable and
        # deletes it again, which left every cell of a table with a larger attribute
        # table (~30 MB on a city's acceptance sheet).
        return self.wrap(aW, aH)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._break(availWidth)
        self.width = availWidth
        self.height = (self._stop - self._first) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        # A table asks a cell to split at its full column width, though it wrapped the
        # cell within its padding: lines broken for the narrower width fit, and keep
        # their breaks (breaking again at every page would make the layout quadratic).
        if self._width is None or self._width > availWidth:
            self._break(availWidth)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits <= 0:
            return []
        if fits >= self._stop - self._first:
            return [self]
        middle = self._first + fits
        return [self._part(self._first, middle), self._part(middle, self._stop)]


class CellText(_Lines):
    """Text in a table cell or on the page — plain runs, each starting on a new line,
    each in its own font, size and colour — drawn as a Paragraph of the style would draw
    them (same leading, alignment, CJK line breaking) but without parsing markup or
    breaking lines again at every wrap: lines are broken once per width (`line_spans`,
    linear in the length), and a page split hands each part its range of lines.

    A printed sheet of a city holds tens of thousands of cells; as Paragraphs their
    layout was most of its time and memory (issue #15).
    """

    def __init__(self, runs: list[Run], style: ParagraphStyle) -> None:
        super().__init__()
        self.runs = runs
        self.style = style
        self._lines: list[tuple[int, int, int]] | None = None  # (run, begin, end)
        self._width: float | None = None
        self._first = 0
        self._stop = 0

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        return self.style.spaceAfter

    def _break(self, width: float) -> None:
        if self._lines is not None and self._width == width:
            return
        if self._lines is not None and (self._first or self._stop != len(self._lines)):
            # A part asked for another width: it becomes a text of its own.
            kept: dict[int, tuple[int, int]] = {}
            for at, begin, end in self._lines[self._first : self._stop]:
                low, high = kept.get(at, (begin, end))
                kept[at] = (min(low, begin), max(high, end))
            self.runs = [
                Run(
                    self.runs[r].text[b:e],
                    self.runs[r].font,
                    self.runs[r].size,
                    self.runs[r].color,
                    self.runs[r].mark if b == 0 else None,
                )
                for r, (b, e) in sorted(kept.items())
            ]
        lines: list[tuple[int, int, int]] = []
        for n, run in enumerate(self.runs):
            value = run.text
            if (
                value
                and "\n" not in value
                and not value[-1].isspace()
                and stringWidth(value, run.font, run.size) <= width
            ):
                lines.append((n, 0, len(value)))  # one line, as line_spans would find
                continue
            lines.extend((n, b, e) for b, e in line_spans(value, run.font, run.size, width))
        self._lines = lines
        self._width = width
        self._first, self._stop = 0, len(lines)

    def _part(self, first: int, stop: int) -> CellText:
        part = CellText(self.runs, self.style)
        part._lines, part._width, part._first, part._stop = self._lines, self._width, first, stop
        part.width = self.width
        part.height = (stop - first) * self.style.leading
        return part

    def draw(self) -> None:
        pen = TextPen(self.canv)
        self.write(pen, 0, 0)
        pen.finish()

    def write(self, pen: TextPen, x: float, y: float) -> None:
        """Write the lines into `pen`'s text object with this text's lower left corner
        at (x, y) — on its own (`draw`) or with the other cells of its table
        (`GridTable`)."""
        style = self.style
        align = style.alignment
        top = y + self.height - style.fontSize
        for n, (run_at, begin, end) in enumerate((self._lines or [])[self._first : self._stop]):
            run = self.runs[run_at]
            line = run.text[begin:end]
            left = x
            if align in (TA_CENTER, TA_RIGHT):
                room = self.width - stringWidth(line, run.font, run.size)
                left += room / 2 if align == TA_CENTER else room
            mark = run.mark if begin == 0 else None
            pen.text(left, top - n * style.leading, line, run.font, run.size, run.color, mark)


class TextPen:
    """One PDF text object that many pieces of text are written into, each at its own
    place; the font and the fill colour are set only when they change.

    A sheet's tables and timeline write tens of thousands of short pieces; a text
    object, a saved graphics state and a font and colour for each was most of the
    time reportlab spent drawing them (issue #15).
    """

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self.label = canv.beginText()
        self._font: tuple[str, float] | None = None
        self._color: Any = None

    def text(
        self,
        x: float,
        y: float,
        value: str,
        font: str,
        size: float,
        color: Any,
        mark: Any = None,
    ) -> None:
        """`value` with its baseline starting at (x, y); its first character in the
        colour `mark` if given (a light's shape)."""
        label = self.label
        if self._font != (font, size):
            self._font = (font, size)
            label.setFont(font, size)
        label.setTextOrigin(x, y)
        if mark is not None and value:
            self._fill(mark)
            label.textOut(value[0])
            value = value[1:]
        self._fill(color)
        # textLine, not textOut: textOut measures the text to move reportlab's cursor
        # along it, and every piece here is placed by its own origin.
        label.textLine(value)

    def _fill(self, color: Any) -> None:
        if self._color is not color:
            self._color = color
            self.label.setFillColor(color)

    def finish(self) -> None:
        """Put the text object on the canvas (once everything is written)."""
        self.canv.drawText(self.label)


class LongText(_Lines):
    """Plain text of any length, broken into lines once per width and split between
    pages by line, so its layout takes time linear in its length.

    Drawn as a left-aligned Paragraph of the same style would be: same font, size,
    leading and colour, CJK text broken between any two characters, runs of Latin
    letters and digits kept whole (and broken only when wider than the line), and no
    line begins with a closing mark such as "，". The parts a page split makes share
    the text and its line breaks; each holds only the range of lines it draws.
    """

    def __init__(self, value: str, style: ParagraphStyle, *, font: str | None = None) -> None:
        super().__init__()
        self.value = value
        self.style = style
        self.font = font or style.fontName
        self._lines: list[tuple[int, int]] | None = None
        self._width: float | None = None
        self._first = 0
        self._stop = 0

    def _break(self, width: float) -> None:
        if self._lines is not None and self._width == width:
            return
        if self._lines is not None and (self._first or self._stop != len(self._lines)):
            # A part asked for another width: it becomes a text of its own.
            self.value = self.value[self._lines[self._first][0] : self._lines[self._stop - 1][1]]
        self._lines = line_spans(self.value, self.font, self.style.fontSize, width)
        self._width = width
        self._first, self._stop = 0, len(self._lines)

    def _part(self, first: int, stop: int) -> LongText:
        part = LongText(self.value, self.style, font=self.font)
        part._lines, part._width, part._first, part._stop = self._lines, self._width, first, stop
        part.width = self.width
        part.height = (stop - first) * self.style.leading
        return part

    def draw(self) -> None:
        style = self.style
        label = self.canv.beginText(0, self.height - style.fontSize)
        label.setFont(self.font, style.fontSize, style.leading)
        label.setFillColor(style.textColor)
        for begin, end in (self._lines or [])[self._first : self._stop]:
            label.textLine(self.value[begin:end])
        self.canv.drawText(label)


def light_cell(light: Light, style: ParagraphStyle, extra: str = "") -> Flowable:
    """A warning cell: coloured shape, the colour's name and its word."""
    return marked_cell(light, light_text(light) + (f"\n{extra}" if extra else ""), style)


def marked_cell(light: Light, words: str, style: ParagraphStyle) -> Flowable:
    """The light's coloured shape, then `words` in the style's ink."""
    return CellText(
        [
            Run(
                f"{LIGHT_SHAPE[light]} {words}",
                style.fontName,
                style.fontSize,
                style.textColor,
                mark=LIGHT_INK[light],
            )
        ],
        style,
    )


def wrap_lines(value: str, font: str, size: float, width: float) -> list[str]:
    """Break text into lines no wider than `width`, anywhere between CJK characters
    and at spaces between Latin words (for drawing on a canvas; Paragraphs wrap
    themselves). Punctuation that may not start a line stays on the line before."""
    return [value[b:e] for b, e in line_spans(value, font, size, width)]


_NO_LINE_START = set("，。；：、！？）》」』”’,.;:!?)%％")
_TOKEN = re.compile(r"[!-~]+|.", re.DOTALL)  # a run of printable ASCII, or one character


def line_spans(value: str, font: str, size: float, width: float) -> list[tuple[int, int]]:
    """Where the lines of `value` begin and end (offsets into it) when broken as
    `wrap_lines` says, in time linear in the length: each character's width is
    measured once per font and size, and a line is grown, never measured again.
    A run of Latin letters wider than the whole line is broken inside it."""
    measure = _char_widths(font, size)
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in value.split("\n"):
        base = offset
        offset += len(paragraph) + 1
        line_begin = line_end = base  # line_end: the end of its last word
        used = 0.0  # width from line_begin to here, spaces included
        wrapped = False  # the line began at a break: it takes no leading spaces
        for match in _TOKEN.finditer(paragraph):
            t_begin, t_end = base + match.start(), base + match.end()
            token = match.group()
            if token.isspace():
                if wrapped and line_end == line_begin:
                    line_begin = line_end = t_end
                else:
                    used += measure(token)
                continue
            size_of = measure(token) if len(token) == 1 else sum(map(measure, token))
            if line_end > line_begin and used + size_of > width:
                if token in _NO_LINE_START:
                    spans.append((line_begin, t_end))
                    line_begin = line_end = t_end
                    used, wrapped = 0.0, True
                    continue
                spans.append((line_begin, line_end))
                line_begin = line_end = t_begin
                used, wrapped = 0.0, True
            if size_of > width:
                for n in range(t_begin, t_end):
                    w = measure(value[n])
                    if used + w > width and n > line_begin:
                        spans.append((line_begin, n))
                        line_begin, used, wrapped = n, 0.0, True
                    used += w
            else:
                used += size_of
            line_end = t_end
        spans.append((line_begin, line_end))
    return spans


_WIDTHS: dict[tuple[str, float], Callable[[str], float]] = {}


def _char_widths(font: str, size: float) -> Callable[[str], float]:
    """One character's width in a font and size, measured once and remembered."""
    key = (font, size)
    if key not in _WIDTHS:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        known: dict[str, float] = {}

        def measure(ch: str) -> float:
            w = known.get(ch)
            if w is None:
                w = known[ch] = stringWidth(ch, font, size)
            return w

        _WIDTHS[key] = measure
    return _WIDTHS[key]


def fmt_number(value: float | None, unit: str = "") -> str:
    """3200.0 → "3200", 36.48 → "36.48", None → "—"."""
    if value is None:
        return "—"
    if float(value).is_integer():
        text_value = f"{int(value)}"
    else:
        text_value = f"{value:.2f}".rstrip("0").rstrip(".")
    return text_value + unit


def fmt_percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def fmt_date_zh(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def target_text(indicator: IndicatorStatus) -> str:
    if indicator.kind == "yesno":
        return "是"
    number = fmt_number(indicator.target)
    if indicator.comparator in (">=", ""):
        return number
    return f"{Comparator(indicator.comparator).label_zh}{number}"


def value_text(indicator: IndicatorStatus, value: float | None) -> str:
    if value is None:
        return "—"
    if indicator.kind == "yesno":
        return "是" if value >= 1 else "否"
    return fmt_number(value)


def expected_text(indicator: IndicatorStatus) -> str:
    """Where the indicator should be now: whole things (家, 件) rounded up, other
    quantities to one decimal (it is a straight-line share)."""
    if indicator.kind == "yesno":
        return "是" if (indicator.expected or 0) >= 1 else "—"
    if indicator.expected is None:
        return "—"
    return fmt_number(legend_.expected_number(indicator.expected, indicator.unit))


# ------------------------------------------------------------------ tables


def grid_table(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    styles: Styles,
    extra: Sequence[tuple[Any, ...]] = (),
    header_rows: int = 1,
) -> Table:
    """A ruled table whose header row(s) repeat on every page it spans.

    Plain strings in `header` become bold centred paragraphs; rows should hold
    Paragraphs (so long text wraps). A row taller than a page is split inside
    the row rather than cut.
    """
    head = (
        [[text(h, styles.head) if isinstance(h, str) else h for h in header]]
        if header_rows == 1
        else [list(r) for r in header]
    )
    data = head + [list(r) for r in rows]
    # splitInRow: a row taller than what is left may be split inside (text continues on
    # the next page) only when at least 40 pt of it fits; otherwise it moves on whole,
    # so no page ends with a sliver of a row or a heading cut in two.
    table = GridTable(
        data,
        colWidths=list(widths),
        repeatRows=header_rows,
        splitByRow=1,
        splitInRow=40,
        hAlign="LEFT",
    )
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, styles.cell.fontSize),
        ("GRID", (0, 0), (-1, -1), 0.45, GRID),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.9, INK),
    ]
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


class GridTable(Table):
    """A ruled table that never leaves one row alone on a page: a split that would end
    a page with its header and a single row moves the table on to the next page
    (unless it already starts a page), and a split
    that would carry a single last row over takes one more row with it."""

    _moved_on = False
    _pen: TextPen | None = None  # the cells' text while the table draws

    def _calc_height(self, *args: Any, **kwargs: Any) -> None:
        super()._calc_height(*args, **kwargs)
        # Keep the rows measured: a frame wraps a table and then splits it, each asking
        # for every row's height again (with every column's width given in points, the
        # heights cannot change); the part left after a split takes its rows' heights.
        if all(isinstance(w, (int, float)) for w in self._argW):
            self._argH = list(self._rowHeights)

    def draw(self) -> None:
        # The cells that are CellTexts write into one text object, put on the page
        # before the rules (`_drawLines`), where reportlab would have drawn each.
        self._pen = TextPen(self.canv)
        try:
            super().draw()
        finally:
            self._pen = None

    def _drawCell(  # noqa: N802 (reportlab's name)
        self, cellval: Any, cellstyle: Any, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:
        cells = list(cellval) if isinstance(cellval, (list, tuple)) else [cellval]
        if self._pen is None or not cells or any(type(v) is not CellText for v in cells):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        # Placed as Table._drawCell places its flowables, one under the other.
        (col_x, row_y), (col_w, row_h) = pos, size
        s = cellstyle
        avail = (col_w - s.leftPadding - s.rightPadding, row_h - s.topPadding - s.bottomPadding)
        sizes = [v.wrap(*avail) for v in cells]
        gaps = [v.getSpaceBefore() + v.getSpaceAfter() for v in cells]
        h = sum(vh for _, vh in sizes) + sum(gaps)
        h -= cells[0].getSpaceBefore() + cells[-1].getSpaceAfter()
        if s.valign == "TOP":
            y = row_y + row_h - s.topPadding
        elif s.valign == "BOTTOM":
            y = row_y + s.bottomPadding + h
        else:
            y = row_y + (row_h + s.bottomPadding - s.topPadding + h) / 2
        y += cells[0].getSpaceBefore()
        for cell, (w, vh) in zip(cells, sizes, strict=True):
            if s.alignment == "RIGHT":
                x = col_x + col_w - s.rightPadding - w
            elif s.alignment in ("CENTRE", "CENTER"):
                x = col_x + (col_w + s.leftPadding - s.rightPadding - w) / 2
            else:
                x = col_x + s.leftPadding
            y -= cell.getSpaceBefore() + vh
            cell.write(self._pen, x, y)
            y -= cell.getSpaceAfter()

    def _drawLines(self) -> None:  # noqa: N802 (reportlab's name)
        if self._pen is not None:
            self._pen.finish()
        super()._drawLines()

    def _head_rows(self) -> int:
        repeat = self.repeatRows
        return repeat if isinstance(repeat, int) else len(repeat)

    def _split_counts(self, parts: list[Any]) -> tuple[int, int]:
        head = self._head_rows()
        return len(parts[0]._cellvalues) - head, len(parts[1]._cellvalues) - head

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first, rest = self._split_counts(parts)
        frame = getattr(self, "_frame", None)
        at_top = frame is None or getattr(frame, "_atTop", True)
        if first <= 1 and not self._moved_on and not at_top:
            self._moved_on = True  # on the next page it splits as it must
            return []
        if rest <= 1 and first >= 3:
            head = self._head_rows()
            last = self._rowHeights[head + first - 1]
            shorter = super().split(availWidth, availHeight - last - 1)
            if len(shorter) == 2 and min(self._split_counts(shorter)) >= 2:
                return shorter
        return parts


class RoomForRows(CondPageBreak):
    """Before a heading: go to the next page unless the heading, the table's header and
    its first `rows` rows fit below (so neither sits alone at a page's foot)."""

    def __init__(self, table: Table, rows: int = 2, above: float = 0) -> None:
        super().__init__(above)
        self.table, self.rows, self.above = table, rows, above

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.table.wrap(availWidth, availHeight)
        heights = list(getattr(self.table, "_rowHeights", []) or [])
        head = self.table.repeatRows if isinstance(self.table.repeatRows, int) else 1
        self.height = self.above + sum(heights[: head + self.rows])
        return super().wrap(availWidth, availHeight)


CHUNK = 150  # rows per table: a long table is cut into consecutive tables, each with
# its header, so laying out thousands of rows stays linear (reportlab splits a table
# across a page by laying out all its remaining rows again: quadratic in its length)


def grid_tables(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    styles: Styles,
    extra: Sequence[tuple[Any, ...]] = (),
    chunk: int = CHUNK,
) -> list[Table]:
    """`grid_table` for a long table: consecutive tables of at most `chunk` rows, each
    with the header (which repeats on every page anyway), style commands carried over
    to the rows they name (rows counted from 1, below the header)."""
    tables = []
    for start in range(0, max(len(rows), 1), chunk):
        end = min(start + chunk, len(rows))
        commands = [
            (cmd, (a[0], a[1] - start), (b[0], min(b[1], end) - start), *rest)
            for cmd, a, b, *rest in extra
            if start < a[1] <= end
        ]
        tables.append(grid_table(header, rows[start:end], widths, styles=styles, extra=commands))
    return tables


def plain_table(
    rows: Sequence[Sequence[Any]], widths: Sequence[float], commands: Sequence[tuple[Any, ...]] = ()
) -> Table:
    """A table without rules, for header blocks and side-by-side layout."""
    table = Table([list(r) for r in rows], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *commands,
            ]
        )
    )
    return table


def light_fill(row: int, col: int, light: Light) -> tuple[Any, ...]:
    """The table style command that tints one warning cell (row counted with header)."""
    return ("BACKGROUND", (col, row), (col, row), LIGHT_FILL[light])


def legend(styles: Styles, on: date | None = None, extra: str = "") -> Paragraph:
    """One line explaining the warning marks (for sheets read in black and white)
    and the day they were judged on."""
    parts = []
    for light in (Light.red, Light.yellow, Light.green, Light.grey):
        ink = LIGHT_INK[light].hexval()[2:]
        parts.append(f'<font color="#{ink}">{LIGHT_SHAPE[light]}</font> {light_text(light)}')
    text_ = "预警标识：" + "　　".join(parts)
    text_ += f"　　{legend_.MILESTONE_REACHED} 里程碑已达成　{legend_.MILESTONE_PLANNED} 计划里程碑"
    if on is not None:
        text_ += f"　　（预警按 {on.isoformat()} 的情况判断）"
    if extra:
        text_ += f"　　{escape(extra)}"
    return Paragraph(text_, styles.note)


class SignatureBlock(Flowable):
    """填报人 / 审核人（分管领导） / 单位（盖章） lines with room to sign and stamp."""

    def __init__(self, width: float, date_line: bool = True) -> None:
        super().__init__()
        self.width = width
        self.height = 26 * mm
        self.date_line = date_line

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        register_fonts()
        c = self.canv
        c.setFont(REGULAR, 10.5)
        c.setFillColor(INK)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        y = self.height - 9 * mm
        third = self.width / 3
        labels = ("填报人：", "审核人（分管领导）：", "单位（盖章）：")
        for n, label in enumerate(labels):
            x = n * third
            c.drawString(x, y, label)
            start = x + c.stringWidth(label, REGULAR, 10.5) + 2
            c.line(start, y - 1.5, x + third - 8 * mm, y - 1.5)
        if self.date_line:
            y2 = y - 11 * mm
            for n in range(3):
                x = n * third
                c.drawString(x, y2, "日期：")
                start = x + c.stringWidth("日期：", REGULAR, 10.5) + 2
                c.line(start, y2 - 1.5, x + third - 8 * mm, y2 - 1.5)


# ------------------------------------------------------------------ the document


def _numbered_canvas(note: str, printed: str) -> type[Canvas]:
    """A canvas class that holds every page back until the end, so each footer can
    say 第 x 页 共 y 页 (two passes over the pages, one build)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start pages in the bundled font, so no unembedded Helvetica is referenced.
            kwargs["initialFontName"] = REGULAR
            kwargs["initialFontSize"] = 10
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            width, _ = self._pagesize
            self.saveState()
            self.setFont(REGULAR, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN_X, 8 * mm, note)
            self.drawRightString(
                width - MARGIN_X,
                8 * mm,
                f"第 {self._pageNumber} 页  共 {total} 页 · 打印于 {printed}",
            )
            self.restoreState()

    return NumberedCanvas


class SheetDocument(BaseDocTemplate):
    """A4 (or A3) document with a portrait and a landscape page template."""

    def __init__(
        self,
        path: Path,
        *,
        title: str,
        plan_name: str,
        note: str = "",
        size: str = "A4",
        first: str = "portrait",
        progress: Progress | None = None,
    ) -> None:
        register_fonts()
        paper = A3 if size == "A3" else A4
        self.sheet_title = title
        self.plan_name = plan_name
        self.note = note or title
        self.progress_callback = progress
        super().__init__(
            str(path),
            pagesize=portrait(paper),
            title=title,
            author=plan_name,
            subject=title,
            creator="IPDesk 知识产权强区建设工作台",
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            lang="zh-CN",
        )
        templates = []
        for name, size_ in (("portrait", portrait(paper)), ("landscape", landscape(paper))):
            w, h = size_
            frame = Frame(
                MARGIN_X,
                MARGIN_BOTTOM,
                w - 2 * MARGIN_X,
                h - MARGIN_TOP - MARGIN_BOTTOM,
                id=name,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            templates.append(
                PageTemplate(id=name, frames=[frame], pagesize=size_, onPage=self._header)
            )
        if first == "landscape":
            templates.reverse()
        self.addPageTemplates(templates)

    def frame_size(self, orientation: str) -> tuple[float, float]:
        for template in self.pageTemplates:
            if template.id == orientation:
                frame = template.frames[0]
                return frame._width, frame._height
        raise KeyError(orientation)

    def _header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, height - 10 * mm, self.plan_name)
        canvas.drawRightString(width - MARGIN_X, height - 10 * mm, self.sheet_title)
        canvas.setStrokeColor(colors.HexColor("#9A9A9A"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, height - 11.5 * mm, width - MARGIN_X, height - 11.5 * mm)
        canvas.line(MARGIN_X, 11 * mm, width - MARGIN_X, 11 * mm)
        canvas.restoreState()
        if self.progress_callback is not None:
            self.progress_callback(doc.page, 0, f"第 {doc.page} 页")

    def build_story(self, story: list[Flowable]) -> None:
        printed = clock.now().astimezone().strftime("%Y-%m-%d %H:%M")
        self.build(story, canvasmaker=_numbered_canvas(self.note, printed))


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def heading(label: str, styles: Styles, room_mm: float = 35, table: Any = None) -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page: it moves to the
    next page unless `room_mm` is left below it — or, given its `table`, unless the
    table's header and first two rows fit below it."""
    style = styles.heading
    if isinstance(table, Table):
        above = style.leading + style.spaceBefore + style.spaceAfter + 2
        return [RoomForRows(table, 2, above), Paragraph(escape(label), style)]
    return [CondPageBreak(room_mm * mm), Paragraph(escape(label), style)]


def code_cell(code: str, display: str, style: ParagraphStyle) -> Flowable:
    """A plan item's code as the document writes it (三（一）1 / 二是, broken at the
    dot so it never wraps mid-word) with the dotted code underneath."""
    runs = [
        Run(part, style.fontName, style.fontSize, style.textColor) for part in display.split("·")
    ]
    runs.append(Run(code, style.fontName, 6.5, MUTED))
    return CellText(runs, style)
