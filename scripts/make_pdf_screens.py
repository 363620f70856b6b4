#!/usr/bin/env python3
"""Render every printed sheet of the demo master (today = 2025-08-20) to PNG for the
README: the first page of each kind and a middle page of a long table.

    .venv/bin/python scripts/make_pdf_screens.py [--out docs/screens] [--keep FOLDER]

Needs pdftoppm (poppler-utils). Pages are rendered at 75 dpi and, when Pillow is
installed, stored with a 64-colour palette to keep the repository small.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ["IPDESK_TODAY"] = "2025-08-20"

from ipdesk.reports.pdf import write_pdf  # noqa: E402
from ipdesk.store.names import find_department  # noqa: E402
from ipdesk.templates.build import create_master  # noqa: E402
from ipdesk.templates.demo import add_demo_progress  # noqa: E402

ON = date(2025, 8, 20)
# (png name, kind, page, options)
SHOTS = [
    ("pdf-dept", "dept", 1, {"period": "2025Q1", "dept": "区知识产权局"}),
    ("pdf-dept-middle", "dept", 4, {"period": "2025Q1", "dept": "区知识产权局"}),
    ("pdf-district", "district", 1, {"period": "2025Q2"}),
    ("pdf-indicators", "indicators", 1, {"period": "2025Q2"}),
    ("pdf-acceptance", "acceptance", 1, {}),
    ("pdf-acceptance-middle", "acceptance", 5, {}),
    ("pdf-timeline", "timeline", 1, {}),
]


def shrink(png: Path) -> None:
    """Store the page with a 64-colour palette (Pillow, when it is installed)."""
    try:
        from PIL import Image
    except ImportError:
        return
    image = Image.open(png).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        png, optimize=True
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screens")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    master = folder / "demo.ipdesk"
    master.unlink(missing_ok=True)
    db = create_master(master)
    try:
        add_demo_progress(db, today=ON)
        for name, kind, page_no, options in SHOTS:
            pdf = folder / f"{name}.pdf"
            dept = find_department(db, options["dept"]).id if "dept" in options else None
            write_pdf(db, kind, pdf, department_id=dept, period=options.get("period"), on=ON)
            stem = args.out / name
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "75",
                    "-f",
                    str(page_no),
                    "-l",
                    str(page_no),
                    "-singlefile",
                    str(pdf),
                    str(stem),
                ],
                check=True,
            )
            png = stem.with_suffix(".png")
            shrink(png)
            print(f"{png} ({png.stat().st_size // 1024} KB) ← page {page_no} of {pdf.name}")
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
