"""Render the archive's Markdown pages and page fragments from plain records.

`render_site` returns every generated file as {path under docs/: content}; it writes
nothing. Pages are Jinja2 templates in `render/templates/`, autoescaped: every corpus
string reaches the page HTML-escaped, inside HTML blocks that Markdown leaves alone.
"""

from __future__ import annotations

import datetime
import html
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import jinja2
import yaml
from babel.dates import format_date

from build_tools.model import Article, ArticleRecord, Count, DateValue, Evidence, Incident
from build_tools.render.text import article_html, evidence_id

QUALIFIER_LABELS = {
    "at_least": "au moins",
    "about": "environ",
    "at_most": "au plus",
    "several": "plusieurs",
    "unspecified": "non chiffré",
}
PRECISION_LABELS = {"day": "au jour près", "month": "au mois près", "year": "à l'année près"}
FIGURE_LABELS = {
    "killed": "Tués",
    "injured": "Blessés",
    "hospitalised": "Hospitalisés",
    "drones_launched": "Drones lancés",
    "drones_downed": "Drones abattus",
    "drones_hit": "Drones ayant atteint leur cible",
}
TARGET_LABELS = {
    "arms_factory": "usine d'armement",
    "ammunition_depot": "dépôt de munitions",
    "refinery": "raffinerie",
    "oil_depot": "dépôt pétrolier",
    "energy": "infrastructure énergétique",
    "airfield": "aérodrome",
    "military_base": "base militaire",
    "port": "port",
    "residential": "habitations",
    "civilian_infrastructure": "infrastructure civile",
    "government": "bâtiment officiel",
    "other": "autre",
}
LATEST_ON_HOME = 10


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from."""

    articles: list[Article]
    records: list[ArticleRecord]
    incidents: list[Incident]


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
    )
    env.globals.update(
        QUALIFIER_LABELS=QUALIFIER_LABELS,
        PRECISION_LABELS=PRECISION_LABELS,
        FIGURE_LABELS=FIGURE_LABELS,
        TARGET_LABELS=TARGET_LABELS,
    )
    return env


def page(template: str, title: str, **context) -> str:
    """A Markdown page: front matter with the HTML-escaped title, then the rendered template.

    The title is escaped here because Material prints `page.title` unescaped in places.
    """
    front = yaml.safe_dump({"title": html.escape(title, quote=True)}, allow_unicode=True, width=10_000)
    body = environment().get_template(template).render(**context)
    return f"---\n{front}---\n\n{body}"


def fragment(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def render_site(site: Site) -> dict[str, str]:
    """Every generated page and fragment, keyed by its path under docs/."""
    articles = {a.id: a for a in site.articles}
    records = {r.id: r for r in site.records}
    incidents = {i.id: i for i in site.incidents}
    files: dict[str, str] = {}
    for record in site.records:
        article = articles[record.id]
        files[f"articles/{record.id}.md"] = page(
            "article.md.j2", record.title,
            article=article, record=record, incident=incidents.get(record.incident or ""),
            text_html=article_html(article.text, [(e.start, e.end) for e in record_evidence(record)]), base="../",
        )
    for incident in site.incidents:
        files[f"incidents/{incident.id}.md"] = page(
            "incident.md.j2", incident.title,
            incident=incident, reports=[records[a] for a in incident.articles], base="../",
        )
    files["incidents/index.md"] = page("incidents_index.md.j2", "Incidents", incidents=site.incidents, base="../")
    files["articles/index.md"] = page(
        "articles_index.md.j2", "Articles", records=sorted(site.records, key=lambda r: (r.published or "", r.id), reverse=True), base="../",
    )
    files["_fragments/accueil.md"] = fragment(
        "accueil.md.j2", site=site, latest=site.incidents[:LATEST_ON_HOME],
        date_range=_date_range(site.incidents), base="",
    )
    files["_fragments/chronologie.md"] = fragment("chronologie.md.j2", timeline=timeline(site.incidents), base="")
    return files


def record_evidence(record: ArticleRecord) -> list[Evidence]:
    """Every evidence sentence of a record, once each, in text order."""
    found: list[Evidence] = []
    found += record.date.evidence if record.date else []
    for items in (record.places, record.weapons, record.people, record.organisations, record.other_events):
        for item in items:
            found += item.evidence
    for count in (record.killed, record.injured, record.hospitalised, record.drones.launched, record.drones.downed, record.drones.hit):
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
