"""Faults injected into a small project's build: a damaged, tampered, unusable or locked
store, truncated compiled templates, a second build at once. Each build must exit with
its code, say what happened in one line, and leave the site a clean build leaves."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from build_tools.incremental.folders import cache_home
from build_tools.incremental.lock import lock_path
from build_tools.incremental.store import LOCK_WAIT_SECONDS
from build_tools.project import Project
from tests.conftest import article

pytestmark = [pytest.mark.e2e, pytest.mark.faults]

CORPUS = {
    "2025/frappe-kupol.md": article(
        "Frappe sur l'usine Kupol à Ijevsk",
        "Deux drones ont frappé l'usine Kupol à Ijevsk le 1er juillet 2025. "
        "Trois employés ont été tués et 45 blessés, selon le gouverneur.\n",
        source="Radio Liberté",
        url="https://example.org/kupol",
        published="2025-07-03",
    ),
    "2024/toropets.md": article(
        "Un entrepôt détruit à Toropets",
        "Des drones ont touché un entrepôt de munitions à Toropets dans la nuit.\n",
        source="AFP",
        url="https://example.org/toropets",
        published="2024-09-18",
    ),
}
DAMAGED = "cache damaged, rebuilt from the corpus: "


def archive(project: Project, *args: str) -> subprocess.CompletedProcess:
    """The archive command in a process of its own, as a contributor runs it."""
    command = [sys.executable, "-m", "build_tools", "--quiet", *args]
    env = {**os.environ, "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    return subprocess.run(
        command, cwd=project.root, capture_output=True, text=True, env=env, check=False
    )


def site_digests(project: Project) -> dict[str, str]:
    return {
        path.relative_to(project.site_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(project.site_dir.rglob("*"))
        if path.is_file()
    }


def store_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(DAMAGED)]


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory) -> dict[str, str]:
    """The site a clean build of the corpus gives (in a folder of its own)."""
    project = _project(tmp_path_factory.mktemp("clean"))
    assert archive(project, "build", "--no-cache").returncode == 0
    return site_digests(project)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> tuple[Project, bytes]:
    """The project built once: its folder and its store as that build left it."""
    project = _project(tmp_path_factory.mktemp("built"))
    done = archive(project, "build")
    assert done.returncode == 0, done.stderr
    return project, project.store_path.read_bytes()


@pytest.fixture
def built(first_build) -> Project:
    """The project as its first build left it, store and site (each test faults its own
    copy: a build per test, not two)."""
    project, store = first_build
    project.store_path.write_bytes(store)
    return project


def _project(root: Path) -> Project:
    from build_tools.corpus import CURATION_FILES
    from build_tools.write import copy_site_sources
    from tests.conftest import REPO

    copy_site_sources(Project(REPO), root)
    (root / "corpus").mkdir()
    for name in CURATION_FILES:
        if (REPO / "corpus" / name).exists():
            shutil.copy(REPO / "corpus" / name, root / "corpus" / name)
    for relative, text in CORPUS.items():
        path = root / "corpus" / "articles" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Project(root)


@pytest.mark.parametrize("where", [0.3, 0.7])
def test_a_store_damaged_past_its_header_is_reported_and_rebuilt(built, clean_site, where):
    """Bytes flipped in the middle of the file (not its header, which SQLite checks at
    once), the site deleted: the build reads what it can and makes the rest again."""
    data = bytearray(built.store_path.read_bytes())
    start = int(len(data) * where)
    data[start : start + 512] = bytes(b ^ 0xFF for b in data[start : start + 512])
    built.store_path.write_bytes(bytes(data))
    shutil.rmtree(built.site_dir)
    done = archive(built, "build")
    assert done.returncode == 0, done.stderr
    assert len(store_lines(done.stderr)) <= 1  # damage no query reads goes unnoticed
    assert site_digests(built) == clean_site


def test_a_store_that_is_not_a_database_is_reported_in_one_line(built, clean_site):
    built.store_path.write_bytes(b"\x00" * 4096)
    done = archive(built, "build")
    assert done.returncode == 0
    assert store_lines(done.stderr) == [f"{DAMAGED}{built.store_path} (file is not a database)"]
    assert site_digests(built) == clean_site
    again = archive(built, "build")  # from the fresh store that replaced it
    assert (again.returncode, store_lines(again.stderr)) == (0, [])
    assert site_digests(built) == clean_site


def test_a_tampered_row_is_not_published(built, clean_site):
    """A record re-pickled with 4,242 killed, its digest left as it was: the row fails its
    check, the article is extracted again."""
    with sqlite3.connect(built.store_path) as database:
        # Without the record of the last build, the build runs rather than finding that
        # nothing changed (build_tools/incremental/last_build.py) and reads the row.
        database.execute("DELETE FROM entries WHERE namespace = 'last-build'")
        rows = database.execute("SELECT key, value FROM entries WHERE namespace = 'extract'")
        key, value = next(iter(rows))
        record = pickle.loads(value[16:])
        forged = pickle.dumps(record.__class__(**{**record.__dict__, "killed": 4242}))
        database.execute(
            "UPDATE entries SET value = ? WHERE namespace = 'extract' AND key = ?",
            (value[:16] + forged, key),
        )
    done = archive(built, "build")
    assert done.returncode == 0
    assert store_lines(done.stderr) == [
        f"{DAMAGED}{built.store_path} (1 value(s) failed their check)"
    ]
    assert site_digests(built) == clean_site
    assert "4242" not in (built.site_dir / "donnees" / "incidents.json").read_text()


def test_a_store_that_cannot_be_opened_is_done_without(built, clean_site):
    """A folder where the file should be: neither SQLite nor the build can replace it
    (as with a read-only cache folder, which root, running these tests, would write)."""
    built.store_path.unlink()
    built.store_path.mkdir()
    try:
        shutil.rmtree(built.site_dir)
        done = archive(built, "build")
    finally:
        built.store_path.rmdir()
    assert done.returncode == 0, done.stderr
    assert store_lines(done.stderr) == [
        f"{DAMAGED}{built.store_path} (unable to open database file)"
    ]
    assert site_digests(built) == clean_site


def test_a_store_locked_by_another_process_is_done_without_after_a_short_wait(built, clean_site):
    holder = sqlite3.connect(built.store_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.perf_counter()
        done = archive(built, "build", "--clean")
        waited = time.perf_counter() - started
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 0, done.stderr
    assert store_lines(done.stderr) == [f"{DAMAGED}{built.store_path} (database is locked)"]
    assert site_digests(built) == clean_site
    assert waited < 60 + LOCK_WAIT_SECONDS  # it waited 61 s, then raised


def test_no_cache_neither_reads_nor_writes_the_store(built, clean_site):
    before = (built.store_path.read_bytes(), built.store_path.stat().st_mtime_ns)
    (built.site_dir / "stray.html").write_text("left over")
    done = archive(built, "build", "--no-cache")
    assert done.returncode == 0, done.stderr
    assert (built.store_path.read_bytes(), built.store_path.stat().st_mtime_ns) == before
    assert site_digests(built) == clean_site


def test_truncated_compiled_templates_are_compiled_again(built, clean_site):
    compiled = list((cache_home() / "templates").iterdir())
    assert compiled
    for path in compiled:
        path.write_bytes(path.read_bytes()[: len(bc_magic) + 3])  # in the source's checksum
    shutil.rmtree(built.site_dir)
    done = archive(built, "build")
    assert done.returncode == 0
    assert done.stderr.startswith("Built 2 articles") and done.stderr.count("\n") == 1
    assert site_digests(built) == clean_site


def test_two_builds_at_once_one_builds_the_other_says_so(tmp_path, clean_site):
    project = _project(tmp_path)
    command = [sys.executable, "-m", "build_tools", "--quiet", "build"]
    first = subprocess.Popen(command, cwd=project.root, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _holds(project) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        second = archive(project, "build")
    finally:
        first_err = first.communicate()[1]
    assert first.returncode == 0, first_err
    assert second.returncode == 1
    assert second.stderr == (
        f"Error: another build of this project is running (process {first.pid});"
        " wait for it to end, then build again\n"
    )
    assert site_digests(project) == clean_site


def _holds(project: Project) -> bool:
    path = lock_path(project.root)
    return path.exists() and path.read_text().strip() != ""


def test_an_output_left_empty_by_a_full_disk_is_written_again(built, clean_site):
    for name in ("cartes/frontieres.js", "assets/archive.css", "a-propos.html"):
        (built.site_dir / name).write_bytes(b"")
    done = archive(built, "build")
    assert (done.returncode, store_lines(done.stderr)) == (0, [])
    assert site_digests(built) == clean_site


def test_an_output_edited_with_its_time_put_back_is_written_again(built, clean_site):
    page = built.site_dir / "methodologie.html"
    stat = page.stat()
    page.write_bytes(page.read_bytes().replace(b"<h1", b"<h2", 1))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert archive(built, "build").returncode == 0
    assert site_digests(built) == clean_site


def test_a_build_with_nothing_changed_still_sees_an_output_put_back_with_its_time(
    built, clean_site
):
    """The record that lets a build with nothing changed stop at once trusts no time."""
    assert archive(built, "build").returncode == 0  # the record made for this site/
    assert archive(built, "build").stderr.startswith("Nothing changed since the last build")
    page = built.site_dir / "a-propos.html"
    stat = page.stat()
    page.write_bytes(page.read_bytes().replace(b"<h1", b"<h2", 1))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    done = archive(built, "build")
    assert done.returncode == 0 and done.stderr.startswith("Built 2 articles")
    assert site_digests(built) == clean_site


def test_a_source_restored_with_an_older_time_is_built(built):
    """`cp -p`, `tar x`: a new stylesheet and a new page older than the site built before."""
    sources = [built.docs_dir / "assets" / "archive.css", built.docs_dir / "a-propos.md"]
    originals = [path.read_bytes() for path in sources]
    try:
        for path in sources:
            path.write_bytes(path.read_bytes() + b"\n<!-- ajout restaure-ancien -->\n")
            os.utime(path, (946_684_800, 946_684_800))  # 2000-01-01
        assert archive(built, "build").returncode == 0
        assert (built.site_dir / "assets" / "archive.css").read_bytes() == sources[0].read_bytes()
        assert b"ajout restaure-ancien" in (built.site_dir / "a-propos.html").read_bytes()
    finally:
        for path, original in zip(sources, originals, strict=True):
            path.write_bytes(original)


def test_files_the_build_did_not_produce_are_removed(built, clean_site):
    (built.site_dir / "stray.html").write_text("<script>alert(1)</script>")
    (built.site_dir / "articles" / "vieux.html").write_text("an article deleted long ago")
    (built.site_dir / "archive-hors-ligne.zip.part").write_bytes(b"PK\x03\x04 cut short")
    (built.site_dir / ".git").mkdir()  # hidden files stay, as MkDocs leaves them: a checkout
    (built.site_dir / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    done = archive(built, "build")
    assert done.returncode == 0
    assert (built.site_dir / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    shutil.rmtree(built.site_dir / ".git")
    assert site_digests(built) == clean_site


def test_a_cache_folder_that_cannot_be_made_is_done_without(tmp_path, clean_site):
    """$XDG_CACHE_HOME a file (as an unwritable home would be, for a user other than root):
    no store, no compiled templates, the lock taken on the project folder."""
    (tmp_path / "project").mkdir()
    project = _project(tmp_path / "project")
    (tmp_path / "not-a-folder").write_text("")
    command = [sys.executable, "-m", "build_tools", "--quiet", "build"]
    env = {**os.environ, "LANG": "en_US.UTF-8", "XDG_CACHE_HOME": str(tmp_path / "not-a-folder")}
    done = subprocess.run(
        command, cwd=project.root, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    (line,) = store_lines(done.stderr)
    assert line.startswith(f"{DAMAGED}{tmp_path / 'not-a-folder' / 'drone-archive'}/")
    assert site_digests(project) == clean_site
