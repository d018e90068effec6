"""How alike two texts are: TF-IDF cosine, accents and case aside."""

from __future__ import annotations

import pytest

from build_tools import similarity
from build_tools.incremental.store import Memo
from build_tools.similarity import TextSimilarity

TEXTS = {
    "a": "Des drones ont frappé la raffinerie de Novokouïbychevsk dans la nuit.",
    "b": (
        "Des drones ont frappe la raffinerie de Novokouibychevsk dans la nuit, selon le gouverneur."
    ),
    "c": "Le port d'Odessa a été visé par des missiles et des drones.",
    "d": "Le gouverneur a annoncé la fermeture des écoles de la région.",
}


def test_texts_telling_the_same_thing_are_alike_whatever_their_accents():
    same, other, itself, unknown = TextSimilarity(TEXTS).cosines(
        [("a", "b"), ("a", "c"), ("a", "a"), ("a", "inconnu")]
    )
    assert same > 0.7
    assert other < 0.1
    assert itself == pytest.approx(1.0)
    assert unknown == 0.0


def test_through_a_memo_each_text_s_words_are_counted_once_and_the_cosines_are_the_same(
    monkeypatch,
):
    from functools import wraps

    counted = []
    terms = similarity.terms
    monkeypatch.setattr(
        similarity, "terms", wraps(terms)(lambda text: counted.append(text) or terms(text))
    )
    memo = Memo()
    TextSimilarity(TEXTS, memo.call)
    assert len(counted) == len(TEXTS)
    with_memo = TextSimilarity({**TEXTS, "e": "Un texte de plus sur les drones."}, memo.call)
    assert counted[len(TEXTS) :] == ["Un texte de plus sur les drones."]
    without = TextSimilarity({**TEXTS, "e": "Un texte de plus sur les drones."})
    pairs = [(x, y) for x in TEXTS for y in TEXTS]
    assert with_memo.cosines(pairs) == without.cosines(pairs)


def _by_the_definition(texts: dict[str, str], a: str, b: str) -> float:
    """The cosine of two texts' TF-IDF vectors, written out as the module's docstring says."""
    import math

    counts = {key: similarity.terms(text) for key, text in texts.items()}
    n = len(counts)

    def vector(key: str) -> dict[str, float]:
        df = {term: sum(term in c for c in counts.values()) for term in counts[key]}
        return {
            term: (1 + math.log(tf)) * math.log((n + 1) / (df[term] + 1))
            for term, tf in counts[key].items()
        }

    va, vb = vector(a), vector(b)
    norms = math.sqrt(sum(w * w for w in va.values())) * math.sqrt(sum(w * w for w in vb.values()))
    return sum(w * vb.get(term, 0.0) for term, w in va.items()) / norms if norms else 0.0


def test_many_pairs_at_once_give_each_pair_s_cosine_by_the_definition():
    texts = {
        **TEXTS,
        "vide": "",
        "mots courts": "Il y a eu un tir.",  # no word of three letters or more but "tir"
        "répété": "drones drones drones raffinerie raffinerie nuit",
    }
    pairs = [(a, b) for a in texts for b in texts] + [("a", "inconnu"), ("inconnu", "b")]
    found = TextSimilarity(texts).cosines(pairs)
    expected = [
        _by_the_definition(texts, a, b) if "inconnu" not in (a, b) else 0.0 for a, b in pairs
    ]
    assert found == pytest.approx(expected, abs=1e-12)
    assert found[pairs.index(("a", "b"))] > 0.7 and found[pairs.index(("vide", "a"))] == 0.0
