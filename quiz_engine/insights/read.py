"""Insights: statements, one at a time, from a file or from an LRS's statements API, so
that a summary of any number of them needs memory for the summary alone."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urljoin

CHUNK = 1 << 16
_BETWEEN = re.compile(r"[\s,\[\]]*")  # what stands between statements: an array's brackets and commas, line ends
PAGE = 500  # statements asked for per request


class InsightsError(Exception):
    """Statements cannot be read; the message says why and what to do."""


def statements_from_file(path: Path) -> Iterator[dict]:
    """A file of statements: a JSON array, one statement per line (JSON Lines), or saved
    statements API answers ({"statements": [...]}), read a chunk at a time."""
    decoder = json.JSONDecoder()
    try:
        with path.open(encoding="utf-8") as file:
            buffer, at, done = "", 0, False
            while True:
                at = _BETWEEN.match(buffer, at).end()
                if at == len(buffer):
                    if done:
                        return
                    buffer, at = file.read(CHUNK), 0
                    done = not buffer
                    continue
                try:
                    value, at = decoder.raw_decode(buffer, at)
                except json.JSONDecodeError as exc:
                    chunk = "" if done else file.read(CHUNK)
                    if not chunk:
                        raise InsightsError(f"{path}: not a file of xAPI statements in JSON ({exc.msg})") from None
                    buffer, at = buffer[at:] + chunk, 0  # a statement across two chunks
                    continue
                yield from _statements(value, str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise InsightsError(f"{path}: cannot be read ({exc})") from None


def _statements(value: object, where: str) -> Iterator[dict]:
    if isinstance(value, dict) and isinstance(value.get("statements"), list):
        yield from (s for s in value["statements"] if isinstance(s, dict))
    elif isinstance(value, dict):
        yield value
    else:
        raise InsightsError(f"{where}: expected xAPI statements (JSON objects), found {type(value).__name__}")


def statements_from_lrs(endpoint: str, auth: str | None, since: str | None = None) -> Iterator[dict]:
    """Every statement the LRS gives this credential (since a time, if given), page by page:
    each answer's `more` is the address of the next page (relative to the LRS's host)."""
    base = endpoint if endpoint.endswith("/") else endpoint + "/"
    query = {"limit": PAGE, **({"since": since} if since else {})}
    url: str | None = f"{base}statements?{urlencode(query)}"
    headers = {"X-Experience-API-Version": "1.0.3", "Accept": "application/json"}
    if auth:
        headers["Authorization"] = auth
    while url:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:
                page = json.load(response)
        except urllib.error.HTTPError as exc:
            hint = " Check --auth: a credential that may read statements." if exc.code in (401, 403) else ""
            raise InsightsError(f"{url}: the LRS answered {exc.code} {exc.reason}.{hint}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise InsightsError(f"{base}: the LRS cannot be reached ({exc}). Check --lrs.") from None
        except json.JSONDecodeError:
            raise InsightsError(f"{url}: the answer is not JSON; is --lrs the LRS's xAPI address?") from None
        if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
            raise InsightsError(f"{url}: the answer has no 'statements'; is --lrs the LRS's xAPI address?")
        yield from (s for s in page["statements"] if isinstance(s, dict))
        url = urljoin(base, page["more"]) if page.get("more") else None
