"""Extraction: from one validated article to its article record (SPEC §7).

Each field has its own module (`dates`, `places`, `figures`, `entities`); this module
runs them in order — places first, since a figure belongs to the event only if it
happened there — and lets the curator's `overrides` win, listing them in `curated`.
An article is read with the words of its language (a section of `corpus/lexicon.yml`);
one written in a language the lexicon has no section for is not read at all: its record
says only what the front matter says.
"""

from __future__ import annotations

import dataclasses
import functools

from build_tools.errors import ExtractionError, raised_at
from build_tools.extract.dates import event_date, other_days
from build_tools.extract.document import Document
from build_tools.extract.entities import (
    extract_organisations,
    extract_people,
    extract_target,
    extract_weapons,
)
from build_tools.extract.events import other_events
from build_tools.extract.figures import elsewhere, extract_figures, other_side_totals
from build_tools.extract.language import detected_language
from build_tools.extract.names import author
from build_tools.extract.places import extract_places
from build_tools.extract.resources import Resources
from build_tools.model import (
    Article,
    ArticleRecord,
    Count,
    DateValue,
    DroneCount,
    Target,
)


def year_hint(article: Article) -> int | None:
    """The year the article is filed under (corpus/articles/<YYYY>/), when it has one."""
    parts = article.path.split("/")
    return (
        int(parts[-2]) if len(parts) >= 2 and parts[-2].isdigit() and len(parts[-2]) == 4 else None
    )


def unsupported_language(article: Article, supported: frozenset[str]) -> str | None:
    """The language the text is really in, when extraction cannot read it."""
    if article.language not in supported:
        return article.language
    detected = detected_language(article.text)
    if detected is not None and detected not in supported:
        return detected
    return None


def reading_language(article: Article) -> str:
    """The language to read the text in: the one detected when it says more than the
    front matter's (an English text filed with the default `fr`)."""
    return detected_language(article.text) or article.language


def extract_article(article: Article, resources: Resources) -> ArticleRecord:
    """The article record: what the text says, then the curator's overrides on top."""
    record = ArticleRecord(
        id=article.id,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published.iso if article.published else None,
        language=article.language,
    )
    if unsupported_language(article, resources.languages) is None:
        try:
            record = _read_text(record, article, resources)
        except Exception as error:  # a bug: say which article it happened on
            raise ExtractionError(
                f"{article.path}: extraction failed: {error!r}{raised_at(error)}"
            ) from error
    return apply_overrides(record, article.overrides)


def _read_text(record: ArticleRecord, article: Article, resources: Resources) -> ArticleRecord:
    doc = Document(article.text, article.title, resources, reading_language(article))
    places = extract_places(doc)
    primary = next((p for p in places if p.role == "primary"), None)
    date = event_date(
        doc,
        article.published,
        year_hint(article),
        functools.partial(elsewhere, doc, primary=primary),
    )
    dated_elsewhere = other_days(doc, date, article.published, year_hint(article))
    counts, drones = extract_figures(doc, primary, dated_elsewhere)
    return dataclasses.replace(
        record,
        date=date,
        places=places,
        killed=counts["killed"],
        injured=counts["injured"],
        hospitalised=counts["hospitalised"],
        drones=drones,
        target=extract_target(
            doc, functools.partial(elsewhere, doc, primary=primary), dated_elsewhere
        ),
        weapons=extract_weapons(
            doc, functools.partial(elsewhere, doc, primary=primary), dated_elsewhere
        ),
        people=extract_people(doc),
        organisations=extract_organisations(doc, primary),
        other_events=other_events(
            doc,
            date,
            primary,
            article.published,
            year_hint(article),
            _breakdown_sentences(drones),
            other_side_totals(doc, primary),
        ),
        author=article.author or author(doc),
    )


def _breakdown_sentences(drones) -> set[int]:
    """Where a drone count and its parts are told: the count's sentences, no other events."""
    counts = [c for c in (drones.launched, drones.downed, drones.hit) if c is not None]
    return {e.start for c in counts for e in c.evidence} | {
        e.start for c in counts for share in c.breakdown for e in share.evidence
    }


def apply_overrides(record: ArticleRecord, overrides: dict) -> ArticleRecord:
    """Curated values replace extracted ones; `curated` names the fields they set."""
    changes: dict = {}
    curated: list[str] = []
    if "incident" in overrides:
        changes["incident"] = overrides["incident"]
        curated.append("incident")
    if "date" in overrides:
        date = overrides["date"]
        changes["date"] = DateValue(value=date.iso, precision=date.precision, inferred=False)
        curated.append("date")
    for name in ("killed", "injured", "hospitalised"):
        if name in overrides:
            changes[name] = Count(value=overrides[name])
            curated.append(name)
    drones = {}
    for name in ("launched", "downed", "hit"):
        key = f"drones_{name}"
        if key in overrides:
            drones[name] = DroneCount(value=overrides[key])
            curated.append(key)
    if drones:
        changes["drones"] = dataclasses.replace(record.drones, **drones)
    if "target" in overrides or "target_type" in overrides:
        current = record.target or Target(name=None, type="other")
        changes["target"] = Target(
            name=overrides.get("target", current.name),
            type=overrides.get("target_type", current.type),
        )
        curated.extend(k for k in ("target", "target_type") if k in overrides)
    if not changes:
        return record
    return dataclasses.replace(
        record, curated=sorted(set(record.curated) | set(curated)), **changes
    )
