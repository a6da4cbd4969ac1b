"""Build stage, the part every engine shares: the docs staged once, in a folder beside
the site. It holds the trainer's pages and the generated ones (items, indexes, maps,
the glossary), the minified runtime with module.json and the scenarios' images, and
each item's rendered player; an engine (engines/) turns that folder into a site."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin

from ..check.durations import item_seconds, items_seconds, minutes, pages_seconds
from ..load import model
from ..load.config import plain, read_config, section, settings
from ..load.glossary import GLOSSARY_FILE, load_glossary
from ..load.pathways import load_pathways
from ..load.project import Project
from ..render.data import MEDIA_FOLDER, data_for, element, module_data
from ..render.embeds import MISSING, error_element
from ..render.glossary import Glossary, configured_glossary, glossary_page
from ..render.memo import per_item
from ..render.pages import MAPS, generated_pages
from .audience import (
    for_audience,
    ignore_trainer_pages,
    learners_nav,
    stage_trainer_docs,
    trainers_nav,
    write_previews,
)
from .links import file_url_branding, file_url_module
from .preloads import RUNTIME_DIR, preload_hints
from .xapi import stage_xapi, xapi_settings

THEME_DIR = Path(__file__).parent / "theme"  # template additions: help banner, branded footer
RUNTIME_URL = "assets/quiz-engine"
# Scripts loaded on every page (others are imported by these); those not present are skipped.
# elements.js fetches each element's code and stylesheets (players.css, certificate.css) where it is.
RUNTIME_SCRIPTS = ("elements.js", "glossary.js")
RUNTIME_STYLES = ("site.css",)
PRELOADS_KEY = "quiz_engine_preloads"  # in `extra`, read by the theme's main.html


class Rendered:
    """Each item's browser data, computed once: module.json and the pages share it."""

    def __init__(self, items: list[model.Item], glossary: Glossary | None = None) -> None:
        self.items = {(i.kind, i.id): i for i in items}
        self.data = {key: per_item(data_for, item, glossary) for key, item in self.items.items()}
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


@dataclass
class Staged:
    """What every engine is given: the staged docs, and where to write the site."""

    project: Project
    items: list[model.Item]
    config: dict[str, Any]  # mkdocs.yml as written (unknown tags kept; see config.py)
    folder: Path  # the staging folder: an engine may write its own files here
    docs: Path  # the staged docs (folder/docs)
    site_dir: Path  # where the engine writes the site (folder/site)
    site_url: str | None  # overrides site_url in mkdocs.yml
    rendered: Rendered
    overrides: dict[str, Any]  # settings every engine sets over mkdocs.yml's (file URLs for an LMS)
    dirty: bool = False  # serve: render only the pages whose staged file is newer than their HTML (incremental.py)

    @property
    def engine_name(self) -> str | None:
        return plain(plain(self.config.get("extra"), {}).get("engine"), None)


def stage(
    project: Project,
    items: list[model.Item],
    folder: Path,
    site_url: str | None,
    file_urls: bool = False,
    estimates: dict[tuple[str, str], float | None] | None = None,
    trainers: bool = False,
) -> Staged:
    """Stage the docs and the runtime into `folder`; the engine writes the site to folder/site.

    The learners' site by default: published items only, no trainers' pages or maps; with
    `trainers`, the trainers' site (audience.py).

    With `file_urls`, every link of the site names a file (`use_directory_urls: false`,
    and the page links of mkdocs.yml's settings rewritten to match): what an LMS needs.
    `estimates` are the items' seconds as the check worked them out (CheckResult.estimates);
    without them, they are worked out here."""
    resolved = settings(project.config_file)
    extra = dict(section(resolved, "extra"))
    branding, module_settings = section(resolved, "extra.branding"), section(resolved, "extra.module")
    directory_urls = bool(plain(resolved.get("use_directory_urls"), True))
    items = for_audience(items, trainers)
    docs = stage_docs(project, items, folder, trainers)
    if trainers:
        stage_trainer_docs(project, items, docs, module_settings.get("required", "all"), estimates)
    site_name = str(plain(resolved.get("site_name"), ""))
    xapi = None if trainers else xapi_settings(resolved, site_url)  # trainers' plays are not learning records
    stage_xapi(docs, docs / RUNTIME_URL, xapi, site_name, branding.get("organisation"))
    overrides: dict[str, Any] = {}
    if file_urls:
        branding = extra["branding"] = file_url_branding(branding, docs)
        module_settings = file_url_module(module_settings, docs)
        directory_urls = False
        overrides = {"use_directory_urls": False, "extra": extra, **_lms_site(resolved)}
    if estimates is None:
        estimates = {(item.kind, item.id): item_seconds(item) for item in items}
    required = module_settings.get("required", "all")
    reading = pages_seconds(project.docs_dir)  # the same pages in the module's time and each pathway's
    estimate = minutes(reading + items_seconds(estimates, items, required)) if items else None
    ids = {item.id for item in items}  # a pathway's drafts are not asked of learners
    pathways = [
        {
            "id": pathway.id,
            "title": pathway.title,
            "required": [item_id for item_id, _ in pathway.required if item_id in ids],
            "minutes": minutes(reading + items_seconds(estimates, items, [i for i, _ in pathway.required])),
        }
        for pathway in load_pathways(project.config_file, "mkdocs.yml", [])
    ]
    rendered = stage_module(
        docs,
        items,
        site_name,
        branding.get("organisation"),
        module_settings,
        directory_urls,
        configured_glossary(project.config_file),
        estimate,
        pathways,
    )
    if trainers:
        write_previews(docs / RUNTIME_URL, rendered.data)
    config = read_config(project.config_file)
    # The nav as MkDocs reads it (an INHERIT file's nav included), for each audience.
    nav = (trainers_nav if trainers else learners_nav)(plain(resolved.get("nav"), None))
    if nav is not None:
        overrides["nav"] = nav
    site_url = None if file_urls else site_url  # a package names no address (see _lms_site)
    return Staged(project, items, config, folder, docs, folder / "site", site_url, rendered, overrides)


def _lms_site(config: dict[str, Any]) -> dict[str, Any]:
    """Settings of a site that an LMS serves at an address nobody knows at build time. No
    site_url: a canonical link or sitemap would name another address (often the default
    one). No instant navigation: Material recognises the site's own pages by their
    address in sitemap.xml, so inside an LMS it would load every page whole anyway."""
    theme = plain(config.get("theme"), {})
    theme = {"name": theme} if isinstance(theme, str) else dict(section(config, "theme"))
    theme["features"] = [f for f in plain(theme.get("features"), []) if f != "navigation.instant"]
    return {"site_url": "", "theme": theme}


def stage_docs(project: Project, items: list[model.Item], staging: Path, trainers: bool = False) -> Path:
    """The trainer's pages and the generated ones; the learners' site has no trainers' page or map."""
    docs = staging / "docs"
    ignore = None if trainers else ignore_trainer_pages(project.docs_dir)
    shutil.copytree(project.docs_dir, docs, ignore=ignore) if project.docs_dir.is_dir() else docs.mkdir(parents=True)
    pages = generated_pages(items, maps=trainers)
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


def stage_module(
    docs: Path,
    items: list[model.Item],
    title: str,
    organisation: str | None,
    settings: dict,
    directory_urls: bool,
    glossary: Glossary | None = None,
    estimated_minutes: int | None = None,
    pathways: list[dict] | None = None,
) -> Rendered:
    """Render every item once (glossary terms marked in their text) and write module.json beside the runtime."""
    rendered = Rendered(items, glossary)
    module = module_data(items, title, organisation, settings, directory_urls, rendered.data, estimated_minutes)
    module["pathways"] = pathways or []
    (docs / RUNTIME_URL / "module.json").write_text(json.dumps(module, ensure_ascii=False, indent=1), encoding="utf-8")
    return rendered


def runtime_styles() -> list[str]:
    return [f"{RUNTIME_URL}/{name}" for name in RUNTIME_STYLES if (RUNTIME_DIR / name).is_file()]


def runtime_scripts() -> list[str]:
    """Loaded as ES modules (type="module")."""
    return [f"{RUNTIME_URL}/{name}" for name in RUNTIME_SCRIPTS if (RUNTIME_DIR / name).is_file()]


def runtime_preloads() -> dict[str, list[str]]:
    return preload_hints(RUNTIME_URL)


def maps_not_in_nav() -> list[str]:
    """not_in_nav patterns for a navigation built from the folders: it lists the maps'
    index page, not each scenario's map, as the hand-written nav of mkdocs.yml does.
    Otherwise every map page would carry a link to every other map (300 scenarios:
    about 100 KB of navigation per map page, and a quarter more build time)."""
    return [f"/{MAPS}/*.md", f"!/{MAPS}/index.md"]
