"""`archive build`: read → extract → group → render → write → `mkdocs build`.

Reads top to bottom as the pipeline (MkDocs' `commands/build.py` is the model); the stages
run through the orchestrator (`pipeline.py`), which keeps what they made for the next build.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import logging
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.collector import collector_paused
from build_tools.corpus import PUBLISHED_IDS, shown_path
from build_tools.errors import BuildError, CorpusError, Problem
from build_tools.incidents import published_ids, unmatched_curations
from build_tools.incremental.last_build import (
    LastBuild,
    ProjectFiles,
    inputs_digest,
    record,
    recorded_result,
)
from build_tools.incremental.lock import project_lock
from build_tools.incremental.site_state import configured_files, is_installed
from build_tools.incremental.store import Store
from build_tools.messages import _, ngettext
from build_tools.model import Corpus, Incident
from build_tools.offline_zip import SITE_ZIP, write_site_zip
from build_tools.pipeline import (
    WRITTEN,
    ExtractionStats,
    PageStats,
    Pipeline,
    Progress,
    Report,
    corpus_epoch,
    no_progress,
)
from build_tools.project import PLUGIN, Project
from build_tools.signature import Signature
from build_tools.write import write_atomically, write_generated


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
    #: Nothing had changed since the last build, which left site/ as it is: this build did
    #: nothing but check it (build_tools/incremental/last_build.py).
    unchanged: bool = False

    def summary(self) -> str:
        if self.unchanged:
            return _(
                "Nothing changed since the last build: site/ is up to date ({articles} articles,"
                " {incidents} incidents; checked in {seconds:.1f} s)"
            ).format(articles=self.articles, incidents=self.incidents, seconds=self.seconds)
        skipped = _(", {n} file(s) skipped").format(n=len(self.skipped)) if self.skipped else ""
        details = (
            [_("extraction: {summary}").format(summary=self.extraction.summary())]
            if self.extraction
            else []
        )
        details += (
            [_("pages: {summary}").format(summary=self.pages.summary())] if self.pages else []
        )
        shown = " (" + _("; ").join(details) + ")" if details else ""
        return _(
            "Built {articles} articles, {incidents} incidents in {seconds:.1f} s{details},"
            " {warnings} warning(s){skipped}"
        ).format(
            articles=self.articles,
            incidents=self.incidents,
            seconds=self.seconds,
            details=shown,
            warnings=self.warnings,
            skipped=skipped,
        )


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


@contextlib.contextmanager
def no_collections() -> Iterator[None]:
    """Run no cyclic garbage collection while the generated files are made, then one. The
    stages keep most of what they make or unpickle from the store until they are done, and
    the collector, run whenever enough objects were made, went over all of it again and
    again: 4.6 s of the 48 of one article added to 20,000, even at `fewer_collections`'
    thresholds. Reference counting frees the rest as soon as it is unused. The collection
    after frees the few cycles made, before MkDocs runs; none of them holds the build's
    data: a macro defined in a page's template, or imported with its context, refers to
    that context, which refers to it, and through it to every record, incident and entry
    (2.3 million objects at 20,000 articles, 2 s to collect), so the templates' macros
    take what they need as arguments. MkDocs runs with the collector on; so do the
    extraction workers (`pipeline._start_worker`)."""
    try:
        with collector_paused():
            yield
    finally:
        gc.collect()


@dataclass(frozen=True)
class BuiltSite:
    """What `mkdocs build` left in site/, as the archive plugin lists it (nothing without
    it): its files, and the signatures of those it knows, by their paths there."""

    files: list[str]
    signatures: dict[str, list[int] | None]


def run_mkdocs(
    project: Project,
    *,
    strict: bool,
    clean: bool = False,
    cache: bool = True,
    progress: Progress = no_progress,
    sources: Mapping[str, Signature | None] | None = None,
) -> tuple[int, BuiltSite]:
    """`mkdocs build` of the project, dirty unless `clean`, with a progress bar of the pages
    it renders; return the number of warnings MkDocs logged and what it left in site/.
    `sources` gives the signatures of files of docs/ as the build just left them.

    A dirty build renders only the pages whose Markdown changed; the archive plugin makes
    it exact (build_tools/incremental/site_state.py), so MkDocs' warning that a dirty build may be
    inaccurate is silenced: in strict mode it would abort the build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    dirty_warning = logging.getLogger("mkdocs.commands.build")
    dirty_warning.addFilter(_not_the_dirty_build_warning)
    try:
        config = load_config(
            str(project.config_file), strict=strict, site_dir=str(project.site_dir)
        )
        plugin = config.plugins.get(PLUGIN)
        if plugin is not None:
            plugin.progress = progress
            plugin.cache = cache
            plugin.sources = sources or {}
        mkdocs_build(config, dirty=not clean)
        built = (
            BuiltSite(plugin.site_files, plugin.site_signatures)
            if plugin is not None
            else BuiltSite([], {})
        )
    except MkDocsException as exc:
        failure = "; ".join(counter.errors) or str(exc)
        raise BuildError(_("mkdocs build failed: {failure}").format(failure=failure)) from exc
    finally:
        logger.removeHandler(counter)
        dirty_warning.removeFilter(_not_the_dirty_build_warning)
    return counter.count, built


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
    warnings: int  # how many were reported
    problems: list[Problem]  # of the corpus: its files set aside
    skipped: list[str]
    epoch: int  # the build date (`corpus_epoch`)
    #: the signature of every generated file as the build left it, by its path under docs/
    signatures: dict[str, Signature | None] = field(default_factory=dict)


def write_docs(pipeline: Pipeline, corpus: Corpus, *, site_zip: bool, report: Report) -> Generated:
    """Extraction and rendering through the store, then every generated file written under docs/.

    A function of its own so that the records, pages and maps (hundreds of MB for
    thousands of articles) are freed before MkDocs builds the site: what the build needs
    of them afterwards is in what it returns."""
    project = pipeline.project
    resources = pipeline.resources(corpus)
    records, extraction = pipeline.extract(corpus.articles, resources)
    report(_("Extraction: {summary}; rendering").format(summary=extraction.summary()))
    try:
        site, files, pages, data_files = pipeline.generate(
            corpus, resources, records, site_zip=SITE_ZIP if site_zip else None
        )
    except KeyboardInterrupt:  # the extraction is done: keep it for the next build
        pipeline.save(prune=False, written=False)
        raise
    unmatched = unmatched_curations(
        corpus.incidents,
        site.incidents,
        shown_path(project.corpus_dir / "incidents.yml", project.root),
    )
    for problem in unmatched:
        report(_("warning: {problem}").format(problem=problem))
    write_published_ids(project.corpus_dir / PUBLISHED_IDS, corpus.published, site.incidents)
    # The files of reused pages and data files are those the previous build left in docs/, if
    # nothing touched them since.
    signatures = pipeline.namespace(WRITTEN)
    left = signatures.get("written", {})
    reused = pages.reused_files | data_files.reused_files
    written = write_generated(
        project.docs_dir, files, {path: left[path] for path in reused if path in left}
    )
    signatures.put("written", written.signatures)
    pipeline.save()
    return Generated(
        len(site.records),
        len(site.incidents),
        written.count,
        extraction,
        PageStats(len(pages.rendered), len(pages.reused)),
        len(unmatched),
        corpus.problems,
        corpus.skipped,
        corpus_epoch(corpus),
        written.signatures,
    )


def write_published_ids(
    path: Path, published: dict[str, list[str]], incidents: list[Incident]
) -> None:
    """`corpus/published_ids.yml` with this build's incidents added, when they add anything:
    committed with the corpus, it keeps every address the archive ever gave reachable."""
    now = published_ids(published, incidents)
    if now == published and path.exists():
        return
    lines = [
        "# Every incident id the archive has published, with its articles then. Written by",
        "# `archive build`; commit it with the corpus: an id listed here that no incident has",
        "# any more gets a page that sends readers on to the incident holding its articles.",
    ]
    lines += [f"{json.dumps(i)}: [{', '.join(json.dumps(a) for a in now[i])}]" for i in now]
    write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))


def generate_docs(
    project: Project,
    *,
    keep_going: bool,
    site_zip: bool,
    cache: bool,
    report: Report,
    progress: Progress,
) -> Generated:
    """The corpus read (CorpusError on any problem, unless `keep_going`), then
    `write_docs`: the generated files of the build written under docs/."""
    report(_("Reading the corpus"))
    pipeline = Pipeline(project, progress=progress, cache=cache)
    corpus = pipeline.read()
    if corpus.problems and not keep_going:
        pipeline.save()
        raise CorpusError(corpus.problems)
    return write_docs(pipeline, corpus, site_zip=site_zip, report=report)


def regenerate_docs(root: Path, *, report: Report) -> Generated:
    """The generated files of the project at root written again through the store, its
    corpus problems reported and their files left out: what the archive plugin does
    before each build of `serve`."""
    with project_lock(root):
        pipeline = Pipeline(Project(root))
        corpus = pipeline.read()
        for problem in corpus.problems:
            report(_("skipped: {problem}").format(problem=problem))
        return write_docs(pipeline, corpus, site_zip=False, report=report)


def build(
    project: Project,
    *,
    strict: bool = True,
    keep_going: bool = False,
    site_zip: bool = False,
    clean: bool = False,
    cache: bool = True,
    report: Report = lambda _: None,
    progress: Progress = no_progress,
) -> BuildResult:
    """The whole build. Strict (the default) stops on any corpus problem, listing all of them;
    keep-going builds every valid article and lists what it skipped and why. With site_zip,
    the built site is also zipped into itself for offline reading (build_tools/offline_zip.py).
    MkDocs renders only the pages that changed since the previous build, unless `clean`.
    Without `cache`, the store is neither read nor written: everything is made again.
    One build at a time: BuildRunning when another build of the project is running."""
    with project_lock(project.root), fewer_collections():
        return _build(
            project,
            strict=strict,
            keep_going=keep_going,
            site_zip=site_zip,
            clean=clean,
            cache=cache,
            report=report,
            progress=progress,
        )


def _build(
    project: Project,
    *,
    strict: bool,
    keep_going: bool,
    site_zip: bool,
    clean: bool,
    cache: bool,
    report: Report,
    progress: Progress,
) -> BuildResult:
    started = time.perf_counter()
    options = {"strict": strict, "keep_going": keep_going, "site_zip": site_zip}
    inputs = inputs_digest(project.root, options)
    files = project_files(project)
    sources = files.sources_digest()
    if cache and not clean:
        last = recorded_result(Store(project.store_path), inputs, files, sources)
        if last is not None:
            seconds = time.perf_counter() - started
            return dataclasses.replace(
                last, written=0, seconds=seconds, extraction=None, pages=None, unchanged=True
            )
    with no_collections():
        generated = generate_docs(
            project,
            keep_going=keep_going,
            site_zip=site_zip,
            cache=cache,
            report=report,
            progress=progress,
        )
    generated_files = files.generated_digest(generated.signatures)
    report(
        ngettext(
            "Wrote {n} changed file under docs/; running mkdocs build",
            "Wrote {n} changed files under docs/; running mkdocs build",
            generated.written,
        ).format(n=generated.written)
    )
    mkdocs_started = time.perf_counter()
    with source_date_epoch(generated.epoch):
        warnings, built_site = run_mkdocs(
            project,
            strict=strict,
            clean=clean or not cache,
            cache=cache,
            progress=progress,
            sources=generated.signatures,
        )
        mkdocs_seconds = time.perf_counter() - mkdocs_started
        if site_zip:
            epoch = int(os.environ["SOURCE_DATE_EPOCH"])
            zipped = write_site_zip(project.site_dir, epoch, built_site.files)
            report(
                _("Wrote {path} ({size:.1f} MB)").format(
                    path=zipped.relative_to(project.root), size=zipped.stat().st_size / 1e6
                )
            )
        else:
            (project.site_dir / SITE_ZIP).unlink(missing_ok=True)
    result = BuildResult(
        articles=generated.articles,
        incidents=generated.incidents,
        written=generated.written,
        mkdocs_seconds=mkdocs_seconds,
        warnings=warnings + generated.warnings,
        problems=generated.problems,
        skipped=generated.skipped,
        extraction=generated.extraction,
        pages=generated.pages,
    )
    if cache and not (result.warnings or result.problems):
        # Only a build with nothing to tell is recorded: one that warned warns again.
        built = (sources, generated_files, files.site_digest(built_site.signatures))
        record(Store(project.store_path), LastBuild(inputs, built, result))
    result.seconds = time.perf_counter() - started
    return result


def project_files(project: Project) -> ProjectFiles:
    """The folders a build of the project reads and writes, as absolute paths (the record
    is the same whichever way the project was named)."""
    themes = [Path(d) for d in project.config.theme.dirs if not is_installed(Path(d))]
    return ProjectFiles(
        root=project.root.resolve(),
        corpus=project.corpus_dir.resolve(),
        docs=project.docs_dir.resolve(),
        themes=tuple(folder.resolve() for folder in themes),
        site=project.site_dir.resolve(),
        written=((project.corpus_dir / PUBLISHED_IDS).resolve(),),
        configured=tuple(configured_files(project.config_file, project.config)),
    )
