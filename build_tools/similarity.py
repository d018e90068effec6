"""How alike two article texts are: the cosine of their TF-IDF word vectors.

Words are folded (case and accents dropped), so that "Ijevsk" in a text written without
accents meets "Ijevsk" in one written with them. The inverse document frequency is
smoothed, log((n + 1) / (df + 1)): a word found in every article ("drone", "de")
weighs nothing, and no stop-word list is needed. Term frequency is sublinear
(1 + log tf), so a long article repeating a word does not outweigh a short one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from build_tools.folding import fold
from build_tools.incremental.call import Call, apply

_WORD = re.compile(r"\w{3,}")


def terms(text: str) -> Counter:
    return Counter(_WORD.findall(fold(text)))


class TextSimilarity:
    """Unit TF-IDF vectors of a set of texts, keyed by article id; `cosine(a, b)` in [0, 1].
    Each text's words are counted through `call`; a vector is made when a cosine first
    needs it."""

    def __init__(self, texts: Mapping[str, str], call: Call = apply):
        self._counts = {key: call(terms, text) for key, text in texts.items()}
        document_frequency: Counter = Counter()
        for counts in self._counts.values():
            document_frequency.update(counts.keys())
        n = len(self._counts)
        self._idf = {term: math.log((n + 1) / (df + 1)) for term, df in document_frequency.items()}
        self._vectors: dict[str, dict[str, float]] = {}

    def _vector(self, key: str) -> dict[str, float]:
        if key not in self._vectors:
            self._vectors[key] = _unit(self._counts[key], self._idf) if key in self._counts else {}
        return self._vectors[key]

    def cosine(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        if len(vb) < len(va):
            va, vb = vb, va
        return sum(weight * vb.get(term, 0.0) for term, weight in va.items())


def _unit(terms: Counter, idf: Mapping[str, float]) -> dict[str, float]:
    weights = {t: (1 + math.log(tf)) * idf[t] for t, tf in terms.items() if idf[t] > 0}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}
