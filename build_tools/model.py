"""Plain data passed between the pipeline stages: corpus → extraction → incidents → render.

Every stage takes and returns these dataclasses; only `corpus` (reading) and `build`
(writing) touch the file system. `to_json` gives the exported shape of SPEC §7.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass, field
from typing import Any

QUALIFIERS = ("at_least", "about", "at_most", "several", "unspecified")
#: What a drone count covers: this strike, one region's night, or a ministry's national total.
SCOPES = ("incident", "regional", "nationwide")
#: A weapon is used in the event, or only named (what a factory makes, a depot holds).
WEAPON_ROLES = ("used", "mentioned")
TARGET_TYPES = (
    "arms_factory",
    "ammunition_depot",
    "refinery",
    "oil_depot",
    "energy",
    "airfield",
    "military_base",
    "port",
    "residential",
    "civilian_infrastructure",
    "government",
    "other",
)

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year (`2025`, `2025-07`, `2025-07-01`).

    Ordered by its first possible day: 2024-12 < 2025 < 2025-01-02.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __lt__(self, other: PartialDate) -> bool:
        return (self.year, self.month or 0, self.day or 0) < (
            other.year,
            other.month or 0,
            other.day or 0,
        )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError for anything else."""
        match = _PARTIAL_DATE.match(text.strip())
        if not match:
            raise ValueError(text)
        year_text, month_text, day_text = match.groups()
        year = int(year_text)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(text)
        if day is not None:
            assert month is not None  # the pattern only matches a day inside a month
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(text)
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first_day(self) -> datetime.date:
        """The first day the date can mean: 2025-07 → 2025-07-01, 2025 → 2025-01-01."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        """The last day the date can mean: 2025-07 → 2025-07-31, 2025 → 2025-12-31."""
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class Article:
    """One corpus file, validated: front matter plus the article text."""

    id: str
    path: str  # relative to the project root, POSIX separators
    title: str
    source: str
    text: str  # the article text after the front matter; evidence offsets index into it
    text_line: int  # line of the file on which `text` starts
    url: str | None = None
    author: str | None = None  # the byline the front matter gives
    published: PartialDate | None = None
    language: str = "fr"
    archived_url: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(
        default_factory=dict, compare=False, repr=False
    )  # front-matter key → line


@dataclass(frozen=True)
class Evidence:
    """Where a value comes from: character offsets into the article text, and that sentence."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateValue:
    value: str
    precision: str
    inferred: bool = False
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Count:
    value: int | None
    qualifier: str | None = None
    claimed_by: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Share:
    """Part of a drone count given for one place ("dont 17 au-dessus de la Crimée")."""

    place: str
    value: int
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class DroneCount(Count):
    """A drone count, with what it covers (one of SCOPES) and its breakdown by place when
    the text gives one: a ministry's "121 drones over 13 regions" is `nationwide`, not the
    strike's own figure."""

    breakdown: list[Share] = field(default_factory=list)
    scope: str = "incident"


@dataclass(frozen=True)
class Drones:
    launched: Count | None = None
    downed: Count | None = None
    hit: Count | None = None


@dataclass(frozen=True)
class OtherEvent:
    """Another event the article refers to: an earlier attack, a parallel strike that night."""

    date: str | None
    precision: str | None
    place: str | None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    name: str
    as_written: list[str]
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    role: str  # "primary" or "mentioned"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    name: str | None
    type: str
    evidence: list[Evidence] = field(default_factory=list)
    as_written: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A weapon or an organisation, under its canonical name."""

    name: str
    as_written: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Weapon(Mention):
    """A weapon under its canonical name: `used` in the event or only `mentioned`."""

    role: str = "used"


@dataclass(frozen=True)
class Person:
    name: str
    as_written: list[str]
    role: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleRecord:
    """What the archive knows about one article: the article record of SPEC §7."""

    id: str
    title: str
    source: str
    url: str | None
    published: str | None
    language: str
    incident: str | None = None
    date: DateValue | None = None
    places: list[Place] = field(default_factory=list)
    killed: Count | None = None
    injured: Count | None = None
    hospitalised: Count | None = None
    drones: Drones = field(default_factory=Drones)
    target: Target | None = None
    weapons: list[Weapon] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Mention] = field(default_factory=list)
    other_events: list[OtherEvent] = field(default_factory=list)
    curated: list[str] = field(default_factory=list)
    author: str | None = None  # the byline: who wrote the article, never a person of the event

    @property
    def primary_places(self) -> list[Place]:
        return [p for p in self.places if p.role == "primary"]

    def figure(self, name: str) -> Count | None:
        """The count for one of FIGURE_NAMES (`drones_downed` is `drones.downed`)."""
        if name.startswith("drones_"):
            return getattr(self.drones, name.removeprefix("drones_"))
        return getattr(self, name)


@dataclass(frozen=True)
class Claim:
    """One article's figure for an incident, with when its report was published and by
    which outlet: a source's later claim revises its earlier one (`Figure.latest`)."""

    value: int | None
    qualifier: str | None
    claimed_by: str | None
    article: str
    evidence: list[Evidence] = field(default_factory=list)
    scope: str = "incident"  # one of SCOPES: a drone count may be a region's or a nation's
    published: str | None = None  # the report's publication date (ISO, to its precision)
    outlet: str | None = None  # the report's source (publisher)

    @property
    def source(self) -> str:
        """Who the figure is from: its claimant, else the outlet that printed it."""
        return self.claimed_by or f"outlet:{self.outlet or self.article}"


@dataclass(frozen=True)
class Figure:
    """An incident's figure: every claim of its reports, its history. Its values, range and
    conflict are those of each source's latest claim of the narrowest scope given (a
    nation's overnight total is shown apart from the strike's own count, never as a
    disagreement with it; a toll a source revised is not a disagreement either)."""

    claims: list[Claim]

    @property
    def scope(self) -> str:
        scopes = {c.scope for c in self.claims}
        return next((s for s in SCOPES if s in scopes), "incident")

    @functools.cached_property
    def latest(self) -> list[Claim]:
        """The claims no later report of the same source revised, in the claims' order: a
        source's earlier figures are history, its last is its word. Claims of one source
        published the same day, or on a day not known in full, all stand."""
        newest: dict[tuple[str, str], str] = {}
        for claim in self.claims:
            if _full_date(claim.published):
                key = (claim.source, claim.scope)
                newest[key] = max(newest.get(key, ""), claim.published or "")
        return [
            c
            for c in self.claims
            if not _full_date(c.published) or (c.published or "") >= newest[(c.source, c.scope)]
        ]

    def revised(self, claim: Claim) -> bool:
        """Whether a later report of the claim's source gave another figure (the same
        figure told again revises nothing)."""
        latest = self.latest
        return claim not in latest and not any(
            (c.source, c.scope, c.value, c.qualifier)
            == (claim.source, claim.scope, claim.value, claim.qualifier)
            for c in latest
        )

    @property
    def values(self) -> list[int]:
        return sorted(
            {c.value for c in self.latest if c.value is not None and c.scope == self.scope}
        )

    @property
    def min(self) -> int | None:
        return self.values[0] if self.values else None

    @property
    def max(self) -> int | None:
        return self.values[-1] if self.values else None

    @property
    def conflict(self) -> bool:
        return len(self.values) > 1


def _full_date(iso: str | None) -> bool:
    return iso is not None and len(iso) == 10


FIGURE_NAMES = (
    "killed",
    "injured",
    "hospitalised",
    "drones_launched",
    "drones_downed",
    "drones_hit",
)


@dataclass(frozen=True)
class Related:
    """Another incident worth reading from this one, and why (`place`, `target`, `mentioned`)."""

    incident: str
    reasons: list[str]


@dataclass(frozen=True)
class Piece:
    """One piece of evidence that two reports tell of one event: its name (a key of
    `incidents.WEIGHTS`), its points, and what it rests on: the shared place, the target,
    the figure (`killed`…), the texts' similarity ("0.62")."""

    name: str
    points: float
    detail: str | None = None


@dataclass(frozen=True)
class Link:
    """Two reports and the evidence between them: what joined them into one incident, or,
    for a near-miss, what fell short of it."""

    articles: tuple[str, str]
    pieces: tuple[Piece, ...]
    score: float


@dataclass(frozen=True)
class NearMiss:
    """Another incident that may be the same event, with the best link between the two."""

    incident: str
    link: Link


@dataclass(frozen=True)
class Incident:
    """One event, reported by one or more articles.

    `date_source` and `target_source` name the article whose date and target the
    incident takes (their evidence offsets index into that article's text); `curated`
    lists what a curator decided: `articles` (the grouping), `title`, `summary`. `links`
    say why the grouping joined its reports, pair by pair; `near_misses` are the incidents
    it almost joined to this one.
    """

    id: str
    title: str
    date: DateValue | None
    places: list[Place]
    articles: list[str]
    target: Target | None
    figures: dict[str, Figure]
    summary: str | None = None
    date_source: str | None = None
    target_source: str | None = None
    related: list[Related] = field(default_factory=list)
    curated: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)

    @property
    def primary_places(self) -> list[Place]:
        return [p for p in self.places if p.role == "primary"]


def to_json(value: Any) -> Any:
    """The exported JSON shape of a record: dataclasses as objects, derived figure fields added."""
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, Figure):
        return {
            "claims": [to_json(c) for c in value.claims],
            "scope": value.scope,
            "min": value.min,
            "max": value.max,
            "conflict": value.conflict,
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


@dataclass(frozen=True)
class GazetteerEntry:
    """A place from `corpus/places.yml` (or the bundled gazetteer)."""

    name: str
    kind: str = ""  # empty only for an entry naming a GeoNames town (`geonames`)
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)
    capital: str | None = None
    seat: str | None = None
    geonames: str | None = None  # the GeoNames town this entry names, rather than a new place


@dataclass(frozen=True)
class EntityEntry:
    """A person, organisation, weapon or target from `corpus/entities.yml`."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    target_type: str | None = None


@dataclass(frozen=True)
class IncidentCuration:
    """A curator's word on one incident, from `corpus/incidents.yml`."""

    id: str
    title: str | None = None
    summary: str | None = None
    articles: list[str] = field(default_factory=list)
    line: int = 0  # where the entry starts in incidents.yml, for messages


@dataclass(frozen=True)
class Corpus:
    """Everything read from `corpus/`: valid articles, curation, and the problems found."""

    articles: list[Article]
    places: list[GazetteerEntry] = field(default_factory=list)
    entities: list[EntityEntry] = field(default_factory=list)
    incidents: list[IncidentCuration] = field(default_factory=list)
    published: dict[str, list[str]] = field(default_factory=dict)  # incident id → articles
    lexicon: dict[str, Any] = field(default_factory=dict)
    problems: list[Any] = field(default_factory=list)  # list[errors.Problem]
    skipped: list[str] = field(default_factory=list)  # paths of files left out for their problems
