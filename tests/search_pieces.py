"""The prebuilt search index of a built site, read back as the archive's search worker reads
it (build_tools/plugin/prebuilt_search.py writes it): what the tests check in it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_PIECE = re.compile(r'^archiveShard\("(\w+)",("[^"]*"|\d+),JSON\.parse\((".*")\)\);$')


def piece(path: Path) -> tuple[str, Any, Any]:
    """A piece's kind, key and data."""
    kind, key, data = _PIECE.match(path.read_text(encoding="utf-8").strip()).groups()
    return kind, json.loads(key), json.loads(json.loads(data))


def shown_documents(site_dir: Path) -> list[dict[str, Any]]:
    """What search results show of each document, in the order of their ids."""
    shown = {
        doc_id: values
        for path in (site_dir / "search" / "docs").glob("*.js")
        for doc_id, values in piece(path)[2].items()
    }
    return [
        dict(zip(("location", "title", "text", "tags"), shown[doc_id], strict=True))
        for doc_id in sorted(shown)
    ]


def indexed_words(site_dir: Path) -> set[str]:
    """Every word of the index."""
    return {
        word for path in (site_dir / "search" / "terms").glob("*.js") for word in piece(path)[2]
    }
