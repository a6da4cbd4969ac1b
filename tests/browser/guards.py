"""Checks every browser test applies: accessibility (axe-core), privacy (no request
leaves the site's own host) and no errors in the console."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LOOPBACK = {"127.0.0.1", "localhost"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page: Page) -> list[dict]:
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }""",
        WCAG_TAGS,
    )


def check_page(page: Page) -> None:
    """Assert that the page, in its current state, has no WCAG A/AA violation axe can find."""
    violations = axe_violations(page)
    assert not violations, f"axe violations on {page.url}:\n" + "\n".join(
        f"- {v['id']}: {v['help']} at {v['targets']}" for v in violations
    )


class PageWatch:
    """Records requests to other hosts and console errors while a test runs."""

    def __init__(self, page: Page, own_origin: str) -> None:
        self.own = urlsplit(own_origin).netloc
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))

    def _request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        # The site and the test LMS are both served on this machine; anything else is a third party.
        if parts.netloc != self.own and parts.hostname not in LOOPBACK:
            self.foreign.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def assert_clean(self) -> None:
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.errors, f"errors in the page: {self.errors}"
