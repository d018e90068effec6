"""Build time, memory and size as the corpus grows (`make bench`).

Usage: python bench/build.py [--repeat R] [N ...]   (default: R = 3; N = 200 1000 5000)

For each N, a synthetic project of N articles (bench/synthetic.py) in .bench/synthetic-N
is built these ways, each in its own process, R times (min / median / max are printed):

- cold: no cache, no generated pages, no site (the project's caches and the compiled
  templates are deleted before, the caches after);
- warm: every cache filled, `site/` deleted, so MkDocs renders every page (`--clean`);
- unchanged: a rebuild with nothing changed, which finds that nothing did and stops
  (build_tools/incremental/last_build.py);
- touched: one article written again with the same bytes, then rebuilt: every stage
  goes over the corpus and finds its values in the store, MkDocs renders nothing;
- one added: one article added to the built project, then rebuilt (it is removed and the
  project rebuilt between repetitions, untimed); its text names a listed place and no
  one, so that its extraction does without the named-entity model;
- one naming someone: the same with an article that names a person the rules do not know,
  whose extraction loads the model (0.6 s);
- bare: `mkdocs build` of the same generated Markdown, the archive plugin included (its
  fragments spliced, its search index built);
- plain: `mkdocs build` of the same Markdown without the archive plugin (Material's search
  and offline plugins kept, the fragments left out), into another folder: the yardstick of
  what the archive adds to MkDocs and Material;
- plain, one page: the same plain build, dirty (`mkdocs build --dirty`), after one
  article page's HTML was made older than its Markdown: what MkDocs and Material alone
  cost, in a process of their own, to start, go over every file and render one page; the
  yardstick of a rebuild of the archive, which runs MkDocs after its own stages;
- check: `archive check` of the whole corpus with the store filled by the builds (the
  pre-commit hook's command), to set beside the unchanged rebuild and the warm build;
- data: the tables, the SQLite database and the CSVs with their package, made from the
  filled store (part of every build's generation), and their sizes.

Peak memory is the largest process's (wait4's ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# What `archive build` does, and prints its figures; it ends the process as the command does.
BUILD = """
import json, sys
from pathlib import Path
from build_tools.build import build
from build_tools.project import Project
from build_tools.cli import exit_process
r = build(Project(Path(sys.argv[1])), strict=True, clean="--clean" in sys.argv)
print(json.dumps({
    "seconds": r.seconds,
    "mkdocs": r.mkdocs_seconds,
    "extracted": r.extraction.extracted if r.extraction else 0,
    "cached": r.extraction.cached if r.extraction else r.articles,
    "extraction": r.extraction.seconds if r.extraction else 0.0,
    "warnings": r.warnings,
    "unchanged": r.unchanged,
}))
exit_process(0)
"""
# The data downloads of a built project, timed apart from the build (the store is filled).
DATA = """
import json, sys, time
from pathlib import Path
from build_tools.catalogue import build_catalogue
from build_tools.database import archive_database
from build_tools.datapackage import package_files
from build_tools.pipeline import Pipeline
from build_tools.project import Project
from build_tools.tables import archive_tables
pipeline = Pipeline(Project(Path(sys.argv[1])))
corpus = pipeline.read()
resources = pipeline.resources(corpus)
records, _ = pipeline.extract(corpus.articles, resources)
records, incidents = pipeline.group(corpus, records)
catalogue = build_catalogue(records, incidents, resources.other_names)
start = time.perf_counter()
tables = archive_tables(corpus.articles, records, incidents, list(catalogue))
made = time.perf_counter()
database = archive_database(tables)
stored = time.perf_counter()
package = package_files(tables)
done = time.perf_counter()
print(json.dumps({
    "tables": made - start,
    "database": stored - made,
    "package": done - stored,
    "database_mb": len(database) / 1e6,
    "csv_mb": sum(len(v.encode()) for v in package.values()) / 1e6,
}))
"""
NEW_ARTICLE = (
    "---\n"
    "title: Frappe de drones sur Koursk\n"
    "source: AFP\n"
    "url: https://www.example.org/2025/12/30/frappe-de-drones-sur-koursk?utm_source=bench\n"
    "published: '2025-12-30'\n"
    "---\n"
    "Dans la nuit du 29 au 30 décembre 2025, des drones ukrainiens ont frappé un dépôt pétrolier "
    "à Koursk, a indiqué le gouverneur de la région.\n"
)
NAMING_ARTICLE = (
    "---\n"
    "title: Un dépôt pétrolier touché à Koursk\n"
    "source: Interfax\n"
    "url: https://www.example.org/2025/12/30/depot-petrolier-koursk\n"
    "published: '2025-12-30'\n"
    "---\n"
    "Un dépôt pétrolier a été touché par des drones ukrainiens dans la nuit du 29 au 30"
    " décembre 2025 à Koursk, a déclaré le maire de la ville, Evgueni Marchenko.\n"
)
NEW_ARTICLE_PATH = "corpus/articles/2025/bench-nouvel-article.md"


class Run:
    """One process: wall time (s), peak memory (MiB), and what the build printed."""

    def __init__(self, *command: str, cwd: Path) -> None:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        out = process.stdout.read().decode()
        _, status, usage = os.wait4(process.pid, 0)
        if status != 0:
            raise SystemExit(f"{' '.join(command)} failed in {cwd}")
        self.seconds = time.perf_counter() - started
        self.memory = usage.ru_maxrss / 1024
        self.result = json.loads(out) if out.startswith("{") else {}


def archive_build(folder: Path, *options: str) -> Run:
    return Run(PYTHON, "-c", BUILD, str(folder), *options, cwd=folder)


def plain_config(folder: Path) -> Path:
    """The project's mkdocs.yml without the archive plugin, building into site-plain/."""
    from mkdocs.utils.yaml import get_yaml_loader  # reads !ENV, as MkDocs does

    config = yaml.load((folder / "mkdocs.yml").read_text(encoding="utf-8"), get_yaml_loader())
    plugins = [p for p in config["plugins"] if "archive" not in (p if isinstance(p, dict) else [p])]
    path = folder / "mkdocs-plain.yml"
    plain = {
        "INHERIT": "mkdocs.yml",
        "plugins": plugins,
        "site_dir": "site-plain",
        "exclude_docs": config.get("exclude_docs", "") + "_fragments/\n",
    }
    path.write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    return path


def plain_one_page(folder: Path, plain_yml: Path) -> Run:
    """A dirty plain build after one article page's HTML was made older than its Markdown,
    so that MkDocs renders that page again (the dirty build's warning is not an error)."""
    page = min((folder / "site-plain" / "articles").glob("*.html"))
    os.utime(page, ns=(0, 0))
    command = ("mkdocs", "build", "--quiet", "--dirty", "--no-strict", "-f", str(plain_yml))
    return Run(PYTHON, "-m", *command, cwd=folder)


def spread(values: list[float], unit: str = "s") -> str:
    """min / median / max, or the value alone when measured once."""
    if len(values) == 1:
        return f"{values[0]:.2f} {unit}"
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f} {unit}"


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def bench(n: int, repeat: int) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.synthetic import write_project
    from build_tools.incremental.folders import cache_home

    folder = ROOT / ".bench" / f"synthetic-{n}"
    cold: list[Run] = []
    for _ in range(repeat):
        project = write_project(folder, n)
        shutil.rmtree(project.store_path.parent, ignore_errors=True)
        shutil.rmtree(cache_home() / "templates", ignore_errors=True)
        cold.append(archive_build(folder))
    warm = []
    for _ in range(repeat):
        shutil.rmtree(folder / "site")
        warm.append(archive_build(folder, "--clean"))
    unchanged = [archive_build(folder) for _ in range(repeat)]
    assert all(r.result["unchanged"] for r in unchanged), "an unchanged rebuild built"
    touched = []
    for _ in range(repeat):
        path = next(iter(sorted((folder / "corpus" / "articles").rglob("*.md"))))
        path.write_bytes(path.read_bytes())
        touched.append(archive_build(folder))
    checks = [
        Run(PYTHON, "-m", "build_tools", "--quiet", "check", cwd=folder) for _ in range(repeat)
    ]
    bare = [Run(PYTHON, "-m", "mkdocs", "build", "--quiet", cwd=folder) for _ in range(repeat)]
    plain_yml = plain_config(folder)
    plain = [
        Run(PYTHON, "-m", "mkdocs", "build", "--quiet", "-f", str(plain_yml), cwd=folder)
        for _ in range(repeat)
    ]
    plain_page = [plain_one_page(folder, plain_yml) for _ in range(repeat)]
    shutil.rmtree(folder / "site-plain")
    plain_yml.unlink()
    data = [Run(PYTHON, "-c", DATA, str(folder), cwd=folder) for _ in range(repeat)]
    added: list[Run] = []
    naming: list[Run] = []
    for _ in range(repeat):
        for text, runs in ((NEW_ARTICLE, added), (NAMING_ARTICLE, naming)):
            (folder / NEW_ARTICLE_PATH).write_text(text, encoding="utf-8")
            runs.append(archive_build(folder))
            (folder / NEW_ARTICLE_PATH).unlink()
            archive_build(folder)
    index = [p for p in (folder / "site/search").rglob("*") if p.is_file()]
    rates = [r.result["extracted"] / r.result["extraction"] for r in cold]
    cold_s, bare_s = [r.seconds for r in cold], [r.seconds for r in bare]
    median_cold, median_bare = statistics.median(cold_s), statistics.median(bare_s)
    cold_generation = [r.result["seconds"] - r.result["mkdocs"] for r in cold]
    warm_generation = [r.result["seconds"] - r.result["mkdocs"] for r in warm]
    added_generation = [r.result["seconds"] - r.result["mkdocs"] for r in added]
    median_warm = statistics.median(r.seconds for r in warm)
    peak_memory = max(r.memory for r in [*cold, *warm, *unchanged, *touched, *added, *naming])
    print(f"N = {n} (min / median / max of {repeat} runs)")
    print(f"  extraction        {spread(rates, 'articles/s')} (cold)")
    print(
        f"  cold build        {spread(cold_s)} = generation {spread(cold_generation)}"
        f" + MkDocs {spread([r.result['mkdocs'] for r in cold])}"
    )
    print(
        f"  warm full build   {spread([r.seconds for r in warm])}"
        f" (generation {spread(warm_generation)})"
    )
    print(f"  bare mkdocs build {spread(bare_s)} (with the archive plugin)")
    plain_s = [r.seconds for r in plain]
    median_plain = statistics.median(plain_s)
    print(f"  plain mkdocs      {spread(plain_s)} (without it: MkDocs and Material alone)")
    print(
        f"  plain, one page   {spread([r.seconds for r in plain_page])}"
        " (dirty, one page rendered: MkDocs and Material alone)"
    )
    print(
        f"  ratios (medians)  cold/bare {median_cold / median_bare:.2f},"
        f" warm/bare {median_warm / median_bare:.2f};"
        f" cold/plain {median_cold / median_plain:.2f},"
        f" warm/plain {median_warm / median_plain:.2f}"
    )
    print(f"  unchanged rebuild {spread([r.seconds for r in unchanged])} (nothing to do)")
    print(
        f"  one file touched  {spread([r.seconds for r in touched])}"
        " (an article written again, same bytes: every stage from the store)"
    )
    print(
        f"  archive check     {spread([r.seconds for r in checks])}"
        " (the whole corpus, store filled)"
    )
    added_s = [r.seconds for r in added]
    added_share = [100 * s / median_cold for s in added_s]
    print(
        f"  one article added {spread(added_s)} = {spread(added_share, '%')}"
        " of the median cold build"
        f" (generation {spread(added_generation)},"
        f" MkDocs {spread([r.result['mkdocs'] for r in added])})"
    )
    naming_s = [r.seconds for r in naming]
    print(
        f"  one naming someone {spread(naming_s)}"
        f" = {spread([100 * s / median_cold for s in naming_s], '%')}"
        " (an article added that names a person the rules do not know)"
    )
    tables_s, database_s = [r.result["tables"] for r in data], [r.result["database"] for r in data]
    print(
        f"  data downloads    tables {spread(tables_s)}, archive.db {spread(database_s)},"
        f" CSVs and package {spread([r.result['package'] for r in data])};"
        f" archive.db {data[0].result['database_mb']:.1f} MB,"
        f" CSVs {data[0].result['csv_mb']:.1f} MB"
    )
    print(
        f"  peak memory       {peak_memory:.0f} MiB"
        f" (cold {spread([r.memory for r in cold], 'MiB')})"
    )
    print(
        f"  site              {size_mb(folder / 'site'):.0f} MB;"
        f" search index {sum(p.stat().st_size for p in index) / 1e6:.2f} MB in {len(index)} files"
    )
    shutil.rmtree(project.store_path.parent, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[200, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure (default 3)")
    args = parser.parse_args()
    for n in args.sizes:
        bench(n, args.repeat)


if __name__ == "__main__":
    main()
