"""Articles that repeat one another: the same id, address, headline or text.

Each sign is a problem on the later file (in the order given, path order for the corpus)
naming the earlier one, which is kept:

- the same id: two year folders holding the same file name;
- the same address once canonical: courlan drops tracking parameters (utm_*, fbclid…),
  sorts the query and lowercases the host; on top of that, http or https, `www.` or not,
  a trailing slash and the #fragment do not make another article;
- the same title from the same source with the same publication date: one headline is
  often used by several sources, or by one source on several days, for articles that
  differ, so a title alone is not a sign;
- nearly the same text: the Jaccard similarity of the two sets of five-word shingles
  (words case- and accent-folded) is at least `NEAR_DUPLICATE`. News agencies append the
  same background paragraphs to every report, so that reports of different events share
  up to four fifths of their shingles; a copy with a few words changed, a paragraph more
  or less, or a heading of its own stays above. Candidates come from MinHash LSH in
  near-linear time; the similarity is then computed for those pairs only.

MinHash (Broder, 1997) is a few lines of numpy here: datasketch, the library for it,
imports scipy to tune its banding, a quarter of a second that every build paid for a
fixed threshold. Each shingle is hashed once (the first 32 bits of its SHA-1), then by
128 functions: the hash XOR a seed of each (fixed), mixed by SplitMix64's finaliser. The
functions must be close to random permutations: `(a·h + b) mod 2⁶¹−1` with a and b below
2³², used before, is nearly monotone in h, so that its 128 minima were mostly the same
shingle's and two texts 91 % alike agreed on 65 % of them only. The banding is the one
datasketch picks for a threshold of 0.6, below NEAR_DUPLICATE: 18 bands of 7 values. Two
texts 85 % alike share a band with probability 0.999, 60 % alike 0.4, 30 % alike 0.004.
The same text gives the same signature in any process, so signatures are kept in the
cache.

Reports that share background paragraphs share bands too: among 20,000 synthetic reports,
4 million pairs are candidates, and computing each pair's similarity from the texts made
the check quadratic (ten minutes). So a candidate is first weighed by the share of the 126
values of its bands equal to the text's, which estimates their similarity (Broder): one
below `LEAST_AGREEMENT` is dropped, which drops a pair 85 % alike with probability
0.00001, a hundred times less often than the banding misses it. The similarity of the
pairs left is computed from each text's shingle hashes (the 32-bit SHA-1 above, sorted),
kept with its sketch: two shingles of a pair of texts share a hash with a chance below
one in ten thousand, which moves the similarity by a thousandth at most.

Each text's sketch (its number of shingles, its signature's values and its shingle hashes)
is made through the `call` the caller gives: the build's store keeps them, so that a
rebuild shingles only the new or edited texts. The pairs of near-duplicates among all the
texts (`near_texts`) are made through it too, from those of the last build: a rebuild
compares only the new or edited texts with the others (1 s instead of 5 at 20,000
articles), and finds what comparing them all finds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import courlan
import numpy as np

from build_tools.errors import Problem
from build_tools.folding import fold
from build_tools.incremental.call import Call, apply, from_last
from build_tools.messages import Message
from build_tools.model import Article

NEAR_DUPLICATE = 0.85
SHINGLE_WORDS = 5
_PERMUTATIONS = 128
_BANDS, _ROWS = 18, 7
#: The share of equal signature values below which a candidate is not compared.
LEAST_AGREEMENT = 0.7
#: Up to this many new texts, each is compared with the others without an index of their
#: bands (`_TextIndex`).
SCANNED = 16
_SEED = 7
_WORD = re.compile(r"\w+")


def _seeds() -> np.ndarray:
    """One 64-bit seed per hash function, the same in every process: drawn below 2⁶³, where
    numpy's legacy generator draws for any dtype, and doubled to reach the top bit (which
    SplitMix64 then spreads like any other)."""
    return np.random.RandomState(_SEED).randint(0, 1 << 63, _PERMUTATIONS, dtype=np.uint64) * 2


_SEEDS = _seeds()


_SAME = Message("is this the same article? keep one of the two files")


@dataclass(frozen=True)
class Duplicate:
    """`article` repeats `original`; `message` says how, and what to do."""

    article: Article
    original: Article
    line: int
    message: Message

    @property
    def problem(self) -> Problem:
        return Problem(self.article.path, self.line, self.message)


def canonical_url(url: str) -> str:
    """The address with what does not change the article taken out (see the module's docstring)."""
    parts = urlsplit(courlan.normalize_url(url, trailing_slash=False))
    host = parts.netloc.removeprefix("www.")
    return urlunsplit(("https", host, parts.path.rstrip("/"), parts.query, ""))


def title_key(article: Article) -> tuple[str, str, str]:
    """Title and source, folded and with punctuation dropped, and the publication date."""
    return (
        _folded(article.title),
        _folded(article.source),
        article.published.iso if article.published else "",
    )


def _folded(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def shingles(text: str) -> frozenset[str]:
    """The runs of five consecutive words of the text (the whole text when shorter)."""
    words = _WORD.findall(fold(text))
    return frozenset(
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    )


def find_duplicates(articles: Sequence[Article], call: Call = apply) -> list[Duplicate]:
    """Every article that repeats one earlier in `articles` and not itself a duplicate."""
    ids: dict[str, Article] = {}
    urls: dict[str, Article] = {}
    titles: dict[tuple[str, str, str], Article] = {}
    sketches = [call(sketch, article.text) for article in articles]
    near = call(near_texts, tuple(sketches))
    kept_texts: dict[bytes, tuple[int, Article]] = {}  # by text key: the first kept, its rank
    found = []
    for article, text in zip(articles, sketches, strict=True):
        url = canonical_url(article.url) if article.url else None
        title = title_key(article)
        same_url = urls.get(url) if url else None
        duplicate = _repeats(
            article, ids, same_url, titles.get(title), near.nearest(text.key, kept_texts)
        )
        if duplicate is not None:
            found.append(duplicate)
            continue
        ids[article.id] = article
        if url:
            urls.setdefault(url, article)
        titles.setdefault(title, article)
        kept_texts.setdefault(text.key, (len(kept_texts), article))
    return found


def _repeats(
    article: Article,
    ids: dict,
    same_url: Article | None,
    same_title: Article | None,
    near: tuple[Article, float] | None,
) -> Duplicate | None:
    lines = article.lines
    if article.id in ids:
        first = ids[article.id]
        return Duplicate(
            article,
            first,
            0,
            Message(
                "id {id!r} is already used by {path}; rename one of the files",
                id=article.id,
                path=first.path,
            ),
        )
    if same_url is not None:
        return Duplicate(
            article,
            same_url,
            lines.get("url", 0),
            Message(
                "url: the same address as {path} (tracking parameters, www. and http/https"
                " aside); {same}",
                path=same_url.path,
                same=_SAME,
            ),
        )
    if same_title is not None:
        return Duplicate(
            article,
            same_title,
            lines.get("title", 0),
            Message(
                "title: the same title, source and publication date as {path}; {same}",
                path=same_title.path,
                same=_SAME,
            ),
        )
    if near is not None:
        first, similarity = near
        return Duplicate(
            article,
            first,
            article.text_line,
            Message(
                "the text is nearly the same as {path} ({share:.0%} of its five-word sequences"
                " in common); {same}",
                path=first.path,
                share=similarity,
                same=_SAME,
            ),
        )
    return None


def shingle_hashes(text_shingles: frozenset[str]) -> np.ndarray:
    """Each shingle's 32-bit SHA-1 (the first four bytes, little-endian), sorted, unique."""
    return np.unique(
        np.array(
            [
                int.from_bytes(hashlib.sha1(s.encode("utf-8")).digest()[:4], "little")
                for s in text_shingles
            ],
            dtype=np.uint32,
        )
    )


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature of a text's shingle hashes: for each of the functions, the
    least value of a shingle (see the module's docstring)."""
    mixed = hashes.astype(np.uint64)[:, np.newaxis] ^ _SEEDS
    return _splitmix64(mixed).min(axis=0)


def _splitmix64(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser (Steele, Lea and Flood, 2014), which spreads every bit of
    its input over its output, on each value (multiplications wrap around 2⁶⁴)."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def bands(values: np.ndarray) -> tuple[bytes, ...]:
    """The signature cut into bands, each a key (its number and values): texts that share a
    key are candidates."""
    return tuple(
        bytes([band]) + values[band * _ROWS : (band + 1) * _ROWS].tobytes()
        for band in range(_BANDS)
    )


@dataclass(frozen=True)
class Sketch:
    """What the check keeps of a text: its key (a digest of the text), its number of
    shingles, the values of its signature's bands (`_BANDS × _ROWS` 64-bit values) and its
    shingle hashes (`shingle_hashes`), as bytes. The repr gives the key only, so that a
    list of twenty thousand sketches, the argument of `near_texts`, is digested at once."""

    key: bytes
    size: int = field(repr=False)
    values: bytes = field(repr=False)
    hashes: bytes = field(repr=False)

    def bands(self) -> tuple[bytes, ...]:
        return bands(np.frombuffer(self.values, dtype=np.uint64))


def sketch(text: str) -> Sketch:
    """The sketch of a text (see `Sketch`)."""
    found = shingles(text)
    hashes = shingle_hashes(found)
    return Sketch(
        hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest(),
        len(found),
        signature(hashes)[: _BANDS * _ROWS].tobytes(),
        hashes.tobytes(),
    )


@dataclass(frozen=True)
class NearTexts:
    """Of a set of texts (by key), each one's near-duplicates among the others: those at
    least NEAR_DUPLICATE alike whose signatures agree enough (see the module's docstring),
    with their similarity. The relation is symmetric; texts without any are left out."""

    keys: frozenset[bytes]
    similar: dict[bytes, dict[bytes, float]]

    def nearest(
        self, key: bytes, kept: dict[bytes, tuple[int, Article]]
    ) -> tuple[Article, float] | None:
        """Among the `kept` texts (by key: their rank and article), the most similar to the
        text of `key` (the same text first, then the earliest on a tie), with its
        similarity; None when none is near."""
        near = [(1.0, key)] + [(share, other) for other, share in self.similar.get(key, {}).items()]
        found = [(share, -kept[other][0], kept[other][1]) for share, other in near if other in kept]
        if not found:
            return None
        share, _, article = max(found, key=lambda f: f[:2])
        return article, share


@from_last
def near_texts(sketches: tuple[Sketch, ...], last: NearTexts | None = None) -> NearTexts:
    """The near-duplicates among these texts. Given the relation of an earlier set of texts
    (`last`), only the pairs a new text makes are computed: one article added to twenty
    thousand compares one text, not twenty thousand."""
    unique = list({s.key: s for s in sketches}.values())
    keys = frozenset(s.key for s in unique)
    known = last.keys if last is not None else frozenset()
    similar: dict[bytes, dict[bytes, float]] = {}
    if last is not None:
        for key, others in last.similar.items():
            if key in keys and (kept := {o: v for o, v in others.items() if o in keys}):
                similar[key] = kept
    new = sum(1 for text in unique if text.key not in known)
    index = _TextIndex(bucketed=new > SCANNED)
    for text in unique:
        if text.key in known:
            index.add(text)
    for text in unique:  # each new text is compared with every other once
        if text.key not in known:
            for other, share in index.near(text).items():
                similar.setdefault(text.key, {})[other] = share
                similar.setdefault(other, {})[text.key] = share
            index.add(text)
    return NearTexts(keys, similar)


class _TextIndex:
    """The texts added so far, for near-duplicate look-ups: texts that share a band of their
    signatures are candidates; those whose signatures agree enough are compared. The
    candidates are found through an index of the bands (`bucketed`), or by going over
    every signature at once: for a few look-ups among thousands of texts, the index costs
    more to make than they do (0.35 s at 20,000 texts)."""

    def __init__(self, *, bucketed: bool = True) -> None:
        self._bucketed = bucketed
        self._buckets: dict[bytes, list[int]] = {}
        self._seen: list[Sketch] = []
        self._sizes = np.empty(64, dtype=np.intp)
        self._values = np.empty((64, _BANDS * _ROWS), dtype=np.uint64)

    def near(self, text: Sketch) -> dict[bytes, float]:
        """The texts at or above NEAR_DUPLICATE, by key, with their similarity."""
        candidates = self._sharing_a_band(text)
        sizes = self._sizes[candidates]
        # |A ∩ B| / |A ∪ B| ≤ min / max: sets of too different sizes cannot be near-duplicates.
        candidates = candidates[
            np.minimum(sizes, text.size) >= NEAR_DUPLICATE * np.maximum(sizes, text.size)
        ]
        values = np.frombuffer(text.values, dtype=np.uint64)
        agreement = np.count_nonzero(self._values[candidates] == values, axis=1)
        close = candidates[agreement >= LEAST_AGREEMENT * len(values)]
        if not len(close):
            return {}
        similarity = _similarities(
            np.frombuffer(text.hashes, dtype=np.uint32),
            [np.frombuffer(self._seen[i].hashes, dtype=np.uint32) for i in close],
        )
        return {
            self._seen[i].key: float(share)
            for i, share in zip(close, similarity, strict=True)
            if share >= NEAR_DUPLICATE
        }

    def _sharing_a_band(self, text: Sketch) -> np.ndarray:
        """The numbers of the texts that share a band with this one, in order."""
        if self._bucketed:
            found = {i for band in text.bands() for i in self._buckets.get(band, ())}
            return np.fromiter(sorted(found), dtype=np.intp, count=len(found))
        count = len(self._seen)
        equal = self._values[:count] == np.frombuffer(text.values, dtype=np.uint64)
        return np.flatnonzero(equal.reshape(count, _BANDS, _ROWS).all(axis=2).any(axis=1))

    def add(self, text: Sketch) -> None:
        number = len(self._seen)
        if self._bucketed:
            for band in text.bands():
                self._buckets.setdefault(band, []).append(number)
        if number == len(self._sizes):
            self._sizes = np.concatenate([self._sizes, np.empty_like(self._sizes)])
            self._values = np.concatenate([self._values, np.empty_like(self._values)])
        self._sizes[number] = text.size
        self._values[number] = np.frombuffer(text.values, dtype=np.uint64)
        self._seen.append(text)


def _similarities(hashes: np.ndarray, others: list[np.ndarray]) -> np.ndarray:
    """The Jaccard similarity of a text's shingle hashes (sorted, unique; a text has one
    shingle at least) with each of `others` (each unique), at once."""
    lengths = np.array([len(other) for other in others])
    every = np.concatenate(others)
    held = hashes[np.minimum(np.searchsorted(hashes, every), len(hashes) - 1)] == every
    counted = np.concatenate([[0], np.cumsum(held)])  # counted[k]: held among every[:k]
    ends = np.cumsum(lengths)
    shared = counted[ends] - counted[ends - lengths]
    return shared / (len(hashes) + lengths - shared)


def text_similarity(a: str, b: str) -> float:
    """The similarity of two texts as the check computes it: the Jaccard similarity of
    their shingle hashes."""
    return float(_similarities(shingle_hashes(shingles(a)), [shingle_hashes(shingles(b))])[0])
