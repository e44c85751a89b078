"""The Dagster code location: wires assets, checks, jobs, schedules, sensors and resources.

- `refresh` (job, schedule `daily_refresh`, sensor `feed_sensor`): everything, unpartitioned -- read the
  sources, extract/code/normalize what is new or changed, build the dbt marts, write the report.
- `reprocess` (job, daily partitions by publication date): re-do extract/code/normalize for the chosen
  days from the stored raw HTML, then the marts and the report once. Backfill a month from the job's
  Partitions tab (or select the assets and pick a date range): one run for the days (single-run
  backfill policy), then one run for the unpartitioned marts.
"""

import logging

import dagster as dg

from . import checks
from .assets import daily, extract, ingest, marts, normalize
from .resources import make_resources

log = logging.getLogger(__name__)

python_and_dbt = dg.load_assets_from_modules([ingest, extract, daily, normalize, marts])

refresh = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    description="Everything, incremental: read the sources, extract/code/normalize new or changed items, "
    "load, build the dbt marts (dbt tests as checks), run the Python checks, write report.html.",
    executor_def=dg.in_process_executor,
)

ingest = dg.define_asset_job(
    "ingest",
    selection=dg.AssetSelection.assets("raw_pages"),
    description="Read the sources into raw.pages (new or changed pages only) -- the first half of a gated "
    "refresh: `conflict-etl refresh` runs `process` after it only when there is work.",
    executor_def=dg.in_process_executor,
)

process = dg.define_asset_job(
    "process",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("raw_pages"),
    description="Everything after ingest, incremental: extract/code/normalize what is pending, the dbt marts "
    "(skipped when no raw table changed), the checks and the report.",
    executor_def=dg.in_process_executor,
)

reprocess = dg.define_asset_job(
    "reprocess",
    selection=dg.AssetSelection.assets("articles").downstream(),
    description="Re-do extract, code and normalize for articles published on the selected days (from stored "
    "raw HTML, no fetching), then rebuild the marts and the report once. Backfill date ranges from the UI.",
    executor_def=dg.in_process_executor,
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh", job=refresh, cron_schedule="0 6 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Every day at 06:00 UTC: the refresh job (new pages from every source, marts, report).",
)


def _sensors() -> list[dg.SensorDefinition]:
    """feed_sensor from pipelines/sensors.py (the sources engineer's), when present and importable."""
    try:
        from .sensors import feed_sensor
    except Exception as exc:  # a broken sensor module must not take the whole code location down
        log.warning("feed_sensor not loaded: %s", exc)
        return []
    return [feed_sensor]


defs = dg.Definitions(
    assets=python_and_dbt,
    asset_checks=checks.CHECKS,
    jobs=[refresh, ingest, process, reprocess],
    schedules=[daily_refresh],
    sensors=_sensors(),
    resources=make_resources(),
    # Also for the UI's "Materialize" and backfills: steps share one process (a new process per step costs
    # seconds of imports, and every step waits for the single DuckDB pool slot anyway).
    executor=dg.in_process_executor,
)
