"""Generated files made again only when what they are made of changed (an incident's own
data file: its incident and its articles' records).

The namespace keeps, for each file by its path, the digest of its inputs in the last
build. A file of the same inputs is given as a function that makes it: the writer calls
it only when docs/ no longer holds the file as the last build left it. One article added
to 20,000 makes again the files of the few incidents it changes, where composing,
encoding and comparing all 9,700 of them (180 MB) took a second."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from build_tools.export import Content
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
