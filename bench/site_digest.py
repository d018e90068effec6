"""Build a project cold and print a digest of every file of its site/ and generated docs/.

Usage: python bench/site_digest.py ROOT [ROOT…] > digests.txt

A refactoring that must change no byte of the site is checked by running this before and
after it, on the shipped corpus and on a synthetic one (bench/synthetic.py), and comparing
the two outputs with `diff`. Each build starts from an empty cache folder, so that nothing
of a previous build is reused.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def digests(folder: Path) -> list[str]:
    """'sha256  path' for every file under folder, sorted by path."""
    return [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}"
        for path in sorted(p for p in folder.rglob("*") if p.is_file())
    ]


def main(roots: list[str]) -> None:
    for root in map(Path, roots):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "XDG_CACHE_HOME": cache}
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "build_tools",
                    "--quiet",
                    "build",
                    "--clean",
                    "--root",
                    root,
                ],
                check=True,
                env=env,
            )
        for folder in ("site", "docs"):
            for line in digests(root / folder):
                print(f"{line}  ({root.name}/{folder})")


if __name__ == "__main__":
    main(sys.argv[1:])
