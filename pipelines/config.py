"""Paths and settings shared by the pipeline, the CLI and dbt -- read from env vars in one place."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
REFERENCE_DIR = PACKAGE_DIR / "reference"
SAMPLE_CORPUS_DIR = PACKAGE_DIR / "sample_corpus"
DBT_PROJECT_DIR = REPO_DIR / "dbt"

#: The one env var that sets the warehouse path; dbt/profiles.yml reads the same variable.
WAREHOUSE_ENV = "CONFLICT_ETL_WAREHOUSE"
#: The file name is kept fixed: dbt-duckdb names the database after the file stem.
DEFAULT_WAREHOUSE = REPO_DIR / "data" / "warehouse.duckdb"
SOURCES_ENV = "CONFLICT_ETL_SOURCES"
DEFAULT_SOURCES = SAMPLE_CORPUS_DIR / "sources.yaml"


def warehouse_path() -> Path:
    """The DuckDB file, absolute; exported back to the environment so dbt sees the same file."""
    path = Path(os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE).expanduser().resolve()
    os.environ[WAREHOUSE_ENV] = str(path)
    return path


def sources_path() -> Path:
    return Path(os.environ.get(SOURCES_ENV) or DEFAULT_SOURCES).expanduser().resolve()
