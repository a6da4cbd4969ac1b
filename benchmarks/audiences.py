"""How long the two sites of the default module take to build, and how big they are: the
learners' site (`build`) and the trainers' site (`build --trainers`: drafts, maps with
their previews, the report page), built in this process from one check.

Run: .venv/bin/python benchmarks/audiences.py [--repeats 3]

Prints, for each site, the best wall-clock seconds over the repeats, its number of HTML
pages and its size, and the trainers' time as a ratio of the learners'.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import load  # noqa: E402
from quiz_engine import Project, check_project  # noqa: E402
from quiz_engine.build.site import build_site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    project = Project.at(ROOT / "mkdocs.yml")
    result = check_project(project)
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="audiences-") as folder:
        for _ in range(args.repeats):
            for name, trainers in (("learners", False), ("trainers", True)):
                site = Path(folder) / name
                started = time.perf_counter()
                build_site(project, result.items, site, estimates=result.estimates, trainers=trainers)
                best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)
        for name in ("learners", "trainers"):
            site = Path(folder) / name
            pages = len(list(site.rglob("*.html")))
            size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
            print(f"{name}' site: {best[name]:.2f} s (best of {args.repeats}), {pages} HTML pages, {size / 1e6:.1f} MB")
    print(f"trainers' / learners' build time: {best['trainers'] / best['learners']:.2f}; {load()}")


if __name__ == "__main__":
    main()
