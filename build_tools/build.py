"""`archive build`: load → extract → group → render → write → `mkdocs build`.

Reads top to bottom as the pipeline (MkDocs' `commands/build.py` is the model). Only
`write_generated` and `run_mkdocs` touch the file system beyond reading the corpus.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from build_tools.cache import Cache, package_fingerprint, project_cache_dir
from build_tools.catalogue import KIND_FOLDERS, build_catalogue
from build_tools.corpus import load_corpus, shown_path
from build_tools.download import SITE_ZIP, write_site_zip
from build_tools.errors import BuildError, CorpusError, Problem
from build_tools.export import export_files
from build_tools.extract import extract_article
from build_tools.extract.batch import (
    ExtractionStats,
    Progress,
    code_fingerprint,
    extract_corpus,
    no_progress,
    resources_fingerprint,
)
from build_tools.extract.resources import Resources
from build_tools.feed import FEED_PATH, atom_feed
from build_tools.incidents import group_incidents, unmatched_curations
from build_tools.maps import BORDERS_SCRIPT, MAPS_DIR, borders_script
from build_tools.model import ArticleRecord, Corpus
from build_tools.render import TAGS_DIR, Site, render_site
from build_tools.render.reuse import PageCache

# Folders of docs/ that the build owns entirely, and the data files it owns in donnees/.
GENERATED_DIRS = ("articles", "incidents", *KIND_FOLDERS.values(), TAGS_DIR, MAPS_DIR, "_fragments")
#: The country borders of every map, vendored from the npm package world-atlas.
BORDERS = "assets/vendor/world-atlas/countries-50m.json"
GENERATED_DATA_DIR = "donnees"
GENERATED_DATA_SUFFIXES = (".json", ".csv", ".geojson")
# Single files at the top of docs/ that the build owns.
GENERATED_FILES = (FEED_PATH,)
#: Every generated path: lowercase ASCII ids (slugs, `_fragments`) joined by /, one suffix.
#: No `..`, no absolute path, no two paths that only differ in case.
SAFE_PATH = re.compile(r"^[a-z0-9_-]+(?:/[a-z0-9_-]+)*\.[a-z]+$")
#: The page cache's entry for the signatures of the files the last build left in docs/.
WRITTEN_KEY = ("written",)


@dataclass(frozen=True)
class Project:
    """Where things are: the folder holding `mkdocs.yml`, `corpus/` and `docs/`."""

    root: Path

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def cache_dir(self) -> Path:
        return project_cache_dir(self.root)

    def borders_json(self) -> str:
        """The vendored country borders (TopoJSON) that every map draws."""
        return (self.docs_dir / BORDERS).read_text(encoding="utf-8")

    @property
    def site_url(self) -> str | None:
        """`site_url` of mkdocs.yml (where the site is published), for citations; None if unset."""
        match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", self.config_file.read_text(encoding="utf-8"), re.MULTILINE)
        return match.group(1).rstrip("/") + "/" if match else None


@dataclass
class BuildResult:
    articles: int = 0
    incidents: int = 0
    written: int = 0
    seconds: float = 0.0
    mkdocs_seconds: float = 0.0  # of `seconds`, the time MkDocs took
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    extraction: ExtractionStats | None = None
    pages: PageStats | None = None

    def summary(self) -> str:
        skipped = f", {len(self.skipped)} file(s) skipped" if self.skipped else ""
        details = [f"extraction: {self.extraction.summary()}"] if self.extraction else []
        details += [f"pages: {self.pages.summary()}"] if self.pages else []
        shown = f" ({'; '.join(details)})" if details else ""
        return (
            f"Built {self.articles} articles, {self.incidents} incidents in {self.seconds:.1f} s{shown}, "
            f"{self.warnings} warning(s){skipped}"
        )


@dataclass(frozen=True)
class PageStats:
    """How many pages were rendered, and how many taken as they were from the previous build."""

    rendered: int
    reused: int

    def summary(self) -> str:
        return f"{self.rendered} rendered, {self.reused} reused"


Report = Callable[[str], None]


def generate(
    corpus: Corpus, site_url: str | None = None, borders_json: str | None = None, site_zip: str | None = None,
    *, resources: Resources | None = None, records: list[ArticleRecord] | None = None, pages: PageCache | None = None,
) -> tuple[Site, dict[str, str]]:
    """The pure middle of the pipeline: from the corpus to every generated file's content.
    `site_zip` names the offline download the build will add, for Accueil to link to;
    `resources` and `records` are the loaded resources and extracted records, when the
    caller has them (the build extracts through its cache); `pages` holds the pages and
    data of the previous build, which the build reuses where nothing they show changed."""
    resources = resources or Resources(corpus)
    if records is None:
        records = [extract_article(article, resources) for article in corpus.articles]
    pages = PageCache() if pages is None else pages
    records, incidents = group_incidents(records, {a.id: a.text for a in corpus.articles}, corpus.incidents, pages.memo)
    catalogue = build_catalogue(records, incidents, resources.other_names)
    site = Site(articles=corpus.articles, records=records, incidents=incidents, catalogue=catalogue, site_url=site_url, site_zip=site_zip)
    files = render_site(site, pages)
    files.update(export_files(records, incidents, pages.memo))
    files[FEED_PATH] = atom_feed(incidents, records, site_url, datetime.datetime.fromtimestamp(corpus_epoch(corpus), datetime.UTC))
    if borders_json is not None:
        files[BORDERS_SCRIPT] = borders_script(borders_json)
    return site, files


#: A file's size and modification time (ns), as os.stat gives them.
Signature = tuple[int, int]


@dataclass
class Written:
    """What `write_generated` did: how many files it wrote, and the signature of every
    generated file as it leaves them, for the next build's `unchanged`."""

    count: int
    signatures: dict[str, Signature]


def write_generated(
    docs_dir: Path, files: dict[str, str], unchanged: Mapping[str, Signature] | None = None,
) -> Written:
    """Write the generated files that changed, delete the stale ones.

    Unchanged files keep their modification time, so MkDocs' dirty builds and the
    live preview only see what really changed. A file is compared with what docs/ holds,
    except when `unchanged` gives it with the signature it still has: its content is what
    the previous build left there (a reused page's), and nothing has touched it since.
    Paths are checked before anything is written: each must match SAFE_PATH and, links
    resolved, stay inside docs/.
    """
    root = docs_dir.resolve()
    for relative in files:
        if not SAFE_PATH.fullmatch(relative):
            raise BuildError(f"refusing to write {relative!r}: a generated path is lowercase ASCII ids joined by /")
    # SAFE_PATH rules out "..": only a link on the way can lead outside, so each folder is
    # resolved once, and each file that exists (a file may be a link).
    for folder in sorted({str(PurePosixPath(relative).parent) for relative in files}):
        if not (docs_dir / folder).resolve().is_relative_to(root):
            raise BuildError(f"refusing to write under {folder!r}: it would land outside {docs_dir}")
    owned = _owned_files(docs_dir)
    for relative in files:
        found = owned.get(relative)
        is_link = found.is_symlink() if found is not None else (docs_dir / relative).is_symlink()
        if is_link and not (docs_dir / relative).resolve().is_relative_to(root):
            raise BuildError(f"refusing to write {relative!r}: it would land outside {docs_dir}")
    unchanged = unchanged or {}
    written = Written(0, {})
    for relative, content in sorted(files.items()):
        path = docs_dir / relative
        found = owned.get(relative)
        signature = _signature(found) if found is not None else None
        if signature is None or unchanged.get(relative) != signature:
            data = content.encode("utf-8")
            if not _holds(found or path, data):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.count += 1
                signature = _signature(path)
        written.signatures[relative] = signature
    for relative in owned.keys() - files.keys():
        (docs_dir / relative).unlink()
    return written


def _signature(file: os.DirEntry | Path) -> Signature:
    stat = file.stat()
    return stat.st_size, stat.st_mtime_ns


def _holds(file: os.DirEntry | Path, data: bytes) -> bool:
    """Whether the file exists and holds these bytes (its size is compared first)."""
    try:
        if file.stat().st_size != len(data):
            return False
        with open(file, "rb") as f:
            return f.read() == data
    except FileNotFoundError:
        return False


def _owned_files(docs_dir: Path) -> dict[str, os.DirEntry]:
    """The files under docs/ that the build owns, by their path relative to it: everything
    in its folders (linked folders are not entered), its data files in donnees/, and its
    single files. Folders are read with os.scandir, which tells files from folders without
    a call per file: thousands of files are compared at each build."""
    owned: dict[str, os.DirEntry] = {}

    def scan(folder: str, keep: Callable[[str], bool], *, deep: bool) -> None:
        try:
            entries = list(os.scandir(docs_dir / folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if deep and entry.is_dir(follow_symlinks=False):
                scan(relative, keep, deep=True)
            elif entry.is_file() and keep(entry.name):
                owned[relative] = entry

    for folder in GENERATED_DIRS:
        scan(folder, lambda name: True, deep=True)
    scan(GENERATED_DATA_DIR, lambda name: name.endswith(GENERATED_DATA_SUFFIXES), deep=False)
    scan("", lambda name: name in GENERATED_FILES, deep=False)
    return owned


def copy_site_sources(source: Project, target: Path) -> None:
    """Copy a project's hand-written site (mkdocs.yml, docs/ without generated files) into
    target, to build another corpus with the same site: tests and benchmarks do."""
    owned = {(source.docs_dir / relative).resolve() for relative in _owned_files(source.docs_dir)}
    shutil.copy(source.config_file, target / source.config_file.name)
    shutil.copytree(
        source.docs_dir, target / source.docs_dir.name,
        ignore=lambda folder, names: {n for n in names if (Path(folder) / n).resolve() in owned},
    )


def corpus_epoch(corpus: Corpus) -> int:
    """The build date when SOURCE_DATE_EPOCH is not given: the newest publication date of the
    corpus (midnight UTC), so that the same corpus builds the same sitemap on any day."""
    newest = max((a.published for a in corpus.articles if a.published), default=None)
    if newest is None:
        return 0
    return int(datetime.datetime.combine(newest.first_day, datetime.time(), datetime.UTC).timestamp())


@contextlib.contextmanager
def source_date_epoch(default: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH (which MkDocs honours for its build date) unless the caller did."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(default)
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while building. A build keeps hundreds
    of thousands of objects alive (records, pages, caches, MkDocs' pages) and makes few
    reference cycles; at Python's default thresholds the collector goes over all of them
    again and again, a fifth of a rebuild's time. mypy's build does the same."""
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def run_mkdocs(project: Project, *, strict: bool, clean: bool = False, progress: Progress = no_progress) -> int:
    """`mkdocs build` of the project, dirty unless `clean`, with a progress bar of the pages
    it renders; return the number of warnings MkDocs logged.

    A dirty build renders only the pages whose Markdown changed; the archive plugin makes
    it exact (build_tools/site_state.py), so MkDocs' warning that a dirty build may be
    inaccurate is silenced: in strict mode it would abort the build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from build_tools.mkdocs_plugin import ArchivePlugin

    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    dirty_warning = logging.getLogger("mkdocs.commands.build")
    dirty_warning.addFilter(_not_the_dirty_build_warning)
    ArchivePlugin.progress = progress
    try:
        config = load_config(str(project.config_file), strict=strict, site_dir=str(project.site_dir))
        mkdocs_build(config, dirty=not clean)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs build failed: {'; '.join(counter.errors) or exc}") from exc
    finally:
        logger.removeHandler(counter)
        dirty_warning.removeFilter(_not_the_dirty_build_warning)
        ArchivePlugin.progress = None
    return counter.count


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _WarningCounter(logging.Handler):
    """Counts MkDocs' warnings and keeps its errors, which say why a build was aborted."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())


@dataclass(frozen=True)
class Generated:
    articles: int
    incidents: int
    written: int
    extraction: ExtractionStats
    pages: PageStats


def read_corpus(project: Project) -> Corpus:
    """The project's corpus, read (parsed, compared for duplicates) through the cache."""
    read = Cache(project.cache_dir / "corpus.sqlite", package_fingerprint())
    corpus = load_corpus(project.corpus_dir, project.root, memo=read)
    read.save()
    return corpus


def write_docs(project: Project, corpus: Corpus, *, site_zip: bool, report: Report, progress: Progress) -> Generated:
    """Extraction and rendering through the caches, then every generated file written under docs/.

    The records and the other names of places and entities (the only use of the gazetteer
    once every article is extracted) depend on the extraction code and the resources; the
    gazetteer (a pickle of objects of several libraries) and the pages on all the code.
    A function of its own so that the records, pages and maps (hundreds of MB for
    thousands of articles) are freed before MkDocs builds the site."""
    extraction_stamp = code_fingerprint() + resources_fingerprint(corpus)
    code_stamp = package_fingerprint() + resources_fingerprint(corpus)
    extracted = Cache(project.cache_dir / "extraction.sqlite", extraction_stamp)
    names = Cache(project.cache_dir / "names.sqlite", extraction_stamp)
    tables = Cache(project.cache_dir / "gazetteer.sqlite", code_stamp)
    resources = Resources(corpus, names=names, tables=tables)
    records, extraction = extract_corpus(corpus.articles, resources, cache=extracted, progress=progress)
    extracted.save()
    report(f"Extraction: {extraction.summary()}; rendering")
    pages = PageCache(Cache(project.cache_dir / "pages.sqlite", code_stamp))
    site, files = generate(
        corpus, project.site_url, project.borders_json(), SITE_ZIP if site_zip else None, resources=resources, records=records, pages=pages,
    )
    for problem in unmatched_curations(corpus.incidents, site.incidents, shown_path(project.corpus_dir / "incidents.yml", project.root)):
        report(f"warning: {problem}")
    # The files of reused pages are those the previous build left in docs/, if nothing touched them since.
    left = pages.memo.get(WRITTEN_KEY, {})
    written = write_generated(project.docs_dir, files, {path: left[path] for path in pages.reused_files if path in left})
    pages.memo.put(WRITTEN_KEY, written.signatures)
    for cache in (names, tables, pages.memo):
        cache.save()
    return Generated(len(site.records), len(site.incidents), written.count, extraction, PageStats(len(pages.rendered), len(pages.reused)))


def build(
    project: Project, *, strict: bool = True, keep_going: bool = False, site_zip: bool = False, clean: bool = False,
    report: Report = lambda _: None, progress: Progress = no_progress,
) -> BuildResult:
    """The whole build. Strict (the default) stops on any corpus problem, listing all of them;
    keep-going builds every valid article and lists what it skipped and why. With site_zip,
    the built site is also zipped into itself for offline reading (build_tools/download.py).
    MkDocs renders only the pages that changed since the previous build, unless `clean`."""
    with fewer_collections():
        return _build(project, strict=strict, keep_going=keep_going, site_zip=site_zip, clean=clean, report=report, progress=progress)


def _build(project: Project, *, strict: bool, keep_going: bool, site_zip: bool, clean: bool, report: Report, progress: Progress) -> BuildResult:
    started = time.perf_counter()
    report("Reading the corpus")
    corpus = read_corpus(project)
    if corpus.problems and not keep_going:
        raise CorpusError(corpus.problems)
    generated = write_docs(project, corpus, site_zip=site_zip, report=report, progress=progress)
    report(f"Wrote {generated.written} changed file(s) under docs/; running mkdocs build")
    mkdocs_started = time.perf_counter()
    with source_date_epoch(corpus_epoch(corpus)):
        warnings = run_mkdocs(project, strict=strict, clean=clean, progress=progress)
        mkdocs_seconds = time.perf_counter() - mkdocs_started
        if site_zip:
            zipped = write_site_zip(project.site_dir, int(os.environ["SOURCE_DATE_EPOCH"]))
            report(f"Wrote {zipped.relative_to(project.root)} ({zipped.stat().st_size / 1e6:.1f} MB)")
        else:
            (project.site_dir / SITE_ZIP).unlink(missing_ok=True)
    return BuildResult(
        articles=generated.articles,
        incidents=generated.incidents,
        written=generated.written,
        seconds=time.perf_counter() - started,
        mkdocs_seconds=mkdocs_seconds,
        warnings=warnings,
        problems=corpus.problems,
        skipped=corpus.skipped,
        extraction=generated.extraction,
        pages=generated.pages,
    )
