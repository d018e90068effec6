"""Map files: deterministic, small, loading nothing from elsewhere, corpus text never code."""

import json
import re
import subprocess
import sys

from build_tools import maps
from build_tools.maps import MapFile, MapPoint, map_document, map_skeletons, script_json
from build_tools.render.pages import render_site
from tests.incremental.test_page_reuse import BEFORE, site

HOSTILE = "Kupol</script><script>alert(1)</script> `${alert(2)}` \\ \u2028 & <b>"


def points(n: int, title: str = "Izhevsk") -> list[MapPoint]:
    return [
        MapPoint(
            f"{title} {i}",
            56.85 + i / 100,
            53.2,
            "primary" if i == 0 else "mentioned",
            f"../../lieux/p{i}.html",
        )
        for i in range(n)
    ]


def test_the_same_points_give_the_same_bytes():
    assert map_document("cartes/incidents/a.html", points(5), "Carte") == map_document(
        "cartes/incidents/a.html", points(5), "Carte"
    )


def test_assets_come_from_the_site_itself_by_relative_paths():
    html = map_document("cartes/incidents/a.html", points(2), "Carte")
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("../../") for s in sources), sources
    assert "://" not in html and "cdn" not in html
    assert '<script src="../../cartes/frontieres.js"></script>' in html


def test_an_incident_map_with_many_places_weighs_under_20_kb():
    assert (
        len(map_document("cartes/incidents/a.html", points(40), "Carte").encode("utf-8")) < 20_000
    )


def test_corpus_strings_cannot_close_the_script_or_run_as_a_template():
    html = map_document("cartes/articles/a.html", points(1, HOSTILE), HOSTILE)
    script = html[html.rindex("<script>") :]
    assert script.count("</script>") == 1 and "<script>alert" not in html
    assert "\u2028" not in script
    assert "<title>Kupol&lt;/script&gt;" in html
    data = re.search(r"archiveMap\.places\(map_\w+, (\[.*?\]), \{", script).group(1)
    assert json.loads(data)[0]["title"].startswith(HOSTILE)
    assert "`" not in script.replace(data, ""), "no template literal around corpus text"


def test_script_json_escapes_markup_characters_but_keeps_the_values():
    text = script_json({"t": "</script>&\u2029"})
    assert "<" not in text and "&" not in text and "\u2029" not in text
    assert json.loads(text) == {"t": "</script>&\u2029"}


def test_an_iframe_src_is_relative_to_the_page():
    map_file = MapFile("cartes/incidents/a.html", "", [])
    assert map_file.src_from("incidents/a.md") == "../cartes/incidents/a.html"
    assert map_file.src_from("index.md") == "cartes/incidents/a.html"


def test_folium_class_wide_asset_lists_are_left_as_they_were():
    import folium

    before = (list(folium.Map.default_js), list(folium.Map.default_css))
    map_document("cartes/incidents/a.html", points(1), "Carte")
    assert (folium.Map.default_js, folium.Map.default_css) == before
    assert (
        "leaflet.js" in folium.Map().get_root().render()
        and "cdn.jsdelivr.net" in folium.Map().get_root().render()
    )


def test_every_map_of_the_site_is_drawn_from_a_kept_skeleton(monkeypatch):
    """A rebuild that keeps the skeletons draws its maps without folium."""
    kept = map_skeletons()
    expected = render_site(site(*BEFORE))

    def no_folium(assets: str, options_json: str) -> str:
        raise AssertionError(f"a map drawn by folium: {assets!r}, {options_json}")

    monkeypatch.setattr(maps, "_map_skeleton", no_folium)
    files = render_site(site(*BEFORE), call=lambda f, *a: kept if f is map_skeletons else f(*a))
    assert {"cartes/ensemble.html", "cartes/incidents/i1.html", "cartes/lieux/koursk.html"} <= set(
        files
    )
    assert files == expected


def test_the_build_imports_folium_only_to_draw_map_skeletons():
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, build_tools.build, build_tools.cli; print('folium' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.strip() == "False"
