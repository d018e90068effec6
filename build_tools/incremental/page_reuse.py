"""Pages of the previous build, reused when nothing they show has changed.

`render_site` makes each page (its Markdown, and its map file if it has one) through a
page maker, with a function of the page's *inputs* (an article and its record, an
incident, a catalogue entry, the items of an index…) and of what the page *looks up*
while it renders through `common`: catalogue entries by kind and name, records and
incidents by id. During a page's render those look-ups return views that note each field
the page reads; the page is kept with, for each object it looked up, the fields it read
and one digest of their values (and the object's own digest when the build knows it by
what made it: a record's, an incident's). The next build reuses the page's files without
rendering when the digest of its inputs and those of the fields it read are unchanged (an
object whose own digest is unchanged has its fields unchanged); otherwise the page is
rendered again and what it reads is noted anew. An article page that links to a place
reads the place entry's kind and id, so another article naming that place changes the
entry but not the page.

Digests are SHA-256 of `repr`, which dataclasses give field by field: a field left out
of its class's repr (`Article.lines`) is not part of the digest, so no page may show it;
a set would make digests vary from one process to the next (misses, not wrong pages).
Records and incidents are digested by what made them instead, much faster: a record by
the key it was extracted under and the call that gave it its incident, an incident by the
calls that made it (`Memo.digest_as_made_by`). A page function must reach shared data
only through its inputs and `common`; everything else it can see (templates, labels,
functions) is code, which the pages step's fingerprint covers (fingerprint.py), so that a
stale store can only miss, never give other bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from build_tools.catalogue import Entry
from build_tools.incremental.store import Memo, digest
from build_tools.model import ArticleRecord, Incident
from build_tools.render.pages import Lookups, PageFunction

#: What a page looks something up by: a catalogue entry's (kind, name), or an id.
LookupKey = tuple[str, str] | str
#: A field a page read: (kind, key, field), kind "entry" (key: (kind, name)), "record" or
#: "incident" (key: id). Field None stands for the look-up itself: whether it found anything.
Read = tuple[str, LookupKey, str | None]
#: The fields a page read of one object: (kind, key, fields, the object's digest when it was
#: known at once, one digest of the fields' values). One digest per object, not per field:
#: an index page reads a few fields of thousands of incidents, and the next build unpickles
#: all of them before it renders anything. The object's digest, when it is the same, spares
#: the digest of the fields (the `repr` of their values).
ObjectRead = tuple[str, LookupKey, tuple[str | None, ...], bytes | None, bytes]
_GONE = b"gone"  # the digest of a field of something that no longer exists


@dataclass(frozen=True)
class StoredPage:
    """A page as a build made it: the digest of its inputs, what it read of each object it
    looked up, and the paths of its files (kept apart: `PageReuse`)."""

    inputs: bytes
    reads: tuple[ObjectRead, ...]
    paths: tuple[str, ...]


class SharedData:
    """What pages look up, in this build; and the digests of the fields read, each computed
    once. `known` gives an object's digest when the memo knows it already (`Memo.known`):
    a record's or an incident's, by what made them."""

    def __init__(self, lookups: Lookups, known: Callable[[Any], bytes | None]):
        self.lookups = lookups
        self.known = known
        self._digests: dict[Read, bytes] = {}
        self._field_digests: dict[tuple[str, LookupKey, tuple[str | None, ...]], bytes] = {}

    def find(self, kind: str, key: LookupKey) -> Entry | ArticleRecord | Incident | None:
        if kind == "entry":
            assert isinstance(key, tuple), key  # entries are looked up by (kind, name)
            return self.lookups.catalogue.entry(*key)
        assert isinstance(key, str), key  # records and incidents by id
        return (self.lookups.records if kind == "record" else self.lookups.incidents).get(key)

    def read_digest(self, read: Read) -> bytes:
        known = self._digests.get(read)
        if known is None:
            kind, key, field = read
            found = self.find(kind, key)
            if field is None:
                known = digest(found is not None)
            else:
                known = _GONE if found is None else digest(getattr(found, field))
            self._digests[read] = known
        return known

    def object_digest(self, kind: str, key: LookupKey) -> bytes | None:
        """The digest of the object found, when it is known; None when it is not (or gone)."""
        found = self.find(kind, key)
        return None if found is None else self.known(found)

    def unchanged(self, read: ObjectRead) -> bool:
        """Whether the fields read of an object have the values they had."""
        kind, key, fields, object_digest, values = read
        return (
            object_digest is not None and self.object_digest(kind, key) == object_digest
        ) or self.fields_digest(kind, key, fields) == values

    def fields_digest(self, kind: str, key: LookupKey, fields: tuple[str | None, ...]) -> bytes:
        """One digest of the values of these fields of one object, in this order."""
        known = self._field_digests.get((kind, key, fields))
        if known is None:
            values = b"".join(self.read_digest((kind, key, field)) for field in fields)
            known = hashlib.blake2b(values, digest_size=16).digest()
            self._field_digests[(kind, key, fields)] = known
        return known


class PageReuse:
    """A page maker for `render_site` that keeps pages by path in `memo` and their files in
    `files` (namespaces of the store); lists the paths of the pages `rendered` and `reused`
    since it was made.

    A reused page's files are given as functions that read them from `files` (or, should
    they be missing there, render the page again): the writer calls them only for a file
    that docs/ no longer holds as the last build left it. The files are most of what the
    store keeps of pages (380 MB of 420 at 20,000 articles), and a rebuild that reads none
    of them saves the time of reading them all."""

    def __init__(self, memo: Memo, files: Memo):
        self.memo = memo
        self.files = files
        self.rendered: list[str] = []
        self.reused: list[str] = []
        #: The files of the reused pages: the bytes the previous build made for them.
        self.reused_files: set[str] = set()
        self._shared: SharedData | None = None

    def __call__(
        self, path: str, lookups: Lookups, make: PageFunction, inputs: tuple
    ) -> Mapping[str, str | Callable[[], str]]:
        """`make(path, *inputs, common)`: the files of the page at path, or those the previous
        build made with the same inputs and the same values of every field it read."""
        if self._shared is None or self._shared.lookups is not lookups:
            self._shared = SharedData(lookups, self.memo.known)
        shared = self._shared
        key = ("page", path)
        inputs_digest = self.memo.digest((make.__qualname__, path, inputs))
        stored = self.memo.get(key)
        if (
            stored is not None
            and stored.inputs == inputs_digest
            and all(shared.unchanged(read) for read in stored.reads)
        ):
            self.reused.append(path)
            self.reused_files.update(stored.paths)
            self.files.keep(key)

            def remake() -> dict[str, str]:
                return make(path, *inputs, lookups.common())

            return {file: partial(self._stored_file, key, file, remake) for file in stored.paths}
        reader = _Reader(shared)
        files = make(path, *inputs, reader.common())
        self.memo.put(key, StoredPage(inputs_digest, reader.object_reads(), tuple(files)))
        self.files.put(key, files)
        self.rendered.append(path)
        return files

    def _stored_file(self, key: tuple, path: str, remake: Callable[[], dict[str, str]]) -> str:
        """The file at path of a reused page, as the store keeps it, else made again."""
        files = self.files.get(key)
        if files is None or path not in files:  # a row that failed its check
            files = remake()
            self.files.put(key, files)
        return files[path]


class _Reader:
    """One page's render: the views it reads shared data through, and the reads noted (in
    the order of their first reading)."""

    def __init__(self, shared: SharedData):
        self.shared = shared
        self.reads: dict[Read, None] = {}

    def note(self, read: Read) -> None:
        self.reads[read] = None

    def object_reads(self) -> tuple[ObjectRead, ...]:
        """The reads noted, object by object, each object's with the digest of their values."""
        fields: dict[tuple[str, LookupKey], list[str | None]] = {}
        for kind, key, field in self.reads:
            fields.setdefault((kind, key), []).append(field)
        return tuple(
            (
                kind,
                key,
                tuple(read),
                self.shared.object_digest(kind, key),
                self.shared.fields_digest(kind, key, tuple(read)),
            )
            for (kind, key), read in fields.items()
        )

    def common(self) -> dict[str, Any]:
        return {
            "catalogue": _CatalogueView(self),
            "records": _LookupView(self, "record"),
            "incidents": _LookupView(self, "incident"),
            # Not noted: they depend on nothing but code, which the fingerprint covers.
            "map_skeletons": self.shared.lookups.map_skeletons,
        }

    def view(self, kind: str, key: LookupKey) -> _ObjectView | None:
        """The object found, as a view, or None; either way the look-up is noted."""
        self.note((kind, key, None))
        found = self.shared.find(kind, key)
        return None if found is None else _ObjectView(found, kind, key, self)


class _CatalogueView:
    def __init__(self, reader: _Reader):
        self._reader = reader

    def entry(self, kind: str, name: str) -> _ObjectView | None:
        return self._reader.view("entry", (kind, name))


class _LookupView:
    """Records or incidents by id, as `records[id]` and `incidents.get(id)` read them."""

    def __init__(self, reader: _Reader, kind: str):
        self._reader = reader
        self._kind = kind

    def get(self, key: str) -> _ObjectView | None:
        return self._reader.view(self._kind, key)

    def __getitem__(self, key: str) -> _ObjectView:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found


class _ObjectView:
    """A record, incident or entry as a page sees it: reading a field notes it. Methods and
    properties run on the view, so that what they read is noted field by field."""

    __slots__ = ("_key", "_kind", "_reader", "_target")

    def __init__(self, target: Any, kind: str, key: LookupKey, reader: _Reader):
        self._target = target
        self._kind = kind
        self._key = key
        self._reader = reader

    def __getattr__(self, name: str) -> Any:
        cls: type = type(self._target)  # as `type`: mypy does not see `type[…]` as Hashable
        attribute = _class_attribute(cls, name)
        if isinstance(attribute, property):
            assert attribute.fget is not None  # the model's properties all have getters
            return attribute.fget(self)
        if inspect.isfunction(attribute):
            return types.MethodType(attribute, self)
        value = getattr(self._target, name)
        self._reader.note((self._kind, self._key, name))
        return value

    def __eq__(self, other: object) -> bool:
        """Whether the two objects are equal, every field of both noted as read: a page that
        compares them shows something that depends on all of their fields."""
        return self._whole() == (other._whole() if isinstance(other, _ObjectView) else other)

    def _whole(self) -> Any:
        """The object itself, every field of it noted."""
        for item in dataclasses.fields(self._target):
            self._reader.note((self._kind, self._key, item.name))
        return self._target

    __hash__ = None  # type: ignore[assignment]


@cache
def _class_attribute(cls: type, name: str) -> Any:
    return inspect.getattr_static(cls, name, None)
