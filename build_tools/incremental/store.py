"""One store for everything a build remembers: an SQLite file in the user's cache folder,
a namespace per step, each namespace under the fingerprint of what its values depend on
besides their keys (`fingerprint.py`).

A namespace opened under another fingerprint than the one its rows were written under
is emptied: the step starts afresh, and the others keep theirs. Each value is pickled
in a row of its own, so that adding an article rewrites a few rows, not the whole store.
Loading a pickle can run code, so the store is only ever read from the user's cache
folder, never from the project, where a pull request could plant one. Saving drops the
rows a build neither read nor stored (unless asked to keep them: `archive check` of one
file reads a few), so that the store holds the current corpus only.

The store is an optimisation, never a source of truth or of failure. Each row carries a
digest of its namespace, key and value, checked when it is read: a row that does not
match is computed again. A file that cannot be used (damaged, unreadable, unwritable,
locked by another process for more than a few seconds) is reported in one line, then
replaced by a fresh file or, when even that fails, the build goes on without one.
Deleting the folder is always safe. A store of no path (`--no-cache`) lives in memory.

Stages never see the store. They apply their pure functions through a `Call`
(call.py; `apply` by default); the orchestrator passes `Namespace.call`, which keys each
result by the function's name and a digest of its arguments. A value is digested by its
`repr`; a record extracted, or the value of a function marked `made_again`, by what made
it, which is much faster (`digest_as_made_by`).
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sqlite3
import sys
import weakref
from collections.abc import Callable, Collection, Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from build_tools.incremental.call import is_made_again, starts_from_last
from build_tools.messages import _

if TYPE_CHECKING:
    from hashlib import _Hash as Hash

T = TypeVar("T")
_ABSENT = object()
#: The file's layout (its `user_version`): a file of another layout is started afresh.
LAYOUT = 2
#: How long to wait for a store another process is writing before going on without it.
LOCK_WAIT_SECONDS = 5.0
_DIGEST_BYTES = 16
_reported: set[str] = set()


def report_once(path: Path, reason: str) -> None:
    """Say on stderr, once per store and process, that the store could not be used."""
    if str(path) not in _reported:
        _reported.add(str(path))
        line = _("cache damaged, rebuilt from the corpus: {path} ({reason})")
        print(line.format(path=path, reason=reason), file=sys.stderr)


def digest(value: Any) -> bytes:
    """SHA-256 of the value's `repr`, which dataclasses give field by field."""
    return hashlib.sha256(repr(value).encode("utf-8")).digest()


#: Digests by object id, each with its object (`Memo.digest`).
Digests = dict[int, tuple[Any, bytes]]


class Memo:
    """Values by key, in memory; the keys this build read or stored are `kept`. Memos given
    the same `digests` share them: a record is digested once for the grouping, the pages
    and the exports. The `fingerprint` covers the code of the functions called through the
    memo (`Namespace`), so that a value can be digested by the call that made it."""

    def __init__(self, digests: Digests | None = None, fingerprint: str = "") -> None:
        self.entries: dict[Hashable, Any] = {}
        self.kept: set[Hashable] = set()
        self._digests: Digests = {} if digests is None else digests
        self.fingerprint = fingerprint

    def get(self, key: Hashable, default: Any = None) -> Any:
        value = self.entries.get(key, _ABSENT)
        if value is _ABSENT:
            return default
        self.kept.add(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self.entries[key] = value
        self.kept.add(key)

    def keep(self, key: Hashable) -> None:
        """Keep the value under key for the next build, unread."""
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
        namespace's fingerprint covers, under a digest of the arguments; for a function
        marked `from_last`, see `_continued`; one marked `made_again` is called every time,
        its value never stored and digested by the call (call.py)."""
        key = (function.__module__, function.__qualname__, self.digest(arguments))
        if starts_from_last(function):
            return self._continued(function, key, arguments)
        if is_made_again(function):
            value = function(*arguments)
            self.digest_as_made_by(key, value)
            return value
        return self.memo(key, lambda: function(*arguments))

    def digest_as_made_by(self, key: Hashable, value: Any) -> None:
        """Digest `value` by `key`, which with the memo's fingerprint determines it (the
        call that made it, the key a namespace keeps it under), rather than by its `repr`;
        a value digested already keeps its digest. Sound for a value no one changes: those
        of the pipeline are frozen dataclasses."""
        made_by = f"{self.fingerprint}\0{_row_key(key)}".encode()
        self._digests.setdefault(id(value), (value, hashlib.sha256(made_by).digest()))

    def _continued(self, function: Callable[..., T], key: tuple, arguments: tuple) -> T:
        """One value per function, kept under its name with the digest of its arguments:
        returned when they are the same, else given to it as `last` (call.py)."""
        name, arguments_digest = key[:2], key[2]
        stored = self.get(name)
        if stored is not None and stored[0] == arguments_digest:
            return stored[1]
        value = function(*arguments, last=None if stored is None else stored[1])
        self.put(name, (arguments_digest, value))
        return value

    def remember(self, value: Any, value_digest: bytes) -> None:
        """Take `value_digest` for `digest(value)`: the digest of a value, kept with it when
        it was stored, given back with the value unpickled."""
        self._digests.setdefault(id(value), (value, value_digest))

    def known(self, value: Any) -> bytes | None:
        """The value's digest if it was made already (`digest`, `digest_as_made_by`)."""
        known = self._digests.get(id(value))
        return None if known is None else known[1]

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
    """The values of one step in the store, read from its file when first asked for: all
    of them at once, or, unless `whole`, one at a time."""

    def __init__(
        self, store: Store, name: str, fingerprint: str, *, pruned: bool = True, whole: bool = True
    ):
        super().__init__(store.digests, f"{name}\0{fingerprint}")
        # Weakly: a store and its namespaces referring to each other would keep every value
        # of a build alive until the cyclic collector ran.
        self._store = weakref.ref(store)
        self.name = name
        self.pruned = pruned
        self.whole = whole
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
        faster than one per key), each value unpickled as its row comes; unless it is not
        `whole`: then only the row asked for is read."""
        store = self._store()
        if store is None:
            raise ReferenceError(f"namespace {self.name!r} read after its store was freed")
        if not self.whole:
            rows = store.rows(self.name, _row_key(key))
            return _unpickled(rows[0][1]) if rows else _ABSENT
        if self._rows is None:
            self._rows = {}
            for row_key, value in store.rows(self.name):
                if (unpickled := _unpickled(value)) is not _ABSENT:
                    self._rows[row_key] = unpickled
        return self._rows.pop(_row_key(key), _ABSENT)


def _unpickled(value: bytes | memoryview) -> Any:
    """The value pickled, _ABSENT if it cannot be read."""
    try:
        return pickle.loads(value)
    except Exception:  # noqa: BLE001 - a value a library can no longer read: computed again
        return _ABSENT


class Store:
    """The SQLite file at `path`, opened when a namespace is first read or saved (a build
    that needs none of it leaves it as it is); of no path, a store in memory only."""

    def __init__(self, path: Path | None, report: Callable[[Path, str], None] = report_once):
        self.path = path
        self.report = report
        self.namespaces: dict[str, Namespace] = {}
        #: Shared by its namespaces (`Memo`).
        self.digests: Digests = {}
        self._fingerprints: dict[str, str] = {}
        self._database: sqlite3.Connection | None = None
        self._unusable = path is None  # then every value lives in memory only

    def namespace(
        self, name: str, fingerprint: str, *, pruned: bool = True, whole: bool = True
    ) -> Namespace:
        """The step's namespace; emptied when first read if written under another fingerprint.
        When `pruned`, saving drops the values this build did not use (`Namespace.keep`
        keeps one unread); unless `whole`, values are read one at a time."""
        known = self._fingerprints.get(name)
        if known is not None and known != fingerprint:
            raise ValueError(f"namespace {name!r} is already open under another fingerprint")
        self._fingerprints[name] = fingerprint
        if self._database is not None:
            self._guarded(self._empty_outdated)
        if name not in self.namespaces:
            self.namespaces[name] = Namespace(self, name, fingerprint, pruned=pruned, whole=whole)
        return self.namespaces[name]

    def rows(self, namespace: str, key: str | None = None) -> list[tuple[str, memoryview]]:
        """The (key, pickled value) rows of a namespace (or its row under `key`) whose digest
        holds; none when the file cannot be read. The values are views of the rows read,
        not copies: a build reads hundreds of megabytes of them."""
        query = "SELECT key, value FROM entries WHERE namespace = ?"
        parameters: tuple[str, ...] = (namespace,)
        if key is not None:
            query, parameters = query + " AND key = ?", (namespace, key)

        def read() -> list[tuple[str, bytes]]:
            database = self.database()
            return list(database.execute(query, parameters)) if database else []

        found = self._guarded(read) or []
        prefix = hashlib.sha256(namespace.encode() + b"\0")
        checked = [
            (key, value)
            for key, sealed in found
            if (value := _unsealed(prefix, key, sealed)) is not None
        ]
        if len(checked) < len(found) and self.path is not None:
            failed = len(found) - len(checked)
            self.report(self.path, _("{n} value(s) failed their check").format(n=failed))
        return checked

    def database(self) -> sqlite3.Connection | None:
        """The open file, None when the store has none it can use."""
        if self._database is None and not self._unusable:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._database = _connect(self.path)
            self._empty_outdated()
        return self._database

    def _guarded(self, operation: Callable[[], T]) -> T | None:
        """`operation()`; when the file fails it, the failure reported, the file replaced by a
        fresh one (or, when that fails too, the store left in memory) and None returned."""
        try:
            return operation()
        except (sqlite3.Error, OSError) as error:
            self._give_up(error)
            return None

    def _give_up(self, error: Exception) -> None:
        """Report the failure; start a fresh file, unless another process holds this one."""
        assert self.path is not None
        self.report(self.path, str(error) or type(error).__name__)
        self._close()
        self._unusable = True
        if "locked" in str(error):
            return  # another process is writing it: leave it to that process
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self._database = _connect(self.path)
            self._empty_outdated()
            self._unusable = False
        except (sqlite3.Error, OSError):
            self._close()

    def _close(self) -> None:
        if self._database is not None:
            with contextlib.suppress(sqlite3.Error):
                self._database.close()
        self._database = None

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

    def save(self, *, prune: bool = True, without: Collection[str] = ()) -> None:
        """Write the values each namespace stored (but those named `without`) and, when
        `prune`, delete those it neither read nor stored, in one transaction; then close the
        file. Every value is valid for any corpus (keyed by content, or checked against it),
        so two builds can share it."""
        if self._database is None and not any(n.stored for n in self.namespaces.values()):
            return
        written = self._guarded(lambda: self._write(prune, without))
        if written is None and not self._unusable:  # into the fresh file that replaced it
            self._guarded(lambda: self._write(prune, without))
        for namespace in self.namespaces.values():
            namespace.stored.clear()
        self._close()

    def _write(self, prune: bool, without: Collection[str]) -> bool:
        database = self.database()
        if database is None:
            return False
        with database:
            for namespace in self.namespaces.values():
                if namespace.name in without:
                    continue
                database.executemany(  # row by row: a cold build's pages are hundreds of MB pickled
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                    _sealed_rows(namespace),
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
                namespace._rows = None
        return True


def _sealed_rows(namespace: Namespace) -> Iterable[tuple[str, str, bytes]]:
    for key in namespace.stored:
        row_key = _row_key(key)
        value = pickle.dumps(namespace.entries[key], protocol=pickle.HIGHEST_PROTOCOL)
        yield namespace.name, row_key, _seal(namespace.name, row_key, value)


def _seal(namespace: str, key: str, value: bytes) -> bytes:
    """The value with a digest of its namespace, key and bytes in front."""
    return _row_digest(hashlib.sha256(namespace.encode() + b"\0"), key, value) + value


def _unsealed(prefix: Hash, key: object, sealed: object) -> memoryview | None:
    """The value of a row whose digest holds, None for one whose does not (SQLite keeps any
    type in any column: a damaged row may hold text or nothing where bytes were written).
    `prefix` is the digest begun with the row's namespace."""
    if not isinstance(key, str) or not isinstance(sealed, bytes):
        return None
    value = memoryview(sealed)[_DIGEST_BYTES:]
    return value if sealed[:_DIGEST_BYTES] == _row_digest(prefix, key, value) else None


def _row_digest(prefix: Hash, key: str, value: bytes | memoryview) -> bytes:
    digest = prefix.copy()
    digest.update(key.encode() + b"\0")
    digest.update(value)
    return digest.digest()[:_DIGEST_BYTES]


def _connect(path: Path) -> sqlite3.Connection:
    database = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS)
    if database.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
        with database:  # a file of an earlier layout (or a new one): its rows start afresh
            database.execute("DROP TABLE IF EXISTS entries")
            database.execute("DROP TABLE IF EXISTS namespaces")
            database.execute(f"PRAGMA user_version = {LAYOUT}")
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
