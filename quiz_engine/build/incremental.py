"""`build.py serve`'s fast rebuilds with MkDocs: the docs are staged into a scratch folder as
for any build, then only the files whose bytes changed are copied into the kept staging
folder (unchanged files keep their modification times), and MkDocs' dirty build renders
only the pages whose staged file is newer than their HTML. Around it: pages that embed a
changed item are marked changed too, every page keeps its title in the navigation, and the
search index keeps the pages not rebuilt."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.plugins import BasePlugin

from ..load.embeds import scan
from . import markup

SEARCH_INDEX = Path("search/search_index.json")


@dataclass
class Changes:
    """Files of the staged docs, by path relative to it."""

    changed: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    retitled: set[str] = field(default_factory=set)  # pages whose title (in every page's navigation) changed

    @property
    def navigation(self) -> bool:
        """Whether other pages' navigation may have changed: a dirty build leaves it as it was."""
        return bool(self.added or self.removed or self.retitled)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def sync_tree(source: Path, target: Path) -> Changes:
    """Make `target` hold the files of `source`, writing only those that differ. (Strings and
    os.walk, not pathlib: a module has thousands of files and this runs after every edit.)"""
    changes = Changes()
    wanted, present = _files(source), _files(target)
    for rel in sorted(wanted):
        content = _read(wanted[rel])
        old = os.path.join(target, rel)
        if rel not in present:
            changes.added.add(rel)
            os.makedirs(os.path.dirname(old), exist_ok=True)
        elif content == _read(old):
            continue
        else:
            changes.changed.add(rel)
            if rel.endswith(".md") and page_title(Path(wanted[rel])) != page_title(Path(old)):
                changes.retitled.add(rel)
        with open(old, "wb") as file:  # a new modification time: MkDocs' dirty build renders it
            file.write(content)
    for rel in present.keys() - wanted.keys():
        os.unlink(present[rel])
        changes.removed.add(rel)
    return changes


def _files(root: Path) -> dict[str, str]:
    """Every file below `root`: its path relative to it (with /) and its full path."""
    found = {}
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            found[name if prefix == "." else f"{prefix}/{name}"] = os.path.join(folder, name)
    return found


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def mark_embedding_pages(docs: Path, items: set[tuple[str, str]], changes: Changes) -> None:
    """A page that embeds a changed scenario or quiz shows it: its HTML must be made again
    though its Markdown is the same (the item's own page is one of them)."""
    if not items:
        return
    for page in docs.rglob("*.md"):
        if any(key in items for key in _embeds(page)):
            rel = page.relative_to(docs).as_posix()
            if rel not in changes.added:
                os.utime(page)
                changes.changed.add(rel)


def _embeds(page: Path) -> set[tuple[str, str]]:
    """The items a page embeds, read again only when the file has changed."""
    stamp = _stamp(page)
    kept = _embedded.get(page)
    if kept is None or kept[0] != stamp:
        kept = _embedded[page] = (stamp, {(embed.kind, embed.id) for embed in scan(page)})
    return kept[1]


_embedded: dict[Path, tuple[tuple[int, int], set[tuple[str, str]]]] = {}


def page_title(page: Path) -> str | None:
    """The title MkDocs would give a page: its front matter's `title:`, else its first heading."""
    try:
        lines = page.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if lines and lines[0].strip() == "---":
        for line in lines[1 : lines.index("---", 1) if "---" in lines[1:] else len(lines)]:
            if line.startswith("title:"):
                return line[6:].strip()
    return next((line[2:].strip() for line in lines if line.startswith("# ")), None)


class DirtyBuild(BasePlugin):
    """What a dirty build needs besides MkDocs' own: MkDocs leaves the pages it does not render
    unread, so the navigation of the pages it renders would name them by their file names;
    their titles are read (from the source kept since the last build when it has not changed).
    The theme's templates are compiled once, not at every build (Jinja's bytecode cache), and
    its files listed once (thousands of icons). The pages it renders get the theme's markup
    fixed (markup.py) as they are written, not by reading the whole site again."""

    def __init__(self, templates_cache: Path) -> None:
        templates_cache.mkdir(parents=True, exist_ok=True)
        self.templates_cache = jinja2.FileSystemBytecodeCache(str(templates_cache))

    def on_config(self, config, /):  # noqa: ANN001, ANN201 (MkDocs' event signatures, here and below)
        get_env = config.theme.get_env

        def env_listing_theme_files_once():  # noqa: ANN202
            env = get_env()
            env.bytecode_cache = self.templates_cache  # (the search plugin's env for its translations too)
            list_templates = env.list_templates

            def listed(extensions=None, filter_func=None):  # noqa: ANN001, ANN202
                if filter_func is None or filter_func.__qualname__ != THEME_FILES_FILTER:
                    return list_templates(extensions, filter_func)
                key = tuple(config.theme.dirs)
                if key not in _theme_files:
                    _theme_files[key] = list_templates(extensions, filter_func)
                return _theme_files[key]

            env.list_templates = listed
            return env

        config.theme.get_env = env_listing_theme_files_once
        return config

    def on_post_page(self, output, /, *, page, config):  # noqa: ANN001, ANN201
        return markup.fix_page(output)

    def on_post_template(self, output_content, /, *, template_name, config):  # noqa: ANN001, ANN201
        return markup.fix_page(output_content) if template_name.endswith(".html") else output_content

    def on_env(self, env, /, *, config, files):  # noqa: ANN001, ANN201
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue
            stamp = os.stat(file.abs_src_path).st_mtime_ns
            kept = _sources.get(file.abs_src_path)
            if kept is not None and kept[0] == stamp:
                page.markdown, page.meta = kept[1], kept[2]
            else:
                page.read_source(config)
                _sources[file.abs_src_path] = (stamp, page.markdown, page.meta)
        return env


class KeepForDirtyBuilds(BasePlugin):
    """In a full build, what the next dirty builds reuse: each page's source and front matter,
    and the theme's compiled templates (else the first edit after it waits for both)."""

    def __init__(self, templates_cache: Path) -> None:
        templates_cache.mkdir(parents=True, exist_ok=True)
        self.templates_cache = jinja2.FileSystemBytecodeCache(str(templates_cache))

    def on_page_markdown(self, markdown, /, *, page, config, files):  # noqa: ANN001, ANN201
        path = page.file.abs_src_path  # page.markdown is still the source as read, until the event is over
        _sources[path] = (os.stat(path).st_mtime_ns, page.markdown, page.meta)
        return markdown

    def on_env(self, env, /, *, config, files):  # noqa: ANN001, ANN201
        env.bytecode_cache = self.templates_cache
        return env


_sources: dict[str, tuple[int, str | None, dict]] = {}  # a page's source and front matter, by file
# The theme's static files (what MkDocs copies from it), by theme folders: listed by the first
# dirty build; a full build lists them again (a file added to custom_dir is a settings change).
_theme_files: dict[tuple[str, ...], list[str]] = {}
THEME_FILES_FILTER = "Files.add_files_from_theme.<locals>.filter"


def forget_theme_files() -> None:
    _theme_files.clear()


def read_search_index(site: Path) -> dict | None:
    try:
        return json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def merge_search_index(site: Path, before: dict | None, rebuilt: set[str]) -> None:
    """A dirty build's search index lists only the pages it rendered: add back the others'."""
    after = read_search_index(site)
    if before is None or after is None:
        return
    renewed = rebuilt | {doc["location"].split("#")[0] for doc in after.get("docs", [])}
    kept = [doc for doc in before.get("docs", []) if doc["location"].split("#")[0] not in renewed]
    after["docs"] = kept + after.get("docs", [])
    (site / SEARCH_INDEX).write_text(json.dumps(after, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def page_url(rel: str, directory_urls: bool = True) -> str:
    """The address of a staged Markdown page, relative to the site, as MkDocs gives it."""
    stem = rel.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
