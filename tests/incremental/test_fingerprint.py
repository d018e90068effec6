"""A step's fingerprint follows the code it imports, its data, the installed versions and
its inputs."""

from __future__ import annotations

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
