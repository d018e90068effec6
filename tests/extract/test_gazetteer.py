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
    assert [str(p) for p in gazetteer.problems] == []


def test_a_rename_of_a_town_geonames_lacks_is_a_problem(resources):
    entries = [GazetteerEntry("Nulle Part", geonames="Nowhere", country="RU")]
    gazetteer = Gazetteer(entries, (), romanisations(resources))
    assert [str(p) for p in gazetteer.problems] == [
        "Nulle Part: geonames 'Nowhere' is not a GeoNames town of RU"
    ]


def test_the_maps_write_regions_and_large_towns_in_french_by_importance(resources):
    towns = (
        town("Izhevsk", ("Ижевск",)),
        GeoName("Toropets", "RU", "77", 56.5, 31.6, 14_000, ("Toropets",), ("Торопец",)),
    )
    entries = [
        GazetteerEntry("Oudmourtie", "region", "RU", lat=57.1, lon=52.8, capital="Izhevsk"),
        GazetteerEntry("Moscou", geonames="Izhevsk"),  # renamed: the label says so too
    ]
    labels = Gazetteer(entries, towns, romanisations(resources)).map_labels()
    assert [(label["name"], label["kind"], label["rank"]) for label in labels] == [
        ("Oudmourtie", "region", 0),
        ("Moscou", "town", 2),  # 600,000 inhabitants; Toropets is too small to be written
    ]


def test_the_labels_script_cannot_be_closed_by_a_name():
    from build_tools.maps import labels_script

    script = labels_script([{"name": "</script><script>alert(1)", "lat": 1.0, "lon": 2.0}])
    assert script.startswith("window.ARCHIVE_LABELS = [") and "</script>" not in script


def test_a_town_next_to_a_larger_one_is_not_written_on_the_maps(resources):
    """GeoNames' districts of a city (Obolon in Kiev) would cover the city's name."""
    towns = (
        GeoName("Kyiv", "UA", "12", 50.45, 30.52, 2_900_000, ("Kyiv",), ("Київ",)),
        GeoName("Obolon", "UA", "12", 50.50, 30.50, 240_000, ("Obolon",), ("Оболонь",)),
        GeoName("Bila Tserkva", "UA", "10", 49.80, 30.11, 207_000, ("Bila Tserkva",), ()),
    )
    labels = Gazetteer([], towns, romanisations(resources)).map_labels()
    assert [label["name"] for label in labels] == ["Kyiv", "Bila Tserkva"]
