"""What extraction knows before it reads an article: the gazetteer, the entities, the
vocabulary of `corpus/lexicon.yml`, and one multi-pattern matcher over all their names.

Built once per build and shared by every article; each extractor receives it and reads
nothing from disk itself. Making the gazetteer takes about a second (reading GeoNames),
so it is made when first needed, through the `call` the caller gives (the build's store
keeps it, under a fingerprint of the resources): a build whose articles are all extracted
already needs only the other names of the places it shows, which the store keeps too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import ahocorasick

from build_tools.extract.gazetteer import Gazetteer, GeoName, geonames_towns
from build_tools.folding import fold, is_word_boundary, skeleton
from build_tools.incremental.call import Call, apply
from build_tools.model import Corpus, EntityEntry

PLACE = "place"


@dataclass(frozen=True)
class Match:
    """A name found in the text: its span, what it names (kind, index), as written."""

    start: int
    end: int
    kind: str
    index: int
    text: str


def word_pattern(words: list[str]) -> re.Pattern:
    """A regex matching any of the (folded) words or phrases as whole words."""
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


class Vocabulary:
    """The word lists of one language's section of `lexicon.yml`, folded, with helpers to
    test a word or phrase."""

    def __init__(self, data: dict[str, Any], language: str = "fr"):
        self.data = data
        self.language = language
        self._patterns: dict[tuple, re.Pattern] = {}
        self._made: dict[tuple, Any] = {}

    def pattern(self, *path: str) -> re.Pattern:
        """A regex of the words at `path`, as whole words; compiled once per build."""
        if path not in self._patterns:
            self._patterns[path] = word_pattern(self.words(*path))
        return self._patterns[path]

    def words(self, *path: str) -> list[str]:
        node = self.node(*path)
        return [fold(str(w)) for w in node] if isinstance(node, list) else []

    def node(self, *path: str) -> Any:
        """The raw value at `path` (a list, a mapping, a number), or {} when absent."""
        node: Any = self.data
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return node

    def alternation(self, *path: str) -> str:
        """The words at `path` as a regex alternation (longest first), for larger patterns;
        a word ending in an apostrophe needs no space after it. Made once per build: the
        extractors ask for some of these for every number."""
        key = ("alternation", *path)
        if key not in self._made:
            words = sorted(self.words(*path), key=len, reverse=True)
            self._made[key] = "|".join(re.escape(w) for w in words) or "(?!x)x"
        return self._made[key]

    def before(self, *path: str) -> str:
        """A regex of the words at `path` followed by the space (or apostrophe) that joins
        them to the next word: "de ", "d'" (made once per build)."""
        key = ("before", *path)
        if key not in self._made:
            words = sorted(self.words(*path), key=len, reverse=True)
            joined = "|".join(re.escape(w) + ("" if w.endswith("'") else " ") for w in words)
            self._made[key] = joined or "(?!x)x"
        return self._made[key]

    def memo(self, key: str, make: Callable[[Vocabulary], Any]) -> Any:
        """`make(self)`, made once per build: the patterns a module builds from these words."""
        if ("memo", key) not in self._made:
            self._made[("memo", key)] = make(self)
        return self._made[("memo", key)]

    def compiled(self, key: str, make) -> re.Pattern:
        """A pattern made from this vocabulary by `make(self)`, compiled once per build."""
        if ("compiled", key) not in self._patterns:
            self._patterns[("compiled", key)] = re.compile(make(self))
        return self._patterns[("compiled", key)]

    @cached_property
    def site_rules(self) -> list[tuple[re.Pattern, list[tuple[str, re.Pattern]]]]:
        """`site_rules`, compiled: (site nouns, [(target type, content words)])."""
        return [
            (
                word_pattern([fold(n) for n in rule.get("nouns", [])]),
                [
                    (type_, word_pattern([fold(w) for w in words]))
                    for type_, words in (rule.get("types") or {}).items()
                ],
            )
            for rule in self.data.get("site_rules", [])
        ]

    def mapping(self, *path: str) -> dict[str, list[str]]:
        node = self.node(*path)
        return (
            {k: [fold(str(w)) for w in v] for k, v in node.items()}
            if isinstance(node, dict)
            else {}
        )

    @cached_property
    def bare_bodies(self) -> dict[str, dict[str, str]]:
        """`bare_bodies`, folded: a body named without its country → {country: its name}."""
        return {fold(k): dict(v) for k, v in (self.node("bare_bodies") or {}).items()}

    def ends_with(self, *path: str) -> re.Pattern:
        """A regex that finds one of the words at `path` at the end of a window of text
        ("selon ", "à ", "au-dessus de"): what stands right before a name."""
        return self.compiled(
            "ends_with " + "/".join(path), lambda v: rf"\b(?:{v.alternation(*path)})\s*$"
        )


def _gazetteer(places: list, romanisations: dict[str, Any]) -> Gazetteer:
    """The GeoNames towns and the corpus's additions, as one gazetteer."""
    return Gazetteer(places, geonames_towns(), romanisations)


class Resources:
    """The gazetteer and the automaton of every alias are made through `tables`, the answers
    of `other_names` through `call`: all depend on nothing but the resources (and the code).
    Two calls, because a build that extracts nothing needs the names and not the tables."""

    def __init__(
        self,
        corpus: Corpus,
        towns: tuple[GeoName, ...] | None = None,
        *,
        call: Call = apply,
        tables: Call = apply,
    ):
        self._places = corpus.places
        self._towns = towns
        self.entities: list[EntityEntry] = list(corpus.entities)
        self.vocabularies = {
            language: Vocabulary(words, language)
            for language, words in corpus.lexicon.items()
            if isinstance(words, dict)
        }
        self._call = call
        self._tables = tables

    @property
    def languages(self) -> frozenset[str]:
        """The languages the lexicon has a section for: the ones extraction reads."""
        return frozenset(self.vocabularies)

    def vocabulary(self, language: str) -> Vocabulary:
        return self.vocabularies.get(language) or Vocabulary({}, language)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        romanisations = {lang: v.node("romanisation") for lang, v in self.vocabularies.items()}
        if self._towns is not None:
            return Gazetteer(self._places, self._towns, romanisations)
        return self._tables(_gazetteer, self._places, romanisations)

    def load(self) -> None:
        """Load everything now (before forking workers, so that they share it)."""
        from build_tools.extract.names import model

        _ = self._automaton
        model()

    def place_in_context(self, match: Match, regions: frozenset[str]) -> int:
        """The gazetteer index a place name stands for, given the regions the text names."""
        return self.gazetteer.in_context(fold(match.text).strip(), match.index, regions)

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        return self._tables(self._build_automaton)

    def _build_automaton(self) -> ahocorasick.Automaton:
        """One automaton over every folded alias; each key → [(kind, index, case)], where
        case says how the text must write it (see `_case`)."""
        table: dict[str, list[tuple[str, int, str]]] = {}
        for alias, index in self.gazetteer.by_alias.items():
            table.setdefault(alias, []).append(
                (PLACE, index, "capital" if _written_capitalised(alias) else "")
            )
        for index, entity in enumerate(self.entities):
            for alias in _entity_aliases(entity):
                key = fold(alias)
                if len(key) >= 2:
                    table.setdefault(key, []).append((entity.type, index, _case(alias)))
        automaton = ahocorasick.Automaton()
        for key, values in table.items():
            automaton.add_word(key, (len(key), tuple(values)))
        automaton.make_automaton()
        return automaton

    @cached_property
    def weapon_names(self) -> dict[str, str]:
        """Folded alias → canonical name of every listed weapon, for fuzzy matching."""
        return self.canonical_names("weapon")

    @cached_property
    def organisation_names(self) -> dict[str, str]:
        """Folded alias → canonical name of every listed organisation."""
        return self.canonical_names("organisation")

    def canonical_names(self, kind: str) -> dict[str, str]:
        """Folded alias → canonical name of every listed entity of `kind`."""
        return {
            fold(alias): e.name
            for e in self.entities
            if e.type == kind
            for alias in (e.name, *e.aliases)
        }

    @cached_property
    def person_names(self) -> dict[str, str]:
        """Skeleton of a full name (first name and surname; see `text.skeleton`) → canonical
        name of every listed person."""
        return {
            skeleton(a): e.name
            for e in self.entities
            if e.type == "person"
            for a in (e.name, *e.aliases)
            if " " in a
        }

    @cached_property
    def target_names(self) -> frozenset[str]:
        """Every folded name of a listed target."""
        return frozenset(
            fold(a) for e in self.entities if e.type == "target" for a in (e.name, *e.aliases)
        )

    @cached_property
    def person_roles(self) -> dict[str, str | None]:
        return {e.name: e.role for e in self.entities if e.type == "person"}

    def map_labels(self) -> list[dict]:
        """The regions and towns the offline maps write (`Gazetteer.map_labels`)."""
        return self._call(self._map_labels)

    def _map_labels(self) -> list[dict]:
        return self.gazetteer.map_labels()

    def other_names(self, kind: str, name: str) -> list[str]:
        """The names the gazetteer or entities.yml knows for a canonical name, besides it."""
        return self._call(self._other_names, kind, name)

    def _other_names(self, kind: str, name: str) -> list[str]:
        if kind == PLACE:
            return self.gazetteer.other_names(name)
        aliases = {a for e in self.entities if e.type == kind and e.name == name for a in e.aliases}
        return sorted(aliases - {name}, key=lambda s: (s.casefold(), s))

    def find(self, text: str, folded: str | None = None) -> list[Match]:
        """Every name in the text, longest first, never overlapping; entities before places."""
        folded = fold(text) if folded is None else folded
        candidates = []
        for end, (length, values) in self._automaton.iter(folded):
            start, stop = end - length + 1, end + 1
            if not is_word_boundary(folded, start, stop):
                continue
            for kind, index, case in values:
                if case == "capital" and not text[start].isupper():
                    continue
                if case == "upper" and not text[start:stop].isupper():
                    continue
                if kind == PLACE and _inside_compound(folded, start, stop):
                    continue
                priority = 0 if kind == PLACE else 1
                candidates.append((-(stop - start), -priority, start, stop, kind, index))
        taken = [False] * len(text)
        found = []
        for _, _, start, stop, kind, index in sorted(candidates):
            if any(taken[start:stop]):
                continue
            for i in range(start, stop):
                taken[i] = True
            found.append(Match(start, stop, kind, index, text[start:stop]))
        return sorted(found, key=lambda m: m.start)


def _case(alias: str) -> str:
    """How the text must write a name: an acronym in capitals ("UN", not "Un"), a name with
    a capital ("Shot" the channel, not "shot down"), a common phrase as it comes."""
    if alias.isupper() and len(alias) > 1:
        return "upper"
    return "capital" if alias[:1].isupper() else ""


def _inside_compound(folded: str, start: int, stop: int) -> bool:
    """ "Rostov" in "Rostov-sur-le-Don": part of a hyphenated name is not that name."""
    joined_after = folded[stop : stop + 1] == "-" and folded[stop + 1 : stop + 2].isalpha()
    joined_before = start >= 2 and folded[start - 1] == "-" and folded[start - 2].isalpha()
    return joined_after or joined_before


def _entity_aliases(entity: EntityEntry) -> set[str]:
    """An entity's names; a person is also known by the surname alone ("M. Smirnov")."""
    names = {entity.name, *entity.aliases}
    if entity.type == "person":
        names |= {n.split()[-1] for n in list(names) if " " in n and len(n.split()[-1]) >= 5}
    return names


def _written_capitalised(alias: str) -> bool:
    """Proper names of places must be capitalised in the text; "mer d'Azov" need not."""
    return not alias[:1].isdigit() and not alias.startswith(
        (
            "mer ",
            "region ",
            "oblast ",
            "province ",
            "peninsule ",
            "detroit ",
            "krai ",
            "territoire ",
            "republique ",
        )
    )
