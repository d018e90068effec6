"""The `archive` command's words in its user's language: French, or English when the locale
says so.

Messages are written in English in the code, wrapped in `_()` (or `ngettext()` when they
count), and the command's help is its docstrings and options' help; the French catalogue,
`build_tools/locale/fr/LC_MESSAGES/archive.po`, gives them all in French. The language is
that of the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set (gettext's order):
English when it starts with "en", French otherwise, and French when none is set. The
catalogue is compiled in memory (Babel) the first time a message is needed, so the
repository holds text files only; `make messages` extracts the messages from the code and
merges them into the catalogue (build_tools/message_catalogue.py).

A problem of the corpus is found when a file is read, and kept in the build's cache with
what was read; it is shown later, maybe to someone speaking another language. So it is a
`Message`, English text and its values, put into the reader's language when it is shown.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable
from functools import cache, total_ordering
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "archive"
#: The locale variables, in the order gettext reads them.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language() -> str:
    """ "en" when the user's locale is English, else "fr"."""
    value = next((os.environ[v] for v in LOCALE_VARIABLES if os.environ.get(v)), "")
    return "en" if value.lower().startswith("en") else "fr"


def catalogue_path(lang: str) -> Path:
    """Where `lang`'s catalogue is (a gettext .po file)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; messages as written (English) when it has none."""
    path = catalogue_path(lang)
    if not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        read = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, read)  # fuzzy entries are left out: they fall back to English
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """`message` in the user's language."""
    return catalogue(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the user's language."""
    return catalogue(language()).ngettext(singular, plural, n)


@total_ordering
class Message:
    """`text` with `{name}` placeholders and their values, said in the language of whoever
    reads it (`str()`), not of whoever made it. A value may be a Message itself. Messages
    compare by their English wording, so that lists of problems sort the same in every
    language."""

    __slots__ = ("text", "values")

    def __init__(self, text: str, /, **values: Any):
        self.text = text
        self.values = tuple(sorted(values.items()))

    def said(self, translate: Callable[[str], str] = _) -> str:
        """The message in the language of `translate` (the user's by default)."""
        values = {
            name: value.said(translate) if isinstance(value, Message) else value
            for name, value in self.values
        }
        return translate(self.text).format(**values)

    def english(self) -> str:
        """The message as written in the code."""
        return self.said(lambda text: text)

    def __str__(self) -> str:
        return self.said()

    def __repr__(self) -> str:
        return f"Message({self.english()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.text, self.values) == (other.text, other.values)

    def __lt__(self, other: Message) -> bool:
        return self.english() < other.english()

    def __hash__(self) -> int:
        return hash((self.text, self.values))
