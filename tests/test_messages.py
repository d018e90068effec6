"""The command in its user's language: French by default, English for an English locale;
the French catalogue has every message, with the same placeholders."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from build_tools import corpus as corpus_module
from build_tools.cli import cli
from build_tools.incremental import source_reuse
from build_tools.incremental.source_reuse import SETTLED_NS
from build_tools.message_catalogue import template
from build_tools.messages import LOCALE_VARIABLES, catalogue, language
from tests.conftest import REPO, article


def speaking(monkeypatch, **locale: str) -> None:
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in locale.items():
        monkeypatch.setenv(variable, value)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ({}, "fr"),
        ({"LANG": "C.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr"}, "fr"),
    ],
)
def test_the_language_is_english_only_when_the_locale_says_so(monkeypatch, locale, expected):
    speaking(monkeypatch, **locale)
    assert language() == expected


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}", text))


def test_the_french_catalogue_has_every_message_with_its_placeholders():
    french = catalogue("fr")
    for message in template():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = (
            [french.ngettext(ids[0], ids[1], n) for n in (1, 2)]
            if len(ids) == 2
            else [french.gettext(ids[0])]
        )
        for original, text in zip(ids * (3 - len(ids)), translated, strict=False):
            assert text != original or text in ("Options",), f"not translated: {original!r}"
            assert _placeholders(text) == _placeholders(original), original
            assert text.count("\b") == original.count("\b"), original  # click's no-rewrap mark


def _help(lang_env: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES} | lang_env
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--help"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_help_is_in_french_by_default_and_in_english_for_an_english_locale():
    french = _help({})
    assert french.startswith("Utilisation : archive check")
    assert "Vérifier les articles" in french and "Afficher cette aide et quitter." in french
    english = _help({"LANG": "en_US.UTF-8"})
    assert english.startswith("Usage: archive check")
    assert "Validate articles" in english and "Show this message and exit." in english


def test_check_reports_in_the_user_s_language(make_project, monkeypatch):
    project = make_project(
        {"2025/sans-source.md": article("Frappe sur Ijevsk", "Un drone a frappé Ijevsk.\n")}
    )
    speaking(monkeypatch)
    french = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert "1 article vérifié, aucun problème." in french.stderr
    assert "avertissement : pas de source, url, published dans l'en-tête" in french.stdout
    speaking(monkeypatch, LANG="en_US.UTF-8")
    english = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert "1 article checked, no problem." in english.stderr
    assert "warning: no source, url, published in the front matter" in english.stdout


def test_no_message_is_looked_up_inside_an_f_string():
    """Babel's extraction cannot see _() inside an f-string: such a message would never
    reach the catalogue, and would stay in English."""
    inside = re.compile(r"""\bf(["'])[^"'\n]*\{[^}]*\b(?:_|ngettext)\(""")
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted((REPO / "build_tools").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inside.search(line)
    ]
    assert found == []


def test_a_corpus_problem_is_shown_in_the_language_of_whoever_reads_it(make_project, monkeypatch):
    """Problems are kept in the build's cache with what was read: the second run finds them
    there, and still says them in its own user's language."""
    project = make_project(
        {"2025/casse.md": article("Frappe sur Ijevsk", "Un drone a frappé Ijevsk.\n", sourec="AFP")}
    )
    parsed: list[str] = []
    # The file was written a moment ago: unless it counts as settled, it is read again.
    monkeypatch.setattr(source_reuse, "SETTLED_NS", -SETTLED_NS)
    real_load = corpus_module.load_yaml
    monkeypatch.setattr(
        corpus_module, "load_yaml", lambda t, *limit: parsed.append(t) or real_load(t, *limit)
    )
    speaking(monkeypatch, LANG="en_US.UTF-8")
    english = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert "casse.md:3: sourec: unknown key; did you mean 'source'?" in english.stdout
    first_parses = len(parsed)
    speaking(monkeypatch)
    french = CliRunner().invoke(cli, ["check", "--root", str(project.root)])
    assert "casse.md:3: sourec : clé inconnue ; vouliez-vous dire 'source' ?" in french.stdout
    assert len(parsed) == first_parses  # the article was not read again: the cache said it


@pytest.mark.e2e
def test_build_reports_its_steps_in_the_user_s_language(make_project, monkeypatch):
    project = make_project(
        {"2025/frappe.md": article("Frappe sur Ijevsk", "Un drone a frappé Ijevsk.\n")}
    )
    speaking(monkeypatch)
    french = CliRunner().invoke(cli, ["build", "--zip", "--root", str(project.root)])
    assert french.exit_code == 0, french.output
    for said in (
        "Lecture du corpus",
        "\nExtraction : 1 extrait(s)",
        "0 depuis le cache ; production des pages\n",
        "fichiers modifiés écrits sous docs/ ; lancement de mkdocs build",
        "archive-hors-ligne.zip écrit (",
    ):
        assert said in french.output
    assert "Reading" not in french.output and "Wrote" not in french.output
