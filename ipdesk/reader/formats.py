"""Plan documents as blocks of text: .txt, .docx (with its tables, merged cells
repeated in each row they cover), .html as saved from a government site, and .pdf
with a text layer. A file that cannot be read is refused with one clear line."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ipdesk.errors import IPDeskError
from ipdesk.messages import Message, message
from ipdesk.reader.model import Block, SourceDocument

FORMATS = (".docx", ".txt", ".html", ".htm", ".pdf")
# Page furniture a PDF or a Word export carries: "— 3 —", "- 3 -", "第 3 页", "3/12".
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[—\-－–]+\s*\d+\s*[—\-－–]+|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})\s*$"
)


class DocumentRefused(IPDeskError):
    """A plan document IPDesk cannot read; nothing was written."""

    code = "document_refused"

    def __init__(self, path: str | Path, reason: Message) -> None:
        name = Path(path).name
        super().__init__(message("document.cannot_read", name=name, reason=reason), path=str(path))


def load(path: str | Path) -> SourceDocument:
    """The document at `path` as blocks. Raises DocumentRefused."""
    path = Path(path)
    if not path.exists():
        raise DocumentRefused(path, message("formats.file_does_not_exist"))
    if not path.is_file():
        raise DocumentRefused(path, message("formats.not_file"))
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DocumentRefused(
            path,
            message("formats.file_type_not_supported"),
        )
    data = path.read_bytes()
    if not data.strip():
        raise DocumentRefused(path, message("formats.file_empty"))
    if suffix == ".docx":
        paragraphs = _docx(path, data)
    elif suffix == ".pdf":
        from ipdesk.reader.pdf import pdf_paragraphs

        paragraphs = pdf_paragraphs(path, data)
    elif suffix in (".html", ".htm"):
        from ipdesk.reader.html import html_paragraphs

        paragraphs = html_paragraphs(_decode(path, data, html=True))
    else:
        paragraphs = [(line, None, False) for line in _decode(path, data).splitlines()]
    fmt = {".htm": "html"}.get(suffix, suffix.lstrip("."))
    document = assemble(str(path), fmt, paragraphs)
    if not any(b.text for b in document.blocks):
        raise DocumentRefused(path, message("formats.file_holds_no_readable"))
    return document


Paragraph = tuple[str, "list[str] | None", bool]  # text, table cells, heading


def assemble(path: str, fmt: str, paragraphs: list[Paragraph]) -> SourceDocument:
    """Blocks with their offsets in the text shown beside the plan; page numbers and
    empty lines are left out of the blocks (they stay in the shown text)."""
    text_parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    table_no = -1
    in_table = False
    for text, cells, heading in paragraphs:
        if cells is not None and not in_table:
            table_no += 1
        in_table = cells is not None  # a paragraph, even an empty one, ends a table
        shown = " | ".join(cells) if cells is not None else text.rstrip()
        if fmt != "txt" and not shown.strip():
            continue  # only a text file shows its own blank lines
        start = offset
        text_parts.append(shown + "\n")
        offset += len(shown) + 1
        if cells is None and (not shown.strip() or PAGE_NUMBER_RE.match(shown)):
            continue
        blocks.append(
            Block(
                index=len(blocks),
                text=shown.strip() if cells is None else shown,
                start=start,
                end=start + len(shown),
                table=table_no if cells is not None else None,
                cells=[c.strip() for c in cells] if cells is not None else None,
                heading=heading,
            )
        )
    return SourceDocument(path=path, format=fmt, text="".join(text_parts), blocks=blocks)


def _decode(path: Path, data: bytes, html: bool = False) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentRefused(path, message("formats.not_text_file_binary"))
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04"):
        raise DocumentRefused(
            path,
            message("formats.content_does_not_match"),
        )
    encodings = ["utf-8-sig", "utf-16", "gb18030"]
    if html:
        declared = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:2048])
        if declared:
            encodings.insert(0, declared.group(1).decode("ascii").lower())
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise DocumentRefused(
        path,
        message("formats.its_text_encoding_not"),
    )


def _docx(path: Path, data: bytes) -> list[Paragraph]:
    if not zipfile.is_zipfile(path):
        raise DocumentRefused(
            path,
            message("formats.file_damaged_not_word"),
        )
    try:
        import docx
        from docx.table import Table

        from ipdesk.reader.docx_numbering import ListNumbers

        document = docx.Document(str(path))
        numbers = ListNumbers(document)
        out: list[Paragraph] = []
        for part in document.iter_inner_content():
            if isinstance(part, Table):
                for row in part.rows:
                    cells = [c.text.replace("\n", " ").strip() for c in row.cells]
                    out.append(("", cells, False))
                out.append(("", None, False))  # a table ends
            else:
                style = (part.style.name if part.style is not None else "") or ""
                heading = style.lower().startswith(("heading", "title")) or style.startswith("标题")
                out.append((numbers.label(part) + part.text, None, heading))
        return out
    except DocumentRefused:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise DocumentRefused(
            path,
            message("formats.file_damaged_cannot_opened", name=type(exc).__name__),
        ) from None
