"""Build stage: stage the docs with generated pages and the runtime, run MkDocs,
then swap the result into place. A failed build leaves the old site untouched."""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import pathspec
import rcssmin
import rjsmin
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import MkDocsException

from . import model
from .embeds import MISSING, EmbedExtension, error_element
from .glossary import GLOSSARY_FILE, Glossary, configured_glossary, glossary_page, load_glossary
from .pages import MAPS, expand_nav, generated_pages
from .preloads import RUNTIME_DIR, preload_hints
from .project import Project
from .render import MEDIA_FOLDER, data_for, element, module_data

THEME_DIR = Path(__file__).parent / "theme"  # template additions: help banner, branded footer
RUNTIME_URL = "assets/quiz-engine"
# Scripts loaded on every page (others are imported by these); those not present are skipped.
# elements.js fetches each element's code and stylesheets (players.css, certificate.css) where it is.
RUNTIME_SCRIPTS = ("elements.js", "glossary.js")
RUNTIME_STYLES = ("site.css",)
PRELOADS_KEY = "quiz_engine_preloads"
LMS_FILES = ("scorm-launch.html", "scorm-launch.js")  # copied to the site root of SCORM packages


class BuildFailed(Exception):
    """The site engine failed; the message says why."""


def stage_docs(project: Project, items: list[model.Item], staging: Path) -> Path:
    docs = staging / "docs"
    shutil.copytree(project.docs_dir, docs) if project.docs_dir.is_dir() else docs.mkdir(parents=True)
    pages = generated_pages(items)
    glossary = project.root / GLOSSARY_FILE
    if glossary.is_file():  # the Glossary page, from the same one file the tooltips use
        pages["glossary.md"] = glossary_page(load_glossary(glossary, GLOSSARY_FILE, []))
    for rel, text in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    runtime = docs / RUNTIME_URL
    runtime.mkdir(parents=True, exist_ok=True)
    for source in sorted(RUNTIME_DIR.iterdir()):
        if source.suffix in (".js", ".css"):
            (runtime / source.name).write_text(minified(source), encoding="utf-8")
    for item in items:
        if isinstance(item, model.Scenario):
            folder = (project.root / item.path).parent
            for node in item.nodes.values():
                if node.image:
                    target = runtime / MEDIA_FOLDER / item.id / node.image.src
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(folder / node.image.src, target)
    return docs


def minified(source: Path) -> str:
    """A runtime file as learners get it: without comments and indentation, the runtime a
    scenario page loads is 40 % smaller (gzip). The sources in runtime/ stay as written."""
    text = source.read_text(encoding="utf-8")
    return rjsmin.jsmin(text) if source.suffix == ".js" else rcssmin.cssmin(text)


class Rendered:
    """Each item's browser data, computed once: module.json and the pages share it."""

    def __init__(self, items: list[model.Item], glossary: Glossary | None = None) -> None:
        self.items = {(i.kind, i.id): i for i in items}
        self.data = {key: data_for(item, glossary) for key, item in self.items.items()}
        self._html: dict[tuple[str, str], str] = {}

    def element(self, kind: str, item_id: str) -> str:
        """The player element of an embed block; an error box for an id nothing defines."""
        key = (kind, item_id)
        if key not in self._html:
            item = self.items.get(key)
            self._html[key] = element(item, self.data[key]) if item else error_element(kind, item_id, MISSING)
        return self._html[key]

    def elements(self) -> dict[str, str]:
        """Every item's element, keyed "kind:id", for an engine that loads the embed extension by name."""
        return {f"{kind}:{item_id}": self.element(kind, item_id) for kind, item_id in self.items}


def stage_module(
    docs: Path,
    items: list[model.Item],
    title: str,
    organisation: str | None,
    settings: dict,
    directory_urls: bool,
    glossary: Glossary | None = None,
) -> Rendered:
    """Render every item once (glossary terms marked in their text) and write module.json beside the runtime."""
    rendered = Rendered(items, glossary)
    module = module_data(items, title, organisation, settings, directory_urls, rendered.data)
    (docs / RUNTIME_URL / "module.json").write_text(json.dumps(module, ensure_ascii=False, indent=1), encoding="utf-8")
    return rendered


def runtime_styles() -> list[str]:
    return [f"{RUNTIME_URL}/{name}" for name in RUNTIME_STYLES if (RUNTIME_DIR / name).is_file()]


def runtime_scripts() -> list[str]:
    """Loaded as ES modules (type="module")."""
    return [f"{RUNTIME_URL}/{name}" for name in RUNTIME_SCRIPTS if (RUNTIME_DIR / name).is_file()]


def site_name(project: Project) -> str:
    return load_config(config_file=str(project.config_file)).site_name


def build_site(
    project: Project,
    items: list[model.Item],
    site_dir: Path,
    site_url: str | None = None,
    lms: bool = False,
    engine: str = "mkdocs",
) -> None:
    """Build into a temporary folder beside `site_dir`, then move it into place.

    With `lms`, the site also gets the SCORM launch page, which holds the LMS
    session while the module's pages change inside it. `engine` is "mkdocs" (the
    one we ship) or "zensical" (see zensical_build.py); both build the same staged docs."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        docs = stage_docs(project, items, staging)
        built = staging / "site"
        if engine == "zensical":
            from .zensical_build import run_zensical

            run_zensical(project, items, staging, docs, built, site_url)
        else:
            _run_mkdocs(project, items, docs, built, site_url)
        if lms:
            for name in LMS_FILES:
                shutil.copy2(RUNTIME_DIR / "lms" / name, built / name)
        _swap(built, site_dir, staging)
    except OSError as exc:  # staging or swapping: a full disk, a file in use, permissions
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from None
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
        glossary_config = config.mdx_configs.get("quiz_engine.glossary")
        if glossary_config is not None:  # relative to mkdocs.yml, wherever the build runs from
            glossary_config["file"] = str(project.root / glossary_config.get("file", GLOSSARY_FILE))
        branding = config.extra.get("branding") or {}
        rendered = stage_module(
            docs,
            items,
            config.site_name,
            branding.get("organisation"),
            config.extra.get("module") or {},
            config.use_directory_urls,
            configured_glossary(project.config_file),
        )
        config.markdown_extensions.append(EmbedExtension(rendered.element))
        config.theme.dirs.insert(0 if not config.theme.custom_dir else 1, str(THEME_DIR))
        config.nav = expand_nav(config.nav, items)
        if config.nav is None:
            _maps_not_in_nav(config)
        config.extra_css.extend(runtime_styles())
        config.extra[PRELOADS_KEY] = preload_hints(RUNTIME_URL)  # read by the theme's main.html
        for path in runtime_scripts():
            script = ExtraScriptValue(path)
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


def maps_not_in_nav() -> list[str]:
    """not_in_nav patterns for a navigation built from the folders: it lists the maps'
    index page, not each scenario's map, as the hand-written nav of mkdocs.yml does.
    Otherwise every map page would carry a link to every other map (300 scenarios:
    about 100 KB of navigation per map page, and a quarter more build time)."""
    return [f"/{MAPS}/*.md", f"!/{MAPS}/index.md"]


def _maps_not_in_nav(config) -> None:
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(maps_not_in_nav())
    config.not_in_nav = spec if config.not_in_nav is None else config.not_in_nav + spec


AT_FDCWD, RENAME_EXCHANGE = -100, 2  # from Linux's <fcntl.h> and <linux/fs.h>


def _exchange(built: Path, site_dir: Path) -> bool:
    """Swap the two folders in one step (Linux's renameat2 with RENAME_EXCHANGE), so a
    web server publishing `site_dir` never finds it missing. False where the system or
    the file system cannot; the caller then falls back to two renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux, or a C library without it
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    return renameat2(AT_FDCWD, os.fsencode(built), AT_FDCWD, os.fsencode(site_dir), RENAME_EXCHANGE) == 0


def _swap(built: Path, site_dir: Path, staging: Path) -> None:
    """The old site is replaced whole or not at all: in one exchange where the system
    allows it (the old site then lies in `built`, removed with the staging folder), else
    by two renames on one file system, with `site_dir` missing for a moment between them."""
    if site_dir.is_dir() and not site_dir.is_symlink() and _exchange(built, site_dir):
        return
    old = staging / "old-site"
    if site_dir.exists():
        try:
            site_dir.rename(old)
        except OSError as exc:
            raise BuildFailed(f"cannot move the old site aside ({exc})") from None
    try:
        built.rename(site_dir)
    except OSError as exc:
        if old.exists():
            old.rename(site_dir)
        raise BuildFailed(f"cannot move the new site into place ({exc})") from None


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "quiz_engine", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.quiz_engine = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
