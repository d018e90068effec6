"""The archive as a SQLite database, `donnees/archive.db`, with its Datasette metadata.

Built in memory with the standard library's sqlite3 from the tables of `tables.py`:
foreign keys, a full-text index (FTS5) over the articles' titles and texts, and views for
the common questions. The same tables inserted in the same order by the same SQLite give
the same bytes (the database is vacuumed, then serialised), so the file changes only when
the data does. `datasette archive.db -m metadata.yml` opens it with every table and column
described and a few canned queries.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

import yaml

from build_tools.tables import LICENCE, LICENCE_URL, SQL_TYPES, Table

VIEWS = {
    "incidents_by_month": (
        "Incidents par mois",
        """SELECT substr(date, 1, 7) AS month,
       COUNT(*) AS incidents,
       SUM(killed_max) AS killed_max,
       SUM(injured_max) AS injured_max,
       SUM(drones_downed_max) AS drones_downed_max
FROM incidents
WHERE date_precision IN ('day', 'month')
GROUP BY month
ORDER BY month""",
    ),
    "figures_by_claimant": (
        "Chiffres par source",
        """SELECT COALESCE(claimant, outlet, '?') AS claimant,
       figure,
       COUNT(*) AS claims,
       COUNT(DISTINCT incident_id) AS incidents
FROM claims
GROUP BY 1, figure
ORDER BY 1, figure""",
    ),
}

QUERIES = {
    "recherche": (
        "Chercher dans les articles",
        "Les articles dont le titre ou le texte contient ces mots (syntaxe FTS5 de SQLite).",
        """SELECT articles.id, articles.title, articles.incident_id,
       snippet(articles_fts, 1, '[', ']', '…', 16) AS extrait
FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid
WHERE articles_fts MATCH :mots
ORDER BY rank""",
    ),
    "affirmations_d_un_incident": (
        "Affirmations d'un incident",
        "Chaque chiffre affirmé sur un incident, par qui, et la phrase qui le donne.",
        """SELECT figure, value, qualifier, scope, claimant, outlet, published, article_id,
       evidence
FROM claims
WHERE incident_id = :incident
ORDER BY figure, published, id""",
    ),
    "incidents_d_un_lieu": (
        "Incidents d'un lieu",
        "Les incidents dont les articles nomment ce lieu (par exemple Ijevsk).",
        """SELECT DISTINCT incidents.id, incidents.title, incidents.date
FROM entities
JOIN mentions ON mentions.entity_id = entities.id
JOIN articles ON articles.id = mentions.article_id
JOIN incidents ON incidents.id = articles.incident_id
WHERE entities.kind = 'place' AND entities.name = :lieu
ORDER BY incidents.date, incidents.id""",
    ),
}


def archive_database(tables: list[Table]) -> bytes:
    """The database file's bytes: the tables, the full-text index of articles, the views."""
    with closing(sqlite3.connect(":memory:")) as db:
        db.execute("PRAGMA foreign_keys = ON")
        for table in tables:
            db.execute(create_statement(table))
            marks = ", ".join("?" for _ in table.columns)
            db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table.rows)
        db.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='articles', content_rowid='rowid', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        for name, (_title, sql) in VIEWS.items():
            db.execute(f'CREATE VIEW "{name}" AS {sql}')
        db.commit()
        db.execute("VACUUM")
        return db.serialize()


def create_statement(table: Table) -> str:
    """CREATE TABLE with types, NOT NULL, CHECK of allowed values, keys."""
    lines = []
    for column in table.columns:
        line = f'"{column.name}" {SQL_TYPES[column.type]}'
        if column.required:
            line += " NOT NULL"
        if column.allowed:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in column.allowed)
            line += f' CHECK ("{column.name}" IN ({values}))'
        lines.append(line)
    lines.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in table.primary_key) + ")")
    for column in table.columns:
        if column.references:
            parent, key = column.references.split(".")
            lines.append(f'FOREIGN KEY ("{column.name}") REFERENCES "{parent}" ("{key}")')
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def datasette_metadata(tables: list[Table], site_url: str | None) -> str:
    """metadata.yml for `datasette archive.db -m metadata.yml`: titles, licence, source,
    every table and column described, the views and canned queries."""
    described = {
        table.name: {
            "title": table.title,
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns},
        }
        for table in tables
    }
    described["articles"]["fts_table"] = "articles_fts"
    for name, (title, _sql) in VIEWS.items():
        described[name] = {"title": title}
    metadata = {
        "title": "Archive des frappes de drones",
        "description": (
            "Articles de presse sur les frappes de drones de la guerre russo-ukrainienne, "
            "regroupés en incidents, chaque chiffre rattaché à la phrase qui le donne."
        ),
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "source": "Articles de presse ; leur texte appartient à leurs éditeurs",
        **({"source_url": site_url} if site_url else {}),
        "databases": {
            "archive": {
                "tables": described,
                "queries": {
                    name: {"title": title, "description": description, "sql": sql}
                    for name, (title, description, sql) in QUERIES.items()
                },
            }
        },
    }
    return yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=100)
