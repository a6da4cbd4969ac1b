"""The glossary: one YAML file of terms, explained wherever a term appears (its first
use on each page or in each piece of scenario text) by hover and keyboard focus, and
listed on a generated Glossary page.

The marking is a Python-Markdown extension, so briefing pages (through MkDocs or
Zensical) and scenario and quiz text (rendered by sanitise.py) share it.
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .diagnostics import Diagnostic, Reporter
from .fields import Fields
from .yaml_source import parse

GLOSSARY_FILE = "glossary.yml"
SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "button", "label", "script", "style"}


@dataclass
class Term:
    term: str
    definition: str
    also: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def load_glossary(path: Path, display: str, sink: list[Diagnostic]) -> list[Term]:
    """Terms from glossary.yml; a missing file is no glossary, not an error."""
    if not path.is_file():
        return []
    report = Reporter(display, sink)
    root = parse(path.read_text(encoding="utf-8", errors="replace"), report)
    if root is None:
        return []
    top = Fields(root, report, "the glossary", ("terms",))
    terms = []
    for item in top.sequence("terms", required=True) or []:
        f = Fields(item, report, "a glossary entry", ("term", "also", "definition"))
        if not f.ok:
            continue
        term, definition = f.text("term", required=True), f.text("definition", required=True)
        if term and definition:
            terms.append(Term(term.strip(), " ".join(definition.split()), [a.strip() for a in f.text_list("also")]))
    return terms


class Matcher:
    """Finds glossary terms in text: longest first, whole words; acronyms match their case."""

    def __init__(self, terms: list[Term]) -> None:
        self.by_form: dict[str, Term] = {}
        forms = []
        for term in terms:
            for form in (term.term, *term.also):
                key = form if _is_acronym(form) else form.lower()
                self.by_form.setdefault(key, term)
                forms.append(form)
        forms.sort(key=len, reverse=True)
        pattern = "|".join((re.escape(f) if _is_acronym(f) else "(?i:" + re.escape(f) + ")") for f in forms)
        self.regex = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])") if forms else None

    def term_for(self, form: str) -> Term:
        return self.by_form.get(form) or self.by_form[form.lower()]


def _is_acronym(form: str) -> bool:
    # CiN, MASH, s17, WNB: letters in capitals or with digits are matched exactly.
    return form != form.lower() and form != form.capitalize() or any(c.isdigit() for c in form)


class _GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, matcher: Matcher, ids: itertools.count, prefix: str) -> None:
        super().__init__(md)
        self.matcher = matcher
        self.ids = ids
        self.prefix = prefix

    def run(self, root: etree.Element) -> None:
        if self.matcher.regex is None:
            return
        self.seen: set[str] = set()  # each term once per page or fragment
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP:
            return
        children = list(element)
        if element.text:
            element.text, made = self._split(element.text)
            for offset, new in enumerate(made):
                element.insert(offset, new)
        for child in children:
            self._walk(child)
            if child.tail:
                child.tail, made = self._split(child.tail)
                index = list(element).index(child) + 1
                for offset, new in enumerate(made):
                    element.insert(index + offset, new)

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Return the text before the first new term, and elements (with tails) for the rest."""
        made: list[etree.Element] = []
        head, last = None, 0
        for match in self.matcher.regex.finditer(text):
            term = self.matcher.term_for(match.group(0))
            if term.slug in self.seen:
                continue
            self.seen.add(term.slug)
            span = self._term_element(match.group(0), term)
            if head is None:
                head = text[: match.start()]
            else:
                made[-1].tail = text[last : match.start()]
            made.append(span)
            last = match.end()
        if head is None:
            return text, []
        made[-1].tail = text[last:]
        return head, made

    def _term_element(self, shown: str, term: Term) -> etree.Element:
        tip_id = f"{self.prefix}{next(self.ids)}"
        span = etree.Element("span", {"class": "qe-term", "tabindex": "0", "aria-describedby": tip_id})
        span.text = shown
        tip = etree.SubElement(span, "span", {"class": "qe-term__tip", "role": "tooltip", "id": tip_id})
        tip.text = term.definition
        return span


class GlossaryExtension(Extension):
    def __init__(
        self, terms: list[Term], ids: itertools.count | None = None, prefix: str = "qe-term-", **kwargs
    ) -> None:
        # Ids must be unique on a page: pages and scenario text use different prefixes.
        self.matcher = Matcher(terms)
        self.ids = ids if ids is not None else itertools.count(1)
        self.prefix = prefix
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (priority 20) so links and code are already elements to skip.
        md.treeprocessors.register(
            _GlossaryTreeprocessor(md, self.matcher, self.ids, self.prefix), "quiz_engine_glossary", 5
        )


def glossary_page(terms: list[Term]) -> str:
    lines = ["# Glossary", "", "Terms used in this module, in alphabetical order.", ""]
    for term in sorted(terms, key=lambda t: t.term.lower()):
        also = f" (also {', '.join(html.escape(a) for a in term.also)})" if term.also else ""
        lines.append(
            f'<dl class="qe-glossary" markdown="0"><dt id="{term.slug}">{html.escape(term.term)}{also}</dt>'
            f"<dd>{html.escape(term.definition)}</dd></dl>"
        )
    return "\n".join(lines) + "\n"


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 (Python-Markdown's name)
    """For `markdown_extensions: [quiz_engine.glossary: {file: glossary.yml}]` in mkdocs.yml,
    so any engine that runs Python-Markdown extensions marks terms in the pages.
    build.py makes `file` absolute (relative to mkdocs.yml)."""
    path = Path(kwargs.pop("file", GLOSSARY_FILE))
    prefix = kwargs.pop("prefix", "qe-term-")
    return GlossaryExtension(load_glossary(path, str(path), []), prefix=prefix, **kwargs)
