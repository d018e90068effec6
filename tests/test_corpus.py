import os
from pathlib import Path

import pytest

from build_tools import corpus
from build_tools.corpus import MAX_NESTING, READ_CHUNK, load_corpus, parse_article
from build_tools.render.text import article_html
from build_tools.yamlsafe import YamlProblem, load_yaml
from tests.conftest import article


def problems_of(content: str | bytes, path: str = "corpus/articles/2025/x.md") -> list[str]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return [str(p) for p in parse_article(data, path)[1]]


def test_a_valid_article_is_read_with_defaults():
    parsed, problems = parse_article(
        article("Titre", "Premier paragraphe.\n\nSecond.\n", published="2025-07").encode(),
        "corpus/articles/2025/x.md",
    )
    assert problems == []
    assert parsed.id == "x"
    assert parsed.source == "inconnue"
    assert parsed.language == "fr"
    assert parsed.published.iso == "2025-07"
    assert parsed.text == "Premier paragraphe.\n\nSecond."
    assert parsed.text_line == 5


def test_broken_front_matter_names_file_and_line_and_what_to_write():
    content = (
        "---\n"
        "title: Titre\n"
        "published: 2025-13-01\n"
        "url: javascript:alert(1)\n"
        "colour: red\n"
        "---\n"
        "Texte.\n"
    )
    assert problems_of(content) == [
        (
            "corpus/articles/2025/x.md:3: published: '2025-13-01' is not a date (YYYY, YYYY-MM or "
            "YYYY-MM-DD)"
        ),
        (
            "corpus/articles/2025/x.md:4: url: 'javascript:alert(1)' is not a web address; "
            "expected http:// or https://"
        ),
        (
            "corpus/articles/2025/x.md:5: colour: unknown key; expected one of: title, source, "
            "url, author, published, language, archived_url, overrides"
        ),
    ]


def test_missing_title_and_empty_text_are_both_reported():
    problems = problems_of("---\nsource: AFP\n---\n\n")
    assert any(":2: title: missing" in p for p in problems)
    assert any("the article text is empty" in p for p in problems)


def test_overrides_are_checked_key_by_key_with_their_lines():
    content = (
        "---\n"
        "title: T\n"
        "overrides:\n"
        "  killed: -3\n"
        "  incident: Izhevsk Kupol\n"
        "  kiled: 2\n"
        "---\n"
        "Texte.\n"
    )
    problems = problems_of(content)
    assert (
        "corpus/articles/2025/x.md:4: overrides.killed: -3 is not a count; expected a whole "
        "number, 0 or more" in problems
    )
    assert any(p.startswith("corpus/articles/2025/x.md:5: overrides.incident:") for p in problems)
    assert (
        "corpus/articles/2025/x.md:6: overrides.kiled: unknown key; did you mean 'killed'?"
        in problems
    )


def test_no_front_matter_says_how_to_start_the_file():
    assert problems_of("Juste du texte.\n") == [
        "corpus/articles/2025/x.md:1: no front matter: the file must start with a line ---, then "
        'keys such as title: "…", then a line ---'
    ]


def test_invalid_yaml_points_at_its_line():
    assert problems_of("---\ntitle: T\n  bad: indent\nsource: x\n---\nTexte.\n") == [
        "corpus/articles/2025/x.md:3: invalid YAML: mapping values are not allowed here; "
        "check quotes, brackets and indentation"
    ]


def test_yaml_aliases_and_anchors_are_refused():
    problems = problems_of("---\ntitle: &t Titre\nsource: *t\n---\nTexte.\n")
    assert problems == [
        "corpus/articles/2025/x.md:2: YAML anchors (&name) are not allowed in the corpus; write "
        "the value out"
    ]


def test_yaml_tags_are_refused_even_those_safe_load_would_construct():
    problems = problems_of("---\ntitle: T\nsource: !!binary aGVsbG8=\n---\nTexte.\n")
    assert problems == [
        "corpus/articles/2025/x.md:3: YAML tags (!!binary) are not allowed in the corpus; write "
        "the value as plain text"
    ]


def test_on_off_yes_and_no_are_words_true_and_false_are_booleans():
    """YAML 1.1 reads on, off, yes and no as booleans: the lexicon's French "on" and English
    "on" (a preposition) would be lost; YAML 1.2 keeps them as words."""
    data = load_yaml("words: [on, off, yes, no, 'on']\nflag: true\nother: False\n").data
    assert data == {"words": ["on", "off", "yes", "no", "on"], "flag": True, "other": False}


def test_deeply_nested_yaml_is_refused_without_crashing():
    problems = problems_of("---\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\nTexte.\n")
    assert problems == [
        "corpus/articles/2025/x.md:2: YAML nested more than 20 levels deep; no corpus file needs "
        "that"
    ]


def test_bom_and_crlf_are_normalised_not_errors():
    content = "\ufeff---\r\ntitle: Titre\r\n---\r\nLigne un.\r\n\r\nLigne deux.\r\n"
    parsed, problems = parse_article(content.encode("utf-8"), "corpus/articles/2025/x.md")
    assert problems == []
    assert parsed.text == "Ligne un.\n\nLigne deux."


def test_invalid_utf8_names_the_line():
    data = b"---\ntitle: T\n---\nbon\n" + b"mauvais \xff\n"
    assert problems_of(data) == [
        "corpus/articles/2025/x.md:5: not valid UTF-8; save the file as UTF-8"
    ]


def test_file_name_must_be_an_id():
    problems = problems_of(article(), path="corpus/articles/2025/Mon Article.md")
    assert any("is not an id" in p for p in problems)


def test_load_corpus_collects_problems_of_every_file_and_keeps_the_valid_ones(make_project):
    project = make_project(
        {
            "2025/bon.md": article("Bon", url="https://example.org/a"),
            "2025/mauvais.md": "---\ntitle: [\n---\nx\n",
            "2025/doublon.md": article("Doublon", url="https://example.org/a"),
            "divers/hors-annee.md": article("Ailleurs"),
        }
    )
    corpus = load_corpus(project.corpus_dir, project.root)
    assert [a.id for a in corpus.articles] == ["bon"]
    assert corpus.skipped == [
        "corpus/articles/2025/doublon.md",
        "corpus/articles/2025/mauvais.md",
        "corpus/articles/divers/hors-annee.md",
    ]
    text = "\n".join(str(p) for p in corpus.problems)
    assert (
        "corpus/articles/2025/doublon.md:3: url: the same address as corpus/articles/2025/bon.md"
        in text
    )
    assert (
        "corpus/articles/divers/hors-annee.md: articles go in a folder named for their year" in text
    )
    assert "corpus/articles/2025/mauvais.md:" in text


def test_a_file_named_from_inside_its_year_folder_is_in_that_folder(make_project, monkeypatch):
    """`archive check x.md`, run from corpus/articles/2025/."""
    project = make_project({"2025/bon.md": article("Bon")})
    monkeypatch.chdir(project.corpus_dir / "articles/2025")
    corpus = load_corpus(project.corpus_dir, project.root, only=[Path("bon.md")])
    assert [a.id for a in corpus.articles] == ["bon"] and corpus.problems == []


def test_curation_files_are_validated_with_lines(make_project):
    project = make_project(
        places="""\
            - name: Toropets
              kind: city
              country: RU
              lat: 56.5
              lon: 31.64
            - name: Nulle part
              kind: planet
              lat: 100
        """,
        entities="""\
            - name: Alexander Brechalov
              type: person
              aliases: [Aleksandr Bechalov]
        """,
        incidents="""\
            2025-07-01-izhevsk-kupol:
              title: Frappe sur l'usine Kupol
              articles: [a, b]
            Mauvais Id:
              title: x
        """,
    )
    corpus = load_corpus(project.corpus_dir, project.root)
    assert [p.name for p in corpus.places] == ["Toropets"]
    assert corpus.lexicon, "the shipped lexicon is read"
    assert corpus.entities[0].aliases == ["Aleksandr Bechalov"]
    assert corpus.incidents[0].articles == ["a", "b"]
    text = [str(p) for p in corpus.problems]
    assert (
        "corpus/places.yml:7: kind: 'planet' is not one of: city, town, village, district, "
        "region, country, sea, site" in text
    )
    assert (
        "corpus/places.yml:8: lat: 100 is not a latitude; expected decimal degrees from -90 to 90"
        in text
    )
    assert any(p.startswith("corpus/incidents.yml:4: incident id") for p in text)


def test_through_a_memo_curation_files_are_parsed_once_and_their_problems_stay_their_own(
    make_project, monkeypatch
):
    from build_tools import corpus as module
    from build_tools.incremental.store import Memo

    project = make_project(
        {"2025/bon.md": article("Bon")},
        incidents="""\
            2025-07-01-izhevsk-kupol:
              articles: [bon, absent]
        """,
    )
    memo = Memo()
    first = load_corpus(project.corpus_dir, project.root, call=memo.call)
    assert [str(p.message) for p in first.problems] == [
        "2025-07-01-izhevsk-kupol: no article 'absent' in corpus/articles/; check the id (the "
        "file name without .md)"
    ]
    parsed = []
    monkeypatch.setattr(module, "load_yaml", lambda text: parsed.append(text) or load_yaml(text))
    assert load_corpus(project.corpus_dir, project.root, call=memo.call) == first
    (project.corpus_dir / "articles/2025/absent.md").write_text(
        article("Absent", "Un autre texte."), encoding="utf-8"
    )
    assert load_corpus(project.corpus_dir, project.root, call=memo.call).problems == []
    # The articles' front matter (their reader's), never incidents.yml again.
    assert parsed == ["title: Bon", "title: Absent", "title: Bon"]


def test_the_shipped_corpus_is_valid():
    root = Path(__file__).resolve().parents[1]
    corpus = load_corpus(root / "corpus", root)
    assert corpus.problems == []
    assert len(corpus.articles) >= 5


def test_a_place_needs_a_kind_unless_it_names_a_geonames_town(make_project):
    project = make_project(
        places="""\
            - {name: Moscou, geonames: Moscow}
            - {name: Touapsé, geonames: Tuapse, kind: town}
            - {name: Nulle part, lat: 50.0, lon: 30.0}
        """,
    )
    corpus = load_corpus(project.corpus_dir, project.root)
    assert [p.name for p in corpus.places] == ["Moscou"]
    assert sorted(str(p) for p in corpus.problems) == [
        "corpus/places.yml:2: Touapsé: kind comes from the GeoNames town; remove 'kind'",
        "corpus/places.yml:3: Nulle part: add a kind (city, town, village, district, region, "
        "country, sea, site)",
    ]


def test_a_key_given_twice_is_refused_with_both_lines():
    """YAML would keep the second silently: a repeated lexicon list once lost a rule that way."""
    with pytest.raises(YamlProblem) as caught:
        load_yaml("fr:\n  articles: [la, le]\n  of_words: [de]\n  articles: [les]\n")
    assert caught.value.line == 4
    assert str(caught.value.message).startswith("articles: this key is already given on line 2")
    assert load_yaml("fr: {a: 1}\nen: {a: 2}\n").data == {"fr": {"a": 1}, "en": {"a": 2}}


def _problems(project) -> list[str]:
    return [str(p) for p in load_corpus(project.corpus_dir, project.root).problems]


def test_only_plain_files_are_read_from_the_corpus(make_project):
    """A folder or a pipe named like an article is refused; reading a pipe would wait for
    ever, and a folder cannot be read."""
    import os

    project = make_project({"2025/bon.md": article("Bon")})
    articles = project.corpus_dir / "articles" / "2025"
    (articles / "dossier.md").mkdir()
    os.mkfifo(articles / "tube.md")
    corpus = load_corpus(project.corpus_dir, project.root)
    assert [a.id for a in corpus.articles] == ["bon"]
    assert sorted(str(p) for p in corpus.problems) == [
        f"corpus/articles/2025/{name}.md: is not a plain file (a folder, a pipe or a device);"
        " the corpus holds files only"
        for name in ("dossier", "tube")
    ]
    assert corpus.skipped == ["corpus/articles/2025/dossier.md", "corpus/articles/2025/tube.md"]


def test_a_huge_file_is_refused_without_being_read_whole(make_project, monkeypatch):
    """A sparse gigabyte: refused after reading at most the limit and one byte."""
    project = make_project({"2025/bon.md": article("Bon")})
    with open(project.corpus_dir / "articles/2025/enorme.md", "wb") as huge:
        huge.truncate(1_000_000_000)

    def read_whole(path):
        raise AssertionError(f"{path} read whole")

    monkeypatch.setattr(Path, "read_bytes", read_whole)
    assert _problems(project) == [
        "corpus/articles/2025/enorme.md: file is larger than 1000 kB; split it or trim it"
    ]


def test_a_file_is_read_by_its_size_not_by_the_limit(make_project, monkeypatch):
    """os.read makes a buffer of the size asked for: one of a megabyte per file of a few kB
    was most of the time spent reading a corpus of 20,000 articles."""
    project = make_project({"2025/bon.md": article("Bon")})
    asked: list[int] = []
    os_read = os.read

    def read(descriptor: int, size: int) -> bytes:
        asked.append(size)
        return os_read(descriptor, size)

    monkeypatch.setattr(corpus.os, "read", read)
    (found,) = load_corpus(project.corpus_dir, project.root).articles
    assert found.title == "Bon"
    assert asked and max(asked) <= READ_CHUNK


def test_a_file_that_grows_while_it_is_read_is_read_to_its_end(make_project, monkeypatch):
    """Its size is read first; what is written after that is read all the same."""
    project = make_project({"2025/bon.md": article("Bon")})
    path = project.corpus_dir / "articles/2025/bon.md"
    fstat = os.fstat

    def written_meanwhile(descriptor: int) -> os.stat_result:
        status = fstat(descriptor)
        with path.open("a", encoding="utf-8") as file:
            file.write("Ajouté entre-temps.\n")
        return status

    monkeypatch.setattr(corpus.os, "fstat", written_meanwhile)
    (found,) = load_corpus(project.corpus_dir, project.root).articles
    assert found.text.endswith("Ajouté entre-temps.")


@pytest.mark.parametrize("character", ["\x07", "\x1b", "\x00"])
def test_a_control_character_is_refused_at_its_line(make_project, character):
    """In front matter or a curation file, where YAML would stop with a traceback."""
    project = make_project(
        {"2025/bip.md": f"---\ntitle: Bip\nsource: AF{character}P\n---\nTexte.\n"},
        places=f"- {{name: Nulle{character}part, kind: town, lat: 50.0, lon: 30.0}}\n",
    )
    code = f"U+{ord(character):04X}"
    assert sorted(_problems(project)) == [
        f"corpus/articles/2025/bip.md:3: invisible control character {code}; delete it",
        f"corpus/places.yml:1: invisible control character {code}; delete it",
    ]


def test_a_character_yaml_refuses_is_a_problem_at_its_line_not_a_crash():
    with pytest.raises(YamlProblem) as caught:
        load_yaml("title: bon\nsource: mau\x9fvais\n")
    assert caught.value.line == 2
    assert str(caught.value.message) == "character U+009F is not allowed in YAML; delete it"


@pytest.mark.parametrize(
    ("nested", "too_deep"),
    [
        # a list in a list…, one level per line from line 6: level 21 is line 26
        ("\n".join("    " * level + "- point" for level in range(300)), 6 + MAX_NESTING),
        ("- " * 1_000 + "point", 6),  # list markers one after another
        ("\n".join(">" * level + " citation" for level in range(1, 300)), 6 + MAX_NESTING),
    ],
)
def test_nesting_deeper_than_the_limit_is_refused_at_its_line(nested, too_deep):
    """Rendering recurses once per level: past a few hundred the build crashed, after
    `check` had passed the article."""
    data = f"---\ntitle: Imbriqué\n---\nUn drone a frappé Koursk.\n\n{nested}\n".encode()
    parsed, problems = parse_article(data, "corpus/articles/2025/imbrique.md")
    assert parsed is None
    assert [str(p) for p in problems] == [
        f"corpus/articles/2025/imbrique.md:{too_deep}: lists, quotes or indentation are"
        f" nested more than {MAX_NESTING} levels deep here; flatten them"
    ]


def test_nesting_up_to_the_limit_is_accepted_and_renders():
    nested = "\n".join("    " * level + "- point" for level in range(MAX_NESTING))
    data = f"---\ntitle: Imbriqué\n---\n{nested}\n".encode()
    parsed, problems = parse_article(data, "corpus/articles/2025/imbrique.md")
    assert problems == [] and parsed is not None
    assert article_html(parsed.text).count("<ul>") == MAX_NESTING


def test_blank_lines_and_rules_of_many_markers_are_no_nesting():
    lines = [" " * 84, "\t" * 21, "- " * 21, "* * * * * * * * * * * * * * * * * * * * * *"]
    data = ("---\ntitle: Règles\n---\nTexte.\n" + "\n".join(lines) + "\nFin.\n").encode()
    parsed, problems = parse_article(data, "corpus/articles/2025/regles.md")
    assert problems == [] and parsed is not None


def test_the_published_ids_of_a_large_archive_are_read_past_the_cap_of_hand_written_files(
    make_project,
):
    """The build writes a line per incident: 1.1 MB for 10,000 incidents, more than a
    hand-written curation file may hold."""
    lines = [
        f'"2025-01-01-incident-{n:05d}": ["article-{n:05d}-a", "article-{n:05d}-b"]'
        for n in range(20_000)
    ]
    project = make_project(published_ids="\n".join(lines) + "\n")
    assert (project.corpus_dir / "published_ids.yml").stat().st_size > 1_000_000
    corpus = load_corpus(project.corpus_dir, project.root)
    assert corpus.problems == [] and len(corpus.published) == 20_000
    places = project.corpus_dir / "places.yml"
    places.write_text(places.read_text() + "#" * 1_000_000 + "\n")
    assert "larger than 1000 kB" in str(load_corpus(project.corpus_dir, project.root).problems)
