"""Every generated page and fragment, from plain records: `render_site` returns them as
{path under docs/: content} and writes nothing.

Each page is made by a page function `make(path, *inputs, common)` through a page maker,
so that the build's incremental layer can hand back a page of the previous build when its
inputs are the same (incremental/page_reuse.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from build_tools import urls
from build_tools.catalogue import Catalogue, Entry
from build_tools.errors import BuildError, raised_at
from build_tools.incremental.call import Call, apply
from build_tools.labels import (
    KIND_LABELS,
)
from build_tools.maps import (
    MapFile,
    Skeletons,
    article_map,
    incident_map,
    map_skeletons,
    overview_map,
    place_map,
)
from build_tools.model import (
    Article,
    ArticleRecord,
    Incident,
)
from build_tools.pagination import (
    INDEX_PAGE_LIMIT,
    Part,
    by_letter,
    by_year,
    month_parts,
)
from build_tools.render.charts import page_chart, page_small_months
from build_tools.render.environment import fragment, month_label, page
from build_tools.render.text import article_html
from build_tools.render.views import (
    PartLink,
    article_aliases,
    date_range,
    entity_mentions,
    figure_quotes,
    incident_aliases,
    incident_tags,
    incidents_by_year,
    incidents_tags,
    map_date_label,
    mentioned_in,
    record_evidence,
    tag_sections,
    timeline,
    value_evidence,
)
from build_tools.stats import Table, statistics

LATEST_ON_HOME = 10


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from."""

    articles: list[Article]
    records: list[ArticleRecord]
    incidents: list[Incident]
    catalogue: Catalogue = field(default_factory=lambda: Catalogue({}))
    site_url: str | None = None
    site_zip: str | None = None  # the offline download's file name, when the build makes one


#: A page function: `make(path, *inputs, common)` gives the page's files by path, where
#: `common` holds what every page may look up (`Lookups.common`).
PageFunction = Callable[..., dict[str, str]]


@dataclass(frozen=True)
class Lookups:
    """What pages look up besides their inputs: catalogue entries, records and incidents by
    id; and the skeletons their maps are drawn from, which depend on nothing but code."""

    catalogue: Catalogue
    records: dict[str, ArticleRecord]
    incidents: dict[str, Incident]
    map_skeletons: Skeletons = field(default_factory=dict)

    def common(self) -> dict:
        return {
            "catalogue": self.catalogue,
            "records": self.records,
            "incidents": self.incidents,
            "map_skeletons": self.map_skeletons,
        }


def make_page(path: str, lookups: Lookups, make: PageFunction, inputs: tuple) -> dict[str, str]:
    """The files of the page at path: `make(path, *inputs, common)`. The build's incremental
    layer passes one of its own, which reuses pages of the previous build
    (incremental/page_reuse.py)."""
    return make(path, *inputs, lookups.common())


def render_site(
    site: Site, *, call: Call = apply, page_maker: Callable = make_page
) -> dict[str, str | Callable[[], str]]:
    """Every generated page and fragment, keyed by its path under docs/: each page made by
    `page_maker` (which may give a file as a function that makes it), each chart and the
    map skeletons through `call`."""
    articles = {a.id: a for a in site.articles}
    incidents = {i.id: i for i in site.incidents}
    skeletons = call(map_skeletons)
    shared = Lookups(site.catalogue, {r.id: r for r in site.records}, incidents, skeletons)
    files: dict[str, str | Callable[[], str]] = {}

    def add(path: str, make: PageFunction, *inputs) -> None:
        try:
            files.update(page_maker(path, shared, make, inputs))
        except Exception as error:  # a bug in a page function or a template: say which page
            raise BuildError(
                f"page {path}: {type(error).__name__}: {error}{raised_at(error)}"
            ) from error

    for record in site.records:
        add(urls.source(urls.article(record.id)), article_page, articles[record.id], record)
    for incident in site.incidents:
        add(urls.source(urls.incident(incident.id)), incident_page, incident, site.site_url)
    add_index_pages(
        add,
        urls.INCIDENTS,
        "incidents_index.md.j2",
        "Incidents",
        site.incidents,
        incidents_by_year,
        urls.BY_YEAR,
    )
    add_index_pages(
        add,
        urls.ARTICLES,
        "articles_index.md.j2",
        "Articles",
        sorted(site.records, key=lambda r: (r.published or "", r.id), reverse=True),
        lambda items: by_year(items, lambda r: r.published),
        urls.BY_YEAR,
    )
    for kind, folder in urls.KIND_FOLDERS.items():
        entries = site.catalogue.entries.get(kind, [])
        add_index_pages(
            add,
            folder,
            "entity_index.md.j2",
            KIND_LABELS[kind][1],
            entries,
            lambda items: by_letter(items, lambda e: e.name),
            urls.BY_LETTER,
            kind,
        )
        for entry in entries:
            add(urls.source(urls.entry(kind, entry.id)), entity_page, entry)
    overview = overview_map(site.incidents, map_date_label, skeletons)
    files[overview.path] = overview.html
    tables = statistics(site.incidents)
    add(
        urls.fragment("accueil"),
        accueil_fragment,
        site.incidents,
        len(site.records),
        len(site.catalogue.entries.get("place", [])),
        call(page_small_months, tables[0]),
        overview,
        site.site_zip,
    )
    add(
        urls.fragment("statistiques"),
        statistiques_fragment,
        [(t, call(page_chart, t) if t.rows else None) for t in tables],
    )
    add(urls.fragment("carte"), carte_fragment, overview)
    add(urls.fragment("chronologie"), chronologie_fragment, site.incidents)
    sections = tag_sections(site.incidents, incidents_tags(site.incidents, shared.records))
    for section in sections:
        add_index_pages(
            add,
            urls.tag_folder(section.slug),
            "incidents_index.md.j2",
            section.title,
            section.incidents,
            incidents_by_year,
            urls.BY_YEAR,
            "tag",
        )
    add(
        urls.fragment("etiquettes"),
        etiquettes_fragment,
        [(s.slug, s.names, len(s.incidents)) for s in sections],
    )
    return files


def redirect_page(old_id: str, new_id: str | None) -> str:
    """The page left at a published incident's address when the incident moved (merged,
    split, re-dated): it sends the reader on to the incident that holds its articles now,
    or, when none does, to the list of incidents; a link says so without script."""
    target = f"{new_id}.html" if new_id else "index.html"
    what = f"l'incident <code>{html.escape(new_id)}</code>" if new_id else "la liste des incidents"
    return (
        '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">\n'
        f'<link rel="canonical" href="{html.escape(target)}">\n'
        f"<title>Incident déplacé : {html.escape(old_id)}</title>\n</head>\n<body>\n"
        f"<p>L'incident <code>{html.escape(old_id)}</code> a changé d'adresse : voir "
        f'<a href="{html.escape(target)}">{what}</a>.</p>\n</body>\n</html>\n'
    )


def _with_map(files: dict[str, str], map_file: MapFile | None) -> dict[str, str]:
    return files if map_file is None else {**files, map_file.path: map_file.html}


def article_page(
    path: str, article: Article, record: ArticleRecord, common: dict
) -> dict[str, str]:
    """An article's page and its map."""
    catalogue = common["catalogue"]
    text_html = article_html(
        article.text,
        [(e.start, e.end) for e in record_evidence(record)],
        entity_mentions(article.text, record, catalogue, urls.base_of(path)),
        [(e.start, e.end) for e in value_evidence(record)],
    )
    map_file = article_map(record, catalogue, common["map_skeletons"])
    return _with_map(
        {
            path: page(
                "article.md.j2",
                record.title,
                search_aliases=article_aliases(record, catalogue),
                article=article,
                record=record,
                incident=common["incidents"].get(record.incident or ""),
                text_html=text_html,
                map=map_file,
                page_path=path,
                base=urls.base_of(path),
                **common,
            )
        },
        map_file,
    )


def incident_page(
    path: str, incident: Incident, site_url: str | None, common: dict
) -> dict[str, str]:
    """An incident's page and its map."""
    reports = [common["records"][a] for a in incident.articles]
    map_file = incident_map(incident, common["catalogue"], common["map_skeletons"])
    tags = incident_tags(incident, reports)
    return _with_map(
        {
            path: page(
                "incident.md.j2",
                incident.title,
                tags=tags,
                search_aliases=incident_aliases(incident, common["catalogue"]),
                incident=incident,
                tag_names=tags,
                reports=reports,
                mentioned=mentioned_in(reports),
                quoted=figure_quotes(incident),
                site_url=site_url,
                map=map_file,
                page_path=path,
                base=urls.base_of(path),
                **common,
            )
        },
        map_file,
    )


def entity_page(path: str, entry: Entry, common: dict) -> dict[str, str]:
    """The page of a place, person, organisation, weapon or target, and a place's map."""
    map_file = place_map(entry, common["map_skeletons"])
    return _with_map(
        {
            path: page(
                "entity.md.j2",
                entry.name,
                entry=entry,
                entry_incidents=[common["incidents"][i] for i in entry.incidents],
                map=map_file,
                page_path=path,
                base=urls.base_of(path),
                **common,
            )
        },
        map_file,
    )


def add_index_pages(
    add: Callable[..., None],
    folder: str,
    template: str,
    title: str,
    items: list,
    split: Callable[[list], list[Part]],
    sub_folder: str,
    kind: str | None = None,
) -> None:
    """An index page under folder/, listing the items, or when they are many the parts
    `split` makes, each part on its own page in folder/sub_folder/, and the months of a
    long year each on its own page there too (see pagination.py). An index of parts gets
    each part's slug, label and count, not its items: it is rendered again only when a
    count changes."""
    if len(items) <= INDEX_PAGE_LIMIT:
        add(urls.source(urls.index(folder)), index_page, template, title, kind, items, None)
        return
    parts = split(items)
    add(
        urls.source(urls.index(folder)),
        parts_page,
        template,
        title,
        kind,
        sub_folder,
        None,
        [(p.slug, p.label, len(p.items)) for p in parts],
    )
    for part in parts:
        path = urls.source(urls.part(folder, sub_folder, part.slug))
        months = month_parts(part, partial(month_label, part.label))
        if not months:
            add(
                path,
                index_page,
                template,
                title,
                kind,
                part.items,
                (part.slug, part.label, part.months, None),
            )
            continue
        add(
            path,
            parts_page,
            template,
            title,
            kind,
            ".",
            (part.slug, part.label),
            [(m.slug, m.label, len(m.items)) for m in months],
        )
        for month in months:
            add(
                urls.source(urls.part(folder, sub_folder, month.slug)),
                index_page,
                template,
                title,
                kind,
                month.items,
                (month.slug, month.label, [], month.year),
            )


def index_page(
    path: str,
    template: str,
    title: str,
    kind: str | None,
    items: list,
    part: tuple[str, str, list, tuple[str, str] | None] | None,
    common: dict,
) -> dict[str, str]:
    """An index listing items: the whole index, or one part of it, given by its slug, label,
    months and, for a month's page, year (not as a Part: the digest of a tuple of lists is
    made of the digests of their items, which are computed once, where a Part's would be
    made of its whole `repr`)."""
    if part is None:
        return {
            path: page(
                template,
                title,
                searchable=False,
                items=items,
                parts=None,
                part=None,
                base=urls.base_of(path),
                kind=kind,
                **common,
            )
        }
    slug, label, months, year = part
    return {
        path: page(
            template,
            f"{title} — {label}",
            searchable=False,
            items=items,
            parts=None,
            part=Part(slug, label, items, months, year),
            base=urls.base_of(path),
            kind=kind,
            **common,
        )
    }


def parts_page(
    path: str,
    template: str,
    title: str,
    kind: str | None,
    sub_folder: str,
    part: tuple[str, str] | None,
    parts: list[tuple[str, str, int]],
    common: dict,
) -> dict[str, str]:
    """An index listing its parts, (slug, label, number of items) each, in `sub_folder`
    ("." for the months of a year, whose `part` is then its slug and label)."""
    return {
        path: page(
            template,
            f"{title} — {part[1]}" if part else title,
            searchable=False,
            items=None,
            parts=[PartLink(*p) for p in parts],
            part=Part(*part, []) if part else None,
            sub_folder=sub_folder,
            base=urls.base_of(path),
            kind=kind,
            **common,
        )
    }


def accueil_fragment(
    path: str,
    incidents: list[Incident],
    articles: int,
    places: int,
    months_chart: str,
    overview: MapFile,
    site_zip: str | None,
    common: dict,
) -> dict[str, str]:
    return {
        path: fragment(
            "accueil.md.j2",
            incident_count=len(incidents),
            article_count=articles,
            site_zip=site_zip,
            latest=incidents[:LATEST_ON_HOME],
            date_range=date_range(incidents),
            places=places,
            months_chart=months_chart,
            map=overview,
            page_path=urls.source(urls.HOME),
            base="",
            **common,
        )
    }


def statistiques_fragment(
    path: str, charts: list[tuple[Table, str | None]], common: dict
) -> dict[str, str]:
    return {
        path: fragment(
            "statistiques.md.j2",
            charts=[{"table": t, "svg": svg} for t, svg in charts],
            base="",
            **common,
        )
    }


def carte_fragment(path: str, overview: MapFile, common: dict) -> dict[str, str]:
    return {
        path: fragment(
            "carte.md.j2", map=overview, page_path=urls.source(urls.MAP_PAGE), base="", **common
        )
    }


def chronologie_fragment(path: str, incidents: list[Incident], common: dict) -> dict[str, str]:
    """Chronologie: the incidents by year and month; when the incidents index is split by
    year, each month with its count and a link to its section of the year's index page,
    or to its own page when the year has a page per month."""
    by_month_only = len(incidents) > INDEX_PAGE_LIMIT
    return {
        path: fragment(
            "chronologie.md.j2",
            timeline=timeline(incidents),
            by_month_only=by_month_only,
            base="",
            **common,
        )
    }


def etiquettes_fragment(
    path: str, tags: list[tuple[str, list[str], int]], common: dict
) -> dict[str, str]:
    """Étiquettes: each tag (slug, spellings, number of incidents) and a link to its page."""
    return {path: fragment("etiquettes.md.j2", tags=tags, base="", **common)}
