"""mkdocs.yml as the build reads it, and the warning for a site_url nobody else can open."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz_engine.build.config import site_url_warning
from quiz_engine.cli import main as cli_main
from tests.helpers import VALID


@pytest.mark.parametrize(
    ("setting", "warned"),
    [
        ("site_url: http://127.0.0.1:8000/\n", True),
        ("site_url: http://localhost:8000/training/\n", True),
        ("", True),
        ("site_url: https://www.example.org/training/baby-k/\n", False),
    ],
)
def test_site_url_warning(tmp_path: Path, setting: str, warned: bool) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: T\n{setting}theme:\n  name: material\n", encoding="utf-8")
    warning = site_url_warning(config, "mkdocs.yml")
    assert (warning is not None) == warned
    if warning:
        assert (warning.line, warning.severity, warning.code) == (2 if setting else 1, "warning", "default-site-url")


def test_build_warns_of_the_default_site_url_but_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    assert cli_main(["build", "-f", str(config)]) == 0
    assert (
        "mkdocs.yml:2:1: warning [default-site-url] site_url is still http://127.0.0.1:8000/" in capsys.readouterr().err
    )
    assert cli_main(["build", "-f", str(config), "--site-url", "https://www.example.org/t/"]) == 0
    assert "default-site-url" not in capsys.readouterr().err
    assert (tmp_path / "site" / "index.html").is_file()


def test_scorm_warns_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\ntheme:\n  name: material\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "scenarios").symlink_to(VALID)
    assert cli_main(["scorm", "-f", str(config), "--dist", str(tmp_path / "dist")]) == 0
    assert "mkdocs.yml:1:1: warning [default-site-url] site_url is not set" in capsys.readouterr().err
