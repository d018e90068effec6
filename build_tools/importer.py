"""`archive add`: turn a raw scraped article into a corpus file with front matter.

Raw text as collected from news sites: an optional leading `date YYYY-MM` (the
publication month), a headline on the first line or none at all, photo captions and
credit lines mixed into the text. Import keeps the article text and drops only what is
recognisably noise, and reports every line it dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_tools.errors import ImportFailure
from build_tools.messages import _
from build_tools.model import PartialDate
from build_tools.slugs import slugify

# "date 2023-05" at the very start of a scraped file: the publication date.
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b\s*", re.IGNORECASE)

# A caption or credit line: it ends with a credit ("1 crédit : East2West", "Photo : AFP",
# "© Reuters") or a bare agency signature after a sentence ("… humanitaire. ATS").
_AGENCIES = (
    r"(?:AFP|ATS|Keystone(?:-ATS)?|Reuters|AP|EPA|Getty Images|Sipa|Belga|ANP|dpa|Ria Novosti"
    r"|TASS|Ukrinform)"
)
_CREDIT_LINE = re.compile(
    r"(?:(?:^|\s)\d*\s*(?:cr[ée]dits?|photos?|image|illustration)\s*:\s*[^.!?]{1,60}$)"
    r"|(?:©\s*[^.!?]{1,60}$)"
    rf"|(?:[.!?»]\s+{_AGENCIES}(?:/[^.!?]{{1,30}})?$)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"“A-ZÀ-ÖØ-Þ0-9])")
_HEADLINE_MAX_WORDS = 30
_TITLE_MAX_CHARS = 110


@dataclass(frozen=True)
class RawImport:
    """A raw article cleaned for the corpus, and what was dropped from it."""

    title: str
    text: str
    published: PartialDate | None
    title_from: (
        str  # where the title comes from, as shown to the contributor: headline, first sentence…
    )
    dropped: list[str] = field(default_factory=list)


def is_noise_line(line: str) -> bool:
    """A photo caption or credit line, not article text."""
    return bool(_CREDIT_LINE.search(line.strip())) and len(line) < 400


def _is_headline(line: str, rest: list[str]) -> bool:
    """A first line standing alone above the text, short, and not ending like a sentence."""
    stripped = line.strip()
    return (
        bool(rest)
        and not rest[0].strip()
        and len(stripped.split()) <= _HEADLINE_MAX_WORDS
        and not stripped.endswith((".", ":", ";", ","))
    )


def first_sentence_title(text: str) -> str:
    """A title made from the first sentence, shortened at a word boundary."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip().rstrip(".")
    sentence = " ".join(sentence.split())
    if len(sentence) <= _TITLE_MAX_CHARS:
        return sentence
    cut = sentence[:_TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:–-— ")
    return cut + "…"


def clean_raw_text(raw: str) -> RawImport:
    """Read the date prefix, drop noise lines, find or build the title.

    In scraped text each line is a paragraph; the corpus keeps them as Markdown
    paragraphs, separated by a blank line.
    """
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()
    published = None
    match = _DATE_PREFIX.match(text)
    if match:
        published = PartialDate.parse(match.group(1))
        text = text[match.end() :]
    kept, dropped = [], []
    for line in text.split("\n"):
        if line.strip() and is_noise_line(line):
            dropped.append(line.strip())
        else:
            kept.append(line.rstrip())
    lines = _collapse_blank_lines(kept)
    if not lines:
        raise ImportFailure(_("the article has no text left once noise lines are removed"))
    if _is_headline(lines[0], lines[1:]):
        title, body, title_from = " ".join(lines[0].split()), lines[1:], "headline"
    else:
        title, body, title_from = first_sentence_title("\n".join(lines)), lines, "first sentence"
    body_text = "\n\n".join(line.strip() for line in body if line.strip())
    if not body_text:
        raise ImportFailure(_("the article has a title but no text"))
    return RawImport(title, body_text, published, title_from, dropped)


def _collapse_blank_lines(lines: list[str]) -> list[str]:
    """Strip blank lines at both ends and keep at most one blank line between paragraphs."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line if line.strip() else "")
    while out and not out[-1].strip():
        out.pop()
    return out


def article_id(raw: RawImport, source: str) -> str:
    parts = [raw.published.iso if raw.published else "", slugify(raw.title)]
    if source and source != "inconnue":
        parts.append(slugify(source, max_words=3))
    return "-".join(p for p in parts if p)


def front_matter_document(
    raw: RawImport, *, source: str, url: str | None, language: str, author: str | None = None
) -> str:
    """The corpus file: YAML front matter in a stable key order, then the text."""
    meta: dict[str, object] = {"title": raw.title, "source": source}
    if url:
        meta["url"] = url
    if author:
        meta["author"] = author
    if raw.published:
        meta["published"] = raw.published.iso
    meta["language"] = language
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n{raw.text}\n"


def target_path(corpus_dir: Path, raw: RawImport, year: int | None, source: str) -> Path:
    """Where the article goes: corpus/articles/<YYYY>/<id>.md, with a free id."""
    year = year or (raw.published.year if raw.published else None)
    if year is None:
        raise ImportFailure(
            _(
                "cannot tell which year folder the article belongs in: it has no leading "
                "'date YYYY-MM' line; pass --published YYYY-MM-DD or --year YYYY"
            )
        )
    base = article_id(raw, source)
    if not base:
        raise ImportFailure(_("cannot make an id from the title; pass --title with words in it"))
    taken = {p.stem for p in (corpus_dir / "articles").rglob("*.md")}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return corpus_dir / "articles" / f"{year:04d}" / f"{candidate}.md"
