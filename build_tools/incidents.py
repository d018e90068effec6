"""Group article records into incidents (SPEC §3), with the curator's word on top.

Two reports are of one event when nothing rules it out and enough points to it:

* ruled out: event dates that cannot meet (allowing one day for a night that spans
  two dates, the whole month for a date known to the month), or primary places that
  are different and not one inside the other — two cities hit the same night are
  two incidents, the same refinery hit two years later is a second one;
* pointing to it: the same primary place or named target (one of them is required:
  text alone never groups), the same day, the same target type, the same figures,
  and how alike the texts are (TF-IDF cosine) — the pieces of evidence of `WEIGHTS`,
  which the incident page lists for each pair it joined, and for the pairs that fell
  short (near-misses). Two reports with no date at all need strong evidence.

Reports are joined best pair first, and two groups merge only if every pair across
them is still possible, so an undated report cannot chain two dated events together.

The pairs that may be one event, with all their evidence but the texts', are kept from
build to build (`pair_evidence`, through `call`): a report added is paired alone. The
texts' similarity of every pair is worked out again at each build, for a word's weight
depends on every article (similarity.py).

An incident's id is `<date>-<place>[-<target>]` (`2025-07-01-izhevsk-kupol`), made from
its first-published report: adding a later report never renames it. Curation wins:
`corpus/incidents.yml` lists the articles of an incident (merging or splitting the
automatic groups) and gives titles and summaries; an article's `overrides.incident`
puts it into a given incident.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from build_tools.errors import Problem
from build_tools.folding import fold
from build_tools.incremental.call import Call, apply, from_last, made_again
from build_tools.labels import TARGET_LABELS
from build_tools.messages import Message
from build_tools.model import (
    FIGURE_NAMES,
    ArticleRecord,
    Claim,
    DateValue,
    Figure,
    Incident,
    IncidentCuration,
    Link,
    NearMiss,
    PartialDate,
    Piece,
    Place,
    Related,
    Target,
)
from build_tools.similarity import TextSimilarity
from build_tools.slugs import slugify, unique_slug

#: A night strike is dated either side of midnight: days one apart can be one event.
NIGHT = datetime.timedelta(days=1)
#: An undated report ("une récente attaque") tells of an event at most this long before it was
#: published.
RECENT = datetime.timedelta(days=30)
#: Primary places closer than this are one place (a city and its suburb).
NEAR_KM = 30.0
#: The score two reports need to be grouped (see `affinity`).
GROUPING_THRESHOLD = 5.0
#: Named targets at least this alike (rapidfuzz token-set ratio, folded) are one site.
SAME_TARGET = 90

Window = tuple[datetime.date, datetime.date]


def _span(value: PartialDate) -> Window:
    """First and last day a partial date can mean."""
    return value.first_day, value.last_day


def event_window(record: ArticleRecord) -> Window | None:
    """When the reported event can have happened: its date's span, or for an undated report
    the weeks before publication; None when neither is known."""
    if record.date is not None:
        return _span(PartialDate.parse(record.date.value))
    if record.published:
        first, last = _span(PartialDate.parse(record.published))
        return first - RECENT, last
    return None


def windows_meet(a: Window | None, b: Window | None) -> bool:
    """Whether two windows can hold the same event, one day apart allowed for night strikes."""
    if a is None or b is None:
        return True
    return a[0] - b[1] <= NIGHT and b[0] - a[1] <= NIGHT


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance, when both places have coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def target_key(record: ArticleRecord) -> str | None:
    return fold(record.target.name) if record.target and record.target.name else None


def target_relation(key_a: str | None, key_b: str | None) -> str | None:
    """`same` or `different` named targets (by `target_key`), or None when either has no
    named target."""
    if key_a is None or key_b is None:
        return None
    return "same" if fuzz.token_set_ratio(key_a, key_b) >= SAME_TARGET else "different"


@dataclass(frozen=True)
class _Report:
    """What grouping looks at in one article record, worked out once: a report is compared
    with dozens of others (71,000 pairs at 20,000 articles)."""

    record: ArticleRecord
    window: Window | None
    places: list[Place]  # the primary places
    place_names: frozenset[str]
    regions: frozenset[str]  # the names of those that are regions
    admin1s: frozenset[str | None]  # the regions they are in
    target: str | None  # `target_key`
    figures: dict[str, int]  # `_comparable_figures`

    @classmethod
    def of(cls, record: ArticleRecord) -> _Report:
        places = record.primary_places
        return cls(
            record,
            event_window(record),
            places,
            frozenset(p.name for p in places),
            frozenset(p.name for p in places if p.kind == "region"),
            frozenset(p.admin1 for p in places),
            target_key(record),
            _comparable_figures(record),
        )

    @property
    def facts(self) -> tuple:
        """Everything of the report that its pairs, their blocks and their evidence but the
        texts' depend on: a report whose facts are those of the last build is paired as it
        was (`pair_evidence`). Its days are ordinals, which pickle in half the time of dates
        (the facts of 20,000 reports are pickled at each build)."""
        record = self.record
        return (
            (self.window[0].toordinal(), self.window[1].toordinal()) if self.window else None,
            tuple((p.name, p.kind, p.admin1, p.lat, p.lon) for p in self.places),
            (record.target.type, record.target.name) if record.target else None,
            record.date.precision if record.date else None,
            tuple(self.figures.items()),
            record.language,
        )


@made_again
def report_of(record: ArticleRecord) -> _Report:
    """Made through `call`, so that a tuple of reports is digested by their records'
    digests, not by their `repr`."""
    return _Report.of(record)


def place_relation(a: _Report, b: _Report) -> str | None:
    """How two reports' primary places relate: `same`, `near`, `within` (a city in a region
    the other names), `apart`, or None when either report has no primary place."""
    if not a.places or not b.places:
        return None
    if a.place_names & b.place_names:
        return "same"
    if any(
        (d := distance_km(p, q)) is not None and d <= NEAR_KM for p in a.places for q in b.places
    ):
        return "near"
    if a.regions & b.admin1s or b.regions & a.admin1s:
        return "within"
    return "apart"


def possible(a: _Report, b: _Report) -> bool:
    """Nothing rules out that the two reports tell of one event."""
    return windows_meet(a.window, b.window) and place_relation(a, b) != "apart"


#: What each piece of evidence weighs: two reports are grouped when their pieces sum to
#: `GROUPING_THRESHOLD`. One table, so that the weights can be read, changed and fitted
#: together (`bench/grouping_weights.py` scores other weights on the development set).
WEIGHTS: dict[str, float] = {
    "same_place": 3.0,  # the same primary place
    "near_place": 2.0,  # primary places closer than NEAR_KM
    "place_within": 1.5,  # a town in the region the other report names
    "same_target": 3.0,  # the same named target
    "different_target": -3.0,
    "same_target_type": 1.0,
    "different_target_type": -1.0,
    "same_day": 2.0,
    "next_day": 1.0,  # a night strike dated either side of midnight
    "dates_meet": 0.5,  # dates known to the month or year that meet
    "same_figure": 1.0,  # each figure both give, with the same value
    "text": 4.0,  # times the texts' cosine similarity (within a language only)
}
#: With no usable date on either side, place and type say nothing of which strike it was:
#: such a pair needs a named target and a matching non-zero figure, or texts this alike.
STRONG_TEXT = 0.6

_PLACE_PIECES = {"same": "same_place", "near": "near_place", "within": "place_within"}


def evidence(a: _Report, b: _Report) -> list[Piece] | None:
    """The pieces of evidence two reports give of one event, but their texts' (`text_piece`);
    None when they cannot be one (see `possible`) or when neither their place nor a named
    target is shared: text and dates alone never group."""
    if not windows_meet(a.window, b.window):
        return None
    place = place_relation(a, b)
    if place == "apart":
        return None
    target = target_relation(a.target, b.target)
    if place not in _PLACE_PIECES and target != "same":
        return None
    pieces: list[Piece] = []
    if place in _PLACE_PIECES:
        pieces.append(_piece(_PLACE_PIECES[place], _shared_place(a.places, b.places)))
    if target in ("same", "different"):
        assert a.record.target is not None
        pieces.append(_piece(f"{target}_target", a.record.target.name))
    if a.record.target and b.record.target:
        same_type = a.record.target.type == b.record.target.type
        pieces.append(_piece("same_target_type" if same_type else "different_target_type"))
    if (dates := _date_piece(a, b)) is not None:
        pieces.append(_piece(dates))
    pieces += [
        _piece("same_figure", name)
        for name, value in a.figures.items()
        if b.figures.get(name) == value
    ]
    return pieces


def text_piece(a: _Report, b: _Report, similarity: float) -> Piece | None:
    """The evidence of the texts' similarity. Texts are compared within a language only:
    across two, what they share is names, which the place and target pieces already count."""
    if similarity > 0 and a.record.language == b.record.language:
        return Piece("text", WEIGHTS["text"] * similarity, f"{similarity:.2f}")
    return None


def affinity(
    a: _Report, b: _Report, pieces: Sequence[Piece] | None, similarity: float
) -> float | None:
    """How strongly two reports point to one event: the sum of their `evidence` (`pieces`);
    None when they cannot be one, or when neither has a usable date and the evidence is
    not strong: the same refinery struck two years apart is told the same way."""
    if pieces is None or not (_dated(a) or _dated(b) or _strong(a, b, pieces, similarity)):
        return None
    return sum(p.points for p in pieces)


def _piece(name: str, detail: str | None = None) -> Piece:
    return Piece(name, WEIGHTS[name], detail)


def _shared_place(a: list[Place], b: list[Place]) -> str:
    """The place two reports share, as a reader would name it: the common one, else the
    first report's."""
    common = sorted({p.name for p in a} & {p.name for p in b})
    return common[0] if common else a[0].name


def _dated(report: _Report) -> bool:
    return report.record.date is not None


def _strong(a: _Report, b: _Report, pieces: Sequence[Piece], similarity: float) -> bool:
    """Evidence enough for a pair with no date on either side: the same named target and a
    same non-zero figure, or texts `STRONG_TEXT` alike."""
    names = {p.name for p in pieces}
    figure = any(
        p.name == "same_figure" and getattr(a.record.figure(p.detail or ""), "value", 0)
        for p in pieces
    )
    return ("same_target" in names and figure) or similarity >= STRONG_TEXT


def _date_piece(a: _Report, b: _Report) -> str | None:
    if a.record.date is None or b.record.date is None or a.window is None or b.window is None:
        return None
    if a.record.date.precision == b.record.date.precision == "day":
        return "same_day" if a.window == b.window else "next_day"
    return "dates_meet"


def _comparable_figures(record: ArticleRecord) -> dict[str, int]:
    """The figures a report gives that another giving the same value is evidence of one
    event, by name in FIGURE_NAMES order: a nation's overnight total is shared by every
    strike of that night, so it says nothing of one event."""
    return {
        name: count.value
        for name in FIGURE_NAMES
        if (count := record.figure(name))
        and count.value is not None
        and getattr(count, "scope", None) != "nationwide"
    }


#: Grid cells (degrees of latitude, of longitude) at least twice NEAR_KM wide up to 70° north.
_CELL = (0.6, 2.0)


def _blocking_keys(report: _Report) -> set[tuple]:
    """Reports are compared only when they share a key: a primary place, its region, a target,
    or a grid cell. Four grids shifted by half a cell put any two places closer than half
    a cell in one cell together."""
    keys: set[tuple] = set()
    for place in report.places:
        keys.add(("place", place.name))
        keys.add(("region", place.name if place.kind == "region" else place.admin1 or place.name))
        if place.lat is not None and place.lon is not None:
            for shift_lat in (0.0, 0.5):
                for shift_lon in (0.0, 0.5):
                    keys.add(
                        (
                            "cell",
                            shift_lat,
                            shift_lon,
                            math.floor(place.lat / _CELL[0] + shift_lat),
                            math.floor(place.lon / _CELL[1] + shift_lon),
                        )
                    )
    if report.target is not None:
        keys.add(("target", report.target))
    return keys


def candidate_pairs(reports: list[_Report]) -> set[tuple[int, int]]:
    """Pairs of reports that share a blocking key and whose dates can meet.

    Within a block, dated reports are swept in date order, so a block of a thousand
    reports on Moscow over three years costs what its overlapping dates cost."""
    return _pairs_in_blocks(reports, _blocks(reports))


def _blocks(reports: Sequence[_Report]) -> dict[tuple, list[int]]:
    """The reports (by index, in order) of each blocking key."""
    blocks: dict[tuple, list[int]] = {}
    for index, report in enumerate(reports):
        for key in _blocking_keys(report):
            blocks.setdefault(key, []).append(index)
    return blocks


def _pairs_in_blocks(
    reports: Sequence[_Report], blocks: dict[tuple, list[int]]
) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        undated = [i for i in members if reports[i].window is None]
        windows = {i: window for i in members if (window := reports[i].window) is not None}
        dated = sorted(windows, key=lambda i: windows[i])
        for n, i in enumerate(dated):
            end = windows[i][1]
            for j in dated[n + 1 :]:
                if windows[j][0] - end > NIGHT:
                    break
                pairs.add((min(i, j), max(i, j)))
        for i in undated:
            pairs.update((min(i, j), max(i, j)) for j in members if j != i)
    return pairs


@dataclass(frozen=True)
class PairEvidence:
    """Of a set of reports: the candidate pairs that can be one event (by record ids, the
    smaller first), each with its evidence but the texts' similarity, which every article
    added or removed moves a little; and what pairs a report added: each report's `facts`
    and the records of each blocking key."""

    facts: dict[str, tuple]
    blocks: dict[tuple, list[str]]  # record ids in order
    pieces: dict[tuple[str, str], tuple[Piece, ...]]


#: Past this share of reports new since the last build, they are paired afresh: a new report
#: is compared with every report of its blocks, where pairing afresh compares, within a
#: block, only the reports whose dates can meet.
AFRESH_FROM = 0.1


@from_last
def pair_evidence(reports: tuple[_Report, ...], last: PairEvidence | None = None) -> PairEvidence:
    """The `PairEvidence` of these reports. Given that of an earlier set (`last`), only the
    reports whose facts are new are paired, with those that share a blocking key: one
    article added to twenty thousand is compared with dozens, not 71,000 pairs again."""
    facts = {r.record.id: r.facts for r in reports}
    new = [r for r in reports if last is None or last.facts.get(r.record.id) != facts[r.record.id]]
    if last is None or len(new) > len(reports) * AFRESH_FROM:
        return _paired_afresh(reports, facts)
    gone = {i for i, f in last.facts.items() if facts.get(i) != f}
    blocks = {k: [i for i in ids if i not in gone] for k, ids in last.blocks.items()}
    pieces = {p: e for p, e in last.pieces.items() if p[0] not in gone and p[1] not in gone}
    keys = {r.record.id: _blocking_keys(r) for r in new}
    for report in new:
        for key in keys[report.record.id]:
            bisect.insort(blocks.setdefault(key, []), report.record.id)
    by_id = {r.record.id: r for r in reports}
    interned: dict[tuple[Piece, ...], tuple[Piece, ...]] = {}
    for report in new:
        partners = {i for key in keys[report.record.id] for i in blocks[key]}
        partners.discard(report.record.id)
        for other in map(by_id.__getitem__, partners):
            a, b = sorted((report, other), key=lambda r: r.record.id)
            if (found := _interned_evidence(a, b, interned)) is not None:
                pieces[a.record.id, b.record.id] = found
    return PairEvidence(facts, {k: ids for k, ids in blocks.items() if ids}, pieces)


def _paired_afresh(reports: tuple[_Report, ...], facts: dict[str, tuple]) -> PairEvidence:
    ordered = sorted(reports, key=lambda r: r.record.id)
    by_index = _blocks(ordered)
    pieces = {}
    interned: dict[tuple[Piece, ...], tuple[Piece, ...]] = {}
    for i, j in _pairs_in_blocks(ordered, by_index):
        a, b = ordered[i], ordered[j]
        if (found := _interned_evidence(a, b, interned)) is not None:
            pieces[a.record.id, b.record.id] = found
    blocks = {key: [ordered[i].record.id for i in members] for key, members in by_index.items()}
    return PairEvidence(facts, blocks, pieces)


def _interned_evidence(
    a: _Report, b: _Report, interned: dict[tuple[Piece, ...], tuple[Piece, ...]]
) -> tuple[Piece, ...] | None:
    """`evidence`, as a tuple that is one object with any equal one in `interned`: pairs
    often give the same evidence, which the store then pickles once."""
    found = evidence(a, b)
    return None if found is None else interned.setdefault(tuple(found), tuple(found))


#: Pairs scoring at least this, yet not grouped, are shown as near-misses on the page.
NEAR_MISS = 3.0
#: How many near-misses an incident page lists.
NEAR_MISSES = 3


@dataclass(frozen=True)
class Grouping:
    """The automatic groups, the links that joined their reports, and the near-misses."""

    groups: list[list[ArticleRecord]]
    links: list[Link]
    near: list[Link]


def automatic_groups(
    records: list[ArticleRecord], texts: Mapping[str, str], call: Call = apply
) -> Grouping:
    """Records grouped by event: best-scoring pairs first, complete-link on what is possible.
    The pairs and their evidence come through `call` (`pair_evidence`); the texts'
    similarity is worked out again for each pair that has evidence."""
    reports = [call(report_of, r) for r in sorted(records, key=lambda r: r.id)]
    index = {r.record.id: n for n, r in enumerate(reports)}
    similarity = TextSimilarity({r.record.id: texts.get(r.record.id, "") for r in reports}, call)
    found = call(pair_evidence, tuple(reports)).pieces
    pairs = sorted(found)
    scored = []
    for (a, b), exact in zip(pairs, similarity.cosines(pairs), strict=True):
        i, j = index[a], index[b]
        cosine = _to_the_step(exact)
        text = text_piece(reports[i], reports[j], cosine)
        pieces = (*found[a, b], text) if text else found[a, b]
        score = affinity(reports[i], reports[j], pieces, cosine)
        if score is not None and score >= NEAR_MISS:
            scored.append((-score, i, j, pieces))
    group_of = list(range(len(reports)))
    members = {i: [i] for i in range(len(reports))}
    links: list[Link] = []
    for negative, i, j, pieces in sorted(scored):
        gi, gj = group_of[i], group_of[j]
        if (
            -negative < GROUPING_THRESHOLD
            or gi == gj
            or not all(possible(reports[x], reports[y]) for x in members[gi] for y in members[gj])
        ):
            continue
        links.append(_link(reports[i], reports[j], pieces, -negative))
        for x in members[gj]:
            group_of[x] = gi
        members[gi] += members.pop(gj)
    near = [
        _link(reports[i], reports[j], pieces, -negative)
        for negative, i, j, pieces in sorted(scored)
        if group_of[i] != group_of[j]
    ]
    return Grouping(
        [[reports[i].record for i in sorted(group)] for group in members.values()], links, near
    )


#: Text similarity counts to the nearest step: a word's weight depends on every article,
#: so each new one moves every cosine a little; rounded, the evidence an incident page
#: shows stays put, and so does the page.
SIMILARITY_STEP = 0.05


def _to_the_step(cosine: float) -> float:
    return round(round(cosine / SIMILARITY_STEP) * SIMILARITY_STEP, 2)


def _link(a: _Report, b: _Report, pieces: tuple[Piece, ...], score: float) -> Link:
    return Link((a.record.id, b.record.id), pieces, round(score, 2))


def curated_assignment(
    records: list[ArticleRecord], curations: list[IncidentCuration]
) -> dict[str, str]:
    """Article id → incident id, where a curator decided: incidents.yml first, then overrides."""
    present = {r.id for r in records}
    listed = {article: c.id for c in curations for article in c.articles if article in present}
    assigned = {r.id: r.incident for r in records if "incident" in r.curated and r.incident}
    assigned.update(listed)
    return assigned


def group_incidents(
    records: list[ArticleRecord],
    texts: Mapping[str, str],
    curations: list[IncidentCuration],
    call: Call = apply,
    published: Mapping[str, list[str]] | None = None,
) -> tuple[list[ArticleRecord], list[Incident]]:
    """Every record with its incident id, and the incidents, newest first. The words of each
    text are counted through `call`. An automatic group keeps the `published` id that
    shared most of its articles, if the group's date still begins it (see `lasting_id`)."""
    forced = curated_assignment(records, curations)
    by_id = {r.id: r for r in records}
    grouping = automatic_groups([r for r in records if r.id not in forced], texts, call)
    groups = grouping.groups
    forced_ids = set(forced.values())
    taken = set(forced_ids)  # and every id given below
    named: dict[str, list[ArticleRecord]] = {}
    published = published or {}
    holders = published_ids_of(published)
    for group in sorted(groups, key=lambda g: _report_order(founder(g))):
        candidate = lasting_id(group, published, holders, taken)
        if candidate in forced_ids and not _curation_lists_articles(candidate, curations):
            named.setdefault(candidate, []).extend(group)  # an override joins an automatic incident
            continue
        named[unique_slug(candidate, taken)] = group
    for article, incident_id in sorted(forced.items()):
        named.setdefault(incident_id, []).append(by_id[article])
    by_curation = {c.id: c for c in curations}
    incidents = [
        call(
            incident_from,
            incident_id,
            sorted(group, key=_report_order),
            by_curation.get(incident_id),
            incident_id in forced_ids,
        )
        for incident_id, group in named.items()
    ]
    links, near_misses = grouping_evidence(incidents, grouping)
    related = related_incidents(incidents, by_id)
    incidents = [
        call(
            with_context,
            i,
            links.get(i.id, []),
            near_misses.get(i.id, []),
            related[i.id],
        )
        for i in incidents
    ]
    assigned = [
        call(with_incident, r, i.id) for i in incidents for r in (by_id[a] for a in i.articles)
    ]
    return sorted(assigned, key=lambda r: r.id), sort_incidents(incidents)


@made_again
def with_incident(record: ArticleRecord, incident_id: str) -> ArticleRecord:
    return dataclasses.replace(record, incident=incident_id)


def grouping_evidence(
    incidents: list[Incident], grouping: Grouping
) -> tuple[dict[str, list[Link]], dict[str, list[NearMiss]]]:
    """By incident id: the links that joined its reports and, best first, up to
    `NEAR_MISSES` other incidents that a link almost joined to it."""
    incident_of = {a: i.id for i in incidents for a in i.articles}
    links: dict[str, list[Link]] = {}
    for link in grouping.links:
        if (ours := incident_of.get(link.articles[0])) is not None:
            links.setdefault(ours, []).append(link)
    best: dict[str, dict[str, Link]] = {}
    for link in grouping.near:  # best first
        ours, theirs = (incident_of.get(a) for a in link.articles)
        if ours is None or theirs is None or ours == theirs:
            continue
        best.setdefault(ours, {}).setdefault(theirs, link)
        best.setdefault(theirs, {}).setdefault(ours, link)
    near_misses = {
        ours: [NearMiss(other, link) for other, link in list(closest.items())[:NEAR_MISSES]]
        for ours, closest in best.items()
    }
    return links, near_misses


@made_again
def with_context(
    incident: Incident, links: list[Link], near_misses: list[NearMiss], related: list[Related]
) -> Incident:
    """The incident with what grouping knows beyond its reports: its links, near-misses and
    related incidents, in one copy (each copy of 10,000 incidents takes 0.1 s)."""
    return dataclasses.replace(incident, links=links, near_misses=near_misses, related=related)


def published_ids_of(published: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The published ids that listed each article."""
    holders: dict[str, list[str]] = {}
    for old, articles in published.items():
        for article in articles:
            holders.setdefault(article, []).append(old)
    return holders


def lasting_id(
    group: list[ArticleRecord],
    published: Mapping[str, list[str]],
    holders: Mapping[str, list[str]],
    taken: set[str],
) -> str:
    """The group's id: the published one (not taken) that had most of its articles, so that
    a report joining or leaving an incident does not move it; a new one (`automatic_id`)
    when none had any, or when the group's date no longer begins it: a re-dated incident
    gets a new address, and the old one a redirect (`moved_ids`). `holders` gives the
    published ids that listed each article (`published_ids_of`)."""
    begins = f"{_id_date(group)}-"
    ids = {r.id for r in group}
    candidates = {old for article in ids for old in holders.get(article, [])}
    shared = [
        (-len(ids & set(published[old])), old)
        for old in candidates
        if old not in taken and old.startswith(begins)
    ]
    return min(shared)[1] if shared else automatic_id(group)


def moved_ids(
    published: Mapping[str, list[str]], incidents: list[Incident]
) -> dict[str, str | None]:
    """Each published id no incident has now → the incident that holds most of its former
    articles (merged, split, re-dated, renamed), or None when none is left."""
    current = {i.id for i in incidents}
    moved: dict[str, str | None] = {}
    for old, articles in sorted(published.items()):
        if old in current:
            continue
        shares = [(-len(set(articles) & set(i.articles)), i.id) for i in incidents]
        best = min((s for s in shares if s[0] < 0), default=None)
        moved[old] = best[1] if best else None
    return moved


def published_ids(
    published: Mapping[str, list[str]], incidents: list[Incident]
) -> dict[str, list[str]]:
    """The published ids after this build: the earlier ones with their articles, and each
    incident's id with its articles now, sorted."""
    now = {**published, **{i.id: sorted(i.articles) for i in incidents}}
    return dict(sorted(now.items()))


def _curation_lists_articles(incident_id: str, curations: list[IncidentCuration]) -> bool:
    return any(c.id == incident_id and c.articles for c in curations)


def _report_order(record: ArticleRecord) -> tuple:
    """First published first; unknown publication dates after known ones; then by id."""
    return (record.published is None, record.published or "", record.id)


def founder(group: list[ArticleRecord]) -> ArticleRecord:
    """The group's first-published report, which names the incident."""
    return min(group, key=_report_order)


def automatic_id(group: list[ArticleRecord]) -> str:
    """`<date>-<place>[-<target name words>]` from the founder, the group filling its gaps."""
    first = founder(group)
    places = first.primary_places or primary_places(group)
    place = places[0] if places else None
    parts = [_id_date(group)]
    if place is not None:
        parts.append(slugify(place.name))
    target = first.target if first.target and first.target.name else incident_target(group)[0]
    if target and target.name:
        parts += [w for w in _distinctive_words(target.name) if w not in "-".join(parts)]
    if len(parts) == 1:
        parts.append(slugify(first.title, max_words=4))
    return "-".join(p for p in parts if p)


def _id_date(group: list[ArticleRecord]) -> str:
    """What an incident id begins with: the founder's date, else the group's, else
    "sans-date"."""
    date = founder(group).date or incident_date(group)[0]
    return date.value if date else "sans-date"


def _distinctive_words(name: str) -> list[str]:
    """The proper-noun words of a site name: "usine Kupol" → ["kupol"]."""
    return [
        slugify(w)
        for w in name.replace("'", " ").replace("’", " ").split()
        if w[:1].isupper() and slugify(w)
    ]


def incident_date(group: list[ArticleRecord]) -> tuple[DateValue | None, str | None]:
    """The most precise date the reports give, the most often given first; and its article."""
    dated = [(r, date) for r in group if (date := r.date)]
    if not dated:
        return None, None
    counts = Counter(date.value for _, date in dated)
    rank = ("year", "month", "day")

    def preference(report: tuple[ArticleRecord, DateValue]) -> tuple[int, int, str]:
        record, date = report
        return -rank.index(date.precision), -counts[date.value], record.id

    best, date = min(dated, key=preference)
    return date, best.id


def incident_target(group: list[ArticleRecord]) -> tuple[Target | None, str | None]:
    """The named target most reports give (else the most given type), and its article."""
    targeted = [(r, target) for r in group if (target := r.target)]
    if not targeted:
        return None, None
    names = Counter(target.name for _, target in targeted if target.name)
    types = Counter(target.type for _, target in targeted)

    def preference(report: tuple[ArticleRecord, Target]) -> tuple[int, int, str]:
        record, target = report
        named = names[target.name] if target.name else 0  # names only counts given names
        return -named, -types[target.type], record.id

    best, target = min(targeted, key=preference)
    return target, best.id


def primary_places(group: list[ArticleRecord]) -> list[Place]:
    """The primary places of a group, the most reported first."""
    counts = Counter(p.name for r in group for p in r.primary_places)
    return [p for p in merged_places(group) if p.name in counts]


def merged_places(group: list[ArticleRecord]) -> list[Place]:
    """Every place of the reports once: primary ones (in any report) first, most reported first;
    spellings merged; evidence left to the article records."""
    first: dict[str, Place] = {}
    spellings: dict[str, list[str]] = {}
    counts: Counter = Counter()
    primary = {p.name for r in group for p in r.primary_places}
    for record in group:
        for place in record.places:
            counts[place.name] += 1
            first.setdefault(place.name, place)
            written = spellings.setdefault(place.name, [])
            written += [w for w in place.as_written if w not in written]
    merged = [
        dataclasses.replace(
            place,
            as_written=spellings[name],
            evidence=[],
            role="primary" if name in primary else "mentioned",
        )
        for name, place in first.items()
    ]
    return sorted(merged, key=lambda p: (p.role != "primary", -counts[p.name], p.name))


@made_again
def incident_from(
    incident_id: str,
    reports: list[ArticleRecord],
    curation: IncidentCuration | None,
    grouped_by_curator: bool,
) -> Incident:
    date, date_source = incident_date(reports)
    target, target_source = incident_target(reports)
    places = merged_places(reports)
    curated = ["articles"] if grouped_by_curator else []
    if curation and curation.title:
        curated.append("title")
    if curation and curation.summary:
        curated.append("summary")
    return Incident(
        id=incident_id,
        title=curation.title
        if curation and curation.title
        else automatic_title(places, target, reports),
        summary=curation.summary if curation else None,
        date=date,
        date_source=date_source,
        places=places,
        articles=[r.id for r in reports],
        target=target,
        target_source=target_source,
        figures={name: Figure(_claims(reports, name)) for name in FIGURE_NAMES},
        curated=curated,
    )


def automatic_title(places: list[Place], target, reports: list[ArticleRecord]) -> str:
    """A neutral title from the facts: "Ijevsk — usine Kupol", "Oblast de Tver — dépôt de
    munitions". A target named after the place ("Novokuybyshevsk refinery", "raffinerie de
    Novokouïbychevsk") is told by its type, so that the title spells the place once, in
    French: "Novokouïbychevsk — raffinerie"."""
    primary = next((p for p in places if p.role == "primary"), None)
    what = (target.name or TARGET_LABELS[target.type]) if target else None
    if target and target.name and primary and _names_the_place(target.name, primary):
        what = TARGET_LABELS[target.type]
    title = " — ".join(p for p in (primary.name if primary else None, what) if p)
    title = title or reports[0].title
    return title[:1].upper() + title[1:]


def _names_the_place(name: str, place: Place) -> bool:
    """The name holds one of the place's spellings as a word ("Novokuybyshevsk refinery")."""
    folded = fold(name)
    return any(
        re.search(rf"\b{re.escape(fold(spelling))}\b", folded)
        for spelling in {place.name, *place.as_written}
        if spelling
    )


def _claims(reports: list[ArticleRecord], figure: str) -> list[Claim]:
    claims = []
    for record in reports:
        count = record.figure(figure)
        if count is not None:
            scope = getattr(count, "scope", "incident")
            claims.append(
                Claim(
                    count.value,
                    count.qualifier,
                    count.claimed_by,
                    record.id,
                    count.evidence,
                    scope,
                    record.published,
                    record.source,
                )
            )
    return claims


#: At most this many incidents at the same place or target are listed as related (the
#: closest in time); the place or target page lists them all.
RELATED_NEIGHBOURS = 6


def related_incidents(
    incidents: list[Incident], records: Mapping[str, ArticleRecord]
) -> dict[str, list[Related]]:
    """By incident id, the others closest in time at its primary place or named target, and
    those its reports mention (an earlier attack on the site, a parallel strike that night)."""
    related: dict[str, dict[str, set[str]]] = {i.id: {} for i in incidents}
    ordered = sort_incidents(incidents)
    by_place: dict[str, list[Incident]] = {}
    by_target: dict[str, list[Incident]] = {}
    for incident in ordered:
        for place in {p.name for p in incident.primary_places}:
            by_place.setdefault(place, []).append(incident)
        if incident.target and incident.target.name:
            by_target.setdefault(fold(incident.target.name), []).append(incident)
    for reason, groups in (("place", by_place), ("target", by_target)):
        for group in groups.values():
            for n, incident in enumerate(group):
                for other in _closest(group, n):
                    related[incident.id].setdefault(other.id, set()).add(reason)
    for incident in incidents:
        for event in (e for article in incident.articles for e in records[article].other_events):
            for other in _incidents_matching(event, incident, by_place.get(event.place or "", [])):
                related[incident.id].setdefault(other.id, set()).add("mentioned")
                related[other.id].setdefault(incident.id, set()).add("mentioned")
    order = {i.id: n for n, i in enumerate(ordered)}
    return {
        i.id: [
            Related(other, sorted(reasons))
            for other, reasons in sorted(related[i.id].items(), key=lambda kv: order[kv[0]])
        ]
        for i in incidents
    }


def _closest(group: list[Incident], n: int) -> list[Incident]:
    """The incidents just before and after the n-th of a group in date order, not itself."""
    half = RELATED_NEIGHBOURS // 2
    return group[max(0, n - half) : n] + group[n + 1 : n + 1 + half]


def _incidents_matching(event, source: Incident, incidents: Iterable[Incident]) -> list[Incident]:
    """Incidents (at the event's place) on its date, or, undated, on the source incident's."""
    when = event.date or (source.date.value if source.date else None)
    window = _span(PartialDate.parse(when)) if when else None
    found = []
    for other in incidents:
        if other.id == source.id:
            continue
        other_window = _span(PartialDate.parse(other.date.value)) if other.date else None
        if window and other_window and windows_meet(window, other_window):
            found.append(other)
    return found


def unmatched_curations(
    curations: list[IncidentCuration], incidents: list[Incident], shown: str
) -> list[Problem]:
    """Entries of incidents.yml (shown as `shown`) that name no incident: a mistyped id
    would otherwise do nothing, silently."""
    ids = {i.id for i in incidents}
    return [
        Problem(
            shown,
            c.line,
            Message(
                "{incident}: no incident has this id; check it against the incident pages, "
                "or list its articles",
                incident=c.id,
            ),
        )
        for c in curations
        if c.id not in ids
    ]


def curations_grouping_agrees_with(
    curations: list[IncidentCuration],
    records: list[ArticleRecord],
    texts: Mapping[str, str],
    call: Call = apply,
) -> list[IncidentCuration]:
    """Entries of incidents.yml whose `articles` the automatic grouping, left to itself,
    puts together and with no other: the list decides nothing and may go (a title or a
    summary stays useful)."""
    listing = [c for c in curations if len(c.articles) >= 2]
    if not listing:
        return []
    groups = {frozenset(r.id for r in g) for g in automatic_groups(records, texts, call).groups}
    return [c for c in listing if frozenset(c.articles) in groups]


def sort_incidents(incidents: list[Incident]) -> list[Incident]:
    """Newest first; undated incidents last; ties by id."""
    dated = sorted(
        ((date.value, i) for i in incidents if (date := i.date)),
        key=lambda pair: (pair[0], pair[1].id),
        reverse=True,
    )
    undated = sorted((i for i in incidents if not i.date), key=lambda i: i.id)
    return [i for _, i in dated] + undated
