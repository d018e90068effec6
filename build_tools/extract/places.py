"""Places: every place the article names, under its canonical name, and which one is where
the event happened (the primary place).

Grammar, not lists: "la région de Koursk" is the region, "Koursk" the city; "à 400 km
de Moscou" is a reference point; "Moscou continue de mener des attaques" is the Russian
government (a metonym), not a place where something happened. The primary place is the
one the article puts the attack in — in the lead, after "à", "dans la ville de",
"contre", "sur", "au-dessus de" in a sentence about the attack — preferring a town to
the region around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.extract.document import Document, capital_agent_before
from build_tools.extract.gazetteer import GazetteerPlace
from build_tools.extract.resources import Match, Vocabulary
from build_tools.folding import fold
from build_tools.model import Evidence, Place


def distance_before(v: Vocabulary) -> str:
    """ "à 400 km de", "400 km from": a distance from a reference point."""
    return (
        rf"(?:\d ?|\b)(?:{v.alternation('distance_units')})(?: \w+){{0,3}}"
        rf" (?:{v.before('distance_of')})$"
    )


_TOWN_KINDS = frozenset({"city", "town", "village", "district", "site"})
_KIND_WEIGHT = {"region": 0.6, "sea": 0.3, "country": 0.1}


@dataclass
class _Seen:
    place: GazetteerPlace
    index: int
    as_written: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)  # the evidence's starts, to look up
    score: float = 0.0
    first: int = 10**9


def extract_places(doc: Document) -> list[Place]:
    """Every place named, primary first, then in order of first mention."""
    gazetteer = doc.resources.gazetteer
    seen: dict[int, _Seen] = {}
    for match, index in doc.place_mentions:
        entry = seen.setdefault(index, _Seen(gazetteer.places[index], index))
        if match.text not in entry.as_written:
            entry.as_written.append(match.text)
        sentence = doc.sentence_of(match.start)
        if sentence.start not in entry.sentences:
            entry.sentences.add(sentence.start)
            entry.evidence.append(sentence.evidence)
        weight = 0.0 if match.start < doc.dateline_end else _mention_weight(doc, match, sentence)
        if weight:  # a dateline, a reference point or a government does not open the story
            entry.first = min(entry.first, match.start)
            entry.score += weight
    if not seen:
        return []
    for entry in seen.values():
        entry.score *= _KIND_WEIGHT.get(entry.place.kind, 1.0)
        if entry.index in doc.title_places:
            entry.score += 4
    lead = min(seen.values(), key=lambda e: e.first)
    lead.score += 2
    primary = _primary(list(seen.values()))
    ordered = sorted(seen.values(), key=lambda e: (e is not primary, e.first))
    return [
        Place(
            name=e.place.name,
            as_written=e.as_written,
            kind=e.place.kind,
            country=e.place.country,
            admin1=e.place.admin1,
            lat=e.place.lat,
            lon=e.place.lon,
            role="primary" if e is primary else "mentioned",
            evidence=e.evidence,
        )
        for e in ordered
    ]


def _mention_weight(doc: Document, match: Match, sentence) -> float:
    before = doc.folded[max(sentence.start, match.start - 40) : match.start]
    if doc.vocabulary.compiled("distance_before", distance_before).search(before):
        return 0.0  # "à 400 km de Moscou": a reference point
    if doc.is_metonym(match) or _belongs_to_a_capital(doc, match, before):
        return 0.0  # "Moscou a réagi", "les forces de Kiev": the government
    weight = 1.0
    if doc.is_attack(sentence):
        weight += 1.0
        if doc.vocabulary.ends_with("event_prepositions").search(before):
            weight += 1.0
    told_apart = doc.vocabulary.compiled(
        "told_apart",
        lambda v: (
            rf"\b(?:{v.alternation('earlier_markers')}|{v.alternation('elsewhere_markers')})\b"
        ),
    )
    if told_apart.search(doc.folded, sentence.start, sentence.end):
        weight /= 4  # "ailleurs dans la région, … une frappe une dizaine de jours plus tôt"
    return weight


def _belongs_to_a_capital(doc: Document, match: Match, before: str) -> bool:
    """ "une attaque de drone de Kiev", "the forces of Moscow": a capital after a noun of those
    who act (`capital_agents`) and "de" or "of" is whose the thing is, not where it happened
    ("le maire de Kiev", "la ville de Kiev" are the place)."""
    if fold(match.text) not in doc.vocabulary.words("capitals"):
        return False
    return bool(
        doc.vocabulary.compiled("capital_agent_before", capital_agent_before).search(before)
    )


def _primary(entries: list[_Seen]) -> _Seen:
    """The best-scored place; a region gives way to a town inside it that the text also puts
    the event in."""
    best = max(entries, key=lambda e: (e.score, -e.first))
    if best.place.kind == "region":
        towns = [
            e
            for e in entries
            if e.place.kind in _TOWN_KINDS and e.place.admin1 == best.place.name and e.score > 0
        ]
        if towns:
            return max(towns, key=lambda e: (e.score, -e.first))
    return best
