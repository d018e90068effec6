"""A place's name in the archive: French, from places.yml or the romanised native name."""

from build_tools.extract.gazetteer import Gazetteer, GeoName, named
from build_tools.model import GazetteerEntry


def town(name: str, cyrillic: tuple[str, ...], aliases: tuple[str, ...] = (), country="RU"):
    return GeoName(name, country, "80", 56.8, 53.2, 600_000, (name, *aliases), cyrillic)


def romanisations(resources) -> dict[str, dict]:
    return {lang: resources.vocabulary(lang).node("romanisation") for lang in ("fr", "en")}


def test_a_town_is_named_by_its_own_cyrillic_name_romanised_the_french_way(resources):
    tables = romanisations(resources)
    # Иж is the Udmurt name: its English spelling is not the town's GeoNames name.
    assert named(town("Izhevsk", ("Иж", "Ижевск")), tables) == "Ijevsk"
    # Kharkiv's Ukrainian name, not the Russian Харьков (Kharkov).
    assert named(town("Kharkiv", ("Харьков", "Харків"), country="UA"), tables) == "Kharkiv"


def test_a_town_whose_cyrillic_name_is_not_its_geonames_name_keeps_the_geonames_name(resources):
    assert named(town("Moscow", ("Москва", "Маскав")), romanisations(resources)) == "Moscow"


def test_places_yml_names_a_geonames_town_in_french_and_keeps_every_other_name(resources):
    towns = (town("Moscow", ("Москва",), ("Moskva",)),)
    entries = [GazetteerEntry("Moscou", geonames="Moscow", aliases=["Moskou"])]
    gazetteer = Gazetteer(entries, towns, romanisations(resources))
    [place] = gazetteer.places
    assert (place.name, place.population) == ("Moscou", 600_000)
    assert {gazetteer.by_alias[k] for k in ("moscou", "moscow", "moskva", "moskou")} == {0}
    assert gazetteer.problems == []


def test_a_rename_of_a_town_geonames_lacks_is_a_problem(resources):
    entries = [GazetteerEntry("Nulle Part", geonames="Nowhere", country="RU")]
    gazetteer = Gazetteer(entries, (), romanisations(resources))
    assert gazetteer.problems == ["Nulle Part: geonames 'Nowhere' is not a GeoNames town of RU"]
