import pytest

from build_tools.model import Article, ArticleRecord, Count, DateValue, Incident
from build_tools.render import Site, count_text, french_date, render_site, timeline
from build_tools.render.text import article_html


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-07-01", "1 juillet 2025"), ("2024-09", "septembre 2024"), ("2023", "2023"), (None, "date inconnue")],
)
def test_dates_are_written_in_french_to_their_precision(value, expected):
    assert french_date(value) == expected


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
    html = article_html("[bon](https://example.org) [mauvais](javascript:alert(1)) [data](data:text/html,x)")
    assert 'href="https://example.org"' in html
    assert "javascript:" not in html and "data:" not in html


def test_images_are_dropped_so_no_page_loads_a_third_party_picture():
    assert "<img" not in article_html("![pixel](https://tracker.example/p.png)")


def test_article_headings_never_compete_with_the_page_title():
    html = article_html("# Un titre\n\nTexte.")
    assert "<h1" not in html and "<h2" not in html


def _site(title: str, text: str = "Texte.") -> Site:
    article = Article(id="a", path="corpus/articles/2025/a.md", title=title, source="<b>Source</b>", text=text, text_line=5)
    record = ArticleRecord(id="a", title=title, source=article.source, url=None, published=None, language="fr", incident="a")
    incident = Incident(id="a", title=title, date=None, places=[], articles=["a"], target=None, figures={})
    return Site(articles=[article], records=[record], incidents=[incident])


def test_untrusted_title_and_source_are_escaped_on_every_page():
    files = render_site(_site('<script>alert("x")</script> & co'))
    for path, content in files.items():
        assert "<script>" not in content, path
        assert "<b>Source</b>" not in content, path
    assert 'title: \'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co\'' in files["articles/a.md"]


def test_timeline_lists_a_month_known_incident_under_its_month_not_its_first_day():
    def incident(id_, date):
        return Incident(id=id_, title=id_, date=date, places=[], articles=[id_], target=None, figures={})

    line = timeline([
        incident("jour", DateValue("2024-09-18", "day")),
        incident("mois", DateValue("2024-09", "month")),
        incident("annee", DateValue("2024", "year")),
        incident("inconnu", None),
    ])
    assert [i.id for i in line["2024"]["2024-09"]] == ["jour", "mois"]
    assert [i.id for i in line["2024"][None]] == ["annee"]
    assert [i.id for i in line[None][None]] == ["inconnu"]
