"""What our runtime adds to a scenario page: every runtime .js and .css file the page
loads (its <script> and <link> tags under assets/quiz-engine/ and the modules they
import statically), raw and gzipped, file by file and in all. Modules imported
with import() load only where their element is (e.g. the My reflections page),
so they are not counted.

Run: .venv/bin/python benchmarks/runtime_size.py [--site DIR]
     (without --site, the default module is built into a temporary folder)
Target: under 20 KB gzipped in all."""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = "assets/quiz-engine/"
TARGET = 20 * 1024
TAG = re.compile(r"""(?:src|href)="(?:\.\./)*(assets/quiz-engine/[\w.-]+\.(?:js|css))\"""")
# Static imports only: a dynamic import("./x.js") loads only on pages with its element.
IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*)["']\./([\w.-]+\.js)["']""")


def loaded_files(site: Path, page: Path) -> list[str]:
    """The runtime files `page` loads, with the modules they import, in load order."""
    queue = TAG.findall(page.read_text(encoding="utf-8"))
    seen: list[str] = []
    while queue:
        rel = queue.pop(0)
        if rel in seen:
            continue
        seen.append(rel)
        if rel.endswith(".js"):
            source = (site / rel).read_text(encoding="utf-8")
            queue += [RUNTIME + name for name in IMPORT.findall(source)]
    return seen


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def measure(site: Path) -> None:
    page = next(iter(sorted((site / "scenarios").glob("*/index.html"))), None)
    if page is None:
        sys.exit(f"no scenario page under {site / 'scenarios'}")
    files = loaded_files(site, page)
    print(f"runtime files loaded by {page.relative_to(site).as_posix()}:")
    print(f"{'file':<24} {'raw':>8} {'gzip':>8}")
    raw_total = gzip_total = 0
    blobs = []
    for rel in files:
        data = (site / rel).read_bytes()
        blobs.append(data)
        raw_total += len(data)
        gzip_total += gz(data)
        print(f"{rel.removeprefix(RUNTIME):<24} {len(data):>8,} {gz(data):>8,}")
    for kind in ("js", "css"):
        part = [b for rel, b in zip(files, blobs) if rel.endswith(kind)]
        print(f"{'all .' + kind:<24} {sum(map(len, part)):>8,} {sum(map(gz, part)):>8,}")
    print(f"{'total (file by file)':<24} {raw_total:>8,} {gzip_total:>8,}")
    together = gz(b"\n".join(blobs))
    print(f"{'total (one gzip stream)':<24} {raw_total:>8,} {together:>8,}")
    verdict = "meets" if gzip_total < TARGET else "misses"
    print(
        f"{gzip_total / 1024:.1f} KB gzipped, file by file: {gzip_total / TARGET:.0%} of the 20 KB target ({verdict} it)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the default module)")
    args = parser.parse_args()
    if args.site:
        measure(args.site)
        return
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build = [sys.executable, str(ROOT / "build.py"), "build", "-d", str(site)]
        subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
        measure(site)


if __name__ == "__main__":
    main()
