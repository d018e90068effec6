"""How a stage applies its pure functions: `call(function, *arguments)`.

Stages import nothing else of the incremental layer: by default they apply their functions
plainly; the orchestrator gives them a namespace's `call`, which keeps each result under the
function's name and a digest of its arguments (store.py).

A function whose value over a set can be had from its value over a nearly equal set (the
pairs of near-duplicate texts of a corpus, from those of the corpus before one article was
added) is marked `from_last`: it takes a keyword `last`, one of its earlier values, which
may make it faster but never changes what it returns. `apply` gives it none; a
namespace's `call` gives it the value of its previous call, kept from build to build.

A function whose value is quicker to make again than to store and read back (a record
given its incident id) is marked `made_again`: a namespace's `call` makes it every time,
and digests the value by the call that made it rather than by its `repr`, which for a
record costs a hundred times more than the call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
#: How a stage applies a pure function to its arguments: `call(function, *arguments)`.
Call = Callable[..., Any]
F = TypeVar("F", bound=Callable[..., Any])


def apply(function: Callable[..., T], *arguments: Any) -> T:
    """The plain `Call`: `function(*arguments)`."""
    return function(*arguments)


def from_last(function: F) -> F:
    """Mark `function(*arguments, last=None)` as one that may start from an earlier value
    of its own (see the module's docstring)."""
    function.from_last = True  # type: ignore[attr-defined]
    return function


def starts_from_last(function: Callable[..., Any]) -> bool:
    return getattr(function, "from_last", False)


def made_again(function: F) -> F:
    """Mark `function` as one whose value is made every time, never stored (see the
    module's docstring)."""
    function.made_again = True  # type: ignore[attr-defined]
    return function


def is_made_again(function: Callable[..., Any]) -> bool:
    return getattr(function, "made_again", False)
