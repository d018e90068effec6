"""One build at a time in a project: two builds writing docs/, site/ and the store at once
mixed their files (a site with a zip it did not link, a page record missing a page).

The lock is the kernel's (flock) on a file beside the project's store, holding the pid of
the build that has it: the kernel lets go of it when that process ends, however it ends,
so a lock left by a killed build is simply taken by the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from build_tools.errors import ArchiveError
from build_tools.incremental.folders import store_path
from build_tools.messages import _


class BuildRunning(ArchiveError):
    """Another build of the same project holds the lock."""


def lock_path(root: Path) -> Path:
    return store_path(root).with_name("build.lock")


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock for the block; BuildRunning, naming the process that
    holds it, when another build has it. When the cache folder cannot be written (a
    read-only home), the lock is taken on the project folder itself, with no pid to give."""
    path = lock_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError:
        with _folder_lock(root):
            yield
        return
    with file:
        _take(file, holder=lambda: _living((file.seek(0), file.read().strip())[1]))
        with contextlib.suppress(OSError):  # the pid is for the message; a full disk keeps it
            file.seek(0)
            file.truncate()
            file.write(str(os.getpid()))
            file.flush()
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                file.seek(0)
                file.truncate()


@contextmanager
def _folder_lock(root: Path) -> Iterator[None]:
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _take(descriptor, holder=lambda: "")
        yield
    finally:
        os.close(descriptor)


def _living(pid: str) -> str:
    """The pid read from the lock file if that process runs, else "": a build that has just
    taken the lock has not written its pid yet, and the file still holds that of the build
    before it (one killed cannot clear it)."""
    if not pid.isdigit():
        return ""
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, OverflowError):  # no such process; no such pid
        return ""
    except PermissionError:  # it runs, as another user
        pass
    return pid


def _take(file: IO[str] | int, holder: Callable[[], str]) -> None:
    try:
        fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise BuildRunning(
            _(
                "another build of this project is running (process {pid}); wait for it to"
                " end, then build again"
            ).format(pid=holder() or "?")
        ) from None
