"""marts: the dbt project (staging views, fct_events, weekly marts) as assets downstream of the
Python assets; dbt tests become asset checks. After `dbt build` the step reads the warehouse itself for
row counts, previews, the strikes chart and the events map. `report` writes the static HTML report."""


from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb as duckdb_lib
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from ..report import event_points, events_map_png, recent_strikes, strikes_chart_png, write_report
from ..report.data import admin1_centroids
from ..report.html import md_image
from ..resources import DUCKDB_POOL, dbt_project
from .common import md_table

#: Order previews of dbt tables by the first of these columns present, newest first.
_DATE_COLUMNS = ("week_start", "event_date", "published", "valid_from")


class Translator(DagsterDbtTranslator):
    """staging/intermediate models -> group `warehouse`, marts -> group `marts` (kinds: dbt, duckdb)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props.get("resource_type") == "source":
            return None
        fqn = dbt_resource_props.get("fqn") or []
        return "marts" if "marts" in fqn else "warehouse"


def warehouse_dir(duckdb: DuckDBResource) -> Path:
    return Path(duckdb.database).resolve().parent


def chart_metadata(conn, out_dir: Path) -> dict[str, dict[str, Any]]:
    """Extra metadata by dbt model: the strikes chart on strikes_per_faction_week, the map on fct_events;
    PNGs also written to `<warehouse dir>/charts/` (MetadataValue.path)."""
    charts = out_dir / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    strikes_png = strikes_chart_png(recent_strikes(conn))
    points = event_points(conn)
    map_png = events_map_png(points, admin1_centroids(conn))
    (charts / "strikes_per_faction_week.png").write_bytes(strikes_png)
    (charts / "events_map.png").write_bytes(map_png)
    return {
        "strikes_per_faction_week": {
            "chart": dg.MetadataValue.md(md_image(strikes_png, "strikes per faction per week, last 12 weeks")),
            "chart_file": dg.MetadataValue.path(str(charts / "strikes_per_faction_week.png")),
        },
        "fct_events": {
            "map": dg.MetadataValue.md(md_image(map_png, "event places")),
            "map_file": dg.MetadataValue.path(str(charts / "events_map.png")),
            "top_places": dg.MetadataValue.md(md_table(points, max_rows=10)),
        },
    }


def table_metadata(conn, tables: set[str]) -> dict[str, dict[str, Any]]:
    """Row count and a preview of the newest rows for each dbt table/view in `main`."""
    present = {r[0] for r in conn.sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    out: dict[str, dict[str, Any]] = {}
    for name in sorted(tables & present):
        cols = [r[0] for r in conn.sql(f'DESCRIBE main."{name}"').fetchall()]
        order = next((c for c in _DATE_COLUMNS if c in cols), None)
        by = f'ORDER BY "{order}" DESC NULLS LAST' if order else ""
        out[name] = {
            "dagster/row_count": conn.sql(f'SELECT count(*) FROM main."{name}"').fetchall()[0][0],
            "preview": dg.MetadataValue.md(md_table(conn.sql(f'SELECT * FROM main."{name}" {by} LIMIT 10').pl(),
                                                    max_chars=40)),
        }
    return out


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=DUCKDB_POOL,
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    # dbt runs as a subprocess holding the DuckDB write lock, so the metadata is read after it ends
    # (dagster-dbt's own fetch_row_counts opens DuckDB in-process through the adapter and keeps it).
    events = list(dbt.cli(["build"], context=context).stream())
    tables = {o.output_name for o in events if isinstance(o, dg.Output)}
    extra: dict[str, dict[str, Any]] = {}
    if tables:
        with duckdb.get_connection() as conn:
            extra = table_metadata(conn, tables)
            if tables & {"strikes_per_faction_week", "fct_events"}:
                for name, md in chart_metadata(conn, warehouse_dir(duckdb)).items():
                    if name in extra:
                        extra[name].update(md)
    for event in events:
        if isinstance(event, dg.Output) and event.output_name in extra:
            event = event.with_metadata({**event.metadata, **extra[event.output_name]})
        yield event


@dg.asset(
    group_name="marts",
    kinds={"python", "html"},
    deps=["strikes_per_faction_week", "fct_events", "events_by_admin1_week", "quarantine", "unresolved_mentions"],
    pool=DUCKDB_POOL,
    description="Static HTML report next to the warehouse (`<warehouse dir>/report.html`): the strikes chart, "
    "the event map and the main tables, for people without Dagster. Self-contained (images inline), offline.",
)
def report(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    path = warehouse_dir(duckdb) / "report.html"
    try:
        conn = duckdb_lib.connect(str(duckdb.database), read_only=True)
    except duckdb_lib.ConnectionException:
        # This process still has a read-write handle open (DuckDB forbids mixing the two in one
        # process): read through it instead. The pool keeps other processes' writers out either way.
        with duckdb.get_connection() as conn:
            write_report(conn, path, duckdb.database)
    else:
        try:
            write_report(conn, path, duckdb.database)
        finally:
            conn.close()
    context.log.info(f"report written to {path}")
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)),
                                          "bytes": path.stat().st_size})
