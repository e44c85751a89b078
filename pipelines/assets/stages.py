"""The work of the extract, code and normalize stages, without Dagster: each takes a read-write
DuckDB connection and a `Scope` (which publication dates, incremental or re-done) and returns counts.

The asset bodies only pick the scope, call these and describe the result, so that the way a stage
runs (batches in one process today; worker processes and a Parquet hand-off later) changes here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import polars as pl

from .. import normalize as norm
from .. import warehouse
from ..extract import EXTRACTOR_VERSION
from ..process import code_frame, default_coder
from .common import Scope


@dataclass
class StageCounts:
    done: int = 0
    produced: int = 0
    rejected: int = 0
    version: str = ""


# -- extract ---------------------------------------------------------------------------------------

_EXTRACT_PENDING = """
SELECT p.page_id, p.url, p.source_name, p.content_hash, p.html_zlib, p.feed_title, p.feed_published, p.charset
FROM raw.pages p LEFT JOIN raw.articles a ON a.article_id = p.page_id
WHERE (? OR a.article_id IS NULL OR a.content_hash <> p.content_hash OR a.extractor_version <> ?)
  AND {scope}
ORDER BY p.page_id
"""


def extract_pages(conn, scope: Scope, batch_size: int) -> StageCounts:
    """raw.pages -> raw.articles (trafilatura), or raw.quarantine (`empty_text`, `parse_error`).

    The per-page work is `pipelines.parallel.process_pages` (the same function the process pool runs).
    In a bounded scope the publication date is the stored article's, else the feed's: a page never
    extracted and listed by no feed has no date yet and is picked up by the next unpartitioned run."""
    from ..parallel import process_pages

    cond, params = scope.sql("coalesce(a.published, p.feed_published)")
    pending = conn.execute(_EXTRACT_PENDING.format(scope=cond), [scope.force, EXTRACTOR_VERSION, *params]).fetchall()
    now = datetime.now()
    counts = StageCounts(version=EXTRACTOR_VERSION)
    for start in range(0, len(pending), batch_size):
        frames = process_pages(pending[start : start + batch_size], code=False, now=now)
        if frames:
            warehouse.load_batch(conn, frames)
        counts.done += frames["articles"].height if "articles" in frames else 0
        counts.rejected += frames["quarantine"].height if "quarantine" in frames else 0
    return counts


# -- code ------------------------------------------------------------------------------------------

_CODE_PENDING = """
SELECT a.article_id, a.url, a.title, a.published, a.text, a.text_hash
FROM raw.articles a LEFT JOIN raw.coded_articles c USING (article_id)
WHERE (? OR c.article_id IS NULL OR c.text_hash <> a.text_hash OR c.coder_version <> ?)
  AND {scope}
ORDER BY a.article_id
"""


def code_articles(conn, scope: Scope, batch_size: int) -> StageCounts:
    """raw.articles -> raw.coded_mentions + raw.rejected_candidates (+ raw.coded_articles bookkeeping)."""
    coder = default_coder()
    now = datetime.now()
    cond, params = scope.sql("a.published")
    pending = conn.execute(_CODE_PENDING.format(scope=cond), [scope.force, coder.version, *params]).fetchall()
    cols = ["article_id", "url", "title", "published", "text", "text_hash"]
    counts = StageCounts(version=coder.version)
    for start in range(0, len(pending), batch_size):
        batch = pl.DataFrame(pending[start : start + batch_size], schema=cols, orient="row")
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
        counts.done += batch.height
        counts.produced += ev.height
        counts.rejected += result.rejected.height
    return counts


# -- normalize -------------------------------------------------------------------------------------


def load_actor_dictionary(conn) -> tuple[str, int, int]:
    """Replace raw.actors and raw.actor_alliances with the reference dictionary, in one go."""
    version = norm.dictionary_version()
    actors, alliances = norm.actor_frames()
    conn.execute("BEGIN TRANSACTION")
    conn.execute("DELETE FROM raw.actors")
    conn.execute("DELETE FROM raw.actor_alliances")
    conn.execute("COMMIT")
    warehouse.load_batch(
        conn,
        {"actors": actors.with_columns(pl.lit(version).alias("dictionary_version")),
         "actor_alliances": alliances.with_columns(pl.lit(version).alias("dictionary_version"))},
    )
    return version, actors.height, alliances.height


_NORMALIZE_PENDING = """
SELECT c.article_id FROM raw.coded_articles c JOIN raw.articles a USING (article_id)
WHERE (? OR c.dictionary_version IS DISTINCT FROM ? OR c.normalized_at IS NULL OR c.normalized_at < c.coded_at)
  AND {scope}
ORDER BY c.article_id
"""


def normalize_articles(conn, scope: Scope, batch_size: int) -> StageCounts:
    """raw.coded_mentions -> raw.event_mentions, raw.places, raw.unresolved_mentions (canonical actors,
    GeoNames places); every article whose dictionary version or coding changed, or in a re-done scope."""
    version = norm.dictionary_version()
    now = datetime.now()
    cond, params = scope.sql("a.published")
    pending = [r[0] for r in conn.execute(
        _NORMALIZE_PENDING.format(scope=cond), [scope.force, version, *params]).fetchall()]
    counts = StageCounts(version=version)
    for start in range(0, len(pending), batch_size):
        ids = pl.DataFrame({"article_id": pending[start : start + batch_size]})
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
            counts.produced += result.events.height
        frames["coded_articles"] = _mark_normalized(conn, ids, version, now)
        warehouse.load_batch(conn, frames, replace_for_articles=ids["article_id"].to_list())
        counts.done += ids.height
    return counts


def _mark_normalized(conn, ids: pl.DataFrame, version: str, now: datetime) -> pl.DataFrame:
    conn.register("_ids", ids)
    rows = conn.sql("SELECT c.* FROM raw.coded_articles c JOIN _ids USING (article_id)").pl()
    conn.unregister("_ids")
    return rows.with_columns(pl.lit(version).alias("dictionary_version"), pl.lit(now).alias("normalized_at"))
