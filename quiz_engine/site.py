"""Build stage: stage the docs with generated pages and the runtime, run MkDocs,
then swap the result into place. A failed build leaves the old site untouched."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import MkDocsException

from . import model
from .embeds import EmbedExtension
from .pages import expand_nav, generated_pages
from .project import Project
from .render import MEDIA_FOLDER, element, error_element, module_data

RUNTIME_DIR = Path(__file__).parent / "runtime"
THEME_DIR = Path(__file__).parent / "theme"  # template additions: help banner, branded footer
RUNTIME_URL = "assets/quiz-engine"
# Scripts loaded on every page (others are imported by these); those not present are skipped.
RUNTIME_SCRIPTS = (
    "scenario-player.js",
    "quiz-player.js",
    "module-progress.js",
    "my-reflections.js",
    "module-certificate.js",
    "lms-report.js",
)
RUNTIME_STYLES = ("site.css", "players.css", "completion.css")
LMS_FILES = ("scorm-launch.html", "scorm-launch.js")  # copied to the site root of SCORM packages


class BuildFailed(Exception):
    """The site engine failed; the message says why."""


def stage_docs(project: Project, items: list[model.Item], staging: Path) -> Path:
    docs = staging / "docs"
    shutil.copytree(project.docs_dir, docs) if project.docs_dir.is_dir() else docs.mkdir(parents=True)
    for rel, text in generated_pages(items).items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    runtime = docs / RUNTIME_URL
    runtime.mkdir(parents=True, exist_ok=True)
    for source in sorted(RUNTIME_DIR.iterdir()):
        if source.suffix in (".js", ".css"):
            shutil.copy2(source, runtime / source.name)
    for item in items:
        if isinstance(item, model.Scenario):
            folder = (project.root / item.path).parent
            for node in item.nodes.values():
                if node.image:
                    target = runtime / MEDIA_FOLDER / item.id / node.image.src
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(folder / node.image.src, target)
    return docs


def site_name(project: Project) -> str:
    return load_config(config_file=str(project.config_file)).site_name


def build_site(
    project: Project, items: list[model.Item], site_dir: Path, site_url: str | None = None, lms: bool = False
) -> None:
    """Build into a temporary folder beside `site_dir`, then move it into place.

    With `lms`, the site also gets the SCORM launch page, which holds the LMS
    session while the module's pages change inside it."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        docs = stage_docs(project, items, staging)
        built = staging / "site"
        _run_mkdocs(project, items, docs, built, site_url)
        if lms:
            for name in LMS_FILES:
                shutil.copy2(RUNTIME_DIR / "lms" / name, built / name)
        _swap(built, site_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run_mkdocs(project: Project, items: list[model.Item], docs: Path, built: Path, site_url: str | None) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_mkdocs_warnings()
    overrides = {"docs_dir": str(docs), "site_dir": str(built)}
    if site_url:
        overrides["site_url"] = site_url
    try:
        config = load_config(config_file=str(project.config_file), **overrides)
        by_id = {(i.kind, i.id): i for i in items}

        def render(kind: str, item_id: str) -> str:
            item = by_id.get((kind, item_id))
            return element(item) if item else error_element(kind, item_id, "No file in scenarios/ defines this id.")

        branding = config.extra.get("branding") or {}
        module = module_data(
            items,
            config.site_name,
            branding.get("organisation"),
            config.extra.get("module") or {},
            config.use_directory_urls,
        )
        (docs / RUNTIME_URL / "module.json").write_text(
            json.dumps(module, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        config.markdown_extensions.append(EmbedExtension(render))
        config.theme.dirs.insert(0 if not config.theme.custom_dir else 1, str(THEME_DIR))
        config.nav = expand_nav(config.nav, items)
        for name in (n for n in RUNTIME_STYLES if (RUNTIME_DIR / n).is_file()):
            config.extra_css.append(f"{RUNTIME_URL}/{name}")
        for name in (n for n in RUNTIME_SCRIPTS if (RUNTIME_DIR / n).is_file()):
            script = ExtraScriptValue(f"{RUNTIME_URL}/{name}")
            script.type = "module"
            config.extra_javascript.append(script)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise BuildFailed(str(exc) or type(exc).__name__) from None
    except (OSError, ValueError, KeyError) as exc:
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from None


def _swap(built: Path, site_dir: Path, staging: Path) -> None:
    """Two renames on one file system: the old site is replaced whole or not at all."""
    old = staging / "old-site"
    if site_dir.exists():
        site_dir.rename(old)
    try:
        built.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)
        raise


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "quiz_engine", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.quiz_engine = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
