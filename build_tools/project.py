"""Where a project's things are, as its `mkdocs.yml` says, read with MkDocs' own loader:
`docs_dir`, `site_dir` and `site_url` mean what they mean to MkDocs, and the archive
plugin's `corpus_dir` (default `corpus`, beside mkdocs.yml) says where the articles are."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from build_tools.errors import BuildError
from build_tools.incremental.folders import store_path
from build_tools.messages import _

#: The country borders of every map, vendored from the npm package world-atlas.
BORDERS = "assets/vendor/world-atlas/countries-50m.json"
#: The plugin's name in mkdocs.yml (its entry point in pyproject.toml).
PLUGIN = "archive"
DEFAULT_CORPUS_DIR = "corpus"


@dataclass(frozen=True)
class Project:
    """The folder holding mkdocs.yml."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @cached_property
    def config(self) -> MkDocsConfig:
        """mkdocs.yml as MkDocs reads it (validated, paths made absolute)."""
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            return load_config(str(self.config_file))
        except MkDocsException as error:
            raise BuildError(
                _("{path}: {error}; see the messages above").format(
                    path=self.config_file, error=error
                )
            ) from error

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    @property
    def site_dir(self) -> Path:
        return Path(self.config.site_dir)

    @property
    def corpus_dir(self) -> Path:
        plugin = self.config.plugins.get(PLUGIN)
        folder = plugin.config.corpus_dir if plugin is not None else DEFAULT_CORPUS_DIR
        return self.root / folder

    @property
    def site_url(self) -> str | None:
        """Where the site is published, ending with /, for citations; None if unset."""
        url = self.config.site_url
        return url.rstrip("/") + "/" if url else None

    @property
    def store_path(self) -> Path:
        """The project's store of what builds remember (build_tools/incremental/store.py)."""
        return store_path(self.root)

    def borders_json(self) -> str:
        """The vendored country borders (TopoJSON) that every map draws."""
        return (self.docs_dir / BORDERS).read_text(encoding="utf-8")
