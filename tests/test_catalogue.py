"""The index of things: one entry per canonical name, every spelling, every article and incident."""

from build_tools.catalogue import build_catalogue
from build_tools.model import ArticleRecord, Incident, Mention, Person, Target


def record(id_: str, incident: str, **fields) -> ArticleRecord:
    return ArticleRecord(
        id=id_,
        title=id_,
        source="test",
        url=None,
        published=None,
        language="fr",
        incident=incident,
        **fields,
    )


def incident(id_: str) -> Incident:
    return Incident(id=id_, title=id_, date=None, places=[], articles=[], target=None, figures={})


def test_one_entry_per_canonical_name_with_every_spelling_and_report():
    records = [
        record(
            "a",
            "i1",
            people=[
                Person("Alexander Brechalov", ["Aleksandr Bechalov"], "gouverneur de l'Oudmourtie")
            ],
        ),
        record(
            "b",
            "i2",
            people=[Person("Alexander Brechalov", ["Brechalov", "Alexander Brechalov"], None)],
        ),
    ]
    catalogue = build_catalogue(records, [incident("i2"), incident("i1")])
    [entry] = catalogue.entries["person"]
    assert (entry.id, entry.spellings) == (
        "alexander-brechalov",
        ["Aleksandr Bechalov", "Alexander Brechalov", "Brechalov"],
    )
    assert (entry.articles, entry.incidents, entry.roles) == (
        ["a", "b"],
        ["i2", "i1"],
        ["gouverneur de l'Oudmourtie"],
    )
    assert catalogue.entry("person", "Alexander Brechalov") is entry


def test_names_that_slug_alike_get_distinct_ids_in_name_order():
    records = [
        record(
            "a",
            "i",
            weapons=[Mention("Tor-M2", ["Tor M2"]), Mention("Tor M2", ["Tor M2"])],
            target=Target("usine Kupol", "arms_factory", as_written=["Kupol"]),
        )
    ]
    catalogue = build_catalogue(records, [incident("i")])
    assert [(e.name, e.id) for e in catalogue.entries["weapon"]] == [
        ("Tor M2", "tor-m2"),
        ("Tor-M2", "tor-m2-2"),
    ]
    assert [(e.id, e.target_type, e.spellings) for e in catalogue.entries["target"]] == [
        ("usine-kupol", "arms_factory", ["Kupol", "usine Kupol"])
    ]


def test_other_known_names_are_those_the_corpus_did_not_use():
    records = [
        record("a", "i", people=[Person("Alexander Brechalov", ["Aleksandr Bechalov"], None)])
    ]
    known = {("person", "Alexander Brechalov"): ["Aleksandr Bechalov", "Bretchalov"]}
    catalogue = build_catalogue(
        records, [incident("i")], lambda kind, name: known.get((kind, name), [])
    )
    entry = catalogue.entry("person", "Alexander Brechalov")
    assert entry.other_names == ["Bretchalov"]
    assert entry.names == ["Aleksandr Bechalov", "Alexander Brechalov", "Bretchalov"]
