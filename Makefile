# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml client/pyproject.toml | sha256sum | cut -c1-12)

.PHONY: install neo4j run test bench lint typecheck pytest stop status logs seed schema reset domain client-models

WEB_STAMP := web/node_modules/.installed

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP): pyproject.toml client/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip install --quiet -e './client[networkx]'
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP) $(WEB_STAMP)

neo4j: install          ## provision (first time) and start the local Neo4j
	$(PY) -m neo4j_local start

run: install            ## Neo4j + schema + seed + API on 127.0.0.1:8000; Ctrl-C stops both
	scripts/run.sh

test: install           ## lint, type checks, then every test against a real Neo4j
	scripts/test.sh

bench: install          ## ingest and query benchmarks against their baselines -> BENCHMARKS.md
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m bench $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .

typecheck: install
	$(VENV)/bin/mypy

pytest: install
	$(VENV)/bin/pytest

domain: install         ## regenerate the files derived from graph/domain.yaml (and the client's models)
	$(PY) -m present.domain_docs
	$(PY) -m scripts.client_models

seed: install
	$(VENV)/bin/kg-seed

schema: install
	$(VENV)/bin/kg-schema apply

client-models: install  ## regenerate client/kg_client/models.py from the API's OpenAPI document
	$(PY) -m scripts.client_models

stop: install
	$(PY) -m neo4j_local stop

status: install
	$(PY) -m neo4j_local status

logs: install
	$(PY) -m neo4j_local logs

reset: install          ## stop the local Neo4j and delete its graph (jars and password stay)
	$(PY) -m neo4j_local reset

.PHONY: fuzz
FUZZ_SECONDS ?= 600
fuzz: install           ## the model-based API test and the race tests, random, for FUZZ_SECONDS (600)
	KG_FUZZ_SECONDS=$(FUZZ_SECONDS) $(VENV)/bin/pytest tests/test_stateful_api.py tests/test_races.py -p no:cacheprovider
