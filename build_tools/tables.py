"""The archive as tidy tables, for researchers' own tools: one row per article, incident,
claim, thing named and mention, each column typed and described.

The tables are the one description that the SQLite database (`database.py`), the CSV files
with their Frictionless data package (`datapackage.py`) and the Datasette metadata share,
so that a column means the same in each. Rows are tuples in the columns' order, sorted, so
that the same corpus gives the same files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from build_tools import urls
from build_tools.catalogue import Entry, named_things
from build_tools.labels import FIGURE_LABELS
from build_tools.model import (
    FIGURE_NAMES,
    QUALIFIERS,
    SCOPES,
    Article,
    ArticleRecord,
    Claim,
    Incident,
)

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.fr"
#: Frictionless field types, and how SQLite stores each (an array as its JSON text).
SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "array": "TEXT",
}


@dataclass(frozen=True)
class Column:
    """A column: its Frictionless type ("string", "integer", "number", "boolean", or
    "array", a JSON list in a string), what it holds, and its constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    references: str | None = None  # "table.column" of a foreign key
    allowed: tuple[str, ...] = ()  # the only values it may take
    in_csv: bool = True  # False for the article texts: the database only, for its search


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: list[tuple]


def archive_tables(
    articles: list[Article],
    records: list[ArticleRecord],
    incidents: list[Incident],
    entries: list[Entry],
) -> list[Table]:
    """Every table of the archive, parents before the tables that refer to them; `entries`
    are the catalogue's."""
    return [
        incidents_table(incidents),
        articles_table(articles, records),
        incident_articles_table(incidents),
        claims_table(incidents),
        entities_table(entries),
        places_table(entries),
        mentions_table(records, entries),
    ]


def _date_columns(what: str) -> tuple[Column, Column]:
    return (
        Column("date", "string", f"Date {what}, AAAA, AAAA-MM ou AAAA-MM-JJ selon sa précision"),
        Column(
            "date_precision", "string", "Précision de la date", allowed=("day", "month", "year")
        ),
    )


def _figure_columns(name: str) -> tuple[Column, ...]:
    label = FIGURE_LABELS[name].lower()
    return (
        Column(f"{name}_min", "integer", f"{label} : plus petite valeur retenue des sources"),
        Column(f"{name}_max", "integer", f"{label} : plus grande valeur retenue des sources"),
        Column(f"{name}_conflict", "boolean", f"{label} : les sources sont-elles en désaccord"),
        Column(
            f"{name}_claims",
            "string",
            f"{label} : chaque affirmation, « valeur [article] selon source », séparées par |",
        ),
    )


INCIDENT_COLUMNS = (
    Column("id", "string", "Identifiant stable de l'incident (adresse de sa page)", True),
    Column("title", "string", "Titre de l'incident", True),
    *_date_columns("de l'événement"),
    Column("place", "string", "Lieu principal, nommé en français"),
    Column("country", "string", "Pays du lieu principal (ISO 3166-1 alpha-2)"),
    Column("admin1", "string", "Région du lieu principal"),
    Column("lat", "number", "Latitude du lieu principal (degrés décimaux, WGS 84)"),
    Column("lon", "number", "Longitude du lieu principal (degrés décimaux, WGS 84)"),
    Column("target_name", "string", "Site touché, nommé"),
    Column("target_type", "string", "Type de cible"),
    Column("articles", "string", "Identifiants des articles qui le rapportent, séparés par ;"),
    *(column for name in FIGURE_NAMES for column in _figure_columns(name)),
)


def incidents_table(incidents: list[Incident]) -> Table:
    return Table(
        "incidents",
        "Incidents",
        "Un incident par ligne : les articles qui rapportent le même événement, regroupés, "
        "avec leur lieu, leur date et la fourchette de chaque bilan.",
        INCIDENT_COLUMNS,
        ("id",),
        [_incident_values(i) for i in sorted(incidents, key=lambda i: i.id)],
    )


def _incident_values(incident: Incident) -> tuple:
    place = incident.primary_places[0] if incident.primary_places else None
    target = incident.target
    values: list = [
        incident.id,
        incident.title,
        incident.date.value if incident.date else None,
        incident.date.precision if incident.date else None,
        place.name if place else None,
        place.country if place else None,
        place.admin1 if place else None,
        place.lat if place else None,
        place.lon if place else None,
        (target.name or None) if target else None,
        target.type if target else None,
        ";".join(incident.articles),
    ]
    for name in FIGURE_NAMES:
        figure = incident.figures[name]
        claims = " | ".join(claim_text(c) for c in figure.claims)
        values += [figure.min, figure.max, figure.conflict, claims or None]
    return tuple(values)


def claim_text(claim: Claim) -> str:
    """One claim in a cell: `45 [article-id] selon …`; a count without a number by its
    qualifier."""
    value = str(claim.value) if claim.value is not None else (claim.qualifier or "unspecified")
    if claim.value is not None and claim.qualifier:
        value = f"{claim.qualifier} {value}"
    said = f" selon {claim.claimed_by}" if claim.claimed_by else ""
    scope = f" ({claim.scope})" if claim.scope != "incident" else ""
    return f"{value}{scope} [{claim.article}]{said}"


def articles_table(articles: list[Article], records: list[ArticleRecord]) -> Table:
    texts = {a.id: a for a in articles}
    rows = []
    for record in sorted(records, key=lambda r: r.id):
        article = texts.get(record.id)
        rows.append(
            (
                record.id,
                record.title,
                record.source,
                record.url,
                record.author,
                record.published,
                record.language,
                record.incident,
                record.date.value if record.date else None,
                record.date.precision if record.date else None,
                article.text if article else None,
            )
        )
    return Table(
        "articles",
        "Articles",
        "Un article de presse par ligne, avec ce que l'archive en a lu. Le texte appartient à "
        "son éditeur ; il n'est donné que dans la base, pour la recherche plein texte.",
        (
            Column("id", "string", "Identifiant de l'article (nom de son fichier)", True),
            Column("title", "string", "Titre", True),
            Column("source", "string", "Éditeur"),
            Column("url", "string", "Adresse de l'article publié"),
            Column("author", "string", "Signature"),
            Column("published", "string", "Date de publication, à sa précision"),
            Column("language", "string", "Langue du texte (ISO 639-1)"),
            Column("incident_id", "string", "Incident qu'il rapporte", references="incidents.id"),
            *_date_columns("de l'événement selon cet article"),
            Column("text", "string", "Texte de l'article", in_csv=False),
        ),
        ("id",),
        rows,
    )


def incident_articles_table(incidents: list[Incident]) -> Table:
    rows = sorted((i.id, a) for i in incidents for a in i.articles)
    return Table(
        "incident_articles",
        "Articles de chaque incident",
        "Quel article rapporte quel incident : une ligne par couple.",
        (
            Column("incident_id", "string", "Incident", True, references="incidents.id"),
            Column("article_id", "string", "Article", True, references="articles.id"),
        ),
        ("incident_id", "article_id"),
        rows,
    )


def claims_table(incidents: list[Incident]) -> Table:
    rows = []
    for incident in sorted(incidents, key=lambda i: i.id):
        for name in FIGURE_NAMES:
            for claim in incident.figures[name].claims:
                evidence = claim.evidence[0] if claim.evidence else None
                rows.append(
                    (
                        incident.id,
                        claim.article,
                        name,
                        claim.value,
                        claim.qualifier,
                        claim.scope,
                        claim.claimed_by,
                        claim.outlet,
                        claim.published,
                        evidence.text if evidence else None,
                        evidence.start if evidence else None,
                        evidence.end if evidence else None,
                    )
                )
    numbered = [(n, *row) for n, row in enumerate(sorted(rows, key=_claim_order), 1)]
    return Table(
        "claims",
        "Affirmations",
        "Un chiffre affirmé par ligne : qui l'affirme, dans quel article, à quelle date, et "
        "la phrase qui le donne, avec sa position dans le texte de l'article.",
        (
            Column("id", "integer", "Numéro de l'affirmation", True),
            Column("incident_id", "string", "Incident", True, references="incidents.id"),
            Column(
                "article_id", "string", "Article qui le rapporte", True, references="articles.id"
            ),
            Column("figure", "string", "Chiffre", True, allowed=FIGURE_NAMES),
            Column("value", "integer", "Valeur ; vide quand le texte ne la chiffre pas"),
            Column("qualifier", "string", "Nuance de la valeur", allowed=QUALIFIERS),
            Column("scope", "string", "Ce que couvre le chiffre", True, allowed=SCOPES),
            Column("claimant", "string", "Qui l'affirme, selon l'article"),
            Column("outlet", "string", "Éditeur de l'article"),
            Column("published", "string", "Date de publication de l'article"),
            Column("evidence", "string", "Phrase de l'article qui donne le chiffre"),
            Column("evidence_start", "integer", "Début de cette phrase dans le texte (caractère)"),
            Column("evidence_end", "integer", "Fin de cette phrase dans le texte (caractère)"),
        ),
        ("id",),
        numbered,
    )


def _claim_order(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


def entity_id(entry: Entry) -> str:
    """An entry's id across kinds: the path of its page, "lieux/ijevsk"."""
    return urls.entry(entry.kind, entry.id).removesuffix(".html")


def entities_table(entries: list[Entry]) -> Table:
    rows = sorted(
        (
            entity_id(e),
            e.kind,
            e.name,
            json.dumps(e.names, ensure_ascii=False),
            json.dumps(e.roles, ensure_ascii=False),
            e.target_type,
            len(e.articles),
            len(e.incidents),
        )
        for e in entries
    )
    return Table(
        "entities",
        "Lieux, personnes, organisations, armes et cibles",
        "Chaque chose que les articles nomment, sous son nom canonique, avec toutes ses graphies.",
        (
            Column("id", "string", "Identifiant (adresse de sa page)", True),
            Column("kind", "string", "Sorte", True, allowed=tuple(urls.KIND_FOLDERS)),
            Column("name", "string", "Nom canonique, en français", True),
            Column("aliases", "array", "Graphies des articles et autres noms connus (JSON)"),
            Column("roles", "array", "Fonctions d'une personne selon les articles (JSON)"),
            Column("target_type", "string", "Type d'une cible"),
            Column("articles", "integer", "Nombre d'articles qui le nomment"),
            Column("incidents", "integer", "Nombre d'incidents où il figure"),
        ),
        ("id",),
        rows,
    )


def places_table(entries: list[Entry]) -> Table:
    rows = sorted(
        (
            entity_id(e),
            e.name,
            e.place.kind,
            e.place.country,
            e.place.admin1,
            e.place.lat,
            e.place.lon,
        )
        for e in entries
        if e.place is not None
    )
    return Table(
        "places",
        "Lieux",
        "Chaque lieu nommé, avec sa position (GeoNames ou corpus/places.yml).",
        (
            Column("id", "string", "Identifiant", True, references="entities.id"),
            Column("name", "string", "Nom, en français", True),
            Column("kind", "string", "Sorte de lieu"),
            Column("country", "string", "Pays (ISO 3166-1 alpha-2)"),
            Column("admin1", "string", "Région"),
            Column("lat", "number", "Latitude (degrés décimaux, WGS 84)"),
            Column("lon", "number", "Longitude (degrés décimaux, WGS 84)"),
        ),
        ("id",),
        rows,
    )


def mentions_table(records: list[ArticleRecord], entries: list[Entry]) -> Table:
    rows = sorted(set(_mentions(records, {(e.kind, e.name): e for e in entries})))
    return Table(
        "mentions",
        "Mentions",
        "Qui ou quoi chaque article nomme, et comment il l'écrit.",
        (
            Column("article_id", "string", "Article", True, references="articles.id"),
            Column("entity_id", "string", "Chose nommée", True, references="entities.id"),
            Column("as_written", "array", "Graphies de l'article (JSON)"),
            Column("role", "string", "Rôle : lieu principal ou cité, arme employée ou citée…"),
        ),
        ("article_id", "entity_id"),
        rows,
    )


def _mentions(
    records: list[ArticleRecord], entries: dict[tuple[str, str], Entry]
) -> Iterator[tuple]:
    for record in records:
        seen: set[str] = set()
        for kind, name, spellings, item in named_things(record):
            entry = entries.get((kind, name))
            if entry is None or entity_id(entry) in seen:
                continue
            seen.add(entity_id(entry))
            role = getattr(item, "role", None) if kind != "target" else "target"
            yield (
                record.id,
                entity_id(entry),
                json.dumps(sorted(set(spellings)), ensure_ascii=False),
                role,
            )
