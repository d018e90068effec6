"""Helpers that make a test one line: a project in a temporary folder, built from a dict."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

from build_tools.project import Project
from build_tools.write import Content, copy_site_sources

REPO = Path(__file__).resolve().parents[1]

# The command speaks the user's language (build_tools/messages.py): the suite reads its
# messages in English, whatever the machine's locale; tests/test_messages.py checks French.
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "en_US.UTF-8"

SEEDS = REPO / "tests" / "data" / "seeds"
CURATION_FILES = ("lexicon", "places", "entities")


def article(title: str = "Titre", body: str = "Texte de l'article.", **front: object) -> str:
    """An article file: front matter from keyword arguments, then the body."""
    import yaml

    meta = {"title": title, **front}
    return (
        "---\n"
        + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        + "---\n"
        + textwrap.dedent(body)
    )


def made_files(files: Mapping[str, Content]) -> dict[str, str | bytes]:
    """Generated files, each content made (a reused page's is a function that makes it)."""
    return {path: content() if callable(content) else content for path, content in files.items()}


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory):
    """Builds keep their extraction cache in $XDG_CACHE_HOME: a temporary one, not the user's."""
    import os

    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def make_project(tmp_path: Path):
    """make_project({"2025/x.md": article(...)}) → a Project in a temporary folder."""

    def make(articles: dict[str, str] | None = None, **corpus_files: str) -> Project:
        """Articles by path under corpus/articles/; curation files by name (places="…"),
        the shipped ones where not given."""
        root = tmp_path / "project"
        root.mkdir()
        copy_site_sources(Project(REPO), root)
        (root / "corpus").mkdir()
        for shipped in CURATION_FILES:
            shutil.copy(REPO / "corpus" / f"{shipped}.yml", root / "corpus" / f"{shipped}.yml")
        for relative, content in (articles or {}).items():
            path = root / "corpus" / "articles" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        for name, content in corpus_files.items():
            (root / "corpus" / f"{name}.yml").write_text(textwrap.dedent(content), encoding="utf-8")
        (root / "corpus" / "articles").mkdir(parents=True, exist_ok=True)
        return Project(root)

    return make


@pytest.fixture
def compared_texts(monkeypatch) -> list:
    """The texts the duplicate check compares with the others (`_TextIndex.near`), as it
    compares them."""
    from build_tools import duplicates

    compared: list = []
    near = duplicates._TextIndex.near
    monkeypatch.setattr(
        duplicates._TextIndex,
        "near",
        lambda index, text: compared.append(text) or near(index, text),
    )
    return compared


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Project:
    """The shipped corpus (the five seed articles) built once into a temporary folder."""
    from build_tools.build import build

    project = _copy_of_the_shipped_project(tmp_path_factory.mktemp("seed-site"))
    build(project, strict=True)
    return project


def _copy_of_the_shipped_project(root: Path) -> Project:
    """The repository's hand-written site and its corpus, copied into `root`."""
    copy_site_sources(Project(REPO), root)
    shutil.copytree(REPO / "corpus", root / "corpus")
    return Project(root)


@pytest.fixture(scope="session")
def seed_data(tmp_path_factory) -> tuple[Project, dict[str, str | bytes]]:
    """The shipped corpus's generated files (pages and data, no MkDocs), by path under
    docs/, written into a temporary project's docs/ as the build would."""
    from build_tools.pipeline import Pipeline, generate

    project = _copy_of_the_shipped_project(tmp_path_factory.mktemp("seed-data"))
    pipeline = Pipeline(project)
    corpus = pipeline.read()
    resources = pipeline.resources(corpus)
    records, _stats = pipeline.extract(corpus.articles, resources)
    _site, files = generate(corpus, resources, records)
    for relative, content in files.items():
        path = project.docs_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return project, files


_BUILDS_ALLOWED = {"now": False}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Note whether the test about to run (and the fixtures it sets up) may build a site."""
    _BUILDS_ALLOWED["now"] = any(item.get_closest_marker(m) for m in ("e2e", "browser"))


@pytest.fixture(autouse=True, scope="session")
def _sites_are_built_by_marked_tests_only():
    """`make test-fast` leaves out the tests marked e2e or browser; a test that runs MkDocs
    without the mark fails here, so that the fast run stays fast."""
    from mkdocs.commands import build as mkdocs_build

    real = mkdocs_build.build

    def guarded(*args, **kwargs):
        if not _BUILDS_ALLOWED["now"]:
            pytest.fail("this test builds a site with MkDocs: mark it e2e (or browser)")
        return real(*args, **kwargs)

    mkdocs_build.build = guarded
    yield
    mkdocs_build.build = real


# Browser tests: Debian's Chromium driven by Playwright (tests/browsing.py).


@pytest.fixture(scope="module")
def browser():
    from tests.browsing import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make browser` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline(browser):
    from tests.browsing import OfflinePage

    page = OfflinePage(browser)
    yield page
    page.close()
