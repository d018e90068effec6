"""Where the store and the compiled templates live: the user's cache folder, never the project."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache


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


def template_cache() -> FileSystemBytecodeCache:
    """Where Jinja keeps templates compiled (ours and the theme's), by name and source, for
    any project: compiling them is a tenth of a small rebuild."""
    folder = cache_home() / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
