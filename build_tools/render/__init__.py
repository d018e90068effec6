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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import jinja2
import yaml
from babel.dates import format_date
from unidecode import unidecode

from build_tools.catalogue import KIND_FOLDERS, Catalogue, named_things
from build_tools.charts import chart_svg, small_months_svg
from build_tools.labels import (
    DIRECTIONS,
    FIGURE_LABELS,
    KIND_LABELS,
    PLACE_KIND_LABELS,
    PRECISION_LABELS,
    QUALIFIER_LABELS,
    RELATED_LABELS,
    TARGET_LABELS,
    country_name,
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
)
from build_tools.pagination import (
    BY_LETTER,
    BY_YEAR,
    INDEX_PAGE_LIMIT,
    Part,
    by_letter,
    by_year,
)
from build_tools.render.text import Mention, article_html, evidence_id
from build_tools.stats import INCIDENTS_CSV, statistics

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
    """"Frappe en Russie": where the strike landed, by the country of its primary place."""
    return DIRECTIONS.get(country) or f"Frappe : {country_name(country)}"


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: its special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), text)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("build_tools.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        french_date=french_date, count_text=count_text, month_name=month_name, evidence_id=evidence_id,
        bibtex=bibtex_escape, tag_anchor=tag_anchor,
    )
    env.globals.update(
        QUALIFIER_LABELS=QUALIFIER_LABELS,
        PRECISION_LABELS=PRECISION_LABELS,
        FIGURE_LABELS=FIGURE_LABELS,
        TARGET_LABELS=TARGET_LABELS,
        KIND_LABELS=KIND_LABELS,
        PLACE_KIND_LABELS=PLACE_KIND_LABELS,
        RELATED_LABELS=RELATED_LABELS,
        country_name=country_name,
        INCIDENTS_CSV=INCIDENTS_CSV,
    )
    return env


def page(
    template: str, title: str, tags: list[str] = (), search_aliases: list[str] = (), *, searchable: bool = True, **context,
) -> str:
    """A Markdown page: front matter with the HTML-escaped title (and tags), then the template.

    Title and tags are escaped here because Material prints them unescaped. Search aliases
    are names the page answers to in search without showing them; a page that is not
    searchable (a list of pages indexed on their own) stays out of the index (build_tools/search.py).
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


def render_site(site: Site) -> dict[str, str]:
    """Every generated page and fragment, keyed by its path under docs/."""
    articles = {a.id: a for a in site.articles}
    records = {r.id: r for r in site.records}
    incidents = {i.id: i for i in site.incidents}
    common = {"catalogue": site.catalogue, "records": records, "incidents": incidents}
    files: dict[str, str] = {}

    def with_map(map_file: MapFile | None) -> MapFile | None:
        if map_file is not None:
            files[map_file.path] = map_file.html
        return map_file

    for record in site.records:
        article = articles[record.id]
        text_html = article_html(
            article.text, [(e.start, e.end) for e in record_evidence(record)], entity_mentions(article.text, record, site.catalogue, "../"),
        )
        path = f"articles/{record.id}.md"
        files[path] = page(
            "article.md.j2", record.title,
            article=article, record=record, incident=incidents.get(record.incident or ""), text_html=text_html,
            map=with_map(article_map(record, site.catalogue)), page_path=path, base="../", **common,
        )
    tagged: dict[str, list[str]] = {}
    for incident in site.incidents:
        reports = [records[a] for a in incident.articles]
        tags = tagged[incident.id] = incident_tags(incident, reports)
        path = f"incidents/{incident.id}.md"
        files[path] = page(
            "incident.md.j2", incident.title, tags=tags, search_aliases=incident_aliases(incident, site.catalogue),
            incident=incident, tag_names=tags, reports=reports, mentioned=mentioned_in(reports), quoted=figure_quotes(incident), site_url=site.site_url,
            map=with_map(incident_map(incident, site.catalogue)), page_path=path, base="../", **common,
        )
    files.update(index_pages(
        "incidents", "incidents_index.md.j2", "Incidents", site.incidents,
        lambda items: by_year(items, lambda i: i.date.value if i.date else None), BY_YEAR, common,
    ))
    files.update(index_pages(
        "articles", "articles_index.md.j2", "Articles", sorted(site.records, key=lambda r: (r.published or "", r.id), reverse=True),
        lambda items: by_year(items, lambda r: r.published), BY_YEAR, common,
    ))
    for kind, folder in KIND_FOLDERS.items():
        entries = site.catalogue.entries.get(kind, [])
        files.update(index_pages(
            folder, "entity_index.md.j2", KIND_LABELS[kind][1], entries, lambda items: by_letter(items, lambda e: e.name), BY_LETTER,
            {**common, "kind": kind},
        ))
        for entry in entries:
            path = f"{folder}/{entry.id}.md"
            files[path] = page(
                "entity.md.j2", entry.name, entry=entry, entry_incidents=[incidents[i] for i in entry.incidents],
                map=with_map(place_map(entry)), page_path=path, base="../", **common,
            )
    overview = with_map(overview_map(site.incidents, _date_label))
    tables = statistics(site.incidents)
    files["_fragments/accueil.md"] = fragment(
        "accueil.md.j2", site=site, latest=site.incidents[:LATEST_ON_HOME], date_range=_date_range(site.incidents),
        places=len(site.catalogue.entries.get("place", [])), months_chart=small_months_svg(tables[0]),
        map=overview, page_path="index.md", base="", **common,
    )
    files["_fragments/statistiques.md"] = fragment(
        "statistiques.md.j2", charts=[{"table": t, "svg": chart_svg(t) if t.rows else None} for t in tables], base="", **common,
    )
    files["_fragments/carte.md"] = fragment("carte.md.j2", map=overview, page_path="carte.md", base="", **common)
    files["_fragments/etiquettes.md"] = fragment("etiquettes.md.j2", sections=tag_sections(site.incidents, tagged), base="", **common)
    files["_fragments/chronologie.md"] = fragment("chronologie.md.j2", timeline=timeline(site.incidents), base="", **common)
    return files


def index_pages(
    folder: str, template: str, title: str, items: list, split: Callable[[list], list[Part]], sub_folder: str, context: dict,
) -> dict[str, str]:
    """An index page under folder/, listing the items, or when they are many the parts
    `split` makes, each part on its own page in folder/sub_folder/ (see pagination.py)."""
    if len(items) <= INDEX_PAGE_LIMIT:
        return {f"{folder}/index.md": page(template, title, searchable=False, items=items, parts=None, part=None, base="../", **context)}
    parts = split(items)
    files = {
        f"{folder}/index.md": page(
            template, title, searchable=False, items=None, parts=parts, part=None, sub_folder=sub_folder, base="../", **context,
        ),
    }
    for part in parts:
        files[f"{folder}/{sub_folder}/{part.slug}.md"] = page(
            template, f"{title} — {part.label}", searchable=False, items=part.items, parts=None, part=part, base="../../", **context,
        )
    return files


def _date_label(date: DateValue | None) -> str:
    """An incident's date in a map popup: 1 juillet 2025, juillet 2025 (au mois près)."""
    if date is None:
        return "date inconnue"
    return french_date(date) + (f" ({PRECISION_LABELS[date.precision]})" if date.precision != "day" else "")


def entity_mentions(text: str, record: ArticleRecord, catalogue: Catalogue, base: str) -> list[Mention]:
    """Every place in the text where a spelling of something the record names is written."""
    mentions = []
    for kind, name, spellings, _ in named_things(record):
        entry = catalogue.entry(kind, name)
        written = sorted({s for s in spellings if s.strip()}, key=lambda s: (-len(s), s))
        if entry is None or not written:
            continue
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, written)) + r")(?!\w)")
        href = entry.href(base)
        mentions += [Mention(m.start(), m.end(), f"{kind}:{name}", href) for m in pattern.finditer(text)]
    return mentions


def incident_aliases(incident: Incident, catalogue: Catalogue) -> list[str]:
    """The other names of the incident's places and target, so that "Ijevsk" finds Izhevsk."""
    named = [("place", p.name) for p in incident.primary_places]
    if incident.target and incident.target.name:
        named.append(("target", incident.target.name))
    entries = [e for kind, name in named if (e := catalogue.entry(kind, name)) is not None]
    return sorted({n for e in entries for n in e.names} - {e.name for e in entries})


def tag_anchor(tag: str) -> str:
    """The anchor of a tag's section on Étiquettes: its words in lowercase ASCII. Tags that only
    differ in case, accents or punctuation share a section."""
    return "tag-" + "-".join(re.findall(r"[a-z0-9]+", unidecode(tag).lower()))


@dataclass(frozen=True)
class TagSection:
    anchor: str
    names: list[str]
    incidents: list[Incident]


def tag_sections(incidents: list[Incident], tags: dict[str, list[str]]) -> list[TagSection]:
    """The sections of Étiquettes in tag order, one per anchor, listing the incidents
    (whose tags `tags` gives by incident id) in archive order, each once."""
    names: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, dict[str, Incident]] = defaultdict(dict)
    for incident in incidents:
        for tag in tags[incident.id]:
            names[tag_anchor(tag)].add(tag)
            listed[tag_anchor(tag)][incident.id] = incident
    sections = [TagSection(anchor, sorted(names[anchor]), list(listed[anchor].values())) for anchor in names]
    return sorted(sections, key=lambda section: section.names)


def incident_tags(incident: Incident, reports: list[ArticleRecord]) -> list[str]:
    """Direction (where the strike landed), target type and weapons: the incident's tags, listed on Étiquettes."""
    tags = [direction_label(c) for c in sorted({p.country for p in incident.primary_places if p.country})]
    if incident.target:
        tags.append(f"Cible : {TARGET_LABELS[incident.target.type]}")
    tags += [f"Arme : {w}" for w in sorted({w.name for r in reports for w in r.weapons})]
    return tags


@dataclass(frozen=True)
class Quote:
    """A source sentence of an incident's figures, and the claims it supports."""

    article: str
    evidence: Evidence
    claims: list[tuple[str, Claim]]  # (figure name, claim)


def figure_quotes(incident: Incident) -> list[Quote]:
    """Each sentence that a figure comes from, once, with every claim it supports, in table order."""
    quotes: dict[tuple[str, Evidence], list[tuple[str, Claim]]] = {}
    for name, figure in incident.figures.items():
        for claim in figure.claims:
            if claim.evidence:
                quotes.setdefault((claim.article, claim.evidence[0]), []).append((name, claim))
    return [Quote(article, evidence, claims) for (article, evidence), claims in quotes.items()]


def mentioned_in(reports: list[ArticleRecord]) -> dict[str, list[str]]:
    """The people, organisations and weapons the reports name, by kind, each once."""
    found: dict[str, list[str]] = {"person": [], "organisation": [], "weapon": []}
    for record in reports:
        for kind, name, _, _ in named_things(record):
            if kind in found and name not in found[kind]:
                found[kind].append(name)
    return found


def record_evidence(record: ArticleRecord) -> list[Evidence]:
    """Every evidence sentence of a record, once each, in text order."""
    found: list[Evidence] = []
    found += record.date.evidence if record.date else []
    for items in (record.places, record.weapons, record.people, record.organisations, record.other_events):
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
