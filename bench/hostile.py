"""Work per input stays bounded: extraction time against the numbers an article holds, and
the build of one article at the size cap (a benchmark, not a test; `make bench-hostile`).

Usage: python bench/hostile.py

1. One article holding 1,000, 10,000 and 100,000 numbers, all in one sentence ("Selon le
   ministère, 12, 845, … drones ont été abattus.") and in as many sentences ("3 tués."): extraction
   time of each, and how much longer ten times the numbers takes (linear: about 10×).
2. One article of about 1 MB (the size cap), made of synthetic reports run together, added
   to a built project of 20 articles: min / median / max of 3 `archive build`.
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.build import spread
from bench.synthetic import articles, write_project
from build_tools.corpus import MAX_ARTICLE_BYTES, load_corpus
from build_tools.extract import extract_article
from build_tools.extract.names import model
from build_tools.extract.resources import Resources
from build_tools.model import Article

ROOT = Path(__file__).resolve().parents[1]
COUNTS = (1_000, 10_000, 100_000)


def one_sentence(n: int) -> str:
    numbers = ", ".join(str(i * 7919 % 99_999) for i in range(n))
    return f"Selon le ministère, {numbers} drones ont été abattus."


def many_sentences(n: int) -> str:
    """Short sentences, so that 100,000 of them stay under the size cap."""
    return " ".join(f"{i % 10} tués." for i in range(n))


def extraction_seconds(article: Article, resources: Resources) -> list[float]:
    """The times of 3 extractions of the article."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        extract_article(article, resources)
        times.append(time.perf_counter() - started)
    return times


def numbers_report(resources: Resources, base: Article) -> None:
    for shape, text_of in (("one sentence", one_sentence), ("many sentences", many_sentences)):
        print(f"numbers in {shape} (min / median / max of 3 extractions):")
        previous = None
        for n in COUNTS:
            text = text_of(n)
            times = extraction_seconds(dataclasses.replace(base, text=text), resources)
            median = statistics.median(times)
            growth = f"; {median / previous:.1f}× the median of 10× fewer" if previous else ""
            print(f"  {n:>7,} numbers ({len(text.encode()) // 1000} kB): {spread(times)}{growth}")
            previous = median


def article_at_the_cap() -> str:
    """Synthetic reports one after another, up to just under the size cap."""
    front = "---\ntitle: Mille rapports en un\nsource: Banc d'essai\npublished: 2024-12-21\n---\n"
    parts, size = [front], len(front.encode())
    for _, _, text in articles(4_000, seed=7):
        size += len(text.encode()) + 2
        if size > MAX_ARTICLE_BYTES - 1_000:
            break
        parts.append(text + "\n\n")
    return "".join(parts)


def build_seconds(project: Path) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-m", "build_tools", "--quiet", "build"]
    subprocess.run(command, cwd=project, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def cap_report() -> None:
    """The 1 MB article added to a built project of 20 synthetic articles, 3 times (removed
    and the project rebuilt between, untimed)."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "cap"
        write_project(project, 20)
        build_seconds(project)
        article = project / "corpus" / "articles" / "2024" / "mille-rapports.md"
        text = article_at_the_cap()
        times = []
        for _ in range(3):
            article.write_text(text, encoding="utf-8")
            times.append(build_seconds(project))
            article.unlink()
            build_seconds(project)
        print(f"one article of {len(text.encode()) / 1e6:.2f} MB added to 20 and built, 3 runs:")
        print(f"  {spread(times)} (min / median / max)")


def main() -> None:
    corpus = load_corpus(ROOT / "corpus", ROOT)
    resources = Resources(corpus)
    resources.load()
    model()
    numbers_report(resources, corpus.articles[0])
    cap_report()


if __name__ == "__main__":
    main()
