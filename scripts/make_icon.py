"""Draw IPDesk's app icon: resources/icons/ipdesk.svg (the source, written here) and
the PNG sizes and Windows .ico made from it with Qt's SVG renderer.

    .venv/bin/python scripts/make_icon.py

A blue tile with a white work sheet, three lines of text on it and a gold seal with
a tick: a plan that is being carried out. Drawn here, no downloaded art.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2b5283"/>
      <stop offset="1" stop-color="#1a3354"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="44" fill="url(#tile)"/>
  <path d="M70 44 h86 l34 34 v124 a10 10 0 0 1 -10 10 h-110 a10 10 0 0 1 -10 -10 v-148 a10 10 0 0 1 10 -10 z"
        fill="#ffffff"/>
  <path d="M156 44 v26 a8 8 0 0 0 8 8 h26 z" fill="#c9d6e6"/>
  <rect x="82" y="96" width="84" height="12" rx="6" fill="#2b5283"/>
  <rect x="82" y="124" width="96" height="12" rx="6" fill="#8aa1bd"/>
  <rect x="82" y="152" width="60" height="12" rx="6" fill="#8aa1bd"/>
  <circle cx="176" cy="180" r="40" fill="#e0a526" stroke="#ffffff" stroke-width="8"/>
  <path d="M158 181 l12 12 l24 -26" fill="none" stroke="#ffffff" stroke-width="11"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    svg_path = ICONS / "ipdesk.svg"
    svg_path.write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(str(svg_path))
    images = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"ipdesk-{size}.png"))
        images[size] = image
    if not images[256].save(str(ICONS / "ipdesk.ico"), "ICO"):
        print("ICO writer not available; PNGs written", file=sys.stderr)
    del app
    print(f"wrote {svg_path.relative_to(ROOT)}, {len(SIZES)} PNGs and ipdesk.ico")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
