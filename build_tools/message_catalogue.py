"""The French catalogue's upkeep, for `make messages`: find every message of the command
in the code (Babel's extraction: `_`, `ngettext`, `Message`, and the help of each command
and option) and merge them into the catalogue (Babel's update).

Apart from `build_tools.messages` because it reads the whole command (`build_tools.cli`):
a stage that says a message must not depend on every module of the package.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from build_tools.cli import cli
from build_tools.messages import DOMAIN, catalogue_path

# The catalogue's dates: fixed, so that updating it changes only what changed.
_FIXED = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)


def template() -> Catalog:
    """Every message of the command, as Babel's extraction finds them in the code (`_`,
    `ngettext`, `Message`) plus the help of each command and option (docstrings and
    `help=`)."""
    found = _empty_catalogue()
    root = Path(__file__).parent
    keywords = {"_": None, "ngettext": (1, 2), "Message": None}
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
