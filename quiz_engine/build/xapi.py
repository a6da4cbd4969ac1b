"""Build stage: learning records (xAPI) as mkdocs.yml's `extra.xapi` sets them up.

    extra:
      xapi:
        endpoint: https://lrs.example.org/xAPI/     # the LRS's xAPI address
        auth: !ENV XAPI_AUTH                         # an Authorization header: a write-only credential

Off unless set: then the runtime loads no xAPI code and nothing is sent anywhere. When
set, the staged runtime learns the settings (xapi-settings.js), elements.js loads xapi.js
on every page, and the privacy page says what is sent, to whom and why, from the same
settings (the `<!-- learning-records -->` line of any page is replaced by that section)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import rjsmin

from ..load.config import ConfigError, Tagged, plain, section
from .preloads import RUNTIME_DIR

MARKER = "<!-- learning-records -->"
SETTINGS_FILE = "xapi-settings.js"
_SWITCH = ("const XAPI = false;", "const XAPI = true;")  # in elements.js


@dataclass(frozen=True)
class XapiSettings:
    endpoint: str  # ends with "/": statements go to {endpoint}statements
    auth: str
    site_url: str  # activity ids are IRIs under it; ends with "/"

    @property
    def host(self) -> str:
        return urlsplit(self.endpoint).netloc


def xapi_settings(config: dict[str, Any], site_url: str | None = None) -> XapiSettings | None:
    """`extra.xapi` of mkdocs.yml (as `settings` reads it), or None when it is not set.
    `site_url` overrides mkdocs.yml's (build --site-url)."""
    extra = plain(config.get("extra"), {})
    raw = extra.get("xapi") if isinstance(extra, dict) else None
    if raw is None or raw is False or isinstance(raw, Tagged):
        return None
    xapi = section(config, "extra.xapi")
    endpoint = plain(xapi.get("endpoint"), None)
    if (
        not isinstance(endpoint, str)
        or urlsplit(endpoint).scheme not in ("https", "http")
        or not urlsplit(endpoint).netloc
    ):
        raise ConfigError(
            "mkdocs.yml: extra.xapi.endpoint should be your learning record store's xAPI address, "
            "like https://lrs.example.org/xAPI/; or remove extra.xapi to send no learning records."
        )
    auth = plain(xapi.get("auth"), None)
    if not isinstance(auth, str) or not auth.strip():
        raise ConfigError(
            "mkdocs.yml: extra.xapi.auth should be the Authorization header of a write-only credential "
            "of the LRS, like 'Basic dXNlcjpwYXNz' (with !ENV, its variable is not set)."
        )
    base = site_url or plain(config.get("site_url"), None)
    if not isinstance(base, str) or urlsplit(base).scheme not in ("https", "http"):
        raise ConfigError(
            "mkdocs.yml: extra.xapi needs site_url, the address the module is published at: "
            "learning records name its scenarios and quizzes by addresses under it."
        )
    slash = lambda url: url if url.endswith("/") else url + "/"  # noqa: E731
    return XapiSettings(slash(endpoint), auth.strip(), slash(base))


def stage_xapi(docs: Path, runtime: Path, xapi: XapiSettings | None, title: str, organisation: str | None) -> None:
    """Switch the staged runtime's learning records on (or leave them off) and write the privacy section."""
    if xapi is not None:
        browser = {"endpoint": xapi.endpoint, "auth": xapi.auth, "base": xapi.site_url, "home": xapi.site_url}
        browser["title"] = title
        (runtime / SETTINGS_FILE).write_text(f"export default {json.dumps(browser)};\n", encoding="utf-8")
        elements = runtime / "elements.js"
        source = (RUNTIME_DIR / "elements.js").read_text(encoding="utf-8")
        if _SWITCH[0] not in source:  # a reformatted elements.js must not leave records silently off
            raise ConfigError(f"elements.js no longer has the line '{_SWITCH[0]}' that the build switches on")
        elements.write_text(rjsmin.jsmin(source.replace(*_SWITCH)), encoding="utf-8")
    section_text = privacy_section(xapi, organisation)
    for folder, _, names in os.walk(docs):  # (not pathlib: a module has a thousand pages; serve stages them often)
        for page in [os.path.join(folder, name) for name in names if name.endswith(".md")]:
            with open(page, encoding="utf-8") as file:
                text = file.read()
            if MARKER in text:
                with open(page, "w", encoding="utf-8") as file:
                    file.write(text.replace(MARKER, section_text))


def privacy_section(xapi: XapiSettings | None, organisation: str | None) -> str:
    """The privacy page's "Learning records" section, from the same settings the runtime gets."""
    who = organisation or "the organisation that publishes this module"
    if xapi is None:
        return (
            "## Learning records\n\n"
            f"This module sends no learning records. Nothing you do in it is sent to {who} or to anyone else, "
            "except to your organisation's learning system when the module runs inside one (see above)."
        )
    return f"""## Learning records

{who[0].upper() + who[1:]} has set this module up to send a record of some of what you do in it to its
learning record store at **{xapi.host}** (a learning record store keeps records of learning in the
xAPI standard). {who[0].upper() + who[1:]} uses them to show its partner agencies what the training
achieved, and to see which decisions practitioners find hard, so that the next briefing can focus on them.

What is sent, as you go:

- in a scenario: the choice you make at each decision and how it was rated, the ending you reach and how many steps it took
- in a quiz: your answer to each question and whether it was right, and your score at the end of each attempt
- when you complete the module, and your role pathway if you chose one
- the date and time of each, and how long each step or quiz took

You are not named in these records. Your browser makes up a random number the first time it sends one and
keeps it on this device, so that your records can be counted together; it is not linked to your name,
e-mail address or organisation. When the module runs in your organisation's learning system, the
records name you instead by the learner id that system gives the module (not your name), so that
your organisation can match them to its own records. **Your name, your e-mail address, your reflections and the name on your
certificate are never sent.** Reports from these records show numbers of learners, and any number under
5 is shown only as "fewer than 5".

If the record store cannot be reached (you are offline, or it is down), the records wait on this device
and are sent when it can be reached again; each is kept by the record store once. Clearing this site's
data in your browser (see below) deletes records that are still waiting and the random number."""
