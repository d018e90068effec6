"""Long indexes split by year or by letter; short ones stay one page."""

from __future__ import annotations

import re
from dataclasses import replace

from build_tools import urls
from build_tools.model import Article, ArticleRecord, DateValue, Incident
from build_tools.pagination import (
    INDEX_PAGE_LIMIT,
    MONTH_PAGES_FROM,
    by_letter,
    by_year,
    initial,
)
from build_tools.render.pages import Site, render_site


def test_years_newest_first_and_the_undated_last_keeping_item_order():
    parts = by_year(["2024-b", "2025-a", None, "2024-a"], lambda x: x)
    assert [(p.slug, p.label, p.items) for p in parts] == [
        ("2025", "2025", ["2025-a"]),
        ("2024", "2024", ["2024-b", "2024-a"]),
        ("sans-date", "Date inconnue", [None]),
    ]


def test_initials_ignore_accents_and_file_other_starts_apart():
    assert [initial(n) for n in ("Élektrostal", "kyiv", "9K33 Osa", "« Kupol »")] == [
        "e",
        "k",
        "autres",
        "autres",
    ]
    assert [p.label for p in by_letter(["Kyiv", "9K33", "Belgorod", "Kursk"], str)] == [
        "B",
        "K",
        "Autres",
    ]


def site(count: int) -> Site:
    """count articles published over three years."""
    articles = [
        Article(
            id=f"a{n:04d}",
            path=f"corpus/articles/2025/a{n:04d}.md",
            title=f"Article {n}",
            source="AFP",
            text="Texte.",
            text_line=5,
        )
        for n in range(count)
    ]
    records = [
        ArticleRecord(
            id=a.id,
            title=a.title,
            source="AFP",
            url=None,
            published=f"{2023 + n % 3}-01-0{n % 9 + 1}",
            language="fr",
        )
        for n, a in enumerate(articles)
    ]
    return Site(articles=articles, records=records, incidents=[])


def test_a_long_articles_index_becomes_one_page_per_year_and_a_short_one_stays_whole():
    short = render_site(site(3))
    assert "articles/index.md" in short and not any(
        p.startswith("articles/par-annee/") for p in short
    )
    count = INDEX_PAGE_LIMIT + 1
    files = render_site(site(count))
    years = sorted(p for p in files if p.startswith("articles/par-annee/"))
    assert years == [
        "articles/par-annee/2023.md",
        "articles/par-annee/2024.md",
        "articles/par-annee/2025.md",
    ]
    index = files["articles/index.md"]
    assert 'href="par-annee/2025.html">2025</a> (' in index and "<table>" not in index
    assert sum(files[p].count("<tr><td>") for p in years) == count
    assert 'href="../../articles/a0000.html"' in files["articles/par-annee/2023.md"]
    assert 'href="../index.html">Retour' in files["articles/par-annee/2023.md"]


def test_a_year_page_is_divided_by_month_newest_first_those_known_to_the_year_last():
    dates = ["2025-03-02", "2025-03", "2025-01-09", "2025", "2025-03-01", "2024-12-31"]
    parts = by_year(dates, lambda d: d)
    assert [(p.slug, p.months) for p in parts] == [
        (
            "2025",
            [
                ("2025-03", ["2025-03-02", "2025-03", "2025-03-01"]),
                ("2025-01", ["2025-01-09"]),
                (None, ["2025"]),
            ],
        ),
        ("2024", [("2024-12", ["2024-12-31"])]),
    ]


def test_year_pages_have_a_heading_and_a_table_per_month():
    files = render_site(site(INDEX_PAGE_LIMIT + 1))
    page = files["articles/par-annee/2024.md"]
    assert "## Janvier 2024\n\n<table>" in page and page.count("<table>") == 1


def incidents_site(dates: list[DateValue | None]) -> dict[str, str]:
    """The files of a site of incidents on these dates, and no article."""
    incidents = [
        Incident(
            id=f"i{n}",
            title=f"Incident {n}",
            date=d,
            places=[],
            articles=[],
            target=None,
            figures={},
        )
        for n, d in enumerate(dates)
    ]
    return render_site(Site(articles=[], records=[], incidents=incidents))


def test_a_long_chronologie_links_each_month_to_its_section_of_the_year_page():
    import markdown

    dates = [
        DateValue(f"2024-{m:02d}-1{n % 9}", "day")
        for n in range(INDEX_PAGE_LIMIT)
        for m in (2, 8, 12)
    ][: INDEX_PAGE_LIMIT + 3]
    dates += [DateValue("2024", "year"), None]
    files = incidents_site(dates)
    chronologie = files["_fragments/chronologie.md"]
    links = re.findall(
        r'href="incidents/par-annee/([a-z0-9-]+)\.html(?:#([a-z0-9-]+))?"', chronologie
    )
    assert (
        ("2024", "fevrier-2024") in links
        and ("2024", "aout-2024") in links
        and ("2024", "2024-mois-inconnu") in links
    )
    assert ("sans-date", "") in links and "<li><time" not in chronologie
    for page, anchor in links:
        html = markdown.markdown(
            files[f"incidents/par-annee/{page}.md"].split("---", 2)[2], extensions=["toc"]
        )
        assert not anchor or f'id="{anchor}"' in html, anchor


def one_year_site(count: int) -> Site:
    """count articles published in 2025, a third of them in March, one known to the year
    only."""
    whole = site(count)
    dates = ["2025"] + [f"2025-{n % 3 + 1:02d}-{n % 28 + 1:02d}" for n in range(1, count)]
    records = [replace(r, published=d) for r, d in zip(whole.records, dates, strict=True)]
    return replace(whole, records=records)


def test_a_long_year_has_a_page_per_month_which_the_year_s_page_lists():
    count = MONTH_PAGES_FROM + 1
    files = render_site(one_year_site(count))
    months = sorted(p for p in files if p.startswith("articles/par-annee/2025-"))
    assert months == [
        "articles/par-annee/2025-01.md",
        "articles/par-annee/2025-02.md",
        "articles/par-annee/2025-03.md",
        "articles/par-annee/2025-sans-date.md",
    ]
    assert sum(files[p].count("<tr><td>") for p in months) == count
    year = files["articles/par-annee/2025.md"]
    assert "<table>" not in year and 'href="../index.html">Retour' in year
    assert 'href="./2025-02.html">Février 2025</a> (334)' in year
    assert 'href="./2025-sans-date.html">2025, mois inconnu</a> (1)' in year
    assert "title: Articles — Mars 2025" in files["articles/par-annee/2025-03.md"]


def test_a_year_up_to_the_limit_stays_one_page_divided_by_month():
    files = render_site(one_year_site(MONTH_PAGES_FROM))
    assert not any(p.startswith("articles/par-annee/2025-") for p in files)
    assert files["articles/par-annee/2025.md"].count("<table>") == 4


def test_a_month_s_page_leads_back_to_its_year_and_to_the_index():
    page = render_site(one_year_site(MONTH_PAGES_FROM + 1))["articles/par-annee/2025-01.md"]
    assert '<a href="2025.html">Retour à 2025</a> · <a href="../index.html">Retour' in page


def test_the_chronologie_links_the_months_of_a_long_year_to_their_pages():
    dates = [DateValue(f"2024-{n % 2 + 1:02d}-1{n % 9}", "day") for n in range(MONTH_PAGES_FROM)]
    dates += [DateValue("2024", "year"), DateValue("2023-05-01", "day")]
    files = incidents_site(dates)
    chronologie = files["_fragments/chronologie.md"]
    links = re.findall(
        r'href="(incidents/par-annee/[a-z0-9-]+\.html(?:#[a-z0-9-]+)?)"', chronologie
    )
    assert links == [
        "incidents/par-annee/2024-02.html",
        "incidents/par-annee/2024-01.html",
        "incidents/par-annee/2024-sans-date.html",
        "incidents/par-annee/2023.html#mai-2023",
    ]
    assert all(urls.source(link.partition("#")[0]) in files for link in links)
