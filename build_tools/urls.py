"""Every path of the site (SPEC §4), made here and nowhere else.

A page is named by its path in the site, as readers and other sites link to it
(`articles/<id>.html`); its Markdown under docs/ has the same path with `.md`
(`source`). A page links to another with `base + path`, where `base` (`base_of`) leads
from the page's folder back to the top of the site: pages open from disk, so every link is
relative. Ids are lowercase ASCII slugs (build_tools/slugs.py).
"""

from __future__ import annotations

HOME = "index.html"
ARTICLES = "articles"
INCIDENTS = "incidents"
#: Where each kind of catalogue entry has its pages: `lieux/<id>.html`…
KIND_FOLDERS = {
    "place": "lieux",
    "person": "personnes",
    "organisation": "organisations",
    "weapon": "armes",
    "target": "cibles",
}
#: The incidents of each tag: `etiquettes/<slug>/index.html`, all tags on `etiquettes.html`.
TAGS = "etiquettes"
TAGS_PAGE = "etiquettes.html"
MAP_PAGE = "carte.html"
STATISTICS_PAGE = "statistiques.html"
#: The map files that pages embed: `cartes/incidents/<id>.html`…, the overview, the borders.
MAPS = "cartes"
OVERVIEW_MAP = f"{MAPS}/ensemble.html"
BORDERS_SCRIPT = f"{MAPS}/frontieres.js"
#: The names the offline maps write (regions and towns), as a script, loadable from file://.
LABELS_SCRIPT = f"{MAPS}/reperes.js"
#: Long indexes are split into parts: `incidents/par-annee/2025.html`, `lieux/par-lettre/k.html`.
BY_YEAR = "par-annee"
BY_LETTER = "par-lettre"
NO_DATE = "sans-date"
#: The downloads (SPEC §7).
DATA = "donnees"
ARTICLES_JSON = f"{DATA}/articles.json"
INCIDENTS_JSON = f"{DATA}/incidents.json"
INCIDENTS_CSV = f"{DATA}/incidents.csv"
INCIDENTS_GEOJSON = f"{DATA}/incidents.geojson"
INCIDENT_DATA = f"{DATA}/incidents"
DATABASE = f"{DATA}/archive.db"
DATASETTE_METADATA = f"{DATA}/metadata.yml"
DATA_PACKAGE = f"{DATA}/datapackage.json"
FEED = "feed.xml"
#: Generated pieces of hand-written pages (`docs/_fragments/<name>.md`), never pages themselves.
FRAGMENTS = "_fragments"


def article(article_id: str) -> str:
    return f"{ARTICLES}/{article_id}.html"


def incident(incident_id: str) -> str:
    return f"{INCIDENTS}/{incident_id}.html"


def incident_data(incident_id: str) -> str:
    """The JSON file of one incident, with its articles' records."""
    return f"{INCIDENT_DATA}/{incident_id}.json"


def entry(kind: str, entry_id: str) -> str:
    """The page of a place, person, organisation, weapon or target."""
    return f"{KIND_FOLDERS[kind]}/{entry_id}.html"


def tag_folder(slug: str) -> str:
    """The folder of a tag's incidents: its index and, when they are many, its parts."""
    return f"{TAGS}/{slug}"


def tag(slug: str) -> str:
    return index(tag_folder(slug))


def index(folder: str) -> str:
    return f"{folder}/index.html"


def part(folder: str, sub_folder: str, slug: str) -> str:
    """One part of a long index: `incidents/par-annee/2025.html`."""
    return f"{folder}/{sub_folder}/{slug}.html"


def map_of(page: str) -> str:
    """The map file a page embeds: `cartes/incidents/<id>.html` for `incidents/<id>.html`."""
    return f"{MAPS}/{page}"


def fragment(name: str) -> str:
    """A fragment's Markdown under docs/."""
    return f"{FRAGMENTS}/{name}.md"


def source(page: str) -> str:
    """A page's Markdown under docs/: `articles/<id>.md` for `articles/<id>.html`."""
    return page.removesuffix(".html") + ".md"


def base_of(path: str) -> str:
    """The way from a page or file at path (in the site or under docs/) back to the top."""
    return "../" * path.count("/")
