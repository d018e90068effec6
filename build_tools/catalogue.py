"""The archive's index of things: places, people, organisations, weapons and targets.

Each gets one entry under its canonical name, with every spelling the corpus used, its
roles (people) and the articles and incidents that mention it. Entries are made from the
article records once they belong to incidents; their ids are slugs of the canonical
name, unique within a kind, given in name order so that the same corpus gives the same ids.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from build_tools import urls
from build_tools.folding import fold
from build_tools.model import ArticleRecord, Incident, Mention, Person, Place, Target
from build_tools.slugs import slugify, unique_slug

KINDS = ("place", "person", "organisation", "weapon", "target")
#: What a record names: a place, a person, an organisation or weapon (a Mention), a target.
NamedItem = Place | Person | Mention | Target


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    id: str
    name: str
    spellings: list[str]
    articles: list[str]
    incidents: list[str]
    roles: list[str] = field(default_factory=list)
    place: Place | None = None  # places: kind, country, admin1 and coordinates
    target_type: str | None = None  # targets: their type
    other_names: list[str] = field(
        default_factory=list
    )  # known to the gazetteer or entities.yml, not met
    #: Every name folded (`folding.fold`), once each: what search needs of the names, which
    #: another case or accent of a known spelling leaves as it was. Pages that give the
    #: names to search read this, so that they are not made again for such a spelling.
    folded_names: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every name the thing goes by: the corpus's spellings, then the other known names."""
        return [*self.spellings, *self.other_names]

    def href(self, base: str) -> str:
        """The entry's page, from a page whose way up to the site root is `base`."""
        return base + urls.entry(self.kind, self.id)


class Catalogue:
    """Entries by kind, each list in name order; `entry(kind, name)` finds one."""

    def __init__(self, entries: dict[str, list[Entry]]):
        self.entries = entries
        self._index = {
            (e.kind, e.name): e for kind_entries in entries.values() for e in kind_entries
        }

    def entry(self, kind: str, name: str) -> Entry | None:
        return self._index.get((kind, name))

    def __iter__(self) -> Iterator[Entry]:
        for kind in KINDS:
            yield from self.entries.get(kind, [])


def named_things(record: ArticleRecord) -> Iterator[tuple[str, str, list[str], NamedItem]]:
    """(kind, canonical name, spellings, the record's item) for everything the record names."""
    for place in record.places:
        yield "place", place.name, place.as_written, place
    for person in record.people:
        yield "person", person.name, person.as_written, person
    for organisation in record.organisations:
        yield "organisation", organisation.name, organisation.as_written, organisation
    for weapon in record.weapons:
        yield "weapon", weapon.name, weapon.as_written, weapon
    if record.target and record.target.name:
        yield "target", record.target.name, record.target.as_written, record.target


def build_catalogue(
    records: list[ArticleRecord],
    incidents: list[Incident],
    known_names: Callable[[str, str], list[str]] = lambda kind, name: [],
) -> Catalogue:
    """One entry per (kind, canonical name) met in the records; `known_names(kind, name)` gives
    the other names the gazetteer and entities.yml know for it."""
    incident_order = {i.id: n for n, i in enumerate(incidents)}
    found: dict[tuple[str, str], dict] = {}
    for record in sorted(records, key=lambda r: r.id):
        for kind, name, spellings, item in named_things(record):
            entry = found.setdefault(
                (kind, name),
                {
                    "spellings": set(),
                    "articles": set(),
                    "incidents": set(),
                    "roles": set(),
                    "item": item,
                },
            )
            entry["spellings"].update(spellings)
            entry["articles"].add(record.id)
            if record.incident:
                entry["incidents"].add(record.incident)
            if isinstance(item, Person) and item.role:
                entry["roles"].add(item.role)
    taken: dict[str, set[str]] = {kind: set() for kind in KINDS}
    entries: dict[str, list[Entry]] = {kind: [] for kind in KINDS}
    for (kind, name), data in sorted(
        found.items(), key=lambda kv: (kv[0][0], kv[0][1].casefold(), kv[0][1])
    ):
        item = data["item"]
        spellings = data["spellings"] | {name}
        other_names = [n for n in known_names(kind, name) if n not in spellings]
        entries[kind].append(
            Entry(
                kind=kind,
                id=unique_slug(slugify(name, max_words=8) or kind, taken[kind]),
                name=name,
                spellings=sorted(spellings, key=lambda s: (s.casefold(), s)),
                articles=sorted(data["articles"]),
                incidents=sorted(
                    data["incidents"], key=lambda i: incident_order.get(i, len(incident_order))
                ),
                roles=sorted(data["roles"]),
                place=dataclasses.replace(item, as_written=[], evidence=[], role="mentioned")
                if kind == "place"
                else None,
                target_type=item.type if kind == "target" else None,
                other_names=other_names,
                folded_names=sorted({fold(n) for n in (*spellings, *other_names)}),
            )
        )
    return Catalogue(entries)
