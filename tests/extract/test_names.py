"""People never listed, bylines and credit lines: sentences written for the purpose."""

import pytest

from build_tools.folding import skeleton


def names(record):
    return [p.name for p in record.people]


def test_a_name_introduced_by_a_role_in_english(extract):
    record = extract(
        "Rostov Governor Vasily Golubev said a fuel depot caught fire after a drone attack.",
        language="en",
    )
    assert names(record) == ["Vasily Golubev"]


def test_a_name_introduced_by_nothing_is_found_by_the_model(extract):
    record = extract(
        "Des drones ont frappé Kharkiv dans la nuit. Parmi les victimes figure Olena Bondarenko, "
        "une enseignante de 52 ans."
    )
    assert names(record) == ["Olena Bondarenko"]


def test_a_byline_is_the_author_not_a_person_of_the_event(extract):
    record = extract(
        "Par Jeanne Morel\nDes drones ont frappé Koursk dans la nuit, a annoncé le gouverneur."
    )
    assert record.author == "Jeanne Morel"
    assert "Jeanne Morel" not in names(record)


def test_a_wire_credit_names_the_reporter_and_the_desk_is_no_one(extract):
    record = extract(
        "Russian drones struck Sumy on Saturday, killing two people, officials said.\n"
        "(Reporting by Daniel Ashford; Editing by Ruth Keller)",
        language="en",
    )
    assert record.author == "Daniel Ashford"
    assert names(record) == []


def test_a_photo_credit_names_no_one_of_the_event(extract):
    record = extract("Des drones ont frappé Soumy dans la nuit.\nPhoto : Olena Kovalenko / AFP")
    assert names(record) == []


def test_a_first_name_that_is_a_town_opens_a_name_not_a_place(extract):
    record = extract(
        "Le maire, Volodymyr Tkachuk, a déclaré que des drones avaient frappé Loutsk dans la nuit."
    )
    assert "Volodymyr Tkachuk" in names(record)
    assert [p.name for p in record.places if p.name.startswith("Volodymyr")] == []


def test_french_and_english_transliterations_share_a_skeleton():
    assert skeleton("Iouri Slioussar") == skeleton("Yury Slyusar")
    assert skeleton("Oleg Synegoubov") == skeleton("Oleh Syniehubov")
    assert skeleton("Viatcheslav Gladkov") == skeleton("Vyacheslav Gladkov")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Un drone a percuté la tour du complexe Lazournye Nebessa (« Ciel d'azur ») à Kazan.",
            "fr",
        ),
        ("A drone hit the Lazurnye Nebesa complex in Kazan.", "en"),
    ],
)
def test_a_building_s_name_is_no_person_and_no_organisation(extract, text, language):
    record = extract(text, language=language)
    assert (record.people, record.organisations) == ([], [])
