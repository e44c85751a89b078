# conflict-etl -- every target sets itself up: python3, pip and make are all a fresh machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH, else bootstrapped into .tools/ with pip (no install by hand).
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := $(CURDIR)/.tools/bin/uv
endif

export CONFLICT_ETL_WAREHOUSE ?= $(CURDIR)/data/warehouse.duckdb
export DAGSTER_HOME ?= $(CURDIR)/dagster_home
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1
export UV_NO_PROGRESS := 1

RUN := $(UV) run --frozen
DBT := $(RUN) dbt --quiet
DBT_DIRS := --project-dir dbt --profiles-dir dbt

.PHONY: help setup demo test bench dev lint docs clean browser redis

help:
	@echo "make demo   - set up, run the whole pipeline on the bundled sample corpus, print weekly strikes"
	@echo "make test   - set up, run all tests"
	@echo "make dev    - open the Dagster UI (dagster dev) on http://127.0.0.1:3000"
	@echo "make bench  - throughput and memory benchmarks"
	@echo "make docs   - dbt docs generate (offline); view with: make docs-serve"
	@echo "make lint   - ruff"

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

# --compile-bytecode: every process (Dagster steps, pool workers, dbt) would otherwise compile each module it
# imports from source again wherever .pyc files are not written (PYTHONDONTWRITEBYTECODE): seconds per process.
.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups --compile-bytecode
	@touch $@

dbt/target/manifest.json: .venv/.synced $(shell find dbt -name '*.sql' -o -name '*.yml' -o -name '*.yaml' 2>/dev/null | grep -v -e '^dbt/target' -e '^dbt/logs')
	$(DBT) parse $(DBT_DIRS)

setup: .venv/.synced dbt/target/manifest.json
	@$(RUN) python -m compileall -q pipelines >/dev/null

demo: setup
	$(RUN) conflict-etl refresh

test: setup redis browser
	$(RUN) pytest -q

# Headless Chromium for tests/test_ui_browser.py: apt-get when root and apt are available; never fails
# the build (the browser test skips with a message when Chromium is missing).
browser:
	-@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  ([ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	   (apt-get install -y -qq chromium chromium-driver || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)) \
	   >/dev/null 2>&1) || echo "chromium not installed: tests/test_ui_browser.py will skip"

# redis-server for the Celery executor test (tests/test_celery.py); never fails the build (the test skips).
redis:
	-@command -v redis-server >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq redis-server) >/dev/null 2>&1 || true

# make bench BENCH_ARGS="--scale 100000 --only synthetic"  (the memory run; see pipelines/bench/README.md)
bench: setup
	$(RUN) python -m pipelines.bench $(BENCH_ARGS)

dev: setup
	$(RUN) dagster dev -w workspace.yaml

docs: setup
	$(DBT) docs generate $(DBT_DIRS)
	@echo "open dbt/target/index.html, or: make docs-serve"

docs-serve: docs
	$(RUN) dbt docs serve $(DBT_DIRS) --port 8081

lint: setup
	$(RUN) ruff check pipelines tests
	$(RUN) ruff format --check pipelines tests

clean:
	rm -rf data/*.duckdb* dbt/target dbt/logs .pytest_cache
