# One entry point for every task. A fresh machine needs only Python 3.11, git and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test test-fast lint serve check browser clean lock messages bench bench-20000 bench-extract bench-grouping bench-pages bench-search bench-hostile

# Install the project and its pinned dependencies into .venv (re-run when the pins change).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==24.3.1
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[test]'
	touch $(STAMP)

## Install everything and build site/ from the shipped corpus.
site: $(STAMP)
	$(BIN)/archive build --zip

## Install everything (Chromium included), lint, and run the whole test suite.
test: lint browser
	$(BIN)/python -m pytest

## The unit tests only, on every core: no browser, no full build.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not e2e" -n auto

## Format and lint checks (ruff, 100 columns) and the type checker (mypy).
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

## Live preview on http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/archive serve

check: $(STAMP)
	$(BIN)/archive check

## Extraction throughput on 1,000 articles, shipped corpus and development set (a benchmark, not a test).
bench-extract: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/extraction.py 1000
	PYTHONPATH=. $(BIN)/python bench/extraction.py 1000 --dev

## Grouping weights fitted on half the development set, checked on the other half.
bench-grouping: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/grouping_weights.py

## Build time, memory, sizes and incremental rebuild for 200, 1,000 and 5,000 synthetic articles,
## against MkDocs with and without the archive plugin.
bench: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/build.py 200 1000 5000

## The same at 20,000 articles, run apart: it is long.
bench-20000: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/build.py 20000

## Bounded work per input: extraction time against the numbers one article holds, and one
## article at the size cap added to a built project.
bench-hostile: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/hostile.py

## Time to first search results from disk: the shipped corpus and 1,000 synthetic articles.
bench-search: $(STAMP)
	$(BIN)/archive --quiet build
	PYTHONPATH=. $(BIN)/python bench/search_timing.py site entrepot Kupol Ijevsk aeroport
	PYTHONPATH=. $(BIN)/python bench/synthetic.py 1000 .bench/synthetic-1000
	$(BIN)/archive --quiet build --root .bench/synthetic-1000
	PYTHONPATH=. $(BIN)/python bench/search_timing.py .bench/synthetic-1000/site

## Weight of an incident page and its map (a benchmark, not a test).
bench-pages: $(STAMP)
	PYTHONPATH=. $(BIN)/python bench/page_weight.py

## Debian's Chromium and axe-core (npm, pinned in tests/axe/) for the browser tests;
## Playwright drives the system's Chromium and never downloads a browser.
browser:
	@sh scripts/ensure-browser-tools.sh

## Merge the command's messages into its French catalogue (Babel), to translate what is new.
messages: $(STAMP)
	$(BIN)/python -m build_tools.message_catalogue

## Refresh requirements.lock from the pins in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^pip==' > requirements.lock

clean:
	rm -rf site docs/articles docs/incidents docs/lieux docs/personnes docs/organisations docs/armes docs/cibles docs/cartes docs/etiquettes docs/_fragments docs/donnees/*.json docs/donnees/*.csv docs/donnees/*.geojson docs/feed.xml
