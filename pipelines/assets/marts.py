"""marts: the dbt project (staging views, fct_events, weekly marts) as assets downstream of the
Python assets; dbt tests become asset checks. After `dbt build` the step reads the warehouse itself for
row counts, previews, the strikes chart and the events map. `report` writes the static HTML report."""


import hashlib
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb as duckdb_lib
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from .. import dbt_inprocess, warehouse
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


class DbtBuildConfig(dg.Config):
    """`force`: build even when no raw table changed since the last full build with this project."""

    force: bool = False


#: What the pipeline runs: unit tests (fixed fixtures, no warehouse data) run in `make test`, not on
#: every refresh -- dbt's advice for production builds.
DBT_BUILD_ARGS = ["build", "--exclude-resource-type", "unit_test"]


#: The tables the marts group builds; a build is only skipped when all are there.
MART_TABLES = {"fct_events", "strikes_per_faction_week", "events_by_admin1_week", "dyads_week"}


def build_key(conn) -> str:
    """The dbt project as parsed (models, tests, vars), the command and the raw tables' row counts (a
    write that bypassed `warehouse.load_batch` still shows): a change of any of them rebuilds."""
    digest = hashlib.sha256(Path(dbt_project.manifest_path).read_bytes())
    digest.update(" ".join(DBT_BUILD_ARGS).encode())
    digest.update(repr(sorted(warehouse.row_counts(conn).items())).encode())
    return digest.hexdigest()[:16]


def up_to_date(conn) -> tuple[bool, int, str]:
    """(nothing to build, the warehouse's change counter, the build key): the last full build saw this
    counter and this key, and left its marts in place."""
    key = build_key(conn)
    seq = warehouse.change_seq(conn)
    last = conn.sql("SELECT change_seq, build_key FROM raw.dbt_builds ORDER BY built_at DESC LIMIT 1").fetchall()
    present = {r[0] for r in conn.sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    return bool(last) and last[0] == (seq, key) and present >= MART_TABLES, seq, key


TRANSLATOR = Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=TRANSLATOR,
    pool=DUCKDB_POOL,
)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource, config: DbtBuildConfig
):
    # Nothing new since the last full build (same raw tables, same project): no dbt run at all, so a
    # refresh with nothing new costs the ingest check only. The models are skipped, not failed.
    with duckdb.get_connection() as conn:
        warehouse.migrate(conn)
        fresh, seq, key = up_to_date(conn)
    if fresh and not config.force:
        context.log.info(f"dbt build skipped: no raw table changed since the last build (change {seq})")
        return
    # dbt runs as a subprocess holding the DuckDB write lock, so the metadata is read after it ends
    # (dagster-dbt's own fetch_row_counts opens DuckDB in-process through the adapter and keeps it).
    t0 = time.perf_counter()
    # One target folder per warehouse (not one per run): dbt's partial parse file stays valid between
    # runs on the same warehouse, and target/ does not grow with every run.
    target = Path("target") / f"dagster-{hashlib.sha1(str(duckdb.database).encode()).hexdigest()[:10]}"
    # In this process on the project `dbt parse` saved (no second dbt start and parse); dagster-dbt's
    # subprocess when that parse cannot be used (pipelines.dbt_inprocess says why).
    events = dbt_inprocess.build(context, dbt_project, TRANSLATOR, DBT_BUILD_ARGS, target, duckdb.database)
    if events is None:
        events = list(dbt.cli(DBT_BUILD_ARGS, context=context, target_path=target).stream())
    seconds = time.perf_counter() - t0
    tables = {o.output_name for o in events if isinstance(o, dg.Output)}
    extra: dict[str, dict[str, Any]] = {}
    if tables:
        with duckdb.get_connection() as conn:
            extra = table_metadata(conn, tables)
            if tables & {"strikes_per_faction_week", "fct_events"}:
                for name, md in chart_metadata(conn, warehouse_dir(duckdb)).items():
                    if name in extra:
                        extra[name].update(md)
    if not context.is_subset:  # a full, successful build (dbt.cli raises on failure): remember it
        with duckdb.get_connection() as conn:
            conn.execute("INSERT INTO raw.dbt_builds VALUES (?, ?, ?, ?, ?)",
                         [datetime.now(), seq, key, " ".join(DBT_BUILD_ARGS), seconds])
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
