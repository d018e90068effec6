def test_an_earlier_attack_on_the_same_place_is_another_event(extract):
    text = (
        "Le 4 juin, des drones ont frappé l'usine d'Ijevsk. "
        "La même usine avait été attaquée par des drones le 17 novembre 2024."
    )
    record = extract(text, published="2025-06-05")
    assert record.date.value == "2025-06-04"
    # The sentence names no place: the earlier attack was on the event's place.
    assert [(e.date, e.place) for e in record.other_events] == [("2024-11-17", "Ijevsk")]


def test_a_parallel_strike_elsewhere_is_another_event(extract):
    text = (
        "Des drones ont détruit un dépôt de munitions à Toropets dans la nuit. "
        "Dans la région de Belgorod, deux personnes ont été blessées par une attaque de drone."
    )
    assert [(e.date, e.place) for e in extract(text).other_events] == [(None, "oblast de Belgorod")]


def test_the_start_of_the_war_and_where_drones_came_from_are_not_events(extract):
    text = (
        "Des drones ont frappé Toropets. C'est l'une des plus grosses attaques depuis le début de "
        "la guerre en février 2022. Les drones pourraient provenir de la région de Kalouga."
    )
    assert extract(text).other_events == []


def test_a_drone_total_keeps_its_breakdown_by_place(extract):
    text = (
        "Le ministère russe de la Défense a annoncé avoir détruit 40 drones dans la nuit. "
        "Ils ont été abattus au-dessus des régions de Koursk (22), Briansk (10) et Orel (8)."
    )
    shares = [(s.place, s.value) for s in extract(text).drones.downed.breakdown]
    # A list after "les régions de" names regions by their capitals.
    assert shares == [
        ("oblast de Koursk", 22),
        ("oblast de Briansk", 10),
        ("oblast d'Orel", 8),
    ]


def test_a_strike_elsewhere_the_same_night_takes_the_event_s_date(extract):
    text = (
        "Dans la nuit du 24 au 25 novembre, des drones ont frappé Taganrog. Des explosions ont "
        "aussi été signalées à Novorossiisk et à Touapsé, sur la mer Noire."
    )
    record = extract(text, published="2025-11-25")
    assert record.date.value == "2025-11-25"
    assert [(e.date, e.place) for e in record.other_events] == [
        ("2025-11-25", "Novorossiïsk"),
        ("2025-11-25", "Touapsé"),
    ]


def test_a_town_stands_for_its_region_and_a_suburb_for_its_city(extract):
    text = (
        "Des drones russes ont frappé Kharkiv dans la nuit. Dans la région d'Odessa, des "
        "drones ont touché Odessa et Ousatove."
    )
    places = [e.place for e in extract(text).other_events]
    assert len(places) == 1 and places[0] in ("Odessa", "Oussatove")


def test_the_days_after_the_strike_at_its_place_are_no_other_strike(extract):
    text = (
        "Des drones ont frappé la raffinerie de Touapsé vendredi 14 mars. Le dimanche 16 mars, "
        "l'incendie de la raffinerie de Touapsé, frappée par des drones, brûlait encore."
    )
    record = extract(text, published="2025-03-17")
    assert record.date.value == "2025-03-14"
    assert record.other_events == []


def test_a_strike_told_after_a_sentence_that_says_others_were_hit_that_night(extract):
    text = (
        "Le 12 mars, des drones ont frappé un dépôt pétrolier de Briansk. D'autres régions ont "
        "été visées. À Koursk, un drone a endommagé une sous-station."
    )
    record = extract(text, published="2025-03-12")
    assert [(e.date, e.place) for e in record.other_events] == [("2025-03-12", "Koursk")]


def test_the_eve_of_the_event_in_a_sentence_that_names_its_day_is_its_night(extract):
    text = (
        "Des drones ont frappé Taganrog le 25 novembre. Entre 23h00 le 24 novembre et 07h00 le "
        "25 novembre, la défense aérienne a détruit 249 drones, dont 16 sur la région de Rostov."
    )
    record = extract(text, published="2025-11-25")
    assert record.date.value == "2025-11-25"
    assert record.other_events == []


def test_a_toll_elsewhere_is_another_event(extract):
    text = (
        "Des drones ont frappé Taganrog le 25 novembre. Dans le territoire de Krasnodar, le "
        "gouverneur compte six blessés, Novorossiisk concentrant l'essentiel des victimes."
    )
    record = extract(text, published="2025-11-25")
    assert [(e.date, e.place) for e in record.other_events] == [("2025-11-25", "Novorossiïsk")]


def test_a_town_named_after_its_region_takes_the_region_s_place(extract):
    text = (
        "Drones hit Taganrog overnight; strikes were also reported in Krasnodar region. "
        "In Novorossiysk, the strikes hit an oil terminal."
    )
    record = extract(text, published="2025-11-25", language="en")
    assert [e.place for e in record.other_events] == ["Novorossiïsk"]


def test_strikes_told_after_a_sentence_of_another_day_are_that_day_s(extract):
    text = (
        "A drone hit the Tuapse refinery on Friday, March 14. Separately, Russia said 72 drones "
        "were downed between Sunday evening and Monday morning. In the Astrakhan region, "
        "falling debris injured one person."
    )
    record = extract(text, published="2025-03-17", language="en")
    assert [(e.date, e.place) for e in record.other_events] == [
        ("2025-03-17", "oblast d'Astrakhan")
    ]


def test_a_live_entry_tells_of_the_blog_s_day(extract):
    text = (
        "08h40 — Un drone a frappé un hôpital de Soumy.\n\n"
        "13h10 — Le ministère russe de la Défense dit avoir intercepté quatre drones dans la "
        "région de Belgorod."
    )
    record = extract(text, published="2024-09-28")
    assert [(e.date, e.place) for e in record.other_events] == [
        ("2024-09-28", "oblast de Belgorod")
    ]


def test_a_new_attack_the_next_night_is_no_aftermath(extract):
    text = (
        "Dans la nuit de samedi à dimanche, des drones ont frappé Kiev. La nuit suivante, de "
        "dimanche à lundi, les autorités ont signalé une nouvelle attaque contre Kiev."
    )
    record = extract(text, published="2023-05-29")
    assert record.date.value == "2023-05-28"
    assert [(e.date, e.place) for e in record.other_events] == [("2023-05-29", "Kiev")]


def test_a_weekday_against_a_day_written_without_its_year(extract):
    text = (
        "Mis à jour le 4 octobre. Des drones ont frappé la gare de Chostka le 4 octobre. "
        "L'armée de l'air a compté 109 drones tirés à partir de 18 heures vendredi. Dans "
        "l'autre sens, Moscou assure que 117 drones ukrainiens ont été abattus dans la nuit de "
        "vendredi à samedi, la région de Briansk en totalisant 27."
    )
    record = extract(text, published="2025-10")
    assert record.date.value == "2025-10-04"
    assert [(e.date, e.place) for e in record.other_events] == [("2025-10-04", "Russie")]


def test_a_strike_on_the_eve_at_the_same_place_is_another_event(extract):
    text = (
        "Drones hit an apartment block in Kharkiv before dawn on Monday. Late on Sunday, a "
        "ballistic missile landed in a residential area and injured 11 people."
    )
    record = extract(text, published="2025-08-18", language="en")
    assert [(e.date, e.place) for e in record.other_events] == [("2025-08-17", "Kharkiv")]


def test_links_to_other_stories_under_read_also_are_no_events(extract):
    text = (
        "An explosion rang out on the outskirts of Volodymyr overnight.\n\n"
        "Read also:\n› Odesa region: port infrastructure hit in Russian missile strike\n"
        "› Dnipropetrovsk council head: air defence downs missile over region"
    )
    assert extract(text, published="2023-11-21", language="en").other_events == []


def test_links_under_an_accented_french_opener_are_no_events(extract):
    text = (
        "Une frappe de drones a touché Chostka dans la nuit.\n\n"
        "À lire également\n- Région de Tchernihiv : des foyers privés d'électricité après des "
        "frappes nocturnes\n- Soumy : ce que l'on sait des attaques"
    )
    assert extract(text, published="2025-10-04").other_events == []


def test_overnight_at_the_event_s_place_told_a_day_later_is_the_event(extract):
    text = (
        "An explosion rang out near Volodymyr, in Volyn region, in the early hours of Tuesday. "
        "The regional governor said air defence had taken out drones over Volyn overnight."
    )
    record = extract(text, published="2023-11-22", language="en")
    assert record.date.value == "2023-11-21"
    assert record.other_events == []


def test_a_capital_in_apposition_is_a_place_of_events(extract):
    text = (
        "Des drones ont frappé un hôpital de Soumy samedi. L'armée de l'air fait état de 69 "
        "drones interceptés dans le pays. Dans la capitale, Kiev, la mairie indique qu'une "
        "quinzaine d'engins ont été abattus dans la nuit."
    )
    record = extract(text, published="2024-09-28")
    assert [(e.date, e.place) for e in record.other_events] == [("2024-09-28", "Kiev")]


def test_the_other_side_s_night_total_is_an_event_in_its_country(extract):
    text = (
        "Une frappe de drones russes a tué deux personnes à Soumy dans la nuit de vendredi à "
        "samedi 4 octobre 2025. De son côté, Moscou assure que 96 drones ukrainiens ont été "
        "abattus dans la nuit de vendredi à samedi, la région de Koursk en totalisant 31."
    )
    events = extract(text, published="2025-10-04").other_events
    assert [(e.date, e.place) for e in events] == [("2025-10-04", "Russie")]


def test_the_other_side_s_total_told_in_english_without_a_date_is_the_same_night_s(extract):
    text = (
        "Russian drones struck an apartment block in Kharkiv overnight on Monday, killing "
        "three people. Russia's defence ministry said it had destroyed 41 Ukrainian drones "
        "during the night."
    )
    events = extract(text, published="2025-08-18", language="en").other_events
    assert [(e.date, e.place) for e in events] == [("2025-08-18", "Russie")]


def test_the_other_side_s_count_over_one_region_is_that_region_s_event(extract):
    text = (
        "Une frappe de drones russes a tué deux personnes à Soumy dans la nuit de vendredi à "
        "samedi 4 octobre 2025. Le ministère russe de la Défense dit de son côté avoir "
        "intercepté six drones ukrainiens dans la région de Belgorod."
    )
    events = extract(text, published="2025-10-04").other_events
    assert [e.place for e in events] == ["oblast de Belgorod"]


def test_attacks_counted_since_the_start_of_the_month_are_the_month_s(extract):
    text = (
        "Des drones ont frappé Kiev dans la nuit de samedi à dimanche 28 mai 2023. Vendredi, "
        "le chef de l'administration militaire dénombrait déjà treize attaques contre la ville "
        "depuis début mai."
    )
    events = extract(text, published="2023-05-28").other_events
    assert [(e.date, e.precision, e.place) for e in events] == [("2023-05", "month", "Kiev")]


def test_attacks_counted_since_the_start_of_the_month_in_english(extract):
    text = (
        "Drones struck Kyiv overnight into Sunday, May 28, 2023, killing one man. It was the "
        "14th attack on the capital since the start of May, the city's military "
        "administration said."
    )
    events = extract(text, published="2023-05-28", language="en").other_events
    assert [(e.date, e.place) for e in events] == [("2023-05", "Kiev")]


def test_a_count_since_an_earlier_month_is_background(extract):
    text = (
        "Des drones ont frappé Kiev dans la nuit de samedi à dimanche 28 mai 2023. La ville "
        "a été visée plus de cent fois depuis début février."
    )
    assert extract(text, published="2023-05-28").other_events == []


def test_elsewhere_in_the_event_s_region_is_another_event_with_its_own_weapons(extract):
    text = (
        "Une frappe de drones Shahed a tué deux personnes à Soumy samedi 28 septembre 2024. "
        "Toujours dans la région de Soumy, l'armée de l'air rapporte des largages de bombes "
        "aériennes guidées."
    )
    record = extract(text, published="2024-09-28")
    assert [(e.date, e.place) for e in record.other_events] == [("2024-09-28", "oblast de Soumy")]
    assert [w.name for w in record.weapons if w.role == "used"] == ["Shahed"]


def test_elsewhere_in_the_region_in_english_keeps_its_toll_apart(extract):
    text = (
        "Russian drones killed three people in Kharkiv on Monday, Aug. 18, 2025. Elsewhere in "
        "the region, two people were killed by shelling."
    )
    record = extract(text, published="2025-08-18", language="en")
    assert record.killed.value == 3
    assert [e.place for e in record.other_events] == ["oblast de Kharkiv"]


def test_another_attack_in_a_town_of_the_event_s_district_is_another_event(extract):
    text = (
        "A Russian drone hit a passenger train in Shostka on Saturday, Oct. 4, 2025, killing "
        "one man. The district saw another deadly attack earlier that day: a drone struck a "
        "boat on a lake in the Seredyna-Buda community, killing a fisherman."
    )
    record = extract(text, published="2025-10-04", language="en")
    assert [(e.date, e.place) for e in record.other_events] == [("2025-10-04", "Seredyna-Bouda")]
    assert record.killed.value == 1


def test_places_listed_together_away_from_the_event_s_are_other_events(extract):
    text = (
        "Ukrainian missiles struck Taganrog overnight on Tuesday, Nov. 25, 2025. The General "
        "Staff listed Taganrog among the places it said had been hit; the others were "
        "Novorossiysk and Tuapse, two Black Sea ports."
    )
    events = extract(text, published="2025-11-25", language="en").other_events
    assert sorted((e.date, e.place) for e in events) == [
        ("2025-11-25", "Novorossiïsk"),
        ("2025-11-25", "Touapsé"),
    ]


def test_a_night_s_hits_across_many_regions_are_no_other_events(extract):
    text = (
        "Russian drones hit an apartment block in Kharkiv overnight on Monday, Aug. 18, 2025. "
        "The air force recorded hits at 25 locations across the Donetsk, Kharkiv, Sumy, "
        "Dnipropetrovsk, Odesa and Kyiv regions."
    )
    assert extract(text, published="2025-08-18", language="en").other_events == []
