"""Grouping reports into incidents: cases written for the purpose, one rule each."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools import incidents
from build_tools.corpus import curation_problems
from build_tools.incidents import (
    _blocking_keys,
    _Report,
    automatic_title,
    candidate_pairs,
    group_incidents,
    merged_places,
    moved_ids,
    pair_evidence,
    published_ids,
    windows_meet,
)
from build_tools.incremental.store import Memo
from build_tools.model import (
    ArticleRecord,
    Count,
    DateValue,
    Drones,
    IncidentCuration,
    Place,
    Target,
)

PLACES = {
    "Izhevsk": ("city", "RU", "Udmurtia", 56.85, 53.20),
    "Udmurtia": ("region", "RU", "Udmurtia", 57.0, 53.0),
    "Kerch": ("city", "UA", "Crimea", 45.36, 36.47),
    "Toropets": ("town", "RU", "Tver Oblast", 56.50, 31.64),
    "Moscow": ("city", "RU", "Moscow", 55.75, 37.62),
    "Krasnogorsk": ("town", "RU", "Moscow Oblast", 55.82, 37.33),
}

KUPOL_TEXT = (
    "Des drones ont frappé l'usine Kupol d'Izhevsk, qui produit des systèmes Tor. "
    "Le gouverneur Brechalov a fait état de victimes parmi les employés de l'usine."
)


def place(name: str, role: str = "primary") -> Place:
    kind, country, admin1, lat, lon = PLACES[name]
    return Place(name, [name], kind, country, admin1, lat, lon, role)


def report(
    id_: str,
    *,
    date: str | None = None,
    where: str | None = None,
    target: str | None = None,
    target_type: str = "arms_factory",
    published: str | None = None,
    killed: int | None = None,
    incident: str | None = None,
) -> ArticleRecord:
    precision = {10: "day", 7: "month", 4: "year"}[len(date)] if date else None
    return ArticleRecord(
        id=id_,
        title=f"Article {id_}",
        source="test",
        url=None,
        published=published,
        language="fr",
        date=DateValue(date, precision) if date else None,
        places=[place(where)] if where else [],
        target=Target(target, target_type) if target or target_type else None,
        killed=Count(killed) if killed is not None else None,
        drones=Drones(),
        incident=incident,
        curated=["incident"] if incident else [],
    )


def groups(
    records: list[ArticleRecord], texts: dict[str, str] | None = None, curations=()
) -> list[list[str]]:
    _, incidents = group_incidents(records, texts or {}, list(curations))
    return sorted(sorted(i.articles) for i in incidents)


def test_reports_of_one_strike_form_one_incident():
    records = [
        report("a", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
        report("b", date="2025-07-01", where="Izhevsk", target="usine Kupol", killed=3),
        report("c", date="2025-07-02", where="Izhevsk", target="usine Kupol", killed=3),
    ]
    assert groups(records) == [["a", "b", "c"]]


def test_the_same_place_hit_two_years_apart_is_two_incidents():
    records = [
        report("a", date="2023-11-17", where="Izhevsk", target="usine Kupol"),
        report("b", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
    ]
    assert groups(records, {"a": KUPOL_TEXT, "b": KUPOL_TEXT}) == [["a"], ["b"]]


def test_two_cities_hit_the_same_night_are_two_incidents():
    records = [
        report("a", date="2025-07-01", where="Izhevsk", target_type="arms_factory"),
        report("b", date="2025-07-01", where="Kerch", target_type="arms_factory"),
    ]
    assert groups(records, {"a": KUPOL_TEXT, "b": KUPOL_TEXT}) == [["a"], ["b"]]


def test_an_undated_report_joins_the_event_at_its_place_and_target():
    records = [
        report("dated", date="2025-07-01", where="Izhevsk", target="usine Kupol", killed=3),
        report("undated", where="Izhevsk", target="usine Kupol", killed=3),
        report("elsewhere", date="2024-09-18", where="Toropets", target_type="ammunition_depot"),
    ]
    assert groups(records) == [["dated", "undated"], ["elsewhere"]]


def test_an_undated_report_cannot_chain_two_dated_events_together():
    records = [
        report("2024", date="2024-11-17", where="Izhevsk", target="usine Kupol", killed=3),
        report("2025", date="2025-07-01", where="Izhevsk", target="usine Kupol", killed=3),
        report("undated", where="Izhevsk", target="usine Kupol", killed=3),
    ]
    found = groups(records)
    assert len(found) == 2 and ["2024", "2025"] not in found and sum(len(g) for g in found) == 3


def test_an_undated_report_is_about_the_weeks_before_its_publication():
    records = [
        report("event", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
        report("a-year-later", where="Izhevsk", target="usine Kupol", published="2026-07-05"),
        report("days-later", where="Izhevsk", target="usine Kupol", published="2025-07-04"),
    ]
    assert groups(records) == [["a-year-later"], ["days-later", "event"]]


def test_a_city_and_its_region_or_suburb_can_be_one_event_but_text_alone_never_groups():
    texts = {
        k: KUPOL_TEXT for k in ("city", "region", "suburb", "moscow", "nowhere-1", "nowhere-2")
    }
    records = [
        report("city", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
        report("region", date="2025-07-01", where="Udmurtia", target="usine Kupol"),
        report("moscow", date="2025-05-30", where="Moscow", target_type="residential"),
        report("suburb", date="2025-05-30", where="Krasnogorsk", target_type="residential"),
        report("nowhere-1", date="2024-03-01", target_type="refinery"),
        report("nowhere-2", date="2024-03-01", target_type="refinery"),
    ]
    assert groups(records, texts) == [
        ["city", "region"],
        ["moscow", "suburb"],
        ["nowhere-1"],
        ["nowhere-2"],
    ]


def test_different_named_targets_in_one_city_need_more_than_place_and_date():
    records = [
        report(
            "factory",
            date="2025-07-01",
            where="Izhevsk",
            target="usine Kupol",
            target_type="arms_factory",
        ),
        report(
            "depot",
            date="2025-07-01",
            where="Izhevsk",
            target="dépôt pétrolier Neft",
            target_type="oil_depot",
        ),
    ]
    assert groups(records) == [["depot"], ["factory"]]


def test_incident_ids_are_readable_and_adding_a_later_report_never_renames_one():
    first = report(
        "first", date="2025-07-01", where="Izhevsk", target="usine Kupol", published="2025-07-02"
    )
    _, before = group_incidents([first], {}, [])
    assert [i.id for i in before] == ["2025-07-01-izhevsk-kupol"]
    later = report(
        "later",
        date="2025-07",
        where="Izhevsk",
        target="usine Kupol",
        published="2025-07-10",
        killed=3,
    )
    undated = report("undated", where="Izhevsk", target="usine Kupol")
    records, after = group_incidents([later, undated, first], {}, [])
    assert [i.id for i in after] == ["2025-07-01-izhevsk-kupol"]
    assert {r.incident for r in records} == {"2025-07-01-izhevsk-kupol"}


def test_incidents_with_the_same_id_get_a_numbered_one():
    records = [
        report(
            "a",
            date="2025-07-01",
            where="Izhevsk",
            target="usine Kupol",
            target_type="arms_factory",
            published="2025-07-01",
        ),
        report(
            "b",
            date="2025-07-01",
            where="Izhevsk",
            target="usine Kupol",
            target_type="arms_factory",
            published="2025-07-02",
        ),
    ]
    curations = [IncidentCuration("split-off", articles=["b"])]
    _, incidents = group_incidents(records, {}, curations)
    assert sorted(i.id for i in incidents) == ["2025-07-01-izhevsk-kupol", "split-off"]
    moved = [dataclasses.replace(records[1], id="c")]
    _, incidents = group_incidents(
        [records[0], *moved], {}, [IncidentCuration("2025-07-01-izhevsk-kupol", articles=["c"])]
    )
    assert sorted(i.id for i in incidents) == [
        "2025-07-01-izhevsk-kupol",
        "2025-07-01-izhevsk-kupol-2",
    ]


def test_a_curated_merge_wins_and_says_so():
    records = [
        report("moscow", date="2023-05-30", where="Moscow", target_type="residential"),
        report("toropets", date="2024-09-18", where="Toropets", target_type="ammunition_depot"),
    ]
    curation = IncidentCuration(
        "vague-de-mai",
        title="Vague de drones",
        summary="Deux frappes liées.",
        articles=["moscow", "toropets"],
    )
    _, incidents = group_incidents(records, {}, [curation])
    assert [(i.id, i.articles, i.title, i.summary) for i in incidents] == [
        ("vague-de-mai", ["moscow", "toropets"], "Vague de drones", "Deux frappes liées."),
    ]
    assert incidents[0].curated == ["articles", "title", "summary"]


def test_a_curated_split_takes_an_article_out_of_its_automatic_group():
    records = [
        report(
            "a", date="2025-07-01", where="Izhevsk", target="usine Kupol", published="2025-07-01"
        ),
        report(
            "b", date="2025-07-01", where="Izhevsk", target="usine Kupol", published="2025-07-02"
        ),
        report(
            "c", date="2025-07-01", where="Izhevsk", target="usine Kupol", published="2025-07-03"
        ),
    ]
    assert groups(records) == [["a", "b", "c"]]
    split = [IncidentCuration("2025-07-01-izhevsk-autre-frappe", articles=["c"])]
    assert groups(records, curations=split) == [["a", "b"], ["c"]]
    _, incidents = group_incidents(records, {}, split)
    assert {i.id: i.curated for i in incidents} == {
        "2025-07-01-izhevsk-kupol": [],
        "2025-07-01-izhevsk-autre-frappe": ["articles"],
    }


def test_an_article_override_joins_the_named_incident():
    records = [
        report("a", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
        report("stray", date="2024-09-18", where="Toropets", incident="2025-07-01-izhevsk-kupol"),
    ]
    _, incidents = group_incidents(records, {}, [])
    assert [(i.id, i.articles) for i in incidents] == [("2025-07-01-izhevsk-kupol", ["a", "stray"])]


def test_a_curation_title_without_articles_retitles_the_automatic_incident():
    records = [report("a", date="2025-07-01", where="Izhevsk", target="usine Kupol")]
    _, incidents = group_incidents(
        records, {}, [IncidentCuration("2025-07-01-izhevsk-kupol", title="Frappe sur Kupol")]
    )
    assert (incidents[0].title, incidents[0].curated) == ("Frappe sur Kupol", ["title"])


def test_figures_keep_every_claim_and_flag_disagreement():
    records = [
        report("a", date="2025-07-01", where="Izhevsk", target="usine Kupol", killed=3),
        report("b", date="2025-07-01", where="Izhevsk", target="usine Kupol", killed=5),
    ]
    _, [incident] = group_incidents(records, {}, [])
    killed = incident.figures["killed"]
    assert [(c.value, c.article) for c in killed.claims] == [(3, "a"), (5, "b")]
    assert (killed.min, killed.max, killed.conflict) == (3, 5, True)
    assert incident.figures["injured"].claims == [] and not incident.figures["injured"].conflict


def test_related_incidents_share_a_place_or_are_mentioned_by_a_report():
    from build_tools.model import OtherEvent

    earlier = report("earlier", date="2024-11-17", where="Izhevsk", target="usine Kupol")
    parallel = report("parallel", date="2025-07-01", where="Kerch", target_type="port")
    main = dataclasses.replace(
        report("main", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
        other_events=[OtherEvent(None, None, "Kerch")],
    )
    _, incidents = group_incidents([earlier, parallel, main], {}, [])
    related = {i.id: [(r.incident, r.reasons) for r in i.related] for i in incidents}
    assert related["2025-07-01-izhevsk-kupol"] == [
        ("2025-07-01-kerch", ["mentioned"]),
        ("2024-11-17-izhevsk-kupol", ["place", "target"]),
    ]
    assert related["2025-07-01-kerch"] == [("2025-07-01-izhevsk-kupol", ["mentioned"])]


@pytest.mark.parametrize(
    ("curations", "expected"),
    [
        (
            [IncidentCuration("x", articles=["missing"], line=3)],
            ["incidents.yml:3: x: no article 'missing' in corpus/articles/"],
        ),
        (
            [
                IncidentCuration("x", articles=["a"], line=1),
                IncidentCuration("y", articles=["a"], line=4),
            ],
            ["incidents.yml:4: y: article 'a' is already listed under x"],
        ),
    ],
)
def test_curation_naming_unknown_or_twice_listed_articles_is_a_problem(curations, expected):
    problems = [str(p) for p in curation_problems(curations, {"a"}, "incidents.yml")]
    assert [p[: len(e)] for p, e in zip(problems, expected, strict=True)] == expected


KUPOL_TEXT_EN = (
    "Drones struck the Kupol plant in Izhevsk, which makes Tor air defence systems. Governor "
    "Brechalov said workers at the plant were among the victims."
)


def test_reports_in_two_languages_are_grouped_on_their_facts_not_their_words():
    records = [
        report("fr", date="2025-07-01", where="Izhevsk", target_type="arms_factory", killed=3),
        dataclasses.replace(
            report("en", date="2025-07-01", where="Izhevsk", target_type="arms_factory", killed=3),
            language="en",
        ),
        report("other", date="2024-09-18", where="Toropets", target_type="ammunition_depot"),
    ]
    texts = {"fr": KUPOL_TEXT, "en": KUPOL_TEXT_EN, "other": "Un dépôt a brûlé à Toropets."}
    _, incidents = group_incidents(records, texts, [])
    kupol = next(i for i in incidents if "fr" in i.articles)
    assert sorted(kupol.articles) == ["en", "fr"]
    assert "text" not in {p.name for p in kupol.links[0].pieces}  # "Kupol", "Izhevsk": names


def test_two_reports_with_no_date_at_all_need_strong_evidence():
    alike = [
        report("a", where="Izhevsk", target="usine Kupol"),
        report("b", where="Izhevsk", target="usine Kupol"),
    ]
    assert groups(alike) == [["a"], ["b"]]  # the same site, told of in other years
    with_figure = [
        report("a", where="Izhevsk", target="usine Kupol", killed=3),
        report("b", where="Izhevsk", target="usine Kupol", killed=3),
    ]
    assert groups(with_figure) == [["a", "b"]]
    elsewhere = report("c", date="2024-09-18", where="Toropets", target_type="ammunition_depot")
    texts = {"a": KUPOL_TEXT, "b": KUPOL_TEXT, "c": "Un dépôt de munitions a explosé à Toropets."}
    assert groups([*alike, elsewhere], texts) == [["a", "b"], ["c"]]  # texts this alike


def test_an_incident_says_why_its_reports_were_grouped_and_what_almost_joined_it():
    records = [
        report("a", date="2025-07-01", where="Izhevsk", target="usine Kupol", killed=3),
        report("b", date="2025-07-01", where="Izhevsk", target="usine Kupol", killed=3),
        report("next-day", date="2025-07-02", where="Izhevsk", target_type="refinery"),
    ]
    _, incidents = group_incidents(records, {}, [])
    by_articles = {tuple(i.articles): i for i in incidents}
    kupol, other = by_articles[("a", "b")], by_articles[("next-day",)]
    (link,) = kupol.links
    assert {p.name for p in link.pieces} == {
        "same_place",
        "same_target",
        "same_target_type",
        "same_day",
        "same_figure",
    }
    assert link.score == 10.0
    assert [(n.incident, n.link.score) for n in kupol.near_misses] == [(other.id, 3.0)]
    assert [n.incident for n in other.near_misses] == [kupol.id]


def test_an_incident_keeps_its_published_id_when_its_first_report_leaves():
    published = {"2025-07-01-izhevsk-kupol": ["first", "second"]}
    records = [
        report("second", date="2025-07-01", where="Izhevsk", published="2025-07-03"),
        report("earlier", date="2025-07-01", where="Izhevsk", published="2025-07-01"),
    ]
    _, incidents = group_incidents(records, {}, [], published=published)
    assert [(i.id, sorted(i.articles)) for i in incidents] == [
        ("2025-07-01-izhevsk-kupol", ["earlier", "second"])
    ]
    assert moved_ids(published, incidents) == {}


def test_a_re_dated_incident_gets_a_new_id_and_its_old_one_is_sent_on():
    published = {"2025-07-01-izhevsk-kupol": ["a", "b"]}
    records = [
        report("a", date="2025-07-02", where="Izhevsk", target="usine Kupol"),
        report("b", date="2025-07-02", where="Izhevsk", target="usine Kupol"),
    ]
    _, incidents = group_incidents(records, {}, [], published=published)
    assert [i.id for i in incidents] == ["2025-07-02-izhevsk-kupol"]
    assert moved_ids(published, incidents) == {
        "2025-07-01-izhevsk-kupol": "2025-07-02-izhevsk-kupol"
    }
    assert published_ids(published, incidents) == {
        "2025-07-01-izhevsk-kupol": ["a", "b"],
        "2025-07-02-izhevsk-kupol": ["a", "b"],
    }


def test_merged_incidents_send_the_old_id_on_and_a_vanished_one_to_no_incident():
    published = {"kupol-1": ["a"], "kupol-2": ["b"], "gone": ["deleted"]}
    records = [
        report("a", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
        report("b", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
    ]
    curation = IncidentCuration("kupol-1", articles=["a", "b"])
    _, incidents = group_incidents(records, {}, [curation], published=published)
    assert [i.id for i in incidents] == ["kupol-1"]
    assert moved_ids(published, incidents) == {"gone": None, "kupol-2": "kupol-1"}


def test_a_source_s_later_figure_revises_its_earlier_one_and_keeps_it_as_history():
    records = [
        report("first", date="2025-07-01", where="Izhevsk", killed=6, published="2025-07-01"),
        report("later", date="2025-07-01", where="Izhevsk", killed=9, published="2025-07-02"),
        report("again", date="2025-07-01", where="Izhevsk", killed=9, published="2025-07-03"),
        report("undated", date="2025-07-01", where="Izhevsk", killed=7, published="2025-07"),
    ]
    _, [incident] = group_incidents(records, {}, [])
    killed = incident.figures["killed"]
    assert [(c.value, c.published) for c in killed.claims] == [
        (7, "2025-07"),
        (6, "2025-07-01"),
        (9, "2025-07-02"),
        (9, "2025-07-03"),
    ]
    assert [c.article for c in killed.claims if killed.revised(c)] == ["first"]
    assert (killed.min, killed.max, killed.conflict) == (7, 9, True)  # 7's day is not known


def test_figures_of_other_sources_are_no_revision():
    records = [
        dataclasses.replace(
            report("a", date="2025-07-01", where="Izhevsk", killed=6, published="2025-07-01"),
            source="Radio A",
        ),
        dataclasses.replace(
            report("b", date="2025-07-01", where="Izhevsk", killed=9, published="2025-07-02"),
            source="Radio B",
        ),
    ]
    _, [incident] = group_incidents(records, {}, [])
    killed = incident.figures["killed"]
    assert not any(killed.revised(c) for c in killed.claims)
    assert (killed.min, killed.max, killed.conflict) == (6, 9, True)


def test_an_unrelated_new_article_leaves_an_incident_s_evidence_as_it_was():
    """Word weights follow the whole corpus; the similarity an incident page shows is
    rounded to a step, so that a new article elsewhere does not change the page."""
    kupol = [
        report("a", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
        report("b", date="2025-07-01", where="Izhevsk", target="usine Kupol"),
    ]
    texts = {
        "a": KUPOL_TEXT,
        "b": "Les drones ont visé l'usine Kupol d'Izhevsk ; le gouverneur parle de victimes.",
    }
    others = []
    for k in range(300):  # a corpus of other strikes, each on its own day
        day = f"2020-{k % 12 + 1:02d}-{k % 28 + 1:02d}"
        others.append(report(f"o{k}", date=day, where="Toropets", target_type="ammunition_depot"))
        texts[f"o{k}"] = f"Rapport {k} : un dépôt de munitions de Toropets a brûlé, série {k % 7}."
    newcomer = report("new", date="2023-05-30", where="Moscow", target_type="residential")
    before = {i.id: i.links for i in group_incidents([*kupol, *others], texts, [])[1]}
    texts["new"] = "Des drones ont touché des immeubles de Moscou ; l'usine voisine est intacte."
    after = {i.id: i.links for i in group_incidents([*kupol, *others, newcomer], texts, [])[1]}
    assert after["2025-07-01-izhevsk-kupol"] == before["2025-07-01-izhevsk-kupol"]
    assert before["2025-07-01-izhevsk-kupol"][0].pieces[-1].name == "text"


@pytest.mark.parametrize(
    ("target", "title"),
    [
        (Target("Novokuybyshevsk refinery", "refinery"), "Novokouïbychevsk — raffinerie"),
        (Target("raffinerie de Novokouïbychevsk", "refinery"), "Novokouïbychevsk — raffinerie"),
        (Target("usine Kupol", "arms_factory"), "Novokouïbychevsk — usine Kupol"),
    ],
)
def test_a_title_spells_its_place_once_in_french(target, title):
    """A target named after the place is told by its type, not in the report's spelling."""
    place = Place(
        "Novokouïbychevsk", ["Novokuybyshevsk"], "city", "RU", None, None, None, role="primary"
    )
    assert automatic_title([place], target, []) == title


_DAYS = [f"2025-07-{day:02d}" for day in range(1, 29)] + ["2025-07", "2025-08", "2025"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*PLACES, None]),
            st.none() | st.sampled_from(_DAYS),
            st.none() | st.sampled_from(_DAYS[:28]),  # published
            st.sampled_from(["Kupol", "raffinerie", None]),
        ),
        max_size=25,
    )
)
def test_candidate_pairs_are_the_pairs_sharing_a_key_whose_dates_can_meet(drawn):
    records = [
        report(f"r{n:02d}", where=where, date=date, published=published, target=target)
        for n, (where, date, published, target) in enumerate(drawn)
    ]
    reports = [_Report.of(r) for r in records]
    keys = [_blocking_keys(r) for r in reports]
    expected = [
        (i, j)
        for i in range(len(reports))
        for j in range(i + 1, len(reports))
        if keys[i] & keys[j] and windows_meet(reports[i].window, reports[j].window)
    ]
    assert sorted(candidate_pairs(reports)) == expected


def _drawn_reports(count: int, seed: int) -> list[ArticleRecord]:
    """Reports of a few places, targets and days, so that many pairs are candidates."""
    rng = random.Random(seed)
    return [
        report(
            f"r{n:03d}",
            where=rng.choice([*PLACES, None]),
            date=rng.choice([None, *_DAYS]),
            published=rng.choice([None, *_DAYS[:28]]),
            target=rng.choice(["usine Kupol", "raffinerie", None]),
            killed=rng.choice([None, 0, 2, 3]),
        )
        for n in range(count)
    ]


def _reports(records: list[ArticleRecord]) -> tuple[_Report, ...]:
    return tuple(_Report.of(r) for r in records)


def test_pair_evidence_started_from_that_of_another_set_is_that_made_afresh(monkeypatch):
    """Reports added, removed or changed since the last set: the pairs, their evidence and
    their blocks are those of the set made afresh, whichever set came before."""
    monkeypatch.setattr(incidents, "AFRESH_FROM", 1.0)  # never afresh, however much changed
    records = _drawn_reports(80, seed=3)
    changed = {
        r.id: dataclasses.replace(r, date=DateValue("2025-07-09", "day"), places=[place("Kerch")])
        for r in records[::7]
    }
    edited = [changed.get(r.id, r) for r in records]
    whole = pair_evidence(_reports(records))
    assert len(whole.pieces) >= 100
    for before in (records[:60], records[20:], records[::2], [], edited, records[1:-1]):
        assert pair_evidence(_reports(records), last=pair_evidence(_reports(before))) == whole
    assert pair_evidence(_reports(edited), last=whole) == pair_evidence(_reports(edited))
    assert pair_evidence(_reports(records[:50]), last=whole) == pair_evidence(
        _reports(records[:50])
    )


def test_a_report_added_is_compared_only_with_the_reports_of_its_blocks(monkeypatch):
    """One article added to twenty thousand is compared with dozens, not 71,000 pairs again."""
    records = _drawn_reports(120, seed=4)
    whole = pair_evidence(_reports(records))
    last = pair_evidence(_reports(records[:-1]))
    compared: list[tuple[str, str]] = []
    evidence = incidents.evidence
    monkeypatch.setattr(
        incidents,
        "evidence",
        lambda a, b: compared.append((a.record.id, b.record.id)) or evidence(a, b),
    )
    assert pair_evidence(_reports(records), last=last) == whole
    added = records[-1].id
    assert compared and all(added in pair for pair in compared)
    assert len(compared) < len(records) - 1


def test_grouping_started_from_the_last_set_groups_as_afresh():
    """Through a memo, grouping starts from the pairs of the set it grouped before."""
    records = _drawn_reports(60, seed=5)
    texts = {
        r.id: KUPOL_TEXT if n % 3 else "Un dépôt a brûlé à Toropets." for n, r in enumerate(records)
    }
    memo = Memo()
    group_incidents(records[:-2], texts, [], memo.call)
    afresh = group_incidents(records, texts, [])
    assert len(afresh[1]) < len(records)
    assert group_incidents(records, texts, [], memo.call) == afresh


def test_an_incidents_places_are_those_of_its_reports_once_each_with_every_spelling():
    """Primary in any report, primary in the incident; the most reported first; each place
    with the spellings of every report, in the order met, and no evidence (the reports
    keep theirs)."""
    spelled = dataclasses.replace(place("Izhevsk"), as_written=["Ijevsk", "Ijevsk"])
    a = dataclasses.replace(
        report("a"), places=[spelled, place("Udmurtia", "mentioned"), place("Kerch", "mentioned")]
    )
    b = dataclasses.replace(
        report("b"),
        places=[
            dataclasses.replace(place("Udmurtia"), as_written=["Oudmourtie", "Udmurtia"]),
            place("Izhevsk"),
        ],
    )
    merged = merged_places([a, b])
    assert [(p.name, p.role, p.as_written) for p in merged] == [
        ("Izhevsk", "primary", ["Ijevsk", "Ijevsk", "Izhevsk"]),
        ("Udmurtia", "primary", ["Udmurtia", "Oudmourtie"]),
        ("Kerch", "mentioned", ["Kerch"]),
    ]
    assert all(p.evidence == [] for p in merged)
