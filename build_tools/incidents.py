"""Group article records into incidents, with the curator's merges, titles and summaries.

Until automatic grouping lands, every article is its own incident unless the curator
puts it in one (an `incident` override, or an entry of `corpus/incidents.yml`).
"""

from __future__ import annotations

import dataclasses

from build_tools.model import (
    FIGURE_NAMES,
    ArticleRecord,
    Claim,
    Count,
    Figure,
    Incident,
    IncidentCuration,
)


def assign_incidents(records: list[ArticleRecord], curations: list[IncidentCuration]) -> list[ArticleRecord]:
    """Each record with its incident id: curation first, then the article's own id."""
    curated_ids = {article: c.id for c in curations for article in c.articles}
    assigned = []
    for record in records:
        incident = curated_ids.get(record.id) or record.incident or record.id
        assigned.append(dataclasses.replace(record, incident=incident))
    return assigned


def build_incidents(records: list[ArticleRecord], curations: list[IncidentCuration]) -> list[Incident]:
    """One incident per distinct incident id, its reports in a stable order, newest date first."""
    by_curation = {c.id: c for c in curations}
    groups: dict[str, list[ArticleRecord]] = {}
    for record in records:
        groups.setdefault(record.incident or record.id, []).append(record)
    incidents = [
        _incident(incident_id, sorted(reports, key=_report_order), by_curation.get(incident_id))
        for incident_id, reports in groups.items()
    ]
    return sort_incidents(incidents)


def sort_incidents(incidents: list[Incident]) -> list[Incident]:
    """Newest first; undated incidents last; ties by id."""
    dated = sorted((i for i in incidents if i.date), key=lambda i: (i.date.value, i.id), reverse=True)
    undated = sorted((i for i in incidents if not i.date), key=lambda i: i.id)
    return dated + undated


def _report_order(record: ArticleRecord) -> tuple:
    return (record.published or "", record.id)


def _incident(incident_id: str, reports: list[ArticleRecord], curation: IncidentCuration | None) -> Incident:
    dated = [r.date for r in reports if r.date]
    date = max(dated, key=lambda d: ("year", "month", "day").index(d.precision)) if dated else None
    places = [p for r in reports for p in r.places]
    target = next((r.target for r in reports if r.target), None)
    return Incident(
        id=incident_id,
        title=(curation.title if curation and curation.title else reports[0].title),
        summary=curation.summary if curation else None,
        date=date,
        places=places,
        articles=[r.id for r in reports],
        target=target,
        figures={name: Figure(_claims(reports, name)) for name in FIGURE_NAMES},
        curated=curation is not None,
    )


def _claims(reports: list[ArticleRecord], figure: str) -> list[Claim]:
    claims = []
    for record in reports:
        count: Count | None
        if figure.startswith("drones_"):
            count = getattr(record.drones, figure.removeprefix("drones_"))
        else:
            count = getattr(record, figure)
        if count is not None:
            claims.append(Claim(count.value, count.qualifier, count.claimed_by, record.id, count.evidence))
    return claims
