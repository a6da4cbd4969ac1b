"""Checks every browser test applies: accessibility (axe-core), privacy (no request
leaves the site's own host) and no errors in the console; and two more accessibility
engines, IBM Equal Access and HTML_CodeSniffer, that the accessibility tests run too."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
ACE = NODE_MODULES / "accessibility-checker-engine" / "ace.js"
HTMLCS = NODE_MODULES / "html_codesniffer" / "build" / "HTMLCS.js"
LOOPBACK = {"127.0.0.1", "localhost"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page: Page) -> list[dict]:
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, help: v.help + ' (' + (v.nodes[0].failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200) + ')', targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }""",
        WCAG_TAGS,
    )


def check_page(page: Page) -> None:
    """Assert that the page, in its current state, has no WCAG A/AA violation axe can find."""
    violations = axe_violations(page)
    assert not violations, f"axe violations on {page.url}:\n" + "\n".join(
        f"- {v['id']}: {v['help']} at {v['targets']}" for v in violations
    )


# A short description of an element: its path of tags, ids and classes, and its start tag.
_DESCRIBE = """window.__qeDescribe = (el) => {
  if (!(el instanceof Element)) return String(el && el.nodeName);
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    parts.unshift(e.localName + (e.id ? '#' + e.id : '') + [...e.classList].slice(0, 2).map(c => '.' + c).join(''));
  }
  return parts.join(' > ') + '  ' + el.outerHTML.slice(0, 160).replace(/\\s+/g, ' ');
};"""


def _inject(page: Page, global_name: str, script: Path) -> None:
    if not page.evaluate(f"() => Boolean(window.{global_name})"):
        page.add_script_tag(content=script.read_text(encoding="utf-8"))
    if not page.evaluate("() => Boolean(window.__qeDescribe)"):
        page.evaluate(_DESCRIBE)


# Checkpoints whose results depend on colour alone: in the second colour scheme of a width,
# the engines run only these (every other rule sees the same DOM and layout in both).
COLOUR_CHECKPOINTS = ["1.4.1", "1.4.3", "1.4.11"]
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_colour_violations(page: Page) -> list[dict]:
    axe_violations(page)  # injects axe once
    return page.evaluate(
        """async (rules) => {
            const result = await axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, help: v.help + ' (' + (v.nodes[0].failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200) + ')', targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }""",
        AXE_COLOUR_RULES,
    )


def equal_access_violations(page: Page, colour_only: bool = False) -> list[str]:
    """IBM Equal Access, rule set WCAG_2_2: results whose value is VIOLATION, FAIL
    (its potential violations and manual checks are left to people)."""
    _inject(page, "ace", ACE)
    return page.evaluate(
        """async ([colourOnly, checkpoints]) => {
            const checker = new ace.Checker();
            let ruleset = "WCAG_2_2";
            if (colourOnly) {
              const wcag = checker.getGuidelines().find(g => g.id === "WCAG_2_2");
              ruleset = "QE_WCAG_2_2_COLOUR";
              checker.addGuideline({...wcag, id: ruleset, checkpoints: wcag.checkpoints.filter(c => checkpoints.includes(c.num))});
            }
            const report = await checker.check(document, [ruleset]);
            return report.results
              .filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
              .map(r => `${r.ruleId}: ${r.message} at ${r.path.dom}  ${(r.snippet || '').slice(0, 160)}`);
        }""",
        [colour_only, COLOUR_CHECKPOINTS],
    )


def codesniffer_errors(page: Page) -> list[str]:
    """HTML_CodeSniffer, standard WCAG2AA: its errors (type 1; warnings and notices are left to people)."""
    _inject(page, "HTMLCS", HTMLCS)
    return page.evaluate(
        """() => new Promise((resolve) => HTMLCS.process("WCAG2AA", document, () => resolve(
            HTMLCS.getMessages().filter(m => m.type === 1)
              .map(m => `${m.code}: ${m.msg} at ${window.__qeDescribe(m.element)}`))))"""
    )


def all_violations(page: Page, colour_only: bool = False) -> list[str]:
    """Every violation that axe-core, IBM Equal Access and HTML_CodeSniffer find in the page as it
    is now: by every WCAG 2.2 A and AA rule, or by their colour rules alone."""
    axe = axe_colour_violations(page) if colour_only else axe_violations(page)
    found = [f"axe {v['id']}: {v['help']} at {v['targets']}" for v in axe]
    found += [f"Equal Access {v}" for v in equal_access_violations(page, colour_only)]
    found += [f"HTML_CodeSniffer {v}" for v in codesniffer_errors(page)]
    return found


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
