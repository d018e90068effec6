"""The built seed site as a reader sees it: opened from disk in headless Chromium, with
every network request blocked. Screenshots are kept in tests/artifacts/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO
from tests.linkcheck import broken_links, third_party_loads

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
# Chromium's own background traffic is switched off; the network is refused anyway.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make browser` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page whose every non-file:// request is refused and recorded, with its console errors."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
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
            "() => document.querySelector('.md-search-result__meta').textContent.includes('Taper pour')"
        )
        box.press_sequentially(query)
        try:
            self.page.wait_for_selector(".md-search-result__item", state="visible", timeout=timeout_ms)
        except PlaywrightTimeout:
            ARTIFACTS.mkdir(exist_ok=True)
            self.page.screenshot(path=str(ARTIFACTS / f"search-failed-{query}.png"))
            return []
        return self.page.locator(".md-search-result__item h1").all_inner_texts()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline(browser):
    page = OfflinePage(browser)
    yield page
    page.close()


def test_seed_site_has_no_broken_link_and_loads_nothing_from_other_hosts(seed_site):
    assert broken_links(seed_site.site_dir) == []
    assert third_party_loads(seed_site.site_dir) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Izhevsk", "articles/attaque-ukrainienne-endommage-gravement-usine-russe.html"),
        # "Udmurtie" occurs only as "l'Udmurtie": the apostrophe must split words.
        ("Udmurtie", "articles/recente-attaque-drone-ukrainienne-cause-mort.html"),
        # "l’aéroport d'Izhevsk" in this article, "L'aeroport" (no accents) in another.
        ("aéroport", "articles/recente-attaque-drone-ukrainienne-cause-mort.html"),
    ],
)
def test_search_works_from_disk_without_network(seed_site, offline, query, expected):
    offline.open(seed_site.site_dir / "index.html")
    titles = offline.search(query)
    assert titles, f"no result for {query!r}"
    links = offline.page.locator("a.md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    assert any(urlsplit(link).path.endswith(expected) for link in links), links
    ARTIFACTS.mkdir(exist_ok=True)
    offline.page.screenshot(path=str(ARTIFACTS / f"search-{query}.png"))
    assert offline.blocked == []
    assert offline.errors == []


def test_pages_open_from_disk_without_any_request_elsewhere(seed_site, offline):
    for page in ["index.html", "chronologie.html", "incidents/index.html", "donnees/index.html"]:
        offline.open(seed_site.site_dir / page)
        assert offline.page.locator("h1").first.inner_text()
    first_article = sorted((seed_site.site_dir / "articles").glob("2*.html"))[0]
    offline.open(first_article)
    assert offline.page.locator(".archive-text p").count() > 3
    ARTIFACTS.mkdir(exist_ok=True)
    offline.page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=False)
    assert offline.blocked == []
    assert offline.errors == []
