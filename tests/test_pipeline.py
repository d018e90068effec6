"""The orchestrator: every stage gives through the store what it gives without it, cold and warm;
the store follows today's date and the code each step imports."""

from __future__ import annotations

import datetime
import os
import shutil
import time

import pytest

from build_tools import schema
from build_tools.corpus import load_corpus
from build_tools.extract import extract_article
from build_tools.extract.resources import Resources
from build_tools.incidents import group_incidents
from build_tools.messages import LOCALE_VARIABLES
from build_tools.pipeline import ExtractionStats, Pipeline, forked, generate
from tests.conftest import REPO, article, made_files


def plain_records(corpus):
    resources = Resources(corpus)
    return [extract_article(a, resources) for a in corpus.articles]


def stored_records(pipeline, corpus):
    return pipeline.extract(corpus.articles, pipeline.resources(corpus))[0]


STAGES = {
    "read": (
        lambda project: load_corpus(project.corpus_dir, project.root),
        lambda pipeline: pipeline.read(),
    ),
    "extract": (
        lambda project: plain_records(load_corpus(project.corpus_dir, project.root)),
        lambda pipeline: stored_records(pipeline, pipeline.read()),
    ),
    "group": (
        lambda project: (
            (corpus := load_corpus(project.corpus_dir, project.root))
            and group_incidents(
                plain_records(corpus),
                {a.id: a.text for a in corpus.articles},
                corpus.incidents,
            )
        ),
        lambda pipeline: (
            (corpus := pipeline.read()) and pipeline.group(corpus, stored_records(pipeline, corpus))
        ),
    ),
    "generate": (
        lambda project: (
            (corpus := load_corpus(project.corpus_dir, project.root))
            and generate(
                corpus,
                Resources(corpus),
                plain_records(corpus),
                site_url=project.site_url,
                borders_json=project.borders_json(),
            )[1]
        ),
        lambda pipeline: (
            (corpus := pipeline.read())
            and made_files(
                pipeline.generate(
                    corpus,
                    resources := pipeline.resources(corpus),
                    pipeline.extract(corpus.articles, resources)[0],
                    site_zip=None,
                )[1]
            )
        ),
    ),
}


@pytest.fixture(scope="module")
def seed_project(tmp_path_factory):
    from build_tools.project import Project
    from build_tools.write import copy_site_sources

    root = tmp_path_factory.mktemp("pipeline")
    copy_site_sources(Project(REPO), root)
    shutil.copytree(REPO / "corpus", root / "corpus")
    return Project(root)


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_gives_through_the_store_what_it_gives_without_it(stage, seed_project):
    plain, through = STAGES[stage]
    expected = plain(seed_project)
    for _ in ("cold", "warm"):
        pipeline = Pipeline(seed_project)
        assert through(pipeline) == expected
        pipeline.save()


def test_a_warm_store_extracts_nothing_again(seed_project):
    for _ in range(2):
        pipeline = Pipeline(seed_project)
        _, stats = pipeline.extract(
            (corpus := pipeline.read()).articles, pipeline.resources(corpus)
        )
        pipeline.save()
    assert (stats.extracted, stats.cached) == (0, len(corpus.articles))


def test_an_article_dated_tomorrow_is_accepted_once_that_day_has_come(make_project, monkeypatch):
    """The parse of a file is stored with the file's signature, and its validation reads
    today's date: the read step's fingerprint names that date."""
    today = datetime.date.today()
    tomorrow = today + datetime.timedelta(days=1)
    project = make_project(
        {f"{tomorrow.year}/demain.md": article(published=tomorrow.isoformat(), source="AFP")}
    )
    monkeypatch.setattr(schema, "today", lambda: today)
    pipeline = Pipeline(project)
    assert [str(p.message) for p in pipeline.read().problems] == [
        f"published: {tomorrow.isoformat()} is in the future; "
        "give the date it happened or was published",
    ]
    pipeline.save()
    monkeypatch.setattr(schema, "today", lambda: tomorrow)
    assert Pipeline(project).read().problems == []


def test_the_first_read_of_a_day_sketches_no_text_again(seed_project, monkeypatch):
    """Parsing depends on today's date; the duplicate check's sketches and pairs do not,
    and are kept from one day to the next."""
    from build_tools import duplicates

    today = datetime.date.today()
    monkeypatch.setattr(schema, "today", lambda: today)
    pipeline = Pipeline(seed_project)
    pipeline.read()
    pipeline.save()
    sketched = []
    monkeypatch.setattr(duplicates, "shingles", lambda text: sketched.append(text) or set())
    monkeypatch.setattr(schema, "today", lambda: today + datetime.timedelta(days=1))
    assert Pipeline(seed_project).read().problems == []
    assert sketched == []


def test_reading_some_files_leaves_the_next_read_of_all_nothing_to_compare(
    seed_project, compared_texts
):
    """`archive check FILE` reads a few files: the pairs of near-duplicates the store keeps
    stay those of the whole corpus, which the next build starts from."""
    pipeline = Pipeline(seed_project)
    whole = pipeline.read()
    assert pipeline.read(only=[seed_project.root / whole.articles[0].path]).articles
    pipeline.save(prune=False)
    compared_texts.clear()
    assert Pipeline(seed_project).read().articles == whole.articles
    assert compared_texts == []


def test_changing_the_records_model_extracts_every_article_again(seed_project, monkeypatch):
    """A field added to `model.ArticleRecord` must not meet records stored without it."""
    from build_tools.incremental import fingerprint

    model = fingerprint.PACKAGE / "model.py"
    pipeline = Pipeline(seed_project)
    stored_records(pipeline, pipeline.read())
    pipeline.save()
    original = fingerprint._bytes
    monkeypatch.setattr(
        fingerprint, "_bytes", lambda p: original(p) + (b"\n# a new field" if p == model else b"")
    )
    pipeline = Pipeline(seed_project)
    corpus = pipeline.read()
    _, stats = pipeline.extract(corpus.articles, pipeline.resources(corpus))
    assert stats.extracted == len(corpus.articles)


def synthetic_articles(n: int, town: str = "Riazan") -> list:
    """n short articles; each test names its own town, so that the store of the module's
    project holds none of them before the test."""
    from build_tools.model import Article, PartialDate

    return [
        Article(
            id=f"a{i}",
            path=f"corpus/articles/2025/a{i}.md",
            title=f"Frappe {i}",
            source="inconnue",
            text=(
                f"Le {i % 28 + 1} juillet 2025, des drones ont frappé une raffinerie à {town}. "
                f"{i} personnes ont été blessées."
            ),
            text_line=5,
            published=PartialDate.parse("2025-07-29"),
            language="fr",
        )
        for i in range(n)
    ]


def test_parallel_extraction_gives_the_records_of_one_process_in_article_order(seed_project):
    pipeline = Pipeline(seed_project, workers=2)
    resources = pipeline.resources(pipeline.read())
    items = synthetic_articles(70, "Briansk")
    parallel, stats = pipeline.extract(items, resources)
    assert stats.workers == 2 and stats.extracted == 70
    assert parallel == [extract_article(a, resources) for a in items]


def test_an_extraction_worker_collects_cycles_though_the_build_does_not(monkeypatch):
    """The build turns the cyclic collector off (`no_collections`); forked workers would
    inherit that, and make and drop the objects of thousands of articles."""
    import gc
    import signal

    from build_tools.build import no_collections
    from build_tools.pipeline import _start_worker

    monkeypatch.setattr(signal, "signal", lambda *arguments: None)
    with no_collections():
        assert not gc.isenabled()
        _start_worker()
        assert gc.isenabled()
    gc.disable()
    try:
        with no_collections():
            pass
        assert not gc.isenabled()  # as it was
    finally:
        gc.enable()


def test_the_store_extracts_only_new_or_changed_articles(seed_project):
    import dataclasses

    project = seed_project
    pipeline = Pipeline(project)
    items = synthetic_articles(3, "Toula")
    first, stats = pipeline.extract(items, pipeline.resources(pipeline.read()))
    assert (stats.cached, stats.extracted) == (0, 3)
    pipeline.save()
    changed = [
        *items[:2],
        dataclasses.replace(items[2], text=items[2].text + " Trois drones ont été abattus."),
        *synthetic_articles(4, "Toula")[3:],
    ]
    pipeline = Pipeline(project)
    again, stats = pipeline.extract(changed, pipeline.resources(pipeline.read()))
    assert (stats.cached, stats.extracted) == (2, 2)
    assert again[:2] == first[:2] and again[2] != first[2]


def test_one_process_loads_the_named_entity_model_only_for_a_name_the_rules_do_not_know(
    seed_project,
):
    """Loading the model is 0.6 s of adding one article: a report naming only listed people
    and places, or written in English, does without it."""
    import dataclasses

    from build_tools.extract import names

    known, named = synthetic_articles(2, "Koursk")
    named = dataclasses.replace(
        named, text=named.text + " Le maire de la ville, Evgueni Marchenko, a parlé d'une attaque."
    )
    names.model.cache_clear()
    try:
        pipeline = Pipeline(seed_project, cache=False)
        resources = pipeline.resources(pipeline.read())
        pipeline.extract([known], resources)
        assert names.model.cache_info().currsize == 0
        [record], _ = pipeline.extract([named], resources)
        assert names.model.cache_info().currsize == 1
        assert "Evgueni Marchenko" in [p.name for p in record.people]
    finally:
        names.model.cache_clear()


def test_generating_the_site_digests_no_record_or_incident_by_its_repr(seed_project, monkeypatch):
    """The pages and exports reused are checked against digests of the records and incidents
    they show: a record is digested by the key it was extracted under and the call that gave
    it its incident, an incident by the calls that made it, not by their `repr` (3 s of
    every build at 20,000 articles)."""
    from build_tools.model import ArticleRecord, Incident

    pipeline = Pipeline(seed_project)
    corpus = pipeline.read()
    resources = pipeline.resources(corpus)
    records, _ = pipeline.extract(corpus.articles, resources)

    def no_repr(value: ArticleRecord | Incident) -> str:
        raise AssertionError(f"the repr of {value.id} was taken")

    monkeypatch.setattr(ArticleRecord, "__repr__", no_repr)
    monkeypatch.setattr(Incident, "__repr__", no_repr)
    _, files, pages, _ = pipeline.generate(corpus, resources, records, site_zip=None)
    assert files and pages.rendered + pages.reused


def test_a_large_corpus_gets_from_another_process_the_downloads_of_one(seed_project, monkeypatch):
    """From `FORKED_FROM` records, the data downloads are made in a forked process while
    this one makes the pages: the same files, the downloads' included."""
    from build_tools import pipeline as pipeline_module

    plain = STAGES["generate"][0](seed_project)
    made_in = []
    monkeypatch.setattr(pipeline_module, "FORKED_FROM", 1)
    monkeypatch.setattr(
        pipeline_module,
        "data_downloads",
        lambda *arguments, made=pipeline_module.data_downloads: (
            made_in.append(os.getpid()) or made(*arguments)
        ),
    )
    assert STAGES["generate"][1](Pipeline(seed_project)) == plain
    assert made_in == []  # appended to in the forked process's memory only


def test_a_forked_value_comes_from_another_process():
    with forked(os.getpid) as child_pid:
        assert child_pid() != os.getpid()


def test_an_exception_in_the_forked_process_is_raised_in_this_one():
    with forked(lambda: {}["missing"]) as value, pytest.raises(KeyError, match="missing"):
        value()


def test_a_forked_process_that_stops_without_its_value_is_reported():
    with forked(lambda: os._exit(3)) as value, pytest.raises(ChildProcessError, match="stopped"):
        value()


def test_a_forked_process_still_working_when_the_block_is_left_is_stopped(tmp_path):
    pid_file = tmp_path / "pid"

    def work_long() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(600)

    with forked(work_long):
        while not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.01)
    with pytest.raises(ProcessLookupError):  # stopped and reaped
        os.kill(int(pid_file.read_text()), 0)


def test_the_resources_digest_follows_the_gazetteer():
    from build_tools.model import Corpus, GazetteerEntry
    from build_tools.pipeline import resources_digest

    base = Corpus(articles=[])
    kupol = GazetteerEntry(
        name="Kupol", kind="site", country="RU", admin1=None, lat=56.8, lon=53.2, aliases=[]
    )
    assert resources_digest(base) != resources_digest(Corpus(articles=[], places=[kupol]))


@pytest.mark.parametrize("workers", [1, 2])
def test_an_extractor_that_fails_names_the_article_and_the_line(seed_project, monkeypatch, workers):
    from build_tools import extract
    from build_tools.errors import ExtractionError

    pipeline = Pipeline(seed_project, workers=workers)
    resources = pipeline.resources(pipeline.read())
    monkeypatch.setattr(extract, "extract_places", lambda doc: [][0])
    items = synthetic_articles(70, "Koursk")
    with pytest.raises(
        ExtractionError,
        match=(
            r"^corpus/articles/2025/a0\.md: extraction failed: IndexError.*"
            r"\(at extract/__init__\.py:\d+\)$"
        ),
    ):
        pipeline.extract(items, resources)


def test_a_reader_that_fails_names_the_file(make_project, monkeypatch):
    from build_tools import corpus
    from build_tools.errors import BuildError

    project = make_project({"2025/a.md": article("Titre", source="AFP")})
    monkeypatch.setattr(corpus, "parse_article", lambda data, shown: {}["no such key"])
    with pytest.raises(
        BuildError,
        match=(
            r"^corpus/articles/2025/a\.md: reading failed: "
            r"KeyError\('no such key'\) \(at [\w/]+\.py:\d+\)$"
        ),
    ):
        Pipeline(project).read()


def test_extraction_done_before_ctrl_c_is_kept_for_the_next_build(make_project, monkeypatch):
    from build_tools import pipeline as pipeline_module

    project = make_project()
    items = synthetic_articles(5, "Koursk")
    done: list[str] = []

    def interrupted_at_the_fourth(article, resources):
        if len(done) == 3:
            raise KeyboardInterrupt
        done.append(article.id)
        return extract_article(article, resources)

    monkeypatch.setattr(pipeline_module, "extract_article", interrupted_at_the_fourth)
    first = Pipeline(project, workers=1)
    with pytest.raises(KeyboardInterrupt):
        first.extract(items, first.resources(first.read()))
    monkeypatch.undo()
    again = Pipeline(project, workers=1)
    _, stats = again.extract(items, again.resources(again.read()))
    assert (stats.cached, stats.extracted) == (3, 2)


def test_ctrl_c_exits_130_as_shells_expect(make_project, monkeypatch):
    from click.testing import CliRunner

    from build_tools import build
    from build_tools.cli import cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "build", interrupted)
    project = make_project()
    result = CliRunner().invoke(cli, ["build", "--root", str(project.root)])
    assert (result.exit_code, result.output) == (130, "Interrupted.\n")


@pytest.mark.parametrize(
    ("extracted", "said"), [(1, " à 1 article/s "), (277, " à 277 articles/s ")]
)
def test_the_extraction_rate_agrees_with_its_number(monkeypatch, extracted, said):
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)  # French, the default
    assert said in ExtractionStats(0, extracted, 1.0, 1).summary()
