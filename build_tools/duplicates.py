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
  near-linear time; the exact similarity is then computed for those pairs only.

MinHash (Broder, 1997) is a few lines of numpy here: datasketch, the library for it,
imports scipy to tune its banding, a quarter of a second that every build paid for a
fixed threshold. The signature is datasketch's scheme (a 32-bit SHA-1 of each shingle,
128 permutations `(a·h + b) mod 2⁶¹−1` from a fixed seed, a and b below 2³² so that
nothing overflows) and the banding the one it picks for a threshold of 0.6, below
NEAR_DUPLICATE: 18 bands of 7 values. Two texts 85 % alike share a band with
probability 0.999, 60 % alike 0.4, 30 % alike 0.004. The same text gives the same
signature in any process, so signatures are kept in the cache.

Each text's sketch (its number of shingles and its signature's bands) and each pair's
similarity are made through the `call` the caller gives: the build's store keeps them, so
that a rebuild shingles only the new or edited texts and the texts they are compared with.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

import courlan
import numpy as np

from build_tools.errors import Problem
from build_tools.folding import fold
from build_tools.incremental.call import Call, apply
from build_tools.messages import Message
from build_tools.model import Article

NEAR_DUPLICATE = 0.85
SHINGLE_WORDS = 5
_PERMUTATIONS = 128
_BANDS, _ROWS = 18, 7
_SEED = 7
_MERSENNE = (1 << 61) - 1
_WORD = re.compile(r"\w+")


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """a in [1, 2³²) and b in [0, 2³²): a·h + b stays within 64 bits for a 32-bit h."""
    generator = np.random.RandomState(_SEED)
    return (
        generator.randint(1, 1 << 32, _PERMUTATIONS, dtype=np.uint64),
        generator.randint(0, 1 << 32, _PERMUTATIONS, dtype=np.uint64),
    )


_PERMUTATION_A, _PERMUTATION_B = _permutations()


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


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def find_duplicates(articles: Sequence[Article], call: Call = apply) -> list[Duplicate]:
    """Every article that repeats one earlier in `articles` and not itself a duplicate."""
    ids: dict[str, Article] = {}
    urls: dict[str, Article] = {}
    titles: dict[tuple[str, str, str], Article] = {}
    texts = _TextIndex(call)
    found = []
    for article in articles:
        text = _Text(article, call)
        duplicate = _repeats(article, ids, urls, titles, texts.nearest(text))
        if duplicate is not None:
            found.append(duplicate)
            continue
        ids[article.id] = article
        if article.url:
            urls.setdefault(canonical_url(article.url), article)
        titles.setdefault(title_key(article), article)
        texts.add(text)
    return found


def _repeats(
    article: Article, ids: dict, urls: dict, titles: dict, near: tuple[Article, float] | None
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
    if article.url and (first := urls.get(canonical_url(article.url))):
        return Duplicate(
            article,
            first,
            lines.get("url", 0),
            Message(
                "url: the same address as {path} (tracking parameters, www. and http/https"
                " aside); {same}",
                path=first.path,
                same=_SAME,
            ),
        )
    if first := titles.get(title_key(article)):
        return Duplicate(
            article,
            first,
            lines.get("title", 0),
            Message(
                "title: the same title, source and publication date as {path}; {same}",
                path=first.path,
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


def signature(text_shingles: frozenset[str]) -> np.ndarray:
    """The MinHash signature of a set of shingles: for each of the permutations, the least
    permuted hash of a shingle (see the module's docstring)."""
    hashes = np.array(
        [
            int.from_bytes(hashlib.sha1(s.encode("utf-8")).digest()[:4], "little")
            for s in text_shingles
        ],
        dtype=np.uint64,
    )
    return ((np.outer(hashes, _PERMUTATION_A) + _PERMUTATION_B) % np.uint64(_MERSENNE)).min(axis=0)


def bands(values: np.ndarray) -> tuple[bytes, ...]:
    """The signature cut into bands, each a key (its number and values): texts that share a
    key are candidates."""
    return tuple(
        bytes([band]) + values[band * _ROWS : (band + 1) * _ROWS].tobytes()
        for band in range(_BANDS)
    )


class _TextIndex:
    """The texts seen so far, for near-duplicate look-ups: texts that share a band of their
    signatures are candidates, their exact Jaccard similarity decides."""

    def __init__(self, call: Call) -> None:
        self._buckets: dict[bytes, list[int]] = {}
        self._seen: list[_Text] = []
        self._call = call

    def nearest(self, text: _Text) -> tuple[Article, float] | None:
        """The most similar text at or above NEAR_DUPLICATE (the earliest on a tie), or None."""
        size = text.size
        candidates = {i for band in text.bands for i in self._buckets.get(band, ())}
        scored = [
            (-self._similarity(text, self._seen[i]), i)
            for i in candidates
            # |A ∩ B| / |A ∪ B| ≤ min / max: sets of too different sizes cannot be near-duplicates.
            if min(size, self._seen[i].size) >= NEAR_DUPLICATE * max(size, self._seen[i].size)
        ]
        best = min(scored, default=None)
        if best is None or -best[0] < NEAR_DUPLICATE:
            return None
        return self._seen[best[1]].article, -best[0]

    def add(self, text: _Text) -> None:
        for band in text.bands:
            self._buckets.setdefault(band, []).append(len(self._seen))
        self._seen.append(text)

    def _similarity(self, a: _Text, b: _Text) -> float:
        first, second = (a, b) if a.key < b.key else (b, a)
        return self._call(text_similarity, first.article.text, second.article.text)


class _Text:
    """An article's number of shingles and its signature's bands."""

    def __init__(self, article: Article, call: Call):
        self.article = article
        self.key = hashlib.sha256(article.text.encode("utf-8")).digest()
        self.size, self.bands = call(sketch, article.text)


def sketch(text: str) -> tuple[int, tuple[bytes, ...]]:
    """How many shingles a text has, and the bands of its signature."""
    found = _shingles(text)
    return len(found), bands(signature(found))


def text_similarity(a: str, b: str) -> float:
    """The Jaccard similarity of two texts' shingles."""
    return jaccard(_shingles(a), _shingles(b))


@lru_cache(maxsize=4096)
def _shingles(text: str) -> frozenset[str]:
    """`shingles(text)`, kept for the texts of one check: a text is sketched, then compared
    with each of its candidates."""
    return shingles(text)
