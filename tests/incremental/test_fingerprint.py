"""A step's fingerprint follows the code it imports, its data, the installed versions and
its inputs."""

from __future__ import annotations

import ast

import pytest

from build_tools.incremental import fingerprint
from build_tools.incremental.fingerprint import PACKAGE, Step, module_files
from build_tools.incremental.site_state import PLUGIN
from build_tools.pipeline import EXPORT, EXTRACT, GAZETTEER, GROUP, NAMES, PAGES, READ

STEPS = [READ, GAZETTEER, NAMES, EXTRACT, GROUP, PAGES, EXPORT, PLUGIN]


def names(step: Step) -> set[str]:
    return {path.relative_to(PACKAGE).as_posix() for path in module_files(step.modules)}


def test_the_closure_follows_imports_inside_functions_and_the_packages_they_sit_in():
    found = names(Step("x", ("build_tools.cli",)))
    # cli imports build_tools.build inside the build command; build imports the pipeline.
    assert {
        "cli.py",
        "build.py",
        "pipeline.py",
        "extract/__init__.py",
        "extract/figures.py",
    } <= found
    assert "__init__.py" in found and "incremental/__init__.py" in found


def test_a_step_does_not_depend_on_modules_it_does_not_import():
    assert "render/__init__.py" not in names(EXTRACT)
    assert "extract/figures.py" not in names(EXPORT)
    assert "model.py" in names(EXTRACT)  # a field added to a record re-extracts every article


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
def test_touching_any_module_a_step_imports_changes_its_fingerprint(step, monkeypatch):
    before = step.fingerprint()
    for path in module_files(step.modules):
        original = fingerprint._bytes(path)
        monkeypatch.setattr(
            fingerprint,
            "_bytes",
            lambda p, path=path, original=original: (
                original + b"\n# touched" if p == path else _read(p)
            ),
        )
        assert step.fingerprint() != before, path
    monkeypatch.undo()
    assert step.fingerprint() == before


def _read(path):
    return path.read_bytes()


def test_touching_a_template_changes_the_pages_fingerprint_only(monkeypatch):
    template = PACKAGE / "render/templates/incident.md.j2"
    before = {step.name: step.fingerprint() for step in STEPS}
    monkeypatch.setattr(
        fingerprint, "_bytes", lambda p: _read(p) + (b"{# touched #}" if p == template else b"")
    )
    changed = {step.name for step in STEPS if step.fingerprint() != before[step.name]}
    assert changed == {"pages"}


def test_an_explicit_input_changes_the_fingerprint():
    assert READ.fingerprint("2026-12-02") != READ.fingerprint("2026-12-03")
    assert READ.fingerprint("2026-12-02") == READ.fingerprint("2026-12-02")


def test_import_statements_are_read_in_every_shape():
    source = '''"""A docstring.

from the corpus, import nothing
"""
import os, build_tools.model as model  # a comment
from . import sibling
from ..render import (
    pages,  # the pages
    text as shown,
)


def later():
    from build_tools.extract import figures; return figures
'''
    assert fingerprint.imported_names(source, "build_tools.incremental") == [
        "os",
        "build_tools.model",
        "build_tools.incremental",
        "build_tools.incremental.sibling",
        "build_tools.render",
        "build_tools.render.pages",
        "build_tools.render.text",
        "build_tools.extract",
        "build_tools.extract.figures",
    ]


def test_the_imports_read_as_text_hold_those_python_parses_in_every_module():
    """The fingerprint reads import statements as text (fast, before every build); a module
    written in a shape the text misses would leave a step's stored values stale."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        source = path.read_text(encoding="utf-8")
        assert _parsed_imports(source, package) <= set(
            fingerprint.imported_names(source, package)
        ), path


def _parsed_imports(source: str, package: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


class _Distribution:
    def __init__(self, metadata: str):
        self.metadata = metadata

    def read_text(self, name: str) -> str | None:
        return self.metadata if name == "METADATA" else None


def _environment(monkeypatch, *metadata: str) -> str:
    found = [_Distribution(m) for m in metadata]
    monkeypatch.setattr(fingerprint, "distributions", lambda: found)
    fingerprint.environment_fingerprint.cache_clear()
    try:
        return fingerprint.environment_fingerprint()
    finally:
        fingerprint.environment_fingerprint.cache_clear()


def test_the_environment_changes_with_any_installed_version_not_with_their_order(monkeypatch):
    mkdocs = "Metadata-Version: 2.1\nName: mkdocs\nVersion: 1.6.1\n"
    spacy = "Metadata-Version: 2.1\nName: spacy\nVersion: 3.8.2\n"
    before = _environment(monkeypatch, mkdocs, spacy)
    assert _environment(monkeypatch, spacy, mkdocs, spacy) == before  # found twice
    assert _environment(monkeypatch, mkdocs, spacy.replace("3.8.2", "3.8.3")) != before
    assert _environment(monkeypatch, mkdocs) != before
