"""Read and validate `corpus/`: article files (front matter + text) and the curation files.

Every problem of every file is collected (MkDocs collects config problems before
aborting); a file with problems is left out and named in `Corpus.skipped`, never dropped
silently. Nothing here writes to the corpus.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_tools import schema
from build_tools.duplicates import find_duplicates
from build_tools.errors import BuildError, Problem, raised_at
from build_tools.incremental.call import Call, apply
from build_tools.messages import Message
from build_tools.model import (
    TARGET_TYPES,
    Article,
    Corpus,
    EntityEntry,
    GazetteerEntry,
    IncidentCuration,
)
from build_tools.schema import Field, validate_mapping
from build_tools.yamlsafe import (
    MAX_YAML_BYTES,
    Located,
    YamlProblem,
    item_nodes,
    key_lines,
    load_yaml,
    value_node,
)

MAX_ARTICLE_BYTES = 1_000_000
#: `published_ids.yml` grows with the archive (the build writes a line of about 110 bytes
#: per incident: 1.1 MB for 10,000), so its cap is not that of hand-written files.
MAX_PUBLISHED_IDS_BYTES = 50_000_000
#: What a file is read by once its size, read first, is exhausted (a file written meanwhile).
READ_CHUNK = 65_536
#: Lists, quotes and indented blocks inside one another: no report needs more than a few,
#: and Python-Markdown, which renders the text, recurses once per level (at a few hundred
#: it fails). A contributor meets the limit at `archive check`, not at the build.
MAX_NESTING = 20
# What opens a nested block at the start of a line: a quote mark, a list marker, or four
# columns of indentation (a tab counts for four).
# A horizontal rule ("- - -", "* * * *"), which nests nothing however many marks it has.
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_CONTAINER = re.compile(r" {4}|\t| {0,3}(?:> ?|[-*+][ \t]|\d{1,9}[.)][ \t])")
ARTICLES_DIR = "articles"
CURATION_FILES = ("places.yml", "entities.yml", "incidents.yml", "lexicon.yml")
#: Every incident id the archive has published, with the articles it then had: each build
#: adds to it (`archive build` writes it), and it is kept in the repository, so that a pull
#: request's diff shows which incidents moved; an id in it stays reachable for ever.
PUBLISHED_IDS = "published_ids.yml"
YEAR_DIR = re.compile(r"^\d{4}$")

OVERRIDES: dict[str, Field] = {
    "incident": Field(schema.slug, help=Message("the id of the incident this article reports")),
    "date": Field(schema.partial_date, help=Message("the event date, YYYY, YYYY-MM or YYYY-MM-DD")),
    "killed": Field(schema.count),
    "injured": Field(schema.count),
    "hospitalised": Field(schema.count),
    "drones_launched": Field(schema.count),
    "drones_downed": Field(schema.count),
    "drones_hit": Field(schema.count),
    "target": Field(schema.text, help=Message("the named site that was hit")),
    "target_type": Field(schema.choice(*TARGET_TYPES)),
}

ARTICLE_FIELDS: dict[str, Field] = {
    "title": Field(
        schema.text, required=True, help=Message('add a line title: "…" with the headline')
    ),
    "source": Field(schema.text, default="inconnue", help=Message("the publisher")),
    "url": Field(schema.http_url, help=Message("the address of the article")),
    "author": Field(schema.text, help=Message("the byline: who wrote the article")),
    "published": Field(
        schema.partial_date, help=Message("publication date, YYYY, YYYY-MM or YYYY-MM-DD")
    ),
    "language": Field(schema.language, default="fr", help=Message("ISO 639-1 code")),
    "archived_url": Field(schema.http_url, help=Message("an archived copy")),
    "overrides": Field(schema=OVERRIDES, default=dict, help=Message("curator corrections")),
}

PLACE_KINDS = ("city", "town", "village", "district", "region", "country", "sea", "site")
PLACE_FIELDS: dict[str, Field] = {
    "name": Field(schema.text, required=True),
    "aliases": Field(schema.text_list, default=list),
    "kind": Field(schema.choice(*PLACE_KINDS)),
    "country": Field(schema.country),
    "admin1": Field(schema.text),
    "lat": Field(schema.latitude),
    "lon": Field(schema.longitude),
    "capital": Field(schema.text, help=Message("for a region: the town it is named after")),
    "seat": Field(
        schema.text,
        help=Message("for a region: a town inside it, when its capital is a region of its own"),
    ),
    "geonames": Field(
        schema.text, help=Message("the GeoNames name of the town this entry gives a name in French")
    ),
}

ENTITY_TYPES = ("person", "organisation", "weapon", "target")
ENTITY_FIELDS: dict[str, Field] = {
    "name": Field(schema.text, required=True),
    "type": Field(schema.choice(*ENTITY_TYPES), required=True),
    "aliases": Field(schema.text_list, default=list),
    "role": Field(schema.text),
    "target_type": Field(schema.choice(*TARGET_TYPES)),
}

INCIDENT_FIELDS: dict[str, Field] = {
    "title": Field(schema.text),
    "summary": Field(schema.text),
    "articles": Field(schema.slug_list, default=list),
}


def normalise_newlines(raw: str) -> str:
    """Drop a byte-order mark and turn CRLF / CR line endings into LF."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8, naming the line of the first bad byte."""
    try:
        return normalise_newlines(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, Message("not valid UTF-8; save the file as UTF-8"))]


#: Why a file could not be opened: a reason that may pass with nothing written to the file
#: (a permission, too many open files, a network file system that did not answer).
_UNREADABLE = Message("cannot be read: {reason}")
#: Opening a link fails with this flag (where the system has it).
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_file(path: Path, shown: str, limit: int) -> tuple[bytes | None, list[Problem]]:
    """A corpus file's bytes, or None and why: only a plain file is read (a link, a folder,
    a pipe or a device named like one is refused: a link could lead anywhere on the machine,
    reading a pipe would wait for ever), and one larger than `limit` bytes is refused before
    it is read whole. A link is refused by the opening itself, not by a call of its own
    before: 20,000 of those took 0.2 s."""
    if not _NO_FOLLOW and path.is_symlink():
        return None, [symlink_problem(shown)]
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NO_FOLLOW)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, [symlink_problem(shown)]
        reason = error.strerror or str(error)
        return None, [Problem(shown, 0, Message(_UNREADABLE.text, reason=reason))]
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            not_a_file = Message(
                "is not a plain file (a folder, a pipe or a device); the corpus holds files only"
            )
            return None, [Problem(shown, 0, not_a_file)]
        data = b""
        # Its size and one byte more, to see it end; then on, should it have grown since. Not
        # `limit` bytes at once: os.read makes a buffer of the size asked for, and one of a
        # megabyte for each of 20,000 files of a few kB took 0.4 to 1 s where 0.1 s will do.
        chunk = min(status.st_size, limit) + 1
        while len(data) <= limit and (
            more := os.read(descriptor, min(chunk, limit + 1 - len(data)))
        ):
            data += more
            chunk = READ_CHUNK
    finally:
        os.close(descriptor)
    if len(data) > limit:
        too_large = Message(
            "file is larger than {size} kB; split it or trim it", size=limit // 1000
        )
        return None, [Problem(shown, 0, too_large)]
    return data, []


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split `---` front matter from the body; return (yaml, body, body's first line) or None."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body_lines = lines[index + 1 :]
            skipped = 0
            while skipped < len(body_lines) and not body_lines[skipped].strip():
                skipped += 1
            body = "\n".join(body_lines[skipped:]).rstrip()
            return front, body, index + 2 + skipped
    return None


def parse_article(data: bytes, path: str) -> tuple[Article | None, list[Problem]]:
    """Validate one article file; return the article, or None and every problem found."""
    if len(data) > MAX_ARTICLE_BYTES:
        return None, [
            Problem(
                path,
                0,
                Message(
                    "file is larger than {size} kB; split it or trim it",
                    size=MAX_ARTICLE_BYTES // 1000,
                ),
            )
        ]
    text, problems = decode(data, path)
    if text is None:
        return None, problems
    stem = Path(path).stem
    if not schema.SLUG.fullmatch(stem):
        problems.append(
            Problem(
                path,
                0,
                Message(
                    "file name {stem!r} is not an id; rename it with lowercase ASCII words joined"
                    " by hyphens, e.g. 2025-07-03-ijevsk-kupol.md",
                    stem=stem,
                ),
            )
        )
    parts = split_front_matter(text)
    if parts is None:
        problems.append(
            Problem(
                path,
                1,
                Message(
                    "no front matter: the file must start with a line ---, then keys such as "
                    'title: "…", then a line ---'
                ),
            )
        )
        return None, problems
    front, body, body_line = parts
    try:
        located = load_yaml(front)
    except YamlProblem as exc:
        problems.append(Problem(path, exc.line + 1, exc.message))
        return None, problems
    values, field_problems = validate_mapping(
        located.data, located.node, ARTICLE_FIELDS, path=path, line_offset=1, prefix=""
    )
    problems.extend(field_problems)
    if not body.strip():
        problems.append(
            Problem(
                path,
                body_line,
                Message("the article text is empty; paste the text after the closing ---"),
            )
        )
    problems.extend(_too_deep(body, path, body_line))
    if problems:
        return None, sorted(problems)
    lines = {key: line + 1 for key, line in key_lines(located.node).items()}
    return Article(id=stem, path=path, text=body, text_line=body_line, lines=lines, **values), []


def _too_deep(body: str, path: str, first_line: int) -> list[Problem]:
    """The first line of the body nested deeper than `MAX_NESTING`, as a problem."""
    for number, line in enumerate(body.split("\n"), start=first_line):
        depth, position = 0, 0
        while depth <= MAX_NESTING and (opening := _CONTAINER.match(line, position)):
            depth, position = depth + 1, opening.end()
        if depth > MAX_NESTING and line.strip() and not _RULE.fullmatch(line):
            message = Message(
                "lists, quotes or indentation are nested more than {limit} levels deep here;"
                " flatten them",
                limit=MAX_NESTING,
            )
            return [Problem(path, number, message)]
    return []


#: An article file's article (None when it has problems that leave it out) and its problems.
Read = tuple[Article | None, list[Problem]]
#: `reader(path, shown, read)`: `read(path, shown)` (`read_article`), or what it gave
#: before for a file the reader knows has not changed since (incremental/source_reuse.py).
ArticleReader = Callable[[Path, str, Callable[[Path, str], Read]], Read]


def read_article(path: Path, shown: str) -> Read:
    """The article of the file at `path` (`shown` as the contributor typed it), read and
    validated, or None and why."""
    data, problems = read_file(path, shown, MAX_ARTICLE_BYTES)
    if data is None:
        return None, problems
    return _parsed(data, shown, parse_article, apply)


def unopened(found: Read) -> bool:
    """Whether reading a file found it could not be opened (`_UNREADABLE`): what reading it
    gives may then change with nothing written to it."""
    return any(problem.message.text == _UNREADABLE.text for problem in found[1])


def read_now(path: Path, shown: str, read: Callable[[Path, str], Read]) -> Read:
    """The plain `ArticleReader`: `read(path, shown)`."""
    return read(path, shown)


def _parsed(
    data: bytes, shown: str, parse: Callable[[bytes, str], tuple[Any, list[Problem]]], call: Call
) -> tuple[Any, list[Problem]]:
    """`parse(data, shown)` of a file (an article, a curation file), through `call`."""
    try:
        value, problems = call(parse, data, shown)
    except Exception as error:  # a bug of the reader, not a problem of the file: say which file
        raise BuildError(f"{shown}: reading failed: {error!r}{raised_at(error)}") from error
    return value, list(problems)  # a copy: the caller adds problems of its own


def _read_curation(
    path: Path,
    shown: str,
    parse: Callable[[bytes, str], tuple[Any, list[Problem]]],
    empty: Any,
    call: Call,
    *,
    missing: Message | None = None,
    limit: int = MAX_YAML_BYTES,
) -> tuple[Any, list[Problem]]:
    """`parse(data, shown)` of a curation file of at most `limit` bytes, through `call`. No
    file gives `empty`, with the problem `missing` when the file is required; a link gives
    `empty`."""
    if not path.exists():
        return empty, [Problem(shown, 0, missing)] if missing else []
    data, problems = read_file(path, shown, limit)
    if data is None:
        return empty, problems
    return _parsed(data, shown, parse, call)


def _parse_yaml(
    data: bytes, shown: str, limit: int = MAX_YAML_BYTES
) -> tuple[Located | None, list[Problem]]:
    """A curation file's bytes, decoded and safely parsed; None (and why) when they cannot be."""
    text, problems = decode(data, shown)
    if text is None:
        return None, problems
    try:
        return load_yaml(text, limit), []
    except YamlProblem as exc:
        return None, [Problem(shown, exc.line, exc.message)]


def _entries(
    data: bytes,
    shown: str,
    fields: dict[str, Field],
    build: Any,
    rule: Callable[[dict[str, Any]], Message | None] = lambda values: None,
) -> tuple[list, list[Problem]]:
    """A curation file that is a YAML list of mappings, one entry per item; `rule` says
    what is wrong with an entry whose fields are each valid (None when nothing is)."""
    located, problems = _parse_yaml(data, shown)
    if located is None or located.data is None:
        return [], problems
    if not isinstance(located.data, list):
        return [], [
            Problem(shown, 1, Message("expected a list of entries, each starting with '- name: …'"))
        ]
    entries = []
    for item, node in zip(located.data, item_nodes(located.node), strict=False):
        values, entry_problems = validate_mapping(item, node, fields, path=shown)
        broken = None if entry_problems else rule(values)
        if broken:
            entry_problems.append(Problem(shown, node.start_mark.line + 1, broken))
        problems.extend(entry_problems)
        if not entry_problems:
            entries.append(build(**values))
    return entries, problems


def _parse_places(data: bytes, shown: str) -> tuple[list[GazetteerEntry], list[Problem]]:
    """`places.yml`: the gazetteer's additions."""
    return _entries(data, shown, PLACE_FIELDS, GazetteerEntry, _place_rule)


def _place_rule(values: dict[str, Any]) -> Message | None:
    """A new place needs its kind; an entry naming a GeoNames town takes the town's."""
    if values.get("geonames") and values.get("kind"):
        return Message(
            "{name}: kind comes from the GeoNames town; remove 'kind'", name=values["name"]
        )
    if not values.get("geonames") and not values.get("kind"):
        return Message(
            "{name}: add a kind ({kinds})", name=values["name"], kinds=", ".join(PLACE_KINDS)
        )
    return None


def _parse_entities(data: bytes, shown: str) -> tuple[list[EntityEntry], list[Problem]]:
    """`entities.yml`: people and organisations with their aliases."""
    return _entries(data, shown, ENTITY_FIELDS, EntityEntry)


def _parse_incidents(data: bytes, shown: str) -> tuple[list[IncidentCuration], list[Problem]]:
    """`incidents.yml`: a mapping from incident id to its curation."""
    located, problems = _parse_yaml(data, shown)
    if located is None or located.data is None:
        return [], problems
    if not isinstance(located.data, dict):
        return [], [
            Problem(
                shown, 1, Message("expected a mapping from incident id to title/summary/articles")
            )
        ]
    curations = []
    lines = key_lines(located.node)
    for key, value in located.data.items():
        node = value_node(located.node, str(key))
        line = lines.get(str(key), 1)
        try:
            incident_id = schema.slug(key)
        except ValueError as exc:
            problems.append(
                Problem(shown, line, Message("incident id {reason}", reason=schema.reason(exc)))
            )
            continue
        values, entry_problems = validate_mapping(
            value, node, INCIDENT_FIELDS, path=shown, prefix=f"{incident_id}."
        )
        problems.extend(entry_problems)
        if not entry_problems:
            curations.append(IncidentCuration(id=incident_id, line=line, **values))
    return curations, problems


def _parse_published(data: bytes, shown: str) -> tuple[dict[str, list[str]], list[Problem]]:
    """`published_ids.yml`: a mapping from each published incident id to its articles' ids."""
    located, problems = _parse_yaml(data, shown, MAX_PUBLISHED_IDS_BYTES)
    if located is None or located.data is None:
        return {}, problems
    if not isinstance(located.data, dict):
        return {}, [
            Problem(shown, 1, Message("expected a mapping from incident id to its articles"))
        ]
    published: dict[str, list[str]] = {}
    lines = key_lines(located.node)
    for key, value in located.data.items():
        try:
            published[schema.slug(key)] = schema.slug_list(value)
        except ValueError as exc:
            wrong = Message("{key}: {reason}", key=str(key), reason=schema.reason(exc))
            problems.append(Problem(shown, lines.get(str(key), 1), wrong))
    return published, problems


def _parse_lexicon(data: bytes, shown: str) -> tuple[dict[str, Any], list[Problem]]:
    """`lexicon.yml`: a mapping of vocabulary lists (their use is the extractors' business)."""
    located, problems = _parse_yaml(data, shown)
    if located is None:
        return {}, problems
    if not isinstance(located.data, dict):
        return {}, [Problem(shown, 1, Message("expected a mapping of vocabulary lists"))]
    return located.data, []


def curation_problems(
    curations: list[IncidentCuration], article_ids: set[str], shown: str
) -> list[Problem]:
    """Articles that `incidents.yml` lists but the corpus lacks, or lists under two incidents."""
    problems = []
    listed_under: dict[str, str] = {}
    for curation in curations:
        for article in curation.articles:
            if article not in article_ids:
                problems.append(
                    Problem(
                        shown,
                        curation.line,
                        Message(
                            "{incident}: no article {article!r} in corpus/articles/; "
                            "check the id (the file name without .md)",
                            incident=curation.id,
                            article=article,
                        ),
                    )
                )
            elif article in listed_under:
                problems.append(
                    Problem(
                        shown,
                        curation.line,
                        Message(
                            "{incident}: article {article!r} is already listed under "
                            "{other}; an article reports one incident",
                            incident=curation.id,
                            article=article,
                            other=listed_under[article],
                        ),
                    )
                )
            else:
                listed_under[article] = curation.id
    return problems


def article_paths(corpus_dir: Path) -> list[Path]:
    """Every article file under `corpus/articles/`, in a stable order."""
    return sorted((corpus_dir / ARTICLES_DIR).rglob("*.md"))


def load_corpus(
    corpus_dir: Path,
    root: Path,
    only: list[Path] | None = None,
    *,
    call: Call = apply,
    duplicates_call: Call | None = None,
    reader: ArticleReader = read_now,
) -> Corpus:
    """Read the corpus; collect the problems of every file, keep the articles that are valid.
    Each article file is read by `reader`, each curation file parsed through `call`; the
    duplicate check sketches and compares texts through `duplicates_call` (by default
    `call`): parsing depends on today's date (no article may be dated tomorrow), the
    sketches of texts do not."""
    problems: list[Problem] = []
    articles: list[Article] = []
    skipped: list[str] = []
    paths = only if only is not None else article_paths(corpus_dir)
    # Resolved once, not for each of thousands of files.
    resolved_root = root.resolve()
    articles_dir = (corpus_dir / ARTICLES_DIR).resolve()
    folders: dict[Path, Path] = {}
    shown_folders: dict[Path, str | None] = {}
    for file in paths:
        if file.parent not in folders:
            folders[file.parent] = file.parent.resolve()
            shown_folders[file.parent] = _shown_folder(folders[file.parent], resolved_root)
        shown = _shown_in(shown_folders[file.parent], file)
        article, file_problems = reader(file, shown, read_article)
        # Where the file is, its folder says (resolved: a file given as "x.md" is in the
        # folder it was named from); a link itself is refused by reading, never followed.
        folder = folders[file.parent]
        in_articles = folder.is_relative_to(articles_dir)
        if in_articles and not YEAR_DIR.fullmatch(folder.name):
            outside = Message(
                "articles go in a folder named for their year, corpus/articles/YYYY/; "
                "move it out of {folder!r}",
                folder=folder.name,
            )
            file_problems = [*file_problems, Problem(shown, 0, outside)]
            article = None
        problems.extend(file_problems)
        if article is None:
            skipped.append(shown)
        else:
            articles.append(article)
    articles, duplicate_problems = _drop_duplicates(articles, duplicates_call or call)
    problems.extend(duplicate_problems)
    skipped.extend(p.path for p in duplicate_problems)

    def curation(
        name: str,
        parse: Callable,
        empty: Any,
        missing: Message | None = None,
        limit: int = MAX_YAML_BYTES,
    ) -> tuple[Any, list[Problem]]:
        return _read_curation(
            corpus_dir / name,
            shown_path(corpus_dir / name, root),
            parse,
            empty,
            call,
            missing=missing,
            limit=limit,
        )

    places, place_problems = curation("places.yml", _parse_places, [])
    entities, entity_problems = curation("entities.yml", _parse_entities, [])
    incidents, incident_problems = curation("incidents.yml", _parse_incidents, [])
    if only is None:
        known = {a.id for a in articles} | {Path(p).stem for p in skipped}
        incident_problems += curation_problems(
            incidents, known, shown_path(corpus_dir / "incidents.yml", root)
        )
    published, published_problems = curation(
        PUBLISHED_IDS, _parse_published, {}, limit=MAX_PUBLISHED_IDS_BYTES
    )
    lexicon, lexicon_problems = curation(
        "lexicon.yml",
        _parse_lexicon,
        {},
        Message("the extraction vocabulary is missing; restore corpus/lexicon.yml"),
    )
    return Corpus(
        articles=articles,
        places=places,
        entities=entities,
        incidents=incidents,
        published=published,
        lexicon=lexicon,
        problems=sorted(
            set(
                problems
                + place_problems
                + entity_problems
                + incident_problems
                + published_problems
                + lexicon_problems
            )
        ),
        skipped=sorted(set(skipped)),
    )


def _drop_duplicates(articles: list[Article], call: Call) -> tuple[list[Article], list[Problem]]:
    """Ids, addresses, headlines and texts are not repeated: the later file is a problem."""
    duplicates = find_duplicates(articles, call)
    repeated = {d.article.path for d in duplicates}
    return [a for a in articles if a.path not in repeated], [d.problem for d in duplicates]


def symlink_problem(shown: str) -> Problem:
    """A link could make the build read a file from anywhere on the machine that builds."""
    return Problem(shown, 0, Message("is a symbolic link; commit the file itself"))


def shown_path(path: Path, root: Path) -> str:
    """A path as the contributor typed it: relative to the project root when inside it (a
    link is named as itself, not as the file it points to)."""
    return _shown(path, path.parent.resolve(), root.resolve())


def _shown(path: Path, resolved_folder: Path, resolved_root: Path) -> str:
    return _shown_in(_shown_folder(resolved_folder, resolved_root), path)


def _shown_in(shown_folder: str | None, path: Path) -> str:
    """A path as shown, from its folder's (`_shown_folder`)."""
    return path.as_posix() if shown_folder is None else shown_folder + path.name


def _shown_folder(resolved_folder: Path, resolved_root: Path) -> str | None:
    """What a path in the folder is shown after: the folder relative to the root, with a
    final slash ("" for the root itself); None for a folder outside the root."""
    try:
        relative = resolved_folder.relative_to(resolved_root).as_posix()
    except ValueError:
        return None
    return "" if relative == "." else relative + "/"
