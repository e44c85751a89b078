"""ingest: every source in the sources file -> raw.pages (new or changed bytes only) or quarantine."""

from __future__ import annotations

from datetime import datetime

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import warehouse
from ..extract import compress, sha256
from ..resources import DUCKDB_POOL, PipelineSettings, open_warehouse
from ..sources import Page, Quarantined, iter_source, load_sources_file, stable_id


@dg.asset(
    group_name="ingest",
    kinds={"python", "duckdb"},
    pool=DUCKDB_POOL,
    description="Raw HTML of every page the configured sources yield, zlib-compressed, with fetch "
    "status and feed metadata. Unchanged pages (same content hash) are skipped; failures go to "
    "raw.quarantine with a reason.",
)
def raw_pages(context: dg.AssetExecutionContext, duckdb: DuckDBResource, settings: PipelineSettings):
    sources = load_sources_file(settings.sources_file)
    now = datetime.now()
    with open_warehouse(duckdb) as conn:
        known = dict(conn.sql("SELECT page_id, content_hash FROM raw.pages").fetchall())
        counts = {"new": 0, "changed": 0, "unchanged": 0, "quarantined": 0}
        pages, quarantined = [], []

        def flush() -> None:
            frames = {}
            if pages:
                frames["pages"] = pl.DataFrame(pages)
            if quarantined:
                frames["quarantine"] = pl.DataFrame(quarantined)
            if frames:
                warehouse.load_batch(conn, frames)
            pages.clear()
            quarantined.clear()

        for source in sources.sources:
            for item in iter_source(source, sources.fetch):
                if isinstance(item, Quarantined):
                    counts["quarantined"] += 1
                    quarantined.append(
                        {"item_id": stable_id(item.url), "stage": "fetch", "source_name": item.source_name,
                         "url": item.url, "reason": item.reason, "detail": item.detail,
                         "first_seen": now, "last_seen": now}
                    )
                    continue
                assert isinstance(item, Page)
                page_id = stable_id(item.url)
                digest = sha256(item.body)
                if known.get(page_id) == digest:
                    counts["unchanged"] += 1
                    continue
                counts["changed" if page_id in known else "new"] += 1
                known[page_id] = digest
                pages.append(
                    {"page_id": page_id, "url": item.url, "source_name": item.source_name,
                     "fetched_at": item.fetched_at, "http_status": item.http_status,
                     "content_type": item.content_type, "content_hash": digest,
                     "html_zlib": compress(item.body), "feed_title": item.feed_title,
                     "feed_published": item.feed_published}
                )
                if len(pages) >= settings.batch_size:
                    flush()
        flush()
        total = conn.sql("SELECT count(*) FROM raw.pages").fetchall()[0][0]
    context.log.info(f"pages: {counts}")
    return dg.MaterializeResult(
        metadata={**{f"pages_{k}": v for k, v in counts.items()}, "dagster/row_count": total,
                  "sources": len(sources.sources)}
    )
