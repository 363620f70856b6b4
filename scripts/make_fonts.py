#!/usr/bin/env python3
"""Reproduce resources/fonts/ (Noto Sans SC Regular + Bold, static TrueType) from its source.

Source: the npm package ``@expo-google-fonts/noto-sans-sc`` version 0.4.3, which
ships Google Fonts' static, glyf-outline (TrueType) builds of Noto Sans SC
v2.004 ("Google Fonts v40"), licensed SIL OFL 1.1.  The files are copied
byte-for-byte: no conversion, no subsetting (each is ~10.5 MB, below the
project's 12 MB limit).

Usage (from the repository root):

    python scripts/make_fonts.py                 # fetches the tarball with `npm pack`
    python scripts/make_fonts.py --tarball X.tgz # uses an already downloaded tarball
    python scripts/make_fonts.py --check         # only verifies the files in resources/fonts/

Needs only the Python standard library, plus the `npm` client when no
--tarball is given.  Every input and output is checked against the SHA-256
sums below, so a changed upstream package is detected rather than shipped.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

NPM_PACKAGE = "@expo-google-fonts/noto-sans-sc"
NPM_VERSION = "0.4.3"
TARBALL_NAME = "expo-google-fonts-noto-sans-sc-0.4.3.tgz"
TARBALL_SHA256 = "0d69d0f4971d2ff574e3d93cbc218dc950bf3f3f8f8e2c008d97687ed53aee59"

# member path inside the tarball -> (file name in resources/fonts, sha256)
MEMBERS = {
    "package/400Regular/NotoSansSC_400Regular.ttf": (
        "NotoSansSC-Regular.ttf",
        "d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16",
    ),
    "package/700Bold/NotoSansSC_700Bold.ttf": (
        "NotoSansSC-Bold.ttf",
        "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96",
    ),
    "package/LICENSE_FONT": (
        "OFL.txt",
        "1c05c68c34f9708415aada51f17e1b0092d2cea709bf4a94cd38114f9e73d7d9",
    ),
}

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "resources" / "fonts"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_tarball(workdir: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: install it, or pass --tarball PATH")
    subprocess.run(
        [
            npm,
            "pack",
            "--loglevel=error",
            f"{NPM_PACKAGE}@{NPM_VERSION}",
            "--pack-destination",
            str(workdir),
        ],
        check=True,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
    )
    return workdir / TARBALL_NAME


def extract(tarball: Path) -> None:
    got = sha256(tarball)
    if got != TARBALL_SHA256:
        sys.exit(f"{tarball}: sha256 {got} != expected {TARBALL_SHA256}")
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball, "r:gz") as tar:
        for member, (name, _) in MEMBERS.items():
            src = tar.extractfile(member)
            if src is None:
                sys.exit(f"{member} missing from {tarball}")
            with src, open(FONT_DIR / name, "wb") as dst:
                shutil.copyfileobj(src, dst)
            print(f"wrote {FONT_DIR / name}")


def check() -> bool:
    ok = True
    for _, (name, want) in MEMBERS.items():
        path = FONT_DIR / name
        if not path.is_file():
            print(f"MISSING {path}")
            ok = False
            continue
        got = sha256(path)
        if got != want:
            print(f"BAD     {path}: sha256 {got}")
            ok = False
        else:
            print(f"ok      {path} ({path.stat().st_size} bytes, sha256 {got})")
    # The fonts must be TrueType (glyf) for reportlab; check when fontTools is at hand.
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return ok
    for name, style in (("NotoSansSC-Regular.ttf", "Regular"), ("NotoSansSC-Bold.ttf", "Bold")):
        path = FONT_DIR / name
        if not path.is_file():
            continue
        font = TTFont(path, lazy=True)
        fam, sub = font["name"].getDebugName(1), font["name"].getDebugName(2)
        if "glyf" not in font or "CFF " in font or (fam, sub) != ("Noto Sans SC", style):
            print(f"BAD     {path}: family={fam!r} style={sub!r} glyf={'glyf' in font}")
            ok = False
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tarball", type=Path, help=f"local copy of {TARBALL_NAME}")
    ap.add_argument("--check", action="store_true", help="only verify resources/fonts/")
    args = ap.parse_args()
    if not args.check:
        if args.tarball:
            extract(args.tarball)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                extract(fetch_tarball(Path(tmp)))
    return 0 if check() else 1


if __name__ == "__main__":
    sys.exit(main())
