"""Which pieces of the search index (build_tools/plugin/prebuilt_search.py) a build makes
again: those holding a document that changed since the last build, and those whose file
in site/ is not as the last build wrote it. The others are left as they are.

The namespace keeps, under "last", what the last index was (`LastIndex`); under
("counts", id), how often each word occurs in each field of a document; under
("terms", prefix), the postings of a piece of words as the worker reads them
(`prebuilt_search.PostingTexts`), so that a document added or removed changes the postings
of its own words only. Its rows are read one at a time, for the documents and pieces
that changed only: one article added to 20,000 reads a few dozen of them. The pieces made
this way are those `prebuilt_search.search_files` makes whole
(tests/incremental/test_search_reuse.py checks it).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.incremental.fingerprint import Step
from build_tools.incremental.site_state import file_signature
from build_tools.incremental.store import Namespace
from build_tools.plugin.prebuilt_search import (
    FieldCounts,
    Layout,
    MissingPosting,
    bucket,
    counted_postings,
    docs_file,
    docs_script,
    field_word_counts,
    layout,
    manifest_file,
    merged_postings,
    shown_document,
    terms_file,
    terms_script,
)

SEARCH = Step(
    "search",
    ("build_tools.plugin.prebuilt_search", "build_tools.incremental.search_reuse"),
    whole=False,
)
MANIFEST = "search_index.json"


@dataclass
class LastIndex:
    """The index the last build made: a digest of its configuration (the words of a
    document depend on it) and of each document (by id), the prefixes of its pieces of
    words, its `bucket_bits`, and the signature of each piece's file as written, by its
    path under search/."""

    config: bytes = b""
    digests: dict[str, bytes] = field(default_factory=dict)
    prefixes: list[str] = field(default_factory=list)
    bits: int = -1
    written: dict[str, list[int] | None] = field(default_factory=dict)


class _Lost(Exception):
    """A row the last index needs is not in the store: the index is made whole."""


class SearchReuse:
    """The pieces of this build's index, through the namespace `SEARCH` opens."""

    def __init__(self, namespace: Namespace):
        self.namespace = namespace
        self.names: list[str] = []  # every piece of the index, by its path under search/
        self.prefixes: list[str] = []  # of the pieces of words
        self.buckets: list[int] = []  # the numbers of the pieces of documents
        self._kept: list[str] = []  # the pieces left as the last build wrote them

    def files(
        self, index: dict[str, Any], folder: Path, digests: list[bytes] | None = None
    ) -> dict[str, str]:
        """The pieces to write in `folder` (search/ of the site), by their paths there; every
        piece's path is then in `names`. `digests`, when given, are those of the index's
        documents (`store.digest`, made with them), in their order."""
        last = self.namespace.get("last")
        if last is None or last.config != self.namespace.digest(index["config"]):
            last = LastIndex()
        if digests is None:
            digests = [self.namespace.digest(doc) for doc in index["docs"]]
        try:
            return self._files(index, folder, last, digests)
        except _Lost:
            return self._files(index, folder, LastIndex(), digests)

    def record(self, folder: Path) -> dict[str, list[int] | None]:
        """After the pieces are written: their signatures, kept for the next build and
        returned, by their paths under search/."""
        last = self.namespace.get("last")
        last.written = {name: file_signature(folder / name) for name in self.names}
        self.namespace.put("last", last)
        return last.written

    def _files(
        self, index: dict[str, Any], folder: Path, last: LastIndex, in_order: list[bytes]
    ) -> dict[str, str]:
        self.prefixes, self.buckets, self._kept = [], [], []
        shape = layout(index)
        docs = dict(zip(shape.ids, index["docs"], strict=True))
        digests = dict(zip(shape.ids, in_order, strict=True))
        changed = {doc_id for doc_id, d in digests.items() if last.digests.get(doc_id) != d}
        dropped = changed | (last.digests.keys() - digests.keys())
        before = {
            doc_id: self._stored(("counts", doc_id))
            for doc_id in sorted(dropped & last.digests.keys())
        }
        counted = {
            doc_id: field_word_counts(shape.analyser, shape.fields, docs[doc_id])
            for doc_id in sorted(changed)
        }
        for doc_id in digests.keys() - changed:
            self.namespace.keep(("counts", doc_id))
        for doc_id, counts in counted.items():
            self.namespace.put(("counts", doc_id), counts)
        texts = self._terms(folder, last, before, counted, len(shape.fields))
        texts.update(self._docs(folder, last, shape, docs, dropped))
        texts[MANIFEST] = manifest_file(index, shape, self.prefixes, self.buckets)
        self.names = sorted(texts.keys() | set(self._kept))
        config = self.namespace.digest(index["config"])
        self.namespace.put("last", LastIndex(config, digests, self.prefixes, shape.bits))
        return texts

    def _stored(self, key: tuple[str, str]) -> Any:
        """The row the last index wrote under `key`; _Lost when the store lost it."""
        value = self.namespace.get(key)
        if value is None:
            raise _Lost
        return value

    def _terms(
        self,
        folder: Path,
        last: LastIndex,
        before: dict[str, FieldCounts],
        counted: dict[str, FieldCounts],
        fields: int,
    ) -> dict[str, str]:
        """The pieces of words to write: those the documents changed or gone (counted
        `before`) and changed or new (`counted`) touch, and those not as written."""
        removed = counted_postings(before, fields)
        added = counted_postings(counted, fields)
        texts: dict[str, str] = {}
        known = set(last.prefixes)
        touched = removed.keys() | added.keys()
        for prefix in sorted(known | added.keys()):
            name = terms_file(prefix)
            if prefix in touched:
                last_piece = self._stored(("terms", prefix)) if prefix in known else {}
                try:
                    postings = merged_postings(
                        last_piece, removed.get(prefix, {}), added.get(prefix, {})
                    )
                except MissingPosting:
                    raise _Lost from None
                if not postings:
                    continue
                self.namespace.put(("terms", prefix), postings)
                texts[name] = terms_script(prefix, postings)
            elif _as_written(folder, name, last):
                self.namespace.keep(("terms", prefix))
                self._kept.append(name)
            else:
                texts[name] = terms_script(prefix, self._stored(("terms", prefix)))
            self.prefixes.append(prefix)
        return texts

    def _docs(
        self,
        folder: Path,
        last: LastIndex,
        shape: Layout,
        docs: dict[str, dict[str, Any]],
        dropped: Collection[str],
    ) -> dict[str, str]:
        """The pieces of documents to write: all of them when their number of bits
        changed, else those holding a document `dropped`, and those not as written."""
        by_bucket: dict[int, list[str]] = {}
        for doc_id in sorted(docs):
            by_bucket.setdefault(bucket(doc_id, shape.bits), []).append(doc_id)
        same_bits = shape.bits == last.bits
        touched = {bucket(doc_id, shape.bits) for doc_id in dropped} if same_bits else None
        texts: dict[str, str] = {}
        self.buckets = sorted(by_bucket)
        for number, ids in by_bucket.items():
            name = docs_file(number)
            if touched is None or number in touched or not _as_written(folder, name, last):
                texts[name] = docs_script(number, {i: shown_document(docs[i]) for i in ids})
            else:
                self._kept.append(name)
        return texts


def _as_written(folder: Path, name: str, last: LastIndex) -> bool:
    """Whether the piece's file is the one the last build wrote."""
    written = last.written.get(name)
    return written is not None and file_signature(folder / name) == written
