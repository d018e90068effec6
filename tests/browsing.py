"""A site opened in headless Chromium as a reader would, from disk, with every request to
another host refused and recorded: what the browser tests share (their fixtures, `browser`
and `offline`, are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
# Chromium's own background traffic is switched off; the network is refused anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class OfflinePage:
    """A page whose every non-file:// request is refused and recorded, with its console errors."""

    def __init__(self, browser, color_scheme: str = "light", width: int = 1280):
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=color_scheme
        )
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def search(self, query: str, timeout_ms: int = 10_000) -> list[str]:
        """Type a query in Material's search box; return the titles of the results shown.

        Types only once Material says the index is loaded ("Taper pour démarrer la
        recherche" replaces "Initialisation de la recherche"): a query typed during
        initialisation is not run again, by a reader's browser either, until the next key.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        box = self.page.locator("input.md-search__input")
        box.click()
        self.page.wait_for_function(
            "() => document.querySelector('.md-search-result__meta')"
            ".textContent.includes('Taper pour')"
        )
        box.press_sequentially(query)
        try:
            # Results show as one types: wait for those of the whole query (their links carry it).
            self.page.wait_for_function(
                """query => [...document.querySelectorAll('a.md-search-result__link')]
                    .some(a => a.href.includes('h=' + encodeURIComponent(query.toLowerCase())))""",
                arg=query,
                timeout=timeout_ms,
            )
        except PlaywrightTimeout:
            ARTIFACTS.mkdir(exist_ok=True)
            self.page.screenshot(path=str(ARTIFACTS / f"search-failed-{query}.png"))
            return []
        return self.page.locator(".md-search-result__item h1").all_inner_texts()

    def close(self) -> None:
        self.context.close()


def map_frame(offline: OfflinePage):
    """The first map iframe of the page, scrolled into view (maps load lazily) and drawn."""
    iframe = offline.page.locator(".archive-map iframe").first
    iframe.scroll_into_view_if_needed()
    frame = iframe.content_frame
    frame.locator(".leaflet-overlay-pane svg path").first.wait_for(state="attached", timeout=10_000)
    return frame
