import pytest

from build_tools.model import TARGET_TYPES


def test_listed_names_under_every_spelling(extract):
    record = extract("Le gouverneur Aleksandr Bechalov a rencontré M. Brechalov.")
    assert [p.name for p in record.people] == ["Alexandre Bretchalov"]
    assert set(record.people[0].as_written) == {"Aleksandr Bechalov", "Brechalov"}


def test_an_unlisted_spelling_of_a_listed_person_is_recognised(extract):
    record = extract(
        "Le maire de Moscou, Sergey Sobyanine, a déclaré que les secours étaient sur place."
    )
    assert [p.name for p in record.people] == ["Sergueï Sobianine"]


def test_an_unlisted_person_is_found_by_grammar_with_the_role_written(extract):
    record = extract(
        "Le gouverneur de la région de Lipetsk, Igor Artamonov, a annoncé l'évacuation d'un "
        "village."
    )
    assert [(p.name, p.role) for p in record.people] == [
        ("Igor Artamonov", "gouverneur de la région de Lipetsk")
    ]


def test_a_person_introduced_by_monsieur_or_a_speech_verb(extract):
    record = extract(
        "M. Oleg Sinegoubov a demandé le calme. Roman Starovoït a déclaré que les écoles "
        "resteraient fermées."
    )
    assert {p.name for p in record.people} == {"Oleg Sinegoubov", "Roman Starovoït"}


def test_capitalised_phrases_that_are_not_people(extract):
    record = extract(
        "Selon Planet Labs et Radio Liberté, le Haut Commandement a confirmé la frappe. La Mer "
        "Noire était calme."
    )
    assert record.people == []


def test_weapon_spellings_meet_under_one_name(extract):
    record = extract(
        "Des drones Shahid, appelés Geran-2 par la Russie, et un Torb-M2E ont été vus."
    )
    assert [w.name for w in record.weapons] == ["Shahed", "Tor-M2E"]
    assert set(record.weapons[0].as_written) == {"Shahid", "Geran-2"}


def test_organisations_and_their_aliases(extract):
    record = extract("Le Service de sécurité d'Ukraine (SBU) a revendiqué l'attaque, selon l'AFP.")
    assert [o.name for o in record.organisations] == ["SBU", "AFP"]


def test_target_type_from_the_words_that_name_the_site(extract):
    cases = {
        "Des drones ont frappé la raffinerie de Saratov.": "refinery",
        "Une frappe de drones a touché un dépôt pétrolier à Briansk.": "oil_depot",
        "Des drones ont frappé un entrepôt contenant des obus près de Koursk.": "ammunition_depot",
        "L'attaque de drones a visé l'usine qui produit des missiles à Kazan.": "arms_factory",
        "Un drone a frappé un immeuble d'habitation à Kiev.": "residential",
        "Les drones ont visé la base aérienne de Morozovsk.": "airfield",
        (
            "Une frappe de drones a privé d'électricité la ville après avoir touché une "
            "sous-station."
        ): "energy",
        (
            "La clinique de Soumy a été prise pour cible ; un drone est tombé entre deux "
            "immeubles d'habitation voisins de la clinique."
        ): "civilian_infrastructure",
    }
    for sentence, expected in cases.items():
        target = extract(sentence).target
        assert target is not None and target.type == expected, sentence
        assert target.type in TARGET_TYPES


def test_a_listed_target_gives_its_name(extract):
    target = extract("Deux drones ont frappé l'usine Kupol à Ijevsk.").target
    assert (target.name, target.type) == ("usine Kupol", "arms_factory")


def test_an_english_article_filed_as_french_is_read_in_english(extract):
    text = (
        "A Ukrainian drone attack killed three people and injured 35 in the city of Izhevsk, more "
        "than 1,000 km from the border, Russian authorities said on Tuesday. The governor "
        "informed President Vladimir Putin of the attack on the Kupol plant, which makes air "
        "defence systems."
    )
    record = extract(text, language="fr")
    assert (record.killed.value, record.injured.value) == (3, 35)
    assert [p.name for p in record.places if p.role == "primary"] == ["Ijevsk"]
    assert [p.name for p in record.people] == ["Vladimir Poutine"]


def test_a_text_in_a_language_the_lexicon_lacks_is_not_read(extract):
    text = (
        "Ein ukrainischer Drohnenangriff hat in der Stadt Ischewsk drei Menschen getötet und 35 "
        "verletzt, teilten die russischen Behörden am Dienstag mit. Der Gouverneur unterrichtete "
        "Präsident Wladimir Putin über den Angriff auf das Werk Kupol, das Luftabwehrsysteme baut."
    )
    record = extract(text, language="de")
    assert record.killed is None and record.places == [] and record.people == []


def test_a_listed_person_is_found_by_surname_alone_not_taken_for_a_place(extract):
    record = extract("Selon M. Smirnov, les secours sont sur place à Koursk.")
    assert [p.name for p in record.people] == ["Alexeï Smirnov"]
    assert [p.name for p in record.places] == ["Koursk"]


def test_an_unlisted_site_is_named_after_the_place_that_follows_it(extract):
    target = extract("Des drones ont frappé la raffinerie de Novokouïbychevsk dans la nuit.").target
    assert (target.name, target.type) == ("raffinerie de Novokouïbychevsk", "refinery")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Des drones ont frappé la raffinerie de Novokouïbychevsk dans la nuit.", "fr"),
        ("Des drones ont frappé la raffinerie de Novokuybyshevsk dans la nuit.", "fr"),
        ("Drones struck the Novokuybyshevsk refinery overnight.", "en"),
        ("Drones struck an oil refinery in Novokuybyshevsk overnight.", "en"),
    ],
)
def test_a_site_has_one_french_name_whatever_the_report_s_language_or_spelling(
    extract, text, language
):
    """The target's page is made from its name: one site, one page, in French; the text's
    own words stay its other spellings."""
    target = extract(text, language=language).target
    assert (target.name, target.type) == ("raffinerie de Novokouïbychevsk", "refinery")
    assert len(target.as_written) == 1 and target.as_written[0] in text


def test_a_site_named_after_a_town_with_a_vowel_elides_de(extract):
    target = extract("Drones hit the Engels oil depot on Wednesday.", language="en").target
    assert (target.name, target.type) == ("dépôt pétrolier d'Engels", "oil_depot")


def test_weapons_a_factory_makes_are_mentioned_not_used(extract):
    record = extract(
        "Deux drones Liutyi ont frappé l'usine Kupol à Ijevsk, qui produit des systèmes Tor et Osa."
    )
    roles = {w.name: w.role for w in record.weapons}
    assert roles == {"Liutyi": "used", "Tor": "mentioned", "Osa": "mentioned"}


def test_weapons_of_a_strike_elsewhere_are_mentioned(extract):
    record = extract(
        "Des drones Shahed ont frappé Odessa dans la nuit. À Kharkiv, des missiles Iskander ont "
        "touché un entrepôt."
    )
    roles = {w.name: w.role for w in record.weapons}
    assert roles == {"Shahed": "used", "Iskander": "mentioned"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            (
                "Selon l'administration militaire régionale de Soumy, deux personnes ont été "
                "tuées. Le parquet ukrainien a ouvert une enquête ; la police est sur place."
            ),
            "fr",
            ["administration militaire régionale de Soumy", "parquet ukrainien"],
        ),
        (
            (
                "The Kharkiv regional police said two people were killed. A police officer was "
                "hurt, and the Prosecutor General's Office opened a case."
            ),
            "en",
            ["Kharkiv regional police", "Prosecutor General's Office"],
        ),
    ],
)
def test_bodies_named_by_their_kind_when_the_text_says_which(extract, text, language, expected):
    assert [o.name for o in extract(text, language=language).organisations] == expected


def test_a_body_named_in_a_role_is_named(extract):
    text = "Le chef du renseignement militaire ukrainien a promis une riposte."
    assert [o.name for o in extract(text).organisations] == ["GUR"]


def test_the_air_force_of_the_country_the_text_is_about(extract):
    text = "Russian drones hit Lviv overnight. The air force said it downed 30 of them."
    names = [o.name for o in extract(text, language="en").organisations]
    assert names == ["armée de l'air ukrainienne"]


def test_weapons_of_the_whole_night_over_the_country_are_mentioned(extract):
    text = (
        "KHARKIV — Russian Shahed drones hit an apartment block in Kharkiv overnight, killing "
        "seven people.\n\nOf some 140 drones Russia sent across the country overnight, 88 "
        "were shot down. Russia also fired four Iskander-M ballistic missiles."
    )
    roles = {w.name: w.role for w in extract(text, language="en").weapons}
    assert roles["Shahed"] == "used"
    assert all(role == "mentioned" for name, role in roles.items() if name != "Shahed")


def test_the_day_of_the_report_does_not_make_a_weapon_another_strike_s(extract):
    text = (
        "La raffinerie de Touapsé a été frappée dans la nuit de jeudi à vendredi. La piste "
        "d'un missile Neptune est aujourd'hui privilégiée : la raffinerie aurait été touchée "
        "par un missile Neptune."
    )
    record = extract(text, published="2025-03-16")
    assert {w.name: w.role for w in record.weapons} == {"Neptune": "used"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Des bombardiers Tu-95MS tirent des missiles de croisière Kh-101 sur Kiev.",
            "fr",
            ["Tu-95", "Kh-101"],
        ),
        (
            "Ukraine struck Taganrog with Neptune cruise missiles and Bars drones.",
            "en",
            ["Neptune", "Bars"],
        ),
        (
            "Des lance-roquettes Grad et un drone FPV ont visé Marhanets.",
            "fr",
            ["Grad", "drones FPV"],
        ),
    ],
)
def test_a_kind_of_weapon_told_with_its_model_is_the_model(extract, text, language, expected):
    assert [w.name for w in extract(text, language=language).weapons] == expected


def test_weapons_of_what_happens_often_are_mentioned(extract):
    text = (
        "Un drone Shahed a frappé un hôpital de Soumy. La ville subit régulièrement des "
        "attaques russes, qu'il s'agisse de drones, de missiles ou de bombes planantes."
    )
    roles = {w.name: w.role for w in extract(text).weapons}
    assert roles.pop("Shahed") == "used"
    assert set(roles.values()) <= {"mentioned"}


def test_one_body_under_its_fuller_name_and_the_air_force_once(extract):
    text = (
        "Selon l'administration militaire régionale de Soumy, deux personnes ont été tuées. "
        "L'administration régionale ajoute que l'armée de l'air ukrainienne a abattu "
        "20 drones."
    )
    names = [o.name for o in extract(text).organisations]
    assert names == ["administration militaire régionale de Soumy", "armée de l'air ukrainienne"]


def test_a_place_s_body_in_english(extract):
    text = "Drones hit Kyiv. Kyiv's military administration said two people were killed."
    assert [o.name for o in extract(text, language="en").organisations] == [
        "Kyiv's military administration"
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            (
                "Des drones ont frappé un immeuble d'habitation de Moscou. Un homme a succombé à "
                "l'hôpital de Vidnoïe."
            ),
            "fr",
        ),
        (
            (
                "A Russian drone struck a five-storey residential block in Ternopil. Three people "
                "were taken to hospital."
            ),
            "en",
        ),
    ],
)
def test_where_victims_were_taken_is_no_target(extract, text, language):
    assert extract(text, language=language).target.type == "residential"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            (
                "Un drone a frappé un immeuble de Tchernihiv dans la nuit. L'administration "
                "militaire régionale fait état de trois blessés."
            ),
            "fr",
            ["administration militaire régionale de Tchernihiv"],
        ),
        (
            (
                "Drones struck the Zhytomyr region overnight. The regional military "
                "administration said one person was hurt."
            ),
            "en",
            ["Zhytomyr regional military administration"],
        ),
    ],
)
def test_a_regional_body_without_its_region_is_the_event_s_region(
    extract, text, language, expected
):
    assert [o.name for o in extract(text, language=language).organisations] == expected


def test_a_regional_body_stays_unnamed_when_the_text_writes_no_region(extract):
    text = "L'administration militaire régionale fait état de trois blessés."
    assert [o.name for o in extract(text).organisations] == ["administration militaire régionale"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "40 000 foyers sont privés de courant, selon le distributeur Chernihivoblenergo.",
            "fr",
            ["Chernihivoblenergo"],
        ),
        (
            "The private energy company DTEK said two of its workers were hurt.",
            "en",
            ["DTEK"],
        ),
        (
            "Debris fell on Promtech Volga, a company that makes pumps, local officials said.",
            "en",
            ["Promtech Volga"],
        ),
        (
            "The blast damaged the workshop of the maker of Lancet drones in Izhevsk.",
            "en",
            [],
        ),
        ("Le groupe Kharkiv a été touché.", "fr", []),
    ],
)
def test_a_name_introduced_by_what_it_is_is_an_organisation(extract, text, language, expected):
    assert [o.name for o in extract(text, language=language).organisations] == expected


def test_an_organisation_in_a_photo_credit_is_not_one_of_the_event(extract):
    text = "Un drone a touché un entrepôt d'Odessa.\nPhoto : SBU / AFP"
    assert [o.name for o in extract(text).organisations] == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # the body that speaks is no site
            (
                "Un drone est tombé dans un champ près de Kovel, d'après l'administration "
                "régionale. Personne n'a été blessé."
            ),
            "fr",
            None,
        ),
        (  # sites hit before, or often
            (
                "Drones attacked Yelabuga overnight, officials said. Ukraine has repeatedly hit "
                "refineries and oil depots in Tatarstan."
            ),
            "en",
            None,
        ),
    ],
)
def test_a_site_word_that_names_no_site_hit(extract, text, language, expected):
    target = extract(text, language=language).target
    assert (target.type if target else None) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # the region's name begins with the body's qualifier
            (
                "Un drone a frappé Kryvy Rih. Selon le chef de l'administration militaire de la "
                "région de Dnipropetrovsk, deux personnes ont été blessées."
            ),
            "fr",
            ["administration militaire de la région de Dnipropetrovsk"],
        ),
        (  # a town's body named without its town is the event town's
            "Un drone a frappé Kryvy Rih. Le conseil de défense de la ville a ouvert un abri.",
            "fr",
            ["conseil de défense de Kryvy Rih"],
        ),
        (
            "Drones hit Kyiv. The city military administration said two people were hurt.",
            "en",
            ["Kyiv city military administration"],
        ),
        (  # a town's services are still a kind alone
            "Un drone a frappé Kryvy Rih. Les services d'urgence de la ville sont sur place.",
            "fr",
            [],
        ),
        (  # a name after a distance is a landmark
            "Drones hit Ramenskoye, some 50 km to the southeast of the Kremlin.",
            "en",
            [],
        ),
        ("Un drone a frappé Ramenskoïe, à 50 km du Kremlin.", "fr", []),
        (
            "Huit drones ont visé Kazan, selon le service de presse du chef de la république.",
            "fr",
            ["service de presse du chef de la république"],
        ),
        (  # a town's body named right after the town
            "Un drone a frappé Soumy. Dans la capitale, Kiev, la mairie indique que quinze "
            "drones ont été abattus.",
            "fr",
            ["mairie de Kiev"],
        ),
        ("Un drone a frappé Soumy. La mairie a ouvert un abri.", "fr", []),
    ],
)
def test_bodies_the_text_says_which_of(extract, text, language, expected):
    assert [o.name for o in extract(text, language=language).organisations] == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Des drones ont frappé un foyer d'étudiants à Ielabouga. Non loin de là, la "
            "raffinerie de Nijnekamsk a elle aussi été visée par un drone, sans dégâts pour la "
            "raffinerie.",
            "fr",
        ),
        (
            "Drones hit a dormitory in Yelabuga. The Nizhnekamsk refinery was also hit, but the "
            "refinery kept working.",
            "en",
        ),
    ],
)
def test_a_site_also_hit_is_not_the_target(extract, text, language):
    assert extract(text, language=language).target.type == "residential"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (  # the role opens the next sentence
            "Un drone a frappé Taganrog. Trois personnes sont mortes, selon Iouri Slioussar. Le "
            "gouverneur de la région de Rostov a précisé qu'une d'elles était morte sur place.",
            "gouverneur de la région de Rostov",
        ),
        (
            "Un drone a frappé Ternopil. C'est Viatcheslav Nehoda, à la tête de l'administration "
            "militaire régionale, qui a parlé.",
            "à la tête de l'administration militaire régionale",
        ),
    ],
)
def test_a_role_told_around_the_name(extract, text, role):
    assert [p.role for p in extract(text).people] == [role]


def test_a_role_after_a_sentence_of_two_people_is_no_one_s(extract):
    text = (
        "Un drone a frappé Taganrog, selon Iouri Slioussar et Svetlana Kamboulova. Le gouverneur "
        "a précisé qu'une personne était morte."
    )
    assert [p.role for p in extract(text).people] == [None, None]
