"""Article text → safe HTML. Article text is untrusted: it can never become markup or script.

The text is Markdown with raw HTML switched off (a `<script>` is shown as text), then
the HTML that Markdown produced is cleaned with an allowlist (nh3, the Ammonia
sanitiser), which removes `javascript:` links, images from other hosts, and anything
not in the list.
"""

from __future__ import annotations

import re

import markdown
import nh3

_ALLOWED_TAGS = {
    "p", "br", "hr", "a", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "mark", "span",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "mark": {"id"}, "span": {"id"}}
_URL_SCHEMES = {"http", "https", "mailto"}


class _NoRawHtml(markdown.extensions.Extension):
    """Python-Markdown without its raw-HTML block and inline processors: HTML stays text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# Private-use characters mark evidence spans through Markdown and sanitising; they are
# removed from the text first, so an article cannot forge a mark.
_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKERS = re.compile(f"{_OPEN}(\\d+){_SEP}|{_CLOSE}")


def evidence_id(start: int) -> str:
    """The HTML id of the evidence sentence starting at `start`: stable across builds."""
    return f"ev-{start}"


def article_html(text: str, spans: list[tuple[int, int]] = ()) -> str:
    """The article text as sanitised HTML paragraphs, each evidence span in a <mark id="ev-…">."""
    text = text.translate({ord(c): " " for c in (_OPEN, _SEP, _CLOSE)})
    for start, end in sorted(set(spans), reverse=True):
        text = f"{text[:start]}{_OPEN}{start}{_SEP}{text[start:end]}{_CLOSE}{text[end:]}"
    html = sanitise(markdown.markdown(text, extensions=[_NoRawHtml()], output_format="html"))
    return _MARKERS.sub(_mark_tag, html)


def _mark_tag(match: re.Match) -> str:
    if match.group(1) is None:
        return "</mark>"
    return f'<mark class="archive-evidence" id="{evidence_id(int(match.group(1)))}">'



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
