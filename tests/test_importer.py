import json

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.corpus import load_corpus
from build_tools.errors import ImportFailure
from build_tools.importer import clean_raw_text, first_sentence_title, is_noise_line
from build_tools.slugs import slugify
from tests.conftest import REPO, SEEDS


def test_leading_date_line_is_the_publication_month_and_is_removed():
    raw = clean_raw_text(
        " date 2024-09 KIEV a été visée cette nuit par des drones.\n\nDeuxième paragraphe."
    )
    assert raw.published.iso == "2024-09"
    assert raw.text.startswith("KIEV a été visée")


def test_a_short_first_line_above_a_blank_line_is_the_headline():
    raw = clean_raw_text(
        "Un dépôt pétrolier en feu près de Briansk\n\nLe dépôt a été touché dans la nuit."
    )
    assert raw.title == "Un dépôt pétrolier en feu près de Briansk"
    assert raw.title_from == "headline"
    assert raw.text == "Le dépôt a été touché dans la nuit."


def test_without_headline_the_title_is_the_first_sentence():
    raw = clean_raw_text(
        "Des drones ont frappé Koursk. Trois personnes ont été blessées.\nSuite du texte."
    )
    assert raw.title == "Des drones ont frappé Koursk"
    assert raw.title_from == "first sentence"
    assert raw.text.startswith("Des drones ont frappé Koursk.")


def test_a_long_first_sentence_is_cut_at_a_word():
    title = first_sentence_title(
        "Selon " + "les autorités régionales " * 10 + "rien. Autre phrase."
    )
    assert len(title) <= 111 and title.endswith("…") and not title.endswith(" …")


@pytest.mark.parametrize(
    "line",
    [
        "Des pompiers sur les lieux de l'explosion 1 crédit : East2West",
        "Un immeuble touché à Odessa. Photo : Reuters",
        "Vue satellite du site © Maxar Technologies",
        "Les forces russes ont envahi l'Ukraine en 2022. AFP",
        "Crédits : DR",
    ],
)
def test_caption_and_credit_lines_are_noise(line):
    assert is_noise_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Le ministère a affirmé que 12 drones avaient été abattus.",
        "Selon l'AFP, l'explosion a eu lieu vers 3 heures du matin.",
        (
            "Crédit agricole : la banque a fermé son agence de Kharkiv après la frappe qui a "
            "touché le quartier et blessé quatre employés, selon le maire."
        ),
    ],
)
def test_article_sentences_are_not_noise(line):
    assert not is_noise_line(line)


def test_every_line_becomes_a_paragraph_and_noise_is_reported():
    raw = clean_raw_text(
        "Premier paragraphe.\nSecond paragraphe.\nUne légende 1 crédit : AFP\n\n\n\nTroisième."
    )
    assert raw.text == "Premier paragraphe.\n\nSecond paragraphe.\n\nTroisième."
    assert raw.dropped == ["Une légende 1 crédit : AFP"]


def test_text_without_accents_is_kept_as_written():
    raw = clean_raw_text(
        "Les habitants de Kerch ont signale des explosions a l'aube. La Federation de Russie n'a "
        "pas commente."
    )
    assert raw.title == "Les habitants de Kerch ont signale des explosions a l'aube"
    assert "Federation de Russie n'a pas commente" in raw.text


def test_text_made_only_of_noise_is_refused():
    with pytest.raises(ImportFailure, match="no text left"):
        clean_raw_text("Photo : AFP\n\nCrédit : Reuters")


def test_slugs_are_ascii_without_little_words():
    assert (
        slugify("L’usine « Kupol » d’Ijevsk gravement endommagée à 100 %")
        == "usine-kupol-ijevsk-gravement-endommagee-100"
    )
    assert slugify("Атака на Ижевск") == "ataka-na-izhevsk"


def test_add_writes_the_file_in_its_year_folder_and_check_accepts_it(make_project, tmp_path):
    project = make_project()
    raw = tmp_path / "raw.txt"
    raw.write_text(
        " date 2024-09 Des drones ont visé Toropets cette nuit. Un incendie s'est déclaré.\n\n"
        "Les autorités ont évacué.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "add",
            str(raw),
            "--root",
            str(project.root),
            "--source",
            "AFP",
            "--url",
            "https://example.org/toropets",
        ],
    )
    assert result.exit_code == 0, result.output
    written = project.root / result.stdout.strip()
    assert written.parent.name == "2024"
    assert written.name == "2024-09-drones-vise-toropets-nuit-afp.md"
    content = written.read_text(encoding="utf-8")
    assert content.startswith(
        "---\n"
        "title: Des drones ont visé Toropets cette nuit\n"
        "source: AFP\n"
        "url: https://example.org/toropets\n"
        "published: 2024-09\n"
        "language: fr\n"
        "---\n"
    )
    check = runner.invoke(cli, ["check", "--root", str(project.root)])
    assert check.exit_code == 0, check.output


def test_add_without_any_year_says_what_to_pass(make_project, tmp_path):
    project = make_project()
    raw = tmp_path / "raw.txt"
    raw.write_text("Des drones ont visé Toropets. Un incendie s'est déclaré.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(raw), "--root", str(project.root)])
    assert result.exit_code == 1
    assert "pass --published YYYY-MM-DD or --year YYYY" in result.output


def test_add_never_overwrites_an_article_with_the_same_id(make_project, tmp_path):
    project = make_project()
    raw = tmp_path / "raw.txt"
    raw.write_text(" date 2024-09 Des drones ont visé Toropets. Suite.\n", encoding="utf-8")
    first = CliRunner().invoke(cli, ["add", str(raw), "--root", str(project.root)])
    second = CliRunner().invoke(cli, ["add", str(raw), "--root", str(project.root), "--force"])
    assert first.stdout.strip() != second.stdout.strip()
    assert second.stdout.strip().endswith("-2.md")


def test_the_shipped_corpus_is_the_import_of_the_seed_texts():
    """The corpus ships the seeds as `archive add` imports them: same titles, same text."""
    shipped = {a.text: a for a in load_corpus(REPO / "corpus", REPO).articles}
    for seed in sorted(SEEDS.glob("*.txt")):
        raw = clean_raw_text(seed.read_text(encoding="utf-8"))
        assert raw.text in shipped, f"{seed.name} is not in the corpus as imported"
        assert shipped[raw.text].title == raw.title
        if raw.published:  # a date the text gives; the others come from the publisher's page
            assert shipped[raw.text].published == raw.published


def test_add_files_an_undated_article_under_the_year_of_the_event_it_reports(
    make_project, tmp_path
):
    project = make_project()
    raw = tmp_path / "raw.txt"
    raw.write_text(
        "Des drones ont frappé la raffinerie de Saratov le 14 mars 2025.\n\n"
        "Un incendie s'est déclaré.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["add", str(raw), "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("corpus/articles/2025/")


PAGE = REPO / "tests" / "data" / "pages" / "izhevsk-radio-exemple.html"
SHIPPED = "2025/recente-attaque-drone-ukrainienne-cause-mort.md"


def test_a_saved_web_page_gives_the_article_text_and_its_metadata():
    from build_tools.webpage import read_page

    page = read_page(PAGE.read_bytes())
    assert page.raw.title == "Izhevsk : une attaque de drone ukrainienne fait trois morts"
    assert page.raw.title_from == "page metadata"
    assert page.source == "Radio Exemple"
    assert page.url == "https://www.radio-exemple.fr/monde/2025/07/02/izhevsk-attaque-drone"
    assert page.raw.published.iso == "2025-07-02"
    seed = [
        line.strip()
        for line in (SEEDS / "001_267eaa3512c66b70.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert page.raw.text.split("\n\n") == seed
    for chrome in (
        "cookies",
        "Monde",
        "Partager",
        "Photo : Reuters",
        "Lire aussi",
        "Réagir",
        "Commentaires",
        "plus lus",
        "Mentions légales",
        "alert",
    ):
        assert chrome not in page.raw.text, chrome


def test_reading_a_page_never_touches_the_network(monkeypatch):
    import socket

    from build_tools.webpage import read_page

    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    assert read_page(PAGE.read_bytes()).raw.title.startswith("Izhevsk")
    assert attempts == []


@pytest.mark.parametrize(
    ("head", "expected_url", "expected_date"),
    [
        (
            (
                '<link rel="canonical" href="javascript:alert(1)">'
                '<meta property="article:published_time" content="2099-01-01">'
            ),
            None,
            None,
        ),
        (
            (
                '<link rel="canonical" href="https://user:secret@example.org/a">'
                '<meta property="article:published_time" content="2024-09-18">'
            ),
            None,
            "2024-09-18",
        ),
    ],
)
def test_a_page_address_or_date_the_corpus_would_refuse_is_left_out(
    head, expected_url, expected_date
):
    from build_tools.webpage import read_page

    text = "".join(
        f"<p>Des drones ont visé la ville de Briansk dans la nuit, paragraphe numéro {i}, selon le "
        "gouverneur de la région.</p>"
        for i in range(6)
    )
    page = read_page(
        (
            f"<html><head><title>Briansk</title>{head}</head>"
            f"<body><article>{text}</article></body></html>"
        ).encode()
    )
    assert page.url == expected_url
    assert (page.raw.published.iso if page.raw.published else None) == expected_date


def test_a_page_without_article_text_is_refused_with_what_to_do():
    from build_tools.webpage import read_page

    with pytest.raises(ImportFailure, match="no article text found in the page besides its title"):
        read_page(
            b"<!DOCTYPE html><html><head><title>Accueil</title></head>"
            b"<body><nav><a href='/'>Accueil</a></nav></body></html>"
        )


def test_add_of_a_saved_page_shows_what_it_read_and_check_accepts_it(make_project):
    project = make_project()
    result = CliRunner().invoke(cli, ["add", str(PAGE), "--root", str(project.root)])
    added = (
        "corpus/articles/2025/"
        "2025-07-02-izhevsk-attaque-drone-ukrainienne-fait-trois-radio-exemple.md"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == added
    for shown in (
        "title (page metadata): Izhevsk : une attaque",
        "source: Radio Exemple",
        "author: Claire Dubois",
        "published: 2025-07-02",
        "text: 10 paragraphs, 470 words",
    ):
        assert shown in result.stderr, shown
    assert "warning" not in result.stderr
    assert "\nauthor: Claire Dubois\n" in (project.root / added).read_text(encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", "--root", str(project.root)]).exit_code == 0
    [record] = json.loads(CliRunner().invoke(cli, ["extract", str(project.root / added)]).stdout)
    assert record["author"] == "Claire Dubois"


def test_add_refuses_an_article_the_corpus_has_already_unless_forced(make_project):
    project = make_project(
        {SHIPPED: (REPO / "corpus" / "articles" / SHIPPED).read_text(encoding="utf-8")}
    )
    command = ["add", str(PAGE), "--root", str(project.root), "--source", "Autre radio"]
    refused = CliRunner().invoke(cli, command)
    assert refused.exit_code == 1
    assert "not added" in refused.stderr and "--force" in refused.stderr
    assert len(list((project.corpus_dir / "articles").rglob("*.md"))) == 1, "nothing written"

    result = CliRunner().invoke(cli, [*command, "--force"])
    assert result.exit_code == 0, result.output
    added = result.stdout.strip()
    assert (
        f"warning: likely a duplicate: {added}:9: the text is nearly the same as "
        f"corpus/articles/{SHIPPED} (100% of its five-word sequences in common)" in result.stderr
    )
    check = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert check.exit_code == 1
    assert (
        f"corpus/articles/{SHIPPED}:8: the text is nearly the same as {added} (100%" in check.stdout
    ), "the later path is the copy"


def test_a_text_file_holding_a_web_page_is_read_as_a_page(tmp_path):
    from build_tools.webpage import is_html

    assert is_html(b"\xef\xbb\xbf\n  <!DOCTYPE html><html>", "article.txt")
    assert is_html(b"anything", "Article.HTM")
    assert not is_html(b"date 2025-07 Des drones ont frappe <b>Koursk</b>.", "article.txt")
