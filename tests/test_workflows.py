"""The GitHub workflows: checks on pull requests, publishing from main, least permissions."""

from pathlib import Path

import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_pull_requests_are_checked_without_secrets_or_write_access():
    workflow = load("checks.yml")
    assert set(workflow["on"]) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"].values()
    assert "permissions" not in job
    assert steps(job)[1:] == ["make check", "make test", ".venv/bin/archive build --strict"]


def test_main_is_published_to_pages_with_the_official_actions_and_least_permissions():
    workflow = load("publish.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]}}
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "make site" in steps(build)
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps(build))
    assert deploy["needs"] == "build" and deploy["permissions"] == {
        "pages": "write",
        "id-token": "write",
    }
    assert [s.split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]


def test_no_workflow_runs_on_pull_request_target():
    names = sorted(p.name for p in Path(WORKFLOWS).glob("*.y*ml"))
    assert names == ["checks.yml", "publish.yml"]
    for name in names:
        assert "pull_request_target" not in load(name)["on"], name
