"""Numbers as French news writes them: digits ("1 300"), words ("trois", "cinquante-quatre"),
approximations ("une cinquantaine", "des dizaines"), with their qualifier ("au moins").

Words are turned into digits by text2num; this module finds where a number is written
and what qualifies it, with offsets, and leaves its meaning to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from build_tools.extract.text import fold

_UNITS = "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille"
_WORD_NUMBER = re.compile(rf"\b(?:{_UNITS})(?:(?:[- ]|-et-| et )(?:{_UNITS}))*\b")
_DIGITS = re.compile(r"(?<!\d)(?<!\d[,.])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?!\d|[,.]\d)")
# "une cinquantaine" is about 50; "des dizaines" is several.
_APPROXIMATE = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}
_APPROX_ONE = re.compile(r"\b(?:une|un) (" + "|".join(_APPROXIMATE) + r")\b")
_APPROX_MANY = re.compile(r"\b(?:des|plusieurs) (?:" + "|".join(f"{w}s" for w in _APPROXIMATE) + r")\b")
_SEVERAL = re.compile(r"\b(?:plusieurs|quelques|de nombreux|de nombreuses|nombre de)\b")
_QUALIFIERS = (
    (re.compile(r"(?:au moins|au minimum|pas moins de|plus de|au-dela de|davantage que) $"), "at_least"),
    (re.compile(r"(?:environ|pres de|quelque|autour de|approximativement|a peu pres|une estimation de) $"), "about"),
    (re.compile(r"(?:au plus|au maximum|jusqu'a|moins de|pas plus de) $"), "at_most"),
)


@dataclass(frozen=True)
class Number:
    """A number written in the text: its span (qualifier included), value and qualifier."""

    start: int
    end: int
    value: int | None
    qualifier: str | None


def numbers(text: str, folded: str | None = None) -> list[Number]:
    """Every number in the text, in order, none overlapping."""
    folded = fold(text) if folded is None else folded
    found: list[Number] = []
    taken: set[int] = set()

    def add(start: int, end: int, value: int | None, qualifier: str | None) -> None:
        if taken.intersection(range(start, end)):
            return
        taken.update(range(start, end))
        start, qualifier = _qualify(folded, start, qualifier)
        found.append(Number(start, end, value, qualifier))

    for match in _APPROX_ONE.finditer(folded):
        add(match.start(), match.end(), _APPROXIMATE[match.group(1)], "about")
    for match in _APPROX_MANY.finditer(folded):
        add(match.start(), match.end(), None, "several")
    for match in _DIGITS.finditer(folded):
        add(match.start(), match.end(), int(re.sub(r"\D", "", match.group())), None)
    for match in _WORD_NUMBER.finditer(folded):
        value = _words_value(match.group())
        if value is not None:
            add(match.start(), match.end(), value, None)
    for match in _SEVERAL.finditer(folded):
        add(match.start(), match.end(), None, "several")
    return sorted(found, key=lambda n: n.start)


def _words_value(words: str) -> int | None:
    try:
        return int(text2num(words.replace(" et ", "-et-"), "fr"))
    except ValueError:
        return None


def _qualify(folded: str, start: int, qualifier: str | None) -> tuple[int, str | None]:
    """Extend a number's span over a qualifier written just before it ("au moins 10")."""
    before = folded[max(0, start - 30):start]
    for pattern, name in _QUALIFIERS:
        match = pattern.search(before)
        if match:
            return start - (len(before) - match.start()), name
    return start, qualifier
