"""Docs that cannot drift: every front-matter key, command and module is documented."""

import re

from build_tools.cli import cli
from build_tools.corpus import ARTICLE_FIELDS, OVERRIDES
from tests.conftest import REPO


def test_every_front_matter_key_and_override_is_on_the_contribute_page():
    page = (REPO / "docs" / "contribuer.md").read_text(encoding="utf-8")
    for key in [*ARTICLE_FIELDS, *OVERRIDES]:
        assert f"`{key}`" in page, key


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"archive {name}" in readme, name


def test_the_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("make ")][:2]
    assert commands == ["make site", "make test"]
    assert readme.index("make site") < readme.index("##")
    assert "\nmake test\n" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_contributing_is_in_french_then_english_and_names_every_check():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert text.index("## Français") < text.index("## English")
    french, english = text.split("## English")
    for part in (french, english):
        assert (
            "archive add" in part
            and "archive check" in part
            and "overrides" in part
            and "--keep-going" in part
        )
    for check in ("**Doublons**", "**YAML**", "**Adresses**", "**Curation**"):
        assert check in french
    for check in ("**Duplicates**", "**YAML**", "**Addresses**", "**Curation**"):
        assert check in english


def test_the_pull_request_template_asks_for_a_clean_check():
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "- [ ] `archive check`" in template


def test_pre_commit_runs_archive_check_on_the_whole_corpus_when_it_changes():
    import subprocess

    import yaml

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in config["repos"] for h in repo["hooks"]]
    assert (
        hook["files"] == "^corpus/"
        and hook["pass_filenames"] is False
        and hook["language"] == "system"
    )
    command = hook["entry"].split()
    assert command[0] == "make" and command[-1] == "check"
    recipe = subprocess.run(
        [*command, "--dry-run"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert recipe.strip().endswith("archive check")


def test_the_readme_layout_names_every_module_of_the_package():
    """The layout table is how a new maintainer finds a module: none may be missing from it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    package = REPO / "build_tools"
    modules = {
        path.relative_to(package).with_suffix("").as_posix()
        for path in package.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
    }
    packages = {
        path.parent.relative_to(package).as_posix() for path in package.rglob("__init__.py")
    }
    named = set(re.findall(r"`(?:build_tools/)?([\w/]+?)(?:\.py|/)?`", layout))
    missing = sorted(
        name
        for name in modules | (packages - {"."})
        if name not in named and name.split("/")[-1] not in named
    )
    assert missing == []


def test_pre_commit_comes_with_the_project_and_accepts_its_configuration():
    """The README's `.venv/bin/pre-commit install` works: the tool is installed with the
    project, and it validates the configuration it would install."""
    import subprocess
    import sys
    from pathlib import Path

    pre_commit = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run(
        [str(pre_commit), "validate-config", ".pre-commit-config.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
