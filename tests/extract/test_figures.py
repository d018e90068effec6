import pytest

from build_tools.model import QUALIFIERS


def primary_name(record):
    return next((p.name for p in record.places if p.role == "primary"), None)


def value(count):
    return None if count is None else (count.value, count.qualifier)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Une frappe de drones sur Kharkiv a fait 4 morts et 12 blessés.", (4, None), (12, None)),
        (
            (
                "Deux personnes ont été tuées et sept autres blessées lors d'une frappe de drones "
                "sur Soumy."
            ),
            (2, None),
            (7, None),
        ),
        ("L'attaque de drones contre Odessa a coûté la vie à trois civils.", (3, None), None),
        ("La frappe a causé la mort de cinq personnes à Dnipro.", (5, None), None),
        (
            "Une attaque de drones sur Zaporijjia a blessé une cinquantaine de personnes.",
            None,
            (50, "about"),
        ),
        (
            "Au moins 10 personnes ont été blessées par des drones à Kherson.",
            None,
            (10, "at_least"),
        ),
        (
            "Plusieurs habitants ont été blessés par la frappe de drones sur Koursk.",
            None,
            (None, "several"),
        ),
        ("Le drone a tué onze personnes, dont deux enfants, à Kharkiv.", (11, None), None),
    ],
)
def test_casualty_counts_in_words_and_digits(extract, sentence, killed, injured):
    record = extract(sentence)
    for count in (record.killed, record.injured):
        assert count is None or count.qualifier in (None, *QUALIFIERS)
    assert value(record.killed) == killed
    assert value(record.injured) == injured


def test_hospitalised_among_the_injured(extract):
    record = extract(
        "Une frappe de drones sur Belgorod a fait 20 blessés, dont 8 ont été hospitalisés."
    )
    assert value(record.injured) == (20, None)
    assert value(record.hospitalised) == (8, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Les drones ont parcouru 1 200 km avant de frapper la raffinerie de Saratov.",
        "L'incendie a détruit 2 500 mètres carrés de l'usine de Kazan après la frappe.",
        "Les drones portaient des numéros de série dépassant huit mille unités.",
        "En 2022, 14 entrepôts ont été construits près de Koursk.",
        "Les explosions ont été entendues de 3 h 20 à 4 h 10 à Voronej.",
    ],
)
def test_numbers_that_are_not_victims_or_drones(extract, sentence):
    record = extract(sentence)
    assert record.killed is None and record.injured is None
    assert (
        record.drones.launched is None
        and record.drones.downed is None
        and record.drones.hit is None
    )


def test_a_count_of_a_parallel_strike_elsewhere_is_not_the_events(extract):
    text = (
        "Des drones ont détruit un dépôt de munitions à Toropets dans la nuit. Dans la région de "
        "Belgorod, trois personnes ont été blessées par une autre attaque de drone."
    )
    assert extract(text).injured is None


def test_no_one_seriously_injured_says_nothing_of_deaths(extract):
    record = extract(
        "Une attaque de drones a visé Moscou ce matin. Personne n'a été gravement blessé, selon "
        "le maire."
    )
    assert record.killed is None
    assert record.injured is None


@pytest.mark.parametrize(
    ("sentence", "language", "killed", "injured"),
    [
        (
            (
                "Des drones ont frappé Koursk dans la nuit. Personne n'a été blessé, selon le "
                "gouverneur."
            ),
            "fr",
            None,
            (0, None),
        ),
        (
            "Des drones ont frappé Koursk dans la nuit, sans faire de victime.",
            "fr",
            (0, None),
            (0, None),
        ),
        (
            "Drones struck Kursk overnight. No one was hurt, the governor said.",
            "en",
            (0, None),
            (0, None),
        ),
        (
            "Drones struck Kursk overnight. No one was injured, the governor said.",
            "en",
            None,
            (0, None),
        ),
        (
            "Drones struck Kursk overnight; there were no casualties, the governor said.",
            "en",
            (0, None),
            (0, None),
        ),
    ],
)
def test_what_a_text_says_of_no_victims(extract, sentence, language, killed, injured):
    record = extract(sentence, language=language)
    assert (value(record.killed), value(record.injured)) == (killed, injured)


def test_victims_without_a_number_are_unspecified(extract):
    record = extract(
        "L'attaque de drones contre Kazan a fait des victimes, dont des personnes tuées et "
        "blessées."
    )
    assert value(record.killed) == (None, "unspecified")
    assert value(record.injured) == (None, "unspecified")


@pytest.mark.parametrize(
    ("sentence", "field", "expected"),
    [
        (
            "La défense aérienne a abattu 38 drones au-dessus de la région de Rostov.",
            "downed",
            (38, None),
        ),
        (
            "Selon l'armée de l'air, 47 drones ont été interceptés au-dessus de Kiev.",
            "downed",
            (47, None),
        ),
        (
            "La Russie a lancé 120 drones Shahed contre l'Ukraine dans la nuit.",
            "launched",
            (120, None),
        ),
        ("Deux drones ont frappé la raffinerie de Volgograd.", "hit", (2, None)),
        (
            "Une cinquantaine de drones ont été détruits au-dessus de la Crimée.",
            "downed",
            (50, "about"),
        ),
        ("Au moins 15 drones ont été neutralisés près de Belgorod.", "downed", (15, "at_least")),
    ],
)
def test_drone_counts_by_the_verb_that_governs_them(extract, sentence, field, expected):
    assert value(getattr(extract(sentence).drones, field)) == expected


def test_the_total_wins_over_its_regional_breakdown(extract):
    text = (
        "Le ministère russe de la Défense a affirmé avoir intercepté 75 drones dans la nuit, "
        "dont 30 au-dessus de la région de Koursk et 12 au-dessus de la région de Briansk."
    )
    record = extract(text)
    assert value(record.drones.downed) == (75, None)
    assert record.drones.downed.claimed_by == "ministère russe de la Défense"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            (
                "Selon le ministère russe de la Défense, 25 drones ont été abattus au-dessus de "
                "Briansk."
            ),
            "ministère russe de la Défense",
        ),
        (
            "« Nous avons abattu 25 drones », a indiqué le ministère russe de la défense.",
            "ministère russe de la Défense",
        ),
        (
            (
                "L'armée de l'air ukrainienne a annoncé que 25 drones avaient été abattus "
                "au-dessus de Kiev."
            ),
            "armée de l'air ukrainienne",
        ),
    ],
)
def test_who_claims_the_figure(extract, sentence, claimant):
    assert extract(sentence).drones.downed.claimed_by == claimant


def test_every_figure_carries_its_sentence_as_evidence(extract):
    text = (
        "Une alerte a été donnée. Deux drones ont frappé l'aérodrome de Saky. L'enquête continue."
    )
    evidence = extract(text).drones.hit.evidence[0]
    assert (
        text[evidence.start : evidence.end]
        == evidence.text
        == "Deux drones ont frappé l'aérodrome de Saky."
    )


def test_no_victims_in_several_wordings(extract):
    for sentence in (
        "Il n'y a pas eu de victimes après la frappe de drones sur Samara.",
        "La frappe de drones sur Samara n'a fait aucune victime.",
    ):
        record = extract(sentence)
        assert value(record.killed) == (0, None), sentence


def test_part_of_a_total_takes_the_verb_before_it(extract):
    record = extract(
        "L'armée de l'air a déclaré avoir abattu 45 des 63 drones lancés par la Russie contre Kiev."
    )
    assert value(record.drones.downed) == (45, None)
    assert value(record.drones.launched) == (63, None)


def test_a_revised_toll_supersedes_the_first(extract):
    record = extract(
        "Une personne a été tuée par la frappe de drones sur Taganrog. "
        "Le bilan s'est alourdi à trois morts dans la matinée, selon le gouverneur."
    )
    assert value(record.killed) == (3, None)


def test_a_toll_told_as_a_number_of_dead(extract):
    record = extract(
        "Des drones ont frappé Odessa. Les secouristes ont retrouvé deux corps, ce qui porte à "
        "dix le nombre de morts."
    )
    assert value(record.killed) == (10, None)


def test_ages_are_not_counts(extract):
    record = extract(
        "Un homme de 45 ans a été tué par un drone à Ternopil ; une femme âgée de 38 ans a été "
        "blessée."
    )
    assert (value(record.killed), value(record.injured)) == ((1, None), (1, None))


@pytest.mark.parametrize(
    ("text", "downed", "scope"),
    [
        ("Deux drones ont été abattus au-dessus de l'usine de Ijevsk.", 2, "incident"),
        (
            "Quatre drones ont été abattus au-dessus de la région de Rostov, selon le gouverneur.",
            4,
            "regional",
        ),
        (
            (
                "Le ministère russe de la Défense a annoncé avoir abattu 121 drones au-dessus de "
                "13 régions."
            ),
            121,
            "nationwide",
        ),
        (
            (
                "Selon le ministère russe de la Défense, 60 drones ont été interceptés, dont 17 "
                "au-dessus de la Crimée et 16 dans la région de Rostov."
            ),
            60,
            "nationwide",
        ),
    ],
)
def test_the_scope_of_a_drone_count(extract, text, downed, scope):
    count = extract(text).drones.downed
    assert (count.value, count.scope) == (downed, scope)


def test_the_other_side_s_drones_are_another_attack(extract):
    record = extract(
        "Des drones russes ont frappé Kharkiv dans la nuit. Moscou, de son côté, a affirmé avoir "
        "détruit 23 drones ukrainiens pendant la nuit."
    )
    assert record.drones.downed is None


def test_a_count_in_a_sentence_of_another_day_is_another_event(extract):
    record = extract(
        "Des drones ont frappé Kryvyï Rih mardi, blessant deux habitants. En avril, une frappe de "
        "missile sur la ville avait tué 16 personnes.",
        published="2025-12-17",
    )
    assert (record.killed, value(record.injured)) == (None, (2, None))


def test_the_part_told_for_the_event_s_place_is_its_toll(extract):
    record = extract(
        "Cinq civils ont péri dans le sud de l'Ukraine lors de frappes de drones russes, dont "
        "trois à Odessa, d'après les secours."
    )
    assert primary_name(record) == "Odessa"
    assert value(record.killed) == (3, None)


def test_a_subgroup_of_victims_is_not_a_place_s_part(extract):
    record = extract("Le drone a tué onze personnes, dont deux enfants, à Kharkiv.")
    assert value(record.killed) == (11, None)


def test_a_drone_attack_counts_no_drone(extract):
    record = extract(
        "Officials said damage was caused in Kharkiv during a drone attack overnight.",
        language="en",
    )
    assert record.drones.launched is None and record.drones.hit is None


def test_a_claimant_is_no_day(extract):
    record = extract(
        "Deux habitants d'Odessa ont été tués par des drones russes, ont indiqué samedi les "
        "autorités régionales.",
        published="2025-06-28",
    )
    assert record.killed.claimed_by == "autorités régionales"


@pytest.mark.parametrize(
    ("text", "language", "downed", "scope"),
    [
        (
            (
                "Forty-seven drones were downed over eleven regions, including Poltava and Sumy, "
                "the air force said."
            ),
            "en",
            47,
            "nationwide",
        ),
        (
            (
                "Le ministère russe de la Défense dit avoir détruit 28 drones cette nuit, dont 9 "
                "au-dessus de la région de Volgograd."
            ),
            "fr",
            28,
            "nationwide",
        ),
        (
            (
                "Ukraine's air force said nine of the ten Shahed drones launched overnight were "
                "shot down."
            ),
            "en",
            9,
            "nationwide",
        ),
    ],
)
def test_national_counts_told_by_their_regions_or_parts(extract, text, language, downed, scope):
    count = extract(text, language=language).drones.downed
    assert (count.value, count.scope) == (downed, scope)


def test_drones_that_hit_are_the_strike_s_own(extract):
    text = (
        "Oleh Syniehubov, head of the Kharkiv Regional Military Administration, said three "
        "Geran-2 drones struck the building."
    )
    count = extract(text, language="en").drones.hit
    assert (count.value, count.scope) == (3, "incident")


def test_attribution_runs_to_the_end_of_its_paragraph(extract):
    text = (
        "Drones set fire to a depot in Ryazan overnight, Governor Pavel Malkov said on Monday. "
        "He gave no figure for the damage. No one was hurt, according to early information.\n\n"
        "Two people were hurt in Tula, a local official said."
    )
    record = extract(text, language="en")
    assert value(record.injured) == (0, None)
    assert record.injured.claimed_by.startswith("Pavel Malkov")


def test_a_pronoun_claims_for_the_body_named_before(extract):
    text = (
        "Un incendie s'est déclaré dans une raffinerie de Volgograd samedi. Dans son point du "
        "matin, le ministère russe de la Défense ne dit rien du site. Il y assure avoir abattu "
        "sept drones au-dessus de la région."
    )
    assert extract(text).drones.downed.claimed_by == "ministère russe de la Défense"


def test_a_two_letter_pronoun_opening_the_sentence_claims_for_who_was_named_before(extract):
    text = (
        "Un drone a frappé un immeuble d'Odessa samedi. Le Service d'État des situations "
        "d'urgence a revu son bilan dans la matinée. Il compte huit blessés."
    )
    assert extract(text).injured.claimed_by == "Service d'État pour les situations d'urgence"
    text = (
        "A drone hit an apartment block in Odesa on Saturday. Governor Oleh Kiper visited the "
        "site. He said eight people were wounded."
    )
    assert extract(text, language="en").injured.claimed_by.startswith("Oleh Kiper")


def test_a_counting_verb_claims_only_before_a_number(extract):
    text = (
        "Un drone a frappé un immeuble d'Odessa samedi, faisant huit blessés. Le maire compte "
        "se rendre sur place. On compte aussi deux morts."
    )
    record = extract(text)
    assert record.injured.claimed_by is None
    assert record.killed.claimed_by is None


@pytest.mark.parametrize(
    "text",
    [
        "Un homme a été tué à Kiev, a annoncé le maire, Vitali Klitschko.",
        (
            "Le maire de Kiev, Vitali Klitschko, a parlé d'une nuit difficile. Un homme a été tué "
            "dans le quartier de Solomianskyi, a ajouté l'édile."
        ),
    ],
)
def test_a_role_alone_stands_for_the_person_named_with_it(extract, text):
    assert extract(text).killed.claimed_by == "Vitali Klitschko, maire de Kyiv"


@pytest.mark.parametrize(
    ("text", "language", "claimant"),
    [
        (
            (
                "Russian drones struck Odesa overnight. The air force said 40 of 50 drones were "
                "shot down over Ukraine."
            ),
            "en",
            "armée de l'air ukrainienne",
        ),
        (
            (
                "Des drones ont frappé Briansk. Le ministère de la Défense a annoncé avoir abattu "
                "douze drones au-dessus de la région."
            ),
            "fr",
            "ministère russe de la Défense",
        ),
    ],
)
def test_a_body_named_without_its_country_is_the_country_s_the_text_is_about(
    extract, text, language, claimant
):
    assert extract(text, language=language).drones.downed.claimed_by == claimant


def test_a_quotation_is_claimed_by_the_paragraph_that_introduces_it(extract):
    text = (
        "Le ministère russe de la Défense a publié son bilan de la nuit :\n\n"
        "« Nos systèmes de défense aérienne ont détruit 30 drones au-dessus de la région de "
        "Koursk. »"
    )
    assert extract(text).drones.downed.claimed_by == "ministère russe de la Défense"


def test_a_count_before_a_speech_verb_is_not_a_claimant(extract):
    text = (
        "Un train a été frappé par des drones à Chostka. Il y a eu une trentaine de blessés, "
        "avance Oksana Tarassiouk, qui dirige l'administration du district."
    )
    assert extract(text).injured.claimed_by.startswith("Oksana Tarassiouk")


@pytest.mark.parametrize(
    ("text", "language", "hit"),
    [
        (
            "In Sumy, two Shaheds struck the hospital and a third came down on a residential area.",
            "en",
            3,
        ),
        (
            (
                "Un drone a frappé un train en gare de Chostka. Quelques minutes après, un "
                "deuxième drone s'est abattu sur un autre convoi."
            ),
            "fr",
            2,
        ),
        (
            "Des drones ont frappé Kharkiv. Le bâtiment avait été la cible de quatre drones.",
            "fr",
            4,
        ),
    ],
)
def test_drones_that_hit_counted_by_rank_or_as_a_target(extract, text, language, hit):
    record = extract(text, language=language)
    assert record.drones.hit.value == hit


def test_the_whole_a_sentence_opens_with_is_not_the_part_that_hit(extract):
    record = extract(
        "Drones hit Kazan. Of the eight drones recorded in the attack, six reached apartment "
        "blocks.",
        language="en",
    )
    assert (value(record.drones.launched), value(record.drones.hit)) == ((8, None), (6, None))


def test_a_share_of_the_drones_told_before(extract):
    record = extract(
        "Drones hit a hospital in Sumy. Russia fired 73 drones and four missiles at Ukraine "
        "overnight, and 69 of the drones were shot down, the air force said.",
        language="en",
    )
    assert value(record.drones.downed) == (69, None)
    assert record.drones.downed.scope == "nationwide"


def test_from_a_place_is_no_earlier_time(extract):
    record = extract(
        "Un drone a frappé Volodymyr. Au niveau national, dix drones ont été lancés par la Russie "
        "depuis Primorsko-Akhtarsk et neuf ont été détruits."
    )
    assert value(record.drones.downed) == (9, None)
    assert record.drones.downed.scope == "nationwide"


@pytest.mark.parametrize(
    ("text", "language", "injured", "hospitalised"),
    [
        (
            (
                "Des drones ont frappé Taganrog. Dix habitants sont blessés : huit ont dû être "
                "hospitalisés, les deux autres ont été soignés sur place."
            ),
            "fr",
            10,
            8,
        ),
        (
            "Drones hit Odesa. Twenty people were injured, three of whom were taken to hospital.",
            "en",
            20,
            3,
        ),
        (
            (
                "A drone hit a train in Shostka. About 30 people were injured. Three of the "
                "wounded are children."
            ),
            "en",
            30,
            None,
        ),
    ],
)
def test_victims_told_of_before_and_some_of_them(extract, text, language, injured, hospitalised):
    record = extract(text, language=language)
    assert record.injured.value == injured
    assert (record.hospitalised.value if record.hospitalised else None) == hospitalised


@pytest.mark.parametrize(
    ("text", "language", "claimant"),
    [
        (
            (
                "Une attaque de drones a fait quatre blessés à Kryvyï Rih, selon le chef par "
                "intérim de l'administration militaire de la région."
            ),
            "fr",
            "chef par intérim de l'administration militaire de la région",
        ),
        (
            "Trois personnes ont perdu la vie à Taganrog, selon le bilan dressé hier par le maire.",
            "fr",
            "maire",
        ),
        (
            (
                "Sur Telegram, Oleg Synegoubov, gouverneur de la région de Kharkiv, a fait savoir "
                "que quatre personnes avaient été tuées à Kharkiv."
            ),
            "fr",
            "Oleg Synegoubov, gouverneur de la région de Kharkiv",
        ),
    ],
)
def test_claimants_with_their_roles(extract, text, language, claimant):
    record = extract(text, language=language)
    count = record.injured or record.killed
    assert count.claimed_by == claimant


def test_one_among_the_victims_is_no_claimant(extract):
    text = (
        "Un drone a frappé un immeuble de Ternopil. Son épouse, grièvement atteinte, compte "
        "parmi les blessés : quatre personnes ont été blessées au total."
    )
    assert extract(text).injured.claimed_by is None


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Drones hit Lutsk. The air force's count was 205 drones launched and 176 shot down.",
            "armée de l'air ukrainienne",
        ),
        (
            (
                "Drones hit a depot in Kamensk. Baza, a Telegram channel with ties to the Kremlin, "
                "said four drones were shot down."
            ),
            "Baza",
        ),
        (
            (
                "Russian drones hit a hospital in Sumy. Moscow says it does not target civilians. "
                "The air force said 69 drones were shot down."
            ),
            "armée de l'air ukrainienne",
        ),
        (
            (
                "Drones hit an oil depot in Kamensk. Baza, a Telegram outlet that often cites "
                "contacts inside Russia's security services, reported that four drones were "
                "shot down."
            ),
            "Baza",
        ),
    ],
)
def test_who_keeps_the_tally_in_english(extract, text, claimant):
    assert extract(text, language="en").drones.downed.claimed_by == claimant


@pytest.mark.parametrize(
    ("text", "language", "claimant"),
    [
        (  # a few words between the auxiliary and the verb, an infinitive after a reflexive
            (
                "Dans son point du matin, le ministère russe de la Défense s'est borné à "
                "annoncer que six drones avaient été détruits au-dessus de Belgorod."
            ),
            "fr",
            "ministère russe de la Défense",
        ),
        (  # the body a relative clause speaks for
            (
                "Nothing was said of the plant in the morning statement of Russia's defence "
                "ministry, which said only that six drones had been downed over Belgorod."
            ),
            "en",
            "ministère russe de la Défense",
        ),
        (  # a live blog's time before the clause
            "07:45 — The Ukrainian air force says six drones were shot down over Kharkiv.",
            "en",
            "armée de l'air ukrainienne",
        ),
        (  # a tally given before a colon
            (
                "Le SBU, qui a revendiqué l'opération, livre un décompte précis : six drones ont "
                "été abattus sans dommage."
            ),
            "fr",
            "SBU",
        ),
    ],
)
def test_claimants_the_sentence_names_in_other_ways(extract, text, language, claimant):
    assert extract(text, language=language).drones.downed.claimed_by == claimant


def test_a_fire_that_breaks_out_is_no_claim(extract):
    text = (
        "Deux drones ont été abattus au-dessus de Riazan. Un incendie s'est déclaré dans une "
        "entreprise ; selon le gouverneur, personne n'a été blessé."
    )
    assert extract(text).injured.claimed_by == "gouverneur"


def test_drones_that_took_part_and_a_ministry_that_speaks_after_a_pronoun(extract):
    text = (
        "Des drones ont visé Oufa samedi. Au total, six drones ont pris part à l'attaque, selon "
        "le gouverneur. Le ministère russe de la Défense a revu sa version. Après avoir évoqué "
        "un drone, il affirme avoir abattu quatre appareils, deux autres ayant selon lui été "
        "brouillés par la guerre électronique."
    )
    record = extract(text, published="2025-05-10")
    assert record.drones.launched.value == 6
    assert (record.drones.downed.value, record.drones.downed.claimed_by) == (
        4,
        "ministère russe de la Défense",
    )


@pytest.mark.parametrize(
    ("text", "language", "killed", "claimant"),
    [
        (
            (
                "Three civilians died in a drone attack on Taganrog, Russian officials said. "
                "Regional governor Yury Slyusar put the death toll at three."
            ),
            "en",
            3,
            "Yury Slyusar, Regional governor",
        ),
        (
            (
                "Deux personnes ont été tuées à Belgorod, selon les autorités locales. Deux "
                "morts, a confirmé le ministère russe de la Défense."
            ),
            "fr",
            2,
            "ministère russe de la Défense",
        ),
    ],
)
def test_a_vague_claimant_yields_to_a_named_source_of_the_same_figure(
    extract, text, language, killed, claimant
):
    record = extract(text, language=language)
    assert (record.killed.value, record.killed.claimed_by) == (killed, claimant)


def test_no_victims_claimed_by_who_says_it_of_this_figure(extract):
    text = (
        "Aucune victime n'est à déplorer, selon les autorités. Le ministère des Situations "
        "d'urgence affirme que personne n'a été blessé."
    )
    record = extract(text)
    assert record.killed.claimed_by == "autorités"
    assert record.injured.claimed_by == "ministère russe des Situations d'urgence"
    assert len(record.injured.evidence) == 2


def test_a_tally_given_by_a_person_not_listed(extract):
    text = "Drones hit Kazan. Irina Volk, a police spokeswoman, gave her own tally: three drones "
    text += "were shot down."
    assert extract(text, language="en").drones.downed.claimed_by.startswith("Irina Volk")


def test_a_verb_after_another_number_is_that_number_s_noun(extract):
    text = (
        "Un drone a frappé l'hôpital de Soumy. On compte désormais sept tués et douze personnes "
        "grièvement atteintes."
    )
    record = extract(text)
    assert (record.killed.value, record.injured.value) == (7, 12)


def test_a_revision_announced_in_the_sentence_before(extract):
    text = (
        "Un drone a frappé l'hôpital de Soumy. Le ministre recense neuf tués.\n\n"
        "13h45 — Soumy : nouveau bilan. Sur Telegram, l'administration militaire régionale "
        "annonce sept morts et douze blessés."
    )
    assert extract(text).killed.value == 7


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Drones hit Kharkiv. The toll climbed from five to seven by midday.", 7, None),
        ("Drones hit Kharkiv. By midday the toll had risen to 20 injured.", None, 20),
    ],
)
def test_a_toll_counts_the_dead_unless_a_noun_says_otherwise(extract, text, killed, injured):
    record = extract(text, language="en")
    found = [c.value if c else None for c in (record.killed, record.injured)]
    assert found == [killed, injured]


def test_a_count_that_goes_on_with_the_toll_before_it(extract):
    text = (
        "Des drones ont frappé Ielabouga. Le bilan s'est alourdi au fil de la journée. Deux "
        "blessés dans un premier temps, selon les autorités locales, puis sept. Plus tard, le "
        "ministère de la Santé du Tatarstan en recensait 13."
    )
    injured = extract(text).injured
    assert (injured.value, injured.claimed_by) == (13, "ministère de la Santé du Tatarstan")


def test_a_number_after_then_in_another_paragraph_is_no_toll(extract):
    text = "Des drones ont frappé Ielabouga : deux blessés.\n\nPuis 40 bus ont été affrétés."
    assert extract(text).injured.value == 2


@pytest.mark.parametrize(
    ("text", "language", "field", "claimant"),
    [
        (  # the claimant after a conjunction
            "Drones hit Kharkiv. The toll climbed to seven at midday, when regional police put "
            "out an update.",
            "en",
            "killed",
            "regional police",
        ),
        (  # a long role, then the name
            "Des drones ont frappé Kryvy Rih, selon le chef par intérim de l'administration "
            "militaire de la région de Dnipropetrovsk, Vladyslav Haïvanenko : quatre blessés.",
            "fr",
            "injured",
            "Vladyslav Haïvanenko, chef par intérim de l'administration militaire de la région "
            "de Dnipropetrovsk",
        ),
        (  # a quotation over several paragraphs is its introducer's
            "L'administration militaire de la ville de Kiev a publié le communiqué suivant :\n\n"
            "« Plus de 40 drones ont été abattus cette nuit au-dessus de Kiev.\n\n"
            "Holossiïv : un mort et un hospitalisé. »",
            "fr",
            "hospitalised",
            "administration militaire de la ville de Kiev",
        ),
        (  # a figure told first, then who gave "ce bilan"
            "Un drone a frappé Ternopil. Quatre personnes ont été blessées.\n\n"
            "C'est Viatcheslav Nehoda, à la tête de l'administration régionale, qui a livré ce "
            "bilan hier.",
            "fr",
            "injured",
            "Viatcheslav Nehoda",
        ),
    ],
)
def test_claimants_told_around_the_figure(extract, text, language, field, claimant):
    assert getattr(extract(text, language=language), field).claimed_by == claimant


def test_a_claimant_before_a_relative_clause_and_one_who_gave_the_same_figures(extract):
    text = (
        "Eight people were killed in Sumy, Ukrainian officials said. Oleksii Drozdenko, who "
        "heads the city military administration, put the number of dead at eight. President "
        "Volodymyr Zelenskiy gave the same figures, eight dead and 11 wounded."
    )
    record = extract(text, language="en")
    assert record.killed.claimed_by == "Oleksii Drozdenko"
    assert record.injured.claimed_by.startswith("Volodymyr Zelenskiy")


def test_light_cuts_are_injuries(extract):
    text = "Three people in Kazan suffered light cuts from flying glass in a drone attack."
    assert extract(text, language="en").injured.value == 3


def test_where_drones_were_launched_from_is_not_the_scope_of_their_count(extract):
    text = (
        "Drones hit Kyiv overnight. According to Ukraine's air force, Russia fired 54 drones, "
        "launching them from the Bryansk region and from the Krasnodar region; 52 were destroyed."
    )
    drones = extract(text, language="en").drones
    assert (drones.launched.value, drones.launched.scope) == (54, "nationwide")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Seven regions saw their energy facilities targeted by more than 200 drones.", "en"),
        ("Dans la région, six drones ont visé des installations énergétiques.", "fr"),
    ],
)
def test_drones_aimed_at_a_site_are_not_drones_that_hit_it(extract, text, language):
    assert extract(text, language=language).drones.hit is None


def test_drones_that_hit_counted_by_their_impacts(extract):
    text = (
        "Des drones ont frappé Loutsk. L'armée de l'air fait état de 176 drones abattus au-dessus "
        "du nord, du sud et de l'est du pays, et de 24 impacts répartis sur 15 sites."
    )
    hit = extract(text).drones.hit
    assert (hit.value, hit.scope, hit.claimed_by) == (
        24,
        "nationwide",
        "armée de l'air ukrainienne",
    )


@pytest.mark.parametrize(
    ("text", "language", "field", "count"),
    [
        (
            "Un drone a frappé Kryvy Rih. Deux femmes, de 71 et 67 ans, ont dû être hospitalisées.",
            "fr",
            "hospitalised",
            2,
        ),
        (
            "Seven people, among them a girl of about one and a half, were killed early on "
            "Monday in Kharkiv.",
            "en",
            "killed",
            7,
        ),
    ],
)
def test_a_verb_past_an_apposition(extract, text, language, field, count):
    assert getattr(extract(text, language=language), field).value == count


def test_a_drone_in_a_generic_clause_is_no_count(extract):
    text = (
        "Russian Shahed drones struck Kryvyi Rih overnight. Wherever a drone came down, our "
        "emergency services are on site."
    )
    assert extract(text, language="en").drones.hit is None


def test_of_one_number_the_plain_count_before_at_least(extract):
    text = (
        "At least one person died in Moscow's suburbs, officials said. Andrei Vorobyov, the "
        "governor, put the toll at one dead and nine injured."
    )
    killed = extract(text, language="en").killed
    assert (killed.value, killed.qualifier) == (1, None)


def test_still_being_treated_in_hospital(extract):
    text = (
        "A drone hit an apartment building in Odesa, hurting 20 people. Of the 20, three are "
        "still being treated in hospital, the health department said."
    )
    assert extract(text, language="en").hospitalised.value == 3


def test_the_rank_of_a_drone_told_with_a_pronoun(extract):
    text = (
        "Un drone a frappé la clinique de Soumy ce matin. Quant au second drone, il est tombé "
        "entre deux immeubles voisins."
    )
    assert extract(text).drones.hit.value == 2


def test_a_day_of_the_month_before_a_comma_counts_no_victims(extract):
    record = extract(
        "A Russian drone hit a passenger train in Shostka on Oct. 4, killing one man.",
        published="2025-10-04",
        language="en",
    )
    assert record.killed.value == 1
