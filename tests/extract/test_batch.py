"""Extracting a corpus: cached by content and resources, the same records in parallel."""

from __future__ import annotations

import dataclasses

from build_tools.cache import Cache
from build_tools.extract import extract_article
from build_tools.extract.batch import extract_corpus, resources_fingerprint
from build_tools.model import Article, PartialDate


def articles(n: int) -> list[Article]:
    return [
        Article(
            id=f"a{i}", path=f"corpus/articles/2025/a{i}.md", title=f"Frappe {i}", source="inconnue",
            text=f"Le {i % 28 + 1} juillet 2025, des drones ont frappé une raffinerie à Riazan. {i} personnes ont été blessées.",
            text_line=5, published=PartialDate.parse("2025-07-29"), language="fr",
        )
        for i in range(n)
    ]


def test_parallel_extraction_gives_the_records_of_one_process_in_article_order(resources):
    items = articles(70)
    parallel, stats = extract_corpus(items, resources, workers=2)
    assert stats.workers == 2 and stats.extracted == 70
    assert parallel == [extract_article(a, resources) for a in items]


def test_the_cache_extracts_only_new_or_changed_articles(resources, tmp_path):
    path = tmp_path / "extraction.sqlite"
    items = articles(3)
    cache = Cache(path, "v1")
    first, stats = extract_corpus(items, resources, cache=cache)
    assert (stats.cached, stats.extracted) == (0, 3)
    cache.save()
    changed = [*items[:2], dataclasses.replace(items[2], text=items[2].text + " Trois drones ont été abattus."), *articles(4)[3:]]
    again, stats = extract_corpus(changed, resources, cache=Cache(path, "v1"))
    assert (stats.cached, stats.extracted) == (2, 2)
    assert again[:2] == first[:2] and again[2] != first[2]


def test_the_resources_fingerprint_follows_the_gazetteer(tmp_path):
    from build_tools.model import Corpus, GazetteerEntry

    base = Corpus(articles=[])
    more = Corpus(articles=[], places=[GazetteerEntry(name="Kupol", kind="site", country="RU", admin1=None, lat=56.8, lon=53.2, aliases=[])])
    assert resources_fingerprint(base) != resources_fingerprint(more)
