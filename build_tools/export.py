"""Data downloads (SPEC §7): a contract read by tests and outside users.

JSON is UTF-8 with sorted keys and lists in a stable order, so that the same corpus
gives the same bytes and a pull request's diff of the data is readable.
"""

from __future__ import annotations

import json
from typing import Any

from build_tools.model import ArticleRecord, to_json


def dumps(data: Any) -> str:
    """Stable, readable JSON: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def article_records_json(records: list[ArticleRecord]) -> str:
    """`articles.json`: every article record, ordered by id."""
    return dumps([to_json(r) for r in sorted(records, key=lambda r: r.id)])


def export_files(records: list[ArticleRecord]) -> dict[str, str]:
    """Every download, keyed by its path under docs/."""
    return {"donnees/articles.json": article_records_json(records)}
