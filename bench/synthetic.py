"""A synthetic French corpus for benchmarks: N articles, the same for the same seed.

Usage: python bench/synthetic.py N FOLDER [--seed S]

FOLDER becomes a project (mkdocs.yml, docs/, corpus/ with the shipped gazetteer, lexicon
and entities) whose corpus holds N generated articles. Events are drawn first (a date, a
town of Russia or Ukraine from GeoNames, a target, figures, a claimant); each event is then
reported by one to four articles written from sentence patterns, in different words: the
date as a weekday or a full date, figures in digits or words, some articles without
accents, some with photo credits or unrelated paragraphs. Nothing here is seed text.
"""

from __future__ import annotations

import argparse
import random
import shutil
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from build_tools.duplicates import find_duplicates
from build_tools.extract.gazetteer import geonames_towns
from build_tools.model import Article, PartialDate
from build_tools.project import Project
from build_tools.slugs import slugify
from build_tools.write import copy_site_sources

ROOT = Path(__file__).resolve().parents[1]

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NUMBER_WORDS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)
SOURCES = (
    "AFP",
    "Reuters",
    "Le Monde",
    "Ouest-France",
    "Kyiv Independent",
    "RFI",
    "France 24",
    "Le Figaro",
)
TARGETS = {
    "RU": (
        "la raffinerie",
        "un dépôt pétrolier",
        "la base aérienne",
        "une usine d'armement",
        "un dépôt de munitions",
        "une sous-station électrique",
        "le port",
    ),
    "UA": (
        "un immeuble d'habitation",
        "une centrale thermique",
        "des infrastructures énergétiques",
        "la gare",
        "un hôpital",
        "un quartier résidentiel",
        "le port",
    ),
}
FIRST_NAMES = (
    "Ivan",
    "Oleg",
    "Sergueï",
    "Mikhaïl",
    "Andriï",
    "Olena",
    "Natalia",
    "Iouri",
    "Vadim",
    "Roman",
)
LAST_NAMES = (
    "Petrenko",
    "Sokolov",
    "Kovalenko",
    "Lysenko",
    "Morozov",
    "Tkatchenko",
    "Volkov",
    "Chevtchenko",
)
# Background paragraphs, as news agencies append them to every report of the war.
BACKGROUND = (
    (
        "Les négociations entre Kyiv et Moscou n'ont produit aucun résultat concret ces dernières "
        "semaines. Les deux délégations se sont rencontrées à deux reprises sans parvenir à un "
        "accord sur un cessez-le-feu, et chaque camp accuse l'autre de faire traîner les "
        "discussions."
    ),
    (
        "Les alliés occidentaux de l'Ukraine ont promis de nouvelles livraisons de systèmes de "
        "défense aérienne. Kyiv réclame depuis des mois davantage de batteries pour protéger ses "
        "villes et ses infrastructures énergétiques, régulièrement visées depuis l'automne."
    ),
    (
        "Le Kremlin n'a pas commenté ces informations dans l'immédiat. Son porte-parole a répété "
        "que l'opération militaire se poursuivrait jusqu'à ce que ses objectifs soient atteints."
    ),
    (
        "Ces affirmations n'ont pas pu être vérifiées de manière indépendante. Les deux camps "
        "communiquent rarement sur leurs propres pertes, et les bilans publiés par les autorités "
        "régionales sont souvent revus dans les jours qui suivent."
    ),
    (
        "Depuis le début de l'invasion à grande échelle, en février 2022, les frappes de drones se "
        "sont multipliées des deux côtés de la frontière. L'Ukraine a développé sa propre "
        "industrie de drones à longue portée, capables d'atteindre des cibles situées à plus de "
        "mille kilomètres."
    ),
    (
        "Les habitants ont été invités à rester à l'abri pendant l'alerte aérienne, qui a duré "
        "plusieurs heures. Des vidéos publiées sur les réseaux sociaux montrent une épaisse "
        "colonne de fumée au-dessus de la zone industrielle."
    ),
    (
        "Sur le front, les combats restent intenses dans l'est du pays, où l'armée russe poursuit "
        "ses assauts. Les forces ukrainiennes disent avoir repoussé plusieurs attaques au cours "
        "des dernières vingt-quatre heures."
    ),
    (
        "Les compagnies aériennes ont dû dérouter plusieurs vols, et les aéroports de la région "
        "ont été temporairement fermés. Les restrictions ont été levées en fin de matinée, selon "
        "les autorités de l'aviation civile."
    ),
    (
        "Les experts militaires estiment que ces attaques visent à perturber la logistique et "
        "l'économie de guerre de l'adversaire, en particulier l'approvisionnement en carburant et "
        "la production de munitions."
    ),
    "Photo : archives, illustration. Crédit : DR.",
)


@dataclass(frozen=True)
class Event:
    day: date
    town: str
    country: str
    target: str
    killed: int
    injured: int
    launched: int
    downed: int
    official: str


def count(n: int, rng: random.Random) -> str:
    """A figure as French news writes it: small ones often in words."""
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) and rng.random() < 0.6 else str(n)


def written_date(day: date, rng: random.Random, published: date) -> str:
    """The event's date as an article gives it: full, without the year, a weekday, or a night."""
    month = MONTHS[day.month - 1]
    nth = "1er" if day.day == 1 else str(day.day)
    forms = [f"le {nth} {month} {day.year}", f"le {nth} {month}"]
    if day.day < 28:
        forms.append(f"dans la nuit du {nth} au {day.day + 1} {month}")
    if (published - day).days < 6:
        forms.append(f"{WEEKDAYS[day.weekday()]}")
    return rng.choice(forms)


def draw_events(n: int, rng: random.Random) -> list[Event]:
    towns = [t for t in geonames_towns() if t.country in ("RU", "UA") and t.population >= 40_000]
    first = date(2023, 1, 1)
    events = []
    for _ in range(n):
        town = rng.choice(towns)
        launched = rng.choice((0, 0, rng.randint(5, 150)))
        events.append(
            Event(
                day=first + timedelta(days=rng.randrange(3 * 365)),
                town=town.name,
                country=town.country,
                target=rng.choice(TARGETS[town.country]),
                killed=rng.choice((0, 0, 1, 2, 3, rng.randint(4, 25))),
                injured=rng.choice((0, 1, 2, 5, rng.randint(6, 60))),
                launched=launched,
                downed=rng.randint(0, launched)
                if launched
                else rng.choice((0, rng.randint(2, 40))),
                official=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            )
        )
    return events


def report(event: Event, rng: random.Random) -> tuple[dict, str]:
    """One article about the event: front matter and text."""
    published = event.day + timedelta(days=rng.choice((0, 1, 1, 2, 3)))
    attackers = "ukrainiens" if event.country == "RU" else "russes"
    when = written_date(event.day, rng, published)
    first = rng.choice(
        (
            (
                f"Des drones {attackers} ont frappé {event.target} de {event.town} {when}, selon "
                "les autorités locales."
            ),
            (
                f"{when.capitalize()}, une attaque de drones {attackers} a visé {event.target} à "
                f"{event.town}."
            ),
            f"La ville de {event.town} a été la cible d'une attaque de drones {attackers} {when}.",
        )
    )
    paragraphs = [first]
    if event.killed and event.injured:
        paragraphs.append(
            rng.choice(
                (
                    (
                        f"Le bilan fait état de {count(event.killed, rng)} morts et "
                        f"{count(event.injured, rng)} blessés, a indiqué {event.official}, le "
                        "gouverneur de la région."
                    ),
                    (
                        f"{count(event.killed, rng).capitalize()} personnes ont été tuées et "
                        f"{count(event.injured, rng)} autres blessées, selon {event.official}."
                    ),
                )
            )
        )
    elif event.injured:
        paragraphs.append(
            f"L'attaque a fait {count(event.injured, rng)} blessés, a précisé {event.official}, "
            "sans faire de victime."
        )
    if event.downed:
        claimant = (
            "le ministère russe de la Défense"
            if event.country == "RU"
            else "l'armée de l'air ukrainienne"
        )
        launched = f" sur {count(event.launched, rng)} lancés" if event.launched else ""
        paragraphs.append(
            f"Au total, {count(event.downed, rng)} drones ont été abattus{launched} pendant la "
            f"nuit, a affirmé {claimant}."
        )
    paragraphs.append(
        rng.choice(
            (
                (
                    "Un incendie s'est déclaré sur le site, rapidement maîtrisé par les secours "
                    f"de {event.town}."
                ),
                (
                    "Les dégâts matériels sont importants, d'après des images publiées sur les "
                    "réseaux sociaux."
                ),
                "Les services d'urgence sont restés mobilisés toute la matinée.",
            )
        )
    )
    paragraphs += rng.sample(BACKGROUND, rng.randint(4, 9))
    text = "\n\n".join(paragraphs)
    if rng.random() < 0.1:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    title = rng.choice(
        (
            f"{event.town} : frappe de drones {attackers} contre {event.target.split(' ', 1)[1]}",
            f"Attaque de drones {attackers} sur {event.town}",
            f"Frappe de drones à {event.town}"
            + (f" : {event.killed} morts" if event.killed > 1 else ""),
        )
    )
    meta = {
        "title": title,
        "source": rng.choice(SOURCES),
        "published": published.isoformat(),
        "language": "fr",
    }
    return meta, text


def articles(n: int, seed: int = 1) -> list[tuple[str, dict, str]]:
    """N articles (id, front matter, text), one to four per event, none of which `archive
    check` takes for a repeat of another."""
    rng = random.Random(seed)
    events = draw_events(max(1, n // 2), rng)
    drawn = _Drawn(rng)
    while len(drawn.articles) < n:
        event = events[len(drawn.articles) % len(events)] if rng.random() < 0.5 else None
        drawn.add(event or rng.choice(events))
    # Reports drawn from the same phrases can be nearly the same text: each later one of
    # such a pair (in the corpus' path order) is drawn again, for another event.
    while repeats := find_duplicates(sorted(drawn.as_corpus(), key=lambda a: a.path)):
        for repeat in repeats:
            drawn.replace(repeat.article.id, rng.choice(events))
    return drawn.articles


class _Drawn:
    """The articles drawn so far, with their ids and headlines, each once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.articles: list[tuple[str, dict, str]] = []
        self.ids: set[str] = set()
        self.headlines: set[tuple[str, str, str]] = set()

    def add(self, event: Event, at: int | None = None) -> bool:
        """Draw a report of the event (at position `at`, else at the end), unless it has
        the headline of another (one source, one headline, one day: a repeat)."""
        meta, text = report(event, self.rng)
        headline = (meta["title"], meta["source"], meta["published"])
        if headline in self.headlines:
            return False
        self.headlines.add(headline)
        base = slugify(f"{meta['published'][:7]} {meta['title']}")[:60].rstrip("-")
        ident, k = base, 2
        while ident in self.ids:
            ident, k = f"{base}-{k}", k + 1
        self.ids.add(ident)
        meta["url"] = f"https://example.org/{ident}"
        if at is None:
            self.articles.append((ident, meta, text))
        else:
            self.articles[at] = (ident, meta, text)
        return True

    def replace(self, ident: str, event: Event) -> None:
        at = next(i for i, (other, _, _) in enumerate(self.articles) if other == ident)
        _, meta, _ = self.articles[at]
        self.ids.discard(ident)
        self.headlines.discard((meta["title"], meta["source"], meta["published"]))
        while not self.add(event, at):
            pass

    def as_corpus(self) -> list[Article]:
        """The articles as the corpus reads them (what the duplicate check looks at)."""
        return [
            Article(
                id=ident,
                path=f"corpus/articles/{meta['published'][:4]}/{ident}.md",
                title=meta["title"],
                source=meta["source"],
                text=text,
                text_line=6,
                url=meta["url"],
                published=PartialDate.parse(meta["published"]),
            )
            for ident, meta, text in self.articles
        ]


def write_project(folder: Path, n: int, seed: int = 1) -> Project:
    """A project in FOLDER with the shipped site sources and N synthetic articles."""
    import yaml

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    copy_site_sources(Project(ROOT), folder)
    (folder / "corpus" / "articles").mkdir(parents=True)
    for name in ("places", "entities", "lexicon"):
        shutil.copy(ROOT / "corpus" / f"{name}.yml", folder / "corpus" / f"{name}.yml")
    for ident, meta, text in articles(n, seed):
        path = folder / "corpus" / "articles" / meta["published"][:4] / f"{ident}.md"
        path.parent.mkdir(exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n{text}\n", encoding="utf-8")
    return Project(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_project(args.folder, args.n, args.seed)
    print(f"{args.n} articles written under {args.folder / 'corpus' / 'articles'}")


if __name__ == "__main__":
    main()
