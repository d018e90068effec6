"""Article text → safe HTML. Article text is untrusted: it can never become markup or script.

The text is Markdown with raw HTML switched off (a `<script>` is shown as text), then
the HTML that Markdown produced is cleaned with an allowlist (nh3, the Ammonia
sanitiser), which removes `javascript:` links, images from other hosts, and anything
not in the list.
"""

from __future__ import annotations

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


def article_html(text: str) -> str:
    """The article text as sanitised HTML paragraphs."""
    html = markdown.markdown(text, extensions=[_NoRawHtml()], output_format="html")
    return sanitise(html)


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
