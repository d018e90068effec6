"""Things found in a text (numbers, names, places), looked up by position.

The extractors ask of every number and every name what lies around it. A scan of every
item of the text for each of them made extraction quadratic in the text's length: one
article with 10,000 numbers took minutes. Kept sorted by start, with the length of the
longest, the items around a position are found by bisection, in time that grows with the
number of items found, not with the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Spans(Generic[T]):
    """Items with a start and an end, in the order of their starts (items that start at
    the same place keep their order)."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]):
        bounds = [(span(item), item) for item in items]
        bounds.sort(key=lambda pair: pair[0][0])
        self._items = [item for _, item in bounds]
        self._starts = [start for (start, _), _ in bounds]
        self._ends = [end for (_, end), _ in bounds]
        self._longest = max((end - start for (start, end), _ in bounds), default=0)

    def starting_in(self, start: int, end: int) -> list[T]:
        """The items that start at or after `start` and before `end`."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end, lo=low)
        return self._items[low:high]

    def starting_at(self, position: int) -> T | None:
        """The first item that starts at `position`, if any."""
        found = self.starting_in(position, position + 1)
        return found[0] if found else None

    def within(self, start: int, end: int) -> list[T]:
        """The items that lie wholly between `start` and `end`."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_right(self._starts, end, lo=low)
        return [self._items[i] for i in range(low, high) if self._ends[i] <= end]

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that share at least one character with `start`:`end`."""
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, end, lo=low)
        return [self._items[i] for i in range(low, high) if self._ends[i] > start]

    def containing(self, start: int, end: int) -> list[T]:
        """The items that hold all of `start`:`end`."""
        low = bisect.bisect_left(self._starts, end - self._longest)
        high = bisect.bisect_right(self._starts, start, lo=low)
        return [self._items[i] for i in range(low, high) if self._ends[i] >= end]

    def ending_in(self, start: int, end: int) -> list[T]:
        """The items that end at or after `start` and at or before `end`."""
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_right(self._starts, end, lo=low)
        return [self._items[i] for i in range(low, high) if start <= self._ends[i] <= end]
