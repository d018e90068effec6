"""Article files read again only when they changed.

The namespace keeps, for each article file by its path, the signature the file had when a
build read it (size, modification and change times, inode: build_tools/signature.py) and what
reading it gave, with the digests of its article and text. A file of the same signature is
not opened: nothing has written it since, for any write gives it a new change time, which
no program can set back. Reading 20,000 files, digesting their bytes and finding each
one's article in the store took 1.8 s of one article added, and digesting the articles and
their texts again 0.6 s, where their signatures take a tenth of that.

A file changed within a moment of being read could keep its change time on a file system
whose clock is coarse; so what a file that recent gave is not kept, and the next build
reads it again (git's "racily clean" files are handled alike). Nor is a file that could
not be opened: a permission, too many open files or a network file system may be why.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from build_tools.corpus import Read, unopened
from build_tools.incremental.store import Memo
from build_tools.model import Article
from build_tools.signature import Signature, signature_of

#: A file changed less than this long before it was read is read again by the next build.
SETTLED_NS = 2_000_000_000


class SourceReuse:
    """An `ArticleReader` (build_tools/corpus.py) keeping signatures and what was read in
    `memo`; `now_ns` gives the time it was made by (`time.time_ns`, tests give their own)."""

    def __init__(self, memo: Memo, now_ns: Callable[[], int] = time.time_ns):
        self.memo = memo
        self.settled_before = now_ns() - SETTLED_NS

    def __call__(self, path: Path, shown: str, read: Callable[[Path, str], Read]) -> Read:
        key = ("file", shown)
        signature = _plain_file_signature(path)
        last = self.memo.get(key) if signature is not None else None
        if last is not None and last[0] == signature:
            article, problems, digests = last[1]
            if article is not None:
                self.memo.remember(article, digests[0])
                self.memo.remember(article.text, digests[1])
            return article, list(problems)  # a copy: the caller may add to it
        article, problems = read(path, shown)
        settled = signature is not None and signature[2] < self.settled_before
        if settled and not unopened((article, problems)):
            digests = () if article is None else self._digests(article)
            self.memo.put(key, (signature, (article, tuple(problems), digests)))
        return article, problems

    def _digests(self, article: Article) -> tuple[bytes, bytes]:
        """The digests of the article and of its text, which the steps after reading key
        their values by (the record, the duplicate check's and the grouping's sketches)."""
        return self.memo.digest(article), self.memo.digest(article.text)


def _plain_file_signature(path: Path) -> Signature | None:
    """The signature of the file at `path`; None for anything but a plain file (a link, a
    folder), which `read` refuses with its reason, or for a path that cannot be examined."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return signature_of(status) if stat.S_ISREG(status.st_mode) else None
