"""The generator as an installable tool: a wheel built from this checkout and installed into
a new virtual environment gives the `quiz-engine` command, which starts a module elsewhere
that builds with both engines, without this checkout on the path."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.build.test_new_module import fill_placeholders

ROOT = Path(__file__).resolve().parents[1]
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


def requirement_pins(path: Path) -> list[str]:
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def test_the_package_pins_the_same_runtime_dependencies_as_requirements_txt():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert sorted(project["dependencies"]) == sorted(requirement_pins(ROOT / "requirements.txt"))
    assert all("==" in pin for pin in project["dependencies"])
    assert project["scripts"] == {"quiz-engine": "quiz_engine.cli:main"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--disable-pip-version-check", "-q", "-w", out],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("quiz_engine-*.whl")
    return found


@pytest.fixture(scope="module")
def installed_tool(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel installed; its dependencies are the test
    environment's own (a .pth file), so pip resolves them against the wheel's pins without
    downloading them again. Returns the environment's bin/ folder."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True
    ).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--disable-pip-version-check", "-q"]
    installed = subprocess.run([*pip, str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    return venv / "bin"


def tool(bin_dir: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GITHUB_ACTIONS")}
    return subprocess.run(
        [bin_dir / "quiz-engine", *args],
        cwd=cwd,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_wheel_carries_the_runtime_templates_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "quiz_engine/runtime/scenario-player.js",
        "quiz_engine/runtime/lms/scorm-launch.html",
        "quiz_engine/build/theme/main.html",
        "quiz_engine/build/templates/scenario.yml",
        "quiz_engine/build/module_template/mkdocs.yml",
        "quiz_engine/build/module_template/gitignore",
        "quiz_engine/schemas/scenario.schema.json",
        "quiz_engine/trainers_guide/field-reference.md",
    ):
        assert name in names, name
    assert not any("__pycache__" in name or name.startswith(("tests/", "docs/")) for name in names)


def test_the_installed_command_starts_a_module_that_builds_with_both_engines(installed_tool, tmp_path):
    where = subprocess.run(
        [installed_tool / "python", "-c", "import quiz_engine; print(quiz_engine.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert str(installed_tool.parent) in where.stdout  # the installed copy, not this checkout
    made = tool(installed_tool, tmp_path, "init", "module")
    assert made.returncode == 0, made.stderr
    module = tmp_path / "module"
    assert tool(installed_tool, module, "check", "--strict").returncode == 1  # placeholders left
    fill_placeholders(module)
    strict = tool(installed_tool, module, "check", "--strict")
    assert strict.returncode == 0, strict.stderr
    for engine in ("mkdocs", "zensical"):
        site = tmp_path / f"site-{engine}"
        built = tool(installed_tool, module, "build", "--engine", engine, "-d", str(site), ZENSICAL=str(ZENSICAL))
        assert built.returncode == 0, built.stderr
        assert (site / "index.html").is_file() and (site / "assets" / "quiz-engine").is_dir()
        assert (site / "help" / "accessibility" / "index.html").is_file()
        # The learners' site: the draft scenario and quiz of `init` are not in it, nor required.
        assert (site / "scenarios" / "index.html").is_file() and not (site / "scenarios" / "first-scenario").exists()
        assert not (site / "quizzes" / "first-quiz").exists()
        module_json = (site / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8")
        assert "first-scenario" not in module_json and "first-quiz" not in module_json
