import pytest


def test_a_full_date_is_taken_as_written(extract):
    record = extract("Des drones ont frappé une raffinerie près de Saratov le 14 mars 2025.")
    assert (record.date.value, record.date.precision, record.date.inferred) == (
        "2025-03-14",
        "day",
        False,
    )


def test_a_day_without_year_takes_the_publication_year(extract):
    record = extract(
        "Le 3 février, une frappe de drones a visé le port de Novorossiïsk.", published="2024-02-05"
    )
    assert (record.date.value, record.date.inferred) == ("2024-02-03", True)


def test_a_day_after_the_publication_date_is_last_year(extract):
    record = extract(
        "Le 28 décembre, une attaque de drones a touché un dépôt pétrolier à Briansk.",
        published="2025-01-04",
    )
    assert record.date.value == "2024-12-28"


def test_without_publication_date_the_year_follows_the_latest_dated_event(extract):
    text = (
        "Des explosions ont été entendues à l'aube du 2 mars dans la ville de Koursk, visée par "
        "des drones. La ville avait déjà été attaquée le 9 octobre 2024."
    )
    assert extract(text).date.value == "2025-03-02"


def test_without_any_year_the_year_folder_places_the_day(extract):
    assert (
        extract("Le 1er mai, une frappe de drones a touché Belgorod.", year=2023).date.value
        == "2023-05-01"
    )


def test_a_day_that_cannot_be_placed_in_time_gives_no_date(extract):
    assert extract("Le 1er mai, une frappe de drones a touché Belgorod.").date is None


def test_a_weekday_is_the_last_such_day_before_publication(extract):
    # 2024-09-18 is a Wednesday; "lundi" is 2024-09-16.
    record = extract("Lundi, des drones ont attaqué la ville de Voronej.", published="2024-09-18")
    assert (record.date.value, record.date.precision, record.date.inferred) == (
        "2024-09-16",
        "day",
        True,
    )


def test_the_night_from_one_day_to_the_next_is_dated_the_morning_after(extract):
    record = extract(
        "Dans la nuit de samedi à dimanche, une attaque de drones a visé Riazan.",
        published="2024-06-04",
    )
    assert record.date.value == "2024-06-02"  # Sunday


def test_a_weekday_against_a_month_known_publication_gives_the_month(extract):
    record = extract(
        "Dans la nuit de mardi à mercredi, des drones ont frappé un entrepôt à Tver.",
        published="2024-09",
    )
    assert (record.date.value, record.date.precision, record.date.inferred) == (
        "2024-09",
        "month",
        True,
    )


def test_today_means_the_publication_day(extract):
    assert (
        extract("Odessa a été frappée par des drones ce matin.", published="2023-07-20").date.value
        == "2023-07-20"
    )
    assert (
        extract("Odessa a été frappée par des drones hier.", published="2023-07-20").date.value
        == "2023-07-19"
    )


def test_a_date_marked_as_earlier_is_not_the_event(extract):
    text = (
        "Depuis le 24 février 2022, les frappes se multiplient. "
        "Le 5 juin 2024, des drones ont visé une base aérienne en Crimée."
    )
    assert extract(text).date.value == "2024-06-05"


def test_the_first_date_of_the_attack_wins_over_a_later_reference(extract):
    text = (
        "Le 12 août, des drones ont frappé l'aérodrome de Morozovsk. "
        "Le même site avait été attaqué par des drones le 5 avril 2024."
    )
    assert extract(text, published="2024-08-13").date.value == "2024-08-12"


def test_a_date_in_a_sentence_without_attack_is_not_the_event(extract):
    text = (
        "Le 2 juillet, des images satellites ont été publiées. "
        "Le 1er juillet, des drones ont frappé l'usine."
    )
    assert extract(text, published="2025-07-03").date.value == "2025-07-01"


def test_a_month_and_year_give_month_precision(extract):
    record = extract("En mars 2024, des drones ont frappé plusieurs raffineries russes.")
    assert (record.date.value, record.date.precision) == ("2024-03", "month")


def test_never_after_the_publication_date(extract):
    record = extract(
        "Le 20 septembre, une frappe de drones a touché Kharkiv.", published="2024-09-18"
    )
    assert record.date.value == "2023-09-20"


@pytest.mark.parametrize(
    "text", ["Le 1er juillet", "Le premier juillet", "le 1er juillet", "LE 1ER JUILLET"]
)
def test_ways_of_writing_the_first_of_the_month(extract, text):
    assert (
        extract(f"{text}, des drones ont frappé Kazan.", published="2025-07-02").date.value
        == "2025-07-01"
    )


def test_text_without_accents(extract):
    assert (
        extract(
            "Le 3 fevrier, une frappe de drones a vise Belgorod.", published="2024-02-05"
        ).date.value
        == "2024-02-03"
    )


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Le jour de l'An, des drones ont frappé Loutsk.", "2026-01-02", "2026-01-01"),
        ("Au premier jour de 2026, des drones ont frappé Kovel.", "2026-01-03", "2026-01-01"),
        ("Des drones ont frappé Odessa dans la nuit du 1er au 2 mars.", "2024-03-04", "2024-03-02"),
        (
            "KAZAN, 22 décembre — Des drones ont frappé Kazan samedi, a annoncé le maire.",
            "2024-12-22",
            "2024-12-21",
        ),
        (
            (
                "La raffinerie continuait de brûler dimanche, deux jours après avoir été frappée "
                "vendredi par des drones."
            ),
            "2025-03-16",
            "2025-03-14",
        ),
    ],
)
def test_holidays_night_ranges_datelines_and_report_days(extract, sentence, published, expected):
    assert extract(sentence, published=published).date.value == expected


def test_the_war_s_start_is_never_the_event_date(extract):
    record = extract(
        "Depuis l'invasion du 24 février 2022, des drones ont frappé Koursk à de nombreuses "
        "reprises. Mardi, un drone a touché un immeuble.",
        published="2024-09-18",
    )
    assert record.date.value == "2024-09-17"


def test_a_weekday_is_resolved_against_a_date_written_in_full(extract):
    record = extract(
        "Dans la nuit de lundi à mardi, deux drones ont frappé l'usine Kupol à Ijevsk. "
        "L'alerte avait été donnée le lundi 30 juin 2025 au soir."
    )
    assert (record.date.value, record.date.inferred) == ("2025-07-01", True)


def test_a_statement_s_this_morning_is_its_day(extract):
    record = extract(
        "Le ministère a publié sur Telegram, samedi 28 septembre 2024, le communiqué suivant : "
        "« Ce matin, des drones russes ont visé par deux fois un hôpital de Soumy. »",
        published="2024-09-29",
    )
    assert record.date.value == "2024-09-28"


def test_in_one_sentence_a_written_day_comes_before_a_weekday(extract):
    text = (
        "Les secouristes ont quitté dimanche soir la rue d'Odessa où, dans la nuit du 1er au "
        "2 mars, un drone russe avait fait s'effondrer un immeuble."
    )
    assert extract(text, published="2024-03-04").date.value == "2024-03-02"


def test_a_fire_dates_the_night_it_broke_out(extract):
    text = (
        "Le gouverneur a publié lundi un message. La raffinerie de Riazan a pris feu dans la "
        "nuit de dimanche à lundi.\n\nLe 24 janvier, la même raffinerie avait été visée."
    )
    assert extract(text, published="2025-02-24").date.value == "2025-02-24"


def test_a_weekday_before_a_written_date_is_that_date(extract):
    text = (
        "Un drone a frappé un immeuble d'Odessa dans la nuit du 1er au 2 mars. Le vendredi "
        "23 février au soir, la chute d'un drone abattu avait déjà tué un homme à Odessa."
    )
    record = extract(text, published="2024-03-04")
    assert record.date.value == "2024-03-02"
    assert record.drones.downed is None  # the drone downed on 23 February is another night's


def test_a_quoted_statement_s_night_is_the_night_before_it_was_made(extract):
    text = (
        "L'administration militaire de Kiev a publié hier sur Telegram le communiqué suivant :"
        "\n\n« Plus de 40 drones ont été abattus cette nuit dans le ciel de la capitale. »"
    )
    assert extract(text, published="2023-05-29").date.value == "2023-05-28"


def test_the_day_of_a_strike_elsewhere_does_not_date_the_event(extract):
    text = (
        "Ce samedi, suivez ici les développements du conflit.\n\n"
        "Kryvy Rih : le siège de la police, visé vendredi par un missile, a été déblayé.\n\n"
        "Des drones ont frappé un hôpital de Soumy, où l'on compte neuf morts."
    )
    record = extract(text, published="2024-09-28", title="Soumy : un hôpital frappé")
    assert record.date.value == "2024-09-28"


def test_the_dateline_s_city_is_no_strike_elsewhere(extract):
    text = (
        "MOSCOW, Feb 24 — Drone debris set off a fire overnight at the Ryazan refinery, the "
        "governor said on Monday. The plant had already been attacked on January 24."
    )
    record = extract(text, published="2025-02-24", language="en")
    assert record.date.value == "2025-02-24"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Des drones ont frappé Kamensk mercredi. À Prolétarsk, une frappe une dizaine de "
            "jours plus tôt a allumé un feu qui brûle encore.",
            "fr",
        ),
        (
            "Drones hit Kamensk on Wednesday. In Proletarsk, a strike ten days earlier started "
            "a fire that is still burning.",
            "en",
        ),
    ],
)
def test_so_many_days_earlier_dates_another_strike(extract, text, language):
    record = extract(text, published="2024-08-28", language=language)
    assert record.date.value == "2024-08-28"
    assert [(e.date, e.place) for e in record.other_events] == [("2024-08-18", "Proletarsk")]
