"""Vendored assets are what their README says they are."""

import hashlib
import re

from tests.conftest import REPO

VENDOR = REPO / "docs" / "assets" / "vendor"


def test_every_vendored_file_matches_its_recorded_checksum():
    table = (VENDOR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", table, flags=re.MULTILINE)
    assert rows, "the vendor README lists no file"
    for name, checksum in rows:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == checksum, name


def test_the_offline_shim_is_declared_so_material_does_not_fetch_it_from_unpkg():
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- assets/vendor/iframe-worker/shim.js" in config
    assert "unpkg" not in config.split("#", 1)[0]
