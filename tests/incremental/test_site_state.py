"""Dirty MkDocs builds made exact by the archive plugin's record
(build_tools/incremental/site_state.py): after any change, a build that renders only what
changed gives the same site, byte for byte, as a clean build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_tools.build import build
from build_tools.incremental.site_state import (
    PageRecord,
    SiteState,
    build_stamp,
    file_signature,
    inherited_configurations,
)
from build_tools.incremental.store import Store
from build_tools.project import Project
from build_tools.write import copy_site_sources
from tests.conftest import REPO, article
from tests.search_pieces import indexed_words

NEW_REPORT = article(
    "Des drones frappent un entrepôt à Belgorod",
    "Dans la nuit du 3 au 4 mars 2025, deux drones ont frappé un entrepôt de la ville de Belgorod, "
    "a annoncé le gouverneur de la région. Trois personnes ont été blessées.\n",
    source="Agence test",
    published="2025-03-04",
)


def site_files(project: Project) -> dict[str, bytes]:
    return {
        p.relative_to(project.site_dir).as_posix(): p.read_bytes()
        for p in sorted(project.site_dir.rglob("*"))
        if p.is_file()
    }


def assert_same_as_a_clean_build(project: Project) -> None:
    """Build dirty, keep the site, build clean, compare file by file."""
    build(project, strict=True)
    dirty = site_files(project)
    build(project, strict=True, clean=True)
    clean = site_files(project)
    assert sorted(dirty) == sorted(clean)
    assert [path for path in clean if dirty[path] != clean[path]] == []


@pytest.fixture
def seed_project(tmp_path: Path) -> Project:
    copy_site_sources(Project(REPO), tmp_path)
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    project = Project(tmp_path)
    build(project, strict=True)
    return project


@pytest.mark.e2e
def test_after_each_change_a_dirty_build_is_the_clean_build(seed_project):
    articles = seed_project.corpus_dir / "articles"
    (articles / "2025" / "drones-belgorod-entrepot.md").write_text(NEW_REPORT, encoding="utf-8")
    assert_same_as_a_clean_build(seed_project)
    assert "belgorod" in indexed_words(seed_project.site_dir)

    removed = min(articles.rglob("*.md"))
    removed.unlink()
    assert_same_as_a_clean_build(seed_project)

    about = seed_project.docs_dir / "a-propos.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8"
    )
    assert_same_as_a_clean_build(seed_project)

    config = seed_project.config_file
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Nouvelle "),
        encoding="utf-8",
    )
    assert_same_as_a_clean_build(seed_project)


@pytest.mark.e2e
def test_only_the_pages_a_change_touches_are_rendered_again(seed_project):
    site = seed_project.site_dir
    before = {path: file_signature(site / path) for path in site_files(seed_project)}
    (seed_project.corpus_dir / "articles" / "2025" / "drones-belgorod-entrepot.md").write_text(
        NEW_REPORT, encoding="utf-8"
    )
    build(seed_project, strict=True)
    rewritten = {
        path for path, signature in before.items() if file_signature(site / path) != signature
    }
    untouched_article = next(
        p
        for p in before
        if p.startswith("articles/") and "belgorod" not in p and p.endswith(".html")
    )
    assert untouched_article not in rewritten
    assert {
        "incidents/index.html",
        "articles/index.html",
        "chronologie.html",
        "index.html",
    } <= rewritten
    assert (site / "articles" / "drones-belgorod-entrepot.html").is_file()


@pytest.mark.e2e
def test_mkdocs_takes_from_the_record_which_files_changed(seed_project, monkeypatch):
    """MkDocs compares the modification times of each file and its output, twice, several
    times a build (1.3 s at 20,000 articles): the plugin has found already which outputs
    are current, and answers for it."""
    import mkdocs.structure.files

    compared = []
    getmtime = mkdocs.structure.files.os.path.getmtime
    monkeypatch.setattr(
        mkdocs.structure.files.os.path,
        "getmtime",
        lambda path: compared.append(path) or getmtime(path),
    )
    (seed_project.corpus_dir / "articles" / "2025" / "drones-belgorod-entrepot.md").write_text(
        NEW_REPORT, encoding="utf-8"
    )
    build(seed_project, strict=True)
    assert (seed_project.site_dir / "articles" / "drones-belgorod-entrepot.html").is_file()
    assert [p for p in compared if str(seed_project.site_dir) in str(p)] == []


@pytest.mark.e2e
def test_the_plugin_takes_the_signatures_of_the_pages_archive_build_wrote(
    seed_project, monkeypatch
):
    """`archive build` gives the plugin the signature of each file it left in docs/ (33,000
    at 20,000 articles): the plugin asks the system for those of site/ only."""
    from build_tools.plugin import archive_plugin

    asked: list[Path] = []
    signature = archive_plugin.file_signature
    monkeypatch.setattr(
        archive_plugin, "file_signature", lambda path: asked.append(Path(path)) or signature(path)
    )
    (seed_project.corpus_dir / "articles" / "2025" / "drones-belgorod-entrepot.md").write_text(
        NEW_REPORT, encoding="utf-8"
    )
    build(seed_project, strict=True)
    docs = seed_project.docs_dir
    assert [p for p in asked if p.is_relative_to(seed_project.site_dir)]
    assert [p for p in asked if p.is_relative_to(docs / "articles")] == []


@pytest.mark.e2e
@pytest.mark.parametrize("fails", [False, True])
def test_the_record_of_the_last_build_is_set_aside_from_the_collector_while_mkdocs_builds(
    seed_project, monkeypatch, fails
):
    """Millions of objects at 20,000 articles, which the collector's first passes after
    they were read went over: out of its passes until the build ends, and back under it
    then, whether the build succeeded or failed."""
    import gc

    from mkdocs.exceptions import PluginError

    from build_tools.errors import BuildError
    from build_tools.plugin.archive_plugin import ArchivePlugin

    build(seed_project, strict=True)
    set_aside = []
    on_env = ArchivePlugin.on_env

    def noting(self, env, *, config, files):
        set_aside.append(gc.get_freeze_count())
        if fails:
            raise PluginError("a plugin failed")
        return on_env(self, env, config=config, files=files)

    monkeypatch.setattr(ArchivePlugin, "on_env", noting)
    (seed_project.corpus_dir / "articles" / "2025" / "drones-belgorod-entrepot.md").write_text(
        NEW_REPORT, encoding="utf-8"
    )
    if fails:
        with pytest.raises(BuildError):
            build(seed_project, strict=True)
    else:
        build(seed_project, strict=True)
    assert set_aside[0] > 0 and gc.get_freeze_count() == 0


@pytest.mark.e2e
def test_a_rebuild_digests_the_search_documents_of_the_pages_that_changed_only(
    seed_project, monkeypatch
):
    """The others' digests are in the site's record (`PageRecord.digests`): the search
    index takes them as they are."""
    from build_tools.incremental import store
    from build_tools.plugin import archive_plugin

    digested = []

    def counted(value, digest=store.digest):
        if isinstance(value, dict) and "location" in value:
            digested.append(value["location"])
        return digest(value)

    monkeypatch.setattr(store, "digest", counted)
    monkeypatch.setattr(archive_plugin, "digest", counted, raising=False)
    (seed_project.corpus_dir / "articles" / "2025" / "drones-belgorod-entrepot.md").write_text(
        NEW_REPORT, encoding="utf-8"
    )
    build(seed_project, strict=True)
    manifest = json.loads((seed_project.site_dir / "search" / "search_index.json").read_text())
    assert "articles/drones-belgorod-entrepot.html" in digested
    assert len(digested) < manifest["config"]["archive"]["documents"] / 2


@pytest.mark.e2e
def test_a_page_edited_in_site_is_rendered_again(seed_project):
    page = seed_project.site_dir / "a-propos.html"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    build(seed_project, strict=True)
    assert page.read_bytes() == original


def test_a_record_made_with_another_configuration_is_not_used(tmp_path):
    path = tmp_path / "state.sqlite"
    assert SiteState.load(Store(path), "site", "stamp-a") == SiteState("stamp-a")
    record = {"index.md": PageRecord({"accueil": [1, 2, 3, 4]})}
    SiteState("stamp-a", record, {"index.html": (None, None)}).save(Store(path), "site")
    assert SiteState.load(Store(path), "site", "stamp-a").pages == record
    assert SiteState.load(Store(path), "site", "stamp-b").pages == {}
    path.write_text("not a database" * 100, encoding="utf-8")
    assert SiteState.load(Store(path), "site", "stamp-a").pages == {}


def test_a_record_rewrites_the_pages_that_changed_and_drops_those_gone(tmp_path):
    path = tmp_path / "state.sqlite"
    pages = {f"{name}.md": PageRecord({name: [n, n, n, n]}) for n, name in enumerate("abc")}
    files = {f"{name}.html": (None, [n]) for n, name in enumerate("abc")}
    SiteState("s", pages, files).save(Store(path), "site")
    previous = SiteState.load(Store(path), "site", "s")
    previous.pages["a.md"] = PageRecord({"accueil": [1, 9, 9, 9]})
    del previous.pages["c.md"]
    del previous.files["c.html"]
    SiteState("s", previous.pages, previous.files).save(Store(path), "site", changed={"a.md"})
    assert SiteState.load(Store(path), "site", "s") == SiteState(
        "s",
        {"a.md": PageRecord({"accueil": [1, 9, 9, 9]}), "b.md": PageRecord({"b": [1, 1, 1, 1]})},
        {"a.html": (None, [0]), "b.html": (None, [1])},
    )
    SiteState("t", {"a.md": PageRecord({"carte": None})}, {"a.html": (None, None)}).save(
        Store(path), "site", changed=set()
    )  # another stamp: every page written
    assert SiteState.load(Store(path), "site", "t").pages == {"a.md": PageRecord({"carte": None})}


def test_the_stamp_changes_with_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n", encoding="utf-8")
    first = build_stamp(config, [], [])
    config.write_text("site_name: B\n", encoding="utf-8")
    assert build_stamp(config, [], []) != first


@pytest.mark.e2e
def test_the_progress_bar_counts_the_pages_mkdocs_renders(seed_project):
    from build_tools.build import run_mkdocs

    seen = []

    def progress(items, length, label):
        for item in items:
            seen.append(item)
            yield item
        seen.append((length, label))

    about = seed_project.docs_dir / "a-propos.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nUne ligne.\n", encoding="utf-8")
    run_mkdocs(seed_project, strict=True, progress=progress)
    assert seen == [0, (1, "Rendering pages")]


def test_the_stamp_changes_with_a_theme_folder_of_the_project(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n", encoding="utf-8")
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    first = build_stamp(config, [str(overrides)], [])
    (overrides / "main.html").write_text("{% extends 'base.html' %}{# changed #}", encoding="utf-8")
    assert build_stamp(config, [str(overrides)], []) != first


def test_the_stamp_changes_with_a_file_the_configuration_inherits_or_hooks(tmp_path):
    config = tmp_path / "project" / "mkdocs.yml"
    config.parent.mkdir()
    config.write_text("INHERIT: ../base.yml\nhooks: [hooks/pages.py]\n", encoding="utf-8")
    base, hook = tmp_path / "base.yml", tmp_path / "project" / "hooks" / "pages.py"
    base.write_text("site_name: A\n", encoding="utf-8")
    hook.parent.mkdir()
    hook.write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n")
    first = build_stamp(config, [], [base, hook])
    base.write_text("site_name: B\n", encoding="utf-8")
    second = build_stamp(config, [], [base, hook])
    hook.write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown + '!'\n")
    third = build_stamp(config, [], [base, hook])
    hook.unlink()
    assert len({first, second, third, build_stamp(config, [], [base, hook])}) == 4


def test_the_files_a_configuration_inherits_are_followed_from_each_file(tmp_path):
    (tmp_path / "site" / "config").mkdir(parents=True)
    (tmp_path / "site" / "mkdocs.yml").write_text("INHERIT: config/main.yml  # shared\n")
    (tmp_path / "site" / "config" / "main.yml").write_text("INHERIT: '../../base.yml'\n")
    (tmp_path / "base.yml").write_text("site_name: A\nINHERIT: site/mkdocs.yml\n")  # a loop
    assert inherited_configurations(tmp_path / "site" / "mkdocs.yml") == [
        tmp_path / "site" / "config" / "main.yml",
        tmp_path / "base.yml",
        tmp_path / "site" / "mkdocs.yml",
    ]
    assert inherited_configurations(tmp_path / "base.yml")[0] == tmp_path / "site" / "mkdocs.yml"


def test_a_page_that_asked_for_a_missing_fragment_is_rendered_again(tmp_path):
    """So that MkDocs warns of the missing fragment at every build, not at the first only."""
    (tmp_path / "accueil.md").write_text("fragment")
    state = SiteState(
        "s",
        pages={
            "a.md": PageRecord({"accueil": file_signature(tmp_path / "accueil.md")}),
            "b.md": PageRecord({"statistques": None}),
        },
    )
    assert state.page_is_current("a.md", tmp_path)
    assert not state.page_is_current("b.md", tmp_path)
