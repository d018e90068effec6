"""Named things: the target, weapons, people (with their role) and organisations.

Names listed in `corpus/entities.yml` are found under every alias; other spellings of a
listed weapon or person are recognised by fuzzy matching (rapidfuzz), so that "Torb-M2E"
is the Tor-M2E. People not listed are found by `names` (grammar, and spaCy's model for
names introduced by nothing); the byline's and the photographers' names are not people of
the event. A weapon is `used` unless every sentence that names it says what a factory makes,
what a depot holds or what allies are asked for (`weapon_mention_context`), or puts it in
a sentence about no attack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from build_tools.extract.document import Document
from build_tools.extract.names import model_organisations, person_spans
from build_tools.extract.places import distance_before
from build_tools.extract.resources import PLACE, Match
from build_tools.folding import fold, skeleton
from build_tools.labels import TARGET_LABELS
from build_tools.model import Evidence, Mention, Person, Place, Target, Weapon

# A model designation ("Tor-M2E", "S-300"); the bounds keep a hostile long word linear.
_DESIGNATION = re.compile(
    r"\b[A-Z][A-Za-z]{0,12}-?[A-Z0-9][A-Za-z0-9]{0,12}(?:-[A-Z0-9][A-Za-z0-9]{0,12})?\b"
)
_PERSON_FUZZY = 88
_WEAPON_FUZZY = 85


@dataclass
class _Found:
    name: str
    as_written: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    role: str | None = None
    first: int = 10**9
    positions: list[int] = field(default_factory=list)
    # what `evidence` holds, to look up: a list is searched in time that grows with it
    _cited: set[Evidence] = field(default_factory=set)

    def add(self, written: str, evidence: Evidence, position: int) -> None:
        if written not in self.as_written:
            self.as_written.append(written)
        self._cite(evidence)
        self.first = min(self.first, position)
        self.positions.append(position)

    def absorb(self, other: _Found) -> None:
        """Take in another mention's spellings, evidence and positions (one body, two names)."""
        self.as_written.extend(w for w in other.as_written if w not in self.as_written)
        for evidence in other.evidence:
            self._cite(evidence)
        self.positions.extend(other.positions)
        self.first = min(self.first, other.first)

    def _cite(self, evidence: Evidence) -> None:
        if evidence not in self._cited:
            self._cited.add(evidence)
            self.evidence.append(evidence)


def _collect(
    doc: Document, kind: str, keep: Callable[[Match], bool] = lambda m: True
) -> dict[str, _Found]:
    found: dict[str, _Found] = {}
    for match in doc.matches:
        if match.kind == kind and keep(match):
            entity = doc.resources.entities[match.index]
            found.setdefault(entity.name, _Found(entity.name)).add(
                match.text, doc.sentence_of(match.start).evidence, match.start
            )
    return found


def extract_organisations(doc: Document, primary: Place | None = None) -> list[Mention]:
    """Listed organisations under every alias, bodies named by their kind, and the names the
    model finds (kept as written). One named in a person's role counts ("le chef du
    renseignement militaire ukrainien"); a place that was struck does not ("ont frappé le
    Kremlin"), nor one in a photo credit. A name the text introduces by what it is counts
    ("le distributeur Volynoblenergo"). A regional body named without its region is the one
    of the region of the event (`primary`), as the text writes it: "l'administration
    militaire régionale" of a report on Soumy is "administration militaire régionale de
    Soumy"."""
    found = _collect(
        doc, "organisation", keep=lambda m: not _struck(doc, m) and not doc.in_credit_line(m.start)
    )
    listed = doc.resources.organisation_names
    institutions = _institutions(doc)
    region = _region_as_written(doc, primary)
    town = _town_as_written(doc, primary)
    introduced = [span for span in _named_by_their_kind(doc) if span not in institutions]
    for start, end in dict.fromkeys([*model_organisations(doc), *institutions, *introduced]):
        written = doc.text[start:end].strip(" '’")
        if (start, end) in institutions:
            if doc.sentence_of(start).start == start and not doc.places_between(start, start + 1):
                written = written[:1].lower() + written[1:]  # "Regional police said…"
            if not doc.places_between(start, end):
                if region and _regional(doc, start, end):
                    written = _with_region(written, region, doc.language)
                elif here := _town_just_before(doc, start):
                    written = _with_town(written, None, here, doc.language)
                elif town and (city := _city_qualifier(doc, start, end)):
                    written = _with_town(written, city, town, doc.language)
        name = listed.get(fold(written), written)
        found.setdefault(name, _Found(name)).add(written, doc.sentence_of(start).evidence, start)
    for start, end, name in _bare_bodies(doc):
        found.setdefault(name, _Found(name)).add(
            doc.text[start:end], doc.sentence_of(start).evidence, start
        )
    _merge_shorter_names(found)
    return [
        Mention(f.name, f.as_written, f.evidence)
        for f in sorted(found.values(), key=lambda f: f.first)
    ]


def _institutions(doc: Document) -> list[tuple[int, int]]:
    """Bodies named by their kind (`institutions` in the lexicon) when the text says which
    one: "l'administration militaire de la ville de Kiev", "le parquet ukrainien", "the
    Kharkiv regional police"; not "la police" alone, nor a listed name."""
    v = doc.vocabulary
    if doc.language == "en":
        pattern = v.compiled(
            "institutions",
            lambda w: (
                rf"\b((?:(?:{_qualifiers(w)}) ){{0,4}}(?:{_heads(w)}))\b"
                rf"(?! (?:{w.alternation('institutions', 'not_after')})\b)"
            ),
        )
    else:
        pattern = v.compiled(
            "institutions",
            lambda w: (
                rf"(?:^|(?<=[\s(]))(?:{w.before('institutions', 'openers')})"
                rf"((?:{_heads(w)})(?: (?:{_qualifiers(w)})){{0,4}})\b"
            ),
        )
    named_head = v.compiled(
        "named_institution_heads",
        lambda w: (
            rf"(?:(?:{_qualifiers(w)}) ){{0,4}}"
            rf"(?:{w.alternation('institutions', 'named_heads')})\b"
        ),
    )
    named_qualifier = v.compiled(
        "named_institution_qualifiers",
        lambda w: rf"\b(?:{w.alternation('institutions', 'named_qualifiers')})\b",
    )
    service = v.compiled(
        "institution_services", lambda w: rf"\b(?:{w.alternation('institutions', 'services')})\b"
    )
    city_head = v.compiled(
        "institution_city_heads", lambda w: rf"(?:{w.alternation('institutions', 'city_heads')})"
    )
    spans = []
    for match in pattern.finditer(doc.folded):
        start, end = match.span(1)
        grown = _with_its_place(doc, start, end)
        named = (
            named_head.match(doc.folded, start)
            or named_qualifier.search(doc.folded, start, end)
            or (_city_qualifier(doc, start, end) and not service.search(doc.folded, start, end))
            or (city_head.fullmatch(doc.folded, start, end) and _town_just_before(doc, start))
        )
        if grown == (start, end) and not named:
            continue  # "la police": which one, the text does not say
        start, end = grown
        if doc.matches_in(start, end, "organisation"):
            continue
        if not doc.in_credit_line(start):
            spans.append((start, end))
    return spans


# A name: "Volynoblenergo", "V1.RU", "Atlant Aero".
_NAME = r"[A-ZÀ-ÖØ-Þ][\w.&-]*\w(?: [A-ZÀ-ÖØ-Þ][\w.&-]*\w)?"
# A name after the words that say what it is, and up to two words that describe it (not "of",
# "de": "the maker of Molniya drones" names a product).
_NAME_AFTER_KIND = re.compile(
    rf"(?:(?!(?:of|de|du|des|d')\b)[a-zà-öø-ÿ'’-]+ ){{0,2}}?({_NAME})(?![\w'’-])"
)
_NAME_BEFORE_KIND = re.compile(rf"(?<![\w'’-])({_NAME})$")


def _named_by_their_kind(doc: Document) -> list[tuple[int, int]]:
    """Names the text introduces by what they are (`organisation_kinds` in the lexicon): "le
    distributeur Volynoblenergo", "the regional power company Volynoblenergo", "Atlant Aero,
    a company…"; never a place, a person, a listed name or a word of `not_names`."""
    kinds = doc.vocabulary.compiled(
        "organisation_kinds", lambda w: rf"\b(?:{w.alternation('organisation_kinds')}) "
    )
    # "Atlant Aero, a company it described as…", "Miratorg, le groupe agroalimentaire"
    apposed = doc.vocabulary.compiled(
        "organisation_kinds_apposed",
        lambda w: (
            rf", (?:{w.before('articles')}|an? )(?:[\w'-]+ ){{0,2}}?"
            rf"(?:{w.alternation('organisation_kinds')})\b"
        ),
    )
    names = [_NAME_AFTER_KIND.match(doc.text, kind.end()) for kind in kinds.finditer(doc.folded)]
    names += [
        _NAME_BEFORE_KIND.search(doc.text, max(0, kind.start() - 60), kind.start())
        for kind in apposed.finditer(doc.folded)
    ]
    not_names = set(doc.vocabulary.words("not_names"))
    spans = []
    for name in names:
        if not name:
            continue
        start, end = name.span(1)
        if (
            any(fold(w) in not_names for w in doc.text[start:end].split())
            or doc.match_spans.containing(start, end)  # a place ("la compagnie Kharkiv")
            # a listed name
            or any(m.kind != PLACE for m in doc.match_spans.overlapping(start, end))
            or doc.people.overlapping(start, end)
            or doc.in_credit_line(start)
        ):
            continue
        spans.append((start, end))
    return sorted(set(spans))


def _regional(doc: Document, start: int, end: int) -> bool:
    """Whether the body is named as a region's ("régionale", "regional")."""
    pattern = doc.vocabulary.compiled(
        "regional_institution",
        lambda w: rf"\b(?:{w.alternation('institutions', 'regional_qualifiers')})\b",
    )
    return bool(pattern.search(doc.folded, start, end))


def _region_as_written(doc: Document, primary: Place | None) -> str | None:
    """How the text writes the region of the event: the region named ("la Volhynie", "la
    région de Soumy"), else its capital standing for it ("Odessa"); None if it writes
    neither."""
    if primary is None:
        return None
    region = primary.name if primary.kind == "region" else primary.admin1
    gazetteer = doc.resources.gazetteer
    named = [m.text for m, i in doc.place_mentions if gazetteer.places[i].name == region]
    capital = [
        m.text
        for m, i in doc.place_mentions
        if (r := gazetteer.region_of_capital.get(i)) is not None
        and gazetteer.places[r].name == region
    ]
    written = next(iter(named + capital), None)
    return written.title() if written and written.isupper() else written  # a dateline


def _city_qualifier(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """Where the body is named as a town's ("de la ville", "municipal", "city"), relative to
    `start`, if it is."""
    pattern = doc.vocabulary.compiled(
        "city_institution",
        lambda w: rf"\b(?:{w.alternation('institutions', 'city_qualifiers')})\b",
    )
    match = pattern.search(doc.folded, start, end)
    return (match.start() - start, match.end() - start) if match else None


def _town_just_before(doc: Document, start: int) -> str | None:
    """The town named right before a town's body, as the text writes it: "Dans la capitale,
    Kiev, la mairie indique…" is Kiev's town hall."""
    joined = doc.vocabulary.compiled(
        "town_then_body", lambda v: rf"^, (?:{v.before('articles')})?$"
    )
    gazetteer = doc.resources.gazetteer
    for match, index in doc.places_ending_in(start - 8, start - 1):
        if gazetteer.places[index].kind in ("city", "town", "village") and joined.match(
            doc.folded[match.end : start]
        ):
            return match.text
    return None


def _town_as_written(doc: Document, primary: Place | None) -> str | None:
    """How the text writes the town of the event, if the event's place is a town."""
    if primary is None or primary.kind not in ("city", "town", "village"):
        return None
    gazetteer = doc.resources.gazetteer
    written = next(
        (m.text for m, i in doc.place_mentions if gazetteer.places[i].name == primary.name), None
    )
    return written.title() if written and written.isupper() else written


def _with_town(body: str, qualifier: tuple[int, int] | None, town: str, language: str) -> str:
    """ "conseil de défense de la ville" of Kryvyï Rih → "conseil de défense de Kryvyï Rih";
    "the city military administration" of Kyiv → "Kyiv city military administration"; "la
    mairie" after "Kiev," → "mairie de Kiev" (`qualifier`: where the body says "de la ville",
    if it does)."""
    if language == "en":
        return f"{town} {body}"
    if qualifier and fold(body[qualifier[0] : qualifier[1]]).startswith("de "):
        return f"{body[: qualifier[0]]}{_of(town)}{body[qualifier[1] :]}"
    return f"{body} {_of(town)}"


def _of(place: str) -> str:
    """ "de Soumy", "d'Odessa", "de Horlivka" (the press does not elide before an h)."""
    return f"d'{place}" if fold(place[:1]) in "aeiouy" else f"de {place}"


def _with_region(body: str, region: str, language: str) -> str:
    """ "administration militaire régionale de Soumy", "d'Odessa"; "Volyn regional military
    administration"."""
    if language == "en":
        return f"{region} {body}"
    return f"{body} {_of(region)}"


def _heads(v) -> str:
    return "|".join(v.alternation("institutions", kind) for kind in ("named_heads", "heads"))


def _qualifiers(v) -> str:
    return v.alternation("institutions", "qualifiers")


def _bare_bodies(doc: Document) -> list[tuple[int, int, str]]:
    """ "the air force", "le ministère de la Défense": a national body named without its
    country, which is the country the text is about (`bare_bodies` in the lexicon)."""
    bodies = doc.vocabulary.bare_bodies
    if not bodies:
        return []
    pattern = doc.vocabulary.compiled(
        "bare_bodies",
        lambda w: (
            rf"(?:^|(?<=[\s(]))(?:{w.before('articles')})"
            rf"((?>{'|'.join(re.escape(b) for b in sorted(bodies, key=len, reverse=True))}))\b"
            rf"(?! (?:{_nationalities(w)})\b)"  # "l'armée russe" names its country
        ),
    )
    found = []
    for match in pattern.finditer(doc.folded):
        name = doc.bare_body(match.group(1))
        if name and not doc.matches_in(match.start(1), match.end(1), "organisation"):
            found.append((match.start(1), match.end(1), name))
    return found


def _nationalities(v) -> str:
    """Every nationality adjective of the lexicon, as an alternation."""
    words = [fold(w) for ws in (v.node("nationality") or {}).values() for w in ws]
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!x)x"


def _with_its_place(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The span grown to the place that names it: "…de Soumy" after, "Kharkiv …" before."""
    if doc.language == "en":  # "Kharkiv regional police", "Kyiv's military administration"
        before = next(
            (
                m
                for m, _ in doc.places_ending_in(start - 3, start - 1)
                if doc.folded[m.end : start] in (" ", "'s ")
            ),
            None,
        )
        return (before.start if before else start), end
    joins = doc.vocabulary.compiled(
        "institution_place", lambda w: rf" (?:{w.before('institutions', 'place_joins')})"
    )
    join = joins.match(doc.folded, end)
    if join:
        mention = doc.place_at(join.end())
        if mention:
            return start, mention[0].end
    # "l'administration militaire de la région de Dnipropetrovsk": the place's name began
    # with the qualifier ("de la région")
    overlapping = next((m for m, _ in doc.places_between(start + 1, end) if end < m.end), None)
    return start, overlapping.end if overlapping else end


def _merge_shorter_names(found: dict[str, _Found]) -> None:
    """ "l'administration militaire régionale" after "l'administration militaire régionale
    de Soumy", "police" after "Kharkiv regional police", "l'administration régionale" after
    either: one body, under its fuller name."""
    longest_first = sorted(found, key=len, reverse=True)
    for name in reversed(longest_first):
        short = fold(name)
        longer = next(
            (
                other
                for other in longest_first
                if len(other) > len(name)
                and other in found
                and (
                    fold(other).startswith(short + " d")
                    or fold(other).endswith(" " + short)
                    or (name[:1].islower() and set(short.split()) <= set(fold(other).split()))
                )
            ),
            None,
        )
        if longer:
            found[longer].absorb(found.pop(name))


def _struck(doc: Document, match: Match) -> bool:
    """A name that is also a listed target, after an attack verb: the place, not the body;
    any name after a distance ("some 50 km to the southeast of the Kremlin"): a landmark."""
    before = doc.folded[max(0, match.start - 40) : match.start]
    landmark = doc.vocabulary.compiled(
        "distance_before_name",
        lambda v: distance_before(v).removesuffix("$") + rf"(?:{v.before('articles')})?$",
    )
    if landmark.search(before):
        return True
    if fold(match.text) not in doc.resources.target_names:
        return False
    return bool(doc.vocabulary.pattern("attack_words").search(before))


def extract_weapons(
    doc: Document,
    elsewhere: Callable[[int, int], bool] = lambda s, e: False,
    other_days: frozenset[int] = frozenset(),
) -> list[Weapon]:
    """Listed weapons under every alias, and model designations close to a listed one, each
    `used` or `mentioned` (see `_weapon_role`; `elsewhere(start, end)` tells a span that
    puts the sentence in another place, `other_days` the sentences of another day)."""
    found = _collect(doc, "weapon")
    aliases = doc.resources.weapon_names
    for match in _DESIGNATION.finditer(doc.text):
        if _overlaps_a_name(doc, match.start(), match.end()):
            continue
        best = process.extractOne(
            fold(match.group()), aliases.keys(), scorer=fuzz.ratio, score_cutoff=_WEAPON_FUZZY
        )
        if best:
            name = aliases[best[0]]
            found.setdefault(name, _Found(name)).add(
                match.group(), doc.sentence_of(match.start()).evidence, match.start()
            )
    return [
        Weapon(f.name, f.as_written, f.evidence, _weapon_role(doc, f, elsewhere, other_days))
        for f in sorted(found.values(), key=lambda f: f.first)
        if not _names_a_model_s_class(doc, f, found.values())
    ]


def _names_a_model_s_class(doc: Document, weapon: _Found, found) -> bool:
    """ "missiles de croisière Kh-101", "Neptune cruise missiles": a kind of weapon (a name in
    lower case) told only in one phrase with the model it is the kind of, which says more
    ("des Grad et un drone FPV" are two weapons)."""
    if not weapon.name[:1].islower():
        return False
    models = [p for f in found if not f.name[:1].islower() for p in f.positions]
    joined = doc.vocabulary.compiled(
        "list_joiners", lambda v: rf"[,;]| (?:{v.alternation('name_joins')}) "
    )

    def one_phrase(p: int, m: int) -> bool:
        low, high = min(p, m), max(p, m)
        return high - low <= 30 and not joined.search(doc.folded, low, high)

    return all(any(one_phrase(p, m) for m in models) for p in weapon.positions)


def _weapon_role(
    doc: Document, weapon: _Found, elsewhere: Callable[[int, int], bool], other_days: frozenset[int]
) -> str:
    """`used` when one sentence naming the weapon is about the attack, puts it in no other
    place or day, and does not say what is made, stored or asked for; `mentioned` otherwise."""
    context = doc.vocabulary.pattern("weapon_mention_context")
    for position in weapon.positions:
        sentence = doc.sentence_of(position)
        if (
            doc.in_credit_line(position)
            or sentence.start in other_days
            or elsewhere(sentence.start, sentence.end)
            or doc.is_earlier(position, sentence)
            or sentence.start in _nationwide_sentences(doc)
            or doc.vocabulary.pattern("habitual_markers").search(
                doc.folded, sentence.start, sentence.end
            )
        ):
            continue  # another strike, a time before, what happens often, the whole night
        start, end = _clause_around(doc.folded, sentence.start, sentence.end, position)
        if doc.is_attack(sentence) and not context.search(doc.folded, start, end):
            return "used"
    return "mentioned"


def _nationwide_sentences(doc: Document) -> frozenset[int]:
    """The sentences (by start) about a whole night over a country ("Russia fired 73 drones
    and four missiles at Ukraine overnight"), and those after them in their paragraph that
    name no place ("Russia also fired four Iskander-M missiles.")."""

    def find() -> frozenset[int]:
        marker = doc.vocabulary.pattern("nationwide_markers")
        found: set[int] = set()
        carried = False
        for sentence in doc.sentences:
            if sentence.start in doc.paragraph_openers:
                carried = False
            if marker.search(doc.folded, sentence.start, sentence.end):
                carried = True
                found.add(sentence.start)
            elif doc.places_between(sentence.start, sentence.end):
                carried = False
            elif carried:
                found.add(sentence.start)
        return frozenset(found)

    return doc.memo("nationwide sentences", find)


def _clause_around(folded: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The clause of the sentence that holds `position`, between punctuation marks."""
    before = max((folded.rfind(mark, start, position) for mark in ",;:()"), default=-1)
    afters = [i for mark in ",;:()" if (i := folded.find(mark, position, end)) >= 0]
    return (before + 1 if before >= start else start), (min(afters) if afters else end)


def extract_people(doc: Document) -> list[Person]:
    """People: listed ones under any alias, others found by `names`; each with the role
    the text gives. The byline and the credit lines name no one of the event."""
    resources = doc.resources
    found = _collect(doc, "person")
    for name in list(found):
        if all(doc.in_credit_line(p) for p in found[name].positions):
            del found[name]
    known = resources.person_names
    role_nouns = doc.vocabulary.pattern("role_nouns")
    listed = {(m.start, m.end) for m in doc.matches if m.kind == "person"}
    for start, end in person_spans(doc):
        if (start, end) in listed or doc.in_credit_line(start):
            continue
        written = doc.text[start:end]
        best = process.extractOne(
            skeleton(written), known.keys(), scorer=fuzz.ratio, score_cutoff=_PERSON_FUZZY
        )
        name = known[best[0]] if best else written
        found.setdefault(name, _Found(name)).add(written, doc.sentence_of(start).evidence, start)
    people = []
    for person in sorted(found.values(), key=lambda f: f.first):
        role = _role_in_text(doc, person, role_nouns) or resources.person_roles.get(person.name)
        people.append(Person(person.name, person.as_written, role, person.evidence))
    return people


def _overlaps_a_name(doc: Document, start: int, end: int) -> bool:
    """The span overlaps a name already found (a place, a listed entity)."""
    return bool(doc.match_spans.overlapping(start, end))


def _role_in_text(doc: Document, person: _Found, role_nouns: re.Pattern) -> str | None:
    """The role written next to the name: "le gouverneur de X, Name" or "Name, envoyé de X,"."""
    for written in person.as_written:
        for match in re.finditer(re.escape(written), doc.text):
            start, end = match.span()
            sentence = doc.sentence_of(start)
            before = doc.text[sentence.start : start]
            folded_before = doc.folded[sentence.start : start]
            roles = list(role_nouns.finditer(folded_before))
            if roles:
                candidate = before[roles[-1].start() :].strip(" ,")
                if len(candidate.split()) <= 12 and not re.search(r"[.;:!?]", candidate):
                    return (
                        re.sub(r"^(?:M\.|Mme|Mr\.?|Mrs\.?|Ms\.?)\s*", "", candidate).strip() or None
                    )
            after = doc.text[end : sentence.end]
            folded_after = doc.folded[end : sentence.end]
            appositive = re.match(r"^,? (?=\S)", folded_after)
            if appositive and role_nouns.match(folded_after[appositive.end() :]):
                tail = after[appositive.end() :]
                stop = re.search(r",| a | avait | ont | selon | said | says | told | has ", tail)
                role = tail[: stop.start()] if stop else tail
                if len(role.split()) <= 14:
                    return role.strip().rstrip(".") or None
    return _role_said_next(doc, person, role_nouns)


def _role_said_next(doc: Document, person: _Found, role_nouns: re.Pattern) -> str | None:
    """ "… selon Iouri Slioussar. Le gouverneur de la région de Rostov a précisé…": a role
    that opens the next sentence of the paragraph is the role of the one person named just
    before."""
    article = doc.vocabulary.compiled("role_opening", lambda v: rf"(?:{v.before('articles')})")
    for position in person.positions:
        sentence = doc.sentence_of(position)
        people_here = doc.people.starting_in(sentence.start, sentence.end)
        following = doc.neighbour_in_paragraph(sentence, 1)
        if following is None or len(people_here) > 1:
            continue
        opening = article.match(doc.folded, following.start)
        if opening is None or not role_nouns.match(doc.folded, opening.end()):
            continue
        stop = doc.vocabulary.compiled(  # the role ends at its clause's verb
            "role_stop",
            lambda v: (
                rf"[,;:]| (?:{v.alternation('clause_verbs')}|{v.alternation('claim_verbs')})\b"
            ),
        ).search(doc.folded, opening.end(), following.end)  # folded: offsets are the text's
        role = doc.text[opening.end() : stop.start() if stop else following.end]
        if 1 <= len(role.split()) <= 10:
            return role.strip()
    return None


def _not_a_site_hit(doc: Document, position: int) -> bool:
    """A word of a site that names no site hit in this strike: who speaks ("d'après
    l'administration régionale"), what was hit before or often ("since 2024, … repeatedly
    hitting refineries")."""
    sentence = doc.sentence_of(position)
    source = doc.vocabulary.compiled(
        "source_before",
        lambda w: rf"\b(?:{w.alternation('claim_before')}) (?:{w.before('articles')})?(?:\w+ )?$",
    )
    return bool(
        source.search(doc.folded, max(sentence.start, position - 40), position)
        or doc.is_earlier(position, sentence)
        or doc.vocabulary.pattern("habitual_markers").search(
            doc.folded, sentence.start, sentence.end
        )
    )


def extract_target(
    doc: Document,
    elsewhere: Callable[[int, int], bool] = lambda s, e: False,
    other_days: frozenset[int] = frozenset(),
) -> Target | None:
    """What was hit: the kind of site the attack sentences name most, and its name when it is
    a listed target ("usine Kupol"); a listed target wins a tie. Sites of a strike elsewhere
    or on another day (`elsewhere`, `other_days`, as for weapons) count for nothing."""
    vocabulary = doc.vocabulary
    by_type: dict[str, dict] = {}
    also = vocabulary.compiled(  # "a elle aussi été visée", "was also hit"
        "also_hit",
        lambda v: (
            rf"\b(?:{v.alternation('also_markers')})(?: [\w'-]+){{0,2}} "
            rf"(?:{v.alternation('attack_words')})\b"
        ),
    )

    written: dict[str, list[str]] = {}

    def score(
        type_: str,
        sentence,
        position: int,
        name: str | None = None,
        known: bool = False,
        as_written: str | None = None,
    ) -> None:
        if sentence.start in other_days or elsewhere(sentence.start, sentence.end):
            return
        entry = by_type.setdefault(
            type_,
            {"score": 0.0, "first": position, "names": {}, "known": {}, "evidence": {}},
        )
        weight = 2.0 if doc.is_attack(sentence) else 1.0
        if also.search(doc.folded, sentence.start, sentence.end):
            weight /= 4  # "la raffinerie de Nijnekamsk a elle aussi été visée": another site
        entry["score"] += weight
        entry["first"] = min(entry["first"], position)
        if name:
            names = entry["known" if known else "names"]
            names[name] = names.get(name, 0) + 1
            spellings = written.setdefault(name, [])
            if as_written and as_written not in spellings:
                spellings.append(as_written)
        entry["evidence"].setdefault(sentence.evidence)  # a dict: the order of first mention

    for match in doc.matches:
        if match.kind == "target":
            entity = doc.resources.entities[match.index]
            score(
                entity.target_type or "other",
                doc.sentence_of(match.start),
                match.start,
                entity.name,
                known=True,
                as_written=match.text,
            )
    for type_ in vocabulary.mapping("target_types"):
        for word in vocabulary.pattern("target_types", type_).finditer(doc.folded):
            if doc.folded[max(0, word.start() - 4) : word.start()] == "non-":
                continue  # "a non-residential area"
            if vocabulary.ends_with("where_victims_went").search(
                doc.folded, max(0, word.start() - 30), word.start()
            ):
                continue  # "a succombé à l'hôpital", "taken to hospital": no site that was hit
            if _not_a_site_hit(doc, word.start()):
                continue
            named = _site_name(doc, type_, word.start(), word.end())
            score(
                type_,
                doc.sentence_of(word.start()),
                word.start(),
                named[0] if named else None,
                as_written=named[1] if named else None,
            )
    for nouns, types in vocabulary.site_rules:
        for noun in nouns.finditer(doc.folded):
            sentence = doc.sentence_of(noun.start())
            window = " ".join(doc.folded[noun.end() : sentence.end].split()[:10])
            for type_, words in types:
                if words.search(window):
                    score(type_, sentence, noun.start())
                    break
    if not by_type:
        return None
    type_, best = max(
        by_type.items(),
        key=lambda item: (item[1]["score"], bool(item[1]["known"]), -item[1]["first"]),
    )
    names = best["known"] or best["names"]
    name = max(names, key=lambda n: (names[n], -len(n))) if names else None
    return Target(
        name=name,
        type=type_,
        evidence=list(best["evidence"]),
        as_written=written.get(name, []) if name else [],
    )


def _site_name(doc: Document, type_: str, start: int, end: int) -> tuple[str, str] | None:
    """ "raffinerie de Novokouïbychevsk": the site word and the place named right after it
    (or, in English, right before it: "the Ryazan oil refinery"), named as the archive names
    them: the place by its name in French, and a site an English text names by its kind in
    French ("raffinerie de Riazan"), so that every report of one site gives it one name.
    Returned with the words as the text writes them, for the site's other spellings."""
    following = doc.vocabulary.compiled("site_of", lambda v: rf"^ (?:{v.before('site_of')})")
    joined = following.match(doc.folded[end : end + 6])
    place: tuple[Match, int] | None = None
    if joined:
        place = doc.place_at(end + joined.end())
    if place is not None:
        written = doc.text[start : place[0].end]
    elif doc.language == "en":
        joined = None
        place = next(
            (
                (m, i)
                for m, i in doc.places_ending_in(start - 5, start - 1)
                if doc.text[m.end : start].strip() in ("", "oil")
            ),
            None,
        )
        if place is None:
            return None
        written = doc.text[place[0].start : end]
    else:
        return None
    name = doc.resources.gazetteer.places[place[1]].name
    if doc.language == "en" and type_ in TARGET_LABELS and type_ != "other":
        return f"{TARGET_LABELS[type_]} {_of(name)}", written
    if joined and fold(doc.text[end : end + joined.end()]).strip() not in ("de", "d'"):
        return f"{doc.text[start : end + joined.end()]}{name}", written  # "dépôt du …"
    if joined:
        return f"{doc.text[start:end]} {_of(name)}", written
    return written, written  # an English "other" site: as the text names it
