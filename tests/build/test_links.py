"""Page links of mkdocs.yml's settings, as file URLs for an LMS (build/links.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz_engine.build.links import file_url, file_url_branding, file_url_module


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for page in ("index.md", "help/privacy.md", "briefing/index.md", "briefing/3-key-learning.md"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("# Page\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("help/privacy/", "help/privacy.html"),
        ("help/privacy", "help/privacy.html"),
        ("briefing/", "briefing/index.html"),
        ("briefing/3-key-learning/#4-sharing", "briefing/3-key-learning.html#4-sharing"),
        ("", ""),
        ("./", "index.html"),
        ("https://www.devonscp.org.uk/", "https://www.devonscp.org.uk/"),
        ("mailto:training@example.org", "mailto:training@example.org"),
        ("tel:999", "tel:999"),
        ("#top", "#top"),
        ("/training/", "/training/"),
        ("files/leaflet.pdf", "files/leaflet.pdf"),
        ("help/privacy.html", "help/privacy.html"),
    ],
)
def test_file_url(docs: Path, link: str, expected: str) -> None:
    assert file_url(link, docs) == expected


def test_branding_links_become_file_urls(docs: Path) -> None:
    branding = {
        "organisation": "Partnership",
        "help": {"title": "Worried?", "page": "help/privacy/", "lines": [{"text": "Call", "tel": "999"}]},
        "footer_links": [
            {"title": "Privacy", "url": "help/privacy/"},
            {"title": "Site", "url": "https://example.org/"},
        ],
    }
    converted = file_url_branding(branding, docs)
    assert converted["help"] == {**branding["help"], "page": "help/privacy.html"}
    assert [link["url"] for link in converted["footer_links"]] == ["help/privacy.html", "https://example.org/"]
    assert branding["help"]["page"] == "help/privacy/"  # the settings themselves are left as written


def test_theme_pages_become_file_urls(docs: Path) -> None:
    settings = {"required": "all", "themes": {"t": {"title": "T", "page": "briefing/3-key-learning/#1-x"}, "u": "odd"}}
    assert file_url_module(settings, docs)["themes"] == {
        "t": {"title": "T", "page": "briefing/3-key-learning.html#1-x"},
        "u": "odd",
    }
