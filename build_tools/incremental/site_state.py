"""What a MkDocs build left in site/, so that the next one can rebuild only what changed.

MkDocs' dirty build (`mkdocs build --dirty`) renders only the pages whose Markdown is
newer than their HTML, and warns that the result may be wrong: pages it skips give
nothing to plugins, so Material's search index would only hold the rebuilt pages, and
nothing notices a page spliced from a fragment that changed, a page deleted since, or a
change of mkdocs.yml or of the theme that touches every page. The archive plugin makes a
dirty build exact with this record of the previous build:

- a stamp of everything that shapes every page (mkdocs.yml with the files it inherits
  from and its hooks, the archive's code and theme additions, the installed versions, a
  project's own theme folder): when it differs, site/ is emptied and everything is
  rebuilt;
- every file of site/ the build made, with the signature of its source and of itself as
  the build left them: a file no longer produced is deleted, and a file whose source or
  output is not the one recorded is written again (a page rendered, a stylesheet or map
  copied), whatever their modification times say (a file restored with an older time by
  `cp -p` or `tar x`, one left empty by a full disk);
- for each page, the fragments it spliced with their signatures, its search aliases and
  its documents of the search index (as the index keeps them, with their words and extra
  fields): a page whose fragments changed is rebuilt; the others give their stored
  documents;
- the vocabulary of the search index, so that the accent variants of a page are made
  again only when it or their spellings changed (`variant_reuse.py`).

Files in site/ that the build did not produce are removed (`archive_plugin`).

A file whose signature (build_tools/signature.py: size, times, inode) is the recorded one
holds the bytes the build wrote, without reading it again.

The record lives in the project's store (store.py), in a namespace per site folder under
the stamp: a row a page, so that a rebuild rewrites the rows of the pages it rendered.
"""

from __future__ import annotations

import hashlib
import os
import re
import sysconfig
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.incremental.fingerprint import Step
from build_tools.incremental.store import Store
from build_tools.signature import signature_of

#: The plugin and what it imports (the search index, the archive's theme additions).
PLUGIN = Step("site", ("build_tools.plugin.archive_plugin",), data=("plugin/theme",))
#: `INHERIT: path` at the top level of a configuration file.
_INHERIT = re.compile(r"^INHERIT:[ \t]*([^#\n]*?)[ \t]*(?:#.*)?$", re.MULTILINE)
#: Where installed distributions live: their files change only with their versions, which
#: every fingerprint covers.
_INSTALLED = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}


def namespace_name(site_dir: Path) -> str:
    """The store's namespace of the builds into `site_dir`."""
    return "site-" + hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]


def build_stamp(config_file: Path, theme_dirs: list[str], configured: list[Path]) -> str:
    """Changes with anything that shapes every page: mkdocs.yml and the other files it names
    (`configured_files`), the plugin's code and theme additions and the installed versions
    (`PLUGIN`'s fingerprint), and the files of any other theme folder (a `custom_dir` of
    the project)."""
    digest = hashlib.sha256(PLUGIN.fingerprint().encode())
    digest.update(config_file.read_bytes())
    for path in configured:
        try:
            digest.update(b"\0" + str(path).encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(b"\0" + str(path).encode() + b"\0-")
    for folder in map(Path, theme_dirs):
        if is_installed(folder):
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(
                    path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes()
                )
    return digest.hexdigest()


def inherited_configurations(config_file: Path) -> list[Path]:
    """The files a configuration inherits from (`INHERIT: path`, relative to the file that
    names it), nearest first, as absolute paths."""
    found: list[Path] = []
    current = config_file
    while True:
        try:
            text = current.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return found
        named = _INHERIT.search(text)
        if named is None:
            return found
        current = Path(os.path.normpath(current.parent.resolve() / named.group(1).strip("'\"")))
        if current in found:
            return found
        found.append(current)


def configured_files(config_file: Path, config: Any) -> list[Path]:
    """The files besides itself that a MkDocs configuration runs or reads: those it inherits
    from and its hooks (a module a hook imports is not followed)."""
    hooks = [Path(module.__file__).resolve() for module in config.hooks.values()]
    return [*inherited_configurations(config_file), *hooks]


def is_installed(folder: Path) -> bool:
    """Whether the folder is part of an installed distribution (Material's theme)."""
    return any(folder.resolve().is_relative_to(installed) for installed in _INSTALLED)


def file_signature(path: str | Path) -> list[int] | None:
    """A file's signature (build_tools/signature.py), as a list (the record's form), None
    when there is nothing at its path (or a file stands where one of its folders should)."""
    try:
        return list(signature_of(os.stat(path)))
    except (FileNotFoundError, NotADirectoryError):
        return None


@dataclass
class PageRecord:
    """One page as the previous build wrote it."""

    fragments: dict[str, list[int] | None] = field(default_factory=dict)  # name → signature
    search: list = field(
        default_factory=list
    )  # its documents in the search index (search.Document)
    aliases: list[str] = field(default_factory=list)
    #: the extra fields of its documents, in their order (`variant_reuse.with_extra_fields`)
    extra: list[dict[str, str]] = field(default_factory=list)
    #: the digest of each of its `documents`, made with them: a build digests the documents
    #: of the pages that changed only (40,000 documents, 0.7 s, at 20,000 articles)
    digests: list[bytes] = field(default_factory=list)

    def documents(self) -> list[dict[str, Any]]:
        """Its documents as the search index has them: their fields and extra fields."""
        return [{**doc.fields, **extra} for doc, extra in zip(self.search, self.extra, strict=True)]


@dataclass
class SiteState:
    stamp: str = ""
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by source path under docs/
    #: every file of site/ the build made, by its path there: the signatures of its source
    #: and of the file as written
    files: dict[str, tuple[list[int] | None, list[int] | None]] = field(default_factory=dict)
    #: how many pages hold each word of the search index (`variant_reuse`); None: not known
    vocabulary: Counter | None = None

    @classmethod
    def load(cls, store: Store, name: str, stamp: str) -> SiteState:
        """The state recorded in the store's namespace `name`, or an empty one when there is
        none or it was made with another stamp."""
        namespace = store.namespace(name, stamp)
        files = namespace.get("files")
        if files is None:
            return cls(stamp=stamp)
        pages = namespace.get("pages", [])
        records = {src: record for src in pages if (record := namespace.get(("page", src)))}
        # The vocabulary counts every page recorded: with a row lost, it is counted again.
        vocabulary = namespace.get("vocabulary") if len(records) == len(pages) else None
        return cls(stamp, records, files, vocabulary)

    def save(self, store: Store, name: str, changed: Collection[str] | None = None) -> None:
        """Record this state in the store's namespace `name`, a row a page. With `changed`,
        the pages of a previous record under the same stamp are taken as they are, but for those."""
        namespace = store.namespace(name, self.stamp)
        previous = set(namespace.get("pages", []))
        namespace.put("pages", sorted(self.pages))
        namespace.put("files", self.files)
        if self.vocabulary is not None:
            namespace.put("vocabulary", self.vocabulary)
        for src, record in self.pages.items():
            if changed is None or src in changed or src not in previous:
                namespace.put(("page", src), record)
            else:
                namespace.kept.add(("page", src))
        store.save()

    def output_is_current(self, dest_uri: str, source: list[int] | None, output: str) -> bool:
        """Whether a file of site/ and its source (the source's signature: None for a file
        made in memory, which never is) are those the previous build recorded."""
        recorded = self.files.get(dest_uri)
        return (
            source is not None
            and recorded is not None
            and recorded == (source, file_signature(output))
        )

    def page_is_current(self, src_uri: str, fragments_dir: Path) -> bool:
        """Whether the fragments a page spliced are those the previous build recorded (a
        page that asked for a fragment that did not exist is rendered again, to warn again)."""
        record = self.pages.get(src_uri)
        return record is not None and all(
            signature is not None and file_signature(fragments_dir / f"{name}.md") == signature
            for name, signature in record.fragments.items()
        )
