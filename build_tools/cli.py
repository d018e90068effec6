"""The `archive` command: build, serve, check and add (SPEC §6).

Exit codes: 0 success, 1 problems in the input, 2 wrong usage (click's own).
Heavy modules are imported inside the command that needs them. Help, progress and error
messages are in the user's language (build_tools/messages.py): the help is translated when
it is shown, the messages when they are printed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from build_tools import __version__
from build_tools.errors import ArchiveError, CorpusError
from build_tools.messages import _, ngettext

if TYPE_CHECKING:  # imported by the commands that need it
    from build_tools.importer import RawImport

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder: the one holding mkdocs.yml, corpus/ and docs/.",
)


class _TranslatedHelp:
    """A command whose help, and its options' help, are shown in the user's language: the
    English texts of the code are looked up in the catalogue when the help is printed."""

    help: str | None
    params: list[click.Parameter]

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self):
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self):
            super().format_options(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class _Formatter(click.HelpFormatter):
    """click's help layout, with its headings in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix or _("Usage:") + " ")

    def section(self, name: str) -> contextlib._GeneratorContextManager[None, None, None]:
        headings = {"Options": _("Options"), "Commands": _("Commands")}
        return super().section(headings.get(name, name))


class _Context(click.Context):
    formatter_class = _Formatter


@contextlib.contextmanager
def _translated(command: _TranslatedHelp) -> Iterator[None]:
    """Within it, a command's help and its parameters' help are in the user's language."""
    things: list[Any] = [command, *command.params]
    originals = [(thing, thing.help) for thing in things if getattr(thing, "help", None)]
    for thing, text in originals:
        thing.help = _(text)
    try:
        yield
    finally:
        for thing, text in originals:
            thing.help = text


class _Command(_TranslatedHelp, click.Command):
    context_class = _Context


class _Group(_TranslatedHelp, click.Group):
    command_class = _Command
    context_class = _Context

    def invoke(self, ctx: click.Context):
        """The command; on Ctrl-C, exit 130 as shells expect of an interrupted command (click
        would exit 1), once the command has kept what it can (extraction done is stored)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(_("Interrupted."), err=True)
            sys.exit(INTERRUPTED)


#: The exit code of a command interrupted by Ctrl-C (128 + SIGINT), as shells give it.
INTERRUPTED = 130


class Output:
    """Messages on stderr unless --quiet; results on stdout."""

    def __init__(self, quiet: bool):
        self.quiet = quiet

    def progress(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def bar(self, items: Iterable, length: int, label: str) -> Iterator:
        """The items, with a progress bar on stderr when it is a terminal and not --quiet."""
        if self.quiet or length == 0:
            yield from items
            return
        with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
            yield from bar


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archive")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors and results.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """The drone-strike incident archive: turn corpus/ into a searchable site.

    \b
    Examples:
      archive check                      # validate the whole corpus
      archive add raw.txt --year 2025    # import a raw article
      archive build                      # build site/
    """
    ctx.obj = Output(quiet)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.ERROR if quiet else logging.WARNING)


def _project(root: Path):
    from build_tools.project import Project

    project = Project(root.resolve())
    if not project.config_file.is_file():
        raise click.UsageError(
            _(
                "{root} has no mkdocs.yml: run archive from the project folder or pass --root"
            ).format(root=root)
        )
    try:
        _config = project.config  # reading it loads and checks mkdocs.yml
    except ArchiveError as error:
        _fail(error)
    return project


def _fail(error: ArchiveError) -> NoReturn:
    if isinstance(error, CorpusError):
        for problem in error.problems:
            click.echo(str(problem), err=True)
        found = len(error.problems)
        click.echo(
            ngettext(
                "{n} problem found; fix it and run again.",
                "{n} problems found; fix them and run again.",
                found,
            ).format(n=found),
            err=True,
        )
    else:
        click.echo(_("Error: {error}").format(error=error), err=True)
    sys.exit(1)


@cli.command()
@ROOT_OPTION
@click.option(
    "--strict/--no-strict",
    default=True,
    show_default=True,
    help="Fail on any corpus problem or MkDocs warning.",
)
@click.option(
    "--keep-going", is_flag=True, help="Build every valid article; list the files skipped and why."
)
@click.option(
    "--zip",
    "site_zip",
    is_flag=True,
    help=(
        "Also zip the site into site/archive-hors-ligne.zip, linked from Accueil, to read offline."
    ),
)
@click.option(
    "--clean",
    is_flag=True,
    help="Render every page again, not only those that changed since the last build.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Build from scratch without reading or writing the build's store (the cache).",
)
@click.pass_obj
def build(
    out: Output,
    root: Path,
    strict: bool,
    keep_going: bool,
    site_zip: bool,
    clean: bool,
    no_cache: bool,
) -> None:
    """Build site/ from corpus/: extraction, pages, data, then mkdocs build.

    MkDocs renders only the pages that changed since the previous build (the result is the
    same as a clean build's, byte for byte); --clean renders them all. When nothing changed,
    the build says so and stops."""
    from build_tools.build import build as run_build

    try:
        result = run_build(
            _project(root),
            strict=strict,
            keep_going=keep_going,
            site_zip=site_zip,
            clean=clean,
            cache=not no_cache,
            report=out.progress,
            progress=out.bar,
        )
    except ArchiveError as error:
        _fail(error)
    for problem in result.problems:
        click.echo(_("skipped: {problem}").format(problem=problem), err=True)
    click.echo(result.summary(), err=True)


@cli.command()
@ROOT_OPTION
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def check(out: Output, root: Path, files: tuple[Path, ...]) -> None:
    """Validate articles (all of corpus/, or FILES) and the curation files.

    Prints every problem as path:line: message, then what was read from each valid
    article. Named articles are also compared with the whole corpus for duplicates. The
    curation files are always checked, so naming one checks them. Exits 1 when there is
    any problem.
    """
    from build_tools.corpus import CURATION_FILES, shown_path
    from build_tools.extract import unsupported_language
    from build_tools.incidents import unmatched_curations
    from build_tools.pipeline import Pipeline

    project = _project(root)
    pipeline = Pipeline(project, progress=out.bar)
    curation = {(project.corpus_dir / name).resolve() for name in CURATION_FILES}
    named = [f for f in files if f.resolve() not in curation]
    whole = pipeline.read()
    corpus = pipeline.read(only=named) if files else whole
    problems = list(corpus.problems)
    whole_curation = not files or len(named) < len(files)
    if files:
        named_paths = {a.path for a in corpus.articles}
        others = [a for a in whole.articles if a.path not in named_paths]
        problems += [
            d.problem
            for d in pipeline.duplicates(others + corpus.articles)
            if d.article.path in named_paths
        ]
    if files and whole_curation:
        curation_paths = {
            shown_path(project.corpus_dir / name, project.root) for name in CURATION_FILES
        }
        problems += [p for p in whole.problems if p.path in curation_paths]
    resources = pipeline.resources(whole)
    for problem in resources.gazetteer.problems:
        click.echo(f"corpus/places.yml: {problem}")
    checked = {a.id: a for a in corpus.articles}
    articles = {a.id: a for a in whole.articles} | checked
    records, _stats = pipeline.extract(list(articles.values()), resources)
    grouped, incidents = pipeline.group(whole, records)
    pipeline.save(prune=not files)
    if whole_curation:
        problems += unmatched_curations(
            whole.incidents,
            incidents,
            shown_path(project.corpus_dir / "incidents.yml", project.root),
        )
    problems = sorted(set(problems))
    for problem in problems:
        click.echo(str(problem))
    if whole_curation:
        shown = shown_path(project.corpus_dir / "incidents.yml", project.root)
        for entry in pipeline.redundant_curations(whole, grouped):
            click.echo(
                _(
                    "{where}: warning: {id}: the automatic grouping already puts these {n}"
                    " articles together, and no other; their list can go (a title or a"
                    " summary stays useful)"
                ).format(where=f"{shown}:{entry.line}", id=entry.id, n=len(entry.articles))
            )
    for record in grouped:
        article = checked.get(record.id)
        if article is None:
            continue
        missing = missing_source(article)
        if missing:
            click.echo(
                _(
                    "{where}: warning: no {keys} in the front matter; readers need them to"
                    " find and cite the original"
                ).format(where=f"{article.path}:1", keys=", ".join(missing))
            )
        language = unsupported_language(article, resources.languages)
        if language:
            known = ", ".join(sorted(resources.languages))
            click.echo(
                _(
                    "{where}: warning: the text is in {language!r}; only {known} are extracted,"
                    " so nothing was read from it"
                ).format(where=article.path, language=language, known=known)
            )
        out.progress(
            _("ok: {path}: {summary} → incident {incident}").format(
                path=article.path, summary=extraction_summary(record), incident=record.incident
            )
        )
    if problems:
        paths = len({p.path for p in problems})
        click.echo(
            ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems))
            + ngettext(" in {n} file.", " in {n} files.", paths).format(n=paths),
            err=True,
        )
        sys.exit(1)
    checked_count = len(corpus.articles)
    out.progress(
        ngettext(
            "{n} article checked, no problem.", "{n} articles checked, no problem.", checked_count
        ).format(n=checked_count)
    )


def missing_source(article) -> list[str]:
    """What a reader lacks to find the original: the publisher, its address, its date."""
    given = {
        "source": article.source != "inconnue",
        "url": article.url is not None,
        "published": article.published is not None,
    }
    return [key for key, present in given.items() if not present]


def extraction_summary(record) -> str:
    """One line of what was read: date, primary place, figures, target."""
    from build_tools.labels import TARGET_LABELS
    from build_tools.messages import language
    from build_tools.render.environment import count_text

    primary = next((p.name for p in record.places if p.role == "primary"), "lieu inconnu")
    parts = [record.date.value if record.date else "date inconnue", primary]
    words = {
        "killed": _("killed"),
        "injured": _("injured"),
        "launched": _("drones launched"),
        "downed": _("drones downed"),
        "hit": _("drones hit"),
    }
    counts = [(name, getattr(record, name)) for name in ("killed", "injured")]
    counts += [(name, getattr(record.drones, name)) for name in ("launched", "downed", "hit")]
    parts += [f"{words[name]} {count_text(count)}" for name, count in counts if count is not None]
    if record.target:
        kind = record.target.type
        parts.append(
            _("target {type}").format(type=TARGET_LABELS[kind] if language() == "fr" else kind)
        )
    return ", ".join(parts)


@cli.command()
@ROOT_OPTION
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def extract(root: Path, files: tuple[Path, ...]) -> None:
    """Print what extraction finds in each article FILE, as a JSON list of article records.

    \b
    Example:
      archive extract corpus/articles/2025/*.md > records.json
    """
    from build_tools.corpus import shown_path
    from build_tools.export import dumps
    from build_tools.model import to_json
    from build_tools.pipeline import Pipeline

    project = _project(root)
    pipeline = Pipeline(project)
    corpus = pipeline.read(only=list(files))
    if corpus.problems:
        _fail(CorpusError(corpus.problems))
    by_path = {a.path: a for a in corpus.articles}
    extracted, _stats = pipeline.extract(
        [by_path[shown_path(f, project.root)] for f in files], pipeline.resources(corpus)
    )
    pipeline.save(prune=False)
    records = [to_json(record) for record in extracted]
    click.echo(dumps(records), nl=False)


@cli.command()
@ROOT_OPTION
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def evaluate(root: Path, gold: Path) -> None:
    """Score extraction against an annotation file GOLD (shaped like seeds/gold.yaml).

    The raw text files it annotates must sit beside it. Prints, per field, how many
    articles are right, then each miss with what was expected and what was found.
    """
    from build_tools.evaluate import evaluate as run_evaluation
    from build_tools.evaluate import gold_articles
    from build_tools.pipeline import Pipeline

    project = _project(root)
    pipeline = Pipeline(project)
    corpus = pipeline.read()
    try:
        articles = gold_articles(gold, corpus)
        resources = pipeline.resources(corpus)
        records, _stats = pipeline.extract(list(articles.values()), resources)
        pipeline.save(prune=False)
        result = run_evaluation(
            gold, articles, dict(zip(articles, records, strict=True)), resources
        )
    except ArchiveError as error:
        _fail(error)
    for line in result.lines():
        click.echo(line)


@cli.command()
@ROOT_OPTION
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source", default=None, help="The publisher [default: a web page's site name, else inconnue]."
)
@click.option(
    "--url", default=None, help="The article's address [default: a web page's canonical address]."
)
@click.option(
    "--published",
    default=None,
    help=(
        "Publication date, YYYY, YYYY-MM or YYYY-MM-DD "
        "(wins over a 'date' line or the page's date)."
    ),
)
@click.option(
    "--year",
    type=int,
    default=None,
    help="Year folder when neither a publication date nor the event's year can be read.",
)
@click.option("--title", default=None, help="Title, when the text has no headline.")
@click.option("--author", default=None, help="The byline [default: a web page's author metadata].")
@click.option("--language", default="fr", show_default=True, help="ISO 639-1 language code.")
@click.option("--dry-run", is_flag=True, help="Print the corpus file instead of writing it.")
@click.option("--force", is_flag=True, help="Add the article even if it seems a duplicate.")
@click.pass_obj
def add(
    out: Output,
    root: Path,
    file: Path,
    source: str | None,
    url: str | None,
    published: str | None,
    year: int | None,
    title: str | None,
    author: str | None,
    language: str,
    dry_run: bool,
    force: bool,
) -> None:
    """Import an article FILE into corpus/articles/<YYYY>/: raw text, or a web page saved
    from the browser (.html), whose text and metadata trafilatura reads, offline.

    Shows what was read, and refuses (exit 1) an article the corpus seems to hold
    already, unless --force.

    \b
    Examples:
      archive add ~/Téléchargements/article.txt --source "Radio Liberté" --published 2025-07-03
      archive add ~/Téléchargements/article.html
    """
    import dataclasses

    from build_tools import schema
    from build_tools.corpus import parse_article
    from build_tools.importer import front_matter_document, target_path
    from build_tools.write import write_atomically

    project = _project(root)
    try:
        raw, found_source, found_url, found_author = _read_import(file)
        if published:
            raw = dataclasses.replace(raw, published=schema.partial_date(published))
        if title:
            raw = dataclasses.replace(raw, title=schema.text(title), title_from="--title")
        source = schema.text(source) if source else found_source or "inconnue"
        url = schema.http_url(url) if url else found_url
        author = schema.text(author) if author else found_author
        if year is None and raw.published is None:
            year = _event_year(project, raw.text, raw.title)
        path = target_path(project.corpus_dir, raw, year, source)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    except ArchiveError as error:
        _fail(error)
    document = front_matter_document(raw, source=source, url=url, language=language, author=author)
    shown = path.relative_to(project.root).as_posix()
    article, problems = parse_article(document.encode("utf-8"), shown)
    if problems:
        _fail(CorpusError(problems))
    for line in raw.dropped:
        out.progress(_("dropped noise line: {line}").format(line=line))
    origins = {
        "headline": _("headline"),
        "first sentence": _("first sentence"),
        "page metadata": _("page metadata"),
    }
    origin = origins.get(raw.title_from, raw.title_from)
    out.progress(_("title ({origin}): {title}").format(origin=origin, title=raw.title))
    not_given = _("not given")
    out.progress(
        _("source: {source}\nurl: {url}\nauthor: {author}\npublished: {published}").format(
            source=source,
            url=url or not_given,
            author=author or not_given,
            published=raw.published.iso if raw.published else not_given,
        )
    )
    paragraphs = raw.text.count(chr(10) * 2) + 1
    out.progress(
        ngettext("text: {n} paragraph", "text: {n} paragraphs", paragraphs).format(n=paragraphs)
        + ngettext(", {n} word", ", {n} words", len(raw.text.split())).format(
            n=len(raw.text.split())
        )
    )
    duplicates = _duplicates_of(project, article)
    for duplicate in duplicates:
        click.echo(
            _("warning: likely a duplicate: {problem}").format(problem=duplicate.problem), err=True
        )
    if dry_run:
        click.echo(document, nl=False)
        return
    if duplicates and not force:
        click.echo(
            _(
                "Error: not added: the corpus seems to hold this article already ({path} would"
                " repeat it). Pass --force to add it anyway."
            ).format(path=shown),
            err=True,
        )
        sys.exit(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, document.encode("utf-8"))
    click.echo(shown)


def _read_import(file: Path) -> tuple[RawImport, str | None, str | None, str | None]:
    """(RawImport, publisher, address, byline) of a raw text or a saved web page; the last
    three are None when the file does not say."""
    from build_tools.corpus import decode, read_file
    from build_tools.importer import clean_raw_text
    from build_tools.webpage import MAX_PAGE_BYTES, is_html, read_page

    data, problems = read_file(file, str(file), MAX_PAGE_BYTES)
    if data is None:
        raise ArchiveError(str(problems[0]))
    if is_html(data, file.name):
        page = read_page(data)
        return page.raw, page.source, page.url, page.author
    text, problems = decode(data, str(file))
    if text is None:
        raise ArchiveError(str(problems[0]))
    return clean_raw_text(text), None, None, None


def _duplicates_of(project, article) -> list:
    """What `archive check` would say repeats an article about to be added."""
    from build_tools.pipeline import Pipeline

    pipeline = Pipeline(project)
    corpus = pipeline.read()
    found = [d for d in pipeline.duplicates([*corpus.articles, article]) if d.article is article]
    pipeline.save(prune=False)
    return found


def _event_year(project, text: str, title: str) -> int | None:
    """The year of the event the text reports, when extraction can tell it."""
    from build_tools.model import Article
    from build_tools.pipeline import Pipeline

    pipeline = Pipeline(project)
    corpus = pipeline.read(only=[])
    article = Article(
        id="import", path="import.md", title=title, source="inconnue", text=text, text_line=1
    )
    (record,), _stats = pipeline.extract([article], pipeline.resources(corpus))
    pipeline.save(prune=False)
    return int(record.date.value[:4]) if record.date else None


@cli.command()
@ROOT_OPTION
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.pass_obj
def serve(out: Output, root: Path, dev_addr: str) -> None:
    """Live preview on DEV_ADDR that rebuilds when the corpus or docs change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    project = _project(root)
    if not out.quiet:
        logging.getLogger("mkdocs").setLevel(logging.INFO)
    mkdocs_serve(config_file=str(project.config_file), dev_addr=dev_addr)


def main() -> None:
    try:
        cli(prog_name="archive")
    except SystemExit as done:
        exit_process(done.code)


def exit_process(code: int | str | None) -> NoReturn:
    """End the process as `sys.exit(code)` would, without Python's teardown: that frees the
    objects of a finished build one by one, a tenth of a second at 1,000 articles, for
    nothing (mypy exits the same way). Output is flushed first; the build has closed its
    files and worker processes by then."""
    if isinstance(code, str):
        print(code, file=sys.stderr)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
