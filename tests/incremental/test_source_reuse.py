"""Reading article files again only when they changed (incremental/source_reuse.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from build_tools.corpus import Read, load_corpus, read_article
from build_tools.incremental.source_reuse import SETTLED_NS, SourceReuse
from build_tools.incremental.store import Memo, digest
from build_tools.pipeline import Pipeline
from tests.conftest import article


def later() -> int:
    """A time when every file these tests write has settled."""
    return time.time_ns() + 10 * SETTLED_NS


class CountedReads:
    """`read_article`, counting the files it reads."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, path: Path, shown: str) -> Read:
        self.paths.append(shown)
        return read_article(path, shown)


def reader_counting(memo: Memo, reads: CountedReads, now_ns=later):
    reuse = SourceReuse(memo, now_ns)
    return lambda path, shown, read: reuse(path, shown, reads)


def test_a_file_read_before_is_not_read_again_until_written(make_project):
    project = make_project(
        {
            "2025/bon.md": article("Bon", url="https://example.org/a"),
            "2025/mauvais.md": "---\ntitle: ''\n---\nTexte.\n",
            "divers/hors-annee.md": article("Ailleurs"),
        }
    )
    memo, reads = Memo(), CountedReads()

    def load():
        return load_corpus(project.corpus_dir, project.root, reader=reader_counting(memo, reads))

    first = load()
    assert first == load_corpus(project.corpus_dir, project.root)
    assert len(reads.paths) == 3
    assert load() == first, "the same articles and problems, none of them doubled"
    assert len(reads.paths) == 3
    bon = project.corpus_dir / "articles/2025/bon.md"
    written = bon.stat()
    bon.write_text(article("Bom", url="https://example.org/a"), encoding="utf-8")
    os.utime(bon, ns=(written.st_atime_ns, written.st_mtime_ns))  # same size, same time
    assert [a.title for a in load().articles] == ["Bom"]
    assert reads.paths[3:] == ["corpus/articles/2025/bon.md"]


def test_what_a_file_written_a_moment_before_gave_is_not_kept(make_project):
    project = make_project({"2025/bon.md": article("Bon")})
    memo, reads = Memo(), CountedReads()
    for _ in range(2):
        load_corpus(
            project.corpus_dir, project.root, reader=reader_counting(memo, reads, time.time_ns)
        )
    assert reads.paths == ["corpus/articles/2025/bon.md"] * 2


def test_a_file_replaced_by_a_link_or_a_folder_is_refused_though_it_was_read(
    make_project, tmp_path
):
    project = make_project(
        {"2025/bon.md": article("Bon", "Un texte."), "2025/autre.md": article("Autre", "Un autre.")}
    )
    memo, reads = Memo(), CountedReads()

    def problems() -> list[str]:
        corpus = load_corpus(project.corpus_dir, project.root, reader=reader_counting(memo, reads))
        return [str(p) for p in corpus.problems]

    assert problems() == []
    outside = tmp_path / "ailleurs.md"
    outside.write_text(article("Bon"), encoding="utf-8")
    (project.corpus_dir / "articles/2025/bon.md").unlink()
    (project.corpus_dir / "articles/2025/bon.md").symlink_to(outside)
    (project.corpus_dir / "articles/2025/autre.md").unlink()
    (project.corpus_dir / "articles/2025/autre.md").mkdir()
    found = problems()
    assert found[0].startswith("corpus/articles/2025/autre.md: is not a plain file")
    assert found[1].startswith("corpus/articles/2025/bon.md: is a symbolic link")


def test_a_build_reads_only_the_files_written_since_the_last(make_project, monkeypatch):
    from build_tools import corpus as module
    from build_tools.incremental import source_reuse

    project = make_project(
        {"2025/a.md": article("Un", "Le premier."), "2025/b.md": article("Deux", "Le second.")}
    )
    monkeypatch.setattr(source_reuse, "SETTLED_NS", -10 * SETTLED_NS)
    pipeline = Pipeline(project)
    first = pipeline.read()
    pipeline.save()
    reads = CountedReads()
    monkeypatch.setattr(module, "read_article", reads)
    (project.corpus_dir / "articles/2025/b.md").write_text(
        article("Trois", "Le second, corrigé."), encoding="utf-8"
    )
    pipeline = Pipeline(project)
    again = pipeline.read()
    pipeline.save()
    assert reads.paths == ["corpus/articles/2025/b.md"]
    assert [a.title for a in again.articles] == [first.articles[0].title, "Trois"]
    reused = again.articles[0]
    known = Memo(pipeline.store.digests)
    assert known.known(reused) == digest(reused), "the steps after need not digest it again"
    assert known.known(reused.text) == digest(reused.text)


def test_a_file_that_could_not_be_opened_is_read_again(make_project, monkeypatch):
    from build_tools import corpus as module

    project = make_project({"2025/bon.md": article("Bon")})
    memo, reads = Memo(), CountedReads()
    opened = module.os.open

    def refused(path, *arguments):
        if str(path).endswith("bon.md"):
            raise PermissionError(13, "Permission denied")
        return opened(path, *arguments)

    monkeypatch.setattr(module.os, "open", refused)
    first = load_corpus(project.corpus_dir, project.root, reader=reader_counting(memo, reads))
    assert [str(p) for p in first.problems] == [
        "corpus/articles/2025/bon.md: cannot be read: Permission denied"
    ]
    monkeypatch.setattr(module.os, "open", opened)
    again = load_corpus(project.corpus_dir, project.root, reader=reader_counting(memo, reads))
    assert [a.title for a in again.articles] == ["Bon"] and again.problems == []
    assert len(reads.paths) == 2
