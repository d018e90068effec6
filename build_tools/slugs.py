"""Ids made from names: lowercase ASCII words joined by hyphens (SPEC §4).

Article, incident and entity ids all come from here, so that every page path matches
the one strict pattern that `schema.slug` checks.
"""

from __future__ import annotations

import re

from unidecode import unidecode

_SLUG_WORDS = 6
# A word, or a model's name of one letter, hyphen and number ("s-300", "a-50").
_SLUG_WORD = re.compile(r"\b[a-z]-[0-9][a-z0-9]*|[a-z0-9]+")
_STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "par",
        "pour",
        "sur",
        "un",
        "une",
        "dans",
        "ont",
        "a",
        "est",
        "ete",
        "sont",
        "qui",
        "que",
        "se",
        "sa",
        "son",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cette",
        "ces",
        "il",
        "elle",
        "ils",
        "elles",
        "the",
        "of",
    ]
)


def slugify(text: str, max_words: int = _SLUG_WORDS) -> str:
    """Lowercase ASCII words joined by hyphens, French little words and elided letters
    ("l'", "d'") left out; a model's letter stays with its number (S-300 → s-300)."""
    words = _SLUG_WORD.findall(unidecode(text).lower())
    significant = [w for w in words if w not in _STOP_WORDS and len(w) > 1]
    return "-".join((significant or words)[:max_words])


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… — the first not in `taken`, which it joins."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
