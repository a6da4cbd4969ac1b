"""serve's builds after the first: only the pages an edit changes are made again, and the
result is the site a full build makes (the navigation by a full build in the background)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from quiz_engine.build.live_build import LiveBuild
from quiz_engine.build.serve import inputs
from quiz_engine.load.project import Project
from tests.helpers import VALID

SCENARIO = "visit-after-discharge"
CONFIG = "site_name: T\nsite_url: http://127.0.0.1/\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"


def _project(root: Path) -> Project:
    root.mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "guide").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Welcome\n\nStart here.\n", encoding="utf-8")
    (root / "docs" / "guide" / "embedded.md").write_text(
        f"# Embedded\n\n/// scenario | {SCENARIO}\n///\n", encoding="utf-8"
    )
    (root / "docs" / "guide" / "other.md").write_text("# Other page\n\nNothing embedded.\n", encoding="utf-8")
    shutil.copytree(VALID, root / "scenarios")
    return Project.at(root / "mkdocs.yml")


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_rebuilds_the_pages_that_show_it_and_a_new_title_reaches_every_page(tmp_path):
    project = _project(tmp_path / "project")
    live = LiveBuild(project, tmp_path / "serve", "http://127.0.0.1:8000/", False, lambda: inputs(project))
    try:
        live.build()
        assert live.errors == []
        site = live.site_dir
        before = _mtimes(site)
        source = project.scenarios_dir / f"{SCENARIO}.yml"

        _edit(source, "A baby with complex health needs", "A baby with complex health needs (edited)")
        live.build()
        after = _mtimes(site)
        rebuilt = {page for page in after if after[page] != before.get(page)}
        assert f"scenarios/{SCENARIO}/index.html" in rebuilt and "guide/embedded/index.html" in rebuilt
        assert "guide/other/index.html" not in rebuilt and "index.html" not in rebuilt
        for page in (f"scenarios/{SCENARIO}/index.html", "guide/embedded/index.html"):
            assert "complex health needs (edited)" in (site / page).read_text(encoding="utf-8")
        # The search index still has the pages that were not rebuilt.
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert {"guide/other/", "", f"scenarios/{SCENARIO}/"} <= {d["location"].split("#")[0] for d in index["docs"]}
        # A page not rebuilt keeps its title in the navigation of the rebuilt ones.
        assert "Other page" in (site / f"scenarios/{SCENARIO}/index.html").read_text(encoding="utf-8")

        # A new title: at once in the pages rebuilt, then in every page from the full build in the background.
        _edit(source, "title: A home visit after discharge", "title: A visit, retitled")
        live.build()
        assert "A visit, retitled" in (site / f"scenarios/{SCENARIO}/index.html").read_text(encoding="utf-8")
        assert live._background is not None
        deadline = time.monotonic() + 120
        while not live._background.finished():
            assert time.monotonic() < deadline, "the background build did not end"
            time.sleep(0.1)
        live.build()  # what the server runs when the background build ends
        assert live.errors == []
        assert "A visit, retitled" in (site / "guide/other/index.html").read_text(encoding="utf-8")
        assert "A home visit after discharge" not in (site / "index.html").read_text(encoding="utf-8")
    finally:
        live.stop()
