"""The archive plugin under `serve`: the generated pages follow the corpus while it is edited."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import REPO, article

ARTICLE = article(
    "Drones abattus au-dessus de Koursk",
    "Koursk, 3 juin 2025. Deux drones ont été abattus cette nuit, selon le gouverneur.\n",
    source="Agence",
    published="2025-06-03",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page_until(url: str, wanted: str, seconds: float) -> str:
    """The page at url once it contains `wanted`, or what it last was after `seconds`."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode()
        except (urllib.error.URLError, ConnectionError):
            text = ""
        if wanted in text:
            return text
        time.sleep(0.5)
    return text


@pytest.mark.e2e
def test_serve_writes_the_pages_again_when_an_article_is_edited(make_project):
    project = make_project({"2025/koursk.md": ARTICLE})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "build_tools", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/articles/koursk.html"
        assert "Drones abattus au-dessus de Koursk" in _page_until(url, "Koursk", 120)
        path = project.corpus_dir / "articles" / "2025" / "koursk.md"
        path.write_text(ARTICLE.replace("Drones abattus", "Trois drones abattus"), "utf-8")
        assert "Trois drones abattus au-dessus de Koursk" in _page_until(url, "Trois drones", 60)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors, errors
