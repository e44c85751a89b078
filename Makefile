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

.PHONY: help setup demo test bench dev lint docs clean

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

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups
	@touch $@

dbt/target/manifest.json: .venv/.synced $(shell find dbt -name '*.sql' -o -name '*.yml' -o -name '*.yaml' 2>/dev/null | grep -v -e '^dbt/target' -e '^dbt/logs')
	$(DBT) parse $(DBT_DIRS)

setup: .venv/.synced dbt/target/manifest.json

demo: setup
	$(RUN) conflict-etl refresh

test: setup
	$(RUN) pytest -q

bench: setup
	$(RUN) python -m pipelines.bench

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
