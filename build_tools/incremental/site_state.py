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

The record lives in the project's store (store.py), in a namespace per site folder under
the stamp: a row a page, so that a rebuild rewrites the rows of the pages it rendered.
"""

from __future__ import annotations

import hashlib
import sysconfig
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.incremental.fingerprint import Step
from build_tools.incremental.store import Store

#: The plugin and what it imports (the search index, the archive's theme additions).
PLUGIN = Step("site", ("build_tools.plugin.archive_plugin",), data=("plugin/theme",))
#: Where installed distributions live: their files change only with their versions, which
#: every fingerprint covers.
_INSTALLED = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}


def namespace_name(site_dir: Path) -> str:
    """The store's namespace of the builds into `site_dir`."""
    return "site-" + hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]


def build_stamp(config_file: Path, theme_dirs: list[str]) -> str:
    """Changes with anything that shapes every page: mkdocs.yml, the plugin's code and theme
    additions and the installed versions (`PLUGIN`'s fingerprint), and the files of any
    other theme folder (a `custom_dir` of the project)."""
    digest = hashlib.sha256(PLUGIN.fingerprint().encode())
    digest.update(config_file.read_bytes())
    for folder in map(Path, theme_dirs):
        if any(folder.resolve().is_relative_to(installed) for installed in _INSTALLED):
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(
                    path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes()
                )
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

    html: list[int] | None  # file_signature of its HTML (None: it was missing)
    fragments: list[str] = field(default_factory=list)
    search: list = field(
        default_factory=list
    )  # its documents in the search index (search.Document)
    aliases: list[str] = field(default_factory=list)


@dataclass
class SiteState:
    stamp: str = ""
    outputs: list[str] = field(default_factory=list)  # every file of site/ the build made
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by source path under docs/

    @classmethod
    def load(cls, store: Store, name: str, stamp: str) -> SiteState:
        """The state recorded in the store's namespace `name`, or an empty one when there is
        none or it was made with another stamp."""
        namespace = store.namespace(name, stamp)
        outputs = namespace.get("outputs")
        if outputs is None:
            return cls(stamp=stamp)
        pages = namespace.get("pages", [])
        return cls(
            stamp,
            outputs,
            {src: record for src in pages if (record := namespace.get(("page", src)))},
        )

    def save(self, store: Store, name: str, changed: Collection[str] | None = None) -> None:
        """Record this state in the store's namespace `name`, a row a page. With `changed`,
        the pages of a previous record under the same stamp are taken as they are, but for those."""
        namespace = store.namespace(name, self.stamp)
        previous = set(namespace.get("pages", []))
        namespace.put("outputs", self.outputs)
        namespace.put("pages", sorted(self.pages))
        for src, record in self.pages.items():
            if changed is None or src in changed or src not in previous:
                namespace.put(("page", src), record)
            else:
                namespace.kept.add(("page", src))
        store.save()

    def page_is_current(self, src_uri: str, html: Path, fragments_dir: Path) -> bool:
        """Whether a page's HTML is the one recorded, with no fragment changed since it
        was written."""
        record = self.pages.get(src_uri)
        current = file_signature(html)
        if record is None or current is None or record.html != current:
            return False
        written = current[1]  # the recorded time, which `current` equals
        return all(
            (file_signature(fragments_dir / f"{name}.md") or [0, written + 1])[1] <= written
            for name in record.fragments
        )
