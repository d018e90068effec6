"""The Statistiques page of the seed site: every table recomputed from incidents.json."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser

import pytest

from build_tools.labels import DIRECTIONS, TARGET_LABELS

#: Every test here reads the seed site, built once by MkDocs.
pytestmark = pytest.mark.e2e


class Tables(HTMLParser):
    """The tables of a page by id: their body rows as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._in_body = self._in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = dict(attrs).get("id")
            self.tables[self._table] = []
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._in_cell = True
            self._row.append("")

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag == "tr" and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self._row[-1] += data


def page_tables(site) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed((site.site_dir / "statistiques.html").read_text(encoding="utf-8"))
    return parser.tables


def exported(site) -> list[dict]:
    return json.loads((site.site_dir / "donnees/incidents.json").read_text(encoding="utf-8"))


def month(incident: dict) -> str | None:
    date = incident["date"]
    return date["value"][:7] if date and date["precision"] in ("day", "month") else None


def primary(incident: dict) -> list[dict]:
    return [p for p in incident["places"] if p["role"] == "primary"]


def as_numbers(rows: list[list[str]], first: int = 1) -> dict[str, list[int]]:
    return {r[0]: [int(c) for c in r[first:]] for r in rows}


def test_every_chart_has_its_table_and_a_link_to_its_export(seed_site):
    html = (seed_site.site_dir / "statistiques.html").read_text(encoding="utf-8")
    tables = page_tables(seed_site)
    assert set(tables) == {
        f"table-{n}"
        for n in (
            "incidents-par-mois",
            "drones-par-mois",
            "victimes-par-mois",
            "cibles",
            "lieux",
            "limites",
        )
    }
    # Each chart twice, for wide screens and for phones; one table and one link each.
    assert html.count('<svg id="') == 12 and html.count('href="donnees/incidents.json"') == 6
    assert html.count('<svg id="lieux-etroit"') == 1


def test_incidents_by_month_and_by_target_and_place_match_the_export(seed_site):
    incidents, tables = exported(seed_site), page_tables(seed_site)
    by_month = Counter(
        (month(i), DIRECTIONS[primary(i)[0]["country"]]) for i in incidents if month(i)
    )
    shown = tables["table-incidents-par-mois"]
    assert sum(int(c) for r in shown for c in r[1:]) == sum(by_month.values())
    assert {r[0] for r in shown if any(int(c) for c in r[1:])} == {m for m, _ in by_month}
    targets = Counter(
        TARGET_LABELS[i["target"]["type"]] if i["target"] else "cible non indiquée"
        for i in incidents
    )
    assert as_numbers(tables["table-cibles"]) == {k: [v] for k, v in targets.items()}
    places = Counter(name for i in incidents for name in {p["name"] for p in primary(i)})
    assert as_numbers(tables["table-lieux"]) == {k: [v] for k, v in places.items()}


def test_casualties_and_drones_match_the_export(seed_site):
    incidents, tables = exported(seed_site), page_tables(seed_site)
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    drones: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i in (i for i in incidents if month(i)):
        for n, figure in enumerate(("killed", "injured")):
            if i["figures"][figure]["min"] is not None:
                sums[month(i)][2 * n] += i["figures"][figure]["min"]
                sums[month(i)][2 * n + 1] += i["figures"][figure]["max"]
        for n, figure in enumerate(("drones_launched", "drones_downed")):
            largest: dict[str | None, int] = {}
            for claim in i["figures"][figure]["claims"]:
                if claim["value"] is not None:
                    largest[claim["claimed_by"]] = max(
                        largest.get(claim["claimed_by"], 0), claim["value"]
                    )
            drones[month(i)][n] += sum(largest.values())
    shown = as_numbers(tables["table-victimes-par-mois"])
    assert {m: v for m, v in shown.items() if any(v)} == {m: v for m, v in sums.items() if any(v)}
    per_month: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in tables["table-drones-par-mois"]:
        per_month[row[0]][0] += int(row[2])
        per_month[row[0]][1] += int(row[3])
    assert dict(per_month) == {m: v for m, v in drones.items() if any(v)}


def test_limits_match_the_export(seed_site):
    incidents, tables = exported(seed_site), page_tables(seed_site)
    figured = [i for i in incidents if any(f["min"] is not None for f in i["figures"].values())]
    conflicting = [i for i in figured if any(f["conflict"] for f in i["figures"].values())]
    rows = {r[0]: [int(r[1]), int(r[2])] for r in tables["table-limites"]}
    assert rows["Incidents chiffrés dont les sources se contredisent"] == [
        len(conflicting),
        len(figured),
    ]
    precision = Counter(i["date"]["precision"] if i["date"] else None for i in incidents)
    assert rows["Date connue au mois seulement"] == [precision["month"], len(incidents)]
    assert (
        conflicting and precision["month"]
    )  # the seeds have both: Izhevsk's injured, Toropets' month


def test_accueil_shows_the_key_figures_and_a_small_chart_linking_to_statistiques(seed_site):
    html = (seed_site.site_dir / "index.html").read_text(encoding="utf-8")
    incidents = exported(seed_site)
    assert f"<strong>{len(incidents)}</strong> incidents" in html
    assert '<svg id="accueil-incidents-par-mois"' in html and 'href="statistiques.html"' in html


def test_accueil_links_to_the_list_of_the_map_s_places_on_carte_rather_than_repeating_it(seed_site):
    """Accueil stays small however many places the archive names; Carte holds the list, the
    map's text alternative."""
    accueil = (seed_site.site_dir / "index.html").read_text(encoding="utf-8")
    carte = (seed_site.site_dir / "carte.html").read_text(encoding="utf-8")
    assert 'href="carte.html#lieux-de-la-carte"' in accueil and "archive-map-list" not in accueil
    listed = int(re.search(r"Les (\d+) lieux de la carte", accueil).group(1))
    assert (
        'id="lieux-de-la-carte"' in carte
        and carte.count('<span class="archive-coordinates">') == listed > 0
    )
