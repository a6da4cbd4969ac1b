"""Script-injection payloads, as a trainer's YAML (or a copied web page) could carry them.

Every payload that ran would set `window.__pwned` (to its own name, so a failure
says which one got through) rather than open a dialog; tests also listen for
dialogs in case a browser quirk turns one into an alert.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass


def js(name: str) -> str:
    """JavaScript that marks the page as compromised; no spaces, no double quotes."""
    return f"window.__pwned='{name}'"


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    kind: str  # the class of attack, for the sanitiser's unit tests


def _p(name: str, kind: str, template: str) -> Payload:
    return Payload(name, template.replace("JS", js(name)), kind)


def _b64(template: str) -> str:
    return base64.b64encode(template.encode()).decode()


# Text fields: titles, Markdown fields, option and item texts, alt text, embed ids.
PAYLOADS: tuple[Payload, ...] = (
    _p("script-tag", "script", "<script>JS</script>"),
    _p("script-mid-text", "script", "Before <script>JS</script> after"),
    _p("script-upper", "script", "<SCRIPT>JS</SCRIPT>"),
    _p("script-src-data", "script", "<script src='data:text/javascript,JS'></script>"),
    _p("svg-script", "script", "<svg><script>JS</script></svg>"),
    _p("img-onerror", "event-handler", '<img src=x onerror="JS">'),
    _p("img-onerror-unquoted", "event-handler", "<img src=x onerror=JS>"),
    _p("b-onmouseover", "event-handler", '<b onmouseover="JS" onclick="JS">bold</b>'),
    _p("details-ontoggle", "event-handler", '<details open ontoggle="JS"><summary>s</summary>d</details>'),
    _p("body-onload", "event-handler", '<body onload="JS">'),
    _p("input-autofocus", "event-handler", '<input autofocus onfocus="JS">'),
    _p("svg-onload", "event-handler", '<svg onload="JS"><circle r="1"/></svg>'),
    _p("iframe-srcdoc", "frame", "<iframe srcdoc=\"<script>parent.window.__pwned='iframe-srcdoc'</script>\"></iframe>"),
    _p("iframe-javascript", "frame", "<iframe src=\"javascript:parent.window.__pwned='iframe-javascript'\"></iframe>"),
    _p(
        "object-data",
        "frame",
        "<object data=\"data:text/html,<script>parent.window.__pwned='object-data'</script>\"></object>",
    ),
    _p("embed-src", "frame", "<embed src=\"data:text/html,<script>parent.window.__pwned='embed-src'</script>\">"),
    _p("meta-refresh", "frame", '<meta http-equiv="refresh" content="0;url=javascript:JS">'),
    _p("base-href", "frame", '<base href="https://attacker.invalid/">'),
    _p("html-a-javascript", "url", '<a href="javascript:JS">link</a>'),
    _p("html-a-data", "url", '<a href="data:text/html,<script>JS</script>">link</a>'),
    _p("html-a-hex-entity", "url", '<a href="&#x6A;avascript:JS">link</a>'),
    _p("html-a-dec-entity", "url", '<a href="&#106;&#97;vascript:JS">link</a>'),
    _p("html-a-tab-entity", "url", '<a href="java&#x09;script:JS">link</a>'),
    _p("html-a-leading-space", "url", '<a href=" javascript:JS">link</a>'),
    _p("html-a-vbscript", "url", '<a href="vbscript:JS">link</a>'),
    _p("form-formaction", "url", '<form><button formaction="javascript:JS">go</button></form>'),
    _p("md-link-javascript", "url", "[link](javascript:JS)"),
    _p("md-link-mixed-case", "url", "[link](JaVaScRiPt:JS)"),
    _p("md-link-entity", "url", "[link](&#106;avascript:JS)"),
    _p("md-link-spaced", "url", "[link]( javascript:JS )"),
    _p("md-link-angle", "url", "[link](<javascript:JS>)"),
    _p(
        "md-link-data",
        "url",
        f"[link](data:text/html;base64,{_b64('<script>opener.' + js('md-link-data') + '</script>')})",
    ),
    _p("md-image-javascript", "url", "![alt](javascript:JS)"),
    _p("md-reference-link", "url", "[link][r]\n\n[r]: javascript:JS"),
    _p("md-autolink", "url", "<javascript:JS>"),
    _p("md-attr-list-quoted", "attr-list", 'Text {onclick="JS"}'),
    _p("md-attr-list-unquoted", "attr-list", "Text {onclick=JS}"),
    _p("md-attr-list-colon", "attr-list", "Text {: onmouseover=JS }"),
    _p("md-heading-attr-list", "attr-list", "### Heading {: onclick=JS }"),
    _p("md-link-attr-list", "attr-list", "[link](https://example.org){onclick=JS}"),
    _p("template-breakout", "breakout", "</template><script>JS</script>"),
    _p("template-breakout-img", "breakout", "</template><img src=x onerror=JS>"),
    _p("player-breakout", "breakout", "</scenario-player></quiz-player></div><script>JS</script>"),
    _p("attribute-breakout", "breakout", '"><script>JS</script>'),
    _p("attribute-breakout-handler", "breakout", '" onmouseover="JS" x="'),
    _p("attribute-breakout-single", "breakout", "' onmouseover='JS' x='"),
    _p("title-breakout", "breakout", "</title><script>JS</script>"),
    _p("textarea-breakout", "breakout", "</textarea></label><script>JS</script>"),
    _p("comment-breakout", "breakout", "<!--><img src=x onerror=JS>-->"),
    _p("noscript-mxss", "breakout", '<noscript><p title="</noscript><img src=x onerror=JS>"></noscript>'),
    _p(
        "math-mxss",
        "breakout",
        "<math><mtext><table><mglyph><style><img src=x onerror=JS></style></mglyph></table></mtext></math>",
    ),
    _p("markdown-in-html", "breakout", '<div markdown="1">[link](javascript:JS)</div>'),
    _p("injected-player", "breakout", '<quiz-player><template class="qe-data">{"id":"x"}</template></quiz-player>'),
    _p("line-separators", "json", "before\u2028</script><script>JS</script>\u2029after"),
    _p("json-breakout", "json", '"}]}</template><script>JS</script>'),
)

# Source URLs: (payload, rejected by the check stage with bad-value).
URL_PAYLOADS: tuple[tuple[Payload, bool], ...] = (
    (_p("url-javascript", "url", "javascript:JS"), True),
    (_p("url-mixed-case", "url", "JaVaScRiPt:JS"), True),
    (_p("url-leading-space", "url", " javascript:JS"), True),
    (_p("url-data", "url", "data:text/html,<script>JS</script>"), True),
    (_p("url-vbscript", "url", "vbscript:JS"), True),
    # Read as a browser's URL parser reads them: the tab dropped, the control character trimmed.
    (_p("url-tab", "url", "java\tscript:JS"), True),
    (_p("url-control-char", "url", "\x01javascript:JS"), True),
    (_p("url-tab-then-space", "url", "\t javascript:JS"), True),
    # Not a scheme to a browser either (a relative address); the page must still not run it:
    (_p("url-entity", "url", "&#106;avascript:JS"), False),
    (_p("url-attribute-breakout", "url", 'https://example.org/" onmouseover="JS'), False),
)
