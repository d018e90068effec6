"""What a MkDocs build left in site/, so that the next one can rebuild only what changed.

MkDocs' dirty build (`mkdocs build --dirty`) renders only the pages whose Markdown is
newer than their HTML, and warns that the result may be wrong: pages it skips give
nothing to plugins, so Material's search index would only hold the rebuilt pages, and
nothing notices a page spliced from a fragment that changed, a page deleted since, or a
change of mkdocs.yml or of the theme that touches every page. The archive plugin makes a
dirty build exact with this record of the previous build:

- a stamp of everything that shapes every page (mkdocs.yml, the archive's code and theme
  additions, the installed versions, a project's own theme folder): when it differs,
  site/ is emptied and everything is rebuilt;
- for each page, its HTML file's size and modification time when it was written, the
  fragments it spliced, its search aliases and its documents of the search index (as the
  index keeps them, with their words): a page whose HTML was touched since, or whose
  fragments are newer than its HTML, is rebuilt; the others give their stored documents;
- every file the build wrote, so that files no longer produced are deleted.

The record lives in the user's cache folder, next to the build's other caches: an SQLite
file, a row a page, so that a rebuild rewrites the rows of the pages it rendered.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sysconfig
from collections.abc import Collection
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.cache import package_fingerprint, project_cache_dir

#: Bump when the record's layout changes.
STATE_VERSION = 2
#: Where installed distributions live: their files change only with their versions, which
#: `package_fingerprint` covers.
_INSTALLED = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}


def state_path(config_file: Path, site_dir: Path) -> Path:
    """Where the record of the build of `config_file` into `site_dir` is kept."""
    site = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
    return project_cache_dir(config_file.parent) / f"site-{site}.sqlite"


def build_stamp(config_file: Path, theme_dirs: list[str]) -> str:
    """Changes with anything that shapes every page: mkdocs.yml, the archive's code and
    template additions and the installed versions (`package_fingerprint`), and the files of
    any other theme folder (a `custom_dir` of the project)."""
    digest = hashlib.sha256(f"{STATE_VERSION}\0{package_fingerprint()}\0".encode())
    digest.update(config_file.read_bytes())
    for folder in map(Path, theme_dirs):
        if any(folder.resolve().is_relative_to(installed) for installed in _INSTALLED):
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_signature(path: Path) -> list[int] | None:
    """Size and modification time (ns) of a file, None when it does not exist."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


@dataclass
class PageRecord:
    """One page as the previous build wrote it."""

    html: list[int]  # file_signature of its HTML
    fragments: list[str] = field(default_factory=list)
    search: list = field(default_factory=list)  # its documents in the search index (search.Document)
    aliases: list[str] = field(default_factory=list)


@dataclass
class SiteState:
    stamp: str = ""
    outputs: list[str] = field(default_factory=list)  # every file of site/ the build made
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by source path under docs/

    @classmethod
    def load(cls, path: Path, stamp: str) -> SiteState:
        """The recorded state, or an empty one when there is none, it cannot be read, or it
        was made with another stamp."""
        if not path.is_file():
            return cls(stamp=stamp)
        try:
            with closing(sqlite3.connect(path)) as database:
                if database.execute("SELECT stamp FROM build").fetchall() != [(stamp,)]:
                    return cls(stamp=stamp)
                (outputs,) = database.execute("SELECT outputs FROM build").fetchone()
                pages = {src: PageRecord(**json.loads(page)) for src, page in database.execute("SELECT src, record FROM pages")}
                return cls(stamp, json.loads(outputs), pages)
        except (sqlite3.Error, ValueError, TypeError):
            return cls(stamp=stamp)

    def save(self, path: Path, changed: Collection[str] | None = None) -> None:
        """Record this state at path (an SQLite file, a row a page). With `changed`, the pages
        of a previous record under the same stamp are taken as they are, but for those."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, timeout=60)) as database, database:
            database.execute("CREATE TABLE IF NOT EXISTS build (stamp TEXT, outputs TEXT)")
            database.execute("CREATE TABLE IF NOT EXISTS pages (src TEXT PRIMARY KEY, record TEXT)")
            if changed is None or database.execute("SELECT stamp FROM build").fetchall() != [(self.stamp,)]:
                database.execute("DELETE FROM pages")
                changed = self.pages.keys()
            database.execute("DELETE FROM build")
            database.execute("INSERT INTO build VALUES (?, ?)", (self.stamp, _json(self.outputs)))
            database.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", [(src, _json(vars(self.pages[src]))) for src in changed if src in self.pages])
            stale = [row for row in database.execute("SELECT src FROM pages") if row[0] not in self.pages]
            database.executemany("DELETE FROM pages WHERE src = ?", stale)

    def page_is_current(self, src_uri: str, html: Path, fragments_dir: Path) -> bool:
        """Whether a page's HTML is the one recorded, with no fragment changed since it was written."""
        record = self.pages.get(src_uri)
        if record is None or record.html != file_signature(html):
            return False
        written = record.html[1]
        return all((file_signature(fragments_dir / f"{name}.md") or [0, written + 1])[1] <= written for name in record.fragments)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
