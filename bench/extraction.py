"""Extraction throughput: articles per second on N articles, resources loading excluded.

Usage: python bench/extraction.py [N] [--dev]   (default 500; `make bench-extract`)

The articles are the shipped corpus (or, with --dev, the 48 articles of the development set,
French and English, longer and more varied) repeated until N, each copy with its own id.
The report gives the time to load the statistical model and the resources (gazetteer,
lexicon) apart, then the extraction rate in one process and in as many processes as the
machine has cores (the build's own parallel path, `pipeline._extracted`), and the share of
time spent in each stage. The rate on a rebuild, where the store hands back what was
extracted, is `bench/build.py`'s one-article rebuild.
"""

from __future__ import annotations

import cProfile
import dataclasses
import os
import pstats
import sys
import time
from pathlib import Path

from build_tools.corpus import load_corpus
from build_tools.evaluate import gold_articles
from build_tools.extract import extract_article
from build_tools.extract.names import model, model_version
from build_tools.extract.resources import Resources
from build_tools.pipeline import _extracted

ROOT = Path(__file__).resolve().parents[1]
DEV_GOLD = ROOT / "tests" / "data" / "dev" / "gold.yaml"


def articles(n: int, dev: bool):
    corpus = load_corpus(ROOT / "corpus", ROOT)
    base = list(gold_articles(DEV_GOLD, corpus).values()) if dev else corpus.articles
    return corpus, [dataclasses.replace(base[i % len(base)], id=f"a{i}") for i in range(n)]


def rates(n: int, run) -> str:
    """min / median / max articles per second of 3 runs of `run`."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    low, middle, high = sorted(n / t for t in times)
    return f"{low:.0f} / {middle:.0f} / {high:.0f} articles/s (min / median / max of 3 runs)"


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    n = int(numbers[0]) if numbers else 500
    corpus, items = articles(n, "--dev" in sys.argv)
    started = time.perf_counter()
    model()
    model_loading = time.perf_counter() - started
    started = time.perf_counter()
    resources = Resources(corpus)
    resources.load()  # the gazetteer is otherwise loaded by the first extraction
    loading = time.perf_counter() - started
    source = "development set" if "--dev" in sys.argv else "shipped corpus"
    print(f"statistical model ({model_version()}) loaded in {model_loading:.2f} s")
    print(f"resources loaded in {loading:.2f} s")
    print(f"extraction of {n} articles ({source}), 1 process:")
    print("  " + rates(n, lambda: [extract_article(a, resources) for a in items]))
    cores = os.cpu_count() or 1
    print(f"extraction of {n} articles ({source}), {cores} processes:")
    print("  " + rates(n, lambda: list(_extracted(items, resources, cores))))
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
