"""The lexicon's word lists as patterns."""

from build_tools.extract.resources import word_pattern


def test_every_word_of_a_list_is_matched_whole():
    pattern = word_pattern(["il y a un an", "depuis"])
    assert pattern.search("il y a un an, des drones")
    assert pattern.search("actif depuis mars")
    assert not pattern.search("il y a un animal")  # the last word, whole
    assert not pattern.search("redepuis")  # the first letter, whole
