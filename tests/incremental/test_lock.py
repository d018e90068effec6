"""One build at a time per project: the second is refused with the first's pid; a lock
whose holder has died is taken."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.incremental.lock import BuildRunning, lock_path, project_lock
from tests.conftest import article

HOLD = """
import sys
from pathlib import Path
from build_tools.incremental.lock import project_lock
with project_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_build_is_refused_while_the_first_runs_and_names_its_process(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        with (
            pytest.raises(BuildRunning, match=f"process {holder.pid}\\)"),
            project_lock(tmp_path),
        ):
            pass
    finally:
        holder.communicate("")
    with project_lock(tmp_path):  # the holder has ended: the lock is free
        assert lock_path(tmp_path).read_text() == str(os.getpid())


def left_by_a_dead_build(root) -> None:
    """The project's lock file holding the pid of a process that has ended."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    lock_path(root).parent.mkdir(parents=True, exist_ok=True)
    lock_path(root).write_text(dead)


def test_a_lock_left_by_a_killed_build_is_taken_over(tmp_path):
    left_by_a_dead_build(tmp_path)
    with project_lock(tmp_path):
        assert lock_path(tmp_path).read_text() == str(os.getpid())
    assert lock_path(tmp_path).read_text() == ""


def test_the_command_exits_1_and_writes_nothing_while_another_build_runs(make_project):
    project = make_project({"2025/bon.md": article("Bon", "Un drone a frappé Koursk.\n")})
    before = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    with project_lock(project.root):
        result = CliRunner().invoke(cli, ["build", "--root", str(project.root)])
    assert result.exit_code == 1
    assert f"another build of this project is running (process {os.getpid()})" in result.stderr
    assert {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()} == before


FLOCK_ONLY = """
import fcntl, sys
with open(sys.argv[1], "a+") as file:
    fcntl.flock(file, fcntl.LOCK_EX)
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_refused_build_does_not_name_a_process_that_has_ended(tmp_path):
    """Between taking the lock and writing its pid, a build leaves the pid of the build
    before it (killed, it could not clear it): that process is not named as the holder."""
    left_by_a_dead_build(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", FLOCK_ONLY, str(lock_path(tmp_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(BuildRunning, match=r"process \?\)"), project_lock(tmp_path):
            pass
    finally:
        holder.communicate("")
