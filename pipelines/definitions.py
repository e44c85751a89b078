"""The Dagster code location: wires assets, jobs, schedules and resources. Nothing else lives here."""

from __future__ import annotations

import dagster as dg

from .assets import code, extract, ingest, marts, normalize
from .resources import make_resources

refresh = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    description="Everything: read the sources, extract, code, normalize, load, build the dbt marts.",
    executor_def=dg.in_process_executor,
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh", job=refresh, cron_schedule="0 6 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([ingest, extract, code, normalize, marts]),
    jobs=[refresh],
    schedules=[daily_refresh],
    resources=make_resources(),
)
