"""Compile ui/*.ui into ipdesk/gui/forms/ui_*.py with pyside6-uic.

Run as ``scripts/build_ui``; ``compile_form`` is also used by the test that checks
that the committed modules are current.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ipdesk.paths import app_root

HEADER = "# Generated from ui/{name} by scripts/build_ui — generated, do not edit.\n"
FORMS = Path(__file__).resolve().parent


def uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-uic"
    )
    if not found:
        raise SystemExit("pyside6-uic not found (install PySide6)")
    return found


def ui_files() -> list[Path]:
    return sorted((app_root() / "ui").glob("*.ui"))


def target_for(ui: Path) -> Path:
    return FORMS / f"ui_{ui.stem}.py"


def compile_form(ui: Path) -> str:
    out = subprocess.run(
        [uic(), "--no-autoconnection", str(ui)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    # Drop uic's own banner (it names the Qt version) so the output only changes
    # when the form does.
    lines = out.splitlines(keepends=True)
    body = [line for line in lines if not line.startswith("##")]
    while body and not body[0].strip():
        body.pop(0)
    return HEADER.format(name=ui.name) + "# ruff: noqa\n" + "".join(body)


def main() -> int:
    for ui in ui_files():
        target = target_for(ui)
        text = compile_form(ui)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"{ui.name} → {target.relative_to(app_root())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
