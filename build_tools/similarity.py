"""How alike two article texts are: the cosine of their TF-IDF word vectors.

Words are folded (case and accents dropped), so that "Ijevsk" in a text written without
accents meets "Ijevsk" in one written with them. The inverse document frequency is
smoothed, log((n + 1) / (df + 1)): a word found in every article ("drone", "de")
weighs nothing, and no stop-word list is needed. Term frequency is sublinear
(1 + log tf), so a long article repeating a word does not outweigh a short one.

The weights of every text are made again at each build (a word's weight depends on every
article), as arrays: at 20,000 articles, 3.1 million (text, word) weights and 71,000
pairs compared took 2 s one word at a time in Python (nearly 4 s in a build), 0.5 s in
numpy.
Words are numbered by a 64-bit hash, which each text's count keeps (through `call`), so
that a build does not number the words of every text again; two words of a corpus with
the same hash (about one chance in 10⁹ at 200,000 distinct words) would count as one.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np

from build_tools.folding import fold
from build_tools.incremental.call import Call, apply

_WORD = re.compile(r"\w{3,}")


def terms(text: str) -> Counter:
    return Counter(_WORD.findall(fold(text)))


@dataclass(frozen=True)
class TermCounts:
    """A text's words, as their hashes in increasing order, and the sublinear frequency of
    each, as the bytes of their arrays: the store unpickles 20,000 of them at each build,
    in a fifth of the time arrays took (0.4 s)."""

    hashes: bytes  # uint64
    frequencies: bytes  # float64, 1 + log tf


def term_counts(text: str) -> TermCounts:
    counted = {_term_hash(term): 1 + math.log(tf) for term, tf in terms(text).items()}
    hashes = sorted(counted)
    return TermCounts(
        np.array(hashes, dtype=np.uint64).tobytes(),
        np.array([counted[h] for h in hashes], dtype=np.float64).tobytes(),
    )


@cache  # a corpus's words are few (thousands) next to its words written (millions)
def _term_hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")


class TextSimilarity:
    """Unit TF-IDF vectors of a set of texts, keyed by article id; `cosines(pairs)` of many
    pairs at once, each in [0, 1]. Each text's words are counted through `call`."""

    def __init__(self, texts: Mapping[str, str], call: Call = apply):
        counts = [call(term_counts, text) for text in texts.values()]
        hashes = np.frombuffer(b"".join(c.hashes for c in counts), dtype=np.uint64)
        lengths = np.array([len(c.hashes) for c in counts], dtype=np.int64) // hashes.itemsize
        starts = np.concatenate(([0], np.cumsum(lengths)))
        vocabulary = np.unique(hashes)
        numbers = np.searchsorted(vocabulary, hashes)  # where `return_inverse` sorts again
        document_frequency = np.bincount(numbers, minlength=len(vocabulary))
        idf = np.log((len(counts) + 1) / (document_frequency + 1))
        frequencies = np.frombuffer(b"".join(c.frequencies for c in counts), dtype=np.float64)
        weights = frequencies * idf[numbers]
        norms = np.sqrt(_segment_sums(weights * weights, lengths))
        units = weights / np.repeat(np.where(norms > 0, norms, 1.0), lengths)
        #: Each text's word numbers and unit weights, views of the arrays of all texts.
        self._vectors = {
            key: (numbers[start:end], units[start:end])
            for key, start, end in zip(texts, starts[:-1], starts[1:], strict=True)
        }
        self._size = len(vocabulary)

    def cosines(self, pairs: Iterable[tuple[str, str]]) -> list[float]:
        """The cosine of each pair, in order: the first text's vector spread out once over
        the vocabulary, each other text's read against it."""
        pairs = list(pairs)
        partners: dict[str, list[int]] = defaultdict(list)
        for n, (a, _) in enumerate(pairs):
            partners[a].append(n)
        found = [0.0] * len(pairs)
        spread = np.zeros(self._size)
        empty = (np.zeros(0, np.int64), np.zeros(0))
        for a, indices in partners.items():
            numbers, units = self._vectors.get(a, empty)
            spread[numbers] = units
            others = [self._vectors.get(pairs[n][1], empty) for n in indices]
            products = spread[np.concatenate([o[0] for o in others])] * np.concatenate(
                [o[1] for o in others]
            )
            sums = _segment_sums(products, np.array([len(o[0]) for o in others]))
            for n, value in zip(indices, sums.tolist(), strict=True):
                found[n] = value
            spread[numbers] = 0.0
        return found


def _segment_sums(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The sum of each segment of values, of these lengths in order (0 for an empty one,
    which `np.add.reduceat` alone would not give)."""
    sums = np.zeros(len(lengths))
    filled = lengths > 0
    if filled.any():
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        sums[filled] = np.add.reduceat(values, starts[filled])
    return sums
