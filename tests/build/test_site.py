"""Build stage: atomic and reproducible (design principle 4).

A build that fails (in the check stage, inside MkDocs, or while swapping the new
site in) leaves the published site/ byte for byte as it was, and leaves no
staging folder beside it. Two builds of the same input give the same files; the
only files that depend on anything else are REPRODUCIBLE_EXCEPT, which carry the
build date (MkDocs reads SOURCE_DATE_EPOCH for it, or takes today's UTC date).
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import threading
from pathlib import Path

import pytest

import quiz_engine.build.engines.mkdocs as mkdocs_engine
import quiz_engine.build.swap as swap_module
from quiz_engine import Project, check_project
from quiz_engine.build.errors import BuildFailed
from quiz_engine.build.site import build_site
from quiz_engine.cli import main as cli_main
from tests.helpers import VALID

ROOT = Path(__file__).resolve().parents[2]
# The sitemap's <lastmod> is the build date, and the .gz also stores it as its mtime.
REPRODUCIBLE_EXCEPT = {"sitemap.xml", "sitemap.xml.gz"}
DAY = 24 * 3600
EPOCH = 1_790_000_000  # 2026-09-21, any fixed date

MKDOCS_YML = """\
site_name: Atomic builds
site_url: http://127.0.0.1:8000/
strict: true
theme:
  name: material
  font: false
  features: [navigation.instant]
markdown_extensions: [admonition, attr_list, md_in_html, sane_lists]
"""


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder`."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(site_dir: Path) -> list[str]:
    """Anything beside site/ that a build left (staging folders are '.site-build-*')."""
    return sorted(p.name for p in site_dir.parent.iterdir() if p.name.startswith(f".{site_dir.name}-build-"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project (the two examples of the format, a page embedding both), built once."""
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    shutil.copytree(VALID, tmp_path / "scenarios")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# Home\n\n/// scenario | visit-after-discharge\n///\n\n/// quiz | escalation-basics\n///\n", encoding="utf-8"
    )
    config = tmp_path / "mkdocs.yml"
    assert cli_main(["build", "-f", str(config)]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    return config


def assert_untouched(site_dir: Path, before: dict[str, str]) -> None:
    assert snapshot(site_dir) == before
    assert leftovers(site_dir) == []


# --- a failed build leaves the old site as it was ----------------------------------------


def test_a_broken_link_fails_the_build_in_mkdocs_and_keeps_the_old_site(project: Path, capsys) -> None:
    site_dir = project.parent / "site"
    before = snapshot(site_dir)
    (project.parent / "docs" / "broken.md").write_text("# Broken\n\nSee [the missing page](missing.md).\n")
    assert cli_main(["build", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "build: the site engine failed" in err and "was left as it was" in err
    assert "Traceback" not in err
    assert_untouched(site_dir, before)


@pytest.mark.parametrize("error", [OSError("disk full"), KeyError("x"), BuildFailed("engine failed")])
def test_a_failure_after_mkdocs_wrote_files_keeps_the_old_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """MkDocs fails half way through writing the new site into the staging folder."""
    site_dir = project.parent / "site"
    before = snapshot(site_dir)
    real_build = mkdocs_engine.mkdocs_build
    written: list[Path] = []

    def half_build(config, **kwargs) -> None:
        real_build(config, **kwargs)  # the whole new site, in the staging folder
        built = Path(config.site_dir)
        (built / "index.html").write_text("half-written", encoding="utf-8")
        written.append(built)
        raise error

    monkeypatch.setattr(mkdocs_engine, "mkdocs_build", half_build)
    assert cli_main(["build", "-f", str(project)]) == 1
    assert written and written[0].parent.parent == site_dir.parent  # it was staged beside site/
    assert not written[0].exists()
    assert_untouched(site_dir, before)


def test_an_unexpected_exception_in_mkdocs_keeps_the_old_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error the build does not expect (a plugin's bug) still never half-replaces the site."""
    site_dir = project.parent / "site"
    before = snapshot(site_dir)

    def crash(config, **kwargs) -> None:
        Path(config.site_dir).mkdir(parents=True)
        (Path(config.site_dir) / "index.html").write_text("partial", encoding="utf-8")
        raise RuntimeError("a plugin crashed")

    monkeypatch.setattr(mkdocs_engine, "mkdocs_build", crash)
    result = check_project(Project.at(project))
    with pytest.raises(RuntimeError):
        build_site(Project.at(project), result.items, site_dir)
    assert_untouched(site_dir, before)


@pytest.mark.parametrize("step", ["old site aside", "new site into place"])
def test_a_failed_swap_keeps_the_old_site(project: Path, monkeypatch: pytest.MonkeyPatch, capsys, step: str) -> None:
    site_dir = project.parent / "site"
    before = snapshot(site_dir)
    real_rename = Path.rename
    monkeypatch.setattr(swap_module, "_exchange", lambda built, site: False)  # a system without it

    def rename(self: Path, target) -> Path:
        aside = self == site_dir.resolve()
        into_place = Path(target) == site_dir.resolve() and self.name == "site"
        if (aside, into_place) == (step == "old site aside", step == "new site into place"):
            raise OSError(18, "Invalid cross-device link")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    assert cli_main(["build", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "cross-device link" in err and "was left as it was" in err
    assert_untouched(site_dir, before)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 exchange is Linux-only")
def test_the_new_site_takes_the_old_ones_place_in_one_step(tmp_path: Path) -> None:
    """While a build swaps the site in, a web server publishing it never finds it missing."""
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("build 0", encoding="utf-8")
    missing: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (site_dir / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(1, 200):
            staging = tmp_path / f"staging-{n}"
            built = staging / "site"
            built.mkdir(parents=True)
            (built / "index.html").write_text(f"build {n}", encoding="utf-8")
            swap_module.swap_into_place(built, site_dir, staging)
            assert (built / "index.html").read_text(encoding="utf-8") == f"build {n - 1}"  # exchanged
            shutil.rmtree(staging)
    finally:
        done.set()
        watcher.join()
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "build 199"
    assert missing == []


def test_a_yaml_error_stops_the_build_in_the_check_stage_and_keeps_the_old_site(project: Path, capsys) -> None:
    site_dir = project.parent / "site"
    before = snapshot(site_dir)
    (project.parent / "scenarios" / "broken.yml").write_text("kind: scenario\ntitle: [unclosed\n", encoding="utf-8")
    assert cli_main(["build", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "[yaml-syntax]" in err and "not built because of the errors above" in err
    assert_untouched(site_dir, before)


def test_a_successful_build_replaces_the_site_whole_and_leaves_nothing_beside_it(project: Path) -> None:
    site_dir = project.parent / "site"
    (site_dir / "stale.html").write_text("from an older build", encoding="utf-8")
    assert cli_main(["build", "-f", str(project)]) == 0
    assert not (site_dir / "stale.html").exists()
    assert leftovers(site_dir) == []
    assert sorted(p.name for p in project.parent.iterdir()) == ["docs", "mkdocs.yml", "scenarios", "site"]


# --- two builds of the same input give the same files ------------------------------------


@pytest.fixture
def default_module(tmp_path: Path) -> Path:
    """A copy of the default module (its pages, scenarios and settings)."""
    for name in ("docs", "scenarios"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("mkdocs.yml", "glossary.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path / "mkdocs.yml"


def test_two_builds_of_the_same_input_give_the_same_files(default_module: Path, monkeypatch) -> None:
    site_dir = default_module.parent / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert cli_main(["build", "-f", str(default_module)]) == 0
    first = snapshot(site_dir)
    assert cli_main(["build", "-f", str(default_module)]) == 0
    assert snapshot(site_dir) == first  # the same day: every file identical

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + DAY))
    assert cli_main(["build", "-f", str(default_module)]) == 0
    later = snapshot(site_dir)
    assert later.keys() == first.keys()
    assert {path for path in first if first[path] != later[path]} == REPRODUCIBLE_EXCEPT
    assert len(first) > 50  # pages, assets, runtime, search index, module.json


def test_the_build_does_not_depend_on_where_the_project_is(default_module: Path, tmp_path_factory, monkeypatch) -> None:
    """Same input in another folder (another checkout, a CI runner): the same site."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    other = tmp_path_factory.mktemp("elsewhere") / "checkout"
    shutil.copytree(default_module.parent, other)
    assert cli_main(["build", "-f", str(default_module)]) == 0
    assert cli_main(["build", "-f", str(other / "mkdocs.yml")]) == 0
    assert snapshot(other / "site") == snapshot(default_module.parent / "site")


def test_the_search_index_gives_away_no_scenario_step_or_map(default_module: Path) -> None:
    """Searching the module finds the training, and no scenario's steps, feedback or endings."""
    import json
    import re

    import yaml

    assert cli_main(["build", "-f", str(default_module)]) == 0
    index = json.loads((default_module.parent / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "briefing/" in locations and "quizzes/" in locations
    # Trainers' material (their guide, the maps) is in the site but not in the learners' search.
    assert not [loc for loc in locations if loc.startswith(("maps/", "trainers/"))]
    text = " ".join(doc["text"] for doc in index["docs"])
    phrases = []
    for path in sorted((default_module.parent / "scenarios").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for node in (data.get("nodes") or {}).values() if isinstance(data.get("nodes"), dict) else []:
            for choice in node.get("choices") or []:
                plain = re.match(r"[A-Za-z ,]{30,}", choice.get("feedback") or "")
                if plain:
                    phrases.append(plain.group(0))
    assert len(phrases) > 20
    assert [p for p in phrases if p in text] == []


def test_the_search_index_has_each_glossary_term_without_its_definition(default_module: Path) -> None:
    """A term's tooltip is left out of the index: its text would be glued to the term ("child in needA child...")."""
    import json

    from quiz_engine.load.glossary import load_glossary

    assert cli_main(["build", "-f", str(default_module)]) == 0
    site = default_module.parent / "site"
    page = (site / "briefing" / "3-key-learning" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="qe-term__tip"') > 5  # the page explains terms
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if not doc["location"].startswith("glossary/"))
    terms = load_glossary(default_module.parent / "glossary.yml", "glossary.yml", [])
    assert "child in need" in text.lower()
    assert [t.term for t in terms if t.definition[:60] in text] == []


HELP_BANNER = """\
extra:
  branding:
    help:
      page: help/
      lines:
        - {text: "Emergency: call", tel: "999"}
        - {text: "Other worries:", url: "https://www.example.org/form", link: the online request for support form}
        - {text: Plain words}
"""


def test_help_banner_lines_show_phone_numbers_links_and_text(project: Path) -> None:
    project.write_text(project.read_text(encoding="utf-8") + HELP_BANNER, encoding="utf-8")
    assert cli_main(["build", "-f", str(project)]) == 0
    home = (project.parent / "site" / "index.html").read_text(encoding="utf-8")
    assert 'Emergency: call <a href="tel:999">999</a>' in home
    assert 'Other worries: <a href="https://www.example.org/form">the online request for support form</a>' in home
    assert '<span class="qe-help__line">Plain words</span>' in home
