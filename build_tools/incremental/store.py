"""One store for everything a build remembers: an SQLite file in the user's cache folder,
a namespace per step, each namespace under the fingerprint of what its values depend on
besides their keys (`fingerprint.py`).

A namespace opened under another fingerprint than the one its rows were written under
is emptied: the step starts afresh, and the others keep theirs. Each value is pickled
in a row of its own, so that adding an article rewrites a few rows, not the whole store.
Loading a pickle can run code, so the store is only ever read from the user's cache
folder, never from the project, where a pull request could plant one. Saving drops the
rows a build neither read nor stored (unless asked to keep them: `archive check` of one
file reads a few), so that the store holds the current corpus only. A file that cannot
be read is replaced; deleting the folder is always safe.

Stages never see the store. They apply their pure functions through a `Call`
(call.py; `apply` by default); the orchestrator passes `Namespace.call`, which keys each
result by the function's name and a digest of its arguments.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_ABSENT = object()


def digest(value: Any) -> bytes:
    """SHA-256 of the value's `repr`, which dataclasses give field by field."""
    return hashlib.sha256(repr(value).encode("utf-8")).digest()


class Memo:
    """Values by key, in memory; the keys this build read or stored are `kept`."""

    def __init__(self) -> None:
        self.entries: dict[Hashable, Any] = {}
        self.kept: set[Hashable] = set()
        self._digests: dict[int, tuple[Any, bytes]] = {}

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

    def call(self, function: Callable[..., T], *arguments: Any) -> T:
        """`function(*arguments)`, for a function of nothing but its arguments and what the
        namespace's fingerprint covers, under a digest of the arguments."""
        key = (function.__module__, function.__qualname__, self.digest(arguments))
        return self.memo(key, lambda: function(*arguments))

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


class Namespace(Memo):
    """The values of one step in the store, read from its file when first asked for."""

    def __init__(self, store: Store, name: str, *, pruned: bool = True):
        super().__init__()
        self.store = store
        self.name = name
        self.pruned = pruned
        self.stored: set[Hashable] = set()
        self._rows: dict[str, Any] | None = None  # read from the file, not yet asked for

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key not in self.entries:
            value = self._read(key)
            if value is _ABSENT:
                return default
            self.entries[key] = value
        return super().get(key, default)

    def put(self, key: Hashable, value: Any) -> None:
        super().put(key, value)
        self.stored.add(key)

    def _read(self, key: Hashable) -> Any:
        """The value stored under key, _ABSENT if none. The namespace is read whole when a
        first value is asked for (a build asks for nearly all of them, and one query is much
        faster than one per key), each value unpickled as its row comes."""
        if self._rows is None:
            self._rows = {}
            query = "SELECT key, value FROM entries WHERE namespace = ?"
            for row_key, value in self.store.database().execute(query, (self.name,)):
                try:
                    self._rows[row_key] = pickle.loads(value)
                except Exception:  # noqa: BLE001, S112 - a value a library can no longer read: computed again
                    continue
        return self._rows.pop(_row_key(key), _ABSENT)


class Store:
    """The SQLite file at `path`, opened when a namespace is first read or saved (a build
    that needs none of it leaves it as it is)."""

    def __init__(self, path: Path):
        self.path = path
        self.namespaces: dict[str, Namespace] = {}
        self._fingerprints: dict[str, str] = {}
        self._database: sqlite3.Connection | None = None

    def namespace(self, name: str, fingerprint: str, *, pruned: bool = True) -> Namespace:
        """The step's namespace; emptied when first read if written under another fingerprint.
        When `pruned`, saving drops the values this build did not use."""
        known = self._fingerprints.get(name)
        if known is not None and known != fingerprint:
            raise ValueError(f"namespace {name!r} is already open under another fingerprint")
        self._fingerprints[name] = fingerprint
        if self._database is not None:
            self._empty_outdated()
        return self.namespaces.setdefault(name, Namespace(self, name, pruned=pruned))

    def database(self) -> sqlite3.Connection:
        if self._database is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._database = _connect(self.path)
            except (
                sqlite3.OperationalError
            ):  # locked by another build for a minute, a full disk…: say so
                raise
            except sqlite3.DatabaseError:  # not an SQLite file, or a broken one: start afresh
                self.path.unlink()
                self._database = _connect(self.path)
            self._empty_outdated()
        return self._database

    def _empty_outdated(self) -> None:
        """Empty the namespaces this store opened whose rows were written under
        another fingerprint."""
        assert self._database is not None
        with self._database as database:
            written = dict(database.execute("SELECT name, fingerprint FROM namespaces"))
            for name, fingerprint in self._fingerprints.items():
                if written.get(name) != fingerprint:
                    database.execute("DELETE FROM entries WHERE namespace = ?", (name,))
                    database.execute(
                        "INSERT OR REPLACE INTO namespaces VALUES (?, ?)", (name, fingerprint)
                    )

    def save(self, *, prune: bool = True) -> None:
        """Write the values each namespace stored and, when `prune`, delete those it neither
        read nor stored, in one transaction; then close the file. Every value is valid for
        any corpus (keyed by content, or checked against it), so two builds can share it."""
        if self._database is None and not any(n.stored for n in self.namespaces.values()):
            return
        database = self.database()
        with database:
            for namespace in self.namespaces.values():
                database.executemany(  # row by row: a cold build's pages are hundreds of MB pickled
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                    (
                        (
                            namespace.name,
                            _row_key(k),
                            pickle.dumps(namespace.entries[k], protocol=pickle.HIGHEST_PROTOCOL),
                        )
                        for k in namespace.stored
                    ),
                )
                if prune and namespace.pruned:
                    kept = {_row_key(key) for key in namespace.kept}
                    rows = database.execute(
                        "SELECT key FROM entries WHERE namespace = ?", (namespace.name,)
                    )
                    stale = [(namespace.name, key) for (key,) in rows if key not in kept]
                    database.executemany(
                        "DELETE FROM entries WHERE namespace = ? AND key = ?", stale
                    )
                namespace.stored.clear()
                namespace._rows = None
        database.close()
        self._database = None


def _connect(path: Path) -> sqlite3.Connection:
    database = sqlite3.connect(path, timeout=60)
    with database:
        database.execute(
            "CREATE TABLE IF NOT EXISTS namespaces (name TEXT PRIMARY KEY, fingerprint TEXT)"
        )
        database.execute(
            "CREATE TABLE IF NOT EXISTS entries "
            "(namespace TEXT, key TEXT, value BLOB, PRIMARY KEY (namespace, key))"
        )
    return database


def _row_key(key: Hashable) -> str:
    """A key as the file keeps it: keys are tuples of strings, bytes and numbers, whose repr
    is the same in any process."""
    return repr(key)
