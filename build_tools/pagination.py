"""Index pages that stay fast: a long list is split into pages by year or by letter.

Up to `INDEX_PAGE_LIMIT` items, an index is one page. Beyond, the index page lists the
parts (each year, each initial letter, with its count) and each part has its own page in
a sub-folder of the index (`articles/par-annee/2025.html`, `lieux/par-lettre/k.html`),
so that no page holds thousands of rows and the site's navigation keeps only the index
pages whatever the size of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from unidecode import unidecode

INDEX_PAGE_LIMIT = 250
BY_YEAR = "par-annee"
BY_LETTER = "par-lettre"
NO_DATE = "sans-date"
OTHER_INITIAL = "autres"

T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a split index: its file name (without .md), label and items."""

    slug: str
    label: str
    items: list[T]


def by_year(items: Sequence[T], year_of: Callable[[T], str | None]) -> list[Part[T]]:
    """Parts by year, newest first, the undated last; items keep their order."""
    years: dict[str, list[T]] = {}
    for item in items:
        years.setdefault(year_of(item) or NO_DATE, []).append(item)
    ordered = sorted((y for y in years if y != NO_DATE), reverse=True) + ([NO_DATE] if NO_DATE in years else [])
    return [Part(y, "Date inconnue" if y == NO_DATE else y, years[y]) for y in ordered]


def initial(name: str) -> str:
    """The letter a name is filed under: "Élektrostal" under e, "Ternopil" under t, "9K33" under autres."""
    first = unidecode(name.strip())[:1].lower()
    return first if first.isascii() and first.isalpha() else OTHER_INITIAL


def by_letter(items: Sequence[T], name_of: Callable[[T], str]) -> list[Part[T]]:
    """Parts by initial letter, a to z, then the names that start otherwise."""
    letters: dict[str, list[T]] = {}
    for item in items:
        letters.setdefault(initial(name_of(item)), []).append(item)
    ordered = sorted(k for k in letters if k != OTHER_INITIAL) + ([OTHER_INITIAL] if OTHER_INITIAL in letters else [])
    return [Part(k, "Autres" if k == OTHER_INITIAL else k.upper(), letters[k]) for k in ordered]
