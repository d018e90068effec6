"""A file's signature: what tells, without reading the file, that nothing wrote it since.

Its size, modification and change times (ns) and inode, as os.stat gives them: any write
changes the change time, which no program can set back. That holds on the local file
systems of Linux and macOS; on a FAT drive or a network file system that caches what it
was last told, a file written in a way that keeps its size and times may go unseen.
"""

from __future__ import annotations

import os

Signature = tuple[int, int, int, int]


def signature_of(stat: os.stat_result) -> Signature:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino
