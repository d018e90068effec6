"""Build time, memory and size as the corpus grows (`make bench`).

Usage: python bench/build.py [N ...]   (default 200 1000 5000)

For each N, a synthetic project of N articles (bench/synthetic.py) in .bench/synthetic-N
is built four ways, each in its own process (peak memory is the largest process's):
cold (no extraction cache, no generated pages; the cache is deleted before and after), warm (everything cached, nothing
changed), incremental (one article added to the warm project), and a bare `mkdocs build`
of the same generated Markdown, the yardstick the issue's targets are ratios of.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BUILD = """
import json, sys
from pathlib import Path
from build_tools.build import Project, build
r = build(Project(Path(sys.argv[1])), strict=True)
print(json.dumps({"seconds": r.seconds, "mkdocs": r.mkdocs_seconds, "extracted": r.extraction.extracted,
                  "cached": r.extraction.cached, "extraction": r.extraction.seconds, "warnings": r.warnings}))
"""
NEW_ARTICLE = """---
title: Frappe de drones sur Koursk
source: AFP
published: '2025-12-30'
---
Dans la nuit du 29 au 30 décembre 2025, des drones ukrainiens ont frappé un dépôt pétrolier à Koursk, a indiqué le gouverneur de la région.
"""


def run(*command: str, cwd: Path) -> tuple[float, float, str]:
    """Wall time in s, peak memory in MiB of the largest process, standard output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    out = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024, out


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def bench(n: int) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.synthetic import write_project

    folder = ROOT / ".bench" / f"synthetic-{n}"
    project = write_project(folder, n)
    shutil.rmtree(project.cache_dir, ignore_errors=True)  # a cold build: no extraction cache
    cold_time, cold_memory, out = run(PYTHON, "-c", BUILD, str(folder), cwd=folder)
    cold = json.loads(out)
    warm_time, warm_memory, out = run(PYTHON, "-c", BUILD, str(folder), cwd=folder)
    warm = json.loads(out)
    bare_time, _, _ = run(PYTHON, "-m", "mkdocs", "build", "--quiet", cwd=folder)
    (folder / "corpus/articles/2025/bench-nouvel-article.md").write_text(NEW_ARTICLE, encoding="utf-8")
    incremental_time, _, out = run(PYTHON, "-c", BUILD, str(folder), cwd=folder)
    incremental = json.loads(out)
    index = folder / "site/search/search_index.json"
    print(f"N = {n}")
    print(f"  extraction        {cold['extracted'] / cold['extraction']:.0f} articles/s (cold, {cold['extraction']:.1f} s)")
    print(f"  cold build        {cold_time:.1f} s = generation {cold['seconds'] - cold['mkdocs']:.1f} s + MkDocs {cold['mkdocs']:.1f} s; peak memory {cold_memory:.0f} MiB")
    print(f"  warm build        {warm_time:.1f} s ({warm['cached']} from cache); peak memory {warm_memory:.0f} MiB")
    print(f"  bare mkdocs build {bare_time:.1f} s; cold/bare {cold_time / bare_time:.2f}, warm/bare {warm_time / bare_time:.2f}")
    print(f"  one article added {incremental_time:.1f} s ({incremental['extracted']} extracted) = {100 * incremental_time / cold_time:.0f} % of cold")
    print(f"  site              {size_mb(folder / 'site'):.0f} MB; search index {index.stat().st_size / 1e6:.2f} MB")
    shutil.rmtree(project.cache_dir, ignore_errors=True)


def main() -> None:
    for n in [int(a) for a in sys.argv[1:]] or [200, 1000, 5000]:
        bench(n)


if __name__ == "__main__":
    main()
