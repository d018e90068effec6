"""English reports are read in full, with the English words of the lexicon: sentences
written for the purpose, in the manner of wire copy."""

import pytest

from tests.extract.conftest import primary


def value(count):
    return None if count is None else (count.value, count.qualifier)


def test_a_wire_lead_gives_date_place_and_toll(extract):
    record = extract(
        "KYIV, Dec 2 — One resident died and three were hurt when a Russian drone crashed into a "
        "block of flats in Ternopil overnight into Monday, rescuers said.",
        published="2024-12-02",
        language="en",
    )
    assert record.date.value == "2024-12-02"
    assert primary(record) == "Ternopil"
    assert (value(record.killed), value(record.injured)) == ((1, None), (3, None))
    assert value(record.drones.hit) == (1, None)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        (
            (
                "Russian drones hit Kharkiv on Tuesday night, killing six people and wounding 14, "
                "officials said."
            ),
            (6, None),
            (14, None),
        ),
        (
            "At least three people were killed and 12 hurt when drones struck Odesa.",
            (3, "at_least"),
            (12, None),
        ),
        (
            "The attack on Sumy left a 67-year-old woman dead and a dozen people injured.",
            (1, None),
            (12, "about"),
        ),
        (
            "Drones struck Dnipro overnight; no one was killed or injured, the governor said.",
            (0, None),
            (0, None),
        ),
    ],
)
def test_english_tolls(extract, sentence, killed, injured):
    record = extract(sentence, language="en")
    assert (value(record.killed), value(record.injured)) == (killed, injured)


def test_an_air_force_total_is_nationwide_and_its_parts_follow_it(extract):
    record = extract(
        "A Russian drone hit a hospital in Sumy on Saturday. Ukraine's air force said Russia "
        "launched 73 drones at the country overnight and that 69 of them were shot down over ten "
        "regions.",
        published="2024-09-28",
        language="en",
    )
    assert (record.drones.launched.value, record.drones.launched.scope) == (73, "nationwide")
    assert (record.drones.downed.value, record.drones.downed.scope) == (69, "nationwide")


def test_an_english_claimant_is_the_listed_organisation(extract):
    record = extract(
        "Russia's Defence Ministry said 23 Ukrainian drones had been destroyed over the Saratov "
        "region.",
        language="en",
    )
    assert record.drones.downed.claimed_by == "ministère russe de la Défense"


def test_weekday_and_yesterday_in_english(extract):
    wednesday = extract(
        "Drones struck the Engels oil depot early on Wednesday.",
        published="2025-01-09",
        language="en",
    )
    yesterday = extract(
        "Drones struck Kazan yesterday, officials said.", published="2024-12-22", language="en"
    )
    assert (wednesday.date.value, yesterday.date.value) == ("2025-01-08", "2024-12-21")


def test_the_day_a_statement_was_made_is_not_the_days_of_the_attack(extract):
    record = extract(
        "Crews put out the last flames at the Tuapse refinery, the district head said on Monday; "
        "Ukrainian drones had struck the plant on Friday.",
        published="2025-03-17",
        language="en",
    )
    assert record.date.value == "2025-03-14"


def test_the_day_a_post_was_written_is_not_the_strike_s(extract):
    text = (
        "Firefighters have put out the blaze at the Tuapse refinery, district head Sergei "
        "Boyko said in a Telegram post on Monday. Ukraine hit the plant on the night of "
        "March 13-14."
    )
    assert extract(text, published="2025-03-17", language="en").date.value == "2025-03-14"
