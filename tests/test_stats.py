"""Statistiques: the numbers each chart draws, and the charts as inline SVG."""

from __future__ import annotations

import dataclasses
import re

from build_tools.model import (
    FIGURE_NAMES,
    Claim,
    DateValue,
    Figure,
    Incident,
    Place,
    Target,
)
from build_tools.render.charts import chart_svg
from build_tools.stats import (
    OTHER_CLAIMANTS,
    TOP_CLAIMANTS,
    UNATTRIBUTED,
    casualties_by_month,
    drones_by_claimant,
    incidents_by_month,
    limits,
    months_between,
    places_hit_most,
    statistics,
)


def incident(
    id_: str,
    date: str | None,
    precision: str = "day",
    country: str | None = "RU",
    place: str = "Belgorod",
    target: str | None = None,
    **claims: list[tuple[int, str | None]],
) -> Incident:
    places = (
        [Place(place, [place], "city", country, None, 50.0, 36.0, "primary")] if country else []
    )
    figures = {
        name: Figure(
            [Claim(v, None, who, f"a{n}") for n, (v, who) in enumerate(claims.get(name, []))]
        )
        for name in FIGURE_NAMES
    }
    return Incident(
        id=id_,
        title=id_,
        date=DateValue(date, precision) if date else None,
        places=places,
        articles=["a0"],
        target=Target(None, target) if target else None,
        figures=figures,
    )


def test_months_between_fills_the_gaps_across_years():
    assert months_between("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


def test_incidents_by_month_split_by_country_with_empty_months_and_imprecise_dates_left_out():
    table = incidents_by_month(
        [
            incident("a", "2025-01-03"),
            incident("b", "2025-03", "month", country="UA"),
            incident("c", "2025", "year"),
            incident("d", None),
            incident("e", "2025-03-30", country=None),
        ]
    )
    assert table.columns == ["Mois", "Frappe en Russie", "Frappe en Ukraine", "lieu inconnu"]
    assert table.rows == [["2025-01", 1, 0, 0], ["2025-02", 0, 0, 0], ["2025-03", 0, 1, 1]]


def test_killed_and_injured_add_each_incidents_low_and_high_never_the_claims():
    table = casualties_by_month(
        [
            incident("a", "2025-01-03", killed=[(3, "x"), (5, "y")], injured=[(10, None)]),
            incident("b", "2025-01-20", killed=[(1, None)]),
        ]
    )
    assert table.rows == [["2025-01", 4, 6, 10, 10]]  # not 3 + 5 + 1 = 9 killed


def test_drones_by_claimant_take_each_claimants_largest_figure_and_group_the_rare_ones():
    claimants = [f"source {n}" for n in range(TOP_CLAIMANTS + 1)]
    incidents = [
        incident(
            "a", "2025-01-03", drones_downed=[(10, claimants[0]), (12, claimants[0]), (7, None)]
        ),
        *(
            incident(f"b{n}", "2025-02-01", drones_downed=[(1, c)] * (TOP_CLAIMANTS + 1 - n))
            for n, c in enumerate(claimants)
        ),
    ]
    rows = {(r[0], r[1]): r[3] for r in drones_by_claimant(incidents).rows}
    assert rows[("2025-01", claimants[0])] == 12
    assert rows[("2025-01", UNATTRIBUTED)] == 7
    assert rows[("2025-02", OTHER_CLAIMANTS)] == 1  # the least frequent claimant
    assert ("2025-02", claimants[-1]) not in rows


def test_a_national_total_counts_once_for_its_night():
    def nationwide(incident_):
        figure_ = incident_.figures["drones_downed"]
        claims = [dataclasses.replace(c, scope="nationwide") for c in figure_.claims]
        return dataclasses.replace(
            incident_, figures={**incident_.figures, "drones_downed": Figure(claims)}
        )

    incidents = [
        nationwide(incident("a", "2025-01-03", drones_downed=[(121, "ministère")])),
        nationwide(incident("b", "2025-01-03", place="Kursk", drones_downed=[(121, "ministère")])),
        incident("c", "2025-01-03", place="Oryol", drones_downed=[(4, "ministère")]),
    ]
    rows = {(r[0], r[1]): r[3] for r in drones_by_claimant(incidents).rows}
    assert rows[("2025-01", "ministère")] == 125  # not 121 + 121 + 4


def test_places_are_counted_once_per_incident():
    table = places_hit_most(
        [
            incident("a", "2025-01-03"),
            incident("b", "2025-02-03"),
            incident("c", "2025-02-03", place="Kursk"),
        ]
    )
    assert table.rows == [["Belgorod", 2], ["Kursk", 1]]


def test_limits_give_the_share_of_conflicting_figures_and_of_imprecise_dates():
    rows = {
        r[0]: r[1:]
        for r in limits(
            [
                incident("a", "2025-01-03", killed=[(3, None), (5, None)]),
                incident("b", "2025-02", "month", killed=[(1, None)]),
                incident("c", None),
            ]
        ).rows
    }
    assert rows["Incidents chiffrés dont les sources se contredisent"] == [1, 2]
    assert (
        rows["Date connue au jour"] == [1, 3]
        and rows["Date connue au mois seulement"] == [1, 3]
        and rows["Date inconnue"] == [1, 3]
    )


def test_charts_are_deterministic_inline_svg_in_the_page_colour_with_text_escaped():
    incidents = [
        incident(
            "a",
            "2025-01-03",
            place="<script>alert(1)</script>",
            target="refinery",
            killed=[(2, "x")],
        )
    ]
    for table in statistics(incidents):
        svg = chart_svg(table)
        assert svg == chart_svg(table)
        assert (
            svg.startswith(f'<svg id="{table.id}" role="img"')
            and f'<title id="{table.id}-title">' in svg
        )
        assert "<script" not in svg and ("currentColor" in svg or not table.rows)
        assert "\n\n" not in svg and "<?xml" not in svg
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert all(i.startswith(table.id) for i in ids)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chart_svg(places_hit_most(incidents))


def test_a_claimant_written_with_or_without_accents_is_one_claimant():
    rows = drones_by_claimant(
        [
            incident("a", "2025-01-03", drones_downed=[(10, "armée de l'air ukrainienne")]),
            incident("b", "2025-01-04", drones_downed=[(5, "armee de l'air ukrainienne")]),
            incident("c", "2025-01-05", drones_downed=[(2, "Armée de l'air ukrainienne")]),
            incident("d", "2025-01-06", drones_downed=[(1, "armée de l'air ukrainienne")]),
        ]
    ).rows
    assert rows == [
        ["2025-01", "armée de l'air ukrainienne", 0, 18]
    ]  # under its most frequent spelling
