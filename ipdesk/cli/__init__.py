"""The `ipdesk` command (DESIGN.md §8). Thin: parses, calls the core, prints.

The subcommands live in one module each group: plan (make and fill in a file), merge
(department files and the merge), reports (sheets, workbooks, archive) and documents
(reading a plan document); they share ipdesk.cli.common and never import each other.

Exit status: 0 done; 2 refused input or usage (or a file-system problem: disk full,
read-only, locked, gone), with one clear line on stderr and nothing changed; 3 for an
internal error (a bug): one sentence on stderr naming the crash log that holds the
details (ipdesk.crashlog).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import ipdesk
from ipdesk.cli import documents, merge, plan, reports
from ipdesk.cli.common import INTERNAL, REFUSED, Parser, print_json
from ipdesk.errors import BadInput, IPDeskError
from ipdesk.messages import message

__all__ = ["INTERNAL", "REFUSED", "build_parser", "main", "print_json"]

# Arguments that name files; every other argument is text that may reach a file.
PATH_ARGUMENTS = {"file", "path", "output", "workbook", "master", "target", "files", "document"}


USAGE_FIRST = """\
  ipdesk                 打开窗口（上次的文件） open the window (the last file)
  ipdesk FILE.ipdesk     在窗口中打开文件（双击文件即如此） open FILE in the window (what a double-click does)
  ipdesk COMMAND …       命令行使用，见下 work headless, see below"""


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="ipdesk",
        usage="ipdesk [FILE.ipdesk] | ipdesk COMMAND [...]",
        description="IPDesk 知识产权强区建设工作台\n\n" + USAGE_FIRST,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"IPDesk {ipdesk.__version__}")
    sub = p.add_subparsers(dest="command", parser_class=Parser, prog="ipdesk")
    s = sub.add_parser("gui", help="打开窗口 open the window")
    s.add_argument("file", nargs="?")
    s.set_defaults(handler=cmd_gui)
    s = sub.add_parser(
        "self-check",
        help="检查安装的程序（打开窗口，逐项试用后退出） check the installed program",
    )
    s.add_argument("file", help="用于试用的文件（不会被修改）a file to try it on (left as it is)")
    s.add_argument("-o", "--output", required=True, help="试用时写出的文件放在这里")
    s.set_defaults(handler=cmd_self_check)
    for group in (plan, merge, reports, documents):
        group.register(sub)
    return p


def cmd_gui(args: argparse.Namespace) -> int:
    from ipdesk.gui.app import run

    return run(args.file)


def cmd_self_check(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from ipdesk.gui.selfcheck import run

    # The check works on a copy: the file given stays byte for byte as it was.
    folder = Path(tempfile.mkdtemp(prefix="ipdesk-self-check-"))
    try:
        copy = folder / Path(args.file).name
        shutil.copyfile(args.file, copy)
        return run(str(copy), args.output)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; never ends in a traceback (see the module's exit statuses)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    try:
        return _run(argv)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write(f"ipdesk: {message('cli.cancelled')}\n")
        return REFUSED
    except BrokenPipeError:
        # The reader went away (`ipdesk dump | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the one guard: a bug is reported, never a traceback
        return _internal_error(exc, argv)


def _run(argv: list[str]) -> int:
    parser = build_parser()
    if not argv:
        argv = ["gui"]
    elif _names_a_file(argv[0], parser):
        argv = ["gui", *argv]  # `ipdesk FILE`: a double-click hands over the file
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return REFUSED
    try:
        _check_arguments(args)
        return int(handler(args))
    except IPDeskError as exc:
        sys.stderr.write(f"ipdesk: {exc}\n")
        return REFUSED
    except BrokenPipeError:
        raise  # main's: the reader went away, not a disk problem
    except (OSError, sqlite3.Error) as exc:
        from ipdesk.store import disk

        known = disk.problem(exc, _named_file(args, exc))
        if known is None:
            raise
        sys.stderr.write(f"ipdesk: {known}\n")
        return REFUSED


def _named_file(args: argparse.Namespace, exc: BaseException) -> str:
    """The file an error is about: the one the OS names, else the command's own file."""
    named = getattr(exc, "filename", None)
    if named:
        return str(named)
    for name in ("file", "target", "master"):
        value = getattr(args, name, None)
        if value:
            return str(value)
    return ""


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse arguments that are not text (bytes that are not UTF-8, which Python keeps
    as lone surrogates): they could not be stored, printed or matched."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str):
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                shown = item.encode("utf-8", "backslashreplace").decode("ascii", "replace")
                if name in PATH_ARGUMENTS:
                    raise BadInput(
                        message("cli.file_name_holds_characters", shown=shown),
                    ) from None
                raise BadInput(
                    message("cli.argument_holds_characters_are", name=name, shown=shown),
                ) from None


def _tolerant_output() -> None:
    """Printing never fails on a character the console cannot show."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _names_a_file(first: str, parser: argparse.ArgumentParser) -> bool:
    """Whether the first argument is a file to open rather than a command: not a
    command's name nor an option, and a file that exists or ends in .ipdesk."""
    if first.startswith("-"):
        return False
    commands: set[str] = set()
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        commands.update(getattr(action, "choices", {}) or {})
    if first in commands:
        return False
    return first.lower().endswith(".ipdesk") or os.path.isfile(first)


def _internal_error(exc: BaseException, argv: list[str]) -> int:
    import traceback

    from ipdesk.crashlog import crash_sentence, write_crash_log

    command = "ipdesk " + " ".join(argv)
    log = write_crash_log(exc, command)
    sys.stderr.write(f"ipdesk: {message('cli.internal_error')}: {crash_sentence(exc, log)}\n")
    if log is None:
        traceback.print_exception(exc, file=sys.stderr)
    return INTERNAL
