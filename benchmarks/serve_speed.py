"""How soon `build.py serve` shows an edit to one scenario of the generated 1,000-page module
(300 scenarios, 200 quizzes, 500 pages; generate.py), against a full rebuild (check and build
of the whole site: what serve did for every edit before it rebuilt only what changed).

Run: .venv/bin/python benchmarks/serve_speed.py [--scale 0.1] [--repeats 3]
Target: at most 2 s from saving the file to the edited page being served.

Two edits are timed, each from the moment the file is written to the moment serve answers
the scenario's page with the new text: a sentence in a step (only pages showing that
scenario change) and the scenario's title (the navigation changes too: the edited pages
are rebuilt at once, the other pages by a full build in the background)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import build_speed  # noqa: E402
from benchmarks.build_speed import fetch, load, make_ours, start_serve  # noqa: E402

TARGET_SECONDS = 2.0


def module(root: Path) -> Path:
    """The benchmark module (build_speed.py's)."""
    return make_ours(root)


def full_rebuild(config: Path, source: Path, marker: str) -> float:
    """Seconds of check + build of the whole site after an edit (the old serve's rebuild)."""
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("text: |", f"text: |\n      {marker}", 1), encoding="utf-8")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qe-full-") as site:
        result = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build", "--trainers", "-f", str(config), "-d", site],
            capture_output=True,
            text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
    seconds = time.perf_counter() - started
    source.write_text(text, encoding="utf-8")
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return seconds


def shown_after(url: str, source: Path, old: str, new: str, shown: str, timeout: float = 600) -> float:
    """Seconds from writing `new` in place of `old` to the page at `url` containing `shown`."""
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    started = time.perf_counter()
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    while shown not in (fetch(url) or ""):
        if time.perf_counter() - started > timeout:
            sys.exit(f"serve did not show the edit within {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - started


def serve_figures(config: Path, scenario: str, repeats: int) -> tuple[float, list[float], list[float]]:
    """(seconds to the first page, seconds to show a step edit, seconds to show a title edit)."""
    source = config.parent / "scenarios" / f"{scenario}.yml"
    original = source.read_text(encoding="utf-8")
    server, url, first = start_serve(config, scenario)
    steps, titles = [], []
    try:
        number = scenario.split("-")[-1]
        for i in range(repeats):
            time.sleep(1.5)  # the last build is over, and the file gets a new modification time
            marker = f"Edited step {i} {time.time():.0f}"
            steps.append(shown_after(url, source, "text: |\n", f"text: |\n      {marker}.\n", marker))
            print(f"  step edit shown after {steps[-1]:.2f} s; {load()}")
            time.sleep(1.5)
            old_title = f"title: Generated scenario {number}" if i == 0 else f"title: Retitled {i - 1}"
            titles.append(shown_after(url, source, old_title, f"title: Retitled {i}", f"<title>Retitled {i} "))
            print(f"  title edit shown after {titles[-1]:.2f} s; {load()}")
        return first, steps, titles
    finally:
        server.terminate()
        server.wait(timeout=60)
        source.write_text(original, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="a fraction of the module, for a quick try")
    parser.add_argument("--repeats", type=int, default=3, help="edits of each kind; the median counts")
    args = parser.parse_args()
    build_speed.SCENARIOS, build_speed.QUIZZES, build_speed.PAGES = (
        max(1, int(n * args.scale)) for n in (build_speed.SCENARIOS, build_speed.QUIZZES, build_speed.PAGES)
    )
    with tempfile.TemporaryDirectory(prefix="qe-serve-speed-") as folder:
        config = module(Path(folder) / "module")
        pages = build_speed.SCENARIOS + build_speed.QUIZZES + build_speed.PAGES
        print(f"module: {pages} source pages; {load()}")
        source = config.parent / "scenarios" / "scenario-1.yml"
        old = sorted(full_rebuild(config, source, f"Full {i}.") for i in range(max(1, args.repeats - 1)))
        old_median = old[len(old) // 2]
        print(f"old (check and build the whole site after an edit): {', '.join(f'{s:.1f}' for s in old)} s")
        first, steps, titles = serve_figures(config, "scenario-1", args.repeats)
        step, title = sorted(steps)[len(steps) // 2], sorted(titles)[len(titles) // 2]
        print(f"serve: first page after {first:.1f} s")
        for name, seconds in (("a step's text", step), ("the title", title)):
            verdict = "met" if seconds <= TARGET_SECONDS else "MISSED"
            print(
                f"edit of {name}: new {seconds:.2f} s, old {old_median:.1f} s, ratio old/new {old_median / seconds:.1f} "
                f"(target at most {TARGET_SECONDS} s: {verdict})"
            )
        print(load())


if __name__ == "__main__":
    main()
