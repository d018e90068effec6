"""The JSON downloads are put together from items encoded one by one: the bytes `dumps`
would write for the whole."""

import json

import pytest

from build_tools.export import dumps, export_files, json_list
from build_tools.incremental.store import Memo
from build_tools.model import (
    FIGURE_NAMES,
    ArticleRecord,
    Claim,
    Count,
    DateValue,
    Evidence,
    Figure,
    Incident,
    Place,
)

NO_FIGURES = {name: Figure([]) for name in FIGURE_NAMES}
TRICKY = 'Ligne\nsuivante, « guillemets », "citation", \\ barre, \u2028 séparateur, \t tabulation'


@pytest.mark.parametrize(
    "items",
    [[], [{}], [[]], [1, "a"], [{"b": [1, {"c": []}], "a": TRICKY}, {"liste": [[1, 2], [], {}]}]],
)
def test_a_list_put_together_from_its_items_is_what_dumps_writes(items):
    texts = [dumps(item).removesuffix("\n") for item in items]
    assert json_list(texts, 1) + "\n" == dumps(items)
    assert '{\n  "x": ' + json_list(texts, 2) + "\n}\n" == dumps({"x": items})


def _record(ident: str, place: Place) -> ArticleRecord:
    return ArticleRecord(
        id=ident,
        title=TRICKY,
        source="AFP",
        url=None,
        published="2025-07-03",
        language="fr",
        incident="i",
        date=DateValue("2025-07-01", "day", evidence=[Evidence(0, 5, TRICKY)]),
        places=[place],
        killed=Count(3, evidence=[Evidence(6, 9, "x")]),
    )


def test_every_json_download_is_what_dumps_writes_for_its_data():
    kupol = Place(
        name="Ijevsk",
        as_written=["Ijevsk"],
        kind="city",
        country="RU",
        admin1=None,
        lat=56.85,
        lon=53.2,
        role="primary",
    )
    nowhere = Place(
        name="Nulle part",
        as_written=[],
        kind="site",
        country=None,
        admin1=None,
        lat=None,
        lon=None,
        role="primary",
    )
    records = [_record("b", kupol), _record("a", nowhere)]
    incidents = [
        Incident(
            id="i",
            title=TRICKY,
            date=None,
            places=[kupol],
            articles=["a", "b"],
            target=None,
            figures={
                **NO_FIGURES,
                "killed": Figure([Claim(3, None, "le gouverneur", "b", [Evidence(6, 9, "x")])]),
            },
        ),
        Incident(
            id="j",
            title="Sans lieu",
            date=None,
            places=[nowhere],
            articles=[],
            target=None,
            figures=NO_FIGURES,
        ),
    ]
    memo = Memo()
    files = export_files(records, incidents, memo.call)
    for name in ("articles.json", "incidents.json", "incidents.geojson"):
        text = files[f"donnees/{name}"].decode("utf-8")
        assert dumps(json.loads(text)) == text, name
    assert [r["id"] for r in json.loads(files["donnees/articles.json"])] == ["a", "b"]
    assert [f["id"] for f in json.loads(files["donnees/incidents.geojson"])["features"]] == ["i"]
    assert export_files(records, incidents[1:])["donnees/incidents.geojson"] == dumps(
        {"type": "FeatureCollection", "features": []}
    ).encode("utf-8")
    assert export_files(records, incidents, memo.call) == files == export_files(records, incidents)


def test_each_incident_has_its_own_file_with_its_articles_records():
    place = Place("Ijevsk", ["Ijevsk"], "city", "RU", None, 56.85, 53.2, "primary")
    records = [_record("b", place), _record("a", place), _record("z", place)]
    incident = Incident(
        id="i",
        title="Ijevsk",
        date=None,
        places=[place],
        articles=["b", "a"],
        target=None,
        figures=NO_FIGURES,
    )
    text = export_files(records, [incident])["donnees/incidents/i.json"]
    assert dumps(json.loads(text)) == text
    assert json.loads(text)["incident"]["id"] == "i"
    assert [r["id"] for r in json.loads(text)["articles"]] == ["b", "a"]  # the incident's order
