"""Article text → safe HTML. Article text is untrusted: it can never become markup or script.

The text is Markdown with raw HTML switched off (a `<script>` is shown as text), then
the HTML that Markdown produced is cleaned with an allowlist (nh3, the Ammonia
sanitiser), which removes `javascript:` links, images from other hosts, and anything
not in the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as html_escape

import markdown
import nh3

_ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "mark",
    "span",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "mark": {"id"}, "span": {"id"}}
_URL_SCHEMES = {"http", "https", "mailto"}


class _NoRawHtml(markdown.extensions.Extension):
    """Python-Markdown without its raw-HTML block and inline processors: HTML stays text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# Private-use characters mark evidence spans and entity mentions through Markdown and
# sanitising; they are removed from the text first, so an article cannot forge one.
# A value's sentence (_VALUE) is highlighted; other evidence only gets its anchor.
_EVIDENCE, _MENTION, _END_ID, _CLOSE_EVIDENCE, _CLOSE_MENTION, _VALUE = (
    "\ue000",
    "\ue003",
    "\ue001",
    "\ue002",
    "\ue004",
    "\ue005",
)
_PRIVATE = (_EVIDENCE, _MENTION, _END_ID, _CLOSE_EVIDENCE, _CLOSE_MENTION, _VALUE)
_TOKENS = re.compile(r"(<[^>]*>)")
_MARKERS = re.compile(
    f"([{_EVIDENCE}{_VALUE}{_MENTION}])(\\d+){_END_ID}|{_CLOSE_EVIDENCE}|{_CLOSE_MENTION}"
)
#: Mentions are never linked inside these elements.
_NO_LINK = {"a", "h3", "h4", "h5", "h6", "code", "pre"}
#: A new one of these starts a paragraph: each entity is linked again, once.
_BLOCKS = {"p", "li", "blockquote", "h3", "h4", "h5", "h6", "pre"}


@dataclass(frozen=True)
class EntityLink:
    """A span of the article text naming an entity (`key`), to link to `href`."""

    start: int
    end: int
    key: str
    href: str


def evidence_id(start: int) -> str:
    """The HTML id of the evidence sentence starting at `start`: stable across builds."""
    return f"ev-{start}"


def article_html(
    text: str,
    spans: Iterable[tuple[int, int]] = (),
    mentions: Iterable[EntityLink] = (),
    values: Iterable[tuple[int, int]] = (),
) -> str:
    """The article text as sanitised HTML paragraphs: each evidence span in a <mark id="ev-…">,
    highlighted when it gives a value (one of `values`: a date, a figure, the target), the
    first mention of each entity per paragraph linked to its page (never inside a link,
    heading or code)."""
    text = text.translate({ord(c): " " for c in _PRIVATE})
    mentions = _non_overlapping(mentions)
    highlighted = set(values)
    inserts: list[tuple[int, int, str]] = []  # (position, order at that position, marker)
    for start, end in set(spans) | highlighted:
        opening = _VALUE if (start, end) in highlighted else _EVIDENCE
        inserts += [(start, 2, f"{opening}{start}{_END_ID}"), (end, 1, _CLOSE_EVIDENCE)]
    for number, mention in enumerate(mentions):
        inserts += [
            (mention.start, 3, f"{_MENTION}{number}{_END_ID}"),
            (mention.end, 0, _CLOSE_MENTION),
        ]
    pieces, last = [], 0
    for position, _, marker in sorted(inserts):
        pieces += [text[last:position], marker]
        last = position
    marked = "".join(pieces) + text[last:]
    html = sanitise(markdown.markdown(marked, extensions=[_NoRawHtml()], output_format="html"))
    return _with_marks_and_links(html, mentions)


def _non_overlapping(mentions: Iterable[EntityLink]) -> list[EntityLink]:
    """Left to right, the longest first where two start together; overlapping ones dropped."""
    kept: list[EntityLink] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end, m.key)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _with_marks_and_links(html: str, mentions: list[EntityLink]) -> str:
    """Replace the markers: evidence marks always, mention links where allowed."""
    walker = _MarkerWalker(mentions)
    return "".join(
        walker.tag(token) if token.startswith("<") else walker.text(token)
        for token in _TOKENS.split(html)
    )


class _MarkerWalker:
    """Walks the sanitised HTML token by token, knowing whether it is inside a link,
    heading or code, and which entities its current paragraph has linked already."""

    def __init__(self, mentions: list[EntityLink]):
        self.mentions = mentions
        self.forbidden: list[str] = []
        self.linked: set[str] = set()
        self.open_link = False

    def tag(self, token: str) -> str:
        name = re.match(r"</?([a-z0-9]+)", token)
        tag, closing = (name.group(1) if name else ""), token.startswith("</")
        if tag in _BLOCKS and not closing:
            self.linked = set()
        if tag in _NO_LINK:
            if not closing:
                self.forbidden.append(tag)
            elif tag in self.forbidden:
                self.forbidden.remove(tag)
        return _MARKERS.sub("", token).translate({ord(c): None for c in _PRIVATE})

    def text(self, token: str) -> str:
        return _MARKERS.sub(self._replace, token)

    def _replace(self, match: re.Match) -> str:
        kind, number = match.group(1), match.group(2)
        if kind == _VALUE:
            return f'<mark class="archive-evidence archive-value" id="{evidence_id(int(number))}">'
        if kind == _EVIDENCE:
            return f'<mark class="archive-evidence" id="{evidence_id(int(number))}">'
        if kind == _MENTION:
            mention = self.mentions[int(number)]
            if self.forbidden or mention.key in self.linked:
                return ""
            self.linked.add(mention.key)
            self.open_link = True
            return f'<a class="archive-mention" href="{html_escape(mention.href)}">'
        if match.group(0) == _CLOSE_EVIDENCE:
            return "</mark>"
        was_open, self.open_link = self.open_link, False
        return "</a>" if was_open else ""


def sanitise(html: str) -> str:
    """Keep only allowlisted tags, attributes and URL schemes; links get rel=nofollow noopener."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
