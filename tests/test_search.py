"""Search on the built seed site, as a reader's browser runs it: from disk, with no network,
the archive's worker answering from the index built with the site. The same queries find
the same pages, with the same scores, as Material's own worker found when it built its
index in the browser (tests/data/search_golden.json), from site/ and from the offline zip."""

from __future__ import annotations

import json
import math
import re
import zipfile
from pathlib import Path

import pytest

from build_tools.build import build
from build_tools.plugin import prebuilt_search
from tests.browsing import OfflinePage
from tests.conftest import REPO, _copy_of_the_shipped_project

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

WORKER = REPO / "build_tools/plugin/theme" / prebuilt_search.WORKER
GOLDEN = json.loads((REPO / "tests/data/search_golden.json").read_text(encoding="utf-8"))

#: Sends the queries to a search worker as Material's search box does (the setup message with
#: the index, then one query at a time), and returns each query's answers, up to the last
#: (a query that finds many pages is answered first with the best of them:
#: `test_a_query_that_finds_many_pages…`). The worker and the index are the page's own (its
#: configuration's worker, its index's script) unless given.
QUERY_ANSWERS = """
async ({ queries, worker: url, index: given }) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const worker = new Worker(new URL(url || config.search, location.href).href)
  let answers = []
  let answered = null
  worker.addEventListener("message", event => {
    answers.push(event.data)
    if (!(event.data.data && event.data.data.partial))
      answered()
  })
  const last = () => new Promise(done => { answered = done })
  while (!given && typeof __index === "undefined")
    await new Promise(done => setTimeout(done, 20))
  const index = given || await __index
  const ready = last()
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs,
                                        options: { suggest: false } } })
  await ready
  const results = {}
  for (const query of queries) {
    answers = []
    const answer = last()
    worker.postMessage({ type: 2, data: query })
    await answer
    results[query] = answers.map(message => message.data)
  }
  worker.terminate()
  return results
}
"""


@pytest.fixture(scope="module")
def zipped_site(tmp_path_factory) -> Path:
    """The shipped corpus built with its offline zip, the zip unpacked as a reader would."""
    project = _copy_of_the_shipped_project(tmp_path_factory.mktemp("zipped-site"))
    build(project, strict=True, site_zip=True)
    unpacked = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(project.site_dir / "archive-hors-ligne.zip") as archive:
        archive.extractall(unpacked)
    (folder,) = unpacked.iterdir()
    return folder


def results_from_disk(
    offline: OfflinePage, site: Path, worker: str | None = None, index: dict | None = None
) -> dict[str, list[list]]:
    """The results of the golden queries on the site opened from disk, by its own worker
    and index or by those given."""
    offline.open(site / "index.html")
    # Material loads the index's script from file:// when the search box first opens.
    offline.page.locator("input.md-search__input").click()
    return {
        query: [[[item["location"], item["score"]] for item in group] for group in last["items"]]
        for query, (*_, last) in query_answers(offline, list(GOLDEN["results"]), worker, index)
    }


def query_answers(
    offline: OfflinePage, queries: list[str], worker: str | None = None, index: dict | None = None
) -> list[tuple[str, list[dict]]]:
    """Each query with the answers of the worker (`QUERY_ANSWERS`), on the page open."""
    answers = offline.page.evaluate(
        QUERY_ANSWERS, {"queries": queries, "worker": worker, "index": index}
    )
    return [(query, answers[query]) for query in queries]


def assert_as_golden(results: dict[str, list[list[list]]]) -> None:
    """Every query finds the golden pages and sections with the golden scores, each page
    with its golden sections, and ranks the pages in the golden order. Equal scores may
    come in another order (lunr ranks ties in the order it met them)."""
    for query, expected in GOLDEN["results"].items():
        found = {location: score for group in results[query] for location, score in group}
        wanted = {location: score for group in expected for location, score in group}
        assert found.keys() == wanted.keys(), query
        for location, score in wanted.items():
            assert _close(found[location], score), (query, location)
        pages, golden_pages = _pages(results[query]), _pages(expected)
        assert len(results[query]) == len(expected), query
        assert pages.keys() == golden_pages.keys(), query
        for page, (locations, scores) in golden_pages.items():
            assert pages[page][0] == locations, (query, page)
            assert all(map(_close, pages[page][1], scores)), (query, page)
        ranks = [group[0][1] for group in results[query]]
        golden = [group[0][1] for group in expected]
        assert all(map(_close, ranks, golden)), query


def _pages(groups: list[list[list]]) -> dict[str, tuple[set[str], list[float]]]:
    """Each group of results by the page it is on: its locations, and their scores in order."""
    return {
        group[0][0].split("#")[0]: ({location for location, _ in group}, [s for _, s in group])
        for group in groups
    }


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def test_the_golden_queries_find_the_same_pages_from_disk(seed_site, offline):
    assert_as_golden(results_from_disk(offline, seed_site.site_dir))
    assert offline.blocked == []
    assert offline.errors == []


def test_the_golden_queries_find_the_same_pages_in_the_offline_zip(zipped_site, offline):
    assert_as_golden(results_from_disk(offline, zipped_site))
    assert offline.blocked == []
    assert offline.errors == []


def worker_frame(offline: OfflinePage, site: Path):
    """The frame the offline shim runs the archive's worker in, on the site's home page
    opened from disk (the page's other frames hold maps), once the worker has read the
    index's manifest that Material sent it."""
    offline.open(site / "index.html")
    offline.page.locator("input.md-search__input").click()
    offline.page.wait_for_function("typeof __index !== 'undefined'")
    (frame,) = [f for f in offline.page.frames if f.url == "about:blank"]
    frame.wait_for_function("typeof settings !== 'undefined' && settings !== null")
    return frame


#: What the tests below run in that frame before their own lines: the worker's answers
#: kept in `answers`; its loader, `script`, kept as `load` (a test replaces `script` to
#: hold a piece back or see what loads); `query(text)` sends a query as Material does;
#: `until(ready)` waits up to ten seconds for `ready()`; `pages()` gives, for each answer,
#: the addresses of the pages it found, sorted (equal scores may come in another order).
FRAME_PRELUDE = """
  let answers = []
  self.postMessage = message => answers.push(message)
  const load = script
  const query = text =>
    dispatchEvent(new MessageEvent("message", { data: { type: 2, data: text } }))
  const until = async ready => {
    for (let waited = 0; !ready() && waited < 10000; waited += 20)
      await new Promise(done => setTimeout(done, 20))
  }
  const pages = () =>
    answers.map(answer => answer.data.items.map(group => group[0].location).sort())
"""


def in_worker_frame(offline: OfflinePage, site: Path, lines: str):
    """What `lines` return, run in the worker's frame after `FRAME_PRELUDE`."""
    return worker_frame(offline, site).evaluate("async () => {" + FRAME_PRELUDE + lines + "}")


#: "dr" is queried and the pieces of words starting with "dr" never come; once it waits
#: for them, "Kupol" overtakes it.
OVERTAKEN_QUERY = """
  let waiting = false
  script = url => (url.endsWith("/terms/64-72.js") ? ((waiting = true), new Promise(() => {}))
                                                   : load(url))
  query("dr")
  await until(() => waiting)
  query("Kupol")
  await until(() => answers.length > 0)
  return pages()
"""


def test_a_query_does_not_wait_for_the_pieces_of_the_query_it_overtook(seed_site, offline):
    """A reader types faster than pieces load: the last query is answered from its own pieces,
    while those of the first letters typed are still on their way."""
    answers = in_worker_frame(offline, seed_site.site_dir, OVERTAKEN_QUERY)
    assert answers == [_golden_pages("Kupol")]


#: "d" is queried, then "Kupol" before any piece has loaded: the pieces loaded (the
#: addresses given to `script`) and the pages found.
QUERY_OVERTAKEN_AT_ONCE = """
  const loaded = []
  script = url => (loaded.push(url.split("/search/")[1]), load(url))
  query("d")
  query("Kupol")
  await until(() => answers.length > 0)
  return { loaded, pages: pages() }
"""


def test_the_pieces_only_an_overtaken_query_wants_are_not_loaded(seed_site, offline):
    """The first letter typed wants every piece of the words starting with it (megabytes at
    20,000 articles); the word typed next does not wait while they load."""
    assert len(list((seed_site.site_dir / "search/terms").glob("64-*.js"))) > 3  # "d…"
    answered = in_worker_frame(offline, seed_site.site_dir, QUERY_OVERTAKEN_AT_ONCE)
    assert "terms/6b-75.js" in answered["loaded"]  # "ku…"
    assert [piece for piece in answered["loaded"] if piece.startswith("terms/64-")] == []
    assert answered["pages"] == [_golden_pages("Kupol")]


#: "Kupol" is queried twice, the first load of the piece of its words failing (as a script
#: that does not come: the network is down): the pages each query finds.
QUERY_WHILE_A_PIECE_FAILS = """
  let failed = false
  script = url => (url.endsWith("/terms/6b-75.js") && !failed ? ((failed = true), Promise.resolve())
                                                               : load(url))
  const found = []
  for (const _ of [1, 2]) {
    answers = []
    query("Kupol")
    await until(() => answers.length > 0)
    found.push(pages())
  }
  return found
"""


def test_a_piece_that_failed_to_load_is_asked_for_again_by_the_next_query(seed_site, offline):
    """A reader whose connection drops while a piece loads misses its results once, not
    until the page is opened again."""
    answered = in_worker_frame(offline, seed_site.site_dir, QUERY_WHILE_A_PIECE_FAILS)
    assert answered == [[[]], [_golden_pages("Kupol")]]


def _golden_pages(query: str) -> list[str]:
    """The addresses of the pages the golden list finds for the query, sorted."""
    return sorted(group[0][0] for group in GOLDEN["results"][query])


@pytest.fixture(scope="module")
def site_of_small_pieces(tmp_path_factory) -> Path:
    """The shipped corpus built with pieces of documents of 8 documents on average, not 400:
    the pages a query finds are in many pieces, as they are at 20,000 articles."""
    project = _copy_of_the_shipped_project(tmp_path_factory.mktemp("small-pieces"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prebuilt_search, "DOCS_PER_SHARD", 8)
        build(project, strict=True)
    return project.site_dir


def test_a_query_that_finds_many_pages_is_answered_first_with_the_best_of_them(
    site_of_small_pieces, offline
):
    """The result list shows ten pages at first: the first answer does not wait for the
    documents of every page found (every piece of documents, at 20,000 articles), and the
    last gives them all, in the same order."""
    assert len(list((site_of_small_pieces / "search/docs").iterdir())) > 8
    offline.open(site_of_small_pieces / "index.html")
    offline.page.locator("input.md-search__input").click()
    ((_, (first, last)),) = query_answers(offline, ["l'aéroport"])
    shown = int(re.search(r"const FIRST_PAGES = (\d+)", WORKER.read_text()).group(1))
    assert first["partial"] is True and "partial" not in last
    assert len(first["items"]) == len(last["items"]) == 57
    assert first["items"][:shown] == last["items"][:shown]
    for placeholder, page in zip(first["items"][shown:], last["items"][shown:], strict=True):
        assert [item["score"] for item in placeholder] == [item["score"] for item in page]
        assert {(item["location"], item["title"], item["text"]) for item in placeholder} == {
            ("", "", "")
        }
    assert sorted(group[0]["location"] for group in last["items"]) == _golden_pages("l'aéroport")
    assert offline.errors == []
