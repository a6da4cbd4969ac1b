"""Load stage, parts every scenario and quiz file shares: id, review dates, sources, slug lists."""

from __future__ import annotations

import yaml

from . import model
from .diagnostics import Pos, Reporter
from .fields import SLUG, Fields, short, slugify
from .format import SAFE_SCHEMES, URL_IGNORED, URL_SCHEME
from .yaml_source import pos_of


def common_id(fields: Fields, report: Reporter, default_id: str) -> str:
    if fields.has("id"):
        return fields.slug("id") or default_id
    if not SLUG.match(default_id):
        report.error(
            fields.pos,
            "bad-value",
            f"the file name '{default_id}' is not a valid id; add 'id: {slugify(default_id)}' or rename the file.",
        )
    return default_id


def review(fields: Fields, report: Reporter) -> model.Review | None:
    node = fields.mapping("review")
    if node is None:
        return None
    f = Fields(node, report, "review", ("last_reviewed", "next_review", "owner"))
    review = model.Review(
        pos=f.pos, last_reviewed=f.date("last_reviewed"), next_review=f.date("next_review"), owner=f.text("owner")
    )
    review.at = {k: f.where(k) for k in ("last_reviewed", "next_review")}
    return review


def sources(fields: Fields, report: Reporter) -> list[model.Source]:
    sources = []
    for item in fields.sequence("sources") or []:
        f = Fields(item, report, "a source", ("title", "url"))
        if f.ok:
            f.require("title")
            url = f.text("url")
            as_browser = URL_IGNORED.sub("", url or "")
            if URL_SCHEME.match(as_browser) and not as_browser.lower().startswith(SAFE_SCHEMES):
                report.error(
                    f.where("url"), "bad-value", f"'url' is '{short(url)}'; a source links to an https:// address."
                )
                url = None
            sources.append(model.Source(pos=f.pos, title=f.text("title", required=True) or "", url=url))
    return sources


def slug_list(fields: Fields, key: str, at: dict[str, Pos] | None = None) -> list[str]:
    """The slugs of a list field; with `at`, where each is written, as at["key.slug"]."""
    result = []
    for item in fields.sequence(key) or []:
        raw = item.value if isinstance(item, yaml.ScalarNode) else None
        if raw is None or not SLUG.match(raw):
            fields.report.error(
                pos_of(item), "bad-value", f"each of '{key}' should be a slug such as 'information-sharing'."
            )
            continue
        result.append(raw)
        if at is not None:
            at.setdefault(f"{key}.{raw}", pos_of(item))
    return result


def mapping_words() -> str:
    return "a mapping of 'key: value' lines"
