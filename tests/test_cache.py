"""Build caches: kept under a fingerprint, only what the last build used, ignored when broken."""

from __future__ import annotations

import pickle

from build_tools.cache import Cache, Memo


def test_a_cache_keeps_what_the_build_used_and_drops_the_rest(tmp_path):
    path = tmp_path / "c.pickle"
    cache = Cache(path, "v1")
    cache.put("a", 1)
    cache.put("b", 2)
    cache.save()
    again = Cache(path, "v1")
    assert again.get("a") == 1
    again.save()
    assert Cache(path, "v1").entries == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["c.pickle"]


def test_a_cache_of_another_fingerprint_or_a_broken_file_is_ignored(tmp_path):
    path = tmp_path / "c.pickle"
    cache = Cache(path, "v1")
    cache.put("a", 1)
    cache.save()
    assert Cache(path, "v2").entries == {}
    path.write_bytes(b"not a pickle")
    assert Cache(path, "v1").entries == {}
    path.write_bytes(pickle.dumps(["v1", "not a dict"]))
    assert Cache(path, "v1").entries == {}


def test_a_cache_the_build_did_not_use_is_left_as_it_is(tmp_path):
    path = tmp_path / "c.pickle"
    path.write_bytes(b"left alone")
    Cache(path, "v1").save()
    assert path.read_bytes() == b"left alone"


def test_memoised_results_are_computed_once_per_value():
    calls = []

    def double(values: list[int]) -> list[int]:
        calls.append(values)
        return [2 * v for v in values]

    memo = Memo()
    assert memo.memoised(double, [1, 2]) == [2, 4]
    assert memo.memoised(double, [1, 2]) == [2, 4]
    assert memo.memoised(double, [1, 3]) == [2, 6]
    assert calls == [[1, 2], [1, 3]]
