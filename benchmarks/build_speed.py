"""Build speed, HTML weight per page and `serve` rebuild time on a generated module
of 1,000 source pages, against plain `mkdocs build` of 1,000 Markdown pages with
the same theme settings.

Run: .venv/bin/python benchmarks/build_speed.py [--repeats 2] [--skip-serve] [--profile]
Targets: ours at most 1.3 times plain; HTML per page at most 60 KB.

Ours: 300 scenarios of 15 nodes, 200 quizzes of 10 questions and 500 briefing
pages (in folders of 50; every tenth embeds a scenario), built by `build.py build` (check, render,
generated pages, MkDocs). Plain: 1,000 Markdown pages, each as long as the mean
source file of ours, built by `mkdocs build`. Both use the theme, features,
palette, Markdown extensions, plugins and `extra` of the project's mkdocs.yml,
and a navigation of the same shape: ours lists the briefing folders and the two
generated sections (as the project's mkdocs.yml does), which `build.py` fills in
groups of NAV_GROUP_SIZE; plain lists its folders, its pages in groups as big."""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import PART_SIZE, generate_module, plain_page  # noqa: E402
from quiz_engine.render.pages import NAV_GROUP_SIZE  # noqa: E402

SCENARIOS, QUIZZES, PAGES = 300, 200, 500  # changed by --scale
TARGET_RATIO, TARGET_KB = 1.3, 60


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def config_text(site_name: str, nav: list | None = None, ours: bool = True) -> str:
    """The project's mkdocs.yml with `nav` for its hand-written nav, without its module themes
    or its role pathways (which name the default module's own items)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav", None)
    if nav is not None:
        config = {"site_name": site_name, "nav": nav, **{k: v for k, v in config.items() if k != "site_name"}}
    config["site_name"] = site_name
    config.get("extra", {}).get("module", {}).pop("themes", None)
    config.get("extra", {}).get("module", {}).pop("pathways", None)
    if not ours:  # our extensions (the glossary) are our cost: plain MkDocs goes without them
        config["markdown_extensions"] = [e for e in config["markdown_extensions"] if "quiz_engine" not in str(e)]
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def folder_nav(docs: Path, folder: str, title: str) -> dict:
    """{title: [{part: [pages]}]}: a section of `docs/folder`, one group per sub-folder."""
    parts = sorted(p for p in (docs / folder).iterdir() if p.is_dir())
    return {
        title: [
            {part.name: [f"{folder}/{part.name}/{page.name}" for page in sorted(part.glob("*.md"))]} for part in parts
        ]
    }


def make_ours(root: Path) -> Path:
    config = generate_module(root, config_text("Generated module"), SCENARIOS, QUIZZES, PAGES)
    nav = [
        "index.md",
        folder_nav(root / "docs", "briefing", "Briefing"),
        {"Scenarios": "scenarios/index.md"},  # build.py lists the scenarios here
        {"Quizzes": "quizzes/index.md"},
        {"For trainers": ["maps/index.md"]},
    ]
    config.write_text(config_text("Generated module", nav), encoding="utf-8")
    shutil.copy(ROOT / "glossary.yml", root / "glossary.yml")  # terms marked on every page, as in the real module
    return config


def make_plain(root: Path, chars: int) -> Path:
    docs = root / "docs"
    n = 0
    # As many pages as ours has source files, in groups as big as ours: the navigation
    # of a page lists its whole group, so group sizes drive the HTML per page.
    for section, count, size in (
        ("section-a", SCENARIOS, NAV_GROUP_SIZE),
        ("section-b", QUIZZES, NAV_GROUP_SIZE),
        ("section-c", PAGES, PART_SIZE),
    ):
        for i in range(count):
            folder = docs / section / f"part-{i // size + 1:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"page-{n:04d}.md").write_text(plain_page(n, chars), encoding="utf-8")
            n += 1
    (docs / "index.md").write_text("# Plain site\n", encoding="utf-8")
    nav = [
        "index.md",
        *(folder_nav(docs, s, s.replace("-", " ").title()) for s in ("section-c", "section-a", "section-b")),
    ]
    (root / "mkdocs.yml").write_text(config_text("Plain site", nav, ours=False), encoding="utf-8")
    return root / "mkdocs.yml"


def source_chars(root: Path) -> int:
    files = [*(root / "scenarios").glob("*.yml"), *(root / "docs").rglob("*.md")]
    return sum(len(f.read_text(encoding="utf-8")) for f in files) // len(files)


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; CPU time is what a loaded machine distorts least."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(runs: dict[str, tuple[list[str], Path, Path]], repeats: int) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) seconds of each build, run in turns so that both meet the same load."""
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeats):
        for name, (command, cwd, site) in runs.items():
            shutil.rmtree(site, ignore_errors=True)
            wall, cpu = timed(command, cwd)
            print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU; {load()}")
            old = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(old[0], wall), min(old[1], cpu))
    return best


def html_sizes(site: Path) -> tuple[int, float, float, str]:
    sizes = {p: p.stat().st_size for p in site.rglob("*.html")}
    biggest = max(sizes, key=sizes.get)
    return (
        len(sizes),
        statistics.mean(sizes.values()) / 1024,
        sizes[biggest] / 1024,
        biggest.relative_to(site).as_posix(),
    )


def by_folder(site: Path) -> list[str]:
    """Mean and max KB of the HTML pages in each top folder: the navigation lists the open folder."""
    groups: dict[str, list[int]] = {}
    for path in site.rglob("*.html"):
        parts = path.relative_to(site).parts
        groups.setdefault(parts[0] if len(parts) > 1 else "(top)", []).append(path.stat().st_size)
    return [
        f"{name} {len(sizes)} pages, mean {statistics.mean(sizes) / 1024:.0f} KB, max {max(sizes) / 1024:.0f} KB"
        for name, sizes in sorted(groups.items())
    ]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def start_serve(config: Path, scenario: str, timeout: float = 900) -> tuple[subprocess.Popen, str, float]:
    """`build.py serve` on `config`, once it serves the scenario's page: (process, page URL, seconds it took)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/scenarios/{scenario}/"
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "-f", str(config), "--port", str(port)],
        cwd=config.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        start_new_session=True,  # its own Ctrl+C (terminate) whatever this process's signals
    )
    while (page := fetch(url)) is None or "Generated scenario" not in page:
        if time.perf_counter() - started > timeout or server.poll() is not None:
            server.terminate()
            sys.exit("serve did not start")
        time.sleep(0.1)
    return server, url, time.perf_counter() - started


def serve_latency(config: Path, scenario: str, timeout: float = 600) -> tuple[float, float]:
    """(seconds to first page, seconds from saving an edited scenario title to the new title being served)."""
    source = config.parent / "scenarios" / f"{scenario}.yml"
    text = source.read_text(encoding="utf-8")
    server, url, first = start_serve(config, scenario, timeout)
    try:
        new_title = f"Edited title {int(time.time())}"
        time.sleep(1.1)  # a new modification time, whatever the file system's resolution
        edited = time.perf_counter()
        source.write_text(
            text.replace(f"title: Generated scenario {scenario.split('-')[-1]}", f"title: {new_title}", 1)
        )
        while new_title not in (fetch(url) or ""):
            if time.perf_counter() - edited > timeout:
                sys.exit("serve did not show the edit")
            time.sleep(0.05)
        return first, time.perf_counter() - edited
    finally:
        server.terminate()
        server.wait(timeout=30)
        source.write_text(text, encoding="utf-8")


def profile(config: Path, site: Path, out: Path) -> None:
    """cProfile of one build of ours, in this process; prints the top functions."""
    import cProfile
    import pstats

    from quiz_engine import Project, check_project
    from quiz_engine.build.site import build_site

    project = Project.at(config)
    profiler = cProfile.Profile()
    profiler.enable()
    result = check_project(project)
    build_site(project, result.items, site)
    profiler.disable()
    profiler.dump_stats(out)
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(45)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2, help="builds of each; the fastest counts")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--profile", action="store_true", help="also profile one build of ours with cProfile")
    parser.add_argument("--scale", type=float, default=1.0, help="a fraction of the module, for a quick try")
    args = parser.parse_args()
    global SCENARIOS, QUIZZES, PAGES
    SCENARIOS, QUIZZES, PAGES = (max(1, int(n * args.scale)) for n in (SCENARIOS, QUIZZES, PAGES))
    with tempfile.TemporaryDirectory(prefix="qe-build-speed-") as folder:
        ours_root, plain_root = Path(folder) / "ours", Path(folder) / "plain"
        ours_config = make_ours(ours_root)
        chars = source_chars(ours_root)
        plain_config = make_plain(plain_root, chars)
        print(
            f"ours: {SCENARIOS} scenarios, {QUIZZES} quizzes, {PAGES} pages; "
            f"plain: {SCENARIOS + QUIZZES + PAGES} pages of ~{chars} characters"
        )

        ours_site, plain_site = ours_root / "site", plain_root / "site"
        best = interleaved(
            {
                "ours (build.py build)": (
                    [sys.executable, str(ROOT / "build.py"), "build", "-f", str(ours_config), "-d", str(ours_site)],
                    ours_root,
                    ours_site,
                ),
                "plain (mkdocs build)": (
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config), "-d", str(plain_site)],
                    plain_root,
                    plain_site,
                ),
            },
            args.repeats,
        )
        (ours, ours_cpu), (plain, plain_cpu) = best.values()
        ours_pages, ours_mean, ours_max, ours_biggest = html_sizes(ours_site)
        plain_pages, plain_mean, plain_max, plain_biggest = html_sizes(plain_site)

        print()
        print(
            f"{'build':<7} {'wall s':>7} {'CPU s':>7} {'HTML pages':>10} {'CPU ms/page':>11} "
            f"{'mean KB':>8} {'max KB':>8}  largest page"
        )
        for name, wall, cpu, pages, mean, biggest_kb, biggest in (
            ("ours", ours, ours_cpu, ours_pages, ours_mean, ours_max, ours_biggest),
            ("plain", plain, plain_cpu, plain_pages, plain_mean, plain_max, plain_biggest),
        ):
            print(
                f"{name:<7} {wall:>7.1f} {cpu:>7.1f} {pages:>10} {cpu / pages * 1000:>11.1f} "
                f"{mean:>8.1f} {biggest_kb:>8.1f}  {biggest}"
            )
        ratio, cpu_ratio = ours / plain, ours_cpu / plain_cpu
        per_page = (ours_cpu / ours_pages) / (plain_cpu / plain_pages)
        print(
            f"ratio ours/plain: wall {ratio:.2f}, CPU {cpu_ratio:.2f} (target at most {TARGET_RATIO}: "
            f"{'met' if cpu_ratio <= TARGET_RATIO else 'MISSED'}); CPU per HTML page: {per_page:.2f}"
        )
        print(
            f"HTML per page: mean {ours_mean:.1f} KB (target at most {TARGET_KB} KB: "
            f"{'met' if ours_mean <= TARGET_KB else 'MISSED'}), max {ours_max:.1f} KB ({ours_biggest})"
        )
        for name, site in (("ours", ours_site), ("plain", plain_site)):
            print(f"  {name} by folder: " + "; ".join(by_folder(site)))
        print(load())

        if not args.skip_serve:
            small_root = Path(folder) / "small"
            small = generate_module(small_root, config_text("Small module"), 6, 4, 10)
            first, edit = serve_latency(small, "scenario-1")
            print(
                f"serve, small module (6 scenarios, 4 quizzes, 10 pages): first page {first:.1f} s, edit shown {edit:.1f} s; {load()}"
            )
            first, edit = serve_latency(ours_config, "scenario-1")
            print(
                f"serve, the module above ({SCENARIOS + QUIZZES + PAGES} source pages): first page {first:.1f} s, edit shown {edit:.1f} s; {load()}"
            )

        if args.profile:
            profile(ours_config, Path(folder) / "profiled-site", Path(tempfile.gettempdir()) / "qe-build.prof")


if __name__ == "__main__":
    main()
