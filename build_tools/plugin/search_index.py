"""What the search index holds, and how it finds French as written.

Material's search plugin indexes every section of every page; its browser side (lunr)
builds the index each time a page opens, from file:// on the page's own thread, in time
that grows with the number of words. The archive repeats itself on purpose (an article's
sentences are quoted on its incident page, titles are listed on index and entity pages),
so the index keeps each text once, on the page that owns it (the decision, with its
measures, is written in docs/methodologie.md):

- an article: one document with its title, the first paragraph of its text (shown under
  the result) and every other word of the page's header and text once, in a field that
  is searched but not shown (the extracted facts are left out: they quote the text);
- an incident: its header (title, date, place, target, summary) and the other names of
  its place and target;
- a place, person, organisation, weapon or target: its header (name, spellings, role);
- lists (Articles, Incidents, Chronologie, Carte, Étiquettes, entity indexes, and the
  pages a long index is split into): nothing, since every line of them is the title of a
  page that is indexed. They say so in their front matter (`search: exclude: true`), so
  Material's search plugin does not even read them;
- Accueil and Statistiques: their introduction; hand-written pages: everything.

Lunr matches words exactly (Material adds a trailing wildcard), so "entrepot" would not find
"entrepôt". Each section gets extra fields, declared in the index's own config: the other
accent spellings of its words, that is the word without accents, and the accented
spellings met anywhere in the index (aliases included) for a word written without them.
A query typed with or without accents then meets the word either way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import Any

from build_tools import urls

#: Page kinds of which only the header (the part before the first heading) is indexed.
HEADER_ONLY = frozenset({"incident", "entity", "overview"})
#: The anchor of an article's text section.
ARTICLE_TEXT = "texte"
#: Pages of numbers and charts: their introduction is indexed, not their tables.
OVERVIEW_PAGES = frozenset({urls.HOME, urls.STATISTICS_PAGE})
#: Fields added to Material's (title, text, tags), with their boosts: the article words
#: past the first paragraph; the accent variants of the title and of the text (with the
#: boosts of the fields they stand for); a page's aliases, between text and title.
EXTRA_FIELDS = {"body": 1.0, "title_variants": 1e3, "text_variants": 1.0, "aliases": 1e2}
_TAG = re.compile(r"<[^>]*>")
_FIRST_PARAGRAPH = re.compile(r"\s*<p>.*?</p>", re.DOTALL)


def page_kind(page: str) -> str:
    """The kind of a page from its path in the site: article, incident, entity,
    overview, or page."""
    if page in OVERVIEW_PAGES:
        return "overview"
    folder = page.split("/", 1)[0] if "/" in page else ""
    if folder == "articles":
        return "article"
    if folder == "incidents":
        return "incident"
    if folder in urls.KIND_FOLDERS.values():
        return "entity"
    return "page"


@cache
def without_accents(word: str) -> str:
    """The word with its accents dropped (memoised: an index repeats its words many times)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def words(text: str, separator: re.Pattern) -> set[str]:
    """The lowercase words lunr makes of a field (Material splits on its separator,
    outside tags)."""
    return {w for w in separator.split(_TAG.sub(" ", text).lower()) if w}


def accent_variants(vocabulary: set[str]) -> dict[str, frozenset[str]]:
    """The other accent spellings of each word of the vocabulary that has some: the word
    without its accents, and the words of the vocabulary that are the same without them.
    Only words with a letter outside ASCII have accents; most words of an index do not."""
    accented: dict[str, set[str]] = defaultdict(set)
    for word in vocabulary:
        if not word.isascii():
            accented[without_accents(word)].add(word)
    variants: dict[str, frozenset[str]] = {}
    for bare, spelt in accented.items():
        forms = spelt | {bare}
        for word in forms & vocabulary if len(forms) > 1 else ():
            variants[word] = frozenset(forms - {word})
    return variants


def other_spellings(field_words: set[str], others: Mapping[str, frozenset[str]]) -> set[str]:
    """The other accent spellings (from `accent_variants`) of the words, not among them."""
    return set().union(*(others[word] for word in field_words & others.keys())) - field_words


def variants(field_words: set[str], others: Mapping[str, frozenset[str]]) -> str:
    """`other_spellings` as a field: sorted, space-separated ("" if none)."""
    return " ".join(sorted(other_spellings(field_words, others)))


def article_doc(
    header: dict[str, Any], text: dict[str, Any] | None, separator: re.Pattern
) -> dict[str, Any]:
    """An article page as one document: its title, the first paragraph of its text (shown
    under the result), and every other word of its header and text once, in `body`."""
    body = header.get("text", "")
    lede = ""
    if text is not None:
        first = _FIRST_PARAGRAPH.match(text["text"])
        lede = first.group(0) if first else ""
        body += " " + text["text"][len(lede) :]
    doc = {k: v for k, v in header.items() if k != "text"}
    return {
        **doc,
        "text": lede,
        "body": " ".join(sorted(words(body, separator) - words(lede, separator))),
    }


def kept_docs(docs: list[dict[str, Any]], separator: re.Pattern) -> list[dict[str, Any]]:
    """The documents the index keeps, in their order: see the module's docstring."""
    kept: list[dict[str, Any]] = []
    article_texts = {
        doc["location"].partition("#")[0]: doc
        for doc in docs
        if doc["location"].startswith(urls.ARTICLES + "/")
        and doc["location"].endswith("#" + ARTICLE_TEXT)
    }
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        kind = page_kind(page)
        if kind == "article":
            if not anchor:
                kept.append(article_doc(doc, article_texts.get(page), separator))
        elif kind not in HEADER_ONLY or not anchor:
            kept.append(doc)
    return kept


class IndexDocument:
    """A document of the index as the archive keeps it, with the words of its title and of
    its text (sorted lists).

    The site's record keeps every page's documents, and a rebuild needs the words of the
    pages that changed only: pickled, each list of words is one JSON text, made a list
    again when first asked for (unpickling the 4 million words of 33,000 pages one string
    at a time took a second at 20,000 articles)."""

    __slots__ = ("fields", "_title_words", "_text_words")

    def __init__(
        self, fields: dict[str, Any], title_words: list[str] | str, text_words: list[str] | str
    ) -> None:
        """Lists of words, or (unpickling) their JSON texts."""
        self.fields = fields
        self._title_words = title_words
        self._text_words = text_words

    @property
    def title_words(self) -> list[str]:
        self._title_words = _word_list(self._title_words)
        return self._title_words

    @property
    def text_words(self) -> list[str]:
        self._text_words = _word_list(self._text_words)
        return self._text_words

    def __reduce__(self) -> tuple:
        return (
            IndexDocument,
            (self.fields, _words_text(self._title_words), _words_text(self._text_words)),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndexDocument):
            return NotImplemented
        mine = (self.fields, self.title_words, self.text_words)
        return mine == (other.fields, other.title_words, other.text_words)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dictionary it holds

    def __repr__(self) -> str:
        return f"IndexDocument({self.fields!r}, {self.title_words!r}, {self.text_words!r})"


def _word_list(words: list[str] | str) -> list[str]:
    """A list of words, from its JSON text as pickled (`IndexDocument`)."""
    return json.loads(words) if isinstance(words, str) else words


def _words_text(words: list[str] | str) -> str:
    """A list of words as `IndexDocument` pickles it: its JSON text."""
    return words if isinstance(words, str) else json.dumps(words, ensure_ascii=False)


def page_documents(entries: list[dict[str, Any]], separator: re.Pattern) -> list[IndexDocument]:
    """Material's entries of pages (of one page, when a build records it), as the
    index keeps them."""
    return [
        IndexDocument(
            doc,
            sorted(words(doc.get("title", ""), separator)),
            sorted(words(doc.get("text", "") + " " + doc.get("body", ""), separator)),
        )
        for doc in kept_docs(entries, separator)
    ]


def searchable_index(
    config: dict[str, Any],
    documents: list[IndexDocument],
    aliases: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The search index of the documents (from `page_documents`), with Material's `config`:
    the accent variants of every document in fields of their own, and the aliases of a page
    (by its URL) on its first document."""
    aliases = aliases or {}
    separator = re.compile(config["separator"])
    alias_words = {
        location: alias_vocabulary(names, separator) for location, names in aliases.items()
    }
    vocabulary: set[str] = set().union(*alias_words.values())
    for doc in documents:
        vocabulary.update(doc.title_words, doc.text_words)
    others = accent_variants(vocabulary)
    return index_of(
        config,
        [
            {**doc.fields, **extra_fields(doc, others, alias_words.get(doc.fields["location"]))}
            for doc in documents
        ],
    )


def alias_vocabulary(aliases: list[str], separator: re.Pattern) -> set[str]:
    """The words of a page's aliases."""
    return words(" ".join(aliases), separator)


def extra_fields(
    doc: IndexDocument, others: Mapping[str, frozenset[str]], alias_words: set[str] | None
) -> dict[str, str]:
    """The fields the index adds to a document (those not empty): the other accent
    spellings of the words of its title and of its text (`others`: `accent_variants` of
    every word of the index), and for a page's first document, the words of the page's
    aliases with theirs."""
    extra = {
        "title_variants": variants(set(doc.title_words), others),
        "text_variants": variants(set(doc.text_words), others),
    }
    if alias_words is not None:
        extra["aliases"] = " ".join(sorted(alias_words | other_spellings(alias_words, others)))
    return {name: value for name, value in extra.items() if value}


def index_of(config: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The index of documents with their extra fields, its config declaring those fields."""
    fields = {
        **config["fields"],
        **{name: {"boost": boost} for name, boost in EXTRA_FIELDS.items()},
    }
    return {"config": {**config, "fields": fields}, "docs": docs}
