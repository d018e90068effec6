"""The few exception types of the archive, with messages a contributor can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one input file, located as precisely as we can."""

    path: str
    line: int
    message: str

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
