"""Time to first search results on a built site opened from disk, network blocked.

Usage: python bench/search_timing.py SITE_DIR [--page PATH] [QUERY ...]   (`make bench-search`)

For each query, a fresh page opens SITE_DIR/PATH (default index.html) from file:// in headless
Chromium (every other request refused); as soon as the page is parsed (DOMContentLoaded: the
search box is there) the query is typed, as by a reader who searches at once. Two times,
min / median / max of 3 runs:
- first results: from the first key typed until the results (or "Aucun résultat") are
  shown: what the reader waits, index building included;
- from navigation: the same moment, counted from the start of navigation.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
#: Words that find every article, thousands of documents, a few pages; and one letter, the
#: first key of every word typed, which finds most documents of the site.
DEFAULT_QUERIES = ("drones", "defense", "aeroport", "Kupol", "a")
RUNS = 3


def time_query(browser, site: Path, page_path: str, query: str) -> tuple[float, float]:
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("file://") else route.abort()
        ),
    )
    page = context.new_page()
    page.goto((site / page_path).as_uri(), wait_until="domcontentloaded")
    box = page.locator("input.md-search__input")
    box.click()
    first_key = page.evaluate("performance.now()")
    box.press_sequentially(query)
    page.wait_for_function(
        "() => /trouvé|Aucun/.test(document.querySelector('.md-search-result__meta').textContent)",
        polling=5,
    )
    shown = page.evaluate("performance.now()")
    context.close()
    return (shown - first_key) / 1000, shown / 1000


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f} s"


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--page", default="index.html")
    parser.add_argument("queries", nargs="*", default=DEFAULT_QUERIES)
    args = parser.parse_intermixed_args()
    site = args.site.resolve()
    index = [p for p in (site / "search").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in index) / 1e6
    print(f"{site / args.page}: search index {size:.2f} MB in {len(index)} files")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for query in args.queries:
            runs = [time_query(browser, site, args.page, query) for _ in range(RUNS)]
            first_results = spread([r[0] for r in runs])
            results_shown = spread([r[1] for r in runs])
            print(
                f"  {query!r:<12} first results {first_results}"
                f"   (results shown at {results_shown} from navigation)"
            )
        browser.close()


if __name__ == "__main__":
    main()
