#!/usr/bin/env python3
"""Write resources/templates/task-breakdown-template.xlsx, the 任务分解表 template a
coordinator fills to start a new plan (`ipdesk import-breakdown`).

    .venv/bin/python scripts/make_breakdown_template.py          # (re)write it
    .venv/bin/python scripts/make_breakdown_template.py --check  # is it current?

The workbook's content comes from ipdesk.reports.breakdown (TEMPLATE_*); a test
checks that the committed file holds exactly what this script writes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ipdesk.reports.breakdown import template_path, write_template  # noqa: E402


def cells(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed file")
    args = parser.parse_args()
    target = template_path()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = write_template(Path(tmp) / "fresh.xlsx")
            if not target.is_file() or cells(fresh) != cells(target):
                print(f"{target} is out of date: run scripts/make_breakdown_template.py")
                return 1
        print(f"{target} is current")
        return 0
    write_template(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
