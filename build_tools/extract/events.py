"""Other events an article refers to: an earlier attack on the same place ("attaquée le 17
novembre 2024"), a parallel strike elsewhere the same night. They are kept apart from
the event, so that incidents can link to each other."""

from __future__ import annotations

import re

from build_tools.extract.dates import date_candidates
from build_tools.extract.document import Document
from build_tools.extract.figures import compatible
from build_tools.model import DateValue, OtherEvent, PartialDate, Place

_NOT_AN_EVENT_BEFORE = re.compile(r"(?:depuis|debut|provenir|provenance|origine)\b[^.]{0,45}$")


def other_events(doc: Document, event: DateValue | None, primary: Place | None, published: PartialDate | None,
                 year_hint: int | None, exclude: set[int] = frozenset()) -> list[OtherEvent]:
    """Dated attacks other than the event, then attacks placed somewhere unrelated to it.

    A war's start ("depuis février 2022"), where drones came from ("pourraient provenir de
    la région de Kalouga") and the sentences of a drone count's breakdown (`exclude`, by
    sentence start) are not events; a year alone is too vague to be one.
    """
    found: dict[tuple, OtherEvent] = {}
    gazetteer = doc.resources.gazetteer
    for candidate in date_candidates(doc.text, doc.folded, published, year_hint):
        if candidate.value is None or candidate.value.precision == "year" or (event is not None and candidate.value.iso == event.value):
            continue
        sentence = doc.sentence_of(candidate.start)
        if not doc.is_attack(sentence) or _NOT_AN_EVENT_BEFORE.search(doc.folded[sentence.start:candidate.start]):
            continue
        places = [gazetteer.places[i].name for m, i in doc.place_mentions if sentence.start <= m.start < sentence.end]
        key = (candidate.value.iso, places[0] if places else None)
        found.setdefault(key, OtherEvent(candidate.value.iso, candidate.value.precision, key[1], [sentence.evidence]))
    if primary is not None:
        capital_of = gazetteer.regions_with_capital(primary.name)
        for sentence in doc.sentences:
            if not doc.is_attack(sentence) or sentence.start in exclude:
                continue
            places = [
                gazetteer.places[i] for m, i in doc.place_mentions
                if sentence.start <= m.start < sentence.end and not doc.is_metonym(m)
                and not _NOT_AN_EVENT_BEFORE.search(doc.folded[sentence.start:m.start])
            ]
            places = [p for p in places if p.kind != "sea"]
            if places and not any(compatible(p, primary, capital_of) for p in places):
                if not any(e.place == places[0].name for e in found.values()):
                    found[(None, places[0].name)] = OtherEvent(None, None, places[0].name, [sentence.evidence])
    return sorted(found.values(), key=lambda e: e.evidence[0].start)
