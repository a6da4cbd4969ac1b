"""How long `check` takes on a generated module of 200 scenarios of 50 nodes and
100 quizzes of 20 questions, at a quarter, half and full size.

Run: .venv/bin/python benchmarks/check_speed.py
Target: linear growth, under 2 s at full size on a 2-core machine."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from quiz_engine.project import Project, check_project  # noqa: E402


def measure(fraction: float, repeats: int = 3) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        config = generate(Path(folder), int(200 * fraction), int(100 * fraction))
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            result = check_project(Project.at(config))
            best = min(best, time.perf_counter() - started)
        assert not result.diagnostics, result.diagnostics[:3]
        return best, len(result.items)


def main() -> None:
    rows = [(fraction, *measure(fraction)) for fraction in (0.25, 0.5, 1.0)]
    print(f"{'size':>6} {'files':>6} {'seconds':>8} {'s/file (ms)':>12}")
    for fraction, seconds, files in rows:
        print(f"{fraction:>6.2f} {files:>6} {seconds:>8.2f} {seconds / files * 1000:>12.2f}")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    quarter, full = rows[0][1], rows[-1][1]
    print(
        f"growth full/quarter: {full / quarter:.2f} (linear would be 4.00); full size {'meets' if full < 2 else 'misses'} the 2 s target"
    )


if __name__ == "__main__":
    main()
