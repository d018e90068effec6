"""Maps: one folium map per page that has places, each its own HTML file under `cartes/`.

Pages embed their map with an `<iframe>` and list the places shown under it. A map file
loads Leaflet, its plugins, the country borders and `assets/archive-map.js` from the site
itself (see `docs/assets/vendor/README.md`): nothing comes from a CDN, and a map opened
from disk shows borders with no network; OpenStreetMap tiles are an optional layer.

folium keeps its CDN asset lists on the class; they are replaced on each instance only.
Its element ids are random; they are renumbered, so that the same corpus gives the same
bytes. Corpus strings reach the map as JSON in a script (with `<`, `>`, `&` and the line
separators escaped) and are put into popups as text by `archive-map.js`, never as HTML.

folium draws one skeleton per kind of map (`map_skeletons`), which each map fills in. It
is imported only to draw them, and the build keeps them: a rebuild need not import it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from build_tools import urls
from build_tools.catalogue import Catalogue, Entry
from build_tools.model import ArticleRecord, Incident, Place

VENDOR = "assets/vendor"
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


@dataclass(frozen=True)
class MapPoint:
    """A marker: where, what it is called, where its popup links (relative to the map file)."""

    title: str
    lat: float
    # None only from `place_map`, for a places.yml entry given a lat but no lon.
    lon: float | None
    role: str  # "primary", "mentioned" (places) or "incident" (overview maps)
    href: str | None = None
    date: str | None = None  # as shown in the popup
    year: str | None = None  # for the year filter
    note: str | None = None


@dataclass(frozen=True)
class MapFile:
    """A map document and the points it shows (listed under the map on its page)."""

    path: str  # under docs/
    html: str
    points: list[MapPoint]

    def src_from(self, page: str) -> str:
        """The iframe `src` of this map on the page at `page` (a path under docs/)."""
        return urls.base_of(page) + self.path


def script_json(data: object) -> str:
    """JSON that is safe inside a <script>: no `</script>`, no HTML entity, no line separator."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(
        _JSON_ESCAPES
    )


@cache
def _archive_places_class() -> type:
    """The folium element of a map's markers (a class made when folium is first needed)."""
    import folium
    from folium.elements import JSCSSMixin
    from folium.template import Template

    class _ArchivePlaces(JSCSSMixin, folium.MacroElement):
        """The markers of one map, drawn by `archiveMap.places` (docs/assets/archive-map.js)."""

        # Spelled out line by line: its whitespace is part of every map file's bytes.
        _template = Template(
            "\n"
            "        {% macro script(this, kwargs) %}\n"
            "            archiveMap.places({{ this._parent.get_name() }}, {{ this.points_json }}, "
            "{{ this.options_json }});\n"
            "        {% endmacro %}\n"
            "        "
        )

        def __init__(self, points_json: str, options: dict, assets: str):
            super().__init__()
            self._name = "ArchivePlaces"
            self.points_json = points_json
            self.options_json = script_json(options)
            self.default_js = [
                (
                    "markercluster",
                    f"{assets}{VENDOR}/leaflet.markercluster/leaflet.markercluster.js",
                ),
                ("topojson", f"{assets}{VENDOR}/topojson-client/topojson-client.min.js"),
                ("borders", f"{assets}{urls.BORDERS_SCRIPT}"),
                ("labels", f"{assets}{urls.LABELS_SCRIPT}"),
                ("archive_map", f"{assets}assets/archive-map.js"),
            ]
            self.default_css = [
                ("markercluster_css", f"{assets}{VENDOR}/leaflet.markercluster/MarkerCluster.css"),
                (
                    "markercluster_default_css",
                    f"{assets}{VENDOR}/leaflet.markercluster/MarkerCluster.Default.css",
                ),
                ("archive_map_css", f"{assets}assets/archive-map.css"),
            ]

    return _ArchivePlaces


# What differs from one map file to another of the same depth and options: folium renders
# these stand-ins once, and each map fills them in (folium renders ~30 elements a map,
# compiling a template for each: drawing 2,000 maps one by one took seconds).
_TITLE_SLOT = "ARCHIVE-MAP-TITLE"
_POINTS_SLOT = "ARCHIVE_MAP_POINTS"
_CENTRE_SLOT = [12.3456789, 98.7654321]
_SLOTS = re.compile(
    "|".join(re.escape(s) for s in (_TITLE_SLOT, _POINTS_SLOT, json.dumps(_CENTRE_SLOT)))
)


#: A map skeleton's key: where the map file finds the site's assets (`../` per folder it is
#: in), and the options archive-map.js is given.
SkeletonKey = tuple[str, str]
#: Map skeletons by key (`map_skeletons`).
Skeletons = Mapping[SkeletonKey, str]

# The options of each kind of map the site draws (`_skeleton_key`'s).
_PLACES_MAP: dict[str, Any] = {"max_zoom": 5, "mentioned_toggle": True}  # an incident's places
_PLACE_MAP: dict[str, Any] = {"max_zoom": 5}  # a place
_OVERVIEW_MAP: dict[str, Any] = {"cluster": True, "years": True, "max_zoom": 5}  # every incident


def _skeleton_key(
    path: str,
    *,
    cluster: bool = False,
    years: bool = False,
    max_zoom: int = 7,
    mentioned_toggle: bool = False,
) -> SkeletonKey:
    """The skeleton of a map file at `path` (under docs/) with these options."""
    options = {
        "cluster": cluster,
        "years": years,
        "maxZoom": max_zoom,
        "mentionedToggle": mentioned_toggle,
    }
    return urls.base_of(path), script_json(options)


def map_skeletons() -> dict[SkeletonKey, str]:
    """The skeleton of each kind of map the site draws. The build keeps them, so that a
    rebuild that draws a map does not import folium (a tenth of a second)."""
    kinds = [
        _skeleton_key(urls.map_of(urls.incident("-")), **_PLACES_MAP),
        _skeleton_key(urls.map_of(urls.article("-")), **_PLACES_MAP),
        _skeleton_key(urls.map_of(urls.entry("place", "-")), **_PLACE_MAP),
        _skeleton_key(urls.OVERVIEW_MAP, **_OVERVIEW_MAP),
    ]
    return {key: _map_skeleton(*key) for key in kinds}


def map_document(
    path: str,
    points: list[MapPoint],
    title: str,
    skeletons: Skeletons | None = None,
    **options: Any,
) -> str:
    """The HTML of one map file at `path` (under docs/), drawn from its skeleton in
    `skeletons` if there (else by folium). The options are `_skeleton_key`'s; with
    `mentioned_toggle`, the places only mentioned are a layer the reader turns on."""
    centre = [points[0].lat, points[0].lon] if points else [50.0, 35.0]
    values = {
        _TITLE_SLOT: html.escape(title),  # branca prints the title unescaped
        _POINTS_SLOT: script_json([asdict(p) for p in points]),
        json.dumps(_CENTRE_SLOT): json.dumps(centre),
    }
    key = _skeleton_key(path, **options)
    skeleton = (skeletons or {}).get(key) or _map_skeleton(*key)
    # One pass: what is filled in is never searched for stand-ins again.
    return _SLOTS.sub(lambda m: values[m.group(0)], skeleton)


@cache
def _map_skeleton(assets: str, options_json: str) -> str:
    """A folium map document with stand-ins for its title, centre and points."""
    import folium
    from branca.element import Element, Figure

    figure = Figure(title=_TITLE_SLOT)
    # The scale is drawn by archive-map.js: metric only (folium's has miles too).
    fmap = folium.Map(location=_CENTRE_SLOT, zoom_start=5, tiles=None)
    fmap.default_js = [("leaflet", f"{assets}{VENDOR}/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{assets}{VENDOR}/leaflet/leaflet.css")]
    figure.add_child(fmap)
    figure.header.add_child(Element('<meta name="robots" content="noindex">'), name="robots")
    places = _archive_places_class()
    fmap.add_child(places(_POINTS_SLOT, json.loads(options_json), assets))
    for number, element in enumerate(_elements(figure, Element)):
        element._id = f"{number:04d}"
    document = figure.render().replace("<html>", '<html lang="fr">', 1)
    if any(
        document.count(slot) != 1 for slot in (_TITLE_SLOT, _POINTS_SLOT, json.dumps(_CENTRE_SLOT))
    ):
        raise RuntimeError(
            "folium's map template changed: each stand-in must appear once in a map document"
        )
    return document


def _elements(root, element: type) -> Iterator:
    """Every element of a folium/branca tree, parents first, in insertion order (`element`:
    branca's Element class)."""
    yield root
    for child in list(getattr(root, "_children", {}).values()):
        yield from _elements(child, element)
    for part in ("header", "html", "script"):
        if isinstance(getattr(root, part, None), element):
            yield from _elements(getattr(root, part), element)


def borders_script(countries_json: str) -> str:
    """`cartes/frontieres.js`: the world-atlas TopoJSON as a script, loadable from file://."""
    return f"window.ARCHIVE_BORDERS = {countries_json.strip()};\n"


def labels_script(labels: list[dict]) -> str:
    """`cartes/reperes.js`: the regions and towns the offline maps write, as a script. The
    names go through `script_json`, so a name from places.yml cannot close the script."""
    return f"window.ARCHIVE_LABELS = {script_json(labels)};\n"


def _place_point(place: Place, href: str | None, note: str | None = None) -> MapPoint | None:
    if place.lat is None or place.lon is None:
        return None
    return MapPoint(
        title=place.name,
        lat=place.lat,
        lon=place.lon,
        role="primary" if place.role == "primary" else "mentioned",
        href=href,
        note=note,
    )


def places_points(places: list[Place], catalogue: Catalogue, base: str) -> list[MapPoint]:
    """Markers for the places of an incident or an article, linking to their Lieu pages."""
    points = []
    for place in places:
        entry = catalogue.entry("place", place.name)
        note = "lieu de l'événement" if place.role == "primary" else "lieu mentionné"
        point = _place_point(place, entry.href(base) if entry else None, note)
        if point is not None:
            points.append(point)
    return points


def _places_map(
    path: str, places: list[Place], title: str, catalogue: Catalogue, skeletons: Skeletons
) -> MapFile | None:
    points = places_points(places, catalogue, urls.base_of(path))
    if not points:
        return None
    document = map_document(path, points, f"Carte : {title}", skeletons, **_PLACES_MAP)
    return MapFile(path, document, points)


def incident_map(
    incident: Incident, catalogue: Catalogue, skeletons: Skeletons | None = None
) -> MapFile | None:
    path = urls.map_of(urls.incident(incident.id))
    return _places_map(path, incident.places, incident.title, catalogue, skeletons or {})


def article_map(
    record: ArticleRecord, catalogue: Catalogue, skeletons: Skeletons | None = None
) -> MapFile | None:
    path = urls.map_of(urls.article(record.id))
    return _places_map(path, record.places, record.title, catalogue, skeletons or {})


def place_map(entry: Entry, skeletons: Skeletons | None = None) -> MapFile | None:
    """Where the place is."""
    if entry.place is None or entry.place.lat is None:
        return None
    path = urls.map_of(urls.entry("place", entry.id))
    point = MapPoint(title=entry.name, lat=entry.place.lat, lon=entry.place.lon, role="primary")
    title = f"Carte : {entry.name}"
    return MapFile(path, map_document(path, [point], title, skeletons, **_PLACE_MAP), [point])


def overview_map(
    incidents: list[Incident], date_text, skeletons: Skeletons | None = None
) -> MapFile:
    """Every incident that has coordinates, clustered, with a year filter."""
    points = []
    for incident in incidents:
        located = next(
            (
                (p, p.lat, p.lon)
                for p in incident.primary_places
                if p.lat is not None and p.lon is not None
            ),
            None,
        )
        if located is None:
            continue
        place, lat, lon = located
        points.append(
            MapPoint(
                title=incident.title,
                lat=lat,
                lon=lon,
                role="incident",
                href=urls.base_of(urls.OVERVIEW_MAP) + urls.incident(incident.id),
                date=date_text(incident.date),
                year=incident.date.value[:4] if incident.date else None,
                note=place.name,
            )
        )
    return MapFile(
        urls.OVERVIEW_MAP,
        map_document(urls.OVERVIEW_MAP, points, "Carte des incidents", skeletons, **_OVERVIEW_MAP),
        points,
    )
