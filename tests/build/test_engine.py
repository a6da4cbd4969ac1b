"""The site engines behind one interface: chosen by `--engine` or `extra.engine` in
mkdocs.yml (default MkDocs), found by their module's name, so a third engine is one
new module. A name that is no engine fails the build with the names there are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quiz_engine.build import engines
from quiz_engine.build.engine import engine_names, load_engine
from quiz_engine.build.errors import BuildFailed
from quiz_engine.cli import main as cli_main
from tests.helpers import VALID

# An engine in one module: it lists the staged pages it was given as the site.
THIRD_ENGINE = """
def build(staged):
    staged.site_dir.mkdir()
    pages = sorted(p.relative_to(staged.docs).as_posix() for p in staged.docs.rglob("*.md"))
    (staged.site_dir / "index.html").write_text("\\n".join(pages), encoding="utf-8")
"""


def make_project(root: Path, extra: str = "") -> Path:
    shutil.copytree(VALID, root / "scenarios")
    config = root / "mkdocs.yml"
    config.write_text(
        f"site_name: Engines\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  font: false\n{extra}",
        encoding="utf-8",
    )
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\n/// quiz | escalation-basics\n///\n", encoding="utf-8")
    return config


@pytest.fixture
def third_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An engine module `listing` in a folder added to the engines package's path."""
    folder = tmp_path / "more-engines"
    folder.mkdir()
    (folder / "listing.py").write_text(THIRD_ENGINE, encoding="utf-8")
    monkeypatch.setattr(engines, "__path__", [*engines.__path__, str(folder)])
    return "listing"


def test_the_engines_are_the_modules_of_engines() -> None:
    assert engine_names() == ["mkdocs", "zensical"]
    assert callable(load_engine("mkdocs").build)


def test_an_unknown_engine_names_the_engines_there_are() -> None:
    with pytest.raises(BuildFailed, match="no site engine 'hugo'; choose one of: mkdocs, zensical"):
        load_engine("hugo")


def test_a_third_engine_is_one_module(tmp_path: Path, third_engine: str) -> None:
    config = make_project(tmp_path / "project")
    assert third_engine in engine_names()
    assert cli_main(["build", "-f", str(config), "--engine", third_engine]) == 0
    listed = (tmp_path / "project" / "site" / "index.html").read_text(encoding="utf-8").split("\n")
    assert "index.md" in listed and "quizzes/escalation-basics.md" in listed  # staged once, generated pages included


def test_mkdocs_yml_chooses_the_engine(tmp_path: Path, third_engine: str) -> None:
    config = make_project(tmp_path / "project", extra=f"extra:\n  engine: {third_engine}\n")
    assert cli_main(["build", "-f", str(config)]) == 0
    assert "index.md" in (tmp_path / "project" / "site" / "index.html").read_text(encoding="utf-8")


def test_the_command_line_overrides_mkdocs_yml(tmp_path: Path, third_engine: str) -> None:
    config = make_project(tmp_path / "project", extra=f"extra:\n  engine: {third_engine}\n")
    assert cli_main(["build", "-f", str(config), "--engine", "mkdocs"]) == 0
    assert "<!doctype html>" in (tmp_path / "project" / "site" / "index.html").read_text(encoding="utf-8").lower()


def test_without_a_setting_mkdocs_builds(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    assert cli_main(["build", "-f", str(config)]) == 0
    assert 'name="generator" content="mkdocs-' in (tmp_path / "project" / "site" / "index.html").read_text("utf-8")


def test_an_unknown_engine_in_mkdocs_yml_fails_and_keeps_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = make_project(tmp_path / "project")
    assert cli_main(["build", "-f", str(config)]) == 0
    before = (tmp_path / "project" / "site" / "index.html").read_bytes()
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  engine: hugo\n", encoding="utf-8")
    assert cli_main(["build", "-f", str(config)]) == 1
    assert "no site engine 'hugo'; choose one of: mkdocs, zensical" in capsys.readouterr().err
    assert (tmp_path / "project" / "site" / "index.html").read_bytes() == before
