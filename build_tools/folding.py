"""Folding for matching, shared by the extractor, grouping, statistics and evaluation.

`fold` maps each character to exactly one character, so an offset in the folded text is
the same offset in the article: matches found on folded text are evidence in the
original. Folding lowers case, drops accents and unifies apostrophes and dashes, so
that "Federation", "Fédération" and "FÉDÉRATION" match alike. `skeleton` goes further
for names, to what their French and English transliterations share.

The module imports nothing of the package, so that a stage that only compares words
(similarity, duplicates, statistics) does not depend on the extractor.
"""

from __future__ import annotations

import re
import unicodedata

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
