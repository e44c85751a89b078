"""code: raw.articles -> raw.coded_mentions + raw.rejected_candidates, for articles whose text or
coder version changed since they were last coded."""


from datetime import datetime

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import warehouse
from ..process import code_frame, default_coder
from ..resources import DUCKDB_POOL, PipelineSettings, open_warehouse
from .common import md_table

_PENDING = """
SELECT a.article_id, a.url, a.title, a.published, a.text, a.text_hash
FROM raw.articles a LEFT JOIN raw.coded_articles c USING (article_id)
WHERE c.article_id IS NULL OR c.text_hash <> a.text_hash OR c.coder_version <> ?
ORDER BY a.article_id
"""


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "coded_mentions", group_name="code", kinds={"python", "duckdb"}, deps=["articles"],
            description="Event mentions found by the coder, with raw actor/target/place strings and "
            "provenance (article, sentence, character offsets, coder version, confidence).",
        ),
        dg.AssetSpec(
            "rejected_candidates", group_name="code", kinds={"python", "duckdb"}, deps=["articles"],
            description="Sentences that looked like events but are threats, plans, denials, "
            "conditionals or background history, with the reason -- kept for inspection.",
        ),
    ],
    pool=DUCKDB_POOL,
)
def coded_mentions(context: dg.AssetExecutionContext, duckdb: DuckDBResource, settings: PipelineSettings):
    coder = default_coder()
    now = datetime.now()
    coded = events = rejected = 0
    with open_warehouse(duckdb) as conn:
        pending = conn.execute(_PENDING, [coder.version]).fetchall()
        cols = ["article_id", "url", "title", "published", "text", "text_hash"]
        for start in range(0, len(pending), settings.batch_size):
            batch = pl.DataFrame(pending[start : start + settings.batch_size], schema=cols, orient="row")
            result = code_frame(batch, coder)
            ev = result.events.with_columns(pl.lit(now).alias("coded_at"))
            per_article = (
                batch.select("article_id", "text_hash")
                .join(ev.group_by("article_id").len("events"), on="article_id", how="left")
                .join(result.rejected.group_by("article_id").len("rejected"), on="article_id", how="left")
                .with_columns(
                    pl.col("events").fill_null(0), pl.col("rejected").fill_null(0),
                    pl.lit(coder.version).alias("coder_version"), pl.lit(now).alias("coded_at"),
                )
            )
            warehouse.load_batch(
                conn,
                {"coded_mentions": ev, "rejected_candidates": result.rejected, "coded_articles": per_article},
                replace_for_articles=batch["article_id"].to_list(),
            )
            coded += batch.height
            events += ev.height
            rejected += result.rejected.height
        totals = dict(conn.sql(
            "SELECT 'coded_mentions', count(*) FROM raw.coded_mentions UNION ALL "
            "SELECT 'rejected_candidates', count(*) FROM raw.rejected_candidates"
        ).fetchall())
        newest = conn.sql(
            "SELECT event_type, actor_raw, target_raw, location_raw, event_date, evidence "
            "FROM raw.coded_mentions ORDER BY coded_at DESC, mention_id LIMIT 10"
        ).pl()
        reasons = conn.sql(
            "SELECT reason, count(*) AS n FROM raw.rejected_candidates GROUP BY 1 ORDER BY 2 DESC"
        ).pl()
    context.log.info(f"coded {coded} articles: {events} mentions, {rejected} rejected candidates")
    yield dg.MaterializeResult(
        asset_key="coded_mentions",
        metadata={"articles_coded": coded, "mentions_added": events, "coder_version": coder.version,
                  "dagster/row_count": totals["coded_mentions"], "preview": dg.MetadataValue.md(md_table(newest))},
    )
    yield dg.MaterializeResult(
        asset_key="rejected_candidates",
        metadata={"rejected_added": rejected, "dagster/row_count": totals["rejected_candidates"],
                  "by_reason": dg.MetadataValue.md(md_table(reasons))},
    )
