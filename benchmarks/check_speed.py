"""How long `check` takes on a generated module of 200 scenarios of 50 nodes and
100 quizzes of 20 questions, at a quarter, half and full size.

Run: .venv/bin/python benchmarks/check_speed.py [--repeats 5] [--profile]
Target: linear growth, under 2 s at full size on a 2-core machine.

For each size: the best wall-clock seconds of `check_project` over the repeats, with the
CPU seconds (user + system, of this process and of the worker processes) of that run,
then `python build.py check` at full size as a new process (interpreter start-up and
imports included). There is no cache: every run reads and checks every file. `--profile`
also runs cProfile over one check of the full-size module in this one process.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from quiz_engine import Project, check_project  # noqa: E402
from quiz_engine.check import run as project_module  # noqa: E402

SIZES = (0.25, 0.5, 1.0)


def cpu_seconds() -> float:
    """User + system seconds of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(action) -> tuple[float, float]:
    cpu, wall = cpu_seconds(), time.perf_counter()
    action()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def measure(config: Path, repeats: int) -> tuple[float, float, int]:
    """Best wall seconds over `repeats` checks, the CPU seconds of that check, and the number of files."""
    runs, result = [], None

    def run() -> None:
        nonlocal result
        result = check_project(Project.at(config), keep_model=False)  # as `build.py check` runs it

    for _ in range(repeats):
        result = None  # the previous result is freed here, not in the timed check
        runs.append(timed(run))
    assert result is not None and not result.diagnostics, result and result.diagnostics[:3]
    wall, cpu = min(runs)
    return wall, cpu, len(result.items)


def command_line(config: Path, repeats: int) -> tuple[float, float]:
    """Best wall seconds (and its CPU seconds) of `python build.py check` as a new process."""
    command = [sys.executable, str(ROOT / "build.py"), "check", "-f", str(config)]
    return min(timed(lambda: subprocess.run(command, check=True, capture_output=True)) for _ in range(repeats))


def profile(config: Path) -> None:
    parallel_from = project_module.PARALLEL_FROM
    project_module.PARALLEL_FROM = sys.maxsize  # one process: cProfile sees only its own
    try:
        profiler = cProfile.Profile()
        profiler.runcall(check_project, Project.at(config), keep_model=False)
    finally:
        project_module.PARALLEL_FROM = parallel_from
    print("\ncProfile of one check of the full-size module in one process (top 30 by own time):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def reference_loop() -> float:
    """CPU seconds of a fixed pure-Python loop (best of 5): how fast the machine is just now.
    On the shared development machine it moves by a third from one minute to the next."""
    best = float("inf")
    for _ in range(5):
        started, total = time.process_time(), 0
        for i in range(1_000_000):
            total += i * i
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(f"load average before (1, 5, 15 min): {load()} on {os.cpu_count()} cores")
    print(f"reference loop before: {reference_loop():.3f} s CPU")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for fraction in SIZES:
            config = generate(Path(folder) / str(fraction), int(200 * fraction), int(100 * fraction))
            rows.append((fraction, *measure(config, args.repeats)))
        cli_wall, cli_cpu = command_line(config, args.repeats)
        if args.profile:
            profile(config)
    print(f"{'size':>6} {'files':>6} {'wall s':>8} {'CPU s':>8} {'wall ms/file':>13}")
    for fraction, wall, cpu, files in rows:
        print(f"{fraction:>6.2f} {files:>6} {wall:>8.2f} {cpu:>8.2f} {wall / files * 1000:>13.2f}")
    print(f"build.py check, full size, new process: {cli_wall:.2f} s wall, {cli_cpu:.2f} s CPU")
    print(f"load average after (1, 5, 15 min): {load()}; reference loop after: {reference_loop():.3f} s CPU")
    quarter, full = rows[0][1], rows[-1][1]
    print(
        f"growth full/quarter: {full / quarter:.2f} (linear would be 4.00); "
        f"full size {'meets' if full < 2 else 'misses'} the 2 s target"
    )


if __name__ == "__main__":
    main()
