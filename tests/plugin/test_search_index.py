"""The search index: what each page kind contributes, accent variants, aliases."""

from __future__ import annotations

import pickle
import re

import pytest
from mkdocs.utils.yaml import yaml_load

from build_tools.plugin.search_index import (
    EXTRA_FIELDS,
    IndexDocument,
    accent_variants,
    page_documents,
    page_kind,
    searchable_index,
    variants,
    without_accents,
    words,
)
from tests.conftest import REPO

# The separator the site's search uses, from mkdocs.yml (read by MkDocs' loader: !ENV).
SEPARATOR = next(
    p["search"]["separator"]
    for p in yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    if isinstance(p, dict) and "search" in p
)


CONFIG = {
    "lang": ["fr"],
    "separator": SEPARATOR,
    "pipeline": ["trimmer"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


def index(*entries: dict, aliases: dict | None = None) -> dict:
    """The index of Material's entries, as the archive's plugin makes it."""
    return searchable_index(CONFIG, page_documents(list(entries), re.compile(SEPARATOR)), aliases)


def doc(location: str, text: str = "", title: str = "T") -> dict:
    return {"location": location, "title": title, "text": text}


def locations(result: dict) -> list[str]:
    return [d["location"] for d in result["docs"]]


def test_page_kinds_from_site_paths():
    assert [
        page_kind(p)
        for p in (
            "articles/x.html",
            "incidents/y.html",
            "lieux/kyiv.html",
            "index.html",
            "statistiques.html",
            "methodologie.html",
        )
    ] == ["article", "incident", "entity", "overview", "overview", "page"]


def test_generated_pages_keep_their_header_only():
    result = index(
        doc("incidents/i.html", "Date 1 juillet 2025"),
        doc("incidents/i.html#citations", "« trois employés »"),
        doc("lieux/izhevsk.html", "Graphies"),
        doc("lieux/izhevsk.html#incidents", "Izhevsk — usine Kupol"),
        doc("index.html", "Cette archive"),
        doc("index.html#derniers-incidents", "Izhevsk"),
        doc("methodologie.html", "Du texte"),
        doc("methodologie.html#limites", "Limites"),
    )
    assert locations(result) == [
        "incidents/i.html",
        "lieux/izhevsk.html",
        "index.html",
        "methodologie.html",
        "methodologie.html#limites",
    ]


def test_an_article_is_one_document_with_its_first_paragraph_shown_and_every_word_searchable():
    result = index(
        doc("articles/a.html", "Source AFP Publié 2 juillet 2025", title="Frappe sur Izhevsk"),
        doc("articles/a.html#faits-extraits", "Tués 3 « trois employés ont perdu la vie »"),
        doc(
            "articles/a.html#texte",
            "<p>Des drones ont frappé l'usine.</p> "
            "<p>Trois employés ont perdu la vie, selon l'AFP.</p>",
        ),
    )
    [article] = result["docs"]
    assert article["location"] == "articles/a.html" and article["title"] == "Frappe sur Izhevsk"
    assert article["text"] == "<p>Des drones ont frappé l'usine.</p>"
    body = article["body"].split()
    assert {"employés", "perdu", "afp", "source", "juillet"} <= set(body)
    assert "drones" not in body and body == sorted(
        set(body)
    )  # the first paragraph's words are in text


def test_words_split_like_material_on_apostrophes_punctuation_and_tags():
    assert words("<p>L’aéroport d'Izhevsk, « fermé ».</p>", re.compile(SEPARATOR)) == {
        "l",
        "aéroport",
        "d",
        "izhevsk",
        "fermé",
    }


def test_accent_variants_work_both_ways_across_the_index():
    result = index(
        doc("methodologie.html", "<p>Un entrepôt en Crimée, l’aéroport.</p>"),
        doc("a-propos.html", "<p>L'aeroport de Crimee.</p>"),
    )
    accented, bare = result["docs"]
    assert set(accented["text_variants"].split()) == {"entrepot", "crimee", "aeroport"}
    assert set(bare["text_variants"].split()) == {"aéroport", "crimée"}
    assert "title_variants" not in accented  # no variant, no field


def test_variants_of_words_without_accents_need_a_spelling_met_in_the_index():
    assert variants({"drones"}, accent_variants({"drones"})) == ""
    assert variants({"fédération"}, accent_variants({"fédération"})) == "federation"
    assert variants({"federation"}, accent_variants({"federation"})) == ""
    assert (
        variants({"federation", "drones"}, accent_variants({"federation", "fédération", "drones"}))
        == "fédération"
    )
    assert without_accents("Iževsk") == "Izevsk"


def test_aliases_go_on_the_page_document_with_their_variants_and_fields_are_declared():
    result = index(
        doc("incidents/i.html", "Lieu Izhevsk"),
        doc("lieux/crimea.html", "Crimée"),
        aliases={"incidents/i.html": ["Ijevsk", "Iževsk", "usine de Kupol"]},
    )
    incident, place = result["docs"]
    assert set(incident["aliases"].split()) == {
        "ijevsk",
        "iževsk",
        "izevsk",
        "usine",
        "de",
        "kupol",
    }
    assert "aliases" not in place
    assert {
        name: result["config"]["fields"][name]["boost"] for name in EXTRA_FIELDS
    } == EXTRA_FIELDS
    assert result["config"]["fields"]["title"] == {"boost": 1000.0}


@pytest.mark.e2e
def test_list_pages_stay_out_of_the_index_of_the_built_site(seed_site):
    """Index pages, Chronologie, Carte and Étiquettes list pages indexed on their own."""
    from tests.search_pieces import shown_documents

    docs = shown_documents(seed_site.site_dir)
    pages = {d["location"].partition("#")[0] for d in docs}
    lists = {
        "chronologie.html",
        "carte.html",
        "etiquettes.html",
        "articles/index.html",
        "incidents/index.html",
        "lieux/index.html",
    }
    assert pages & lists == set()
    assert {"methodologie.html", "index.html"} <= pages and any(
        p.startswith("articles/") for p in pages
    )


def test_a_document_keeps_its_words_pickled_as_one_text_each():
    """A rebuild unpickles the documents of every page and reads the words of a few: each
    list is one JSON text in the pickle, made a list again when first asked for."""
    document = IndexDocument({"location": "a.html"}, ["entrepôt", "kiev"], ["drones"])
    pickled = pickle.dumps(document)
    assert '["entrepôt", "kiev"]'.encode() in pickled and b'["drones"]' in pickled
    again = pickle.loads(pickled)
    assert again == document and again.title_words == ["entrepôt", "kiev"]
    assert pickle.loads(pickle.dumps(again)) == document
