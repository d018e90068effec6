"""Data downloads (SPEC §7): a contract read by tests and outside users.

JSON is UTF-8 with sorted keys and lists in a stable order, so that the same corpus
gives the same bytes and a pull request's diff of the data is readable. Each record,
incident and map feature is encoded on its own and the lists are put together around
them (`json_list`): through the build's store, only new or changed items are encoded. The
CSV has one row per incident, one column group per figure: its range, whether sources
disagree, and every claim with its article and who makes it.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from build_tools import urls
from build_tools.incremental.call import Call, apply
from build_tools.model import FIGURE_NAMES, ArticleRecord, Claim, Incident, to_json

CSV_COLUMNS = [
    "id",
    "title",
    "date",
    "date_precision",
    "place",
    "country",
    "admin1",
    "lat",
    "lon",
    "target_name",
    "target_type",
    "articles",
    *[f"{name}_{part}" for name in FIGURE_NAMES for part in ("min", "max", "conflict", "claims")],
]


def dumps(data: Any) -> str:
    """Stable, readable JSON: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def json_list(items: list[str], level: int) -> str:
    """What `dumps` writes for a list, nested `level` deep, of the items whose `dumps`
    texts (without the final newline) are given. JSON strings hold no line break, so each
    line of an item is indented alike."""
    if not items:
        return "[]"
    indent = "  " * level
    return (
        "[\n"
        + ",\n".join(indent + item.replace("\n", "\n" + indent) for item in items)
        + "\n"
        + "  " * (level - 1)
        + "]"
    )


def item_json(value: ArticleRecord | Incident) -> str:
    """One record of articles.json or incidents.json, as `dumps` writes it."""
    return dumps(to_json(value)).removesuffix("\n")


def article_records_json(records: list[ArticleRecord], call: Call = apply) -> str:
    """`articles.json`: every article record, ordered by id."""
    return json_list([call(item_json, r) for r in sorted(records, key=lambda r: r.id)], 1) + "\n"


def incidents_json(incidents: list[Incident], call: Call = apply) -> str:
    """`incidents.json`: every incident record with its figures' claims, ordered by id."""
    return json_list([call(item_json, i) for i in sorted(incidents, key=lambda i: i.id)], 1) + "\n"


def claim_text(claim: Claim) -> str:
    """One claim in a CSV cell: `45 [article-id] selon …`; a count without a number
    by its qualifier."""
    value = str(claim.value) if claim.value is not None else (claim.qualifier or "unspecified")
    if claim.value is not None and claim.qualifier:
        value = f"{claim.qualifier} {value}"
    said = f" selon {claim.claimed_by}" if claim.claimed_by else ""
    scope = f" ({claim.scope})" if claim.scope != "incident" else ""
    return f"{value}{scope} [{claim.article}]{said}"


def incident_row(incident: Incident) -> dict[str, Any]:
    place = incident.primary_places[0] if incident.primary_places else None
    row: dict[str, Any] = {
        "id": incident.id,
        "title": incident.title,
        "date": incident.date.value if incident.date else "",
        "date_precision": incident.date.precision if incident.date else "",
        "place": place.name if place else "",
        "country": (place.country or "") if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "lat": place.lat if place and place.lat is not None else "",
        "lon": place.lon if place and place.lon is not None else "",
        "target_name": (incident.target.name or "") if incident.target else "",
        "target_type": incident.target.type if incident.target else "",
        "articles": ";".join(incident.articles),
    }
    for name in FIGURE_NAMES:
        figure = incident.figures[name]
        row[f"{name}_min"] = "" if figure.min is None else figure.min
        row[f"{name}_max"] = "" if figure.max is None else figure.max
        row[f"{name}_conflict"] = "true" if figure.conflict else "false"
        row[f"{name}_claims"] = " | ".join(claim_text(c) for c in figure.claims)
    return row


def incidents_csv(incidents: list[Incident]) -> str:
    """`incidents.csv`: one row per incident, ordered by id (RFC 4180, UTF-8, LF line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for incident in sorted(incidents, key=lambda i: i.id):
        writer.writerow(incident_row(incident))
    return out.getvalue()


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


def incidents_geojson(incidents: list[Incident], call: Call = apply) -> str:
    """`incidents.geojson`: a FeatureCollection, one Point per incident whose primary place has
    coordinates (RFC 7946: longitude first), properties from the incident record; as
    `dumps({"type": "FeatureCollection", "features": [...]})` writes it (keys sorted)."""
    features = [
        call(feature_json, i)
        for i in sorted(incidents, key=lambda i: i.id)
        if mapped_place(i) is not None
    ]
    return '{\n  "features": ' + json_list(features, 2) + ',\n  "type": "FeatureCollection"\n}\n'


def export_files(
    records: list[ArticleRecord], incidents: list[Incident], call: Call = apply
) -> dict[str, str]:
    """Every download, keyed by its path under docs/; each item's JSON made through `call`."""
    return {
        urls.ARTICLES_JSON: article_records_json(records, call),
        urls.INCIDENTS_JSON: incidents_json(incidents, call),
        urls.INCIDENTS_CSV: incidents_csv(incidents),
        urls.INCIDENTS_GEOJSON: incidents_geojson(incidents, call),
    }
