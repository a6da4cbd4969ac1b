"""Build stage: stage the docs once, let the chosen engine turn them into a site, then
swap the result into place. A failed build leaves the old site untouched."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..load import model
from ..load.config import ConfigError
from ..load.project import Project
from .engine import DEFAULT_ENGINE, load_engine
from .errors import BuildFailed
from .preloads import RUNTIME_DIR
from .staging import stage
from .swap import swap_into_place

LMS_FILES = ("scorm-launch.html", "scorm-launch.js")  # copied to the site root of SCORM packages


def build_site(
    project: Project,
    items: list[model.Item],
    site_dir: Path,
    site_url: str | None = None,
    lms: bool = False,
    engine: str | None = None,
    estimates: dict[tuple[str, str], float | None] | None = None,
    trainers: bool = False,
) -> None:
    """Build into a temporary folder beside `site_dir`, then move it into place.

    With `lms`, every link names a file (an LMS serves files only by exact name),
    and the site gets the SCORM launch page, which holds the LMS session while the
    module's pages change inside it. `engine` names a module of
    engines/; without it, `extra.engine` in mkdocs.yml, else MkDocs. `estimates`: see staging.stage.
    The learners' site unless `trainers` (build/audience.py); a package is always the learners'."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        staged = stage(project, items, staging, site_url, lms, estimates, trainers=trainers and not lms)
        load_engine(engine or staged.engine_name or DEFAULT_ENGINE).build(staged)
        if lms:
            for name in LMS_FILES:
                shutil.copy2(RUNTIME_DIR / "lms" / name, staged.site_dir / name)
        swap_into_place(staged.site_dir, site_dir, staging)
    except OSError as exc:  # staging or swapping: a full disk, a file in use, permissions
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from None
    except ConfigError as exc:  # mkdocs.yml unreadable, or a setting of the wrong shape
        raise BuildFailed(str(exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
