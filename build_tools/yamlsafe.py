"""Safe YAML for untrusted corpus files: no tags, no anchors or aliases, a size and depth cap,
line numbers kept.

PyYAML's SafeLoader already refuses arbitrary Python objects; on top of that we refuse
explicit tags (SafeLoader would still turn `!!binary` into bytes and `!!set` into a set),
anchors and aliases (a "billion laughs" document expands aliases exponentially) and
nesting deeper than any corpus file needs (PyYAML composes nodes recursively, so
thousands of `[` would end in a RecursionError), and keep the composed node tree so every
value can be reported with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from build_tools.messages import Message

MAX_YAML_BYTES = 1_000_000
#: Line breaks for YAML 1.1 (so for PyYAML's values and line numbers) that editors show as
#: nothing: a value would be folded there, and every line number after it be off by one.
_YAML_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
#: Control characters (tab and line breaks aside): an editor shows nothing where YAML
#: stops reading.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Articles nest two levels (overrides), curation files three (a list of entries with lists).
MAX_DEPTH = 20


class YamlProblem(Exception):
    """A YAML document that cannot be read; `line` is 1-based within the document."""

    def __init__(self, message: Message, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


class _StrictLoader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                Message("YAML aliases (*name) are not allowed in the corpus; write the value out"),
                event.start_mark.line + 1,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise YamlProblem(
                Message("YAML anchors (&name) are not allowed in the corpus; write the value out"),
                event.start_mark.line + 1,
            )
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlProblem(
                Message(
                    "YAML tags ({tag}) are not allowed in the corpus; write the value as plain"
                    " text",
                    tag=tag,
                ),
                event.start_mark.line + 1,
            )
        if self.depth >= MAX_DEPTH:
            raise YamlProblem(
                Message(
                    "YAML nested more than {depth} levels deep; no corpus file needs that",
                    depth=MAX_DEPTH,
                ),
                event.start_mark.line + 1,
            )
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, yaml.MappingNode):
            _refuse_repeated_keys(node)
        return node


def _refuse_repeated_keys(node: yaml.MappingNode) -> None:
    """YAML keeps the last of two equal keys and drops the first without a word: a corpus
    file that repeats a key loses a value its author meant."""
    first: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = key.start_mark.line + 1
        if key.value in first:
            raise YamlProblem(
                Message(
                    "{key}: this key is already given on line {line}, and YAML would keep only"
                    " this one; merge the two or rename one",
                    key=key.value,
                    line=first[key.value],
                ),
                line,
            )
        first[key.value] = line


# Dates stay strings: "2025-07" and "2025-07-03" must be read the same way, by our own parser.
# Booleans are YAML 1.2's, true and false only: YAML 1.1 also reads on, off, yes and no as
# booleans, and "on" is a French pronoun and an English preposition in the lexicon's lists.
_BOOL = "tag:yaml.org,2002:bool"
_BOOLEAN = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_StrictLoader.yaml_implicit_resolvers = {
    key: [
        (tag, _BOOLEAN if tag == _BOOL else regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Located:
    """A parsed YAML document with the composed node tree, for line numbers."""

    data: Any
    node: yaml.Node | None


def load_yaml(text: str, limit: int = MAX_YAML_BYTES) -> Located:
    """Parse one YAML document of at most `limit` bytes safely; raise YamlProblem with a
    line number on any error."""
    if len(text.encode("utf-8")) > limit:
        raise YamlProblem(Message("YAML is larger than {size} kB", size=limit // 1000), 1)
    separator = _YAML_LINE_BREAKS.search(text)
    if separator:
        raise YamlProblem(
            Message(
                "invisible line separator {code}, which YAML reads as a line break; delete it",
                code=f"U+{ord(separator.group()):04X}",
            ),
            text.count("\n", 0, separator.start()) + 1,
        )
    control = _CONTROL.search(text)
    if control:
        raise YamlProblem(
            Message(
                "invisible control character {code}; delete it",
                code=f"U+{ord(control.group()):04X}",
            ),
            text.count("\n", 0, control.start()) + 1,
        )
    try:  # the loader reads the text as it is made: a character YAML refuses stops it there
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as exc:
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlProblem(
            Message("character {code} is not allowed in YAML; delete it", code=code),
            text.count("\n", 0, exc.position) + 1,
        ) from None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(
            Message(
                "invalid YAML: {problem}; check quotes, brackets and indentation",
                problem=exc.problem or exc.context or "",
            ),
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Message("invalid YAML: {problem}", problem=str(exc)), 1) from None
    finally:
        loader.dispose()
    return Located(data, node)


def key_lines(node: yaml.Node | None) -> dict[str, int]:
    """Map each key of a YAML mapping node to the 1-based line of its key."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def value_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node, or None."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if str(k.value) == key:
                return v
    return None


def item_nodes(node: yaml.Node | None) -> list[yaml.Node]:
    """The item nodes of a sequence node (empty for anything else)."""
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def node_line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0
