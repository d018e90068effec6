"""Where things are comes from mkdocs.yml, read by MkDocs' own loader."""

from __future__ import annotations

import shutil

import pytest

from build_tools.project import Project
from tests.conftest import REPO, article


def moved(root, mkdocs_yml: str) -> Project:
    """A project whose folders are not the default ones, as its mkdocs.yml says."""
    from build_tools.write import copy_site_sources

    copy_site_sources(Project(REPO), root)
    (root / "docs").rename(root / "pages")
    (root / "sources" / "articles" / "2025").mkdir(parents=True)
    for name in ("lexicon.yml", "places.yml", "entities.yml"):
        shutil.copy(REPO / "corpus" / name, root / "sources" / name)
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    return Project(root)


def test_folders_and_address_come_from_mkdocs_yml(tmp_path):
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", "docs_dir: pages").replace(
        "site_dir: site", "site_dir: public"
    )
    config = config.replace("  - archive\n", "  - archive:\n      corpus_dir: sources\n")
    config = config.replace(
        "site_url: !ENV [ARCHIVE_SITE_URL]", "site_url: https://archive.example.org/drones"
    )
    project = moved(tmp_path, config)
    assert (project.docs_dir, project.site_dir, project.corpus_dir) == (
        tmp_path / "pages",
        tmp_path / "public",
        tmp_path / "sources",
    )
    assert project.site_url == "https://archive.example.org/drones/"


@pytest.mark.parametrize(
    ("published_at", "expected"),
    [("https://archive.example.org/drones", "https://archive.example.org/drones/"), (None, None)],
)
def test_the_shipped_configuration_takes_the_address_the_publisher_gives(
    monkeypatch, published_at, expected
):
    """The publishing workflow sets ARCHIVE_SITE_URL; a local build has none."""
    if published_at:
        monkeypatch.setenv("ARCHIVE_SITE_URL", published_at)
    else:
        monkeypatch.delenv("ARCHIVE_SITE_URL", raising=False)
    assert Project(REPO).site_url == expected


def test_the_defaults_are_mkdocs_own_and_corpus(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Essai\nplugins:\n  - archive\n", encoding="utf-8"
    )
    project = Project(tmp_path)
    assert (project.docs_dir, project.site_dir, project.corpus_dir) == (
        tmp_path / "docs",
        tmp_path / "site",
        tmp_path / "corpus",
    )
    assert project.site_url is None


@pytest.mark.e2e
def test_a_build_reads_and_writes_where_mkdocs_yml_says(tmp_path):
    from build_tools.build import build

    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", "docs_dir: pages").replace(
        "site_dir: site", "site_dir: public"
    )
    config = config.replace("  - archive\n", "  - archive:\n      corpus_dir: sources\n")
    project = moved(tmp_path, config)
    (project.corpus_dir / "articles/2025/kupol.md").write_text(
        article(
            "Frappe sur l'usine Kupol",
            "Des drones ont frappé l'usine Kupol à Ijevsk le 1er juillet 2025.\n",
            source="AFP",
            published="2025-07-02",
        ),
        encoding="utf-8",
    )
    result = build(project)
    assert result.articles == 1
    assert (tmp_path / "public/articles/kupol.html").is_file()
    assert (tmp_path / "pages/articles/kupol.md").is_file()
    assert not (tmp_path / "site").exists() and not (tmp_path / "docs").exists()
