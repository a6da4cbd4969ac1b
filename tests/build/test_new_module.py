"""`init PATH [--briefing FILE]`: a new module that checks and builds at once, whose
placeholders are warnings until filled in, and which never overwrites anything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz_engine.build.new_module import InitError, init_module
from tests.helpers import check, found
from tests.test_cli import run

BRIEFINGS = Path(__file__).resolve().parents[1] / "fixtures" / "briefings"


def fill_placeholders(module: Path) -> None:
    """What a partnership does before publishing: every [[...]] replaced by its own detail."""
    for path in [module / "mkdocs.yml", module / "glossary.yml", *(module / "docs").rglob("*.md")]:
        text = re.sub(
            r"\[\[([^\[\]\n]+)\]\]",
            lambda m: (
                "03001234567" if "number" in m[1] else "https://www.example.org/" if "website" in m[1] else "Example"
            ),
            path.read_text(encoding="utf-8"),
        )
        path.write_text(text, encoding="utf-8")


def test_a_new_module_checks_with_placeholder_warnings_only(tmp_path):
    module = init_module(tmp_path / "module").path
    for name in ("mkdocs.yml", "README.md", ".gitignore", "glossary.yml", "schemas/scenario.schema.json"):
        assert (module / name).is_file(), name
    for page in ("index.md", "help/accessibility.md", "help/privacy.md", "help/worried-about-a-child.md"):
        assert (module / "docs" / page).is_file(), page
    assert sorted(p.name for p in (module / "scenarios").iterdir()) == ["first-quiz.yml", "first-scenario.yml"]
    problems = found(check(module))
    assert problems and {code for *_, code in problems} == {"placeholder"}
    assert ("mkdocs.yml", 5, 13, "placeholder") in problems  # site_name
    fill_placeholders(module)
    assert found(check(module)) == []


def test_the_command_makes_a_module_that_builds_and_passes_strict_once_filled(tmp_path):
    made = run(tmp_path, "init", "training")
    assert made.returncode == 0, made.stderr
    assert "fill in each [[placeholder]]" in made.stderr
    module = tmp_path / "training"
    fill_placeholders(module)
    assert run(module, "check", "--strict").returncode == 0
    built = run(module, "build")
    assert built.returncode == 0, built.stderr
    assert (module / "site" / "index.html").is_file()


def test_an_existing_folder_is_never_overwritten(tmp_path):
    (tmp_path / "module").mkdir()
    (tmp_path / "module" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InitError, match="not empty"):
        init_module(tmp_path / "module")
    assert [p.name for p in (tmp_path / "module").iterdir()] == ["notes.txt"]


def test_a_briefing_that_is_not_utf8_is_refused_and_nothing_is_left(tmp_path):
    briefing = tmp_path / "briefing.txt"
    briefing.write_bytes("Caf\xe9 briefing\n".encode("cp1252"))
    proc = run(tmp_path, "init", "module", "--briefing", str(briefing))
    assert proc.returncode == 1 and "save it as UTF-8" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.txt"]


@pytest.mark.parametrize("briefing", ["seed-briefing.txt", "seven-minute.md", "numbered-steps.txt"])
def test_a_briefing_becomes_pages_themes_and_a_kept_source(tmp_path, briefing):
    source = BRIEFINGS / briefing
    module = init_module(tmp_path / "module", source).path
    pages = sorted((module / "docs" / "briefing").glob("[0-9]-*.md"))
    assert len(pages) >= 4
    config = (module / "mkdocs.yml").read_text(encoding="utf-8")
    for page in pages:
        assert f"      - briefing/{page.name}\n" in config  # in the menu, in order
        assert "For the trainer: rewrite this page" in page.read_text(encoding="utf-8")
    assert (module / "source" / ("briefing" + source.suffix)).read_bytes() == source.read_bytes()
    assert "information-sharing:" not in config  # the briefing's themes replace the defaults ...
    drafts = (module / "scenarios").iterdir()
    theme_lines = [line for p in drafts for line in p.read_text(encoding="utf-8").splitlines() if "theme" in line]
    assert theme_lines and not any("information-sharing" in line for line in theme_lines)  # ... in the drafts too
    problems = found(check(module))
    assert {code for *_, code in problems} == {"placeholder", "unrewritten-source"}
    copied = {path for path, *_, code in problems if code == "unrewritten-source"}
    assert {f"docs/briefing/{page.name}" for page in pages} <= copied  # every page still copies the source
