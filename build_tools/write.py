"""The writer: every generated file put under docs/, and only those that changed.

Unchanged files keep their modification time, so that MkDocs' dirty builds and the live
preview only see what really changed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools import urls
from build_tools.errors import BuildError
from build_tools.messages import _
from build_tools.project import Project
from build_tools.signature import Signature, signature_of

# Folders of docs/ that the build owns entirely, and the data files it owns in donnees/.
GENERATED_DIRS = (
    urls.ARTICLES,
    urls.INCIDENTS,
    *urls.KIND_FOLDERS.values(),
    urls.TAGS,
    urls.MAPS,
    urls.FRAGMENTS,
    urls.INCIDENT_DATA,
)
GENERATED_DATA_DIR = urls.DATA
GENERATED_DATA_SUFFIXES = (".json", ".csv", ".geojson", ".db", ".yml")
# Single files at the top of docs/ that the build owns.
GENERATED_FILES = (urls.FEED,)
#: Every generated path: lowercase ASCII ids (slugs, `_fragments`) joined by /, one suffix.
#: No `..`, no absolute path, no two paths that only differ in case.
SAFE_PATH = re.compile(r"^[a-z0-9_-]+(?:/[a-z0-9_-]+)*\.[a-z]+$")

#: A generated file's content, or a function that gives it (a page reused from the last
#: build: incremental/page_reuse.py), called only when the file must be compared or written.
Content = str | bytes | Callable[[], str | bytes]


@dataclass
class Written:
    """What `write_generated` did: how many files it wrote, and the signature of every
    generated file as it leaves them, for the next build's `unchanged`. A file outside the
    folders the build owns that already held its content has None for a signature."""

    count: int
    signatures: dict[str, Signature | None]


def write_generated(
    docs_dir: Path,
    files: Mapping[str, Content],
    unchanged: Mapping[str, Signature | None] | None = None,
) -> Written:
    """Write the generated files that changed, delete the stale ones.

    Unchanged files keep their modification time, so MkDocs' dirty builds and the
    live preview only see what really changed. A file is compared with what docs/ holds,
    except when `unchanged` gives it with the signature it still has: its content is what
    the previous build left there (a reused page's), and nothing has touched it since.
    Paths are checked before anything is written: each must match SAFE_PATH and, links
    resolved, stay inside docs/.
    """
    root = docs_dir.resolve()
    for relative in files:
        if not SAFE_PATH.fullmatch(relative):
            raise BuildError(
                _(
                    "refusing to write {path!r}: a generated path is lowercase ASCII ids joined"
                    " by /"
                ).format(path=relative)
            )
    # SAFE_PATH rules out "..": only a link on the way can lead outside, so each folder is
    # resolved once, and each file that exists (a file may be a link). Folders are cut from
    # the text of each path: a PurePosixPath of each of 33,000 took 0.3 s.
    for folder in sorted({relative.rpartition("/")[0] for relative in files}):
        if not (docs_dir / folder).resolve().is_relative_to(root):
            raise BuildError(
                _("refusing to write under {path!r}: it would land outside {folder}").format(
                    path=folder, folder=docs_dir
                )
            )
    owned = _owned_files(docs_dir)
    for relative in files:
        found = owned.get(relative)
        is_link = found.is_symlink() if found is not None else (docs_dir / relative).is_symlink()
        if is_link and not (docs_dir / relative).resolve().is_relative_to(root):
            raise BuildError(
                _("refusing to write {path!r}: it would land outside {folder}").format(
                    path=relative, folder=docs_dir
                )
            )
    unchanged = unchanged or {}
    written = Written(0, {})
    for relative, content in sorted(files.items()):
        path = docs_dir / relative
        found = owned.get(relative)
        signature = _signature(found) if found is not None else None
        if signature is None or unchanged.get(relative) != signature:
            data = _bytes(content)
            if not _holds(found or path, data):
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(path, data)
                written.count += 1
                signature = _signature(path)
        written.signatures[relative] = signature
    for relative in owned.keys() - files.keys():
        (docs_dir / relative).unlink()
    return written


def _bytes(content: Content) -> bytes:
    made = content() if callable(content) else content
    return made if isinstance(made, bytes) else made.encode("utf-8")


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: into a file beside it, then renamed over it, so
    that a full disk or an interrupted build never leaves it cut short."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _signature(file: os.DirEntry | Path) -> Signature:
    return signature_of(file.stat())


def unchanged_bytes(path: Path, signature: Sequence[int]) -> bytes | None:
    """The bytes of the file at `path` if it still has the signature it was written with
    (nothing wrote it since), else None."""
    try:
        with open(path, "rb") as file:
            if signature_of(os.fstat(file.fileno())) != tuple(signature):
                return None
            return file.read()
    except OSError:
        return None


def _holds(file: os.DirEntry | Path, data: bytes) -> bool:
    """Whether the file exists and holds these bytes (its size is compared first)."""
    try:
        if file.stat().st_size != len(data):
            return False
        with open(file, "rb") as f:
            return f.read() == data
    except FileNotFoundError:
        return False


def _owned_files(docs_dir: Path) -> dict[str, os.DirEntry]:
    """The files under docs/ that the build owns, by their path relative to it: everything
    in its folders (linked folders are not entered), its data files in donnees/, and its
    single files. Folders are read with os.scandir, which tells files from folders without
    a call per file: thousands of files are compared at each build."""
    owned: dict[str, os.DirEntry] = {}

    def scan(folder: str, keep: Callable[[str], bool], *, deep: bool) -> None:
        try:
            entries = list(os.scandir(docs_dir / folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if deep and entry.is_dir(follow_symlinks=False):
                scan(relative, keep, deep=True)
            elif entry.is_file() and keep(entry.name):
                owned[relative] = entry

    for folder in GENERATED_DIRS:
        scan(folder, lambda name: True, deep=True)
    scan(GENERATED_DATA_DIR, lambda name: name.endswith(GENERATED_DATA_SUFFIXES), deep=False)
    scan("", lambda name: name in GENERATED_FILES, deep=False)
    return owned


def copy_site_sources(source: Project, target: Path) -> None:
    """Copy a project's hand-written site (mkdocs.yml, docs/ without generated files) into
    target, to build another corpus with the same site: tests and benchmarks do."""
    owned = {(source.docs_dir / relative).resolve() for relative in _owned_files(source.docs_dir)}
    shutil.copy(source.config_file, target / source.config_file.name)
    shutil.copytree(
        source.docs_dir,
        target / source.docs_dir.name,
        ignore=lambda folder, names: {n for n in names if (Path(folder) / n).resolve() in owned},
    )
