"""Every data download validates against the JSON Schema published beside it on Données."""

import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tests.conftest import REPO

SCHEMAS = REPO / "docs" / "donnees" / "schemas"
EXPORTS = {
    "articles.json": "article.schema.json",
    "incidents.json": "incident.schema.json",
    "incidents.geojson": "incidents.geojson.schema.json",
}


def validator(name: str) -> Draft202012Validator:
    resources = [
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8"))))
        for p in SCHEMAS.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


@pytest.mark.e2e
@pytest.mark.parametrize(("export", "schema"), sorted(EXPORTS.items()))
def test_every_export_of_the_seed_site_validates(seed_site, export, schema):
    data = json.loads((seed_site.site_dir / "donnees" / export).read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(schema).iter_errors(data)]
    assert errors == []


@pytest.mark.e2e
def test_a_record_that_breaks_the_contract_is_refused(seed_site):
    records = json.loads((seed_site.site_dir / "donnees/articles.json").read_text(encoding="utf-8"))
    records[0]["killed"] = {
        "value": "trois",
        "qualifier": "beaucoup",
        "claimed_by": None,
        "evidence": [],
    }
    records[1]["surprise"] = True
    messages = [e.message for e in validator("article.schema.json").iter_errors(records)]
    assert len(messages) == 3, messages


def test_the_donnees_page_links_every_schema():
    page = (REPO / "docs" / "donnees" / "index.md").read_text(encoding="utf-8")
    for schema in sorted(p.name for p in SCHEMAS.glob("*.json")):
        assert f"(schemas/{schema})" in page, schema
