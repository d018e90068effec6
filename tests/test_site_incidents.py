"""End-to-end on the shipped corpus: incidents, entity pages, cross-links, tags and exports."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from build_tools.tables import INCIDENT_COLUMNS
from tests.linkcheck import broken_links

pytestmark = pytest.mark.e2e

IZHEVSK = "incidents/2025-07-01-ijevsk-kupol.html"


def read(project, path: str) -> str:
    return (project.site_dir / path).read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    body = html[html.index("<article") : html.index("</article>")]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_the_seed_corpus_gives_three_incidents(seed_site):
    incidents = json.loads(read(seed_site, "donnees/incidents.json"))
    by_place = {i["places"][0]["name"]: sorted(i["articles"]) for i in incidents}
    assert by_place == {
        "Ijevsk": [
            "attaque-ukrainienne-endommage-gravement-usine-russe",
            "recente-attaque-drone-ukrainienne-cause-mort",
            "serie-attaques-drones-uav-ukrainiens-vise",
        ],
        "Moscou": ["2023-05-moscou-ravage-vague-frappes-drones-kamikazes"],
        "Toropets": ["2024-09-drones-ukrainiens-detruit-entrepot-contenant-missiles"],
    }
    assert [i["id"] for i in incidents] == [
        "2023-05-moscou",
        "2024-09-toropets",
        "2025-07-01-ijevsk-kupol",
    ]
    articles = json.loads(read(seed_site, "donnees/articles.json"))
    assert {a["id"]: a["incident"] for a in articles if "ijevsk" in a["incident"]}.keys() == set(
        by_place["Ijevsk"]
    )


def test_the_izhevsk_page_shows_both_injured_claims_and_flags_the_disagreement(seed_site):
    page = read(seed_site, IZHEVSK)
    row = next(r for r in page.split("<tr") if "<td>Blessés</td>" in r)
    assert "<strong>45</strong>" in row and "<strong>35</strong>" in row
    assert "35–45" in row and "sources en désaccord" in row
    assert 'href="../articles/recente-attaque-drone-ukrainienne-cause-mort.html#ev-0"' in row
    text = visible_text(page)
    assert (
        "« Tristement, trois employés de ‘Kupol’ ont perdu la vie, et 45 autres ont été blessés, "
        "dont 35 ont été hospitalisés. »" in text
    )
    assert "Blessés : 45 ; Hospitalisés : 35" in text
    assert "@misc{archive-2025-07-01-ijevsk-kupol," in text


def test_the_izhevsk_page_says_why_its_three_reports_were_grouped(seed_site):
    text = visible_text(read(seed_site, IZHEVSK))
    why = text[text.index("Regroupement") : text.index("Citer cet incident")]
    assert "pèse au moins 5 points" in why
    assert why.count("même lieu (Ijevsk), même cible (usine Kupol)") == 2  # two links, three
    assert "mêmes chiffres (tués, drones ayant atteint leur cible)" in why
    assert re.search(r"textes proches à \d+ % \(\d+(,\d)? points\)", why)


def test_the_udmurt_governor_has_one_page_with_both_spellings(seed_site):
    pages = [
        p.name for p in (seed_site.site_dir / "personnes").glob("*.html") if "chalov" in p.name
    ]
    assert pages == ["alexandre-bretchalov.html"]
    text = visible_text(read(seed_site, "personnes/alexandre-bretchalov.html"))
    assert "« Aleksandr Bechalov »" in text and "« Alexander Brechalov »" in text
    assert "Ijevsk — usine Kupol" in text


def test_every_kind_of_entity_has_an_index_and_pages_linking_back(seed_site):
    for folder, entry in [
        ("lieux", "ijevsk"),
        ("personnes", "vladimir-poutine"),
        ("organisations", "sbu"),
        ("armes", "harpy-a1"),
        ("cibles", "usine-kupol"),
    ]:
        index = read(seed_site, f"{folder}/index.html")
        assert f'href="../{folder}/{entry}.html"' in index, folder
        assert 'href="../incidents/2025-07-01-ijevsk-kupol.html"' in read(
            seed_site, f"{folder}/{entry}.html"
        ), folder


def test_article_text_links_the_first_mention_per_paragraph(seed_site):
    page = read(seed_site, "articles/recente-attaque-drone-ukrainienne-cause-mort.html")
    text = page[page.index('<div class="archive-text"') :]
    first_paragraph = text[: text.index("</p>")]
    assert first_paragraph.count('href="../lieux/ijevsk.html"') == 1
    assert (
        '<a class="archive-mention" href="../personnes/alexandre-bretchalov.html">'
        "Aleksandr Bechalov</a>" in first_paragraph
    )
    assert (
        '<a class="archive-mention" href="../personnes/vladimir-poutine.html">Vladimir Poutine</a>'
        in first_paragraph
    )


def test_incident_pages_carry_tags_listed_on_the_tags_page(seed_site):
    tags = read(seed_site, "etiquettes.html")
    assert "Frappe en Russie" in tags and "Cible : usine d'armement" in html.unescape(tags)
    assert 'class="md-tag">Frappe en Russie</a>' in read(seed_site, IZHEVSK)
    assert (
        'href="etiquettes/frappe-en-russie/index.html" class="md-tag">Frappe en Russie</a>' in tags
    )
    assert (
        'href="../etiquettes/frappe-en-russie/index.html" class="md-tag">Frappe en Russie</a>'
        in read(seed_site, IZHEVSK)
    )
    tag_page = read(seed_site, "etiquettes/frappe-en-russie/index.html")
    assert (
        'href="../../incidents/2025-07-01-ijevsk-kupol.html"' in tag_page
        and 'href="../../etiquettes.html"' in tag_page
    )


def test_incidents_csv_has_a_row_per_incident_with_every_claim(seed_site):
    rows = list(csv.DictReader(io.StringIO(read(seed_site, "donnees/incidents.csv"))))
    assert list(rows[0].keys()) == [c.name for c in INCIDENT_COLUMNS]
    izhevsk = next(r for r in rows if r["id"] == "2025-07-01-ijevsk-kupol")
    assert (izhevsk["injured_min"], izhevsk["injured_max"], izhevsk["injured_conflict"]) == (
        "35",
        "45",
        "true",
    )
    assert "45 [attaque-ukrainienne-endommage-gravement-usine-russe]" in izhevsk["injured_claims"]
    assert "35 [recente-attaque-drone-ukrainienne-cause-mort]" in izhevsk["injured_claims"]


def test_an_incident_page_links_to_its_own_data_file(seed_site):
    page = read(seed_site, IZHEVSK)
    assert 'href="../donnees/incidents/2025-07-01-ijevsk-kupol.json"' in page
    data = json.loads(
        (seed_site.site_dir / "donnees/incidents/2025-07-01-ijevsk-kupol.json").read_text()
    )
    assert len(data["articles"]) == 3 and data["incident"]["id"] == "2025-07-01-ijevsk-kupol"


def test_the_seed_site_has_no_broken_internal_link_or_anchor(seed_site):
    assert broken_links(seed_site.site_dir) == []


def test_two_clean_builds_give_identical_sites(seed_site, tmp_path):
    """`diff -r` of two builds of the same corpus in two folders is empty: maps included."""
    import shutil

    from build_tools.build import build
    from build_tools.project import Project
    from build_tools.write import copy_site_sources
    from tests.conftest import REPO

    copy_site_sources(Project(REPO), tmp_path)
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    again = Project(tmp_path)
    build(again, strict=True)
    first = {
        p.relative_to(seed_site.site_dir): p.read_bytes()
        for p in seed_site.site_dir.rglob("*")
        if p.is_file()
    }
    second = {
        p.relative_to(again.site_dir): p.read_bytes()
        for p in again.site_dir.rglob("*")
        if p.is_file()
    }
    assert sorted(first) == sorted(second)
    assert [str(path) for path in first if first[path] != second[path]] == []
    assert sum(1 for p in first if p.parts[0] == "cartes") > 10
    data = {p.name for p in first if p.parts[0] == "donnees"}
    assert {"archive.db", "metadata.yml", "datapackage.json", "claims.csv"} <= data


def test_every_page_with_places_embeds_its_map_and_lists_the_places(seed_site):
    page = read(seed_site, IZHEVSK)
    assert '<iframe src="../cartes/incidents/2025-07-01-ijevsk-kupol.html"' in page
    assert (
        "Ijevsk (lieu de l&#39;événement) — "
        '<span class="archive-coordinates">56.8522, 53.1986</span>' in page
    )
    assert '<iframe src="cartes/ensemble.html"' in read(seed_site, "index.html")
    assert '<iframe src="cartes/ensemble.html"' in read(seed_site, "carte.html")
    assert '<iframe src="../cartes/lieux/ijevsk.html"' in read(seed_site, "lieux/ijevsk.html")
    map_file = (seed_site.site_dir / "cartes/incidents/2025-07-01-ijevsk-kupol.html").read_bytes()
    assert len(map_file) < 20_000


def test_the_feed_lists_every_incident_and_every_page_links_to_it(seed_site):
    import feedparser

    parsed = feedparser.parse(read(seed_site, "feed.xml"))
    assert not parsed.bozo
    incidents = json.loads(read(seed_site, "donnees/incidents.json"))
    assert {e.link for e in parsed.entries if e.link.startswith("incidents/")} == {
        f"incidents/{i['id']}.html" for i in incidents
    }
    for page in ("index.html", IZHEVSK, "personnes/alexandre-bretchalov.html"):
        assert re.search(
            r'<link rel="alternate feed" type="application/atom\+xml" '
            r'[^>]*href="(\.\./)?feed\.xml"',
            read(seed_site, page),
        ), page


def test_incidents_geojson_has_one_point_per_located_incident(seed_site):
    collection = json.loads(read(seed_site, "donnees/incidents.geojson"))
    incidents = {i["id"]: i for i in json.loads(read(seed_site, "donnees/incidents.json"))}
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == sorted(incidents)
    izhevsk = next(f for f in collection["features"] if f["id"] == "2025-07-01-ijevsk-kupol")
    place = incidents["2025-07-01-ijevsk-kupol"]["places"][0]
    assert izhevsk["geometry"] == {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
    assert izhevsk["properties"]["figures"] == incidents["2025-07-01-ijevsk-kupol"]["figures"]
    assert izhevsk["properties"]["place"] == {
        "name": "Ijevsk",
        "country": "RU",
        "admin1": place["admin1"],
    }
