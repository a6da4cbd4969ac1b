"""Start the tool under a Python that has its dependencies, whichever Python was used.

`python build.py check` run with the system's python3 (no virtual environment activated)
re-executes itself under the project's .venv/bin/python, which `make serve` and `make test`
create; without one, it says in a sentence what to run. Standard library only: this runs
before the dependencies are known to be importable. Written for old Pythons too, so that
an old python3 gets the sentence rather than a SyntaxError."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

# A top-level module of each package in requirements.txt that the commands import.
REQUIRED_MODULES = ("yaml", "yaml_env_tag", "mergedeep", "markdown", "mkdocs", "material", "nh3", "rjsmin", "rcssmin")
MINIMUM_PYTHON = (3, 11)
# Set before re-executing: a .venv that lacks the packages too must not re-execute again.
REEXECUTED = "QUIZ_ENGINE_REEXECUTED"
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def missing_modules() -> list[str]:
    if sys.version_info < MINIMUM_PYTHON:
        return [f"Python {MINIMUM_PYTHON[0]}.{MINIMUM_PYTHON[1]}"]
    return [name for name in REQUIRED_MODULES if importlib.util.find_spec(name) is None]


def venv_python(root: Path) -> Path:
    return root / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _running_in(venv: Path) -> bool:
    try:
        return Path(sys.prefix).resolve() == venv.resolve()
    except OSError:
        return False


def ensure_dependencies(argv: list[str], root: Path = PACKAGE_ROOT) -> None:
    """Return if the dependencies import here; else re-execute under root/.venv (once), or exit with a sentence."""
    missing = missing_modules()
    if not missing:
        return
    python = venv_python(root)
    if python.is_file() and os.environ.get(REEXECUTED) != "1" and not _running_in(root / ".venv"):
        os.environ[REEXECUTED] = "1"
        try:
            os.execv(str(python), [str(python), *argv])  # replaces this process; returns only on failure
        except OSError:
            pass
    sys.exit(f"{Path(argv[0]).name}: {_what_to_run(missing, root, python.is_file())}")


def _what_to_run(missing: list[str], root: Path, have_venv: bool) -> str:
    if have_venv:
        return f"the project's .venv lacks {', '.join(missing)}; run '.venv/bin/python -m pip install -r requirements.txt' in {root}."
    if sys.version_info < MINIMUM_PYTHON:
        return f"this needs {missing[0]} or later; install it, then run 'make serve PYTHON=python3.11' in {root}."
    return (
        f"this Python lacks the packages the tool needs; run 'make serve' (or 'make test') once in {root}: "
        "it installs them into .venv, which build.py then uses by itself."
    )


def run(argv: list[str] | None = None, root: Path = PACKAGE_ROOT) -> int:
    """The command line, started under a Python with the dependencies; Ctrl+C and a closed pipe end it quietly."""
    argv = list(sys.argv if argv is None else argv)
    try:
        ensure_dependencies(argv, root)
        from .cli import main

        return main(argv[1:])
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `build.py report | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
