"""Page weight of the default module, and Lighthouse scores.

1. What our runtime adds: each JS and CSS file from assets/quiz-engine/ that a
   scenario page loads, raw and gzip -9, and the total.
2. The whole first view of a scenario page: every response of its first load in
   Chromium (HTML, CSS, JS, JSON; images left out), each body gzip -9, summed.
   Target: at most 120 KB gzip.
3. Lighthouse 12.2.3 (npm, in node_modules: `make test` or `npm ci` installs it)
   on Debian's Chromium, simulated mobile (its default), against the module served
   with gzip, for the home page and a scenario page, 5 runs each (the median is
   reported). Targets: performance 95, accessibility 100, best practices 100; failing
   audits are listed.

Run: .venv/bin/python benchmarks/page_weight.py [--skip-lighthouse]"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import CHROMIUM_ARGS, ROOT, build, chromium, gzip9, load, serve  # noqa: E402

TARGET_FIRST_VIEW_KB = 120
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/x-icon", "image/vnd.microsoft.icon")


def first_view(url: str) -> list[tuple[str, str, int, int]]:
    """(url, content type, raw bytes, gzip -9 bytes) of every response of the first load of `url`."""
    found: list[tuple[str, str, int, int]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        for response in responses:
            if response.status != 200:
                continue
            ctype = (response.headers.get("content-type") or "").split(";")[0]
            body = response.body()
            found.append((response.url, ctype, len(body), gzip9(body)))
        browser.close()
    return found


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=chromium() or "")
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0 or not out.is_file():
        sys.exit(f"lighthouse failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def report_lighthouse(name: str, reports: list[dict]) -> None:
    """The median run (by performance score) of several, as Lighthouse's own documentation
    advises: its simulated timings follow the CPU time the host gives each run."""
    runs = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)
    report = runs[len(runs) // 2]
    categories = report["categories"]
    scores = {key: round((categories[key]["score"] or 0) * 100) for key in TARGETS}
    summary = ", ".join(
        f"{key} {scores[key]} ({'met' if scores[key] >= TARGETS[key] else 'MISSED'})" for key in TARGETS
    )
    each = ", ".join(
        f"{round((r['categories']['performance']['score'] or 0) * 100)} (host benchmark index "
        f"{r['environment']['benchmarkIndex']:.0f})"
        for r in runs
    )
    print(f"lighthouse {name}, median of {len(runs)} runs: {summary}; {load()}")
    # Lighthouse scales the CPU time it observes on this host; a busy host scores lower.
    print(f"  performance in each run: {each}")
    metrics = report["audits"]
    shown = [
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
        "speed-index",
    ]
    print("  " + ", ".join(f"{m}: {metrics[m]['displayValue']}" for m in shown if m in metrics))
    for key in TARGETS:
        if scores[key] >= TARGETS[key]:
            continue
        for ref in categories[key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit["scoreDisplayMode"] in ("notApplicable", "informative", "manual") or audit["score"] is None:
                continue
            if audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                print(f"  {key} fails {ref['id']}{value}: {audit['title']} [weight {ref['weight']}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (the median is reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qe-page-weight-") as folder:
        site = Path(folder) / "site"
        site.mkdir()
        url, server = serve(site, compress=True)
        build(ROOT / "mkdocs.yml", site, url)
        module = json.loads((site / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))
        scenarios = [i for i in module["items"] if i["kind"] == "scenario"]
        views = {s["url"]: first_view(url + s["url"]) for s in scenarios}
        largest = max(views, key=lambda u: sum(r[3] for r in views[u] if not r[1].startswith(IMAGE_TYPES)))
        page_url = url + largest

        ours = [r for r in views[largest] if "/assets/quiz-engine/" in r[0] and r[0].endswith((".js", ".css"))]
        print(f"runtime files a scenario page loads ({largest}):")
        print(f"  {'file':<28} {'raw KB':>8} {'gzip KB':>8}")
        for link, _, raw, packed in sorted(ours):
            print(f"  {Path(urlsplit(link).path).name:<28} {raw / 1024:>8.1f} {packed / 1024:>8.1f}")
        print(
            f"  {'total':<28} {sum(r[2] for r in ours) / 1024:>8.1f} {sum(r[3] for r in ours) / 1024:>8.1f}"
            f"  ({len(ours)} files; target under 20 KB)"
        )

        for page, responses in views.items():
            counted = [r for r in responses if not r[1].startswith(IMAGE_TYPES)]
            print(f"\nfirst view of {page}, every response but images (gzip -9 each):")
            groups: dict[str, list] = {}
            for r in counted:
                kind = "ours" if "/assets/quiz-engine/" in r[0] else (r[1].split("/")[-1] or "other")
                groups.setdefault(kind, []).append(r)
            for kind, rows in sorted(groups.items()):
                print(f"  {kind:<12} {len(rows):>3} files {sum(r[3] for r in rows) / 1024:>8.1f} KB gzip")
            for r in counted:
                if r[3] > 10 * 1024:
                    print(f"    large: {urlsplit(r[0]).path} {r[3] / 1024:.1f} KB gzip")
            total = sum(r[3] for r in counted) / 1024
            search = sum(r[3] for r in counted if "search" in urlsplit(r[0]).path) / 1024
            print(
                f"  total {total:.1f} KB gzip (target at most {TARGET_FIRST_VIEW_KB} KB: "
                f"{'met' if total <= TARGET_FIRST_VIEW_KB else 'MISSED'}); of which search index and worker {search:.1f} KB; "
                f"images left out: {len(responses) - len(counted)}; {load()}"
            )

        if not args.skip_lighthouse:
            print()
            for name, target in (("home page", url), (f"scenario page {largest}", page_url)):
                runs = [lighthouse(target, Path(folder) / "lighthouse.json") for _ in range(args.runs)]
                report_lighthouse(name, runs)
        server.shutdown()


if __name__ == "__main__":
    main()
