"""Every kind of page of the built seed site as readers see it, from disk with the network
blocked: on a phone (390 px) and a desktop (1280 px), in French, and accessible (axe-core,
the npm package pinned in tests/axe/, injected into each page). Screenshots of every page
type at both widths are kept in tests/artifacts/pages/."""

from __future__ import annotations

import struct
import threading
import urllib.request
import zlib
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from urllib.parse import urlsplit

import pytest

from tests.browsing import ARTIFACTS, OfflinePage, map_frame
from tests.conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = 390, 1280
#: One page of each kind the archive makes, by a name for its screenshots.
PAGE_TYPES = {
    "accueil": "index.html",
    "incidents": "incidents/index.html",
    "incident": "incidents/2025-07-01-ijevsk-kupol.html",
    "articles": "articles/index.html",
    "article": "articles/attaque-ukrainienne-endommage-gravement-usine-russe.html",
    "chronologie": "chronologie.html",
    "statistiques": "statistiques.html",
    "carte": "carte.html",
    "lieux": "lieux/index.html",
    "lieu": "lieux/ijevsk.html",
    "personne": "personnes/vladimir-poutine.html",
    "organisation": "organisations/sbu.html",
    "arme": "armes/s-300.html",
    "cible": "cibles/usine-kupol.html",
    "etiquettes": "etiquettes.html",
    "etiquette": "etiquettes/frappe-en-russie/index.html",
    "donnees": "donnees/index.html",
    "contribuer": "contribuer.html",
    "methodologie": "methodologie.html",
    "carte-incident": "cartes/incidents/2025-07-01-ijevsk-kupol.html",
}


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_page_is_wider_than_the_screen(seed_site, browser, kind, width):
    page = OfflinePage(browser, width=width)
    try:
        page.open(seed_site.site_dir / PAGE_TYPES[kind])
        page.page.wait_for_timeout(300)  # maps and charts laid out
        (ARTIFACTS / "pages").mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "pages" / f"{kind}-{width}.png"))
        wider = page.page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5
                             && e.getClientRects().length && !e.closest('.md-sidebar'))
                .map(e => e.tagName.toLowerCase() + '.' + e.classList[0])"""
        )
        assert page.page.evaluate("document.documentElement.scrollWidth") <= width, wider[:5]
        assert page.blocked == [] and page.errors == []
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_serious_or_critical_violation(seed_site, browser, kind, scheme):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make browser` (npm ci in tests/axe)")
    page = OfflinePage(browser, color_scheme=scheme)
    try:
        page.open(seed_site.site_dir / PAGE_TYPES[kind])
        page.page.add_script_tag(path=str(AXE))
        violations = page.page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
        )
        assert violations == []
    finally:
        page.close()


@pytest.mark.parametrize("kind", ["accueil", "statistiques"])
def test_chart_text_is_at_least_11_pixels_high_on_a_phone(seed_site, browser, kind):
    page = OfflinePage(browser, width=PHONE)
    try:
        page.open(seed_site.site_dir / PAGE_TYPES[kind])
        sizes = page.page.evaluate(
            """() => [...document.querySelectorAll('.archive-chart svg')]
                .filter(svg => svg.getClientRects().length)
                .flatMap(svg => {
                    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return [...svg.querySelectorAll('text')].map(
                        t => parseFloat(getComputedStyle(t).fontSize) * scale);
                })"""
        )
        assert sizes and min(sizes) >= 11, min(sizes)
    finally:
        page.close()


@pytest.mark.parametrize(
    ("path", "title", "english"),
    [
        ("incidents/2025-07-01-ijevsk-kupol.html", "Ijevsk — usine Kupol", "Izhevsk"),
        ("incidents/2023-05-moscou.html", "Moscou — habitations", "Moscow"),
        ("lieux/oudmourtie.html", "Oudmourtie", "Udmurtia"),
        ("lieux/mer-noire.html", "Mer Noire", "Black Sea"),
        ("lieux/oblast-tver.html", "Oblast de Tver", "Tver Oblast"),
        ("personnes/vladimir-poutine.html", "Vladimir Poutine", "Vladimir Putin"),
    ],
)
def test_pages_name_places_and_people_in_french(seed_site, offline, path, title, english):
    offline.open(seed_site.site_dir / path)
    assert offline.page.locator("article h1").inner_text() == title
    assert english not in offline.page.title()


def _png(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    """A square PNG of one colour: the tile the test server serves."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def tile_server(tmp_path):
    """A local HTTP server on 127.0.0.1 serving one magenta tile for every address."""
    (tmp_path / "tile.png").write_bytes(_png((255, 0, 255)))

    class Tiles(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return str(tmp_path / "tile.png")

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), partial(Tiles, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_the_openstreetmap_layer_shows_its_tiles_when_chosen(seed_site, offline, tile_server):
    # The page may load nothing from elsewhere; OpenStreetMap's tiles come from the test server.
    served: list[str] = []
    with urllib.request.urlopen(tile_server) as response:  # the test server's tile
        png = response.read()

    def tile(route) -> None:
        served.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=png)

    offline.context.route("https://tile.openstreetmap.org/**", tile)
    offline.open(seed_site.site_dir / PAGE_TYPES["incident"])
    frame = map_frame(offline)
    land = frame.locator(".leaflet-overlay-pane svg path:not(.leaflet-interactive)")
    assert land.first.evaluate("p => getComputedStyle(p).fillOpacity") == "1"  # offline base
    # The offline base writes the names of towns and regions, in French.
    names = frame.locator(".archive-label")
    assert "Ijevsk" in names.all_inner_texts() and "Izhevsk" not in names.all_inner_texts()
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_label("OpenStreetMap (en ligne)").check()
    frame.locator(".leaflet-tile-loaded").first.wait_for(state="visible", timeout=10_000)
    assert served, "the map asked for OpenStreetMap tiles"
    # The land shapes no longer hide the tiles: only their borders are drawn.
    assert set(land.evaluate_all("ps => ps.map(p => getComputedStyle(p).fillOpacity)")) == {"0"}
    assert names.count() == 0  # the tiles write their own
    loaded = frame.locator(".leaflet-tile-loaded").evaluate_all(
        "tiles => tiles.filter(t => t.naturalWidth > 0).length"
    )
    assert loaded > 0
    ARTIFACTS.mkdir(exist_ok=True)
    offline.page.screenshot(path=str(ARTIFACTS / "carte-openstreetmap.png"))
    offline.context.unroute_all(behavior="ignoreErrors")  # tiles still on their way
    assert offline.errors == []


HELP_PAGES = ("methodologie.html", "contribuer.html", "a-propos.html", "donnees/index.html")


@pytest.mark.parametrize("query", ["Bechalov", "Kupol"])
def test_search_lists_reports_before_help_pages_with_readable_snippets(seed_site, offline, query):
    offline.open(seed_site.site_dir / "index.html")
    assert offline.search(query)
    links = offline.page.locator("a.md-search-result__link").evaluate_all(
        "els => els.map(e => e.href)"
    )
    pages = [urlsplit(link).path.split("/site/", 1)[-1] for link in links]
    help_at = [n for n, page in enumerate(pages) if page.endswith(HELP_PAGES)]
    reports_at = [n for n, page in enumerate(pages) if page.startswith(("incidents/", "articles/"))]
    assert help_at and reports_at and max(reports_at) < min(help_at), pages
    snippets = offline.page.locator(".md-search-result__item").all_inner_texts()
    assert not any("RussieCible" in s or "habitationsCible" in s for s in snippets)
