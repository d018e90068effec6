"""What a step's stored values depend on besides their keys, as one digest.

A step names the modules it runs (`Step.modules`) and the data folders they read
(templates, a theme). Its fingerprint covers:

- the source of every module of the package those modules import, directly or not,
  read from the import statements (imports inside functions count: they run too) and
  the packages they sit in, whose `__init__` runs first;
- the files of its data folders;
- the Python version and the version of every installed distribution;
- explicit inputs the step names: today's date for reading the corpus (an article dated
  tomorrow is refused today, not tomorrow), the resources' digest for extraction.

Editing a module a step does not import leaves the step's values in place.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import distributions
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
PACKAGE_NAME = PACKAGE.name


@dataclass(frozen=True)
class Step:
    """A step of the pipeline as the store sees it: its namespace's name, the modules that
    make its values, and the data folders (under the package) that they read. A step's
    values that a build did not use are dropped (`pruned`) when they follow the corpus (a
    record per article); not when they follow the resources only (the gazetteer), which a
    build that extracts nothing does not read but the next one may. A step whose values a
    build seldom reads (the files of the pages it reuses) is read a value at a time, not
    `whole`."""

    name: str
    modules: tuple[str, ...]
    data: tuple[str, ...] = ()
    pruned: bool = True
    whole: bool = True

    def fingerprint(self, *inputs: object) -> str:
        """The digest of the step's code, data, installed versions and `inputs` (their repr)."""
        digest = hashlib.sha256(f"{self.name}\0{environment_fingerprint()}\0".encode())
        for path in sorted(set(module_files(self.modules)) | set(data_files(self.data))):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + _bytes(path))
        digest.update(repr(inputs).encode("utf-8"))
        return digest.hexdigest()


@cache
def _bytes(path: Path) -> bytes:
    return path.read_bytes()


@cache
def environment_fingerprint() -> str:
    """Changes with the Python version or the version of any installed distribution."""
    digest = hashlib.sha256(sys.version.encode())
    # Each distribution's metadata as written (it holds the name and the version), not
    # parsed: parsing takes three times as long, before every build. A set: the same
    # distribution can be found twice on sys.path (an editable install seen from its own
    # folder).
    for metadata in sorted(
        {d.read_text("METADATA") or d.read_text("PKG-INFO") or "" for d in distributions()}
    ):
        digest.update(b"\0" + metadata.encode("utf-8"))
    return digest.hexdigest()


def module_files(modules: Iterable[str]) -> list[Path]:
    """The source files of the modules and of every package module they import, sorted."""
    seen: set[str] = set()
    todo = [m for name in modules for m in _with_parents(name)]
    while todo:
        name = todo.pop()
        if name in seen or _source(name) is None:
            continue
        seen.add(name)
        todo.extend(m for imported in _imports(name) for m in _with_parents(imported))
    return sorted(path for name in seen if (path := _source(name)) is not None)


def data_files(folders: Iterable[str]) -> list[Path]:
    """The files under the package's data folders (templates, theme), sorted."""
    return sorted(
        path
        for folder in folders
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def _with_parents(name: str) -> list[str]:
    """A module and the packages it sits in: importing a.b.c runs a, a.b and a.b.c."""
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


@cache
def _source(name: str) -> Path | None:
    """The file of a module of the package, None for a name outside it (or not a module)."""
    parts = name.split(".")
    if parts[0] != PACKAGE_NAME:
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


#: An import statement at the head of a line (inside a function too): `import a.b as c, d`
#: or `from .a import b` or `from a import (b,\n c)`. Read as text, not parsed: this runs
#: before every build, and a docstring line that looks like an import only adds a module.
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n;]*)"
    r"|import[ \t]+(?P<modules>[^\n;]*))",
    re.MULTILINE,
)
_COMMENT = re.compile(r"#[^\n]*")


@cache
def _imports(name: str) -> tuple[str, ...]:
    path = _source(name)
    assert path is not None
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return tuple(imported_names(_bytes(path).decode("utf-8"), package))


def imported_names(source: str, package: str) -> list[str]:
    """Every module name the import statements of a module of `package` name, anywhere in
    it; for `from a import b`, both a and a.b (b may be a module)."""
    found: list[str] = []
    for match in _IMPORT.finditer(source):
        if match["modules"] is not None:
            found.extend(_named(match["modules"]))
            continue
        base = match["base"].lstrip(".")
        level = len(match["base"]) - len(base)
        if level:
            anchor = package.split(".")[: len(package.split(".")) - level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        found.append(base)
        found.extend(f"{base}.{imported}" for imported in _named(match["names"]))
    return found


def _named(names: str) -> list[str]:
    """The names of an import list: `(a as b,  # note\n c)` gives a and c."""
    items = _COMMENT.sub("", names).strip("()").split(",")
    return [item.split()[0] for item in items if item.split()]
