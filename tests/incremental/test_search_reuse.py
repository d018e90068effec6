"""The pieces of the search index a build makes again: those its changed documents touch,
and those whose file is not as written; the pieces in site/ are then those made whole."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.incremental.search_reuse import SEARCH, SearchReuse
from build_tools.incremental.store import Store
from build_tools.plugin.prebuilt_search import (
    bucket,
    bucket_bits,
    doc_ids,
    docs_file,
    search_files,
    terms_file,
)
from tests.plugin.test_prebuilt_search import CONFIG


def _doc(n: int, text: str = "<p>drones Kupol</p>") -> dict:
    return {"location": f"articles/{n}.html", "title": f"Frappe {n}", "text": text}


DOCS = [_doc(n) for n in range(450)] + [
    {"location": "aide.html", "title": "Aide", "text": "<p>Chercher</p>", "boost": 0.2},
    {"location": "aide.html#cartes", "title": "Cartes", "text": "<p>Zoomer</p>"},
]


class Builds:
    """Builds of search/ in one folder through one store file, as the plugin makes them."""

    def __init__(self, tmp_path: Path):
        self.store_path = tmp_path / "store.sqlite"
        self.folder = tmp_path / "search"

    def build(self, docs: list[dict], config: dict = CONFIG) -> dict[str, str]:
        """The pieces this build wrote; search/ left with every piece of the index only."""
        store = Store(self.store_path)
        pieces = SearchReuse(store.namespace(SEARCH.name, "code", whole=SEARCH.whole))
        written = pieces.files({"config": config, "docs": docs}, self.folder)
        for name, text in written.items():
            (self.folder / name).parent.mkdir(parents=True, exist_ok=True)
            (self.folder / name).write_text(text, encoding="utf-8")
        for path in [p for p in self.folder.rglob("*.js*") if p.is_file()]:
            if path.relative_to(self.folder).as_posix() not in pieces.names:
                path.unlink()
        pieces.record(self.folder)
        store.save()
        return written

    def files(self) -> dict[str, str]:
        return {
            path.relative_to(self.folder).as_posix(): path.read_text(encoding="utf-8")
            for path in self.folder.rglob("*")
            if path.is_file()
        }


@pytest.fixture
def builds(tmp_path) -> Builds:
    return Builds(tmp_path)


def test_a_first_build_writes_the_whole_index(builds):
    assert builds.build(DOCS) == search_files({"config": CONFIG, "docs": DOCS})
    assert builds.files() == search_files({"config": CONFIG, "docs": DOCS})


def test_a_document_added_writes_the_pieces_of_its_words_and_of_its_id_only(builds):
    builds.build(DOCS)
    more = [*DOCS, _doc(450, "<p>Belgorod drones</p>")]
    written = builds.build(more)
    whole = search_files({"config": CONFIG, "docs": more})
    assert builds.files() == whole
    # "frappe", "belgorod" and "drones" (a number is no word), not "kupol" or "zoomer".
    added = bucket(doc_ids(["articles/450.html"])[0], bucket_bits(len(more)))
    assert sorted(written) == sorted(
        [
            "search_index.json",
            docs_file(added),
            terms_file("be"),
            terms_file("dr"),
            terms_file("fr"),
        ]
    )


def test_documents_changed_or_removed_leave_the_index_that_of_what_is_left(builds):
    builds.build(DOCS)
    changed = [_doc(0, "<p>Belgorod</p>"), *DOCS[2:-1]]
    written = builds.build(changed)
    assert builds.files() == search_files({"config": CONFIG, "docs": changed})
    assert terms_file("zo") not in builds.files() and terms_file("ku") in written
    assert builds.build(changed) == {
        "search_index.json": search_files({"config": CONFIG, "docs": changed})["search_index.json"]
    }


def test_twice_as_many_documents_put_them_in_new_pieces(builds):
    builds.build(DOCS[:100])
    builds.build(DOCS)
    assert builds.files() == search_files({"config": CONFIG, "docs": DOCS})


def test_a_piece_deleted_or_edited_in_site_is_written_again(builds):
    builds.build(DOCS)
    (builds.folder / terms_file("ku")).unlink()
    (builds.folder / docs_file(1)).write_text("edited", encoding="utf-8")
    written = builds.build(DOCS)
    assert {terms_file("ku"), docs_file(1)} <= written.keys()
    assert builds.files() == search_files({"config": CONFIG, "docs": DOCS})


def test_another_configuration_makes_the_index_whole(builds):
    builds.build(DOCS)
    config = {**CONFIG, "separator": r"[\s]+"}
    assert builds.build(DOCS, config) == search_files({"config": config, "docs": DOCS})


def test_a_store_that_lost_rows_makes_the_index_whole(builds):
    import sqlite3

    builds.build(DOCS)
    with sqlite3.connect(builds.store_path) as database:
        database.execute("DELETE FROM entries WHERE key LIKE ?", ("('terms', 'dr')",))
    more = [*DOCS, _doc(450)]
    assert builds.build(more) == search_files({"config": CONFIG, "docs": more})


def test_a_piece_that_lacks_a_document_to_take_out_makes_the_index_whole(builds):
    """The stored piece of "dr" lost the first document, whose text then changes."""
    builds.build(DOCS)
    store = Store(builds.store_path)
    pieces = store.namespace(SEARCH.name, "code", whole=SEARCH.whole)
    first = doc_ids(["articles/0.html"])[0]
    piece = pieces.get(("terms", "dr"))
    piece["drones"] = [
        " ".join(posting for posting in held.split(" ") if posting != first)
        for held in piece["drones"]
    ]
    assert all(first not in held for held in piece["drones"])
    pieces.put(("terms", "dr"), piece)
    store.save(prune=False)
    changed = [_doc(0, "<p>Belgorod</p>"), *DOCS[1:]]
    assert builds.build(changed) == search_files({"config": CONFIG, "docs": changed})


WORDS = ["drones", "drone", "kupol", "kiev", "belgorod", "entrepôt", "entrepot", "a", "é"]
documents = st.dictionaries(
    st.builds(
        lambda page, section: f"p/{page}.html" + (f"#s{section}" if section is not None else ""),
        st.integers(0, 9),
        st.none() | st.integers(0, 2),
    ),
    st.fixed_dictionaries(
        {
            "title": st.lists(st.sampled_from(WORDS), max_size=2).map(" ".join),
            "text": st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join),
        },
        optional={"boost": st.sampled_from([0.2, 2.0])},
    ),
    max_size=12,
).map(lambda found: [{"location": where, **fields} for where, fields in found.items()])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(documents, st.booleans()), min_size=1, max_size=5))
def test_any_sequence_of_builds_leaves_the_index_made_whole(builds_of):
    """Documents added, changed, removed, moved between pages and sections, and pieces lost
    from site/: after each build, search/ is what `search_files` makes of the documents."""
    with tempfile.TemporaryDirectory() as folder:
        builds = Builds(Path(folder))
        for docs, lose_a_piece in builds_of:
            builds.build(docs)
            assert builds.files() == search_files({"config": CONFIG, "docs": docs})
            pieces = sorted(builds.folder.rglob("*.js"))
            if lose_a_piece and pieces:
                pieces[len(pieces) // 2].unlink()
