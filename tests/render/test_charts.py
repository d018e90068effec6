"""The charts as inline SVG: their geometry (ticks, month labels, bars, lines) and their markup."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest

from build_tools.render.charts import (
    PALETTE,
    chart_svg,
    month_ticks,
    nice_ticks,
    small_months_svg,
)
from build_tools.stats import (
    Table,
    incidents_by_month,
    limits,
    months_between,
    places_hit_most,
    statistics,
)
from tests.conftest import REPO
from tests.test_stats import incident

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def elements(svg: str, tag: str) -> list[ET.Element]:
    return list(parsed(svg).iter(SVG + tag))


def drones_table(rows: list[list]) -> Table:
    return Table(
        "drones-par-mois",
        "Drones",
        ["Mois", "Déclarant", "Drones lancés", "Drones abattus"],
        rows,
        "",
    )


def test_nice_ticks_are_whole_numbers_from_zero_at_a_round_step_covering_the_largest_value():
    for largest in [*range(130), 394, 999, 1000, 1001, 12345]:
        ticks = nice_ticks(largest)
        step = ticks[1] - ticks[0]
        assert ticks[0] == 0 and all(isinstance(t, int) for t in ticks), largest
        assert ticks == list(range(0, ticks[-1] + 1, step)), largest
        assert re.fullmatch(r"[125]0*", str(step)), largest
        assert ticks[-1] >= largest and ticks[-2] < max(largest, 1), (
            largest
        )  # no tick past the one that covers it
        assert len(ticks) <= 7, largest
    assert (
        nice_ticks(7) == [0, 2, 4, 6, 8]
        and nice_ticks(60) == [0, 10, 20, 30, 40, 50, 60]
        and nice_ticks(394) == [0, 100, 200, 300, 400]
    )


def test_nice_ticks_run_from_0_to_1_when_every_value_is_0():
    assert nice_ticks(0) == [0, 1]


def test_every_month_of_a_year_is_labelled_and_a_longer_span_labels_januaries_by_their_year():
    year = months_between("2024-08", "2025-07")
    assert month_ticks(year) == [
        (i, label)
        for i, label in enumerate(
            [
                "août 2024",
                "sept. 2024",
                "oct. 2024",
                "nov. 2024",
                "déc. 2024",
                "janv. 2025",
                "févr. 2025",
                "mars 2025",
                "avr. 2025",
                "mai 2025",
                "juin 2025",
                "juil. 2025",
            ],
        )
    ]
    assert month_ticks(months_between("2023-05", "2025-07")) == [
        (0, "mai 2023"),
        (8, "2024"),
        (20, "2025"),
    ]
    assert month_ticks(months_between("2024-01", "2025-02")) == [(0, "2024"), (12, "2025")]


def test_a_january_just_after_the_first_month_is_left_unlabelled_so_that_labels_do_not_overlap():
    assert month_ticks(months_between("2022-12", "2024-06")) == [(0, "déc. 2022"), (13, "2024")]
    assert month_ticks(months_between("2022-10", "2024-06")) == [
        (0, "oct. 2022"),
        (3, "2023"),
        (15, "2024"),
    ]


def test_month_labels_are_rotated_only_when_they_would_overlap():
    def chart(first: str, last: str) -> str:
        months = months_between(first, last)
        return chart_svg(
            Table(
                "incidents-par-mois",
                "t",
                ["Mois", "Frappe en Russie"],
                [[m, 1] for m in months],
                "",
            )
        )

    assert "rotate(-45" in chart("2025-01", "2025-12")
    assert "rotate(-45" not in chart("2025-01", "2025-04")
    assert "rotate(-45" not in chart("2022-01", "2025-12")  # four years: a label a year


def test_stacked_columns_add_up_to_each_months_total_on_one_scale():
    incidents = [
        incident("a", "2025-01-03"),
        incident("b", "2025-01-04", country="UA"),
        incident("c", "2025-01-05", country=None),
        incident("d", "2025-03-01"),
        incident("e", "2025-03-02"),
        incident("f", "2025-03-03", country="UA"),
    ]
    table = incidents_by_month(incidents)
    columns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for rect in elements(chart_svg(table), "rect"):
        if rect.find(SVG + "title") is not None:  # a bar, not a legend key
            columns[rect.get("x")].append((float(rect.get("y")), float(rect.get("height"))))
    totals = [sum(row[1:]) for row in table.rows if sum(row[1:])]
    assert [len(c) for c in columns.values()] == [3, 2]  # a segment per country present that month
    heights = [sum(h for _, h in c) for c in columns.values()]
    assert heights[0] / totals[0] == pytest.approx(heights[1] / totals[1], abs=0.05)
    for segments in columns.values():  # each segment starts where the one below it ends
        ordered = sorted(segments, reverse=True)
        assert all(
            lower_y == pytest.approx(y + h) for (lower_y, _), (y, h) in itertools.pairwise(ordered)
        )


def test_a_claimants_line_has_a_gap_for_a_month_without_a_figure_never_a_zero():
    table = drones_table(
        [
            ["2025-01", "armée de l'air ukrainienne", 0, 10],
            ["2025-02", "armée de l'air ukrainienne", 0, 20],
            ["2025-04", "armée de l'air ukrainienne", 0, 40],
            ["2025-03", "ministère russe de la Défense", 0, 30],
        ]
    )
    svg = chart_svg(table)
    lines = {g.get("stroke"): g for g in parsed(svg).iter(SVG + "g") if g.get("stroke") in PALETTE}
    ukrainian, russian = lines[PALETTE[0]], lines[PALETTE[1]]
    # January and February joined; April alone; March (no figure from this claimant) not drawn.
    assert [len(p.get("points").split()) for p in ukrainian.iter(SVG + "polyline")] == [2]
    assert [c.find(SVG + "title").text for c in ukrainian.iter(SVG + "circle")] == [
        "janv. 2025, armée de l'air ukrainienne : 10 drones abattus",
        "févr. 2025, armée de l'air ukrainienne : 20 drones abattus",
        "avr. 2025, armée de l'air ukrainienne : 40 drones abattus",
    ]
    assert [c.find(SVG + "title").text for c in russian.iter(SVG + "circle")] == [
        "mars 2025, ministère russe de la Défense : 30 drones abattus"
    ]
    assert (
        "drones lancés" in svg and "drone lancé" not in svg
    )  # no claimant gave a launched figure: no marker at 0


def test_a_claimants_figures_are_never_stacked_on_anothers():
    table = drones_table(
        [["2025-01", "a", 0, 10], ["2025-01", "b", 0, 10], ["2025-02", "a", 0, 20]]
    )
    circles = {
        c.find(SVG + "title").text: float(c.get("cy"))
        for c in elements(chart_svg(table), "circle")
        if c.find(SVG + "title") is not None
    }
    assert (
        circles["janv. 2025, a : 10 drones abattus"] == circles["janv. 2025, b : 10 drones abattus"]
    )


def test_casualties_draw_the_high_figure_lightly_behind_the_low_one():
    table = Table(
        "victimes-par-mois", "t", ["Mois", "a", "b", "c", "d"], [["2025-01", 3, 5, 0, 0]], ""
    )
    bars = [r for r in elements(chart_svg(table), "rect") if r.find(SVG + "title") is not None]
    assert [r.find(SVG + "title").text for r in bars] == [
        "janv. 2025, fourchette haute : 5 tués",
        "janv. 2025, fourchette basse : 3 tués",
    ]
    assert bars[0].get("fill-opacity") and not bars[1].get("fill-opacity")
    assert float(bars[0].get("height")) / 5 == pytest.approx(
        float(bars[1].get("height")) / 3, abs=0.05
    )


def test_a_hostile_place_name_is_escaped_and_shown_as_text():
    incidents = [incident("a", "2025-01-03", place="<script>alert(1)</script>")]
    svg = chart_svg(places_hit_most(incidents))
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script>alert(1)</script>" in [t.text for t in elements(svg, "text")]


def test_a_long_name_is_shortened_and_given_whole_when_hovered():
    name = "Une ville au nom vraiment très long, bien plus long que la moitié du graphique"
    svg = chart_svg(Table("lieux", "t", ["Lieu", "Incidents"], [[name, 2], ["Kursk", 1]], ""))
    shown = [t.text for t in elements(svg, "text")]
    assert name not in shown and any(t.endswith("…") and name.startswith(t[:-1]) for t in shown)
    assert f"{name} : 2 incidents" in [t.text for t in elements(svg, "title")]


def test_limits_show_shares_up_to_115_percent_with_n_of_m_and_the_first_row_in_its_own_colour():
    svg = chart_svg(
        limits(
            [incident("a", "2025-01-03"), incident("b", "2025-02", "month"), incident("c", None)]
        )
    )
    rects = elements(svg, "rect")
    widths = [float(r.get("width")) for r in rects]
    assert [r.get("fill") for r in rects] == [PALETTE[0]] + [PALETTE[5]] * 4
    assert (
        widths[0] == 0 and widths[1] == pytest.approx(widths[2]) and widths[3] == 0
    )  # 0 / 0 (no figures), 1 / 3, 1 / 3, 0 / 3
    assert {"0 / 0", "1 / 3", "0 / 3"} <= {t.text for t in elements(svg, "text")}
    ticks = {t.text: float(t.get("x")) for t in elements(svg, "text") if t.text in ("0", "100")}
    plot_start = float(rects[1].get("x"))
    assert (
        widths[1] == pytest.approx((ticks["100"] - ticks["0"]) / 3, abs=0.2)
        and ticks["0"] == plot_start
    )


def every_chart() -> list[tuple[str, str]]:
    incidents = [
        incident(
            "a",
            "2025-01-03",
            place="Kursk",
            target="refinery",
            killed=[(2, "x"), (4, "y")],
            drones_downed=[(12, "x")],
        ),
        incident("b", "2025-03", "month", country="UA", drones_launched=[(30, "y")]),
        incident("c", None),
    ]
    tables = statistics(incidents)
    return [(t.id, chart_svg(t)) for t in tables] + [
        ("accueil-" + tables[0].id, small_months_svg(tables[0]))
    ]


def test_ids_are_prefixed_by_their_charts_id_and_unique_on_a_page_of_every_chart():
    charts = every_chart()
    ids = [(prefix, i) for prefix, svg in charts for i in re.findall(r'\bid="([^"]+)"', svg)]
    assert all(i == prefix or i.startswith(prefix + "-") for prefix, i in ids)
    assert len({i for _, i in ids}) == len(ids) == 2 * len(charts)  # the chart's and its title's
    assert len({prefix for prefix, _ in charts}) == len(charts)


def test_every_chart_is_inline_svg_scaled_by_its_viewbox_in_the_page_colour():
    for prefix, svg in every_chart():
        root = parsed(svg)  # well-formed
        assert svg.startswith(f'<svg id="{prefix}" role="img" aria-labelledby="{prefix}-title"')
        assert root.find(SVG + "title").get("id") == f"{prefix}-title"
        assert (
            re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
            and root.get("fill") == "currentColor"
        )
        assert (
            "\n\n" not in svg
            and not re.search(r"\n\s*\n", svg)
            and "<?xml" not in svg
            and "<script" not in svg
        )
        colours = set(re.findall(r'(?:fill|stroke)="([^"]+)"', svg))
        assert colours <= {"currentColor", "none", *PALETTE}


def test_same_table_same_bytes():
    first = dict(every_chart())
    assert dict(every_chart()) == first


def test_an_empty_table_gives_an_svg_without_data():
    table = Table("lieux", "Les lieux <les plus> frappés", ["Lieu", "Incidents"], [], "")
    for svg in (
        chart_svg(table),
        small_months_svg(Table("incidents-par-mois", "t", ["Mois"], [], "")),
    ):
        root = parsed(svg)
        assert [child.tag for child in root] == [SVG + "title"]
    assert "Les lieux &lt;les plus&gt; frappés" in chart_svg(table)


def test_charts_are_drawn_without_matplotlib():
    code = (
        "import sys; from build_tools.render.charts import chart_svg; "
        "from tests.render.test_charts import every_chart; every_chart(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'PIL')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert out.strip() == "[]"
