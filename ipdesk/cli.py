"""The `ipdesk` command (DESIGN.md §8). Thin: parses, calls the core, prints.

Exit status: 0 done; 2 refused input or usage (or a file-system problem: disk full,
read-only, locked, gone), with one clear line on stderr and nothing changed; 3 for an
internal error (a bug): one sentence on stderr naming the crash log that holds the
details (ipdesk.crashlog).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

import ipdesk
from ipdesk.errors import BadInput, FileRefused, IPDeskError, NotAllowed

REFUSED = 2
INTERNAL = 3
# Arguments that name files; every other argument is text that may reach a file.
PATH_ARGUMENTS = {"file", "path", "output", "workbook", "master", "target", "files", "document"}
STATUS_WORDS = {
    "未启动": "not_started",
    "推进中": "in_progress",
    "已完成": "done",
    "滞后": "behind",
}

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(
    name: str,
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    def register(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = func
        return func

    return register


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (its default also exits 2, with usage)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"ipdesk: 用法错误 usage error: {message}（ipdesk --help 查看用法）\n")
        raise SystemExit(REFUSED)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ipdesk", description="IPDesk 知识产权强区建设工作台")
    p.add_argument("--version", action="version", version=f"IPDesk {ipdesk.__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("gui", help="打开窗口 open the window")
    s.add_argument("file", nargs="?")

    s = sub.add_parser("new", help="新建总表 create a master file")
    s.add_argument("file")
    group = s.add_mutually_exclusive_group()
    group.add_argument("--template", default=None)
    group.add_argument("--empty", action="store_true")
    group.add_argument(
        "--from-document", metavar="DOC", help="由工作方案文件新建 from a plan document"
    )
    s.add_argument(
        "--continue-from",
        metavar="OLD",
        help="承接上一轮计划的总表 carry on from the previous plan's master",
    )
    s.add_argument("--coordinator", help="协调单位 the coordinating department (--from-document)")
    s.add_argument("--demo", action="store_true", help="加入演示进展 add sample progress")

    s = sub.add_parser("info", help="文件信息 what a file is")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("check", help="完整检查 full validation")
    s.add_argument("file")

    s = sub.add_parser("dump", help="全部内容 (JSON)")
    s.add_argument("file")

    s = sub.add_parser("dept", help="单位与联络员 departments")
    dsub = s.add_subparsers(dest="dept_command", parser_class=_Parser, required=True)
    d = dsub.add_parser("list")
    d.add_argument("file")
    d.add_argument("--json", action="store_true")
    d = dsub.add_parser("add")
    d.add_argument("file")
    d.add_argument("code")
    d.add_argument("name")
    d.add_argument("--short", required=True)
    d.add_argument("--kind", default="other")
    d.add_argument("--contact", default="")
    d.add_argument("--phone", default="")
    d = dsub.add_parser("rename")
    d.add_argument("file")
    d.add_argument("dept")
    d.add_argument("--name")
    d.add_argument("--short")
    d.add_argument("--contact")
    d.add_argument("--phone")

    s = sub.add_parser("assign", help="分工 assign lead and co-operating departments")
    s.add_argument("file")
    s.add_argument("task")
    s.add_argument("--lead", action="append", required=True)
    s.add_argument("--co", action="append", default=[])

    s = sub.add_parser("report", help="填报任务进展 report progress")
    s.add_argument("file")
    s.add_argument("task")
    s.add_argument("--period", required=True)
    s.add_argument("--dept")
    s.add_argument(
        "--status", help="未启动/推进中/已完成/滞后 or not_started/in_progress/done/behind"
    )
    s.add_argument("--percent", type=float)
    s.add_argument("--progress")
    s.add_argument("--problems")
    s.add_argument("--next")

    s = sub.add_parser("value", help="填报指标数值 enter an indicator value")
    s.add_argument("file")
    s.add_argument("indicator")
    s.add_argument("--period", required=True)
    s.add_argument("--value", required=True)
    s.add_argument("--dept")
    s.add_argument("--note")

    s = sub.add_parser("attach", help="添加佐证材料 add an evidence file")
    s.add_argument("file")
    s.add_argument("task")
    s.add_argument("path")
    s.add_argument("--period")
    s.add_argument("--dept")

    s = sub.add_parser("submit", help="提交本期 submit a period")
    s.add_argument("file")
    s.add_argument("--period", required=True)
    s.add_argument("--dept")

    s = sub.add_parser("review", help="审核 approve or return a period")
    s.add_argument("file")
    s.add_argument("--dept", required=True)
    s.add_argument("--period", required=True)
    group = s.add_mutually_exclusive_group(required=True)
    group.add_argument("--approve", action="store_true")
    group.add_argument("--return", dest="return_reason", metavar="REASON")

    for name, register in _extensions():
        register(sub, name)
    return p


def _extensions() -> list[tuple[str, Callable[[Any, str], None]]]:
    """Subcommands contributed by other parts of the core (merge, reports)."""
    found = []
    for module_name in ("ipdesk.merge.cli", "ipdesk.reports.cli", "ipdesk.reader.cli"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for name, register in module.SUBCOMMANDS:
            found.append((name, register))
    return found


# ------------------------------------------------------------------ helpers


def open_file(path: str) -> sqlite_utils.Database:
    from ipdesk.store.files import open_plan

    return open_plan(path)


def acting_department(db: sqlite_utils.Database, given: str | None) -> str:
    """The department a command acts for: the file's own, or --dept in the master."""
    from ipdesk.store.files import file_meta
    from ipdesk.store.names import find_department

    meta = file_meta(db)
    if not meta.is_master:
        if given and find_department(db, given).id != meta.department_id:
            raise NotAllowed(
                "部门文件只能为本单位填报，不能使用 --dept 指定其他单位。",
                "a department file reports only for its own department; --dept cannot name another.",
            )
        return meta.department_id  # type: ignore[return-value]
    if not given:
        raise BadInput(
            "总表中填报时请用 --dept 指明单位。",
            "in the master file, name the department with --dept.",
        )
    return find_department(db, given).id


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


# ------------------------------------------------------------------ commands


@command("gui")
def cmd_gui(args: argparse.Namespace) -> int:
    from ipdesk.gui.app import run

    return run(args.file)


@command("new")
def cmd_new(args: argparse.Namespace) -> int:
    from ipdesk.templates import DEFAULT_TEMPLATE
    from ipdesk.templates.build import create_master

    if (args.continue_from or args.coordinator) and not args.from_document:
        raise BadInput(
            "--continue-from 和 --coordinator 需与 --from-document 一起使用。",
            "--continue-from and --coordinator go with --from-document.",
        )
    if args.from_document:
        from ipdesk.reader import read_document
        from ipdesk.templates.build import create_master_from_document

        if Path(args.file).exists():
            from ipdesk.errors import FileRefused

            raise FileRefused("exists", args.file)
        plan = read_document(args.from_document)
        db = create_master_from_document(
            args.file, plan, continue_from=args.continue_from, coordinator=args.coordinator
        )
    else:
        template = None if args.empty else (args.template or DEFAULT_TEMPLATE)
        db = create_master(args.file, template)
    try:
        if args.demo:
            from ipdesk.templates.demo import add_demo_progress

            add_demo_progress(db)
        counts = {
            t: db[t].count for t in ("tasks", "indicators", "departments", "progress_reports")
        }
    finally:
        db.close()
    print(
        f"已创建总表 created master {args.file}: 任务 tasks {counts['tasks']}, 指标 indicators "
        f"{counts['indicators']}, 单位 departments {counts['departments']}, 进展报告 reports "
        f"{counts['progress_reports']}"
    )
    return 0


@command("info")
def cmd_info(args: argparse.Namespace) -> int:
    from ipdesk.store.authority import department_name
    from ipdesk.store.files import file_meta, open_readonly, read_header
    from ipdesk.store.overview import plan_info

    db = open_readonly(args.file)
    header = read_header(args.file)
    try:
        meta = file_meta(db)
        info = plan_info(db)
        counts = {
            t: db.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
            for t in (
                "tasks",
                "indicators",
                "departments",
                "assignments",
                "progress_reports",
                "indicator_values",
                "evidence",
            )
        }
        data = {
            "file": str(args.file),
            "role": meta.role,
            "plan_id": meta.plan_id,
            "plan": info.name,
            "department": department_name(db, meta.department_id) if meta.department_id else None,
            "schema_version": header.user_version,
            "app_version": meta.app_version,
            "issued_at": meta.issued_at,
            "start": info.start.isoformat(),
            "end": info.end.isoformat(),
            "reporting": info.period_kind,
            "counts": counts,
        }
    finally:
        db.close()
    if args.json:
        print_json(data)
    else:
        role = (
            "总表 master"
            if data["role"] == "master"
            else f"部门文件 department file · {data['department']}"
        )
        print(f"{data['file']}: {role}")
        print(f"计划 plan: {data['plan']} ({data['start']} – {data['end']}, {data['reporting']})")
        print(
            f"计划编号 plan id: {data['plan_id']} · 数据版本 schema v{data['schema_version']} · "
            f"IPDesk {data['app_version']} · 签发 issued {data['issued_at']}"
        )
        print("数量 counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from ipdesk.merge.manifest import sent_file_intact
    from ipdesk.store import health
    from ipdesk.store.files import check_readonly, open_readonly

    mark = health.pending_mark(args.file)
    header = check_readonly(args.file, full=True, action="check")
    # Checked whole just now: a pending check after a merge is done, and the next
    # open need not check it again (unless it is open elsewhere, -wal beside it).
    health.verified(args.file, mark)
    health.record_clean_close(args.file)
    db = open_readonly(args.file)
    try:
        intact = sent_file_intact(db.conn)
    except (sqlite3.Error, UnicodeError, ValueError) as exc:
        raise FileRefused("damaged", args.file, str(exc)[:200]) from None
    finally:
        db.close()
    if not intact:
        raise FileRefused("altered", args.file)
    print(f"{args.file}: 完好 sound (schema v{header.user_version}, {header.file_size} bytes)")
    return 0


@command("dump")
def cmd_dump(args: argparse.Namespace) -> int:
    from ipdesk.store.dump import dump
    from ipdesk.store.files import open_readonly

    db = open_readonly(args.file)
    try:
        print_json(dump(db))
    finally:
        db.close()
    return 0


@command("dept")
def cmd_dept(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_department
    from ipdesk.store.overview import departments

    db = open_file(args.file)
    try:
        if args.dept_command == "list":
            rows = departments(db)
            if args.json:
                print_json(
                    [
                        {
                            k: r[k]
                            for k in (
                                "code",
                                "name",
                                "short_name",
                                "kind",
                                "contact_name",
                                "contact_phone",
                            )
                        }
                        for r in rows
                    ]
                )
            else:
                for r in rows:
                    contact = f"{r['contact_name']} {r['contact_phone']}".strip()
                    mark = "（协调）" if r["is_coordinator"] else ""
                    print(f"{r['code']:<8} {r['short_name']}{mark}\t{r['name']}\t{contact}")
        elif args.dept_command == "add":
            edits.save_department(
                db,
                None,
                code=args.code,
                name=args.name,
                short_name=args.short,
                kind=args.kind,
                contact_name=args.contact,
                contact_phone=args.phone,
            )
            print(f"已添加单位 added {args.short}")
        else:
            dept = find_department(db, args.dept)
            changes = {
                k: v
                for k, v in (
                    ("name", args.name),
                    ("short_name", args.short),
                    ("contact_name", args.contact),
                    ("contact_phone", args.phone),
                )
                if v is not None
            }
            if not changes:
                raise BadInput(
                    "没有要修改的内容（--name/--short/--contact/--phone）。",
                    "nothing to change (--name/--short/--contact/--phone).",
                )
            edits.save_department(db, dept.id, **changes)
            print(f"已修改单位 updated {dept.name}")
    finally:
        db.close()
    return 0


@command("assign")
def cmd_assign(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_department, find_task

    db = open_file(args.file)
    try:
        task = find_task(db, args.task)
        lead = [find_department(db, d).id for d in args.lead]
        co = [find_department(db, d).id for d in args.co]
        edits.assign(db, task.id, lead, co)
        print(f"已分工 assigned {task.code}: 牵头 lead {len(lead)}, 配合 co {len(co)}")
    finally:
        db.close()
    return 0


@command("report")
def cmd_report(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_task

    status = args.status
    if status is not None:
        status = STATUS_WORDS.get(status, status)
    db = open_file(args.file)
    try:
        task = find_task(db, args.task)
        dept = acting_department(db, args.dept)
        edits.save_report(
            db,
            task.id,
            dept,
            args.period,
            status=status,
            percent=args.percent,
            progress=args.progress,
            problems=args.problems,
            next_steps=args.next,
        )
        print(f"已保存 saved: {task.code} {args.period}")
    finally:
        db.close()
    return 0


@command("value")
def cmd_value(args: argparse.Namespace) -> int:
    from ipdesk.plan import rules
    from ipdesk.plan.periods import Period
    from ipdesk.store import edits
    from ipdesk.store.names import find_indicator
    from ipdesk.store.overview import load_indicators

    try:
        value = float(args.value)
    except ValueError:
        raise BadInput(f"“{args.value}”不是数字。", f"'{args.value}' is not a number.") from None
    db = open_file(args.file)
    try:
        ind = find_indicator(db, args.indicator)
        dept = acting_department(db, args.dept)
        period = edits.check_period(db, args.period)
        status = next(i for i in load_indicators(db) if i.id == ind.id)
        history = [e for e in status.entries if str(e.period) != period]
        problems = rules.check_entry(
            status.spec, history, rules.ValueEntry(dept, Period.parse(period), value)
        )
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise BadInput(errors[0].message_zh, errors[0].message_en)
        edits.save_value(db, ind.id, dept, period, value, args.note)
        for p in problems:
            sys.stderr.write(f"请核实 please check: {p.message_zh} / {p.message_en}\n")
        print(f"已保存 saved: {ind.code} {period} = {value:g}")
    finally:
        db.close()
    return 0


@command("attach")
def cmd_attach(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_task

    db = open_file(args.file)
    try:
        task = find_task(db, args.task)
        dept = acting_department(db, args.dept)
        edits.add_evidence(db, dept, args.path, task_id=task.id, period=args.period)
        print(f"已添加佐证材料 attached {Path(args.path).name} → {task.code}")
    finally:
        db.close()
    return 0


@command("submit")
def cmd_submit(args: argparse.Namespace) -> int:
    from ipdesk.store import edits

    db = open_file(args.file)
    try:
        dept = acting_department(db, args.dept)
        edits.submit_period(db, dept, args.period)
        print(f"已提交 submitted {args.period}")
    finally:
        db.close()
    return 0


@command("review")
def cmd_review(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_department

    db = open_file(args.file)
    try:
        dept = find_department(db, args.dept)
        edits.review_period(
            db, dept.id, args.period, approve=args.approve, reason=args.return_reason or ""
        )
        word = "审核通过 approved" if args.approve else "已退回 returned"
        print(f"{dept.name} {args.period}: {word}")
    finally:
        db.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; never ends in a traceback (see the module's exit statuses)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    try:
        return _run(argv)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("ipdesk: 已取消 cancelled\n")
        return REFUSED
    except BrokenPipeError:
        # The reader went away (`ipdesk dump | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the one guard: a bug is reported, never a traceback
        return _internal_error(exc, argv)


def _run(argv: list[str]) -> int:
    if not argv:
        argv = ["gui"]
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return REFUSED
    handler = COMMANDS.get(args.command) or getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return REFUSED
    try:
        _check_arguments(args)
        return handler(args)
    except IPDeskError as exc:
        sys.stderr.write(f"ipdesk: {exc}\n")
        return REFUSED
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
                        f"文件名“{shown}”含有无法识别的字符（不是 UTF-8 编码）。请把文件改名"
                        "（只用汉字、字母、数字）后重试。",
                        f"the file name '{shown}' holds characters that are not UTF-8. Rename "
                        "the file (letters, digits, Chinese characters) and try again.",
                    ) from None
                raise BadInput(
                    f"参数 {name} 含有无法识别的字符（不是 UTF-8 编码的文字）：{shown}。"
                    "请把终端设为 UTF-8 后重新输入。",
                    f"the argument {name} holds characters that are not UTF-8 text: {shown}. "
                    "Set the terminal to UTF-8 and type it again.",
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


def _internal_error(exc: BaseException, argv: list[str]) -> int:
    import traceback

    from ipdesk.crashlog import crash_sentence, write_crash_log

    command = "ipdesk " + " ".join(argv)
    log = write_crash_log(exc, command)
    zh, en = crash_sentence(exc, log)
    sys.stderr.write(f"ipdesk: 内部错误 internal error: {zh} / {en}\n")
    if log is None:
        traceback.print_exception(exc, file=sys.stderr)
    return INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
