"""Subcommands for department files and the merge (DESIGN.md §8):
issue, send, merge, imports, undo-import, conflicts, resolve, quarantine.

Thin: parse, call, print.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

from ipdesk.cli.common import REFUSED, look, open_file, print_json
from ipdesk.messages import Message, message
from ipdesk.store import clock

# ------------------------------------------------------------------ issue / send


def _register_issue(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="下发部门文件 issue department files")
    p.add_argument("master")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--dept",
        action="append",
        help="单位（代码或名称，可重复）department code or name (repeat for several: -o is then a folder)",
    )
    group.add_argument(
        "--all", action="store_true", help="每个单位一个文件 one file per department"
    )
    p.add_argument("-o", "--output", required=True, help="文件（--dept）或文件夹（--all）")
    p.add_argument(
        "--update",
        action="store_true",
        help="只生成更新文件（审核结果、退回原因、计划变更；与一个 --dept 一起）"
        " the small update file after a review (with one --dept)",
    )
    p.set_defaults(handler=cmd_issue)


def cmd_issue(args: argparse.Namespace) -> int:
    from ipdesk.errors import BadInput
    from ipdesk.merge.issue import issue_all, issue_department_file, issue_update_file
    from ipdesk.store.names import find_department

    if args.update and (args.all or len(args.dept) != 1):
        raise BadInput(message("cli_merge.update_one_department"))
    with closing(open_file(args.master)) as db:
        if args.update:
            dept = find_department(db, args.dept[0])
            out = issue_update_file(db, dept.id, args.output)
            print(message("cli_merge.update_written", name=dept.name, path=str(out)))
        elif args.all:
            made = issue_all(db, args.output)
            for path in made:
                print(message("cli_merge.issued", path=str(path)))
            print(message("cli_merge.issued_count", count=len(made), folder=str(args.output)))
        elif len(args.dept) == 1:
            dept = find_department(db, args.dept[0])
            out = issue_department_file(db, dept.id, args.output)
            print(message("cli_merge.issued_department", name=dept.name, path=str(out)))
        else:
            chosen = [find_department(db, d).id for d in args.dept]
            made = issue_all(db, args.output, departments=chosen)
            for path in made:
                print(message("cli_merge.issued", path=str(path)))
    return 0


def _register_send(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="生成报送文件 clean signed copy to send")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=cmd_send)


def cmd_send(args: argparse.Namespace) -> int:
    from ipdesk.errors import BadInput
    from ipdesk.merge.send import send_file, unsubmitted_periods

    if Path(args.output).resolve() == Path(args.file).resolve():
        raise BadInput(message("cli.output_must_not_file"))
    with closing(open_file(args.file)) as db:
        drafts = unsubmitted_periods(db)
        out = send_file(db, args.output)
    print(message("cli_merge.send_written", path=str(out)))
    if drafts:
        print(f"  ! {message('cli_merge.send_drafts', periods=list(drafts))}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------ merge


def _register_merge(sub: Any, name: str) -> None:
    p = sub.add_parser(
        name,
        help="合并部门文件 merge files into a master (or an issued file into a department file)",
    )
    p.add_argument("target")
    p.add_argument("files", nargs="+")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入 preview only")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--rows", action="store_true", help="逐行列出（与 --json 一起）row by row (with --json)"
    )
    p.set_defaults(handler=cmd_merge)


def _counts(r: Any) -> Message:
    """新增 1，修改 0，… / new 1, changed 0, … of a merge report or an import entry."""
    get = r.get if isinstance(r, dict) else lambda key: getattr(r, key)
    number = get("import_id")
    return message(
        "cli_merge.counts",
        new=get("new"),
        changed=get("changed"),
        stale=get("stale"),
        conflicts=get("conflicts"),
        quarantined=get("quarantined"),
        import_number=message("cli_merge.import_suffix", id=number) if number else "",
    )


def _result(result: str) -> Message:
    """已合并 / merged, 无需合并 / nothing to merge (merged before, or nothing new), 未合并 / refused."""
    return message(f"cli_merge.result.{result}")


def cmd_merge(args: argparse.Namespace) -> int:
    from ipdesk.merge.engine import merge_files

    reports = merge_files(args.target, args.files, dry_run=args.dry_run, detailed=args.rows)
    if args.json:
        print_json([{**r.to_json(), **({"rows": r.rows} if args.rows else {})} for r in reports])
    else:
        if args.dry_run:
            print(message("cli_merge.dry_run"))
        for r in reports:
            who = f"{r.department} {r.department_name}" if r.department else "-"
            print(f"{_result(r.result)}: {Path(r.file).name} [{who}] {_counts(r)}")
            if r.result != "merged":
                print(f"    {r.reason}")
            if r.drafts:
                print(f"    ! {message('cli_merge.drafts', periods=list(r.drafts))}")
            for warning in r.warnings:
                print(f"    ! {warning}")
    for r in reports:
        if r.result == "refused":
            sys.stderr.write(f"ipdesk: {r.reason}\n")
    return REFUSED if any(r.result == "refused" for r in reports) else 0


# ------------------------------------------------------------------ after the merge


def _register_imports(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="导入记录 the import log")
    p.add_argument("target")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_imports)


def cmd_imports(args: argparse.Namespace) -> int:
    from ipdesk.merge.undo import list_imports

    with closing(look(args.target)) as db:
        entries = list_imports(db)
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        print(message("cli_merge.no_imports"))
    for e in entries:
        undone = (
            f" {message('cli_merge.undone', when=clock.local_text(e['undone_at']))}"
            if e["undone_at"]
            else ""
        )
        counts = _counts({**e, "import_id": None})
        print(
            f"#{e['id']} {clock.local_text(e['merged_at'])} {e['department']} {e['department_name']} {e['file']}"
            f" {counts} sha256 {e['sha256'][:12]}{undone}"
        )
    return 0


def _register_undo(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="撤销一次导入 undo one import")
    p.add_argument("target")
    p.add_argument("import_id", type=int)
    p.set_defaults(handler=cmd_undo)


def cmd_undo(args: argparse.Namespace) -> int:
    from ipdesk.merge.undo import undo_import

    report = undo_import(args.target, args.import_id)
    print(report.text())
    return 0


def _register_conflicts(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="合并冲突 conflicts to review")
    p.add_argument("target")
    p.add_argument("--all", action="store_true", help="包括已处理的 include resolved ones")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conflicts)


def cmd_conflicts(args: argparse.Namespace) -> int:
    from ipdesk.merge.conflicts import list_conflicts

    with closing(look(args.target)) as db:
        found = list_conflicts(db, open_only=not args.all)
    if args.json:
        print_json([c.to_json() for c in found])
        return 0
    if not found:
        print(message("cli_merge.no_conflicts"))
    for c in found:
        mark = str(message("word.default"))
        state = (
            f" {message('cli_merge.resolved_side', side=c.resolved_side)}"
            if c.resolved_side
            else ""
        )
        print(f"#{c.id} {c.row} · {c.field_label} ({c.field}){state}")
        print(
            f"    master   {c.master_value!r}{mark if c.default_side == 'master' else ''}"
            f"  [{c.master_site} {c.master_time}]"
        )
        print(
            f"    incoming {c.incoming_value!r}{mark if c.default_side == 'incoming' else ''}"
            f"  [{c.department_name or ''} {c.incoming_site} {c.incoming_time}, {c.file}]"
        )
    return 0


def _register_resolve(sub: Any, name: str) -> None:
    p = sub.add_parser(
        name,
        help="处理冲突 resolve a conflict, or all of a file's (--import N) or a department's (--dept D)",
    )
    p.add_argument("target")
    p.add_argument("conflict_id", type=int, nargs="?")
    p.add_argument("--import", dest="import_id", type=int, help="该次导入的全部冲突")
    p.add_argument("--dept", help="该单位各文件的全部冲突")
    p.add_argument("--take", choices=("master", "incoming"), required=True)
    p.set_defaults(handler=cmd_resolve)


def cmd_resolve(args: argparse.Namespace) -> int:
    from ipdesk.errors import BadInput
    from ipdesk.merge.conflicts import resolve_many, select_conflicts
    from ipdesk.store.names import find_department

    chosen = [args.conflict_id is not None, args.import_id is not None, args.dept is not None]
    if sum(chosen) != 1:
        raise BadInput(
            message("cli_merge.give_one_conflict_id"),
        )
    with closing(open_file(args.target)) as db:
        if args.conflict_id is not None:
            ids = [args.conflict_id]
        else:
            dept = find_department(db, args.dept).id if args.dept else None
            ids = select_conflicts(db, import_id=args.import_id, department=dept)
        revs = resolve_many(db, ids, args.take)
    if args.conflict_id is not None:
        done = message("cli_merge.revision_written" if revs[0] else "cli_merge.row_holds_it")
        print(
            message("cli_merge.conflict_resolved", id=args.conflict_id, side=args.take, done=done)
        )
    else:
        print(message("cli_merge.conflicts_resolved", count=len(ids), side=args.take))
    return 0


def _register_reimport(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="重新导入已撤销的导入 import an undone import again")
    p.add_argument("target")
    p.add_argument("import_id", type=int)
    p.set_defaults(handler=cmd_reimport)


def cmd_reimport(args: argparse.Namespace) -> int:
    from ipdesk.merge.engine import reimport

    r = reimport(args.target, args.import_id)
    if r.result == "refused":
        sys.stderr.write(f"ipdesk: {r.reason}\n")
        return REFUSED
    print(f"{_result(r.result)}: {r.file} — {r.reason}")
    return 0


def _register_backups(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="总表的备份 the master's backups")
    p.add_argument("target")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backups)


def cmd_backups(args: argparse.Namespace) -> int:
    from ipdesk.merge.backups import list_backups

    found = list_backups(args.target)
    if args.json:
        print_json(
            [
                {"path": str(b.path), "label": b.label, "made": b.made.isoformat(), "size": b.size}
                for b in found
            ]
        )
        return 0
    if not found:
        print(message("cli_merge.no_backups"))
    for b in found:
        print(f"{b.made:%Y-%m-%d %H:%M:%S}  {b.words}  {b.size // 1024} KB  {b.path}")
    return 0


def _register_restore(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="用备份恢复总表 restore the master from a backup")
    p.add_argument("target")
    p.add_argument("backup")
    p.set_defaults(handler=cmd_restore)


def cmd_restore(args: argparse.Namespace) -> int:
    from ipdesk.merge.backups import restore_backup

    saved = restore_backup(args.target, args.backup)
    print(message("cli_merge.restored", backup=Path(args.backup).name, saved=str(saved)))
    return 0


def _register_quarantine(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="未合并（隔离）的行 quarantined rows")
    p.add_argument("target")
    p.add_argument("--import", dest="import_id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_quarantine)


def cmd_quarantine(args: argparse.Namespace) -> int:
    from ipdesk.merge.conflicts import list_quarantine, row_label

    with closing(look(args.target)) as db:
        rows = list_quarantine(db, args.import_id)
        if not args.json:
            for q in rows:
                label = row_label(db, q["table"], q["row_id"])
                print(
                    f"#{q['id']} {message('cli_merge.import_number', id=q['import_id'])}"
                    f" {q['department_name']} {label}:"
                    f" {q['reason']}"
                )
            if not rows:
                print(message("cli_merge.nothing_quarantined"))
    if args.json:
        print_json(rows)
    return 0


def register(sub: Any) -> None:
    """The subcommands of department files and the merge."""
    _register_issue(sub, "issue")
    _register_send(sub, "send")
    _register_merge(sub, "merge")
    _register_imports(sub, "imports")
    _register_undo(sub, "undo-import")
    _register_conflicts(sub, "conflicts")
    _register_resolve(sub, "resolve")
    _register_reimport(sub, "reimport")
    _register_backups(sub, "backups")
    _register_restore(sub, "restore")
    _register_quarantine(sub, "quarantine")
