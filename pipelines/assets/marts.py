"""marts: the dbt project (staging views, fct_events, weekly marts) as assets downstream of the
Python assets; dbt tests become asset checks."""


from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_duckdb import DuckDBResource
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from ..resources import DUCKDB_POOL, dbt_project


class Translator(DagsterDbtTranslator):
    """staging/intermediate models -> group `warehouse`, marts -> group `marts`."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props.get("resource_type") == "source":
            return None
        fqn = dbt_resource_props.get("fqn") or []
        return "marts" if "marts" in fqn else "warehouse"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=DUCKDB_POOL,
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    # dbt runs as a subprocess holding the DuckDB write lock, so row counts are read after it ends
    # (dagster-dbt's own fetch_row_counts opens DuckDB in-process through the adapter and keeps it).
    events = list(dbt.cli(["build"], context=context).stream())
    tables = {o.output_name for o in events if isinstance(o, dg.Output)}
    counts: dict[str, int] = {}
    if tables:
        with duckdb.get_connection() as conn:
            present = {r[0] for r in conn.sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
            for name in tables & present:
                counts[name] = conn.sql(f'SELECT count(*) FROM main."{name}"').fetchall()[0][0]
    for event in events:
        if isinstance(event, dg.Output) and event.output_name in counts:
            event = event.with_metadata({**event.metadata, "dagster/row_count": counts[event.output_name]})
        yield event
