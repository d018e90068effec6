"""Duplicates: the same address once canonical, the same headline, nearly the same text."""

import random

import pytest

from build_tools.duplicates import (
    NEAR_DUPLICATE,
    bands,
    canonical_url,
    find_duplicates,
    near_texts,
    shingle_hashes,
    shingles,
    signature,
    sketch,
    text_similarity,
)
from build_tools.importer import clean_raw_text
from build_tools.model import Article, PartialDate
from tests.conftest import SEEDS
from tests.hash_seeds import printed_with_each_hash_seed


def minhash(text: str):
    return signature(shingle_hashes(shingles(text)))


SEED_TEXTS = [
    clean_raw_text(p.read_text(encoding="utf-8")).text for p in sorted(SEEDS.glob("*.txt"))
]


def doc(
    name: str,
    text: str,
    title: str | None = None,
    source: str = "AFP",
    published: str | None = "2025-07-03",
    url: str | None = None,
) -> Article:
    return Article(
        id=name,
        path=f"corpus/articles/2025/{name}.md",
        title=title or f"Titre {name}",
        source=source,
        text=text,
        text_line=7,
        url=url,
        published=PartialDate.parse(published) if published else None,
        lines={"title": 2, "url": 4},
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.example.org/a/kupol", "http://example.org/a/kupol/"),
        ("https://example.org/a?id=3&page=2", "https://EXAMPLE.org:443/a?page=2&id=3#commentaires"),
        (
            "https://example.org/a",
            "https://example.org/a?utm_source=telegram&utm_medium=social&fbclid=xyz",
        ),
    ],
)
def test_addresses_that_name_the_same_article_have_one_canonical_form(a, b):
    assert canonical_url(a) == canonical_url(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/a?id=3", "https://example.org/a?id=4"),
        ("https://example.org/2025/kupol", "https://example.org/2024/kupol"),
        ("https://example.org/a", "https://example.com/a"),
    ],
)
def test_addresses_of_different_articles_stay_different(a, b):
    assert canonical_url(a) != canonical_url(b)


def test_the_seed_articles_are_not_duplicates_of_one_another():
    assert find_duplicates([doc(f"s{i}", text) for i, text in enumerate(SEED_TEXTS)]) == []


def test_a_copy_with_words_changed_and_a_paragraph_added_is_a_near_duplicate():
    original = SEED_TEXTS[3]
    words = original.split(" ")
    rng = random.Random(1)
    for i in rng.sample(range(len(words)), 8):
        words[i] = words[i].upper() if i % 2 else "modifié"
    copy = " ".join(words) + "\n\nMise à jour : le gouverneur a confirmé le bilan."
    [duplicate] = find_duplicates([doc("original", original), doc("copie", copy)])
    assert duplicate.problem.path == "corpus/articles/2025/copie.md" and duplicate.problem.line == 7
    assert duplicate.original.id == "original"
    assert "the text is nearly the same as corpus/articles/2025/original.md (" in str(
        duplicate.message
    )


def test_reports_sharing_background_paragraphs_are_not_near_duplicates():
    """News agencies end every report with the same context; different events stay apart."""
    background = "\n\n".join(SEED_TEXTS[4].split("\n\n")[-6:])  # 162 words
    first = "\n\n".join(SEED_TEXTS[0].split("\n\n")[:2] + [background])  # 119 words of its own
    second = "\n\n".join(SEED_TEXTS[1].split("\n\n")[:2] + [background])  # 99 words of its own
    assert text_similarity(first, second) < NEAR_DUPLICATE
    assert find_duplicates([doc("a", first), doc("b", second)]) == []


def test_the_same_headline_counts_only_from_the_same_source_on_the_same_day():
    articles = [
        doc("a", SEED_TEXTS[0], title="Attaque de drones sur Moscou"),
        doc("b", SEED_TEXTS[1], title="Attaque de drones sur Moscou", source="Reuters"),
        doc("c", SEED_TEXTS[2], title="Attaque de drones sur Moscou", published="2025-07-04"),
        doc("d", SEED_TEXTS[3], title="Attaque de drones sur Moscou !", source="afp"),
    ]
    [duplicate] = find_duplicates(articles)
    assert str(duplicate.problem) == (
        "corpus/articles/2025/d.md:2: title: the same title, source and publication date as "
        "corpus/articles/2025/a.md; is this the same article? keep one of the two files"
    )


def test_each_repeat_is_reported_once_against_the_first_file_kept():
    articles = [
        doc("a", SEED_TEXTS[0], url="https://example.org/a"),
        doc("b", SEED_TEXTS[1], url="https://www.example.org/a/"),
        doc("c", SEED_TEXTS[0], url="https://example.org/c"),
    ]
    assert [(d.article.id, d.original.id, d.line) for d in find_duplicates(articles)] == [
        ("b", "a", 4),
        ("c", "a", 7),
    ]


def test_through_a_memo_a_second_check_shingles_only_new_texts(monkeypatch):
    from build_tools import duplicates
    from build_tools.incremental.store import Memo

    copy = (
        SEED_TEXTS[3].replace("drones", "DRONES", 2)
        + "\n\nMise à jour : le gouverneur a confirmé le bilan."
    )
    articles = [doc(f"s{i}", text) for i, text in enumerate(SEED_TEXTS)]
    added = [*articles, doc("copie", copy)]
    expected, expected_added = find_duplicates(articles), find_duplicates(added)
    memo = Memo()
    assert find_duplicates(articles, memo.call) == expected
    shingled = []
    monkeypatch.setattr(
        duplicates, "shingles", lambda text: shingled.append(text) or shingles(text)
    )
    assert find_duplicates(articles, memo.call) == expected
    assert shingled == []
    assert find_duplicates(added, memo.call) == expected_added
    assert [d.article.id for d in expected_added] == ["copie"]
    assert shingled == [copy]


def _synthetic_reports(count: int, seed: int) -> list[Article]:
    from bench.synthetic import articles as synthetic

    return [
        doc(ident, text, meta["title"], meta["source"], meta["published"])
        for ident, meta, text in synthetic(count, seed=seed)
    ]


def test_near_texts_started_from_those_of_another_set_are_those_computed_afresh():
    """The relation of a set, computed from the relation of another set (texts added,
    removed, or both), is the relation computed afresh."""
    reports = _synthetic_reports(300, seed=5)
    reports += [doc(f"copie-{r.id}", r.text + "\n\nMise à jour.") for r in reports[:40:4]]
    reports += [doc("double", reports[7].text)]
    random.Random(2).shuffle(reports)
    sketches = tuple(sketch(r.text) for r in reports)
    whole = near_texts(sketches)
    assert sum(len(near) for near in whole.similar.values()) >= 20
    for kept in (sketches[:200], sketches[100:], sketches[::3], (), sketches[3:], sketches[:-1]):
        assert near_texts(sketches, last=near_texts(kept)) == whole
    assert near_texts(sketches[:250], last=whole) == near_texts(sketches[:250])


def test_a_few_texts_added_are_compared_without_cutting_the_others_into_bands(monkeypatch):
    """An index of the bands of 20,000 texts took longer to make (0.35 s) than comparing a
    few new texts with all of their signatures at once."""
    from build_tools import duplicates

    reports = _synthetic_reports(120, seed=4)
    reports.append(doc("copie", reports[9].text + "\n\nMise à jour."))
    sketches = tuple(sketch(r.text) for r in reports)
    last, whole = near_texts(sketches[:-2]), near_texts(sketches)
    cut: list[bytes] = []
    bands = duplicates.Sketch.bands
    monkeypatch.setattr(duplicates.Sketch, "bands", lambda s: cut.append(s.key) or bands(s))
    assert near_texts(sketches, last=last) == whole and sketches[-1].key in whole.similar
    assert cut == []


def test_through_a_memo_one_text_added_is_compared_alone(compared_texts):
    from build_tools.incremental.store import Memo

    reports = _synthetic_reports(200, seed=7)
    copy = doc("copie", reports[50].text + "\n\nMise à jour.")
    memo = Memo()
    assert find_duplicates(reports, memo.call) == find_duplicates(reports) == []
    compared_texts.clear()
    [found] = find_duplicates([*reports, copy], memo.call)
    assert (found.article.id, found.original.id) == ("copie", reports[50].id)
    assert [text.key for text in compared_texts] == [sketch(copy.text).key]


def test_reports_sharing_most_of_their_words_are_compared_only_when_their_signatures_agree(
    monkeypatch,
):
    """Reports of one event drawn from the same phrases and background paragraphs share
    bands by the hundred; the signature's agreement keeps all but a few from being compared,
    and the repeats found are those that comparing every candidate finds."""
    from build_tools import duplicates

    reports = _synthetic_reports(600, seed=3)
    reports += [doc(f"copie-{r.id}", r.text + "\n\nMise à jour.") for r in reports[:5]]
    compared = []
    similarities = duplicates._similarities
    monkeypatch.setattr(
        duplicates,
        "_similarities",
        lambda a, others: compared.extend(others) or similarities(a, others),
    )
    found = find_duplicates(reports)
    monkeypatch.setattr(duplicates, "LEAST_AGREEMENT", 0.0)
    every = len(compared)
    assert find_duplicates(reports) == found
    assert [d.article.id for d in found] == [f"copie-{r.id}" for r in reports[:5]]
    assert every * 4 < len(compared) - every


@pytest.mark.parametrize("shared", [100, 500, 850])
def test_the_share_of_equal_signature_values_estimates_the_jaccard_similarity(shared):
    a = frozenset(f"mot {i}" for i in range(1000))
    b = frozenset(f"mot {i}" for i in range(1000 - shared, 2000 - shared))
    agreement = (signature(shingle_hashes(a)) == signature(shingle_hashes(b))).mean()
    assert abs(agreement - len(a & b) / len(a | b)) < 0.1


def test_on_reports_sharing_paragraphs_the_signatures_agree_as_much_as_the_texts():
    """Over 200 pairs of synthetic reports (which share phrases and background paragraphs),
    the share of equal signature values is off their similarity by what 128 random
    permutations give (0.035 on average, for texts half alike). Hash functions that are
    not close to random permutations are off by 0.08 on average and up to 0.37."""
    from bench.synthetic import articles as synthetic

    texts = [text for _, _, text in synthetic(200, seed=5)]
    pick = random.Random(1)
    errors = [
        abs((minhash(a) == minhash(b)).mean() - text_similarity(a, b))
        for a, b in (pick.sample(texts, 2) for _ in range(200))
    ]
    assert sum(errors) / len(errors) < 0.045 and max(errors) < 0.2


def test_a_text_has_the_same_bands_in_any_process_so_that_the_cache_can_keep_them():
    text = SEED_TEXTS[0]
    script = (
        "import sys; "
        "from build_tools.duplicates import bands, shingle_hashes, shingles, signature; "
        "print(bands(signature(shingle_hashes(shingles(sys.stdin.read())))).__repr__())"
    )
    runs = printed_with_each_hash_seed(script, text)
    assert runs == {repr(bands(minhash(text))) + "\n"}
