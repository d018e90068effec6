"""Docs that cannot drift: every front-matter key and every command is documented."""

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
