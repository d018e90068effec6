"""Values the store keys by their repr must have the same repr in every process: a set's
order, for one, changes with the process's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys


def printed_with_each_hash_seed(script: str, stdin: str) -> set[str]:
    """What `python -c script` prints, reading `stdin`, run with two hash seeds: one
    output when it does not depend on the seed."""
    return {
        subprocess.run(
            [sys.executable, "-c", script],
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
