"""Subcommands of `ipdesk` for what comes out of a plan (DESIGN.md §6, §8): printed
sheets, workbooks, the Excel round trip, a new plan from a breakdown workbook and
the acceptance archive. Thin: parse, call, print."""

from __future__ import annotations

import argparse
import dataclasses
import shutil
from contextlib import closing
from pathlib import Path
from typing import Any

from ipdesk.cli.common import REFUSED, day, output_path, print_json, printed_department
from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.read.plan import counts as count_rows

# ------------------------------------------------------------------ pdf


def register_pdf(sub: Any, name: str) -> None:
    from ipdesk.reports.pdf import KINDS

    p = sub.add_parser(name, help="打印报表 (PDF): " + " | ".join(KINDS))
    p.add_argument("file")
    p.add_argument(
        "kind",
        choices=list(KINDS),
        metavar="KIND",
        help="dept 部门进展表 | district 全区汇总表 | indicators 指标表 | "
        "acceptance 检查验收表 | timeline 甘特图",
    )
    p.add_argument("--dept", help="单位（dept 表；部门文件默认本单位）")
    p.add_argument("--period", help="期间，如 2025Q2（默认当前报送期间）")
    p.add_argument("--on", type=day, help="按此日期判断预警（默认今天）")
    p.add_argument("--paper", choices=("A4", "A3"), default="A4", help="甘特图纸张")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=cmd_pdf)


def cmd_pdf(args: argparse.Namespace) -> int:
    from ipdesk.reports.pdf import write_pdf
    from ipdesk.store.files import open_readonly

    out = output_path(args.output, source=args.file)
    with closing(open_readonly(args.file)) as db:
        dept = printed_department(db, args.dept) if args.kind == "dept" else None
        write_pdf(
            db, args.kind, out, department_id=dept, period=args.period, on=args.on, paper=args.paper
        )
    written = message("cli_reports.pdf_written", kind=message(f"pdf_kind.{args.kind}"))
    print(f"{written}: {out} ({out.stat().st_size // 1024} KB)")
    return 0


# ------------------------------------------------------------------ workbooks


def register_xlsx(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="工作台账 (Excel) the ledger workbook")
    p.add_argument("file")
    p.add_argument("--on", type=day, help="按此日期判断预警（默认今天）")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=cmd_xlsx)


def cmd_xlsx(args: argparse.Namespace) -> int:
    from ipdesk.reports.xlsx_ledger import write_ledger
    from ipdesk.store.files import open_readonly

    out = output_path(args.output, source=args.file)
    with closing(open_readonly(args.file)) as db:
        write_ledger(db, out, on=args.on)
    print(message("cli_reports.ledger_written", path=str(out)))
    return 0


def register_xlsx_dept(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="部门填报表 (Excel) a department's fill-in workbook")
    p.add_argument("file")
    p.add_argument("--dept", help="单位（部门文件默认本单位）")
    p.add_argument("--period", help="期间，如 2025Q2（默认当前报送期间）")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=cmd_xlsx_dept)


def cmd_xlsx_dept(args: argparse.Namespace) -> int:
    from ipdesk.reports.xlsx_dept import write_department_workbook
    from ipdesk.store.files import open_plan

    out = output_path(args.output, source=args.file)
    db = open_plan(args.file)  # the export is recorded in the master
    try:
        dept = printed_department(db, args.dept)
        if dept is None:
            raise BadInput(message("reports.master_name_department_with"))
        write_department_workbook(db, dept, args.period, out)
    finally:
        db.close()
    print(message("cli_reports.department_workbook_written", path=str(out)))
    return 0


def register_import_xlsx(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="导入部门填报表 import a filled-in department workbook")
    p.add_argument("file", help="总表 the master")
    p.add_argument("workbook")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入 preview only")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import_xlsx)


def _report_dict(report: Any, workbook: str) -> dict[str, Any]:
    if hasattr(report, "to_json"):
        data = dict(report.to_json())
    elif dataclasses.is_dataclass(report) and not isinstance(report, type):
        data = dataclasses.asdict(report)
    else:
        data = dict(vars(report))
    data["file"] = workbook
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in data.items()}


RESULTS = ("merged", "already merged", "refused")


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    from ipdesk.reports.xlsx_dept import import_department_workbook

    report = import_department_workbook(args.file, args.workbook, dry_run=args.dry_run)
    data = _report_dict(report, args.workbook)
    if args.json:
        print_json(data)
    else:
        result = str(data.get("result"))
        word = message(f"cli_reports.import.{result}") if result in RESULTS else result
        preview = message("cli_reports.preview") if args.dry_run else ""
        counts = (
            message(
                "cli_merge.counts",
                import_number="",
                **{k: data[k] for k in ("new", "changed", "stale", "conflicts", "quarantined")},
            )
            if all(k in data for k in ("new", "changed", "stale", "conflicts", "quarantined"))
            else ""
        )
        who = getattr(report, "who", ("", ""))[0]
        print(f"{args.workbook}: {word}{preview} — {who} — {counts}")
        if data.get("reason"):
            print(f"  {data['reason']}")
    return REFUSED if data.get("result") == "refused" else 0


# ------------------------------------------------------------------ breakdown, archive


def register_import_breakdown(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="由任务分解表新建计划 new master from a breakdown workbook")
    p.add_argument("workbook")
    p.add_argument("-o", "--output", required=True, help="新总表 the new master (.ipdesk)")
    p.set_defaults(handler=cmd_import_breakdown)


def cmd_import_breakdown(args: argparse.Namespace) -> int:
    from ipdesk.reports.breakdown import create_master_from_breakdown
    from ipdesk.store.files import open_plan

    out = output_path(args.output)
    create_master_from_breakdown(args.workbook, out)
    with closing(open_plan(out)) as db:
        counts = count_rows(db, ("tasks", "departments", "assignments"))
    print(
        message(
            "cli_reports.breakdown_master",
            path=str(out),
            tasks=counts["tasks"],
            departments=counts["departments"],
            assignments=counts["assignments"],
        )
    )
    return 0


def register_breakdown_template(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="任务分解表模板 the breakdown template workbook")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=cmd_breakdown_template)


def cmd_breakdown_template(args: argparse.Namespace) -> int:
    from ipdesk.reports.breakdown import template_path

    out = output_path(args.output)
    shutil.copyfile(template_path(), out)
    print(message("cli_reports.template_written", path=str(out)))
    return 0


def register_archive(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="检查验收归档 (zip) the acceptance archive")
    p.add_argument("file", help="总表 the master")
    p.add_argument("--period", help="部门表的期间（默认当前报送期间）")
    p.add_argument("--on", type=day, help="按此日期判断预警（默认今天）")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=cmd_archive)


def cmd_archive(args: argparse.Namespace) -> int:
    from ipdesk.reports.archive import write_archive

    out = output_path(args.output, source=args.file)
    write_archive(args.file, out, on=args.on, period=args.period)
    print(message("cli_reports.archive_written", path=str(out), kb=out.stat().st_size // 1024))
    return 0


def register(sub: Any) -> None:
    """The subcommands of sheets, workbooks and the archive."""
    register_pdf(sub, "pdf")
    register_xlsx(sub, "xlsx")
    register_xlsx_dept(sub, "xlsx-dept")
    register_import_xlsx(sub, "import-xlsx")
    register_import_breakdown(sub, "import-breakdown")
    register_breakdown_template(sub, "breakdown-template")
    register_archive(sub, "archive")
