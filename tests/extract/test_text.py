"""Sentences: cut where a reader would cut, with offsets that point into the article."""

import pytest

from build_tools.extract.text import sentences


def test_sentences_keep_their_offsets_in_the_article():
    text = "Une frappe a touché Koursk. Deux blessés.\nLe gouverneur a parlé."
    found = sentences(text)
    assert [s.text for s in found] == [
        "Une frappe a touché Koursk.",
        "Deux blessés.",
        "Le gouverneur a parlé.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_abbreviations_and_initials_end_no_sentence():
    text = "M. Gladkov a cité le Gen. Ivanov. J. Biden a répondu le 3 déc. 2024 à midi."
    assert [s.text for s in sentences(text)] == [
        "M. Gladkov a cité le Gen. Ivanov.",
        "J. Biden a répondu le 3 déc. 2024 à midi.",
    ]


def test_a_closing_quote_stays_with_its_sentence():
    text = "\u201cThree drones were downed.\u201d The mayor confirmed it."
    assert [s.text for s in sentences(text)] == [
        "\u201cThree drones were downed.\u201d",
        "The mayor confirmed it.",
    ]


def test_a_french_closing_quote_after_its_space_ends_the_sentence():
    text = "« Trois drones ont été abattus. » Le maire l'a confirmé."
    assert [s.text for s in sentences(text)] == [
        "« Trois drones ont été abattus. »",
        "Le maire l'a confirmé.",
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Deux blessés, puis sept. Plus tard, treize.", 2),
        ("Le 3 sept. 2024, un drone a frappé Koursk.", 1),
        ("The strike came on Dec. 24 at dawn. Two died.", 2),
    ],
)
def test_a_month_is_abbreviated_only_before_a_day_or_a_year(text, count):
    assert len(sentences(text)) == count
