"""Reading a plan document (工作方案 / 实施方案 / 行动方案) into the plan as data:
`read_document(path)` for a .docx, .txt, .html or .pdf file, `read_text(text)` for
text already in hand. Nothing here writes a file; `ipdesk.reader.to_template`
turns what was read into a template the master builder takes."""

from __future__ import annotations

from pathlib import Path

from ipdesk.reader.formats import DocumentRefused, assemble, load
from ipdesk.reader.model import ReadPlan
from ipdesk.reader.structure import read_source

__all__ = ["DocumentRefused", "ReadPlan", "read_document", "read_text"]


def read_document(path: str | Path) -> ReadPlan:
    """The plan as read from a document. Raises DocumentRefused for a file it cannot read."""
    return read_source(load(path))


def read_text(text: str, name: str = "text.txt") -> ReadPlan:
    """The plan as read from plain text (one paragraph per line)."""
    return read_source(assemble(name, "txt", [(line, None, False) for line in text.splitlines()]))
