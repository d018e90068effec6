"""The Atom feed: parsed by a real feed parser, every incident listed, newest first."""

import datetime

import feedparser
import pytest

from build_tools.feed import FEED_ENTRIES, atom_feed
from build_tools.model import ArticleRecord, DateValue, Incident

UNDATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def incident(id_: str, date: str | None, articles: list[str]) -> Incident:
    return Incident(
        id=id_,
        title=f"Titre {id_} <b>&</b>",
        date=DateValue(date, "day") if date else None,
        places=[],
        articles=articles,
        target=None,
        figures={},
    )


def record(id_: str, published: str | None, incident_id: str) -> ArticleRecord:
    return ArticleRecord(
        id=id_,
        title=f"Article {id_}",
        source="AFP",
        url=None,
        published=published,
        language="fr",
        incident=incident_id,
    )


def test_the_feed_lists_incidents_and_articles_newest_first_with_stable_ids():
    records = [record("a", "2025-07-03", "i2"), record("b", None, "i1")]
    incidents = [incident("i2", "2025-07-01", ["a"]), incident("i1", "2023-05-30", ["b"])]
    text = atom_feed(incidents, records, "https://archive.example/", UNDATED)
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.bozo_exception
    assert [e.link for e in parsed.entries] == [
        "https://archive.example/articles/a.html",
        "https://archive.example/incidents/i2.html",
        "https://archive.example/articles/b.html",
        "https://archive.example/incidents/i1.html",
    ]
    assert (
        parsed.entries[1].title == "Incident : Titre i2 <b>&</b>"
        and parsed.entries[1].id == "urn:archive-frappes-drones:incident:i2"
    )
    assert parsed.feed.updated == "2025-07-03T00:00:00+00:00"
    assert atom_feed(incidents, records, "https://archive.example/", UNDATED) == text


def test_an_undated_article_has_no_publication_date_in_the_feed():
    """Atom requires <updated>: the corpus's date; <published> is left out, not invented."""
    records = [record("a", "2025-07-03", "i1"), record("b", None, "i1")]
    text = atom_feed([incident("i1", "2025-07-01", ["a", "b"])], records, None, UNDATED)
    entries = {e.link: e for e in feedparser.parse(text).entries}
    assert entries["articles/a.html"].published == "2025-07-03T00:00:00+00:00"
    assert "published" not in entries["articles/b.html"]
    assert entries["articles/b.html"].updated == "2024-01-01T00:00:00+00:00"


@pytest.mark.parametrize("site_url", [None, "https://archive.example/"])
def test_an_empty_archive_gives_a_valid_feed_dated_from_the_corpus(site_url):
    parsed = feedparser.parse(atom_feed([], [], site_url, UNDATED))
    assert (
        not parsed.bozo
        and parsed.entries == []
        and parsed.feed.updated == "2024-01-01T00:00:00+00:00"
    )


def test_the_feed_gives_the_newest_entries_only():
    """A reader's feed client fetches the whole file at each visit: not the whole archive."""
    days = [datetime.date(2025, 1, 1) + datetime.timedelta(days=n) for n in range(FEED_ENTRIES)]
    incidents = [incident(f"i{n}", day.isoformat(), [f"a{n}"]) for n, day in enumerate(days)]
    records = [record(f"a{n}", day.isoformat(), f"i{n}") for n, day in enumerate(days)]
    parsed = feedparser.parse(atom_feed(incidents, records, None, UNDATED))
    links = [e.link for e in parsed.entries]
    newest = [
        f"{kind}/{prefix}{n}.html"
        for n in reversed(range(FEED_ENTRIES))
        for kind, prefix in (("incidents", "i"), ("articles", "a"))
    ]
    assert len(links) == FEED_ENTRIES and links == newest[:FEED_ENTRIES]
