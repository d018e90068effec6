"""The search index built with the site: words made as Material's worker makes them, lunr's
weights, and the pieces the archive's worker loads."""

from __future__ import annotations

import json
import re

import pytest

from build_tools.plugin.prebuilt_search import (
    DOCS_PER_SHARD,
    MissingPosting,
    bucket,
    bucket_bits,
    counted_postings,
    doc_ids,
    english_stop_words,
    language_analyser,
    material_worker,
    merged_postings,
    search_files,
    shard_name,
    text_sections,
)
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


def test_postings_say_how_often_each_document_holds_a_word_in_each_field_by_id():
    counted = {
        "b": ({"kupol": 1}, {"kupol": 2, "drones": 1}),
        "a": ({}, {"drones": 3}),
    }
    assert counted_postings(counted, 2) == {
        "ku": {"kupol": [["b", 1], ["b", 2]]},
        "dr": {"drones": [[], ["a", 3, "b", 1]]},
    }


def test_a_page_s_id_is_a_digest_of_its_address_and_a_section_s_its_page_s_and_number():
    ids = doc_ids(["a.html", "a.html#x", "b.html#y", "b.html", "a.html#z"])
    page_a, page_b = ids[0], ids[2]
    assert re.fullmatch(r"[0-9a-v]{7}", page_a) and re.fullmatch(r"[0-9a-v]{7}", page_b)
    assert ids == [page_a, page_a + ".1", page_b, page_b + ".1", page_a + ".2"]
    # An id depends on its page only: another page before it changes nothing.
    assert doc_ids(["c.html", "b.html#y", "b.html"])[1:] == ids[2:4]


def test_pages_whose_digests_are_equal_get_ids_of_their_own(monkeypatch):
    import build_tools.plugin.prebuilt_search as prebuilt

    monkeypatch.setattr(prebuilt, "_page_digest", lambda page: "samedig")
    assert doc_ids(["b.html", "a.html", "a.html#x"]) == ["samedig-1", "samedig", "samedig.1"]


def test_documents_are_in_pieces_by_the_first_bits_of_their_ids():
    assert [bucket_bits(n) for n in (0, 5, DOCS_PER_SHARD, DOCS_PER_SHARD + 1, 33_478)] == [
        0,
        0,
        0,
        1,
        7,
    ]
    assert bucket("0000000", 7) == 0 and bucket("vvvvvvv", 7) == 127
    assert bucket("g000000.3", 1) == 1 and bucket("fvvvvvv-1", 1) == 0
    assert bucket("vvvvvvv", 0) == 0


def test_merged_postings_drop_the_documents_gone_or_changed_and_add_the_new_in_id_order():
    last = {"kupol": ["a c*2", ""], "kiev": ["c", ""], "kinjal": ["a", "e"]}
    removed = {"kupol": [["c", 2], []], "kiev": [["c", 1], []]}  # "c" as it was counted
    added = {"kupol": [["b", 4, "c", 1], ["d", 1]], "ki": [[], ["b", 1]]}
    assert merged_postings(last, removed, added) == {
        "ki": ["", "b"],
        "kinjal": ["a", "e"],
        "kupol": ["a b*4 c", "d"],
    }
    everything = {"kupol": [["a", 1, "c", 2], []], "kinjal": [["a", 1], ["e", 1]]}
    assert merged_postings(last, {**removed, **everything}, {}) == {}
    with pytest.raises(MissingPosting, match="b"):
        merged_postings(last, {"kupol": [["b", 1], []]}, {})
    with pytest.raises(MissingPosting, match="b"):  # from a word the piece does not hold
        merged_postings(last, {"kiosque": [["b", 1], []]}, {"kiosque": [["a", 1], []]})


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
    assert (manifest["documents"], manifest["bucket_bits"]) == (len(docs), 1)
    assert manifest["buckets"] == [0, 1]
    assert manifest["prefixes"] == ["dr", "fr", "ku"]
    assert sorted(files) == [
        "docs/0.js",
        "docs/1.js",
        "search_index.json",
        "terms/64-72.js",
        "terms/66-72.js",
        "terms/6b-75.js",
    ]


def test_a_document_s_boost_is_in_the_manifest_when_it_is_not_one():
    docs = [
        {"location": "a.html", "title": "Kupol", "text": "drones"},
        {"location": "aide.html", "title": "Aide", "text": "drones", "boost": 0.2},
    ]
    manifest = json.loads(search_files({"config": CONFIG, "docs": docs})["search_index.json"])
    assert manifest["config"]["archive"]["boosts"] == {doc_ids(["aide.html"])[0]: 0.2}


def test_pieces_are_scripts_that_hand_their_json_to_the_worker(tmp_path):
    docs = [{"location": "a.html", "title": "L’« usine » <b>Kupol</b>", "text": 'x "y" \\ z'}]
    for name, text in search_files({"config": CONFIG, "docs": docs}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    kind, key, data = piece(tmp_path / "docs/0.js")
    assert (kind, key) == ("docs", 0)
    assert data == {
        doc_ids(["a.html"])[0]: ["a.html", "L’« usine » <b>Kupol</b>", 'x "y" \\ z', None]
    }
    assert piece(tmp_path / "terms/75-73.js")[2].keys() == {"usine"}


def test_a_word_s_postings_are_a_string_of_ids_with_the_count_when_it_is_not_one(tmp_path):
    docs = [
        {"location": "a.html", "title": "Kupol", "text": "Kupol Kupol"},
        {"location": "b.html", "title": "Ijevsk", "text": "Kupol"},
    ]
    a, b = doc_ids(["a.html", "b.html"])
    text = search_files({"config": CONFIG, "docs": docs})["terms/6b-75.js"]
    (tmp_path / "kupol.js").write_text(text, encoding="utf-8")
    title, body, tags = piece(tmp_path / "kupol.js")[2]["kupol"]
    assert (title, body, tags) == (a, " ".join(sorted([f"{a}*2", b])), "")


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
