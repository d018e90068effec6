"""The search index built with the site, in pieces the reader's browser loads as it needs them.

Material's search worker builds a lunr index in the reader's browser from every word of the
site, at every page load: the wait before the first results grows with the archive (1.5 to
2.5 s at 1,000 articles). The archive's worker (`theme/assets/javascripts/workers/
archive-search.js`) answers Material's search box from an index made here instead:

- `search/search_index.json` (and the script the offline plugin makes of it) holds only the
  index's configuration and a manifest of its pieces;
- `search/terms/<prefix>.js` holds, for every indexed word starting with those two letters,
  the documents that hold it, field by field, and how often;
- `search/docs/<n>.js` holds what a result shows (address, title, text, tags) of the
  documents whose ids start with the same bits (`DOCS_PER_SHARD` of them on average).

A query loads the pieces of its words and of the documents it finds: the work grows with
what the query finds, not with the archive. The worker weighs each word as lunr does
(BM25 with Material's `b = 0`, the field's and the document's boosts, rounded as lunr
rounds) from the number of documents, which only the manifest holds: a document added
changes the pieces of its own words and its piece of documents, no other, so that a
build writes only those (build_tools/incremental/search_reuse.py).

The words are made as Material's worker makes them (its tokenizer, which skips HTML tags;
the separator of mkdocs.yml; lunr's French trimmer and stop words, read from the files
Material ships), and the worker scores and groups results as Material's does, so the same
query finds the same pages (equal scores may come in another order).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import material

#: lunr's BM25 parameters as Material sets them (`k1` is lunr's default; `b(0)`).
K1 = 1.2
#: Documents per piece of the documents' part of the index, at most on average (a query
#: that finds most documents loads every piece: fewer, larger pieces load faster).
DOCS_PER_SHARD = 400
#: Indexed words are put in pieces by their first letters.
PREFIX_LENGTH = 2
#: The worker that replaces Material's, as the site serves it.
WORKER = "assets/javascripts/workers/archive-search.js"
#: The layout of the pieces; the worker refuses another.
FORMAT = 3
#: A page's id is this many bits of a digest of its address, in base 32 (7 digits).
ID_BITS = 35
BASE32 = "0123456789abcdefghijklmnopqrstuv"
#: By field (in the index's order), the documents holding a word and how often it occurs
#: in each, flat and in the order of the ids: `[id, count, id, count, …]`.
Postings = list[list]
#: The same as the worker reads them, field by field: the documents as one string, "id" for
#: a document holding the word once, "id*n" for one holding it n times, space-separated (a
#: third of the size of a JSON list), kept so between builds.
PostingTexts = list[str]
#: How often each word occurs in each field of a document.
FieldCounts = tuple[dict[str, int], ...]

_MATERIAL = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
_ANGLE = re.compile(r"[<>]")


def _material_worker_file() -> Path:
    """Material's own search worker as installed (it has a hash in its name)."""
    (worker,) = (_MATERIAL / "workers").glob("search.*.min.js")
    return worker


def material_worker() -> str:
    """The address of Material's own search worker in the site."""
    return f"assets/javascripts/workers/{_material_worker_file().name}"


@dataclass(frozen=True)
class Analyser:
    """How lunr makes indexed words of a field's text, with Material's tokenizer."""

    separator: re.Pattern
    word_characters: str
    stop_words: frozenset[str]

    def words(self, value: str | list[str]) -> Iterator[str]:
        """The indexed words of a field (a string, or a list of strings such as tags), in
        order, repeated as often as they occur."""
        start, end = _trim_patterns(self.word_characters)
        for text in [value] if isinstance(value, str) else value:
            for section in text_sections(text):
                for piece in self.separator.split(section):
                    word = end.sub("", start.sub("", piece.lower()))
                    if word and word not in self.stop_words:
                        yield word


@cache
def _trim_patterns(word_characters: str) -> tuple[re.Pattern, re.Pattern]:
    return re.compile(f"^[^{word_characters}]+"), re.compile(f"[^{word_characters}]+$")


def text_sections(value: str) -> Iterator[str]:
    """The text of a field outside its HTML tags, cut where Material's tokenizer cuts it: a
    section ends at each `<` and starts after each `>`."""
    start = 0
    for match in _ANGLE.finditer(value):
        end = match.start()
        if match.group() == "<":
            if end > start:
                yield value[start:end]
                start = end
        else:
            start = end + 1
    if len(value) > start:
        yield value[start:]


def language_analyser(config: dict[str, Any]) -> Analyser:
    """The analyser of the index's configuration: its separator, and the trimmer and stop
    words of its one language as lunr-languages (shipped by Material) defines them."""
    languages = config["lang"]
    if len(languages) != 1 or languages[0] == "en":
        raise ValueError(
            f"the archive's search index reads one language other than English, not {languages}"
        )
    script = (_MATERIAL / "lunr" / "min" / f"lunr.{languages[0]}.min.js").read_text("utf-8")
    characters = re.search(r'wordCharacters="([^"]*)"', script)
    stop_words = re.search(r'generateStopWordFilter\("([^"]*)"', script)
    if not characters or not stop_words:
        raise ValueError(f"lunr.{languages[0]}.min.js no longer has the form the archive reads")
    pipeline = config["pipeline"]
    # Without the trimmer every character is a word's: `[^\s\S]` matches nothing.
    return Analyser(
        re.compile(config["separator"]),
        characters.group(1) if "trimmer" in pipeline else r"\s\S",
        frozenset(stop_words.group(1).split()) if "stopWordFilter" in pipeline else frozenset(),
    )


def english_stop_words() -> list[str]:
    """lunr's English stop words: Material leaves a query word among them out of the words
    a result says it misses."""
    worker = _material_worker_file()
    found = re.search(r"generateStopWordFilter\((\[[^\]]*\])", worker.read_text("utf-8"))
    if not found:
        raise ValueError(f"{worker.name} no longer has the form the archive reads")
    return list(json.loads(found.group(1)))


def field_word_counts(
    analyser: Analyser, names: tuple[str, ...], doc: dict[str, Any]
) -> FieldCounts:
    """How often each indexed word occurs in each of the document's fields `names`."""
    return tuple(
        {} if doc.get(name) is None else dict(Counter(analyser.words(doc[name]))) for name in names
    )


def doc_ids(locations: list[str]) -> list[str]:
    """The documents' ids, by their addresses, in order. The first document of a page
    stands for the page: its id is a digest of the page's address, 7 digits in base 32
    (pages whose digests are equal get "-1", "-2"… in the order of their addresses); a
    section after it has the page's id, a dot and its number on the page ("k3v…0.2"). An
    id depends on its page and its place there only: adding a page changes no other's."""
    pages = list(dict.fromkeys(location.split("#", 1)[0] for location in locations))
    by_digest: dict[str, list[str]] = {}
    for page in sorted(pages):
        by_digest.setdefault(_page_digest(page), []).append(page)
    page_ids = {
        page: digest + (f"-{n}" if n else "")
        for digest, same in by_digest.items()
        for n, page in enumerate(same)
    }
    seen: Counter[str] = Counter()
    ids = []
    for location in locations:
        page = location.split("#", 1)[0]
        number = seen[page]
        seen[page] += 1
        ids.append(page_ids[page] + (f".{number}" if number else ""))
    return ids


def _page_digest(page: str) -> str:
    value = int.from_bytes(hashlib.sha256(page.encode("utf-8")).digest()[:8]) >> (64 - ID_BITS)
    return "".join(BASE32[(value >> shift) & 31] for shift in range(ID_BITS - 5, -1, -5))


def bucket_bits(documents: int) -> int:
    """How many first bits of an id choose its piece of documents: the fewest that give
    pieces of `DOCS_PER_SHARD` documents at most on average. It changes when the number of
    documents doubles, not with each document."""
    return max(0, math.ceil(math.log2(max(documents, 1) / DOCS_PER_SHARD)))


def bucket(doc_id: str, bits: int) -> int:
    """The piece of documents an id is in: its first `bits` bits."""
    return int(doc_id[: ID_BITS // 5], 32) >> (ID_BITS - bits)


def counted_postings(
    counted: Mapping[str, FieldCounts], fields: int
) -> dict[str, dict[str, Postings]]:
    """By the first letters of each word (`PREFIX_LENGTH`), then by word, field by field,
    the documents `counted` (by id) that hold it and how often, flat and in the order of
    the ids: `[id, count, id, count, …]`."""
    pieces: dict[str, dict[str, Postings]] = {}
    for doc_id in sorted(counted):
        for field, held in enumerate(counted[doc_id]):
            for word, count in held.items():
                words = pieces.setdefault(word[:PREFIX_LENGTH], {})
                postings = words.get(word)
                if postings is None:
                    postings = words[word] = [[] for _ in range(fields)]
                postings[field] += (doc_id, count)
    return pieces


class MissingPosting(Exception):
    """A document to take out of a piece of words is not where its counts say it is."""


def merged_postings(
    last: Mapping[str, PostingTexts],
    removed: Mapping[str, Postings],
    added: Mapping[str, Postings],
) -> dict[str, PostingTexts]:
    """One piece of words: its postings `last` (by word) without the documents `removed`
    and with those `added` (both pieces of `counted_postings`: the documents gone or
    changed, counted as they were, and those new or changed, as they are), in the order of
    the ids. The other words' postings are taken as they are; a word no document holds any
    more is left out. Raises `MissingPosting` when a document to remove is not there."""
    merged = dict(last)
    for word in removed.keys() | added.keys():
        before, out, into = last.get(word), removed.get(word), added.get(word)
        fields = len(before or out or into or ())
        texts = [
            _merged_text(
                before[field] if before else "",
                out[field] if out else [],
                into[field] if into else [],
            )
            for field in range(fields)
        ]
        if any(texts):
            merged[word] = texts
        else:
            merged.pop(word, None)
    return merged


def _merged_text(text: str, removed: list, added: list) -> str:
    """A posting text without the documents `removed`, with those `added` (both
    `[id, count, …]`, in the order of the ids), in the order of the ids."""
    if not text and not removed:
        return _posting_text(added)
    held = text.split(" ")
    for doc_id in removed[::2]:
        at = bisect.bisect_left(held, doc_id, key=_posting_id)
        if at == len(held) or _posting_id(held[at]) != doc_id:
            raise MissingPosting(doc_id)
        del held[at]
    new = [_posting(doc_id, count) for doc_id, count in zip(added[::2], added[1::2], strict=True)]
    if len(new) * len(held).bit_length() < len(held) + len(new):  # a few, into many
        for posting in new:
            bisect.insort(held, posting, key=_posting_id)
    else:
        held = sorted(held + new, key=_posting_id)
    return " ".join(held)


def _posting_id(held: str) -> str:
    """The id of a document in a posting text ("id" or "id*n")."""
    return held.partition("*")[0]


def shard_name(prefix: str) -> str:
    """The file name of the words starting with `prefix` (code points in hexadecimal: a
    file name the same on every file system)."""
    return "-".join(f"{ord(c):x}" for c in prefix) + ".js"


def _script(kind: str, key: str | int, data: Any) -> str:
    """A piece as a script the worker imports: JSON parsed by JSON.parse (faster than a
    literal), handed to the worker's `archiveShard`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"archiveShard({json.dumps(kind)},{json.dumps(key)},JSON.parse({json.dumps(text)}));\n"


def terms_file(prefix: str) -> str:
    """The path under search/ of the piece of the words starting with `prefix`."""
    return f"terms/{shard_name(prefix)}"


def terms_script(prefix: str, postings: Mapping[str, PostingTexts]) -> str:
    """The piece of words as the worker reads it: for each word, field by field, the
    documents holding it (`PostingTexts`)."""
    return _script("terms", prefix, postings)


def posting_texts(postings: Postings) -> PostingTexts:
    """A word's postings as the worker reads them (`PostingTexts`)."""
    return [_posting_text(flat) for flat in postings]


def _posting_text(flat: list) -> str:
    return " ".join(
        _posting(doc_id, count) for doc_id, count in zip(flat[::2], flat[1::2], strict=True)
    )


def _posting(doc_id: str, count: int) -> str:
    """A document holding a word `count` times, in a posting text."""
    return doc_id if count == 1 else f"{doc_id}*{count}"


def docs_file(number: int) -> str:
    """The path under search/ of a piece of documents."""
    return f"docs/{number}.js"


def docs_script(number: int, shown: Mapping[str, list]) -> str:
    return _script("docs", number, shown)


def shown_document(doc: dict[str, Any]) -> list:
    """What a result shows of a document: [address, title, text, tags]."""
    return [doc["location"], doc.get("title", ""), doc.get("text", ""), doc.get("tags")]


@dataclass(frozen=True)
class Layout:
    """What the pieces of an index are made from: its documents' ids (`doc_ids`), the
    analyser and fields of its configuration, and the pieces of documents' `bucket_bits`."""

    ids: list[str]
    analyser: Analyser
    fields: tuple[str, ...]
    bits: int


def layout(index: dict[str, Any]) -> Layout:
    config, docs = index["config"], index["docs"]
    return Layout(
        doc_ids([doc["location"] for doc in docs]),
        language_analyser(config),
        tuple(config["fields"]),
        bucket_bits(len(docs)),
    )


def manifest_file(
    index: dict[str, Any], shape: Layout, prefixes: Collection[str], buckets: Collection[int]
) -> str:
    """`search_index.json`: Material's configuration of the index, with the archive's
    manifest of its pieces (those of the words by their `prefixes`, those of the documents
    by their numbers), and no documents."""
    config, docs = index["config"], index["docs"]
    boosts = {
        doc_id: boost
        for doc_id, doc in zip(shape.ids, docs, strict=True)
        if (boost := doc.get("boost") or 1) != 1
    }
    manifest = {
        "format": FORMAT,
        "documents": len(docs),
        "k1": K1,
        "id_bits": ID_BITS,
        "bucket_bits": shape.bits,
        "buckets": sorted(buckets),
        "prefix_length": PREFIX_LENGTH,
        "prefixes": sorted(prefixes),
        "boosts": dict(sorted(boosts.items())),
        "word_characters": shape.analyser.word_characters,
        "english_stop_words": english_stop_words(),
    }
    stub = {"config": {**config, "archive": manifest}, "docs": []}
    return json.dumps(stub, ensure_ascii=False, separators=(",", ":"))


def search_files(index: dict[str, Any]) -> dict[str, str]:
    """The pieces of Material's index (`{"config", "docs"}`, as the archive reduces it),
    each by its path under search/, made whole (the build makes only the pieces whose
    documents changed: build_tools/incremental/search_reuse.py)."""
    shape = layout(index)
    counted = {
        doc_id: field_word_counts(shape.analyser, shape.fields, doc)
        for doc_id, doc in zip(shape.ids, index["docs"], strict=True)
    }
    terms = counted_postings(counted, len(shape.fields))
    files = {
        terms_file(prefix): terms_script(
            prefix, {word: posting_texts(postings) for word, postings in terms[prefix].items()}
        )
        for prefix in sorted(terms)
    }
    shown: dict[int, dict[str, list]] = {}
    for doc_id, doc in sorted(zip(shape.ids, index["docs"], strict=True)):
        shown.setdefault(bucket(doc_id, shape.bits), {})[doc_id] = shown_document(doc)
    files.update({docs_file(n): docs_script(n, shown[n]) for n in sorted(shown)})
    files["search_index.json"] = manifest_file(index, shape, terms, shown)
    return files
