# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOCKS := requirements/dev.lock requirements/runtime.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml client/pyproject.toml $(LOCKS) | sha256sum | cut -c1-12)

.PHONY: install neo4j run test bench lint typecheck pytest stop status logs seed schema reset domain client-models lock images compose-up compose-down

WEB_STAMP := web/node_modules/.installed

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP): pyproject.toml client/pyproject.toml $(LOCKS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# exactly the locked versions, each checked against its hash; then the project itself
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(PY) -m pip install --quiet --no-deps -e . -e ./client
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP) $(WEB_STAMP)

neo4j: install          ## provision (first time) and start the local Neo4j
	$(PY) -m neo4j_local start

run: install            ## Neo4j + schema + seed + API on 127.0.0.1:8000; Ctrl-C stops both
	scripts/run.sh

test: install           ## lint, type checks, then every test against a real Neo4j
	scripts/test.sh

bench: install          ## ingest and query benchmarks against their baselines -> BENCHMARKS.md
	$(PY) -m bench $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .

typecheck: install
	$(VENV)/bin/mypy

pytest: install
	$(VENV)/bin/pytest

lock: install           ## re-resolve requirements/*.lock from the pyproject files (newest allowed versions)
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 \
	  --quiet --output-file requirements/runtime.lock
	$(VENV)/bin/uv pip compile pyproject.toml client/pyproject.toml --all-extras --generate-hashes \
	  --universal --python-version 3.11 --quiet --output-file requirements/dev.lock

domain: install         ## regenerate the files derived from graph/domain/domain.yaml (and the client's models)
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

images: install         ## the Neo4j and API images, built here from Debian's packages and the locked jars and wheels
	scripts/images.sh

compose-up: images      ## docker-compose.yml on the local images: Neo4j, Redis, seed, 2 API replicas, proxy on :8000
	scripts/compose.sh up

compose-down: install   ## stop the compose stack (the data volume stays; `make compose-down ARGS=-v` drops it)
	scripts/compose.sh down $(ARGS)

.PHONY: fuzz
FUZZ_SECONDS ?= 600
fuzz: install           ## the model-based API test and the race tests, random, for FUZZ_SECONDS (600)
	KG_FUZZ_SECONDS=$(FUZZ_SECONDS) $(VENV)/bin/pytest tests/end_to_end/test_stateful_api.py tests/writes/test_races.py \
	  tests/history/test_one_moment.py -p no:cacheprovider
