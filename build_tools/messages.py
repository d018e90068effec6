"""The `archive` command's words in its user's language: French, or English when the locale
says so.

Messages are written in English in the code, wrapped in `_()` (or `ngettext()` when they
count), and the command's help is its docstrings and options' help; the French catalogue,
`build_tools/locale/fr/LC_MESSAGES/archive.po`, gives them all in French. The language is
that of the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set (gettext's order):
English when it starts with "en", French otherwise, and French when none is set. The
catalogue is compiled in memory (Babel) the first time a message is needed, so the
repository holds text files only; `make messages` extracts the messages from the code and
merges them into the catalogue with Babel's tools (pybabel extract, update).
"""

from __future__ import annotations

import datetime
import gettext
import io
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel's catalogue tools (50 ms to import) load when a catalogue is read
    from babel.messages.catalog import Catalog

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "archive"
#: The locale variables, in the order gettext reads them.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# The catalogue's dates: fixed, so that updating it changes only what changed.
_FIXED = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)


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


def template() -> Catalog:
    """Every message of the command, as Babel's extraction finds them in the code (`_`,
    `ngettext`) plus the help of each command and option (docstrings and `help=`)."""
    import click
    from babel.messages.extract import extract_from_dir

    from build_tools.cli import cli

    found = _empty_catalogue()
    root = Path(__file__).parent
    keywords = {"_": None, "ngettext": (1, 2)}
    for filename, line, message, _comments, _context in extract_from_dir(
        root, keywords=keywords, comment_tags=()
    ):
        found.add(message, locations=[(f"build_tools/{filename}", line)])
    commands: list[click.Command] = [cli, *cli.commands.values()]
    for command in commands:
        for text in (command.help, *(getattr(p, "help", None) for p in command.params)):
            if text:
                found.add(text, locations=[("build_tools/cli.py", 0)])
    return found


def update_catalogue(lang: str = "fr") -> Path:
    """Merge the code's messages into `lang`'s catalogue (Babel's update): new messages
    come in untranslated, changed ones fuzzy, gone ones commented out."""
    from babel.messages.pofile import read_po, write_po

    path = catalogue_path(lang)
    if path.is_file():
        with path.open("rb") as po:
            existing = read_po(po, locale=lang, domain=DOMAIN)
    else:
        existing = _empty_catalogue(lang)
    existing.update(template())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, existing, width=100, sort_output=True, include_lineno=False)
    return path


def _empty_catalogue(lang: str | None = None) -> Catalog:
    """A catalogue of the command's domain, dated `_FIXED` so that an update changes only
    what changed."""
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=lang,
        domain=DOMAIN,
        project="archive",
        creation_date=_FIXED,
        revision_date=_FIXED,
        header_comment="# The archive command's messages (build_tools/messages.py).",
    )


if __name__ == "__main__":
    print(update_catalogue())
