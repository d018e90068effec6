"""`archive add` for a saved web page: the article's text and metadata, read by trafilatura.

A page saved from a browser holds the article among menus, share buttons, captions,
"read also" boxes, comments and scripts. trafilatura finds the main text, and reads the
headline, publisher, canonical address and publication date from the page's metadata
(Open Graph, JSON-LD, <title>, htmldate for the date). It reads only the bytes it is
given: nothing is fetched, so an import works offline and cannot be steered to a server
by the page. The text then goes through the same noise filter as raw text.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from urllib3.exceptions import DependencyWarning

from build_tools import schema
from build_tools.errors import ImportFailure
from build_tools.folding import fold
from build_tools.importer import RawImport, first_sentence_title, is_noise_line
from build_tools.messages import _
from build_tools.model import PartialDate

MAX_PAGE_BYTES = 10_000_000
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml")


@dataclass(frozen=True)
class PageImport:
    """What a saved page gives: the article, its publisher and its address, when the page says."""

    raw: RawImport
    source: str | None
    url: str | None
    author: str | None = None


def is_html(data: bytes, name: str) -> bool:
    """A saved web page, by its file name or its first bytes."""
    start = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return name.lower().endswith(HTML_SUFFIXES) or start.startswith(_HTML_STARTS)


def read_page(data: bytes) -> PageImport:
    """The article of a saved page, or ImportFailure saying why there is none."""
    with warnings.catch_warnings():
        # trafilatura looks for urllib3's SOCKS proxy support, for downloads the archive
        # never makes.
        warnings.simplefilter("ignore", DependencyWarning)
        import trafilatura

    if len(data) > MAX_PAGE_BYTES:
        raise ImportFailure(
            _("the page is larger than {size} MB; save only the article's page").format(
                size=MAX_PAGE_BYTES // 1_000_000
            )
        )
    found = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    assert not isinstance(found, dict)  # a dict only with as_dict=True
    if found is None or not found.text or not found.text.strip():
        raise ImportFailure(
            _(
                "no article text found in the page; save the article's own page, "
                "or paste its text into a .txt file"
            )
        )
    title = " ".join((found.title or "").split())
    kept: list[str] = []
    dropped: list[str] = []
    for line in (line.strip() for line in found.text.split("\n")):
        if not line or (not kept and not dropped and title and fold(line) == fold(title)):
            continue  # the headline, repeated at the top of the text
        (dropped if is_noise_line(line) else kept).append(line)
    if not kept:
        raise ImportFailure(
            _("the page's text has nothing left once captions and credit lines are removed")
            if dropped
            else _(
                "no article text found in the page besides its title; save the article's own page"
            )
        )
    text = "\n\n".join(kept)
    raw = RawImport(
        title=title or first_sentence_title(text),
        text=text,
        published=_date(found.date),
        title_from="page metadata" if title else "first sentence",
        dropped=dropped,
    )
    return PageImport(
        raw,
        source=(found.sitename or found.hostname or "").strip() or None,
        url=_web_address(found.url),
        author=_byline(found.author),
    )


def _byline(value: str | None) -> str | None:
    """The page's author metadata ("Jeanne Morel; Paul Durand"), as front matter takes it."""
    try:
        return schema.text(" ".join(value.split())) if value and value.strip() else None
    except ValueError:
        return None


def _date(value: str | None) -> PartialDate | None:
    try:
        return schema.partial_date(value) if value else None
    except ValueError:
        return None


def _web_address(value: str | None) -> str | None:
    """The page's canonical address when it is one the corpus accepts (http or https)."""
    try:
        return schema.http_url(value) if value else None
    except ValueError:
        return None
