"""Numbers as news writes them: digits ("1 300", "1,300"), words ("trois",
"cinquante-quatre", "twenty-one"), approximations ("une cinquantaine", "a dozen", "des
dizaines"), with their qualifier ("au moins", "at least").

The words of each language are data (`numbers` in `corpus/lexicon.yml`); words are turned
into digits by text2num. This module finds where a number is written and what qualifies it,
with offsets, and leaves its meaning to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from text_to_num import text2num

from build_tools.folding import fold

if TYPE_CHECKING:
    from build_tools.extract.resources import Vocabulary

# French groups thousands with spaces, English with commas: "1 300", "1,300".
_DIGITS = re.compile(
    r"(?<!\d)(?<!\d[,.])"
    r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:,\d{3})+(?![.]\d)|\d+)"
    r"(?!\d|[,.]\d)"
)


@dataclass(frozen=True)
class Number:
    """A number written in the text: its span (qualifier included), value and qualifier."""

    start: int
    end: int
    value: int | None
    qualifier: str | None


class _Patterns:
    """One language's number patterns, made from its vocabulary."""

    def __init__(self, vocabulary: Vocabulary):
        v = vocabulary
        units = v.alternation("numbers", "words")
        joiners = "|".join(re.escape(j) for j in v.node("numbers", "joiners") or ["-", " "])
        self.language = "en" if v.language == "en" else "fr"
        self.word_number = re.compile(rf"\b(?:{units})(?:(?:{joiners})(?:{units}))*\b")
        self.approximate = {
            fold(k): int(n) for k, n in (v.node("numbers", "approximate") or {}).items()
        }
        names = "|".join(re.escape(w) for w in self.approximate) or "(?!x)x"
        plural = "|".join(re.escape(w) + "s" for w in self.approximate) or "(?!x)x"
        self.approx_one = re.compile(
            rf"\b(?:{v.alternation('numbers', 'approximate_one')}) ({names})\b"
        )
        self.approx_many = re.compile(
            rf"\b(?:(?:{v.alternation('numbers', 'approximate_many')}) (?:{plural})|{plural} of)\b"
        )
        self.several = re.compile(rf"\b(?:{v.alternation('numbers', 'several')})\b")
        self.negated = re.compile(rf"\b(?:{v.alternation('numbers', 'negators')}) $")
        self.generic = re.compile(rf"\b(?:{v.alternation('numbers', 'generic_before')}) $")
        self.singular = re.compile(rf"\b(?:{v.alternation('numbers', 'singular')})\b(?![.\w'-])")
        self.qualifiers = [
            (re.compile(rf"\b(?:{v.alternation('numbers', 'qualifiers', name)}) $"), name)
            for name in ("at_least", "about", "at_most")
        ]


def numbers(text: str, folded: str, vocabulary: Vocabulary) -> list[Number]:
    """Every number in the text, in order, none overlapping."""
    patterns = vocabulary.memo("numbers", _Patterns)
    found: list[Number] = []
    taken: set[int] = set()

    def add(start: int, end: int, value: int | None, qualifier: str | None) -> None:
        if taken.intersection(range(start, end)) or patterns.negated.search(
            folded, max(0, start - 16), start
        ):
            return
        taken.update(range(start, end))
        start, qualifier = _qualify(patterns, folded, start, qualifier)
        found.append(Number(start, end, value, qualifier))

    for match in patterns.approx_one.finditer(folded):
        add(match.start(), match.end(), patterns.approximate[match.group(1)], "about")
    for match in patterns.approx_many.finditer(folded):
        add(match.start(), match.end(), None, "several")
    for match in _DIGITS.finditer(folded):
        add(match.start(), match.end(), int(re.sub(r"\D", "", match.group())), None)
    for match in patterns.word_number.finditer(folded):
        value = _words_value(match.group(), patterns.language)
        if value is not None:
            add(match.start(), match.end(), value, None)
    for match in patterns.several.finditer(folded):
        add(match.start(), match.end(), None, "several")
    for match in patterns.singular.finditer(folded):
        if not patterns.generic.search(folded, max(0, match.start() - 20), match.start()):
            add(match.start(), match.end(), 1, None)  # not "wherever a drone came down"
    return sorted(found, key=lambda n: n.start)


def _words_value(words: str, language: str) -> int | None:
    try:
        return int(text2num(words.replace(" et ", "-et-") if language == "fr" else words, language))
    except ValueError:
        return None


def _qualify(
    patterns: _Patterns, folded: str, start: int, qualifier: str | None
) -> tuple[int, str | None]:
    """Extend a number's span over a qualifier written just before it ("au moins 10")."""
    before = folded[max(0, start - 30) : start]
    for pattern, name in patterns.qualifiers:
        match = pattern.search(before)
        if match:
            return start - (len(before) - match.start()), name
    return start, qualifier
