"""Dagster resources in one place: the warehouse, the pipeline settings, dbt.

Every setting has an env var (read when the code location loads) and can be overridden per run in
the launchpad under `resources:` (e.g. `resources: {settings: {config: {published_from: 2017-09-01}}}`):

| env var                              | setting              | default                               |
|--------------------------------------|----------------------|---------------------------------------|
| CONFLICT_ETL_WAREHOUSE               | (the DuckDB file)    | data/warehouse.duckdb                 |
| CONFLICT_ETL_SOURCES                 | sources_file         | pipelines/sample_corpus/sources.yaml  |
| CONFLICT_ETL_PUBLISHED_FROM / _TO    | published_from / _to | unset: every publication date         |
| CONFLICT_ETL_BATCH_SIZE              | batch_size           | 1000                                  |
| CONFLICT_ETL_MAX_EMPTY_TEXT_SHARE    | max_empty_text_share | 0.2                                   |
| CONFLICT_ETL_MAX_UNRESOLVED_SHARE    | max_unresolved_share | 0.3                                   |
| CONFLICT_ETL_STALE_SOURCE_DAYS       | stale_source_days    | 7                                     |
| CONFLICT_ETL_EXTRACT_AT_INGEST       | extract_at_ingest    | true (0/false/no/off: false)          |
| CONFLICT_ETL_START_DATE              | (first daily partition) | 2015-01-01                         |
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from importlib import metadata

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb import DuckDBResource
from packaging import version

from . import config, warehouse

# dbt lives next to this interpreter (the project's venv) even when that venv is not activated: put it on
# PATH for everything that starts dbt by name (dagster-dbt's project preparer, the dbt resource).
if not shutil.which("dbt") and os.path.exists(os.path.join(os.path.dirname(sys.executable), "dbt")):
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")

dbt_project = DbtProject(project_dir=config.DBT_PROJECT_DIR, profiles_dir=config.DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()

#: Every asset and check that touches DuckDB, and the dbt assets, run in this pool (limit 1 in
#: dagster.yaml, op granularity): DuckDB allows one writer process per file, so no two steps of any
#: two runs hold the file at once.
DUCKDB_POOL = "duckdb"

START_DATE_ENV = "CONFLICT_ETL_START_DATE"


class PipelineSettings(dg.ConfigurableResource):
    """What to read, which publication dates to process, and the thresholds of the data checks."""

    sources_file: str = str(config.sources_path())
    #: Rows per load transaction (and per normalize batch): 1,000 costs the single writer ~40 % less CPU per
    #: page than 200 (fewer DuckDB statements per page), for a few MB more held per batch.
    batch_size: int = 1000
    #: Only articles published in [published_from, published_to] (ISO dates, inclusive) go through
    #: extract/code/normalize in an unpartitioned run. Empty: all. Partitioned runs use their partitions.
    published_from: str = ""
    published_to: str = ""
    #: Check `empty_text_share` warns above this share of pages with no extractable text.
    max_empty_text_share: float = 0.2
    #: Check `unresolved_share` warns when more than this share of actor or place strings is unresolved.
    max_unresolved_share: float = 0.3
    #: Check `sources_still_publishing` warns when a source's newest article is older than this.
    stale_source_days: int = 7
    #: A large ingest extracts and codes its new pages in the same pass (pipelines.assets.ingest); off: the
    #: `articles` step does it all.
    extract_at_ingest: bool = True


@contextmanager
def open_warehouse(resource: DuckDBResource) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with the schema migrated, for the length of a `with` block."""
    with resource.get_connection() as conn:
        warehouse.migrate(conn)
        yield conn


def _flag(value: str) -> bool:
    return value.strip().lower() not in ("0", "false", "no", "off")


def settings_from_env(env: dict[str, str] | None = None) -> PipelineSettings:
    env = dict(os.environ if env is None else env)
    kw: dict[str, object] = {"sources_file": str(config.sources_path())}
    for field, var, cast in (
        ("published_from", "CONFLICT_ETL_PUBLISHED_FROM", str),
        ("published_to", "CONFLICT_ETL_PUBLISHED_TO", str),
        ("batch_size", "CONFLICT_ETL_BATCH_SIZE", int),
        ("max_empty_text_share", "CONFLICT_ETL_MAX_EMPTY_TEXT_SHARE", float),
        ("max_unresolved_share", "CONFLICT_ETL_MAX_UNRESOLVED_SHARE", float),
        ("stale_source_days", "CONFLICT_ETL_STALE_SOURCE_DAYS", int),
        ("extract_at_ingest", "CONFLICT_ETL_EXTRACT_AT_INGEST", _flag),
    ):
        if env.get(var):
            kw[field] = cast(env[var])
    return PipelineSettings(**kw)


class DbtCli(DbtCliResource):
    """dagster-dbt's resource, minus one dbt start per build: the dbt version comes from the installed
    dbt-core package instead of a `dbt --version` subprocess (~3 s here)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        try:
            return version.parse(metadata.version("dbt-core"))
        except metadata.PackageNotFoundError:  # dbt installed elsewhere (e.g. the Fusion engine): ask it
            return DbtCliResource._cli_version.func(self)


def make_resources() -> dict[str, object]:
    path = config.warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "duckdb": DuckDBResource(
            database=str(path),
            # DuckDB's cache defaults to 80% of RAM: a 50k-page ingest grew past 1.4 GB without a cap.
            connection_config={"memory_limit": os.environ.get("CONFLICT_ETL_DUCKDB_MEMORY", "512MB")},
        ),
        "settings": settings_from_env(),
        "dbt": DbtCli(project_dir=dbt_project, profiles_dir=str(config.DBT_PROJECT_DIR)),
    }
