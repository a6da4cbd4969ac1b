"""Where mkdocs.yml says the glossary is, and its extension's old name."""

from __future__ import annotations

from pathlib import Path

from quiz_engine.load.glossary import glossary_file, old_extension_names


def test_the_old_extension_name_is_an_error_at_its_line(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nmarkdown_extensions:\n  - toc\n  - quiz_engine.glossary:\n      file: terms.yml\n"
        "  - quiz_engine.glossary_extra\n",
        encoding="utf-8",
    )
    (found,) = old_extension_names(config, "mkdocs.yml")
    assert (found.line, found.col, found.severity, found.code) == (4, 5, "error", "renamed-extension")
    assert "quiz_engine.render.glossary" in found.message
    assert glossary_file(config) == tmp_path / "terms.yml"  # its file is still checked


def test_the_new_name_is_no_error(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("markdown_extensions:\n  quiz_engine.render.glossary: {file: terms.yml}\n", encoding="utf-8")
    assert old_extension_names(config, "mkdocs.yml") == []
    assert glossary_file(config) == tmp_path / "terms.yml"
