"""What a build remembers from the previous one: values by key, each file of them under a
fingerprint of everything its values depend on besides their key.

A `Memo` keeps values for one build; a `Cache` is a memo kept in an SQLite file in the
user's cache folder (see `Project.cache_dir`), each value pickled in a row of its own:
a build reads the values it asks for and writes the ones it stored, so that adding an
article rewrites a few rows, not the whole cache. Loading a pickle can run code, so a
cache file is only ever read from there, never from the project where a pull request
could plant one. A file written under another fingerprint (other code, other resources)
or that cannot be read is emptied: the build starts afresh. Saving drops the entries this
build neither read nor stored, so a cache holds the current corpus only. Deleting the
folder is always safe.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sqlite3
import sys
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import FileSystemBytecodeCache

T = TypeVar("T")
PACKAGE = Path(__file__).parent
_ABSENT = object()


def digest(value: Any) -> bytes:
    """SHA-256 of the value's `repr`, which dataclasses give field by field."""
    return hashlib.sha256(repr(value).encode("utf-8")).digest()


class Memo:
    """Values by key; the keys this build read or stored are `kept`."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, Any] = {}
        self.kept: set[Hashable] = set()
        self._digests: dict[int, tuple[Any, bytes]] = {}

    @property
    def entries(self) -> dict[Hashable, Any]:
        return self._entries

    def get(self, key: Hashable, default: Any = None) -> Any:
        value = self.entries.get(key, _ABSENT)
        if value is _ABSENT:
            return default
        self.kept.add(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self.entries[key] = value
        self.kept.add(key)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value stored under key, else `compute()`, stored."""
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            value = compute()
            self.put(key, value)
        return value

    def memoised(self, function: Callable[[Any], T], argument: Any) -> T:
        """`function(argument)`, for a function of nothing but its argument (a chart of a
        table, the JSON of a record), under a digest of the argument."""
        return self.memo((function.__module__, function.__qualname__, self.digest(argument)), lambda: function(argument))

    def digest(self, value: Any) -> bytes:
        """`digest(value)`; of a list or tuple, made from its items' digests. An object's
        digest is computed once (a record is shown by several pages and exports), and the
        object is kept with it, so that its id is not reused while the memo lives."""
        if isinstance(value, (list, tuple)):
            return hashlib.sha256(b"[" + b"".join(self.digest(v) for v in value)).digest()
        known = self._digests.get(id(value))
        if known is None:
            known = self._digests[id(value)] = (value, digest(value))
        return known[1]


class Cache(Memo):
    """A memo kept in the SQLite file at `path` under a fingerprint; opened when first read
    or saved (a build that needs none of it leaves it as it is)."""

    def __init__(self, path: Path, fingerprint: str):
        super().__init__()
        self.path = path
        self.fingerprint = fingerprint
        self._database: sqlite3.Connection | None = None
        self._rows: dict[str, Any] | None = None  # the values read from the file and not yet asked for, by row key
        self._stored: set[Hashable] = set()

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key not in self.entries:
            value = self._read(key)
            if value is _ABSENT:
                return default
            self.entries[key] = value
        return super().get(key, default)

    def put(self, key: Hashable, value: Any) -> None:
        super().put(key, value)
        self._stored.add(key)

    def _read(self, key: Hashable) -> Any:
        """The value stored under key, _ABSENT if none. The file is read whole when a first
        value is asked for (a build asks for nearly all of them, and one query is much
        faster than one per key), each value unpickled as its row comes, so that the
        rows' bytes are not held all at once."""
        if self._rows is None:
            self._rows = {}
            for row_key, value in self._open().execute("SELECT key, value FROM entries"):
                try:
                    self._rows[row_key] = pickle.loads(value)
                except Exception:  # noqa: BLE001, S112 - a value a library can no longer read: computed again
                    continue
        return self._rows.pop(_row_key(key), _ABSENT)

    def _open(self) -> sqlite3.Connection:
        if self._database is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._database = _database(self.path, self.fingerprint)
            except sqlite3.OperationalError:  # locked by another build for a minute, a full disk…: say so
                raise
            except sqlite3.DatabaseError:  # not an SQLite file, or a broken one: start afresh
                self.path.unlink()
                self._database = _database(self.path, self.fingerprint)
        return self._database

    def save(self) -> None:
        """Write the entries this build stored, delete those it neither read nor stored, in
        one transaction; then close the file. Every entry is valid for any corpus (keyed by
        content, or checked against it), so two builds at once can share the file."""
        if self._database is None and not self._stored:
            return
        kept = {_row_key(key) for key in self.kept}
        with self._open() as database:
            database.executemany(  # row by row: a cold build's pages are hundreds of MB pickled
                "INSERT OR REPLACE INTO entries VALUES (?, ?)",
                ((_row_key(key), pickle.dumps(self.entries[key], protocol=pickle.HIGHEST_PROTOCOL)) for key in self._stored),
            )
            stale = [row for row in database.execute("SELECT key FROM entries") if row[0] not in kept]
            database.executemany("DELETE FROM entries WHERE key = ?", stale)
        self._database.close()
        self._database = None
        self._rows = None
        self._stored.clear()


def _database(path: Path, fingerprint: str) -> sqlite3.Connection:
    """The cache file at path, emptied unless it was written under this fingerprint."""
    database = sqlite3.connect(path, timeout=60)
    with database:
        database.execute("CREATE TABLE IF NOT EXISTS fingerprint (value TEXT)")
        database.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB)")
        if database.execute("SELECT value FROM fingerprint").fetchall() != [(fingerprint,)]:
            database.execute("DELETE FROM entries")
            database.execute("DELETE FROM fingerprint")
            database.execute("INSERT INTO fingerprint VALUES (?)", (fingerprint,))
    return database


def _row_key(key: Hashable) -> str:
    """A key as the file keeps it: keys are tuples of strings, bytes and numbers, whose repr
    is the same in any process."""
    return repr(key)


def cache_home() -> Path:
    """The archive's folder in the user's cache folder ($XDG_CACHE_HOME or ~/.cache): never
    in a project, where a pull request could plant a cache file (pickles and compiled
    templates: loading one runs code). Everything in it is safe to delete."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drone-archive"


def project_cache_dir(root: Path) -> Path:
    """A project's build caches: one folder per project folder."""
    return cache_home() / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def template_cache() -> FileSystemBytecodeCache:
    """Where Jinja keeps templates compiled (ours and the theme's), by name and source, for
    any project: compiling them is a tenth of a small rebuild."""
    folder = cache_home() / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


@cache
def package_fingerprint() -> str:
    """Changes with any file of the build_tools package (code and templates), the Python
    version or the version of any installed distribution: what generated pages depend on
    besides the records they show."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    # A set: the same distribution can be found twice on sys.path (an editable install
    # seen from its own folder).
    for name, version in sorted({(d.name or "", d.version or "") for d in importlib.metadata.distributions()}):
        digest.update(f"\0{name}=={version}".encode())
    return digest.hexdigest()
