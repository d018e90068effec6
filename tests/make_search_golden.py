"""Write tests/data/search_golden.json: what Material's own search worker (lunr, building its
index in the browser from the whole index) finds for each golden query on the shipped corpus.

Usage: python -m tests.make_search_golden   (after a change of the hand-written pages or of
the shipped corpus: the scores of broad queries move with the words of the whole site)

The shipped project is built into a temporary folder with the index Material's worker
reads kept beside the archive's pieces; each query then goes to Material's worker, from
disk, as tests/test_search.py sends it to the archive's.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import build_tools.plugin.archive_plugin as plugin
from build_tools.build import build
from build_tools.plugin.prebuilt_search import material_worker
from tests.browsing import CHROMIUM, CHROMIUM_ARGS, OfflinePage
from tests.conftest import REPO, _copy_of_the_shipped_project
from tests.test_search import GOLDEN, results_from_disk

MATERIAL_INDEX = "material_index.json"


def main() -> None:
    pieces = plugin.SearchReuse.files

    def with_material_index(self, index, folder):
        """The pieces, and Material's own index beside them (kept in site/ as a piece)."""
        files = pieces(self, index, folder)
        self.names.append(MATERIAL_INDEX)
        return {**files, MATERIAL_INDEX: json.dumps(index)}

    plugin.SearchReuse.files = with_material_index  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        project = _copy_of_the_shipped_project(Path(folder))
        build(project, strict=True)
        index = json.loads((project.site_dir / "search" / MATERIAL_INDEX).read_text("utf-8"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = OfflinePage(browser)
            results = results_from_disk(page, project.site_dir, material_worker(), index)
            browser.close()
    golden = {
        "about": GOLDEN["about"],
        "results": {
            query: [[[location, round(score, 6)] for location, score in group] for group in groups]
            for query, groups in results.items()
        },
    }
    path = REPO / "tests" / "data" / "search_golden.json"
    path.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path}: {len(results)} queries")


if __name__ == "__main__":
    main()
