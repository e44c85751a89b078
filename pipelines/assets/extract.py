"""extract: raw.pages -> raw.articles with trafilatura (the `articles` part of the daily step in
daily.py), and the `quarantine` asset."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from ..extract import EXTRACTOR_VERSION
from ..resources import DUCKDB_POOL, open_warehouse
from .common import Scope, md_table, preview
from .stages import StageCounts, extract_pages

ARTICLES = dg.AssetSpec(
    "articles", group_name="extract", kinds={"python", "duckdb"}, deps=["raw_pages"],
    code_version=EXTRACTOR_VERSION,
    description="Main text, title, publication date, author, site name and language of each page "
    "(trafilatura), in raw.articles. Pages with no main text are quarantined as `empty_text`, failures as "
    "`parse_error`. Partition = publication day (re-extracted from stored HTML); unpartitioned = incremental. "
    "A large ingest extracts and codes its new pages in the same pass (`raw_pages` reports how many): "
    "`extracted` here counts this step's own pass.",
)


def extract(context, conn, scope: Scope, batch_size: int) -> tuple[dg.MaterializeResult, StageCounts]:
    """The `articles` result, and the counts of the coding done in the same pass (for `code`)."""
    counts, coded = extract_pages(conn, scope, batch_size)
    total = conn.sql("SELECT count(*) FROM raw.articles").fetchall()[0][0]
    newest = preview(conn, "SELECT published, source_name, title, language, length(text) AS chars, url "
                     "FROM raw.articles ORDER BY published DESC NULLS LAST, extracted_at DESC LIMIT 10")
    context.log.info(f"extract ({scope.describe()}): {counts.done} articles, {counts.rejected} quarantined")
    return dg.MaterializeResult(asset_key="articles", metadata={
        "extracted": counts.done, "quarantined": counts.rejected, "scope": scope.describe(),
        "dagster/row_count": total, "extractor_version": EXTRACTOR_VERSION, "preview": newest}), coded


@dg.asset(
    group_name="extract",
    kinds={"duckdb"},
    deps=["raw_pages", "articles"],
    pool=DUCKDB_POOL,
    description="raw.quarantine: every URL or page that could not be fetched, parsed or coded, with a "
    "reason code (stage fetch: http_404, timeout, missing_path...; stage extract: empty_text, parse_error). "
    "Nothing a source yields is dropped silently.",
)
def quarantine(duckdb: DuckDBResource):
    with open_warehouse(duckdb) as conn:
        by_reason = conn.sql(
            "SELECT stage, source_name, reason, count(*) AS n FROM raw.quarantine GROUP BY ALL ORDER BY n DESC"
        ).pl()
        newest = preview(conn, "SELECT last_seen, stage, source_name, reason, url, detail FROM raw.quarantine "
                         "ORDER BY last_seen DESC, item_id LIMIT 10")
    return dg.MaterializeResult(
        metadata={"dagster/row_count": int(by_reason["n"].sum() or 0),
                  "by_reason": dg.MetadataValue.md(md_table(by_reason, max_rows=30)), "preview": newest}
    )
