"""The search index built with the site, in pieces the reader's browser loads as it needs them.

Material's search worker builds a lunr index in the reader's browser from every word of the
site, at every page load: the wait before the first results grows with the archive (1.5 to
2.5 s at 1,000 articles). The archive's worker (`theme/assets/javascripts/workers/
archive-search.js`) answers Material's search box from an index made here instead:

- `search/search_index.json` (and the script the offline plugin makes of it) holds only the
  index's configuration and a manifest of its pieces;
- `search/terms/<prefix>.js` holds, for every indexed word starting with those two letters,
  the documents that hold it, field by field, with lunr's weight for it (BM25 with
  Material's `b = 0`, the field's and the document's boosts, rounded as lunr rounds);
- `search/docs/<n>.js` holds what a result shows (address, title, text, tags) of
  `DOCS_PER_SHARD` documents.

A query loads the pieces of its words and of the documents it finds: the work grows with
what the query finds, not with the archive. The words are made as Material's worker makes
them (its tokenizer, which skips HTML tags; the separator of mkdocs.yml; lunr's French
trimmer and stop words, read from the files Material ships), and the worker scores and
groups results as Material's does, so the same query finds the same pages.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import material

from build_tools.incremental.call import Call, apply

#: lunr's BM25 parameters as Material sets them (`k1` is lunr's default; `b(0)`).
K1 = 1.2
#: Documents per piece of the documents' part of the index.
DOCS_PER_SHARD = 200
#: Indexed words are put in pieces by their first letters.
PREFIX_LENGTH = 2
#: The worker that replaces Material's, as the site serves it.
WORKER = "assets/javascripts/workers/archive-search.js"
#: The layout of the pieces; the worker refuses another.
FORMAT = 1

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

    def __repr__(self) -> str:
        """The same in every process (a set's order is not), as a digest of it must be."""
        return repr((self.separator.pattern, self.word_characters, sorted(self.stop_words)))

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


def lunr_round(value: float) -> float:
    """`Math.round(value * 1000) / 1000`, as lunr rounds a weight (half up, not to even)."""
    return math.floor(value * 1000 + 0.5) / 1000


def field_word_counts(
    analyser: Analyser, names: tuple[str, ...], doc: dict[str, Any]
) -> tuple[dict[str, int], ...]:
    """How often each indexed word occurs in each of the document's fields `names`."""
    return tuple(
        {} if doc.get(name) is None else dict(Counter(analyser.words(doc[name]))) for name in names
    )


def weighted_postings(
    docs: list[dict[str, Any]],
    fields: dict[str, dict[str, float]],
    analyser: Analyser,
    call: Call = apply,
) -> dict[str, list[list[float]]]:
    """For each indexed word, field by field (in the order of `fields`), the documents that
    hold it and its weight in each, flat: `[doc, weight, doc, weight, …]`. Each document's
    words are counted through `call` (the build keeps them: most documents are those of
    the last build).

    lunr's weight with `b = 0`: idf × (k1 + 1) × tf / (k1 + tf) × field boost × document
    boost, where idf counts a document once per field that holds the word."""
    names = tuple(fields)
    by_field: list[dict[str, dict[int, int]]] = [{} for _ in names]
    for number, doc in enumerate(docs):
        counted = call(field_word_counts, analyser, names, doc)
        for found, held in zip(by_field, counted, strict=True):
            for word, count in held.items():
                holders = found.get(word)
                if holders is None:
                    holders = found[word] = {}
                holders[number] = count
    total = len(docs)
    doc_boosts = [doc.get("boost") or 1 for doc in docs]
    postings: dict[str, list[list[float]]] = {}
    for word in sorted(set().union(*by_field)):
        per_field = [found.get(word, {}) for found in by_field]
        holding = sum(len(held) for held in per_field)
        idf = math.log(1 + abs((total - holding + 0.5) / (holding + 0.5)))
        postings[word] = [
            _flat_weights(idf, held, fields[name].get("boost") or 1, doc_boosts)
            for name, held in zip(names, per_field, strict=True)
        ]
    return postings


def _flat_weights(
    idf: float, held: dict[int, int], field_boost: float, doc_boosts: list[float]
) -> list[float]:
    """`[doc, weight, doc, weight, …]` of the documents holding a word in a field, by their
    counts of it. A weight depends only on the count and the document's boost: each is
    computed once per word and field (most words occur once, in documents of one boost)."""
    weights: dict[tuple[int, float], float] = {}
    flat: list[float] = []
    for number, tf in held.items():
        key = (tf, doc_boosts[number])
        weight = weights.get(key)
        if weight is None:
            weight = weights[key] = _weight(idf, tf, field_boost, key[1])
        flat += (number, weight)
    return flat


def _weight(idf: float, tf: int, field_boost: float, doc_boost: float) -> float:
    """In lunr's order of operations, so that the rounded weight is lunr's to the bit."""
    score = idf * ((K1 + 1) * tf) / (K1 + tf)
    score *= field_boost
    score *= doc_boost
    return lunr_round(score)


def parents(docs: list[dict[str, Any]]) -> dict[int, int]:
    """The page document of each section document (by their numbers), as Material's worker
    finds it: the first document of the same page before it."""
    pages: dict[str, int] = {}
    found: dict[int, int] = {}
    for number, doc in enumerate(docs):
        page = doc["location"].split("#", 1)[0]
        if page in pages:
            found[number] = pages[page]
        else:
            pages[page] = number
    return found


def shard_name(prefix: str) -> str:
    """The file name of the words starting with `prefix` (code points in hexadecimal: a
    file name the same on every file system)."""
    return "-".join(f"{ord(c):x}" for c in prefix) + ".js"


def _script(kind: str, key: str | int, data: Any) -> str:
    """A piece as a script the worker imports: JSON parsed by JSON.parse (faster than a
    literal), handed to the worker's `archiveShard`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"archiveShard({json.dumps(kind)},{json.dumps(key)},JSON.parse({json.dumps(text)}));\n"


def search_files(index: dict[str, Any], call: Call = apply) -> dict[str, str]:
    """The prebuilt index of Material's index (`{"config", "docs"}`, as the archive reduces
    it): each file of `search/`, by its path there, and its text. Pure functions are
    applied through `call`."""
    config, docs = index["config"], index["docs"]
    analyser = language_analyser(config)
    postings = weighted_postings(docs, config["fields"], analyser, call)
    by_prefix: dict[str, dict[str, list[list[float]]]] = {}
    for word in sorted(postings):
        by_prefix.setdefault(word[:PREFIX_LENGTH], {})[word] = postings[word]
    files = {
        f"terms/{shard_name(prefix)}": _script("terms", prefix, words)
        for prefix, words in by_prefix.items()
    }
    shown = [
        [doc["location"], doc.get("title", ""), doc.get("text", ""), doc.get("tags")]
        for doc in docs
    ]
    for start in range(0, len(shown), DOCS_PER_SHARD):
        number = start // DOCS_PER_SHARD
        files[f"docs/{number}.js"] = _script("docs", number, shown[start : start + DOCS_PER_SHARD])
    manifest = {
        "format": FORMAT,
        "documents": len(docs),
        "docs_per_shard": DOCS_PER_SHARD,
        "prefix_length": PREFIX_LENGTH,
        "prefixes": sorted(by_prefix),
        "parents": {str(k): v for k, v in sorted(parents(docs).items())},
        "word_characters": analyser.word_characters,
        "english_stop_words": english_stop_words(),
    }
    stub = {"config": {**config, "archive": manifest}, "docs": []}
    files["search_index.json"] = json.dumps(stub, ensure_ascii=False, separators=(",", ":"))
    return files
