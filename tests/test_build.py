"""End-to-end: a small corpus in a temporary folder, built by `archive build` and MkDocs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.build import build
from build_tools.cli import cli
from build_tools.errors import BuildError, CorpusError
from build_tools.incremental.site_state import file_signature
from build_tools.project import Project
from tests.conftest import REPO, article
from tests.linkcheck import broken_links, third_party_loads

pytestmark = pytest.mark.e2e

SMALL_CORPUS = {
    "2025/frappe-izhevsk.md": article(
        "Frappe sur l'usine Kupol à Ijevsk",
        "Deux drones ont frappé l'usine Kupol.\n\nTrois employés ont été tués.\n",
        source="Radio Liberté",
        url="https://example.org/kupol",
        published="2025-07-03",
        overrides={"date": "2025-07-01", "killed": 3, "incident": "2025-07-01-izhevsk-kupol"},
    ),
    "2025/kupol-bis.md": article(
        "Kupol : le bilan s'alourdit",
        "Le bilan fait état de 45 blessés.\n",
        published="2025-07-04",
        overrides={"incident": "2025-07-01-izhevsk-kupol", "injured": 45},
    ),
    "2024/toropets.md": article("Un entrepôt détruit à Toropets", "Texte.\n", published="2024-09"),
}


def test_build_writes_every_page_with_working_links(make_project):
    project = make_project(SMALL_CORPUS)
    result = build(project, strict=True)
    site = project.site_dir
    assert result.articles == 3 and result.incidents == 2 and result.warnings == 0
    for page in [
        "index.html",
        "chronologie.html",
        "donnees/index.html",
        "contribuer.html",
        "methodologie.html",
        "a-propos.html",
        "incidents/index.html",
        "articles/index.html",
        "articles/frappe-izhevsk.html",
        "articles/kupol-bis.html",
        "articles/toropets.html",
        "incidents/2025-07-01-izhevsk-kupol.html",
        "incidents/sans-date-entrepot-detruit-toropets.html",
        "search/search_index.js",
    ]:
        assert (site / page).is_file(), page
    assert broken_links(site) == []
    assert third_party_loads(site) == []


def test_pages_show_what_the_corpus_says(make_project):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    incident = (project.site_dir / "incidents/2025-07-01-izhevsk-kupol.html").read_text(
        encoding="utf-8"
    )
    assert "1er juillet 2025" in incident
    assert (
        'href="../articles/frappe-izhevsk.html"' in incident
        and 'href="../articles/kupol-bis.html"' in incident
    )
    home = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "<strong>2</strong> incidents" in home and "<strong>3</strong> articles" in home
    chronology = (project.site_dir / "chronologie.html").read_text(encoding="utf-8")
    assert chronology.index("Juillet 2025") < chronology.index("Date inconnue")
    article_page = (project.site_dir / "articles/frappe-izhevsk.html").read_text(encoding="utf-8")
    assert "Radio Liberté" in article_page and "Trois employés ont été tués." in article_page
    assert "(corrigé)" in article_page


def test_the_data_download_is_the_article_record(make_project):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    records = json.loads((project.site_dir / "donnees/articles.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["frappe-izhevsk", "kupol-bis", "toropets"]
    first = records[0]
    assert set(first) == {
        "id",
        "title",
        "source",
        "url",
        "published",
        "language",
        "incident",
        "date",
        "places",
        "killed",
        "injured",
        "hospitalised",
        "drones",
        "target",
        "weapons",
        "people",
        "organisations",
        "other_events",
        "curated",
        "author",
    }
    assert first["date"] == {
        "value": "2025-07-01",
        "precision": "day",
        "inferred": False,
        "evidence": [],
    }
    assert first["killed"] == {"value": 3, "qualifier": None, "claimed_by": None, "evidence": []}
    assert first["curated"] == ["date", "incident", "killed"]
    assert first["drones"]["hit"] == {
        "value": 2,
        "qualifier": None,
        "claimed_by": None,
        "breakdown": [],
        "scope": "incident",
        "evidence": [{"start": 0, "end": 37, "text": "Deux drones ont frappé l'usine Kupol."}],
    }
    assert first["target"]["name"] == "usine Kupol" and first["target"]["type"] == "arms_factory"


def site_files(project) -> dict:
    """Every file of site/ with its bytes and signature (a rewrite changes the latter)."""
    return {
        path: (path.read_bytes(), file_signature(path))
        for path in sorted(project.site_dir.rglob("*"))
        if path.is_file()
    }


def test_a_build_with_nothing_changed_does_nothing(make_project):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    first = site_files(project)
    again = build(project, strict=True)
    assert again.unchanged and (again.articles, again.incidents, again.written) == (3, 2, 0)
    assert again.summary().startswith(
        "Nothing changed since the last build: site/ is up to date (3 articles, 2 incidents;"
    )
    assert site_files(project) == first


def test_a_build_with_nothing_changed_does_nothing_the_next_day_too(make_project, monkeypatch):
    """Today's date refuses only an article dated after it; a recorded build refused none."""
    import datetime

    from build_tools import schema

    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    first = site_files(project)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(schema, "today", lambda: tomorrow)
    assert build(project, strict=True).unchanged
    assert site_files(project) == first


def test_the_generated_files_are_made_without_the_cyclic_collector(make_project, monkeypatch):
    """`no_collections`: the stages run with the collector off, and it is on again after,
    even when a stage fails."""
    import gc

    from build_tools import build as module

    seen = []

    def generate_docs(*arguments, **options):
        seen.append(gc.isenabled())
        raise BuildError("stopped here")

    monkeypatch.setattr(module, "generate_docs", generate_docs)
    with pytest.raises(BuildError, match="stopped here"):
        build(make_project(SMALL_CORPUS), strict=True)
    assert seen == [False] and gc.isenabled()


def test_a_build_with_other_options_or_after_a_warning_builds(make_project):
    project = make_project(
        SMALL_CORPUS, incidents="2025-07-01-izhevsk-kupl:\n  title: Faute de frappe\n"
    )
    warned = build(project, strict=True)
    assert warned.warnings == 1  # the curation naming no incident
    assert not build(project, strict=True).unchanged  # it warns again
    (project.corpus_dir / "incidents.yml").unlink()
    build(project, strict=True)
    assert build(project, strict=True).unchanged
    zipped = build(project, strict=True, site_zip=True)
    assert not zipped.unchanged and (project.site_dir / "archive-hors-ligne.zip").is_file()


def test_an_article_written_again_unchanged_is_taken_from_the_store(make_project):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    first = {p: p.read_bytes() for p in project.site_dir.rglob("*.html")}
    path = project.corpus_dir / "articles/2024/toropets.md"
    path.write_bytes(path.read_bytes())
    again = build(project, strict=True)
    assert not again.unchanged and again.written == 0
    assert (again.extraction.cached, again.extraction.extracted) == (3, 0)
    assert again.pages.rendered == 0 and again.pages.reused > 0
    assert f"pages: 0 rendered, {again.pages.reused} reused" in again.summary()
    assert {p: p.read_bytes() for p in project.site_dir.rglob("*.html")} == first


def test_a_merged_incident_s_old_address_sends_readers_on(make_project):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    published = (project.corpus_dir / "published_ids.yml").read_text(encoding="utf-8")
    old = next(line.split('"')[1] for line in published.splitlines() if "toropets" in line)
    (project.corpus_dir / "incidents.yml").write_text(
        "2025-07-01-izhevsk-kupol:\n  articles: [frappe-izhevsk, kupol-bis, toropets]\n",
        encoding="utf-8",
    )
    build(project, strict=True)
    page = (project.site_dir / f"incidents/{old}.html").read_text(encoding="utf-8")
    assert 'content="0; url=2025-07-01-izhevsk-kupol.html"' in page
    assert '<a href="2025-07-01-izhevsk-kupol.html">' in page
    assert f'"{old}": ["toropets"]' in (project.corpus_dir / "published_ids.yml").read_text(
        encoding="utf-8"
    )
    assert broken_links(project.site_dir) == []


def test_adding_an_article_extracts_that_article_only(make_project):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    (project.corpus_dir / "articles/2025/nouveau.md").write_text(
        article("Nouvelle frappe", "Des drones ont visé Koursk.\n", published="2025-08-01"),
        encoding="utf-8",
    )
    result = build(project, strict=True)
    assert (result.extraction.cached, result.extraction.extracted) == (3, 1)
    assert (project.site_dir / "articles/nouveau.html").is_file()


def test_a_deleted_article_loses_its_page(make_project):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    (project.corpus_dir / "articles/2024/toropets.md").unlink()
    build(project, strict=True)
    assert not (project.docs_dir / "articles/toropets.md").exists()
    assert not (project.site_dir / "articles/toropets.html").exists()


def test_strict_build_stops_on_a_broken_article_and_lists_every_problem(make_project):
    project = make_project(
        {**SMALL_CORPUS, "2025/casse.md": "---\ntitle: ''\npublished: 2025-13\n---\nTexte.\n"}
    )
    with pytest.raises(CorpusError) as caught:
        build(project, strict=True)
    assert [str(p) for p in caught.value.problems] == [
        "corpus/articles/2025/casse.md:2: title: is empty; write some text",
        (
            "corpus/articles/2025/casse.md:3: published: '2025-13' is not a date (YYYY, YYYY-MM "
            "or YYYY-MM-DD)"
        ),
    ]
    assert not project.site_dir.exists()


def test_keep_going_builds_the_rest_and_names_what_it_skipped(make_project):
    project = make_project({**SMALL_CORPUS, "2025/casse.md": "---\ntitle: ''\n---\nTexte.\n"})
    result = build(project, strict=True, keep_going=True)
    assert result.skipped == ["corpus/articles/2025/casse.md"]
    assert result.articles == 3
    assert (project.site_dir / "articles/toropets.html").is_file()


def test_check_exits_0_on_a_good_corpus_and_1_with_file_and_line(make_project):
    project = make_project(SMALL_CORPUS)
    runner = CliRunner()
    good = runner.invoke(cli, ["check", "--root", str(project.root)])
    assert good.exit_code == 0, good.output
    broken = project.corpus_dir / "articles/2025/casse.md"
    broken.write_text("---\ntitle: Titre\nsoruce: AFP\n---\nTexte.\n", encoding="utf-8")
    bad = runner.invoke(cli, ["check", "--root", str(project.root)])
    assert bad.exit_code == 1
    assert (
        "corpus/articles/2025/casse.md:3: soruce: unknown key; did you mean 'source'?" in bad.stdout
    )


def test_check_of_named_files_only(make_project, tmp_path):
    project = make_project(SMALL_CORPUS)
    outside = tmp_path / "brouillon.md"
    outside.write_text(
        "---\ntitle: Brouillon\n---\nUn brouillon qui ne répète aucun article.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["check", "--root", str(project.root), str(outside)])
    assert result.exit_code == 0, result.output


def test_check_of_a_named_file_compares_it_with_the_whole_corpus(make_project, tmp_path):
    project = make_project(SMALL_CORPUS)
    draft = tmp_path / "brouillon.md"
    draft.write_text(
        article(
            "Autre titre",
            "Le bilan fait état de 45 blessés.\n",
            url="http://www.example.org/kupol/?utm_source=x",
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", "--root", str(project.root), str(draft)])
    assert result.exit_code == 1
    assert (
        f"{draft.as_posix()}:3: url: the same address as corpus/articles/2025/frappe-izhevsk.md"
        in result.stdout
    )


def test_wrong_usage_exits_2(make_project):
    result = CliRunner().invoke(cli, ["build", "--no-such-option"])
    assert result.exit_code == 2


def test_cli_build_ends_with_a_summary_line(make_project):
    project = make_project(SMALL_CORPUS)
    result = CliRunner().invoke(cli, ["build", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("Built 3 articles, 2 incidents in ")
    assert not (project.site_dir / "archive-hors-ligne.zip").exists()
    assert "Lire hors ligne" not in (project.site_dir / "index.html").read_text(encoding="utf-8")


def test_build_zip_offers_the_whole_site_from_accueil(make_project):
    import zipfile

    project = make_project(SMALL_CORPUS)
    result = CliRunner().invoke(cli, ["build", "--zip", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    zipped = project.site_dir / "archive-hors-ligne.zip"
    home = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "Lire hors ligne" in home and 'href="archive-hors-ligne.zip"' in home
    assert broken_links(project.site_dir) == []
    site_files = sorted(
        p.relative_to(project.site_dir).as_posix()
        for p in project.site_dir.rglob("*")
        if p.is_file() and p != zipped
    )
    with zipfile.ZipFile(zipped) as archive:
        assert archive.namelist() == [f"archive-drones/{f}" for f in site_files]
        assert (
            archive.read("archive-drones/index.html")
            == (project.site_dir / "index.html").read_bytes()
        )
        assert {i.date_time for i in archive.infolist()} == {
            (2025, 7, 4, 0, 0, 0)
        }  # the newest publication date


def test_check_passes_on_the_shipped_corpus():
    from tests.conftest import REPO

    result = CliRunner().invoke(cli, ["check", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert "articles checked, no problem." in result.output


def test_extract_prints_one_record_per_file_in_argument_order(make_project):
    project = make_project(SMALL_CORPUS)
    files = ["corpus/articles/2024/toropets.md", "corpus/articles/2025/frappe-izhevsk.md"]
    result = CliRunner().invoke(
        cli, ["extract", "--root", str(project.root), *[str(project.root / f) for f in files]]
    )
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["toropets", "frappe-izhevsk"]
    assert records[1]["drones"]["hit"]["value"] == 2


def test_curated_incidents_win_and_their_page_says_so(make_project):
    curation = """\
    vague-de-drones:
      title: Une vague de drones
      summary: Deux frappes réunies par un curateur.
      articles: [frappe-izhevsk, toropets]
    """
    project = make_project(SMALL_CORPUS, incidents=curation)
    result = build(project, strict=True)
    assert result.incidents == 2
    page = (project.site_dir / "incidents/vague-de-drones.html").read_text(encoding="utf-8")
    assert "Une vague de drones" in page and "Deux frappes réunies par un curateur." in page
    assert (
        "Relu par un curateur" in page
        and "le regroupement des articles, le titre, le résumé" in page
    )
    assert broken_links(project.site_dir) == []


def test_check_names_the_line_of_a_curation_that_lists_a_missing_article(make_project):
    project = make_project(
        SMALL_CORPUS, incidents="a:\n  title: A\nb:\n  articles: [frappe-izhevsk, pas-la]\n"
    )
    result = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert result.exit_code == 1
    assert "corpus/incidents.yml:3: b: no article 'pas-la' in corpus/articles/" in result.stdout


def test_check_warns_of_a_curation_list_the_grouping_already_agrees_with(make_project):
    first = "Des drones ont frappé l'usine Kupol d'Ijevsk le 1er juillet 2025 : trois morts.\n"
    second = "Trois employés ont été tués mardi 1er juillet 2025 à l'usine Kupol, à Ijevsk.\n"
    articles = {
        "2025/kupol-1.md": article("Frappe sur l'usine Kupol", first, published="2025-07-01"),
        "2025/kupol-2.md": article("L'usine Kupol touchée", second, published="2025-07-02"),
        "2024/toropets.md": SMALL_CORPUS["2024/toropets.md"],
    }
    project = make_project(
        articles,
        incidents=(
            "kupol:\n  title: Kupol\n  articles: [kupol-1, kupol-2]\n"
            "seul:\n  articles: [toropets]\n"
        ),
    )
    result = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert (
        "corpus/incidents.yml:1: warning: kupol: the automatic grouping already puts these 2 "
        "articles together, and no other; their list can go" in result.stdout
    )
    assert "seul" not in result.stdout  # one article: nothing to agree with


def test_check_shows_the_incident_each_article_joins_and_flags_a_curation_matching_none(
    make_project,
):
    project = make_project(
        SMALL_CORPUS, incidents="2025-07-01-izhevsk-kupl:\n  title: Faute de frappe\n"
    )
    result = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert result.exit_code == 1
    assert (
        "corpus/incidents.yml:1: 2025-07-01-izhevsk-kupl: no incident has this id" in result.stdout
    )
    assert (
        "ok: corpus/articles/2025/kupol-bis.md: " in result.stderr
        and "→ incident 2025-07-01-izhevsk-kupol" in result.stderr
    )


def test_the_build_date_comes_from_the_corpus_unless_source_date_epoch_is_set(
    make_project, monkeypatch
):
    """MkDocs stamps its build date in sitemap.xml.gz (the gzip header's mtime)."""

    def stamped() -> int:
        return int.from_bytes((project.site_dir / "sitemap.xml.gz").read_bytes()[4:8], "little")

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    assert stamped() == 1751587200  # 2025-07-04, the newest publication date, midnight UTC
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(project, strict=True)
    assert stamped() == 1699920000  # MkDocs keeps the date of SOURCE_DATE_EPOCH: 2023-11-14


def test_front_matter_that_material_prints_in_the_head_is_escaped(make_project):
    project = make_project(SMALL_CORPUS)
    page = project.docs_dir / "a-propos.md"
    hostile = '</title><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    page.write_text(
        f"---\ntitle: '{hostile}'\ndescription: '{hostile}'\nauthor: '{hostile}'\n---\n\nTexte.\n",
        encoding="utf-8",
    )
    build(project, strict=True)
    html = (project.site_dir / "a-propos.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "<script>alert" not in head and "<img" not in head
    assert '<meta name="description" content="alert(1)&#34;&gt;">' in head
    assert '<meta name="author" content="alert(1)&#34;&gt;">' in head
    assert "<title>alert(1)&#34;&gt; - Archive des frappes de drones</title>" in head


def test_a_configuration_that_reads_files_into_pages_is_refused(make_project):
    project = make_project(SMALL_CORPUS)
    config = project.config_file.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.snippets\n", 1
    )
    project.config_file.write_text(config, encoding="utf-8")
    with pytest.raises(
        BuildError,
        match="mkdocs.yml enables pymdownx.snippets, which would read files or run templates",
    ):
        build(project, strict=True)


def test_check_of_a_named_curation_file_checks_the_curation_against_the_whole_corpus(make_project):
    project = make_project(SMALL_CORPUS, incidents="a:\n  articles: [frappe-izhevsk, pas-la]\n")
    result = CliRunner().invoke(
        cli, ["check", "--root", str(project.root), str(project.corpus_dir / "incidents.yml")]
    )
    missing_article = (
        "corpus/incidents.yml:1: a: no article 'pas-la' in corpus/articles/; "
        "check the id (the file name without .md)"
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == missing_article
    assert "no front matter" not in result.stdout


def test_the_archive_command_exits_with_its_code_and_all_its_output_through_pipes(make_project):
    """`main` ends the process without Python's teardown: what was printed must still arrive."""
    import subprocess
    import sys

    project = make_project(SMALL_CORPUS)

    def archive(*args: str) -> subprocess.CompletedProcess:
        command = [
            sys.executable,
            "-c",
            "import sys; from build_tools.cli import main; sys.argv[0] = 'archive'; main()",
            *args,
        ]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    good = archive("check", "--root", str(project.root))
    assert good.returncode == 0 and "3 articles checked, no problem." in good.stderr
    (project.corpus_dir / "articles/2025/casse.md").write_text(
        "---\ntitle: Titre\nsoruce: AFP\n---\nTexte.\n", encoding="utf-8"
    )
    bad = archive("check", "--root", str(project.root))
    assert (
        bad.returncode == 1
        and "corpus/articles/2025/casse.md:3: soruce: unknown key" in bad.stdout + bad.stderr
    )
    assert archive("nosuch").returncode == 2


def test_everything_the_build_writes_into_docs_is_ignored_by_git(seed_site):
    """A build changes no file git tracks: what it writes under docs/ is all ignored."""
    tracked = set(
        subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "docs"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    written = sorted(
        f"docs/{path.relative_to(seed_site.docs_dir).as_posix()}"
        for path in seed_site.docs_dir.rglob("*")
        if path.is_file()
    )
    untracked = [path for path in written if path not in tracked]
    ignored = subprocess.run(
        ["git", "-C", str(REPO), "check-ignore", "--no-index", "--stdin"],
        input="\n".join(untracked),
        capture_output=True,
        text=True,
    ).stdout.split()
    assert untracked and sorted(set(untracked) - set(ignored)) == []


def test_check_warns_of_an_article_a_reader_cannot_trace_to_its_source(make_project):
    articles = {
        "2025/sans-source.md": article("Frappe sur Ijevsk", "Un drone a frappé Ijevsk.\n"),
        "2025/sourcee.md": article(
            "Frappe sur Koursk",
            "Un drone a frappé Koursk.\n",
            source="Radio Liberté",
            url="https://example.org/koursk",
            published="2025-07-03",
        ),
    }
    result = CliRunner().invoke(cli, ["check", "--root", str(make_project(articles).root)])
    assert result.exit_code == 0, result.output
    assert (
        "corpus/articles/2025/sans-source.md:1: warning: no source, url, published in the front"
        " matter" in result.stdout
    )
    assert "sourcee.md:1: warning" not in result.stdout


def test_nothing_changed_whichever_way_the_project_is_named(make_project, monkeypatch):
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    monkeypatch.chdir(project.root.parent)
    assert build(Project(Path(project.root.name)), strict=True).unchanged


def test_an_edited_mkdocs_hook_in_a_folder_of_its_own_rebuilds_every_page(make_project):
    """A hook shapes every page: a build after it changed is neither skipped as having
    nothing to do nor limited to the pages whose Markdown changed."""
    project = make_project(SMALL_CORPUS)
    hook = project.root / "hooks" / "signature.py"
    hook.parent.mkdir()

    def sign(word: str) -> None:
        hook.write_text(
            "def on_post_page(output, **kwargs):\n"
            f"    return output.replace('</body>', '<!-- {word} --></body>')\n",
            encoding="utf-8",
        )

    def build_apart() -> str:
        """Built by `archive build` in a process of its own: MkDocs loads a hook once per
        process."""
        command = [sys.executable, "-m", "build_tools", "build", "--root", str(project.root)]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    sign("first")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks/signature.py\n")
    build_apart()
    sign("second")
    output = build_apart()
    page = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "Nothing changed" not in output and "Rien n'a changé" not in output
    assert "<!-- second -->" in page and "first" not in page


def test_a_build_after_a_clean_one_finds_nothing_changed(make_project):
    """A clean build empties site/ once it begins: what the plugin records is what MkDocs
    wrote after that, not what was there before."""
    project = make_project(SMALL_CORPUS)
    build(project, strict=True)
    build(project, strict=True, clean=True)
    again = build(project, strict=True)
    assert again.unchanged, again.summary()
