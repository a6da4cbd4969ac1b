"""mkdocs.yml as the build reads it, and the warning for a site_url nobody else can open."""

from __future__ import annotations

import json
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


def module_project(root: Path, config: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "scenarios").symlink_to(VALID)
    path = root / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def module_json(root: Path) -> dict:
    return json.loads((root / "site" / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))


def test_env_tags_and_inherit_are_read_as_mkdocs_reads_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODULE_TITLE", "Title from the environment")
    (tmp_path / "base.yml").write_text(
        "theme:\n  name: material\n  font: false\nextra:\n  branding:\n    organisation: Inherited partnership\n"
        "  module:\n    cpd_minutes: 30\n",
        encoding="utf-8",
    )
    config = module_project(
        tmp_path,
        "INHERIT: base.yml\nsite_name: !ENV [MODULE_TITLE, fallback]\nsite_url: https://www.example.org/t/\n"
        "extra:\n  module:\n    cpd_minutes: !ENV [CPD, 40]\n",
    )
    assert cli_main(["build", "-f", str(config)]) == 0
    module = module_json(tmp_path)
    assert (module["title"], module["organisation"], module["cpd_minutes"]) == (
        "Title from the environment",
        "Inherited partnership",
        40,
    )
    assert cli_main(["scorm", "-f", str(config), "--dist", str(tmp_path / "dist")]) == 0
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == [
        "title-from-the-environment-scorm12.zip",
        "title-from-the-environment-scorm2004.zip",
    ]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("site_name: T\nextra: [a, b]\n", "'extra' should be a mapping"),
        ("site_name: T\nextra:\n  module: 3\n", "'extra.module' should be a mapping"),
        ("site_name: T\nINHERIT: missing.yml\n", "INHERIT names missing.yml, which does not exist"),
        (b"site_name: \xff\n", "mkdocs.yml:1:12: error [yaml-syntax] the file is not saved as UTF-8"),
    ],
)
def test_a_broken_mkdocs_yml_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str | bytes, message: str
) -> None:
    path = module_project(tmp_path, "")
    path.write_bytes(config if isinstance(config, bytes) else config.encode())
    for command in (["build"], ["scorm", "--dist", str(tmp_path / "dist")]):
        assert cli_main([*command, "-f", str(path)]) == 1
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err
    assert not (tmp_path / "site").exists() and not (tmp_path / "dist").exists()


def test_without_cpd_minutes_the_module_shows_its_estimate(tmp_path: Path) -> None:
    config = module_project(tmp_path, "site_name: T\nsite_url: https://www.example.org/t/\ntheme:\n  name: material\n")
    assert cli_main(["build", "-f", str(config)]) == 0
    module = module_json(tmp_path)
    assert module["cpd_minutes"] == module["estimated_minutes"] >= 3  # a scenario, a quiz and a page
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  module:\n    cpd_minutes: 90\n", encoding="utf-8")
    assert cli_main(["build", "-f", str(config)]) == 0
    assert module_json(tmp_path)["cpd_minutes"] == 90
