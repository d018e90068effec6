"""The archive's tables as CSV files described by a Frictionless Data Package,
`donnees/datapackage.json`: field types and constraints, primary and foreign keys, licence
and sources, so that `frictionless validate datapackage.json` checks every file, and
pandas, R or a spreadsheet read them with their types.

incidents.csv is the export's own (one row per incident, the claims of each figure in one
cell); the other tables are tidy: claims.csv has one row per figure claimed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from build_tools import urls
from build_tools.tables import LICENCE_URL, Column, Table

CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\n", "header": True}


def csv_path(table: Table) -> str:
    """Where a table's CSV goes, under docs/."""
    return f"{urls.DATA}/{table.name}.csv"


def table_csv(table: Table) -> str:
    """The table as CSV (RFC 4180, UTF-8, LF line ends), without its database-only columns:
    an empty cell for None, true/false for booleans, JSON lists as they are."""
    kept = [n for n, c in enumerate(table.columns) if c.in_csv]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns[n].name for n in kept)
    for row in table.rows:
        writer.writerow(_cell(row[n]) for n in kept)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def package_files(tables: list[Table]) -> dict[str, str]:
    """Each table's CSV and the data package that describes them all, by path under docs/."""
    files = {csv_path(t): table_csv(t) for t in tables}
    files[urls.DATA_PACKAGE] = json.dumps(data_package(tables), ensure_ascii=False, indent=2) + "\n"
    return files


def data_package(tables: list[Table]) -> dict[str, Any]:
    """The Data Package descriptor (Frictionless Data Package v1)."""
    return {
        "profile": "tabular-data-package",
        "name": "drone-strike-incident-archive",
        "title": "Archive des frappes de drones",
        "description": (
            "Articles de presse sur les frappes de drones de la guerre russo-ukrainienne, "
            "regroupés en incidents ; chaque chiffre est une affirmation rattachée à son "
            "article, à sa source et à la phrase qui le donne."
        ),
        "licenses": [
            {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": LICENCE_URL}
        ],
        "sources": [
            {
                "title": "Articles de presse : éditeur et adresse de chacun dans articles.csv ; "
                "leur texte appartient à leurs éditeurs"
            }
        ],
        "resources": [_resource(t) for t in tables],
    }


def _resource(table: Table) -> dict[str, Any]:
    fields = [_field(c) for c in table.columns if c.in_csv]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key)}
    foreign = [
        {
            "fields": c.name,
            "reference": {
                "resource": c.references.split(".")[0],
                "fields": c.references.split(".")[1],
            },
        }
        for c in table.columns
        if c.references and c.in_csv
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": CSV_DIALECT,
        "schema": schema,
    }


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.allowed:
        constraints["enum"] = list(column.allowed)
    if constraints:
        field["constraints"] = constraints
    return field
