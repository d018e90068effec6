"""Data downloads (SPEC §7): a contract read by tests and outside users.

JSON is UTF-8 with sorted keys and lists in a stable order, so that the same corpus
gives the same bytes and a pull request's diff of the data is readable. Each record,
incident and map feature is encoded on its own and the lists are put together around
them (`json_list`, `list_of_indented`): a build given the file the last one left splices
the items that did not change from it (`ListMaker`). Each incident also has a file of its
own, `donnees/incidents/<id>.json`, with its articles' records, at an address that stays.
The same data as tables (`tables.py`) make the CSVs and their package (`datapackage.py`)
and the SQLite database (`database.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from build_tools import urls
from build_tools.catalogue import Entry
from build_tools.database import archive_database, datasette_metadata
from build_tools.datapackage import package_files
from build_tools.incremental.call import Call, apply
from build_tools.model import Article, ArticleRecord, Incident, to_json
from build_tools.tables import archive_tables

#: A file's content, or a function that gives it (as `write.Content`).
Content = str | bytes | Callable[[], str]
#: `file_maker(path, make, inputs)`: the file at path, `make(*inputs)` or, for a file made
#: of the same inputs as in the last build, a function that gives it
#: (`incremental/file_reuse.py`).
FileMaker = Callable[[str, Callable[..., str], tuple], Content]
#: What a file holds around its list (`ListMaker`): articles.json is the list and a newline.
Frame = tuple[str, str]
LIST_FILE: Frame = ("", "\n")
#: `list_maker(path, items, item_text, level, frame)`: the file at path, a JSON list `level`
#: deep of the items' texts (`item_text`, as `dumps` writes each without its final newline)
#: in `frame`, encoded: `listed`, or spliced from the file the last build left
#: (`incremental/file_reuse.ListReuse`).
ListMaker = Callable[[str, Sequence[Any], Callable[[Any], str], int, Frame], bytes]


def dumps(data: Any) -> str:
    """Stable, readable JSON: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def json_list(items: list[str], level: int) -> str:
    """What `dumps` writes for a list, nested `level` deep, of the items whose `dumps`
    texts (without the final newline) are given."""
    return list_of_indented([indented(item, level) for item in items], level).decode("utf-8")


def indented(item: str, level: int) -> bytes:
    """An item's text as a list `level` deep holds it, encoded: its lines after the first
    indented (JSON strings hold no line break)."""
    return item.replace("\n", "\n" + "  " * level).encode("utf-8")


def list_of_indented(
    items: Sequence[bytes | memoryview], level: int, frame: Frame = ("", "")
) -> bytes:
    """The list `level` deep of items `indented` already, in `frame`: in bytes, joined
    once (articles.json is 87 MB at 20,000 articles; a text of it, of characters past
    Latin-1, took 0.6 s to cut and join again, and each concatenation copies it)."""
    before, after = (part.encode("utf-8") for part in frame)
    if not items:
        return before + b"[]" + after
    opening, separator, closing = list_parts(level)
    parts: list[bytes | memoryview] = [separator] * (2 * len(items) + 1)
    parts[1::2] = items
    parts[0], parts[-1] = before + opening, closing + after
    return b"".join(parts)


def list_parts(level: int) -> tuple[bytes, bytes, bytes]:
    """What a list `level` deep of one item or more holds before, between and after its items."""
    indent = b"  " * level
    return b"[\n" + indent, b",\n" + indent, b"\n" + b"  " * (level - 1) + b"]"


def listed(
    path: str, items: Sequence[Any], item_text: Callable[[Any], str], level: int, frame: Frame
) -> bytes:
    """The plain `ListMaker`: every item's text made and indented."""
    return list_of_indented([indented(item_text(item), level) for item in items], level, frame)


def item_json(value: ArticleRecord | Incident) -> str:
    """One record of articles.json or incidents.json, as `dumps` writes it."""
    return dumps(to_json(value)).removesuffix("\n")


def article_records_json(
    records: list[ArticleRecord], call: Call = apply, list_maker: ListMaker = listed
) -> bytes:
    """`articles.json`: every article record, ordered by id."""
    ordered = sorted(records, key=lambda r: r.id)
    return list_maker(urls.ARTICLES_JSON, ordered, partial(call, item_json), 1, LIST_FILE)


def incidents_json(
    incidents: list[Incident], call: Call = apply, list_maker: ListMaker = listed
) -> bytes:
    """`incidents.json`: every incident record with its figures' claims, ordered by id."""
    ordered = sorted(incidents, key=lambda i: i.id)
    return list_maker(urls.INCIDENTS_JSON, ordered, partial(call, item_json), 1, LIST_FILE)


def mapped_place(incident: Incident):
    """The place an incident is drawn at: its first primary place with coordinates, or None."""
    return next(
        (p for p in incident.primary_places if p.lat is not None and p.lon is not None), None
    )


def feature_json(incident: Incident) -> str:
    """The GeoJSON Feature of an incident that has a `mapped_place`, as `dumps` writes it."""
    place = mapped_place(incident)
    record = to_json(incident)
    properties = {
        key: record[key]
        for key in ("id", "title", "date", "articles", "target", "figures", "curated")
    }
    properties["place"] = {
        key: record["places"][incident.places.index(place)][key]
        for key in ("name", "country", "admin1")
    }
    return dumps(
        {
            "type": "Feature",
            "id": incident.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": properties,
        }
    ).removesuffix("\n")


def incidents_geojson(
    incidents: list[Incident], call: Call = apply, list_maker: ListMaker = listed
) -> bytes:
    """`incidents.geojson`: a FeatureCollection, one Point per incident whose primary place has
    coordinates (RFC 7946: longitude first), properties from the incident record; as
    `dumps({"type": "FeatureCollection", "features": [...]})` writes it (keys sorted)."""
    mapped = [i for i in sorted(incidents, key=lambda i: i.id) if mapped_place(i) is not None]
    frame = ('{\n  "features": ', ',\n  "type": "FeatureCollection"\n}\n')
    return list_maker(urls.INCIDENTS_GEOJSON, mapped, partial(call, feature_json), 2, frame)


def incident_file_json(incident_json: str, article_jsons: list[str]) -> str:
    """`donnees/incidents/<id>.json`: the incident record (with its figures' claims) and
    its articles' records, in the incident's order (first published first), as
    `dumps({"articles": [...], "incident": {...}})` writes it."""
    return (
        '{\n  "articles": '
        + json_list(article_jsons, 2)
        + ',\n  "incident": '
        + incident_json.replace("\n", "\n  ")
        + "\n}\n"
    )


def incident_file(incident: Incident, records: list[ArticleRecord], call: Call = apply) -> str:
    """`donnees/incidents/<id>.json` of an incident and its articles' records."""
    return incident_file_json(call(item_json, incident), [call(item_json, r) for r in records])


def made_now(path: str, make: Callable[..., str], inputs: tuple) -> Content:
    """The plain `FileMaker`: `make(*inputs)`."""
    return make(*inputs)


def incident_files(
    records: list[ArticleRecord],
    incidents: list[Incident],
    call: Call = apply,
    file_maker: FileMaker = made_now,
) -> dict[str, Content]:
    """One JSON file per incident, by path under docs/, made by `file_maker` from the
    incident and its articles' records."""
    by_id = {r.id: r for r in records}
    return {
        urls.incident_data(i.id): file_maker(
            urls.incident_data(i.id),
            partial(incident_file, call=call),
            (i, [by_id[a] for a in i.articles if a in by_id]),
        )
        for i in incidents
    }


def export_files(
    records: list[ArticleRecord],
    incidents: list[Incident],
    call: Call = apply,
    file_maker: FileMaker = made_now,
    list_maker: ListMaker = listed,
) -> dict[str, Content]:
    """Every download, keyed by its path under docs/; each item's JSON made through `call`,
    each incident's own file by `file_maker`, each list by `list_maker`."""
    return {
        urls.ARTICLES_JSON: article_records_json(records, call, list_maker),
        urls.INCIDENTS_JSON: incidents_json(incidents, call, list_maker),
        urls.INCIDENTS_GEOJSON: incidents_geojson(incidents, call, list_maker),
        **incident_files(records, incidents, call, file_maker),
    }


def data_downloads(
    articles: list[Article],
    records: list[ArticleRecord],
    incidents: list[Incident],
    entries: list[Entry],
    site_url: str | None,
) -> dict[str, str | bytes]:
    """The tables as CSVs with their data package, and as a SQLite database with its
    Datasette metadata, by path under docs/: made whole at each build (the writer leaves
    docs/ as it is where they come out the same)."""
    tables = archive_tables(articles, records, incidents, entries)
    return {
        **package_files(tables),
        urls.DATABASE: archive_database(tables),
        urls.DATASETTE_METADATA: datasette_metadata(tables, site_url),
    }
