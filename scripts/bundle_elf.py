"""What the Linux bundle needs from the machine it runs on.

    python3 scripts/bundle_elf.py glibc DIR [--strict]   the glibc floor of every ELF in DIR
    python3 scripts/bundle_elf.py host-libs DIR          bundled copies of Debian system libraries
                                                         that the .deb takes from the system
    python3 scripts/bundle_elf.py depends DIR            the Debian packages DIR still needs

`glibc` reads the versioned symbols (objdump -T) of every ELF file and reports the
highest GLIBC_ version needed, which files need it and for which symbols, and compares
the floor with the 信创 desktops still in offices. With --strict it exits 1 when a file
other than the pinned Qt and the Python runtime raises the floor above theirs: those two
set the floor; nothing else may.

`host-libs` lists the libraries PyInstaller copied from the build machine (a Debian package
installed a library of that name there) that the Python runtime does not need: the desktop
stack (X11/xcb, GL, fontconfig, GLib, D-Bus, GTK's libraries, libstdc++ …). A .deb takes
these from the user's system, as every Debian package does; copied from a newer Debian
they would raise the glibc floor and clash with the desktop's own copies.

`depends` runs dpkg-shlibdeps over every ELF file and prints the Depends: value. Version
bounds from a package's symbols file are exact and kept; a package that only has a shlibs
file gives the build machine's own version (not a real need), so its bound is dropped.
Optional Qt plugins (GTK theme, Wayland, EGLFS) load only where the desktop has their
libraries and add no dependency.

Standard library only; needs binutils (objdump, readelf) and, for `depends`, dpkg-dev.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

# The older 信创 desktops still in offices, and the systems around them (glibc version).
TARGETS = [
    ("统信 UOS 20 (Debian 10)", (2, 28)),
    ("麒麟 Kylin V10 (Ubuntu 20.04)", (2, 31)),
    ("Debian 11", (2, 31)),
    ("Ubuntu 22.04", (2, 35)),
    ("Debian 12", (2, 36)),
]

# Qt plugins (and the Qt libraries only they use) that are optional: Qt loads them only
# on desktops that have their libraries.
OPTIONAL_PLUGINS = re.compile(
    r"PySide6/Qt/plugins/(platformthemes/libqgtk3|wayland|platforms/libqwayland|"
    r"platforms/libqeglfs|platforms/libqlinuxfb|platforms/libqvnc|platforms/libqvkkhrdisplay|"
    r"platforms/libqminimalegl|egldeviceintegrations/)"
    r"|PySide6/Qt/lib/libQt6(Wayland|WlShell|EglFs)"
)
# Supplied by libc6 itself (its Depends bound comes from the GLIBC_ versions).
LIBC = re.compile(r"^(libc|libm|libdl|librt|libpthread|libutil|libresolv|ld-linux-x86-64)\.so")
SYMBOL = re.compile(r"\(?GLIBC_(\d+(?:\.\d+)+)\)?\s+(\S+)$")
GLIBCXX = re.compile(r"GLIBCXX_(\d+(?:\.\d+)+)")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def elf_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


def vtext(v: tuple[int, ...]) -> str:
    return ".".join(str(x) for x in v)


def glibc_needs(path: Path) -> dict[tuple[int, ...], set[str]]:
    """Undefined symbols of `path` by the GLIBC_ version they are bound to."""
    out = subprocess.run(
        ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
    ).stdout
    needs: dict[tuple[int, ...], set[str]] = defaultdict(set)
    for line in out.splitlines():
        if "*UND*" not in line:
            continue
        m = SYMBOL.search(line.strip())
        if m:
            needs[version(m[1])].add(m[2])
    return needs


def is_runtime(rel: str) -> bool:
    """The pinned Qt (wheel) and the Python runtime: the files allowed to set the floor."""
    return (
        rel.startswith(("PySide6/Qt/lib/", "shiboken6/"))
        or re.search(r"(^|/)libpython3[.\d]*\.so", rel) is not None
    )


def cmd_glibc(root: Path, strict: bool) -> int:
    files = elf_files(root)
    if not files:
        print(f"bundle_elf: no ELF files under {root}", file=sys.stderr)
        return 2
    floor_of: dict[str, tuple[int, ...]] = {}
    symbols_of: dict[str, set[str]] = {}
    glibcxx = (0,)
    glibcxx_file = ""
    for path in files:
        rel = str(path.relative_to(root).as_posix()).removeprefix("_internal/")
        needs = glibc_needs(path)
        top = max(needs) if needs else (0,)
        floor_of[rel] = top
        symbols_of[rel] = needs.get(top, set())
        if path.name.startswith("libstdc++"):
            continue
        text = subprocess.run(
            ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
        ).stdout
        for m in GLIBCXX.finditer(text):
            if version(m[1]) > glibcxx:
                glibcxx, glibcxx_file = version(m[1]), rel
    floor = max(floor_of.values())
    print(f"glibc floor of {root}: GLIBC_{vtext(floor)} ({len(files)} ELF files)")
    print("needed by:")
    for rel, v in sorted(floor_of.items()):
        if v == floor:
            print(f"  {rel}: {', '.join(sorted(symbols_of[rel]))}")
    print("files by the highest GLIBC_ version they need:")
    by_version: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for rel, v in floor_of.items():
        by_version[v].append(rel)
    for v in sorted(by_version, reverse=True)[:6]:
        names = sorted(by_version[v])
        more = f" … and {len(names) - 6} more" if len(names) > 6 else ""
        print(f"  GLIBC_{vtext(v)}: {len(names)} — {', '.join(names[:6])}{more}")
    if glibcxx > (0,):
        print(
            f"highest GLIBCXX_ needed from the system libstdc++: {vtext(glibcxx)} ({glibcxx_file})"
        )
    runtime = [v for rel, v in floor_of.items() if is_runtime(rel)]
    runtime_floor = max(runtime) if runtime else (0,)
    qt = [v for rel, v in floor_of.items() if rel.startswith("PySide6/Qt/lib/")]
    if qt:
        print(f"the pinned Qt alone needs GLIBC_{vtext(max(qt))}")
    print("runs on:")
    for name, have in TARGETS:
        failing = sum(1 for v in floor_of.values() if v > have)
        verdict = "yes" if failing == 0 else f"NO — {failing} files need a newer glibc"
        print(f"  {name}, glibc {vtext(have)}: {verdict}")
    above = sorted(rel for rel, v in floor_of.items() if v > runtime_floor and not is_runtime(rel))
    if above:
        print(
            f"above the Qt and Python runtime floor GLIBC_{vtext(runtime_floor)}: "
            + ", ".join(f"{rel} ({vtext(floor_of[rel])})" for rel in above)
        )
        if strict:
            return 1
    return 0


def needed(path: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def soname(path: Path) -> str:
    out = subprocess.run(
        ["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=False
    ).stdout
    m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", out)
    return m[1] if m else path.name


def system_paths() -> dict[str, str]:
    """soname -> path, from the dynamic linker's cache (x86-64 entries)."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and "x86-64" in m[2]:
            found.setdefault(m[1], m[3])
    return found


def owning_package(path: str) -> str | None:
    candidates = {path, str(Path(path).resolve())}
    for c in list(candidates):
        if c.startswith("/usr/lib/"):
            candidates.add(c.removeprefix("/usr"))
        elif c.startswith("/lib/"):
            candidates.add("/usr" + c)
    for c in sorted(candidates):
        r = subprocess.run(["dpkg", "-S", c], capture_output=True, text=True, check=False)
        if r.returncode == 0:
            return r.stdout.split(":", 1)[0].strip()
    return None


def cmd_host_libs(root: Path) -> int:
    internal = root / "_internal"
    system = system_paths()
    # What the Python runtime needs (its shared library and its extension modules) stays.
    keep: set[str] = set()
    todo = list(internal.glob("libpython3*.so*")) + list(internal.glob("python3*/lib-dynload/*.so"))
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        keep.add(path.name)
        for name in needed(path):
            bundled = internal / name
            if bundled.exists():
                todo.append(bundled)
    for path in sorted(internal.glob("*.so*")):
        if not path.is_file() or path.is_symlink() or path.name in keep:
            continue
        sys_path = system.get(path.name)
        if not sys_path:
            continue  # not a system library (e.g. one a wheel carries, or Python's own)
        package = owning_package(sys_path)
        if package:
            print(f"{path.name}\t{package}")
    return 0


def cmd_depends(root: Path) -> int:
    files = [
        p for p in elf_files(root) if not OPTIONAL_PLUGINS.search(p.relative_to(root).as_posix())
    ]
    lib_dirs = sorted({str(p.parent) for p in elf_files(root)})
    # The libraries inside the package need nothing from the system: an empty
    # dependency in shlibs.local says so (otherwise dpkg-shlibdeps, finding no package
    # for a bundled copy, falls back to the system's package of the same library).
    local = []
    for path in elf_files(root):
        for name in {path.name, soname(path)}:
            m = re.fullmatch(r"(.+)\.so\.(.+)", name) or re.fullmatch(r"(.+)-([\d.]+)\.so", name)
            if m:
                local.append(f"{m[1]} {m[2]}")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            "Source: ipdesk\n\nPackage: ipdesk\nArchitecture: any\n", encoding="utf-8"
        )
        (Path(tmp) / "debian" / "shlibs.local").write_text(
            "".join(f"{line}\n" for line in sorted(set(local))), encoding="utf-8"
        )
        cmd = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", "--warnings=1"]
        cmd += [f"-l{d}" for d in lib_dirs] + [f"-e{p}" for p in files]
        r = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        return 1
    value = r.stdout.strip().split("=", 1)[1]
    parts = []
    for item in (x.strip() for x in value.split(",")):
        name = item.split()[0]
        if "(" in item and not any(
            Path(f"/var/lib/dpkg/info/{name}{arch}.symbols").exists() for arch in (":amd64", "")
        ):
            print(f"bundle_elf: {name}: no symbols file, bound {item} dropped", file=sys.stderr)
            item = name
        parts.append(item)
    print(", ".join(parts))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("glibc")
    g.add_argument("dir", type=Path)
    g.add_argument("--strict", action="store_true")
    h = sub.add_parser("host-libs")
    h.add_argument("dir", type=Path)
    d = sub.add_parser("depends")
    d.add_argument("dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "glibc":
        return cmd_glibc(args.dir, args.strict)
    if args.command == "host-libs":
        return cmd_host_libs(args.dir)
    return cmd_depends(args.dir)


if __name__ == "__main__":
    sys.exit(main())
