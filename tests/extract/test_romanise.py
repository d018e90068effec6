"""Russian and Ukrainian names as the French and English press write them (the tables of
`romanisation` in corpus/lexicon.yml)."""

import pytest

from build_tools.extract.romanise import is_cyrillic_name, romanise, script_of
from build_tools.folding import fold


@pytest.fixture(scope="module")
def tables(resources):
    return {
        language: resources.vocabulary(language).node("romanisation") for language in ("fr", "en")
    }


@pytest.mark.parametrize(
    ("cyrillic", "country", "french", "english"),
    [
        ("Каменск-Шахтинский", "RU", "Kamensk-Chakhtinski", "Kamensk-Shakhtinsky"),
        ("Набережные Челны", "RU", "Naberejnye Tchelny", "Naberezhnye Chelny"),
        ("Шостка", "UA", "Chostka", "Shostka"),
        ("Елабуга", "RU", "Ielabouga", "Yelabuga"),
        ("Россошь", "RU", "Rossoch", "Rossosh"),
        ("Кривий Ріг", "UA", "Kryvy Rih", "Kryvyi Rih"),
        # й is "i" at the very start of a word, "ï" after a vowel.
        ("Йошкар-Ола", "RU", "Iochkar-Ola", "Yoshkar-Ola"),
        ("Майкоп", "RU", "Maïkop", "Maykop"),
        # An acronym is romanised letter by letter and stays in capitals.
        ("Район ХТЗ", "UA", "Raïon KhTZ", "Rayon KhTZ"),
    ],
)
def test_french_and_english_spellings(tables, cyrillic, country, french, english):
    script = script_of(cyrillic, country)
    assert romanise(cyrillic, tables["fr"], script) == french
    assert romanise(cyrillic, tables["en"], script) == english


def test_a_town_on_a_river_is_written_with_sur(tables):
    assert romanise("Ростов-на-Дону", tables["fr"], "ru") == "Rostov-sur-Donou"
    assert romanise("Ростов-на-Дону", tables["en"], "ru") == "Rostov-on-Donu"


def test_only_cyrillic_names_are_romanised():
    assert (
        is_cyrillic_name("Шостка")
        and not is_cyrillic_name("Shostka")
        and not is_cyrillic_name("Шостка2")
    )


@pytest.mark.parametrize(
    "written", ["Kamensk-Chakhtinski", "Naberejnye Tchelny", "Chostka", "Ielabouga"]
)
def test_the_gazetteer_knows_the_french_spellings_of_small_towns(resources, written):
    assert fold(written) in resources.gazetteer.by_alias
