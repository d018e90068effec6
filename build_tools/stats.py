"""The numbers of the Statistiques page, computed from the incident records.

Each statistic is a `Table` (what a chart draws, and what the page prints under it) with
the export it can be recomputed from. Rules that keep the numbers honest:

- an incident counts in a month when its date is known to the day or to the month; the
  others (year only, no date) are left out of monthly series and counted in the limits;
- killed and injured per month add up each incident's smallest and largest figure apart:
  two sums, a low and a high, never a sum of claims that disagree;
- drones by claimant add up, per claimant, the largest figure that claimant gave for each
  incident; a nation's overnight total counts once for its night, however many incidents
  of that night cite it; spellings of one claimant that differ only by accents or case are
  one claimant; the claimants other than the most frequent ones are grouped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from build_tools import urls
from build_tools.folding import fold
from build_tools.labels import DIRECTIONS, TARGET_LABELS
from build_tools.model import Figure, Incident

UNKNOWN_PLACE = "lieu inconnu"
OTHER_COUNTRY = "autre pays"
UNATTRIBUTED = "non attribué"
OTHER_CLAIMANTS = "autres déclarants"
#: How many claimants get a series of their own, and how many places the ranking lists.
TOP_CLAIMANTS = 4
TOP_PLACES = 15
PRECISION_ROWS = {
    "day": "Date connue au jour",
    "month": "Date connue au mois seulement",
    "year": "Date connue à l'année seulement",
    None: "Date inconnue",
}


@dataclass(frozen=True)
class Table:
    """One statistic: its id (the chart's anchor and file), title, column headers, rows
    (first cell the category), a sentence on how it is counted, and its source export."""

    id: str
    title: str
    columns: list[str]
    rows: list[list[str | int]]
    note: str
    source: str = urls.INCIDENTS_JSON


def figure(incident: Incident, name: str) -> Figure:
    """The incident's figure, empty when the record has none of that name."""
    return incident.figures.get(name) or Figure([])


def month_of(incident: Incident) -> str | None:
    """YYYY-MM when the date is known to the month or better."""
    date = incident.date
    if date is None or date.precision not in ("day", "month"):
        return None
    return date.value[:7]


def direction(incident: Incident) -> str:
    """Where the strike landed: "Frappe en Russie", "Frappe en Ukraine", other country, unknown."""
    countries = [p.country for p in incident.primary_places if p.country]
    if not countries:
        return UNKNOWN_PLACE
    return DIRECTIONS.get(countries[0], OTHER_COUNTRY)


def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last, so that empty months show as zero."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_span(incidents: Iterable[Incident]) -> list[str]:
    months = sorted({m for i in incidents if (m := month_of(i))})
    return months_between(months[0], months[-1]) if months else []


def incidents_by_month(incidents: list[Incident]) -> Table:
    directions = [
        d
        for d in (*DIRECTIONS.values(), OTHER_COUNTRY, UNKNOWN_PLACE)
        if any(direction(i) == d for i in incidents)
    ]
    counts = Counter((month_of(i), direction(i)) for i in incidents)
    return Table(
        "incidents-par-mois",
        "Incidents par mois, selon le pays frappé",
        ["Mois", *directions],
        [[month, *(counts[month, d] for d in directions)] for month in _month_span(incidents)],
        "Un incident compte dans le mois de sa date, quand elle est connue au jour ou au mois ; "
        "le pays est celui de son lieu principal.",
    )


def claimant_names(incidents: list[Incident], figures: tuple[str, ...]) -> dict[str, str]:
    """Each claimant as written → one name for the claimant: "armee de l'air ukrainienne" and
    "armée de l'air ukrainienne" are one, under the spelling met most often."""
    written = Counter(
        c.claimed_by
        for i in incidents
        for f in figures
        for c in figure(i, f).claims
        if c.value is not None and c.claimed_by
    )
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in written:
        by_key[fold(name).strip()].append(name)
    chosen = {key: min(names, key=lambda n: (-written[n], n)) for key, names in by_key.items()}
    return {name: chosen[fold(name).strip()] for name in written}


def claimant_groups(
    incidents: list[Incident], figures: tuple[str, ...], names: dict[str, str]
) -> list[str]:
    """The most frequent claimants of these figures (under their `claimant_names`), then the
    grouped others and the unattributed."""
    frequency = Counter(
        names[c.claimed_by]
        for i in incidents
        for f in figures
        for c in figure(i, f).claims
        if c.value is not None and c.claimed_by
    )
    top = [
        name
        for name, _ in sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_CLAIMANTS]
    ]
    others = [OTHER_CLAIMANTS] if len(frequency) > TOP_CLAIMANTS else []
    unattributed = (
        [UNATTRIBUTED]
        if any(
            c.claimed_by is None and c.value is not None
            for i in incidents
            for f in figures
            for c in figure(i, f).claims
        )
        else []
    )
    return [*top, *others, *unattributed]


def drones_by_claimant(incidents: list[Incident]) -> Table:
    figures = ("drones_launched", "drones_downed")
    names = claimant_names(incidents, figures)
    groups = claimant_groups(incidents, figures, names)
    top = set(groups) - {OTHER_CLAIMANTS, UNATTRIBUTED}
    totals: dict[tuple[str, str, str], int] = defaultdict(int)
    nights: set[tuple] = set()  # (claimant, night, figure) of the national totals counted
    for incident in incidents:
        month = month_of(incident)
        if month is None:
            continue
        for name in figures:
            largest: dict[str, int] = {}
            national: set[str] = set()  # claimants whose largest figure here is a nation's
            for claim in figure(incident, name).claims:
                if claim.value is None:
                    continue
                claimant = names[claim.claimed_by] if claim.claimed_by else UNATTRIBUTED
                if claim.value >= largest.get(claimant, 0):
                    national.discard(claimant)
                    if claim.scope == "nationwide":
                        national.add(claimant)
                largest[claimant] = max(largest.get(claimant, 0), claim.value)
            for claimant, value in largest.items():
                if claimant in national:
                    night = (claimant, incident.date.value if incident.date else None, name)
                    if night in nights:
                        continue  # the same night's national total, cited by another incident
                    nights.add(night)
                group = claimant if claimant in top or claimant == UNATTRIBUTED else OTHER_CLAIMANTS
                totals[month, group, name] += value
    rows: list[list[str | int]] = [
        [
            month,
            group,
            totals[month, group, "drones_launched"],
            totals[month, group, "drones_downed"],
        ]
        for month in _month_span(incidents)
        for group in groups
        if totals[month, group, "drones_launched"] or totals[month, group, "drones_downed"]
    ]
    return Table(
        "drones-par-mois",
        "Drones lancés et abattus par mois, selon qui les annonce",
        ["Mois", "Déclarant", "Drones lancés", "Drones abattus"],
        rows,
        "Pour chaque incident, le plus grand chiffre donné par chaque déclarant ; les chiffres de "
        "déclarants différents sont montrés côte à côte, jamais additionnés en un seul bilan.",
    )


def casualties_by_month(incidents: list[Incident]) -> Table:
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for incident in incidents:
        month = month_of(incident)
        if month is None:
            continue
        for name in ("killed", "injured"):
            value = figure(incident, name)
            low, high = value.min, value.max  # both None when the figure has no value
            if low is not None and high is not None:
                sums[month, name + "_min"] += low
                sums[month, name + "_max"] += high
    columns = ("killed_min", "killed_max", "injured_min", "injured_max")
    return Table(
        "victimes-par-mois",
        "Tués et blessés par mois (fourchette basse et haute)",
        ["Mois", "Tués (bas)", "Tués (haut)", "Blessés (bas)", "Blessés (haut)"],
        [[month, *(sums[month, c] for c in columns)] for month in _month_span(incidents)],
        "La fourchette basse additionne le plus petit chiffre de chaque incident, la haute le plus "
        "grand : quand les sources se contredisent, l'écart se voit au lieu d'être additionné.",
    )


def incidents_by_target(incidents: list[Incident]) -> Table:
    counts = Counter(
        TARGET_LABELS[i.target.type] if i.target else "cible non indiquée" for i in incidents
    )
    return Table(
        "cibles",
        "Incidents par type de cible",
        ["Type de cible", "Incidents"],
        [[name, n] for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        "Le type de la cible principale de chaque incident.",
    )


def places_hit_most(incidents: list[Incident]) -> Table:
    counts = Counter(
        p.name for i in incidents for p in {p.name: p for p in i.primary_places}.values()
    )
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PLACES]
    return Table(
        "lieux",
        f"Les lieux les plus souvent frappés ({len(ranked)} premiers)",
        ["Lieu", "Incidents"],
        [[name, n] for name, n in ranked],
        "Le nombre d'incidents dont le lieu est l'un des lieux principaux.",
    )


def limits(incidents: list[Incident]) -> Table:
    """The share of incidents whose figures disagree, and how precisely dates are known."""
    total = len(incidents)
    with_figures = [i for i in incidents if any(f.min is not None for f in i.figures.values())]
    conflicting = sum(1 for i in with_figures if any(f.conflict for f in i.figures.values()))
    precision = Counter(i.date.precision if i.date else None for i in incidents)
    rows: list[list[str | int]] = [
        ["Incidents chiffrés dont les sources se contredisent", conflicting, len(with_figures)]
    ]
    rows += [[label, precision[key], total] for key, label in PRECISION_ROWS.items()]
    return Table(
        "limites",
        "Les limites de l'archive",
        ["Part des incidents", "Incidents", "Sur"],
        rows,
        "Un incident est en désaccord quand au moins un de ses chiffres a plusieurs valeurs "
        "selon les articles. Les dates connues au mois ou à l'année seulement ne sont jamais "
        "ramenées à un jour.",
    )


def statistics(incidents: list[Incident]) -> list[Table]:
    """Every statistic of the page, in page order."""
    return [
        incidents_by_month(incidents),
        drones_by_claimant(incidents),
        casualties_by_month(incidents),
        incidents_by_target(incidents),
        places_hit_most(incidents),
        limits(incidents),
    ]
