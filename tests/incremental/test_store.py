"""The store: a namespace per step under its fingerprint, only what the last build used."""

from __future__ import annotations

import gc
import pickle
import sqlite3
import weakref
from collections.abc import Callable
from pathlib import Path

from build_tools.incremental import store as store_module
from build_tools.incremental.call import apply, from_last, made_again
from build_tools.incremental.store import Memo, Store


def test_a_namespace_keeps_what_the_build_used_and_drops_the_rest(tmp_path):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.namespace("read", "v1").put(("a", b"\x00"), 1)
    store.namespace("read", "v1").put("b", [2])
    store.save()
    again = Store(path)
    assert again.namespace("read", "v1").get(("a", b"\x00")) == 1
    again.namespace("read", "v1").put("c", 3)
    again.save()
    last_store = Store(path)
    last = last_store.namespace("read", "v1")
    assert (last.get(("a", b"\x00")), last.get("b"), last.get("c")) == (1, None, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["store.sqlite"]


def test_a_rebuild_writes_only_what_it_stored(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    for n in range(100):
        store.namespace("pages", "v1").put(n, [n])
    store.save()
    pickled = []
    dumps = pickle.dumps
    monkeypatch.setattr(
        pickle, "dumps", lambda value, **options: pickled.append(value) or dumps(value, **options)
    )
    again = Store(path)
    pages = again.namespace("pages", "v1")
    assert [pages.get(n) for n in range(99)] == [[n] for n in range(99)]
    pages.put(100, "new")
    again.save()
    assert pickled == ["new"]
    reopened = Store(path)
    assert reopened.namespace("pages", "v1").get(99) is None


def test_another_fingerprint_empties_its_namespace_only(tmp_path):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.namespace("extract", "v1").put("a", 1)
    store.namespace("pages", "v1").put("p", 2)
    store.save()
    other = Store(path)
    assert other.namespace("extract", "v2").get("a") is None
    other.save(prune=False)
    last = Store(path)
    assert (
        last.namespace("extract", "v1").get("a") is None
    )  # the other fingerprint's build emptied it
    assert last.namespace("pages", "v1").get("p") == 2


def test_a_broken_file_is_replaced(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"not a database" * 100)
    broken = Store(path)
    assert broken.namespace("read", "v1").get("a") is None
    broken.namespace("read", "v1").put("a", 2)
    broken.save()
    reopened = Store(path)
    assert reopened.namespace("read", "v1").get("a") == 2


def test_a_value_that_can_no_longer_be_read_is_computed_again(tmp_path):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.namespace("read", "v1").put("a", 1)
    store.save()
    with sqlite3.connect(path) as database:
        database.execute("UPDATE entries SET value = ?", (b"not a pickle",))
    reopened = Store(path)
    assert reopened.namespace("read", "v1").memo("a", lambda: 2) == 2


def test_a_store_the_build_did_not_use_is_left_as_it_is(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"left alone")
    Store(path).save()
    assert path.read_bytes() == b"left alone"


def test_saving_without_pruning_keeps_what_was_not_read(tmp_path):
    """`archive check FILE` reads a few articles: the others' values stay for the next build."""
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.namespace("extract", "v1").put("a", 1)
    store.save()
    partial = Store(path)
    partial.namespace("extract", "v1").put("b", 2)
    partial.save(prune=False)
    last_store = Store(path)
    last = last_store.namespace("extract", "v1")
    assert (last.get("a"), last.get("b")) == (1, 2)


def test_a_namespace_not_read_whole_reads_only_the_rows_asked_for(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    files = store.namespace("page-files", "v1", whole=False)
    for key in ("a", "b", "c"):
        files.put(key, {"page.md": key * 3})
    store.save()
    unpickled: list[bytes] = []
    loads = pickle.loads
    monkeypatch.setattr(store_module.pickle, "loads", lambda b: unpickled.append(b) or loads(b))
    again_store = Store(path)
    again = again_store.namespace("page-files", "v1", whole=False)
    assert (again.get("b"), again.get("z")) == ({"page.md": "bbb"}, None)
    assert len(unpickled) == 1
    again.keep("c")  # a page reused: its files kept for the next build, unread
    again_store.save()
    last_store = Store(path)
    last = last_store.namespace("page-files", "v1", whole=False)
    assert (last.get("a"), last.get("b"), last.get("c")) == (
        None,
        {"page.md": "bbb"},
        {"page.md": "ccc"},
    )


def test_a_row_read_alone_whose_digest_fails_is_not_given_and_said(tmp_path):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.namespace("page-files", "v1", whole=False).put("a", "page")
    store.save()
    with sqlite3.connect(path) as database:
        database.execute("UPDATE entries SET value = ?", (b"\0" * 16 + pickle.dumps("forged"),))
    said, report = _reports()
    again_store = Store(path, report)
    assert again_store.namespace("page-files", "v1", whole=False).get("a") is None
    assert said == ["store.sqlite: 1 value(s) failed their check"]


def test_the_namespaces_of_a_store_digest_an_object_once(tmp_path, monkeypatch):
    """A record is an argument of the grouping's, the pages' and the exports' calls."""
    digested: list[object] = []
    digest = store_module.digest
    monkeypatch.setattr(store_module, "digest", lambda v: digested.append(v) or digest(v))
    store = Store(tmp_path / "store.sqlite")
    record = {"id": "a", "killed": 3}
    first, second = store.namespace("group", "v1"), store.namespace("export", "v1")
    assert first.digest([record, "x"]) == second.digest([record, "x"])
    assert digested == [record, "x"]


def test_a_call_is_computed_once_per_function_and_arguments():
    calls = []

    def double(values: list[int]) -> list[int]:
        calls.append(values)
        return [2 * v for v in values]

    def triple(values: list[int]) -> list[int]:
        return [3 * v for v in values]

    memo = Memo()
    assert memo.call(double, [1, 2]) == [2, 4]
    assert memo.call(double, [1, 2]) == [2, 4]
    assert memo.call(double, [1, 3]) == [2, 6]
    assert memo.call(triple, [1, 2]) == [3, 6]
    assert calls == [[1, 2], [1, 3]]


def test_a_function_from_last_is_given_its_previous_value_from_build_to_build(tmp_path):
    """A function marked `from_last` is given the value of its previous call (kept by the
    store between builds) and is not called again for the same arguments."""
    given = []

    @from_last
    def total(values: tuple[int, ...], last: tuple | None = None) -> tuple:
        given.append(last)
        return (sum(values), values)

    path = tmp_path / "store.sqlite"
    first = Store(path)
    assert first.namespace("read", "v1").call(total, (1, 2)) == (3, (1, 2))
    first.save()
    again = Store(path)
    assert again.namespace("read", "v1").call(total, (1, 2)) == (3, (1, 2))
    assert again.namespace("read", "v1").call(total, (1, 2, 4)) == (7, (1, 2, 4))
    again.save()
    assert given == [None, (3, (1, 2))]
    assert Store(path).namespace("read", "v1").call(total, (5,)) == (5, (5,))
    assert given[-1] == (7, (1, 2, 4))
    assert apply(total, (5,)) == (5, (5,)) and given[-1] is None


def test_a_function_made_again_is_never_stored_and_its_value_digested_by_its_call(
    tmp_path, monkeypatch
):
    """A record given its incident id: the `repr` of 20,000 records took 2 s of every build,
    digesting them for the pages and the exports. The digest of a value made again follows
    the function, its arguments and the namespace's fingerprint (its code)."""
    made = []

    @made_again
    def with_incident(record: dict, incident: str) -> dict:
        made.append(incident)
        return {**record, "incident": incident}

    record = {"id": "a", "killed": 3}
    digested: list[object] = []
    digest = store_module.digest
    monkeypatch.setattr(store_module, "digest", lambda v: digested.append(v) or digest(v))
    path = tmp_path / "store.sqlite"
    digests = []
    for fingerprint in ("v1", "v1", "v2"):
        store = Store(path)
        namespace = store.namespace("group", fingerprint)
        value = namespace.call(with_incident, record, "i1")
        assert value == namespace.call(with_incident, record, "i1") == {**record, "incident": "i1"}
        digests.append(namespace.digest(value))
        store.save()
        assert not store.rows("group")
    assert made == ["i1"] * 6
    assert value not in digested  # digested by the call, not by its repr
    assert digests[0] == digests[1] != digests[2]


def _reports() -> tuple[list[str], Callable[[Path, str], None]]:
    said: list[str] = []
    return said, lambda path, reason: said.append(f"{path.name}: {reason}")


def test_a_row_whose_digest_fails_is_computed_again_and_said(tmp_path):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.namespace("extract", "v1").put("a", {"killed": 3})
    store.namespace("extract", "v1").put("b", {"killed": 1})
    store.save()
    with sqlite3.connect(path) as database:
        (sealed,) = database.execute("SELECT value FROM entries WHERE key = ?", (repr("a"),))
        forged = sealed[0][:16] + pickle.dumps({"killed": 4242})
        database.execute("UPDATE entries SET value = ? WHERE key = ?", (forged, repr("a")))
    said, report = _reports()
    again_store = Store(path, report)
    again = again_store.namespace("extract", "v1")
    assert (again.memo("a", lambda: {"killed": 3}), again.get("b")) == (
        {"killed": 3},
        {"killed": 1},
    )
    assert said == ["store.sqlite: 1 value(s) failed their check"]


def test_a_store_locked_by_another_process_is_done_without(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "LOCK_WAIT_SECONDS", 0.1)
    path = tmp_path / "store.sqlite"
    first = Store(path)
    first.namespace("read", "v1").put("a", 1)
    first.save()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    said, report = _reports()
    try:
        locked = Store(path, report)
        assert locked.namespace("read", "v1").memo("a", lambda: 2) == 2
        locked.namespace("read", "v1").put("b", 3)
        locked.save()
    finally:
        holder.rollback()
        holder.close()
    assert said == ["store.sqlite: database is locked"]
    assert path.exists()  # another process's file is left to it


def test_a_store_of_no_path_lives_in_memory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Store(None)
    store.namespace("read", "v1").put("a", 1)
    assert store.namespace("read", "v1").get("a") == 1
    store.save()
    assert list(tmp_path.iterdir()) == []


def test_a_store_written_in_another_layout_starts_afresh(tmp_path):
    path = tmp_path / "store.sqlite"
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE entries (namespace TEXT, key TEXT, value BLOB)")
        database.execute("INSERT INTO entries VALUES ('read', 'a', x'00')")
    said, report = _reports()
    store = Store(path, report)
    assert store.namespace("read", "v1").get("a") is None
    store.namespace("read", "v1").put("a", 1)
    store.save()
    reopened = Store(path)
    assert (reopened.namespace("read", "v1").get("a"), said) == (1, [])


def test_a_row_of_the_wrong_type_is_computed_again(tmp_path):
    """SQLite keeps any type in any column: a damaged row may hold nothing, or text."""
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.namespace("read", "v1").put("a", 1)
    store.namespace("read", "v1").put("b", 2)
    store.save()
    with sqlite3.connect(path) as database:
        database.execute("UPDATE entries SET value = NULL WHERE key = ?", (repr("a"),))
        database.execute("UPDATE entries SET value = 'texte' WHERE key = ?", (repr("b"),))
    said, report = _reports()
    again_store = Store(path, report)
    again = again_store.namespace("read", "v1")
    assert (again.memo("a", lambda: 10), again.memo("b", lambda: 20)) == (10, 20)
    assert said == ["store.sqlite: 2 value(s) failed their check"]


class _Value:
    """A stored value that can be watched through a weak reference."""


def test_a_store_s_values_are_freed_with_it_without_the_cyclic_collector(tmp_path):
    """A build drops its store before MkDocs holds the whole site in memory: the values of
    thousands of articles must go then, not when the cyclic collector next runs."""
    store = Store(tmp_path / "store.sqlite")
    value = _Value()
    watched = weakref.ref(value)
    store.namespace("pages", "fingerprint").put("page", value)
    store.save()
    del value
    gc.disable()
    try:
        del store
        assert watched() is None
    finally:
        gc.enable()
