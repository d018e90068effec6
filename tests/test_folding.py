"""Folding: one character for one, so that offsets in the folded text are offsets in the text."""

from build_tools.folding import fold


def test_folding_drops_case_and_accents_and_unifies_apostrophes_dashes_and_spaces():
    assert fold("FÉDÉRATION d’Ijevsk — Œuvre\u00a0ÿ") == "federation d'ijevsk - œuvre y"


def test_every_character_folds_to_exactly_one():
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold(text)) == len(text)
