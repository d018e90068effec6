"""The few exception types of the archive, with messages a contributor can act on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.messages import Message

PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one input file, located as precisely as we can."""

    path: str
    line: int
    message: Message

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


class ArchiveError(Exception):
    """Base class: the build or a command cannot go on, for a reason the user can fix."""


class CorpusError(ArchiveError):
    """The corpus has problems; all of them are listed, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class ImportFailure(ArchiveError):
    """A raw article cannot be imported (unreadable, empty, or its year cannot be told)."""


class ExtractionError(ArchiveError):
    """Extraction failed on one article: a bug, reported with the article it happened on."""


class BuildError(ArchiveError):
    """MkDocs or an output step failed."""


def raised_at(error: BaseException) -> str:
    """Where in the archive's code an unexpected error was raised, for a maintainer: the
    template line when a template raised it (Jinja puts its lines in the traceback), else
    the last line of the package on the way, as ' (at render/templates/incident.md.j2:12)'.
    Empty when the traceback never went through the package."""
    found = ""
    traceback = error.__traceback__
    while traceback is not None:
        path = Path(traceback.tb_frame.f_code.co_filename)
        if path.is_relative_to(PACKAGE):
            found = f"{path.relative_to(PACKAGE).as_posix()}:{traceback.tb_lineno}"
            if path.suffix == ".j2":
                break
        traceback = traceback.tb_next
    return f" (at {found})" if found else ""
