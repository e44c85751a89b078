"""normalize: the actor dictionary into the warehouse (asset `actor_dictionary`), and coded mentions ->
canonical actors and GeoNames places with polars (the `normalize` part of the daily step in daily.py).
When the dictionary changes, every past mention is re-resolved."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from ..resources import DUCKDB_POOL, open_warehouse
from ..warehouse import row_counts
from .common import Scope, preview
from .stages import NORMALIZE_BATCH, load_actor_dictionary, normalize_articles


@dg.multi_asset(
    specs=[
        dg.AssetSpec("actor_dictionary", group_name="normalize", kinds={"python", "duckdb"},
                     description="Canonical actors (pipelines/reference) in raw.actors: id, name, ACLED actor "
                     "type, country, parent."),
        dg.AssetSpec("actor_alliances", group_name="normalize", kinds={"python", "duckdb"},
                     description="Alliance memberships with valid_from/valid_to: a weekly count uses the "
                     "allegiance in force on the event date."),
    ],
    pool=DUCKDB_POOL,
)
def actor_dictionary(duckdb: DuckDBResource):
    with open_warehouse(duckdb) as conn:
        version, n_actors, n_alliances = load_actor_dictionary(conn)
        actors = preview(conn, "SELECT actor_id, name, actor_type, country_iso3, parent_id FROM raw.actors "
                         "ORDER BY actor_id LIMIT 10")
        alliances = preview(conn, "SELECT actor_id, alliance, valid_from, valid_to FROM raw.actor_alliances "
                            "ORDER BY valid_from DESC NULLS LAST, actor_id LIMIT 10")
    yield dg.MaterializeResult(asset_key="actor_dictionary", data_version=dg.DataVersion(version),
                               metadata={"dagster/row_count": n_actors, "dictionary_version": version,
                                         "preview": actors})
    yield dg.MaterializeResult(asset_key="actor_alliances", data_version=dg.DataVersion(version),
                               metadata={"dagster/row_count": n_alliances, "preview": alliances})


SPECS = [
    dg.AssetSpec("event_mentions", group_name="normalize", kinds={"polars", "duckdb"},
                 deps=["coded_mentions", "actor_dictionary", "actor_alliances"],
                 description="Coded mentions with canonical actor ids and GeoNames places: the table "
                 "dbt builds fct_events from."),
    dg.AssetSpec("places", group_name="normalize", kinds={"polars", "duckdb"}, deps=["coded_mentions"],
                 description="Every place events refer to: GeoNames id, name, admin1, country, "
                 "coordinates, kind (town, governorate, country, feature)."),
    dg.AssetSpec("unresolved_mentions", group_name="normalize", kinds={"polars", "duckdb"},
                 deps=["coded_mentions", "actor_dictionary"],
                 description="Actor and place strings that matched nothing in the dictionary or the "
                 "gazetteer, per article: the vocabulary to add next."),
]


def normalize(context, conn, scope: Scope, batch_size: int) -> list[dg.MaterializeResult]:
    """`batch_size`: the pipeline's (pages); normalize batches are at least NORMALIZE_BATCH articles."""
    counts = normalize_articles(conn, scope, max(batch_size, NORMALIZE_BATCH))
    totals = row_counts(conn)
    unresolved = preview(conn, "SELECT kind, raw_text, sum(mentions) AS mentions, count(*) AS articles "
                         "FROM raw.unresolved_mentions GROUP BY ALL ORDER BY mentions DESC, raw_text LIMIT 15", 15)
    newest = preview(
        conn,
        "SELECT m.event_date, m.event_type, a.name AS actor, t.name AS target, p.name AS place, "
        "m.fatalities, m.injured FROM raw.event_mentions m "
        "LEFT JOIN raw.actors a ON a.actor_id = m.actor_id LEFT JOIN raw.actors t ON t.actor_id = m.target_id "
        "LEFT JOIN raw.places p ON p.place_id = m.place_id ORDER BY m.event_date DESC NULLS LAST, m.mention_id "
        "LIMIT 10")
    places = preview(conn, "SELECT p.name, p.feature_kind, p.admin1, p.country_iso3, p.latitude, p.longitude, "
                     "count(m.mention_id) AS mentions FROM raw.places p LEFT JOIN raw.event_mentions m "
                     "USING (place_id) GROUP BY ALL ORDER BY max(m.event_date) DESC NULLS LAST, p.name LIMIT 10")
    context.log.info(f"normalize ({scope.describe()}): {counts.done} articles with dictionary {counts.version}")
    return [
        dg.MaterializeResult(asset_key="event_mentions", metadata={
            "articles_normalized": counts.done, "dictionary_version": counts.version, "scope": scope.describe(),
            "dagster/row_count": totals["event_mentions"], "preview": newest}),
        dg.MaterializeResult(asset_key="places", metadata={"dagster/row_count": totals["places"], "preview": places}),
        dg.MaterializeResult(asset_key="unresolved_mentions", metadata={
            "dagster/row_count": totals["unresolved_mentions"], "top_unknown": unresolved}),
    ]
