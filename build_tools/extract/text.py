"""Sentences with their offsets, for the extractors' evidence.

Matching works on folded text (`build_tools.folding`), whose offsets are the article's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.model import Evidence


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.start, self.end, self.text)


# A sentence ends at . ! ? … (with a closing quote, after its space in French: ". »") followed
# by space and a capital, a quote or a digit — except after an abbreviation such as "M." or
# "St.", or an initial ("J. Biden").
_BOUNDARY = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?»|[\"”])?(?=\s+[«\"“(]?[A-ZÀ-ÖØ-Þ0-9])")
# Abbreviations after which a full stop ends no sentence, in French and English ("M.",
# "Mr.", "Gov.", "Dec.").
_ABBREVIATIONS = frozenset(
    ["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "gen", "col", "lt", "av", "bd"]
    + ["no", "n", "cf", "etc", "env", "p", "vol"]
    + ["mr", "mrs", "ms", "gov", "sen", "rep", "jr", "sgt", "capt", "maj", "adm"]
)
# Months abbreviated: before a day or a year only ("Dec. 24", "sept. 2024"), for "sept" is
# also seven ("deux blessés, puis sept. Plus tard…").
_MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    + ["janv", "fév", "févr", "avr", "juil", "déc"]
)


# No report writes a sentence this long (the longest of the development set has 397
# characters); a longer run of text is read in pieces, so that the work of reading one
# number's sentence stays bounded whatever the article holds.
MAX_SENTENCE = 1_000


# How far back from a full stop to look for the word it follows: a bounded window, for a
# paragraph of many abbreviations ("M. M. M. …") was otherwise read again at each of them.
_WORD_WINDOW = 100


def sentences(text: str) -> list[Sentence]:
    """The sentences of the text, with offsets; a line break always ends a sentence."""
    found: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for boundary in _BOUNDARY.finditer(paragraph.group()):
            end = paragraph.start() + boundary.end()
            before = text[
                max(start, end - len(boundary.group()) - _WORD_WINDOW) : end - len(boundary.group())
            ]
            word = re.search(r"(\w+)\W*$", before or " ")
            if word and _abbreviated(word.group(1), text[end : end + 3]):
                continue
            _append(found, text, start, end)
            start = end
        _append(found, text, start, paragraph.end())
    return found


def _abbreviated(word: str, after: str) -> bool:
    """Whether the full stop after `word` (followed by `after`) marks an abbreviation."""
    lower = word.lower()
    if lower in _MONTHS:
        return after.lstrip()[:1].isdigit()
    return lower in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _append(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _last_break(text, start, start + MAX_SENTENCE)
        _append(found, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        found.append(Sentence(start, end, text[start:end]))


def _last_break(text: str, start: int, limit: int) -> int:
    """Where to cut a run of text too long for a sentence: after its last clause break
    before `limit`, else after its last space, else at `limit`."""
    for separators in ((", ", "; ", ": "), (" ",)):
        cut = max(text.rfind(s, start + 1, limit) for s in separators)
        if cut > start:
            return cut + 1
    return limit
