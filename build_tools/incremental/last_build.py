"""The record of the last build, so that a build with nothing to do does nothing.

A build's output is a function of its inputs: the project's files (mkdocs.yml and the
files beside it, the files it inherits from and its hooks, corpus/, docs/, a theme folder
of the project), the code that turns them into site/ with the installed versions, the
environment variables mkdocs.yml reads and SOURCE_DATE_EPOCH, and the command's options.
Today's date is not one of them: it only refuses an article dated after it, and a build
that refused one had something to tell, so was not recorded; a day later, the articles
of a recorded build are all accepted again (a clock set back a day would not see an
article dated that day).

After a build that had nothing to tell (no article set aside, no warning), `archive build`
records a digest of those inputs and of the signature of every file the build read or
wrote (size, modification and change times, inode, as `site_state.file_signature`: any
write changes a file's change time, which no one can set back), each taken when the build
was done with it (`ProjectFiles`). A later build given the same inputs, whose files have
the same signatures, would write the same bytes again: it reports the recorded figures and
stops. A file touched, added or removed anywhere in those folders, or another option, and
the build runs as usual.

The record is a way of doing nothing, never a source of output: it gives no file, and
without it (a fresh checkout, a deleted cache, `--clean`, `--no-cache`) the build runs
whole. Hidden files of site/ are left out, as the build leaves them (a git checkout of
the published site).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.incremental.fingerprint import Step
from build_tools.incremental.site_state import inherited_configurations
from build_tools.incremental.store import Namespace, Store
from build_tools.signature import signature_of

#: Everything that turns a project into site/: `archive build` and the plugin MkDocs runs
#: (which imports the generator by name), with the templates and theme they read.
LAST_BUILD = Step(
    "last-build",
    ("build_tools.build", "build_tools.plugin.archive_plugin"),
    data=("render/templates", "plugin/theme"),
)
#: `!ENV NAME` or `!ENV [NAME, …]` in mkdocs.yml: variables whose values shape the site.
_ENV_TAG = re.compile(r"!ENV\s+\[?\s*([A-Za-z_][\w, ]*)")
_KEY = "last"
#: A file's size, modification and change times (ns) and inode (as `write.Signature`).
Signature = tuple[int, ...]
#: The signature of a file that is not there.
_ABSENT: Signature = (0, 0, 0, 0)
#: Signatures of files of a folder as the build just left them, by their paths under it:
#: they are not asked of the system again (33,000 files of docs/ and of site/ at 20,000
#: articles).
Known = Mapping[str, Sequence[int] | None]


def inputs_digest(root: Path, options: Mapping[str, object]) -> str:
    """The digest of what a build of the project at root is given beside its files: the
    command's options and the environment variables the configuration reads."""
    environment = {
        name: os.environ.get(name) for name in {"SOURCE_DATE_EPOCH", *configured_variables(root)}
    }
    given = (sorted(options.items()), sorted(environment.items()))
    return hashlib.sha256(repr(given).encode()).hexdigest()


def configured_variables(root: Path) -> set[str]:
    """The environment variables the project's YAML files beside mkdocs.yml, and those it
    inherits from, name in `!ENV`."""
    names: set[str] = set()
    inherited = inherited_configurations(root / "mkdocs.yml")
    for path in [*sorted(root.glob("*.yml")), *inherited]:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:  # an inherited file that is not there: MkDocs says so
            continue
        for match in _ENV_TAG.finditer(text):
            names.update(n.strip() for n in match.group(1).split(",") if n.strip())
    return names


@dataclass(frozen=True)
class ProjectFiles:
    """The folders a build reads and writes. Each digest is taken when the build is done
    with what it covers, so that a file edited while the build runs is not recorded as
    built: the sources before they are read, the generated files before MkDocs reads them,
    site/ at the end."""

    root: Path
    corpus: Path
    docs: Path
    themes: tuple[Path, ...]  # the project's own theme folders
    site: Path
    written: tuple[Path, ...]  # files of the corpus the build writes (published ids)
    #: other files mkdocs.yml names: those it inherits from, its hooks (`configured_files`)
    configured: tuple[Path, ...] = ()

    def sources_digest(self) -> str:
        """The files at the project's root and the other files mkdocs.yml names, and every
        file of the corpus (hidden ones too: the corpus reads them) and of its theme folders,
        but those the build writes."""
        digest = hashlib.sha256()
        entries = [entry for entry in _scan(self.root) if entry.is_file()]
        for entry in entries:
            digest.update(_line(entry.path, signature_of(entry.stat())))
        for configured in self.configured:
            digest.update(_line(str(configured), _stat(configured)))
        written = {str(path) for path in self.written}
        for folder in (self.corpus, *self.themes):
            digest.update(b"\1" + str(folder).encode("utf-8", "surrogateescape"))
            for path, stat in _files(folder, hidden=True):
                if path not in written:
                    digest.update(_line(path, stat))
        return digest.hexdigest()

    def generated_digest(self, known: Known | None = None) -> str:
        """Every file of docs/, and the files of the corpus the build writes. `known` gives
        the signatures of files of docs/ as the build just left them (`write.Written`)."""
        digest = hashlib.sha256()
        for name, signature in _files(self.docs, hidden=True, known=_by_path(self.docs, known)):
            digest.update(_line(name, signature))
        for written in self.written:
            with contextlib.suppress(FileNotFoundError):
                digest.update(_line(str(written), signature_of(written.stat())))
        return digest.hexdigest()

    def site_digest(self, known: Known | None = None) -> str:
        """Every file of site/ but hidden ones. `known` gives the signatures of files of
        site/ as the build just left them (the archive plugin's)."""
        digest = hashlib.sha256()
        for path, signature in _files(self.site, hidden=False, known=_by_path(self.site, known)):
            digest.update(_line(path, signature))
        return digest.hexdigest()


def _by_path(folder: Path, known: Known | None) -> dict[str, Signature]:
    """The signatures known of files of the folder, by their paths as `_files` gives them."""
    prefix = str(folder) + os.sep
    return {prefix + path: tuple(s) for path, s in (known or {}).items() if s is not None}


def _line(path: str, signature: Signature) -> bytes:
    return f"{path}\0{signature}\n".encode("utf-8", "surrogateescape")


def _stat(path: Path) -> Signature:
    """The file's signature; of nothing at the path, zeros (its absence is its signature)."""
    try:
        return signature_of(path.stat())
    except (FileNotFoundError, NotADirectoryError):
        return _ABSENT


def _scan(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _files(
    folder: Path, *, hidden: bool, known: Mapping[str, Signature] | None = None
) -> Iterator[tuple[str, Signature]]:
    """(path, signature) of every file under folder, in path order, following no link to a
    folder; with `hidden` False, hidden files and folders left out. A signature `known` by
    the file's path is taken as it is."""
    for entry in _scan(folder):
        if not hidden and entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files(Path(entry.path), hidden=hidden, known=known)
        elif known and (signature := known.get(entry.path)) is not None:
            yield entry.path, signature
        else:
            try:
                yield entry.path, signature_of(entry.stat())
            except FileNotFoundError:  # a dangling link: its signature is its absence
                yield entry.path, _ABSENT


@dataclass(frozen=True)
class LastBuild:
    """What the last build was given and left, as digests, and what it reported."""

    inputs: str
    files: tuple[str, str, str]  # ProjectFiles' digests: sources, generated files, site/
    result: Any  # build.BuildResult


def _namespace(store: Store) -> Namespace:
    """The record's namespace, emptied when the build's code or installed versions change."""
    return store.namespace(LAST_BUILD.name, LAST_BUILD.fingerprint())


def recorded_result(store: Store, inputs: str, files: ProjectFiles, sources: str) -> Any | None:
    """What the last build reported, if it was given these inputs and these sources (their
    digest), and left these files. The folders the build writes are gone over only when
    all else is the same."""
    last = _namespace(store).get(_KEY)
    if not isinstance(last, LastBuild) or (last.inputs, last.files[0]) != (inputs, sources):
        return None
    if (files.generated_digest(), files.site_digest()) != last.files[1:]:
        return None
    return last.result


def record(store: Store, last: LastBuild) -> None:
    """Keep this build's record for the next one."""
    _namespace(store).put(_KEY, last)
    store.save()
