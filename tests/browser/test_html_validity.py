"""The W3C Nu Html Checker (npm vnu-jar, run by Java) finds no error on any built page,
under either engine: one run of the checker over every page of the site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(site: Path) -> list[str]:
    java = shutil.which("java")
    assert java, "no Java: run 'make java' (Debian's default-jre-headless) for the HTML checker"
    assert VNU.is_file(), f"no {VNU.name}: run 'npm ci' (package.json's vnu-jar)"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr)["messages"]
    return [
        f"{Path(m['url'].removeprefix('file:')).relative_to(site)}:{m.get('lastLine', '?')}: {m['message']}"
        f"  {m.get('extract', '').strip()[:120]!r}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


@pytest.mark.parametrize("served", ["served_default", "served_zensical"])
def test_every_built_page_is_valid_html(request: pytest.FixtureRequest, served: str) -> None:
    site = request.getfixturevalue(served)[0]
    errors = html_errors(site)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:60])


def test_the_checker_reports_an_error(tmp_path: Path) -> None:
    """The check can fail: the attribute the glossary page once carried is an error."""
    (tmp_path / "page.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><dl markdown="0"><dt>a</dt><dd>b</dd></dl></html>',
        encoding="utf-8",
    )
    assert any("markdown" in e for e in html_errors(tmp_path))
