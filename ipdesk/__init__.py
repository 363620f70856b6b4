"""IPDesk — 知识产权强区建设工作台."""

import os

__version__ = "0.1.0"

# python-docx (the plan document reader) brings lxml, and openpyxl switches its XML
# writer to lxml whenever lxml is importable. The workbook writers stream rows into
# openpyxl's standard-library writer (reports/xlsx_stream.py), so openpyxl is kept on
# the backend they are built and measured for.
os.environ.setdefault("OPENPYXL_LXML", "False")
