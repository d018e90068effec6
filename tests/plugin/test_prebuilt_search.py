"""The search index built with the site: words made as Material's worker makes them, lunr's
weights, and the pieces the archive's worker loads."""

from __future__ import annotations

import json
import math
import re

import pytest

from build_tools.incremental.store import Store
from build_tools.plugin.prebuilt_search import (
    DOCS_PER_SHARD,
    english_stop_words,
    language_analyser,
    material_worker,
    parents,
    search_files,
    shard_name,
    text_sections,
    weighted_postings,
)
from tests.hash_seeds import printed_with_each_hash_seed
from tests.search_pieces import piece

SEPARATOR = r'[\s\-,:!=\[\]()"/\'’«»]+|\.(?!\d)|&[lg]t;'
CONFIG = {
    "lang": ["fr"],
    "separator": SEPARATOR,
    "pipeline": ["trimmer", "stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}},
}


def test_words_are_those_of_material_s_tokenizer_and_lunr_s_french_pipeline():
    analyser = language_analyser(CONFIG)
    text = (
        "<p>Dans la nuit du 1<sup>er</sup> juillet, l’aéroport d'Ijevsk a été visé par des"
        " drones « Shahed » ; un Su-34 abattu.</p>"
    )
    assert list(analyser.words(text)) == [
        # "dans", "la", "du", "été", "par", "des", "un": lunr's French stop words; numbers are
        # trimmed away as lunr's French trimmer does ("1", "34"), letters kept ("er", "su").
        "nuit",
        "er",
        "juillet",
        "aéroport",
        "ijevsk",
        "a",
        "visé",
        "drones",
        "shahed",
        "su",
        "abattu",
    ]


def test_text_is_read_outside_tags_only():
    assert list(text_sections('<a href="x.html">Ijevsk</a> et <b>Kupol</b>')) == [
        "Ijevsk",
        " et ",
        "Kupol",
    ]


def test_an_index_in_english_or_in_two_languages_is_refused():
    for languages in (["en"], ["fr", "de"]):
        with pytest.raises(ValueError, match="one language other than English"):
            language_analyser({**CONFIG, "lang": languages})


def test_weights_are_lunr_s_bm25_with_b_zero_and_boosts():
    docs = [
        {"location": "a.html", "title": "Kupol", "text": "Kupol Kupol drones"},
        {"location": "b.html", "title": "Ijevsk", "text": "drones", "boost": 2},
    ]
    postings = weighted_postings(docs, CONFIG["fields"], language_analyser(CONFIG))
    # "kupol": in 2 fields of 2 documents: idf = ln(1 + |(2 - 2 + 0.5) / (2 + 0.5)|).
    idf = math.log(1 + 0.5 / 2.5)
    title, text, tags = postings["kupol"]
    assert title == [0, round(idf * 2.2 / 2.2 * 1000, 3)]
    assert text == [0, round(idf * 2.2 * 2 / (1.2 + 2), 3)]
    assert tags == []
    # A document's boost multiplies its weights.
    idf = math.log(1 + 0.5 / 2.5)
    assert postings["drones"][1] == [0, round(idf, 3), 1, round(idf * 2, 3)]


def test_a_section_s_page_is_the_first_document_of_its_page():
    docs = [{"location": loc} for loc in ["a.html", "a.html#x", "b.html#y", "b.html", "a.html#z"]]
    assert parents(docs) == {1: 0, 3: 2, 4: 0}


def test_the_files_hold_every_word_and_document_once_and_are_the_same_each_time():
    docs = [
        {"location": f"articles/{n}.html", "title": f"Frappe {n}", "text": "<p>drones Kupol</p>"}
        for n in range(DOCS_PER_SHARD + 3)
    ]
    files = search_files({"config": CONFIG, "docs": docs})
    assert files == search_files({"config": CONFIG, "docs": docs})
    stub = json.loads(files["search_index.json"])
    assert stub["docs"] == []
    manifest = stub["config"]["archive"]
    assert manifest["documents"] == len(docs)
    assert manifest["prefixes"] == ["dr", "fr", "ku"]
    assert sorted(files) == [
        "docs/0.js",
        "docs/1.js",
        "search_index.json",
        "terms/64-72.js",
        "terms/66-72.js",
        "terms/6b-75.js",
    ]


def test_words_counted_by_an_earlier_build_are_taken_as_they_were(tmp_path):
    """Through a store's namespace, each document's words are counted once: a second index
    of the same documents and one more counts that one only, and the files are those made
    without the store."""
    docs = [
        {"location": f"articles/{n}.html", "title": f"Frappe {n}", "text": "<p>drones Kupol</p>"}
        for n in range(5)
    ]
    first_store = Store(tmp_path / "store.sqlite")
    first = first_store.namespace("search-words", "code")
    assert search_files({"config": CONFIG, "docs": docs}, first.call) == search_files(
        {"config": CONFIG, "docs": docs}
    )
    counted = len(first.stored)
    first_store.save()
    again_store = Store(tmp_path / "store.sqlite")
    again = again_store.namespace("search-words", "code")
    more = [*docs, {"location": "articles/5.html", "title": "Frappe 5", "text": "Ijevsk"}]
    assert search_files({"config": CONFIG, "docs": more}, again.call) == search_files(
        {"config": CONFIG, "docs": more}
    )
    assert (counted, len(again.stored)) == (5, 1)


def test_pieces_are_scripts_that_hand_their_json_to_the_worker(tmp_path):
    docs = [{"location": "a.html", "title": "L’« usine » <b>Kupol</b>", "text": 'x "y" \\ z'}]
    for name, text in search_files({"config": CONFIG, "docs": docs}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    kind, key, data = piece(tmp_path / "docs/0.js")
    assert (kind, key) == ("docs", 0)
    assert data == [["a.html", "L’« usine » <b>Kupol</b>", 'x "y" \\ z', None]]
    assert piece(tmp_path / "terms/75-73.js")[2].keys() == {"usine"}


def test_piece_names_are_code_points():
    assert shard_name("dr") == "64-72.js"
    assert shard_name("é") == "e9.js"


def test_material_s_worker_and_stop_words_are_found_in_the_installed_material():
    assert re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", material_worker())
    assert {"a", "the", "and"} <= set(english_stop_words())


@pytest.mark.e2e
def test_every_page_of_the_built_site_asks_for_the_archive_s_worker(seed_site):
    from build_tools.plugin.prebuilt_search import WORKER

    site = seed_site.site_dir
    assert (site / WORKER).is_file()
    for page in site.rglob("*.html"):
        config = re.search(r'<script id="__config"[^>]*>(.*?)</script>', page.read_text("utf-8"))
        if config:
            worker = json.loads(config.group(1))["search"]
            # 404.html names it from the site's root; the others relative to themselves.
            found = site / worker.lstrip("/") if worker.startswith("/") else page.parent / worker
            assert found.resolve() == (site / WORKER).resolve(), page


def test_the_analyser_is_the_same_in_every_process_so_that_the_counts_can_be_kept():
    """Its repr goes into the key of each document's word counts: a set's order changes
    with the process's hash seed, which would make every later build count again."""
    script = (
        "import json, sys; from build_tools.plugin.prebuilt_search import language_analyser; "
        "print(repr(language_analyser(json.load(sys.stdin))))"
    )
    runs = printed_with_each_hash_seed(script, json.dumps(CONFIG))
    assert runs == {repr(language_analyser(CONFIG)) + "\n"}
