"""Keeping resources/i18n/ipdesk_en.ts and .qm in step with the sources (run as
``scripts/update_translations``). The functions are also what the translation
tests call."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ipdesk.paths import app_root

TS = Path("resources") / "i18n" / "ipdesk_en.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6)")
    return found


def sources(root: Path | None = None) -> list[Path]:
    """Every file whose strings are shown: ipdesk/gui/**/*.py (not the modules
    compiled from ui/, whose strings are read from the .ui files) and ui/*.ui."""
    root = root or app_root()
    gui = root / "ipdesk" / "gui"
    files = [p for p in sorted(gui.rglob("*.py")) if "forms" not in p.relative_to(gui).parts]
    return files + sorted((root / "ui").glob("*.ui"))


def lupdate(ts: Path, root: Path | None = None) -> str:
    root = root or app_root()
    args = [
        tool("pyside6-lupdate"),
        *[str(p.relative_to(root)) for p in sources(root)],
        "-ts",
        str(ts),
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "zh_CN",
        "-target-language",
        "en",
    ]
    return subprocess.run(args, cwd=root, check=True, capture_output=True, text=True).stdout


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
        text=True,
    )


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → English, or None when unfinished or empty."""
    result: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            finished = translation is not None and translation.get("type") not in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            result[(name, message.findtext("source") or "")] = text if finished and text else None
    return result


def main() -> int:
    root = app_root()
    out = lupdate(root / TS, root)
    sys.stdout.write(out)
    missing = [k for k, v in messages(root / TS).items() if v is None]
    lrelease(root / TS, root / QM)
    print(
        f"{QM}: {len(messages(root / TS)) - len(missing)} translated, {len(missing)} still to translate"
    )
    for context, source in missing[:50]:
        print(f"  [{context}] {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
