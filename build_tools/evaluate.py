"""`archive evaluate GOLD`: score extraction against a human annotation (like seeds/gold.yaml).

The annotation names raw text files that sit beside it. Each is imported as
`archive add` would; when the corpus holds the same text, its metadata (publication
date, year folder) is used, never its curator overrides: the score is the extractor's.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from build_tools.errors import ArchiveError
from build_tools.extract import extract_article
from build_tools.extract.resources import Resources
from build_tools.extract.text import fold
from build_tools.importer import clean_raw_text
from build_tools.incidents import group_incidents
from build_tools.model import Article, ArticleRecord, Corpus
from build_tools.slugs import slugify
from build_tools.yamlsafe import YamlProblem, load_yaml

FIELDS = ("date", "primary_place", "killed", "injured", "drones_downed", "target_type", "people")


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PairScore:
    """Pairwise grouping scores: of the pairs of articles put in one incident, how many the
    annotation also puts together (precision), and of its pairs, how many were found (recall)."""

    found: int
    expected: int
    agreed: int

    @property
    def precision(self) -> float:
        return self.agreed / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.agreed / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def pair_score(found: dict[str, str], expected: dict[str, str]) -> PairScore:
    """Compare two groupings (article → group label) over the articles both label."""
    names = sorted(set(found) & set(expected))
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    together_found = {p for p in pairs if found[p[0]] == found[p[1]]}
    together_expected = {p for p in pairs if expected[p[0]] == expected[p[1]]}
    return PairScore(len(together_found), len(together_expected), len(together_found & together_expected))


@dataclass
class Evaluation:
    fields: dict[str, FieldScore]
    grouping: PairScore | None = None

    def lines(self) -> list[str]:
        out = [f"{'field':<15} {'correct':>7} {'total':>5}"]
        for name, score in self.fields.items():
            out.append(f"{name:<15} {score.correct:>7} {score.total:>5}")
        if self.grouping:
            g = self.grouping
            out.append(
                f"grouping: pairwise precision {g.precision:.2f}, recall {g.recall:.2f}, F1 {g.f1:.2f} "
                f"({g.agreed} of {g.found} pairs found, {g.expected} expected)"
            )
        for name, score in self.fields.items():
            out.extend(f"  {name}: {miss}" for miss in score.misses)
        return out

    @property
    def all_correct(self) -> bool:
        grouped = self.grouping is None or self.grouping.f1 == 1.0
        return grouped and all(s.correct == s.total for s in self.fields.values())


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8")).data
    except YamlProblem as exc:
        raise ArchiveError(f"{path}:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise ArchiveError(f"{path}: expected a mapping with an 'articles' key, like seeds/gold.yaml")
    return data["articles"]


def gold_articles(gold_path: Path, corpus: Corpus) -> dict[str, Article]:
    """Each annotated file as an article: from the corpus when it holds the same text."""
    by_text = {a.text: a for a in corpus.articles}
    articles = {}
    for name in load_gold(gold_path):
        source = gold_path.parent / name
        if not source.is_file():
            raise ArchiveError(f"{gold_path}: annotated file {name} is not beside it")
        raw = clean_raw_text(source.read_text(encoding="utf-8"))
        article = by_text.get(raw.text) or Article(
            id=slugify(Path(name).stem) or "article", path=name, title=raw.title, source="inconnue",
            text=raw.text, text_line=1, published=raw.published,
        )
        articles[name] = dataclasses.replace(article, overrides={})
    return articles


def evaluate(gold_path: Path, corpus: Corpus, resources: Resources) -> Evaluation:
    gold = load_gold(gold_path)
    scores = {name: FieldScore() for name in FIELDS}
    articles = gold_articles(gold_path, corpus)
    records = {}
    for name, article in articles.items():
        record = records[name] = extract_article(article, resources)
        for field_name in FIELDS:
            expected, got, ok = _COMPARE[field_name](gold[name] or {}, record, resources)
            score = scores[field_name]
            score.total += 1
            if ok:
                score.correct += 1
            else:
                score.misses.append(f"{name}: expected {expected!r}, got {got!r}")
    return Evaluation(scores, _grouping(gold, articles, records))


def _grouping(gold: dict, articles: dict[str, Article], records: dict[str, ArticleRecord]) -> PairScore | None:
    """Group the annotated articles as the build would (no curation) and score the pairs."""
    expected = {name: str(g["incident"]) for name, g in gold.items() if isinstance(g, dict) and g.get("incident")}
    if not expected:
        return None
    grouped, _ = group_incidents(list(records.values()), {a.id: a.text for a in articles.values()}, [])
    incident_of = {r.id: r.incident for r in grouped}
    return pair_score({name: incident_of[record.id] for name, record in records.items()}, expected)


def _date(gold: dict, record: ArticleRecord, _: Resources) -> tuple:
    expected = (gold.get("date") or {}).get("value")
    expected = str(expected) if expected is not None else None
    acceptable = str((gold.get("date") or {}).get("acceptable") or "").split(" ")[0] or None
    got = record.date.value if record.date else None
    return expected, got, got in {expected, acceptable} if acceptable else got == expected


def _primary_place(gold: dict, record: ArticleRecord, resources: Resources) -> tuple:
    expected = [p["name"] for p in (gold.get("places") or {}).get("primary") or []]
    got = next((p.name for p in record.places if p.role == "primary"), None)
    if not expected:
        return None, got, got is None
    aliases = resources.gazetteer.by_alias
    same = got is not None and any(fold(e) == fold(got) or (aliases.get(fold(e)) is not None and aliases.get(fold(e)) == aliases.get(fold(got))) for e in expected)
    return expected, got, same


def _count(name: str):
    def compare(gold: dict, record: ArticleRecord, _: Resources) -> tuple:
        annotation = gold.get(name) or {}
        got_count = getattr(record, name)
        got = None if got_count is None else (got_count.value if got_count.value is not None else got_count.qualifier)
        if annotation.get("unspecified"):
            return "unspecified", got, got_count is not None and got_count.value is None
        expected = annotation.get("value")
        return expected, got, (got_count.value if got_count else None) == expected and (expected is not None or got_count is None)
    return compare


def _drones_downed(gold: dict, record: ArticleRecord, _: Resources) -> tuple:
    expected = ((gold.get("drones") or {}).get("downed") or {}).get("value")
    got = record.drones.downed.value if record.drones.downed else None
    return expected, got, expected == got


def _target_type(gold: dict, record: ArticleRecord, _: Resources) -> tuple:
    text = str((gold.get("target") or {}).get("type") or "")
    expected = re.sub(r"\s+", "_", text.split("(")[0].strip().lower()) or None
    got = record.target.type if record.target else None
    return expected, got, expected == got


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: close enough as a whole, or the same surname and initial."""
    fa, fb = fold(a).split(), fold(b).split()
    if fuzz.ratio(" ".join(fa), " ".join(fb)) >= 85:
        return True
    return fa[-1] == fb[-1] and fa[0][:1] == fb[0][:1]


def _people(gold: dict, record: ArticleRecord, _: Resources) -> tuple:
    expected = sorted(p["name"] for p in gold.get("people") or [])
    got = sorted(p.name for p in record.people)
    recall = all(any(same_person(e, g) for g in got) for e in expected)
    precision = all(any(same_person(g, e) for e in expected) for g in got)
    return expected, got, recall and precision


_COMPARE = {
    "date": _date,
    "primary_place": _primary_place,
    "killed": _count("killed"),
    "injured": _count("injured"),
    "drones_downed": _drones_downed,
    "target_type": _target_type,
    "people": _people,
}
