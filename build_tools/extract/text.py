"""Text helpers shared by the extractors: folding for matching, sentences with offsets.

`fold` maps each character to exactly one character, so an offset in the folded text is
the same offset in the article: matches found on folded text are evidence in the
original. Folding lowers case, drops accents and unifies apostrophes and dashes, so
that "Federation", "Fédération" and "FÉDÉRATION" match alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from build_tools.model import Evidence

_APOSTROPHES = "’‘ʼ`´"
_DASHES = "‐‑‒–—―"
_SPACES = "\u00a0\u202f\u2009\u2007"


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    if char in _SPACES:
        return " "
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char.lower()[:1] or char


class _FoldTable(dict):
    """Code point → folded character, for `str.translate`, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, accents dropped, apostrophes and dashes unified; same length as `text`."""
    return text.translate(_FOLDED)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.start, self.end, self.text)


# A sentence ends at . ! ? … followed by space and a capital, a quote or a digit — except
# after an abbreviation such as "M." or "St.", or an initial ("J. Biden").
_BOUNDARY = re.compile(r"[.!?…]+[»\"”]?(?=\s+[«\"“(]?[A-ZÀ-ÖØ-Þ0-9])")
# Abbreviations after which a full stop ends no sentence, in French and English ("M.",
# "Mr.", "Gov.", "Dec.").
_ABBREVIATIONS = frozenset(
    ["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "gen", "col", "lt", "av", "bd"]
    + ["no", "n", "cf", "etc", "env", "p", "vol"]
    + ["mr", "mrs", "ms", "gov", "sen", "rep", "jr", "sgt", "capt", "maj", "adm"]
    + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    + ["janv", "fév", "févr", "avr", "juil", "déc"]
)


def sentences(text: str) -> list[Sentence]:
    """The sentences of the text, with offsets; a line break always ends a sentence."""
    found: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for boundary in _BOUNDARY.finditer(paragraph.group()):
            end = paragraph.start() + boundary.end()
            word = re.search(r"(\w+)\W*$", text[start : end - len(boundary.group())] or " ")
            if word and (
                word.group(1).lower() in _ABBREVIATIONS
                or len(word.group(1)) == 1
                and word.group(1).isupper()
            ):
                continue
            _append(found, text, start, end)
            start = end
        _append(found, text, start, paragraph.end())
    return found


def _append(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Sentence(start, end, text[start:end]))


def is_word_boundary(folded: str, start: int, end: int) -> bool:
    """True when folded[start:end] is not the middle of a longer word."""
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


_SKELETON_STEPS = (
    ("tsh", "sh"),  # Metshin, Metchine
    ("tch", "sh"),
    ("sch", "sh"),
    ("ch", "sh"),
    ("zh", "j"),
    ("kh", "h"),
    ("gue", "ge"),
    ("gui", "gi"),
    ("ou", "u"),
    ("y", "i"),
    ("ii", "i"),
    ("ie", "e"),
    ("ss", "s"),
    ("ff", "f"),
    ("ck", "k"),
    ("w", "v"),
    ("h", "g"),  # Ukrainian г is h, Russian г is g: Ihor and Igor, Oleh and Oleg
)


def skeleton(name: str) -> str:
    """A name reduced to what its French and English transliterations share: "Iouri
    Slioussar" and "Yury Slyusar", "Viatcheslav" and "Vyacheslav" have one skeleton."""
    key = re.sub(r"[^a-z ]", "", fold(name).replace("-", " "))
    for written, common in _SKELETON_STEPS:
        key = key.replace(written, common)
    return " ".join(w[:-1] if len(w) > 4 and w.endswith("e") else w for w in key.split())
