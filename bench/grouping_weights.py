"""Grouping weights fitted on part of the development set and checked on the rest.

Usage: python bench/grouping_weights.py   (`make bench-grouping`)

The development set's incidents (seeds included) are dealt into two folds, alternately in
the order of their ids. On each fold in turn, a coordinate search changes one weight of
`incidents.WEIGHTS` (or the threshold) at a time among a few multiples, keeping a change
only when it raises that fold's pairwise F1; the fitted weights are then scored on the
other fold, held back. The report gives, for both folds, the F1 of the shipped weights and
of the fitted ones on their own fold and on the held-back fold: weights worth shipping
score as well on the fold they never saw. Then, on the whole set, the multiples of each
weight that keep its F1: how far a weight can move before grouping changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from build_tools import incidents
from build_tools.evaluate import gold_articles, load_gold, pair_score
from build_tools.incidents import group_incidents
from build_tools.model import ArticleRecord
from build_tools.pipeline import Pipeline
from build_tools.project import Project

ROOT = Path(__file__).resolve().parents[1]
GOLDS = (ROOT / "tests/data/dev/gold.yaml", ROOT / "tests/data/seeds/gold.yaml")
MULTIPLES = (0.0, 0.5, 1.0, 1.5, 2.0)
THRESHOLDS = (3.0, 4.0, 5.0, 6.0, 7.0)

Sample = tuple[list[ArticleRecord], dict[str, str], dict[str, str]]  # records, texts, incident


def annotated() -> dict[str, Sample]:
    """Every annotated report (records, texts and incident), by the incident it reports."""
    pipeline = Pipeline(Project(ROOT))
    corpus = pipeline.read()
    resources = pipeline.resources(corpus)
    by_incident: dict[str, Sample] = {}
    for gold_path in GOLDS:
        gold = load_gold(gold_path)
        articles = gold_articles(gold_path, corpus)
        records, _ = pipeline.extract(list(articles.values()), resources)
        for name, record in zip(articles, records, strict=True):
            incident = str((gold[name] or {}).get("incident") or f"{gold_path.parent}/{name}")
            found, texts, expected = by_incident.setdefault(incident, ([], {}, {}))
            found.append(record)
            texts[record.id] = articles[name].text
            expected[record.id] = incident
    pipeline.save(prune=False)
    return by_incident


def merged(samples: list[Sample]) -> Sample:
    records = [r for s in samples for r in s[0]]
    return (
        records,
        {k: v for s in samples for k, v in s[1].items()},
        {k: v for s in samples for k, v in s[2].items()},
    )


@contextlib.contextmanager
def weighed(weights: dict[str, float], threshold: float) -> Iterator[None]:
    shipped, shipped_threshold = dict(incidents.WEIGHTS), incidents.GROUPING_THRESHOLD
    incidents.WEIGHTS.update(weights)
    incidents.GROUPING_THRESHOLD = threshold
    try:
        yield
    finally:
        incidents.WEIGHTS.update(shipped)
        incidents.GROUPING_THRESHOLD = shipped_threshold


def f1(sample: Sample, weights: dict[str, float], threshold: float) -> float:
    records, texts, expected = sample
    with weighed(weights, threshold):
        grouped, _ = group_incidents(records, texts, [])
    found = {r.id: r.incident or r.id for r in grouped}
    return pair_score(found, expected).f1


def fitted(sample: Sample) -> tuple[dict[str, float], float]:
    """Weights and threshold from the shipped ones, one change at a time while F1 rises."""
    weights, threshold = dict(incidents.WEIGHTS), incidents.GROUPING_THRESHOLD
    best = f1(sample, weights, threshold)
    improved = True
    while improved:
        improved = False
        for name, shipped in incidents.WEIGHTS.items():
            for multiple in MULTIPLES:
                trial = {**weights, name: shipped * multiple}
                if (score := f1(sample, trial, threshold)) > best:
                    weights, best, improved = trial, score, True
        for trial_threshold in THRESHOLDS:
            if (score := f1(sample, weights, trial_threshold)) > best:
                threshold, best, improved = trial_threshold, score, True
    return weights, threshold


def main() -> None:
    by_incident = annotated()
    names = sorted(by_incident)
    folds = [merged([by_incident[n] for n in names[k::2]]) for k in (0, 1)]
    shipped = dict(incidents.WEIGHTS), incidents.GROUPING_THRESHOLD
    print(f"{len(names)} incidents, {sum(len(f[0]) for f in folds)} reports, in two folds")
    for k, (fit_on, held_back) in enumerate(((folds[0], folds[1]), (folds[1], folds[0]))):
        weights, threshold = fitted(fit_on)
        changed = {n: w for n, w in weights.items() if w != incidents.WEIGHTS[n]}
        print(f"fitted on fold {k + 1}: threshold {threshold:g}, changed weights {changed or '—'}")
        for label, sample in (("own fold", fit_on), ("held back", held_back)):
            print(
                f"  {label:<10} F1 shipped {f1(sample, *shipped):.3f},"
                f" fitted {f1(sample, weights, threshold):.3f}"
            )
    whole = merged(folds)
    base = f1(whole, *shipped)
    print(f"margins on the whole set (F1 {base:.3f}): the multiples of each weight that keep it")
    for name, weight in incidents.WEIGHTS.items():
        kept = [
            m for m in MULTIPLES if f1(whole, {**shipped[0], name: weight * m}, shipped[1]) >= base
        ]
        print(f"  {name:<22} {weight:>5g}  × {', '.join(f'{m:g}' for m in kept)}")


if __name__ == "__main__":
    main()
