"""Typed errors of the core. Each carries a code and parameters, and a `Message`
(ipdesk.messages) that says what is wrong and what to do, worded by the catalogues:
the CLI prints it on one line, Chinese first with the English; the GUI shows it in
the window's language."""

from __future__ import annotations

from pathlib import Path

from ipdesk.messages import Message, bilingual, message
from ipdesk.messages import detail as in_parens


class IPDeskError(Exception):
    """Base of every error a user can be shown. Nothing was changed when it is raised.

    Raised with a Message, or (for words not yet in the catalogues) with the Chinese
    and the English text."""

    code = "error"

    def __init__(self, message_zh: str | Message, message_en: str = "", **params: object) -> None:
        msg = message_zh if isinstance(message_zh, Message) else bilingual(message_zh, message_en)
        super().__init__(str(msg))
        self.msg = msg
        self.params = params

    @property
    def message(self) -> str:
        return str(self)

    @property
    def message_zh(self) -> str:
        return self.msg.text("zh")

    @property
    def message_en(self) -> str:
        return self.msg.text("en")


class FileRefused(IPDeskError):
    """A file that IPDesk will not open, for the reason named by `code` (its words:
    file.reason.CODE and file.advice.CODE in ipdesk/messages)."""

    def __init__(
        self,
        code: str,
        path: str | Path,
        detail: str | Message = "",
        *,
        words: Message | None = None,
        **params: object,
    ) -> None:
        """`words`: a subclass's own sentence (by default 无法打开 … cannot open …)."""
        name = str(path)
        if words is None:
            words = message(
                "file.cannot_open",
                path=name,
                reason=Message(f"file.reason.{code}"),
                detail=in_parens(detail),
                advice=Message(f"file.advice.{code}"),
            )
        super().__init__(words)
        self.params = {"path": name, "detail": detail, **params}
        self.code = code
        self.path = name


class DiskProblem(FileRefused):
    """A file-system problem met while writing, reading or checking a file, told apart
    by `code`: the disk is full, the place is read-only, the file is locked by another
    program, the file or its folder is gone, permission is missing, or a read/write
    error of the device. Nothing half-written is left behind when it is raised.

    A subclass of FileRefused, so whatever catches a refused file catches these too.
    Its words: disk.reason.CODE, disk.advice.CODE and disk.action.ACTION.
    """

    def __init__(
        self, code: str, path: str | Path, *, action: str = "write", detail: str = ""
    ) -> None:
        name = str(path) or "?"
        words = message(
            "disk.cannot",
            action=Message(f"disk.action.{action}"),
            path=name,
            reason=Message(f"disk.reason.{code}"),
            detail=in_parens(detail),
            advice=Message(f"disk.advice.{code}"),
        )
        super().__init__(code, name, detail, words=words, action=action)
        self.action = action


class NameNotFound(IPDeskError):
    """A task, indicator or department name that matches nothing, or more than one."""

    code = "name"

    def __init__(self, kind: Message, text: str, candidates: list[str]) -> None:
        """kind: the word for what was looked for (thing.task, thing.department …)."""
        if candidates:
            shown = list(candidates[:12]) + (["…"] if len(candidates) > 12 else [])
            words = message("name.ambiguous", text=text, kind=kind, candidates=shown)
            self.code = "ambiguous"
        else:
            words = message("name.unknown", text=text, kind=kind)
            self.code = "unknown"
        super().__init__(words, text=text, candidates=candidates)
        self.candidates = candidates


class NotAllowed(IPDeskError):
    """A write the file's role or department may not make (ownership, locked report)."""

    code = "not_allowed"


class BadInput(IPDeskError):
    """A value that is not acceptable (a negative amount, a bad date, a bad period)."""

    code = "bad_input"
