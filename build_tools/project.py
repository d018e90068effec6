"""Where a project's things are: the folder holding `mkdocs.yml`, `corpus/` and `docs/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.incremental.folders import store_path

#: The country borders of every map, vendored from the npm package world-atlas.
BORDERS = "assets/vendor/world-atlas/countries-50m.json"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def store_path(self) -> Path:
        """The project's store of what builds remember (build_tools/incremental/store.py)."""
        return store_path(self.root)

    def borders_json(self) -> str:
        """The vendored country borders (TopoJSON) that every map draws."""
        return (self.docs_dir / BORDERS).read_text(encoding="utf-8")

    @property
    def site_url(self) -> str | None:
        """`site_url` of mkdocs.yml (where the site is published), for citations; None if unset."""
        match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", self.config_file.read_text(encoding="utf-8"), re.MULTILINE)
        return match.group(1).rstrip("/") + "/" if match else None
