"""The archive's French words for its codes: qualifiers, precisions, figures, target types.

One table each, shared by the page templates and by the incident titles that the
grouping stage writes, so that the site and its data say the same thing.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from build_tools.folding import fold

QUALIFIER_LABELS = {
    "at_least": "au moins",
    "about": "environ",
    "at_most": "au plus",
    "several": "plusieurs",
    "unspecified": "non chiffré",
}
#: How the page says what a drone count covers, after the number.
SCOPE_LABELS = {
    "incident": "",
    "regional": "pour toute la région",
    "nationwide": "total national de la nuit",
}
PRECISION_LABELS = {"day": "au jour près", "month": "au mois près", "year": "à l'année près"}
FIGURE_LABELS = {
    "killed": "Tués",
    "injured": "Blessés",
    "hospitalised": "Hospitalisés",
    "drones_launched": "Drones lancés",
    "drones_downed": "Drones abattus",
    "drones_hit": "Drones ayant atteint leur cible",
}
TARGET_LABELS = {
    "arms_factory": "usine d'armement",
    "ammunition_depot": "dépôt de munitions",
    "refinery": "raffinerie",
    "oil_depot": "dépôt pétrolier",
    "energy": "infrastructure énergétique",
    "airfield": "aérodrome",
    "military_base": "base militaire",
    "port": "port",
    "residential": "habitations",
    "civilian_infrastructure": "infrastructure civile",
    "government": "bâtiment officiel",
    "other": "autre",
}

#: What a reader calls each kind of catalogue entry: (singular, plural).
KIND_LABELS = {
    "place": ("Lieu", "Lieux"),
    "person": ("Personne", "Personnes"),
    "organisation": ("Organisation", "Organisations"),
    "weapon": ("Arme", "Armes"),
    "target": ("Cible", "Cibles"),
}
PLACE_KIND_LABELS = {
    "city": "ville",
    "town": "ville",
    "village": "village",
    "region": "région",
    "sea": "mer",
    "district": "quartier",
    "site": "site",
    "country": "pays",
}
DIRECTIONS = {
    "RU": "Frappe en Russie",
    "UA": "Frappe en Ukraine",
    "BY": "Frappe en Biélorussie",
    "MD": "Frappe en Moldavie",
}
#: How an incident page names each piece of grouping evidence (`incidents.WEIGHTS`).
PIECE_LABELS = {
    "same_place": "même lieu",
    "near_place": "lieux voisins",
    "place_within": "même région",
    "same_target": "même cible",
    "different_target": "cibles différentes",
    "same_target_type": "même type de cible",
    "different_target_type": "types de cible différents",
    "same_day": "même jour",
    "next_day": "jours qui se suivent (une même nuit)",
    "dates_meet": "dates compatibles",
    "same_figure": "même chiffre",
    "text": "textes proches",
}
#: The pieces a near-miss lacked, said on the page as what was missing.
DECISIVE_PIECES = ("same_day", "same_target", "same_figure")
RELATED_LABELS = {
    "place": "même lieu",
    "target": "même cible",
    "mentioned": "mentionné par un article",
}


@cache
def country_name(code: str | None) -> str | None:
    """The French name of an ISO 3166-1 alpha-2 country code (RU → Russie), from CLDR."""
    if not code:
        return None
    return Locale("fr").territories.get(code.upper(), code.upper())


@cache
def language_name(code: str) -> str:
    """The French name of an ISO 639-1 language code (fr → français), from CLDR."""
    return Locale("fr").languages.get(code, code)


def country_code(name: str) -> str | None:
    """The ISO code of a country named in French or English (Russie, Russia → RU)."""
    return _country_codes().get(fold(name).strip())


@cache
def _country_codes() -> dict[str, str]:
    return {
        fold(name): code
        for language in ("en", "fr")
        for code, name in Locale(language).territories.items()
        if len(code) == 2 and code.isalpha()
    }


#: The article a claimant takes after "selon", by the first word of its name: "selon le
#: ministère russe de la Défense", "selon l'armée de l'air ukrainienne", "selon les
#: autorités". Other names (people, "Baza", an English "local officials") take none.
_MASCULINE = frozenset(
    {
        "ministère",
        "gouverneur",
        "parquet",
        "service",
        "conseil",
        "centre",
        "commandement",
        "chef",
        "maire",
        "président",
        "porte-parole",
        "gouvernement",
        "bureau",
        "département",
        "procureur",
        "renseignement",
        "groupe",
        "quartier",
        "site",
        "média",
        "journal",
        "responsable",
    }
)
_FEMININE = frozenset(
    {
        "police",
        "mairie",
        "garde",
        "marine",
        "défense",
        "direction",
        "présidence",
        "préfecture",
        "chaîne",
        "source",
        "compagnie",
        "région",
    }
)
_ELIDED = frozenset({"armée", "administration", "agence", "état-major", "office", "entreprise"})
_PLURAL = frozenset({"forces", "autorités", "services", "médias", "secours", "sources", "troupes"})


def selon(claimant: str) -> str:
    """ "selon le ministère…", "selon l'armée de l'air…", "selon Vasily Golubev"."""
    first = claimant.split(" ", 1)[0]
    article = (
        "les "
        if first in _PLURAL
        else "l'"
        if first in _ELIDED
        else "la "
        if first in _FEMININE
        else "le "
        if first in _MASCULINE
        else ""
    )
    return f"selon {article}{claimant}"
