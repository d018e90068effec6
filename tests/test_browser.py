"""The built seed site as a reader sees it: opened from disk in headless Chromium, with
every network request blocked. Screenshots are kept in tests/artifacts/."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browsing import ARTIFACTS, OfflinePage, map_frame
from tests.linkcheck import broken_links, third_party_loads

pytestmark = pytest.mark.browser


def test_seed_site_has_no_broken_link_and_loads_nothing_from_other_hosts(seed_site):
    assert broken_links(seed_site.site_dir) == []
    assert third_party_loads(seed_site.site_dir) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Izhevsk", ["articles/attaque-ukrainienne-endommage-gravement-usine-russe.html"]),
        # "Udmurtie" occurs only as "l'Udmurtie": the apostrophe must split words.
        ("Udmurtie", ["articles/recente-attaque-drone-ukrainienne-cause-mort.html"]),
        # "l’aéroport d'Izhevsk" in one article, "L'aeroport" (no accents) in another: either
        # spelling of the query finds both.
        (
            "aeroport",
            [
                "articles/recente-attaque-drone-ukrainienne-cause-mort.html",
                "articles/serie-attaques-drones-uav-ukrainiens-vise.html",
            ],
        ),
        (
            "aéroport",
            [
                "articles/recente-attaque-drone-ukrainienne-cause-mort.html",
                "articles/serie-attaques-drones-uav-ukrainiens-vise.html",
            ],
        ),
        # "entrepôt" in the text, typed without its accent.
        (
            "entrepot",
            ["articles/2024-09-drones-ukrainiens-detruit-entrepot-contenant-missiles.html"],
        ),
        ("Kupol", ["incidents/2025-07-01-ijevsk-kupol.html", "cibles/usine-kupol.html"]),
        # No article writes "Ijevsk", the archive's name of the town: the incident, the place
        # and every article that writes "Izhevsk" are found under it.
        (
            "Ijevsk",
            [
                "incidents/2025-07-01-ijevsk-kupol.html",
                "lieux/ijevsk.html",
                "articles/attaque-ukrainienne-endommage-gravement-usine-russe.html",
                "articles/recente-attaque-drone-ukrainienne-cause-mort.html",
                "articles/serie-attaques-drones-uav-ukrainiens-vise.html",
            ],
        ),
        ("Bechalov", ["personnes/alexandre-bretchalov.html"]),
        ("Crimee", ["lieux/crimee.html"]),
    ],
)
def test_search_works_from_disk_without_network(seed_site, offline, query, expected):
    offline.open(seed_site.site_dir / "index.html")
    titles = offline.search(query)
    assert titles, f"no result for {query!r}"
    links = offline.page.locator("a.md-search-result__link").evaluate_all(
        "els => els.map(e => e.href)"
    )
    found = {urlsplit(link).path.split("/site/", 1)[-1] for link in links}
    assert set(expected) <= found, links
    ARTIFACTS.mkdir(exist_ok=True)
    offline.page.screenshot(path=str(ARTIFACTS / f"search-{query}.png"))
    assert offline.blocked == []
    assert offline.errors == []


def test_a_query_typed_before_the_index_is_built_still_finds_its_article(seed_site, offline):
    """A reader who types as soon as the page is parsed, before the search index is built,
    loses no key: the results for the whole word come. How long that takes is measured by
    bench/search_timing.py (a wall-clock bound here would only measure the CI runner's load)."""
    offline.page.goto(
        (seed_site.site_dir / "articles/index.html").as_uri(), wait_until="domcontentloaded"
    )
    box = offline.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Kupol")
    offline.page.wait_for_selector(".md-search-result__item", state="visible")
    assert box.input_value() == "Kupol"
    titles = offline.page.locator(".md-search-result__item").all_inner_texts()
    assert any("Kupol" in title for title in titles), titles
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


def _country_borders(frame) -> int:
    """Border paths drawn: non-interactive GeoJSON paths (markers are interactive)."""
    return frame.locator(".leaflet-overlay-pane svg path:not(.leaflet-interactive)").count()


#: Counts how the markers reach the overview map's cluster group: one by one, or together.
_COUNT_CLUSTERING = """() => {
  const group = L.MarkerClusterGroup.prototype;
  const one = group.addLayer, many = group.addLayers;
  window.clusterings = {"one by one": 0, "together": 0};
  group.addLayer = function (layer) {
    window.clusterings["one by one"] += 1;
    return one.call(this, layer);
  };
  group.addLayers = function (layers, silent) {
    window.clusterings.together += 1;
    return many.call(this, layers, silent);
  };
}"""


def test_overview_map_works_from_disk_with_borders_markers_and_popup_links(seed_site, offline):
    import json

    offline.open(seed_site.site_dir / "index.html")
    frame = map_frame(offline)
    assert _country_borders(frame) > 100
    incidents = json.loads(
        (seed_site.site_dir / "donnees/incidents.json").read_text(encoding="utf-8")
    )
    located = [i for i in incidents if i["places"] and i["places"][0]["lat"] is not None]
    clusters = frame.locator(".marker-cluster")
    shown = (
        sum(int(t) for t in clusters.all_inner_texts())
        + frame.locator("path.leaflet-interactive").count()
    )
    assert shown == len(located)
    year = located[0]["date"]["value"][:4]
    frame.locator("body").evaluate(_COUNT_CLUSTERING)
    frame.locator(".archive-year select").select_option(year)
    # One clustering of the year's markers, not one per marker (a second at 10,000).
    assert frame.locator("body").evaluate("() => window.clusterings") == {
        "one by one": 0,
        "together": 1,
    }
    in_year = [i for i in located if i["date"] and i["date"]["value"].startswith(year)]
    assert sum(int(t) for t in frame.locator(".marker-cluster").all_inner_texts()) + frame.locator(
        "path.leaflet-interactive"
    ).count() == len(in_year)
    frame.locator(".archive-year select").select_option("")
    while frame.locator(".marker-cluster").count():
        frame.locator(".marker-cluster").first.click()
        offline.page.wait_for_timeout(600)
    # A DOM event: a marker may lie outside the view the last cluster's click zoomed to.
    frame.locator("path.leaflet-interactive").first.dispatch_event("click")
    link = frame.locator(".leaflet-popup-content a")
    link.wait_for(state="visible")
    href = link.get_attribute("href")
    assert href.startswith("../incidents/") and href.endswith(".html")
    offline.page.wait_for_timeout(400)  # the popup fades in
    ARTIFACTS.mkdir(exist_ok=True)
    offline.page.screenshot(path=str(ARTIFACTS / "carte-accueil.png"))
    link.click()
    offline.page.wait_for_url("**/incidents/*.html")
    assert offline.page.locator("h1").first.inner_text() == link_title(incidents, href)
    assert offline.blocked == [] and offline.errors == []


def link_title(incidents: list[dict], href: str) -> str:
    incident_id = href.rsplit("/", 1)[-1].removesuffix(".html")
    return next(i["title"] for i in incidents if i["id"] == incident_id)


def test_incident_map_shows_its_places_and_links_to_place_pages(seed_site, offline):
    offline.open(seed_site.site_dir / "incidents/2025-07-01-ijevsk-kupol.html")
    frame = map_frame(offline)
    assert _country_borders(frame) > 100
    listed = offline.page.locator("ul.archive-map-list li")
    primary = listed.filter(has_text="lieu de l'événement").count()
    markers = frame.locator("path.leaflet-interactive")
    # Places only mentioned are a layer the reader turns on.
    assert markers.count() == primary == 1 < listed.count()
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_label("Lieux mentionnés").check()
    assert markers.count() == listed.count()
    frame.get_by_label("Lieux mentionnés").uncheck()
    assert markers.count() == primary
    markers.first.click(force=True)
    link = frame.locator(".leaflet-popup-content a")
    link.wait_for(state="visible")
    assert link.get_attribute("href").startswith("../../lieux/")
    offline.page.wait_for_timeout(400)  # the popup fades in
    ARTIFACTS.mkdir(exist_ok=True)
    offline.page.screenshot(path=str(ARTIFACTS / "carte-incident.png"))
    assert offline.blocked == [] and offline.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_statistiques_shows_every_chart_from_disk_in_both_palettes(seed_site, browser, scheme):
    page = OfflinePage(browser, color_scheme=scheme)
    try:
        page.open(seed_site.site_dir / "statistiques.html")
        charts = page.page.locator(".archive-chart .archive-chart-wide svg")
        assert charts.count() == 6
        for n in range(6):
            box = charts.nth(n).bounding_box()
            assert box and box["width"] > 300 and box["height"] > 100
        # The axes take the page's text colour, whichever the palette.
        text_colour = page.page.evaluate(
            "getComputedStyle(document.querySelector('.md-typeset')).color"
        )
        assert charts.first.evaluate("svg => getComputedStyle(svg).color") == text_colour
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / f"statistiques-{scheme}.png"), full_page=True)
        assert page.blocked == [] and page.errors == []
    finally:
        page.close()
