# The two commands: `make run` (set up and start the app) and `make test` (set up and pass every test).
# Everything installs into .venv; nothing outside this folder is touched except, for the browser
# tests, Debian's chromium package (installed with apt-get when it is missing).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
PYTEST_ARGS ?=

.PHONY: run test unit e2e bench lint migrate browser documents clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## Set up, migrate the embedded database (or DATABASE_URL) and start the app.
run: $(VENV)/.runtime
	$(BIN)/python -m core.store.migrate
	$(BIN)/python serve.py --server.port $(PORT)

migrate: $(VENV)/.runtime
	$(BIN)/python -m core.store.migrate

## Chromium for the browser tests (Debian's package; Playwright never downloads a browser here).
browser:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) >/dev/null \
	  || { echo "Could not install chromium; run: sudo apt-get install chromium"; exit 1; }; }

## LibreOffice and poppler for the render test (tests/core/test_documents_render.py): every export is
## converted to PDF and its text read as a reader gets it (Debian's packages, like chromium above).
documents:
	@command -v soffice >/dev/null && command -v pdftotext >/dev/null || { echo "Installing LibreOffice and poppler for the document render test..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui \
	    libreoffice-impress-nogui libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito) >/dev/null \
	  || { echo "Could not install LibreOffice; run: sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito"; exit 1; }; }

## axe-core (npm registry) for the accessibility checks in the browser journeys.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.14.1

## Every test: core, store, pages (AppTest) and the browser journeys.
test: $(VENV)/.dev browser documents $(AXE)
	$(BIN)/python -m pytest -n 2 --dist worksteal $(PYTEST_ARGS)

## Everything but the browser: the quick loop while working.
unit: $(VENV)/.dev
	$(BIN)/python -m pytest -n 2 -m "not e2e" $(PYTEST_ARGS)

## Only the browser journeys, in headless Chromium against `streamlit run`.
e2e: $(VENV)/.dev browser $(AXE)
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

## Speed next to bare references, interleaved (README "How fast it is"); the browser and room sections need
## Chromium; with TEST_DATABASE_URL set, PostgreSQL and two servers are measured too. BENCH_SECTIONS=pages,... for a part.
bench: $(VENV)/.dev browser
	$(BIN)/python -m bench.run

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
