"""One article prepared for the extractors: folded text, sentences, names and numbers found
once, and the words of its language."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from build_tools.extract.numbers import Number, numbers
from build_tools.extract.resources import PLACE, Match, Resources, Vocabulary
from build_tools.extract.spans import Spans
from build_tools.extract.text import Sentence, sentences
from build_tools.folding import fold


def _metonym_after(v: Vocabulary) -> str:
    return (
        rf"^ (?:{v.alternation('metonym_verbs')})\b"
        rf"(?! (?:\w+ )?(?:{v.alternation('metonym_not_after')})\b)"
    )


def _region_before(v: Vocabulary) -> str:
    return rf"(?:{v.alternation('region_nouns')})(?: \w+)? (?:{v.before('of_words')})$"


def _region_after(v: Vocabulary) -> str:
    return rf"^ (?:{v.alternation('region_after')})\b"


def list_joins(v: Vocabulary) -> str:
    """What stands between two items of a list: a comma, a figure in brackets, "et"."""
    return rf"(?:\s*\(\d+\))?\s*(?:,|(?:{v.alternation('name_joins')})\b)?\s*"


def capital_agent_before(v: Vocabulary) -> str:
    """ "les forces de", "drone of": a noun of those who act, then "de" or "of"."""
    return rf"\b(?:{v.alternation('capital_agents')})(?: \w+)? (?:{v.before('of_words')}|from )$"


def without_boilerplate(text: str, vocabulary: Vocabulary) -> str:
    """The text with an aggregator's links to other stories blanked out ("Lire aussi : …",
    "Read also: …"): their headlines name people and places of other events. Blanks keep
    every offset, so evidence still points into the article as written. The openers are
    found on the folded text: "À lire également" is the lexicon's "a lire egalement"."""
    opener = vocabulary.compiled(
        "boilerplate",
        lambda v: (  # the line, and the list of links under it
            rf"(?im)^[ \t>*_-]*(?:{v.alternation('boilerplate_openers')})\b.*$"
            r"(?:\n[ \t]*[-•*›→▸▶][^\n]*)*"
        ),
    )
    spans = [m.span() for m in opener.finditer(fold(text))]  # the openers are folded words
    for start, end in reversed(spans):
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text


# A live blog's entry opens with its time: "13h10 —", "**09:40** —", "11:15 —".
LIVE_ENTRY = re.compile(r"\W{0,2}\d{1,2}[:h.]\d{2}\W{0,2} ?[—–-] ")


@dataclass
class Document:
    text: str
    title: str
    resources: Resources
    language: str = "fr"
    folded: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = without_boilerplate(self.text, self.resources.vocabulary(self.language))
        self.folded = fold(self.text)
        self._memo: dict = {}

    def memo(self, key, make):
        """`make()` once per document: what several extractors ask of the same text."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return self.resources.vocabulary(self.language)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return sentences(self.text)

    @cached_property
    def matches(self) -> list[Match]:
        return self.resources.find(self.text, self.folded)

    @cached_property
    def place_mentions(self) -> list[tuple[Match, int]]:
        """Each place named, with the gazetteer index it stands for: a capital after
        "région de", "oblast de" or before "region" stands for its region; a name that is
        part of a person's name ("Volodymyr Kovalenko") or of a byline is no place."""
        found: list[tuple[Match, int]] = []
        regions = self.resources.gazetteer.region_of_capital
        joins = self.vocabulary.compiled("list_joins", list_joins)
        for match in self.matches:
            if match.kind != PLACE or self.in_a_name(match.start, match.end):
                continue
            index = self.resources.place_in_context(match, self.context_regions)
            if (
                self._names_a_district(match, index)
                or self._names_a_street(match)
                or self._a_common_name(match, index)
            ):
                continue  # "the Kamensky district" is no village called Kamenskiy
            region = self.region_named(match, index, self.folded)
            if region == index and index in regions and found:
                # "les régions de Koursk (22), Briansk (10) et Orel (8)": the list goes on
                last, last_index = found[-1]
                if last_index in regions.values() and joins.fullmatch(
                    self.folded, last.end, match.start
                ):
                    region = regions[index]
            found.append((match, region))
        return self._regions_listed_before_their_noun(found)

    def _regions_listed_before_their_noun(
        self, found: list[tuple[Match, int]]
    ) -> list[tuple[Match, int]]:
        """ "the Donetsk, Kharkiv, Sumy and Kyiv regions": the capitals listed before the one
        that the region noun follows stand for their regions too."""
        regions = self.resources.gazetteer.region_of_capital
        joins = self.vocabulary.compiled("list_joins", list_joins)
        for k in range(len(found) - 2, -1, -1):
            (match, index), (after, after_index) = found[k], found[k + 1]
            if (
                index in regions
                and after_index in regions.values()
                and self.resources.gazetteer.places[index].kind != "region"
                and after_index != self.resources.place_in_context(after, self.context_regions)
                and joins.fullmatch(self.folded, match.end, after.start)
            ):
                found[k] = (match, regions[index])
        return found

    @cached_property
    def paragraph_openers(self) -> frozenset[int]:
        """The sentences (by start) that open a paragraph: a line break stands before them."""
        openers, previous_end = set(), 0
        for sentence in self.sentences:
            if "\n" in self.text[previous_end : sentence.start]:
                openers.add(sentence.start)
            previous_end = sentence.end
        return frozenset(openers)

    def paragraph_start(self, position: int) -> int:
        """Where the paragraph holding `position` starts (its first sentence's start)."""
        starts = self._paragraph_starts
        return starts[max(0, bisect.bisect_right(starts, position) - 1)] if starts else 0

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        first = {self.sentences[0].start} if self.sentences else set()
        return sorted(self.paragraph_openers | first)

    def neighbour_in_paragraph(self, sentence: Sentence, step: int) -> Sentence | None:
        """The sentence before (`step` -1) or after (+1) in the same paragraph, if any."""
        index = self.sentence_index(sentence) + step
        if not 0 <= index < len(self.sentences):
            return None
        other = self.sentences[index]
        later = other if step > 0 else sentence
        return None if later.start in self.paragraph_openers else other

    @cached_property
    def main_country(self) -> str | None:
        """The country the text is about: the one most of the towns and regions it names are
        in (countries named as such count for less: "Russia fired 73 drones at Ukraine")."""
        places = [
            self.resources.gazetteer.places[i]
            for m, i in self.place_mentions
            if not self.is_metonym(m)  # "Moscow says": a government, not a place of the text
        ]
        countries = Counter(p.country for p in places if p.country and p.kind != "country")
        countries = countries or Counter(p.country for p in places if p.country)
        return countries.most_common(1)[0][0] if countries else None

    @cached_property
    def _place_spans(self) -> Spans[tuple[Match, int]]:
        return Spans(self.place_mentions, lambda mention: (mention[0].start, mention[0].end))

    def places_between(self, start: int, end: int) -> list[tuple[Match, int]]:
        """The place mentions that begin in [start, end), found by bisection."""
        return self._place_spans.starting_in(start, end)

    def places_ending_in(self, start: int, end: int) -> list[tuple[Match, int]]:
        """The place mentions that end in [start, end]."""
        return self._place_spans.ending_in(start, end)

    def place_at(self, position: int) -> tuple[Match, int] | None:
        """The place mention that begins at `position`, if any."""
        return self._place_spans.starting_at(position)

    def region_named(self, match: Match, index: int, folded: str) -> int:
        """The region a capital's name stands for in "la région de Koursk", "the Kursk
        region" (`folded` is the text the match is in); else the place itself."""
        region_of_capital = self.resources.gazetteer.region_of_capital
        if index not in region_of_capital:
            return index
        before = folded[max(0, match.start - 40) : match.start]
        after = folded[match.end : match.end + 12]
        region_before = self.vocabulary.compiled("region_before", _region_before)
        region_after = self.vocabulary.compiled("region_after", _region_after)
        in_region = region_before.search(before) or region_after.match(after)
        return region_of_capital[index] if in_region else index

    def _names_a_district(self, match: Match, index: int) -> bool:
        """A town's name used for a district ("the Kamensky district", "le district de
        Kamenski"), when the town lies outside the regions the text names: the gazetteer has
        no districts, and a town of that name may lie anywhere ("le district de Chostka", in
        an article on the Soumy region, is around the town of Chostka)."""
        town = self.resources.gazetteer.places[index]
        regions = self.context_regions
        if town.kind not in ("city", "town", "village") or not regions or town.admin1 in regions:
            return False
        district = self.vocabulary.compiled(
            "district_around",
            lambda v: (
                rf"(?:\b(?:{v.alternation('district_nouns')}) (?:{v.before('of_words')})$)"
                rf"|(?:^ (?:{v.alternation('district_nouns')})\b)"
            ),
        )
        before = self.folded[max(0, match.start - 20) : match.start]
        after = self.folded[match.end : match.end + 12]
        return bool(district.search(before) or district.match(after))

    def _a_common_name(self, match: Match, index: int) -> bool:
        """A GeoNames town's name after an article (the lexicon's `no_town_after`): "la région de
        la Volga", "sur le Don" name a river or a region, never the village of that name."""
        if self.resources.gazetteer.places[index].from_corpus or not self.vocabulary.words(
            "no_town_after"
        ):
            return False  # "la Crimée", "le Donbass": the corpus's places take articles
        article = self.vocabulary.ends_with("no_town_after")
        return bool(article.search(self.folded, max(0, match.start - 6), match.start))

    def _names_a_street(self, match: Match) -> bool:
        """A place's name in the name of a street, a bridge or a building ("rue de Moscou",
        "le pont de Crimée", "Manhattan complex", "Krasnaya Pozitsiya Street"): no place of
        the event."""
        before = self.vocabulary.compiled(
            "street_noun_before",
            lambda v: (
                rf"\b(?:(?:{v.alternation('street_nouns_before')}) (?:{v.before('of_words')})?"
                rf"|(?:{v.alternation('building_nouns_before')}) )$"
            ),
        )
        return bool(
            before.search(self.folded, max(0, match.start - 25), match.start)
            or self.before_a_street_noun(match.end)
        )

    def before_a_street_noun(self, end: int) -> bool:
        """A name ending at `end` is a street's or a building's: "Krasnaya Pozitsiya Street",
        "the Manhattan complex" (up to two capitalised words may come between)."""
        after = self.vocabulary.compiled(  # on the text: the words between are capitalised
            "street_noun_after",
            lambda v: rf"(?: [A-ZÀ-Þ][\w'’-]*){{0,2}} (?i:{v.alternation('street_nouns_after')})\b",
        )
        return after.match(self.text, end, end + 40) is not None

    @cached_property
    def context_regions(self) -> frozenset[str]:
        """The regions the text names, to choose between places of one name: by their own
        names or by their capital's ("the Rostov region", "la région de Koursk")."""
        gazetteer = self.resources.gazetteer
        return frozenset(
            gazetteer.places[region].name
            for m in self.matches
            if m.kind == PLACE
            and gazetteer.places[region := self.region_named(m, m.index, self.folded)].kind
            == "region"
        )

    @cached_property
    def person_spans(self) -> list[tuple[int, int]]:
        """Where the text names people: listed names, the grammar of names and, in French,
        the statistical model (`build_tools.extract.names`)."""
        from build_tools.extract.names import person_spans

        return person_spans(self)

    @cached_property
    def model_entities(self) -> list[tuple[str, int, int]]:
        """The statistical model's named entities (label, start, end)."""
        from build_tools.extract.names import model_entities

        return model_entities(self)

    @cached_property
    def credit_lines(self) -> list[tuple[int, int]]:
        """Bylines and photo credits: their names are the author's or the photographer's."""
        from build_tools.extract.names import credit_lines

        return credit_lines(self)

    @cached_property
    def dateline_end(self) -> int:
        """Where the dateline ends ("KYIV, Dec 2 —", "KAZAN (Tatarstan), 21 décembre 2024 —"):
        the place a dispatch was filed from, in capitals at the head of the text; 0 if none."""
        match = _DATELINE.match(self.text)
        return match.end() if match else 0

    @cached_property
    def people(self) -> Spans[tuple[int, int]]:
        """The person spans, looked up by position."""
        return Spans(self.person_spans, lambda span: span)

    def in_a_name(self, start: int, end: int) -> bool:
        """The span lies inside a person's name (and is not all of it) or a credit line."""
        inside = any(span != (start, end) for span in self.people.containing(start, end))
        return inside or self.in_credit_line(start)

    @cached_property
    def credits(self) -> Spans[tuple[int, int]]:
        """The credit lines, looked up by position."""
        return Spans(self.credit_lines, lambda span: span)

    def in_credit_line(self, position: int) -> bool:
        """The position lies in a byline or a photo credit."""
        return bool(self.credits.containing(position, position + 1))

    @cached_property
    def title_places(self) -> set[int]:
        """Gazetteer indexes of the places the title names, but a capital named as whose
        the drones are ("une attaque de drone de Kiev")."""
        folded = fold(self.title)
        capitals = set(self.vocabulary.words("capitals"))
        agents = self.vocabulary.compiled("capital_agent_before", capital_agent_before)
        return {
            self.region_named(m, m.index, folded)
            for m in self.resources.find(self.title, folded)
            if m.kind == "place"
            and not (
                fold(m.text) in capitals and agents.search(folded[max(0, m.start - 40) : m.start])
            )
        }

    @cached_property
    def numbers(self) -> list[Number]:
        return numbers(self.text, self.folded, self.vocabulary)

    @cached_property
    def _number_spans(self) -> Spans[Number]:
        return Spans(self.numbers, lambda number: (number.start, number.end))

    def numbers_between(self, start: int, end: int) -> list[Number]:
        """The numbers that begin in [start, end), found by bisection."""
        return self._number_spans.starting_in(start, end)

    def number_at(self, position: int) -> Number | None:
        """The number that begins at `position`, if any."""
        return self._number_spans.starting_at(position)

    def numbers_ending_in(self, start: int, end: int) -> list[Number]:
        """The numbers that end in [start, end]."""
        return self._number_spans.ending_in(start, end)

    def bare_body(self, name: str) -> str | None:
        """The body a name without its country stands for (`name` folded: "armee", "air
        force"): the one of the country the text is about, if the lexicon has it."""
        country = self.main_country
        if country is None:
            return None
        return self.vocabulary.bare_bodies.get(name, {}).get(country)

    def is_metonym(self, match: Match) -> bool:
        """ "Moscou a réagi", "selon Kiev", "Kyiv said": a capital standing for its government."""
        vocabulary = self.vocabulary
        if fold(match.text) not in vocabulary.words("capitals"):
            return False
        before = self.folded[max(0, match.start - 20) : match.start]
        if vocabulary.ends_with("metonym_before").search(before):
            return True
        after = self.folded[match.end : match.end + 30]
        return bool(vocabulary.compiled("metonym_after", _metonym_after).match(after)) and not (
            vocabulary.ends_with("place_prepositions").search(before[-12:])
        )

    def is_attack(self, sentence: Sentence) -> bool:
        """The sentence is about an attack (it uses a word of `attack_words`)."""
        pattern = self.vocabulary.pattern("attack_words")
        return self.memo(
            ("attack", sentence.start),
            lambda: bool(pattern.search(self.folded, sentence.start, sentence.end)),
        )

    def opens_elsewhere_in_the_region(self, sentence: Sentence) -> bool:
        """The sentence opens on another place of the event's region ("Toujours dans la région
        de Soumy, …", "12h35 — Ailleurs dans la région, …", "Elsewhere in the region, …")."""
        opener = self.vocabulary.compiled(
            "elsewhere_in_region",
            lambda v: rf"(?:{LIVE_ENTRY.pattern})?(?:{v.alternation('elsewhere_in_region')})\b",
        )
        return opener.match(self.folded, sentence.start) is not None

    def tells_of_another_attack(self, sentence: Sentence) -> bool:
        """The sentence uses a word of `new_attack_markers` ("une nouvelle attaque", "another
        deadly attack")."""
        pattern = self.vocabulary.pattern("new_attack_markers")
        return pattern.search(self.folded, sentence.start, sentence.end) is not None

    def is_earlier(self, position: int, sentence: Sentence) -> bool:
        """A word of `earlier_markers` stands in the few words before `position`, in its
        clause ("the largest since the start of the war, with one person killed": not earlier)."""
        window_start = max(sentence.start, position - 40)
        clause = self.folded.rfind(",", window_start, position)
        window_start = clause + 1 if clause >= 0 else window_start
        markers = self.vocabulary.pattern("earlier_markers").finditer(
            self.folded, window_start, position
        )
        return any(not self._place_follows(m.end()) for m in markers)

    def _place_follows(self, position: int) -> bool:
        """A place is named right after `position` ("depuis Primorsko-Akhtarsk", "from the
        Kursk region"): the word before it says where from, not since when."""
        return any(
            not re.search(r"[,.;:]", self.folded[position : m.start])
            for m, _ in self.places_between(position, position + 25)
        )

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, sentence: Sentence) -> int:
        """The sentence's rank in the text (by bisection, not a scan of every sentence)."""
        return bisect.bisect_right(self._sentence_starts, sentence.start) - 1

    def sentence_of(self, position: int) -> Sentence:
        """The sentence holding `position` (by bisection: every name and number asks)."""
        return self.sentences[max(0, bisect.bisect_right(self._sentence_starts, position) - 1)]

    @cached_property
    def match_spans(self) -> Spans[Match]:
        """The names the resources know, looked up by position."""
        return Spans(self.matches, lambda match: (match.start, match.end))

    def matches_in(self, start: int, end: int, kind: str | None = None) -> list[Match]:
        """The names that lie wholly in [start, end), of one kind if `kind` is given."""
        return [m for m in self.match_spans.within(start, end) if kind is None or m.kind == kind]


_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ'’ .-]{2,}(?: \([^)\n]{1,40}\))?(?:,[^\n—–]{1,40})? ?(?:—|–| - |: )"
)
