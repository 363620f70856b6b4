"""Render the timeline and the indicator board of the demo master (today fixed to
2025-08-20) to PNG, offscreen, so a person can look at them:

    .venv/bin/python bench/timeline/screens.py OUT_FOLDER [--scale 1.5]

Writes timeline.png and indicators.png (1400×850 logical pixels; with --scale the
pictures have that many more device pixels, as on a 150% display).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["IPDESK_TODAY"] = "2025-08-20"
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from ipdesk.gui.views.indicators import IndicatorBoard
    from ipdesk.gui.views.timeline import TimelineView
    from ipdesk.paths import data_path
    from ipdesk.templates.build import create_master
    from ipdesk.templates.demo import add_demo_progress

    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    for name in ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(data_path("resources", "fonts", name)))
    font = QFont("Noto Sans SC")
    font.setPointSizeF(10)
    app.setFont(font)

    path = Path(tempfile.mkdtemp(prefix="ipdesk-screens-")) / "demo.ipdesk"
    db = create_master(path)
    add_demo_progress(db, today=date(2025, 8, 20))
    args.out.mkdir(parents=True, exist_ok=True)

    from ipdesk.gui.session import Session

    session = Session(db, path)
    timeline = TimelineView(session)
    timeline.resize(1400, 850)
    timeline.show()
    app.processEvents()
    timeline.grab().save(str(args.out / "timeline.png"), "PNG", 0)

    board = IndicatorBoard(session)
    board.resize(1400, 850)
    board.show()
    wanted = next(i.id for i in board.model.indicators() if i.code == "2.2.1")
    board.select_indicator(wanted)
    app.processEvents()
    board.grab().save(str(args.out / "indicators.png"), "PNG", 0)
    db.close()
    print(args.out / "timeline.png")
    print(args.out / "indicators.png")


if __name__ == "__main__":
    main()
