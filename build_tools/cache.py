"""What a build remembers from the previous one: values by key, each file of them under a
fingerprint of everything its values depend on besides their key.

A `Memo` keeps values for one build; a `Cache` is a memo read from and written to a
pickle in the user's cache folder (see `Project.cache_dir`). Loading a pickle can run
code, so a cache file is only ever read from there, never from the project where a pull
request could plant one. A file written under another fingerprint (other code, other
resources) or that cannot be read is ignored: the build starts afresh. Saving keeps the
entries this build used and drops the others, so a cache holds the current corpus only.
Deleting the folder is always safe.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import os
import pickle
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
    """A memo kept in the file at `path`, read when first used (a build that needs none
    of it does not pay for reading it), if it was saved under the same fingerprint."""

    def __init__(self, path: Path, fingerprint: str):
        super().__init__()
        self.path = path
        self.fingerprint = fingerprint
        self._loaded = False
        self._changed = False

    @property
    def entries(self) -> dict[Hashable, Any]:
        if not self._loaded:
            self._entries = self._read()
            self._loaded = True
        return self._entries

    def _read(self) -> dict[Hashable, Any]:
        # Unpickling makes many objects at once, which the cyclic garbage collector would
        # go over again and again (several times the time of the unpickling itself).
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self.path.open("rb") as f:
                stored_fingerprint, entries = pickle.load(f)
        except Exception:  # noqa: BLE001 - no cache yet, or one unreadable for whatever reason (a library's pickles changed): start afresh
            return {}
        finally:
            if collecting:
                gc.enable()
        return entries if stored_fingerprint == self.fingerprint and isinstance(entries, dict) else {}

    def put(self, key: Hashable, value: Any) -> None:
        super().put(key, value)
        self._changed = True

    def save(self) -> None:
        """Write the entries this build used, dropping the others, unless the file holds
        just these already (or this build used none); atomically, so that an interrupted
        build leaves the previous file or none. Every entry is valid for any corpus (keyed
        by content, or checked against it), so the last of two builds at once may win."""
        if not self._loaded or (not self._changed and len(self.kept) == len(self._entries)):
            return
        self._entries = {k: self._entries[k] for k in self.kept}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.part")  # two builds at once write apart
        with partial.open("wb") as f:
            pickle.dump((self.fingerprint, self._entries), f, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)
        self._changed = False


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
