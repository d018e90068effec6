"""Where the store and the compiled templates live: the user's cache folder, never the project."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket


def cache_home() -> Path:
    """The archive's folder in the user's cache folder ($XDG_CACHE_HOME or ~/.cache): never
    in a project, where a pull request could plant a cache file (pickles and compiled
    templates: loading one runs code). Everything in it is safe to delete."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drone-archive"


def store_path(root: Path) -> Path:
    """A project's store: one file per project folder."""
    return (
        cache_home()
        / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        / "store.sqlite"
    )


def template_cache() -> BytecodeCache | None:
    """Where Jinja keeps templates compiled (ours and the theme's), by name and source, for
    any project: compiling them is a tenth of a small rebuild. None when the cache folder
    cannot be made: templates are then compiled at each build."""
    folder = cache_home() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TolerantBytecodeCache(str(folder))


class _TolerantBytecodeCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which a damaged file (truncated by a full disk,
    a crash) or a folder it cannot write never stops: the template is compiled again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a truncated checksum raises what pickle raises
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)
