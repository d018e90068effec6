"""The event date: which date in the text is the event's, and how precisely it is known.

French news rarely writes the full date of the event: "le 1er juillet" (no year),
"mardi", "dans la nuit de mardi à mercredi" (the morning after), "aujourd'hui". Each
date expression is resolved against the article's own dates: its publication date, the
year it is filed under, or the latest fully dated event the text refers to. The event's
date is the first date written in a sentence about the attack, unless it is marked as
earlier ("depuis le 24 février 2022"); it is never after the publication date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from build_tools.extract.document import Document
from build_tools.extract.text import fold
from build_tools.model import DateValue, PartialDate


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """French month and weekday names (from Babel's locale data), folded."""
    locale = Locale("fr")
    months = {fold(name): number for number, name in locale.months["format"]["wide"].items()}
    weekdays = {fold(name): number for number, name in locale.days["format"]["wide"].items()}
    return months, weekdays


def _patterns() -> dict[str, re.Pattern]:
    months, weekdays = _names()
    month = "|".join(sorted(months, key=len, reverse=True))
    weekday = "|".join(weekdays)
    return {
        "day_month": re.compile(rf"\b(1er|premier|\d{{1,2}}) ({month})(?: (\d{{4}}))?\b"),
        "month_year": re.compile(rf"\b({month}) (\d{{4}})\b"),
        "night": re.compile(rf"\bnuit (?:de |du )?({weekday}) (?:a|au) ({weekday})\b"),
        "weekday": re.compile(rf"\b({weekday})\b"),
        "relative": re.compile(r"\b(aujourd'hui|ce matin|cette nuit|la nuit derniere|hier|avant-hier|ce week-end)\b"),
        "year": re.compile(r"\b(?:en|au cours de l'annee) (\d{4})\b"),
    }


_PATTERNS = _patterns()
_RELATIVE_DAYS = {"aujourd'hui": 0, "ce matin": 0, "cette nuit": 0, "la nuit derniere": 0, "hier": -1, "avant-hier": -2}


@dataclass(frozen=True)
class Candidate:
    """A date written in the text, resolved as far as the context allows."""

    start: int
    end: int
    value: PartialDate | None  # None: cannot be placed in time (a day without any year)
    inferred: bool
    explicit_year: bool


def date_candidates(text: str, folded: str, published: PartialDate | None, year_hint: int | None) -> list[Candidate]:
    """Every date expression of the text, resolved against the publication date or the latest
    fully dated reference, in order of appearance."""
    months, weekdays = _names()
    spans: list[tuple[int, int, str, re.Match]] = []
    taken: set[int] = set()
    for kind in ("day_month", "month_year", "night", "relative", "weekday", "year"):
        for match in _PATTERNS[kind].finditer(folded):
            if taken.intersection(range(match.start(), match.end())):
                continue
            taken.update(range(match.start(), match.end()))
            spans.append((match.start(), match.end(), kind, match))
    spans.sort(key=lambda s: s[0])
    explicit = [
        PartialDate(int(m.group(3)), months[m.group(2)], _day(m.group(1)))
        for _, _, kind, m in spans if kind == "day_month" and m.group(3) and _valid(int(m.group(3)), months[m.group(2)], _day(m.group(1)))
    ]
    anchor = published or (max(explicit) if explicit else None) or (PartialDate(year_hint) if year_hint else None)
    found = []
    for start, end, kind, match in spans:
        value, inferred, has_year = _resolve(kind, match, anchor, published, months, weekdays, bool(explicit) and not published)
        if value is not None and published is not None and published.precision == "day" and value > published:
            continue
        found.append(Candidate(start, end, value, inferred, has_year))
    return found


def _day(word: str) -> int:
    return 1 if word in ("1er", "premier") else int(word)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _resolve(kind, match, anchor, published, months, weekdays, anchor_is_reference) -> tuple[PartialDate | None, bool, bool]:
    """(value, inferred, year written) for one date expression."""
    if kind == "day_month":
        day, month = _day(match.group(1)), months[match.group(2)]
        if match.group(3):
            year = int(match.group(3))
            return (PartialDate(year, month, day) if _valid(year, month, day) else None), False, True
        if anchor is None:
            return None, True, False
        year = anchor.year
        if anchor_is_reference:
            # After the latest dated event the text refers back to.
            if (month, day) <= (anchor.month or 12, anchor.day or 31):
                year += 1
        elif anchor.month is not None and (month, day) > (anchor.month, anchor.day or 31):
            year -= 1  # not after the publication date: last year's
        return (PartialDate(year, month, day) if _valid(year, month, day) else None), True, False
    if kind == "month_year":
        return PartialDate(int(match.group(2)), months[match.group(1)]), False, True
    if kind == "year":
        return PartialDate(int(match.group(1))), False, True
    if published is None:
        return None, True, False
    if kind == "relative" and match.group(1) == "ce week-end":
        return _to_precision(published, None), True, False
    if kind == "relative":
        return _to_precision(published, _RELATIVE_DAYS[match.group(1)]), True, False
    weekday = weekdays[match.group(2) if kind == "night" else match.group(1)]
    return _last_weekday(published, weekday), True, False


def _to_precision(published: PartialDate, days_back: int | None) -> PartialDate:
    if published.precision != "day" or days_back is None:
        return PartialDate(published.year, published.month)
    day = datetime.date(published.year, published.month, published.day) + datetime.timedelta(days=days_back)
    return PartialDate(day.year, day.month, day.day)


def _last_weekday(published: PartialDate, weekday: int) -> PartialDate:
    """The latest such weekday on or before a publication day; only the month otherwise."""
    if published.precision != "day":
        return PartialDate(published.year, published.month)
    day = datetime.date(published.year, published.month, published.day)
    day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
    return PartialDate(day.year, day.month, day.day)


def event_date(doc: Document, published: PartialDate | None, year_hint: int | None) -> DateValue | None:
    """The event's date: the first placeable date in a sentence about the attack that is not
    marked as an earlier event; a fully written date is preferred to a year alone."""
    best: tuple | None = None
    for candidate in date_candidates(doc.text, doc.folded, published, year_hint):
        if candidate.value is None:
            continue
        sentence = doc.sentence_of(candidate.start)
        if not doc.is_attack(sentence) or doc.is_earlier(candidate.start, sentence):
            continue
        rank = (candidate.value.precision == "year", candidate.start)
        if best is None or rank < best[0]:
            best = (rank, candidate, sentence)
    if best is None:
        return None
    _, candidate, sentence = best
    return DateValue(
        value=candidate.value.iso,
        precision=candidate.value.precision,
        inferred=candidate.inferred,
        evidence=[sentence.evidence],
    )
