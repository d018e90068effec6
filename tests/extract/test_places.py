import pytest

from tests.extract.conftest import primary


def names(record):
    return {p.name: p for p in record.places}


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Izhevsk", "Ijevsk"),
        ("Kursk", "Koursk"),
        ("Kyiv", "Kiev"),
        ("Bryansk", "Briansk"),
        ("Kaluga", "Kalouga"),
        ("Voronezh", "Voronej"),
    ],
)
def test_transliterations_find_the_canonical_place(extract, written, canonical):
    record = extract(f"Une frappe de drones a touché la ville de {written} dans la nuit.")
    place = names(record)[canonical]
    assert place.as_written == [written]
    assert place.lat is not None and place.country in ("RU", "UA")


def test_a_region_is_not_its_capital(extract):
    record = extract(
        "Des drones ont été abattus dans la région de Koursk. Plus tard, une frappe a touché "
        "Koursk."
    )
    found = names(record)
    assert found["oblast de Koursk"].kind == "region"
    assert found["Koursk"].kind == "city"
    assert found["Koursk"].admin1 == "oblast de Koursk"


def test_oblast_and_province_mean_the_region_too(extract):
    found = names(
        extract(
            "Des débris sont tombés dans l'oblast de Briansk et dans la province russe de Belgorod."
        )
    )
    assert {"oblast de Briansk", "oblast de Belgorod"} <= set(found)


def test_seas_and_districts(extract):
    found = names(
        extract(
            "Des drones navals ont été détruits en mer Noire et dans la mer d'Azov, près du "
            "quartier de Holosiiv."
        )
    )
    assert found["mer Noire"].kind == "sea" and found["mer d'Azov"].kind == "sea"
    assert found["Holossiïv"].kind == "district"


@pytest.mark.parametrize(
    "text",
    [
        "Le système Harpy-A1 a été présenté sur Telegram.",
        "L'usine Kupol produit des S-400 et des systèmes Osa.",
        "Les drones Shahed ont été suivis sur Telegram.",
    ],
)
def test_weapons_sites_and_media_are_not_places(extract, text):
    assert extract(text).places == []


def test_without_accents_and_with_typographic_apostrophes(extract):
    found = names(extract("Une attaque a vise l’aeroport de Sotchi puis la peninsule de Crimee."))
    assert "Sotchi" in found and "Crimée" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le gouverneur de la région de Lipetsk a déclaré à Moscou que la situation était sous "
            "contrôle. Des drones ont frappé une usine à Lipetsk dans la nuit, provoquant un "
            "incendie.",
            "Lipetsk",
            id="not-where-an-official-spoke",
        ),
        pytest.param(
            "Moscou a dénoncé une provocation. Kiev affirme viser des cibles militaires. "
            "Une frappe de drones a touché un dépôt pétrolier à Novorossiïsk.",
            "Novorossiïsk",
            id="not-a-capital-standing-for-its-government",
        ),
        pytest.param(
            "La ville d'Engels, à 700 km de Moscou et à 500 km de Kharkiv, a été frappée par des "
            "drones.",
            "Engels",
            id="not-a-distance-reference",
        ),
        pytest.param(
            "Dans la région de Tver, des drones ont frappé un entrepôt de munitions à Toropets. "
            "Les autorités de la région de Tver ont ordonné une évacuation.",
            "Toropets",
            id="a-town-rather-than-its-region",
        ),
    ],
)
def test_the_primary_place_is_where_the_text_puts_the_attack(extract, text, expected):
    assert primary(extract(text)) == expected


def test_the_headline_place_counts(extract):
    text = (
        "Une frappe de drones a provoqué un incendie. "
        "Les secours de Kharkiv et de Poltava ont été mobilisés."
    )
    assert (
        primary(extract(text, title="Incendie géant à Poltava après une attaque de drones"))
        == "Poltava"
    )


def test_other_names_of_a_place_come_from_the_gazetteer_and_geonames(resources):
    izhevsk = resources.other_names("place", "Ijevsk")
    assert "Izhevsk" in izhevsk and "Ijevsk" not in izhevsk
    assert {"Crimea", "Crimee"} <= set(resources.other_names("place", "Crimée"))
    assert resources.other_names("place", "Nowhere At All") == []


def test_other_names_of_a_person_come_from_entities(resources):
    assert "Aleksandr Bechalov" in resources.other_names("person", "Alexandre Bretchalov")


def test_a_town_on_a_river_is_not_the_town_of_its_first_word(extract):
    record = extract("Des drones ont frappé Rostov-sur-le-Don dans la nuit.")
    assert primary(record) == "Rostov-sur-le-Don"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Un drone a frappé un dépôt pétrolier à Kamensk-Chakhtinski dans la nuit.",
            "Kamensk-Chakhtinski",
        ),
        ("Des drones ont visé Naberejnye Tchelny, au Tatarstan.", "Naberejnye Tchelny"),
        ("Un drone russe a frappé la gare de Chostka samedi.", "Chostka"),
    ],
)
def test_french_spellings_of_small_towns(extract, sentence, expected):
    assert primary(extract(sentence)) == expected


def test_a_capital_standing_for_its_government_is_not_the_place(extract):
    record = extract(
        "Selon Moscou, des drones ont frappé Belgorod dans la nuit ; Kiev n'a pas confirmé."
    )
    assert primary(record) == "Belgorod"


def test_a_dateline_is_where_the_dispatch_was_filed(extract):
    record = extract(
        "KYIV, Dec 2 — A Russian drone crashed into a block of flats in Ternopil overnight.",
        language="en",
    )
    assert primary(record) == "Ternopil"


def test_a_capital_named_as_whose_the_drones_are_is_no_place(extract):
    record = extract(
        "Le drone de Kiev a mis le feu à la raffinerie de Volgograd, selon le gouverneur."
    )
    assert primary(record) == "Volgograd"


def test_a_district_named_like_a_town_of_another_region_is_no_place(extract):
    record = extract(
        "Un incendie s'est déclaré dans un dépôt de carburant du district de Kamenski, dans la "
        "région de Rostov, après une attaque de drones."
    )
    assert [p.name for p in record.places if p.role == "primary"] == ["oblast de Rostov"]
    assert record.target.type == "oil_depot"


def test_a_region_named_by_its_capital_sets_the_context_for_a_district(extract):
    text = (
        "Firefighters in Russia's Rostov region battled a blaze at an oil depot in the "
        "Kamensky district on Wednesday, Aug. 28, 2024."
    )
    record = extract(text, published="2024-08-28", language="en")
    assert "Kamenskiy" not in {p.name for p in record.places}
    assert [e.place for e in record.other_events] == []


def test_a_district_around_its_town_is_the_town(extract):
    record = extract("Des drones ont frappé le district de Chostka, dans la région de Soumy.")
    assert [p.name for p in record.places if p.role == "primary"] == ["Chostka"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Un drone a frappé Koursk. Le pont de Crimée a été fermé une heure.", "fr"),
        ("Un drone a frappé Koursk, près de la rue de Moscou, puis un autre immeuble.", "fr"),
        ("Un drone a frappé un immeuble de Koursk. L'immeuble Manhattan a été touché.", "fr"),
        ("Drones hit Kursk. Houses in Krasnaya Pozitsiya Street were damaged.", "en"),
        ("Drones hit Kazan. The Manhattan complex was hit by a pair of drones.", "en"),
    ],
)
def test_a_place_in_the_name_of_a_street_or_a_building_is_no_place(extract, text, language):
    record = extract(text, language=language)
    assert [p.name for p in record.places] == ["Kazan" if "Kazan" in text else "Koursk"]
    assert record.other_events == []


def test_a_place_told_apart_does_not_become_the_primary_place(extract):
    text = (
        "Des drones ont incendié un dépôt de carburant de la région de Rostov. Le dépôt est "
        "situé aux abords de Kamensk-Chakhtinski. Ailleurs dans la région, dans le district de "
        "Prolétarsk, le feu allumé par une frappe une dizaine de jours plus tôt brûlait encore."
    )
    assert primary(extract(text, published="2024-08-28")) == "Kamensk-Chakhtinski"


def test_capitals_listed_before_a_plural_region_noun_are_regions(resources):
    from build_tools.extract.document import Document

    doc = Document(
        "Hits were recorded across the Donetsk, Sumy, Dnipropetrovsk and Kyiv regions, and "
        "in Kharkiv.",
        "Titre",
        resources,
        "en",
    )
    names = [resources.gazetteer.places[i].name for _, i in doc.place_mentions]
    assert names == [
        "oblast de Donetsk",
        "oblast de Soumy",
        "oblast de Dnipropetrovsk",
        "oblast de Kiev",
        "Kharkiv",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Des drones ont frappé une raffinerie dans la région de la Volga, à Syzran.",
        "Des drones ont frappé une raffinerie à Syzran, sur la Volga.",
    ],
)
def test_a_town_s_name_after_an_article_is_a_river_or_a_region_not_the_town(extract, text):
    """GeoNames has a village Volga; French writes no article before a town's name."""
    record = extract(text)
    assert [p.name for p in record.places] == ["Syzran"]
