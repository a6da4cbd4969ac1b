"""Links to the site's own pages that mkdocs.yml's settings hold (the help banner's
page, the footer links, each theme's briefing page), in the form a build needs.

Settings are written with directory URLs (`help/privacy/`), as the site is published.
A build with file URLs (use_directory_urls: false: the SCORM packages, whose LMS
serves files only by their exact name) needs `help/privacy.html`, or
`briefing/index.html` for a folder's index page: which one, the staged docs tell."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_OTHER_SITE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:|//|/|#)")  # https:, mailto:, tel:, absolute, in-page


def file_url(link: str, docs: Path) -> str:
    """`link` as a file URL, if it is a link to a page of the site; anything else as it is."""
    if not link or _OTHER_SITE.match(link):
        return link
    path, hash_sign, fragment = link.partition("#")
    if path.endswith((".html", ".md")) or "." in path.rsplit("/", 1)[-1]:
        return link  # names a file already (a page, an image, a PDF)
    stem = path.strip("/")
    if stem in ("", "."):
        target = "index.html"
    elif (docs / f"{stem}.md").is_file() or not (docs / stem).is_dir():
        target = f"{stem}.html"
    else:
        target = f"{stem}/index.html"
    return target + hash_sign + fragment


def file_url_branding(branding: dict[str, Any], docs: Path) -> dict[str, Any]:
    """extra.branding with its page links as file URLs."""
    branding = dict(branding)
    help_settings = branding.get("help")
    if isinstance(help_settings, dict) and isinstance(help_settings.get("page"), str):
        branding["help"] = {**help_settings, "page": file_url(help_settings["page"], docs)}
    if isinstance(branding.get("footer_links"), list):
        branding["footer_links"] = [
            {**link, "url": file_url(link["url"], docs)}
            if isinstance(link, dict) and isinstance(link.get("url"), str)
            else link
            for link in branding["footer_links"]
        ]
    return branding


def file_url_module(settings: dict[str, Any], docs: Path) -> dict[str, Any]:
    """extra.module with each theme's briefing page as a file URL."""
    themes = settings.get("themes")
    if not isinstance(themes, dict):
        return settings
    return {
        **settings,
        "themes": {
            slug: {**theme, "page": file_url(theme["page"], docs)}
            if isinstance(theme, dict) and isinstance(theme.get("page"), str)
            else theme
            for slug, theme in themes.items()
        },
    }
