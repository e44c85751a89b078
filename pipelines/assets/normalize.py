"""normalize: the actor dictionary into the warehouse, and coded mentions -> canonical actors and
GeoNames places (polars). When the dictionary changes, every past mention is re-resolved."""


from datetime import datetime

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import normalize as norm
from .. import warehouse
from ..resources import DUCKDB_POOL, PipelineSettings, open_warehouse
from .common import md_table


@dg.multi_asset(
    specs=[
        dg.AssetSpec("actor_dictionary", group_name="normalize", kinds={"python", "duckdb"},
                     description="Canonical actors (pipelines/reference): id, name, ACLED actor type, "
                     "country, parent."),
        dg.AssetSpec("actor_alliances", group_name="normalize", kinds={"python", "duckdb"},
                     description="Alliance memberships with valid_from/valid_to: a weekly count uses the "
                     "allegiance in force on the event date."),
    ],
    pool=DUCKDB_POOL,
)
def actor_dictionary(duckdb: DuckDBResource):
    version = norm.dictionary_version()
    actors, alliances = norm.actor_frames()
    with open_warehouse(duckdb) as conn:
        # The dictionary is small and authoritative: replace it whole, in one transaction.
        conn.execute("BEGIN TRANSACTION")
        conn.execute("DELETE FROM raw.actors")
        conn.execute("DELETE FROM raw.actor_alliances")
        conn.execute("COMMIT")
        warehouse.load_batch(
            conn,
            {"actors": actors.with_columns(pl.lit(version).alias("dictionary_version")),
             "actor_alliances": alliances.with_columns(pl.lit(version).alias("dictionary_version"))},
        )
    yield dg.MaterializeResult(asset_key="actor_dictionary", data_version=dg.DataVersion(version),
                               metadata={"dagster/row_count": actors.height, "dictionary_version": version})
    yield dg.MaterializeResult(asset_key="actor_alliances", data_version=dg.DataVersion(version),
                               metadata={"dagster/row_count": alliances.height})


_PENDING = """
SELECT article_id FROM raw.coded_articles
WHERE dictionary_version IS DISTINCT FROM ? OR normalized_at IS NULL OR normalized_at < coded_at
ORDER BY article_id
"""


@dg.multi_asset(
    specs=[
        dg.AssetSpec("event_mentions", group_name="normalize", kinds={"polars", "duckdb"},
                     deps=["coded_mentions", "actor_dictionary"],
                     description="Coded mentions with canonical actor ids and GeoNames places: the table "
                     "dbt builds fct_events from."),
        dg.AssetSpec("places", group_name="normalize", kinds={"polars", "duckdb"}, deps=["coded_mentions"],
                     description="Every place events refer to: GeoNames id, name, admin1, country, "
                     "coordinates, kind (town, governorate, country, feature)."),
        dg.AssetSpec("unresolved_mentions", group_name="normalize", kinds={"polars", "duckdb"},
                     deps=["coded_mentions"],
                     description="Actor and place strings that matched nothing in the dictionary or the "
                     "gazetteer, per article: the vocabulary to add next."),
    ],
    pool=DUCKDB_POOL,
)
def event_mentions(context: dg.AssetExecutionContext, duckdb: DuckDBResource, settings: PipelineSettings):
    version = norm.dictionary_version()
    now = datetime.now()
    done = 0
    with open_warehouse(duckdb) as conn:
        pending = [r[0] for r in conn.execute(_PENDING, [version]).fetchall()]
        for start in range(0, len(pending), settings.batch_size):
            ids = pl.DataFrame({"article_id": pending[start : start + settings.batch_size]})
            conn.register("_ids", ids)
            mentions = conn.sql("SELECT m.* FROM raw.coded_mentions m JOIN _ids USING (article_id)").pl()
            texts = conn.sql("SELECT article_id, text FROM raw.articles JOIN _ids USING (article_id)").pl()
            conn.unregister("_ids")
            # Always name the article-keyed tables, so their old rows for this batch are replaced.
            frames = {"event_mentions": pl.DataFrame(), "unresolved_mentions": pl.DataFrame()}
            if mentions.height:
                result = norm.normalize_events(mentions, norm.article_countries(texts))
                frames = {
                    "event_mentions": result.events.with_columns(pl.lit(version).alias("dictionary_version")),
                    "places": result.places,
                    "unresolved_mentions": result.unresolved.with_columns(pl.lit(now).alias("seen_at")),
                }
            frames["coded_articles"] = _mark_normalized(conn, ids, version, now)
            warehouse.load_batch(conn, frames, replace_for_articles=ids["article_id"].to_list())
            done += ids.height
        counts = warehouse.row_counts(conn)
        unresolved = conn.sql(
            "SELECT kind, raw_text, sum(mentions) AS mentions FROM raw.unresolved_mentions "
            "GROUP BY ALL ORDER BY mentions DESC, raw_text LIMIT 15"
        ).pl()
        newest = conn.sql(
            "SELECT m.event_type, a.name AS actor, t.name AS target, p.name AS place, m.event_date, "
            "m.fatalities, m.injured FROM raw.event_mentions m "
            "LEFT JOIN raw.actors a ON a.actor_id = m.actor_id LEFT JOIN raw.actors t ON t.actor_id = m.target_id "
            "LEFT JOIN raw.places p ON p.place_id = m.place_id ORDER BY m.event_date DESC NULLS LAST LIMIT 10"
        ).pl()
    context.log.info(f"normalized {done} articles with dictionary {version}")
    yield dg.MaterializeResult(asset_key="event_mentions", metadata={
        "articles_normalized": done, "dictionary_version": version,
        "dagster/row_count": counts["event_mentions"], "preview": dg.MetadataValue.md(md_table(newest))})
    yield dg.MaterializeResult(asset_key="places", metadata={"dagster/row_count": counts["places"]})
    yield dg.MaterializeResult(asset_key="unresolved_mentions", metadata={
        "dagster/row_count": counts["unresolved_mentions"], "top_unknown": dg.MetadataValue.md(md_table(unresolved))})


def _mark_normalized(conn, ids: pl.DataFrame, version: str, now: datetime) -> pl.DataFrame:
    conn.register("_ids", ids)
    rows = conn.sql("SELECT c.* FROM raw.coded_articles c JOIN _ids USING (article_id)").pl()
    conn.unregister("_ids")
    return rows.with_columns(pl.lit(version).alias("dictionary_version"), pl.lit(now).alias("normalized_at"))
