"""The record of the last build (build_tools/incremental/last_build.py): the digests that
let a build with nothing to do do nothing, and what changes them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.incremental.last_build import (
    LastBuild,
    ProjectFiles,
    inputs_digest,
    record,
    recorded_result,
)
from build_tools.incremental.store import Store


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project's folders: mkdocs.yml naming an environment variable and inheriting from a
    file in a folder, an article, the published ids the build writes, a page of docs/, a
    theme folder, a hook in a folder, and a site/ with a hidden folder."""
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: shared/base.yml\nsite_url: !ENV [ARCHIVE_SITE_URL]\n"
    )
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yml").write_text("extra:\n  team: !ENV TEAM_NAME\n")
    for path in (
        "hooks/pages.py",
        "corpus/articles/2025/a.md",
        "corpus/published_ids.yml",
        "docs/index.md",
        "overrides/main.html",
        "site/index.html",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    (tmp_path / "site" / ".git").mkdir()
    (tmp_path / "site" / ".git" / "HEAD").write_text("ref")
    return tmp_path


def files(root: Path) -> ProjectFiles:
    return ProjectFiles(
        root,
        root / "corpus",
        root / "docs",
        (root / "overrides",),
        root / "site",
        (root / "corpus" / "published_ids.yml",),
        (root / "shared" / "base.yml", root / "hooks" / "pages.py"),
    )


def digest(root: Path) -> tuple[str, str, str]:
    found = files(root)
    return found.sources_digest(), found.generated_digest(), found.site_digest()


def test_the_files_digest_is_the_same_while_nothing_is_touched(project):
    assert digest(project) == digest(project)


@pytest.mark.parametrize(
    ("change", "digest_changed"),
    [
        ("corpus/articles/2025/a.md", 0),  # rewritten with the same bytes
        ("corpus/articles/2025/new.md", 0),
        ("mkdocs.yml", 0),
        ("hooks.py", 0),  # beside mkdocs.yml
        ("hooks/pages.py", 0),  # a hook mkdocs.yml names
        ("shared/base.yml", 0),  # inherited by mkdocs.yml
        ("overrides/main.html", 0),
        ("corpus/published_ids.yml", 1),  # written by the build, before MkDocs runs
        ("docs/index.md", 1),
        ("site/index.html", 2),
        ("site/stray.html", 2),
    ],
)
def test_writing_any_file_the_build_reads_or_writes_changes_its_digest(
    project, change, digest_changed
):
    before = digest(project)
    path = project / change
    text = path.read_text() if path.exists() else "new"
    path.write_text(text)
    after = digest(project)
    assert [i for i in range(3) if after[i] != before[i]] == [digest_changed]


def test_a_file_put_back_with_its_old_times_changes_the_files_digest(project):
    """`cp -p` or `tar x` can set a file's modification time back, not its change time."""
    path = project / "corpus/articles/2025/a.md"
    times = path.stat()
    before = digest(project)
    path.write_text("edited")
    path.write_text("corpus/articles/2025/a.md")
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert digest(project) != before


def test_removing_a_file_changes_the_files_digest(project):
    before = digest(project)
    (project / "corpus/articles/2025/a.md").unlink()
    assert digest(project) != before


def test_hidden_files_of_site_are_left_out(project):
    before = digest(project)
    (project / "site/.git/HEAD").write_text("another ref")
    assert digest(project) == before


def test_the_inputs_digest_follows_options_and_the_environment_the_project_reads(
    project, monkeypatch
):
    options = {"strict": True, "site_zip": False}
    base = inputs_digest(project, options)
    assert inputs_digest(project, options) == base
    assert inputs_digest(project, {**options, "site_zip": True}) != base
    monkeypatch.setenv("UNRELATED_VARIABLE", "1")
    assert inputs_digest(project, options) == base
    monkeypatch.setenv("ARCHIVE_SITE_URL", "https://example.org/")
    assert inputs_digest(project, options) != base
    monkeypatch.delenv("ARCHIVE_SITE_URL")
    monkeypatch.setenv("TEAM_NAME", "veille")  # read by the inherited configuration
    assert inputs_digest(project, options) != base
    monkeypatch.delenv("TEAM_NAME")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert inputs_digest(project, options) != base


def test_the_recorded_result_is_given_back_for_the_same_digests_only(tmp_path_factory, project):
    path = tmp_path_factory.mktemp("cache") / "store.sqlite"
    found = files(project)
    built = digest(project)
    record(Store(path), LastBuild("inputs", built, {"articles": 3}))
    assert recorded_result(Store(path), "inputs", found, built[0]) == {"articles": 3}
    assert recorded_result(Store(path), "other inputs", found, built[0]) is None
    assert recorded_result(Store(path), "inputs", found, "other sources") is None
    (project / "site" / "index.html").write_text("edited")
    assert recorded_result(Store(path), "inputs", found, built[0]) is None


def test_the_generated_files_digest_takes_the_signatures_the_writer_left(project):
    """The writer gives the signature of every file it leaves in docs/ (33,000 files at
    20,000 articles): the digest takes them as they are rather than ask each file again."""
    from build_tools.write import write_generated

    written = write_generated(project / "docs", {"articles/a.md": "a", "incidents/i.md": "i"})
    found = files(project)
    assert found.generated_digest(written.signatures) == found.generated_digest()
    other = {path: (0, 0, 0, 0) for path in written.signatures}
    assert found.generated_digest(other) != found.generated_digest()


def test_the_site_digest_takes_the_signatures_mkdocs_left(project):
    from build_tools.incremental.site_state import file_signature

    found = files(project)
    left = {"index.html": file_signature(project / "site" / "index.html")}
    assert found.site_digest(left) == found.site_digest()
    assert found.site_digest({"index.html": [0, 0, 0, 0]}) != found.site_digest()
