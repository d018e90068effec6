"""How a stage applies its pure functions: `call(function, *arguments)`.

Stages import nothing else of the incremental layer: by default they apply their functions
plainly; the orchestrator gives them a namespace's `call`, which keeps each result under the
function's name and a digest of its arguments (store.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
#: How a stage applies a pure function to its arguments: `call(function, *arguments)`.
Call = Callable[..., Any]


def apply(function: Callable[..., T], *arguments: Any) -> T:
    """The plain `Call`: `function(*arguments)`."""
    return function(*arguments)
