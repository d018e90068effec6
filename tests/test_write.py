"""The writer: generated files under docs/, only those that changed, never outside docs/."""

import os
import shutil
from pathlib import Path

import pytest

from build_tools.errors import BuildError
from build_tools.write import write_generated


@pytest.mark.parametrize(
    "path",
    [
        "articles/../../evil.md",
        "/tmp/evil.md",
        "articles/Kupol.md",
        "articles/a b.md",
        "articles/kupol",
    ],
)
def test_generated_paths_are_lowercase_ids_and_nothing_is_written_when_one_is_not(
    make_project, path
):
    project = make_project()
    with pytest.raises(BuildError, match="lowercase ASCII ids"):
        write_generated(project.docs_dir, {"articles/bon.md": "x", path: "x"})
    assert not (project.docs_dir / "articles/bon.md").exists()


def test_generated_files_never_land_outside_docs_through_a_link(make_project, tmp_path):
    project = make_project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(
        project.docs_dir / "articles", ignore_errors=True
    )  # copied empty once the repository was built
    (project.docs_dir / "articles").symlink_to(elsewhere)
    with pytest.raises(BuildError, match="outside"):
        write_generated(project.docs_dir, {"articles/evil.md": "x"})
    assert list(elsewhere.iterdir()) == []


def test_a_generated_file_that_is_a_link_outside_docs_is_not_written_through(
    make_project, tmp_path
):
    project = make_project()
    outside = tmp_path / "outside.md"
    outside.write_text("mine", encoding="utf-8")
    (project.docs_dir / "incidents").mkdir(exist_ok=True)
    (project.docs_dir / "incidents" / "evil.md").symlink_to(outside)
    with pytest.raises(BuildError, match="outside"):
        write_generated(project.docs_dir, {"incidents/evil.md": "x"})
    assert outside.read_text(encoding="utf-8") == "mine"


def test_stale_generated_files_are_deleted_and_hand_written_ones_next_to_them_kept(make_project):
    project = make_project()
    docs = project.docs_dir
    hand_written = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    assert (
        "donnees/schemas/article.schema.json" in hand_written and "donnees/index.md" in hand_written
    )
    stale = ["articles/ancien.md", "cartes/articles/ancien.html", "donnees/ancien.json", "feed.xml"]
    for relative in stale:
        (docs / relative).parent.mkdir(parents=True, exist_ok=True)
        (docs / relative).write_text("périmé", encoding="utf-8")
    assert write_generated(docs, {"articles/bon.md": "é", "donnees/articles.json": "[]"}).count == 2
    assert write_generated(docs, {"articles/bon.md": "é", "donnees/articles.json": "[]"}).count == 0
    assert not any((docs / relative).exists() for relative in stale)
    assert all((docs / relative).is_file() for relative in hand_written)


def test_files_left_as_the_last_build_wrote_them_are_not_read_again_and_touched_ones_are(
    make_project, monkeypatch
):
    from build_tools import write as module

    docs = make_project().docs_dir
    files = {"articles/a.md": "A", "articles/b.md": "B", "cartes/articles/a.html": "<p>A</p>"}
    first = write_generated(docs, files)
    read = []
    holds = module._holds
    monkeypatch.setattr(
        module, "_holds", lambda file, data: read.append(os.fspath(file)) or holds(file, data)
    )
    assert write_generated(docs, files, first.signatures).count == 0
    assert read == []
    edited = docs / "articles/a.md"
    edited.write_text("Z", encoding="utf-8")  # by hand, same size, a second later
    os.utime(edited, ns=(edited.stat().st_atime_ns, first.signatures["articles/a.md"][1] + 10**9))
    again = write_generated(docs, files, first.signatures)
    assert again.count == 1 and (docs / "articles/a.md").read_text(encoding="utf-8") == "A"
    assert read == [str(docs / "articles/a.md")]
    assert (
        write_generated(docs, {**files, "articles/b.md": "C"}).count == 1
    )  # not given as unchanged: compared


def test_a_file_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """A full disk (here, the write itself failing) leaves the previous file as it was and
    no partial file beside it."""
    import build_tools.write as write

    target = tmp_path / "carte.html"
    target.write_bytes(b"ancienne carte")

    real_write_bytes = Path.write_bytes

    def full_disk(self, data):
        real_write_bytes(self, data[:3])  # what fitted
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError):
        write.write_atomically(target, b"nouvelle carte")
    monkeypatch.undo()
    assert target.read_bytes() == b"ancienne carte"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carte.html"]
    write.write_atomically(target, b"nouvelle carte")
    assert target.read_bytes() == b"nouvelle carte"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carte.html"]
