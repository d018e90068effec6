"""What the templates show, computed from records and incidents: an incident's tags and
quotes, the mentions to link in an article, the timeline, the tags' pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

from build_tools.catalogue import Catalogue, Entry, named_things
from build_tools.folding import fold
from build_tools.labels import (
    TARGET_LABELS,
)
from build_tools.model import (
    FIGURE_NAMES,
    ArticleRecord,
    Claim,
    DateValue,
    Evidence,
    Incident,
    Weapon,
)
from build_tools.pagination import (
    Part,
    by_year,
)
from build_tools.render.environment import date_qualifier, direction_label, french_date, tag_slug
from build_tools.render.text import EntityLink


@dataclass(frozen=True)
class PartLink:
    """A part of an index as the index of parts lists it."""

    slug: str
    label: str
    count: int


def incidents_by_year(incidents: list[Incident]) -> list[Part[Incident]]:
    return by_year(incidents, lambda i: i.date.value if i.date else None)


def map_date_label(date: DateValue | None) -> str:
    """An incident's date in a map popup: 1er juillet 2025, juillet 2025, au mois près."""
    if date is None:
        return "date inconnue"
    qualifier = date_qualifier(date)
    return french_date(date) + (f", {qualifier}" if qualifier else "")


def date_range(incidents: list[Incident]) -> tuple[str, str] | None:
    dates = sorted(i.date.value for i in incidents if i.date)
    return (dates[0], dates[-1]) if dates else None


def entity_mentions(
    text: str, record: ArticleRecord, catalogue: Catalogue, base: str
) -> list[EntityLink]:
    """Every place in the text where a spelling of something the record names is written
    as a whole word (of one thing's spellings, the longest where two overlap). Every
    spelling is looked for in one pass over the text, not in one pass per thing named: a
    long text naming many things took minutes."""
    things: list[tuple[str, str]] = []  # (kind:name, href)
    owners: dict[str, list[int]] = {}  # spelling → the things written so
    for kind, name, spellings, _ in named_things(record):
        entry = catalogue.entry(kind, name)
        written = {s for s in spellings if s.strip()}
        if entry is None or not written:
            continue
        for spelling in written:
            owners.setdefault(spelling, []).append(len(things))
        things.append((f"{kind}:{name}", entry.href(base)))
    if not owners:
        return []
    automaton = ahocorasick.Automaton()
    for spelling, numbers in owners.items():
        automaton.add_word(spelling, (len(spelling), numbers))
    automaton.make_automaton()
    spans: list[list[tuple[int, int]]] = [[] for _ in things]
    for last, (length, numbers) in automaton.iter(text):
        start, end = last + 1 - length, last + 1
        if _a_whole_word(text, start, end):
            for number in numbers:
                spans[number].append((start, end))
    return [
        EntityLink(start, end, key, href)
        for (key, href), found in zip(things, spans, strict=True)
        for start, end in _left_first(found)
    ]


def _a_whole_word(text: str, start: int, end: int) -> bool:
    """No letter, digit or underscore (a regex's \\w) touches the span on either side."""
    return not (start > 0 and _word_character(text[start - 1])) and not (
        end < len(text) and _word_character(text[end])
    )


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _left_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans a regex search would find one after another: from the left, the longest
    where several start together, none overlapping the one before."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def incident_aliases(incident: Incident, catalogue: Catalogue) -> list[str]:
    """The other names of the incident's places and target, folded, so that "Izhevsk" finds
    Ijevsk (search folds case and accents too)."""
    named = [("place", p.name) for p in incident.primary_places]
    if incident.target and incident.target.name:
        named.append(("target", incident.target.name))
    entries = _entries(named, catalogue)
    return sorted({n for e in entries for n in e.folded_names} - {fold(e.name) for e in entries})


def article_aliases(record: ArticleRecord, catalogue: Catalogue) -> list[str]:
    """The names of everything the article names, folded, but for the spellings its text
    uses, so that "Ijevsk" finds an article that writes "Izhevsk"."""
    named = list(named_things(record))
    entries = _entries([(kind, name) for kind, name, _, _ in named], catalogue)
    written = {fold(spelling) for _, _, spellings, _ in named for spelling in spellings}
    return sorted({n for e in entries for n in e.folded_names} - written)


def _entries(named: list[tuple[str, str]], catalogue: Catalogue) -> list[Entry]:
    """The catalogue's entries of (kind, name) pairs, those it has."""
    return [e for kind, name in named if (e := catalogue.entry(kind, name)) is not None]


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


def value_evidence(record: ArticleRecord) -> list[Evidence]:
    """The sentences that give one of the record's values (its date, a figure, the target
    where it is first named): the ones an article page highlights."""
    found: list[Evidence] = list(record.date.evidence) if record.date else []
    for count in (record.figure(name) for name in FIGURE_NAMES):
        found += count.evidence if count else []
    found += record.target.evidence[:1] if record.target else []
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
