"""Untrusted input: a table of hostile or broken corpus files, each with the safe behaviour
expected of it.

Each row is one bad input. Either `archive check` refuses its file, naming the file, the
line and what to write (`refused`), or the file is valid and built, and its page shows the
hostile text as text (`shows`) with nothing of it left as markup (`absent`).

The rows together make one hostile corpus: checked in one run (every problem of every
file at once), built with --keep-going (exactly the refused files skipped, nothing written
outside site/ and docs/'s generated folders, corpus/ untouched but for the list of published
incident ids the build keeps there), and opened in headless
Chromium, where no script from the corpus may run. Payloads call `xssProbe(n)`, which the
browser test defines to open a dialog, so that any payload that runs is seen.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.build import build
from build_tools.cli import cli
from build_tools.corpus import PUBLISHED_IDS, load_corpus
from build_tools.project import Project
from build_tools.write import GENERATED_DATA_SUFFIXES, GENERATED_DIRS, copy_site_sources
from tests.conftest import CURATION_FILES, REPO, article


@dataclass(frozen=True)
class Case:
    """One bad input and the safe behaviour expected of it."""

    id: str
    expected: str  # the safe behaviour, in words
    articles: dict[str, str | bytes] = field(default_factory=dict)  # by path under corpus/articles/
    curation: dict[str, str] = field(default_factory=dict)  # YAML added to a curation file, by name
    links: dict[str, str] = field(
        default_factory=dict
    )  # article path → text of the file outside the project it links to
    # (shown path, line or the text on that line, start of the message), each among the problems
    refused: tuple[tuple[str, int | str, str], ...] = ()
    page: str = ""  # for a valid input: the built page to look at
    shows: tuple[str, ...] = ()  # in the page's HTML: the hostile text, as text
    absent: tuple[str, ...] = ()  # nowhere in the page's HTML
    text_only: bool = (
        False  # look at the article's text only (its sentences are also quoted in attributes)
    )


A = "corpus/articles/2025/"
BILLION_LAUGHS = (
    "---\ntitle: Rires\nlol1: &l1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(2, 10))
    + "---\nTexte des rires.\n"
)

MOSCOW = (
    "Dans la nuit de samedi à dimanche, la défense aérienne a abattu 34 drones au-dessus de la "
    "région de Moscou, dont trois près de l'aéroport de Vnoukovo, selon le maire Sergueï "
    "Sobianine, qui n'a signalé aucune victime ni dégât important.\n\n"
    "Les vols ont été suspendus pendant plusieurs heures dans trois aéroports de la capitale, et "
    "des centaines de passagers ont attendu dans les terminaux jusqu'au matin, selon l'agence "
    "fédérale du transport aérien.\n\n"
    "Le ministère russe de la Défense a affirmé avoir détruit au total 127 drones ukrainiens "
    "pendant la nuit au-dessus de dix régions, dont la région de Briansk, la région de Koursk et "
    "la région de Belgorod, frontalières de l'Ukraine.\n\n"
    "Kiev ne commente généralement pas ces attaques, qu'elle présente comme une réponse aux "
    "frappes russes sur les villes ukrainiennes et sur ses infrastructures énergétiques depuis le "
    "début de l'invasion à grande échelle en février 2022.\n"
)

CASES = [
    # --- Article text: Markdown with raw HTML off, then an allowlist (nh3) -------------------
    Case(
        "script-in-text",
        "a <script> in the text is shown as text",
        articles={
            "2025/script-texte.md": article(
                "Frappe sur Briansk",
                "Des drones ont touché un dépôt de Briansk. <script>xssProbe(1)</script>\n",
            )
        },
        page="articles/script-texte.html",
        shows=("&lt;script&gt;xssProbe(1)&lt;/script&gt;",),
        absent=("<script>xssProbe",),
        text_only=True,
    ),
    Case(
        "event-handlers-in-text",
        "img onerror and svg onload in the text are shown as text",
        articles={
            "2025/gestionnaires.md": article(
                "Explosions à Koursk",
                "Les habitants de Koursk ont entendu des explosions "
                "<img src=x onerror=xssProbe(2)> <svg onload=xssProbe(2)>.\n",
            )
        },
        page="articles/gestionnaires.html",
        shows=("&lt;img src=x onerror=xssProbe(2)&gt;",),
        absent=("<img src=x", "<svg onload"),
        text_only=True,
    ),
    Case(
        "iframe-form-style-in-text",
        "iframe, form and style in the text are shown as text",
        articles={
            "2025/cadres.md": article(
                "Dépôt en feu à Toula",
                "Un dépôt pétrolier brûle à Toula.\n\n"
                '<iframe src="javascript:xssProbe(3)"></iframe>'
                '<form action="https://evil.example/"><input name=q></form>'
                "<style>body{display:none}</style>\n",
            )
        },
        page="articles/cadres.html",
        shows=("&lt;iframe src=", "&lt;form action=", "&lt;style&gt;"),
        absent=('<iframe src="javascript', "<form action", "<style>body"),
        text_only=True,
    ),
    Case(
        "javascript-link",
        "a Markdown link to javascript: keeps its text and loses its address",
        articles={
            "2025/lien-javascript.md": article(
                "Raffinerie de Saratov",
                "La raffinerie de Saratov a été visée, [voir la vidéo](javascript:xssProbe(4)).\n",
            )
        },
        page="articles/lien-javascript.html",
        shows=("voir la vidéo",),
        absent=('href="javascript:',),
        text_only=True,
    ),
    Case(
        "data-url-link",
        "links and autolinks to data: URLs lose their address",
        articles={
            "2025/lien-data.md": article(
                "Base aérienne d'Engels",
                "La base d'Engels a été frappée, "
                "[document](data:text/html;base64,PHNjcmlwdD54c3NQcm9iZSg1KTwvc2NyaXB0Pg==) et "
                "<data:text/html,xssProbe(5)>.\n",
            )
        },
        page="articles/lien-data.html",
        shows=("document",),
        absent=('href="data:',),
        text_only=True,
    ),
    Case(
        "entities-in-heading",
        "escaped markup in text and headings stays escaped, never decoded into tags",
        articles={
            "2025/entites.md": article(
                "Usine de Iélabouga",
                "# &lt;img src=x onerror=xssProbe(6)&gt;\n\n"
                "L'usine de drones de Iélabouga &lt;script&gt;xssProbe(6)&lt;/script&gt; a été "
                "touchée.\n",
            )
        },
        page="articles/entites.html",
        shows=("&lt;img src=x onerror=xssProbe(6)&gt;", "&lt;script&gt;xssProbe(6)&lt;/script&gt;"),
        absent=("<img", "<script>xssProbe", "<h1>&lt;img"),
        text_only=True,
    ),
    Case(
        "attr-list-handler",
        "attr_list syntax cannot add an event handler or an id",
        articles={
            "2025/attributs.md": article(
                "Port de Novorossiïsk",
                "Le port de Novorossiïsk a été visé par des drones navals. "
                '{: onclick="xssProbe(7)" }\n\n'
                "## Bilan {#x onmouseover=xssProbe(7)}\n",
            )
        },
        page="articles/attributs.html",
        shows=('{: onclick="xssProbe(7)" }', "onmouseover=xssProbe(7)}"),
        absent=("<p onclick", '<h2 id="x"', '<h3 id="x"'),
        text_only=True,
    ),
    Case(
        "snippet-include",
        "a snippet line (--8<--) stays text: no file is read into the page",
        articles={
            "2025/extrait.md": article(
                "Gare de Lgov",
                'La gare de Lgov a été touchée.\n\n--8<-- "mkdocs.yml"\n\n--8<-- "/etc/passwd"\n',
            )
        },
        page="articles/extrait.html",
        shows=('--8&lt;-- "mkdocs.yml"', '--8&lt;-- "/etc/passwd"'),
        absent=("site_name:", "root:x:0"),
        text_only=True,
    ),
    Case(
        "template-in-text",
        "template syntax stays text: nothing is evaluated",
        articles={
            "2025/gabarit.md": article(
                "Aéroport de Kazan",
                "L'aéroport de Kazan a fermé. {{ 7 * 191 }} {{ config.site_name }} "
                "{% include 'base.html' %}\n",
            )
        },
        page="articles/gabarit.html",
        shows=("{{ 7 * 191 }}", "{% include 'base.html' %}"),
        absent=("1337",),
        text_only=True,
    ),
    Case(
        "private-use-markers",
        "private-use characters cannot forge evidence marks or links",
        articles={
            "2025/marqueurs.md": article(
                "Sous-station de Belgorod",
                "Une sous-station de Belgorod \ue0000\ue001a été touchée\ue002 "
                "\ue0030\ue001ici\ue004.\n",
            )
        },
        page="articles/marqueurs.html",
        shows=("0 a été touchée", "0 ici"),
        absent=('id="ev-0">a été', '">ici</a>'),
        text_only=True,
    ),
    Case(
        "quote-in-evidence-title",
        "a sentence with quotes stays inside the title attribute of its evidence link",
        articles={
            "2025/guillemets.md": article(
                "Drones abattus sur Voronej",
                "Le 3 juillet 2025, 12 drones ont été abattus au-dessus de Voronej "
                '" onmouseover="xssProbe(8)" x=".\n',
            )
        },
        page="articles/guillemets.html",
        shows=('Voronej &#34; onmouseover=&#34;xssProbe(8)&#34; x=&#34;.">[1]</a>',),
        absent=('au-dessus de Voronej " onmouseover="xssProbe(8)" x=".">',),
    ),
    # --- Front matter shown on pages: autoescaped templates, escaped head --------------------
    Case(
        "script-in-title",
        "a title that closes <title> is escaped in the head, the heading, lists and search",
        articles={
            "2025/titre-piege.md": article(
                "</title><script>xssProbe(9)</script> Piège à Orel",
                "Des drones ont visé la ville d'Orel dans la nuit.\n",
            )
        },
        page="articles/titre-piege.html",
        shows=("&lt;/title&gt;&lt;script&gt;xssProbe(9)&lt;/script&gt; Piège à Orel",),
        absent=("<script>xssProbe",),
    ),
    Case(
        "script-in-source",
        "a source with markup is escaped",
        articles={
            "2025/source-piege.md": article(
                "Incendie à Smolensk",
                "Un incendie s'est déclaré à Smolensk après une attaque.\n",
                source="<img src=x onerror=xssProbe(10)>Agence",
            )
        },
        page="articles/source-piege.html",
        shows=("&lt;img src=x onerror=xssProbe(10)&gt;Agence",),
        absent=("<img",),
    ),
    Case(
        "script-in-override-target",
        "a curator's target name with markup is escaped on the article and on its Cible page",
        articles={
            "2025/cible-piege.md": article(
                "Usine touchée à Riazan",
                "Une usine de Riazan a été touchée par des drones.\n",
                overrides={
                    "target": "<script>xssProbe(11)</script> usine",
                    "target_type": "arms_factory",
                },
            )
        },
        page="cibles/script-xssprobe-11-script-usine.html",
        shows=("&lt;script&gt;xssProbe(11)&lt;/script&gt; usine",),
        absent=("<script>xssProbe",),
    ),
    Case(
        "script-in-incident-curation",
        "an incident title and summary from incidents.yml are escaped",
        articles={
            "2025/incident-piege.md": article(
                "Attaque sur Lipetsk",
                "Des drones ont attaqué une aciérie de Lipetsk.\n",
                overrides={"incident": "piege-curation"},
            )
        },
        curation={
            "incidents": (
                "piege-curation:\n"
                "  title: '<script>xssProbe(12)</script> Lipetsk'\n"
                "  summary: '<img src=x onerror=xssProbe(12)>'\n"
            )
        },
        page="incidents/piege-curation.html",
        shows=(
            "&lt;script&gt;xssProbe(12)&lt;/script&gt; Lipetsk",
            "&lt;img src=x onerror=xssProbe(12)&gt;",
        ),
        absent=("<script>xssProbe", "<img"),
    ),
    Case(
        "markup-in-place-popup",
        "a place name with markup is escaped on its page and put in map popups as text",
        articles={
            "2025/lieu-piege.md": article(
                "Frappe sur Piègeville", "Des drones ont frappé Piègeville dans la nuit de lundi.\n"
            )
        },
        curation={
            "places": (
                "- {name: '<img src=x onerror=xssProbe(13)>Piègeville', kind: town, country: RU, "
                "lat: 55.1, lon: 38.2, aliases: [Piègeville]}\n"
            )
        },
        page="lieux/img-src-onerror-xssprobe-13-piegeville.html",
        shows=("&lt;img src=x onerror=xssProbe(13)&gt;Piègeville",),
        absent=("<img src=x",),
    ),
    Case(
        "bom-and-crlf",
        "a byte-order mark and CRLF line endings are normalised, not errors",
        articles={
            "2025/fins-de-ligne.md": (
                "\ufeff---\r\n"
                "title: Fins de ligne à Tambov\r\n"
                "---\r\n"
                "Un entrepôt de Tambov a été touché.\r\n"
                "\r\n"
                "Aucune victime.\r\n"
            )
        },
        page="articles/fins-de-ligne.html",
        shows=(
            (
                "a été touché.</mark></p>\n"
                '<p><mark class="archive-evidence archive-value" id="ev-37">Aucune victime.'
            ),
        ),
        absent=("\r", "\ufeff"),
        text_only=True,
    ),
    # --- YAML: safe-loaded, no tags, no anchors, a depth and size cap -------------------------
    Case(
        "yaml-python-tag",
        "a Python tag is refused, never constructed",
        articles={
            "2025/yaml-python.md": (
                "---\n"
                'title: !!python/object/apply:os.system ["touch /tmp/archive-pwned"]\n'
                "---\n"
                "Texte.\n"
            )
        },
        refused=(
            (
                A + "yaml-python.md",
                2,
                "YAML tags (!!python/object/apply:os.system) are not allowed",
            ),
        ),
    ),
    Case(
        "yaml-binary-tag",
        "a standard tag that safe_load would turn into bytes is refused",
        articles={
            "2025/yaml-binaire.md": (
                "---\ntitle: Binaire\nsource: !!binary PHNjcmlwdD4=\n---\nTexte.\n"
            )
        },
        refused=((A + "yaml-binaire.md", 3, "YAML tags (!!binary) are not allowed"),),
    ),
    Case(
        "yaml-alias-bomb",
        "a billion-laughs document is refused at its first anchor, never expanded",
        articles={"2025/yaml-rires.md": BILLION_LAUGHS},
        refused=((A + "yaml-rires.md", 3, "YAML anchors (&name) are not allowed"),),
    ),
    Case(
        "yaml-deep-nesting",
        "50,000 nested brackets are refused, without a RecursionError",
        articles={
            "2025/yaml-profond.md": "---\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\nTexte.\n"
        },
        refused=((A + "yaml-profond.md", 2, "YAML nested more than 20 levels deep"),),
    ),
    Case(
        "yaml-invalid",
        "broken YAML names its line and says what to check",
        articles={"2025/yaml-casse.md": "---\ntitle: 'pas fermé\nsource: AFP\n---\nTexte.\n"},
        refused=(
            (A + "yaml-casse.md", 3, "invalid YAML: found unexpected end of stream; check quotes"),
        ),
    ),
    # --- Files and ids: strict slugs, no traversal, no links ----------------------------------
    Case(
        "traversal-in-incident-override",
        "an incident id that climbs folders is refused",
        articles={
            "2025/remontee.md": article(
                "Remontée", "Texte de la remontée.\n", overrides={"incident": "../../../etc/passwd"}
            )
        },
        refused=((A + "remontee.md", 4, "overrides.incident: '../../../etc/passwd' is not an id"),),
    ),
    Case(
        "traversal-in-curation-id",
        "an incidents.yml key that climbs folders is refused",
        curation={"incidents": "../../docs/index:\n  title: Remplacer l'accueil\n"},
        refused=(
            (
                "corpus/incidents.yml",
                "../../docs/index:",
                "incident id '../../docs/index' is not an id",
            ),
        ),
    ),
    Case(
        "case-colliding-file-names",
        "of Kupol.md and kupol.md, the one that is not a lowercase id is refused",
        articles={
            "2025/Kupol.md": article("Kupol en capitales", "Texte en capitales sur Kupol.\n"),
            "2025/kupol.md": article("Kupol en minuscules", "Texte en minuscules sur l'usine.\n"),
        },
        refused=((A + "Kupol.md", 0, "file name 'Kupol' is not an id"),),
        page="articles/kupol.html",
        shows=("Kupol en minuscules",),
    ),
    Case(
        "same-id-in-two-years",
        "the same file name in two year folders: the later one is refused",
        articles={
            "2024/meme-nom.md": article("Même nom, 2024", "Premier texte de ce nom.\n"),
            "2025/meme-nom.md": article("Même nom, 2025", "Second texte, autre contenu.\n"),
        },
        refused=(
            (
                A + "meme-nom.md",
                0,
                "id 'meme-nom' is already used by corpus/articles/2024/meme-nom.md",
            ),
        ),
    ),
    Case(
        "symlink-out-of-the-corpus",
        "a symbolic link is refused without being read",
        links={"2025/lien.md": article("Secret", "SECRET-HORS-DU-DEPOT\n")},
        refused=((A + "lien.md", 0, "is a symbolic link; commit the file itself"),),
    ),
    # --- Text: UTF-8, a size cap, not empty ---------------------------------------------------
    Case(
        "invalid-utf8",
        "bytes that are not UTF-8 are refused with their line",
        articles={
            "2025/latin1.md": "---\ntitle: Latin-1\n---\nPremière ligne.\n".encode()
            + "Frappe à Koursk, été.\n".encode("latin-1")
        },
        refused=((A + "latin1.md", 5, "not valid UTF-8; save the file as UTF-8"),),
    ),
    Case(
        "huge-file",
        "a file over 1 MB is refused unread",
        articles={"2025/enorme.md": article("Énorme", "Des drones. " * 100_000)},
        refused=((A + "enorme.md", 0, "file is larger than 1000 kB"),),
    ),
    Case(
        "empty-text",
        "front matter without text is refused",
        articles={"2025/vide.md": "---\ntitle: Vide\n---\n\n\n"},
        refused=((A + "vide.md", 7, "the article text is empty"),),
    ),
    Case(
        "no-front-matter",
        "a file without front matter says how to start it",
        articles={"2025/sans-en-tete.md": "Juste un texte, sans en-tête.\n"},
        refused=((A + "sans-en-tete.md", 1, "no front matter"),),
    ),
    # --- Front-matter values: types, ranges, addresses, no unknown keys ----------------------
    Case(
        "future-dates",
        "a publication or event date after today is refused",
        articles={
            "2025/futur.md": article(
                "Futur", "Texte du futur.\n", published="2999-01-01", overrides={"date": "2999-02"}
            )
        },
        refused=(
            (A + "futur.md", 3, "published: 2999-01-01 is in the future"),
            (A + "futur.md", 5, "overrides.date: 2999-02 is in the future"),
        ),
    ),
    Case(
        "bad-coordinates",
        "latitude and longitude out of range are refused with their lines",
        curation={"places": "- name: Nulle part\n  kind: town\n  lat: 91\n  lon: -200\n"},
        refused=(
            ("corpus/places.yml", "  lat: 91", "lat: 91 is not a latitude"),
            ("corpus/places.yml", "  lon: -200", "lon: -200 is not a longitude"),
        ),
    ),
    Case(
        "non-http-urls",
        "javascript:, file: and ftp: addresses are refused",
        articles={
            "2025/adresses.md": article(
                "Adresses",
                "Texte des adresses.\n",
                url="javascript:xssProbe(14)",
                archived_url="file:///etc/passwd",
            ),
            "2025/ftp.md": article("FTP", "Texte en FTP.\n", url="ftp://example.org/a"),
        },
        refused=(
            (A + "adresses.md", 3, "url: 'javascript:xssProbe(14)' is not a web address"),
            (A + "adresses.md", 4, "archived_url: 'file:///etc/passwd' is not a web address"),
            (A + "ftp.md", 3, "url: 'ftp://example.org/a' is not a web address"),
        ),
    ),
    Case(
        "url-with-credentials",
        "an address with a user name or password is refused",
        articles={
            "2025/identifiants.md": article(
                "Identifiants",
                "Texte avec identifiants.\n",
                url="https://admin:secret@example.org/a",
            )
        },
        refused=((A + "identifiants.md", 3, "url: the address contains a user name or password"),),
    ),
    Case(
        "unknown-keys",
        "unknown keys are refused, with the nearest known key",
        articles={
            "2025/cles.md": article(
                "Clés", "Texte des clés.\n", titel="x", script="<script>xssProbe(15)</script>"
            )
        },
        refused=(
            (A + "cles.md", 3, "titel: unknown key; did you mean 'title'?"),
            (A + "cles.md", 4, "script: unknown key; expected one of"),
        ),
    ),
    Case(
        "bad-override-values",
        "a negative count and an unknown target type are refused",
        articles={
            "2025/corrections.md": article(
                "Corrections",
                "Texte des corrections.\n",
                overrides={"killed": -3, "target_type": "<b>usine</b>"},
            )
        },
        refused=(
            (A + "corrections.md", 4, "overrides.killed: -3 is not a count"),
            (A + "corrections.md", 5, "overrides.target_type: '<b>usine</b>' is not one of"),
        ),
    ),
    # --- Duplicates --------------------------------------------------------------------------
    Case(
        "duplicate-canonical-url",
        "the same address with www., http, a trailing slash and utm_ parameters: the later file "
        "is refused",
        articles={
            "2025/original-url.md": article(
                "Frappe sur Koursk, premier récit",
                "Une centrale de Koursk a été frappée par trois drones lundi matin.\n",
                url="https://www.example.org/koursk",
            ),
            "2025/reprise-url.md": article(
                "Frappe sur Koursk, reprise",
                "Reprise d'agence sur la centrale de Koursk, avec d'autres mots encore.\n",
                url="http://example.org/koursk/?utm_source=telegram",
            ),
        },
        refused=(
            (
                A + "reprise-url.md",
                3,
                "url: the same address as corpus/articles/2025/original-url.md",
            ),
        ),
    ),
    Case(
        "near-duplicate-text",
        "the same report with a new title, a word changed and a sentence added: the later file is "
        "refused",
        articles={
            "2025/original-texte.md": article("Vague de drones sur Moscou", MOSCOW),
            "2025/quasi-copie.md": article(
                "Moscou visée par des drones",
                MOSCOW.replace("trois aéroports", "les trois aéroports")
                + "\nLe trafic a repris dimanche matin.\n",
                source="Autre agence",
            ),
        },
        refused=(
            (
                A + "quasi-copie.md",
                5,
                "the text is nearly the same as corpus/articles/2025/original-texte.md",
            ),
        ),
    ),
    Case(
        "same-title-source-date",
        "the same headline from the same source on the same day: the later file is refused",
        articles={
            "2025/titre-a.md": article(
                "Drones sur Iaroslavl",
                "Une raffinerie de Iaroslavl a pris feu après une attaque.\n",
                source="AFP",
                published="2025-06-02",
            ),
            "2025/titre-b.md": article(
                "Drones sur Iaroslavl !",
                "Autre version, d'autres phrases sur l'incendie et les pompiers.\n",
                source="afp",
                published="2025-06-02",
            ),
        },
        refused=(
            (
                A + "titre-b.md",
                2,
                (
                    "title: the same title, source and publication date as "
                    "corpus/articles/2025/titre-a.md"
                ),
            ),
        ),
    ),
]

HUGE_CURATION = Case(
    "huge-curation-file",
    "a curation file over 1 MB is refused unread",
    curation={"entities": "# " + "x" * 1_100_000 + "\n"},
    refused=(("corpus/entities.yml", 0, "file is larger than 1000 kB; split it or trim it"),),
)


def refused_files(cases: list[Case]) -> set[str]:
    return {
        path for case in cases for path, _, _ in case.refused if path.startswith("corpus/articles/")
    }


def write_corpus(root: Path, cases: list[Case], outside: Path) -> None:
    """The shipped curation files with the cases' additions, and the cases' articles and links."""
    corpus = root / "corpus"
    (corpus / "articles").mkdir(parents=True)
    for name in CURATION_FILES:
        shutil.copy(REPO / "corpus" / f"{name}.yml", corpus / f"{name}.yml")
    for case in cases:
        for name, text in case.curation.items():
            with (corpus / f"{name}.yml").open("a", encoding="utf-8") as file:
                file.write(text)
        for relative, content in case.articles.items():
            path = corpus / "articles" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        for relative, content in case.links.items():
            target = outside / relative.replace("/", "-")
            target.write_text(content, encoding="utf-8")
            (corpus / "articles" / relative).symlink_to(target)


def expected_problem(root: Path, path: str, where: int | str, message: str) -> str:
    """`path:line: message…` with the line found in the file when given as the text on it."""
    if isinstance(where, str):
        lines = (root / path).read_text(encoding="utf-8").split("\n")
        where = next(n for n, line in enumerate(lines, 1) if line.startswith(where))
    return f"{path}:{where}: {message}" if where else f"{path}: {message}"


def snapshot(folder: Path, leave_out: list[Path]) -> dict[str, str]:
    """Every file under folder (links as their target), by path, with the hash of its bytes."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if any(path == out or path.is_relative_to(out) for out in leave_out) or path.is_dir():
            continue
        files[path.relative_to(folder).as_posix()] = (
            os.readlink(path)
            if path.is_symlink()
            else hashlib.sha256(path.read_bytes()).hexdigest()
        )
    return files


@dataclass
class Hostile:
    project: Project
    before: dict[str, str]
    after: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def page(self, relative: str) -> str:
        return (self.project.site_dir / relative).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    """The hostile corpus (every case but the one that spoils a curation file) in a project of
    its own."""
    top = tmp_path_factory.mktemp("hostile")
    outside = top / "outside"
    outside.mkdir()
    root = top / "project"
    root.mkdir()
    copy_site_sources(Project(REPO), root)
    write_corpus(root, CASES, outside)
    project = Project(root)
    return Hostile(project, before=snapshot(top, []))


@pytest.fixture(scope="module")
def hostile_problems(hostile: Hostile) -> tuple[list[str], list[str]]:
    """The problems `load_corpus` finds in the hostile corpus, and the files it skips."""
    corpus = load_corpus(hostile.project.corpus_dir, hostile.project.root)
    return [str(p) for p in corpus.problems], corpus.skipped


@pytest.fixture(scope="module")
def hostile_site(hostile: Hostile) -> Hostile:
    """The hostile corpus built with --keep-going, with what the build left on disk."""
    result = build(hostile.project, strict=True, keep_going=True)
    generated = [hostile.project.docs_dir / d for d in GENERATED_DIRS] + [hostile.project.site_dir]
    generated += [
        p
        for p in (hostile.project.docs_dir / "donnees").glob("*")
        if p.suffix in GENERATED_DATA_SUFFIXES
    ]
    generated.append(hostile.project.docs_dir / "feed.xml")
    generated.append(hostile.project.corpus_dir / PUBLISHED_IDS)  # the ids the build published
    hostile.after = snapshot(hostile.project.root.parent, generated)
    hostile.skipped = result.skipped
    return hostile


def _param(case: Case):
    return pytest.param(case, id=case.id, marks=[pytest.mark.e2e] if case.page else [])


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_each_bad_input_is_refused_with_its_line_or_built_as_text(
    case: Case, hostile: Hostile, hostile_problems, request
):
    problems, skipped = hostile_problems
    for path, where, message in case.refused:
        wanted = expected_problem(hostile.project.root, path, where, message)
        assert any(p.startswith(wanted) for p in problems), (
            f"{case.expected}: {wanted!r} not among\n" + "\n".join(problems)
        )
        if path.startswith("corpus/articles/"):
            assert path in skipped
    if case.page:
        site = request.getfixturevalue("hostile_site")
        page = site.page(case.page)
        if case.text_only:
            start = page.index('<div class="archive-text"')
            page = page[start : page.index("</div>", start)]
        for text in case.shows:
            assert text in page, f"{case.expected}: {text!r} not shown"
        for text in case.absent:
            assert text not in page, f"{case.expected}: {text!r} present"


def test_the_table_has_at_least_25_rows_with_distinct_ids():
    ids = [c.id for c in [*CASES, HUGE_CURATION]]
    assert len(ids) >= 25 and len(set(ids)) == len(ids)


def test_a_curation_file_over_the_size_cap_is_refused_unread(tmp_path):
    write_corpus(tmp_path, [HUGE_CURATION], tmp_path)
    corpus = load_corpus(tmp_path / "corpus", tmp_path)
    [(path, line, message)] = HUGE_CURATION.refused
    assert expected_problem(tmp_path, path, line, message) in [str(p) for p in corpus.problems]
    assert corpus.entities == []


def test_check_names_every_refused_file_and_line_in_one_run(hostile: Hostile):
    result = CliRunner().invoke(cli, ["check", "--root", str(hostile.project.root)])
    assert result.exit_code == 1
    printed = result.stdout.splitlines()
    for case in CASES:
        for path, where, message in case.refused:
            wanted = expected_problem(hostile.project.root, path, where, message)
            assert any(line.startswith(wanted) for line in printed), wanted
    assert (
        f"problems in {len(refused_files(CASES)) + 2} files." in result.stderr
    )  # and places.yml, incidents.yml


@pytest.mark.e2e
def test_keep_going_skips_exactly_the_refused_files_and_writes_only_where_a_build_writes(
    hostile_site: Hostile,
):
    assert set(hostile_site.skipped) == refused_files(CASES)
    assert hostile_site.after == hostile_site.before, (
        "a file was written, changed or deleted outside site/ and the generated folders"
    )
    assert not Path("/tmp/archive-pwned").exists()
    site = hostile_site.project.site_dir
    assert "SECRET-HORS-DU-DEPOT" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html")
    )


class _Markup(HTMLParser):
    """What a page would run: event-handler attributes, script elements, dangerous addresses."""

    def __init__(self):
        super().__init__()
        self.handlers: list[str] = []
        self.addresses: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and re.match(
                r"\s*(javascript|data|vbscript):", value or "", re.IGNORECASE
            ):
                self.addresses.append(f"<{tag} {name}={value!r}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.mark.e2e
def test_no_page_holds_an_event_handler_a_script_or_an_address_from_the_corpus(
    hostile_site: Hostile,
):
    site = hostile_site.project.site_dir
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        parser = _Markup()
        text = path.read_text(encoding="utf-8")
        parser.feed(text)
        where = path.relative_to(site).as_posix()
        assert parser.handlers == [], where
        assert parser.addresses == [], where
        assert not [s for s in parser.scripts if s.strip().startswith("xssProbe")], where
        assert not re.search(r"<script[^>]*>\s*xssProbe", text), where


@pytest.mark.e2e
def test_the_search_index_that_material_shows_as_html_holds_no_corpus_markup(hostile_site: Hostile):
    from tests.search_pieces import shown_documents

    docs = shown_documents(hostile_site.project.site_dir)
    shown = [doc["title"] + doc["text"] + " ".join(doc["tags"] or []) for doc in docs]
    assert any("xssProbe" in s for s in shown), "the hostile articles are indexed"
    for text in shown:
        assert not re.search(r"<(script|img|svg|iframe|form|style)", text), text[:200]


PROBE = "window.xssProbe = n => alert('xssProbe ' + n);"


@pytest.mark.browser
def test_no_script_from_the_corpus_runs_in_headless_chromium(hostile_site: Hostile, tmp_path):
    """Every page of the hostile site, each map holding a hostile name with its popups open,
    and a search whose results show hostile titles: no dialog, no error, no request out.
    A canary page first shows that a payload that runs is seen."""
    from playwright.sync_api import sync_playwright

    from tests.browsing import CHROMIUM, CHROMIUM_ARGS, OfflinePage

    site = hostile_site.project.site_dir
    # Every page and map holding a payload: a payload that is not in a page cannot run in
    # it, but for the search index, which the search below shows.
    hostile_files = sorted(
        p for p in site.rglob("*.html") if "xssProbe" in p.read_text(encoding="utf-8")
    )
    pages = [p for p in hostile_files if p.relative_to(site).parts[0] != "cartes"]
    maps = [p for p in hostile_files if p.relative_to(site).parts[0] == "cartes"]
    assert len(pages) > 30 and len(maps) >= 3
    canary = tmp_path / "canary.html"
    canary.write_text(
        "<!doctype html><p>canari</p><img src=x onerror=xssProbe(0)>", encoding="utf-8"
    )
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        offline = OfflinePage(browser)
        offline.context.add_init_script(PROBE)
        offline.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        offline.open(canary)
        offline.page.wait_for_timeout(100)
        assert dialogs == ["xssProbe 0"], "the probe must see a payload that runs"
        dialogs.clear()
        offline.errors.clear()  # the canary's missing image
        for page in pages:
            offline.open(page)
        for map_file in maps:
            offline.open(map_file)
            markers = offline.page.locator("path.leaflet-interactive, .marker-cluster")
            markers.first.wait_for(state="attached", timeout=10_000)
            # Every marker the map shows at first, held by handle: a cluster's click zooms
            # the map and may take the next markers out of the page, where a locator would
            # wait for the n-th of fewer markers. A DOM click, which a detached one ignores.
            for marker in markers.element_handles():
                marker.dispatch_event("click")
                offline.page.wait_for_timeout(50)
        offline.open(site / "index.html")
        titles = offline.search("Piège")
        offline.close()
        browser.close()
    assert any("xssProbe" in t for t in titles), titles
    assert dialogs == []
    assert offline.errors == []
    assert offline.blocked == []


@pytest.mark.e2e
def test_attr_list_and_md_in_html_in_mkdocs_yml_still_leave_corpus_text_alone(make_project):
    """Corpus text reaches MkDocs as escaped HTML blocks, which these extensions do not read."""
    project = make_project(
        {
            "2025/attributs.md": article(
                "Titre {: onclick=xssProbe(1) }",
                'Texte {: onclick="xssProbe(2)" }\n\n'
                "## Bilan {#x onclick=xssProbe(3)}\n\n"
                '<div markdown="1" onclick="xssProbe(4)">*x*</div>\n',
                source="Source {: onclick=xssProbe(5) }",
            ),
        }
    )
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(
        config.replace(
            "markdown_extensions:\n", "markdown_extensions:\n  - attr_list\n  - md_in_html\n", 1
        ),
        encoding="utf-8",
    )
    build(project, strict=True)
    for path in sorted(project.site_dir.rglob("*.html")):
        parser = _Markup()
        parser.feed(path.read_text(encoding="utf-8"))
        assert parser.handlers == [], path
    page = (project.site_dir / "articles/attributs.html").read_text(encoding="utf-8")
    assert 'Texte {: onclick="xssProbe(2)" }' in page and "&lt;div markdown=" in page
