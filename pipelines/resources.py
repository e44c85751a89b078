"""Dagster resources in one place: the warehouse, the pipeline settings, dbt."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb import DuckDBResource

from . import config, warehouse

dbt_project = DbtProject(project_dir=config.DBT_PROJECT_DIR, profiles_dir=config.DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()

#: Every asset that writes DuckDB, and the dbt assets, run in this pool (limit 1 in dagster.yaml):
#: DuckDB allows one writer process per file.
DUCKDB_POOL = "duckdb"


class PipelineSettings(dg.ConfigurableResource):
    """What to read and how much at a time. Env vars: CONFLICT_ETL_SOURCES, CONFLICT_ETL_WAREHOUSE."""

    sources_file: str = str(config.sources_path())
    batch_size: int = 200


@contextmanager
def open_warehouse(resource: DuckDBResource) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with the schema migrated, for the length of a `with` block."""
    with resource.get_connection() as conn:
        warehouse.migrate(conn)
        yield conn


def make_resources() -> dict[str, object]:
    path = config.warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "duckdb": DuckDBResource(database=str(path)),
        "settings": PipelineSettings(sources_file=str(config.sources_path())),
        "dbt": DbtCliResource(project_dir=dbt_project, profiles_dir=str(config.DBT_PROJECT_DIR)),
    }
