"""The `refresh` job on Dagster's Celery executor: steps run on Celery workers (any number, any machine).

    defs           Definitions: the code location's assets, checks and resources + the job `celery_refresh`
    celery_refresh the `refresh` selection (every asset) with `executor_def=celery_executor`
    reconstructable_job()  what `dg.execute_job` needs: workers re-load the job from this module

Run config (the same block goes to the workers' YAML, `dagster-celery worker start -A dagster_celery.app -y`):

    execution: {config: {broker: "redis://127.0.0.1:6379/0", backend: "redis://127.0.0.1:6379/1"}}

Requirements: a persistent DAGSTER_HOME shared by the launching process and the workers (run/event storage;
with the `duckdb` pool limit of dagster_home/dagster.yaml the Celery loop runs DuckDB steps one at a time),
the same CONFLICT_ETL_* env vars, and the `celery` executable on PATH (.venv/bin). Production: PostgreSQL
run storage (dagster-postgres) and a warehouse several machines can write (see pipelines/bench/README.md).
"""

from __future__ import annotations

import dagster as dg
from dagster_celery import celery_executor

from .definitions import defs as _base

celery_refresh = dg.define_asset_job(
    "celery_refresh",
    selection=dg.AssetSelection.all(),
    description="The refresh job, each step a Celery task (Redis broker); same assets, checks and resources.",
    executor_def=celery_executor,
)

defs = dg.Definitions(
    assets=list(_base.assets or []),
    asset_checks=list(_base.asset_checks or []),
    jobs=[celery_refresh],
    resources=dict(_base.resources or {}),
)


def get_job() -> dg.JobDefinition:
    return defs.resolve_job_def("celery_refresh")


def reconstructable_job():
    """`dg.execute_job(reconstructable_job(), instance=..., run_config=...)`: workers load it by module path."""
    return dg.reconstructable(get_job)


def run_config(broker: str, backend: str) -> dict:
    return {
        "execution": {"config": {"broker": broker, "backend": backend}},
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
    }
