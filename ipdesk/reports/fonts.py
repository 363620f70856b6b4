"""The bundled Chinese font (Noto Sans SC, SIL OFL 1.1) registered with reportlab.

reportlab embeds TrueType fonts as subsets (only the glyphs a PDF uses), with a
ToUnicode map, so the printed sheets carry their own font and their text can be
selected and searched on any PC, whether or not it has a Chinese font installed.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ipdesk.paths import data_path

REGULAR = "NotoSansSC"
BOLD = "NotoSansSC-Bold"
FILES = {REGULAR: "NotoSansSC-Regular.ttf", BOLD: "NotoSansSC-Bold.ttf"}


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces once per process; return their names.

    The pair is also registered as a family, so ``<b>`` inside a Paragraph picks
    the bold file instead of a synthetic bold.
    """
    for name, file_name in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(data_path("resources", "fonts", file_name))))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    return REGULAR, BOLD
