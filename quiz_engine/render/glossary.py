"""The glossary: one YAML file of terms, explained wherever a term appears (its first
use on each page or in each piece of scenario and quiz text) by hover and keyboard
focus, and listed on a generated Glossary page.

Pages are marked by a Python-Markdown extension (through MkDocs or Zensical). Scenario
and quiz text is marked by the same tree walk, run on the HTML that sanitise.py has
already cleaned (`Glossary.marker`): the glossary's spans are added after the
allow-list, so author HTML can never bring its own focusable spans or tooltip ids.
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..load.glossary import GLOSSARY_FILE, Term, glossary_file, load_glossary

SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "button", "label", "script", "style"}


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
    def __init__(
        self, md: Markdown | None, matcher: Matcher, ids: itertools.count, prefix: str, on_page: bool = False
    ) -> None:
        super().__init__(md)
        self.matcher = matcher
        self.ids = ids
        self.prefix = prefix
        # On a page, the search plugin would index each definition glued to its term
        # ("child in needA child who..."); Material's search skips data-search-exclude.
        self.tip_attributes = {"data-search-exclude": ""} if on_page else {}

    def run(self, root: etree.Element, seen: set[str] | None = None) -> None:
        """Mark the first use of each term not in `seen` (slugs), adding the ones marked."""
        if self.matcher.regex is None:
            return
        self.seen = set() if seen is None else seen  # each term once per page or fragment
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
        tip = etree.SubElement(
            span, "span", {"class": "qe-term__tip", "role": "tooltip", "id": tip_id, **self.tip_attributes}
        )
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
            _GlossaryTreeprocessor(md, self.matcher, self.ids, self.prefix, on_page=True), "quiz_engine_glossary", 5
        )


class Glossary:
    """The terms of the project's glossary, matched once, for marking scenario and quiz text."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.matcher = Matcher(terms)

    def marker(self, prefix: str) -> Callable[[str | None, set[str] | None], str | None]:
        """A function that marks the first use of each term in one sanitised HTML fragment
        (a block of scenario or quiz text), as the extension marks pages. Ids are `prefix`
        and a number counted across every fragment the function marks: give each
        scenario or quiz its own prefix, unlike the pages' ("qe-term-"), so all can share
        a page. Terms in `explained` (slugs of terms already explained on the same
        screen) are left alone; the ones the fragment explains are added to it."""
        regex = self.matcher.regex
        processor = _GlossaryTreeprocessor(None, self.matcher, itertools.count(1), prefix)

        def mark(fragment: str | None, explained: set[str] | None = None) -> str | None:
            # One search of a compiled pattern for a fragment without a term; parse only the others.
            if not fragment or regex is None or not regex.search(fragment):
                return fragment
            seen = set() if explained is None else explained
            before = len(seen)
            root = _fragment_tree(fragment)
            processor.run(root, seen)
            if len(seen) == before:  # matched only in links, code, attributes or terms explained already
                return fragment
            return etree.tostring(root, encoding="unicode", method="html")[len("<div>") : -len("</div>")]

        return mark


def configured_glossary(config_file: Path) -> Glossary | None:
    """The configured glossary, so scenario and quiz text is marked exactly when the
    pages are. None when the extension is not configured or has no terms (`check`
    reports a broken glossary file)."""
    path = glossary_file(config_file)
    terms = load_glossary(path, str(path), []) if path else []
    return Glossary(terms) if terms else None


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_PLAIN_PARAGRAPH = re.compile(r"<p>([^<&]*)</p>")


def _fragment_tree(fragment: str) -> etree.Element:
    """A sanitised fragment as an element tree under a <div>. nh3 writes well-formed
    HTML (every element closed but the void ones, text escaped), which the standard
    library's parser reads exactly; a plain paragraph, the usual case, needs no parser."""
    root = etree.Element("div")
    plain = _PLAIN_PARAGRAPH.fullmatch(fragment)
    if plain:
        etree.SubElement(root, "p").text = plain.group(1)
        return root
    parser = _TreeBuilder(root)
    parser.feed(fragment)
    parser.close()
    return root


class _TreeBuilder(HTMLParser):
    def __init__(self, root: etree.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = etree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        etree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def glossary_page(terms: list[Term]) -> str:
    lines = ["# Glossary", "", "Terms used in this module, in alphabetical order.", ""]
    for term in sorted(terms, key=lambda t: t.term.lower()):
        also = f" (also {', '.join(html.escape(a) for a in term.also)})" if term.also else ""
        lines.append(
            f'<dl class="qe-glossary"><dt id="{term.slug}">{html.escape(term.term)}{also}</dt>'
            f"<dd>{html.escape(term.definition)}</dd></dl>"
        )
    return "\n".join(lines) + "\n"


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 (Python-Markdown's name)
    """For `markdown_extensions: [quiz_engine.render.glossary: {file: glossary.yml}]` in mkdocs.yml,
    so any engine that runs Python-Markdown extensions marks terms in the pages.
    build.py makes `file` absolute (relative to mkdocs.yml)."""
    path = Path(kwargs.pop("file", GLOSSARY_FILE))
    prefix = kwargs.pop("prefix", "qe-term-")
    return GlossaryExtension(load_glossary(path, str(path), []), prefix=prefix, **kwargs)
