"""Reusing the incidents' data files: made again only when their incident or records changed,
or when docs/ no longer holds them as the last build left them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic import write_project
from build_tools import export
from build_tools.build import write_docs
from build_tools.incremental.file_reuse import FileReuse, ListReuse
from build_tools.incremental.store import Memo
from build_tools.pipeline import Pipeline
from build_tools.project import Project
from tests.conftest import article


def test_a_file_of_the_inputs_it_had_is_given_as_a_function_that_makes_it():
    memo, made = Memo(), []

    def make(*inputs: str) -> str:
        made.append(inputs)
        return "".join(inputs)

    assert FileReuse(memo)("a.json", make, ("x", "y")) == "xy"
    again = FileReuse(memo)
    content = again("a.json", make, ("x", "y"))
    assert callable(content) and again.reused_files == {"a.json"} and len(made) == 1
    assert content() == "xy"
    changed = FileReuse(memo)
    assert changed("a.json", make, ("x", "z")) == "xz" and changed.reused_files == set()


def generate_docs(project: Project):
    pipeline = Pipeline(project)
    return write_docs(pipeline, pipeline.read(), site_zip=False, report=lambda _: None)


def built_project(tmp_path) -> Project:
    """A project of 30 synthetic articles, its docs/ generated once."""
    project = write_project(tmp_path / "project", 30)
    generate_docs(project)
    return project


def calls_of(monkeypatch, name: str, shown: Callable[[Any], str]) -> list[str]:
    """What `export.<name>` is called with from now on, each call `shown` by its first
    argument."""
    calls: list[str] = []
    real = getattr(export, name)
    monkeypatch.setattr(
        export, name, lambda first, *rest: calls.append(shown(first)) or real(first, *rest)
    )
    return calls


@pytest.mark.e2e
def test_a_rebuild_makes_only_the_data_files_that_changed_or_were_touched(tmp_path, monkeypatch):
    project = built_project(tmp_path)
    made = calls_of(monkeypatch, "incident_file_json", str)
    assert generate_docs(project).written == 0 and made == []
    edited = min((project.docs_dir / "donnees" / "incidents").glob("*.json"))
    expected = edited.read_bytes()
    edited.write_text("{}\n", encoding="utf-8")
    assert generate_docs(project).written == 1 and len(made) == 1
    assert edited.read_bytes() == expected


class Lists:
    """Builds of one list file through one memo, each given the file the last one left
    unless told it was lost; `made` lists the items whose text a build made."""

    def __init__(self, frame: export.Frame = export.LIST_FILE, level: int = 1):
        self.memo, self.frame, self.level = Memo(), frame, level
        self.left: bytes | None = None
        self.made: list[str] = []

    def text(self, item: str) -> str:
        self.made.append(item)
        return export.dumps({"id": item, "lines": ["a\nb", "é’"]}).removesuffix("\n")

    def build(self, items: list[str], *, lost: bool = False) -> bytes:
        self.made = []
        reuse = ListReuse(self.memo, lambda path: None if lost else self.left)
        self.left = reuse("donnees/x.json", items, self.text, self.level, self.frame)
        return self.left

    def whole(self, items: list[str]) -> bytes:
        return export.listed("donnees/x.json", items, self.text, self.level, self.frame)


def test_a_list_is_spliced_from_the_last_file_making_only_its_new_items():
    lists = Lists()
    lists.build(["a", "b", "c"])
    spliced = lists.build(["a", "c", "d"])
    assert lists.made == ["d"]
    assert spliced == lists.whole(["a", "c", "d"])


def test_a_list_file_lost_or_not_as_recorded_is_made_whole():
    lists = Lists()
    whole = lists.build(["a", "b"])
    assert lists.build(["a", "b"], lost=True) == whole and lists.made == ["a", "b"]
    lists.left = whole.replace(b"[", b"[ ", 1)
    assert lists.build(["a", "b"]) == whole and lists.made == ["a", "b"]
    assert lists.build(["a", "b"]) == whole and lists.made == []


item_lists = st.lists(st.sampled_from("abcdefg"), unique=True, max_size=6)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(item_lists, st.booleans()), min_size=1, max_size=5), st.booleans())
def test_any_sequence_of_lists_is_spliced_into_the_list_made_whole(builds, framed):
    """Items added, removed, moved and lists emptied, at either level and frame, with the
    last file sometimes lost."""
    frame, level = (('{\n  "x": ', "\n}\n"), 2) if framed else (export.LIST_FILE, 1)
    lists = Lists(frame, level)
    for items, lost in builds:
        assert lists.build(items, lost=lost) == lists.whole(items)


@pytest.mark.e2e
def test_a_rebuild_makes_the_json_of_no_item_of_the_lists_it_did_not_change(tmp_path, monkeypatch):
    project = built_project(tmp_path)
    made = calls_of(monkeypatch, "item_json", lambda value: value.id)
    articles = project.docs_dir / "donnees" / "articles.json"
    expected = articles.read_bytes()
    added = project.corpus_dir / "articles" / "2025" / "ajout.md"
    added.write_text(
        article(
            "Frappe de drones sur Koursk",
            "Dans la nuit du 29 au 30 décembre 2025, des drones ont frappé un dépôt à Koursk.\n",
            source="AFP",
            published="2025-12-30",
        ),
        encoding="utf-8",
    )
    generate_docs(project)
    # The new record, and its incident (new or changed) with its feature on the map.
    assert len(made) <= 3 and any(value.startswith("2025-12-30") for value in made), made
    added.unlink()
    articles.write_text("[]\n", encoding="utf-8")
    made.clear()
    generate_docs(project)
    assert articles.read_bytes() == expected and len(made) >= 30
