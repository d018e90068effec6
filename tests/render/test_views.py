"""What the article page links: every spelling of what the record names, found as a regex
search for each thing would find it, in one pass over the text."""

import re

from hypothesis import given
from hypothesis import strategies as st

from build_tools.catalogue import build_catalogue
from build_tools.model import ArticleRecord, Place
from build_tools.render.views import entity_mentions

SPELLINGS = ["Kyiv", "Kyiv Oblast", "Kiev", "Oblast", "Ky"]
WORDS = [*SPELLINGS, "à", "de", "la", "x", "_", "9", "é"]


def record(places: dict[str, list[str]]) -> ArticleRecord:
    return ArticleRecord(
        id="a",
        title="t",
        source="s",
        url=None,
        published=None,
        language="fr",
        places=[
            Place(name, written, "city", "UA", None, None, None, "mentioned")
            for name, written in places.items()
        ],
    )


def searched_thing_by_thing(text: str, places: dict[str, list[str]]) -> list[tuple]:
    """One regex per thing, its spellings longest first, as whole words: the reference."""
    found = []
    for name, written in places.items():
        ordered = sorted(set(written), key=lambda s: (-len(s), s))
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
        found += [(m.start(), m.end(), f"place:{name}") for m in pattern.finditer(text)]
    return found


@given(
    st.lists(st.sampled_from(WORDS), max_size=25).map(lambda words: "".join(words)),
    st.lists(st.sampled_from(SPELLINGS), min_size=1, max_size=3),
    st.lists(st.sampled_from(SPELLINGS), min_size=1, max_size=3),
)
def test_mentions_are_those_a_search_for_each_thing_finds(text, first, second):
    places = {"Kyiv": first, "Oblast de Kyiv": second}
    article = record(places)
    links = entity_mentions(text, article, build_catalogue([article], []), "../")
    assert [(m.start, m.end, m.key) for m in links] == searched_thing_by_thing(text, places)


def test_a_spelling_inside_a_longer_word_is_no_mention():
    article = record({"Kyiv": ["Kyiv"]})
    links = entity_mentions("Kyivska, Kyiv_2, Kyiv.", article, build_catalogue([article], []), "")
    assert [(m.start, m.end) for m in links] == [(17, 21)]
