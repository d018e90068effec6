"""Reusing pages: the same bytes as rendering everything, and only the pages a change touches
rendered again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.synthetic import write_project
from build_tools.build import write_docs
from build_tools.catalogue import build_catalogue
from build_tools.incremental.page_reuse import PageReuse
from build_tools.incremental.store import Memo
from build_tools.model import Article, ArticleRecord, DateValue, Incident, Place
from build_tools.pipeline import Pipeline
from build_tools.project import Project
from build_tools.render.pages import Site, render_site
from tests.conftest import article, made_files

PLACES = {
    "Koursk": (51.73, 36.19),
    "KOURSK": (51.0, 36.0),
    "Belgorod": (50.6, 36.6),
    "Orel": (52.97, 36.06),
}


def site(
    incidents: dict[str, str],
    reports: dict[str, tuple[str, str]],
    other_names=lambda kind, name: [],
) -> Site:
    """incidents: id → title; reports: article id → (incident id, the place it names[, how
    the article writes it])."""
    records, articles = [], []
    for number, (ident, (incident, place, *written)) in enumerate(sorted(reports.items())):
        lat, lon = PLACES[place]
        spelling = written[0] if written else place
        text = f"Des drones ont frappé {spelling} le {number + 1} juillet 2025."
        where = Place(
            name=place,
            as_written=[spelling],
            kind="city",
            country="RU",
            admin1=None,
            lat=lat,
            lon=lon,
            role="primary",
        )
        articles.append(
            Article(
                id=ident,
                path=f"corpus/articles/2025/{ident}.md",
                title=f"Frappe {ident}",
                source="AFP",
                text=text,
                text_line=5,
            )
        )
        records.append(
            ArticleRecord(
                id=ident,
                title=f"Frappe {ident}",
                source="AFP",
                url=None,
                published="2025-07",
                language="fr",
                incident=incident,
                date=DateValue(f"2025-07-{number + 1:02d}", "day"),
                places=[where],
            )
        )
    made = [
        Incident(
            id=ident,
            title=title,
            date=DateValue("2025-07-01", "day"),
            articles=[r.id for r in records if r.incident == ident],
            places=[p for r in records if r.incident == ident for p in r.places][:1],
            target=None,
            figures={},
        )
        for ident, title in incidents.items()
    ]
    return Site(
        articles=articles,
        records=records,
        incidents=made,
        catalogue=build_catalogue(records, made, other_names),
    )


BEFORE = (
    {"i1": "Frappe sur Koursk", "i2": "Frappe sur Belgorod"},
    {"a1": ("i1", "Koursk"), "a2": ("i1", "Koursk"), "a3": ("i2", "Belgorod")},
)


def rerender(before: Site, after: Site) -> PageReuse:
    """Render `before` into a memo, then `after` through it; check that `after` gives the
    bytes of a render without it, and return its page maker."""
    memo, files = Memo(), Memo()
    render_site(before, call=memo.call, page_maker=PageReuse(memo, files))
    pages = PageReuse(memo, files)
    assert made_files(render_site(after, call=memo.call, page_maker=pages)) == render_site(after)
    return pages


def test_an_unchanged_site_reuses_every_page():
    pages = rerender(site(*BEFORE), site(*BEFORE))
    assert pages.rendered == []
    assert {"articles/a1.md", "incidents/i1.md", "lieux/koursk.md", "_fragments/accueil.md"} <= set(
        pages.reused
    )


class _CountedReads(Memo):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get(self, key, default=None):
        self.reads += 1
        return super().get(key, default)


def test_a_reused_page_s_files_are_read_only_when_the_writer_asks_for_them():
    memo, files = Memo(), _CountedReads()
    render_site(site(*BEFORE), call=memo.call, page_maker=PageReuse(memo, files))
    pages = PageReuse(memo, files)
    rendered = render_site(site(*BEFORE), call=memo.call, page_maker=pages)
    assert files.reads == 0 and len(pages.reused) > 10
    assert made_files(rendered) == render_site(site(*BEFORE))
    assert files.reads == len(pages.reused_files)


def test_a_reused_page_whose_files_the_store_lost_is_made_again():
    memo = Memo()
    render_site(site(*BEFORE), call=memo.call, page_maker=PageReuse(memo, Memo()))
    pages = PageReuse(memo, Memo())  # the files' rows gone (or failed their check)
    rendered = render_site(site(*BEFORE), call=memo.call, page_maker=pages)
    assert pages.rendered == [] and made_files(rendered) == render_site(site(*BEFORE))


def test_a_page_is_kept_with_one_digest_per_object_it_read():
    memo = Memo()
    render_site(site(*BEFORE), call=memo.call, page_maker=PageReuse(memo, Memo()))
    reads = memo.get(("page", "lieux/koursk.md")).reads
    objects = [(kind, key) for kind, key, *_ in reads]
    assert {("incident", "i1"), ("record", "a1"), ("record", "a2")} <= set(objects)
    assert len(objects) == len(set(objects))
    assert all({None, "id", "title"} <= set(fields) for kind, key, fields, *_ in reads)


def test_a_page_reused_digests_no_field_of_the_records_and_incidents_whose_digest_it_knows(
    monkeypatch,
):
    """A build knows the digests of its records and incidents by what made them (`Memo.
    digest_as_made_by`): when an object's digest is the one the page was made with, the
    fields the page read of it are not digested again (the `repr` of their values)."""
    from build_tools.incremental.page_reuse import SharedData

    def known_site(memo: Memo) -> Site:
        made = site(*BEFORE)
        for value in (*made.records, *made.incidents):
            memo.digest(value)
        return made

    memo = Memo()
    render_site(known_site(memo), call=memo.call, page_maker=PageReuse(memo, Memo()))
    digested: list[str] = []
    read_digest = SharedData.read_digest
    monkeypatch.setattr(
        SharedData,
        "read_digest",
        lambda shared, read: digested.append(read[0]) or read_digest(shared, read),
    )
    pages = PageReuse(memo, Memo())
    render_site(known_site(memo), call=memo.call, page_maker=pages)
    assert pages.rendered == [] and len(pages.reused) > 10
    assert "entry" in digested and not {"record", "incident"} & set(digested)


def test_a_page_that_shows_an_incident_title_is_rendered_again_when_it_changes():
    incidents, reports = BEFORE
    pages = rerender(
        site(*BEFORE), site({**incidents, "i1": "Frappe sur l'aérodrome de Koursk"}, reports)
    )
    assert {"articles/a1.md", "articles/a2.md", "incidents/i1.md", "incidents/index.md"} <= set(
        pages.rendered
    )
    assert {"articles/a3.md", "incidents/i2.md", "lieux/belgorod.md"} <= set(pages.reused)


def test_a_page_that_links_to_a_place_does_not_depend_on_the_place_s_other_articles():
    incidents, reports = BEFORE
    pages = rerender(
        site(*BEFORE),
        site({**incidents, "i3": "Nouvelle frappe"}, {**reports, "a4": ("i3", "Koursk")}),
    )
    assert {"articles/a4.md", "incidents/i3.md", "lieux/koursk.md"} <= set(pages.rendered)
    assert {"articles/a1.md", "articles/a2.md", "articles/a3.md", "incidents/i1.md"} <= set(
        pages.reused
    )


def test_a_page_is_rendered_again_when_the_address_it_links_to_changes():
    # "KOURSK" sorts before "Koursk" and takes the id koursk: Koursk's page becomes koursk-2.
    incidents, reports = BEFORE
    pages = rerender(
        site(*BEFORE),
        site({**incidents, "i3": "Nouvelle frappe"}, {**reports, "a4": ("i3", "KOURSK")}),
    )
    assert {
        "articles/a1.md",
        "articles/a2.md",
        "incidents/i1.md",
        "lieux/koursk.md",
        "lieux/koursk-2.md",
    } <= set(pages.rendered)
    assert "articles/a3.md" in pages.reused


def test_a_page_that_lists_a_place_s_other_names_is_rendered_again_when_they_change():
    pages = rerender(
        site(*BEFORE),
        site(*BEFORE, other_names=lambda kind, name: ["Kursk"] if name == "Koursk" else []),
    )
    # Search aliases (the incident's and its articles'), the place's other names.
    assert {"incidents/i1.md", "articles/a1.md", "lieux/koursk.md"} <= set(pages.rendered)
    assert {"articles/a3.md", "incidents/i2.md"} <= set(pages.reused)  # not about Koursk


def test_a_name_written_in_another_case_leaves_the_pages_that_give_it_to_search_as_they_were():
    incidents, reports = BEFORE
    pages = rerender(
        site(*BEFORE),
        site({**incidents, "i3": "Nouvelle frappe"}, {**reports, "a4": ("i3", "Koursk", "KOURSK")}),
    )
    assert {"articles/a4.md", "lieux/koursk.md"} <= set(pages.rendered)  # lists the spellings
    assert {"articles/a1.md", "articles/a2.md", "incidents/i1.md"} <= set(pages.reused)


def test_a_removed_page_is_dropped():
    incidents, reports = BEFORE
    pages = rerender(
        site(*BEFORE), site({"i1": incidents["i1"]}, {"a1": reports["a1"], "a2": reports["a2"]})
    )
    assert not any(
        path.startswith(("articles/a3", "incidents/i2", "lieux/belgorod"))
        for path in pages.rendered + pages.reused
    )


# Whole generations of a synthetic corpus, through the caches on disk.


def _add(project: Project) -> None:
    (project.corpus_dir / "articles/2025/ajout.md").write_text(
        article(
            "Frappe de drones sur Koursk",
            (
                "Dans la nuit du 29 au 30 décembre 2025, des drones ont frappé un dépôt "
                "pétrolier à Koursk.\n"
            ),
            source="AFP",
            published="2025-12-30",
        ),
        encoding="utf-8",
    )


def _edit(project: Project) -> None:
    path = sorted((project.corpus_dir / "articles").rglob("*.md"))[3]
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\nLe bilan s'élève désormais à 12 morts et 30 blessés, selon les secours.\n",
        encoding="utf-8",
    )


def _retitle(project: Project) -> None:
    path = sorted((project.corpus_dir / "articles").rglob("*.md"))[5]
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text(
        "\n".join(
            "title: Mise à jour de la frappe" if line.startswith("title:") else line
            for line in lines
        ),
        encoding="utf-8",
    )


def _delete(project: Project) -> None:
    sorted((project.corpus_dir / "articles").rglob("*.md"))[7].unlink()


def _curate(project: Project) -> None:
    incident = min((project.docs_dir / "incidents").glob("*.md")).stem
    (project.corpus_dir / "incidents.yml").write_text(
        f"{incident}:\n  title: Un titre de curateur\n", encoding="utf-8"
    )


def generate_docs(project: Project):
    pipeline = Pipeline(project)
    return write_docs(pipeline, pipeline.read(), site_zip=False, report=lambda _: None)


def docs_files(project: Project) -> dict[str, bytes]:
    return {
        p.relative_to(project.docs_dir).as_posix(): p.read_bytes()
        for p in sorted(project.docs_dir.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("synthetic") / "project", 40).root


@pytest.mark.e2e
@pytest.mark.parametrize("change", [_add, _edit, _retitle, _delete, _curate])
def test_a_generation_through_the_caches_writes_what_a_generation_without_them_writes(
    synthetic, tmp_path, monkeypatch, change
):
    project = Project(tmp_path / "warm")
    shutil.copytree(synthetic, project.root)
    generate_docs(project)
    warm = generate_docs(project)
    assert warm.pages.rendered == 0 and warm.written == 0
    change(project)
    incremental = generate_docs(project)
    assert 0 < incremental.pages.rendered < incremental.pages.reused
    cold = Project(tmp_path / "cold")
    shutil.copytree(synthetic, cold.root)
    shutil.rmtree(cold.corpus_dir)
    shutil.copytree(project.corpus_dir, cold.corpus_dir)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no-cache"))
    assert generate_docs(cold).pages.reused == 0
    assert docs_files(project) == docs_files(cold)


@pytest.mark.e2e
def test_a_generation_stopped_before_it_wrote_leaves_no_page_or_data_file_to_reuse(
    synthetic, tmp_path, monkeypatch
):
    """Ctrl-C once the files are made, before they are written: the extraction is kept, not
    the pages and data files, which the next build would take for those docs/ holds."""
    from build_tools import pipeline as pipeline_module

    project = Project(tmp_path / "project")
    shutil.copytree(synthetic, project.root)
    generate_docs(project)
    _add(project)

    def interrupted(*arguments):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline_module, "atom_feed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generate_docs(project)
    monkeypatch.undo()
    assert generate_docs(project).extraction.extracted == 0
    cold = Project(tmp_path / "cold")
    shutil.copytree(project.root, cold.root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no-cache"))
    generate_docs(cold)
    assert docs_files(project) == docs_files(cold)


@pytest.mark.e2e
def test_generated_files_edited_or_deleted_by_hand_are_written_again_from_the_store(
    synthetic, tmp_path
):
    project = Project(tmp_path / "project")
    shutil.copytree(synthetic, project.root)
    generate_docs(project)
    expected = docs_files(project)
    pages = sorted((project.docs_dir / "articles").glob("*.md"))
    pages[0].write_text("édité à la main", encoding="utf-8")
    pages[1].unlink()
    min((project.docs_dir / "cartes" / "incidents").glob("*.html")).unlink()
    again = generate_docs(project)
    assert (again.pages.rendered, again.written) == (0, 3)
    assert docs_files(project) == expected


@pytest.mark.e2e
def test_a_generation_of_cached_articles_never_loads_the_gazetteer(
    synthetic, tmp_path, monkeypatch
):
    from build_tools.extract.resources import Resources

    project = Project(tmp_path / "warm")
    shutil.copytree(synthetic, project.root)
    generate_docs(project)
    monkeypatch.setattr(
        Resources, "gazetteer", property(lambda self: pytest.fail("the gazetteer was loaded"))
    )
    assert generate_docs(project).extraction.extracted == 0


def test_a_page_that_compares_looked_up_objects_notes_every_field_of_both():
    from build_tools.incremental.page_reuse import SharedData, _Reader
    from build_tools.render.pages import Lookups

    before = site(*BEFORE)
    reader = _Reader(
        SharedData(
            Lookups(
                before.catalogue,
                {r.id: r for r in before.records},
                {i.id: i for i in before.incidents},
            ),
            Memo().known,
        )
    )
    first, second = reader.common()["incidents"]["i1"], reader.common()["incidents"]["i2"]
    assert first == first and first != second and first != "i1"
    assert {field for kind, key, field in reader.reads if key == "i2"} >= {
        "title",
        "articles",
        "places",
    }
