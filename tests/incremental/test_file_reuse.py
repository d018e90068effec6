"""Reusing the incidents' data files: made again only when their incident or records changed,
or when docs/ no longer holds them as the last build left them."""

from __future__ import annotations

import pytest

from bench.synthetic import write_project
from build_tools import export
from build_tools.build import write_docs
from build_tools.incremental.file_reuse import FileReuse
from build_tools.incremental.store import Memo
from build_tools.pipeline import Pipeline
from build_tools.project import Project


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


@pytest.mark.e2e
def test_a_rebuild_makes_only_the_data_files_that_changed_or_were_touched(tmp_path, monkeypatch):
    project = write_project(tmp_path / "project", 30)
    generate_docs(project)
    made: list[str] = []
    composed = export.incident_file_json
    monkeypatch.setattr(
        export,
        "incident_file_json",
        lambda incident, articles: made.append(incident) or composed(incident, articles),
    )
    assert generate_docs(project).written == 0 and made == []
    edited = min((project.docs_dir / "donnees" / "incidents").glob("*.json"))
    expected = edited.read_bytes()
    edited.write_text("{}\n", encoding="utf-8")
    assert generate_docs(project).written == 1 and len(made) == 1
    assert edited.read_bytes() == expected
