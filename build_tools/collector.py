"""The cyclic garbage collector, paused where a build makes or reads millions of objects
and no reference cycle: the collector, run whenever enough objects were made, would go
over all of them again and again. Reference counting frees what is dropped meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in the block; the collector as it was after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
