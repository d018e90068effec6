"""Other events an article refers to: an earlier attack on the same place ("attaquée le 17
novembre 2024"), a parallel strike elsewhere the same night. They are kept apart from
the event, so that incidents can link to each other."""

from __future__ import annotations

import re
from collections.abc import Collection

from build_tools.extract.dates import Candidate, date_candidates
from build_tools.extract.document import LIVE_ENTRY, Document, list_joins
from build_tools.extract.figures import compatible
from build_tools.extract.gazetteer import GazetteerPlace
from build_tools.extract.places import distance_before
from build_tools.extract.text import Sentence
from build_tools.folding import fold
from build_tools.labels import country_name
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
    exclude: Collection[int] = frozenset(),
    other_side: Collection[Sentence] = (),
) -> list[OtherEvent]:
    """Dated attacks other than the event, then attacks placed somewhere unrelated to it,
    then the other side's night told by its total (`other_side`: "Moscou assure que 117
    drones ukrainiens ont été abattus", an event in Russia, its regions the total's parts).

    A war's start ("depuis février 2022"), where drones came from ("pourraient provenir de
    la région de Kalouga") and the sentences of a drone count's breakdown (`exclude`, by
    sentence start) are not events; a year alone is too vague to be one.
    """
    found: dict[tuple, OtherEvent] = {}
    gazetteer = doc.resources.gazetteer
    not_an_event = doc.vocabulary.compiled("not_event_before", _not_an_event_before)
    night_start = doc.vocabulary.compiled(
        "night_start", lambda v: rf"\b(?:{v.alternation('dates', 'night_start')})\b[^.;,]{{0,20}}$"
    )
    dated_sentences: dict[int, PartialDate] = {}  # sentence start → the last date it gives
    seen: list[GazetteerPlace] = []  # the places of the events found
    every_date = date_candidates(doc, published, year_hint)
    since = [c for c in every_date if _since_the_month_of(c, event)]
    told_on = {doc.sentence_of(c.start).start for c in since}
    candidates = [
        c
        for c in every_date
        if c.value is not None
        and c.value.precision != "year"
        and (not c.background or c in since)
        and (c in since or doc.sentence_of(c.start).start not in told_on)
    ]
    for candidate in candidates:
        assert candidate.value is not None
        sentence = doc.sentence_of(candidate.start)
        dated_sentences[sentence.start] = candidate.value
        if event is not None and (
            candidate.value.iso == event.value
            or _the_night_of(candidate.value, event, sentence, candidates)
        ):
            continue
        if (
            not _tells_of_an_attack(doc, sentence)
            or (
                candidate not in since  # its "depuis" starts the span, not where drones came from
                and not_an_event.search(doc.folded[sentence.start : candidate.start])
            )
        ):
            continue
        places = _most_precise(
            [
                gazetteer.places[i]
                for m, i in doc.places_between(sentence.start, sentence.end)
                if _a_place_of_events(doc, m)
                and not not_an_event.search(doc.folded[sentence.start : m.start])
            ]
        )
        # "la raffinerie avait déjà été visée le 24 janvier": with no place, the event's own
        place_name = places[0].name if places else (primary.name if primary else None)
        if _told_as_tonight(candidate, event, places, primary):
            continue  # "the region had been under an air raid alert overnight": the event's
        if (
            not places
            and _the_eve(candidate.value, event)
            and night_start.search(
                doc.folded, max(sentence.start, candidate.start - 30), candidate.start
            )
        ):
            continue  # "109 drones tirés à partir de 18 heures vendredi": the event's night
        if _aftermath(
            candidate.value, event, place_name, primary
        ) and not doc.tells_of_another_attack(sentence):
            continue  # "the fire was put out on Monday": the same strike, days on
        seen.extend(places[:1])
        found.setdefault(
            (candidate.value.iso, place_name),
            OtherEvent(
                candidate.value.iso, candidate.value.precision, place_name, [sentence.evidence]
            ),
        )
    if primary is not None:
        capital_of = gazetteer.regions_with_capital(primary.name)
        same_night = doc.vocabulary.pattern("same_night_markers")
        for sentence in doc.sentences:
            if (
                not _tells_of_an_attack(doc, sentence)
                or sentence.start in exclude
                or sentence in other_side
            ):
                continue
            mentions = [
                (m, gazetteer.places[i])
                for m, i in doc.places_between(sentence.start, sentence.end)
                if _a_place_of_events(doc, m)
                and not not_an_event.search(doc.folded[sentence.start : m.start])
                and gazetteer.places[i].kind != "sea"
            ]
            if len({p.name for _, p in mentions if p.kind == "region"}) >= 3:
                continue  # "hits across the Donetsk, Kharkiv, Sumy … regions": a nation's night
            with_primary = any(compatible(p, primary, capital_of) for _, p in mentions)
            another = doc.tells_of_another_attack(sentence)
            elsewhere = [
                (m, p)
                for m, p in mentions
                if not compatible(p, primary, capital_of) or (another and _another_town(p, primary))
            ]
            places = [
                p
                for m, p in elsewhere
                if not with_primary or _struck_there(doc, m) or _listed_with(doc, m, elsewhere)
            ] or _elsewhere_in_the_region(doc, sentence, primary, [p for _, p in mentions])
            if not places:
                continue
            day = _day_told(doc, sentence, dated_sentences, event, with_primary, same_night)
            if day == (None, None) and _a_live_entry(doc, sentence) and published is not None:
                day = (published.iso, published.precision)  # "13h10 — …" on the blog's day
            for place in _most_precise(places)[:3]:
                region = next(
                    (o for o in seen if o.kind == "region" and place.admin1 == o.name), None
                )
                if region is not None and (None, region.name) in found:
                    # "… in Krasnodar region." then "In Novorossiysk, its strikes hit…": the
                    # region's event was this town's
                    seen.remove(region)
                    found.pop((None, region.name))
                if any(_same_or_inside(place, other) or _near(place, other) for other in seen):
                    continue  # "à Odessa et à Ousatove", its suburb: one strike
                seen.append(place)
                found[(None, place.name)] = OtherEvent(*day, place.name, [sentence.evidence])
        country = _the_other_country(doc, primary)
        for sentence in other_side if country else ():
            day = _day_told(doc, sentence, dated_sentences, event, False, same_night)
            found.setdefault((day[0], country), OtherEvent(*day, country, [sentence.evidence]))
    return sorted(found.values(), key=lambda e: e.evidence[0].start)


def _the_other_country(doc: Document, primary: Place) -> str | None:
    """The country the primary place's side strikes: the one other side of the lexicon's
    `nationality` table (UA → Russie), by its French name."""
    sides = doc.vocabulary.node("nationality")
    others = [code for code in sides if code != primary.country] if isinstance(sides, dict) else []
    if primary.country not in sides or len(others) != 1:
        return None
    return country_name(others[0])


def _listed_with(doc: Document, match, others: list) -> bool:
    """The place is listed with another place away from the event's ("the others were
    Novorossiysk and Tuapse"): a list of strikes elsewhere, in a sentence that names the
    event's place too."""
    joins = doc.vocabulary.compiled("list_joins", list_joins)
    return any(
        (m.end <= match.start and joins.fullmatch(doc.folded, m.end, match.start))
        or (match.end <= m.start and joins.fullmatch(doc.folded, match.end, m.start))
        for m, _ in others
        if m is not match
    )


def _another_town(place: GazetteerPlace, primary: Place) -> bool:
    """A town of the event's region, away from its place: in a sentence that tells of
    another attack ("another deadly attack earlier that day: … in the Seredyna-Buda
    community, also in Shostka district"), another strike's."""
    return place.kind != "region" and place.name != primary.name and not _near(place, primary)


def _elsewhere_in_the_region(
    doc: Document, sentence: Sentence, primary: Place, named: list[GazetteerPlace]
) -> list[GazetteerPlace]:
    """ "Toujours dans la région de Soumy, l'armée de l'air rapporte des largages de bombes",
    "Elsewhere in the region, …": another strike in the event's region, at no town the
    sentence names: the region's (the one it names, else the primary place's)."""
    if not doc.opens_elsewhere_in_the_region(sentence):
        return []
    if any(p.kind != "region" for p in named):
        return []  # "Ailleurs dans la région, à Koupiansk…": the town's, found as such
    gazetteer = doc.resources.gazetteer
    region = primary.name if primary.kind == "region" else primary.admin1
    index = gazetteer.by_alias.get(fold(region or ""))
    return named[:1] or ([gazetteer.places[index]] if index is not None else [])


def _day_told(
    doc: Document,
    sentence: Sentence,
    dated: dict[int, PartialDate],
    event: DateValue | None,
    with_primary: bool,
    same_night: re.Pattern,
) -> tuple[str | None, str | None]:
    """The day (ISO, precision) of the strikes a sentence tells of: its own date; for one
    with no date of its own, the date of the sentence before it in its paragraph ("…
    between Sunday evening and Monday morning. The Astrakhan region accounted for 13 of
    them"), else the event's when they are the same night's as the event; else unknown."""
    if doc.is_earlier(sentence.end, sentence):
        return None, None
    if sentence.start in dated:  # "dans la nuit de vendredi à samedi, … la région de Briansk"
        return dated[sentence.start].iso, dated[sentence.start].precision
    previous = doc.neighbour_in_paragraph(sentence, -1)
    before = dated.get(previous.start) if previous else None
    if before is not None:
        return before.iso, before.precision
    if event is not None and (with_primary or _told_as_the_same_night(doc, sentence, same_night)):
        return event.value, event.precision
    return None, None


def _a_live_entry(doc: Document, sentence: Sentence) -> bool:
    """The sentence is in a live blog's entry of the day, time-stamped: what it tells
    without a date of its own happened on the day the blog covers."""
    return LIVE_ENTRY.match(doc.text, doc.paragraph_start(sentence.start)) is not None


def _tells_of_an_attack(doc: Document, sentence: Sentence) -> bool:
    """A word of attack or of its victims ("six blessés, Novorossiisk concentrant l'essentiel
    des victimes")."""
    victims = doc.vocabulary.compiled(
        "victim_words",
        lambda v: (
            r"\b(?:"
            + "|".join(
                v.alternation("casualties", c, part)
                for c in ("killed", "injured")
                for part in ("nouns", "verbs")
            )
            + r")\b"
        ),
    )
    return doc.is_attack(sentence) or bool(victims.search(doc.folded, sentence.start, sentence.end))


def _since_the_month_of(candidate: Candidate, event: DateValue | None) -> bool:
    """ "Treize attaques contre la ville depuis début mai", told at the end of May: the
    attacks of the event's month before it, dated to the month; the day the sentence names
    besides ("Vendredi, … dénombrait") is when they were counted. A span that starts in an
    earlier month (the war's, a year's) is background."""
    return (
        candidate.background
        and candidate.value is not None
        and candidate.value.precision == "month"
        and event is not None
        and event.value.startswith(f"{candidate.value.iso}-")
    )


def _days_after_event(day: PartialDate | None, event: DateValue | None) -> int | None:
    """How many days `day` comes after the event's (negative: before), when both are days."""
    if event is None or day is None or day.precision != "day":
        return None
    own = PartialDate.parse(event.value)
    return (day.first_day - own.first_day).days if own.precision == "day" else None


def _the_night_of(day: PartialDate, event: DateValue, sentence: Sentence, candidates: list) -> bool:
    """ "Entre 23h00 le 24 novembre et 07h00 le 25 novembre": the eve of the event's day in
    a sentence that names that day too is the night of the event."""
    return _days_after_event(day, event) == -1 and any(
        sentence.start <= c.start < sentence.end and c.value.iso == event.value for c in candidates
    )


def _told_as_the_same_night(doc: Document, sentence: Sentence, same_night: re.Pattern) -> bool:
    """A same-night word in the sentence, or in the one before it in its paragraph: "D'autres
    régions ont été visées. Dans celle de Voronej, un incendie…"."""
    if same_night.search(doc.folded, sentence.start, sentence.end):
        return True
    before = doc.neighbour_in_paragraph(sentence, -1)
    return (
        before is not None and same_night.search(doc.folded, before.start, before.end) is not None
    )


def _struck_there(doc: Document, match) -> bool:
    """A place named after a word that puts an event there ("à Touapsé", "over Tuapse", "in
    the Seredyna-Buda community"), not after a distance ("à 300 km de Donetsk")."""
    article = doc.vocabulary.compiled(
        "article_at_end", lambda v: rf"(?<=\s)(?:{v.before('articles')})$"
    )
    before = article.sub("", doc.folded[max(0, match.start - 30) : match.start])
    distance = doc.vocabulary.compiled("distance_before", distance_before)
    return bool(doc.vocabulary.ends_with("event_prepositions").search(before)) and not (
        distance.search(before)
    )


def _most_precise(places: list[GazetteerPlace]) -> list[GazetteerPlace]:
    """Each place once, a town before the region it is in, which then goes ("Tuapse, dans le
    territoire de Krasnodar": Tuapse)."""
    towns = {p.admin1 for p in places if p.kind != "region"}
    kept: list[GazetteerPlace] = []
    for place in places:
        if place in kept or (place.kind == "region" and place.name in towns):
            continue
        kept.append(place)
    return sorted(kept, key=lambda p: p.kind == "region")


def _told_as_tonight(
    candidate: Candidate,
    event: DateValue | None,
    places: list[GazetteerPlace],
    primary: Place | None,
) -> bool:
    """ "Overnight", "cette nuit", "hier" in a sentence about the event's own place or region,
    a day from the event's date: the event itself, told from a day later."""
    if primary is None or candidate.kind != "relative":
        return False
    days = _days_after_event(candidate.value, event)
    return days is not None and abs(days) <= 1 and all(compatible(p, primary) for p in places)


def _the_eve(day: PartialDate, event: DateValue | None) -> bool:
    """The day before the event's: after a word that starts a span of time ("à partir de 18
    heures vendredi") in a sentence that names no other place, the evening the night of the
    event began."""
    return _days_after_event(day, event) == -1


def _aftermath(
    day: PartialDate, event: DateValue | None, place: str | None, primary: Place | None
) -> bool:
    """A day shortly after the event, at its place: what followed the strike (a fire still
    burning, a toll revised), not another strike."""
    if primary is None or place != primary.name:
        return False
    days = _days_after_event(day, event)
    return days is not None and 0 < days <= 3


def _near(place: GazetteerPlace, other: GazetteerPlace | Place, km: float = 25.0) -> bool:
    """Two places within about `km` of each other: one strike's (a degree of latitude is
    111 km; one of longitude, about 70 km at these latitudes)."""
    if place.lat is None or place.lon is None or other.lat is None or other.lon is None:
        return False
    return abs(place.lat - other.lat) * 111 < km and abs(place.lon - other.lon) * 70 < km


def _same_or_inside(place: GazetteerPlace, other: GazetteerPlace) -> bool:
    """One place, or a region and a town in it: one event."""
    return place.name == other.name or place.admin1 == other.name or other.admin1 == place.name
