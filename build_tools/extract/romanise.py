"""Russian and Ukrainian names in Latin letters, as a language's press writes them.

GeoNames gives small towns their Cyrillic names and a few transliterations, rarely the French
one: "Kamensk-Chakhtinski", "Naberejnye Tchelny", "Chostka" are nowhere in it. The tables
of `romanisation` in each language's section of `corpus/lexicon.yml` say how that language
writes each letter; this module applies them, deterministically: endings first ("-ский" →
"-ski"), then letters, some of which read otherwise at the start of a word or after a vowel
("Елабуга" → "Ielabouga"), only at its very start ("Йошкар-Ола" → "Iochkar-Ola", but
"Майкоп" → "Maïkop"), or between vowels ("с" → "ss").
"""

from __future__ import annotations

import re
from typing import Any

_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_VOWELS = frozenset("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
_WORD = re.compile(r"([^\s-]+)")


def is_cyrillic_name(name: str) -> bool:
    """A place name written in Cyrillic letters only (with spaces, hyphens, apostrophes)."""
    return bool(re.fullmatch(r"[А-ЯЁІЇЄҐ][А-Яа-яЁёІіЇїЄєҐґ'’ -]+", name))


def script_of(name: str, country: str | None) -> str:
    """`uk` for a name with letters only Ukrainian has, or of a town of Ukraine; `ru` else."""
    return "uk" if country == "UA" or _UKRAINIAN_ONLY.intersection(name) else "ru"


def romanise(name: str, tables: dict[str, Any], script: str) -> str:
    """The name in the Latin letters of `tables` (one language's `romanisation`)."""
    table = tables.get(script) or {}
    for cyrillic, latin in (tables.get("joins") or {}).items():
        name = name.replace(cyrillic, latin)
    return _WORD.sub(lambda m: _word(m.group(1), table), name)


def _word(word: str, table: dict[str, Any]) -> str:
    if not any(c.isalpha() and ord(c) > 0x3FF for c in word):
        return word  # already Latin ("sur", "on")
    if len(word) > 1 and word.isupper():  # an acronym, letter by letter: ХТЗ → KhTZ
        return "".join(_word(letter, table) for letter in word)
    lower = word.lower()
    ending = ""
    for cyrillic, latin in sorted((table.get("endings") or {}).items(), key=lambda e: -len(e[0])):
        if lower.endswith(cyrillic) and len(lower) > len(cyrillic) + 1:
            lower, ending = lower[: -len(cyrillic)], str(latin)
            break
    letters = table.get("letters") or {}
    first = table.get("first") or {}
    initial = table.get("initial") or {}
    between = table.get("between_vowels") or {}
    out = []
    for i, char in enumerate(lower):
        previous = lower[i - 1] if i else ""
        following = lower[i + 1] if i + 1 < len(lower) else ending[:1]
        if not previous and char in first:
            out.append(str(first[char]))
        elif (not previous or previous in _VOWELS - {"ы"} or previous in "ьъ") and char in initial:
            out.append(str(initial[char]))
        elif (
            previous in _VOWELS
            and following
            and (following in _VOWELS or following in "aeiouy")
            and char in between
        ):
            out.append(str(between[char]))
        else:
            out.append(str(letters.get(char, char)))
    latin = "".join(out) + ending
    return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin
