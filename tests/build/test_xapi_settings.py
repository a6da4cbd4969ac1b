"""extra.xapi: off unless set (the runtime loads no xAPI code, the privacy page says nothing
is sent); when set, the staged runtime switched on with its settings, the privacy page from
the same settings, and a clear message for each wrong setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz_engine.build.xapi import MARKER, stage_xapi, xapi_settings
from quiz_engine.load.config import ConfigError

SETTINGS = {
    "site_url": "https://training.example.org/k/",
    "extra": {"xapi": {"endpoint": "https://lrs.example.org/xAPI", "auth": "Basic abc"}},
}


def staged(tmp_path: Path, config: dict) -> tuple[str, str, str]:
    runtime = tmp_path / "docs" / "assets" / "quiz-engine"
    runtime.mkdir(parents=True)
    (runtime / "elements.js").write_text("const XAPI=false;")  # as the minified copy says
    (runtime / "xapi-settings.js").write_text("export default null;")
    (tmp_path / "docs" / "privacy.md").write_text(f"# Privacy\n\n{MARKER}\n")
    stage_xapi(tmp_path / "docs", runtime, xapi_settings(config), "Baby K", "Test SCP")
    read = lambda name: (runtime / name).read_text()  # noqa: E731
    return read("elements.js"), read("xapi-settings.js"), (tmp_path / "docs" / "privacy.md").read_text()


def test_off_by_default_nothing_is_sent(tmp_path: Path) -> None:
    elements, settings, privacy = staged(tmp_path, {"site_url": "https://x.example.org/", "extra": {}})
    assert "XAPI=false" in elements and settings == "export default null;"
    assert "This module sends no learning records" in privacy and MARKER not in privacy
    assert xapi_settings({"extra": {"xapi": False}}) is None


def test_set_up_the_runtime_sends_and_the_privacy_page_says_so(tmp_path: Path) -> None:
    elements, settings, privacy = staged(tmp_path, SETTINGS)
    assert "XAPI=true" in elements
    assert (
        '"endpoint": "https://lrs.example.org/xAPI/"' in settings
        and '"base": "https://training.example.org/k/"' in settings
    )
    assert '"auth": "Basic abc"' in settings and '"title": "Baby K"' in settings
    assert "learning record store at **lrs.example.org**" in privacy and "Test SCP has set this module up" in privacy
    assert "reflections and the name on your\ncertificate are never sent" in privacy


@pytest.mark.parametrize(
    ("xapi", "site_url", "words"),
    [
        ({"endpoint": "lrs.example.org"}, "https://x.example.org/", "extra.xapi.endpoint should be"),
        ({"endpoint": "https://lrs.example.org/xAPI/"}, "https://x.example.org/", "extra.xapi.auth should be"),
        ({"endpoint": "https://lrs.example.org/xAPI/", "auth": "Basic a"}, None, "extra.xapi needs site_url"),
        ("yes", "https://x.example.org/", "'extra.xapi' should be a mapping"),
    ],
)
def test_each_wrong_setting_says_what_to_write(xapi: object, site_url: str | None, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        xapi_settings({"site_url": site_url, "extra": {"xapi": xapi}})
