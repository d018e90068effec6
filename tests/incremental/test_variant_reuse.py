"""The extra fields of the search index made again only where they can have changed
(build_tools/incremental/variant_reuse.py) are those made from every document."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.incremental.site_state import PageRecord
from build_tools.incremental.variant_reuse import updated_vocabulary, with_extra_fields
from build_tools.plugin.search_index import IndexDocument, index_of, searchable_index
from tests.plugin.test_search_index import CONFIG

SEPARATOR = re.compile(CONFIG["separator"])
#: Words and their other accent spellings, some only found in one page or alias.
WORDS = ["entrepot", "entrepôt", "entrepöt", "federation", "fédération", "drones", "élan", "elan"]

word_lists = st.lists(st.sampled_from(WORDS), max_size=3, unique=True)
pages = st.dictionaries(
    st.sampled_from([f"p{n}.md" for n in range(6)]),
    st.tuples(word_lists, word_lists, word_lists, st.booleans()),
    max_size=6,
)


def records(drawn: dict[str, tuple]) -> dict[str, PageRecord]:
    """Pages of a document each (a section too when asked), with aliases."""
    made = {}
    for src, (title, text, aliases, section) in sorted(drawn.items()):
        url = src.replace(".md", ".html")
        docs = [IndexDocument({"location": url, "title": "", "text": ""}, title, text)]
        if section:
            docs.append(IndexDocument({"location": f"{url}#s", "title": "", "text": ""}, text, []))
        made[src] = PageRecord(search=docs, aliases=aliases)
    return made


def whole_index(pages: dict[str, PageRecord]) -> dict:
    documents = [doc for page in pages.values() for doc in page.search]
    aliases = {src.replace(".md", ".html"): page.aliases for src, page in pages.items()}
    return searchable_index(CONFIG, documents, {url: a for url, a in aliases.items() if a})


def index_from_last(
    previous: dict[str, PageRecord], vocabulary: Counter | None, pages: dict[str, PageRecord]
) -> tuple[dict, Counter, dict[str, PageRecord]]:
    """The index of `pages` made as a build does after the one that left `previous`: the
    pages whose records differ are those rebuilt, the others are the previous records."""
    rebuilt = {
        src
        for src, page in pages.items()
        if src not in previous
        or (page.search, page.aliases) != (previous[src].search, previous[src].aliases)
    }
    current = {src: page if src in rebuilt else previous[src] for src, page in pages.items()}
    counted = updated_vocabulary(vocabulary, previous, current, rebuilt, SEPARATOR)
    locations = {src: src.replace(".md", ".html") for src in current}
    with_extra_fields(current, locations, counted, vocabulary, rebuilt, SEPARATOR)
    docs = [
        {**doc.fields, **extra}
        for page in current.values()
        for doc, extra in zip(page.search, page.extra, strict=True)
    ]
    return index_of(CONFIG, docs), counted, current


@settings(max_examples=300, deadline=None)
@given(st.lists(pages, min_size=1, max_size=4))
def test_fields_made_from_the_last_build_are_those_made_from_every_document(builds):
    previous: dict[str, PageRecord] = {}
    vocabulary: Counter | None = None
    for drawn in builds:
        index, vocabulary, previous = index_from_last(previous, vocabulary, records(drawn))
        assert index == whole_index(records(drawn))


def test_a_new_spelling_makes_again_the_pages_holding_the_word_and_only_those():
    first = records({"a.md": (["entrepôt"], [], [], False), "b.md": (["drones"], [], [], False)})
    _, vocabulary, first = index_from_last({}, None, first)
    second = {**first, "c.md": records({"c.md": (["entrepöt"], [], [], False)})["c.md"]}
    rebuilt = {"c.md"}
    counted = updated_vocabulary(vocabulary, first, second, rebuilt, SEPARATOR)
    locations = {src: src.replace(".md", ".html") for src in second}
    made = with_extra_fields(second, locations, counted, vocabulary, rebuilt, SEPARATOR)
    assert made == {"a.md", "c.md"}
    assert second["a.md"].extra == [{"title_variants": "entrepot entrepöt"}]
