"""Figures: killed, injured, hospitalised; drones launched, downed and hit; who claims each.

A number means nothing alone. It is a casualty count when a casualty word governs it
("3 morts", "trois employés ont perdu la vie", "la mort de trois personnes", "blessé 35
autres", "dont 35 ont été hospitalisés", "killing three people"); a drone count when a
drone noun follows it and a verb says what happened to them. Distances, areas, years,
serial numbers never qualify: no casualty word or drone noun governs them. A count belongs
to the event only when its sentence (for drones: its clause) puts it nowhere else: "dans la
région de Belgorod, quatre personnes ont été blessées" in an article about Toropets is
another strike. A drone count over many regions is a national total (`scope`), kept as
such. A toll the text revises ("le bilan s'est alourdi à neuf morts") supersedes the first.
The words of each language are data (`corpus/lexicon.yml`).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from build_tools.extract.dates import leading_date_words
from build_tools.extract.document import Document
from build_tools.extract.gazetteer import GazetteerPlace
from build_tools.extract.numbers import Number
from build_tools.extract.resources import Match, Vocabulary
from build_tools.extract.text import Sentence
from build_tools.folding import fold
from build_tools.model import Count, DroneCount, Drones, Evidence, Place, Share

CASUALTIES = ("killed", "injured", "hospitalised")
_TOWN_KINDS = frozenset({"city", "town", "village", "district", "site"})
#: How far around a number or a name its words are looked for (characters).
_WINDOW = 120


@dataclass(frozen=True)
class _Claim:
    value: int | None
    qualifier: str | None
    claimed_by: str | None
    evidence: Evidence
    position: int
    revised: bool = False
    scope: str = "incident"


def compatible(
    place: Place | GazetteerPlace, primary: Place, capital_of: frozenset[str] = frozenset()
) -> bool:
    """The place is the primary place, inside it, around it, or in the same region
    (`capital_of`: the regions the primary place is the capital of)."""
    related = ({primary.name, primary.admin1} | capital_of) - {None}
    return place.name in related or place.admin1 in related


def _places_struck(doc: Document, start: int, end: int) -> list[GazetteerPlace]:
    """The places the span names as places, not as a government ("Moscou affirme") nor as
    where drones came from ("lancés depuis Primorsko-Akhtarsk")."""
    origin = doc.vocabulary.compiled(
        "origin_before", lambda v: rf"\b(?:{v.alternation('not_event_before')})\b[^,.;]{{0,20}}$"
    )
    return [
        doc.resources.gazetteer.places[index]
        for match, index in doc.places_between(start, end)
        if not doc.is_metonym(match)
        and match.start >= doc.dateline_end  # "MOSCOW, Feb 24 —" is where it was filed
        and not origin.search(doc.folded[max(start, match.start - 40) : match.start])
    ]


def elsewhere(doc: Document, start: int, end: int, primary: Place | None) -> bool:
    """The span names a place unrelated to the primary place (and not the primary place). A
    sentence that names no place is where the sentence before it in its paragraph is ("À
    Kotelnitch, … Deux drones ont été abattus."); one that opens on elsewhere in the region
    is elsewhere."""
    if primary is None:
        return False
    gazetteer = doc.resources.gazetteer
    places = _places_struck(doc, start, end) or _places_of_paragraph_before(doc, start, end)
    if any(p.name == primary.name for p in places):
        return False
    sentence = doc.sentence_of(start)
    if doc.opens_elsewhere_in_the_region(sentence):
        return True  # "Toujours dans la région de Soumy, …": not at the event's place
    if doc.tells_of_another_attack(sentence) and any(
        p.kind != "region" and p.name != primary.name for p in places
    ):
        return True  # "another deadly attack earlier that day: … in Seredyna-Buda"
    capital_of = gazetteer.regions_with_capital(primary.name)
    return any(not compatible(p, primary, capital_of) and p.kind != "sea" for p in places)


def _places_of_paragraph_before(doc: Document, start: int, end: int) -> list[GazetteerPlace]:
    """For a span in a sentence that names no place: the places of the nearest sentence
    before it, in the same paragraph, that names one."""
    return doc.memo("paragraph places", lambda: _paragraph_places(doc)).get(
        doc.sentence_of(start).start, []
    )


def _paragraph_places(doc: Document) -> dict[int, list[GazetteerPlace]]:
    """Sentence start → the places of the last sentence before it in its paragraph that
    names one, for the sentences that name none (one pass over the text)."""
    inherited: dict[int, list[GazetteerPlace]] = {}
    last: list[GazetteerPlace] = []
    for sentence in doc.sentences:
        if sentence.start in doc.paragraph_openers:
            last = []
        places = _places_struck(doc, sentence.start, sentence.end)
        if places:
            last = places
        elif last:
            inherited[sentence.start] = last
    return inherited


class _Words:
    """One language's figure vocabulary, as patterns (made once per build)."""

    def __init__(self, v: Vocabulary):
        self.nouns = {c: v.pattern("casualties", c, "nouns") for c in CASUALTIES}
        self.verbs = {c: v.pattern("casualties", c, "verbs") for c in CASUALTIES}
        self.people = v.pattern("person_nouns")
        self.drone_nouns = v.pattern("drones", "nouns")
        self.hit_nouns = re.compile(rf" (?:{v.alternation('drones', 'hit_nouns')})\b")
        self.drone_verbs = {k: v.pattern("drones", k) for k in ("launched", "downed", "hit")}
        breaks = v.alternation("clause_breaks")
        self.clause_end = re.compile(rf"[,;:()–]| - | (?:{breaks}) ")
        self.verb_window_end = re.compile(rf"[;:]| (?:{breaks}) ")
        self.of = re.compile(rf"^(?:{v.before('of_words')})")
        self.of_whom_before = re.compile(rf"\b(?:{v.alternation('of_whom')})\s*$")
        self.part_of = re.compile(rf"^ (?:{v.alternation('part_of')}) ")
        self.part_of_a_number = re.compile(rf"\d (?:{v.alternation('part_of')}) $")
        self.ordinals = {fold(k): n for k, n in (v.node("ordinals") or {}).items()}
        ordinals = "|".join(re.escape(k) for k in sorted(self.ordinals, key=len, reverse=True))
        self.ranked_hit = re.compile(
            rf"\b({ordinals or '(?!x)x'})( (?:{v.alternation('drones', 'nouns')}))?"
            rf"(?:,? (?:{v.alternation('subject_pronouns')}))?"  # "le second drone, il est tombé"
            rf"(?: (?:{v.alternation('auxiliaries')})){{0,3}}"
            rf" (?:{v.alternation('drones', 'hit')})\b"
        )
        self.total_opening = re.compile(rf"\W*(?:{v.alternation('part_of')}) ")
        adjectives = v.alternation("drone_adjectives")
        self.drone_compound = re.compile(rf" (?:{v.alternation('drone_compounds')})\b")
        self.debris = re.compile(
            rf"\b(?:{v.alternation('debris')}) (?:{v.before('of_words')}|from )$"
        )
        # "attack drones", "Geran-2 drones": adjectives and model designations before the noun.
        self.drone_modifiers = re.compile(rf"^(?:(?:{adjectives}|[a-z]+-\d+\w*)[ -])*")
        self.nobody = {k: v.pattern("nobody", k) for k in ("killed", "injured", "both")}
        self.vague = v.pattern("vague_victims")
        self.revision = re.compile(rf"\b(?:{v.alternation('revision_markers')})\b")
        self.count_goes_on = re.compile(rf"\b(?:{v.alternation('count_goes_on')}) $")
        self.nationwide = v.pattern("nationwide_markers")
        self.region_plural = re.compile(rf" (?:{v.alternation('region_nouns')})s?\b")
        shares = v.alternation("share_prepositions")
        self.share_before_place = re.compile(
            rf"(\d+)(?: [^\W\d]+){{0,6}} (?:{shares})\b[^,;.\d]{{0,40}}$"
        )
        self.claimant = _claimant_patterns(v)
        self.relative_claim = re.compile(
            rf", (?:{v.alternation('relative_pronouns')}) {_claim_verb(v)}"
        )
        self.tally_told_before = re.compile(rf"\b(?:{v.alternation('tally_told_before')})\b")
        self.tally_colon = re.compile(
            rf"\b(?:{v.alternation('tally_nouns')})\b[^:;.]{{0,40}}:(?!\d)"
        )
        # "dressé hier par X", "compiled by X": the agent of a participle, not "chef par intérim"
        self.agent = re.compile(
            rf"\b\w+(?:e|es|ee|ees|ed)(?: \w+)? (?:{v.alternation('agent_words')}) "
            rf"(?:{v.before('articles')})?"
        )
        self.subordinator = re.compile(rf"(?:{v.before('claimant_subordinators')})")
        self.pronoun = re.compile(rf"(?:{v.alternation('subject_pronouns')})(?: \w{{1,3}})?$")
        self.object_pronoun = re.compile(rf"(?:{v.alternation('object_pronouns')})\b")
        # "maire", "regional governor", "gouverneur de la région de Kharkiv": a role noun and
        # a few words of its own, no name.
        self.bare_role = re.compile(
            rf"(?:[\w-]+ ){{0,2}}({v.alternation('role_nouns')})(?: [\w'-]+){{0,12}}"
        )
        self.role_synonyms = {
            fold(k): [fold(w) for w in ws] for k, ws in (v.node("role_synonyms") or {}).items()
        }
        self.not_claimant = re.compile(rf"\d|\b(?:{v.alternation('not_claimants')})\b")
        self.definite = re.compile(rf"^(?:{v.before('articles')})")
        self.clause_verbs = re.compile(rf"\b(?:{v.alternation('clause_verbs')})\b")
        self.not_openers = (
            set(v.words("place_prepositions"))
            | set(v.words("clause_breaks"))
            | set(v.words("not_claimant_openers"))
        )
        self.platform = re.compile(
            rf" (?:{v.alternation('place_prepositions')})"
            rf" (?:{v.alternation('claim_platforms')})\b.*$"
        )
        self.count_end = re.compile(rf"^(?:\s*$|[,;.)]| (?:{v.alternation('count_followers')}) )")
        self.national = set(v.words("national_claimants"))
        self.vague_claimant = re.compile(rf"(?:(?:{v.alternation('vague_claimant_words')})\b\W*)+$")
        self.clitic = re.compile(rf"(?i) (?:{v.alternation('clitics')})$")
        self.elided_victims = re.compile(
            rf"^(?: (?:{v.alternation('of_them')}|{v.alternation('of_whom')}))?"
            rf"(?: (?:{v.alternation('auxiliaries')})){{1,3}} "
        )
        self.of_them = re.compile(rf" (?:{v.alternation('of_them')})\b")
        self.auxiliaries = re.compile(rf"(?: (?:{v.alternation('auxiliaries')})\b)* ?")
        self.age_phrase = re.compile(
            rf"^(?:\d+(?:-| )(?:{v.alternation('age_after')})\b"
            rf"|(?:{v.before('of_words')})\d+ (?:{v.alternation('age_after')})\b)\s*"
        )
        self.age_after = re.compile(rf"(?:-| )(?:{v.alternation('age_after')})\b")
        self.age_before = re.compile(rf"\b(?:{v.alternation('age_before')}) $")
        counts, to = v.alternation("count_nouns"), v.alternation("count_to")
        self.total_before = {
            c: re.compile(
                rf"\b(?:{counts}) (?:{v.before('of_words')})?"
                rf"(?:{v.alternation('casualties', c, 'nouns')})\b[^,;.]{{0,40}}\b(?:{to}) $"
            )
            for c in CASUALTIES
        }
        # "put the death toll at three", "the toll climbed from five to seven"
        self.named_toll = {
            c: re.compile(
                rf"\b(?:{v.alternation('casualties', c, 'tolls')})\b[^,;.]{{0,40}}\b(?:{to}) $"
            )
            for c in CASUALTIES
        }
        self.total_after = {
            c: re.compile(
                rf"^ (?:{v.before('articles')})?(?:{counts}) (?:{v.before('of_words')})?"
                rf"(?:{v.alternation('casualties', c, 'nouns')})\b"
            )
            for c in CASUALTIES
        }


def _claim_verb(v: Vocabulary) -> str:
    """A verb of reporting with what may come before it: "a indiqué", "a de nouveau fait
    savoir", "s'est contenté d'annoncer", but not "s'est déclaré" (a fire breaks out); a
    verb of counting only right before a number ("Il compte huit blessés", not "il compte
    se rendre sur place")."""
    words = r"(?:\w+(?: |'(?=\w)))"
    aux, reflexive = v.alternation("claim_aux"), v.alternation("claim_aux_reflexive")
    between = rf"(?:{aux}) {words}{{0,3}}|(?:{reflexive}) {words}{{1,2}}"
    number = rf"(?:\d|(?:{v.alternation('numbers', 'words')})\b)"
    counting = rf"(?:{v.alternation('counting_verbs')}) (?=(?:[\w']+ ){{0,2}}{number})"
    return rf"(?:{between})?(?:(?:{v.alternation('claim_verbs')})\b|{counting})"


def _claimant_patterns(v: Vocabulary) -> tuple[re.Pattern, ...]:
    """ "selon X" / "according to X", "X a annoncé" / "X said", ", a indiqué X" / ", said X"."""
    articles = v.before("articles")
    claim = _claim_verb(v)
    before = v.alternation("claim_before")
    # A clause opens the text, or follows a comma, a semicolon, a colon or a dash ("06:20 —").
    opening = r"(?:^|[,;:] | - )"  # on folded text, where every dash is "-"
    possessive = (  # "the air force's count was 205"
        [re.compile(rf"{opening}(?:{articles})?([^,;:«»\"()]{{3,60}}?)'s (?:{tallies})\b")]
        if (tallies := v.alternation("tally_nouns")) != "(?!x)x"
        else []
    )
    return (
        *possessive,
        re.compile(rf"\b(?:{before}) (?:{articles})?([^,.;:«»\"()]{{3,90}})"),
        # "Oleksii Drozdenko, who heads the city's administration, put the number…"
        re.compile(
            rf"{opening}(?:{articles})?([^,;:«»\"()]{{2,90}}?)"  # "Il assure", "He said"
            rf"(?:, (?:{v.alternation('relative_pronouns')}) [^,;:«»\"()]{{1,90}},)?,? {claim}"
        ),
        re.compile(rf"[,»\"] {claim} (?:{articles})?([^,.;:«»\"()]{{3,90}})"),
    )


def extract_figures(
    doc: Document,
    primary: Place | None,
    other_days: frozenset[int] = frozenset(),
) -> tuple[dict[str, Count | None], Drones]:
    """The casualty counts and drone counts of the event. `other_days` are the sentences
    (by start) dated to another day than the event's: their figures are another event's."""
    words: _Words = doc.vocabulary.memo("figures", _Words)
    claims: dict[str, list[_Claim]] = {
        name: [] for name in (*CASUALTIES, "launched", "downed", "hit")
    }
    told: tuple[str, int] | None = None  # the last casualty count: (category, position)
    for number in doc.numbers:
        sentence = doc.sentence_of(number.start)
        if doc.is_earlier(number.start, sentence) or doc.in_a_name(number.start, number.end):
            continue  # "après que deux drones ont frappé le Kremlin": an earlier event
        if _is_age(doc, words, number) or sentence.start in other_days:
            continue
        categories = _casualty_categories(doc, words, number, sentence)
        revised = False
        if not categories and told and _goes_on_with(doc, words, told[1], number):
            categories, revised = [told[0]], True  # "Deux blessés d'abord, puis sept"
        for casualty in categories:
            told = (casualty, number.start)
            if not elsewhere(doc, sentence.start, sentence.end, primary):
                claim = _claim(doc, words, number, sentence)
                claims[casualty].append(
                    dataclasses.replace(claim, revised=True) if revised else claim
                )
        category = _drone_category(doc, words, number, sentence)
        if category and _other_direction(doc, number, sentence, primary):
            category = None
        if category:
            clause_start, clause_end = _drone_scope(doc, words, sentence, number)
            scope = _scope(doc, words, sentence, clause_start, clause_end, primary)
            if scope == "incident" and _national_count(
                doc, words, sentence, clause_start, clause_end
            ):
                scope = "nationwide"
            if category == "hit" and scope == "regional":
                scope = "incident"  # drones that hit, hit a site: no region's night is counted
            # A nation's count covers every region; a region's must be the event's own.
            if scope == "nationwide" or not elsewhere(doc, clause_start, clause_end, primary):
                claims[category].append(_claim(doc, words, number, sentence, scope))
    claims["hit"].extend(_ranked_hits(doc, words, other_days, primary))
    _parts_of_national_totals(doc, claims)
    _local_parts(doc, words, claims, primary)
    counts = {
        c: chosen.count() if (chosen := _best(words, claims[c])) else None for c in CASUALTIES
    }
    _add_zero_and_vague(doc, words, counts, primary)
    drones = Drones(
        **{
            k: _with_breakdown(doc, words, _best(words, claims[k], widest=k != "hit"))
            for k in ("launched", "downed", "hit")
        }
    )
    return counts, drones


def other_side_totals(doc: Document, primary: Place | None) -> list[Sentence]:
    """The sentences that count the other side's drones over a whole night and no town of
    it ("Moscou assure que 117 drones ukrainiens ont été abattus dans la nuit", in an article
    on a strike in Ukraine): the strikes of that night on the other country, another event."""
    words: _Words = doc.vocabulary.memo("figures", _Words)
    found: list[Sentence] = []
    for number in doc.numbers:
        sentence = doc.sentence_of(number.start)
        if sentence in found or doc.is_earlier(number.start, sentence):
            continue
        if not _other_direction(doc, number, sentence, primary) or not _drone_category(
            doc, words, number, sentence
        ):
            continue  # the nationality first: a regex, where the category reads the clause
        clause_start, clause_end = _drone_scope(doc, words, sentence, number)
        if not _places_struck(doc, clause_start, clause_end) or (
            _scope(doc, words, sentence, clause_start, clause_end, primary) == "nationwide"
        ):
            found.append(sentence)
    return found


def _goes_on_with(doc: Document, words: _Words, before: int, number: Number) -> bool:
    """The number goes on with the casualty count told at `before`, in its paragraph: "Deux
    blessés dans un premier temps, puis sept", "le ministère en recensait 13"."""
    return before >= doc.paragraph_start(number.start) and bool(
        words.count_goes_on.search(doc.folded, max(before, number.start - 40), number.start)
    )


def _ranked_hits(
    doc: Document, words: _Words, other_days: frozenset[int], primary: Place | None
) -> list[_Claim]:
    """ "Un deuxième drone s'est abattu sur un autre convoi", "a third came down on…": the
    rank of the last drone to hit is how many hit, when no count says more."""
    found = []
    for match in words.ranked_hit.finditer(doc.folded):
        sentence = doc.sentence_of(match.start())
        if sentence.start in other_days or elsewhere(doc, sentence.start, sentence.end, primary):
            continue
        if match.group(2) is None and not words.drone_nouns.search(
            doc.folded, doc.sentences[max(0, doc.sentence_index(sentence) - 1)].start, match.start()
        ):
            continue  # "a third came down": drones must have been told of just before
        value = words.ordinals[match.group(1)]
        found.append(
            _Claim(value, None, claimant(doc, words, sentence), sentence.evidence, match.start())
        )
    return found


def _local_parts(
    doc: Document, words: _Words, claims: dict[str, list[_Claim]], primary: Place | None
) -> None:
    """ "Quatre personnes ont été tuées en Ukraine, dont trois à Odessa": the part told for the
    event's place is the event's toll; the total covers more (it is kept, of a wider scope)."""
    if primary is None:
        return
    gazetteer = doc.resources.gazetteer
    capital_of = gazetteer.regions_with_capital(primary.name)
    told = [c.evidence.start for k in CASUALTIES for c in claims[k]]
    for category in CASUALTIES:
        for index, claim in enumerate(list(claims[category])):
            if claim.value is None or told.count(claim.evidence.start) > 1:
                # "4 tués et 9 blessés, dont 3 à Odessa": whose part, the text does not say
                continue
            sentence = doc.sentence_of(claim.position)
            for number in doc.numbers_between(claim.position + 1, sentence.end):
                if number.value is None:
                    continue
                if number.value >= claim.value or not words.of_whom_before.search(
                    doc.folded[max(0, number.start - 12) : number.start]
                ):
                    continue
                places = [
                    gazetteer.places[i]
                    for m, i in doc.places_between(number.end, min(sentence.end, number.end + 60))
                    if not re.search(r"[,;:()]", doc.folded[number.end : m.start])
                ]
                if words.people.match(_strip_of(words, doc.folded[number.end : number.end + 30])):
                    continue  # "dont deux enfants": who, not where
                if places and compatible(places[0], primary, capital_of):
                    claims[category][index] = dataclasses.replace(claim, scope="regional")
                    part = _Claim(
                        number.value,
                        number.qualifier,
                        claim.claimed_by,
                        claim.evidence,
                        number.start,
                    )
                    claims[category].append(part)
                    break


def _parts_of_national_totals(doc: Document, claims: dict[str, list[_Claim]]) -> None:
    """ "la Russie a lancé 82 drones. À 8h30, 63 avaient été neutralisés": a count that names
    no place, told right after a national total and not larger, is part of that night's count."""
    starts = [s.start for s in doc.sentences]
    national = [  # each national total, with its value
        (c, c.value)
        for k in ("launched", "downed", "hit")
        for c in claims[k]
        if c.scope == "nationwide" and c.value
    ]
    for kind in ("launched", "downed", "hit"):
        for i, claim in enumerate(claims[kind]):
            if claim.scope != "incident" or claim.value is None or _names_a_place(doc, claim):
                continue
            here = bisect.bisect_left(starts, claim.evidence.start)
            if any(
                0 <= here - bisect.bisect_left(starts, t.evidence.start) <= 1
                and t.position < claim.position
                and claim.value <= total
                for t, total in national
            ):
                claims[kind][i] = dataclasses.replace(claim, scope="nationwide")


def _names_a_place(doc: Document, claim: _Claim) -> bool:
    return bool(doc.places_between(claim.evidence.start, claim.evidence.end))


def _counted_regions(doc: Document, words: _Words, sentence: Sentence) -> bool:
    """ "au-dessus de 13 régions", "over ten regions": a count of regions is a nation's night."""
    return doc.memo(
        ("counted regions", sentence.start),
        lambda: any(
            words.region_plural.match(doc.folded, n.end)
            for n in doc.numbers_between(sentence.start, sentence.end)
            if (n.value or 0) >= 2
        ),
    )


def _national_count(doc: Document, words: _Words, sentence: Sentence, start: int, end: int) -> bool:
    """A count by a ministry or an air force, for no town in particular: the night's total."""
    who = claimant(doc, words, sentence)
    if who is None or fold(who) not in words.national:
        return False
    gazetteer = doc.resources.gazetteer
    return not any(gazetteer.places[i].kind != "region" for _, i in doc.places_between(start, end))


def _other_direction(
    doc: Document, number: Number, sentence: Sentence, primary: Place | None
) -> bool:
    """ "23 drones ukrainiens" in an article about a strike on Kharkiv: the other side's drones."""
    if primary is None or primary.country is None:
        return False
    own = (
        doc.vocabulary.node("nationality").get(primary.country)
        if isinstance(doc.vocabulary.node("nationality"), dict)
        else None
    )
    if not own:
        return False
    pattern = doc.vocabulary.compiled(
        f"nationality_{primary.country}",
        lambda v: rf"\b(?:{v.alternation('nationality', primary.country)})\b",
    )
    return bool(pattern.search(doc.folded, number.end, min(sentence.end, number.end + 30)))


def _scope(
    doc: Document, words: _Words, sentence: Sentence, start: int, end: int, primary: Place | None
) -> str:
    """`nationwide` when the sentence counts over many regions or the whole country, and its
    clause names no town; `regional` when its clause names a region and no town; `incident`
    otherwise."""
    towns_in_clause = any(p.kind in _TOWN_KINDS for p in _places_struck(doc, start, end))
    national_words = doc.memo(
        ("nationwide", sentence.start),
        lambda: bool(words.nationwide.search(doc.folded, sentence.start, sentence.end)),
    )
    if (not towns_in_clause and national_words) or _counted_regions(doc, words, sentence):
        return "nationwide"
    in_sentence = _places_struck(doc, sentence.start, sentence.end)  # not where drones came from
    kinds = [p.kind for p in in_sentence]
    regions = [p for p in in_sentence if p.kind == "region"]
    if len({r.name for r in regions}) >= 3:
        return "nationwide"
    in_clause = _places_struck(doc, start, end)
    if in_clause and all(p.kind == "region" for p in in_clause):
        return "regional"
    if (
        not in_clause
        and "region" in kinds
        and not any(k in ("city", "town", "village", "district", "site") for k in kinds)
    ):
        return "regional"
    return "incident"


def _with_breakdown(doc: Document, words: _Words, chosen: _Chosen | None) -> DroneCount | None:
    """A drone total with its parts by place, from its sentence and the two after it:
    "dont 17 ont été abattus en Crimée", "dans les régions de Briansk (16), Smolensk (7)";
    a total whose parts name two places or more covers more than the strike."""
    if chosen is None:
        return None
    count, scope = chosen.count(), chosen.claim.scope
    fields = count.__dict__
    if count.value is None or not count.evidence:
        return DroneCount(**fields, scope=scope)
    first = count.evidence[0]
    index = next((i for i, s in enumerate(doc.sentences) if s.start == first.start), None)
    sentences = doc.sentences[index : index + 3] if index is not None else []
    shares: dict[str, Share] = {}
    gazetteer = doc.resources.gazetteer
    for sentence in sentences:
        if (
            sentence is not sentences[0]
            and not words.drone_nouns.search(doc.folded, sentence.start, sentence.end)
            and not re.search(r"\(\d+\)", sentence.text)
        ):
            continue
        for match, place_index in doc.places_between(sentence.start, sentence.end):
            # Windows, not the whole sentence: a hostile sentence of many places stays linear.
            before = doc.folded[max(sentence.start, match.start - _WINDOW) : match.start]
            after = doc.folded[match.end : min(sentence.end, match.end + _WINDOW)]
            share = re.match(r"^ ?\((\d+)\)", after) or words.share_before_place.search(before)
            if share and 0 < int(share.group(1)) < count.value:
                name = gazetteer.places[place_index].name
                shares.setdefault(name, Share(name, int(share.group(1)), [sentence.evidence]))
    if len(shares) >= 2 or (shares and scope == "regional"):
        scope = "nationwide"  # its parts are told by place: it covers more than one
    return DroneCount(**fields, breakdown=list(shares.values()), scope=scope)


def _clause(
    doc: Document, words: _Words, sentence: Sentence, start: int, end: int
) -> tuple[int, int]:
    """The clause around [start, end): between the clause breaks (punctuation, "dont",
    "while"…) around it, in its sentence. The breaks of a sentence are found once."""
    starts, ends = doc.memo(
        ("clause breaks", sentence.start), lambda: _breaks(doc, words, sentence)
    )
    before = bisect.bisect_right(ends, start)
    after = bisect.bisect_left(starts, end)
    return (ends[before - 1] if before else sentence.start), (
        starts[after] if after < len(starts) else sentence.end
    )


def _breaks(doc: Document, words: _Words, sentence: Sentence) -> tuple[list[int], list[int]]:
    spans = [m.span() for m in words.clause_end.finditer(doc.folded, sentence.start, sentence.end)]
    return [s for s, _ in spans], [e for _, e in spans]


def _drone_scope(
    doc: Document, words: _Words, sentence: Sentence, number: Number
) -> tuple[int, int]:
    """A drone count's clause; "…sur divers sites, dont Kyiv et Lviv" adds where they struck,
    while "…60 drones, dont 17 en Crimée" only breaks the total down."""
    start, end = _clause(doc, words, sentence, number.start, number.end)
    continuation = re.match(
        rf"[, ]*(?:{doc.vocabulary.alternation('of_whom')}) ", doc.folded[end : sentence.end]
    )
    if continuation:
        place_start = end + continuation.end()
        if doc.place_at(place_start) is not None:
            _, end = _clause(doc, words, sentence, place_start, place_start + 1)
    return start, end


def _strip_of(words: _Words, text: str) -> str:
    """ "de drones", "of (the) drones": the noun after the preposition that joins it to the
    number; "a 63-year-old man": the noun after the age."""
    text = text.lstrip(" ")
    age = words.age_phrase.match(text)
    text = text[age.end() :] if age else text
    match = words.of.match(text)
    if not match:
        return text
    rest = text[match.end() :]
    article = words.definite.match(rest)  # "69 of the drones"
    return rest[article.end() :] if article else rest


def _is_age(doc: Document, words: _Words, number: Number) -> bool:
    """ "un homme de 45 ans", "a 38-year-old guard", "aged 67": an age, not a count."""
    return bool(
        words.age_after.match(doc.folded, number.end)
        or words.age_before.search(doc.folded[max(0, number.start - 15) : number.start])
    )


def _casualty_categories(
    doc: Document, words: _Words, number: Number, sentence: Sentence
) -> list[str]:
    folded = doc.folded
    clause_start, clause_end = _clause(doc, words, sentence, number.start, number.end)
    following = next(
        (
            n.start
            for n in doc.numbers_between(number.end + 1, clause_end)
            if not _is_age(doc, words, n)
        ),
        clause_end,
    )
    after = folded[number.end : following]
    before = folded[clause_start : number.start]
    # "porte à trois le nombre de tués", "the number of dead to 10"
    totals = [
        c
        for c in CASUALTIES
        if words.total_after[c].match(after)
        or words.total_before[c].search(
            folded[max(sentence.start, number.start - 80) : number.start]
        )
    ]
    if totals:
        return totals[:1]
    rest = folded[number.end : sentence.end]
    elided = words.elided_victims.match(rest)
    if elided:
        # "huit ont été hospitalisés", "three of whom were taken to hospital": victims told of
        verbs = [c for c in CASUALTIES if words.verbs[c].match(rest, elided.end())]
        if verbs:
            return verbs[:1]
    part_of = words.part_of.match(after)
    if part_of and doc.number_at(number.end + part_of.end()) is None:
        return []  # "Three of the wounded are children", "deux des blessés": some of them
    # "3 morts", "deux personnes tuées", "45 blessés graves", "3 dead"
    head = re.match(r"^ ?(?:de |of )?(?:\w+ )?", after)
    assert head is not None  # every part of it is optional: it always matches
    found = [
        c
        for c in CASUALTIES
        if (noun := words.nouns[c].search(after, 0, 40)) and noun.start() <= head.end() + 1
    ]
    if found:
        return found
    window = folded[max(sentence.start, number.start - 80) : number.start]
    tolls = [c for c in CASUALTIES if words.named_toll[c].search(window)]
    if tolls:
        return tolls[:1]  # "the toll climbed to seven", unless a noun says what it counts
    person = words.people.match(_strip_of(words, after))
    bare = words.count_end.match(after)  # "wounding 11,", "blessant 35 dans…"
    if person or bare:
        # "la mort de trois personnes", "blessant 35 autres", "killing three people", "wounding 11,"
        tail = before[-30:]
        for category in CASUALTIES:
            tail_verbs = list(words.verbs[category].finditer(tail))
            if (
                tail_verbs
                and tail_verbs[-1].end() >= len(tail) - 12
                and not _counted_by(doc, number.start - len(tail) + tail_verbs[-1].start())
            ):  # not "sept tués et douze personnes…": that verb is another number's noun
                return [category]
    if person or words.of_whom_before.search(folded[max(0, number.start - 12) : number.start]):
        # "trois employés ont perdu la vie", "dont 35 ont été hospitalisés",
        # "of whom 8 were hospitalised"
        verb_starts = {c: m.start() for c in CASUALTIES if (m := words.verbs[c].search(after))}
        if not verb_starts and person:
            return _verb_past_an_apposition(doc, words, number, sentence)
        return sorted(verb_starts, key=verb_starts.__getitem__)
    return []


def _verb_past_an_apposition(
    doc: Document, words: _Words, number: Number, sentence: Sentence
) -> list[str]:
    """ "deux femmes, de 71 et 67 ans, ont dû être hospitalisées", "Seven people, among them
    a girl, were killed": the verb after an apposition between commas."""
    rest = doc.folded[number.end : sentence.end]
    apposition = re.match(r"[^,;.:]{1,40}, [^,;.:]{1,80}, ", rest)
    if apposition is None:
        return []
    verb = words.auxiliaries.match(rest, apposition.end() - 1)
    at = verb.end() if verb else apposition.end()
    return [c for c in CASUALTIES if words.verbs[c].match(rest, at)][:1]


def _counted_by(doc: Document, word_start: int) -> bool:
    """Whether a number stands right before the word at `word_start` ("sept tués"), not
    across a comma ("on Oct. 4, killing one man")."""
    return any(
        not doc.folded[n.end : word_start].strip()
        for n in doc.numbers_ending_in(word_start - 2, word_start)
    )


def _drone_category(doc: Document, words: _Words, number: Number, sentence: Sentence) -> str | None:
    folded = doc.folded
    if words.debris.search(folded, max(sentence.start, number.start - 20), number.start):
        return None  # "les débris d'un drone sont tombés": no strike
    after = folded[number.end : sentence.end]
    whole = words.part_of_a_number.search(
        folded, max(sentence.start, number.start - 20), number.start
    )
    if whole and _drone_noun(words, after) is not None:
        return "launched"  # "69 of 73 drones", "69 des 73 drones": 73 were sent
    if words.total_opening.fullmatch(folded, sentence.start, number.start):
        # "Of the eight drones recorded, six reached…": eight is the whole
        return "launched" if _drone_noun(words, after) is not None else None
    part_of = words.part_of.match(after)
    if part_of:
        # "abattu 45 des 63 drones", "shot down 45 of the 63 drones": 45 is counted by the
        # verb before it
        following = doc.number_at(number.end + part_of.end())
        noun = _drone_noun(words, folded[following.end : sentence.end]) if following else None
        if following is not None and noun is not None:
            behind = _verb_before(doc, words, sentence, number)
            if behind:
                return behind
            window = folded[following.end + noun : sentence.end][:_WINDOW]
            verbs_ahead = [
                (kind == "launched", m.start(), kind)  # "9 of the 10 drones launched … were downed"
                for kind, pattern in words.drone_verbs.items()
                for m in [pattern.search(window)]
                if m
            ]
            return min(verbs_ahead)[2] if verbs_ahead else None
    noun_length = _drone_noun(words, after)
    if noun_length is None:
        if words.hit_nouns.match(after) and words.drone_nouns.search(
            folded, sentence.start, sentence.end
        ):
            return "hit"  # "176 drones abattus …, et 24 impacts répartis sur 15 sites"
        return _elided_drones(doc, words, sentence, number)
    noun_end = number.end + noun_length
    limit = min(sentence.end, noun_end + _WINDOW)
    window_end = words.verb_window_end.search(folded, noun_end, limit)
    forward = folded[noun_end : window_end.start() if window_end else limit]
    ahead = [
        (m.start(), kind)
        for kind, pattern in words.drone_verbs.items()
        for m in [pattern.search(forward)]
        if m
    ]
    behind = _verb_before(doc, words, sentence, number, with_distance=True)
    choices = ahead + ([behind] if behind else [])
    return min(choices)[1] if choices else None


def _elided_drones(doc: Document, words: _Words, sentence: Sentence, number: Number) -> str | None:
    """ "Air defences shot down 52.", "en ont abattu 45", "six d'entre eux ont touché": a
    number that stands for drones told of just before, with a drone verb right before or after."""
    index = doc.sentence_index(sentence)
    context = doc.sentences[max(0, index - 1) : index + 1]
    if not any(_names_drones(doc, words, s) for s in context):
        return None
    if number.value == 1 and not doc.folded[number.start : number.end][:1].isdigit():
        return None  # "a", "un": only with their noun
    behind = _verb_before(doc, words, sentence, number, with_distance=True)
    behind = behind[1] if behind and behind[0] <= 15 else None
    of_them = words.of_them.match(doc.folded, number.end)
    rest = of_them.end() if of_them else number.end
    auxiliaries = words.auxiliaries.match(doc.folded, rest)
    assert auxiliaries is not None  # any number of auxiliaries, none included: it always matches
    verb_start = auxiliaries.end()
    ahead = [
        kind for kind, pattern in words.drone_verbs.items() if pattern.match(doc.folded, verb_start)
    ]
    if ahead and (verb_start > rest or of_them):
        return ahead[0]  # "six d'entre eux ont touché", "dont neuf ont été détruits"
    if of_them or re.match(
        r"^(?:\s*$|[,;.)]| (?:et|and) )", doc.folded[number.end : number.end + 5]
    ):
        return behind
    return None


def _names_drones(doc: Document, words: _Words, sentence: Sentence) -> bool:
    """Whether the sentence names drones (asked for each of its numbers: answered once)."""
    return doc.memo(
        ("names drones", sentence.start),
        lambda: bool(words.drone_nouns.search(doc.folded, sentence.start, sentence.end)),
    )


def _drone_noun(words: _Words, after: str) -> int | None:
    """The length of "de drones", " Ukrainian attack drones" after a number, or None (also
    for "a drone attack", where the drone only qualifies the attack)."""
    rest = _strip_of(words, after)
    modifiers = words.drone_modifiers.match(rest)
    assert modifiers is not None  # any number of modifiers, none included: it always matches
    noun = words.drone_nouns.match(rest, modifiers.end())
    if not noun or words.drone_compound.match(rest, noun.end()):
        return None
    return len(after) - len(rest) + noun.end()


def _verb_before(
    doc: Document, words: _Words, sentence: Sentence, number: Number, with_distance: bool = False
):
    """The drone verb closest before the number in its clause ("avoir détruit dans la nuit 54"),
    with its distance to the number when asked."""
    clause_start, _ = _clause(doc, words, sentence, number.start, number.end)
    backward = doc.folded[clause_start : number.start]
    hits = [
        (len(backward) - m.end(), kind)
        for kind, pattern in words.drone_verbs.items()
        for m in pattern.finditer(backward)
    ]
    if not hits:
        return None
    nearest = min(hits)
    return nearest if with_distance else nearest[1]


def _claim(
    doc: Document, words: _Words, number: Number, sentence: Sentence, scope: str = "incident"
) -> _Claim:
    revised = bool(
        words.revision.search(doc.folded, max(sentence.start, number.start - 60), number.start)
    ) or _announces_a_revision(doc, words, sentence)
    return _Claim(
        number.value,
        number.qualifier,
        claimant(doc, words, sentence),
        sentence.evidence,
        number.start,
        revised,
        scope,
    )


def _announces_a_revision(doc: Document, words: _Words, sentence: Sentence) -> bool:
    """ "Le bilan s'aggrave encore. L'administration annonce neuf morts.": the sentence
    before, in the paragraph, says the toll is revised and gives no number after saying so."""
    before = doc.neighbour_in_paragraph(sentence, -1)
    if before is None:
        return False
    marker = words.revision.search(doc.folded, before.start, before.end)
    return marker is not None and not doc.numbers_between(marker.end(), before.end)


_PRONOUN = "<pronoun>"  # a claimant that is a pronoun: its sentence's subject is said before


def claimant(doc: Document, words: _Words, sentence: Sentence) -> str | None:
    """Who the sentence attributes its figures to: "selon X", ", a indiqué X", "X a annoncé",
    "according to X", "X said". A listed organisation goes by its canonical name; a person
    by their name and role ("Vasily Golubev, gouverneur de la région de Rostov"); anyone
    else by the words of the text ("un responsable ukrainien"). See `_claimants`."""
    return doc.memo("claimants", lambda: _claimants(doc, words)).get(sentence.start)


def _claimants(doc: Document, words: _Words) -> dict[int, str]:
    """Sentence start → its claimant, in one pass over the text: the sentence's own; else,
    for a pronoun ("Il assure…", "He said…"), the subject of the sentence before; else the
    claimant of the sentence before in its paragraph, or, for a paragraph that is a
    quotation ("… le communiqué suivant :" then « … »), of the paragraph before."""
    found: dict[int, str] = {}
    last: str | None = None  # the claimant of the sentence before, in the paragraph
    subject: str | None = None  # what a pronoun in the next sentence stands for
    quoting = False  # inside a quotation that runs over several paragraphs
    for sentence in doc.sentences:
        if sentence.start in doc.paragraph_openers:
            quotation = quoting or doc.text[sentence.start : sentence.start + 1] in '«"“'
            last = last if quotation else None
            subject = None
        quoting = _open_quotation(sentence.text, quoting)
        own = _claimant_in(doc, words, sentence)
        if own is _PRONOUN:
            own = subject
        if own and words.tally_told_before.search(doc.folded, sentence.start, sentence.end):
            _claim_what_was_told(doc, sentence, own, found)  # "C'est X qui a livré ce bilan"
        who = own or last
        if who:
            found[sentence.start] = who
        last = who
        subject = own or _first_named(doc, sentence.start, sentence.end) or subject
    return found


def _claim_what_was_told(doc: Document, sentence: Sentence, who: str, found: dict) -> None:
    """ "Quatre blessés. … C'est Viatcheslav Nehoda qui a livré ce bilan": the sentences of
    this paragraph and of the one before, up to `sentence`, that no one claims are `who`'s."""
    this_paragraph = doc.paragraph_start(sentence.start)
    since = doc.paragraph_start(this_paragraph - 1) if this_paragraph else 0
    for before in doc.sentences[: doc.sentence_index(sentence)]:
        if before.start >= since:
            found.setdefault(before.start, who)


def _open_quotation(text: str, quoting: bool) -> bool:
    """Whether a quotation is still open after `text` ("« Plus de 40 drones… " then lines
    of the communiqué up to its closing »)."""
    for mark in re.findall(r"[«»]", text):
        quoting = mark == "«"
    return quoting


def _first_named(doc: Document, start: int, end: int) -> str | None:
    """The first listed organisation or person, or the first name of a person, between start
    and end: in a sentence, what a pronoun after it stands for ("Le ministère… n'a rien dit
    du site. Il assure avoir abattu…")."""
    listed = next(
        (m for m in doc.matches_in(start, end) if m.kind in ("organisation", "person")), None
    )
    person = next(iter(doc.people.within(start, end)), None)
    if person and (listed is None or person[0] < listed.start):
        return _person_in(doc, *person)
    return _name_of(doc, listed) if listed else None


def _name_of(doc: Document, match: Match) -> str | None:
    """The claimant a match of a listed organisation or of a person stands for."""
    if match.kind == "organisation":
        return doc.resources.entities[match.index].name
    return _person_in(doc, match.start, match.end)


def _claimant_in(doc: Document, words: _Words, sentence: Sentence) -> str | None:
    segment = doc.folded[sentence.start : sentence.end]
    pronoun = None  # "selon lui": said only when the sentence names no one
    for pattern in words.claimant:
        for match in pattern.finditer(segment):
            who = _claimant_of(doc, words, *(sentence.start + i for i in match.span(1)))
            if who == _PRONOUN:
                pronoun = who
            elif who:
                return who
    return _antecedent(doc, words, sentence) or _giver_of_a_tally(doc, words, sentence) or pronoun


def _antecedent(doc: Document, words: _Words, sentence: Sentence) -> str | None:
    """ "… in the statement of Russia's defence ministry, which said that…": the listed
    organisation or person right before a relative pronoun and a claim verb."""
    relative = words.relative_claim.search(doc.folded, sentence.start, sentence.end)
    if not relative:
        return None
    window = max(sentence.start, relative.start() - 120)
    spans = [
        (m.start, m.end)
        for m in doc.matches_in(window, relative.start())
        if m.kind in ("organisation", "person")
    ] + [(s, e) for s, e in doc.person_spans if window <= s and e <= relative.start()]
    # right before the relative pronoun, or before an apposition ("X, à la tête de…, qui")
    named = [
        (s, e)
        for s, e in spans
        if re.fullmatch(r"(?:, [^,;.]{1,80})?", doc.folded[e : relative.start()])
    ]
    if not named:
        return None
    start, end = max(named)
    return _first_named(doc, start, end)


def _claimant_of(doc: Document, words: _Words, start: int, end: int) -> str | None:
    """Who the words at start:end that a claim pattern found name, if anyone."""
    folded, text = doc.folded, doc.text
    if words.object_pronoun.match(folded, start):
        return _PRONOUN
    platform = words.platform.search(folded[start:end])
    end = start + platform.start() if platform else end
    agent = words.agent.search(folded, start, end)  # "selon le bilan dressé par X": X
    start = agent.end() if agent else start
    subordinator = words.subordinator.match(folded, start, end)  # ", when regional police put"
    start = subordinator.end() if subordinator else start
    if words.pronoun.match(folded, start, end):
        return _PRONOUN
    head = _apposition_head(doc, start)
    if head:
        return head  # "Baza, a channel that cites the security services, said": Baza
    if (
        words.not_claimant.search(folded, start, min(end, start + 60))
        or not _not_a_clause(words, folded[start:end])
        or any((n.value or 0) >= 2 for n in doc.numbers_between(start, end))
    ):
        return None  # "Une trentaine, avance X": a count, not who gives it
    organisations = [m for m in doc.matches_in(start, end) if m.kind == "organisation"]
    if organisations:
        return doc.resources.entities[organisations[0].index].name
    person = _person_in(doc, start, end)
    if person:
        return person
    when = leading_date_words(doc.vocabulary).match(folded[start:end])  # "samedi les autorités"
    start += when.end() if when else 0
    phrase = words.clitic.sub("", text[start:end].strip().lstrip("-–—•* "))
    opener = fold(phrase.split(" ", 1)[0]) if phrase else ""
    if opener in words.not_openers:
        return None  # ", notamment dans une raffinerie, ont annoncé": no one
    if phrase and (len(phrase.split()) <= 10 or words.bare_role.fullmatch(fold(phrase))):
        article = words.definite.match(fold(phrase))
        phrase = phrase[article.end() :] if article else phrase
        return (
            _person_by_role(doc, words, phrase, start)
            or doc.bare_body(fold(phrase))
            or _lower_determiner(phrase, doc.vocabulary)
        )
    return None


def _giver_of_a_tally(doc: Document, words: _Words, sentence: Sentence) -> str | None:
    """ "Baza, qui…, livre une version plus détaillée : …", "X gave her own tally: …": the
    first listed organisation or person before a colon that a tally noun comes just before."""
    colon = words.tally_colon.search(doc.folded, sentence.start, sentence.end)
    return _first_named(doc, sentence.start, colon.start()) if colon else None


def _apposition_head(doc: Document, start: int) -> str | None:
    """The listed organisation or person a claimant phrase stands in apposition to: the
    name right before its comma ("Baza, a Telegram channel…, said")."""
    comma = doc.vocabulary.compiled(  # ", a Telegram outlet that…": the article may be read
        "apposition_comma", lambda v: rf", (?:{v.before('articles')}|an? )?$"
    ).search(doc.folded[max(0, start - 8) : start])
    if comma is None:
        return None
    end = max(0, start - 8) + comma.start()
    for match in doc.match_spans.ending_in(end, end):
        if match.kind in ("organisation", "person"):
            return _name_of(doc, match)
    return None


def _person_by_role(doc: Document, words: _Words, phrase: str, at: int) -> str | None:
    """ "le maire", "the regional governor": a role alone (the claimant `phrase`, at `at`)
    stands for the person named right after it, or else for the one the text named with
    that role (or a synonym: "l'édile") before it ("le maire de Kyiv, Vitali Klitschko")."""
    role = words.bare_role.fullmatch(fold(phrase))
    if role is None:
        return None
    after = at + len(phrase)
    # "a annoncé le maire, Vitali Klitschko"
    following = next(iter(doc.people.starting_in(after + 1, after + 4)), None)
    nouns = {role.group(1), *words.role_synonyms.get(role.group(1), [])}
    named_so = re.compile(rf"\b(?:{'|'.join(map(re.escape, nouns))})\b")
    person = following or next(
        (
            (start, end)
            for start, end in reversed(doc.person_spans)
            if end <= at and named_so.search(doc.folded, max(0, start - 80), end + 80)
        ),
        None,
    )
    if person is None:
        return None
    named = _person_in(doc, *person)
    return named if named is None or ", " in named else f"{named}, {phrase}"


def _person_in(doc: Document, start: int, end: int) -> str | None:
    """ "le gouverneur de la région de Rostov, Vassili Goloubev": the person's name and role."""
    listed = [m for m in doc.matches_in(start, end) if m.kind == "person"]
    spans = [(m.start, m.end) for m in listed] or doc.people.within(start, end)
    if not spans:
        return None
    name_start, name_end = spans[0]
    entity = doc.resources.entities[listed[0].index] if listed else None
    name = entity.name if entity else doc.text[name_start:name_end]
    role = entity.role if entity and entity.role else None
    if role is None:
        rest = (doc.text[start:name_start] + " " + doc.text[name_end:end]).strip(" ,")
        if doc.vocabulary.pattern("role_nouns").search(fold(rest)) and len(rest.split()) <= 10:
            article = doc.vocabulary.compiled(
                "definite_article", lambda v: rf"^(?:{v.before('articles')})"
            )
            opening = article.match(fold(rest))
            role = rest[opening.end() :] if opening else rest
    return f"{name}, {role}" if role else name


def _not_a_clause(words: _Words, folded: str) -> bool:
    """A claimant is a noun phrase: no verb of its own ("a", "ont", "has", "was"…)."""
    return words.clause_verbs.search(folded) is None


def _lower_determiner(phrase: str, vocabulary: Vocabulary) -> str:
    """ "Un responsable ukrainien" at the head of a sentence is "un responsable ukrainien"."""
    first = phrase.split(" ", 1)[0]
    if first.lower() in vocabulary.words("indefinite_articles"):
        return phrase[:1].lower() + phrase[1:]
    return phrase


@dataclass(frozen=True)
class _Chosen:
    """The claim a field takes, with the evidence of every claim of the same value."""

    claim: _Claim
    evidence: list[Evidence]
    claimed_by: str | None

    def count(self) -> Count:
        c = self.claim
        return Count(c.value, c.qualifier, self.claimed_by, self.evidence)


def _best(words: _Words, claims: list[_Claim], widest: bool = False) -> _Chosen | None:
    """One figure per field, of one scope (the strike's own count before a region's, before
    a nation's; for drones launched and downed, which ministries and air forces count for
    the night, the widest first); in it, a revised toll before the first one, exact counts
    before approximate ones, the largest (a total, not a part)."""
    if not claims:
        return None
    order = [_SCOPE_ORDER[c.scope] for c in claims]
    chosen_scope = max(order) if widest else min(order)
    in_scope = [c for c in claims if _SCOPE_ORDER[c.scope] == chosen_scope]
    revised = [c for c in in_scope if c.revised and c.value is not None]
    if revised:
        best = max(revised, key=lambda c: c.position)  # the latest revision the text gives
    else:
        exact = [c for c in in_scope if c.value is not None and c.qualifier in (None, "at_least")]
        pool = exact or [c for c in in_scope if c.value is not None] or in_scope
        # the largest; of one number, "one dead" before "at least one person died"
        best = max(pool, key=lambda c: (c.value or 0, c.qualifier is None, -c.position))
    same = [c for c in claims if c.value == best.value]
    return _Chosen(
        best,
        list(dict.fromkeys(c.evidence for c in same)),
        _most_specific(words, [best.claimed_by, *(c.claimed_by for c in same)]),
    )


def _most_specific(words: _Words, claimants: list[str | None]) -> str | None:
    """Of the claimants who give one figure, the one who names a source: a lede's "officials
    said" or "les autorités" yields to the governor or the ministry the body of the text
    quotes with the same figure. On a tie, the first."""
    return max(claimants, key=lambda who: _specificity(words, who), default=None)


def _specificity(words: _Words, claimant: str | None) -> int:
    """0: no claimant; 1: words that name no one ("Russian officials", "les autorités
    locales"); 2: anyone else."""
    if not claimant:
        return 0
    return 1 if words.vague_claimant.match(fold(claimant)) else 2


_SCOPE_ORDER = {"incident": 0, "regional": 1, "nationwide": 2}


def _add_zero_and_vague(
    doc: Document, words: _Words, counts: dict[str, Count | None], primary: Place | None
) -> None:
    """ "Personne n'a été blessé": no one injured (deaths unknown). "Aucune victime": neither.
    "Des personnes tuées": killed, number unknown. Of the sentences that say no one, the one
    that names this figure alone ("no one was hurt" before "no casualties"), then the one
    with the most specific claimant, gives the claimant."""
    nobody: dict[str, list[tuple[int, str | None, Evidence]]] = {"killed": [], "injured": []}
    for sentence in doc.sentences:
        if elsewhere(doc, sentence.start, sentence.end, primary):
            continue
        said = [
            k
            for k in ("killed", "injured", "both")
            if words.nobody[k].search(doc.folded, sentence.start, sentence.end)
        ]
        if said and not doc.is_earlier(sentence.end, sentence):
            who = claimant(doc, words, sentence)
            for category in ("killed", "injured"):
                if category in said:
                    nobody[category].append((2, who, sentence.evidence))
                elif "both" in said:
                    nobody[category].append((1, who, sentence.evidence))
            continue
        segment = doc.folded[sentence.start : sentence.end]
        if words.vague.search(segment) and not any(
            n.value for n in doc.numbers_between(sentence.start, sentence.end)
        ):
            for category in ("killed", "injured"):
                if (
                    counts[category] is None
                    and not nobody[category]
                    and (
                        words.verbs[category].search(segment)
                        or words.nouns[category].search(segment)
                    )
                ):
                    counts[category] = Count(None, "unspecified", None, [sentence.evidence])
    for category, sentences in nobody.items():
        if counts[category] is None and sentences:
            said_so = max(sentences, key=lambda s: (s[0], _specificity(words, s[1])))
            evidence = [said_so[2], *(s[2] for s in sentences if s is not said_so)]
            counts[category] = Count(0, None, said_so[1], evidence)
