"""The orchestrator: the stages (load → extract → group → render) run through the store
and the worker pool. With the MkDocs plugin, it is the only code that opens the store;
`archive build`, `check`, `serve`, `extract` and `evaluate` all go through it.

Each step keeps its values in a namespace of the store (incremental/store.py) under its
fingerprint (incremental/fingerprint.py): the code it imports, the installed versions,
and the inputs named here. The stages themselves take plain data and return plain data;
they apply their pure functions through the `call` they are given, and the orchestrator
gives them the namespace's. A stage run here gives what it gives without the store
(tests/test_pipeline.py checks each).
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TypeVar

from build_tools import schema, urls
from build_tools.catalogue import build_catalogue
from build_tools.corpus import load_corpus
from build_tools.duplicates import Duplicate, find_duplicates
from build_tools.export import (
    FileMaker,
    ListMaker,
    data_downloads,
    export_files,
    listed,
    made_now,
)
from build_tools.extract import extract_article
from build_tools.extract.resources import Resources
from build_tools.feed import atom_feed
from build_tools.incidents import curations_grouping_agrees_with, group_incidents, moved_ids
from build_tools.incremental.call import Call, apply
from build_tools.incremental.file_reuse import FileReuse, ListReuse
from build_tools.incremental.fingerprint import Step
from build_tools.incremental.page_reuse import PageReuse
from build_tools.incremental.source_reuse import SourceReuse
from build_tools.incremental.store import Memo, Namespace, Store
from build_tools.maps import borders_script, labels_script
from build_tools.messages import _, ngettext
from build_tools.model import Article, ArticleRecord, Corpus, Incident, IncidentCuration
from build_tools.project import Project
from build_tools.render.pages import Site, make_page, redirect_page, render_site
from build_tools.write import Content, unchanged_bytes

T = TypeVar("T")

#: The steps whose values the store keeps, by the modules that make them.
READ = Step("read", ("build_tools.corpus", "build_tools.incremental.source_reuse"))
#: The duplicate check's sketches and pairs of texts: not the read step's, whose values
#: depend on today's date, so that the first build of a day does not sketch every text again.
DUPLICATES = Step("duplicates", ("build_tools.duplicates",))
GAZETTEER = Step("gazetteer", ("build_tools.extract",), pruned=False)
NAMES = Step("names", ("build_tools.extract",))
EXTRACT = Step("extract", ("build_tools.extract",))
GROUP = Step("group", ("build_tools.incidents",))
PAGES = Step(
    "pages",
    ("build_tools.render.pages", "build_tools.incremental.page_reuse"),
    data=("render/templates",),
)
#: The files of each page: read only for a page reused whose file in docs/ is not as the
#: last build left it.
PAGE_FILES = Step("page-files", PAGES.modules, data=PAGES.data, whole=False)
EXPORT = Step("export", ("build_tools.export", "build_tools.incremental.file_reuse"))
#: The signatures of the files the last build left in docs/ (build_tools/write.py).
WRITTEN = Step("docs", ("build_tools.write",))
#: The steps whose values stand for files that a build writes in docs/.
WRITTEN_OUT = (PAGES.name, PAGE_FILES.name, EXPORT.name)

#: Below this many articles to extract, one process is faster than starting workers.
PARALLEL_FROM = 64
#: From this many records, the data downloads (5 s of one article added at 20,000) are made
#: in another process while this one makes the pages (`forked`).
FORKED_FROM = 64
_CHUNK = 8
#: `progress(items, length, label)` yields the items while showing progress; the default shows none.
Progress = Callable[[Iterable, int, str], Iterable]
Report = Callable[[str], None]
#: `with background(compute) as value:` computes `compute()` while the block goes on, and
#: `value()` waits for it (`computed_here`, `forked`).
Background = Callable[[Callable[[], Any]], AbstractContextManager[Callable[[], Any]]]


def no_progress(items: Iterable, length: int, label: str) -> Iterable:
    return items


@dataclass(frozen=True)
class ExtractionStats:
    cached: int
    extracted: int
    seconds: float
    workers: int

    def summary(self) -> str:
        rate = ""
        if self.extracted and self.seconds:
            per_second = round(self.extracted / self.seconds)
            rate = ngettext(" at {rate} article/s", " at {rate} articles/s", per_second).format(
                rate=per_second
            )
        return _("{extracted} extracted{rate} ({workers} process(es)), {cached} from cache").format(
            extracted=self.extracted, rate=rate, workers=self.workers, cached=self.cached
        )


@dataclass(frozen=True)
class PageStats:
    """How many pages were rendered, and how many taken as they were from the previous build."""

    rendered: int
    reused: int

    def summary(self) -> str:
        return _("{rendered} rendered, {reused} reused").format(
            rendered=self.rendered, reused=self.reused
        )


@contextmanager
def computed_here(compute: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """The plain `Background`: `compute()` now, in this process."""
    value = compute()
    yield lambda: value


@contextmanager
def forked(compute: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """A `Background` on another core: `compute()` in a forked process, which shares this
    one's memory as it was (the records, incidents and catalogue, never pickled) and sends
    back its value, pickled (or its exception, raised again here). A process that stops
    without sending it, or one still working when the block is left, is stopped and
    reaped."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reader)
        _send_value(compute, writer)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as source:
            yield lambda: _received_value(source)
    finally:
        with suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def _send_value(compute: Callable[[], Any], writer: int) -> NoReturn:
    """In a forked process: (True, value) or (False, exception) pickled to `writer`, then
    out, running nothing of the parent's at exit (its buffers, its store)."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops it
        try:
            outcome: tuple[bool, Any] = (True, compute())
        except Exception as error:  # noqa: BLE001 - raised again by the parent
            outcome = (False, error)
        with os.fdopen(writer, "wb") as sink:
            pickle.dump(outcome, sink, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent reports a value that never came
        status = 1
    finally:
        os._exit(status)


def _received_value(source: BinaryIO) -> Any:
    try:
        succeeded, value = pickle.load(source)
    except (EOFError, pickle.UnpicklingError) as error:
        raise ChildProcessError(
            _("a process of the build stopped before giving its value (out of memory?)")
        ) from error
    if not succeeded:
        raise value
    return value


def generate(
    corpus: Corpus,
    resources: Resources,
    records: list[ArticleRecord],
    *,
    site_url: str | None = None,
    borders_json: str | None = None,
    site_zip: str | None = None,
    group_call: Call = apply,
    page_call: Call = apply,
    page_maker: Callable = make_page,
    export_call: Call = apply,
    file_maker: FileMaker = made_now,
    list_maker: ListMaker = listed,
    background: Background = computed_here,
) -> tuple[Site, dict[str, Content]]:
    """The pure middle of the pipeline: from the corpus and its records to every generated
    file's content (`write.Content`), by path under docs/. `site_zip` names the offline
    download the build will add, for Accueil to link to. The calls and the makers are how
    each stage applies its pure functions and makes its files: plainly by default, through
    the store when the orchestrator runs it; `background`, how the data downloads are made
    while the pages are (`forked`, in another process, for a large corpus)."""
    records, incidents = group_incidents(
        records,
        {a.id: a.text for a in corpus.articles},
        corpus.incidents,
        group_call,
        corpus.published,
    )
    catalogue = build_catalogue(records, incidents, resources.other_names)
    site = Site(
        articles=corpus.articles,
        records=records,
        incidents=incidents,
        catalogue=catalogue,
        site_url=site_url,
        site_zip=site_zip,
    )
    # Not through the store: an article added, edited or deleted changes them all, and a
    # value of 150 MB at 20,000 articles (the database and the CSVs) tripled its memory
    # while the store wrote it, at the build's peak.
    with background(
        lambda: data_downloads(corpus.articles, records, incidents, list(catalogue), site_url)
    ) as downloads:
        files: dict[str, Content] = dict(render_site(site, call=page_call, page_maker=page_maker))
        for old, new in moved_ids(corpus.published, incidents).items():
            files[urls.incident(old)] = redirect_page(old, new)
        files.update(export_files(records, incidents, export_call, file_maker, list_maker))
        files.update(downloads())
    files[urls.FEED] = atom_feed(
        incidents,
        records,
        site_url,
        datetime.datetime.fromtimestamp(corpus_epoch(corpus), datetime.UTC),
    )
    if borders_json is not None:
        files[urls.BORDERS_SCRIPT] = borders_script(borders_json)
        files[urls.LABELS_SCRIPT] = labels_script(resources.map_labels())
    return site, files


def corpus_epoch(corpus: Corpus) -> int:
    """The build date when SOURCE_DATE_EPOCH is not given: the newest publication date of the
    corpus (midnight UTC), so that the same corpus builds the same sitemap on any day."""
    newest = max((a.published for a in corpus.articles if a.published), default=None)
    if newest is None:
        return 0
    return int(
        datetime.datetime.combine(newest.first_day, datetime.time(), datetime.UTC).timestamp()
    )


def resources_digest(corpus: Corpus) -> str:
    """Changes with the gazetteer additions, the entities or the lexicon."""
    return hashlib.sha256(
        repr((corpus.places, corpus.entities, corpus.lexicon)).encode()
    ).hexdigest()


def article_key(article: Article, namespace: Namespace) -> str:
    """What an article's record is stored under: a digest of the article (text and front
    matter), made through the namespace, whose digests the pages share: the article is
    digested once a build."""
    return namespace.digest(article).hex()


class Pipeline:
    """The stages of one command, run through the project's store."""

    def __init__(
        self,
        project: Project,
        *,
        progress: Progress = no_progress,
        workers: int | None = None,
        cache: bool = True,
    ):
        self.project = project
        self.store = Store(project.store_path if cache else None)
        self.progress = progress
        self.workers = workers or os.cpu_count() or 1
        #: The digest of the resources `resources` made: the records and pages depend on them.
        self.resources_digest = ""

    def read(self, only: list[Path] | None = None) -> Corpus:
        """The corpus (or the files `only`), each file parsed and each text sketched once: an
        article file is read again only when it changed (`SourceReuse`). Today's date is an
        input of parsing (an article dated tomorrow is refused today only), not of the
        sketches, which the first build of a day does not make again.
        The few files `only` names are checked for duplicates among themselves plainly, so
        that the pairs of near-duplicates the store keeps stay those of the whole corpus."""
        namespace = self.namespace(READ, schema.today().isoformat())
        return load_corpus(
            self.project.corpus_dir,
            self.project.root,
            only,
            call=namespace.call,
            duplicates_call=self.namespace(DUPLICATES).call if only is None else apply,
            reader=SourceReuse(namespace),
        )

    def resources(self, corpus: Corpus) -> Resources:
        """The resources of the corpus: their gazetteer and automaton made once per resources,
        the other names of each place or entity once."""
        self.resources_digest = resources_digest(corpus)
        return Resources(
            corpus,
            call=self.namespace(NAMES, self.resources_digest).call,
            tables=self.namespace(GAZETTEER, self.resources_digest).call,
        )

    def extract(
        self, articles: list[Article], resources: Resources
    ) -> tuple[list[ArticleRecord], ExtractionStats]:
        """Every article's record, in article order: from the store where the article is
        unchanged, else extracted (in parallel when there are many). Workers are given the
        resources loaded (the gazetteer, the named-entity model), and the time in the stats
        leaves that out; one process loads what its articles need as it goes: the model
        only for a French sentence holding a name the rules do not know (0.6 s)."""
        stored = self.namespace(EXTRACT, self.resources_digest)
        keys = [article_key(a, stored) for a in articles]
        known = {k: record for k in keys if (record := stored.get(k)) is not None}
        for key, record in known.items():
            stored.digest_as_made_by(key, record)
        missing = {k: a for a, k in zip(articles, keys, strict=True) if k not in known}
        count = self.workers if len(missing) >= PARALLEL_FROM else 1
        if count > 1:
            resources.load()
        started = time.perf_counter()
        extracted = _extracted(list(missing.values()), resources, count)
        try:
            for key, record in zip(
                missing, self.progress(extracted, len(missing), _("Extracting")), strict=True
            ):
                known[key] = record
                stored.put(key, record)
                stored.digest_as_made_by(key, record)
        except KeyboardInterrupt:  # keep what was extracted: the next build goes on from it
            extracted.close()  # stops the workers now
            self.store.save(prune=False)
            raise
        stats = ExtractionStats(
            len(articles) - len(missing), len(missing), time.perf_counter() - started, count
        )
        return [known[k] for k in keys], stats

    def group(
        self, corpus: Corpus, records: list[ArticleRecord]
    ) -> tuple[list[ArticleRecord], list[Incident]]:
        texts = {a.id: a.text for a in corpus.articles}
        return group_incidents(records, texts, corpus.incidents, self.namespace(GROUP).call)

    def redundant_curations(
        self, corpus: Corpus, records: list[ArticleRecord]
    ) -> list[IncidentCuration]:
        """`curations_grouping_agrees_with` the whole corpus's records."""
        texts = {a.id: a.text for a in corpus.articles}
        return curations_grouping_agrees_with(
            corpus.incidents, records, texts, self.namespace(GROUP).call
        )

    def generate(
        self,
        corpus: Corpus,
        resources: Resources,
        records: list[ArticleRecord],
        *,
        site_zip: str | None,
    ) -> tuple[Site, dict[str, Content], PageReuse, FileReuse]:
        """`generate` through the store: the pages of the previous build are reused where
        nothing they show changed, the incidents' data files where their incident and
        records are the same, and the items of the lists of records, incidents and features
        that are the same. The items' JSON is not kept: it is made once a build, for the
        items that changed (`ListReuse` takes the others from docs/)."""
        pages_namespace = self.namespace(PAGES, self.resources_digest)
        pages = PageReuse(pages_namespace, self.namespace(PAGE_FILES, self.resources_digest))
        exports = self.namespace(EXPORT)
        data_files = FileReuse(exports)
        site, files = generate(
            corpus,
            resources,
            records,
            site_url=self.project.site_url,
            borders_json=self.project.borders_json(),
            site_zip=site_zip,
            group_call=self.namespace(GROUP).call,
            page_call=pages_namespace.call,
            page_maker=pages,
            export_call=Memo(self.store.digests).call,
            file_maker=data_files,
            list_maker=ListReuse(exports, self.left_in_docs),
            background=forked if len(records) >= FORKED_FROM else computed_here,
        )
        return site, files, pages, data_files

    def left_in_docs(self, path: str) -> bytes | None:
        """The bytes of the generated file at `path` under docs/ as the last build wrote it;
        None when docs/ no longer holds it so (edited, deleted) or it never did."""
        recorded = self.namespace(WRITTEN).get("written", {}).get(path)
        return None if recorded is None else unchanged_bytes(self.project.docs_dir / path, recorded)

    def duplicates(self, articles: list[Article]) -> list[Duplicate]:
        """`find_duplicates` of these articles, each text sketched once (as reading does)."""
        return find_duplicates(articles, self.namespace(DUPLICATES).call)

    def namespace(self, step: Step, *inputs: object) -> Namespace:
        fingerprint = step.fingerprint(*inputs)
        return self.store.namespace(step.name, fingerprint, pruned=step.pruned, whole=step.whole)

    def save(self, *, prune: bool = True, written: bool = True) -> None:
        """Keep what this command made for the next; with `prune`, drop what it did not use
        (a command that read part of the corpus keeps the rest). Unless the generated files
        were `written`, the pages and exports are not kept: a page or a data file reused
        stands for the file the last build left in docs/, which would then be another."""
        self.store.save(prune=prune, without=() if written else WRITTEN_OUT)


_worker_resources: Resources | None = None


def _extract_in_worker(article: Article) -> ArticleRecord:
    assert _worker_resources is not None
    return extract_article(article, _worker_resources)


def _start_worker() -> None:
    """In a worker: Ctrl-C reaches every process of the terminal; the build stops the
    workers itself, rather than each printing a traceback. The cyclic collector, which the
    build turns off (`build.no_collections`), is on: a worker makes and drops the objects
    of thousands of articles."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


def _extracted(
    articles: list[Article], resources: Resources, workers: int
) -> Generator[ArticleRecord, None, None]:
    """Records in article order, from `workers` forked processes (or this one). Resources
    given to workers are loaded (`Resources.load`), so that the processes share them."""
    global _worker_resources
    if workers <= 1:
        yield from (extract_article(a, resources) for a in articles)
        return
    _worker_resources = resources  # inherited by the forked workers
    try:
        with multiprocessing.get_context("fork").Pool(workers, _start_worker) as pool:
            yield from pool.imap(_extract_in_worker, articles, chunksize=_CHUNK)
    finally:
        _worker_resources = None
