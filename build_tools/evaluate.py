"""`archive evaluate GOLD`: score extraction and grouping against a human annotation.

The annotation (`tests/data/seeds/gold.yaml`, `tests/data/dev/gold.yaml`) names the
article files that sit beside it: raw text (`.txt`, imported as `archive add` would) or
corpus files (`.md`, with front matter). When the corpus holds the same text, its metadata
(publication date, year folder) is used, never its curator overrides: the score is the
extractor's.

A field is scored on the articles whose annotation says something about it. Fields that
hold one value (a date, a count) are right or wrong; fields that hold a list (people,
weapons, claimants) are right when the list is found exactly, and their precision and
recall are counted item by item over the whole set.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from build_tools.corpus import parse_article
from build_tools.errors import ArchiveError
from build_tools.extract.resources import Resources
from build_tools.folding import fold, skeleton
from build_tools.importer import clean_raw_text
from build_tools.incidents import group_incidents
from build_tools.labels import country_code
from build_tools.model import Article, ArticleRecord, Corpus, PartialDate
from build_tools.slugs import slugify
from build_tools.yamlsafe import YamlProblem, load_yaml

_NOT_ANNOTATED = object()


@dataclass
class FieldScore:
    """One field over the whole set: articles right, and items found for list fields."""

    correct: int = 0
    total: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (article, what differs)
    found: int = 0  # items extracted (list fields)
    expected: int = 0  # items annotated
    agreed: int = 0  # items both extracted and annotated
    is_list: bool = False

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    precision = property(lambda self: _ratio(self.agreed, self.found))
    recall = property(lambda self: _ratio(self.agreed, self.expected))


def _ratio(part: int, whole: int) -> float:
    """A share that is perfect when there is nothing to share."""
    return part / whole if whole else 1.0


@dataclass(frozen=True)
class PairScore:
    """Pairwise grouping scores: of the pairs of articles put in one incident, how many the
    annotation also puts together (precision), and of its pairs, how many were found (recall)."""

    found: int
    expected: int
    agreed: int

    precision = property(lambda self: _ratio(self.agreed, self.found))
    recall = property(lambda self: _ratio(self.agreed, self.expected))

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def pair_score(found: dict[str, str], expected: dict[str, str]) -> PairScore:
    """Compare two groupings (article → group label) over the articles both label."""
    names = sorted(set(found) & set(expected))
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    together_found = {p for p in pairs if found[p[0]] == found[p[1]]}
    together_expected = {p for p in pairs if expected[p[0]] == expected[p[1]]}
    return PairScore(
        len(together_found), len(together_expected), len(together_found & together_expected)
    )


def grouping_confusion(found: dict[str, str], expected: dict[str, str]) -> list[str]:
    """Each annotated incident whose articles were split or joined with others, in words."""
    lines = []
    for incident in sorted(set(expected.values())):
        members = sorted(a for a, label in expected.items() if label == incident)
        groups = sorted({found[a] for a in members})
        intruders = sorted(
            a for a, label in found.items() if label in groups and expected.get(a) != incident
        )
        if len(groups) > 1:
            parts = "; ".join(
                ", ".join(a for a in members if found[a] == group) for group in groups
            )
            lines.append(f"{incident}: split into {len(groups)} incidents ({parts})")
        if intruders:
            lines.append(f"{incident}: merged with {', '.join(intruders)}")
    return lines


@dataclass
class Evaluation:
    fields: dict[str, FieldScore]
    grouping: PairScore | None = None
    confusion: list[str] = field(default_factory=list)

    @property
    def mean_accuracy(self) -> float:
        scored = [s.accuracy for s in self.fields.values() if s.total]
        return sum(scored) / len(scored) if scored else 1.0

    def lines(self) -> list[str]:
        out = [
            f"{'field':<18} {'correct':>7} {'total':>5} {'accuracy':>8} "
            f"{'precision':>9} {'recall':>6}"
        ]
        for name, score in self.fields.items():
            if not score.total:
                continue
            ranks = f" {score.precision:>9.2f} {score.recall:>6.2f}" if score.is_list else ""
            out.append(
                f"{name:<18} {score.correct:>7} {score.total:>5} {score.accuracy:>8.2f}{ranks}"
            )
        out.append(f"mean field accuracy: {self.mean_accuracy:.3f}")
        if self.grouping:
            g = self.grouping
            out.append(
                f"grouping: pairwise precision {g.precision:.2f}, recall {g.recall:.2f}, "
                f"F1 {g.f1:.2f} ({g.agreed} of {g.found} pairs found, {g.expected} expected)"
            )
            out.extend(f"  {line}" for line in self.confusion)
        by_article: dict[str, list[str]] = {}
        for name, score in self.fields.items():
            for article, miss in score.misses:
                by_article.setdefault(article, []).append(f"{name}: {miss}")
        if by_article:
            out.append("differences, by article:")
        for article in sorted(by_article):
            out.append(f"  {article}")
            out.extend(f"    {miss}" for miss in by_article[article])
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
        raise ArchiveError(
            f"{path}: expected a mapping with an 'articles' key, like seeds/gold.yaml"
        )
    return data["articles"]


def gold_articles(gold_path: Path, corpus: Corpus) -> dict[str, Article]:
    """Each annotated file as an article: from the corpus when it holds the same text."""
    by_text = {a.text: a for a in corpus.articles}
    articles = {}
    for name in load_gold(gold_path):
        source = gold_path.parent / name
        if not source.is_file():
            raise ArchiveError(f"{gold_path}: annotated file {name} is not beside it")
        article = _read(source, name)
        article = by_text.get(article.text, article)
        articles[name] = dataclasses.replace(article, overrides={})
    return articles


def _read(source: Path, name: str) -> Article:
    """A corpus file (`.md`) as the corpus reads it, or a raw text as `archive add` does."""
    if source.suffix == ".md":
        article, problems = parse_article(source.read_bytes(), str(source))
        if article is None:
            raise ArchiveError("\n".join(str(p) for p in problems))
        return article
    raw = clean_raw_text(source.read_text(encoding="utf-8"))
    return Article(
        id=slugify(Path(name).stem) or "article",
        path=name,
        title=raw.title,
        source="inconnue",
        text=raw.text,
        text_line=1,
        published=raw.published,
    )


def evaluate(
    gold_path: Path,
    articles: dict[str, Article],
    records: dict[str, ArticleRecord],
    resources: Resources,
) -> Evaluation:
    """The scores of the records extracted from the annotated articles
    (`gold_articles`), by name."""
    gold = load_gold(gold_path)
    scores = {name: FieldScore(is_list=kind == "list") for name, (kind, _) in COMPARE.items()}
    for name in articles:
        record = records[name]
        annotation = gold[name] or {}
        for field_name, (kind, compare) in COMPARE.items():
            outcome = compare(annotation, record, resources)
            if outcome is _NOT_ANNOTATED:
                continue
            _score(scores[field_name], kind, name, outcome)
    grouping, confusion = _grouping(gold, articles, records)
    return Evaluation(scores, grouping, confusion)


def _score(score: FieldScore, kind: str, article: str, outcome: tuple) -> None:
    score.total += 1
    if kind == "list":
        expected, got, agreed = outcome
        score.expected += len(expected)
        score.found += len(got)
        score.agreed += agreed
        ok = agreed == len(expected) == len(got)
    else:
        expected, got, ok = outcome
    if ok:
        score.correct += 1
    else:
        score.misses.append((article, f"expected {expected!r}, got {got!r}"))


def _grouping(gold: dict, articles: dict[str, Article], records: dict[str, ArticleRecord]) -> tuple:
    """Group the annotated articles as the build would (no curation) and score the pairs."""
    expected = {
        name: str(g["incident"])
        for name, g in gold.items()
        if isinstance(g, dict) and g.get("incident")
    }
    if not expected:
        return None, []
    grouped, _ = group_incidents(
        list(records.values()), {a.id: a.text for a in articles.values()}, []
    )
    # group_incidents puts every record in an incident.
    incident_of = {r.id: r.incident for r in grouped if r.incident is not None}
    found = {name: incident_of[record.id] for name, record in records.items()}
    return pair_score(found, expected), grouping_confusion(found, expected)


# --- single values -----------------------------------------------------------------------


def _date(gold: dict, record: ArticleRecord, _: Resources) -> Any:
    if "date" not in gold:
        return _NOT_ANNOTATED
    expected = (gold.get("date") or {}).get("value")
    expected = str(expected) if expected is not None else None
    acceptable = str((gold.get("date") or {}).get("acceptable") or "").split(" ")[0] or None
    got = record.date.value if record.date else None
    return expected, got, got in {expected, acceptable} if acceptable else got == expected


def _primary_place(gold: dict, record: ArticleRecord, resources: Resources) -> Any:
    if "places" not in gold:
        return _NOT_ANNOTATED
    expected = [p["name"] for p in (gold.get("places") or {}).get("primary") or []]
    got = next((p.name for p in record.places if p.role == "primary"), None)
    if not expected:
        return None, got, got is None
    return expected, got, got is not None and any(same_place(e, got, resources) for e in expected)


def same_place(a: str, b: str, resources: Resources) -> bool:
    """Two names of one gazetteer place or of one country (or the same name)."""
    aliases = resources.gazetteer.by_alias
    index = aliases.get(fold(a).strip())
    country = country_code(a)
    return (
        fold(a) == fold(b)
        or (index is not None and index == aliases.get(fold(b).strip()))
        or (country is not None and country == country_code(b))
    )


def _qualifier(annotation: dict) -> str | None:
    text = annotation.get("qualifier")
    return re.sub(r"\s+", "_", str(text).strip()) if text else None


def _count_outcome(annotation: Any, got_count, with_scope: bool = False) -> tuple:
    """(expected, got, right) for a count: value, qualifier and, for drones, scope."""
    annotation = annotation or {}
    got = None
    if got_count is not None:
        got = got_count.value if got_count.value is not None else got_count.qualifier
        if got_count.qualifier and got_count.value is not None:
            got = f"{got} ({got_count.qualifier})"
        scope = getattr(got_count, "scope", None)
        if with_scope and annotation.get("scope") and scope:
            got = f"{got} [{scope}]"
    if annotation.get("unspecified"):
        return "unspecified", got, got_count is not None and got_count.value is None
    value = annotation.get("value")
    qualifier = _qualifier(annotation)
    expected = value if not qualifier else f"{value} ({qualifier})"
    if with_scope and annotation.get("scope"):
        expected = f"{expected} [{annotation['scope']}]"
    if value is None:
        return expected, got, got_count is None
    right = got_count is not None and got_count.value == value
    right = right and (got_count.qualifier or None) == qualifier
    if with_scope and annotation.get("scope"):
        right = right and getattr(got_count, "scope", None) == annotation["scope"]
    return expected, got, right


def _count(name: str) -> Callable:
    def compare(gold: dict, record: ArticleRecord, _: Resources) -> Any:
        if name not in gold:
            return _NOT_ANNOTATED
        return _count_outcome(gold.get(name), getattr(record, name))

    return compare


def _drones(name: str) -> Callable:
    def compare(gold: dict, record: ArticleRecord, _: Resources) -> Any:
        if "drones" not in gold:
            return _NOT_ANNOTATED
        return _count_outcome(
            (gold.get("drones") or {}).get(name), getattr(record.drones, name), True
        )

    return compare


def _target_type(gold: dict, record: ArticleRecord, _: Resources) -> Any:
    if "target" not in gold:
        return _NOT_ANNOTATED
    text = str((gold.get("target") or {}).get("type") or "")
    expected = re.sub(r"\s+", "_", text.split("(")[0].strip().lower()) or None
    got = record.target.type if record.target else None
    return expected, got, expected == got


def _author(gold: dict, record: ArticleRecord, _: Resources) -> Any:
    if "author" not in gold:
        return _NOT_ANNOTATED
    expected = gold.get("author")
    got = getattr(record, "author", None)
    same = (expected is None and got is None) or (expected and got and same_person(expected, got))
    return expected, got, bool(same)


# --- lists ---------------------------------------------------------------------------------


def _matched(expected: list[str], got: list[str], same: Callable[[str, str], bool]) -> int:
    """How many annotated items were found: each extracted item stands for one at most
    (matched first come, first served: the lists are short and rarely ambiguous)."""
    free = list(got)
    agreed = 0
    for item in expected:
        partner = next((g for g in free if same(item, g)), None)
        if partner is not None:
            free.remove(partner)
            agreed += 1
    return agreed


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: close enough as a whole (once reduced to what French and
    English transliterations share), the same surname and first initial, or a surname alone
    that is the other's surname ("Golubev" and "Vasily Golubev")."""
    fa, fb = skeleton(a).split(), skeleton(b).split()
    if not fa or not fb:
        return False
    if fuzz.ratio(" ".join(fa), " ".join(fb)) >= 85:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[-1] == fb[-1]
    return fa[-1] == fb[-1] and fa[0][:1] == fb[0][:1]


def _people(gold: dict, record: ArticleRecord, _: Resources) -> Any:
    if "people" not in gold:
        return _NOT_ANNOTATED
    expected = sorted(
        p["name"] if isinstance(p, dict) else str(p) for p in gold.get("people") or []
    )
    got = sorted(p.name for p in record.people)
    return expected, got, _matched(expected, got, same_person)


def _same_name(resources: Resources, kind: str) -> Callable[[str, str], bool]:
    """Two names of one listed entity (through entities.yml), or near spellings."""
    canonical = resources.canonical_names(kind)

    def names(text: str) -> set[str]:
        """ "Security Service of Ukraine (SBU)": the whole, and each part, canonical."""
        parts = {text, *re.split(r"\s*[()]\s*", text)} - {""}
        return {fold(canonical.get(fold(p), p)) for p in parts}

    def same(a: str, b: str) -> bool:
        return any(x == y or fuzz.token_set_ratio(x, y) >= 90 for x in names(a) for y in names(b))

    return same


def _weapons(gold: dict, record: ArticleRecord, resources: Resources) -> Any:
    """Every weapon the text names, used or mentioned."""
    if "weapons" not in gold:
        return _NOT_ANNOTATED
    annotated = gold.get("weapons") or []
    if isinstance(annotated, dict):
        annotated = [*(annotated.get("used") or []), *(annotated.get("mentioned") or [])]
    expected = _distinct(resources, [str(w) for w in annotated])
    got = sorted(w.name for w in record.weapons)
    return expected, got, _matched(expected, got, _same_name(resources, "weapon"))


def _distinct(resources: Resources, weapons: list[str]) -> list[str]:
    """Annotated weapons, one per weapon: "Shahed" and "Geran-2" are one (entities.yml)."""
    same = _same_name(resources, "weapon")
    kept: list[str] = []
    for weapon in sorted(weapons):
        if not any(same(weapon, k) for k in kept):
            kept.append(weapon)
    return kept


def _weapons_used(gold: dict, record: ArticleRecord, resources: Resources) -> Any:
    """The weapons used in the event (annotated as `weapons: {used: […]}` only)."""
    if not isinstance(gold.get("weapons"), dict):
        return _NOT_ANNOTATED
    expected = _distinct(resources, [str(w) for w in gold["weapons"].get("used") or []])
    got = sorted(w.name for w in record.weapons if getattr(w, "role", "used") == "used")
    return expected, got, _matched(expected, got, _same_name(resources, "weapon"))


def _organisations(gold: dict, record: ArticleRecord, resources: Resources) -> Any:
    key = "organisations" if "organisations" in gold else "organizations"
    if key not in gold:
        return _NOT_ANNOTATED
    national = _national_body(gold, resources)
    expected = sorted(national(str(o)) for o in gold.get(key) or [])
    got = sorted(o.name for o in record.organisations)
    return expected, got, _matched(expected, got, _same_name(resources, "organisation"))


_CLAIMED_FIGURES = {
    "killed": lambda r: r.killed,
    "injured": lambda r: r.injured,
    "hospitalised": lambda r: r.hospitalised,
    "drones_launched": lambda r: r.drones.launched,
    "drones_downed": lambda r: r.drones.downed,
    "drones_hit": lambda r: r.drones.hit,
}


def _claimants(gold: dict, record: ArticleRecord, resources: Resources) -> Any:
    """Who each figure is attributed to, for the figures the annotation attributes."""
    annotated = {
        "killed": gold.get("killed"),
        "injured": gold.get("injured"),
        "hospitalised": gold.get("hospitalised"),
        **{f"drones_{k}": v for k, v in (gold.get("drones") or {}).items()},
    }
    national = _national_body(gold, resources)
    expected = sorted(
        f"{name}: {national(value['claimed_by'])}"
        for name, value in annotated.items()
        if isinstance(value, dict) and value.get("claimed_by") and name in _CLAIMED_FIGURES
    )
    if not expected:
        return _NOT_ANNOTATED
    roles = {p.name: p.role for p in record.people if p.role}
    got = sorted(
        f"{name}: {_with_role(count.claimed_by, roles)}"
        for name, figure in _CLAIMED_FIGURES.items()
        if (count := figure(record)) is not None
        and count.claimed_by
        and any(e.startswith(f"{name}: ") for e in expected)
    )
    return expected, got, _matched(expected, got, _same_claimant(resources))


def _national_body(gold: dict, resources: Resources) -> Callable[[str], str]:
    """An annotated claimant or organisation as the text words it ("air force") → the body
    it is in the country of the article's primary place (the lexicon's `bare_bodies`), as
    extraction names it; any other name unchanged."""
    vocabulary = resources.vocabulary(gold.get("language") or "fr")
    bodies = vocabulary.bare_bodies
    primary = ((gold.get("places") or {}).get("primary") or [{}])[0]
    country = primary.get("country") if isinstance(primary, dict) else None
    article = re.compile(rf"^(?:{vocabulary.before('articles')})")

    def national(claimant: str) -> str:
        if country is None:  # the primary place has no country
            return claimant
        return bodies.get(article.sub("", fold(claimant)), {}).get(country, claimant)

    return national


def _with_role(claimant: str, roles: dict[str, str]) -> str:
    """A person claimant with the role the article gives them: the annotation may name the
    claimant by either ("gouverneur de la région de Rostov" is Vassili Goloubev there)."""
    name = claimant.split(", ")[0]
    role = roles.get(name)
    return f"{claimant}, {role}" if role and role not in claimant else claimant


def _same_claimant(resources: Resources) -> Callable[[str, str], bool]:
    """Two claims of one figure by one claimant: the same listed organisation (under any of
    its names), the same person, or words that mostly agree ("gouverneur de la région de
    Rostov" and "Vasily Golubev, gouverneur de la région de Rostov")."""
    same_organisation = _same_name(resources, "organisation")

    def same(a: str, b: str) -> bool:
        figure_a, _, who_a = a.partition(": ")
        figure_b, _, who_b = b.partition(": ")
        sides_a, sides_b = _sides(who_a), _sides(who_b)
        if figure_a != figure_b or (sides_a and sides_b and sides_a != sides_b):
            return False  # "ministère russe…" is not "ministère ukrainien…"
        if fuzz.token_set_ratio(fold(who_a), fold(who_b)) >= 80 or same_organisation(who_a, who_b):
            return True
        names_a, names_b = _person_names(who_a), _person_names(who_b)
        return any(same_person(x, y) for x in names_a for y in names_b)

    return same


def _sides(claimant: str) -> set[str]:
    """Which side a claimant names itself by, if any: "russe", "Ukraine's"…"""
    folded = fold(claimant)
    return {side for side, stem in (("RU", "russ"), ("UA", "ukrain")) if stem in folded}


def _person_names(claimant: str) -> list[str]:
    """The pairs of capitalised words of a claimant: the names it may hold."""
    words = re.findall(r"[A-ZÀ-Þ][\w'’-]+", claimant)
    return [f"{x} {y}" for x, y in zip(words, words[1:], strict=False)]


def _other_events(gold: dict, record: ArticleRecord, resources: Resources) -> Any:
    """Other attacks the article tells of, matched on what both give of date and place. Only
    annotations in
    the development set's form ({date, place}) are scored; the seeds describe theirs in words."""
    if "other_events" not in gold:
        return _NOT_ANNOTATED
    annotated = gold.get("other_events") or []
    if any(not isinstance(e, dict) or "what" in e for e in annotated):
        return _NOT_ANNOTATED
    expected = [_event_label(e.get("date"), e.get("place")) for e in annotated]
    got = [_event_label(e.date, e.place) for e in record.other_events]

    def same(a: str, b: str) -> bool:
        date_a, _, place_a = a.partition(" @ ")
        date_b, _, place_b = b.partition(" @ ")
        both_dated = "?" not in (date_a, date_b)
        both_placed = "?" not in (place_a, place_b)
        if not (both_dated or both_placed):
            return False
        dated = not both_dated or date_a == date_b
        placed = not both_placed or same_place(place_a, place_b, resources)
        return dated and placed  # what both give must agree

    return sorted(expected), sorted(got), _matched(expected, got, same)


def _event_label(date: Any, place: Any) -> str:
    if date is not None:
        try:
            date = PartialDate.parse(str(date)).iso
        except ValueError:
            date = None
    return f"{date or '?'} @ {place or '?'}"


COMPARE: dict[str, tuple[str, Callable]] = {
    "date": ("value", _date),
    "primary_place": ("value", _primary_place),
    "killed": ("value", _count("killed")),
    "injured": ("value", _count("injured")),
    "hospitalised": ("value", _count("hospitalised")),
    "drones_launched": ("value", _drones("launched")),
    "drones_downed": ("value", _drones("downed")),
    "drones_hit": ("value", _drones("hit")),
    "target_type": ("value", _target_type),
    "author": ("value", _author),
    "people": ("list", _people),
    "organisations": ("list", _organisations),
    "weapons": ("list", _weapons),
    "weapons_used": ("list", _weapons_used),
    "claimants": ("list", _claimants),
    "other_events": ("list", _other_events),
}
