"""`feed.xml`: an Atom feed of the archive's incidents and articles, newest first.

Written with feedgenerator (the standalone version of Django's feed writer). Every
date comes from the corpus — an entry's event or publication date, the feed's from its
newest entry — never from the clock, so the same corpus gives the same feed.
"""

from __future__ import annotations

import datetime
import heapq

import feedgenerator

from build_tools import urls
from build_tools.model import ArticleRecord, Incident, PartialDate

FEED_TITLE = "Archive des frappes de drones"
#: Atom ids are permanent and need not be addresses: the site may move, the ids stay.
ID_PREFIX = "urn:archive-frappes-drones:"


class _AtomFeed(feedgenerator.Atom1Feed):
    """Atom with a fixed date for an empty feed (the library would use the clock)."""

    def __init__(self, *args, empty_date: datetime.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_date = empty_date

    def latest_post_date(self) -> datetime.datetime:
        return super().latest_post_date() if self.items else self.empty_date


def _moment(iso: str | None) -> datetime.datetime | None:
    """Midnight UTC on the first day a partial date can mean; None for no date."""
    if not iso:
        return None
    return datetime.datetime.combine(
        PartialDate.parse(iso).first_day, datetime.time(), datetime.UTC
    )


#: How many entries the feed gives, the newest: a feed reader fetches the whole file at
#: each visit, and every entry of the archive (30,000 at 20,000 articles) made it 12 MB.
FEED_ENTRIES = 100


def atom_feed(
    incidents: list[Incident],
    records: list[ArticleRecord],
    site_url: str | None,
    undated: datetime.datetime,
) -> str:
    """The feed of the `FEED_ENTRIES` newest incidents and articles (by the date of the
    event, or of publication for an article); links are absolute under `site_url` when it
    is known, relative otherwise. An entry without a date has no <published> (the feed
    never invents one); its <updated>, which Atom requires, is `undated`: the date the
    corpus last changed."""
    base = site_url or ""
    dated = [
        (_moment(i.date.value if i.date else None) or undated, urls.incident(i.id), i)
        for i in incidents
    ] + [(_moment(r.published) or undated, urls.article(r.id), r) for r in records]
    feed = _AtomFeed(
        title=FEED_TITLE,
        link=base or "./",
        feed_url=f"{base}{urls.FEED}",
        description="Incidents et articles de l'archive",
        language="fr",
        id=f"{ID_PREFIX}feed",
        empty_date=undated,
    )
    published = {r.id: r.published for r in records}
    for _, path, item in heapq.nlargest(FEED_ENTRIES, dated, key=lambda e: e[:2]):
        pubdate, updated, title, summary, entry_id = (
            _incident_entry(item, published) if isinstance(item, Incident) else _article_entry(item)
        )
        feed.add_item(
            title=title,
            link=f"{base}{path}",
            description=summary,
            pubdate=pubdate,
            updateddate=max((d for d in (pubdate, updated) if d), default=undated),
            unique_id=entry_id,
        )
    return feed.writeString("utf-8") + "\n"


#: An entry's publication and update dates (None when unknown), title, summary and id.
FeedEntry = tuple[datetime.datetime | None, datetime.datetime | None, str, str, str]


def _incident_entry(incident: Incident, published: dict[str, str | None]) -> FeedEntry:
    """The incident's date, and its articles' newest publication as its update."""
    reported = max((p for a in incident.articles if (p := published.get(a))), default=None)
    return (
        _moment(incident.date.value if incident.date else None),
        _moment(reported),
        f"Incident : {incident.title}",
        incident_summary(incident),
        f"{ID_PREFIX}incident:{incident.id}",
    )


def _article_entry(record: ArticleRecord) -> FeedEntry:
    when = _moment(record.published)
    return (
        when,
        when,
        record.title,
        f"{record.source} — article de l'incident {record.incident}",
        f"{ID_PREFIX}article:{record.id}",
    )


def incident_summary(incident: Incident) -> str:
    """One line: date, place, number of reports, and the figures' ranges."""
    place = next((p.name for p in incident.primary_places), "lieu inconnu")
    date = incident.date.value if incident.date else "date inconnue"
    parts = [date, place, f"{len(incident.articles)} article(s)"]
    for name, label in (("killed", "tués"), ("injured", "blessés")):
        figure = incident.figures.get(name)
        if figure and figure.min is not None:
            parts.append(
                f"{figure.min}–{figure.max} {label}" if figure.conflict else f"{figure.min} {label}"
            )
    return " · ".join(parts)
