"""Render the archive's Markdown pages and page fragments from plain records.

`render_site` returns every generated file as {path under docs/: content}; it writes
nothing. Pages are Jinja2 templates in `render/templates/`, autoescaped: every corpus
string reaches the page HTML-escaped, inside HTML blocks that Markdown leaves alone.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import jinja2
import yaml
from babel.dates import format_date
from markdown.extensions.toc import slugify as toc_slugify
from unidecode import unidecode

from build_tools import urls
from build_tools.catalogue import Catalogue, Entry, named_things
from build_tools.charts import chart_svg, small_months_svg
from build_tools.errors import BuildError, raised_at
from build_tools.incremental.call import Call, apply
from build_tools.incremental.folders import template_cache
from build_tools.labels import (
    DIRECTIONS,
    FIGURE_LABELS,
    KIND_LABELS,
    PLACE_KIND_LABELS,
    PRECISION_LABELS,
    QUALIFIER_LABELS,
    RELATED_LABELS,
    SCOPE_LABELS,
    TARGET_LABELS,
    country_name,
    selon,
)
from build_tools.maps import MapFile, article_map, incident_map, overview_map, place_map
from build_tools.model import (
    FIGURE_NAMES,
    Article,
    ArticleRecord,
    Claim,
    Count,
    DateValue,
    Evidence,
    Incident,
    Weapon,
)
from build_tools.pagination import (
    INDEX_PAGE_LIMIT,
    Part,
    by_letter,
    by_year,
)
from build_tools.render.text import Mention, article_html, evidence_id
from build_tools.stats import Table, statistics

LATEST_ON_HOME = 10
#: The folder of the tags' pages; Étiquettes (etiquettes.md) lists them.


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from."""

    articles: list[Article]
    records: list[ArticleRecord]
    incidents: list[Incident]
    catalogue: Catalogue = field(default_factory=lambda: Catalogue({}))
    site_url: str | None = None
    site_zip: str | None = None  # the offline download's file name, when the build makes one


def french_date(value: DateValue | str | None) -> str:
    """A date as a French reader writes it, to its precision: 1 juillet 2025, juillet 2025, 2025."""
    if value is None:
        return "date inconnue"
    iso = value.value if isinstance(value, DateValue) else value
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return format_date(datetime.date(*parts), "d MMMM y", locale="fr")
    if len(parts) == 2:
        return format_date(datetime.date(parts[0], parts[1], 1), "LLLL y", locale="fr")
    return str(parts[0])


def month_name(year_month: str) -> str:
    year, month = (int(p) for p in year_month.split("-"))
    return format_date(datetime.date(year, month, 1), "LLLL", locale="fr")


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


def direction_label(country: str) -> str:
    """ "Frappe en Russie": where the strike landed, by the country of its primary place."""
    return DIRECTIONS.get(country) or f"Frappe : {country_name(country)}"


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: its special characters escaped."""
    return _BIBTEX_SPECIAL.sub(
        lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), text
    )


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
        count_text=count_text,
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
        country_name=country_name,
        urls=urls,
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

    Title and tags are escaped here because Material prints them unescaped. Search aliases
    are names the page answers to in search without showing them; a page that is not
    searchable (a list of pages indexed on their own) stays out of the index
    (build_tools/search.py).
    """
    meta: dict = {"title": html.escape(title, quote=True)}
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


#: A page function: `make(path, *inputs, common)` gives the page's files by path, where
#: `common` holds what every page may look up (`Lookups.common`).
PageFunction = Callable[..., dict[str, str]]


@dataclass(frozen=True)
class Lookups:
    """What pages look up besides their inputs: catalogue entries, records and incidents by id."""

    catalogue: Catalogue
    records: dict[str, ArticleRecord]
    incidents: dict[str, Incident]

    def common(self) -> dict:
        return {"catalogue": self.catalogue, "records": self.records, "incidents": self.incidents}


def make_page(path: str, lookups: Lookups, make: PageFunction, inputs: tuple) -> dict[str, str]:
    """The files of the page at path: `make(path, *inputs, common)`. The build's incremental
    layer passes one of its own, which reuses pages of the previous build (incremental/pages.py)."""
    return make(path, *inputs, lookups.common())


def render_site(
    site: Site, *, call: Call = apply, page_maker: Callable = make_page
) -> dict[str, str]:
    """Every generated page and fragment, keyed by its path under docs/: each page made by
    `page_maker`, each chart through `call`."""
    articles = {a.id: a for a in site.articles}
    incidents = {i.id: i for i in site.incidents}
    shared = Lookups(site.catalogue, {r.id: r for r in site.records}, incidents)
    files: dict[str, str] = {}

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
    overview = overview_map(site.incidents, _date_label)
    files[overview.path] = overview.html
    tables = statistics(site.incidents)
    add(
        urls.fragment("accueil"),
        accueil_fragment,
        site.incidents,
        len(site.records),
        len(site.catalogue.entries.get("place", [])),
        call(small_months_svg, tables[0]),
        overview,
        site.site_zip,
    )
    add(
        urls.fragment("statistiques"),
        statistiques_fragment,
        [(t, call(chart_svg, t) if t.rows else None) for t in tables],
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
    )
    map_file = article_map(record, catalogue)
    return _with_map(
        {
            path: page(
                "article.md.j2",
                record.title,
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
    map_file = incident_map(incident, common["catalogue"])
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
    map_file = place_map(entry)
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
    `split` makes, each part on its own page in folder/sub_folder/ (see pagination.py).
    The index of parts gets each part's slug, label and count, not its items: it is
    rendered again only when a count changes."""
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
        [(p.slug, p.label, len(p.items)) for p in parts],
    )
    for part in parts:
        add(
            urls.source(urls.part(folder, sub_folder, part.slug)),
            index_page,
            template,
            title,
            kind,
            part.items,
            (part.slug, part.label, part.months),
        )


def index_page(
    path: str,
    template: str,
    title: str,
    kind: str | None,
    items: list,
    part: tuple[str, str, list] | None,
    common: dict,
) -> dict[str, str]:
    """An index listing items: the whole index, or one part of it, given by its slug, label
    and months (not as a Part: the digest of a tuple of lists is made of the digests of
    their items, which are computed once, where a Part's would be made of its whole `repr`)."""
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
    slug, label, months = part
    return {
        path: page(
            template,
            f"{title} — {label}",
            searchable=False,
            items=items,
            parts=None,
            part=Part(slug, label, items, months),
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
    parts: list[tuple[str, str, int]],
    common: dict,
) -> dict[str, str]:
    """An index listing its parts, (slug, label, number of items) each."""
    return {
        path: page(
            template,
            title,
            searchable=False,
            items=None,
            parts=[PartLink(*p) for p in parts],
            part=None,
            sub_folder=sub_folder,
            base=urls.base_of(path),
            kind=kind,
            **common,
        )
    }


def incidents_by_year(incidents: list[Incident]) -> list[Part[Incident]]:
    return by_year(incidents, lambda i: i.date.value if i.date else None)


@dataclass(frozen=True)
class PartLink:
    """A part of an index as the index of parts lists it."""

    slug: str
    label: str
    count: int


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
            date_range=_date_range(incidents),
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
    year, each month with its count and a link to its section of the year's index page."""
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


def _date_label(date: DateValue | None) -> str:
    """An incident's date in a map popup: 1 juillet 2025, juillet 2025 (au mois près)."""
    if date is None:
        return "date inconnue"
    return french_date(date) + (
        f" ({PRECISION_LABELS[date.precision]})" if date.precision != "day" else ""
    )


def entity_mentions(
    text: str, record: ArticleRecord, catalogue: Catalogue, base: str
) -> list[Mention]:
    """Every place in the text where a spelling of something the record names is written."""
    mentions = []
    for kind, name, spellings, _ in named_things(record):
        entry = catalogue.entry(kind, name)
        written = sorted({s for s in spellings if s.strip()}, key=lambda s: (-len(s), s))
        if entry is None or not written:
            continue
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, written)) + r")(?!\w)")
        href = entry.href(base)
        mentions += [
            Mention(m.start(), m.end(), f"{kind}:{name}", href) for m in pattern.finditer(text)
        ]
    return mentions


def incident_aliases(incident: Incident, catalogue: Catalogue) -> list[str]:
    """The other names of the incident's places and target, so that "Ijevsk" finds Izhevsk."""
    named = [("place", p.name) for p in incident.primary_places]
    if incident.target and incident.target.name:
        named.append(("target", incident.target.name))
    entries = [e for kind, name in named if (e := catalogue.entry(kind, name)) is not None]
    return sorted({n for e in entries for n in e.names} - {e.name for e in entries})


def heading_id(text: str) -> str:
    """The id MkDocs (Python-Markdown's toc) gives a heading of that text."""
    return toc_slugify(text, "-")


def tag_slug(tag: str) -> str:
    """The folder of a tag's page under etiquettes/: its words in lowercase ASCII. Tags that
    only differ in case, accents or punctuation share a page."""
    return "-".join(re.findall(r"[a-z0-9]+", unidecode(tag).lower()))


@dataclass(frozen=True)
class TagSection:
    """A tag's page: its folder, the tag's spellings, its incidents."""

    slug: str
    names: list[str]
    incidents: list[Incident]

    @property
    def title(self) -> str:
        return " / ".join(self.names)


def tag_sections(incidents: list[Incident], tags: dict[str, list[str]]) -> list[TagSection]:
    """The tags' pages in tag order, one per slug, listing the incidents (whose tags `tags`
    gives by incident id) in archive order, each once."""
    names: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, dict[str, Incident]] = defaultdict(dict)
    for incident in incidents:
        for tag in tags[incident.id]:
            names[tag_slug(tag)].add(tag)
            listed[tag_slug(tag)][incident.id] = incident
    sections = [
        TagSection(slug, sorted(names[slug]), list(listed[slug].values())) for slug in names
    ]
    return sorted(sections, key=lambda section: section.names)


def incidents_tags(
    incidents: list[Incident], records: dict[str, ArticleRecord]
) -> dict[str, list[str]]:
    """Each incident's tags, by incident id."""
    return {i.id: incident_tags(i, [records[a] for a in i.articles]) for i in incidents}


def incident_tags(incident: Incident, reports: list[ArticleRecord]) -> list[str]:
    """Direction (where the strike landed), target type and weapons: the incident's tags,
    listed on Étiquettes."""
    tags = [
        direction_label(c)
        for c in sorted({p.country for p in incident.primary_places if p.country})
    ]
    if incident.target:
        tags.append(f"Cible : {TARGET_LABELS[incident.target.type]}")
    tags += [
        f"Arme : {w}"
        for w in sorted({w.name for r in reports for w in r.weapons if w.role == "used"})
    ]
    return tags


@dataclass(frozen=True)
class Quote:
    """A source sentence of an incident's figures, and the claims it supports."""

    article: str
    evidence: Evidence
    claims: list[tuple[str, Claim]]  # (figure name, claim)


def figure_quotes(incident: Incident) -> list[Quote]:
    """Each sentence that a figure comes from, once, with every claim it supports,
    in table order."""
    quotes: dict[tuple[str, Evidence], list[tuple[str, Claim]]] = {}
    for name, figure in incident.figures.items():
        for claim in figure.claims:
            if claim.evidence:
                quotes.setdefault((claim.article, claim.evidence[0]), []).append((name, claim))
    return [Quote(article, evidence, claims) for (article, evidence), claims in quotes.items()]


def mentioned_in(reports: list[ArticleRecord]) -> dict[str, list[str]]:
    """The people, organisations and weapons the reports name, by kind, each once; of the
    weapons, those used in the event (not what a factory makes or a depot holds)."""
    found: dict[str, list[str]] = {"person": [], "organisation": [], "weapon": []}
    for record in reports:
        for kind, name, _, item in named_things(record):
            if isinstance(item, Weapon) and item.role != "used":
                continue
            if kind in found and name not in found[kind]:
                found[kind].append(name)
    return found


def record_evidence(record: ArticleRecord) -> list[Evidence]:
    """Every evidence sentence of a record, once each, in text order."""
    found: list[Evidence] = []
    found += record.date.evidence if record.date else []
    for items in (
        record.places,
        record.weapons,
        record.people,
        record.organisations,
        record.other_events,
    ):
        for item in items:
            found += item.evidence
    for count in (record.figure(name) for name in FIGURE_NAMES):
        found += count.evidence if count else []
        found += [e for share in getattr(count, "breakdown", []) for e in share.evidence]
    found += record.target.evidence if record.target else []
    return sorted(set(found), key=lambda e: (e.start, e.end))


def timeline(incidents: list[Incident]) -> dict:
    """Incidents by year, then by month (None: known to the year only); undated under None.

    An incident known to the month is listed under its month, never on its 1st.
    """
    years: dict = defaultdict(lambda: defaultdict(list))
    for incident in incidents:
        if incident.date is None:
            years[None][None].append(incident)
            continue
        iso = incident.date.value
        month = iso[:7] if len(iso) >= 7 else None
        years[iso[:4]][month].append(incident)
    ordered = {}
    for year in sorted((y for y in years if y), reverse=True):
        months = years[year]
        ordered[year] = {m: months[m] for m in sorted((m for m in months if m), reverse=True)}
        if None in months:
            ordered[year][None] = months[None]
    if None in years:
        ordered[None] = {None: years[None][None]}
    return ordered


def _date_range(incidents: list[Incident]) -> tuple[str, str] | None:
    dates = sorted(i.date.value for i in incidents if i.date)
    return (dates[0], dates[-1]) if dates else None
