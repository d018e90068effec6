"""Index pages that stay fast: a long list is split into pages by year or by letter.

Up to `INDEX_PAGE_LIMIT` items, an index is one page. Beyond, the index page lists the
parts (each year, each initial letter, with its count) and each part has its own page in
a sub-folder of the index (`articles/par-annee/2025.html`, `lieux/par-lettre/k.html`),
so that no page holds thousands of rows and the site's navigation keeps only the index
pages whatever the size of the corpus. A year's page is divided by month, each month a
heading of the page's table of contents; a year of more than `MONTH_PAGES_FROM` items
(an archive of tens of thousands of reports) has a page per month instead
(`articles/par-annee/2025-03.html`), which its page lists with their counts: one report
added then makes again a page of one month, not of a year.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from unidecode import unidecode

from build_tools import urls

INDEX_PAGE_LIMIT = 250
#: A year of more items than this has a page per month.
MONTH_PAGES_FROM = 4 * INDEX_PAGE_LIMIT
OTHER_INITIAL = "autres"

T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a split index: its file name (without .md), label and items."""

    slug: str
    label: str
    items: list[T]
    #: A year's items by month ("2025-03"; None: the month is unknown), newest first.
    months: list[tuple[str | None, list[T]]] = field(default_factory=list)
    #: A month's page: the slug and label of its year's.
    year: tuple[str, str] | None = None


def by_year(items: Sequence[T], date_of: Callable[[T], str | None]) -> list[Part[T]]:
    """Parts by year, newest first, the undated last, each divided by month; items keep
    their order. `date_of` gives an item's ISO date (2025, 2025-03 or 2025-03-04) or None."""
    years: dict[str | None, list[T]] = {}
    for item in items:
        date = date_of(item)
        years.setdefault(date[:4] if date else None, []).append(item)
    parts = [
        Part(y, y, years[y], _by_month(years[y], date_of))
        for y in sorted((y for y in years if y), reverse=True)
    ]
    return parts + ([Part(urls.NO_DATE, "Date inconnue", years[None])] if None in years else [])


def _by_month(
    items: list[T], date_of: Callable[[T], str | None]
) -> list[tuple[str | None, list[T]]]:
    """Items by month, newest first, those known to the year only last; items keep their order."""
    months: dict[str | None, list[T]] = {}
    for item in items:
        date = date_of(item) or ""
        months.setdefault(date[:7] if len(date) >= 7 else None, []).append(item)
    return [(m, months[m]) for m in sorted((m for m in months if m), reverse=True)] + (
        [(None, months[None])] if None in months else []
    )


def month_slug(year: str, month: str | None) -> str:
    """The file name of a month's page: `2025-03`; `2025-sans-date` for the items of a year
    known to the year only."""
    return month or f"{year}-{urls.NO_DATE}"


def has_month_pages(count: int) -> bool:
    """Whether a year of `count` items has a page per month."""
    return count > MONTH_PAGES_FROM


def month_parts(year: Part[T], label: Callable[[str | None], str]) -> list[Part[T]]:
    """The pages of a year's months (see `by_year`), newest first, when it `has_month_pages`;
    none otherwise. `label` names a month ("2025-03"; None: the month is unknown)."""
    if not has_month_pages(len(year.items)) or not year.months:
        return []
    return [
        Part(month_slug(year.slug, month), label(month), rows, year=(year.slug, year.label))
        for month, rows in year.months
    ]


def initial(name: str) -> str:
    """The letter a name is filed under: "Élektrostal" under e, "Ternopil" under t,
    "9K33" under autres."""
    first = unidecode(name.strip())[:1].lower()
    return first if first.isascii() and first.isalpha() else OTHER_INITIAL


def by_letter(items: Sequence[T], name_of: Callable[[T], str]) -> list[Part[T]]:
    """Parts by initial letter, a to z, then the names that start otherwise."""
    letters: dict[str, list[T]] = {}
    for item in items:
        letters.setdefault(initial(name_of(item)), []).append(item)
    ordered = sorted(k for k in letters if k != OTHER_INITIAL) + (
        [OTHER_INITIAL] if OTHER_INITIAL in letters else []
    )
    return [Part(k, "Autres" if k == OTHER_INITIAL else k.upper(), letters[k]) for k in ordered]
