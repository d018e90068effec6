"""Typed schemas for front matter and curation files, with messages that say what to write.

A schema is a table of fields, each with a small pure normaliser (Pelican's
METADATA_PROCESSORS): the normaliser returns the clean value or raises ValueError whose
message says what was expected. `validate_mapping` applies a table to a YAML mapping and
collects every problem with its line, so a contributor sees them all in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import yaml

from build_tools.errors import Problem
from build_tools.messages import Message
from build_tools.model import PartialDate
from build_tools.yamlsafe import key_lines, value_node

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """One key of a schema: its normaliser, whether it is required, its default, and a help line."""

    parse: Callable[[Any], Any] | None = None
    required: bool = False
    default: Any = None
    help: Message | None = None
    schema: Mapping[str, Field] | None = None  # for a nested mapping (overrides)


def text(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise ValueError(Message("expected text"))
    result = str(value).strip()
    if not result:
        raise ValueError(Message("is empty; write some text"))
    return result


def partial_date(value: Any) -> PartialDate:
    try:
        parsed = PartialDate.parse(str(value))
    except ValueError:
        raise ValueError(
            Message("{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", value=str(value))
        ) from None
    if _after(parsed, today()):
        raise ValueError(
            Message(
                "{date} is in the future; give the date it happened or was published",
                date=parsed.iso,
            )
        )
    return parsed


def today() -> date:
    """Today's date, as validation reads it: the read step's fingerprint names it too
    (build_tools/pipeline.py), so that a date refused today is read again tomorrow."""
    return date.today()


def _after(parsed: PartialDate, today: date) -> bool:
    """True when every day the partial date may stand for is after today."""
    first_day = date(parsed.year, parsed.month or 1, parsed.day or 1)
    return first_day > today


def http_url(value: Any) -> str:
    url = text(value)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            Message("{url!r} is not a web address; expected http:// or https://", url=url)
        )
    if parts.username or parts.password:
        raise ValueError(Message("the address contains a user name or password; remove them"))
    if any(c.isspace() for c in url):
        raise ValueError(Message("{url!r} contains spaces; encode them as %20", url=url))
    return url


def language(value: Any) -> str:
    code = text(value).lower()
    if not re.fullmatch(r"[a-z]{2}", code):
        raise ValueError(
            Message(
                "{code!r} is not a language code; expected two letters (ISO 639-1), e.g. fr",
                code=code,
            )
        )
    return code


def slug(value: Any) -> str:
    result = text(value)
    if not SLUG.fullmatch(result):
        raise ValueError(
            Message(
                "{value!r} is not an id; expected lowercase ASCII words joined by hyphens, "
                "e.g. 2025-07-01-ijevsk-kupol",
                value=result,
            )
        )
    return result


def count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            Message("{value!r} is not a count; expected a whole number, 0 or more", value=value)
        )
    return value


def latitude(value: Any) -> float:
    if not _is_degrees(value, 90):
        raise ValueError(
            Message(
                "{value!r} is not a latitude; expected decimal degrees from -90 to 90",
                value=value,
            )
        )
    return float(value)


def longitude(value: Any) -> float:
    if not _is_degrees(value, 180):
        raise ValueError(
            Message(
                "{value!r} is not a longitude; expected decimal degrees from -180 to 180",
                value=value,
            )
        )
    return float(value)


def _is_degrees(value: Any, bound: int) -> bool:
    """True when `value` is a number (not a boolean) from -`bound` to `bound`."""
    return (
        not isinstance(value, bool) and isinstance(value, (int, float)) and -bound <= value <= bound
    )


def country(value: Any) -> str:
    code = text(value).upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(
            Message(
                "{code!r} is not a country code; expected ISO 3166-1 alpha-2, e.g. RU or UA",
                code=code,
            )
        )
    return code


def text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(Message("expected a list, e.g. [Izhevsk, Ijevsk]"))
    return [text(v) for v in value]


def slug_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(Message("expected a list of ids, e.g. [article-id, other-article-id]"))
    return [slug(v) for v in value]


def choice(*allowed: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        result = text(value)
        if result not in allowed:
            raise ValueError(
                Message(
                    "{value!r} is not one of: {allowed}", value=result, allowed=", ".join(allowed)
                )
            )
        return result

    return parse


def validate_mapping(
    data: Any,
    node: yaml.Node | None,
    fields: Mapping[str, Field],
    *,
    path: str,
    line_offset: int = 0,
    prefix: str = "",
) -> tuple[dict[str, Any], list[Problem]]:
    """Apply a field table to one YAML mapping; return the clean values and every problem."""
    where = node.start_mark.line + 1 + line_offset if node is not None else line_offset
    if not isinstance(data, dict):
        kind = Message("nothing") if data is None else type(data).__name__
        key = prefix.rstrip(".") or Message("this")
        wrong = Message("{key}: expected a mapping of keys, found {kind}", key=key, kind=kind)
        return {}, [Problem(path, where, wrong)]
    lines = {k: n + line_offset for k, n in key_lines(node).items()}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key in data:
        name = str(key)
        if name not in fields:
            hint = difflib.get_close_matches(name, list(fields), n=1)
            unknown = (
                Message(
                    "{key}: unknown key; did you mean {hint!r}?", key=prefix + name, hint=hint[0]
                )
                if hint
                else Message(
                    "{key}: unknown key; expected one of: {keys}",
                    key=prefix + name,
                    keys=", ".join(fields),
                )
            )
            problems.append(Problem(path, lines.get(name, where), unknown))
    for name, spec in fields.items():
        line = lines.get(name, where)
        if name not in data or data[name] is None:
            if spec.required:
                missing = (
                    Message("{key}: missing; {help}", key=prefix + name, help=spec.help)
                    if spec.help
                    else Message("{key}: missing", key=prefix + name)
                )
                problems.append(Problem(path, where, missing))
            elif spec.default is not None:
                values[name] = spec.default() if callable(spec.default) else spec.default
            continue
        if spec.schema is not None:
            nested, nested_problems = validate_mapping(
                data[name],
                value_node(node, name),
                spec.schema,
                path=path,
                line_offset=line_offset,
                prefix=f"{prefix}{name}.",
            )
            values[name] = nested
            problems.extend(nested_problems)
            continue
        try:
            values[name] = spec.parse(data[name]) if spec.parse else data[name]
        except ValueError as exc:
            problems.append(
                Problem(
                    path, line, Message("{key}: {reason}", key=prefix + name, reason=reason(exc))
                )
            )
    return values, problems


def reason(error: ValueError) -> Message | str:
    """What a normaliser's error says was wrong, as a message to show later."""
    said = error.args[0] if error.args else ""
    return said if isinstance(said, Message) else str(said)
