import pytest

from build_tools.model import Article, ArticleRecord, Count, DateValue, Incident
from build_tools.render.environment import (
    count_text,
    date_qualifier,
    french_date,
    guillemets,
    tag_slug,
)
from build_tools.render.pages import Site, render_site
from build_tools.render.text import EntityLink, article_html
from build_tools.render.views import tag_sections, timeline


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-01", "1er juillet 2025"),
        ("2025-07-02", "2 juillet 2025"),
        ("2024-09", "septembre 2024"),
        ("2023", "2023"),
        (None, "date inconnue"),
    ],
)
def test_dates_are_written_in_french_to_their_precision(value, expected):
    assert french_date(value) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (DateValue("2024-09", "month", inferred=True), "au mois près"),
        (DateValue("2025-07-01", "day", inferred=True), "déduite"),
        (DateValue("2025-07-01", "day"), ""),
    ],
)
def test_a_date_takes_one_qualifier_at_most(date, expected):
    assert date_qualifier(date) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (Count(3), "3"),
        (Count(10, "at_least"), "au moins 10"),
        (Count(50, "about"), "environ 50"),
        (Count(None, "several"), "plusieurs"),
        (Count(None, "unspecified"), "non chiffré"),
        (None, "non indiqué"),
    ],
)
def test_counts_are_written_with_their_qualifier(count, expected):
    assert count_text(count) == expected


def test_raw_html_and_script_in_article_text_are_shown_as_text():
    html = article_html('Avant <script>alert(1)</script> <img src=x onerror="alert(2)"> après')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_links_keep_only_web_addresses():
    html = article_html(
        "[bon](https://example.org) [mauvais](javascript:alert(1)) [data](data:text/html,x)"
    )
    assert 'href="https://example.org"' in html
    assert "javascript:" not in html and "data:" not in html


def test_images_are_dropped_so_no_page_loads_a_third_party_picture():
    assert "<img" not in article_html("![pixel](https://tracker.example/p.png)")


def test_article_headings_never_compete_with_the_page_title():
    html = article_html("# Un titre\n\nTexte.")
    assert "<h1" not in html and "<h2" not in html


def _site(title: str, text: str = "Texte.") -> Site:
    article = Article(
        id="a",
        path="corpus/articles/2025/a.md",
        title=title,
        source="<b>Source</b>",
        text=text,
        text_line=5,
    )
    record = ArticleRecord(
        id="a",
        title=title,
        source=article.source,
        url=None,
        published=None,
        language="fr",
        incident="a",
    )
    incident = Incident(
        id="a", title=title, date=None, places=[], articles=["a"], target=None, figures={}
    )
    return Site(articles=[article], records=[record], incidents=[incident])


def test_untrusted_title_and_source_are_escaped_on_every_page():
    files = render_site(_site('<script>alert("x")</script> & co'))
    for path, content in files.items():
        assert "<script>alert" not in content, path
        assert "<b>Source</b>" not in content, path
    assert (
        "title: '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'"
        in files["articles/a.md"]
    )


def test_generated_pages_pass_no_contributor_key_to_the_theme():
    """Material prints some front-matter keys unescaped: generated pages only set these four."""
    import yaml

    files = render_site(_site("Titre", "Texte."))
    pages = [
        content
        for path, content in files.items()
        if path.endswith(".md") and content.startswith("---\n")
    ]
    assert len(pages) > 5
    for content in pages:
        assert set(yaml.safe_load(content.split("---\n")[1])) <= {
            "title",
            "tags",
            "search_aliases",
            "search",
        }


def test_timeline_lists_a_month_known_incident_under_its_month_not_its_first_day():
    def incident(id_, date):
        return Incident(
            id=id_, title=id_, date=date, places=[], articles=[id_], target=None, figures={}
        )

    line = timeline(
        [
            incident("jour", DateValue("2024-09-18", "day")),
            incident("mois", DateValue("2024-09", "month")),
            incident("annee", DateValue("2024", "year")),
            incident("inconnu", None),
        ]
    )
    assert [i.id for i in line["2024"]["2024-09"]] == ["jour", "mois"]
    assert [i.id for i in line["2024"][None]] == ["annee"]
    assert [i.id for i in line[None][None]] == ["inconnu"]


def _mentions(text: str, word: str, href: str = "../lieux/kerch.html") -> list[EntityLink]:
    import re

    return [EntityLink(m.start(), m.end(), "place:Kerch", href) for m in re.finditer(word, text)]


def test_the_first_mention_per_paragraph_links_to_the_entity_page():
    text = "Explosions à Kerch. Kerch est en Crimée.\n\nÀ Kerch, le pont est fermé."
    html = article_html(text, mentions=_mentions(text, "Kerch"))
    paragraphs = html.split("</p>")
    assert [
        p.count('<a class="archive-mention" href="../lieux/kerch.html">Kerch</a>')
        for p in paragraphs[:2]
    ] == [1, 1]
    assert html.count("Kerch") == 3


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("### Kerch sous les drones\n\nTexte.", "<h3>"),
        ("Voir [le pont de Kerch](https://example.org/Kerch).", "<a href"),
        ("Le code `Kerch` reste du code.", "<code>"),
    ],
)
def test_mentions_are_never_linked_inside_a_heading_a_link_or_code(text, where):
    html = article_html(text, mentions=_mentions(text, "Kerch"))
    assert "archive-mention" not in html
    assert where in html and "\ue000" not in html and "\ue003" not in html
    if "https" in text:
        assert 'href="https://example.org/Kerch"' in html


def test_an_article_cannot_forge_marks_or_links_with_private_characters():
    text = "Piège \ue0030\ue001 et \ue0007\ue001 \ue0053\ue001 fin\ue004\ue002 Kerch."
    html = article_html(text, mentions=_mentions(text, "Kerch"))
    assert html.count("<a ") == 1 and "<mark" not in html and "\ue000" not in html


def test_evidence_marks_and_mention_links_nest():
    text = "Trois morts à Kerch. Fin."
    html = article_html(text, [(0, 20)], _mentions(text, "Kerch"))
    assert (
        '<mark class="archive-evidence" id="ev-0">Trois morts à '
        '<a class="archive-mention" href="../lieux/kerch.html">Kerch</a>.</mark>' in html
    )


def test_only_the_sentences_that_give_a_value_are_highlighted_every_evidence_is_an_anchor():
    text = "Trois morts à Kerch. Le maire de Kerch a parlé."
    html = article_html(text, [(0, 20), (21, 47)], values=[(0, 20)])
    assert '<mark class="archive-evidence archive-value" id="ev-0">Trois morts' in html
    assert '<mark class="archive-evidence" id="ev-21">Le maire' in html


def test_tags_that_differ_only_in_case_or_accents_share_one_page_listing_each_incident_once():
    incidents = [
        Incident(
            id=f"i{n}",
            title=f"Incident {n}",
            date=None,
            places=[],
            articles=[],
            target=None,
            figures={},
        )
        for n in range(3)
    ]
    tags = {
        "i0": ["Arme : Géran-2", "Cible : port"],
        "i1": ["Arme : geran 2"],
        "i2": ["Arme : Géran-2", "Arme : geran 2"],
    }
    sections = tag_sections(incidents, tags)
    assert [(s.slug, s.names, [i.id for i in s.incidents]) for s in sections] == [
        ("arme-geran-2", ["Arme : Géran-2", "Arme : geran 2"], ["i0", "i1", "i2"]),
        ("cible-port", ["Cible : port"], ["i0"]),
    ]
    assert tag_slug("Cible : dépôt d'armes") == "cible-depot-d-armes"


@pytest.mark.parametrize(
    ("claimant", "expected"),
    [
        ("ministère russe de la Défense", "selon le ministère russe de la Défense"),
        ("armée de l'air ukrainienne", "selon l'armée de l'air ukrainienne"),
        ("police régionale", "selon la police régionale"),
        ("autorités ukrainiennes", "selon les autorités ukrainiennes"),
        ("un responsable ukrainien", "selon un responsable ukrainien"),
        (
            "Vasily Golubev, gouverneur de la région de Rostov",
            "selon Vasily Golubev, gouverneur de la région de Rostov",
        ),
        ("local officials", "selon local officials"),
    ],
)
def test_a_claimant_reads_as_french(claimant, expected):
    from build_tools.labels import selon

    assert selon(claimant) == expected


def test_a_template_error_names_the_page_and_the_template_line(monkeypatch):
    import jinja2

    from build_tools.errors import BuildError
    from build_tools.render import environment as templates

    loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader(
                {"incident.md.j2": "{{ incident.title }}\n{{ incident.no_such_field }}\n"}
            ),
            jinja2.PackageLoader("build_tools.render", "templates"),
        ]
    )
    environment = templates.environment()
    monkeypatch.setattr(templates, "environment", lambda: environment.overlay(loader=loader))
    with pytest.raises(BuildError, match=r"^page incidents/a\.md: UndefinedError: .*no_such_field"):
        render_site(_site("Titre"))


def test_a_page_function_that_fails_is_named_with_the_line_it_failed_on(monkeypatch):
    from build_tools.errors import BuildError
    from build_tools.render import pages

    def broken(path, article, record, common):
        return {path: str(1 / 0)}

    monkeypatch.setattr(pages, "article_page", broken)
    with pytest.raises(
        BuildError, match=r"^page articles/a\.md: ZeroDivisionError: division by zero"
    ):
        render_site(_site("Titre"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trois morts.", "«\u00a0Trois morts.\u00a0»"),
        (
            "«Nous avons détruit un entrepôt», a dit le SBU.",
            "«\u00a0“Nous avons détruit un entrepôt”, a dit le SBU.\u00a0»",
        ),
        ("« Tout est en feu » ", "«\u00a0“Tout est en feu”\u00a0»"),
    ],
)
def test_a_quotation_is_in_guillemets_and_a_quotation_inside_it_in_second_level_marks(
    text, expected
):
    assert guillemets(text) == expected


def test_rendering_leaves_no_reference_cycle_holding_the_site():
    """What pages were given is freed as soon as they are made, not by the cycle collector:
    at 20,000 articles, a collection that found every record held by the pages' templates
    took 2 s of a rebuild."""
    import gc
    import weakref

    site = _site("Titre", "Texte.")
    held = weakref.ref(site.records[0])
    gc.disable()
    try:
        assert render_site(site)
        del site
        assert held() is None
    finally:
        gc.enable()
