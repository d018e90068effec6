"""Other events an article refers to: an earlier attack on the same place ("attaquée le 17
novembre 2024"), a parallel strike elsewhere the same night. They are kept apart from
the event, so that incidents can link to each other."""

from __future__ import annotations

from build_tools.extract.dates import date_candidates
from build_tools.extract.document import Document
from build_tools.extract.figures import compatible
from build_tools.extract.text import fold
from build_tools.model import DateValue, OtherEvent, PartialDate, Place


def _not_an_event_before(v) -> str:
    return rf"\b(?:{v.alternation('not_event_before')})\b[^.]{{0,45}}$"


def _a_place_of_events(doc: Document, match) -> bool:
    """A capital is a place where something happened only after a word that puts an event
    there ("à Kiev", "over Moscow"); elsewhere it is its government ("Washington a promis",
    "talks between Moscow and Kyiv")."""
    if doc.is_metonym(match) or match.start < doc.dateline_end:
        return False
    if fold(match.text) not in doc.vocabulary.words("capitals"):
        return True
    before = doc.folded[max(0, match.start - 30) : match.start]
    return bool(doc.vocabulary.ends_with("event_prepositions").search(before))


def other_events(
    doc: Document,
    event: DateValue | None,
    primary: Place | None,
    published: PartialDate | None,
    year_hint: int | None,
    exclude: set[int] = frozenset(),
) -> list[OtherEvent]:
    """Dated attacks other than the event, then attacks placed somewhere unrelated to it.

    A war's start ("depuis février 2022"), where drones came from ("pourraient provenir de
    la région de Kalouga") and the sentences of a drone count's breakdown (`exclude`, by
    sentence start) are not events; a year alone is too vague to be one.
    """
    found: dict[tuple, OtherEvent] = {}
    gazetteer = doc.resources.gazetteer
    not_an_event = doc.vocabulary.compiled("not_event_before", _not_an_event_before)
    for candidate in date_candidates(doc, published, year_hint):
        if candidate.value is None or candidate.value.precision == "year" or candidate.background:
            continue
        if event is not None and candidate.value.iso == event.value:
            continue
        sentence = doc.sentence_of(candidate.start)
        if not doc.is_attack(sentence) or not_an_event.search(
            doc.folded[sentence.start : candidate.start]
        ):
            continue
        places = [
            gazetteer.places[i].name
            for m, i in doc.place_mentions
            if sentence.start <= m.start < sentence.end and _a_place_of_events(doc, m)
        ]
        key = (candidate.value.iso, places[0] if places else None)
        found.setdefault(
            key,
            OtherEvent(candidate.value.iso, candidate.value.precision, key[1], [sentence.evidence]),
        )
    if primary is not None:
        capital_of = gazetteer.regions_with_capital(primary.name)
        for sentence in doc.sentences:
            if not doc.is_attack(sentence) or sentence.start in exclude:
                continue
            places = [
                gazetteer.places[i]
                for m, i in doc.place_mentions
                if sentence.start <= m.start < sentence.end
                and _a_place_of_events(doc, m)
                and not not_an_event.search(doc.folded[sentence.start : m.start])
            ]
            places = [p for p in places if p.kind != "sea"]
            if places and not any(compatible(p, primary, capital_of) for p in places):
                if not any(e.place == places[0].name for e in found.values()):
                    found[(None, places[0].name)] = OtherEvent(
                        None, None, places[0].name, [sentence.evidence]
                    )
    return sorted(found.values(), key=lambda e: e.evidence[0].start)
