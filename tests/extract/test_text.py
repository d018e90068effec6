"""Sentences: cut where a reader would cut, with offsets that point into the article."""

import pytest

from build_tools.extract.text import MAX_SENTENCE, sentences


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


def test_a_run_of_text_too_long_for_a_sentence_is_read_in_pieces_cut_at_its_commas():
    numbers = ", ".join(str(n) for n in range(5_000))
    text = f"Selon le ministère, {numbers} drones ont été abattus. Deux blessés."
    found = sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in found)
    assert all(text[s.start : s.end] == s.text for s in found)
    assert all(s.text.endswith(",") for s in found[:-2])  # cut after a comma, not in a number
    assert "".join(s.text for s in found[:-1]).replace(",", ", ").count("4999") == 1
    assert found[-1].text == "Deux blessés."


def test_a_sentence_of_ordinary_length_is_not_cut():
    text = "Le gouverneur a annoncé " + "un bilan provisoire, " * 40 + "puis il s'est tu."
    assert len(text) < MAX_SENTENCE
    assert [s.text for s in sentences(text)] == [text]
