"""One article prepared for the extractors: folded text, sentences, names and numbers found once."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from build_tools.extract.numbers import Number, numbers
from build_tools.extract.resources import PLACE, Match, Resources
from build_tools.extract.text import Sentence, fold, sentences

_METONYM_AFTER = re.compile(r"^ (?:a (?!ete |subi |connu |vecu )|ont (?!ete |subi )|avait (?!ete )|continue|cible|affirme|accuse|dement|nie|menace|assure|mene|reagit|repond|annonce|declare|estime|refuse|exige|veut|dit)")
_REGION_BEFORE = re.compile(r"(?:region|oblast|province|republique|krai|territoire)(?: \w+)? (?:de |d')$")


@dataclass
class Document:
    text: str
    title: str
    resources: Resources
    folded: str = field(init=False)

    def __post_init__(self) -> None:
        self.folded = fold(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return sentences(self.text)

    @cached_property
    def matches(self) -> list[Match]:
        return self.resources.find(self.text, self.folded)

    @cached_property
    def place_mentions(self) -> list[tuple[Match, int]]:
        """Each place named, with the gazetteer index it stands for: a capital after
        "région de", "oblast de", "province de" stands for its region."""
        gazetteer = self.resources.gazetteer
        found = []
        for match in self.matches:
            if match.kind != PLACE:
                continue
            index = match.index
            before = self.folded[max(0, match.start - 40):match.start]
            if index in gazetteer.region_of_capital and _REGION_BEFORE.search(before):
                index = gazetteer.region_of_capital[index]
            found.append((match, index))
        return found

    @cached_property
    def title_places(self) -> set[int]:
        """Gazetteer indexes of the places the title names."""
        return {m.index for m in self.resources.find(self.title) if m.kind == "place"}

    @cached_property
    def numbers(self) -> list[Number]:
        return numbers(self.text, self.folded)

    def is_metonym(self, match: Match) -> bool:
        """"Moscou a réagi", "Kiev affirme": a capital standing for its government."""
        before = self.folded[max(0, match.start - 12):match.start]
        return bool(_METONYM_AFTER.match(self.folded[match.end:match.end + 20])) and not re.search(r"\b(?:a|dans|de|sur|contre|vers)\s*$", before)

    def is_attack(self, sentence: Sentence) -> bool:
        """The sentence is about an attack (it uses a word of `attack_words`)."""
        return bool(self.resources.vocabulary.pattern("attack_words").search(self.folded, sentence.start, sentence.end))

    def is_earlier(self, position: int, sentence: Sentence) -> bool:
        """A word of `earlier_markers` stands in the few words before `position`."""
        window_start = max(sentence.start, position - 40)
        return bool(self.resources.vocabulary.pattern("earlier_markers").search(self.folded, window_start, position))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_of(self, position: int) -> Sentence:
        """The sentence holding `position` (found by bisection: it is asked for every name and number)."""
        return self.sentences[max(0, bisect.bisect_right(self._sentence_starts, position) - 1)]

    def matches_in(self, start: int, end: int, kind: str | None = None) -> list[Match]:
        return [m for m in self.matches if start <= m.start and m.end <= end and (kind is None or m.kind == kind)]
