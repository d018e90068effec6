"""Looking things up by position gives what a scan of every item gives, in the same order."""

from hypothesis import given
from hypothesis import strategies as st

from build_tools.extract.spans import Spans

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=30,
)
windows = st.tuples(st.integers(-5, 80), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1]))


def in_order(items):
    return sorted(items, key=lambda span: span[0])  # stable: ties keep their order


@given(spans, windows)
def test_every_query_answers_as_a_scan_does(items, window):
    start, end = window
    index = Spans(items, lambda span: span)
    ordered = in_order(items)
    assert index.starting_in(start, end) == [(s, e) for s, e in ordered if start <= s < end]
    assert index.within(start, end) == [(s, e) for s, e in ordered if start <= s and e <= end]
    assert index.overlapping(start, end) == [(s, e) for s, e in ordered if s < end and start < e]
    assert index.containing(start, end) == [(s, e) for s, e in ordered if s <= start and end <= e]
    assert index.ending_in(start, end) == [(s, e) for s, e in ordered if start <= e <= end]
    first = [(s, e) for s, e in ordered if s == start]
    assert index.starting_at(start) == (first[0] if first else None)


def test_items_that_start_together_keep_their_order():
    index = Spans(["b", "a", "c"], lambda name: {"a": (3, 5), "b": (3, 9), "c": (1, 2)}[name])
    assert index.starting_in(0, 10) == ["c", "b", "a"]
