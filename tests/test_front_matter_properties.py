"""Properties of the article parser (front matter + text), on inputs hypothesis makes up.

- A well-formed article always reads back as written, whatever its characters.
- A byte-order mark and CRLF line endings change nothing.
- An unknown key is always a problem on its own line, and the file is left out.
- Any bytes at all give an article or a list of problems located in the file, never an
  exception.
"""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.corpus import ARTICLE_FIELDS, parse_article

PATH = "corpus/articles/2025/x.md"
FAST = settings(max_examples=150, deadline=None)

# Any character but surrogates (not encodable) and CR (a line ending, normalised away);
# in front matter, not the line separators YAML 1.1 reads as line breaks either (refused).
characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip())
bodies = st.text(characters, min_size=1, max_size=400).filter(lambda s: s.strip())
hosts = st.from_regex(r"[a-z0-9]{1,12}\.(org|fr|com|ua)", fullmatch=True)
paths = st.lists(st.from_regex(r"[A-Za-z0-9_-]{1,10}", fullmatch=True), max_size=4)
urls = st.builds(
    lambda scheme, host, parts: f"{scheme}://{host}/{'/'.join(parts)}",
    st.sampled_from(["http", "https"]),
    hosts,
    paths,
)
dates = st.builds(
    lambda day, precision: day.isoformat()[:precision],
    st.dates(min_value=date(1990, 1, 1), max_value=date.today()),
    st.sampled_from([4, 7, 10]),
)
metadata = st.fixed_dictionaries(
    {"title": texts},
    optional={
        "source": texts,
        "url": urls,
        "published": dates,
        "language": st.from_regex(r"[a-z]{2}", fullmatch=True),
        "archived_url": urls,
    },
)


def document(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def line_of(text: str, key: str) -> int:
    """The line on which `key:` starts (a value may span lines: YAML folds some characters)."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(f"{key}:"))


def expected_text(body: str) -> str:
    """The text the parser keeps: blank lines at the top dropped, white space at the end."""
    lines = body.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


@FAST
@given(metadata, bodies)
def test_a_well_formed_article_reads_back_as_written(meta, body):
    text = document(meta, body)
    article, problems = parse_article(text.encode("utf-8"), PATH)
    assert problems == []
    assert article.title == meta["title"].strip()
    assert article.source == meta.get("source", "inconnue").strip()
    assert article.url == meta.get("url")
    assert (article.published.iso if article.published else None) == meta.get("published")
    assert article.language == meta.get("language", "fr")
    assert article.text == expected_text(body)
    assert article.lines == {key: line_of(text, key) for key in meta}


@FAST
@given(metadata, bodies)
def test_a_byte_order_mark_and_crlf_change_nothing(meta, body):
    plain = document(meta, body)
    windows = "\ufeff" + plain.replace("\n", "\r\n")
    assert parse_article(windows.encode("utf-8"), PATH) == parse_article(
        plain.encode("utf-8"), PATH
    )


# Words YAML 1.1 reads as booleans or null: as keys they are no names (`no:` is False).
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@FAST
@given(
    metadata,
    bodies,
    st.from_regex(r"[a-z_]{1,15}", fullmatch=True).filter(
        lambda k: k not in ARTICLE_FIELDS and k not in YAML_WORDS
    ),
    texts,
)
def test_an_unknown_key_is_a_problem_on_its_own_line(meta, body, key, value):
    text = document({**meta, key: value}, body)
    article, problems = parse_article(text.encode("utf-8"), PATH)
    assert article is None
    [problem] = problems
    assert problem.line == line_of(text, key) and str(problem.message).startswith(
        f"{key}: unknown key;"
    )


@FAST
@given(metadata, bodies, st.sampled_from("\x85\u2028\u2029"))
def test_a_line_separator_yaml_would_break_on_is_refused_at_its_line(meta, body, separator):
    text = document({**meta, "source": f"avant{separator}après"}, body)
    article, problems = parse_article(text.encode("utf-8"), PATH)
    assert article is None
    [problem] = problems
    expected = (
        f"invisible line separator U+{ord(separator):04X}, which YAML reads as a line break; "
        "delete it"
    )
    assert problem.line == line_of(text, "source")
    assert str(problem.message) == expected


@FAST
@given(
    st.one_of(
        st.binary(max_size=600),
        st.builds(lambda t: ("---\n" + t).encode("utf-8", "surrogatepass"), st.text(max_size=600)),
    )
)
def test_any_bytes_give_an_article_or_located_problems_never_an_exception(data):
    article, problems = parse_article(data, PATH)
    assert (article is None) == bool(problems)
    lines = data.count(b"\n") + 2
    for problem in problems:
        assert problem.path == PATH and 0 <= problem.line <= lines and problem.message


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)


@FAST
@given(st.dictionaries(texts, yaml_values, max_size=6), bodies)
def test_any_yaml_front_matter_is_read_or_refused_with_its_lines(meta, body):
    data = document(meta, body).encode("utf-8")
    article, problems = parse_article(data, PATH)
    assert (article is None) == bool(problems)
    for problem in problems:
        assert 0 <= problem.line <= data.count(b"\n") + 1
