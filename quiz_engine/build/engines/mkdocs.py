"""The MkDocs engine (with Material for MkDocs), the one we ship: MkDocs is run in this
process on the staged docs, with our embed extension, template additions and runtime
added to its configuration in Python."""

from __future__ import annotations

import logging
import os
import sys

import pathspec
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import MkDocsException

from ...load.glossary import EXTENSION as GLOSSARY_EXTENSION
from ...load.glossary import GLOSSARY_FILE
from ...render.embeds import EmbedExtension
from ...render.pages import expand_nav
from ..errors import BuildFailed
from ..incremental import DirtyBuild, KeepForDirtyBuilds, forget_theme_files
from ..markup import fix_site
from ..staging import (
    PRELOADS_KEY,
    THEME_DIR,
    Staged,
    maps_not_in_nav,
    runtime_preloads,
    runtime_scripts,
    runtime_styles,
)


def build(staged: Staged) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_mkdocs_warnings()
    overrides = {**staged.overrides, "docs_dir": str(staged.docs), "site_dir": str(staged.site_dir)}
    if staged.site_url:
        overrides["site_url"] = staged.site_url
    try:
        config = load_config(config_file=str(staged.project.config_file), **overrides)
        glossary_config = config.mdx_configs.get(GLOSSARY_EXTENSION)
        if glossary_config is not None:  # relative to mkdocs.yml, wherever the build runs from
            glossary_config["file"] = str(staged.project.root / glossary_config.get("file", GLOSSARY_FILE))
        config.markdown_extensions.append(EmbedExtension(staged.rendered.element))
        config.theme.dirs.insert(0 if not config.theme.custom_dir else 1, str(THEME_DIR))
        config.nav = expand_nav(config.nav, staged.items)
        if config.nav is None:
            _maps_not_in_nav(config)
        config.extra_css.extend(runtime_styles())
        config.extra[PRELOADS_KEY] = runtime_preloads()
        for path in runtime_scripts():
            script = ExtraScriptValue(path)
            script.type = "module"
            config.extra_javascript.append(script)
        config.plugins.on_startup(command="build", dirty=staged.dirty)
        templates_cache = staged.docs.parent / "templates"  # serve's own folder (the staging folder otherwise)
        if staged.dirty:  # serve's rebuild of the pages that changed, into the site as it is
            config.plugins["quiz-engine-dirty"] = DirtyBuild(templates_cache)
        else:
            forget_theme_files()
            config.plugins["quiz-engine-keep"] = KeepForDirtyBuilds(templates_cache)
        try:
            mkdocs_build(config, dirty=staged.dirty)
        finally:
            config.plugins.on_shutdown()
        if not staged.dirty:  # (a dirty build fixes the pages it writes as it writes them)
            fix_site(staged.site_dir)  # the theme's toggles as buttons
    except MkDocsException as exc:
        raise BuildFailed(str(exc) or type(exc).__name__) from None
    except (OSError, ValueError, KeyError) as exc:
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from None


def _maps_not_in_nav(config) -> None:
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(maps_not_in_nav())
    config.not_in_nav = spec if config.not_in_nav is None else config.not_in_nav + spec


class _StderrHandler(logging.StreamHandler):
    """Writes to sys.stderr as it is at each message, not as it was when the handler was made
    (a stream replaced since, such as a test's captured one, may be closed by then)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "quiz_engine", False) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.quiz_engine = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
