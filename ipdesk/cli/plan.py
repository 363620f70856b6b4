"""Subcommands that make a plan file and fill it in (DESIGN.md §8): new, info, check,
dump, dept, assign, report, value, attach, submit, review. Thin: parse, call, print."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

from ipdesk.cli.common import Parser, acting_department, open_file, print_json
from ipdesk.errors import BadInput, FileRefused
from ipdesk.messages import Message, message
from ipdesk.plan.rules import STATUS_BY_WORD
from ipdesk.read.plan import counts as count_rows
from ipdesk.store import clock


def register(sub: Any) -> None:
    """The subcommands that make and fill in a plan file."""
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
    s.set_defaults(handler=cmd_new)

    s = sub.add_parser("info", help="文件信息 what a file is")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_info)

    s = sub.add_parser("check", help="完整检查 full validation")
    s.add_argument("file")
    s.set_defaults(handler=cmd_check)

    s = sub.add_parser("dump", help="全部内容 (JSON)")
    s.add_argument("file")
    s.set_defaults(handler=cmd_dump)

    s = sub.add_parser("dept", help="单位与联络员 departments")
    dsub = s.add_subparsers(dest="dept_command", parser_class=Parser, required=True)
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
    s.set_defaults(handler=cmd_dept)

    s = sub.add_parser("assign", help="分工 assign lead and co-operating departments")
    s.add_argument("file")
    s.add_argument("task")
    s.add_argument("--lead", action="append", required=True)
    s.add_argument("--co", action="append", default=[])
    s.set_defaults(handler=cmd_assign)

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
    s.set_defaults(handler=cmd_report)

    s = sub.add_parser("value", help="填报指标数值 enter an indicator value")
    s.add_argument("file")
    s.add_argument("indicator")
    s.add_argument("--period", required=True)
    s.add_argument("--value", required=True)
    s.add_argument("--dept")
    s.add_argument("--note")
    s.set_defaults(handler=cmd_value)

    s = sub.add_parser("attach", help="添加佐证材料 add an evidence file")
    s.add_argument("file")
    s.add_argument("task")
    s.add_argument("path")
    s.add_argument("--period")
    s.add_argument("--dept")
    s.set_defaults(handler=cmd_attach)

    s = sub.add_parser("submit", help="提交本期 submit a period")
    s.add_argument("file")
    s.add_argument("--period", required=True)
    s.add_argument("--dept")
    s.set_defaults(handler=cmd_submit)

    s = sub.add_parser("review", help="审核 approve or return a period")
    s.add_argument("file")
    s.add_argument("--dept", required=True)
    s.add_argument("--period", required=True)
    group = s.add_mutually_exclusive_group(required=True)
    group.add_argument("--approve", action="store_true")
    group.add_argument("--return", dest="return_reason", metavar="REASON")
    s.set_defaults(handler=cmd_review)


def cmd_new(args: argparse.Namespace) -> int:
    from ipdesk.templates import DEFAULT_TEMPLATE
    from ipdesk.templates.build import create_master

    if (args.continue_from or args.coordinator) and not args.from_document:
        raise BadInput(
            message("cli_plan.continue_from_coordinator_go"),
        )
    if args.from_document:
        from ipdesk.reader import read_document
        from ipdesk.templates.build import create_master_from_document

        if Path(args.file).exists():
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
        message(
            "cli_plan.created_master",
            file=str(args.file),
            tasks=counts["tasks"],
            indicators=counts["indicators"],
            departments=counts["departments"],
            reports=counts["progress_reports"],
        )
    )
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from ipdesk.read.plan import plan_info
    from ipdesk.store.authority import department_name
    from ipdesk.store.files import file_meta, open_readonly, read_header

    header = read_header(args.file)
    with closing(open_readonly(args.file)) as db:
        meta = file_meta(db)
        info = plan_info(db)
        counts = count_rows(
            db,
            (
                "tasks",
                "indicators",
                "departments",
                "assignments",
                "progress_reports",
                "indicator_values",
                "evidence",
            ),
        )
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
    if args.json:
        print_json(data)
    else:
        w = _word
        role = (
            w("master")
            if data["role"] == "master"
            else f"{w('department_file')} · {data['department']}"
        )
        print(f"{data['file']}: {role}")
        print(f"{w('plan')}: {data['plan']} ({data['start']} – {data['end']}, {data['reporting']})")
        print(
            f"{w('plan_id')}: {data['plan_id']} · {w('schema')} v{data['schema_version']} · "
            f"IPDesk {data['app_version']} · {w('issued')} {clock.local_text(str(data['issued_at'] or ''))}"
        )
        print(f"{w('counts')}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _word(key: str) -> Message:
    """A heading word of `ipdesk info`, both languages ("计划 / plan")."""
    return message(f"word.{key}")


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
    sound = message("cli_plan.sound", version=header.user_version, size=header.file_size)
    print(f"{args.file}: {sound}")
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    from ipdesk.read.dump import dump
    from ipdesk.store.files import open_readonly

    with closing(open_readonly(args.file)) as db:
        print_json(dump(db))
    return 0


def cmd_dept(args: argparse.Namespace) -> int:
    from ipdesk.read.plan import departments
    from ipdesk.store import edits
    from ipdesk.store.names import find_department

    with closing(open_file(args.file)) as db:
        if args.dept_command == "list":
            rows = departments(db)
            if args.json:
                print_json(
                    [
                        {
                            k: getattr(r, k)
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
                    contact = f"{r.contact_name} {r.contact_phone}".strip()
                    mark = "（协调）" if r.is_coordinator else ""
                    print(f"{r.code:<8} {r.short_name}{mark}\t{r.name}\t{contact}")
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
            print(message("cli_plan.department_added", name=args.short))
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
                    message("cli_plan.nothing_change_name_short"),
                )
            edits.save_department(db, dept.id, **changes)
            print(message("cli_plan.department_updated", name=dept.name))
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_department, find_task

    with closing(open_file(args.file)) as db:
        task = find_task(db, args.task)
        lead = [find_department(db, d).id for d in args.lead]
        co = [find_department(db, d).id for d in args.co]
        edits.assign(db, task.id, lead, co)
        print(message("cli_plan.assigned", task=task.code, lead=len(lead), co=len(co)))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_task

    status = args.status
    if status is not None:
        status = STATUS_BY_WORD.get(status, status)
    with closing(open_file(args.file)) as db:
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
        print(message("cli_plan.saved", what=f"{task.code} {args.period}"))
    return 0


def cmd_value(args: argparse.Namespace) -> int:
    from ipdesk.plan import rules
    from ipdesk.plan.periods import Period
    from ipdesk.read.indicators import load_indicators
    from ipdesk.store import edits
    from ipdesk.store.names import find_indicator

    try:
        value = float(args.value)
    except ValueError:
        raise BadInput(message("cli_plan.not_number", value=args.value)) from None
    with closing(open_file(args.file)) as db:
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
            raise BadInput(errors[0].words)
        edits.save_value(db, ind.id, dept, period, value, args.note)
        for p in problems:
            sys.stderr.write(f"{message('cli_plan.please_check', problem=p.words)}\n")
        print(message("cli_plan.saved", what=f"{ind.code} {period} = {value:g}"))
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_task

    with closing(open_file(args.file)) as db:
        task = find_task(db, args.task)
        dept = acting_department(db, args.dept)
        edits.add_evidence(db, dept, args.path, task_id=task.id, period=args.period)
        print(message("cli_plan.attached", name=Path(args.path).name, task=task.code))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    from ipdesk.store import edits

    with closing(open_file(args.file)) as db:
        dept = acting_department(db, args.dept)
        edits.submit_period(db, dept, args.period)
        print(message("cli_plan.submitted", period=args.period))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from ipdesk.store import edits
    from ipdesk.store.names import find_department

    with closing(open_file(args.file)) as db:
        dept = find_department(db, args.dept)
        edits.review_period(
            db, dept.id, args.period, approve=args.approve, reason=args.return_reason or ""
        )
        word = message("cli_plan.approved" if args.approve else "cli_plan.returned")
        print(f"{dept.name} {args.period}: {word}")
    return 0
