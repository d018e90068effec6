"""A small link checker for a built site: every internal href/src resolves to a file,
every #fragment to an id in that file."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical",)):
                self.links.append(values[name])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every internal link of every HTML page of `site` that leads nowhere.

    404.html is left out: MkDocs writes it with root-absolute links for a web server,
    which serves it at any depth; it is never opened from disk.
    """
    parsed = {
        p: _parse(p)
        for p in sorted(site.rglob("*.html"))
        if p.name != "404.html" or p.parent != site
    }
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken


def third_party_loads(site: Path) -> list[str]:
    """Scripts, stylesheets, fonts, images or frames that a page would load from another host."""
    found = []
    for page in sorted(site.rglob("*.html")):
        collector = _Loads()
        collector.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {url}" for url in collector.urls]
    return found


class _Loads(HTMLParser):
    """URLs a browser fetches by itself: script/img/iframe src, stylesheet/icon/preconnect hrefs."""

    _FETCHED_LINK_RELS = {
        "stylesheet",
        "icon",
        "preconnect",
        "preload",
        "modulepreload",
        "prefetch",
        "dns-prefetch",
        "manifest",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        url = None
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed"):
            url = values.get("src")
        elif tag == "link" and set((values.get("rel") or "").split()) & self._FETCHED_LINK_RELS:
            url = values.get("href")
        elif tag == "object":
            url = values.get("data")
        if url and (urlsplit(url).netloc or url.startswith("//")):
            self.urls.append(url)
