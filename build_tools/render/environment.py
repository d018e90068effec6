"""The Jinja2 environment of the archive's pages, its French filters, and the two ways a
template becomes a file: `page` (front matter, then the template) and `fragment`.

Autoescaping is on: every corpus string reaches the page HTML-escaped, inside HTML blocks
that Markdown leaves alone.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable, Sequence
from functools import cache

import jinja2
import yaml
from babel.dates import format_date
from markdown.extensions.toc import slugify as toc_slugify
from unidecode import unidecode

from build_tools import urls
from build_tools.incidents import GROUPING_THRESHOLD
from build_tools.incremental.folders import template_cache
from build_tools.labels import (
    DECISIVE_PIECES,
    DIRECTIONS,
    FIGURE_LABELS,
    KIND_LABELS,
    PIECE_LABELS,
    PLACE_KIND_LABELS,
    PRECISION_LABELS,
    QUALIFIER_LABELS,
    RELATED_LABELS,
    SCOPE_LABELS,
    TARGET_LABELS,
    country_name,
    language_name,
    selon,
)
from build_tools.model import (
    Count,
    DateValue,
    Piece,
)
from build_tools.pagination import has_month_pages, month_slug
from build_tools.render.text import evidence_id


def french_date(value: DateValue | str | None) -> str:
    """A date as a French reader writes it, to its precision: 1er juillet 2025, 2 juillet
    2025, juillet 2025, 2025."""
    if value is None:
        return "date inconnue"
    iso = value.value if isinstance(value, DateValue) else value
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = "1er" if parts[2] == 1 else str(parts[2])
        return f"{day} {format_date(datetime.date(*parts), 'MMMM y', locale='fr')}"
    if len(parts) == 2:
        return format_date(datetime.date(parts[0], parts[1], 1), "LLLL y", locale="fr")
    return str(parts[0])


def date_qualifier(date: DateValue) -> str:
    """The one word a date needs after it: its precision when it is not to the day ("au mois
    près"), else "déduite" when the text does not write it whole; "" for neither."""
    if date.precision != "day":
        return PRECISION_LABELS[date.precision]
    return "déduite" if date.inferred else ""


def guillemets(text: str) -> str:
    """The text between French quotation marks, held to it by no-break spaces, its own « »
    turned into the second-level “ ” (French typography), so that a quoted quotation never
    shows « « twice and a line never begins with »."""
    inner = re.sub(r"«\s*", "“", re.sub(r"\s*»", "”", text.strip()))
    return f"«\u00a0{inner}\u00a0»"


def month_name(year_month: str) -> str:
    year, month = (int(p) for p in year_month.split("-"))
    return format_date(datetime.date(year, month, 1), "LLLL", locale="fr")


def month_label(year: str, month: str | None) -> str:
    """A month as a heading or a page title names it: "Mars 2025"; "2025, mois inconnu"
    for what is known to the year only."""
    return f"{month_name(month).capitalize()} {year}" if month else f"{year}, mois inconnu"


def count_text(count: Count | None) -> str:
    """A figure in words: 3, au moins 10, plusieurs, non indiqué."""
    if count is None:
        return "non indiqué"
    if count.value is None:
        return QUALIFIER_LABELS.get(count.qualifier or "unspecified", "non chiffré")
    label = QUALIFIER_LABELS.get(count.qualifier or "")
    if label and count.qualifier not in ("several", "unspecified"):
        return f"{label} {count.value}"
    return str(count.value)


def evidence_text(pieces: Iterable[Piece]) -> str:
    """The pieces of grouping evidence in words: "même lieu (Kharkiv), même jour, mêmes
    chiffres (tués, blessés), textes proches à 33 %"."""
    parts: list[str] = []
    figures = [FIGURE_LABELS[p.detail or ""].lower() for p in pieces if p.name == "same_figure"]
    for piece in pieces:
        if piece.name == "same_figure":
            if figures:
                label = "mêmes chiffres" if len(figures) > 1 else PIECE_LABELS["same_figure"]
                parts.append(f"{label} ({', '.join(figures)})")
                figures = []
        elif piece.name == "text":
            parts.append(f"{PIECE_LABELS['text']} à {round(float(piece.detail or 0) * 100)} %")
        else:
            detail = f" ({piece.detail})" if piece.detail else ""
            parts.append(PIECE_LABELS[piece.name] + detail)
    return ", ".join(parts)


def points_text(value: float) -> str:
    """ "9,3 points", "1 point": a score as the page says it."""
    number = f"{round(value, 1):g}".replace(".", ",")
    return f"{number} point{'s' if value >= 2 else ''}"


def direction_label(country: str) -> str:
    """ "Frappe en Russie": where the strike landed, by the country of its primary place."""
    return DIRECTIONS.get(country) or f"Frappe : {country_name(country)}"


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: its special characters escaped."""
    return _BIBTEX_SPECIAL.sub(
        lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), text
    )


def heading_id(text: str) -> str:
    """The id MkDocs (Python-Markdown's toc) gives a heading of that text."""
    return toc_slugify(text, "-")


def tag_slug(tag: str) -> str:
    """The folder of a tag's page under etiquettes/: its words in lowercase ASCII. Tags that
    only differ in case, accents or punctuation share a page."""
    return "-".join(re.findall(r"[a-z0-9]+", unidecode(tag).lower()))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("build_tools.render", "templates"),
        bytecode_cache=template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        french_date=french_date,
        date_qualifier=date_qualifier,
        guillemets=guillemets,
        count_text=count_text,
        evidence_text=evidence_text,
        points_text=points_text,
        month_name=month_name,
        evidence_id=evidence_id,
        bibtex=bibtex_escape,
        tag_slug=tag_slug,
        heading_id=heading_id,
        selon=selon,
    )
    env.globals.update(
        QUALIFIER_LABELS=QUALIFIER_LABELS,
        PRECISION_LABELS=PRECISION_LABELS,
        SCOPE_LABELS=SCOPE_LABELS,
        FIGURE_LABELS=FIGURE_LABELS,
        TARGET_LABELS=TARGET_LABELS,
        KIND_LABELS=KIND_LABELS,
        PLACE_KIND_LABELS=PLACE_KIND_LABELS,
        RELATED_LABELS=RELATED_LABELS,
        PIECE_LABELS=PIECE_LABELS,
        DECISIVE_PIECES=DECISIVE_PIECES,
        GROUPING_THRESHOLD=GROUPING_THRESHOLD,
        country_name=country_name,
        language_name=language_name,
        urls=urls,
        month_slug=month_slug,
        month_label=month_label,
        has_month_pages=has_month_pages,
    )
    return env


def page(
    template: str,
    title: str,
    tags: Sequence[str] = (),
    search_aliases: Sequence[str] = (),
    *,
    searchable: bool = True,
    **context,
) -> str:
    """A Markdown page: front matter with the HTML-escaped title (and tags), then the template.
    The title begins with a capital ("Oblast de Tver", a name written "oblast de Tver").

    Title and tags are escaped here because Material prints them unescaped. Search aliases
    are names the page answers to in search without showing them; a page that is not
    searchable (a list of pages indexed on their own) stays out of the index
    (build_tools/plugin/search_index.py).
    """
    meta: dict = {"title": html.escape(title[:1].upper() + title[1:], quote=True)}
    if tags:
        meta["tags"] = [html.escape(t, quote=True) for t in tags]
    if search_aliases:
        meta["search_aliases"] = list(search_aliases)
    if not searchable:
        meta["search"] = {"exclude": True}
    front = yaml.safe_dump(meta, allow_unicode=True, width=10_000)
    body = environment().get_template(template).render(**context)
    return f"---\n{front}---\n\n{body}"


def fragment(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
