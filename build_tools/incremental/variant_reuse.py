"""The extra fields of the search index's documents (their accent variants and a page's
aliases: `search_index.extra_fields`), made again only where they can have changed.

A document's variants are the other spellings of its words met anywhere in the index, so
they depend on every page; but one article added changes a few pages, and the spellings of
a handful of words at most. The site record keeps, for each page, the extra fields of its
documents as the last build made them, and the vocabulary of the whole index (how many
pages hold each word). A build updates the vocabulary with the pages that changed, finds
the words whose other spellings differ from the last build's, and makes the extra fields
of the pages that changed and of those holding one of those words; the others keep theirs.
The result is the one `search_index.searchable_index` makes from every document
(tests/incremental/test_variant_reuse.py checks it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping

from build_tools.incremental.site_state import PageRecord
from build_tools.plugin.search_index import accent_variants, alias_vocabulary, extra_fields


def page_vocabulary(record: PageRecord, separator: re.Pattern) -> set[str]:
    """Every word of a page's documents and aliases."""
    found = alias_vocabulary(record.aliases, separator)
    for doc in record.search:
        found.update(doc.title_words, doc.text_words)
    return found


def updated_vocabulary(
    last: Counter | None,
    previous: Mapping[str, PageRecord],
    pages: Mapping[str, PageRecord],
    changed: Collection[str],
    separator: re.Pattern,
) -> Counter:
    """How many pages hold each word: `last` (that of the `previous` pages) with the pages
    `changed` (rebuilt) or added or gone taken out as they were and put in as they are;
    counted whole when there is no `last`."""
    if last is None:
        return Counter(word for page in pages.values() for word in page_vocabulary(page, separator))
    vocabulary = last.copy()
    moved = {src for src in changed if src in pages} | (pages.keys() ^ previous.keys())
    for src in moved:
        if src in previous:
            vocabulary.subtract(page_vocabulary(previous[src], separator))
        if src in pages:
            vocabulary.update(page_vocabulary(pages[src], separator))
    return +vocabulary  # without the words no page holds any more


def respelled(
    before: Mapping[str, frozenset[str]], after: Mapping[str, frozenset[str]]
) -> set[str]:
    """The words whose other spellings (`accent_variants`) differ."""
    return {word for word in before.keys() | after.keys() if before.get(word) != after.get(word)}


def with_extra_fields(
    pages: Mapping[str, PageRecord],
    locations: Mapping[str, str],
    vocabulary: Counter,
    last_vocabulary: Counter | None,
    fresh: Collection[str],
    separator: re.Pattern,
) -> set[str]:
    """Give each page's record the extra fields of its documents (`PageRecord.extra`): the
    pages `fresh` (rendered now, or with no record of their extra fields), and those holding
    a word whose other spellings changed since `last_vocabulary`, have them made again; the
    others keep those their record holds. `locations` gives each page's address, where
    its aliases go. Returns the pages whose extra fields were made again."""
    others = accent_variants(set(vocabulary))
    changed_words = (
        respelled(accent_variants(set(last_vocabulary)), others)
        if last_vocabulary is not None
        else set()
    )
    made: set[str] = set()
    for src, record in pages.items():
        if (
            last_vocabulary is None
            or src in fresh
            or len(record.extra) != len(record.search)
            or (changed_words and not changed_words.isdisjoint(page_vocabulary(record, separator)))
        ):
            aliases = alias_vocabulary(record.aliases, separator) if record.aliases else None
            record.extra = [
                extra_fields(
                    doc, others, aliases if doc.fields["location"] == locations[src] else None
                )
                for doc in record.search
            ]
            made.add(src)
    return made
