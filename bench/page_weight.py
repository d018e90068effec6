"""Page weight: what a reader downloads for an incident page and its map.

Usage: python bench/page_weight.py   (`make bench-pages`)

Builds the shipped corpus into a temporary folder and prints, per incident, the page,
its map file, and the assets every map shares (loaded once, then cached): Leaflet, the
cluster plugin, topojson-client, the country borders and the archive's map script.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from build_tools.build import build
from build_tools.project import Project
from build_tools.write import GENERATED_DIRS

ROOT = Path(__file__).resolve().parents[1]
SHARED = [
    "assets/vendor/leaflet/leaflet.js",
    "assets/vendor/leaflet/leaflet.css",
    "assets/vendor/leaflet.markercluster/leaflet.markercluster.js",
    "assets/vendor/topojson-client/topojson-client.min.js",
    "cartes/frontieres.js",
    "assets/archive-map.js",
    "assets/archive-map.css",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(
            ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED_DIRS)
        )
        shutil.copytree(ROOT / "corpus", root / "corpus")
        project = Project(root)
        build(project, strict=True)
        site = project.site_dir
        print(f"{'incident':<40} {'page KB':>8} {'map KB':>7}")
        for page in sorted((site / "incidents").glob("*.html")):
            if page.name == "index.html":
                continue
            map_file = site / "cartes" / "incidents" / page.name
            map_kb = map_file.stat().st_size / 1024 if map_file.exists() else 0.0
            print(f"{page.stem:<40} {page.stat().st_size / 1024:>8.1f} {map_kb:>7.1f}")
        shared = sum((site / p).stat().st_size for p in SHARED) / 1024
        shared_names = ", ".join(Path(p).name for p in SHARED)
        print(f"shared map assets, loaded once: {shared:.0f} KB ({shared_names})")


if __name__ == "__main__":
    sys.exit(main())
