"""extract: raw.pages -> raw.articles with trafilatura, only for pages not yet extracted at this version."""


from datetime import datetime

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import warehouse
from ..extract import EXTRACTOR_VERSION, decompress, extract_html, sha256
from .common import md_table
from ..resources import DUCKDB_POOL, PipelineSettings, open_warehouse

_PENDING = """
SELECT p.page_id, p.url, p.source_name, p.content_hash, p.html_zlib, p.feed_title, p.feed_published,
       p.charset
FROM raw.pages p LEFT JOIN raw.articles a ON a.article_id = p.page_id
WHERE a.article_id IS NULL OR a.content_hash <> p.content_hash OR a.extractor_version <> ?
ORDER BY p.page_id
"""


@dg.asset(
    group_name="extract",
    kinds={"python", "duckdb"},
    deps=["raw_pages"],
    pool=DUCKDB_POOL,
    code_version=EXTRACTOR_VERSION,
    description="Main text, title, publication date, author, site name and language of each page "
    "(trafilatura). Pages with no main text are quarantined as `empty_text`, failures as `parse_error`.",
)
def articles(context: dg.AssetExecutionContext, duckdb: DuckDBResource, settings: PipelineSettings):
    now = datetime.now()
    done = quarantined = 0
    with open_warehouse(duckdb) as conn:
        pending = conn.execute(_PENDING, [EXTRACTOR_VERSION]).fetchall()
        for start in range(0, len(pending), settings.batch_size):
            rows, bad = [], []
            for page_id, url, source, content_hash, blob, feed_title, feed_published, charset in pending[
                start : start + settings.batch_size
            ]:
                reason, detail, ex = None, "", None
                try:
                    ex = extract_html(decompress(blob), url=url, charset=charset)
                    if ex is None:
                        reason = "empty_text"
                except Exception as exc:  # a bad page never stops the run
                    reason, detail = "parse_error", f"{type(exc).__name__}: {exc}"[:500]
                if ex is None:
                    bad.append({"item_id": page_id, "stage": "extract", "source_name": source, "url": url,
                                "reason": reason, "detail": detail, "first_seen": now, "last_seen": now})
                    continue
                rows.append(
                    {"article_id": page_id, "page_id": page_id, "url": url, "source_name": source,
                     "title": feed_title or ex.title, "published": feed_published or ex.published,
                     "author": ex.author, "sitename": ex.sitename, "language": ex.language,
                     "text": ex.text, "text_hash": sha256(ex.text), "content_hash": content_hash,
                     "extractor_version": EXTRACTOR_VERSION, "extracted_at": now}
                )
            frames = {"articles": pl.DataFrame(rows)} if rows else {}
            if bad:
                frames["quarantine"] = pl.DataFrame(bad)
            if frames:
                warehouse.load_batch(conn, frames)
            done += len(rows)
            quarantined += len(bad)
        total = conn.sql("SELECT count(*) FROM raw.articles").fetchall()[0][0]
        empty = conn.sql("SELECT count(*) FROM raw.quarantine WHERE stage = 'extract'").fetchall()[0][0]
    return dg.MaterializeResult(
        metadata={"extracted": done, "quarantined": quarantined, "dagster/row_count": total,
                  "quarantined_total": empty, "extractor_version": EXTRACTOR_VERSION}
    )


@dg.asset(
    group_name="extract",
    kinds={"duckdb"},
    deps=["raw_pages", "articles"],
    pool=DUCKDB_POOL,
    description="raw.quarantine: every URL or page that could not be fetched, parsed or coded, with a "
    "reason code. Nothing a source yields is dropped silently.",
)
def quarantine(duckdb: DuckDBResource):
    with open_warehouse(duckdb) as conn:
        by_reason = conn.sql(
            "SELECT stage, reason, count(*) AS n FROM raw.quarantine GROUP BY ALL ORDER BY n DESC"
        ).pl()
    return dg.MaterializeResult(
        metadata={"dagster/row_count": int(by_reason["n"].sum() or 0),
                  "by_reason": dg.MetadataValue.md(md_table(by_reason))}
    )
