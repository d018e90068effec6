"""Figures: killed, injured, hospitalised; drones launched, downed and hit; who claims each.

A number means nothing alone. It is a casualty count when a casualty word governs it
("3 morts", "trois employés ont perdu la vie", "la mort de trois personnes", "blessé 35
autres", "dont 35 ont été hospitalisés"); a drone count when "drones" follows it and a
verb says what happened to them. Distances, areas, years, serial numbers never qualify:
no casualty word or drone noun governs them. A count belongs to the event only when its
sentence (for drones: its clause) puts it nowhere else: "dans la région de Belgorod,
quatre personnes ont été blessées" in an article about Toropets is another strike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.extract.document import Document
from build_tools.extract.gazetteer import Place as GazPlace
from build_tools.extract.numbers import Number
from build_tools.extract.text import Sentence
from build_tools.model import Count, DroneCount, Drones, Evidence, Place, Share

CASUALTIES = ("killed", "injured", "hospitalised")
_CLAUSE_END = re.compile(r"[,;:()–]| - | dont | tandis que | alors que | mais ")
_VERB_WINDOW_END = re.compile(r"[;:]| dont | tandis que | alors que | mais ")
_NEGATION = re.compile(r"\b(?:personne|aucune personne|nul) n'(?:a|ont) (?:encore )?ete (?:(gravement|grievement|serieusement) )?(tue|blesse)")
_NO_VICTIMS = re.compile(r"\b(?:aucun mort|aucune victime|aucun blesse|sans faire de victimes?|pas (?:eu |fait |cause |fait etat |signale )?de (?:victimes?|blesses?|morts?))\b")
_VAGUE_GROUP = re.compile(r"\b(?:des|de nombreuses|de nombreux|plusieurs) (?:personnes|victimes|civils|habitants)\b|\bfait des\b|\bdes victimes\b")
_NUMBER_AFTER_DONT = re.compile(r"dont\s*$")


@dataclass(frozen=True)
class _Claim:
    value: int | None
    qualifier: str | None
    claimed_by: str | None
    evidence: Evidence
    position: int


def compatible(place: Place | GazPlace, primary: Place, capital_of: frozenset[str] = frozenset()) -> bool:
    """The place is the primary place, inside it, around it, or in the same region
    (`capital_of`: the regions the primary place is the capital of)."""
    related = ({primary.name, primary.admin1} | capital_of) - {None}
    return place.name == primary.name or place.name == primary.admin1 or place.admin1 in related


def _elsewhere(doc: Document, start: int, end: int, primary: Place | None) -> bool:
    """The span names a place unrelated to the primary place (and not the primary place)."""
    if primary is None:
        return False
    gazetteer = doc.resources.gazetteer
    places = [gazetteer.places[index] for match, index in doc.place_mentions if start <= match.start < end]
    if any(p.name == primary.name for p in places):
        return False
    capital_of = gazetteer.regions_with_capital(primary.name)
    return any(not compatible(p, primary, capital_of) and p.kind != "sea" for p in places)


class _Words:
    """The lexicon's figure vocabulary (patterns compiled once per build by Vocabulary)."""

    def __init__(self, doc: Document):
        vocabulary = doc.resources.vocabulary
        self.nouns = {c: vocabulary.pattern("casualties", c, "nouns") for c in CASUALTIES}
        self.verbs = {c: vocabulary.pattern("casualties", c, "verbs") for c in CASUALTIES}
        self.people = vocabulary.pattern("person_nouns")
        self.drone_nouns = vocabulary.pattern("drones", "nouns")
        self.drone_verbs = {k: vocabulary.pattern("drones", k) for k in ("launched", "downed", "hit")}
        self.claim_verbs = "|".join(re.escape(w) for w in vocabulary.words("claim_verbs")) or "(?!x)x"


def extract_figures(doc: Document, primary: Place | None) -> tuple[dict[str, Count | None], Drones]:
    words = _Words(doc)
    claims: dict[str, list[_Claim]] = {name: [] for name in (*CASUALTIES, "launched", "downed", "hit")}
    for number in doc.numbers:
        sentence = doc.sentence_of(number.start)
        if doc.is_earlier(number.start, sentence):
            continue  # "après que deux drones ont frappé le Kremlin": an earlier event
        for category in _casualty_categories(doc, words, number, sentence):
            if not _elsewhere(doc, sentence.start, sentence.end, primary):
                claims[category].append(_claim(doc, words, number, sentence))
        category = _drone_category(doc, words, number, sentence)
        if category:
            clause_start, clause_end = _drone_scope(doc, sentence, number)
            if not _elsewhere(doc, clause_start, clause_end, primary):
                claims[category].append(_claim(doc, words, number, sentence))
    counts = {c: _best(claims[c]) for c in CASUALTIES}
    _add_zero_and_vague(doc, words, counts, primary)
    drones = Drones(**{k: _with_breakdown(doc, words, _best(claims[k])) for k in ("launched", "downed", "hit")})
    return counts, drones


_SHARE_BEFORE_PLACE = re.compile(r"(\d+)(?: [^\W\d]+){0,6} (?:dans|au-dessus|en|a|sur|pres)\b[^,;.\d]{0,40}$")
_SHARE_AFTER_PLACE = re.compile(r"^ ?\((\d+)\)")


def _with_breakdown(doc: Document, words: _Words, count: Count | None) -> DroneCount | None:
    """A drone total with its parts by place, from its sentence and the two after it:
    "dont 17 ont été abattus en Crimée", "dans les régions de Briansk (16), Smolensk (7)"."""
    if count is None:
        return None
    if count.value is None or not count.evidence:
        return DroneCount(**count.__dict__)
    first = count.evidence[0]
    index = next((i for i, s in enumerate(doc.sentences) if s.start == first.start), None)
    sentences = doc.sentences[index:index + 3] if index is not None else []
    shares: dict[str, Share] = {}
    gazetteer = doc.resources.gazetteer
    for sentence in sentences:
        if sentence is not sentences[0] and not words.drone_nouns.search(doc.folded, sentence.start, sentence.end) and not re.search(r"\(\d+\)", sentence.text):
            continue
        for match, place_index in doc.place_mentions:
            if not sentence.start <= match.start < sentence.end:
                continue
            before = doc.folded[sentence.start:match.start]
            after = doc.folded[match.end:sentence.end]
            share = _SHARE_AFTER_PLACE.match(after) or _SHARE_BEFORE_PLACE.search(before)
            if share and 0 < int(share.group(1)) < count.value:
                name = gazetteer.places[place_index].name
                shares.setdefault(name, Share(name, int(share.group(1)), [sentence.evidence]))
    return DroneCount(**count.__dict__, breakdown=list(shares.values()))


def _clause(folded: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    before = folded[sentence.start:start]
    cuts = list(_CLAUSE_END.finditer(before))
    clause_start = sentence.start + cuts[-1].end() if cuts else sentence.start
    after = _CLAUSE_END.search(folded, end, sentence.end)
    return clause_start, after.start() if after else sentence.end


def _drone_scope(doc: Document, sentence: Sentence, number: Number) -> tuple[int, int]:
    """A drone count's clause; "…sur divers sites, dont Kyiv et Lviv" adds where they struck,
    while "…60 drones, dont 17 en Crimée" only breaks the total down."""
    start, end = _clause(doc.folded, sentence, number.start, number.end)
    continuation = re.match(r"[, ]*dont ", doc.folded[end:sentence.end])
    if continuation:
        place_start = end + continuation.end()
        if any(m.start == place_start for m, _ in doc.place_mentions):
            _, end = _clause(doc.folded, sentence, place_start, place_start + 1)
    return start, end


def _casualty_categories(doc: Document, words: _Words, number: Number, sentence: Sentence) -> list[str]:
    folded = doc.folded
    clause_start, clause_end = _clause(folded, sentence, number.start, number.end)
    following = re.search(r"\d| (?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) ", folded[number.end:clause_end])
    after = folded[number.end:number.end + following.start() if following else clause_end]
    before = folded[clause_start:number.start]
    # "3 morts", "deux personnes tuées", "45 blessés graves"
    head = re.match(r"^ (?:de )?(?:\w+ )?", after)
    found = [c for c in CASUALTIES if (noun := words.nouns[c].search(after, 0, 40)) and noun.start() <= head.end() + 1]
    if found:
        return found
    person = words.people.match(after.lstrip(" ").removeprefix("de ").removeprefix("d'"))
    if person:
        # "la mort de trois personnes", "blessant 35 autres": the verb right before the number
        tail = before[-30:]
        for category in CASUALTIES:
            verbs = list(words.verbs[category].finditer(tail))
            if verbs and verbs[-1].end() >= len(tail) - 12:
                return [category]
    if person or _NUMBER_AFTER_DONT.search(folded[max(0, number.start - 8):number.start]):
        # "trois employés ont perdu la vie", "quatre personnes ont été blessées et hospitalisées",
        # "dont 35 ont été hospitalisés"
        verbs = {c: m.start() for c in CASUALTIES if (m := words.verbs[c].search(after))}
        return sorted(verbs, key=verbs.get)
    return []


def _drone_category(doc: Document, words: _Words, number: Number, sentence: Sentence) -> str | None:
    folded = doc.folded
    after = folded[number.end:sentence.end]
    part_of = re.match(r"^ (?:des|sur(?: les)?|parmi les) ", after)
    if part_of:
        # "abattu 45 des 63 drones": 45 is counted by the verb before it
        following = next((n for n in doc.numbers if n.start == number.end + part_of.end()), None)
        if following and words.drone_nouns.match(folded[following.end:sentence.end].lstrip(" ").removeprefix("de ")):
            return _verb_before(folded, words, sentence, number)
    noun = words.drone_nouns.match(after.lstrip(" ").removeprefix("de ").removeprefix("d'"))
    if not noun:
        return None
    noun_end = number.end + (len(after) - len(after.lstrip(" ").removeprefix("de ").removeprefix("d'"))) + noun.end()
    window_end = _VERB_WINDOW_END.search(folded, noun_end, sentence.end)
    forward = folded[noun_end:window_end.start() if window_end else sentence.end]
    hits = [(m.start(), kind) for kind, pattern in words.drone_verbs.items() for m in [pattern.search(forward)] if m]
    if hits:
        return min(hits)[1]
    return _verb_before(folded, words, sentence, number)


def _verb_before(folded: str, words: _Words, sentence: Sentence, number: Number) -> str | None:
    """The drone verb closest before the number in its clause ("avoir détruit dans la nuit 54")."""
    clause_start, _ = _clause(folded, sentence, number.start, number.end)
    backward = folded[clause_start:number.start]
    hits = [(m.end(), kind) for kind, pattern in words.drone_verbs.items() for m in pattern.finditer(backward)]
    return max(hits)[1] if hits else None


def _claim(doc: Document, words: _Words, number: Number, sentence: Sentence) -> _Claim:
    return _Claim(number.value, number.qualifier, claimant(doc, words, sentence), sentence.evidence, number.start)


def claimant(doc: Document, words: _Words, sentence: Sentence) -> str | None:
    """Who the sentence attributes its figures to: "selon X", ", a indiqué X", "X a annoncé"."""
    folded, text = doc.folded, doc.text
    patterns = (
        r"\bselon (?:l'|le |la |les )?([^,.;:«»\"]{3,90})",
        rf"^(?:l'|le |la |les )?([^,;:«»\"]{{3,90}}?) (?:a|ont|avait|avaient) (?:\w+ ){{0,2}}(?:{words.claim_verbs})\b",
        rf"[,»\"] (?:a|ont|avait) (?:\w+ ){{0,2}}(?:{words.claim_verbs}) (?:l'|le |la |les )([^,.;:«»\"]{{3,90}})",
    )
    segment = folded[sentence.start:sentence.end]
    for pattern in patterns:
        match = re.compile(pattern).search(segment)
        if not match:
            continue
        start, end = (sentence.start + i for i in match.span(1))
        named = [m for m in doc.matches_in(start, end) if m.kind in ("organisation", "person")]
        if named:
            entity = doc.resources.entities[named[0].index]
            return entity.name
        phrase = text[start:end].strip()
        if re.search(r"\b(?:selon|a|ont)\b", folded[start:end]) is None and len(phrase.split()) <= 10:
            return phrase
    return None


def _best(claims: list[_Claim]) -> Count | None:
    """One figure per field: exact counts before approximate ones; the largest (a total, not a part)."""
    if not claims:
        return None
    exact = [c for c in claims if c.value is not None and c.qualifier in (None, "at_least")]
    pool = exact or [c for c in claims if c.value is not None] or claims
    best = max(pool, key=lambda c: (c.value or 0, -c.position))
    evidence = [c.evidence for c in claims if c.value == best.value]
    unique = list(dict.fromkeys(evidence))
    return Count(best.value, best.qualifier, best.claimed_by, unique)


def _add_zero_and_vague(doc: Document, words: _Words, counts: dict[str, Count | None], primary: Place | None) -> None:
    """"Personne n'a été gravement blessé": no one killed. "Des personnes tuées": killed, number unknown."""
    for sentence in doc.sentences:
        if _elsewhere(doc, sentence.start, sentence.end, primary):
            continue
        segment = doc.folded[sentence.start:sentence.end]
        negation = _NEGATION.search(segment)
        if negation:
            # Whether no one was killed, seriously injured or injured: no one was killed.
            counts["killed"] = counts["killed"] or Count(0, None, None, [sentence.evidence])
            if negation.group(2) == "blesse" and not negation.group(1):
                counts["injured"] = counts["injured"] or Count(0, None, None, [sentence.evidence])
            continue
        if _NO_VICTIMS.search(segment) and not doc.is_earlier(sentence.end, sentence):
            counts["killed"] = counts["killed"] or Count(0, None, None, [sentence.evidence])
            counts["injured"] = counts["injured"] or Count(0, None, None, [sentence.evidence])
            continue
        if _VAGUE_GROUP.search(segment) and not any(n for n in doc.numbers if sentence.start <= n.start < sentence.end and n.value):
            for category in ("killed", "injured"):
                if counts[category] is None and (words.verbs[category].search(segment) or words.nouns[category].search(segment)):
                    counts[category] = Count(None, "unspecified", None, [sentence.evidence])
