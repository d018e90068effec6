"""Generated files made again only where what they are made of changed: an incident's own
data file (its incident and its articles' records), and the lists of every record,
incident and map feature (articles.json, incidents.json, incidents.geojson).

The namespace keeps, for each incident's file by its path, the digest of its inputs in
the last build: a file of the same inputs is given as a function that makes it, which the
writer calls only when docs/ no longer holds the file as the last build left it. One
article added to 20,000 makes again the files of the few incidents it changes, where
composing, encoding and comparing all 9,700 of them (180 MB) took a second.

For each list, it keeps the digest of each item and the length of its text in the file,
in their order: a build given the file as the last one left it in docs/ takes the text of
every item of the same digest from it, and makes only the others. One article added to
20,000 makes one item of articles.json (87 MB), where reading the store's text of each item
and putting them together took 1.5 s for it alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from build_tools.export import Content, Frame, indented, list_of_indented, list_parts
from build_tools.incremental.store import Memo


class FileReuse:
    """A `FileMaker` (build_tools/export.py) keeping digests in `memo`; `reused_files`
    lists the files given as functions since it was made."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.reused_files: set[str] = set()

    def __call__(self, path: str, make: Callable[..., str], inputs: tuple) -> Content:
        key = ("file", path)
        made_from = self.memo.digest(inputs)
        if self.memo.get(key) == made_from:
            self.reused_files.add(path)
            return partial(make, *inputs)
        self.memo.put(key, made_from)
        return make(*inputs)


class ListReuse:
    """A `ListMaker` (build_tools/export.py) keeping its items' digests and lengths in
    `memo`; `left(path)` gives the bytes of the file at path as the last build left it in
    docs/, None when docs/ no longer holds it so."""

    def __init__(self, memo: Memo, left: Callable[[str], bytes | None]):
        self.memo = memo
        self.left = left

    def __call__(
        self,
        path: str,
        items: Sequence[Any],
        item_text: Callable[[Any], str],
        level: int,
        frame: Frame,
    ) -> bytes:
        digests = [self.memo.digest(item) for item in items]
        known = self._last_items(path, level, frame)
        texts = [
            known[d] if d in known else indented(item_text(item), level)
            for d, item in zip(digests, items, strict=True)
        ]
        self.memo.put(("list", path), (digests, [len(text) for text in texts]))
        return list_of_indented(texts, level, frame)

    def _last_items(self, path: str, level: int, frame: Frame) -> dict[bytes, memoryview]:
        """The text of each item of the file the last build left, by its digest; none when
        there is no such file, or it is not the list the last build recorded."""
        last = self.memo.get(("list", path))
        data = None if last is None or not last[0] else self.left(path)
        if data is None:
            return {}
        digests, lengths = last
        before, after = (part.encode("utf-8") for part in frame)
        opening, separator, closing = list_parts(level)
        around = len(before) + len(opening) + len(separator) * (len(lengths) - 1) + len(closing)
        if (
            len(data) != around + sum(lengths) + len(after)
            or not data.startswith(before + opening)
            or not data.endswith(closing + after)
        ):
            return {}
        view, items, start = memoryview(data), {}, len(before) + len(opening)
        for digest, length in zip(digests, lengths, strict=True):
            items[digest] = view[start : start + length]
            start += length + len(separator)
        return items
