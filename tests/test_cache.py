"""Build caches: kept under a fingerprint, only what the last build used, ignored when broken."""

from __future__ import annotations

import pickle
import sqlite3

from build_tools.cache import Cache, Memo


def test_a_cache_keeps_what_the_build_used_and_drops_the_rest(tmp_path):
    path = tmp_path / "c.sqlite"
    cache = Cache(path, "v1")
    cache.put(("a", b"\x00"), 1)
    cache.put("b", [2])
    cache.save()
    again = Cache(path, "v1")
    assert again.get(("a", b"\x00")) == 1
    again.put("c", 3)
    again.save()
    last = Cache(path, "v1")
    assert (last.get(("a", b"\x00")), last.get("b"), last.get("c")) == (1, None, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["c.sqlite"]


def test_a_rebuild_writes_only_what_it_stored(tmp_path, monkeypatch):
    path = tmp_path / "c.sqlite"
    cache = Cache(path, "v1")
    for n in range(100):
        cache.put(n, [n])
    cache.save()
    pickled = []
    dumps = pickle.dumps
    monkeypatch.setattr(pickle, "dumps", lambda value, **options: pickled.append(value) or dumps(value, **options))
    again = Cache(path, "v1")
    assert [again.get(n) for n in range(99)] == [[n] for n in range(99)]
    again.put(100, "new")
    again.save()
    assert pickled == ["new"]
    assert Cache(path, "v1").get(99) is None


def test_a_cache_of_another_fingerprint_or_a_broken_file_is_ignored(tmp_path):
    path = tmp_path / "c.sqlite"
    cache = Cache(path, "v1")
    cache.put("a", 1)
    cache.save()
    assert Cache(path, "v2").get("a") is None
    assert Cache(path, "v1").get("a") is None  # the other fingerprint's build emptied it
    path.write_bytes(b"not a database" * 100)
    broken = Cache(path, "v1")
    assert broken.get("a") is None
    broken.put("a", 2)
    broken.save()
    assert Cache(path, "v1").get("a") == 2


def test_a_value_that_can_no_longer_be_read_is_computed_again(tmp_path):
    path = tmp_path / "c.sqlite"
    cache = Cache(path, "v1")
    cache.put("a", 1)
    cache.save()
    with sqlite3.connect(path) as database:
        database.execute("UPDATE entries SET value = ?", (b"not a pickle",))
    assert Cache(path, "v1").memo("a", lambda: 2) == 2


def test_a_cache_the_build_did_not_use_is_left_as_it_is(tmp_path):
    path = tmp_path / "c.sqlite"
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
