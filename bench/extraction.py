"""Extraction throughput: articles per second on N articles, resources loading excluded.

Usage: python bench/extraction.py [N]   (default 500; `make bench-extract`)

The articles are the shipped corpus repeated until N, each copy with its own id; the
report gives the time to load the statistical model and the resources (gazetteer,
lexicon) apart, then the extraction rate, and the share of time spent in each stage.
"""

from __future__ import annotations

import cProfile
import dataclasses
import pstats
import sys
import time
from pathlib import Path

from build_tools.corpus import load_corpus
from build_tools.extract import extract_article
from build_tools.extract.names import model, model_version
from build_tools.extract.resources import Resources

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int):
    corpus = load_corpus(ROOT / "corpus", ROOT)
    base = corpus.articles
    return corpus, [dataclasses.replace(base[i % len(base)], id=f"a{i}") for i in range(n)]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    corpus, items = articles(n)
    started = time.perf_counter()
    model()
    model_loading = time.perf_counter() - started
    started = time.perf_counter()
    resources = Resources(corpus)
    resources.load()  # the gazetteer is otherwise loaded by the first extraction
    loading = time.perf_counter() - started
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for article in items:
            extract_article(article, resources)
        runs.append(time.perf_counter() - started)
    rates = sorted(n / r for r in runs)
    print(f"statistical model ({model_version()}) loaded in {model_loading:.2f} s")
    print(f"resources loaded in {loading:.2f} s")
    print(
        f"extraction of {n} articles, 1 process:"
        f" {rates[0]:.0f} / {rates[1]:.0f} / {rates[2]:.0f} articles/s"
        " (min / median / max of 3 runs)"
    )
    profile = cProfile.Profile()
    profile.enable()
    for article in items[:100]:
        extract_article(article, resources)
    profile.disable()
    stats = pstats.Stats(profile)
    total = stats.total_tt
    print("time by stage (cumulative, 100 articles):")
    for name in (
        "extract_places",
        "extract_figures",
        "event_date",
        "extract_target",
        "extract_weapons",
        "extract_people",
        "extract_organisations",
        "model_entities",
        "detected_language",
        "find",
    ):
        cumulative = sum(v[3] for k, v in stats.stats.items() if k[2] == name)
        print(f"  {name:<22} {100 * cumulative / total:5.1f} %")


if __name__ == "__main__":
    main()
