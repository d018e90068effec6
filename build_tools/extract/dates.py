"""The event date: which date in the text is the event's, and how precisely it is known.

News rarely writes the full date of the event: "le 1er juillet" (no year), "mardi", "dans
la nuit de mardi à mercredi" (the morning after), "aujourd'hui", "on Wednesday", "le jour
de Noël". Each date expression is resolved against the article's own dates: its publication
date, the year it is filed under, or the latest fully dated event the text refers to. The
event's date is the first date written in a sentence about the attack, unless it is marked
as earlier ("depuis le 24 février 2022") or as the background of the war ("l'invasion du
24 février 2022"); it is never after the publication date. Month and weekday names come
from Babel's locale data; the other words of each language from `dates` in the lexicon.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from babel import Locale

from build_tools.extract.document import Document
from build_tools.extract.resources import Vocabulary
from build_tools.folding import fold
from build_tools.model import DateValue, PartialDate

# Abbreviated month names that are also common words ("sept" drones, "may" as a verb).
_NOT_MONTHS = frozenset({"mai", "sept", "may", "mar"})
_KINDS = (
    "days_before",
    "holiday",
    "first_day",
    "night_range",
    "day_month",
    "month_day",
    "month_year",
    "month",
    "night",
    "relative",
    "weekday",
    "year",
)


class _Patterns:
    """One language's date expressions, from Babel's month and weekday names and the lexicon."""

    def __init__(self, v: Vocabulary):
        locale = Locale(v.language)
        self.months = {fold(name): n for n, name in locale.months["format"]["wide"].items()}
        self.months.update(
            {
                fold(name).rstrip("."): n
                for n, name in locale.months["format"]["abbreviated"].items()
                if len(fold(name).rstrip(".")) >= 3 and fold(name).rstrip(".") not in _NOT_MONTHS
            }
        )
        self.weekdays = {fold(name): n for n, name in locale.days["format"]["wide"].items()}
        self.capital_months = v.language == "en"
        self.parts_of_day = v.alternation("dates", "parts_of_day")
        # An abbreviated month may end with a full stop: "Dec. 1", "1er déc."
        month = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True))
        month = rf"(?:{month})(?=\.? |\.?$|\.?,)"
        weekday = "|".join(self.weekdays)
        first = v.alternation("dates", "first")
        self.first_words = set(v.words("dates", "first"))
        night = v.alternation("dates", "night")
        between = v.alternation("dates", "night_between")
        self.relative = {fold(k): d for k, d in (v.node("dates", "relative") or {}).items()}
        self.holidays = {fold(k): d for k, d in (v.node("dates", "holidays") or {}).items() if d}
        day = rf"(?:{first}|\d{{1,2}})(?:er|st|nd|rd|th)?"
        self.day_counts = {
            fold(k): int(n) for k, n in (v.node("dates", "days_before", "counts") or {}).items()
        }
        counts = _alternation(self.day_counts) if self.day_counts else "(?!x)x"
        self.patterns = {
            "days_before": re.compile(
                rf"\b(\d{{1,2}}|{counts}) (?:{v.alternation('dates', 'days_before', 'units')}) "
                rf"(?:{v.alternation('dates', 'days_before', 'after')})\b"
            ),
            "holiday": re.compile(rf"\b({_alternation(self.holidays)})\b(?: (\d{{4}}))?"),
            "first_day": re.compile(
                rf"\b(?:{v.alternation('dates', 'first_day_of_year')}) (\d{{4}})\b"
            ),
            "night_range": re.compile(
                rf"\b(?:{night}) (?:{day}) (?:{between}) ({day}) ({month})(?:,? (\d{{4}}))?\b"
            ),
            "day_month": re.compile(
                rf"\b(?:\d{{1,2}}-)?({day}) (?:of )?({month})\.?(?:,? (\d{{4}}))?\b"
            ),
            "month_day": re.compile(
                rf"\b({month})\.? (?:\d{{1,2}}-)?(\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:,? (\d{{4}}))?\b(?! ?\d)"
            ),
            "month_year": re.compile(rf"\b({month}),? (\d{{4}})\b"),
            "night": re.compile(
                rf"\b(?:(?:{night}) (?:({weekday}) (?:{between}) )?({weekday})|({weekday}) night)\b"
            ),
            "weekday": re.compile(rf"\b({weekday})\b"),
            "relative": re.compile(rf"\b({_alternation(self.relative)})\b"),
            "year": re.compile(rf"\b(?:{v.alternation('dates', 'year_before')}) (\d{{4}})\b"),
            "month": re.compile(
                rf"\b(?:{v.alternation('dates', 'year_before')}) ({month})\b(?!,? \d)"
            ),
        }
        self.background = re.compile(
            rf"\b(?:{v.alternation('dates', 'background')})\b[^.;,]{{0,25}}$"
        )
        self.present = set(v.words("dates", "present"))
        self.report_before = re.compile(
            rf"\b(?:{v.alternation('dates', 'report_before')})\b[^.;:,]{{0,30}}$"
        )
        self.report_after = re.compile(
            rf"^[^.;:]{{0,20}}?\b(?:{v.alternation('dates', 'report_after')})\b"
        )

    def day(self, word: str) -> int:
        word = re.sub(r"(?:er|st|nd|rd|th)$", "", word) if word[:1].isdigit() else word
        return 1 if word in self.first_words else int(word)


def leading_date_words(vocabulary: Vocabulary) -> re.Pattern:
    """A weekday or a word such as "hier" at the head of a phrase ("samedi les autorités")."""
    patterns: _Patterns = vocabulary.memo("dates", _Patterns)
    words = "|".join([*patterns.weekdays, *map(re.escape, patterns.relative)])
    return vocabulary.compiled(
        "leading_date_words", lambda v: rf"^(?:(?:{words})(?: (?:{patterns.parts_of_day}))? )+"
    )


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!x)x"


@dataclass(frozen=True)
class Candidate:
    """A date written in the text, resolved as far as the context allows."""

    start: int
    end: int
    value: PartialDate | None  # None: cannot be placed in time (a day without any year)
    inferred: bool
    background: bool = False  # the war's start, an annexation: never the event
    report: bool = False  # the day something was said or still burning, or a dateline
    kind: str = ""  # the kind of expression (`_KINDS`): "relative" for "hier", "overnight"…


def date_candidates(
    doc: Document, published: PartialDate | None, year_hint: int | None
) -> list[Candidate]:
    """Every date expression of the text, resolved against the publication date or the latest
    fully dated reference, in order of appearance (found once per document: the event's
    date, the other events and the figures of other days all ask)."""
    return doc.memo(
        ("dates", published, year_hint), lambda: _date_candidates(doc, published, year_hint)
    )


def _date_candidates(
    doc: Document, published: PartialDate | None, year_hint: int | None
) -> list[Candidate]:
    patterns: _Patterns = doc.vocabulary.memo("dates", _Patterns)
    folded = doc.folded
    spans: list[tuple[int, int, str, re.Match]] = []
    taken: set[int] = set()
    for kind in _KINDS:
        for match in patterns.patterns[kind].finditer(folded):
            if taken.intersection(range(match.start(), match.end())):
                continue
            if patterns.capital_months and not _month_capitalised(doc.text, kind, match):
                continue  # "20 may have died"
            taken.update(range(match.start(), match.end()))
            spans.append((match.start(), match.end(), kind, match))
    spans.sort(key=lambda s: s[0])
    spans = [s for n, s in enumerate(spans) if not _right_before_a_date(s, spans[n + 1 : n + 2])]
    explicit = [
        (m.start(), d)
        for _, _, kind, m in spans
        if (d := _written_in_full(kind, m, patterns)) is not None
    ]
    full = [d for _, d in explicit]
    anchor = (
        published
        or (max(full) if full else None)
        or (PartialDate(year_hint) if year_hint else None)
    )
    days = full or _days_written(patterns, spans, anchor, published)
    found: list[Candidate] = []
    for start, end, kind, match in spans:
        reference = (
            _statement_date(explicit, start, published) or _quotation_date(doc, found, start)
            if kind in ("relative", "weekday", "night")
            else None
        )
        resolve = _Resolver(
            patterns,
            reference or anchor,
            reference or published,
            bool(full) and not published,
            days,
        )
        value, inferred = resolve(kind, match)
        if (
            value is not None
            and published is not None
            and published.precision == "day"
            and value > published
        ):
            continue
        background = bool(patterns.background.search(folded[max(0, start - 60) : start]))
        report = start < doc.dateline_end or bool(
            patterns.report_before.search(folded[max(0, start - 40) : start])
            or patterns.report_after.match(folded[end : end + 40])
            or folded[start:end] in patterns.present
        )
        found.append(Candidate(start, end, value, inferred, background, report, kind))
    starts = {c.start for c in found}
    return [c for c in found if not _names_the_next(c, starts, folded)]


def _days_written(
    patterns: _Patterns, spans: list, anchor: PartialDate | None, published: PartialDate | None
) -> list[PartialDate]:
    """The days the text writes without their year ("le 4 octobre"), resolved against the
    anchor: what a weekday is resolved against when the text is published in a month only
    ("Mis à jour le 4 octobre", then "vendredi")."""
    if published is not None and published.precision == "day":
        return []  # weekdays go by the publication day
    resolve = _Resolver(patterns, anchor, published, False, [])
    written = [
        resolve(kind, match)[0]
        for _, _, kind, match in spans
        if kind in ("day_month", "month_day", "night_range")
    ]
    return [d for d in written if d is not None and d.precision == "day"]


def _names_the_next(candidate: Candidate, starts: set[int], folded: str) -> bool:
    """ "vendredi 23 février": the weekday is the written date's, not a day of its own."""
    gap = re.match(r"\s+", folded[candidate.end : candidate.end + 10])
    return gap is not None and candidate.end + gap.end() in starts


def _statement_date(
    explicit: list[tuple[int, PartialDate]], position: int, published: PartialDate | None
) -> PartialDate | None:
    """The date of a statement the text relays ("a publié samedi 28 septembre le communiqué
    suivant : « Ce matin… »"): the last full date written before `position`, when it is the
    publication day or one of the two days before it. "Ce matin" is that day's morning."""
    if published is None or published.precision != "day":
        return None
    before = [d for start, d in explicit if start < position and d.precision == "day"]
    if not before:
        return None
    days = (published.first_day - before[-1].first_day).days
    return before[-1] if 0 < days <= 2 else None


def _quotation_date(doc: Document, found: list[Candidate], position: int) -> PartialDate | None:
    """The day a quoted statement was made, for the relative dates in it ("L'administration a
    publié hier le communiqué suivant :" then « Plus de 40 drones ont été abattus cette
    nuit… »): the last day dated in the paragraph that introduces the quotation."""
    opener = doc.paragraph_start(position)
    if doc.text[opener : opener + 1] not in '«"“' or not doc.text[:opener].rstrip().endswith(":"):
        return None
    intro = doc.paragraph_start(opener - 1) if opener else 0
    dated = [
        c.value
        for c in found
        if intro <= c.start < opener and c.value is not None and c.value.precision == "day"
    ]
    return dated[-1] if dated else None


def _month_capitalised(text: str, kind: str, match: re.Match) -> bool:
    """English writes months with a capital: "May 20", never "may"."""
    group = {"day_month": 2, "month_day": 1, "month_year": 1, "month": 1, "night_range": 2}.get(
        kind
    )
    return group is None or text[match.start(group) : match.start(group) + 1].isupper()


def _right_before_a_date(span: tuple, following: list[tuple]) -> bool:
    """ "dans la nuit du 1er décembre", "overnight on December 1": the written date says it."""
    return span[2] == "relative" and bool(following) and 0 <= following[0][0] - span[1] <= 5


def _written_in_full(kind: str, match: re.Match, patterns: _Patterns) -> PartialDate | None:
    """The date when the text writes day, month and year."""
    if kind == "day_month" and match.group(3):
        year, month, day = (
            int(match.group(3)),
            patterns.months[match.group(2)],
            patterns.day(match.group(1)),
        )
    elif kind == "month_day" and match.group(3):
        year, month, day = int(match.group(3)), patterns.months[match.group(1)], int(match.group(2))
    else:
        return None
    return PartialDate(year, month, day) if _valid(year, month, day) else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass
class _Resolver:
    """Turns one date expression into a date, given what the text is anchored to."""

    patterns: _Patterns
    anchor: PartialDate | None
    published: PartialDate | None
    anchor_is_reference: bool  # the anchor is a date the text refers to, not the publication
    explicit: list[PartialDate]

    def __call__(self, kind: str, match: re.Match) -> tuple[PartialDate | None, bool]:
        """(value, inferred) for one date expression."""
        p = self.patterns
        if kind == "day_month":
            return self._day(p.day(match.group(1)), p.months[match.group(2)], match.group(3))
        if kind == "month_day":
            return self._day(int(match.group(2)), p.months[match.group(1)], match.group(3))
        if kind == "night_range":
            return self._day(p.day(match.group(1)), p.months[match.group(2)], match.group(3))
        if kind == "holiday":
            month, day = (int(x) for x in str(p.holidays[match.group(1)]).split("-"))
            return self._day(day, month, match.group(2))
        if kind == "first_day":
            return PartialDate(int(match.group(1)), 1, 1), False
        if kind == "month":
            return self._month(p.months[match.group(1)])
        if kind == "month_year":
            return PartialDate(int(match.group(2)), p.months[match.group(1)]), False
        if kind == "year":
            return PartialDate(int(match.group(1))), False
        if kind == "relative":
            return self._relative(p.relative[match.group(1)])
        if kind == "days_before":
            count = match.group(1)
            return self._relative(-(int(count) if count.isdigit() else p.day_counts[count]))
        weekday = (
            p.weekdays[match.group(2) or match.group(3)]
            if kind == "night"
            else p.weekdays[match.group(1)]
        )
        return self._weekday(weekday)

    def _day(
        self, day: int, month: int, year_written: str | None
    ) -> tuple[PartialDate | None, bool]:
        if year_written:
            year = int(year_written)
            return (PartialDate(year, month, day) if _valid(year, month, day) else None), False
        anchor = self.anchor
        if anchor is None:
            return None, True
        year = anchor.year
        if self.anchor_is_reference:
            # After the latest dated event the text refers back to.
            if (month, day) < (anchor.month or 12, anchor.day or 31):
                year += 1
        elif anchor.month is not None and (month, day) > (anchor.month, anchor.day or 31):
            year -= 1  # not after the publication date: last year's
        return (PartialDate(year, month, day) if _valid(year, month, day) else None), True

    def _month(self, month: int) -> tuple[PartialDate | None, bool]:
        """ "en avril": the latest April up to the anchor."""
        if self.anchor is None:
            return None, True
        year = self.anchor.year - (
            1 if self.anchor.month is not None and month > self.anchor.month else 0
        )
        return PartialDate(year, month), True

    def _relative(self, days_back: int | None) -> tuple[PartialDate | None, bool]:
        if self.published is None:
            return None, True
        published = self.published
        if published.precision != "day" or days_back is None:
            return PartialDate(published.year, published.month), True
        day = published.first_day + datetime.timedelta(days=days_back)
        return PartialDate(day.year, day.month, day.day), True

    def _weekday(self, weekday: int) -> tuple[PartialDate | None, bool]:
        """The latest such weekday on or before a publication day; else the one nearest a
        date the text writes in full (within three days); else the month only."""
        published = self.published
        if published is not None and published.precision == "day":
            day = published.first_day
            day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
            return PartialDate(day.year, day.month, day.day), True
        if self.explicit:
            reference = max(self.explicit).first_day
            offset = (weekday - reference.weekday()) % 7
            day = reference + datetime.timedelta(days=offset if offset <= 3 else offset - 7)
            return PartialDate(day.year, day.month, day.day), True
        if published is not None:
            return PartialDate(published.year, published.month), True
        return None, True


def event_date(
    doc: Document,
    published: PartialDate | None,
    year_hint: int | None,
    elsewhere: Callable[[int, int], bool] = lambda start, end: False,
) -> DateValue | None:
    """The event's date: a date in a sentence about the attack that is not marked as an
    earlier event or the war's background: the day of the event before the day of a report
    ("a annoncé lundi"), a day before a month and both before a year alone; then the first
    (in one sentence, a written day before a weekday).
    The night between two days is dated by its morning. With no date in a sentence about the
    attack, the lead's first date will do. A sentence about a strike `elsewhere` (start, end
    → whether it tells of a place unrelated to the event's) dates that strike, not this one."""
    candidates = [
        c
        for c in date_candidates(doc, published, year_hint)
        if c.value is not None and not c.background
    ]
    best: tuple | None = None
    for candidate in candidates:
        sentence = doc.sentence_of(candidate.start)
        if doc.is_earlier(candidate.start, sentence) or candidate.kind == "days_before":
            continue  # "une dizaine de jours plus tôt": an earlier strike
        about_attack = doc.is_attack(sentence) and not elsewhere(sentence.start, sentence.end)
        value = candidate.value
        assert value is not None  # the candidates kept above all have a value
        rank = (
            not about_attack,
            candidate.report,
            value.precision == "year",
            value.precision == "month",
            sentence.start,
            # in one sentence, a day written out before a weekday ("quitté dimanche soir la
            # rue où, dans la nuit du 1er au 2 mars, un drone…")
            not any(ch.isdigit() for ch in doc.text[candidate.start : candidate.end]),
            candidate.start,
        )
        if not about_attack and doc.sentence_index(sentence) > 2:
            continue
        if best is None or rank < best[0]:
            best = (rank, candidate, sentence)
    if best is None:
        return None
    _, candidate, sentence = best
    candidate = _morning_after(doc, candidates, candidate)
    value = candidate.value
    assert value is not None  # `_morning_after` chooses among those candidates
    return DateValue(
        value=value.iso,
        precision=value.precision,
        inferred=candidate.inferred,
        evidence=[sentence.evidence],
    )


def _morning_after(doc: Document, candidates: list[Candidate], chosen: Candidate) -> Candidate:
    """ "entre 23h00 le 24 novembre et 07h00 le 25 novembre": of two days in a row joined as a
    span of time, the later."""
    joins = doc.vocabulary.compiled(
        "span_joins", lambda v: rf"\b(?:{v.alternation('dates', 'span_joins')})\b|-"
    )
    for other in candidates:
        between = doc.folded[chosen.end : other.start]
        if (
            other.value
            and chosen.value
            and other.value.precision == chosen.value.precision == "day"
        ):
            joined = (
                0 <= len(between) <= 30
                and joins.search(between)
                and not re.search(r"[.;]", between)
            )
            if joined and (other.value.first_day - chosen.value.first_day).days == 1:
                return other
    return chosen


def other_days(
    doc: Document, event: DateValue | None, published: PartialDate | None, year_hint: int | None
) -> frozenset[int]:
    """The sentences (by start) dated to another day or month than the event's, and not to
    its own: "in April a missile strike there killed 16 people" is another event."""
    if event is None:
        return frozenset()
    own = PartialDate.parse(event.value)
    dated: dict[int, set[bool]] = {}
    for candidate in date_candidates(doc, published, year_hint):
        value = candidate.value
        if value is None or value.precision == "year" or candidate.report:
            continue  # the day of a report tells what is known then, of this event
        same = _overlap(value, own)
        dated.setdefault(doc.sentence_of(candidate.start).start, set()).add(same)
    return frozenset(start for start, sameness in dated.items() if True not in sameness)


def _overlap(a: PartialDate, b: PartialDate) -> bool:
    """The two dates can be the same day (2025-07 and 2025-07-01 can; 07-01 and 07-02 cannot).
    A night's date and the day before are one event ("Tuesday night", dated Wednesday)."""
    if a.precision == "day" and b.precision == "day":
        return abs((a.first_day - b.first_day).days) <= 1
    return a.first_day <= b.last_day and b.first_day <= a.last_day
